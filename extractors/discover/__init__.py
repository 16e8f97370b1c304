"""Discovery without I/O: board tokens from URLs, CDX tallies, validation verdicts, probing, candidate CSVs."""
