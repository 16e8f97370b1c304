"""The dataset as files: postings snapshots and the event ledger, streamed to Parquet, CSV or JSON lines."""
