"""Realistic synthetic payloads, CDX lines and rows for tests and benchmarks."""
