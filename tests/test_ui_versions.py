"""Versions in the reader: edited articles marked in the list, lists of only the edited or the
removed ones.

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
from snapshot_apps.helpers import sample_app, screen_text, widget_lines
from snapshot_apps.sample_cache import EN_URL, INJECTION_URL

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
