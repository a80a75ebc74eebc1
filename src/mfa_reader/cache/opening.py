"""Opening the cache file: our settings, damaged and foreign files, the user's words for failures.

A file that is not an SQLite database, is damaged, or is another program's database is moved aside
to ``<name>.corrupt-<timestamp>`` (with its -wal and -shm) and a fresh cache is made in its place.
``PRAGMA application_id`` tells our files from other programs' ones.
"""

from __future__ import annotations

import sqlite3
import time
from contextlib import suppress
from pathlib import Path

from mfa_reader.cache import schema
from mfa_reader.cache.errors import CacheError

BUSY_TIMEOUT_MS = 5000
SQLITE_HEADER = b"SQLite format 3\x00"


def open_file(path: Path) -> tuple[sqlite3.Connection, Path | None]:
    """A connection to the cache at ``path``, migrated; and where an unusable old file went."""
    if path.is_dir():
        raise CacheError(
            f"{path} is a folder, not a cache file: give a file name, e.g. --cache "
            f"{path / 'mfa-reader.sqlite3'}."
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CacheError(
            f"Cannot create the folder for the cache file {path}: {exc.strerror or exc}. "
            "Choose another place with --cache PATH."
        ) from exc
    moved: Path | None = None
    if looks_foreign(path) or marked_damaged(path) or is_foreign_database(path):
        moved = _move_aside(path)
    try:
        conn = _connect_ours(path)
    except _NotOurs:
        moved = _move_aside(path)
        conn = _connect_ours(path)
    return conn, moved


def _connect_ours(path: Path) -> sqlite3.Connection:
    try:
        conn = connect(path)
    except sqlite3.Error as exc:
        raise describe(exc, path, "open") from exc
    try:
        if not check_ours(conn):
            conn.close()
            raise _NotOurs
        use_wal(conn)
        conn.execute("PRAGMA synchronous = NORMAL")  # safe with WAL; a crash loses no more
        schema.migrate(conn, path)
    except sqlite3.Error as exc:
        conn.close()
        if is_damage(exc):
            raise _NotOurs from exc
        raise describe(exc, path, "open") from exc
    except BaseException:
        conn.close()
        raise
    return conn


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
    except OSError:
        return False  # missing, or a folder: the open that follows says what is wrong
    return len(head) > 0 and head != SQLITE_HEADER


def is_foreign_database(path: Path) -> bool:
    """True when the file is damaged, or is an SQLite database of another program.

    Looked at through a read-only connection, so another program's file is not touched (a
    read-write connection would fold its write-ahead log into it on closing).
    """
    if not path.is_file() or path.stat().st_size == 0:
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
    """True when the file is an mfa-reader cache or an empty database we may make one of.

    The three values are read in one statement, so in one snapshot of the file: read one by one,
    another process making the cache in between would show tables without our mark, and its
    fresh cache would be taken for another program's file and moved aside.
    """
    app_id, version, tables = conn.execute(
        "SELECT (SELECT application_id FROM pragma_application_id),"
        " (SELECT user_version FROM pragma_user_version),"
        " (SELECT count(*) FROM sqlite_schema)"
    ).fetchone()
    if app_id == schema.APPLICATION_ID:
        return True
    return bool(app_id == 0 and version == 0 and tables == 0)


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


class _NotOurs(Exception):
    """The file is damaged or foreign: move it aside."""


def _move_aside(path: Path) -> Path | None:
    try:
        return move_aside(path)
    except FileNotFoundError:
        return None  # another mfa-reader moved it a moment ago
    except OSError as exc:
        raise CacheError(
            f"The cache file {path} is damaged or not an mfa-reader cache, and could not be moved "
            f"aside ({exc.strerror or exc}). Move or delete it yourself, or choose another file "
            "with --cache PATH."
        ) from exc


def describe(exc: sqlite3.Error, path: Path, doing: str) -> CacheError:
    message = " ".join(str(exc).split())
    if len(message) > 80:  # SQLite may quote a whole column's text
        message = message[:80] + "…"
    if "locked" in message or "busy" in message:
        return CacheError(
            f"The cache file {path} is busy: another program held it for more than "
            f"{BUSY_TIMEOUT_MS // 1000} s. Nothing was lost; try again."
        )
    if is_damage(exc):
        return CacheError(
            f"The cache file {path} is damaged ({message}). Start mfa-reader again: the file will "
            "be checked, and if it is damaged, moved aside and a new one made."
        )
    return CacheError(f"Could not {doing} the cache file {path}: {message}.")
