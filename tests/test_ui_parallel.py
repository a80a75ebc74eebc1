"""Reading an article beside its version in another edition (T), driven with Pilot: from the
cache, from the fixture site on 127.0.0.1 with progress, and when there is none or the site cannot
be reached. No sleeps: each step waits for the workers it started."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from snapshot_apps.helpers import parallel_app, sample_app, screen_text
from snapshot_apps.sample_cache import EN_URL, INJECTION_URL, SEPTEMBER_12, ZH_URL
from test_ui_network import server_app

pytestmark = pytest.mark.asyncio

WIDE = (140, 36)
NARROW = (100, 36)
F = "https://www.fmprc.gov.cn/"
EN12 = F + "eng/xw/fyrbt/lxjzh/202509/t20250912_99000912.html"
LEGACY_CONFERENCE = F + "mfa_eng/xwfw_665399/s2510_665401/2511_665403/t1843996.shtml"


async def settle(pilot: Pilot[Any]) -> None:
    """Let the messages posted by the last keys run, then the workers they started."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def pick(pilot: Pilot[Any], code: str) -> None:
    """Choose an edition in the picker on screen."""
    choices = pilot.app.screen.query_one(OptionList)
    choices.highlighted = choices.get_option_index(code)
    await pilot.press("enter")
    await settle(pilot)


def offered(pilot: Pilot[Any]) -> list[str]:
    choices = pilot.app.screen.query_one(OptionList)
    return [choices.get_option_at_index(n).id or "" for n in range(choices.option_count)]


def row_with(app: Any, text: str) -> str:
    return next(line for line in screen_text(app).splitlines() if text in line)


async def test_t_reads_the_article_beside_its_version_and_n_and_p_keep_the_pair(
    tmp_path: Path,
) -> None:
    app = parallel_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        app.library.open_url(SEPTEMBER_12["en"])
        await settle(pilot)
        await pilot.press("T")
        await settle(pilot)
        assert "Beside this article" in screen_text(app)
        # The editions with a version come first; the others can be looked for by the date.
        assert offered(pilot) == ["zh", "ar", "fr", "es", "ru"]
        await pick(pilot, "zh")
        library = app.library
        assert library.parallel == "zh" and library.parallel_view.has_focus
        text = screen_text(app)
        assert "⇄ 简体中文, found by the date in its title" in text
        assert "2025-10-18" not in text  # the list gives the columns its room
        row = row_with(app, "┃ Reuters: What agreements does China expect")
        assert "│ ┃ 路透社记者：中方希望在总理访问期间签署哪些协议" in row
        await pilot.press("p")  # the article above it in the list, which has no Chinese version
        await settle(pilot)
        view = library.parallel_view
        assert view.left is not None and view.left.url == INJECTION_URL and not view.paired
        assert "⇄ No Chinese version of this article was found" in screen_text(app)
        await pilot.press("p")  # the one above: beside its Chinese version (its page links it)
        await settle(pilot)
        assert view.paired and view.right is not None and view.right.url == ZH_URL
        assert "⇄ 简体中文, found by its page's language link" in screen_text(app)
        await pilot.press("escape")  # one language
        await pilot.pause()
        assert library.parallel is None and library.reader.has_focus
        assert library.reader.article is not None and library.reader.article.url == EN_URL
        assert "2025-10-18" in screen_text(app)  # the list is back beside the reader
        assert "路透社记者" not in screen_text(app)


async def test_a_cached_version_is_in_the_first_frame_of_the_view_and_esc_brings_the_panes_back(
    tmp_path: Path,
) -> None:
    app = parallel_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        library = app.library
        library.open_url(SEPTEMBER_12["en"])
        await settle(pilot)
        await pilot.press("T")
        await settle(pilot)
        view = library.parallel_view
        notices: list[str | None] = []
        library.watch(view, "notice", notices.append, init=False)
        frames: list[str] = []  # the screen each time it is painted with the view on it

        def painted(screen: object) -> None:
            if view.display:
                frames.append(screen_text(app))

        library.screen_layout_refresh_signal.subscribe(library, painted, immediate=True)
        await pick(pilot, "zh")
        # No "Looking for" line, no empty view: the reader stays until both can be painted.
        assert [notice for notice in notices if notice] == []
        assert frames and "│ ┃ 路透社记者：中方希望在总理访问期间签署哪些协议" in frames[0]
        assert "⇄ 简体中文, found by the date in its title" in frames[0]
        await pilot.press("escape")
        await pilot.pause()
        assert not view.display and library.reader.has_focus
        text = screen_text(app)
        assert "2025-10-18" in text and "┃ Reuters: What agreements" in text


async def test_below_120_columns_each_paragraph_is_followed_by_its_translation(
    tmp_path: Path,
) -> None:
    app = parallel_app(tmp_path)
    async with app.run_test(size=NARROW) as pilot:
        app.library.open_url(SEPTEMBER_12["en"])
        await settle(pilot)
        await pilot.press("T")
        await settle(pilot)
        await pick(pilot, "zh")
        lines = screen_text(app).splitlines()
        question = next(n for n, line in enumerate(lines) if "┃ Reuters: What agreements" in line)
        assert "┃ 路透社记者：中方希望在总理访问期间签署哪些协议" in lines[question + 1]
        assert "│" not in lines[question]
        await pilot.resize_terminal(*WIDE)  # wide enough for two columns now
        await pilot.pause()
        row = row_with(app, "┃ Reuters: What agreements does China expect")
        assert "│ ┃ 路透社记者" in row


async def test_a_version_not_cached_is_looked_for_on_the_site_with_progress(
    tmp_path: Path, site_server: Any
) -> None:
    app = server_app(tmp_path, site_server.origin)
    async with app.run_test(size=WIDE) as pilot:
        app.library.open_url(EN12)  # a conference whose page links to no other language
        await settle(pilot)
        await pilot.press("T")
        await settle(pilot)
        assert offered(pilot) == ["zh", "fr", "es", "ru", "ar"]  # all to be looked for
        notices: list[str | None] = []
        view = app.library.parallel_view
        app.library.watch(view, "notice", lambda notice: notices.append(notice))
        await pick(pilot, "fr")
        assert any(
            n and "Looking for the Français version on the site: pages 1/" in n for n in notices
        )
        assert view.paired and view.matched_by is not None
        assert "⇄ Français, found by the date in its title" in screen_text(app)
        assert "│ ┃ Reuters : Quels accords la Chine" in row_with(app, "┃ Reuters: What agreements")
        # Found once, kept: the next time it is at once, and nothing is asked of the site.
        await pilot.press("escape")
        site_server.reset()
        await pilot.press("T")
        await settle(pilot)
        assert offered(pilot)[0] == "fr"
        await pick(pilot, "fr")
        assert view.paired and site_server.count() == 0


async def test_no_version_on_the_site_is_said_with_where_it_was_looked_for(
    tmp_path: Path, site_server: Any
) -> None:
    app = server_app(tmp_path, site_server.origin)
    async with app.run_test(size=WIDE) as pilot:
        app.library.open_url(LEGACY_CONFERENCE)
        await settle(pilot)
        await pilot.press("T")
        await settle(pilot)
        await pick(pilot, "fr")
        view = app.library.parallel_view
        assert not view.paired and view.notice is not None
        assert view.notice.startswith("⇄ No French version of this article was found")
        assert "has no conference of 2020-12-24" in view.notice
        assert "Wang Wenbin" in screen_text(app)  # the article itself stays, alone


async def test_the_site_out_of_reach_is_said_and_the_article_stays(tmp_path: Path) -> None:
    app = sample_app(tmp_path, retries=0, backoff=0.0, timeout=2.0)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("j", "enter", "T")
        await settle(pilot)
        await pick(pilot, "fr")  # to be looked for on the site, which is not there
        view = app.library.parallel_view
        assert view.notice is not None and not view.paired
        assert view.notice.startswith("⇄ Could not look for the French version on the site (")
        assert "the cache is unchanged. Try again later." in view.notice
        assert "┃ Reuters: Can you confirm" in screen_text(app)
