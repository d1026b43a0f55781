"""ruydad's faces: the command line and the Textual timeline explorer."""
