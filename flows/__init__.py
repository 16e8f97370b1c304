"""Prefect flows that wire jobmine's tasks together, and the `jobmine` command line."""
