# Three roles, each with only what it needs:
# - flow task role: the code of a flow run; the raw bucket, nothing else in AWS.
# - execution role: ECS itself, to pull the image, write the log groups and read jobmine's secrets.
# - worker task role: the Prefect worker, to register task definitions, run and watch flow-run tasks, and
#   pass the two roles above to them.
locals {
  secret_arns = compact([
    var.database_url_secret_arn,
    var.openai_api_key_secret_arn,
    var.prefect_api_key_secret_arn,
  ])
}

data "aws_iam_policy_document" "ecs_tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "flow_task" {
  name               = "${var.name}-flow-task"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

data "aws_iam_policy_document" "raw_bucket" {
  statement {
    sid       = "ListRawBucket"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.raw.arn]
  }
  statement {
    sid       = "ReadWriteRawPayloads"
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["${aws_s3_bucket.raw.arn}/*"]
  }
}

resource "aws_iam_role_policy" "flow_task_raw_bucket" {
  name   = "raw-bucket"
  role   = aws_iam_role.flow_task.id
  policy = data.aws_iam_policy_document.raw_bucket.json
}

resource "aws_iam_role" "execution" {
  name               = "${var.name}-flow-execution"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

data "aws_iam_policy_document" "execution" {
  statement {
    sid       = "PullImage"
    actions   = ["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]
    resources = ["*"]
  }
  statement {
    sid       = "WriteLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.flows.arn}:*", "${aws_cloudwatch_log_group.worker.arn}:*"]
  }
  statement {
    sid       = "ReadJobmineSecrets"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = local.secret_arns
  }
}

resource "aws_iam_role_policy" "execution" {
  name   = "pull-logs-secrets"
  role   = aws_iam_role.execution.id
  policy = data.aws_iam_policy_document.execution.json
}

resource "aws_iam_role" "worker_task" {
  name               = "${var.name}-worker-task"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

data "aws_iam_policy_document" "worker" {
  statement {
    sid       = "ManageFlowRunTaskDefinitions"
    actions   = ["ecs:RegisterTaskDefinition", "ecs:DeregisterTaskDefinition", "ecs:DescribeTaskDefinition", "ecs:ListTaskDefinitions"]
    resources = ["*"] # these ECS actions do not support resource-level permissions
  }
  statement {
    sid       = "RunFlowRunTasks"
    actions   = ["ecs:RunTask", "ecs:StopTask", "ecs:DescribeTasks", "ecs:TagResource"]
    resources = ["*"]
    condition {
      test     = "ArnEquals"
      variable = "ecs:cluster"
      values   = [aws_ecs_cluster.this.arn]
    }
  }
  statement {
    sid       = "PassFlowRoles"
    actions   = ["iam:PassRole"]
    resources = [aws_iam_role.flow_task.arn, aws_iam_role.execution.arn]
  }
  statement {
    sid       = "FindNetwork"
    actions   = ["ec2:DescribeVpcs", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups"]
    resources = ["*"]
  }
  statement {
    sid       = "StreamFlowRunLogs"
    actions   = ["logs:GetLogEvents", "logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.flows.arn}:*", "${aws_cloudwatch_log_group.worker.arn}:*"]
  }
}

resource "aws_iam_role_policy" "worker" {
  name   = "run-flow-tasks"
  role   = aws_iam_role.worker_task.id
  policy = data.aws_iam_policy_document.worker.json
}
