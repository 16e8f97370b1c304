variable "region" {
  description = "AWS region for every resource."
  type        = string
  default     = "us-east-1"
}

variable "name" {
  description = "Prefix of every resource name."
  type        = string
  default     = "jobmine"
}

variable "image" {
  description = "jobmine image (infra/Dockerfile) for flow runs and the worker, e.g. <account>.dkr.ecr.<region>.amazonaws.com/jobmine:<tag>."
  type        = string
}

variable "raw_bucket_name" {
  description = "Name of the S3 bucket that keeps raw ATS payloads (globally unique)."
  type        = string
}

variable "vpc_id" {
  description = "VPC the worker and flow-run tasks run in (the one that reaches RDS and OpenSearch)."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets (with a NAT route to the ATS APIs) for the worker and flow-run tasks."
  type        = list(string)
}

variable "prefect_api_url" {
  description = "Prefect API URL the worker polls, e.g. https://prefect.example.org/api."
  type        = string
}

variable "prefect_api_key_secret_arn" {
  description = "Secrets Manager ARN holding PREFECT_API_KEY (Prefect Cloud), or null for a server without auth."
  type        = string
  default     = null
}

variable "database_url_secret_arn" {
  description = "Secrets Manager ARN holding JOBMINE_DATABASE_URL (RDS PostgreSQL, postgresql://user:pass@host:5432/jobmine)."
  type        = string
}

variable "opensearch_url" {
  description = "OpenSearch domain endpoint, e.g. https://vpc-jobmine-xxxx.us-east-1.es.amazonaws.com."
  type        = string
}

variable "openai_api_key_secret_arn" {
  description = "Secrets Manager ARN holding JOBMINE_OPENAI_API_KEY, or null to keep the OpenAI tier off."
  type        = string
  default     = null
}

variable "log_retention_days" {
  description = "Days CloudWatch keeps worker and flow-run logs."
  type        = number
  default     = 30
}
