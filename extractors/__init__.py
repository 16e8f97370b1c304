"""Pure logic: bytes, dicts and text in, `schemas` models out. No I/O, no Prefect."""
