"""Versioned LLM prompts (`<name>.v<N>.md`), shipped as package data and read by `tasks.extract.prompts`."""
