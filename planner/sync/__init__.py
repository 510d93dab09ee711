"""Folding parsed documents into the plan: import, fold order, identity of points across documents, diffs."""
