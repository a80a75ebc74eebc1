"""The reader on a filled cache, driven with Textual's Pilot: no network, no sleeps."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from snapshot_apps.helpers import empty_app, sample_app, screen_text
from snapshot_apps.sample_cache import EN_URL, INJECTION_URL, LISTED_URL, ZH_URL

pytestmark = pytest.mark.asyncio

WIDE = (140, 36)
NARROW = (90, 30)


async def test_opens_on_the_cached_list_at_once(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "English · Regular Press Conferences" in text
        assert "33 articles" in text
        assert "2025-10-18  Foreign Ministry Spokesperson's Press Conference on October 18" in text
        # unread rows are marked
        assert "●  2025-10-17" in text
        assert app.library.article_list.has_focus


async def test_the_title_bar_follows_the_list_and_its_icon_opens_the_palette(
    tmp_path: Path,
) -> None:
    from textual.command import CommandPalette

    from mfa_reader.ui.widgets.title_bar import TitleBar

    app = sample_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        top = screen_text(app).splitlines()[0]
        assert top.startswith(" ☰ ") and "English · Regular Press Conferences" in top
        assert top.rstrip().endswith("33 articles")
        await pilot.click(TitleBar, offset=(40, 0))  # the title itself does nothing
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)
        await pilot.click(TitleBar, offset=(1, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


async def test_move_open_and_mark_read(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("j", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "Foreign Ministry Spokesperson Lin Jian's Regular Press" in text
        assert "┃ Reuters: Can you confirm the dates" in text
        assert "▣ Image: The spokesperson at the podium" in text
        # side by side: the list is still there
        assert "2025-10-14" in text
        assert app.cache.entry(EN_URL).read  # type: ignore[union-attr]
        row = next(line for line in text.splitlines() if "2025-10-17  Lin Jian" in line)
        assert "●" not in row


async def test_next_and_previous_stay_in_the_reader(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("j", "enter")
        await pilot.pause()
        assert "Lin Jian's Regular Press Conference on October 17" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        text = screen_text(app)
        assert "[bold]Not bold[/]" in text  # the next article, full screen
        assert "2025-10-14" not in text  # narrow: the list is hidden while reading
        await pilot.press("p")
        await pilot.pause()
        assert "Lin Jian's Regular Press Conference on October 17" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "2025-10-14" in screen_text(app)


async def test_listed_only_article_says_it_is_fetching_and_fails_clearly_offline(
    tmp_path: Path,
) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("enter")  # the newest entry is only listed
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "Press Conference on October 18, 2025" in text
        assert "Could not fetch the article" in text
        assert app.cache.entry(LISTED_URL).has_body is False  # type: ignore[union-attr]


async def test_star_and_read_unread(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("j", "s")
        await pilot.pause()
        assert app.cache.entry(EN_URL).starred  # type: ignore[union-attr]
        assert "●★ 2025-10-17" in screen_text(app)
        await pilot.press("m")
        await pilot.pause()
        assert app.cache.entry(EN_URL).read  # type: ignore[union-attr]
        await pilot.press("m", "s")
        await pilot.pause()
        entry = app.cache.entry(EN_URL)
        assert entry is not None and not entry.read and not entry.starred


async def test_switch_edition_with_native_names(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("L")
        await pilot.pause()
        text = screen_text(app)
        for name in ("English", "简体中文", "Français", "Español", "Русский", "عربي"):
            assert name in text
        await pilot.press("down", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "简体中文 · 例行记者会实录" in text
        assert "2025年10月17日外交部发言人林剑主持例行记者会" in text
    # the place is remembered for the next start
    from mfa_reader.config import Settings
    from mfa_reader.ui.app import ReaderApp

    again = ReaderApp(settings=Settings(cache=app.cache.path, refresh="never"), cache=app.cache)
    assert again.start_place.edition == "zh"


async def test_section_from_the_sidebar(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        app.library.query_one("#sections").focus()
        await pilot.press("home", "enter")  # All sections
        await pilot.pause()
        assert app.library.place.section is None
        assert "English · " not in app.library.title_bar.title


async def test_search_and_open_a_hit(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash", *"气候谈判")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "1 article" in text
        assert "简体中文" in text and "2025年10月17日外交部发言人" in text
        await pilot.press("enter")  # the first hit
        await pilot.pause()
        assert app.library.reader.article is not None
        assert app.library.reader.article.url == ZH_URL
        assert "路透社记者" in screen_text(app)


async def test_markup_and_escapes_in_articles_show_literally(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("j", "j", "enter")
        await pilot.pause()
        assert app.library.reader.article.url == INJECTION_URL  # type: ignore[union-attr]
        text = screen_text(app)
        assert "[bold]Not bold[/] and [@click=app.quit]not a link[/]" in text
        assert "[link=https://evil.example]Source[/link]" in text
        assert "[bold]bold?[/bold] [/] [@click=app.quit]quit?[/]" in text
        assert "[red on white]red?[/] and $accent and {braces}" in text
        assert "\x1b" not in text and "\x07" not in text
        # clicking the line with the [@click] text runs nothing
        await pilot.click("#reader", offset=(3, 0))
        await pilot.pause()
        assert app.is_running
        # no span of the title is bold: it is text, not markup
        line = app.library.reader._layout.lines[0].content  # type: ignore[union-attr]
        assert line.plain.startswith("[bold]Not bold[/]")


async def test_arabic_is_right_aligned_and_app_mode_reorders(tmp_path: Path) -> None:
    app = sample_app(tmp_path, edition="ar", rtl="terminal")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        lines = app.library.reader.plain_lines()
        title = lines[0]
        assert title.rstrip() == title and title.startswith(" ")  # right-aligned, logical order
        assert "المؤتمر الصحفي" in title
    app = sample_app(tmp_path / "app", edition="ar", rtl="app")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        lines = app.library.reader.plain_lines()
        # joined presentation forms, in visual order (python-bidi), still right-aligned
        assert any(
            "ARABIC LETTER" in unicodedata.name(c, "") and "FORM" in unicodedata.name(c, "")
            for c in lines[0]
        )
        assert lines[0].startswith(" ")


async def test_chinese_wraps_by_cells(tmp_path: Path) -> None:
    from rich.cells import cell_len

    app = sample_app(tmp_path, edition="zh")
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        view = app.library.reader
        width = view.scrollable_content_region.width
        lines = view.plain_lines()
        assert all(cell_len(line) <= width for line in lines)
        assert sum(1 for line in lines if "林剑" in line or "中方" in line) >= 3


async def test_translation_from_the_cache(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("j", "enter", "t")
        await pilot.pause()
        text = screen_text(app)
        assert "This article in" in text and "简体中文" in text
        await pilot.press("enter")  # the first offered: 简体中文
        await pilot.pause()
        article = app.library.reader.article
        assert article is not None and article.url == ZH_URL
        assert "2025年10月17日外交部发言人林剑主持例行记者会" in screen_text(app)
        await pilot.press("t")
        await pilot.pause()
        assert "English" in screen_text(app)


async def test_empty_cache_says_what_to_do(tmp_path: Path) -> None:
    app = empty_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert "Nothing cached for English" in screen_text(app)


async def test_help_lists_every_binding_with_its_id(tmp_path: Path) -> None:
    app = sample_app(tmp_path, keymap={"star": "s,x"})
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        help_text = app.screen.query_one("#help").source  # type: ignore[attr-defined]
        for binding_id in ("next_article", "star", "translation", "search", "refresh", "help"):
            assert f"`{binding_id}`" in help_text
        assert "`x`" in help_text  # the keymap is applied
        await pilot.press("escape")
        await pilot.press("j", "x")
        await pilot.pause()
        assert app.cache.entry(EN_URL).starred  # type: ignore[union-attr]


async def test_footer_shows_only_what_applies(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "Language" not in footer  # no article open yet
        await pilot.press("j", "enter")
        await pilot.pause()
        assert "Language" in screen_text(app).splitlines()[-1]


async def test_command_palette_finds_actions_and_editions(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+p", *"Edition: 简体")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.library.place.edition == "zh"


async def test_open_image_link_and_article_in_the_browser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import webbrowser

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    app = sample_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("j", "enter", "o")
        await pilot.pause()
        assert opened[-1] == EN_URL  # nothing selected: the article itself
        await pilot.press("right_square_bracket", "o")  # the first target: the link in the answer
        await pilot.pause()
        assert opened[-1] == "https://www.fmprc.gov.cn/eng/wjb/"
        await pilot.press("right_square_bracket", "o")  # then the image
        await pilot.pause()
        assert opened[-1].endswith("W020251017001.jpg")
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard.endswith("W020251017001.jpg")


async def test_copy_link_from_the_list(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("j", "y")
        await pilot.pause()
        assert app.clipboard == EN_URL


async def test_thousands_of_articles_load_as_the_cursor_moves(tmp_path: Path) -> None:
    from mfa_reader.config import Settings
    from mfa_reader.ui.app import ReaderApp
    from mfa_reader.ui.widgets.article_list import PAGE
    from snapshot_apps.sample_cache import fill_cache

    path = tmp_path / "big.sqlite3"
    cache = fill_cache(path, older=3000)
    app = ReaderApp(settings=Settings(cache=path, refresh="never"), cache=cache)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        articles = app.library.article_list
        assert len(articles.entries) == PAGE  # one page, not the whole cache
        await pilot.press("G")  # to the end of what is loaded: the next page comes
        await pilot.pause()
        assert len(articles.entries) == 2 * PAGE
        for _ in range(20):
            await pilot.press("pagedown")
        await pilot.pause()
        assert len(articles.entries) > 2 * PAGE
        assert "3,003 articles" in screen_text(app)


async def test_select_text_with_the_mouse_and_copy_the_article(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("j", "enter")
        await pilot.pause()
        lines = app.library.reader.plain_lines()
        row = lines.index(
            "Spokesperson Lin Jian opened the regular press conference on 17 October 2025."
        )
        await pilot.mouse_down("#reader", offset=(2, row))
        await pilot.hover("#reader", offset=(14, row))
        await pilot.mouse_up("#reader", offset=(14, row))
        await pilot.pause()
        assert app.screen.get_selected_text() == "Spokesperson"
        await pilot.press("Y")
        await pilot.pause()
        assert "Reuters: Can you confirm the dates" in app.clipboard
        assert app.clipboard.startswith("Foreign Ministry Spokesperson Lin Jian")


async def test_arabic_app_mode_is_laid_out_again_on_resize(tmp_path: Path) -> None:
    from rich.cells import cell_len

    app = sample_app(tmp_path, edition="ar", rtl="app")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        reader = app.library.reader
        wide = reader.scrollable_content_region.width
        assert {cell_len(line) for line in reader.plain_lines() if line.strip()} == {wide}
        await pilot.resize_terminal(90, 30)  # narrow: the reader takes the whole screen
        await pilot.pause()
        narrow = reader.scrollable_content_region.width
        assert narrow != wide
        assert {cell_len(line) for line in reader.plain_lines() if line.strip()} == {narrow}


async def test_theme_and_bad_settings_are_reported_not_fatal(tmp_path: Path) -> None:
    app = sample_app(tmp_path, theme="gruvbox", keymap={"no_such_binding": "z"})
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert app.theme == "gruvbox"
        messages = [n.message for n in app._notifications]  # type: ignore[attr-defined]
        assert any("no_such_binding" in m for m in messages)
    app = sample_app(tmp_path / "other", theme="no-such-theme")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]  # type: ignore[attr-defined]
        assert any("Unknown theme 'no-such-theme'" in m for m in messages)


async def test_starred_only_list(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("j", "s", "f")
        await pilot.pause()
        text = screen_text(app)
        assert "1 starred" in text
        assert [e.url for e in app.library.article_list.entries] == [EN_URL]
        await pilot.press("f")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert "33 articles" in screen_text(app)


async def test_addresses_with_markup_stay_text_in_notifications(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import webbrowser

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    app = sample_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("j", "j", "enter")
        await pilot.pause()
        targets = [t.url for t in app.library.reader.targets]
        assert all("\x1b" not in url for url in targets)  # escapes never reach the browser
        steps = targets.index("https://evil.example/[@click=app.quit") + 1
        await pilot.press(*["right_square_bracket"] * steps, "o")
        await pilot.pause()
        assert opened == ["https://evil.example/[@click=app.quit"]
        assert app.is_running
        messages = [n.message for n in app._notifications]  # type: ignore[attr-defined]
        assert "Opening https://evil.example/[@click=app.quit" in messages
        assert all(not n.markup for n in app._notifications)  # type: ignore[attr-defined]


async def test_the_footer_reads_what_is_in_memory_never_the_cache(tmp_path: Path) -> None:
    from mfa_reader.ui import bindings

    app = sample_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("j", "enter")
        await pilot.pause()
        library = app.library
        statements: list[str] = []
        app.cache._conn.set_trace_callback(statements.append)
        try:
            for focused in (library.reader, library.article_list):
                focused.focus()
                await pilot.pause()
                shown = {b.id: library.check_action(b.action, ()) for b in bindings.LIBRARY}
                assert shown["star"] and shown["translation"] and shown["back"]
        finally:
            app.cache._conn.set_trace_callback(None)
        assert statements == []


async def test_next_on_the_list_opens_the_highlighted_article_and_stops_at_the_ends(
    tmp_path: Path,
) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("j", "n")  # on the list: the highlighted article, not the one after it
        await pilot.pause()
        assert app.library.reader.article.url == EN_URL  # type: ignore[union-attr]
        await pilot.press("p", "p")  # the first article, then nothing before it
        await pilot.pause()
        first = app.library.article_list.entries[0]
        assert app.library.reader.article.url == first.url  # type: ignore[union-attr]
        messages = [n.message for n in app._notifications]  # type: ignore[attr-defined]
        assert "No more articles in this list." in messages
        assert app.library.article_list.highlighted == 0
