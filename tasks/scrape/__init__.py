"""Scrape stage side effects: polite HTTP, per-ATS connectors, fetch lanes, board loads and their SQL."""
