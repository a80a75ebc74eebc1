"""Apps and data for the reader's snapshot tests and the screenshot script."""
