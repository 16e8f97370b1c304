"""The one settings object: built at the entry point, passed down, never read at import.

Defaults work the same from a checkout and from an installed wheel: local state and reports live under
the current working directory when the settings are built (like the raw store's `file://./data/raw`), so
`jobmine` run from the project folder keeps `.jobmine/` and `reports/` there, and an installed package
never writes into site-packages. Prompts ship inside the package (`prompts/*.md`, read through
importlib.resources); `JOBMINE_PROMPTS_DIR` points at another folder of them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, field_serializer, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

# The checkout this code runs from: only tests and checkout-only tooling may use it, never a default
# (in an installed wheel it is site-packages).
REPO_ROOT = Path(__file__).resolve().parents[1]


class Settings(BaseSettings):
    """Every knob of jobmine; each one can be set as `JOBMINE_<NAME>` in the environment."""

    model_config = SettingsConfigDict(env_prefix="JOBMINE_", env_file=None, extra="ignore")

    # Local state and outputs.
    state_dir: Path = Field(
        default_factory=lambda: Path.cwd() / ".jobmine",
        description="Where `jobmine services` keeps data and logs (default: .jobmine in the working folder).",
    )
    reports_dir: Path = Field(
        default_factory=lambda: Path.cwd() / "reports",
        description="Where run reports are written (default: reports in the working folder).",
    )
    prompts_dir: Path | None = Field(
        None, description="Folder of versioned prompt files; unset means the ones shipped in the package."
    )

    # Services. An explicit URL means "someone else runs it": `services up` leaves it alone.
    database_url: str | None = Field(None, description="PostgreSQL URL; unset means the local cluster.")
    opensearch_url: str | None = Field(None, description="OpenSearch URL; unset means the local node.")
    pg_port: int = Field(54329, description="Port of the local PostgreSQL cluster.")
    opensearch_port: int = Field(9209, description="HTTP port of the local OpenSearch node.")
    opensearch_version: str = Field(
        "2.19.1", description="OpenSearch distribution fetched from Maven Central."
    )
    opensearch_heap: str = Field("1g", description="JVM heap of the local OpenSearch node.")
    service_user: str = Field("jobmine", description="Unprivileged user that runs local services when root.")

    # Raw payload store.
    raw_store: str = Field("file://./data/raw", description="file://PATH or s3://bucket/prefix.")
    s3_endpoint_url: str | None = Field(None, description="Endpoint of an S3-compatible store (MinIO, ...).")
    s3_region: str = Field("us-east-1", description="Region for the S3 client.")

    # Search index.
    index_alias: str = Field("jobmine-jobs", description="Alias that searches read from.")

    # Freshness, trends and the exported dataset.
    stale_after_days: int = Field(
        7, ge=1, description="A posting whose board has not been fetched successfully this long is stale."
    )
    ghost_after_days: int = Field(60, ge=1, description="An open posting older than this is a ghost suspect.")
    trends_min_count: int = Field(
        5, ge=1, description="Trend figures resting on fewer postings are not shown."
    )
    export_dir: str = Field(
        "./data/export", description="Where `jobmine export` writes: a folder or s3://..."
    )

    # ATS endpoints (tests and the demo point these at a local server).
    greenhouse_api_url: str = Field(
        "https://boards-api.greenhouse.io", description="Greenhouse job board API."
    )
    lever_api_url: str = Field("https://api.lever.co", description="Lever postings API.")
    # ATS endpoints (tests and the demo point these at a local server); unset, each ATS module's
    # public host (`SPEC` in extractors/ats/<ats>.py).
    greenhouse_api_url: str | None = Field(None, description="Greenhouse job board API.")
    lever_api_url: str | None = Field(None, description="Lever postings API.")
    greenhouse_eu_api_url: str | None = Field(
        None,
        description="Greenhouse EU host, tried on a 404; unset: the public EU host when the main URL is public.",
    )
    lever_eu_api_url: str | None = Field(
        None,
        description="Lever EU host, tried on a 404; unset: the public EU host when the main URL is public.",
    )
    ashby_api_url: str | None = Field(None, description="Ashby posting API.")
    smartrecruiters_api_url: str | None = Field(None, description="SmartRecruiters posting API.")
    workable_api_url: str | None = Field(None, description="Workable account widget API.")
    ats_api_urls: dict[str, str] = Field(
        {},
        description='Any ATS\'s API base by source type (EU host: "<source>_eu"); the named fields win.',
    )

    # Discovery: Common Crawl index → board tokens → the `sources` registry.
    cc_index_url: str = Field(
        "https://index.commoncrawl.org", description="Common Crawl URL index (CDX API)."
    )
    cc_data_url: str = Field(
        "https://data.commoncrawl.org", description="Prefix WARC files are fetched from."
    )
    discovery_patterns: dict[str, str] = Field(
        {
            "boards.greenhouse.io/*": "greenhouse",
            "job-boards.greenhouse.io/*": "greenhouse",
            "boards.eu.greenhouse.io/*": "greenhouse",
            "job-boards.eu.greenhouse.io/*": "greenhouse",
            "boards-api.greenhouse.io/v1/boards/*": "greenhouse",
            "jobs.lever.co/*": "lever",
            "jobs.eu.lever.co/*": "lever",
            "jobs.ashbyhq.com/*": "ashby",
        },
        description="Index query pattern → ATS; the hosts in it are the only ones tokens are taken from.",
    )
    discovery_newest_crawls: int = Field(2, ge=1, description="How many of the newest crawls to read.")
    discovery_older_crawls: list[str] = Field(
        ["CC-MAIN-2018-13", "CC-MAIN-2017-51"],
        description="Older crawls read for `discovery_older_sources` (Lever blocked the crawler since).",
    )
    discovery_older_sources: list[str] = Field(["lever"], description="ATSs also read from the older crawls.")
    discovery_cache_dir: Path = Field(
        default_factory=lambda data: data.get("state_dir", Path.cwd() / ".jobmine") / "cdx-cache",
        description="Where the crawl list (collinfo.json) is cached 24 h.",
    )
    discovery_warc_per_run: int = Field(
        50, ge=0, description="New boards whose archived page is read per run."
    )
    discovery_probe_per_run: int = Field(200, ge=0, description="Cross-ATS candidates probed per run.")
    validation_per_run: int = Field(500, ge=0, description="Boards validated per run.")
    invalid_retry_days: float = Field(
        7.0, description="Days before a board that answered 404 is tried again."
    )
    valid_recheck_days: float = Field(7.0, description="Days before a valid board is validated again.")
    pending_retry_hours: float = Field(6.0, description="Hours before a 429/5xx/timeout is retried.")

    # HTTP politeness.
    contact: str = Field("jobmine@example.org", description="Contact address sent in the User-Agent.")
    http_timeout_s: float = Field(20.0, description="Per-request timeout in seconds.")
    http_body_deadline_s: float = Field(
        60.0, gt=0, description="Whole-request deadline: a body that drips in slower than this is dropped."
    )
    http_max_body_mb: float = Field(
        64.0, gt=0, description="Largest decoded body read from an ATS host (a gzip bomb stops here)."
    )
    fetch_concurrency: int = Field(5, description="Boards fetched at once.")
    host_concurrency: int = Field(5, description="Requests in flight per API host, across all workers.")
    host_rate_per_s: float = Field(4.0, description="Requests per second per API host; 0 turns the rate off.")
    request_jitter_s: float = Field(
        0.05, description="Random pause of up to this many seconds before a request."
    )
    retry_backoff_s: list[float] = Field(
        [2, 4, 8, 16, 32], description="Pause before each retry (429, 5xx, timeouts, connection errors)."
    )
    retry_after_max_s: float = Field(120.0, description="Longest Retry-After we wait for before giving up.")
    breaker_failures: int = Field(8, description="Consecutive failed requests that open a host's circuit.")
    breaker_cooldown_s: float = Field(900.0, description="How long an open circuit keeps a host untouched.")
    robots_ttl_s: float = Field(86400.0, description="How long a fetched robots.txt is trusted.")
    # Recovery from killed runs (docs/ARCHITECTURE.md, "Killed runs").
    slot_lease_s: float = Field(
        60.0, ge=60.0, description="Lease of a host slot on the Prefect server, renewed by its holder."
    )
    run_heartbeat_s: float = Field(
        10.0, gt=0, description="How often a run says it is alive; 3 missed beats make it dead."
    )
    scrape_workers: int = Field(8, description="Boards in progress at once in one scrape worker.")
    scrape_chunk: int = Field(500, description="Boards per scrape task (one Prefect task run each).")
    page_size: int = Field(100, description="Page size for paged APIs (Lever, SmartRecruiters).")
    greenhouse_structure: bool = Field(
        False, description="Also fetch Greenhouse departments and offices for each board."
    )

    # LLM tiers (off until configured).
    openai_api_key: SecretStr | None = Field(None, description="Key for tier 2; unset means tier 2 is off.")
    # Extraction tiers (see docs/ARCHITECTURE.md, "extract").
    extract_tier: str = Field("auto", description="rules | ollama | openai | auto (rules, then 1, then 2).")
    tier1_backend: str = Field(
        "ollama", description="Tier-1 protocol: ollama (native /api/chat) | openai_compatible (/v1)."
    )
    tier1_url: str | None = Field(
        None,
        description="Tier-1 server (ollama: host; openai_compatible: API base ending in /v1); unset: off.",
    )
    tier1_api_key: SecretStr | None = Field(None, description="Key for an openai_compatible tier-1 server.")
    tier1_response_format: str = Field(
        "json_schema", description="openai_compatible only: json_schema | json_object (llama-cpp-python)."
    )
    tier1_model: str = Field("qwen3:4b", description="Tier-1 model.")
    tier1_batch_size: int = Field(20, ge=1, description="Postings per tier-1 call.")
    tier1_concurrency: int = Field(1, ge=1, description="Tier-1 calls in flight per server.")
    tier1_timeout_s: float = Field(120.0, description="Tier-1 request timeout.")
    tier1_max_attempts: int = Field(3, ge=1, description="Tier-1 tries per posting before it escalates.")
    tier1_text_chars: int = Field(2000, description="Posting text sent to tier 1 (boilerplate cut first).")
    tier1_max_tokens: int = Field(
        400, ge=1, description="Output bound per posting of a tier-1 call (a call gets n times this)."
    )
    tier1_num_ctx: int | None = Field(
        None,
        ge=2048,
        description=(
            "ollama only: context window asked for on every tier-1 call, in tokens (one value per run: a "
            "change reloads the model). Unset: sized to a full batch (prompt, texts, answers)."
        ),
    )
    tier1_grounded: bool = Field(
        True,
        description=(
            "Keep a tier-1 salary, minimum of years, skill, tool, remote or employment type only when the "
            "posting's text states it (a number written there, a name or one of its aliases, a quote that "
            "names the mode), and a job function only when the title or department names it: a small model "
            "fills open fields with values no posting gives. False keeps what the model infers."
        ),
    )
    tier1_max_postings: int = Field(
        1_000_000, ge=0, description="Postings sent to tier 1 per chunk (200); the rest keep rules' fields."
    )
    openai_base_url: str = Field("https://api.openai.com/v1", description="Any OpenAI-compatible API.")
    openai_model: str = Field("gpt-4o-mini", description="Tier-2 model.")
    openai_mode: str = Field("tools", description="instructor mode for tier 2: tools | json.")
    openai_timeout_s: float = Field(60.0, description="Tier-2 request timeout.")
    openai_max_reasks: int = Field(2, ge=0, description="Re-asks after a tier-2 answer fails validation.")
    openai_http_retries: int = Field(2, ge=0, description="Retries of 429/5xx/timeouts per tier-2 request.")
    openai_text_chars: int = Field(12000, description="Posting text sent to tier 2, boilerplate cut.")
    openai_max_tokens: int = Field(1500, ge=1, description="Output bound of one tier-2 answer, in tokens.")
    escalate_confidence: float = Field(0.60, description="Escalate to tier 2 below this confidence.")
    escalate_text_chars: int = Field(800, description="Escalate when skills are empty and text is longer.")
    budget_usd: float = Field(5.0, description="Tier-2 spend per run; escalation stops when reached.")
    budget_postings: int = Field(1000, description="Postings escalated to tier 2 per run, at most.")
    llm_pricing: dict[str, tuple[float, float]] = Field(
        default_factory=lambda: {"ollama": (0.0, 0.0), "openai": (3.0, 12.0)},
        description="Per tier: USD per 1M input tokens, per 1M output tokens.",
    )
    # The local model server of `jobmine services up --llm` (infra/local/llm_service.py).
    llm_port: int = Field(8089, description="Port of the local model server (127.0.0.1 only).")
    llm_ctx: int = Field(8192, description="Context window of the local model server, in tokens.")
    llm_threads: int = Field(2, ge=1, description="CPU threads of the local model server.")

    # Search page, saved searches and alerts.
    public_url: str = Field(
        "http://127.0.0.1:8000", description="Address of `jobmine api`, for links in alerts."
    )
    alert_webhook_allow: Annotated[list[str], NoDecode] = Field(
        [],
        description="Addresses/CIDRs a webhook may reach although internal (JSON list or comma-separated).",
    )
    alert_attempts: int = Field(4, ge=1, description="Tries per webhook message.")
    alert_backoff_s: float = Field(2.0, ge=0, description="Wait before the second try; doubles after each.")
    alert_timeout_s: float = Field(10.0, description="Per-request timeout of a webhook call.")

    @field_validator("alert_webhook_allow", mode="before")
    @classmethod
    def _comma_list(cls, value: object) -> object:
        if isinstance(value, str):
            text = value.strip()
            return (
                json.loads(text)
                if text.startswith("[")
                else [v.strip() for v in text.split(",") if v.strip()]
            )
        return value

    @field_serializer("database_url", "opensearch_url", when_used="json")
    def _without_password(self, url: str | None) -> str | None:
        """Settings travel as JSON (Prefect stores a flow run's parameters): service URLs go without
        their password, in URL (`user:pass@`) and key=value (`password=...`) form."""
        if url is None:
            return None
        url = re.sub(r"(password\s*=\s*)\S+", r"\1***", url)
        return re.sub(r"(://[^:/@\s]+:)[^@\s]+@", r"\1***@", url)

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
