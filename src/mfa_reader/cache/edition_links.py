"""The same article in other editions, as far as the cache knows (see schema version 6).

Three things say where an article is in another edition, surest first: its page's own language
link (``translations``), another cached page that links to it (that page itself, or the pages it
links to in turn), and what the reader found before (``edition_links``: kept both ways, with how
it was found). A link found is never replaced by a less sure one.
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

from mfa_reader.cache.rows import ENTRY_COLUMNS as _ENTRY_COLUMNS
from mfa_reader.cache.rows import entry_from_row
from mfa_reader.cache.schema import IN_LIST
from mfa_reader.model import ArticleEntry, MatchedBy, TranslationLink

_SURENESS = {how: rank for rank, how in enumerate(MatchedBy)}
# From the other side, a link is a link back; a link back and a date stay what they are.
_SEEN_FROM_THE_OTHER_SIDE = {
    MatchedBy.LINK: MatchedBy.BACKLINK,
    MatchedBy.BACKLINK: MatchedBy.BACKLINK,
    MatchedBy.DATE: MatchedBy.DATE,
}
_RANK_SQL = "CASE {} WHEN 'link' THEN 0 WHEN 'backlink' THEN 1 ELSE 2 END"


def links_of(conn: sqlite3.Connection, url: str, edition: str) -> dict[str, TranslationLink]:
    """The article at ``url`` (of ``edition``) in each other edition the cache can tell."""
    found: list[TranslationLink] = [
        TranslationLink(other, code, MatchedBy.LINK)
        for code, other in conn.execute(
            "SELECT edition, translation_url FROM translations WHERE url = ?", (url,)
        )
    ]
    found += [
        TranslationLink(page, code, MatchedBy.BACKLINK)
        for page, code in conn.execute(
            "SELECT t.url, a.edition FROM translations t JOIN articles a ON a.url = t.url"
            " WHERE t.translation_url = ?",
            (url,),
        )
    ]
    found += [
        TranslationLink(other, code, MatchedBy.BACKLINK)
        for code, other in conn.execute(
            "SELECT t2.edition, t2.translation_url FROM translations t1"
            " JOIN translations t2 ON t2.url = t1.url"
            " WHERE t1.translation_url = ? AND t2.translation_url <> ?",
            (url, url),
        )
    ]
    found += [
        TranslationLink(other, code, MatchedBy(how))
        for code, other, how in conn.execute(
            "SELECT edition, other_url, matched_by FROM edition_links WHERE url = ?", (url,)
        )
    ]
    best: dict[str, TranslationLink] = {}
    for link in found:  # (the page's own links first, among the surest)
        held = best.get(link.edition)
        if link.edition != edition and (
            held is None or _SURENESS[link.matched_by] < _SURENESS[held.matched_by]
        ):
            best[link.edition] = link
    return best


def remember(
    conn: sqlite3.Connection, one: tuple[str, str], other: tuple[str, str], how: MatchedBy, at: str
) -> None:
    """Note that ``one`` and ``other`` (each an address and its edition) are the same article,
    found ``how`` from ``one``; both ways, unless a surer link is held already (a link held
    already, found as surely, is left as it is)."""
    new_rank = _RANK_SQL.format("excluded.matched_by")
    old_rank = _RANK_SQL.format("edition_links.matched_by")
    (url, edition), (other_url, other_edition) = one, other
    rows = [
        (url, other_edition, other_url, how.value, at),
        (other_url, edition, url, _SEEN_FROM_THE_OTHER_SIDE[how].value, at),
    ]
    conn.executemany(
        "INSERT INTO edition_links (url, edition, other_url, matched_by, found_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (url, edition) DO UPDATE SET"
        " other_url = excluded.other_url, matched_by = excluded.matched_by,"
        " found_at = excluded.found_at"
        f" WHERE {new_rank} < {old_rank}"
        f" OR ({new_rank} = {old_rank} AND excluded.other_url <> edition_links.other_url)",
        rows,
    )


def published_between(
    conn: sqlite3.Connection, edition: str, first: date, last: date
) -> list[ArticleEntry]:
    """The listed articles of ``edition`` published from ``first`` to ``last`` (both included),
    oldest first."""
    rows = conn.execute(
        f"SELECT {_ENTRY_COLUMNS} FROM articles WHERE {IN_LIST} AND edition = ?"
        " AND published >= ? AND published < ? ORDER BY published, url",
        (edition, first.isoformat(), (last + timedelta(days=1)).isoformat()),
    )
    return [entry_from_row(r) for r in rows]
