"""The one settings object: built at the entry point, passed down, never read at import."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[1]


class Settings(BaseSettings):
    """Every knob of jobmine; each one can be set as `JOBMINE_<NAME>` in the environment."""

    model_config = SettingsConfigDict(env_prefix="JOBMINE_", env_file=None, extra="ignore")

    # Local state and outputs.
    state_dir: Path = Field(
        REPO_ROOT / ".jobmine", description="Where `jobmine services` keeps data and logs."
    )
    reports_dir: Path = Field(REPO_ROOT / "reports", description="Where run reports are written.")
    prompts_dir: Path = Field(REPO_ROOT / "prompts", description="Versioned prompt files.")

    # Services. An explicit URL means "someone else runs it": `services up` leaves it alone.
    database_url: str | None = Field(None, description="PostgreSQL URL; unset means the local cluster.")
    opensearch_url: str | None = Field(None, description="OpenSearch URL; unset means the local node.")
    pg_port: int = Field(54329, description="Port of the local PostgreSQL cluster.")
    opensearch_port: int = Field(9209, description="HTTP port of the local OpenSearch node.")
    opensearch_version: str = Field(
        "2.19.1", description="OpenSearch distribution fetched from Maven Central."
    )
    opensearch_heap: str = Field("512m", description="JVM heap of the local OpenSearch node.")
    service_user: str = Field("jobmine", description="Unprivileged user that runs local services when root.")

    # Raw payload store.
    raw_store: str = Field("file://./data/raw", description="file://PATH or s3://bucket/prefix.")
    s3_endpoint_url: str | None = Field(None, description="Endpoint of an S3-compatible store (MinIO, ...).")
    s3_region: str = Field("us-east-1", description="Region for the S3 client.")

    # Search index.
    index_alias: str = Field("jobmine-jobs", description="Alias that searches read from.")

    # ATS endpoints (tests and the demo point these at a local server).
    greenhouse_api_url: str = Field(
        "https://boards-api.greenhouse.io", description="Greenhouse job board API."
    )
    lever_api_url: str = Field("https://api.lever.co", description="Lever postings API.")

    # HTTP politeness.
    contact: str = Field("jobmine@example.org", description="Contact address sent in the User-Agent.")
    http_timeout_s: float = Field(20.0, description="Per-request timeout in seconds.")
    fetch_concurrency: int = Field(5, description="Boards fetched at once.")

    # LLM tiers (off until configured).
    openai_api_key: SecretStr | None = Field(None, description="Key for tier 2; unset means tier 2 is off.")

    @property
    def pg_dsn(self) -> str:
        return self.database_url or f"postgresql://jobmine@127.0.0.1:{self.pg_port}/jobmine"

    @property
    def os_url(self) -> str:
        return self.opensearch_url or f"http://127.0.0.1:{self.opensearch_port}"

    @property
    def user_agent(self) -> str:
        from importlib.metadata import version

        return f"jobmine/{version('jobmine')} (+{self.contact})"
