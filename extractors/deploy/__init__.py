"""Deployment without I/O: work pool templates and their per-site overrides."""
