"""The local SQLite cache of articles, lists, read marks and stars, with full-text search."""

from mfa_reader.cache.database import Cache, ListCount, Stored
from mfa_reader.cache.errors import CacheError

__all__ = ["Cache", "CacheError", "ListCount", "Stored"]
