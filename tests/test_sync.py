"""Sync against the fixture site on a real HTTP server, with a real SQLite cache file.

What a user would notice: the articles that end up in the cache (exactly those of the site), how
many requests a second sync makes, what the report says about each fault, and that a crash or a
second sync at the same time never spoils the cache.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mfa_reader.cache import Cache
from mfa_reader.editions import EDITION_CODES, sections
from mfa_reader.fetcher import Fetcher
from mfa_reader.model import Article
from mfa_reader.parser import RemovedPage, parse_article, parse_listing
from mfa_reader.parser.urls import canonical_url
from mfa_reader.report import Progress, Report, Step
from mfa_reader.sync import get_article, refresh
from siteserver import (
    FIXTURE_SITE,
    GB18030,
    OVERSIZE,
    REDIRECT,
    REDIRECT_LOOP,
    RESET,
    SOFT404,
    STATUS,
    TIMEOUT,
    TRUNCATED,
    WRONG_CHARSET,
    SiteServer,
)

pytestmark = pytest.mark.asyncio

FMPRC = "https://www.fmprc.gov.cn"
MFA = "https://www.mfa.gov.cn"
EN_LIST = "/eng/xw/fyrbt/lxjzh/"
EN_NEWEST = "/eng/xw/fyrbt/lxjzh/202510/t20251017_99001017.html"
EN_OLDEST = "/eng/xw/fyrbt/lxjzh/202405/t20240530_99000815.html"
ZH_NEWEST = "/web/fyrbt_673021/jzhsl_673025/202510/t20251017_99002017.shtml"
LEGACY_REMOVED = "/mfa_eng/xwfw_665399/s2510_665401/2511_665403/t1843994.shtml"
LIST_FILES = ("index", "default")


# --- what the fixture site holds, read straight from its files ------------------------------------


def _path(url: str) -> str:
    path = url.split("://", 1)[1]
    return path[path.index("/") :]


def _folder_has_list(folder: str) -> bool:
    d = FIXTURE_SITE / folder.lstrip("/")
    return d.is_dir() and any(p.stem in LIST_FILES for p in d.iterdir())


def fixture_plan() -> dict[str, list[str]]:
    """Edition -> the sections whose current list the fixture site has."""
    plan: dict[str, list[str]] = {}
    for code in EDITION_CODES:
        ids = [s.id for s in sections(code) if _folder_has_list(_path(s.list_urls[0]))]
        if ids:
            plan[code] = ids
    return plan


def expected_site() -> dict[str, Article | None]:
    """Every article the lists of the fixture site link to: its parse, or None when removed."""
    expected: dict[str, Article | None] = {}
    for code, ids in fixture_plan().items():
        for section in (s for s in sections(code) if s.id in ids):
            for list_url in section.list_urls:
                folder = FIXTURE_SITE / _path(list_url).lstrip("/")
                if not folder.is_dir():
                    continue
                for page in sorted(folder.iterdir()):
                    if page.stem.split("_")[0] not in LIST_FILES or not page.is_file():
                        continue
                    page_url = canonical_url(list_url) + page.name
                    for ref in parse_listing(page.read_bytes(), page_url).items:
                        data = (FIXTURE_SITE / _path(ref.url).lstrip("/")).read_bytes()
                        try:
                            expected[ref.url] = parse_article(data, ref.url)
                        except RemovedPage:
                            expected[ref.url] = None
    return expected


def list_urls() -> list[str]:
    plan = fixture_plan()
    return [
        canonical_url(u)
        for code, ids in plan.items()
        for s in sections(code)
        if s.id in ids
        for u in s.list_urls
    ]


# --- helpers --------------------------------------------------------------------------------------


def make_fetcher(server: SiteServer, **options: Any) -> Fetcher:
    settings: dict[str, Any] = {
        "origin": server.origin,
        "spacing": 0,
        "retries": 1,
        "backoff": 0.01,
        "timeout": 2,
    }
    settings.update(options)
    return Fetcher(**settings)


def merge(reports: list[Report]) -> Report:
    total = Report()
    for r in reports:
        total.new += r.new
        total.updated += r.updated
        total.removed += r.removed
        total.failed += r.failed
        total.refused.update(r.refused)
        total.pages += r.pages
        total.not_modified += r.not_modified
        total.bodies += r.bodies
        total.requests += r.requests
    return total


async def sync_site(
    cache: Cache, fetcher: Fetcher, *, bodies: bool = True, pages: int | None = None, **kw: Any
) -> Report:
    """Sync the whole fixture site: every edition, the sections it has."""
    reports = [
        await refresh(
            cache, fetcher, editions=[code], sections=ids, bodies=bodies, pages=pages, **kw
        )
        for code, ids in fixture_plan().items()
    ]
    return merge(reports)


def check_complete(cache: Cache, expected: dict[str, Article | None]) -> None:
    """The cache holds exactly the fixture site: every article, parsed the same, nothing else."""
    with sqlite3.connect(cache.path) as conn:
        urls = {r[0] for r in conn.execute("SELECT url FROM articles")}
    assert urls == set(expected)
    for url, article in expected.items():
        entry = cache.entry(url)
        assert entry is not None, url
        if article is None:
            assert entry.removed, url
            continue
        assert not entry.removed, url
        assert entry.has_body, url
        stored = cache.article(url)
        assert stored is not None and stored.to_dict() == article.to_dict(), url
    assert cache.missing_bodies() == []
    assert integrity(cache.path) == "ok"


def integrity(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def snapshot(path: Path) -> list[tuple[Any, ...]]:
    """Everything the cache holds about articles, except when they were fetched."""
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT url, edition, section, doc_id, title, published, read, starred, removed_at,"
            " moved_to, source, content_hash, blocks, body FROM articles ORDER BY url"
        ).fetchall()
        rows += conn.execute("SELECT * FROM translations ORDER BY url, edition").fetchall()
    return rows


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    with Cache.open(tmp_path / "reader.sqlite3") as c:
        yield c


@pytest.fixture(scope="module")
def expected() -> dict[str, Article | None]:
    return expected_site()


async def test_the_fixture_site_is_there_to_sync(expected: dict[str, Article | None]) -> None:
    plan = fixture_plan()
    assert set(plan) == set(EDITION_CODES)
    assert canonical_url(FMPRC + EN_NEWEST) in expected
    assert expected[canonical_url(FMPRC + LEGACY_REMOVED)] is None
    assert sum(a is not None for a in expected.values()) >= 20


# --- the whole site, then again -------------------------------------------------------------------


async def test_full_sync_gives_exactly_the_site(
    site_server: SiteServer, cache: Cache, expected: dict[str, Article | None]
) -> None:
    events: list[Progress] = []
    site_server.latency = 0.005
    async with make_fetcher(site_server, concurrency=2) as f:
        report = await sync_site(cache, f, on_progress=events.append)
    assert report.failed == [] and report.ok
    check_complete(cache, expected)
    # Bounded: two requests at a time per host, and the site has two hosts.
    assert 2 <= site_server.max_in_flight <= 4
    assert set(report.new) == {u for u, a in expected.items() if a is not None}
    assert report.removed == [FMPRC + LEGACY_REMOVED]
    assert report.updated == []
    # Progress counts up and ends complete.
    last = events[-1]
    assert last.step is Step.DONE
    assert last.pages_done == last.pages_total
    assert last.articles_done == last.articles_total
    assert all(e.pages_done <= e.pages_total for e in events)
    assert all(e.articles_done <= e.articles_total for e in events)


async def test_second_sync_asks_once_per_list_and_changes_nothing(
    site_server: SiteServer, cache: Cache, expected: dict[str, Article | None]
) -> None:
    async with make_fetcher(site_server) as f:
        await sync_site(cache, f)
    before = snapshot(cache.path)
    site_server.reset()
    async with make_fetcher(site_server) as f:
        report = await sync_site(cache, f)
    lists = list_urls()
    removed = [u for u, a in expected.items() if a is None]
    # One conditional request per list, and the article seen removed is asked for again ...
    assert site_server.count() == len(lists) + len(removed)
    assert all(site_server.count(_path(u)) == 1 for u in [*lists, *removed])
    assert report.not_modified == len(lists)  # ... the lists answered 304
    assert (report.new, report.updated, report.removed, report.failed) == ([], [], [], [])
    assert snapshot(cache.path) == before
    check_complete(cache, expected)


async def test_new_article_is_found_and_the_walk_stops_at_known_entries(
    site_server: SiteServer, cache: Cache
) -> None:
    async with make_fetcher(site_server) as f:
        await refresh(cache, f, editions=["en"], sections=["press-conferences"], bodies=True)
    site_server.reset()
    new_path = "/eng/xw/fyrbt/lxjzh/202510/t20251020_99001020.html"
    page = (FIXTURE_SITE / EN_NEWEST.lstrip("/")).read_text(encoding="utf-8")
    site_server.put(new_path, page.replace("October 17, 2025", "October 20, 2025"))
    index = (FIXTURE_SITE / EN_LIST.lstrip("/") / "index.html").read_text(encoding="utf-8")
    entry = (
        '<div><a href="./202510/t20251020_99001020.html" target="_blank">Foreign Ministry '
        "Spokesperson Lin Jian’s Regular Press Conference on October 20, 2025</a>"
        "<div>October 20, 2025</div></div>\n"
    )
    site_server.put(
        EN_LIST, index.replace('<div class="news_list">', '<div class="news_list">' + entry)
    )
    async with make_fetcher(site_server) as f:
        report = await refresh(
            cache, f, editions=["en"], sections=["press-conferences"], bodies=True
        )
    assert report.new == [FMPRC + new_path]
    assert report.failed == []
    # Page 0 had a new entry, so page 1 was read; it was all known, so the walk stopped there.
    assert site_server.count(EN_LIST) == 1
    assert site_server.count(EN_LIST + "index_1.html") == 1
    assert site_server.count(new_path) == 1
    stored = cache.article(FMPRC + new_path)
    assert stored is not None and "October 20, 2025" in stored.title


async def test_lists_only_then_bodies_later(
    site_server: SiteServer, cache: Cache, expected: dict[str, Article | None]
) -> None:
    async with make_fetcher(site_server) as f:
        report = await sync_site(cache, f, bodies=False)
    assert set(report.new) == set(expected)  # listed; nobody knows yet that one is removed
    assert report.removed == []
    assert len(cache.missing_bodies()) == len(expected)
    async with make_fetcher(site_server) as f:
        report = await sync_site(cache, f, bodies=True)
    check_complete(cache, expected)
    assert report.removed == [FMPRC + LEGACY_REMOVED]


async def test_pages_limit_then_a_full_sync_finishes_the_lists(
    site_server: SiteServer, cache: Cache, expected: dict[str, Article | None]
) -> None:
    async with make_fetcher(site_server) as f:
        await sync_site(cache, f, pages=1)
    assert cache.entry(FMPRC + EN_NEWEST) is not None
    assert cache.entry(FMPRC + EN_OLDEST) is None  # on page 1
    assert not any("index_1" in r.path for r in site_server.requests)
    async with make_fetcher(site_server) as f:
        await sync_site(cache, f)
    check_complete(cache, expected)


async def test_every_catalogue_section_missing_from_the_site_is_reported(
    site_server: SiteServer, cache: Cache
) -> None:
    async with make_fetcher(site_server) as f:
        report = await refresh(cache, f, editions=["zh"], bodies=True)
    plan = fixture_plan()["zh"]
    missing = [s for s in sections("zh") if s.id not in plan]
    assert sorted(f.where for f in report.failed) == sorted(
        canonical_url(s.list_urls[0]) for s in missing
    )
    assert all("not at" in f.reason and "404" in f.reason for f in report.failed)
    assert cache.count("zh") > 0 and cache.missing_bodies("zh") == []


async def test_unknown_editions_and_sections_are_refused(
    site_server: SiteServer, cache: Cache
) -> None:
    async with make_fetcher(site_server) as f:
        with pytest.raises(ValueError, match="unknown edition 'de'"):
            await refresh(cache, f, editions=["de"])
        with pytest.raises(ValueError, match="unknown section 'gossip'"):
            await refresh(cache, f, editions=["en"], sections=["gossip"])
        with pytest.raises(ValueError, match="none of the sections"):
            await refresh(cache, f, editions=["fr"], sections=["answers"])
    assert site_server.count() == 0


# --- faults ---------------------------------------------------------------------------------------

RECOVERED = [
    pytest.param(EN_NEWEST, STATUS, {"status": 503, "times": 1}, id="503-once"),
    pytest.param(EN_NEWEST, STATUS, {"status": 500, "times": 1}, id="500-once"),
    pytest.param(EN_NEWEST, RESET, {"times": 1}, id="reset-once"),
    pytest.param(EN_NEWEST, TRUNCATED, {"times": 1}, id="truncated-once"),
    pytest.param(EN_NEWEST, TIMEOUT, {"times": 1}, id="timeout-once"),
    pytest.param(EN_LIST, STATUS, {"status": 502, "times": 1}, id="list-502-once"),
    pytest.param(EN_LIST + "index_1.html", RESET, {"times": 1}, id="list-page-reset-once"),
    pytest.param(ZH_NEWEST, GB18030, {}, id="gb18030-body"),
    pytest.param(EN_NEWEST, WRONG_CHARSET, {}, id="wrong-charset"),
    pytest.param(ZH_NEWEST, WRONG_CHARSET, {}, id="wrong-charset-chinese"),
]


@pytest.mark.parametrize(("path", "kind", "options"), RECOVERED)
async def test_passing_faults_are_retried_and_the_sync_completes(
    site_server: SiteServer,
    cache: Cache,
    expected: dict[str, Article | None],
    path: str,
    kind: str,
    options: dict[str, Any],
) -> None:
    site_server.fault(path, kind, **options)
    async with make_fetcher(site_server, timeout=0.5) as f:
        report = await sync_site(cache, f)
    assert report.failed == []
    check_complete(cache, expected)


FAILED = [
    pytest.param(EN_NEWEST, STATUS, {"status": 500}, "500", id="500"),
    pytest.param(EN_NEWEST, STATUS, {"status": 503}, "503", id="503"),
    pytest.param(EN_NEWEST, RESET, {}, "connection", id="reset"),
    pytest.param(EN_NEWEST, TRUNCATED, {}, "cut short", id="truncated"),
    pytest.param(EN_NEWEST, TIMEOUT, {}, "did not answer", id="timeout"),
    pytest.param(EN_NEWEST, OVERSIZE, {"declared": False}, "larger than the limit", id="oversize"),
    pytest.param(
        EN_NEWEST,
        REDIRECT,
        {"location": "https://evil.example.net/"},
        "another site",
        id="redirect-off-site",
    ),
    pytest.param(EN_NEWEST, REDIRECT_LOOP, {}, "loop", id="redirect-loop"),
    pytest.param(EN_LIST + "index_1.html", STATUS, {"status": 500}, "500", id="list-page-500"),
    pytest.param(EN_LIST + "index_1.html", RESET, {}, "connection", id="list-page-reset"),
    # Malformed answers: each is one failed page, never the end of the run.
    pytest.param(
        EN_NEWEST,
        REDIRECT,
        {"location": "javascript:alert(1)"},
        "not a web address",
        id="redirect-to-javascript",
    ),
    pytest.param(
        EN_NEWEST,
        REDIRECT,
        {"location": "http://127.0.0.1:99999/x"},
        "not valid",
        id="redirect-to-a-bad-port",
    ),
    pytest.param(EN_NEWEST, STATUS, {"status": 304}, "304", id="article-304-unasked"),
    pytest.param(EN_LIST + "index_1.html", STATUS, {"status": 304}, "304", id="list-page-304"),
]


@pytest.mark.parametrize(("path", "kind", "options", "words"), FAILED)
async def test_lasting_faults_are_reported_the_rest_completes_and_the_next_run_finishes(
    site_server: SiteServer,
    cache: Cache,
    expected: dict[str, Article | None],
    path: str,
    kind: str,
    options: dict[str, Any],
    words: str,
) -> None:
    site_server.fault(path, kind, **options)
    async with make_fetcher(site_server, timeout=0.3, max_bytes=1024 * 1024) as f:
        report = await sync_site(cache, f)
    assert len(report.failed) == 1
    url, reason = report.failed[0].where, report.failed[0].reason
    assert url == canonical_url((MFA if path.startswith("/web/") else FMPRC) + path)
    assert words in reason and "\n" not in reason
    # The rest completed: every other article of the site is there.
    broken = {url}
    if "index_1" in path:  # the page's entries could not be listed
        page = (FIXTURE_SITE / path.lstrip("/")).read_bytes()
        broken = {ref.url for ref in parse_listing(page, url).items}
    for other, article in expected.items():
        if other in broken:
            continue
        stored = cache.article(other)
        assert (stored is None) if article is None else (stored == article), other
    # Once the site is well again, the next run finishes the work.
    site_server.reset()
    async with make_fetcher(site_server) as f:
        report = await sync_site(cache, f)
    assert report.failed == []
    check_complete(cache, expected)


async def test_soft_404_marks_the_article_removed(
    site_server: SiteServer, cache: Cache, expected: dict[str, Article | None]
) -> None:
    site_server.fault(EN_NEWEST, SOFT404)
    async with make_fetcher(site_server) as f:
        report = await sync_site(cache, f)
    assert FMPRC + EN_NEWEST in report.removed
    assert FMPRC + EN_NEWEST not in report.new
    assert report.failed == []
    entry = cache.entry(FMPRC + EN_NEWEST)
    assert entry is not None and entry.removed
    assert FMPRC + EN_NEWEST not in {e.url for e in cache.entries(limit=1000)}


REMOVALS = [
    pytest.param(SOFT404, {}, id="maintenance-page"),
    pytest.param(REDIRECT, {"location": "/web/system/2020/09/25/index_17321.shtml"}, id="system"),
    pytest.param(STATUS, {"status": 404}, id="404"),
    pytest.param(STATUS, {"status": 410}, id="410"),
]


@pytest.mark.parametrize(("kind", "options"), REMOVALS)
async def test_an_article_seen_removed_in_an_outage_comes_back_with_its_marks(
    site_server: SiteServer,
    cache: Cache,
    expected: dict[str, Article | None],
    kind: str,
    options: dict[str, Any],
) -> None:
    async with make_fetcher(site_server) as f:
        await refresh(cache, f, editions=["zh"], sections=["press-conferences"])
    cache.set_starred(MFA + ZH_NEWEST)  # listed, starred, not fetched yet
    site_server.fault(ZH_NEWEST, kind, **options)  # the site is down for maintenance
    async with make_fetcher(site_server) as f:
        report = await refresh(
            cache, f, editions=["zh"], sections=["press-conferences"], bodies=True
        )
    assert report.removed == [MFA + ZH_NEWEST] and report.failed == []
    entry = cache.entry(MFA + ZH_NEWEST)
    assert entry is not None and entry.removed and entry.removed_at and entry.starred
    # The next sync asks again (not once per list, for ever: it is a recent observation) ...
    async with make_fetcher(site_server) as f:
        report = await refresh(
            cache, f, editions=["zh"], sections=["press-conferences"], bodies=True
        )
    assert report.removed == []  # still removed is not news
    assert site_server.count(ZH_NEWEST) == 2
    # ... and once the site serves it again, it is back, with its star.
    site_server.clear_fault(ZH_NEWEST)
    async with make_fetcher(site_server) as f:
        report = await refresh(
            cache, f, editions=["zh"], sections=["press-conferences"], bodies=True
        )
    assert report.new == [MFA + ZH_NEWEST] and report.ok
    entry = cache.entry(MFA + ZH_NEWEST)
    assert entry is not None and not entry.removed and entry.starred and entry.has_body
    assert cache.article(MFA + ZH_NEWEST) == expected[MFA + ZH_NEWEST]
    assert MFA + ZH_NEWEST in [e.url for e in cache.entries("zh")]


async def test_removals_seen_long_ago_are_not_asked_again_by_every_sync(
    site_server: SiteServer, cache: Cache
) -> None:
    async with make_fetcher(site_server) as f:
        await refresh(cache, f, editions=["en"], sections=["press-conferences"], bodies=True)
    with sqlite3.connect(cache.path) as conn:  # the legacy page was seen removed 31 days ago
        conn.execute(
            "UPDATE articles SET removed_at = '2000-01-01T00:00:00+00:00' WHERE url = ?",
            (FMPRC + LEGACY_REMOVED,),
        )
    site_server.reset()
    async with make_fetcher(site_server) as f:
        await refresh(cache, f, editions=["en"], sections=["press-conferences"], bodies=True)
    assert site_server.count(LEGACY_REMOVED) == 0


async def test_an_article_that_redirects_to_another_is_stored_under_its_own_address(
    site_server: SiteServer, cache: Cache, expected: dict[str, Article | None]
) -> None:
    older = "/eng/xw/fyrbt/lxjzh/202510/t20251016_99001016.html"
    site_server.fault(EN_NEWEST, REDIRECT, location=older)
    async with make_fetcher(site_server) as f:
        report = await refresh(cache, f, editions=["en"], sections=["press-conferences"])
        cache.set_read(FMPRC + EN_NEWEST)
        article = await get_article(cache, f, FMPRC + EN_NEWEST)
    assert report.ok
    # What came back is the other article, stored as itself, never as the one asked for.
    assert article == expected[FMPRC + older]
    assert cache.article(FMPRC + older) == expected[FMPRC + older]
    assert cache.article(FMPRC + EN_NEWEST) is None
    moved = cache.entry(FMPRC + EN_NEWEST)
    assert moved is not None and moved.moved_to == FMPRC + older
    listed = [e.url for e in cache.entries("en", limit=1000)]
    assert FMPRC + EN_NEWEST not in listed and listed.count(FMPRC + older) == 1
    target = cache.entry(FMPRC + older)
    assert target is not None and target.read  # the read mark went with it
    # A sync of bodies does not ask for the moved address again and again.
    site_server.reset()
    async with make_fetcher(site_server) as f:
        await refresh(cache, f, editions=["en"], sections=["press-conferences"], bodies=True)
    assert site_server.count(EN_NEWEST) == 0


async def test_redirect_to_the_system_page_marks_the_article_removed(
    site_server: SiteServer, cache: Cache
) -> None:
    site_server.fault(EN_NEWEST, REDIRECT, location="/web/system/2020/09/25/index_17321.shtml")
    async with make_fetcher(site_server) as f:
        report = await refresh(
            cache, f, editions=["en"], sections=["press-conferences"], bodies=True
        )
    assert report.removed == [FMPRC + LEGACY_REMOVED, FMPRC + EN_NEWEST] or set(report.removed) == {
        FMPRC + LEGACY_REMOVED,
        FMPRC + EN_NEWEST,
    }
    entry = cache.entry(FMPRC + EN_NEWEST)
    assert entry is not None and entry.removed


@pytest.mark.parametrize("status", [403, 412, 429])
async def test_refusal_stops_that_host_only_and_says_what_to_do(
    site_server: SiteServer, cache: Cache, expected: dict[str, Article | None], status: int
) -> None:
    # A block is host-wide: www.fmprc.gov.cn refuses everything, www.mfa.gov.cn is fine.
    for path in (p for p in site_server_paths() if not p.startswith("/web/")):
        site_server.fault(path, STATUS, status=status)
    async with make_fetcher(site_server, concurrency=1) as f:
        report = await refresh(
            cache, f, editions=list(EDITION_CODES), sections=["press-conferences"], bodies=True
        )
    assert set(report.refused) == {"www.fmprc.gov.cn"}
    message = report.refused["www.fmprc.gov.cn"]
    assert "refused" in message and str(status) in message and "spacing" in message
    assert len(report.failed) == 1  # said once, not once per page
    # Once refused, the host was asked nothing more.
    assert len([r for r in site_server.requests if not r.path.startswith("/web/")]) == 1
    # The other host (the Chinese edition) went on to the end.
    zh = {u for u in expected if u.startswith(MFA + "/web/fyrbt_673021/")}
    assert zh and all(cache.article(u) == expected[u] for u in zh)
    # Once the site lets us in again, the next run finishes the work.
    site_server.reset()
    async with make_fetcher(site_server) as f:
        report = await refresh(
            cache, f, editions=list(EDITION_CODES), sections=["press-conferences"], bodies=True
        )
    assert report.ok
    assert all(cache.article(u) == a for u, a in expected.items() if a and "/web/wjdt" not in u)


def site_server_paths() -> list[str]:
    """Every page of the fixture site, as a path."""
    return ["/" + p.relative_to(FIXTURE_SITE).as_posix() for p in FIXTURE_SITE.rglob("*.*")] + [
        _path(u) for u in list_urls()
    ]


async def test_nothing_cached_is_lost_or_altered_when_the_site_misbehaves(
    site_server: SiteServer, cache: Cache, expected: dict[str, Article | None]
) -> None:
    async with make_fetcher(site_server) as f:
        await sync_site(cache, f)
    cache.set_read(FMPRC + EN_NEWEST)
    cache.set_starred(MFA + ZH_NEWEST)
    before = snapshot(cache.path)
    # The site changes every list (validators no longer match) and every page misbehaves.
    site_server.reset()
    kinds = [
        (STATUS, {"status": 500}),
        (RESET, {}),
        (TRUNCATED, {}),
        (SOFT404, {}),
        (OVERSIZE, {}),
        (REDIRECT, {"location": "https://elsewhere.example/"}),
    ]
    for i, list_url in enumerate(list_urls()):
        site_server.fault(_path(list_url), *[kinds[i % len(kinds)][0]], **kinds[i % len(kinds)][1])
    async with make_fetcher(site_server, max_bytes=1024 * 1024) as f:
        report = await sync_site(cache, f)
    assert report.failed
    assert snapshot(cache.path) == before
    entry = cache.entry(FMPRC + EN_NEWEST)
    assert entry is not None and entry.read
    starred = cache.entry(MFA + ZH_NEWEST)
    assert starred is not None and starred.starred


# --- one article on demand ------------------------------------------------------------------------


async def test_get_article_fetches_stores_and_returns(
    site_server: SiteServer, cache: Cache, expected: dict[str, Article | None]
) -> None:
    async with make_fetcher(site_server) as f:
        await refresh(cache, f, editions=["zh"], sections=["press-conferences"])
        assert cache.article(MFA + ZH_NEWEST) is None  # listed only
        article = await get_article(cache, f, MFA + ZH_NEWEST)
    assert article == expected[MFA + ZH_NEWEST]
    assert cache.article(MFA + ZH_NEWEST) == article
    assert site_server.count(ZH_NEWEST) == 1


async def test_get_article_of_a_removed_page_marks_it_and_raises(
    site_server: SiteServer, cache: Cache
) -> None:
    async with make_fetcher(site_server) as f:
        await refresh(cache, f, editions=["en"], sections=["press-conferences"])
        with pytest.raises(RemovedPage):
            await get_article(cache, f, FMPRC + LEGACY_REMOVED)
        site_server.fault(EN_NEWEST, REDIRECT, location="/web/system/index_17321.shtml")
        with pytest.raises(RemovedPage):
            await get_article(cache, f, FMPRC + EN_NEWEST)
    for path in (LEGACY_REMOVED, EN_NEWEST):
        entry = cache.entry(FMPRC + path)
        assert entry is not None and entry.removed


# --- crashes and company --------------------------------------------------------------------------

SYNC_SCRIPT = """
import asyncio, json, sys
from pathlib import Path
from mfa_reader.cache import Cache
from mfa_reader.fetcher import Fetcher
from mfa_reader.sync import refresh

origin, cache_path, plan = sys.argv[1], Path(sys.argv[2]), json.loads(sys.argv[3])

async def main() -> int:
    failed = []
    with Cache.open(cache_path) as cache:
        async with Fetcher(origin=origin, spacing=0, concurrency=1, retries=1, backoff=0.01) as f:
            for edition, ids in plan.items():
                report = await refresh(cache, f, editions=[edition], sections=ids, bodies=True)
                failed += [f.to_dict() for f in report.failed]
    print(json.dumps(failed))
    return 1 if failed else 0

sys.exit(asyncio.run(main()))
"""


def start_sync(server: SiteServer, cache_path: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            SYNC_SCRIPT,
            server.origin,
            str(cache_path),
            json.dumps(fixture_plan()),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )


@pytest.mark.parametrize("after_requests", [2, 7, 15, 24, 31])
async def test_a_sync_killed_mid_run_is_finished_by_the_next_one(
    site_server: SiteServer,
    tmp_path: Path,
    expected: dict[str, Article | None],
    after_requests: int,
) -> None:
    cache_path = tmp_path / "killed.sqlite3"
    site_server.latency = 0.02  # keeps the run going long enough to be caught in the middle
    process = start_sync(site_server, cache_path)
    try:
        arrived = await asyncio.to_thread(site_server.wait_for_requests, after_requests, 30)
        assert arrived, process.stderr.read() if process.stderr else ""
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    site_server.reset()
    with Cache.open(cache_path) as cache:
        assert cache.moved_aside is None
        assert integrity(cache_path) == "ok"
        async with make_fetcher(site_server) as f:
            report = await sync_site(cache, f)
        assert report.failed == []
        check_complete(cache, expected)


async def test_two_syncs_at_once_on_one_cache_file_both_finish(
    site_server: SiteServer, tmp_path: Path, expected: dict[str, Article | None]
) -> None:
    cache_path = tmp_path / "shared.sqlite3"
    site_server.latency = 0.005
    first = start_sync(site_server, cache_path)
    second = start_sync(site_server, cache_path)
    out_first, err_first = await asyncio.to_thread(first.communicate, None, 60)
    out_second, err_second = await asyncio.to_thread(second.communicate, None, 60)
    assert first.returncode == 0, err_first
    assert second.returncode == 0, err_second
    assert json.loads(out_first) == [] and json.loads(out_second) == []
    assert integrity(cache_path) == "ok"
    with Cache.open(cache_path) as cache:
        check_complete(cache, expected)


async def test_the_sync_command_killed_mid_run_is_finished_by_the_next_one(
    site_server: SiteServer, tmp_path: Path, expected: dict[str, Article | None]
) -> None:
    """``mfa-reader sync --edition all --bodies``, killed, then run again to the end."""
    cache_path = tmp_path / "cli.sqlite3"
    env = os.environ.copy()
    env.update(
        MFA_READER_ORIGIN=site_server.origin,
        MFA_READER_CACHE=str(cache_path),
        MFA_READER_SPACING="0",
        MFA_READER_RETRIES="1",
        MFA_READER_BACKOFF="0.01",
    )
    command = [sys.executable, "-m", "mfa_reader", "sync", "--edition", "all", "--bodies"]
    site_server.latency = 0.02
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert await asyncio.to_thread(site_server.wait_for_requests, 25, 30)
        process.send_signal(signal.SIGKILL)
    finally:
        process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL
    site_server.reset()
    done = await asyncio.to_thread(
        subprocess.run, command, env=env, capture_output=True, text=True, timeout=60
    )
    # Every section of the catalogue was walked; those the fixture site lacks are reported (404).
    failures = [line for line in done.stderr.splitlines() if "404" in line]
    missing = sum(1 for code in EDITION_CODES for s in sections(code)) - sum(
        len(ids) for ids in fixture_plan().values()
    )
    assert done.returncode == 1, done.stderr
    assert len(failures) >= missing
    with Cache.open(cache_path) as cache:
        check_complete(cache, expected)
