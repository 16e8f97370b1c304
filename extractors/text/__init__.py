"""Text normalization shared by every stage: HTML to text, stable hashes."""
