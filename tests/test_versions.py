"""Every text the site served: edits between syncs are kept as versions, what changed is shown
by paragraph and by word (by character in Chinese), and removals and returns are events.

The test server changes a page between syncs, as the ministry sometimes does after publication.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from mfa_reader.cache import Cache
from mfa_reader.diffs import Change, diff_paragraphs, diff_words, paragraphs, word_diff_text
from mfa_reader.fetcher import Fetcher
from mfa_reader.model import EventKind
from mfa_reader.report import Report
from mfa_reader.sync import recheck_recent, refresh
from siteserver import FIXTURE_SITE, SOFT404, SiteServer

FMPRC = "https://www.fmprc.gov.cn"
PATH = "/eng/xw/fyrbt/lxjzh/202510/t20251017_99001017.html"
URL = FMPRC + PATH
PAGE = (FIXTURE_SITE / PATH.lstrip("/")).read_text(encoding="utf-8")
EVER = 3_650  # days: every article of the fixture site is "recent" enough to recheck

REMOVED = "Bloomberg: A follow-up on the forum. Will any agreements be signed?"
REWORDED = ("a steady rise in visitors", "a sharp rise in visitors")
ADDED = "<p>Lin Jian: One more thing: the forum will close with a concert.</p></div>"


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    with Cache.open(tmp_path / "cache.sqlite3") as c:
        yield c


async def sync(server: SiteServer, cache: Cache, *, recheck: int = EVER) -> Report:
    async with Fetcher(origin=server.origin, spacing=0, retries=0) as fetcher:
        return await refresh(
            cache,
            fetcher,
            editions=["en"],
            sections=["press-conferences"],
            bodies=True,
            recheck_days=recheck,
        )


@pytest.mark.asyncio
async def test_three_edits_and_a_template_change_keep_three_versions(
    site_server: SiteServer, cache: Cache
) -> None:
    await sync(site_server, cache)
    original = cache.article(URL)
    assert original is not None
    pages = [
        PAGE.replace(f'<p style="text-indent: 0px; text-align: justify;">{REMOVED}</p>', ""),
        None,  # each step builds on the one before
        None,
        None,
    ]
    pages[1] = pages[0].replace(*REWORDED)
    pages[2] = pages[1].replace("</p></div>", "</p>" + ADDED, 1)
    pages[3] = pages[2].replace("Tel: 86 - 10 - 65961114", "Tel: 86 - 10 - 65961114 · 1,204 visits")
    updated = []
    for page in pages:
        site_server.put(PATH, page)
        report = await sync(site_server, cache)
        assert report.ok, report.failed
        updated.append(report.updated)
    assert updated == [[URL], [URL], [URL], []]  # the visit counter is not an edit
    history = cache.history(URL)
    assert history is not None and [v.number for v in history.versions] == [1, 2, 3, 4]
    assert history.versions[0].blocks == original.blocks  # the first text, kept whole
    entry = cache.entry(URL)
    assert entry is not None and entry.version == 4
    assert [e.url for e in cache.entries(only="edited")] == [URL]

    def changes(old: int, new: int) -> list[tuple[Change, str | None, str | None]]:
        a, b = history.version(old), history.version(new)
        assert a is not None and b is not None
        found = diff_paragraphs(paragraphs(a.blocks, a.title), paragraphs(b.blocks, b.title))
        return [(c.change, c.old, c.new) for c in found if c.change is not Change.SAME]

    assert changes(1, 2) == [(Change.DELETED, REMOVED, None)]
    ((kind, old, new),) = changes(2, 3)
    assert kind is Change.CHANGED and "steady" in (old or "") and "sharp" in (new or "")
    assert changes(3, 4) == [
        (Change.ADDED, None, "Lin Jian: One more thing: the forum will close with a concert.")
    ]


@pytest.mark.asyncio
async def test_an_unchanged_recheck_asks_conditionally_and_writes_nothing(
    site_server: SiteServer, cache: Cache
) -> None:
    await sync(site_server, cache)
    cache.close()  # everything on disk: what follows is compared byte for byte
    before = hashlib.sha256(cache.path.read_bytes()).hexdigest()
    site_server.reset()
    with Cache.open(cache.path) as again:
        report = await sync(site_server, again)
        assert report.ok and report.rechecked > 0
        assert report.updated == [] and report.bodies == 0
    pages = [r for r in site_server.requests if r.path.rsplit("/", 1)[-1].startswith("t")]
    conditional = [r for r in pages if "If-None-Match" in r.headers]
    assert len(conditional) == report.rechecked == 6  # every article the site serves
    assert len(pages) == 7  # and the one seen removed, asked for again
    assert hashlib.sha256(cache.path.read_bytes()).hexdigest() == before


@pytest.mark.asyncio
async def test_a_removal_and_the_return_are_events_and_the_text_stays(
    site_server: SiteServer, cache: Cache
) -> None:
    await sync(site_server, cache)
    cache.set_starred(URL)
    site_server.fault(PATH, SOFT404)
    report = await sync(site_server, cache)
    assert report.removed == [URL]
    entry = cache.entry(URL)
    assert entry is not None and entry.removed and entry.starred
    assert URL in [e.url for e in cache.entries(only="removed")]
    assert cache.article(URL) is not None  # kept while removed
    site_server.clear_fault(PATH)
    site_server.put(PATH, PAGE)  # served again (a fresh validator: a whole answer)
    report = await sync(site_server, cache)
    assert report.back == [URL]
    entry = cache.entry(URL)
    assert entry is not None and not entry.removed and entry.starred
    history = cache.history(URL)
    assert history is not None
    assert [e.kind for e in history.events] == [EventKind.REMOVED, EventKind.BACK]
    assert len(history.versions) == 1  # the same text: no new version


def test_chinese_is_compared_by_character() -> None:
    pieces = diff_words("中方坚决反对任何形式的单边制裁。", "中方坚定反对一切形式的单边制裁。")
    assert [(p.change, p.text) for p in pieces if p.change is not Change.SAME] == [
        (Change.DELETED, "决"),
        (Change.ADDED, "定"),
        (Change.DELETED, "任何"),
        (Change.ADDED, "一切"),
    ]


def test_russian_is_compared_by_word() -> None:
    pieces = diff_words(
        "Представитель МИД КНР заявил, что Китай выступает против санкций.",
        "Представитель МИД КНР подчеркнул, что Китай решительно выступает против санкций.",
    )
    assert [(p.change, p.text) for p in pieces if p.change is not Change.SAME] == [
        (Change.DELETED, "заявил"),
        (Change.ADDED, "подчеркнул"),
        (Change.ADDED, " решительно"),
    ]


def test_arabic_is_compared_by_word_in_logical_order() -> None:
    old = "قال المتحدث إن الصين تعارض العقوبات الأحادية."
    new = "قال المتحدث إن الصين تعارض بشدة العقوبات الأحادية."
    pieces = diff_words(old, new)
    assert [(p.change, p.text) for p in pieces if p.change is not Change.SAME] == [
        (Change.ADDED, "بشدة ")
    ]
    assert "".join(p.text for p in pieces if p.change is not Change.DELETED) == new


def test_the_word_diff_reads_like_git_word_diff() -> None:
    old = ["Title", "First stays.", "The visit was a success.", "Dropped."]
    new = ["Title", "First stays.", "The visit was a great success.", "Brand new paragraph."]
    assert word_diff_text(diff_paragraphs(old, new)) == (
        "@@ ¶2 @@\n"
        "The visit was a {+great +}success.\n"
        "@@ ¶3 @@\n"
        "[-Dropped.-]\n"
        "@@ ¶3 @@\n"
        "{+Brand new paragraph.+}\n"
    )


def mfa(*args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "mfa_reader", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "MFA_READER_SPACING": "0"},
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.mark.asyncio
async def test_history_diff_and_an_old_version_on_the_command_line(
    site_server: SiteServer,
) -> None:
    origin = ("--origin", site_server.origin)
    assert mfa("sync", *origin, "--section", "press-conferences", "--bodies").returncode == 0
    site_server.put(PATH, PAGE.replace(*REWORDED))
    synced = mfa("sync", *origin, "--section", "press-conferences", "--recheck", str(EVER))
    assert synced.returncode == 0, synced.stderr
    assert "1 updated" in synced.stdout
    history = json.loads(mfa("history", URL, "--json").stdout)
    assert history["current"] == 2 and [v["number"] for v in history["versions"]] == [1, 2]
    assert history["versions"][1]["paragraphs_changed"] == 1
    text = mfa("history", "99001017").stdout
    assert "version 1" in text and "version 2" in text and "(current)" in text
    diff = mfa("diff", URL).stdout
    assert "[-steady-]{+sharp+}" in diff and diff.startswith(f"--- {URL} version 1")
    old = mfa("show", URL, "--version", "1")
    assert "a steady rise in visitors" in old.stdout and "version 1 of 2" in old.stderr
    assert "a sharp rise in visitors" in mfa("show", URL).stdout
    edited = json.loads(mfa("list", "--changed", "--json").stdout)
    assert [e["url"] for e in edited] == [URL] and edited[0]["versions"] == 2
    missing = mfa("diff", URL, "--from", "5")
    assert missing.returncode == 2 and "versions 1 to 2" in missing.stderr


@pytest.mark.asyncio
async def test_looking_again_at_recent_articles_walks_no_list(
    site_server: SiteServer, cache: Cache
) -> None:
    await sync(site_server, cache)
    site_server.reset()
    site_server.put(PATH, PAGE.replace(*REWORDED))
    async with Fetcher(origin=site_server.origin, spacing=0, retries=0) as fetcher:
        report = await recheck_recent(
            cache, fetcher, editions=["en"], sections=["press-conferences"], days=EVER
        )
    asked = [r.path for r in site_server.requests]
    assert report.rechecked == len(asked) == 6 and report.pages == 0  # articles only
    assert all(path.rsplit("/", 1)[-1].startswith("t") for path in asked)
    assert report.updated == [URL]
