"""Pure logic of the LLM tiers: what to ask, how batches are formed, split and merged back."""
