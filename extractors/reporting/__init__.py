"""Run reports without I/O: secret redaction, markdown and table views, run comparison."""
