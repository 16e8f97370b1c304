"""Talking to ATS hosts: the run's HTTP client and the politeness layer every stage's requests go through."""
