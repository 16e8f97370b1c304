"""Where run reports are kept: files under `reports/` and the `runs` table."""
