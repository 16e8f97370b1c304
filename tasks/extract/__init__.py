"""Extraction stage side effects: the tiers over LLM servers, the answer cache, `llm_calls` and results in PostgreSQL."""
