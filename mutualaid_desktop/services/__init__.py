"""Use cases. Each runs in one unit of work and writes its audit record in the same transaction."""
