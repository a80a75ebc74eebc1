"""Versions in the reader: edited articles marked in the list, lists of only the edited or the
removed ones, and an article's history (h) with what each version changed, in English, Chinese
and Arabic.

The sample cache's edited articles (``fill_cache(edited=True)``) have fixed times: the English
conference was edited, taken down for a day and edited again; the Chinese and Arabic ones were
edited once; another English article was removed for good.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from textual.pilot import Pilot

from mfa_reader.cache import Cache, database
from mfa_reader.config import Settings
from mfa_reader.fetcher import Fetcher
from mfa_reader.sync import refresh
from mfa_reader.ui.app import ReaderApp
from mfa_reader.ui.screens.versions import VersionsScreen
from mfa_reader.ui.widgets.diff_view import DiffView
from siteserver import FIXTURE_SITE, SOFT404, SiteServer
from snapshot_apps.helpers import sample_app, screen_text, widget_lines
from snapshot_apps.sample_cache import AR_URL, EN_URL, INJECTION_URL, ZH_URL

pytestmark = pytest.mark.asyncio

WIDE = (140, 36)


def edited_app(tmp_path: Path, **settings: Any) -> ReaderApp:
    """The reader on the edited sample; no looking again on open (the sample's texts are old)."""
    return sample_app(tmp_path, edited=True, recheck_after_hours=0, **settings)


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


# --- the list -------------------------------------------------------------------------------------


async def test_edited_articles_are_marked_in_the_list(tmp_path: Path) -> None:
    app = edited_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        rows = widget_lines(app, app.library.article_list)
        edited = [row for row in rows if "✎" in row]
        assert len(edited) == 1 and "Lin Jian's Regular Press Conference on October 17" in edited[0]
        assert "● ✎2025-10-17  Foreign Ministry" in edited[0]  # the title keeps its room
        assert "✎" not in "".join(rows[2:])  # the removed one is struck through, not marked


async def test_the_list_shows_only_the_edited_or_the_removed_articles(tmp_path: Path) -> None:
    app = edited_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        articles = app.library.article_list
        await pilot.press("E")
        await settle(pilot)
        assert [e.url for e in articles.entries] == [EN_URL]
        assert "1 edited" in screen_text(app).splitlines()[0]
        await pilot.press("X")  # one filter at a time: X replaces E
        await settle(pilot)
        assert [e.url for e in articles.entries] == [INJECTION_URL]
        assert "1 removed" in screen_text(app).splitlines()[0]
        await pilot.press("s", "f")  # the starred articles replace the removed ones
        await settle(pilot)
        assert articles.only is None and [e.url for e in articles.entries] == [INJECTION_URL]
        await pilot.press("f", "X", "X")  # X again: every article
        await settle(pilot)
        assert len(articles.entries) == 33 and "33 articles" in screen_text(app)


async def test_an_empty_filtered_list_says_how_to_show_all(tmp_path: Path) -> None:
    app = sample_app(tmp_path)  # nothing edited, nothing removed
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("E")
        await settle(pilot)
        note = " ".join(" ".join(widget_lines(app, app.library.empty_note)).split())
        assert note == (
            "No article of English · Regular Press Conferences was edited on the site after it "
            "was first fetched. Press E to show all articles."
        )
        await pilot.press("X")
        await settle(pilot)
        note = " ".join(" ".join(widget_lines(app, app.library.empty_note)).split())
        assert note.endswith("was seen removed from the site. Press X to show all articles.")


# --- an article's history -------------------------------------------------------------------------


def diff_view(app: ReaderApp) -> DiffView:
    return app.screen.query_one(DiffView)


def styled(app: ReaderApp, word: str, *, alone: bool = False) -> set[str]:
    """How ``word`` is painted in what changed, as the terminal gets it: ``deleted`` (red,
    struck through), ``added`` (green), or ``plain``; ``alone``: only where it is painted
    apart from the text around it (a character of Chinese)."""
    view = diff_view(app)
    deleted = view.get_visual_style("diff-view--deleted").rich_style
    added = view.get_visual_style("diff-view--added").rich_style
    found: set[str] = set()
    top = round(view.scroll_offset.y)
    for line in range(view.virtual_size.height):
        for segment in view.render_line(line - top):
            style = segment.style
            if style is None or (
                segment.text.strip() != word if alone else word not in segment.text
            ):
                continue
            if style.strike and style.color == deleted.color:
                found.add("deleted")
            elif not style.strike and style.color == added.color:
                found.add("added")
            else:
                found.add("plain")
    return found


async def test_h_lists_the_versions_and_removals_with_their_times(tmp_path: Path) -> None:
    app = edited_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("j", "enter", "h")
        await settle(pilot)
        assert isinstance(app.screen, VersionsScreen)
        listed = widget_lines(app, app.screen.query_one("#versions"))
        shown = [line.strip() for line in listed if line.strip() and "──" not in line]
        assert shown == [
            "Version 1",
            "2025-10-17 11:30 UTC · first seen",
            "Version 2",
            "2025-10-18 09:00 UTC · 4 paragraphs changed",
            "Removed from the site",
            "2025-10-20 08:00 UTC",
            "Served again by the site",
            "2025-10-21 06:15 UTC",
            "Version 3 (current)",
            "2025-10-21 06:15 UTC · 1 paragraph changed",
        ]
        lines = diff_view(app).plain_lines()  # the current version against the one before
        assert lines[0] == (
            "Version 3, seen 2025-10-21 06:15 UTC, against version 2, seen 2025-10-18 09:00 UTC."
        )
        assert "~ Spokesperson Lin Jian opened and chaired the regular press" in "\n".join(lines)
        assert styled(app, "and chaired") == {"added"}
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is app.library and app.library.reader.has_focus


async def test_choosing_a_version_shows_what_it_changed_by_paragraph_and_word(
    tmp_path: Path,
) -> None:
    app = edited_app(tmp_path)
    async with app.run_test(size=(140, 16)) as pilot:
        await pilot.press("j", "enter", "h", "k")  # version 2 (the events cannot be chosen)
        await settle(pilot)
        text = "\n".join(diff_view(app).plain_lines())
        assert "2 paragraphs removed, 1 reworded, 1 added." in text
        assert "− AFP: A follow-up question, number 3, about the trade talks?" in text
        assert "+ Lin Jian: That concludes today's press conference. Thank you." in text
        # Reworded: the words taken out stand before the words put in, apart.
        assert "~ Lin Jian: The visit will take place next later week this month." in text
        assert "⋯ 16 unchanged paragraphs" in text
        assert styled(app, "number 3,") == {"deleted"}
        assert styled(app, "next") == {"deleted"} and styled(app, "later") == {"added"}
        await pilot.press("enter")  # to what changed; n goes from change to change
        await settle(pilot)
        view = diff_view(app)
        assert view.has_focus
        await pilot.press("n", "n")
        await settle(pilot)
        top = view.plain_lines()[round(view.scroll_offset.y)]
        assert top.startswith("− AFP: A follow-up question, number 3")
        await pilot.press("N")
        await settle(pilot)
        assert view.plain_lines()[round(view.scroll_offset.y)].startswith("~ Lin Jian: The visit")
        await pilot.press("k", "k", "k")  # j and k scroll here, as in the reader
        await settle(pilot)
        assert isinstance(app.screen, VersionsScreen)


async def test_the_first_version_is_shown_whole(tmp_path: Path) -> None:
    app = edited_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("j", "enter", "h", "k", "k")
        await settle(pilot)
        text = "\n".join(diff_view(app).plain_lines())
        assert text.startswith(
            "Version 1, seen 2025-10-17 11:30 UTC: the first text seen of this article."
        )
        assert "The visit will take place next week." in text
        assert "unchanged" not in text and "~ " not in text


async def test_chinese_changes_by_character(tmp_path: Path) -> None:
    app = edited_app(tmp_path, edition="zh")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "h")
        await settle(pilot)
        assert app.library.reader.article.url == ZH_URL  # type: ignore[union-attr]
        text = "".join(line.removeprefix("~ ") for line in diff_view(app).plain_lines())
        # 下周 became 本月下旬, by character: 本月 put in, 下 kept, 周 taken out, 旬 put in
        assert "林剑：访问将于本月下周旬进行。" in text
        assert styled(app, "周", alone=True) == {"deleted"}
        assert styled(app, "本月", alone=True) == {"added"} == styled(app, "旬", alone=True)
        assert styled(app, "路透社记者：你能否证实外交部长下周访问欧洲的") == {"plain"}


async def test_arabic_changes_keep_their_direction(tmp_path: Path) -> None:
    from mfa_reader.ui.text import visual_order

    for rtl in ("app", "terminal"):
        app = edited_app(tmp_path / rtl, edition="ar", rtl=rtl)
        async with app.run_test(size=WIDE) as pilot:
            await pilot.press("enter", "h")
            await settle(pilot)
            assert app.library.reader.article.url == AR_URL  # type: ignore[union-attr]
            view = diff_view(app)
            width = view.scrollable_content_region.width
            reworded = [line for line in view.plain_lines() if line.rstrip().endswith("~")]
            assert reworded and all(len(line.rstrip()) == width for line in reworded)  # right
            first = reworded[0]
            # Taken out: الأسبوع and المقبل; put in: وقت and لاحق من هذا الشهر, each a word apart.
            words = ("الأسبوع", "وقت")
            shown = [visual_order(w) for w in words] if rtl == "app" else list(words)
            assert all(word in first for word in shown)
            if rtl == "app":  # laid out by the reader: the start of the line is on the right
                assert first.index(shown[0]) > first.index(shown[1])
            assert styled(app, shown[0], alone=True) == {"deleted"}
            assert styled(app, shown[1], alone=True) == {"added"}


# --- looking again when an article is opened (against the test server) -------------------------

PATH = "/eng/xw/fyrbt/lxjzh/202510/t20251017_99001017.html"
URL = "https://www.fmprc.gov.cn" + PATH
PAGE = (FIXTURE_SITE / PATH.lstrip("/")).read_text(encoding="utf-8")
REWORDED = ("a steady rise in visitors", "a sharp rise in visitors")


async def cached_days_ago(server: SiteServer, path: Path, days: float) -> None:
    """The fixture site's English conferences fetched ``days`` ago, the one at ``URL`` read."""
    at = (datetime.now(UTC) - timedelta(days=days)).isoformat(timespec="seconds")
    with Cache.open(path) as cache, mock.patch.object(database, "_now", lambda: at):
        async with Fetcher(origin=server.origin, spacing=0, retries=0) as fetcher:
            await refresh(
                cache, fetcher, editions=["en"], sections=["press-conferences"], bodies=True
            )
        cache.set_read(URL)  # opening it then writes nothing of its own
    server.reset()


def online_app(tmp_path: Path, server: SiteServer, **settings: Any) -> ReaderApp:
    """The reader on the site server; it refreshes nothing by itself within a test."""
    path = tmp_path / "cache.sqlite3"
    options: dict[str, Any] = {
        "cache": path,
        "origin": server.origin,
        "refresh": 600,
        "spacing": 0.0,
        "retries": 0,
        "timeout": 5.0,
    }
    return ReaderApp(settings=Settings(**(options | settings)), cache=Cache.open(path))


def on_disk(path: Path) -> bytes:
    """The cache file and its write-ahead log, as they are on disk."""
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


async def open_and_settle(pilot: Pilot[Any], url: str) -> None:
    app = pilot.app
    assert isinstance(app, ReaderApp)
    app.library.open_url(url)
    await pilot.pause()
    await settle(pilot)


async def test_an_article_opened_a_day_later_is_asked_for_once_and_nothing_is_written(
    tmp_path: Path, site_server: SiteServer
) -> None:
    await cached_days_ago(site_server, tmp_path / "cache.sqlite3", days=2)
    app = online_app(tmp_path, site_server)
    before = on_disk(app.cache.path)
    async with app.run_test(size=WIDE) as pilot:
        await open_and_settle(pilot, URL)
        asked = [r for r in site_server.requests if r.path == PATH]
        assert len(asked) == 1 and "If-None-Match" in asked[0].headers  # answered 304
        assert on_disk(app.cache.path) == before
        await pilot.press("q")  # to the list, and the same article again: asked already
        await open_and_settle(pilot, URL)
        assert site_server.count(PATH) == 1
        assert app.library.reader.notice is None


async def test_an_article_fetched_lately_or_with_looking_again_off_is_not_asked_for(
    tmp_path: Path, site_server: SiteServer
) -> None:
    # Fetched half a day ago; looking again turned off; the reader told to fetch nothing itself.
    for days, settings in ((0.5, {}), (30, {"recheck_after_hours": 0}), (30, {"refresh": "never"})):
        folder = tmp_path / f"{days}-{len(settings)}-{settings.get('refresh', '')}"
        folder.mkdir()
        await cached_days_ago(site_server, folder / "cache.sqlite3", days=days)
        app = online_app(folder, site_server, **settings)
        async with app.run_test(size=WIDE) as pilot:
            await open_and_settle(pilot, URL)
            assert site_server.count(PATH) == 0, (days, settings)


async def test_an_article_edited_since_shows_its_new_text_and_says_so(
    tmp_path: Path, site_server: SiteServer
) -> None:
    await cached_days_ago(site_server, tmp_path / "cache.sqlite3", days=2)
    site_server.put(PATH, PAGE.replace(*REWORDED))
    app = online_app(tmp_path, site_server)
    async with app.run_test(size=WIDE) as pilot:
        await open_and_settle(pilot, URL)
        text = " ".join(screen_text(app).split())
        assert "a sharp rise in visitors" in text and "a steady rise" not in text
        assert "Edited on the site after it was first seen: this is its text 2" in text
        messages = [n.message for n in app._notifications]  # type: ignore[attr-defined]
        assert any(m.startswith("The site has edited this article since") for m in messages)
        row = widget_lines(app, app.library.article_list)[
            app.library.article_list.index_of(URL) or 0
        ]
        assert "✎" in row
        await pilot.press("h")
        await settle(pilot)
        assert "~ " in "\n".join(diff_view(app).plain_lines())
        assert styled(app, "steady", alone=True) == {"deleted"}
        assert styled(app, "sharp", alone=True) == {"added"}


async def test_an_article_removed_since_keeps_its_text_and_says_so(
    tmp_path: Path, site_server: SiteServer
) -> None:
    await cached_days_ago(site_server, tmp_path / "cache.sqlite3", days=2)
    site_server.fault(PATH, SOFT404)
    app = online_app(tmp_path, site_server)
    async with app.run_test(size=WIDE) as pilot:
        await open_and_settle(pilot, URL)
        text = " ".join(screen_text(app).split())
        assert "Removed from the site on" in text and "a steady rise in visitors" in text
        entry = app.cache.entry(URL)
        assert entry is not None and entry.removed


async def test_a_refresh_looks_again_at_the_recent_articles_with_progress(
    tmp_path: Path, site_server: SiteServer
) -> None:
    await cached_days_ago(site_server, tmp_path / "cache.sqlite3", days=2)
    site_server.put(PATH, PAGE.replace(*REWORDED))
    app = online_app(tmp_path, site_server, recheck_days=3650)  # the fixture's are of 2025
    seen: list[str] = []
    async with app.run_test(size=WIDE) as pilot:
        app.library.watch(app.library.title_bar, "sub_title", lambda value: seen.append(value))
        await pilot.press("r")
        await settle(pilot)
        await settle(pilot)  # the list is shown, then the recent articles are looked at again
        assert any(s.startswith("refreshing: rechecking ") for s in seen), seen
        messages = [n.message for n in app._notifications]  # type: ignore[attr-defined]
        assert "1 article was edited on the site; the earlier texts are kept." in " ".join(messages)
        assert [e.url for e in app.library.article_list.entries if e.version > 1] == [URL]


# --- exports from the reader ----------------------------------------------------------------------


async def test_the_export_dialog_and_the_copied_text_name_the_version(tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    app = edited_app(tmp_path, export_dir=folder)
    copied: list[str] = []
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("j", "enter", "e", "down", "enter")  # plain text
        await settle(pilot)
        (written,) = folder.glob("*.txt")
        said = "Version:   3 of 3, as published on the site, seen 2025-10-21 06:15 UTC"
        assert said in written.read_text("utf-8")
        await pilot.press("escape", "Y")
        await settle(pilot)
        assert said in copied[-1]
