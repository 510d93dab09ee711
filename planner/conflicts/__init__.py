"""Conflicts in the plan: the engine, one module per rule family, their Danish wording and grouping."""
