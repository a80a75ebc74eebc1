"""Messages that are true and go away: what a failed refresh says, where, and until when."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from textual.widgets._toast import Toast

from mfa_reader.cache import Cache
from mfa_reader.config import Settings
from mfa_reader.ui.app import ReaderApp
from snapshot_apps.helpers import CLOSED_ORIGIN, sample_app, screen_text, widget_lines

pytestmark = pytest.mark.asyncio

SMALL = (80, 24)
EN_LIST = "/eng/xw/fyrbt/lxjzh/"
SITE_ARTICLE = "https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/202510/t20251016_99001016.html"
OFFLINE = {"origin": CLOSED_ORIGIN, "retries": 0, "backoff": 0.0, "timeout": 2.0}


def _app(tmp_path: Path, **settings: Any) -> ReaderApp:
    path = tmp_path / "cache.sqlite3"
    options: dict[str, Any] = {"cache": path, "refresh": "never", "spacing": 0.0, **settings}
    return ReaderApp(settings=Settings(**options), cache=Cache.open(path))


async def _settle(pilot: Any) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_first_start_offline_says_how_to_read_offline_and_retry(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app = _app(tmp_path, refresh="start", **OFFLINE)
    with caplog.at_level(logging.INFO, logger="mfa_reader"):
        async with app.run_test(size=SMALL) as pilot:
            await _settle(pilot)
            note = " ".join(" ".join(widget_lines(app, app.library.empty_note)).split())
            assert note.startswith("Could not reach the site, and nothing is cached yet:")
            for words in ("press r to try again", "mfa-reader import PATH", "--origin URL"):
                assert words in note
            text = screen_text(app)
            assert "Errno" not in text and "refused" not in text.lower()
            assert not app.library.status_line.display or app.library.status_line.has_class(
                "-in-note"
            )  # said once, in the list's place
    assert any("Connection refused" in r.getMessage() or "connect" in r.getMessage()
               for r in caplog.records)  # fmt: skip


async def test_a_list_not_found_says_so_not_offline(tmp_path: Path, site_server: Any) -> None:
    site_server.fault(EN_LIST, "status", status=404)
    app = sample_app(tmp_path, origin=site_server.origin, retries=0, backoff=0.0, spacing=0.0)
    async with app.run_test(size=(140, 36)) as pilot:
        await pilot.press("r")
        await _settle(pilot)
        status = app.library.status_line.text
        assert status.startswith("This section's list is not at its address")
        assert "cached articles stay readable" in status
        assert "Offline" not in screen_text(app)


async def test_the_status_goes_with_the_place_it_was_about(tmp_path: Path) -> None:
    app = _app(tmp_path, **OFFLINE)
    from snapshot_apps.sample_cache import fill_cache

    fill_cache(tmp_path / "other.sqlite3").close()
    app.cache.close()
    app.cache = Cache.open(tmp_path / "other.sqlite3")
    app.site.cache = app.cache
    app.start_place = app.start_place._replace(edition="fr", section="press-conferences")
    async with app.run_test(size=(140, 36)) as pilot:
        await pilot.press("r")  # nothing cached for French, and the site is not reached
        await _settle(pilot)
        assert "nothing is cached yet" in " ".join(screen_text(app).split())
        await pilot.press("L", "enter")  # English, which has articles cached
        await _settle(pilot)
        text = " ".join(screen_text(app).split())
        assert "nothing is cached yet" not in text and "Could not reach" not in text
        assert app.library.status_line.text == ""


async def test_an_offline_status_ends_when_the_site_answers(
    tmp_path: Path, site_server: Any
) -> None:
    app = sample_app(tmp_path, **OFFLINE)
    async with app.run_test(size=(140, 36)) as pilot:
        await pilot.press("r")
        await _settle(pilot)
        assert app.library.status_line.text.startswith("Offline or the site did not answer")
        app.settings = app.site.settings = Settings(
            cache=app.cache.path, origin=site_server.origin, retries=0, spacing=0.0
        )  # the network is back
        app.library.open_url(SITE_ARTICLE)  # not cached: fetched from the site
        await _settle(pilot)
        assert app.library.status_line.text == ""
        assert not app.library.status_line.display or app.library.status_line.has_class("-hidden")


async def test_at_80x24_the_status_is_one_line_and_notifications_stay_above_it(
    tmp_path: Path, site_server: Any
) -> None:
    site_server.fault(EN_LIST, "status", status=403)  # the longest problem: a refusal
    app = sample_app(tmp_path, origin=site_server.origin, retries=0, backoff=0.0, spacing=0.0)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await pilot.press("r")
        await _settle(pilot)
        status = app.library.status_line
        assert status.text.startswith("The site refused the requests")
        assert status.region.height == 1
        line = widget_lines(app, status)[0]
        assert line.rstrip().endswith("…") and line.startswith("The site refused")
        await pilot.pause()
        toasts = list(app.screen.query(Toast))
        assert toasts, "the refresh's notice is shown"
        for toast in toasts:
            assert not toast.region.overlaps(status.region)
