"""Contracts of deployment: the work pools described in `infra/pools/pools.yaml`."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

POOL_NAMES: tuple[str, ...] = ("local", "ecs", "k3s")


class PoolSpec(BaseModel):
    """One work pool: its worker type, base job template file and limits."""

    name: str = Field(description="Work pool name; deployments pick it through JOBMINE_WORK_POOL.")
    type: Literal["process", "ecs", "kubernetes"] = Field(description="Prefect worker type.")
    template: str = Field(description="Base job template file, relative to infra/pools/.")
    concurrency_limit: int | None = Field(None, ge=0, description="Flow runs at once on this pool.")
    description: str = ""


class DeployResult(BaseModel):
    """What `jobmine deploy` did."""

    pool: str
    pool_action: Literal["created", "updated"]
    deployments: list[str] = Field(default_factory=list)
    blocks: list[str] = Field(default_factory=list)
