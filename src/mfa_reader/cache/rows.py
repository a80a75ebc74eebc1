"""A line of the article list as the cache stores it: the columns read and the entry made of them.

The list, search and the other-edition lookups all read the same columns, in this order.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from mfa_reader.model import ArticleEntry

_NAMES = (
    "url",
    "doc_id",
    "edition",
    "section",
    "title",
    "published",
    "fetched_at",
    "read",
    "starred",
    "removed_at",
    "moved_to",
    "version",
)
ENTRY_COLUMNS = ", ".join(_NAMES)


def entry_columns(table: str) -> str:
    """The columns, named with the alias of their table (``a.url, a.doc_id, …``)."""
    return ", ".join(f"{table}.{name}" for name in _NAMES)


def entry_from_row(row: sqlite3.Row | tuple[Any, ...]) -> ArticleEntry:
    """The entry of a row whose first columns are ``ENTRY_COLUMNS``."""
    url, doc_id, edition, section, title, published, fetched_at, read, starred = row[:9]
    removed_at, moved_to, version = row[9:12]
    return ArticleEntry(
        url=url,
        doc_id=doc_id,
        edition=edition,
        section=section,
        title=title,
        published=published,
        has_body=fetched_at is not None,
        read=bool(read),
        starred=bool(starred),
        removed=removed_at is not None,
        removed_at=removed_at,
        moved_to=moved_to,
        version=version,
    )
