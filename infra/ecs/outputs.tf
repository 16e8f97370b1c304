output "raw_store" {
  description = "JOBMINE_RAW_STORE for flow runs."
  value       = "s3://${aws_s3_bucket.raw.bucket}/payloads"
}

output "deploy_command" {
  description = "Creates (or updates) the `ecs` work pool with this stack's names and deploys prefect.yaml onto it."
  value = join(" ", [
    "jobmine deploy --pool ecs",
    "--set image=${var.image}",
    "--set cluster=${aws_ecs_cluster.this.name}",
    "--set task_role_arn=${aws_iam_role.flow_task.arn}",
    "--set execution_role_arn=${aws_iam_role.execution.arn}",
    "--set vpc_id=${var.vpc_id}",
    "--set 'network_configuration=${jsonencode({ subnets = var.subnet_ids, securityGroups = [aws_security_group.tasks.id], assignPublicIp = "DISABLED" })}'",
    "--set 'cloudwatch_logs_options=${jsonencode({ awslogs-group = aws_cloudwatch_log_group.flows.name, awslogs-region = var.region, awslogs-stream-prefix = "flow" })}'",
    "--set 'secrets=${jsonencode(local.flow_secrets)}'",
    "--set 'env=${jsonencode(local.flow_env)}'",
  ])
}
