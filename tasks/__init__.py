"""Side effects: HTTP, the raw store, PostgreSQL, OpenSearch and local services, plus Prefect task wrappers."""
