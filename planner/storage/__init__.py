"""The SQLite store: the versioned schema and its migrations, row mapping, plan copies for editing."""
