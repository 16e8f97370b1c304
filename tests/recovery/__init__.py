"""Kill the pipeline anywhere, run it again: the same end state, nothing left held."""
