"""The cache file's schema, its forward migrations, and what to do with a file that is not ours.

The schema version lives in ``PRAGMA user_version``; ``MIGRATIONS[i]`` takes a file from version
``i`` to ``i + 1``, each step in its own transaction. ``PRAGMA application_id`` marks the file as an
mfa-reader cache, so a foreign SQLite file is told apart from an empty one.
"""

from __future__ import annotations

import sqlite3
import time
from contextlib import suppress
from pathlib import Path

from mfa_reader.cache.errors import CacheError

APPLICATION_ID = 0x4D464152  # "MFAR"
BUSY_TIMEOUT_MS = 5000
SQLITE_HEADER = b"SQLite format 3\x00"

# Columns of the article list, kept in the list indexes so a page is read from the index alone.
_LIST_COLUMNS = "url, edition, section, doc_id, title, fetched_at, read, starred, removed"

V1 = f"""
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,          -- rowid, shared with the full-text index
    url TEXT NOT NULL UNIQUE,        -- canonical URL
    edition TEXT NOT NULL,
    section TEXT,                    -- catalogue id, NULL when unknown
    doc_id TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    published TEXT,                  -- the article's ISO date-time, else the list date; sortable
    fetched_at TEXT,                 -- NULL while only listed (no body yet)
    read INTEGER NOT NULL DEFAULT 0,
    starred INTEGER NOT NULL DEFAULT 0,
    removed INTEGER NOT NULL DEFAULT 0,
    list_date TEXT,                  -- the date the list page gave
    listed_at TEXT,
    section_name TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    content_hash TEXT,               -- sha256 of the stored Article, to spot unchanged re-fetches
    blocks TEXT,                     -- JSON list of Block dicts
    body TEXT                        -- text of the blocks, for search; last, as it is the biggest
);
CREATE INDEX articles_list ON articles (published DESC, {_LIST_COLUMNS}) WHERE removed = 0;
CREATE INDEX articles_list_edition ON articles (edition, published DESC, {_LIST_COLUMNS})
    WHERE removed = 0;
CREATE INDEX articles_list_section ON articles (section, published DESC, {_LIST_COLUMNS})
    WHERE removed = 0;
CREATE INDEX articles_starred ON articles (published DESC, url) WHERE removed = 0 AND starred = 1;
CREATE INDEX articles_missing ON articles (edition, section, published DESC, url)
    WHERE removed = 0 AND fetched_at IS NULL;
CREATE INDEX articles_doc_id ON articles (doc_id);

CREATE TABLE translations (
    url TEXT NOT NULL,               -- the article
    edition TEXT NOT NULL,           -- the other edition
    translation_url TEXT NOT NULL,
    PRIMARY KEY (url, edition)
) WITHOUT ROWID;

CREATE TABLE list_validators (
    url TEXT PRIMARY KEY,            -- a list page
    etag TEXT,
    last_modified TEXT,
    saved_at TEXT NOT NULL
) WITHOUT ROWID;
"""

# Full-text search over title and body. Trigrams match any substring of three or more characters,
# which suits Chinese (no spaces between words) and Arabic as well as Latin and Cyrillic.
# External content: the text lives once, in ``articles``; triggers keep the index in step.
V2 = """
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body, content='articles', content_rowid='id', tokenize='trigram'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO articles_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
"""

MIGRATIONS: tuple[str, ...] = (V1, V2)
SCHEMA_VERSION = len(MIGRATIONS)


def connect(path: Path) -> sqlite3.Connection:
    """Open a connection in autocommit mode (transactions are explicit) with our settings."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=5.0)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def use_wal(conn: sqlite3.Connection) -> None:
    """Switch the file to write-ahead logging, once.

    The switch needs the file to itself and SQLite answers "locked" at once instead of waiting
    (the busy timeout does not apply), so when another process has the file open, try again. A
    file system without WAL support keeps the rollback journal, which works, only slower.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
            if mode != "wal":
                mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            mode = None
        if mode == "wal" or time.monotonic() > deadline:
            return
        time.sleep(0.01)


def is_damage(exc: sqlite3.Error) -> bool:
    """True when SQLite says the file is not a database or is malformed (not merely busy).

    Text that is not UTF-8 counts too: the cache only ever writes UTF-8, so such bytes are damage.
    """
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return True
    message = str(exc).lower()
    return any(m in message for m in ("not a database", "malformed", "could not decode"))


def looks_foreign(path: Path) -> bool:
    """True when the file is not an SQLite database at all (a non-empty file without the header)."""
    try:
        with path.open("rb") as f:
            head = f.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return False
    return len(head) > 0 and head != SQLITE_HEADER


def is_foreign_database(path: Path) -> bool:
    """True when the file is damaged, or is an SQLite database of another program.

    Looked at through a read-only connection, so another program's file is not touched (a
    read-write connection would fold its write-ahead log into it on closing).
    """
    if not path.exists() or path.stat().st_size == 0:
        return False
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5.0)
    except sqlite3.Error:
        return False  # let the read-write open say what is wrong
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        return not check_ours(conn)
    except sqlite3.Error as exc:
        return is_damage(exc)
    finally:
        conn.close()


def check_ours(conn: sqlite3.Connection) -> bool:
    """True when the file is an mfa-reader cache or an empty database we may make one of."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if app_id == APPLICATION_ID:
        return True
    if app_id != 0:
        return False
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
    return bool(version == 0 and tables == 0)


def migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Bring the file up to SCHEMA_VERSION, one step per transaction.

    The version is read again inside each write transaction, so two processes opening a new file at
    the same moment do not both apply a step.
    """
    while True:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise CacheError(
                f"The cache file {path} was written by a newer mfa-reader (schema version "
                f"{version}; this one knows up to {SCHEMA_VERSION}). It was left untouched: "
                "upgrade mfa-reader, or choose another file with --cache PATH."
            )
        if version == SCHEMA_VERSION:
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version < SCHEMA_VERSION:
                for statement in _statements(MIGRATIONS[version]):
                    conn.execute(statement)
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (``executescript`` would commit on its own)."""
    statements: list[str] = []
    current = ""
    for line in script.splitlines(keepends=True):
        if not current and (not line.strip() or line.lstrip().startswith("--")):
            continue
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    if current.strip():
        raise ValueError(f"incomplete statement in migration: {current!r}")
    return statements


def _damage_marker(path: Path) -> Path:
    return path.with_name(path.name + ".damaged")


def mark_damaged(path: Path) -> None:
    """Note that SQLite reported damage while the file was in use, for the next open to check."""
    with suppress(OSError):
        _damage_marker(path).touch()


def marked_damaged(path: Path) -> bool:
    """True when damage was noted and a full check confirms it (the marker is then cleared)."""
    marker = _damage_marker(path)
    if not marker.exists():
        return False
    damaged = False
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
            damaged = rows != [("ok",)]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        damaged = is_damage(exc)
    with suppress(OSError):
        marker.unlink()
    return damaged


def move_aside(path: Path) -> Path:
    """Rename a damaged or foreign file (with its -wal and -shm) to ``<name>.corrupt-<timestamp>``.

    The -wal file moves with it under the matching name, so the old file can still be opened.
    """
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    path.replace(target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.replace(target.with_name(target.name + suffix))
    return target
