"""Deployment side effects: work pools, blocks and `prefect deploy` on the Prefect server."""
