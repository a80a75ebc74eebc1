"""The cache file's schema and its forward migrations.

The schema version lives in ``PRAGMA user_version``; ``MIGRATIONS[i]`` takes a file from version
``i`` to ``i + 1``, each step in its own transaction. ``PRAGMA application_id`` marks the file as an
mfa-reader cache, so a foreign SQLite file is told apart from an empty one.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from mfa_reader.cache.errors import CacheError

APPLICATION_ID = 0x4D464152  # "MFAR"

# Columns of the article list, kept in the list indexes so a page is read from the index alone.
# (Each migration keeps the list it was written with: a migration never changes once released.)
_V1_LIST_COLUMNS = "url, edition, section, doc_id, title, fetched_at, read, starred, removed"
_LIST_COLUMNS = (
    "url, edition, section, doc_id, title, fetched_at, read, starred, removed_at, moved_to, version"
)
# What the article list holds (from version 5): everything but entries removed before their text
# was fetched and entries that moved. The partial list indexes are made with this condition, and
# a query must spell it the same for the planner to use them.
IN_LIST = "moved_to IS NULL AND (removed_at IS NULL OR fetched_at IS NOT NULL)"

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
CREATE INDEX articles_list ON articles (published DESC, {_V1_LIST_COLUMNS}) WHERE removed = 0;
CREATE INDEX articles_list_edition ON articles (edition, published DESC, {_V1_LIST_COLUMNS})
    WHERE removed = 0;
CREATE INDEX articles_list_section ON articles (section, published DESC, {_V1_LIST_COLUMNS})
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

# A list walk that did not reach its end (a run killed, or --pages N) leaves the page it must reach,
# so the next run does not stop early at pages whose entries are all known. Version 2 files kept
# the mark among the validators, under the list's address plus "#resume": moved here.
V3 = """
CREATE TABLE list_walks (
    url TEXT PRIMARY KEY,            -- a list (the address of its first page)
    resume_page INTEGER NOT NULL,    -- the page an unfinished walk must reach
    saved_at TEXT NOT NULL
) WITHOUT ROWID;
INSERT OR REPLACE INTO list_walks (url, resume_page, saved_at)
    SELECT substr(url, 1, length(url) - 7), CAST(etag AS INTEGER), saved_at FROM list_validators
    WHERE url LIKE '%#resume' AND etag GLOB '[0-9]*';
DELETE FROM list_validators WHERE url LIKE '%#resume';
"""

# The mark of an unfinished walk is the oldest entry it stored, not a page number: the site's new
# articles push entries down the pages, so a page number no longer says where the walk stood.
# A page-number mark cannot be turned into an entry; it becomes "" (no entry has that address),
# and the next walk goes to the list's end once.
V4 = """
CREATE TABLE list_walks_by_entry (
    url TEXT PRIMARY KEY,            -- a list (the address of its first page)
    reached TEXT NOT NULL,           -- the oldest entry the unfinished walk stored
    saved_at TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO list_walks_by_entry (url, reached, saved_at) SELECT url, '', saved_at FROM list_walks;
DROP TABLE list_walks;
ALTER TABLE list_walks_by_entry RENAME TO list_walks;
"""

# Removal is an observation with a time, not a verdict (the site's maintenance page during an
# outage looks like a removal): removed_at is when the site was first seen not to serve the
# article, cleared when it serves it again. moved_to is the article's new address when its page
# redirects to another article. An article stays in the list while the cache has its text,
# removed or not; an entry removed before its text was fetched, or moved (its new address is
# listed instead), is left out (IN_LIST).
#
# Every text the site served for an article is kept: the current one in ``articles`` (``version``
# is its number, ``version_seen_at`` when it was first seen), the earlier ones in ``versions``.
# A text counts as new when its fingerprint (``text_hash``, the title and the blocks' text with
# spacing normalised) changes: a change of template, counter or spacing is not an edit. An
# existing article becomes version 1, seen when it was fetched; its fingerprint is worked out
# the next time it is fetched. ``etag`` and ``last_modified`` let a recheck ask conditionally.
# Removals and returns are events with their time.
#
# The table is made anew so that the body stays its last column (a column after it is read past
# the body's overflow pages).
V5 = f"""
CREATE TABLE articles_v5 (
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
    removed_at TEXT,                 -- when the site was first seen not to serve it; NULL: served
    moved_to TEXT,                   -- the address the page now redirects to; NULL: not moved
    version INTEGER NOT NULL DEFAULT 1,  -- the number of the text held here (earlier: versions)
    version_seen_at TEXT,            -- when the site was first seen serving this text
    list_date TEXT,                  -- the date the list page gave
    listed_at TEXT,
    section_name TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    content_hash TEXT,               -- sha256 of the stored Article, to spot unchanged re-fetches
    text_hash TEXT,                  -- fingerprint of the text, to tell an edit from the rest
    etag TEXT,                       -- the page's validators, for a conditional recheck
    last_modified TEXT,
    blocks TEXT,                     -- JSON list of Block dicts
    body TEXT                        -- text of the blocks, for search; last, as it is the biggest
);
INSERT INTO articles_v5 (id, url, edition, section, doc_id, title, published, fetched_at, read,
        starred, removed_at, version_seen_at, list_date, listed_at, section_name, source,
        content_hash, blocks, body)
    SELECT id, url, edition, section, doc_id, title, published, fetched_at, read, starred,
        CASE WHEN removed THEN strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now') END, fetched_at,
        list_date, listed_at, section_name, source, content_hash, blocks, body
    FROM articles;
DROP TABLE articles;
ALTER TABLE articles_v5 RENAME TO articles;
CREATE INDEX articles_list ON articles (published DESC, {_LIST_COLUMNS}) WHERE {IN_LIST};
CREATE INDEX articles_list_edition ON articles (edition, published DESC, {_LIST_COLUMNS})
    WHERE {IN_LIST};
CREATE INDEX articles_list_section ON articles (section, published DESC, {_LIST_COLUMNS})
    WHERE {IN_LIST};
CREATE INDEX articles_starred ON articles (published DESC, url) WHERE {IN_LIST} AND starred = 1;
CREATE INDEX articles_missing ON articles (edition, section, published DESC, url)
    WHERE fetched_at IS NULL AND removed_at IS NULL AND moved_to IS NULL;
CREATE INDEX articles_removed ON articles (removed_at) WHERE removed_at IS NOT NULL;
CREATE INDEX articles_doc_id ON articles (doc_id);
CREATE INDEX articles_published ON articles (published) WHERE fetched_at IS NOT NULL;
CREATE TABLE versions (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,               -- the article
    number INTEGER NOT NULL,         -- 1 for the first text seen, then 2, 3 …
    seen_at TEXT,                    -- when the site was first seen serving it
    title TEXT NOT NULL,
    blocks TEXT NOT NULL,            -- JSON list of Block dicts, as articles.blocks
    UNIQUE (url, number)
);
CREATE TABLE article_events (
    url TEXT NOT NULL,
    at TEXT NOT NULL,
    event TEXT NOT NULL CHECK (event IN ('removed', 'back'))
);
CREATE INDEX article_events_url ON article_events (url, at);
INSERT INTO article_events (url, at, event)
    SELECT url, removed_at, 'removed' FROM articles WHERE removed_at IS NOT NULL;
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
"""

# The same article in other editions, as the reader found it (see ``other_editions``): by the
# page's own language link, by another page's link to it, or by the date in a press conference's
# title. Kept both ways, so that what was found once is found at once the next time.
# ``translations`` still holds what each page's language bar says, and nothing else; its index on
# the linked address finds the pages that link to an article.
V6 = """
CREATE TABLE edition_links (
    url TEXT NOT NULL,               -- an article
    edition TEXT NOT NULL,           -- another edition
    other_url TEXT NOT NULL,         -- the same article in that edition
    matched_by TEXT NOT NULL CHECK (matched_by IN ('link', 'backlink', 'date')),
    found_at TEXT NOT NULL,
    PRIMARY KEY (url, edition)
) WITHOUT ROWID;
CREATE INDEX translations_linked ON translations (translation_url);
"""

# Whole words for the languages written with spaces: a second full-text index, of words
# (unicode61, case folded, diacritics kept as the trigram index keeps them), so that "and" no
# longer matches inside "Thailand" and two-letter words (UN, EU) need no scan of every body.
# Chinese, which has no spaces to find words by, is left out: the trigram index serves it.
V7 = """
CREATE VIRTUAL TABLE articles_words USING fts5(
    title, body, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 0'
);
CREATE TRIGGER articles_words_insert AFTER INSERT ON articles WHEN new.edition <> 'zh' BEGIN
    INSERT INTO articles_words (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER articles_words_delete AFTER DELETE ON articles WHEN old.edition <> 'zh' BEGIN
    INSERT INTO articles_words (articles_words, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER articles_words_update AFTER UPDATE OF title, body ON articles
        WHEN old.edition <> 'zh' BEGIN
    INSERT INTO articles_words (articles_words, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO articles_words (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
INSERT INTO articles_words (rowid, title, body) SELECT id, title, body FROM articles
    WHERE edition <> 'zh';
"""

MIGRATIONS: tuple[str, ...] = (V1, V2, V3, V4, V5, V6, V7)
SCHEMA_VERSION = len(MIGRATIONS)


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
