"""The deployment infrastructure, checked offline: Kubernetes manifests and the k3s pool's Job against the
official Kubernetes schemas (kubeconform), the ECS pool's task definition as the ECS worker renders it,
the Terraform (fmt + tflint), the Dockerfile and the chart values against the pool definitions.

`terraform validate` is not run: it needs the AWS provider's schema, which comes from a registry this
machine cannot reach; tflint's Terraform language rules run without it."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml

from schemas.settings import REPO_ROOT
from tests.deploy.k8s_schemas import swagger_path, write_schemas
from tests.deploy.tools import kustomize_build, tool

INFRA = REPO_ROOT / "infra"
POOLS = INFRA / "pools"


@pytest.fixture(scope="module")
def kubeconform(tmp_path_factory: pytest.TempPathFactory):
    schemas = tmp_path_factory.mktemp("k8s-schemas")
    assert write_schemas(swagger_path(), schemas) > 100
    binary = tool("kubeconform")

    def run(manifests: str, workdir: Path) -> subprocess.CompletedProcess[str]:
        path = workdir / "manifests.yaml"
        path.write_text(manifests)
        location = f"{schemas}/{{{{ .ResourceKind }}}}{{{{ .KindSuffix }}}}.json"
        return subprocess.run(
            [binary, "-strict", "-summary", "-schema-location", location, str(path)],
            capture_output=True,
            text=True,
            timeout=120,
        )

    return run


def deployment_job_variables(pool: str) -> dict:
    """The job variables prefect.yaml gives the `pipeline` deployment (YAML anchors resolved)."""
    spec = yaml.safe_load((REPO_ROOT / "prefect.yaml").read_text())
    [dep] = [d for d in spec["deployments"] if d["entrypoint"].endswith(":pipeline")]
    return dep["work_pool"]["job_variables"]


def render(worker_config: type, pool: str) -> object:
    template = json.loads((POOLS / f"{pool}.json").read_text())
    return asyncio.run(worker_config.from_template_and_values(template, deployment_job_variables(pool)))


@pytest.mark.parametrize("overlay", ["base", "in-cluster"])
def test_k3s_manifests_match_the_kubernetes_schemas(kubeconform, overlay, tmp_path):
    result = kubeconform(kustomize_build(INFRA / "k3s" / overlay), tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Invalid: 0, Errors: 0, Skipped: 0" in result.stdout


def test_kubeconform_rejects_a_misspelt_field(kubeconform, tmp_path):
    bad = kustomize_build(INFRA / "k3s" / "in-cluster").replace("runAsNonRoot:", "runAsNonroot:", 1)
    result = kubeconform(bad, tmp_path)
    assert result.returncode != 0 and "runAsNonroot" in result.stdout


@pytest.mark.usefixtures("prefect_server")  # the worker resolves block references through the API
def test_k3s_pool_renders_a_valid_job(kubeconform, tmp_path):
    from prefect_kubernetes.worker import KubernetesWorkerJobConfiguration

    config = render(KubernetesWorkerJobConfiguration, "k3s")
    job = config.job_manifest
    container = job["spec"]["template"]["spec"]["containers"][0]
    assert container["image"].startswith("ghcr.io/jobmine/jobmine:")
    assert container["envFrom"] == [
        {"configMapRef": {"name": "jobmine-config"}},
        {"secretRef": {"name": "jobmine-secrets"}},
    ]
    assert container["resources"]["limits"] == {"cpu": "1", "memory": "2Gi"}
    assert job["spec"]["template"]["spec"]["serviceAccountName"] == "jobmine-flow"
    env = config.env
    assert env["JOBMINE_STAGE"] == "pipeline" and env["PREFECT_FLOWS_DEFAULT_RETRIES"] == "1"
    # the worker fills these at submit time (prepare_for_flow_run): give them values to validate the rest
    job["metadata"]["generateName"] = "jobmine-pipeline-"
    container["args"] = ["prefect", "flow-run", "execute"]
    container["env"] = [{"name": k, "value": v} for k, v in env.items()]
    result = kubeconform(yaml.safe_dump(job), tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.usefixtures("prefect_server")
def test_ecs_pool_renders_a_task_definition_with_secrets_and_roles():
    from prefect_aws.workers.ecs_worker import ECSJobConfiguration

    config = render(ECSJobConfiguration, "ecs")
    task = config.task_definition
    [container] = task["containerDefinitions"]
    assert container["image"].startswith("ghcr.io/jobmine/jobmine:")
    assert {s["name"] for s in container["secrets"]} == {
        "JOBMINE_DATABASE_URL",
        "JOBMINE_OPENSEARCH_URL",
        "JOBMINE_OPENAI_API_KEY",
    }
    assert all(s["valueFrom"].startswith("arn:aws:secretsmanager:") for s in container["secrets"])
    assert (task["cpu"], task["memory"]) == ("1024", "2048") or (task["cpu"], task["memory"]) == (1024, 2048)
    assert task["executionRoleArn"].endswith(":role/jobmine-flow-execution")
    assert config.task_run_request["overrides"]["taskRoleArn"].endswith(":role/jobmine-flow-task")
    assert config.env["JOBMINE_STAGE"] == "pipeline" and config.env["JOBMINE_RAW_STORE"].startswith("s3://")
    assert not any("sk-" in str(v) for v in config.env.values())  # no secret values in the pool


def test_pool_templates_cover_the_installed_workers():
    """A worker upgrade that adds a job variable shows up here, not as a failed flow run."""
    from prefect.workers.process import ProcessWorker
    from prefect_aws.workers.ecs_worker import ECSWorker
    from prefect_kubernetes.worker import KubernetesWorker

    from extractors.deploy.pool_template import placeholders

    specs = yaml.safe_load((POOLS / "pools.yaml").read_text())
    workers = {"process": ProcessWorker, "ecs": ECSWorker, "kubernetes": KubernetesWorker}
    assert set(specs) == {"local", "ecs", "k3s"}
    for name, spec in specs.items():
        template = json.loads((POOLS / spec["template"]).read_text())
        default = workers[spec["type"]].get_default_base_job_template()
        variables = set(template["variables"]["properties"])
        assert set(default["variables"]["properties"]) <= variables, name
        assert placeholders(template) <= variables, name


def test_terraform_is_formatted_and_lints_clean(tmp_path):
    terraform = shutil.which("terraform")
    if terraform:  # fmt needs no provider: it runs offline
        fmt = subprocess.run(
            [terraform, "fmt", "-check", "-recursive", str(INFRA / "ecs")], capture_output=True, text=True
        )
        assert fmt.returncode == 0, fmt.stdout + fmt.stderr
    tflint = tool("tflint")
    clean = subprocess.run([tflint, f"--chdir={INFRA / 'ecs'}"], capture_output=True, text=True, timeout=300)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    broken = tmp_path / "ecs"
    shutil.copytree(INFRA / "ecs", broken)
    with (broken / "variables.tf").open("a") as f:
        f.write('\nvariable "never_used" {\n  type = string\n}\n')
    dirty = subprocess.run([tflint, f"--chdir={broken}"], capture_output=True, text=True, timeout=300)
    assert dirty.returncode != 0 and "never_used" in dirty.stdout


def test_terraform_roles_stay_least_privilege():
    iam = (INFRA / "ecs" / "iam.tf").read_text()
    flow_task = iam[iam.index('data "aws_iam_policy_document" "raw_bucket"') :]
    flow_task = flow_task[: flow_task.index('resource "aws_iam_role_policy"')]
    assert set(re.findall(r'"(s3:\w+)"', flow_task)) == {"s3:ListBucket", "s3:GetObject", "s3:PutObject"}
    assert "aws_s3_bucket.raw.arn" in flow_task and '"*"' not in flow_task
    assert '"s3:*"' not in iam and '"iam:*"' not in iam and '"ecs:*"' not in iam


def test_dockerfile_is_multi_stage_slim_and_unprivileged():
    text = (INFRA / "Dockerfile").read_text()
    stages = re.findall(r"^FROM (\S+)", text, re.MULTILINE)
    assert len(stages) == 2 and all("-slim" in s for s in stages)
    users = re.findall(r"^USER (\S+)", text, re.MULTILINE)
    assert users and users[-1] not in ("root", "0")
    ignored = (REPO_ROOT / ".dockerignore").read_text().split()
    assert {".venv", ".jobmine", "data", "**/secrets.env"} <= set(ignored)


def dockerfile_copies(text: str) -> dict[str, list[str]]:
    """Per build stage, the build-context paths its COPY lines bring in (`COPY --from=...` excluded)."""
    copies: dict[str, list[str]] = {}
    stage = ""
    for line in text.splitlines():
        words = line.split()
        if words[:1] == ["FROM"]:
            stage = words[-1]
            copies[stage] = []
        elif words[:1] == ["COPY"] and not any(w.startswith("--from=") for w in words):
            copies[stage] += [w.rstrip("/") for w in words[1:-1] if not w.startswith("--")]
    return copies


def test_image_holds_the_wheel_and_deploy_files_but_no_tests_fakes_or_dev_services():
    """The build context is the repository root: no COPY may bring in tests/ (the fakes), infra/local (the
    dev services) or bench/, neither directly nor through a parent folder; every path copied exists, the
    wheel's packages are all copied into the build stage, and the runtime stage has what `jobmine deploy`
    and the workers read (prefect.yaml, its pools and their templates)."""
    copies = dockerfile_copies((INFRA / "Dockerfile").read_text())
    assert set(copies) == {"build", "runtime"}
    never = [Path("tests"), Path("infra/local"), Path("bench")]
    for source in (s for sources in copies.values() for s in sources):
        assert (REPO_ROOT / source).exists(), source
        path = Path(source)
        assert not any(
            path == bad or bad.is_relative_to(path) or path.is_relative_to(bad) for bad in never
        ), source
    assert "." not in copies["build"] + copies["runtime"]
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    packages = {p.rstrip("*") for p in project["packages"]["find"]["include"]}
    assert packages <= set(copies["build"]) and "pyproject.toml" in copies["build"]
    runtime = set(copies["runtime"])
    pools = yaml.safe_load((POOLS / "pools.yaml").read_text())
    assert runtime == {"prefect.yaml", "infra/pools"}  # the code comes from the wheel, nothing else
    assert all((POOLS / spec["template"]).is_file() for spec in pools.values())
    for dep in yaml.safe_load((REPO_ROOT / "prefect.yaml").read_text())["deployments"]:
        module = dep["entrypoint"].split(":")[0]
        assert "/" not in module and module.split(".")[0] in packages, module  # imported from the wheel
    ignored = set((REPO_ROOT / ".dockerignore").read_text().split())
    assert {"tests", "infra/local"} <= ignored


def test_worker_chart_values_poll_the_k3s_pool():
    values = yaml.safe_load((INFRA / "k3s" / "prefect-worker-values.yaml").read_text())
    pools = yaml.safe_load((POOLS / "pools.yaml").read_text())
    worker = values["worker"]
    assert worker["config"]["workPool"] == "k3s" and worker["config"]["type"] == pools["k3s"]["type"]
    assert worker["apiConfig"] == "selfHostedServer" and worker["selfHostedServerApiConfig"]["apiUrl"]
    assert worker["image"]["prefectTag"].endswith("-kubernetes")
