"""The one error the cache raises, with a message written for the user."""

from __future__ import annotations


class CacheError(Exception):
    """A problem with the cache file; ``str(error)`` says what, what was kept, what to do."""
