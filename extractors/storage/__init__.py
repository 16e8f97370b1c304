"""Pure logic of loading: posting history (what counts as a change, duplicate groups) and JSON-lines batches."""
