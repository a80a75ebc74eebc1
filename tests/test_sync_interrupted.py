"""A sync stopped before the end of a list, while the site goes on publishing, misses nothing.

The list grows between runs (``tests/growing.py``): new entries push the older ones down the
pages, so "the page the last walk reached" no longer says where it stood. Whatever the order of
stops, kills and publications, the runs that follow list (and, with ``--bodies``, fetch) every
article in the end.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from growing import SECTION, GrowingList
from mfa_reader.cache import Cache
from mfa_reader.fetcher import Fetcher
from mfa_reader.report import Report
from mfa_reader.sync import refresh
from siteserver import TIMEOUT, SiteServer

pytestmark = pytest.mark.asyncio


def listed(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {row[0] for row in conn.execute("SELECT url FROM articles")}


def fetched(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT url FROM articles WHERE fetched_at IS NOT NULL")
        return {row[0] for row in rows}


def integrity(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


async def sync(
    server: SiteServer, path: Path, *, pages: int | None = None, bodies: bool = False
) -> Report:
    with Cache.open(path) as cache:
        async with Fetcher(origin=server.origin, spacing=0, retries=0) as fetcher:
            return await refresh(
                cache, fetcher, editions=["en"], sections=[SECTION], pages=pages, bodies=bodies
            )


@pytest.mark.parametrize("published", [1, 20, 45])
async def test_a_walk_cut_short_then_new_articles_miss_nothing(
    site_server: SiteServer, tmp_path: Path, published: int
) -> None:
    site = GrowingList(site_server, 60, tmp_path / "site")
    cache = tmp_path / "cache.sqlite3"
    report = await sync(site_server, cache, pages=1)  # the first 20 of 60
    assert report.ok and len(listed(cache)) == 20
    site.publish(published)
    report = await sync(site_server, cache)
    assert report.ok
    assert listed(cache) == site.urls
    # The walk finished: the next run asks for the first page only (and gets a 304).
    site_server.reset()
    site.server.root = tmp_path / "site"
    site.publish(0)
    report = await sync(site_server, cache)
    assert report.ok and report.new == []
    assert site_server.count() == 1


async def test_walks_cut_short_again_before_reaching_their_mark_miss_nothing(
    site_server: SiteServer, tmp_path: Path
) -> None:
    site = GrowingList(site_server, 60, tmp_path / "site")
    cache = tmp_path / "cache.sqlite3"
    await sync(site_server, cache, pages=2)  # 40 of 60: the mark is the 40th
    site.publish(45)  # the 40th is now on page 4
    await sync(site_server, cache, pages=2)  # stops before reaching it: the mark stays
    site.publish(20)
    await sync(site_server, cache, pages=1)
    report = await sync(site_server, cache)
    assert report.ok
    assert listed(cache) == site.urls


SYNC_SCRIPT = """
import asyncio, sys
from pathlib import Path
from mfa_reader.cache import Cache
from mfa_reader.fetcher import Fetcher
from mfa_reader.sync import refresh

origin, cache_path, section, bodies = sys.argv[1], Path(sys.argv[2]), sys.argv[3], sys.argv[4]

async def main() -> None:
    with Cache.open(cache_path) as cache:
        async with Fetcher(origin=origin, spacing=0, concurrency=1, retries=0) as f:
            await refresh(cache, f, editions=["en"], sections=[section], bodies=bodies == "1")

asyncio.run(main())
"""


def start_sync(server: SiteServer, cache: Path, *, bodies: bool) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", SYNC_SCRIPT, server.origin, str(cache), SECTION, str(int(bodies))],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=os.environ.copy(),
    )


async def kill(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGKILL)
    await asyncio.to_thread(process.wait, 30)
    assert process.returncode == -signal.SIGKILL


async def kill_after_requests(
    server: SiteServer, process: subprocess.Popen[bytes], requests: int
) -> None:
    """Kill the run once the server has had ``requests`` more requests, unless it ends first."""

    def wake_when_it_ends() -> None:
        process.wait()
        server.wake()

    ended = asyncio.create_task(asyncio.to_thread(wake_when_it_ends))
    target = server.count() + requests
    await asyncio.to_thread(
        server.wait_for_requests, target, 30, unless=lambda: process.poll() is not None
    )
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    await ended
    assert process.returncode in (0, -signal.SIGKILL), process.stderr


@pytest.mark.parametrize("published", [1, 20, 45])
@pytest.mark.parametrize("killed_at_page", [1, 2])
async def test_a_sync_killed_during_a_page_then_new_articles_miss_nothing(
    site_server: SiteServer, tmp_path: Path, killed_at_page: int, published: int
) -> None:
    site = GrowingList(site_server, 60, tmp_path / "site")
    cache = tmp_path / "cache.sqlite3"
    held = site.page_path(killed_at_page)
    site_server.fault(held, TIMEOUT)  # the page never comes: the run is killed waiting for it
    process = start_sync(site_server, cache, bodies=False)
    try:
        arrived = await asyncio.to_thread(site_server.wait_for_request, held, 30)
        assert arrived, process.stderr.read() if process.stderr else ""
    finally:
        await kill(process)
    site_server.clear_fault(held)
    assert len(listed(cache)) < 60
    site.publish(published)
    report = await sync(site_server, cache)
    assert report.ok
    assert listed(cache) == site.urls


@pytest.mark.slow
async def test_random_kills_while_the_site_publishes_end_with_every_article(
    site_server: SiteServer, tmp_path: Path
) -> None:
    """``sync --bodies`` killed at random moments, 15 times, with new articles in between."""
    chance = random.Random(20261206)
    site = GrowingList(site_server, 50, tmp_path / "site")
    cache = tmp_path / "cache.sqlite3"
    site_server.latency = 0.02  # a run long enough to be caught in the middle
    killed = 0
    for _ in range(15):
        process = start_sync(site_server, cache, bodies=True)
        await kill_after_requests(site_server, process, chance.randint(1, 15))
        killed += process.returncode == -signal.SIGKILL
        site.publish(chance.choice([1, 20, 25, 45]))
    assert killed >= 10  # most runs were cut short, not left to finish
    site_server.latency = 0
    report = await sync(site_server, cache, bodies=True)
    assert report.ok, report.failed
    assert listed(cache) == site.urls
    assert fetched(cache) == site.urls
    assert integrity(cache) == "ok"
