"""The timeline explorer's widgets, one per file."""
