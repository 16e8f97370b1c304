"""PostgreSQL (pool, migrations, loads, named SQL) and the raw payload store (file or S3)."""
