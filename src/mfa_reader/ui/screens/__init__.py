"""Screens of the reader: the library (list + article), search, pickers, help, export."""
