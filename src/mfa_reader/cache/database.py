"""The cache: articles, their lists, the user's read marks and stars, in one SQLite file.

One connection, shared by threads (Textual thread workers) behind a lock; WAL and a busy timeout so
two processes can use the same file; every write is a short ``BEGIN IMMEDIATE`` transaction.

What ``store_article`` answers (sync builds its new/updated/removed report from it):

- ``"new"``: the cache had no body for this URL, whether the URL was unknown or only listed so
  far. A listed item being fetched for the first time is *new* to the reader, not *updated*.
- ``"updated"``: a body was stored before and the article differs from it (any field, including
  translations), or the article had been seen removed (or moved) and is back.
- ``"unchanged"``: the same article as stored; nothing is written.

Removal is an observation, not a verdict: ``mark_removed`` notes when the site was first seen not
to serve an article; its text and the user's marks are kept, it stays in the list while its text
is cached, and the next time the site serves it, it is simply back.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from mfa_reader.cache import opening
from mfa_reader.cache.errors import CacheError
from mfa_reader.cache.schema import IN_LIST
from mfa_reader.cache.search import entry_from_row as _entry
from mfa_reader.cache.search import search_articles
from mfa_reader.model import Article, ArticleEntry, ArticleRef, Block, BlockKind, SearchHit
from mfa_reader.search_query import SearchQuery, parse_query


class Stored(StrEnum):
    """What ``store_article`` did (see the module notes)."""

    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


_ENTRY_COLUMNS = (
    "url, doc_id, edition, section, title, published, fetched_at, read, starred, removed_at,"
    " moved_to"
)
_CHUNK = 500  # SQL variables per IN (...) query


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def body_text(blocks: Iterable[Block]) -> str:
    """The searchable text of an article: its text blocks, one per line."""
    return "\n".join(b.text for b in blocks if b.kind is not BlockKind.IMAGE and b.text)


def content_hash(article: Article) -> str:
    data = json.dumps(article.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(data.encode()).hexdigest()


class Cache:
    """The local store of articles. Open with ``Cache.open(path)``; close, or use ``with``."""

    path: Path
    moved_aside: Path | None

    def __init__(self, path: Path, conn: sqlite3.Connection, moved_aside: Path | None) -> None:
        self.path = path
        self.moved_aside = moved_aside
        self._conn = conn
        self._lock = threading.RLock()

    # --- opening and closing ----------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path) -> Cache:
        """Open (or create) the cache file, migrating it to the current schema.

        A file that is not an SQLite database, is damaged, or belongs to another program is moved
        aside to ``<name>.corrupt-<timestamp>`` (see ``moved_aside``) and a fresh cache is made.
        A file written by a newer mfa-reader is refused with a CacheError and left untouched.
        """
        path = Path(path).expanduser()
        conn, moved = opening.open_file(path)
        return cls(path, conn, moved)

    def moved_aside_notice(self) -> str | None:
        """What to tell the user when the old file was moved aside on open, else None."""
        if self.moved_aside is None:
            return None
        return (
            f"The cache file {self.path} was damaged or not an mfa-reader cache. It was moved to "
            f"{self.moved_aside} and a new, empty cache was started: refresh to fetch the articles "
            "again (read marks and stars in the old file are not carried over)."
        )

    def close(self) -> None:
        with self._lock:
            with suppress(sqlite3.Error):
                # Keeps the planner's statistics fresh; the limit bounds its cost on a big file.
                self._conn.execute("PRAGMA analysis_limit = 400")
                self._conn.execute("PRAGMA optimize")
            self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- plumbing ---------------------------------------------------------------------------------

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                yield self._conn
            except sqlite3.Error as exc:
                raise self._fail(exc, "read") from exc

    def _fail(self, exc: sqlite3.Error, doing: str) -> CacheError:
        if opening.is_damage(exc):
            opening.mark_damaged(self.path)  # the next open checks the file and moves it aside
        return opening.describe(exc, self.path, doing)

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One short write transaction, taken at once so concurrent writers queue, not deadlock."""
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise self._fail(exc, "write") from exc
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException as exc:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise self._fail(exc, "write") from exc
                raise

    # --- writing ----------------------------------------------------------------------------------

    def add_refs(self, refs: Iterable[ArticleRef]) -> list[str]:
        """Record list entries; returns the URLs that were not known before, in order.

        A known listed-only entry takes the list's newer title and date; an article already fetched
        keeps what its page said (only its list date is noted).
        """
        refs = list(refs)
        new: list[str] = []
        now = _now()
        with self._write() as conn:
            for ref in refs:
                list_date = ref.date.isoformat() if ref.date else None
                row = conn.execute(
                    "SELECT fetched_at, title, list_date, section FROM articles WHERE url = ?",
                    (ref.url,),
                ).fetchone()
                if row is None:
                    conn.execute(
                        "INSERT INTO articles (url, edition, section, doc_id, title, published,"
                        " list_date, listed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (ref.url, ref.edition, ref.section, ref.doc_id, ref.title, list_date,
                         list_date, now),
                    )  # fmt: skip
                    new.append(ref.url)
                    continue
                fetched_at, title, old_list_date, section = row
                if fetched_at is None:
                    if (title, old_list_date, section) != (
                        ref.title,
                        list_date or old_list_date,
                        ref.section or section,
                    ):
                        conn.execute(
                            "UPDATE articles SET title = ?, list_date = ?, published = ?,"
                            " section = ? WHERE url = ?",
                            (ref.title, list_date or old_list_date, list_date or old_list_date,
                             ref.section or section, ref.url),
                        )  # fmt: skip
                elif list_date and list_date != old_list_date:
                    conn.execute(
                        "UPDATE articles SET list_date = ? WHERE url = ?", (list_date, ref.url)
                    )
        return new

    def store_article(self, article: Article) -> Stored:
        """Store a fetched article in one transaction; see the module notes for the answer."""
        digest = content_hash(article)
        blocks = json.dumps([b.to_dict() for b in article.blocks], ensure_ascii=False)
        with self._write() as conn:
            row = conn.execute(
                "SELECT fetched_at, content_hash, removed_at IS NOT NULL OR moved_to IS NOT NULL,"
                " list_date, section FROM articles WHERE url = ?",
                (article.url,),
            ).fetchone()
            values: dict[str, str | None] = {
                "url": article.url,
                "edition": article.edition,
                "doc_id": article.doc_id,
                "title": article.title,
                "section_name": article.section_name,
                "source": article.source,
                "content_hash": digest,
                "blocks": blocks,
                "body": body_text(article.blocks),
                "fetched_at": _now(),
            }
            if row is None:
                values["section"] = article.section
                values["published"] = article.published or None
                columns = ", ".join(values)
                marks = ", ".join(f":{k}" for k in values)
                conn.execute(f"INSERT INTO articles ({columns}) VALUES ({marks})", values)
                result = Stored.NEW
            else:
                fetched_at, old_hash, gone, list_date, section = row
                if fetched_at is not None and old_hash == digest and not gone:
                    return Stored.UNCHANGED
                values["section"] = article.section or section
                values["published"] = article.published or list_date
                sets = ", ".join(f"{k} = :{k}" for k in values if k != "url")
                conn.execute(
                    f"UPDATE articles SET {sets}, removed_at = NULL, moved_to = NULL"
                    " WHERE url = :url",
                    values,
                )
                result = Stored.NEW if fetched_at is None else Stored.UPDATED
            conn.execute("DELETE FROM translations WHERE url = ?", (article.url,))
            conn.executemany(
                "INSERT INTO translations (url, edition, translation_url) VALUES (?, ?, ?)",
                [(article.url, ed, u) for ed, u in sorted(article.translations.items())],
            )
        return result

    def mark_removed(self, url: str) -> None:
        """Note that the site no longer serves the article (the first time it is seen so); its
        text and the user's marks are kept. Only a listed entry without text leaves the list."""
        with self._write() as conn:
            conn.execute(
                "UPDATE articles SET removed_at = ? WHERE url = ? AND removed_at IS NULL",
                (_now(), url),
            )

    def mark_moved(self, url: str, to: Article) -> None:
        """The page at ``url`` now redirects to the article ``to`` (stored under its own
        address): ``url`` leaves the list, and the user's read mark and star go with it. An
        address the cache did not know is noted too, so that opening it again finds ``to``."""
        with self._write() as conn:
            marks = conn.execute(
                "SELECT read, starred FROM articles WHERE url = ?", (url,)
            ).fetchone()
            if marks is None:
                conn.execute(
                    "INSERT INTO articles (url, edition, section, title, moved_to, listed_at)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (url, to.edition, to.section, to.title, to.url, _now()),
                )
                return
            conn.execute("UPDATE articles SET moved_to = ? WHERE url = ?", (to.url, url))
            conn.execute(
                "UPDATE articles SET read = max(read, ?), starred = max(starred, ?) WHERE url = ?",
                (*marks, to.url),
            )

    def set_read(self, url: str, read: bool = True) -> None:
        with self._write() as conn:
            conn.execute("UPDATE articles SET read = ? WHERE url = ?", (int(read), url))

    def set_starred(self, url: str, starred: bool = True) -> None:
        with self._write() as conn:
            conn.execute("UPDATE articles SET starred = ? WHERE url = ?", (int(starred), url))

    def list_validators(self, url: str) -> tuple[str | None, str | None]:
        """The (ETag, Last-Modified) last seen for a list page, for a conditional request."""
        with self._read() as conn:
            row = conn.execute(
                "SELECT etag, last_modified FROM list_validators WHERE url = ?", (url,)
            ).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def save_list_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        with self._write() as conn:
            if etag is None and last_modified is None:
                conn.execute("DELETE FROM list_validators WHERE url = ?", (url,))
                return
            conn.execute(
                "INSERT INTO list_validators (url, etag, last_modified, saved_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET etag = excluded.etag,"
                " last_modified = excluded.last_modified, saved_at = excluded.saved_at",
                (url, etag, last_modified, _now()),
            )

    def walk_mark(self, list_url: str) -> str | None:
        """The oldest entry an unfinished walk of this list stored (``""``: a walk left by an
        older version, which did not say); None when the last walk reached its end."""
        with self._read() as conn:
            row = conn.execute(
                "SELECT reached FROM list_walks WHERE url = ?", (list_url,)
            ).fetchone()
        return str(row[0]) if row else None

    def save_walk_mark(self, list_url: str, entry_url: str | None) -> None:
        """Remember the oldest entry an unfinished walk stored; None forgets (the walk finished)."""
        with self._write() as conn:
            if entry_url is None:
                conn.execute("DELETE FROM list_walks WHERE url = ?", (list_url,))
                return
            conn.execute(
                "INSERT INTO list_walks (url, reached, saved_at) VALUES (?, ?, ?)"
                " ON CONFLICT (url) DO UPDATE SET reached = excluded.reached,"
                " saved_at = excluded.saved_at",
                (list_url, entry_url, _now()),
            )

    # --- reading ----------------------------------------------------------------------------------

    def entries(
        self,
        edition: str | Collection[str] | None = None,
        section: str | None = None,
        *,
        limit: int = 100,
        offset: int = 0,
        starred_only: bool = False,
        since: date | None = None,
    ) -> list[ArticleEntry]:
        """A page of the article list, newest first (published, then URL); ``IN_LIST`` in the
        schema says what it leaves out.

        ``edition`` is one edition's code or several; ``since`` keeps articles published on or
        after that day.
        """
        where, params = _filters(edition, section, starred_only=starred_only, since=since)
        sql = (
            f"SELECT {_ENTRY_COLUMNS} FROM articles WHERE {where}"
            " ORDER BY published DESC, url LIMIT ? OFFSET ?"
        )
        with self._read() as conn:
            rows = conn.execute(sql, [*params, limit, offset]).fetchall()
        return [_entry(r) for r in rows]

    def count(self, edition: str | None = None, section: str | None = None) -> int:
        """How many articles the list holds."""
        where, params = _filters(edition, section)
        with self._read() as conn:
            return int(
                conn.execute(f"SELECT count(*) FROM articles WHERE {where}", params).fetchone()[0]
            )

    def entry(self, url_or_doc_id: str) -> ArticleEntry | None:
        """The list line of one article, by URL or doc id; removed and moved ones too."""
        key = url_or_doc_id.strip()
        with self._read() as conn:
            row = conn.execute(f"SELECT {_ENTRY_COLUMNS} FROM articles WHERE url = ?", (key,))
            found = row.fetchone()
            if found is None:
                found = conn.execute(
                    f"SELECT {_ENTRY_COLUMNS} FROM articles WHERE doc_id = ?"
                    f" ORDER BY ({IN_LIST}) DESC, published DESC LIMIT 1",
                    (key,),
                ).fetchone()
        return _entry(found) if found else None

    def article(self, url: str) -> Article | None:
        """The stored article, or None when the URL is unknown or only listed (no body yet)."""
        with self._read() as conn:
            row = conn.execute(
                "SELECT url, doc_id, edition, section, section_name, title, published, source,"
                " blocks FROM articles WHERE url = ? AND fetched_at IS NOT NULL",
                (url,),
            ).fetchone()
            if row is None:
                return None
            translations = dict(
                conn.execute(
                    "SELECT edition, translation_url FROM translations WHERE url = ?", (url,)
                ).fetchall()
            )
        url, doc_id, edition, section, section_name, title, published, source, blocks = row
        return Article(
            url=url,
            doc_id=doc_id,
            edition=edition,
            section=section,
            section_name=section_name,
            title=title,
            published=published or "",
            source=source,
            blocks=tuple(Block.from_dict(b) for b in json.loads(blocks or "[]")),
            translations=translations,
        )

    def missing_bodies(
        self, edition: str | None = None, section: str | None = None
    ) -> list[ArticleEntry]:
        """Listed articles whose body has not been fetched yet, newest first."""
        return self._all_where(
            "fetched_at IS NULL AND removed_at IS NULL AND moved_to IS NULL", [], edition, section
        )

    def removed_since(
        self, since: str, edition: str | None = None, section: str | None = None
    ) -> list[ArticleEntry]:
        """Articles first seen removed at or after ``since`` (ISO date-time), newest first."""
        return self._all_where("removed_at >= ? AND moved_to IS NULL", [since], edition, section)

    def _all_where(
        self, condition: str, values: list[Any], edition: str | None, section: str | None
    ) -> list[ArticleEntry]:
        """Every entry of the edition and section that meets ``condition``, newest first."""
        where, params = _filters(edition, section, listed=False)
        sql = (
            f"SELECT {_ENTRY_COLUMNS} FROM articles WHERE {where} AND {condition}"
            " ORDER BY published DESC, url"
        )
        with self._read() as conn:
            return [_entry(r) for r in conn.execute(sql, [*params, *values]).fetchall()]

    def known_urls(self, urls: Iterable[str]) -> set[str]:
        """Which of these URLs the cache knows (listed, fetched or removed)."""
        urls = list(dict.fromkeys(urls))
        known: set[str] = set()
        with self._read() as conn:
            for i in range(0, len(urls), _CHUNK):
                chunk = urls[i : i + _CHUNK]
                marks = ", ".join("?" * len(chunk))
                sql = f"SELECT url FROM articles WHERE url IN ({marks})"
                known.update(r[0] for r in conn.execute(sql, chunk))
        return known

    def search(
        self, query: str | SearchQuery, *, edition: str | None = None, limit: int = 50
    ) -> list[SearchHit]:
        """Ranked hits for the words of ``query`` (all must match), each with up to three snippets.

        ``query`` is what the user typed (see :mod:`mfa_reader.search_query`: words, "phrases",
        ``edition:``, ``section:``, ``since:``, ``until:``; a filter that cannot be used is a
        :class:`~mfa_reader.search_query.QueryError`) or a query already read; ``edition`` narrows
        it. Words match whole words in the spaced languages and substrings in Chinese; hits are
        ranked by bm25, a word in the title weighing as ten in the body. When every word is Chinese
        and shorter than three characters (中美, 台), LIKE finds them: hits with all the words in
        the title first, then the rest, newest first. ``rank`` orders the hits of one search, lower
        first (bm25 scores are negative; the LIKE path numbers its hits 0, 1, 2…). Any other text
        is searched for literally: quotes, ``*``, ``-``, ``:``, ``NEAR`` and the like are never
        read as query syntax. Removed articles whose text is kept are found, and marked.
        """
        if isinstance(query, str):
            query = parse_query(query)
        if edition is not None:
            query = query.narrowed(edition=edition)
        with self._read() as conn:
            return search_articles(conn, query, limit=limit)


def _filters(
    edition: str | Collection[str] | None,
    section: str | None,
    *,
    listed: bool = True,
    starred_only: bool = False,
    since: date | None = None,
) -> tuple[str, list[Any]]:
    clauses = [IN_LIST] if listed else ["1"]  # as the partial list indexes spell it
    params: list[Any] = []
    if isinstance(edition, str):
        clauses.append("edition = ?")
        params.append(edition)
    elif edition is not None:
        clauses.append(f"edition IN ({', '.join('?' * len(edition))})")
        params.extend(edition)
    if section is not None:
        clauses.append("section = ?")
        params.append(section)
    if starred_only:
        clauses.append("starred = 1")
    if since is not None:  # published is ISO 8601: its first ten characters are the day
        clauses.append("published >= ?")
        params.append(since.isoformat())
    return " AND ".join(clauses), params
