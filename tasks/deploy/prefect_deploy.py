"""Talking to the Prefect API for deployment: work pools from `infra/pools/`, credential blocks from the
environment, and `prefect deploy` over `prefect.yaml`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import yaml

from extractors.deploy.pool_template import with_defaults
from schemas.deploy import PoolSpec
from schemas.errors import ConfigError, JobmineError, ServiceUnavailable
from schemas.settings import Settings

POOLS = Path("infra") / "pools"


def project_root(project_dir: Path | None = None) -> Path:
    """The folder holding prefect.yaml and infra/pools/: `project_dir` if given, else the current one (a
    checkout, or /app in the image). Never the package's own folder: an installed wheel ships neither."""
    folder = (project_dir or Path.cwd()).resolve()
    missing = [str(p) for p in (Path("prefect.yaml"), POOLS / "pools.yaml") if not (folder / p).is_file()]
    if missing:
        raise ConfigError(
            f"{folder} has no {' or '.join(missing)}: run `jobmine deploy` from the project folder "
            "(a checkout, or /app in the image) or pass --project-dir"
        )
    return folder


def load_pool_specs(root: Path) -> dict[str, PoolSpec]:
    raw = yaml.safe_load((root / POOLS / "pools.yaml").read_text()) or {}
    return {name: PoolSpec(name=name, **body) for name, body in raw.items()}


def pool_template(root: Path, spec: PoolSpec, overrides: dict[str, Any]) -> dict[str, Any]:
    return with_defaults(json.loads((root / POOLS / spec.template).read_text()), overrides)


def ensure_pool(spec: PoolSpec, template: dict[str, Any]) -> str:
    """Create the pool, or bring an existing one to the repo's template; returns what was done."""
    from prefect.settings import PREFECT_API_URL

    try:
        return _ensure_pool(spec, template)
    except httpx.TransportError as exc:
        url = PREFECT_API_URL.value() or "an ephemeral server"
        raise ServiceUnavailable(
            "Prefect API", url, "start one (`prefect server start`) and set PREFECT_API_URL"
        ) from exc


def _ensure_pool(spec: PoolSpec, template: dict[str, Any]) -> str:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import WorkPoolCreate, WorkPoolUpdate
    from prefect.exceptions import ObjectNotFound

    with get_client(sync_client=True) as client:
        try:
            existing = client.read_work_pool(spec.name)
        except ObjectNotFound:
            existing = None
        if existing is not None and existing.type != spec.type:
            raise ConfigError(
                f"work pool {spec.name!r} exists with type {existing.type!r}, not {spec.type!r}: "
                "delete it (`prefect work-pool delete`) or pick another name"
            )
        if existing is None:
            client.create_work_pool(
                WorkPoolCreate(
                    name=spec.name,
                    type=spec.type,
                    description=spec.description,
                    base_job_template=template,
                    concurrency_limit=spec.concurrency_limit,
                )
            )
            return "created"
        client.update_work_pool(
            spec.name,
            WorkPoolUpdate(
                description=spec.description,
                base_job_template=template,
                concurrency_limit=spec.concurrency_limit,
            ),
        )
        return "updated"


def save_blocks(settings: Settings) -> list[str]:
    """Credential blocks from the environment (never from files): the OpenAI key as a `Secret`, AWS keys
    as `AwsCredentials`, and the raw bucket as an `S3Bucket`. Only what the environment holds is saved."""
    from prefect.blocks.system import Secret
    from prefect_aws import AwsCredentials, S3Bucket
    from prefect_aws.client_parameters import AwsClientParameters

    saved: list[str] = []
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
    if key:
        Secret(value=key).save("jobmine-openai-api-key", overwrite=True)
        saved.append("secret/jobmine-openai-api-key")
    if not os.environ.get("AWS_ACCESS_KEY_ID"):
        return saved
    params = AwsClientParameters(endpoint_url=settings.s3_endpoint_url) if settings.s3_endpoint_url else None
    creds = AwsCredentials(
        aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY"),
        region_name=settings.s3_region,
        **({"aws_client_parameters": params} if params else {}),
    )
    creds.save("jobmine-aws", overwrite=True)
    saved.append("aws-credentials/jobmine-aws")
    if settings.raw_store.startswith("s3://"):
        bucket, _, folder = settings.raw_store.removeprefix("s3://").partition("/")
        S3Bucket(bucket_name=bucket, bucket_folder=folder, credentials=creds).save(
            "jobmine-raw", overwrite=True
        )
        saved.append("s3-bucket/jobmine-raw")
    return saved


def run_prefect_deploy(root: Path, pool: str, names: list[str], timeout_s: float = 600) -> str:
    """`prefect --no-prompt deploy` over prefect.yaml, every deployment or the named ones, onto `pool`."""
    args = ["--all"] if not names else [arg for name in names for arg in ("--name", name)]
    env = os.environ | {"JOBMINE_WORK_POOL": pool}
    proc = subprocess.run(
        [sys.executable, "-m", "prefect", "--no-prompt", "deploy", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout_s,
        check=False,
    )
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-15:])
        raise JobmineError(f"`prefect deploy` failed (exit {proc.returncode}):\n{tail}")
    return proc.stdout


def deployments_on(pool: str) -> list[str]:
    """`flow/deployment` names the pool now holds."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import WorkPoolFilter, WorkPoolFilterName

    with get_client(sync_client=True) as client:
        found = client.read_deployments(work_pool_filter=WorkPoolFilter(name=WorkPoolFilterName(any_=[pool])))
        flows = {f.id: f.name for f in client.read_flows()}
    return sorted(f"{flows.get(d.flow_id, d.flow_id)}/{d.name}" for d in found)
