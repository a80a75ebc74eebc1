"""The reader against the fixture site on a real local server: refresh with progress, bodies and
translations fetched on demand, and clear notices when the site is down or refuses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList

from mfa_reader.cache import Cache
from mfa_reader.config import Settings
from mfa_reader.ui.app import ReaderApp
from snapshot_apps.helpers import CLOSED_ORIGIN, sample_app, screen_text

pytestmark = pytest.mark.asyncio

SIZE = (140, 36)
EN_LIST = "/eng/xw/fyrbt/lxjzh/"
EN_ARTICLE = "https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/202510/t20251017_99001017.html"
EN12 = "https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/202509/t20250912_99000912.html"


def server_app(tmp_path: Path, origin: str, **settings: Any) -> ReaderApp:
    path = tmp_path / "cache.sqlite3"
    options: dict[str, Any] = {
        "cache": path,
        "origin": origin,
        "refresh": "never",
        "spacing": 0.0,
        "retries": 0,
        "backoff": 0.0,
        "timeout": 5.0,
    }
    options.update(settings)
    return ReaderApp(settings=Settings(**options), cache=Cache.open(path))


async def test_first_start_refreshes_with_progress(tmp_path: Path, site_server: Any) -> None:
    app = server_app(tmp_path, site_server.origin, refresh="start")
    seen: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        title_bar = app.library.title_bar
        app.library.watch(title_bar, "sub_title", lambda value: seen.append(value))
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert any("refreshing" in s and "pages" in s for s in seen), seen
        text = screen_text(app)
        assert "Regular Press Conference on October 17, 2025" in text
        assert app.library.article_list.entries
        messages = [n.message for n in app._notifications]  # type: ignore[attr-defined]
        assert any(m.startswith("Refreshed: 7 new articles") for m in messages), messages
        assert site_server.count(EN_LIST) >= 1


async def test_body_fetched_when_opened_then_cached(tmp_path: Path, site_server: Any) -> None:
    app = server_app(tmp_path, site_server.origin)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        articles = app.library.article_list
        index = articles.index_of(EN_ARTICLE)
        assert index is not None
        articles.highlighted = index
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        reader = app.library.reader
        assert reader.article is not None and not reader.is_placeholder
        assert len(reader.article.blocks) > 3
        assert app.cache.article(EN_ARTICLE) is not None


async def test_translation_served_by_the_site(tmp_path: Path, site_server: Any) -> None:
    app = server_app(tmp_path, site_server.origin)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.app.workers.wait_for_complete()
        app.library.open_url(EN_ARTICLE)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert "简体中文" in screen_text(app)
        await pilot.press("enter")  # 简体中文, the first other language
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        article = app.library.reader.article
        assert article is not None and article.edition == "zh"
        assert not app.library.reader.is_placeholder
        assert article.title in screen_text(app).replace("\n", "") or "记者会" in screen_text(app)
        assert app.cache.article(article.url) is not None  # kept for next time


async def test_t_looks_for_a_version_by_its_date_when_no_link_is_known(
    tmp_path: Path, site_server: Any
) -> None:
    app = server_app(tmp_path, site_server.origin)
    async with app.run_test(size=SIZE) as pilot:
        app.library.open_url(EN12)  # a conference whose page links to no other language
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("t")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert "This article in" in screen_text(app)
        assert "look for it on the site" in screen_text(app)
        choices = app.screen.query_one(OptionList)
        assert choices.get_option_at_index(0).id == "zh"
        await pilot.press("enter")  # 简体中文: looked for in the Chinese list, then opened
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        article = app.library.reader.article
        assert article is not None and article.edition == "zh"
        assert "2025年9月12日外交部发言人郭嘉昆主持例行记者会" in screen_text(app)


async def test_server_down_keeps_the_cache_and_says_so(tmp_path: Path) -> None:
    app = sample_app(tmp_path, origin=CLOSED_ORIGIN, retries=0, backoff=0.0, timeout=2.0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()  # the count that the notice quotes
        await pilot.pause()
        text = screen_text(app)
        assert "Offline or the site did not answer" in text
        assert "33 cached articles stay readable" in " ".join(text.split())
        assert "2025-10-17  Foreign Ministry Spokesperson Lin Jian" in text
        await pilot.press("j", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert "┃ Reuters: Can you confirm" in screen_text(app)


async def test_site_refusing_is_reported(tmp_path: Path, site_server: Any) -> None:
    site_server.fault(EN_LIST, "status", status=403)
    app = sample_app(tmp_path, origin=site_server.origin, retries=0, backoff=0.0, spacing=0.0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "The site refused" in text
        assert "33 cached articles stay readable" in " ".join(text.split())


async def test_next_bodies_are_fetched_ahead(tmp_path: Path, site_server: Any) -> None:
    app = server_app(tmp_path, site_server.origin, refresh=60)  # every hour; first now (empty)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        entries = app.library.article_list.entries
        assert len(entries) >= 4
        assert app._refresh_timer is not None  # the hourly refresh is scheduled
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        assert all(app.cache.article(e.url) is not None for e in entries[:4])
        before = len(site_server.requests)
        await pilot.press("n")  # already here: no request
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        reader = app.library.reader
        assert reader.article is not None and reader.article.url == entries[1].url
        assert not reader.is_placeholder
        opened = entries[1].url.split(".gov.cn", 1)[1]
        assert all(r.path != opened for r in site_server.requests[before:])


async def test_switching_edition_stops_the_refresh_under_way(
    tmp_path: Path, site_server: Any
) -> None:
    site_server.latency = 0.3
    app = server_app(tmp_path, site_server.origin)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert app.library.list_refresh.running
        await pilot.press("L", "down", "enter")  # 简体中文
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert app.library.place.edition == "zh"
        assert not app.library.list_refresh.running
        text = screen_text(app)
        assert "简体中文" in text and "refreshing" not in text


async def test_an_article_seen_removed_is_marked_and_comes_back(
    tmp_path: Path, site_server: Any
) -> None:
    app = server_app(tmp_path, site_server.origin)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.app.workers.wait_for_complete()
        app.library.open_url(EN_ARTICLE)  # fetched and read
        await pilot.app.workers.wait_for_complete()
        await pilot.press("escape")
        app.cache.mark_removed(EN_ARTICLE)  # a later run found the maintenance page there
        site_server.fault(EN_ARTICLE.removeprefix("https://www.fmprc.gov.cn"), "soft404")
        app.library.show_list()
        await pilot.pause()
        articles = app.library.article_list
        index = articles.index_of(EN_ARTICLE)
        assert index is not None and articles.entries[index].removed  # kept in the list
        row = articles.get_option_at_index(index).prompt
        assert any("strike" in style for text, style in row.parts(200) if "October" in text)
        articles.highlighted = index
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        lines = app.library.reader.plain_lines()
        assert any(line.startswith("Removed from the site on 20") for line in lines)
        reader = app.library.reader
        assert reader.article is not None and reader.article.url == EN_ARTICLE
        assert not reader.is_placeholder and len(lines) > 20  # the kept text
        # The site serves it again: opened once more, it is back, with no notice.
        site_server.clear_fault(EN_ARTICLE.removeprefix("https://www.fmprc.gov.cn"))
        await pilot.press("escape", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert not any("Removed from the site" in line for line in app.library.reader.plain_lines())
        assert not articles.entries[index].removed
        messages = [n.message for n in app._notifications]  # type: ignore[attr-defined]
        assert "The site serves this article again." in messages


async def test_a_refresh_that_fails_is_logged_with_its_trace(
    tmp_path: Path, site_server: Any, caplog: pytest.LogCaptureFixture
) -> None:
    app = server_app(tmp_path, site_server.origin)
    async with app.run_test(size=SIZE) as pilot:
        app.cache._conn.execute("PRAGMA query_only = ON")  # the file can no longer be written
        with caplog.at_level("WARNING", logger="mfa_reader"):
            await pilot.press("r")
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
        assert app.library.status_line.text.startswith("Could not store what the site sent")
    failed = [r for r in caplog.records if r.name == "mfa_reader.ui.list_refresh"]
    assert failed and failed[0].exc_info is not None  # the trace, for the log
