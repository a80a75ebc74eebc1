"""Widgets of the reader: the article list, the article view, the section list."""
