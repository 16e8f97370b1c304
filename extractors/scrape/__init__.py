"""Scrape policy without I/O: politeness decisions (retries, breaker, robots, deny pages) and sharding."""
