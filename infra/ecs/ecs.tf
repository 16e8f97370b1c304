resource "aws_ecs_cluster" "this" {
  name = var.name
  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

# Flow-run tasks and the worker: outbound only (ATS APIs, S3, RDS, OpenSearch, the Prefect API).
# Allow this group in the RDS and OpenSearch security groups (port 5432 and 443).
resource "aws_security_group" "tasks" {
  name        = "${var.name}-tasks"
  description = "jobmine worker and flow-run tasks"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "tasks_all" {
  security_group_id = aws_security_group.tasks.id
  description       = "outbound to ATS APIs, AWS services, RDS, OpenSearch, Prefect API"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

locals {
  worker_secrets = var.prefect_api_key_secret_arn == null ? [] : [
    { name = "PREFECT_API_KEY", valueFrom = var.prefect_api_key_secret_arn },
  ]
}

resource "aws_ecs_task_definition" "worker" {
  family                   = "${var.name}-worker"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.worker_task.arn
  container_definitions = jsonencode([{
    name      = "prefect-worker"
    image     = var.image
    essential = true
    command   = ["prefect", "worker", "start", "--pool", "ecs", "--type", "ecs"]
    environment = [
      { name = "PREFECT_API_URL", value = var.prefect_api_url },
      { name = "PREFECT_SERVER_ANALYTICS_ENABLED", value = "false" },
    ]
    secrets = local.worker_secrets
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.worker.name
        awslogs-region        = var.region
        awslogs-stream-prefix = "worker"
      }
    }
  }])
}

resource "aws_ecs_service" "worker" {
  name            = "${var.name}-prefect-worker"
  cluster         = aws_ecs_cluster.this.id
  task_definition = aws_ecs_task_definition.worker.arn
  desired_count   = 1
  launch_type     = "FARGATE"
  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = [aws_security_group.tasks.id]
    assign_public_ip = false
  }
}

# What every flow-run task gets: plain settings as environment, secrets by reference (the execution role
# reads them at start; they never pass through Prefect).
locals {
  flow_env = {
    JOBMINE_RAW_STORE      = "s3://${aws_s3_bucket.raw.bucket}/payloads"
    JOBMINE_OPENSEARCH_URL = var.opensearch_url
    JOBMINE_REPORTS_DIR    = "/tmp/reports"
    AWS_DEFAULT_REGION     = var.region
  }
  flow_secrets = concat(
    [{ name = "JOBMINE_DATABASE_URL", valueFrom = var.database_url_secret_arn }],
    var.openai_api_key_secret_arn == null ? [] : [{ name = "JOBMINE_OPENAI_API_KEY", valueFrom = var.openai_api_key_secret_arn }],
  )
}
