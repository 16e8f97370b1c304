"""OpenSearch: a versioned index behind an alias, fed from PostgreSQL through a watermark."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from opensearchpy import OpenSearch, helpers
from opensearchpy.exceptions import ConnectionError as OSConnectionError
from opensearchpy.exceptions import OpenSearchException

from extractors.search_query import SearchRequest, build_query, job_document, parse_response
from schemas.errors import LoadError, ServiceUnavailable
from tasks.database import Database

MAPPING_FILE = Path(__file__).parent / "search_mapping.json"
_HINT = "start the local one with `jobmine services up`, or set JOBMINE_OPENSEARCH_URL"


class SearchIndex:
    """The jobs index of one alias; `{alias}-v{n}` are its versions."""

    def __init__(self, url: str, alias: str) -> None:
        self.url, self.alias = url, alias
        self.client = OpenSearch(hosts=[url], timeout=30, max_retries=2, retry_on_timeout=True)

    def check(self) -> None:
        try:
            self.client.cluster.health(wait_for_status="yellow", request_timeout=10)
        except (OSConnectionError, OpenSearchException) as exc:
            raise ServiceUnavailable("OpenSearch", self.url, _HINT) from exc

    def ensure(self) -> str:
        """Template, first index and alias, when missing; returns the index the alias points at."""
        body = json.loads(MAPPING_FILE.read_text())
        self.client.indices.put_index_template(
            name=f"{self.alias}-template",
            body={"index_patterns": [f"{self.alias}-v*"], "template": body, "priority": 100},
        )
        if self.client.indices.exists_alias(name=self.alias):
            return next(iter(self.client.indices.get_alias(name=self.alias)))
        index = f"{self.alias}-v1"
        if not self.client.indices.exists(index=index):
            self.client.indices.create(index=index)
        self.client.indices.put_alias(index=index, name=self.alias)
        return index

    def catch_up(self, db: Database, batch: int = 2000) -> int:
        """Index every job changed since the watermark; the watermark moves only after a good bulk."""
        indexed = 0
        mark = db.watermark(self.alias)
        while rows := db.jobs_after(mark, batch):
            actions = ({"_index": self.alias, "_id": r["job_uid"], "_source": job_document(r)} for r in rows)
            try:
                _, errors = helpers.bulk(self.client, actions, raise_on_error=False, max_retries=3)
            except (OSConnectionError, OpenSearchException) as exc:
                raise LoadError(
                    f"bulk indexing failed; {len(rows)} jobs wait for the next run: {exc}"
                ) from exc
            if errors:
                raise LoadError(f"bulk indexing rejected {len(errors)} documents, first: {errors[0]}")
            mark = rows[-1]["row_version"]
            db.set_watermark(self.alias, mark)
            indexed += len(rows)
        self.client.indices.refresh(index=self.alias)
        return indexed

    def search(self, req: SearchRequest) -> dict[str, Any]:
        return parse_response(self.client.search(index=self.alias, body=build_query(req)))

    def count(self) -> int:
        return int(self.client.count(index=self.alias)["count"])
