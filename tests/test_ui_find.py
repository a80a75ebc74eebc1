"""Search that takes you to the passage, and finding words in the open article: Pilot tests in
English, Chinese and Arabic."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from snapshot_apps.helpers import sample_app, screen_text
from snapshot_apps.sample_cache import AR_URL, EN_URL, ZH_URL

pytestmark = pytest.mark.asyncio

WIDE = (140, 36)
NARROW = (90, 30)


def _marked(app: object) -> list[str]:
    """The words marked as found in the reader, in reading order."""
    reader = app.library.reader  # type: ignore[attr-defined]
    matches = reader._matches
    if matches is None:
        return []
    lines = reader._layout.lines
    return [lines[m.line].content.plain[m.start : m.end] for m in matches.marks]


async def test_enter_in_the_search_box_opens_the_first_hit_at_its_match(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("slash", *'"number 12"')
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert "enter opens the first" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        reader = app.library.reader
        assert reader.article is not None and reader.article.url == EN_URL
        assert reader.scroll_offset.y > 0  # the first match is far down the transcript
        marked = _marked(app)
        assert marked == ["number 12", "number 12"]
        first = reader._matches.first_lines[reader.current_match]  # type: ignore[union-attr]
        top = round(reader.scroll_offset.y)
        assert top <= first < top + reader.scrollable_content_region.height
        assert "of" in screen_text(app) and "n next, N previous" in screen_text(app)


async def test_n_and_shift_n_move_between_matches_then_escape_clears(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("slash", *'"trade talks"', "enter")
        await pilot.pause()
        reader = app.library.reader
        count = reader._matches.count  # type: ignore[union-attr]
        assert count == 12 and reader.current_match == 0
        assert "1 of 12" in screen_text(app)
        footer = screen_text(app).splitlines()[-1]
        assert "Next match" in footer and "Prev. match" in footer
        await pilot.press("n", "n")
        assert reader.current_match == 2 and "3 of 12" in screen_text(app)
        line = reader._matches.first_lines[2]  # type: ignore[union-attr]
        assert round(reader.scroll_offset.y) <= line
        await pilot.press("N", "N", "N")
        assert reader.current_match == 11  # round to the last
        assert reader.article is not None and reader.article.url == EN_URL  # n did not move on
        await pilot.press("escape")
        await pilot.pause()
        assert _marked(app) == [] and "of 12" not in screen_text(app)
        assert reader.article.url == EN_URL  # escape cleared the marks, and stayed
        footer = screen_text(app).splitlines()[-1]
        assert "Next match" not in footer and "Next" in footer
        await pilot.press("n")  # nothing found now: n is the next article again
        await pilot.pause()
        assert reader.article.url != EN_URL


async def test_slash_in_the_article_finds_in_it_and_on_the_list_searches_all(
    tmp_path: Path,
) -> None:
    from mfa_reader.ui.screens.search import SearchScreen

    app = sample_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("j", "enter")
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "/ Find" in footer
        await pilot.press("slash", *"climate")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)
        assert app.library.find_bar.input.has_focus
        assert _marked(app) == ["climate"]
        await pilot.press("enter")
        await pilot.pause()
        assert app.library.reader.has_focus and "1 of 1" in screen_text(app)
        await pilot.press("slash")  # again: the bar opens on the words found, to type over
        assert app.library.find_bar.input.value == "climate"
        await pilot.press("backspace")
        await pilot.pause()
        assert app.library.find_bar.input.has_focus and _marked(app) == []
        await pilot.press(*"xyz")
        await pilot.pause()
        assert "not in this article" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert _marked(app) == [] and app.library.reader.has_focus
        app.library.article_list.focus()
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "/ Search all" in footer
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)


async def test_chinese_is_found_by_substring_and_marked(tmp_path: Path) -> None:
    app = sample_app(tmp_path, edition="zh")
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("slash", *"谈判 edition:zh", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        reader = app.library.reader
        assert reader.article is not None and reader.article.url == ZH_URL
        assert set(_marked(app)) == {"谈判"} and len(_marked(app)) == 4
        assert reader.current_match == 0


async def test_arabic_matches_are_marked_where_the_reader_reordered_them(tmp_path: Path) -> None:
    app = sample_app(tmp_path, edition="ar", rtl="app")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash", *"الخارجية edition:ar", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        reader = app.library.reader
        assert reader.article is not None and reader.article.url == AR_URL
        from mfa_reader.ui.text import visual_order

        marked = _marked(app)
        assert len(marked) >= 3 and set(marked) == {visual_order("الخارجية")}


async def test_the_search_box_shows_snippets_and_says_what_is_wrong(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash", *"trade talks")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "2025-10-17  English  Foreign Ministry Spokesperson Lin Jian" in text
        snippets = [line for line in text.splitlines() if "┆" in line]
        assert len(snippets) == 3 and all("talks" in line for line in snippets)
        search = app.screen.query_one(Input)
        search.value = "trade since:2025-13-01"
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert "since:2025-13-01 — write the day as YYYY-MM-DD" in screen_text(app)
        search.value = "Shrine AND Japan"
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert "Nothing cached matches" in screen_text(app)


async def test_words_typed_right_after_slash_are_not_lost(tmp_path: Path) -> None:
    """A fast typist (or a paste) is ahead of the find bar opening: nothing reaches the article."""
    from textual import events

    app = sample_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("j", "enter")
        await pilot.pause()
        for key, character in (("slash", "/"), ("1", "1"), ("2", "2"), ("enter", None)):
            app.post_message(events.Key(key, character))  # all queued before any is handled
        await pilot.pause()
        await pilot.pause()
        assert app.library.find_bar.input.value == "12"
        assert app.library.reader.has_focus and _marked(app) == ["12", "12"]
        assert "1 of 2" in screen_text(app)
