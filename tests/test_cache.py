"""The SQLite cache: what is stored comes back, the list pages right, the user's marks are kept, and
a damaged, foreign or newer file never stops the reader nor gets silently overwritten."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from mfa_reader.cache import Cache, CacheError, schema
from mfa_reader.model import Article, ArticleRef, Block, BlockKind, MatchedBy

EN = "https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/"
ZH = "https://www.mfa.gov.cn/web/fyrbt_673021/jzhsl_673025/"


def _day(n: int) -> str:
    """Article n is from 2025-10-n; beyond 31, from n days after 2025-01-01."""
    return f"2025-10-{n:02d}" if n <= 31 else (date(2025, 1, 1) + timedelta(days=n)).isoformat()


def make_article(
    n: int,
    *,
    edition: str = "en",
    section: str | None = "press-conferences",
    title: str | None = None,
    published: str | None = None,
    body: str | None = None,
    base: str = EN,
) -> Article:
    return Article(
        url=f"{base}202510/t202510{n:02d}_{11700000 + n}.html",
        doc_id=f"t202510{n:02d}_{11700000 + n}",
        edition=edition,
        section=section,
        section_name="Regular Press Conferences",
        title=title or f"Foreign Ministry Spokesperson's Regular Press Conference No. {n}",
        published=published or f"{_day(n)}T19:15:00+08:00",
        source="Ministry of Foreign Affairs",
        blocks=(
            Block(BlockKind.PARAGRAPH, body or f"Opening remarks of conference number {n}."),
            Block(BlockKind.QUESTION, "CCTV: Could you share more details?"),
            Block(BlockKind.IMAGE, "", "https://www.fmprc.gov.cn/eng/xw/photo.jpg"),
            Block(BlockKind.CAPTION, "The spokesperson at the podium"),
        ),
        translations={"zh": f"{ZH}202510/t202510{n:02d}_{11700000 + n}.shtml"},
    )


def ref_of(article: Article, listed: date | None = None) -> ArticleRef:
    return ArticleRef(
        url=article.url,
        doc_id=article.doc_id,
        edition=article.edition,
        section=article.section,
        title=article.title,
        date=listed or date.fromisoformat(article.published[:10]),
    )


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    with Cache.open(tmp_path / "data" / "cache.sqlite3") as c:
        yield c


# --- storing and reading back ---------------------------------------------------------------------


def test_an_article_comes_back_as_it_was_stored(cache: Cache) -> None:
    article = make_article(17)
    assert cache.store_article(article) == "new"
    assert cache.article(article.url) == article
    entry = cache.entry(article.url)
    assert entry is not None
    assert entry.title == article.title
    assert entry.published == "2025-10-17T19:15:00+08:00"
    assert entry.has_body and not entry.read and not entry.starred and not entry.removed
    assert cache.entry(article.doc_id) == entry
    assert cache.entry("https://www.fmprc.gov.cn/eng/nothing.html") is None


def test_the_file_survives_closing_and_reopening(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    article = make_article(3)
    with Cache.open(path) as cache:
        cache.store_article(article)
        cache.set_starred(article.url)
    with Cache.open(path) as cache:
        assert cache.moved_aside is None
        assert cache.article(article.url) == article
        entry = cache.entry(article.url)
        assert entry is not None and entry.starred


def test_storing_the_same_article_again_changes_nothing(cache: Cache) -> None:
    article = make_article(1)
    assert cache.store_article(article) == "new"
    assert cache.store_article(article) == "unchanged"
    changed = make_article(1, body="The opening remarks were corrected.")
    assert cache.store_article(changed) == "updated"
    assert cache.article(article.url) == changed
    assert cache.store_article(changed) == "unchanged"


def test_a_listed_item_becomes_new_when_its_body_arrives(cache: Cache) -> None:
    article = make_article(5)
    assert cache.add_refs([ref_of(article)]) == [article.url]
    assert cache.article(article.url) is None  # listed only: no body yet
    entry = cache.entry(article.url)
    assert entry is not None and not entry.has_body and entry.published == "2025-10-05"
    assert [e.url for e in cache.missing_bodies()] == [article.url]
    assert cache.store_article(article) == "new"
    assert cache.missing_bodies() == []
    entry = cache.entry(article.url)
    assert entry is not None and entry.has_body and entry.published == article.published


def test_listing_again_never_downgrades_a_fetched_article(cache: Cache) -> None:
    article = make_article(8)
    cache.store_article(article)
    stale = ArticleRef(article.url, article.doc_id, "en", None, "Old list title", date(2025, 10, 7))
    assert cache.add_refs([stale]) == []
    assert cache.article(article.url) == article
    entry = cache.entry(article.url)
    assert entry is not None and entry.title == article.title and entry.has_body
    assert cache.store_article(article) == "unchanged"


def test_add_refs_reports_only_unknown_urls(cache: Cache) -> None:
    a, b, c = make_article(1), make_article(2), make_article(3)
    assert cache.add_refs([ref_of(a), ref_of(b)]) == [a.url, b.url]
    assert cache.add_refs([ref_of(b), ref_of(c), ref_of(c)]) == [c.url]
    assert cache.known_urls([a.url, c.url, "https://www.fmprc.gov.cn/eng/x.html"]) == {a.url, c.url}
    retitled = ArticleRef(a.url, a.doc_id, "en", a.section, "A better title", date(2025, 10, 1))
    cache.add_refs([retitled])
    entry = cache.entry(a.url)
    assert entry is not None and entry.title == "A better title"


# --- the list -------------------------------------------------------------------------------------


def test_entries_are_newest_first_and_page_without_gaps(cache: Cache) -> None:
    for n in range(1, 26):
        cache.store_article(make_article(n))
    # Two on the same instant are ordered by URL.
    twin = make_article(40, published="2025-10-25T19:15:00+08:00")
    cache.store_article(twin)
    pages = [cache.entries(limit=10, offset=o) for o in (0, 10, 20)]
    assert [len(p) for p in pages] == [10, 10, 6]
    urls = [e.url for p in pages for e in p]
    assert len(set(urls)) == 26
    published = [e.published for p in pages for e in p]
    assert published == sorted(published, reverse=True)
    first_two = [e.url for e in pages[0][:2]]
    assert first_two == sorted([make_article(25).url, twin.url])
    assert cache.count() == 26


def test_entries_filter_by_edition_section_date_and_star(cache: Cache) -> None:
    for n in range(1, 11):
        cache.store_article(make_article(n))
        cache.store_article(
            make_article(n, edition="zh", base=ZH, title=f"外交部发言人例行记者会{n}")
        )
    cache.store_article(make_article(11, section="spokesperson-remarks"))
    cache.set_starred(make_article(4).url)
    assert cache.count() == 21
    assert cache.count("zh") == 10
    assert cache.count("en", "press-conferences") == 10
    assert cache.count(section="spokesperson-remarks") == 1
    assert {e.edition for e in cache.entries("zh")} == {"zh"}
    two = cache.entries("en", "press-conferences", limit=2)
    assert [e.published[:10] for e in two] == ["2025-10-10", "2025-10-09"]
    since = cache.entries("en", since=date(2025, 10, 9))
    assert [e.published[:10] for e in since] == ["2025-10-11", "2025-10-10", "2025-10-09"]
    assert [e.url for e in cache.entries(starred_only=True)] == [make_article(4).url]


def test_unread_and_listed_articles_are_counted_by_section(cache: Cache) -> None:
    for n in range(1, 6):
        cache.store_article(make_article(n))
    cache.store_article(make_article(6, section="spokesperson-remarks"))
    cache.store_article(make_article(7, section=None))
    cache.store_article(make_article(8, edition="zh", base=ZH))
    cache.set_read(make_article(2).url)
    cache.set_read(make_article(6).url)
    cache.add_refs([ref_of(make_article(9))])  # listed only: counted too
    assert cache.section_counts("en") == {
        "press-conferences": (4 + 1, 6),
        "spokesperson-remarks": (0, 1),
        None: (1, 1),
    }
    assert cache.section_counts("fr") == {}
    assert cache.mark_all_read("en", "press-conferences") == 5
    assert cache.section_counts("en")["press-conferences"] == (0, 6)
    assert cache.section_counts("en")[None] == (1, 1)  # other sections keep their marks
    assert cache.section_counts("zh")["press-conferences"] == (1, 1)
    cache.set_starred(make_article(8, edition="zh", base=ZH).url)
    assert cache.mark_all_read(None, None, starred_only=True) == 1  # every edition's starred
    assert cache.section_counts("zh")["press-conferences"] == (0, 1)
    assert cache.section_counts("en")[None] == (1, 1)


def test_read_and_starred_marks_survive_fetching_again(cache: Cache) -> None:
    article = make_article(2)
    cache.add_refs([ref_of(article)])
    cache.set_read(article.url)
    cache.set_starred(article.url)
    cache.store_article(article)
    cache.store_article(make_article(2, body="Revised remarks."))
    cache.add_refs([ref_of(article)])
    entry = cache.entry(article.url)
    assert entry is not None and entry.read and entry.starred
    cache.set_read(article.url, False)
    entry = cache.entry(article.url)
    assert entry is not None and not entry.read and entry.starred


def test_a_removed_article_with_its_text_stays_listed_marked_removed(cache: Cache) -> None:
    gone, kept = make_article(1), make_article(2)
    cache.store_article(gone)
    cache.store_article(kept)
    cache.set_starred(gone.url)
    cache.mark_removed(gone.url)
    first_seen = cache.entry(gone.url)
    assert first_seen is not None and first_seen.removed and first_seen.removed_at
    cache.mark_removed(gone.url)  # seen removed again: the first time is what is kept
    entry = cache.entry(gone.url)
    assert entry is not None and entry.removed_at == first_seen.removed_at and entry.starred
    # The text is kept, and so is its place in the list, marked.
    assert [(e.url, e.removed) for e in cache.entries()] == [(kept.url, False), (gone.url, True)]
    assert cache.count() == 2
    assert [e.url for e in cache.entries(starred_only=True)] == [gone.url]
    assert cache.article(gone.url) == gone
    assert [h.entry.url for h in cache.search("conference number 1.")] == [gone.url]
    # Back on the site: no longer marked, the star still on it.
    assert cache.store_article(gone) == "back"
    entry = cache.entry(gone.url)
    assert entry is not None and not entry.removed and entry.removed_at is None and entry.starred


def test_an_entry_removed_before_its_text_was_fetched_leaves_the_list(cache: Cache) -> None:
    gone, kept = make_article(1), make_article(2)
    cache.add_refs([ref_of(gone), ref_of(kept)])
    cache.mark_removed(gone.url)
    assert [e.url for e in cache.entries()] == [kept.url]
    assert cache.count() == 1
    assert [e.url for e in cache.missing_bodies()] == [kept.url]
    entry = cache.entry(gone.url)
    assert entry is not None and entry.removed and not entry.has_body
    assert [e.url for e in cache.removed_since("2000-01-01")] == [gone.url]
    assert cache.removed_since("2999-01-01") == []
    assert cache.store_article(gone) == "new"  # the site serves it again after all
    assert {e.url for e in cache.entries()} == {gone.url, kept.url}


def test_a_moved_article_gives_its_place_and_marks_to_its_new_address(cache: Cache) -> None:
    old, new = make_article(1), make_article(2)
    cache.add_refs([ref_of(old)])
    cache.set_starred(old.url)
    cache.set_read(old.url)
    cache.store_article(new)
    cache.mark_moved(old.url, new)
    assert [e.url for e in cache.entries()] == [new.url]
    assert cache.missing_bodies() == []
    moved = cache.entry(old.url)
    assert moved is not None and moved.moved_to == new.url
    entry = cache.entry(new.url)
    assert entry is not None and entry.starred and entry.read


def test_list_validators_round_trip(cache: Cache) -> None:
    assert cache.list_validators(EN) == (None, None)
    cache.save_list_validators(EN, '"abc"', "Fri, 17 Oct 2025 11:15:00 GMT")
    assert cache.list_validators(EN) == ('"abc"', "Fri, 17 Oct 2025 11:15:00 GMT")
    cache.save_list_validators(EN, None, "Sat, 18 Oct 2025 11:15:00 GMT")
    assert cache.list_validators(EN) == (None, "Sat, 18 Oct 2025 11:15:00 GMT")


# --- the same article in other editions ---------------------------------------------------------

FR = "https://www.fmprc.gov.cn/fra/xwfw/fyrth/lxjzzdh/"


def test_an_article_is_found_in_other_editions_by_its_links_and_by_links_to_it(
    cache: Cache,
) -> None:
    hub = make_article(1)  # links to its Chinese version
    chinese = make_article(1, edition="zh", base=ZH)
    chinese = chinese._replace(url=hub.translations["zh"], translations={"fr": FR + "t1.html"})
    cache.store_article(hub)
    cache.store_article(chinese)
    french = make_article(1, edition="fr", base=FR)._replace(url=FR + "t1.html", translations={})

    def links(article: Article) -> list[tuple[str, str, str]]:
        found = cache.translation_links(article.url, article.edition)
        return sorted((code, link.url, link.matched_by.value) for code, link in found.items())

    assert links(hub) == [("zh", chinese.url, "link")]
    # The French page links nowhere, but the Chinese page links to it; nothing links French and
    # English (two steps away).
    assert links(french) == [("zh", chinese.url, "backlink")]
    assert links(chinese) == [("en", hub.url, "backlink"), ("fr", french.url, "link")]


def test_a_version_found_is_remembered_both_ways_and_never_by_a_less_sure_way(
    cache: Cache,
) -> None:
    english = make_article(2)._replace(translations={})
    french = make_article(2, edition="fr", base=FR)._replace(translations={})
    other_french = make_article(3, edition="fr", base=FR)._replace(translations={})
    cache.remember_translation(english, french, MatchedBy.BACKLINK)
    assert cache.translation_links(english.url, "en")["fr"].url == french.url
    back = cache.translation_links(french.url, "fr")["en"]
    assert (back.url, back.matched_by) == (english.url, MatchedBy.BACKLINK)
    cache.remember_translation(english, other_french, MatchedBy.DATE)  # less sure: not taken
    assert cache.translation_links(english.url, "en")["fr"].url == french.url
    cache.remember_translation(english, other_french, MatchedBy.LINK)
    found = cache.translation_links(english.url, "en")["fr"]
    assert (found.url, found.matched_by) == (other_french.url, MatchedBy.LINK)


def test_articles_published_between_two_days_of_one_edition(cache: Cache) -> None:
    for n in (16, 17, 18, 19, 20, 21):
        cache.store_article(make_article(n))
        cache.store_article(make_article(n, edition="zh", base=ZH))
    found = cache.published_between("en", date(2025, 10, 17), date(2025, 10, 20))
    assert [e.published[:10] for e in found] == [
        "2025-10-17",
        "2025-10-18",
        "2025-10-19",
        "2025-10-20",
    ]
    assert {e.edition for e in found} == {"en"}


# --- the file: schema versions, damage, other programs' files -------------------------------------


def _version(path: Path) -> tuple[int, int]:
    conn = sqlite3.connect(path)
    try:
        return (
            conn.execute("PRAGMA user_version").fetchone()[0],
            conn.execute("PRAGMA application_id").fetchone()[0],
        )
    finally:
        conn.close()


def test_an_empty_file_becomes_a_cache_at_the_current_version(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    path.touch()  # version 0: what an interrupted first start may leave
    with Cache.open(path) as cache:
        assert cache.moved_aside is None
        cache.store_article(make_article(1))
        assert cache.search("conference number")
    assert _version(path) == (schema.SCHEMA_VERSION, schema.APPLICATION_ID)
    assert [p.name for p in tmp_path.iterdir() if ".corrupt-" in p.name] == []


def test_a_version_1_file_is_migrated_and_its_articles_become_searchable(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript(schema.V1)
    conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO articles (url, edition, section, doc_id, title, published, fetched_at,"
        " starred, blocks, body) VALUES (?, 'zh', 'press-conferences', 't1', ?, ?, ?, 1, ?, ?)",
        (
            ZH + "t1.shtml",
            "外交部发言人毛宁主持例行记者会",
            "2025-10-17",
            "2025-10-17T12:00:00+00:00",
            '[{"kind": "paragraph", "text": "中方坚定支持多边主义。", "src": null}]',
            "中方坚定支持多边主义。",
        ),
    )
    conn.close()
    with Cache.open(path) as cache:
        assert cache.moved_aside is None
        hits = cache.search("多边主义")
        assert [h.entry.url for h in hits] == [ZH + "t1.shtml"]
        assert hits[0].entry.starred
        assert [h.entry.url for h in cache.search("毛宁")] == [ZH + "t1.shtml"]
        article = cache.article(ZH + "t1.shtml")
        assert article is not None and article.blocks[0].text == "中方坚定支持多边主义。"
    assert _version(path)[0] == schema.SCHEMA_VERSION


def test_a_version_2_file_keeps_its_unfinished_list_walks(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript(schema.V1)
    conn.executescript(schema.V2)
    conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 2")
    # Version 2 kept a walk's resume mark among the validators, under the list's URL + "#resume".
    conn.executemany(
        "INSERT INTO list_validators (url, etag, last_modified, saved_at) VALUES (?, ?, ?, ?)",
        [
            (ZH + "#resume", "3", "2025-10-17T12:00:00+00:00", "2025-10-17T12:00:00+00:00"),
            (ZH, '"etag-1"', None, "2025-10-17T12:00:00+00:00"),
        ],
    )
    conn.close()
    with Cache.open(path) as cache:
        # A page number cannot say which entry the walk reached: the next walk goes to the end.
        assert cache.walk_mark(ZH) == ""
        assert cache.list_validators(ZH) == ('"etag-1"', None)
        assert cache.list_validators(ZH + "#resume") == (None, None)
        cache.save_walk_mark(ZH, ZH + "202510/t20251017_1.shtml")
        assert cache.walk_mark(ZH) == ZH + "202510/t20251017_1.shtml"
        cache.save_walk_mark(ZH, None)
        assert cache.walk_mark(ZH) is None
    assert _version(path)[0] == schema.SCHEMA_VERSION


def _file_at_version(path: Path, version: int) -> sqlite3.Connection:
    """A cache file as mfa-reader left it at schema ``version``, open for the test to fill."""
    conn = sqlite3.connect(path, isolation_level=None)
    for script in schema.MIGRATIONS[:version]:
        for statement in schema._statements(script):
            conn.execute(statement)
    conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {version}")
    return conn


def test_a_version_4_file_keeps_its_removed_articles_and_their_marks(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    conn = _file_at_version(path, 4)
    blocks = '[{"kind": "paragraph", "text": "Opening remarks on trade.", "src": null}]'
    conn.executemany(
        "INSERT INTO articles (url, edition, doc_id, title, published, fetched_at, starred,"
        " removed, blocks, body) VALUES (?, 'en', ?, ?, '2025-10-17', ?, ?, ?, ?, ?)",
        [
            # removed by the site after it was read, starred: version 4 hid it
            (EN + "t1.html", "1", "Kept text", "2025-10-18", 1, 1, blocks, "Opening remarks."),
            (EN + "t2.html", "2", "Still served", "2025-10-18", 0, 0, blocks, "Opening remarks."),
            # removed before its text was fetched
            (EN + "t3.html", "3", "Never read", None, 0, 1, None, None),
        ],
    )
    conn.close()
    with Cache.open(path) as cache:
        assert cache.moved_aside is None
        kept = cache.entry(EN + "t1.html")
        assert kept is not None and kept.removed and kept.removed_at and kept.starred
        article = cache.article(EN + "t1.html")
        assert article is not None and article.blocks[0].text == "Opening remarks on trade."
        assert [e.url for e in cache.entries()] == [EN + "t1.html", EN + "t2.html"]
        assert len(cache.search("Opening remarks")) == 2
        gone = cache.entry(EN + "t3.html")
        assert gone is not None and gone.removed
        # Every article kept becomes its first version; a removal seen before is an event.
        history = cache.history(EN + "t1.html")
        assert history is not None and [v.number for v in history.versions] == [1]
        assert history.versions[0].seen_at == "2025-10-18"
        assert [e.kind.value for e in history.events] == ["removed"]
        article = make_article(1, base=EN)
        assert (
            cache.store_article(article._replace(url=EN + "t1.html", title="Kept text"))
            == "updated"
        )  # another text: the kept one becomes version 1, this one version 2
        history = cache.history(EN + "t1.html")
        assert history is not None and [v.number for v in history.versions] == [1, 2]
        assert history.versions[0].blocks[0].text == "Opening remarks on trade."
    assert _version(path)[0] == schema.SCHEMA_VERSION
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")


def test_a_version_5_file_keeps_its_language_links_and_its_blocks_without_speakers(
    tmp_path: Path,
) -> None:
    path = tmp_path / "cache.sqlite3"
    conn = _file_at_version(path, 5)
    blocks = '[{"kind": "question", "text": "Reuters: Will the minister come?", "src": null}]'
    conn.execute(
        "INSERT INTO articles (url, edition, doc_id, title, published, fetched_at, blocks, body)"
        " VALUES (?, 'en', '1', 'A conference', '2025-10-17', '2025-10-18', ?, 'Reuters')",
        (EN + "t1.html", blocks),
    )
    conn.execute(
        "INSERT INTO translations (url, edition, translation_url) VALUES (?, 'zh', ?)",
        (EN + "t1.html", ZH + "t1.shtml"),
    )
    conn.close()
    with Cache.open(path) as cache:
        article = cache.article(EN + "t1.html")
        assert article is not None and article.translations == {"zh": ZH + "t1.shtml"}
        assert article.blocks[0].speaker is None
        links = cache.translation_links(EN + "t1.html", "en")
        assert [(c, link.url, link.matched_by) for c, link in links.items()] == [
            ("zh", ZH + "t1.shtml", MatchedBy.LINK)
        ]
    assert _version(path)[0] == schema.SCHEMA_VERSION


def test_a_failing_migration_step_leaves_the_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "cache.sqlite3"
    with Cache.open(path) as cache:
        cache.store_article(make_article(1))
    broken = "ALTER TABLE articles ADD COLUMN note TEXT;\nSELECT no_such_function();"
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, broken))
    monkeypatch.setattr(schema, "SCHEMA_VERSION", schema.SCHEMA_VERSION + 1)
    with pytest.raises(CacheError, match="Could not open"):
        Cache.open(path)
    monkeypatch.undo()
    assert _version(path)[0] == schema.SCHEMA_VERSION
    with Cache.open(path) as cache:
        assert cache.article(make_article(1).url) == make_article(1)
        cols = [r[1] for r in cache._conn.execute("PRAGMA table_info(articles)")]
        assert "note" not in cols


def test_a_file_from_a_newer_mfa_reader_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    with Cache.open(path) as cache:
        cache.store_article(make_article(1))
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(CacheError) as error:
        Cache.open(path)
    message = str(error.value)
    assert "newer mfa-reader" in message and str(path) in message
    assert "\n" not in message
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["cache.sqlite3"]


def _corrupt_copies(tmp_path: Path) -> list[Path]:
    return sorted(p for p in tmp_path.iterdir() if ".corrupt-" in p.name)


def test_a_file_of_random_bytes_is_moved_aside_and_a_new_cache_made(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    junk = os.urandom(64 * 1024)
    path.write_bytes(junk)
    with Cache.open(path) as cache:
        assert cache.moved_aside is not None
        assert cache.moved_aside.name.startswith("cache.sqlite3.corrupt-")
        assert cache.moved_aside.read_bytes() == junk
        notice = cache.moved_aside_notice()
        assert notice is not None and str(cache.moved_aside) in notice
        assert cache.count() == 0
        cache.store_article(make_article(1))
    with Cache.open(path) as cache:
        assert cache.moved_aside is None and cache.count() == 1


def test_another_programs_database_is_moved_aside_with_its_journal(tmp_path: Path) -> None:
    original = tmp_path / "original.db"
    path = tmp_path / "cache.sqlite3"
    conn = sqlite3.connect(original, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("CREATE TABLE notes (text TEXT)")
    conn.execute("INSERT INTO notes VALUES ('kept safe')")
    # Copy the file with its write-ahead log as another program would leave it, still open.
    path.write_bytes(original.read_bytes())
    (tmp_path / "cache.sqlite3-wal").write_bytes((tmp_path / "original.db-wal").read_bytes())
    conn.close()
    with Cache.open(path) as cache:
        moved = cache.moved_aside
        assert moved is not None and cache.count() == 0
    assert moved.with_name(moved.name + "-wal").exists()
    other = sqlite3.connect(moved)
    assert other.execute("SELECT text FROM notes").fetchall() == [("kept safe",)]
    other.close()


def test_a_damaged_cache_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    with Cache.open(path) as cache:
        for n in range(1, 30):
            cache.store_article(make_article(n, body="Long remarks. " * 400))
    data = bytearray(path.read_bytes())
    data[100:] = os.urandom(len(data) - 100)  # the header survives, the pages do not
    path.write_bytes(bytes(data))
    with Cache.open(path) as cache:
        assert cache.moved_aside is not None
        assert cache.entries() == []
    moved = cache.moved_aside.name  # with the -wal and -shm that looking at it may have left
    assert {p.name for p in _corrupt_copies(tmp_path)} <= {moved, f"{moved}-wal", f"{moved}-shm"}
    assert cache.moved_aside.exists()


def test_damage_found_while_reading_is_reported_then_handled_at_the_next_start(
    tmp_path: Path,
) -> None:
    path = tmp_path / "cache.sqlite3"
    with Cache.open(path) as cache:
        for n in range(1, 30):
            cache.store_article(make_article(n, body="Long remarks. " * 400))
    # Damage the pages holding the article bodies, not the schema: opening still works.
    conn = sqlite3.connect(path)
    try:
        pages = [
            r[0]
            for r in conn.execute(
                "SELECT pageno FROM dbstat WHERE name = 'articles' AND pagetype != 'internal'"
            )
        ]
    except sqlite3.OperationalError:
        pytest.skip("this SQLite has no dbstat table")
    finally:
        conn.close()
    assert pages
    data = bytearray(path.read_bytes())
    for page in pages:
        data[(page - 1) * 4096 : page * 4096] = b"\xff" * 4096
    path.write_bytes(bytes(data))
    with Cache.open(path) as cache:
        assert cache.moved_aside is None
        with pytest.raises(CacheError, match="damaged") as error:
            for n in range(1, 30):
                cache.article(make_article(n).url)
        assert "\n" not in str(error.value)
    with Cache.open(path) as cache:
        assert cache.moved_aside is not None
        assert cache.count() == 0


# --- many users of one file -----------------------------------------------------------------------


def _write_many(path: str, who: int, start: Any) -> None:
    start.wait()
    with Cache.open(Path(path)) as cache:
        for n in range(1, 121):
            shared = make_article(n % 20 + 1)  # both processes store these
            mine = make_article(n, base=f"{EN}p{who}/")
            cache.add_refs([ref_of(mine), ref_of(shared)])
            cache.store_article(mine)
            cache.store_article(shared)
            if n % 3 == 0:
                cache.set_read(mine.url)
                cache.set_starred(shared.url)


def test_two_processes_writing_at_once_leave_a_sound_file(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"  # not created yet: both processes race to make it
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Barrier(2)
    workers = [ctx.Process(target=_write_many, args=(str(path), who, start)) for who in (1, 2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=120)
    assert [w.exitcode for w in workers] == [0, 0]
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute(
        "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)"
    )
    conn.close()
    with Cache.open(path) as cache:
        assert cache.count() == 240 + 20
        assert len(cache.entries(limit=1000, starred_only=True)) == 20
        assert cache.search("conference number 119")


def test_a_cache_made_by_another_process_while_this_one_looks_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other process makes the cache between two statements of this one's first look at the
    file (where the race fell when both started at once): nothing is taken for a foreign file."""
    path = tmp_path / "cache.sqlite3"
    begun = sqlite3.connect(path)  # the other process has begun: an empty file, in WAL mode
    begun.execute("PRAGMA journal_mode = WAL")
    begun.close()
    other = (
        "import sys; from pathlib import Path; from mfa_reader.cache import Cache\n"
        "from tests.test_cache import make_article\n"
        "with Cache.open(Path(sys.argv[1])) as c: c.store_article(make_article(1))\n"
    )
    real_connect = sqlite3.connect
    pending = [True]

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = real_connect(*args, **kwargs)
        previous: list[str] = []

        def trace(statement: str) -> None:
            if pending and previous and "application_id" in previous[-1]:
                pending.clear()
                root = Path(__file__).resolve().parents[1]
                subprocess.run([sys.executable, "-c", other, str(path)], check=True, cwd=root)
            previous.append(statement)

        conn.set_trace_callback(trace)
        return conn

    monkeypatch.setattr(sqlite3, "connect", connect)
    with Cache.open(path) as cache:
        assert not pending  # the other process did make the cache in between
        assert cache.moved_aside is None
        assert cache.count() == 1
    assert list(tmp_path.glob("*corrupt*")) == []


def test_threads_can_share_one_cache(cache: Cache) -> None:
    errors: list[BaseException] = []

    def work(who: int) -> None:
        try:
            for n in range(1, 41):
                article = make_article(n, base=f"{EN}t{who}/")
                cache.store_article(article)
                cache.set_read(article.url)
                cache.entries(limit=10)
                cache.search("conference")
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(who,)) for who in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert cache.count() == 160


def test_a_cache_path_that_cannot_be_a_file_gives_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "cache.sqlite3"
    folder.mkdir()
    with pytest.raises(CacheError, match="is a folder, not a cache file") as error:
        Cache.open(folder)
    assert str(folder) in str(error.value)
    assert folder.is_dir()  # nothing was moved


KEEP_WRITING = """
import sys
from pathlib import Path
sys.path[:0] = [sys.argv[2], sys.argv[3]]
from test_cache import make_article
from mfa_reader.cache import Cache
cache = Cache.open(Path(sys.argv[1]))
n = 0
while True:
    n += 1
    cache.store_article(make_article(n % 28 + 1, base=f"https://www.fmprc.gov.cn/eng/k{n}/"))
    if n == 5:
        print("writing", flush=True)
"""


def test_a_writer_killed_mid_transaction_leaves_a_sound_cache(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    here = Path(__file__).resolve().parent
    writer = subprocess.Popen(
        [sys.executable, "-c", KEEP_WRITING, str(path), str(here), str(here.parent / "src")],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline() == "writing\n"
    finally:
        writer.kill()  # SIGKILL: no clean-up of any kind
        writer.wait()
    with Cache.open(path) as cache:
        assert cache.moved_aside is None
        stored = cache.count()
        assert stored >= 5
        for entry in cache.entries(limit=stored):
            article = cache.article(entry.url)
            assert article is not None and article.title == entry.title
        assert len(cache.search("conference number")) == min(stored, 50)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()


def test_known_urls_answers_for_long_lists(cache: Cache) -> None:
    refs = [
        ArticleRef(f"{EN}t{n}.html", f"t{n}", "en", "press-conferences", f"No. {n}", None)
        for n in range(1200)
    ]
    assert len(cache.add_refs(refs[::2])) == 600
    asked = [r.url for r in refs]
    assert cache.known_urls(asked) == set(asked[::2])
    assert cache.count() == 600
    assert [e.published for e in cache.entries(limit=2)] == [None, None]


def test_translation_links_take_the_links_back_of_cached_pages(cache: Cache) -> None:
    def urls(url: str, edition: str) -> dict[str, str]:
        return {code: link.url for code, link in cache.translation_links(url, edition).items()}

    english = make_article(1)  # links its Chinese version
    chinese_url = english.translations["zh"]
    assert urls(chinese_url, "zh") == {}
    cache.add_refs([ref_of(english)])  # only listed: its links are not known yet
    assert urls(chinese_url, "zh") == {}
    cache.store_article(english)
    assert urls(chinese_url, "zh") == {"en": english.url}  # the link back
    french_url = english.url.replace("/eng/", "/fra/")
    chinese = make_article(1, edition="zh", base=ZH)._replace(
        url=chinese_url,
        translations={"en": "https://www.fmprc.gov.cn/eng/elsewhere.html", "fr": french_url},
    )
    cache.store_article(chinese)
    # Its own links win over a link back.
    assert urls(chinese_url, "zh") == {
        "en": "https://www.fmprc.gov.cn/eng/elsewhere.html",
        "fr": french_url,
    }
