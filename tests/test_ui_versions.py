"""Versions in the reader: edited articles marked in the list, lists of only the edited or the
removed ones, and an article's history (h) with what each version changed, in English, Chinese
and Arabic.

The sample cache's edited articles (``fill_cache(edited=True)``) have fixed times: the English
conference was edited, taken down for a day and edited again; the Chinese and Arabic ones were
edited once; another English article was removed for good.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from mfa_reader.ui.app import ReaderApp
from mfa_reader.ui.screens.versions import VersionsScreen
from mfa_reader.ui.widgets.diff_view import DiffView
from snapshot_apps.helpers import sample_app, screen_text, widget_lines
from snapshot_apps.sample_cache import AR_URL, EN_URL, INJECTION_URL, ZH_URL

pytestmark = pytest.mark.asyncio

WIDE = (140, 36)


def edited_app(tmp_path: Path, **settings: Any) -> ReaderApp:
    """The reader on the edited sample."""
    return sample_app(tmp_path, edited=True, **settings)


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
