"""Saved searches in PostgreSQL, their matches found in OpenSearch, webhooks sent over HTTP."""
