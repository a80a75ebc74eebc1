"""Keys a newcomer can find: the footer at 80×24, export from the list, a keymap that would steal
a key, history, questions, mark all read and other languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from snapshot_apps.helpers import sample_app, screen_text, widget_lines

pytestmark = pytest.mark.asyncio

SMALL = (80, 24)
WIDE = (140, 36)


def _footer(app: object) -> str:
    return screen_text(app).splitlines()[-1]  # type: ignore[arg-type]


@pytest.mark.parametrize("edition", ["en", "zh", "ar"])
async def test_at_80x24_the_footer_always_shows_help_and_quit(tmp_path: Path, edition: str) -> None:
    app = sample_app(tmp_path, edition=edition)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        footer = _footer(app)
        assert footer.startswith(" ? Help  q Quit"), footer
        await pilot.press("enter")  # an article open: more keys apply, lesser ones give way
        await pilot.pause()
        footer = _footer(app)
        assert footer.startswith(" ? Help  q Quit"), footer
        assert "^p palette" in footer
        await pilot.resize_terminal(140, 36)  # room again: the lesser keys come back
        await pilot.pause()
        assert "Refresh" in _footer(app) and "Star" in _footer(app)


async def test_export_and_print_from_the_list_take_the_selected_article(tmp_path: Path) -> None:
    from mfa_reader.ui.screens.export import ExportScreen, PrintScreen
    from snapshot_apps.sample_cache import EN_URL, INJECTION_URL

    app = sample_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("j", "e")  # on the list, nothing open
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen) and app.screen.article.url == EN_URL
        await pilot.press("escape", "j", "P")
        await pilot.pause()
        assert isinstance(app.screen, PrintScreen) and app.screen.article.url == INJECTION_URL
        await pilot.press("escape", "k", "enter")  # reading the English one, then back on the list
        await pilot.pause()
        app.library.article_list.focus()
        await pilot.press("j", "e")  # the list has the keys: its selected article
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen) and app.screen.article.url == INJECTION_URL


async def test_export_from_the_list_fetches_an_article_only_listed(
    tmp_path: Path, site_server: object
) -> None:
    from mfa_reader.ui.screens.export import ExportScreen

    article = "https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/202510/t20251016_99001016.html"
    app = sample_app(tmp_path, origin=site_server.origin, retries=0, spacing=0.0)  # type: ignore[attr-defined]
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("r")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        articles = app.library.article_list
        index = articles.index_of(article)
        assert index is not None and app.cache.article(article) is None
        articles.highlighted = index
        await pilot.press("e")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen) and app.screen.article.url == article
        assert app.cache.article(article) is not None


async def test_export_of_a_listed_article_offline_says_why_and_opens_nothing(
    tmp_path: Path,
) -> None:
    app = sample_app(tmp_path, retries=0, backoff=0.0, timeout=2.0)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("home", "e")  # the newest entry is only listed; the site is not there
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is app.library
        messages = [n.message for n in app._notifications]  # type: ignore[attr-defined]
        assert any(m.startswith("Could not fetch “Foreign Ministry Spokesperson") for m in messages)


@pytest.mark.parametrize("size", [WIDE, (90, 30)])
async def test_t_then_escape_returns_to_the_article_you_came_from(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    from snapshot_apps.sample_cache import EN_URL, ZH_URL

    app = sample_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("j", "enter", "t", "enter")  # the English conference, then 简体中文
        await pilot.pause()
        reader = app.library.reader
        assert reader.article is not None and reader.article.url == ZH_URL
        await pilot.press("escape")
        await pilot.pause()
        assert app.library.reading and reader.article.url == EN_URL
        assert "Lin Jian's Regular Press Conference" in screen_text(app)
        await pilot.press("escape", "escape")  # then out to the list, as before
        await pilot.pause()
        assert not app.library.reading


async def test_back_and_forward_through_the_articles_read(tmp_path: Path) -> None:
    from snapshot_apps.sample_cache import EN_URL, INJECTION_URL, ZH_URL

    app = sample_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:

        async def shown_after(*keys: str) -> str | None:
            await pilot.press(*keys)
            await pilot.pause()
            article = app.library.reader.article
            return article.url if article else None

        assert await shown_after("j", "enter", "n") == INJECTION_URL  # two articles of the list
        assert await shown_after("backspace") == EN_URL
        assert await shown_after("alt+right") == INJECTION_URL
        await shown_after("ctrl+o", "t")  # back again, then the Chinese version
        assert await shown_after("enter") == ZH_URL
        assert not app.library.check_action("history_forward", ())  # a new step: nothing ahead
        assert await shown_after("ctrl+o") == EN_URL
        assert await shown_after("ctrl+right_square_bracket") == ZH_URL


@pytest.mark.parametrize(
    ("edition", "questions"),
    [
        ("en", ["┃ Reuters: Can you confirm", "┃ CCTV: What is China's position"]),
        ("zh", ["┃ 路透社记者：你能否证实", "┃ 总台央视记者：中方对气候谈判有何立场？"]),
        ("ar", ["س: هل يمكنكم تأكيد مواعيد زيارة"]),
    ],
)
async def test_braces_go_from_question_to_question(
    tmp_path: Path, edition: str, questions: list[str]
) -> None:
    app = sample_app(tmp_path, edition=edition, rtl="terminal")  # Arabic in logical order
    async with app.run_test(size=(90, 11)) as pilot:
        await pilot.press(*(["j", "enter"] if edition == "en" else ["enter"]))
        await pilot.pause()
        reader = app.library.reader

        def shown() -> list[str]:
            return widget_lines(app, reader)

        assert not any(questions[0] in line for line in shown())
        for question in questions:
            await pilot.press("right_curly_bracket")
            await pilot.pause()
            lines = shown()
            at = next(n for n, line in enumerate(lines) if question in line)
            assert at == 0 or round(reader.scroll_offset.y) == round(reader.max_scroll_y)
        await pilot.press(*["left_curly_bracket"] * len(questions))
        await pilot.pause()
        assert any(questions[0] in line for line in shown())  # back up to the first


async def test_braces_reach_the_last_question_and_come_back(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.press("j", "enter")
        await pilot.pause()
        reader = app.library.reader
        for _ in range(20):  # 14 questions: the last presses find no more, and stay put
            await pilot.press("right_curly_bracket")
        await pilot.pause()
        assert "number 12, about the trade talks" in " ".join(screen_text(app).split())
        top = round(reader.scroll_offset.y)
        await pilot.press("left_curly_bracket")  # the question just above the view
        await pilot.pause()
        first = widget_lines(app, reader)[0]
        assert first.startswith("┃ AFP: A follow-up question") and reader.scroll_offset.y < top


@pytest.mark.parametrize(("edition", "name"), [("en", "English · Regular Press Conferences"),
                                               ("zh", "简体中文 · 例行记者会实录")])  # fmt: skip
async def test_mark_all_read_asks_first_then_marks_the_list_shown(
    tmp_path: Path, edition: str, name: str
) -> None:
    from mfa_reader.ui.screens.confirm import ConfirmScreen
    from snapshot_apps.sample_cache import add_older_conferences

    app = sample_app(tmp_path, edition=edition)
    if edition == "zh":
        add_older_conferences(app.cache, "zh", 4)
    total = app.cache.count(edition)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.app.workers.wait_for_complete()  # the counts
        await pilot.pause()
        await pilot.press("A")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        question = f"Mark the {total} unread articles of {name} read?"
        shown = widget_lines(app, app.screen.query_one("#confirm-question"))
        assert question == " ".join(" ".join(shown).split())
        await pilot.press("n")  # no: nothing changes
        await pilot.pause()
        assert app.screen is app.library
        assert app.cache.section_counts(edition)["press-conferences"].unread == total
        await pilot.press("A", "y")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert app.cache.section_counts(edition)["press-conferences"].unread == 0
        assert all(entry.read for entry in app.library.article_list.entries)
        assert "●" not in screen_text(app)
        messages = [n.message for n in app._notifications]  # type: ignore[attr-defined]
        assert f"Marked {total} articles read." in messages
        await pilot.press("A")  # nothing unread: nothing to ask
        await pilot.pause()
        assert app.screen is app.library


def _french_version(app: object, *, cached: bool) -> str:
    """A French version of the English conference, linked from the English page only."""

    from snapshot_apps.sample_cache import ARTICLES, EN_URL

    cache = app.cache  # type: ignore[attr-defined]
    english = next(make() for make in ARTICLES if make().url == EN_URL)
    french_url = "https://www.fmprc.gov.cn/fra/xwfw/fyrth/lxjzzdh/202510/t20251019_99003017.html"
    if cached:
        title = "Conférence de presse du 17 octobre 2025 tenue par le porte-parole Lin Jian"
        cache.store_article(
            english._replace(url=french_url, edition="fr", translations={}, title=title)
        )
    cache.store_article(english._replace(translations={**english.translations, "fr": french_url}))
    return french_url


async def test_t_finds_a_version_through_the_other_pages_link_back(tmp_path: Path) -> None:
    from snapshot_apps.sample_cache import EN_URL

    app = sample_app(tmp_path)
    french = _french_version(app, cached=True)
    async with app.run_test(size=WIDE) as pilot:
        app.library.open_url(french)  # its page links nowhere
        await pilot.pause()
        await pilot.press("t")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert "This article in" in screen_text(app) and "English" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        reader = app.library.reader
        assert reader.article is not None and reader.article.url == EN_URL


async def test_t_with_no_other_language_says_so(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("j", "j", "enter")  # the article with markup in it links nowhere
        await pilot.pause()
        assert "Language" in _footer(app)  # t is offered with any article open
        await pilot.press("t")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is app.library
        messages = [n.message for n in app._notifications]  # type: ignore[attr-defined]
        assert any(m.startswith("No other language of this article is known") for m in messages)


async def test_a_version_that_cannot_be_fetched_shows_its_own_address(tmp_path: Path) -> None:
    from textual.widgets import OptionList

    app = sample_app(tmp_path, retries=0, backoff=0.0, timeout=2.0)
    french = _french_version(app, cached=False)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("j", "enter", "t")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        choices = app.screen.query_one(OptionList)
        choices.highlighted = choices.get_option_index("fr")
        await pilot.press("enter")  # Français: not cached, and the site is not there
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        lines = app.library.reader.plain_lines()
        assert french.startswith(lines[0])  # the address that failed, not the English title
        assert "Lin Jian's Regular Press Conference" not in " ".join(lines)
        assert any("Could not fetch the article" in line for line in lines)
