"""`jobmine deploy --pool local|ecs|k3s`: create what is missing on the Prefect server and deploy."""

from __future__ import annotations

import json

import typer

from flows.cli.common import choice, cli
from schemas.deploy import POOL_NAMES, DeployResult
from schemas.errors import ConfigError


def register(app: typer.Typer) -> None:
    app.command("deploy", rich_help_panel="Deploy")(deploy)


def deploy(
    ctx: typer.Context,
    pool: str = typer.Option(
        ..., callback=choice(*POOL_NAMES), help=f"work pool (see infra/pools/): {', '.join(POOL_NAMES)}"
    ),
    assignments: list[str] = typer.Option(
        [],
        "--set",
        metavar="NAME=VALUE",
        help="job variable default for this pool (image, cluster, task_role_arn, namespace, ...)",
    ),
    name: list[str] = typer.Option([], help="deploy only FLOW/DEPLOYMENT, repeatable"),
    blocks: bool = typer.Option(False, "--blocks", help="save credential blocks from the environment"),
    pool_only: bool = typer.Option(False, "--pool-only", help="create or update the pool, deploy nothing"),
    print_template: bool = typer.Option(
        False, "--print-template", help="print the pool's job template and stop"
    ),
) -> None:
    """Create the work pool if missing and deploy prefect.yaml onto it."""
    from extractors.deploy.pool_template import parse_assignments, with_env
    from tasks.deploy import prefect_deploy

    run = cli(ctx)
    root = prefect_deploy.project_root()
    specs = prefect_deploy.load_pool_specs(root)
    if pool not in specs:
        raise ConfigError(f"pool {pool!r} is not described in infra/pools/pools.yaml")
    spec = specs[pool]
    template = prefect_deploy.pool_template(root, spec, parse_assignments(assignments))
    if spec.type == "process":  # flow runs of a process worker start in this project folder
        template = with_env(template, {"JOBMINE_WORKDIR": str(root)})
    if print_template:
        print(json.dumps(template, indent=2))
        return
    result = DeployResult(pool=spec.name, pool_action=prefect_deploy.ensure_pool(spec, template))
    if blocks:
        result.blocks = prefect_deploy.save_blocks(run.settings)
    if not pool_only:
        prefect_deploy.run_prefect_deploy(root, spec.name, name)
        result.deployments = prefect_deploy.deployments_on(spec.name)
    lines = [f"work pool {result.pool}: {result.pool_action}"]
    lines += [f"block {block}: saved" for block in result.blocks]
    lines += [f"deployment {d}: on pool {result.pool}" for d in result.deployments]
    run.emit(result.model_dump_json(indent=2), "\n".join(lines))
