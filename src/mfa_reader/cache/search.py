"""Full-text search over the cache: a :class:`SearchQuery` in, ranked hits with snippets out.

Two indexes answer. In the languages written with spaces, the word index (unicode61) matches whole
words and phrases of words. Chinese articles, and queries in Chinese, go through the trigram index,
which matches any substring of three or more characters; shorter Chinese words (中美, 台) cannot
be found through trigrams and are matched with LIKE. A term whose punctuation matters (COVID-19,
5%) is checked against :func:`~mfa_reader.search_query.term_regex` as well, as are Latin words
found by substring in Chinese articles, so that what matches is what the reader highlights.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from datetime import timedelta
from typing import Any

from mfa_reader.cache.rows import entry_columns, entry_from_row
from mfa_reader.cache.schema import IN_LIST
from mfa_reader.model import SearchHit
from mfa_reader.search_query import (
    SearchQuery,
    has_word,
    is_unspaced,
    match_pattern,
    term_regex,
)

TITLE_WEIGHT = 10.0  # a word in the title counts as much as ten in the body
UNSPACED_EDITIONS = frozenset({"zh"})  # as the word index leaves them out (schema V6)
SNIPPETS = 3  # per hit, at most
# A snippet is about one line of the list: ~64 characters of Latin, Cyrillic or Arabic text, or
# ~30 Chinese characters (each takes two cells). A trigram token is about one character.
SNIPPET_CHARS = 64
SNIPPET_CHARS_WIDE = 30
OPEN, CLOSE, ELLIPSIS = "[[", "]]", "…"

_COLUMNS = entry_columns("a")
_RANK = f"bm25({TITLE_WEIGHT}, 1.0)"


def fts_query(terms: list[str] | tuple[str, ...]) -> str:
    """An FTS5 query matching every term as a literal phrase (nothing read as syntax)."""
    return " ".join('"' + t.replace('"', '""') + '"' for t in terms)


def search_articles(conn: sqlite3.Connection, query: SearchQuery, *, limit: int) -> list[SearchHit]:
    terms = list(query.terms)
    pattern = match_pattern(terms)
    if pattern is None or limit <= 0:
        return []
    checks = _Checks(conn)
    if all(is_unspaced(t) for t in terms):
        rows = _substrings(conn, query, terms, None, checks, limit)
    else:
        rows = []
        if query.edition is None or query.edition not in UNSPACED_EDITIONS:
            rows += _words(conn, query, terms, checks, limit)
        # Chinese articles are read for words in Latin letters (APEC, G20, COVID-19), of three
        # letters or more (through trigrams): a query of only shorter words (UN, EU) would cost
        # a scan of every Chinese body, and Cyrillic or Arabic words are not found there.
        if (
            (query.edition is None or query.edition in UNSPACED_EDITIONS)
            and any(len(t) >= 3 for t in terms)
            and all(t.isascii() or is_unspaced(t) for t in terms)
        ):
            for edition in sorted(UNSPACED_EDITIONS):
                rows += _substrings(conn, query, terms, edition, checks, limit)
        rows = sorted(rows, key=lambda row: row[-1])[:limit]
    return [
        SearchHit(entry_from_row(row), make_snippets(row[4], row[12] or "", pattern), row[-1])
        for row in rows
    ]


class _Checks:
    """Terms checked row by row with their regular expression, through an SQL function."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.patterns: list[re.Pattern[str]] = []
        conn.create_function("term_matches", 3, self._matches, deterministic=True)

    def clause(self, term: str) -> tuple[str, list[Any]]:
        self.patterns.append(re.compile(term_regex(term), re.IGNORECASE))
        return "term_matches(?, a.title, a.body)", [len(self.patterns) - 1]

    def _matches(self, index: int, title: str | None, body: str | None) -> bool:
        pattern = self.patterns[index]
        return bool(pattern.search(title or "") or pattern.search(body or ""))


def _filters(query: SearchQuery, edition: str | None) -> tuple[list[str], list[Any]]:
    """The list's rows (``IN_LIST``, as the partial list indexes spell it) that the query's
    edition, section and days allow."""
    clauses = [IN_LIST]
    params: list[Any] = []
    for column, value in (("a.edition", edition or query.edition), ("a.section", query.section)):
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    if query.since is not None:  # published is ISO 8601: it sorts as its day does
        clauses.append("a.published >= ?")
        params.append(query.since.isoformat())
    if query.until is not None:
        clauses.append("a.published < ?")
        params.append((query.until + timedelta(days=1)).isoformat())
    return clauses, params


def _words(
    conn: sqlite3.Connection, query: SearchQuery, terms: list[str], checks: _Checks, limit: int
) -> list[tuple[Any, ...]]:
    """Hits in the spaced languages, through the word index, best bm25 first."""
    clauses, params = _filters(query, None)
    clauses.append("a.edition NOT IN (" + ", ".join("?" * len(UNSPACED_EDITIONS)) + ")")
    params.extend(sorted(UNSPACED_EDITIONS))
    looked_up = [t for t in terms if has_word(t) and not is_unspaced(t)]
    for term in terms:
        if is_unspaced(term) or term_regex(term) != _plain_words_regex(term):
            clause, values = checks.clause(term)
            clauses.append(clause)
            params.extend(values)
    if not looked_up:  # only punctuation ("%", "-"): every row is read, newest first
        return _scan(conn, clauses, params, limit)
    one_edition = query.edition is not None
    return _ranked(
        conn, "articles_words", looked_up, clauses, params, limit, one_edition=one_edition
    )


def _plain_words_regex(term: str) -> str:
    """The regular expression of a term made of words and spaces only: what the word index
    matches by itself, needing no check."""
    return term_regex(" ".join(re.findall(r"[^\W_]+", term)))


def _substrings(
    conn: sqlite3.Connection,
    query: SearchQuery,
    terms: list[str],
    edition: str | None,
    checks: _Checks,
    limit: int,
) -> list[tuple[Any, ...]]:
    """Hits by substring: every edition for a query in Chinese, or Chinese articles for any
    other. A word of a spaced language must still be a whole word there ("APEC" in "APEC会议")."""
    clauses, params = _filters(query, edition)
    for term in terms:
        if not is_unspaced(term):
            clause, values = checks.clause(term)
            clauses.append(clause)
            params.extend(values)
    long_terms = [t for t in terms if len(t) >= 3]
    for term in terms:
        if len(term) < 3:
            clause, values = _like_either(term)
            clauses.append(clause)
            params.extend(values)
    if not long_terms:
        return _newest_title_first(conn, clauses, params, [t for t in terms if len(t) < 3], limit)
    one_edition = (edition or query.edition) is not None
    return _ranked(
        conn, "articles_fts", long_terms, clauses, params, limit, one_edition=one_edition
    )


def _ranked(
    conn: sqlite3.Connection,
    index: str,
    terms: list[str],
    clauses: list[str],
    params: list[Any],
    limit: int,
    *,
    one_edition: bool,
) -> list[tuple[Any, ...]]:
    """The best ``limit`` rows of ``index`` matching every term, by bm25.

    ORDER BY rank lets FTS5 sort by bm25 itself; the joined row (and its body, for the snippet)
    is read for the hits returned only. Snippets are cut here rather than by FTS5's snippet(),
    which tokenizes each whole document again and cost more than the search itself.

    FTS5 ranks every match before the join's filters apply, though: when they keep one edition,
    a sixth of the matches or so, the rows kept are ranked after the join instead.
    """
    if one_edition:
        rank, ranking, values = f"bm25({index}, {TITLE_WEIGHT}, 1.0)", "", []
    else:
        rank, ranking, values = "f.rank", " AND f.rank MATCH ?", [_RANK]
    sql = (
        f"SELECT {_COLUMNS}, a.body, {rank} AS ranked"
        f" FROM {index} AS f JOIN articles AS a ON a.id = f.rowid"
        f" WHERE {index} MATCH ?{ranking} AND {' AND '.join(clauses)}"
        " ORDER BY ranked LIMIT ?"
    )
    return conn.execute(sql, [fts_query(terms), *values, *params, limit]).fetchall()


def _scan(
    conn: sqlite3.Connection, clauses: list[str], params: list[Any], limit: int
) -> list[tuple[Any, ...]]:
    rows = conn.execute(
        f"SELECT {_COLUMNS}, a.body FROM articles AS a WHERE {' AND '.join(clauses)}"
        " ORDER BY a.published DESC, a.url LIMIT ?",
        [*params, limit],
    ).fetchall()
    return [(*row, float(i)) for i, row in enumerate(rows)]


def _newest_title_first(
    conn: sqlite3.Connection,
    clauses: list[str],
    params: list[Any],
    short_terms: list[str],
    limit: int,
) -> list[tuple[Any, ...]]:
    """Hits for short words: those with every word in the title first, then the rest; newest first.

    Both queries walk the list index newest first and stop at ``limit``, so common words answer
    quickly; a rare word costs one scan of the table.
    """
    in_title: list[str] = []
    title_params: list[Any] = []
    for term in short_terms:
        clause, values = _like(term, "a.title")
        in_title.append(clause)
        title_params.extend(values)
    title_sql = " AND ".join(in_title)
    where = " AND ".join(clauses)
    order = " ORDER BY a.published DESC, a.url LIMIT ?"
    rows = conn.execute(
        f"SELECT {_COLUMNS}, a.body FROM articles AS a WHERE {where} AND {title_sql}{order}",
        [*params, *title_params, limit],
    ).fetchall()
    if len(rows) < limit:
        rows += conn.execute(
            f"SELECT {_COLUMNS}, a.body FROM articles AS a WHERE {where}"
            f" AND NOT ({title_sql}){order}",
            [*params, *title_params, limit - len(rows)],
        ).fetchall()
    return [(*row, float(i)) for i, row in enumerate(rows)]


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


def make_snippets(
    title: str, body: str, pattern: re.Pattern[str], most: int = SNIPPETS
) -> tuple[str, ...]:
    """Pieces of the body around its first matches (else of the title), at most ``most``, each
    match between markers; a piece starts where the one before it ended. The body is read once:
    each search starts where the last piece ended."""
    text = body
    found = pattern.search(text)
    if found is None:
        text = title
        found = pattern.search(text)
    snippets: list[str] = []
    position = 0
    while len(snippets) < most:
        width = _snippet_width(text[found.start() if found else 0 :][:SNIPPET_CHARS_WIDE])
        start = position if found is None else max(position, found.start() - width // 3)
        end = min(len(text), start + width)
        # Whole matches only: a cut through a match at the end would leave it half marked.
        for m in pattern.finditer(text, start, end + 1):
            end = max(end, m.end())
        piece = pattern.sub(lambda m: f"{OPEN}{m.group(0)}{CLOSE}", _flat(text[start:end]))
        snippets.append(
            _tidy_edges(
                (ELLIPSIS if start > 0 else "") + piece + (ELLIPSIS if end < len(text) else "")
            )
        )
        if found is None:
            break
        position = end
        found = pattern.search(text, position)
        if found is None:
            break
    return tuple(snippets)


def _snippet_width(text: str) -> int:
    """Fewer characters where most are Chinese, each two cells wide."""
    wide = sum(unicodedata.east_asian_width(ch) in "WF" for ch in text)
    return SNIPPET_CHARS_WIDE if wide * 2 > len(text) else SNIPPET_CHARS


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
