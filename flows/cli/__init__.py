"""The `jobmine` command line: one module per stage's commands."""
