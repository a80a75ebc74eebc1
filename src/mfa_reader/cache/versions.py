"""Every text the site served for an article: what counts as an edit, and reading them back.

The current text lives in ``articles``; earlier ones in ``versions`` (see schema version 5).
Two texts are the same when their fingerprints are: the title and each block's text, with
spacing and Unicode forms normalised. A change of template, a counter or spacing is not an edit;
a word changed, added or removed is.
"""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from collections.abc import Iterable

from mfa_reader.model import ArticleEvent, Block, BlockKind, EventKind, History, Version


def fingerprint(title: str, blocks: Iterable[Block]) -> str:
    """What an edit changes: the title and the text of the blocks (not images, not layout)."""
    import hashlib  # only storing needs it, and a search or a list loads this module

    texts = [title, *(b.text for b in blocks if b.kind is not BlockKind.IMAGE)]
    normal = "\n".join(" ".join(unicodedata.normalize("NFC", t).split()) for t in texts)
    return hashlib.sha256(normal.encode()).hexdigest()


def blocks_from_json(data: str | None) -> tuple[Block, ...]:
    return tuple(Block.from_dict(b) for b in json.loads(data or "[]"))


def history(conn: sqlite3.Connection, url: str) -> History | None:
    """The versions and events of the article at ``url``; None when it has no text cached."""
    row = conn.execute(
        "SELECT version, version_seen_at, title, blocks FROM articles"
        " WHERE url = ? AND fetched_at IS NOT NULL",
        (url,),
    ).fetchone()
    if row is None:
        return None
    number, seen_at, title, blocks = row
    earlier = [
        Version(n, seen, t, blocks_from_json(b))
        for n, seen, t, b in conn.execute(
            "SELECT number, seen_at, title, blocks FROM versions WHERE url = ? ORDER BY number",
            (url,),
        )
    ]
    events = tuple(
        ArticleEvent(at, EventKind(kind))
        for at, kind in conn.execute(
            "SELECT at, event FROM article_events WHERE url = ? ORDER BY at, rowid", (url,)
        )
    )
    current = Version(number, seen_at, title, blocks_from_json(blocks))
    return History(url, (*earlier, current), events)
