"""The timeline explorer's screens, one per file."""
