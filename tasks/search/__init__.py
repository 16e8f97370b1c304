"""OpenSearch: versioned indexes behind an alias, mapping, bulk feeding from PostgreSQL."""
