"""Dev tooling for a laptop or CI: a private PostgreSQL and OpenSearch without Docker. Not shipped."""
