"""Trends: PostgreSQL queries, freshness marking, charts and publishing."""
