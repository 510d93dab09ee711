"""Writing documents from blocks: the reverse of `planner.documents` (Word and HTML)."""
