"""Search without I/O: OpenSearch documents and queries built from typed requests."""
