"""The search API (FastAPI): reads OpenSearch for search and PostgreSQL for records and taxonomy."""
