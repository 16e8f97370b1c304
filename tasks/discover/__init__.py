"""Discovery side effects: Common Crawl index and WARC reads, board checks, the `sources` registry."""
