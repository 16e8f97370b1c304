"""What one export run wrote: the contract of `jobmine export`, the export flow and the benchmark."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class ExportSummary(BaseModel):
    dataset: Literal["postings", "ledger"]
    format: Literal["parquet", "csv", "jsonl"]
    target: str = Field(description="Folder or s3:// URL the dataset folder was written under.")
    rows: int
    partitions: dict[str, int] = Field(description="date=YYYY-MM-DD partition -> rows written to it.")
    files: list[str]
    seconds: float
