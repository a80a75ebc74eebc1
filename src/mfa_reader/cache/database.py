"""The cache: articles, their lists, the user's read marks and stars, in one SQLite file.

One connection, shared by threads (Textual thread workers) behind a lock; WAL and a busy timeout so
two processes can use the same file; every write is a short ``BEGIN IMMEDIATE`` transaction.

What ``store_article`` answers (sync builds its new/updated/removed report from it):

- ``"new"``: the cache had no body for this URL, whether the URL was unknown or only listed so
  far. A listed item being fetched for the first time is *new* to the reader, not *updated*.
- ``"updated"``: the site edited the text (see ``versions.fingerprint``): the text seen before is
  kept as an earlier version, and the new one becomes the current one.
- ``"back"``: the article had been seen removed (or moved) and the site serves it again.
- ``"unchanged"``: the same text. What the page says around it (language links, section name,
  the page's validators) is brought up to date when it changed; nothing else is written.

Removal is an observation, not a verdict: ``mark_removed`` notes when the site was first seen not
to serve an article; its text and the user's marks are kept, it stays in the list while its text
is cached, and the next time the site serves it, it is simply back.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, Self

from mfa_reader.cache import edition_links, opening
from mfa_reader.cache.errors import CacheError
from mfa_reader.cache.rows import ENTRY_COLUMNS as _ENTRY_COLUMNS
from mfa_reader.cache.rows import entry_from_row as _entry
from mfa_reader.cache.schema import IN_LIST
from mfa_reader.cache.versions import blocks_from_json, fingerprint
from mfa_reader.cache.versions import history as read_history
from mfa_reader.model import (
    Article,
    ArticleEntry,
    ArticleRef,
    Block,
    BlockKind,
    EventKind,
    History,
    MatchedBy,
    SearchHit,
    TextSeen,
    TranslationLink,
)

if TYPE_CHECKING:
    from mfa_reader.search_query import SearchQuery

Only = Literal["edited", "removed"]


class Stored(StrEnum):
    """What ``store_article`` did (see the module notes)."""

    NEW = "new"
    UPDATED = "updated"
    BACK = "back"
    UNCHANGED = "unchanged"


class LastFetch(NamedTuple):
    """When an article's page was last stored, and the validators it came with."""

    at: str  # ISO date-time, UTC
    validators: tuple[str | None, str | None]  # (ETag, Last-Modified)


class ListCount(NamedTuple):
    """How many articles a list holds, and how many of them are unread."""

    unread: int
    total: int


_CHUNK = 500  # SQL variables per IN (...) query


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def body_text(blocks: Iterable[Block]) -> str:
    """The searchable text of an article: its text blocks, one per line."""
    return "\n".join(b.text for b in blocks if b.kind is not BlockKind.IMAGE and b.text)


def content_hash(article: Article) -> str:
    import hashlib  # OpenSSL's: only for storing, never for reading, listing or searching

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
            # Keeps the planner's statistics fresh; the limit bounds its cost on a big file. Only
            # after writing: a session that only read (a recheck that found nothing new) leaves
            # the file as it was.
            with suppress(sqlite3.Error):  # (closing twice is fine)
                if self._conn.total_changes:
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

    def store_article(
        self, article: Article, validators: tuple[str | None, str | None] = (None, None)
    ) -> Stored:
        """Store a fetched article in one transaction; see the module notes for the answer.
        ``validators`` are the page's ETag and Last-Modified, for a later conditional recheck."""
        digest = content_hash(article)
        text = fingerprint(article.title, article.blocks)
        blocks = json.dumps([b.to_dict() for b in article.blocks], ensure_ascii=False)
        now = _now()
        with self._write() as conn:
            row = conn.execute(
                "SELECT fetched_at, content_hash, text_hash, removed_at IS NOT NULL OR moved_to IS"
                " NOT NULL, list_date, section, version, version_seen_at, title, blocks, etag,"
                " last_modified FROM articles WHERE url = ?",
                (article.url,),
            ).fetchone()
            values: dict[str, str | int | None] = {
                "url": article.url,
                "edition": article.edition,
                "doc_id": article.doc_id,
                "title": article.title,
                "section_name": article.section_name,
                "source": article.source,
                "content_hash": digest,
                "text_hash": text,
                "etag": validators[0],
                "last_modified": validators[1],
                "blocks": blocks,
                "body": body_text(article.blocks),
                "fetched_at": now,
            }
            if row is None or row[0] is None:  # unknown, or listed only: its first text
                result = Stored.NEW
                if row is not None and row[3]:  # seen removed before its text came
                    self._event(conn, article.url, now, EventKind.BACK)
                values |= {"version": 1, "version_seen_at": now}
                values["section"] = article.section or (row[5] if row else None)
                values["published"] = article.published or (row[4] if row else None)
                if row is None:
                    columns = ", ".join(values)
                    marks = ", ".join(f":{k}" for k in values)
                    conn.execute(f"INSERT INTO articles ({columns}) VALUES ({marks})", values)
                else:
                    self._update(conn, values)
            else:
                (_, old_digest, old_text, gone, list_date, section, version, seen_at, old_title,
                 old_blocks, etag, last_modified) = row  # fmt: skip
                if old_text is None:  # stored before texts had fingerprints
                    old_text = fingerprint(old_title, blocks_from_json(old_blocks))
                if old_text != text:
                    result = Stored.UPDATED
                    conn.execute(
                        "INSERT INTO versions (url, number, seen_at, title, blocks)"
                        " VALUES (?, ?, ?, ?, ?)",
                        (article.url, version, seen_at, old_title, old_blocks),
                    )
                    values |= {"version": version + 1, "version_seen_at": now}
                elif gone:
                    result = Stored.BACK
                elif old_digest == digest and (etag, last_modified) == validators:
                    return Stored.UNCHANGED
                else:
                    result = Stored.UNCHANGED
                if gone:
                    self._event(conn, article.url, now, EventKind.BACK)
                values["section"] = article.section or section
                values["published"] = article.published or list_date
                self._update(conn, values)
            conn.execute("DELETE FROM translations WHERE url = ?", (article.url,))
            conn.executemany(
                "INSERT INTO translations (url, edition, translation_url) VALUES (?, ?, ?)",
                [(article.url, ed, u) for ed, u in sorted(article.translations.items())],
            )
        return result

    @staticmethod
    def _event(conn: sqlite3.Connection, url: str, at: str, kind: EventKind) -> None:
        conn.execute(
            "INSERT INTO article_events (url, at, event) VALUES (?, ?, ?)", (url, at, kind.value)
        )

    @staticmethod
    def _update(conn: sqlite3.Connection, values: dict[str, str | int | None]) -> None:
        sets = ", ".join(f"{k} = :{k}" for k in values if k != "url")
        conn.execute(
            f"UPDATE articles SET {sets}, removed_at = NULL, moved_to = NULL WHERE url = :url",
            values,
        )

    def mark_removed(self, url: str) -> None:
        """Note that the site no longer serves the article (the first time it is seen so); its
        text and the user's marks are kept. Only a listed entry without text leaves the list."""
        now = _now()
        with self._write() as conn:
            changed = conn.execute(
                "UPDATE articles SET removed_at = ? WHERE url = ? AND removed_at IS NULL",
                (now, url),
            ).rowcount
            if changed:
                self._event(conn, url, now, EventKind.REMOVED)

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

    def mark_all_read(
        self, edition: str | None, section: str | None, *, starred_only: bool = False
    ) -> int:
        """Mark every unread article of a list read (``edition`` None: every edition's);
        returns how many were unread."""
        where, params = _filters(edition, section, starred_only=starred_only)
        with self._write() as conn:
            done = conn.execute(f"UPDATE articles SET read = 1 WHERE {where} AND read = 0", params)
            return done.rowcount

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
        only: Only | None = None,
    ) -> list[ArticleEntry]:
        """A page of the article list, newest first (published, then URL); ``IN_LIST`` in the
        schema says what it leaves out.

        ``edition`` is one edition's code or several; ``since`` keeps articles published on or
        after that day. ``only="edited"`` keeps the articles the site edited (``since``: whose
        latest text was seen on or after that day); ``only="removed"`` those it no longer serves,
        listed or read.
        """
        where, params = _filters(
            edition, section, starred_only=starred_only, since=since, only=only
        )
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

    def section_counts(self, edition: str) -> dict[str | None, ListCount]:
        """Unread and listed articles of each section of the edition (None: no known section)."""
        where, params = _filters(edition, None)
        sql = (
            f"SELECT section, count(*) - sum(read), count(*) FROM articles WHERE {where}"
            " GROUP BY section"
        )
        with self._read() as conn:
            rows = conn.execute(sql, params).fetchall()
        return {section: ListCount(unread, total) for section, unread, total in rows}

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

    def history(self, url: str) -> History | None:
        """Every text seen of the article and its removals; None when it has no text cached."""
        with self._read() as conn:
            return read_history(conn, url)

    def text_seen(self, url: str) -> TextSeen | None:
        """Which text of the article the cache holds as its latest, and when the site was first
        seen serving it (what an export of it names); None when it has no text cached."""
        with self._read() as conn:
            row = conn.execute(
                "SELECT version, version_seen_at FROM articles"
                " WHERE url = ? AND fetched_at IS NOT NULL",
                (url,),
            ).fetchone()
        return TextSeen(row[0], row[0], row[1]) if row else None

    def article_version(self, url: str, number: int) -> Article | None:
        """The article as version ``number`` of its text had it (the page's other facts as
        now); None when there is no such version."""
        article = self.article(url)
        found = self.history(url)
        version = found.version(number) if found is not None else None
        if article is None or version is None:
            return None
        return article._replace(title=version.title, blocks=version.blocks)

    def last_fetch(self, url: str) -> LastFetch | None:
        """When the article's page was last stored, and its validators (for a conditional
        recheck); None when no text of it is cached. A recheck the site answers "not modified"
        writes nothing, so this time only moves when the site sends something."""
        with self._read() as conn:
            row = conn.execute(
                "SELECT fetched_at, etag, last_modified FROM articles"
                " WHERE url = ? AND fetched_at IS NOT NULL",
                (url,),
            ).fetchone()
        return LastFetch(row[0], (row[1], row[2])) if row else None

    def recheck_candidates(
        self, since: str, edition: str | None = None, section: str | None = None
    ) -> list[tuple[str, tuple[str | None, str | None]]]:
        """Fetched articles published on or after ``since`` that the site still serves, with the
        validators their page was last fetched with, newest first."""
        where, params = _filters(edition, section, listed=False)
        sql = (
            f"SELECT url, etag, last_modified FROM articles WHERE {where} AND published >= ?"
            " AND fetched_at IS NOT NULL AND removed_at IS NULL AND moved_to IS NULL"
            " ORDER BY published DESC, url"
        )
        with self._read() as conn:
            rows = conn.execute(sql, [*params, since]).fetchall()
        return [(url, (etag, last_modified)) for url, etag, last_modified in rows]

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

    def translation_links(self, url: str, edition: str) -> dict[str, TranslationLink]:
        """Where the article at ``url`` (of ``edition``) is in each other edition, as far as the
        cache can tell, by edition code (see ``edition_links``)."""
        with self._read() as conn:
            return edition_links.links_of(conn, url, edition)

    def remember_translation(
        self, article: Article | ArticleEntry, other: Article, matched_by: MatchedBy
    ) -> None:
        """Note that ``other`` is ``article`` in another edition, found ``matched_by``."""
        with self._write() as conn:
            edition_links.remember(
                conn, (article.url, article.edition), (other.url, other.edition), matched_by, _now()
            )

    def published_between(self, edition: str, first: date, last: date) -> list[ArticleEntry]:
        """The listed articles of ``edition`` published from ``first`` to ``last``, oldest
        first."""
        with self._read() as conn:
            return edition_links.published_between(conn, edition, first, last)

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
        # Loaded when first searched: the reader's list paints without them.
        from mfa_reader.cache.search import search_articles
        from mfa_reader.search_query import parse_query

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
    only: Only | None = None,
) -> tuple[str, list[Any]]:
    listed = listed and only != "removed"  # listed or not: every entry the site removed
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
    if only == "edited":
        clauses.append("version > 1")
    elif only == "removed":
        clauses.append("removed_at IS NOT NULL")
    if since is not None:  # ISO 8601 times: their first ten characters are the day
        clauses.append(f"{'version_seen_at' if only == 'edited' else 'published'} >= ?")
        params.append(since.isoformat())
    return " AND ".join(clauses), params
