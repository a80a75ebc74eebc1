"""Full-text search over the cache: the user's words in, ranked hits with snippets out.

The trigram index matches any substring of three or more characters, so Chinese and Arabic need no
word splitting. Shorter words (one or two Chinese characters are common queries: 中美, 台) cannot be
found through trigrams and are matched with LIKE instead.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from typing import Any

from mfa_reader.cache.schema import IN_LIST
from mfa_reader.model import ArticleEntry, SearchHit

TITLE_WEIGHT = 10.0  # a word in the title counts as much as ten in the body
# A snippet is about one line of the list: ~64 characters of Latin, Cyrillic or Arabic text, or
# ~30 Chinese characters (each takes two cells). A trigram token is about one character.
SNIPPET_CHARS = 64
SNIPPET_CHARS_WIDE = 30
OPEN, CLOSE, ELLIPSIS = "[[", "]]", "…"

_COLUMNS = (
    "a.url, a.doc_id, a.edition, a.section, a.title, a.published, a.fetched_at, a.read,"
    " a.starred, a.removed_at, a.moved_to, a.version"
)
_TERM = re.compile(r'"([^"]*)"|(\S+)')


def parse_terms(query: str) -> list[str]:
    """The words and "quoted phrases" of a query, quotes removed, duplicates dropped."""
    terms: list[str] = []
    for m in _TERM.finditer(query):
        text = m.group(1) if m.group(1) is not None else m.group(2).replace('"', "")
        text = " ".join(text.split())
        if text and text not in terms:
            terms.append(text)
    return terms


def fts_query(terms: list[str]) -> str:
    """An FTS5 query matching every term as a literal phrase (nothing read as syntax)."""
    return " ".join('"' + t.replace('"', '""') + '"' for t in terms)


def search_articles(
    conn: sqlite3.Connection, query: str, *, edition: str | None = None, limit: int = 50
) -> list[SearchHit]:
    terms = parse_terms(query)
    if not terms or limit <= 0:
        return []
    long_terms = [t for t in terms if len(t) >= 3]
    short_terms = [t for t in terms if len(t) < 3]
    if long_terms:
        return _search_fts(conn, long_terms, short_terms, edition, limit)
    return _search_like(conn, short_terms, edition, limit)


def _search_fts(
    conn: sqlite3.Connection,
    terms: list[str],
    short_terms: list[str],
    edition: str | None,
    limit: int,
) -> list[SearchHit]:
    # ORDER BY rank lets FTS5 sort by bm25 itself; the joined row (and its body, for the snippet)
    # is read for the hits returned only. Snippets are cut here rather than by FTS5's snippet(),
    # which tokenizes each whole document again and cost more than the search itself.
    clauses = ["articles_fts MATCH ?", "f.rank MATCH ?", IN_LIST]
    params: list[Any] = [fts_query(terms), f"bm25({TITLE_WEIGHT}, 1.0)"]
    if edition is not None:
        clauses.append("a.edition = ?")
        params.append(edition)
    for term in short_terms:
        clause, values = _like_either(term)
        clauses.append(clause)
        params.extend(values)
    sql = (
        f"SELECT {_COLUMNS}, f.rank, a.body"
        " FROM articles_fts AS f JOIN articles AS a ON a.id = f.rowid"
        f" WHERE {' AND '.join(clauses)} ORDER BY f.rank LIMIT ?"
    )
    return [
        SearchHit(
            entry_from_row(row),
            make_snippet(row[4], row[13] or "", terms + short_terms),
            float(row[12]),
        )
        for row in conn.execute(sql, [*params, limit])
    ]


def _search_like(
    conn: sqlite3.Connection, terms: list[str], edition: str | None, limit: int
) -> list[SearchHit]:
    """Hits for short words: those with every word in the title first, then the rest; newest first.

    Both queries walk the list index newest first and stop at ``limit``, so common words answer
    quickly; a rare word costs one scan of the table.
    """
    base = [IN_LIST]  # as the partial list indexes spell it
    base_params: list[Any] = []
    if edition is not None:
        base.append("a.edition = ?")
        base_params.append(edition)
    in_title: list[str] = []
    title_params: list[Any] = []
    anywhere: list[str] = []
    anywhere_params: list[Any] = []
    for term in terms:
        clause, values = _like(term, "a.title")
        in_title.append(clause)
        title_params.extend(values)
        clause, values = _like_either(term)
        anywhere.append(clause)
        anywhere_params.extend(values)
    title_sql = " AND ".join(in_title)
    order = " ORDER BY a.published DESC, a.url LIMIT ?"
    rows = conn.execute(
        f"SELECT {_COLUMNS}, a.body FROM articles AS a"
        f" WHERE {' AND '.join(base)} AND {title_sql}{order}",
        [*base_params, *title_params, limit],
    ).fetchall()
    if len(rows) < limit:
        rows += conn.execute(
            f"SELECT {_COLUMNS}, a.body FROM articles AS a WHERE {' AND '.join(base)}"
            f" AND NOT ({title_sql}) AND {' AND '.join(anywhere)}{order}",
            [*base_params, *title_params, *anywhere_params, limit - len(rows)],
        ).fetchall()
    return [
        SearchHit(entry_from_row(row), make_snippet(row[4], row[12] or "", terms), float(i))
        for i, row in enumerate(rows)
    ]


def _like(term: str, column: str) -> tuple[str, list[str]]:
    """``column`` contains ``term``. SQLite's LIKE folds ASCII case only, so for other scripts
    (Cyrillic) the usual spellings of the word are tried too."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    variants = [escaped]
    if not term.isascii():
        for v in (escaped.lower(), escaped.upper(), escaped.capitalize()):
            if v not in variants:
                variants.append(v)
    clause = " OR ".join(f"{column} LIKE ? ESCAPE '\\'" for _ in variants)
    return f"({clause})", [f"%{v}%" for v in variants]


def _like_either(term: str) -> tuple[str, list[str]]:
    title, title_values = _like(term, "a.title")
    body, body_values = _like(term, "a.body")
    return f"({title} OR {body})", title_values + body_values


def make_snippet(title: str, body: str, terms: list[str]) -> str:
    """A piece of the body around the first match (else the title), matches between markers."""
    pattern = re.compile(
        "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE
    )
    text = _flat(body if pattern.search(body) else title)
    width = _snippet_width(" ".join(terms))
    first = pattern.search(text)
    start = 0 if first is None else max(0, first.start() - width // 3)
    end = min(len(text), start + width)
    piece = text[start:end]
    # Whole matches only: a cut through a match at the end would leave it half marked.
    for m in pattern.finditer(text, start, end + 1):
        if m.end() > end:
            piece = text[start : m.end()]
            end = m.end()
    piece = pattern.sub(lambda m: f"{OPEN}{m.group(0)}{CLOSE}", piece)
    return _tidy_edges(
        (ELLIPSIS if start > 0 else "") + piece + (ELLIPSIS if end < len(text) else "")
    )


def _snippet_width(query: str) -> int:
    wide = any(unicodedata.east_asian_width(ch) in "WF" for ch in query)
    return SNIPPET_CHARS_WIDE if wide else SNIPPET_CHARS


def _tidy_edges(snippet: str, most: int = 12) -> str:
    """Drop a word cut in half at either end of a snippet (in spaced scripts)."""
    if snippet.startswith(ELLIPSIS):
        space = snippet.find(" ", 1)
        if 0 < space <= most + 1 and OPEN not in snippet[:space]:
            snippet = ELLIPSIS + snippet[space + 1 :]
    if snippet.endswith(ELLIPSIS):
        space = snippet.rfind(" ", 0, len(snippet) - 1)
        if space >= len(snippet) - most - 2 and CLOSE not in snippet[space:]:
            snippet = snippet[:space] + ELLIPSIS
    return snippet


def _flat(text: str) -> str:
    return " ".join(text.split())


def entry_from_row(row: sqlite3.Row | tuple[Any, ...]) -> ArticleEntry:
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
