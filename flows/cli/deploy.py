"""`jobmine deploy --pool local|ecs|k3s`: create what is missing on the Prefect server and deploy."""

from __future__ import annotations

import argparse
import json

from schemas.deploy import POOL_NAMES, DeployResult
from schemas.errors import ConfigError
from schemas.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("deploy", help="create the work pool if missing and deploy prefect.yaml onto it")
    p.add_argument("--pool", required=True, choices=POOL_NAMES, help="work pool (see infra/pools/)")
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="job variable default for this pool (image, cluster, task_role_arn, namespace, ...)",
    )
    p.add_argument("--name", action="append", default=[], help="deploy only FLOW/DEPLOYMENT, repeatable")
    p.add_argument("--blocks", action="store_true", help="save credential blocks from the environment")
    p.add_argument("--pool-only", action="store_true", help="create or update the pool, deploy nothing")
    p.add_argument("--print-template", action="store_true", help="print the pool's job template and stop")
    p.set_defaults(func=_deploy)


def _deploy(args: argparse.Namespace, settings: Settings) -> int:
    from extractors.deploy.pool_template import parse_assignments, with_env
    from tasks.deploy import prefect_deploy

    root = prefect_deploy.project_root()
    specs = prefect_deploy.load_pool_specs(root)
    if args.pool not in specs:
        raise ConfigError(f"pool {args.pool!r} is not described in infra/pools/pools.yaml")
    spec = specs[args.pool]
    template = prefect_deploy.pool_template(root, spec, parse_assignments(args.set))
    if spec.type == "process":  # flow runs of a process worker start in this project folder
        template = with_env(template, {"JOBMINE_WORKDIR": str(root)})
    if args.print_template:
        print(json.dumps(template, indent=2))
        return 0
    result = DeployResult(pool=spec.name, pool_action=prefect_deploy.ensure_pool(spec, template))
    if args.blocks:
        result.blocks = prefect_deploy.save_blocks(settings)
    if not args.pool_only:
        prefect_deploy.run_prefect_deploy(root, spec.name, args.name)
        result.deployments = prefect_deploy.deployments_on(spec.name)
    print(f"work pool {result.pool}: {result.pool_action}")
    for block in result.blocks:
        print(f"block {block}: saved")
    for name in result.deployments:
        print(f"deployment {name}: on pool {result.pool}")
    return 0
