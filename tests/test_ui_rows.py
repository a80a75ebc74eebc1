"""List rows a reader can tell apart beside an open article, in English, Chinese and Arabic."""

from __future__ import annotations

from pathlib import Path

import pytest

from snapshot_apps.helpers import sample_app, screen_text, widget_lines
from snapshot_apps.sample_cache import add_older_conferences

pytestmark = pytest.mark.asyncio

BESIDE = (120, 40)  # wide enough for the list beside the reader: the list is ~46 columns


def _titles(lines: list[str], count: int) -> list[str]:
    """The titles of the first ``count`` rows (what is left of a row without marks and date)."""
    return [line.strip(" ●★").split("  ", 1)[-1].strip() for line in lines[:count]]


async def test_rows_beside_an_english_article_name_the_spokesperson(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=BESIDE) as pilot:
        await pilot.press("j", "enter")
        await pilot.pause()
        rows = widget_lines(app, app.library.article_list)
        titles = _titles(rows, 6)
        assert titles[1:2] + titles[3:6] == ["Lin Jian", "Mao Ning", "Guo Jiakun", "Lin Jian"]
        assert len(set(rows[:5])) == 5
        # The reader keeps the whole title.
        assert "Foreign Ministry Spokesperson Lin Jian's Regular Press" in screen_text(app)


async def test_rows_keep_the_whole_title_where_it_fits(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=BESIDE) as pilot:
        await pilot.pause()
        rows = widget_lines(app, app.library.article_list)
        assert "2025-10-14  Foreign Ministry Spokesperson Mao Ning's Regular Press" in rows[3]


@pytest.mark.parametrize(
    ("edition", "names"),
    [
        ("zh", ("毛宁", "郭嘉昆", "林剑", "毛宁")),
        ("ar", ("ماو نينغ", "قوه جيا كون", "لين جيان", "ماو نينغ")),
    ],
)
async def test_chinese_and_arabic_rows_beside_an_article_name_the_spokesperson(
    tmp_path: Path, edition: str, names: tuple[str, ...]
) -> None:
    app = sample_app(tmp_path, edition=edition, rtl="terminal")  # Arabic in logical order
    add_older_conferences(app.cache, edition, 20)
    async with app.run_test(size=BESIDE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        rows = [row.strip() for row in widget_lines(app, app.library.article_list)[:5]]
        for row, name in zip(rows[1:], names, strict=True):
            # Arabic rows are right-aligned in logical order: the name comes last there too.
            assert row.endswith(f"  {name}"), row
        assert len(set(rows)) == 5


async def test_a_row_cut_short_shows_its_whole_title_as_a_tooltip(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=BESIDE) as pilot:
        await pilot.press("j", "enter")
        await pilot.pause()
        articles = app.library.article_list
        await pilot.hover(articles, offset=(20, 3))  # the fourth row: "Mao Ning"
        await pilot.pause()
        tooltip = articles.tooltip
        assert tooltip is not None
        assert str(tooltip).startswith("Foreign Ministry Spokesperson Mao Ning's Regular Press")


async def test_the_sidebar_cuts_long_names_and_counts_unread_of_listed(tmp_path: Path) -> None:
    from mfa_reader.editions import sections

    app = sample_app(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await app.workers.wait_for_complete()  # the counts, from a thread
        await pilot.pause()
        sidebar = widget_lines(app, app.library.section_list)
        shown = [line for line in sidebar if line.strip()]
        assert len(shown) == len(sections("en")) + 1  # one line each: none wrapped
        assert shown[0].startswith("All sections") and shown[0].rstrip().endswith("33/33")
        assert shown[1].startswith("Regular Press Conf…") and shown[1].rstrip().endswith("33/33")
        assert shown[3].rstrip() == "Spokesperson’s Written R…"
        await pilot.press("j", "enter", "escape", "escape")  # read one, back to the list
        await pilot.pause()
        sidebar = widget_lines(app, app.library.section_list)
        assert sidebar[0].rstrip().endswith("32/33") and sidebar[1].rstrip().endswith("32/33")
        await pilot.press("m")  # unread again
        await pilot.pause()
        assert widget_lines(app, app.library.section_list)[1].rstrip().endswith("33/33")


async def test_the_arabic_sidebar_reads_from_the_right(tmp_path: Path) -> None:
    app = sample_app(tmp_path, edition="ar", rtl="terminal")  # in logical order
    async with app.run_test(size=(120, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        sidebar = widget_lines(app, app.library.section_list)
        assert sidebar[0].startswith("1/1") and sidebar[0].rstrip().endswith("كل الأقسام")


async def test_starred_articles_of_every_edition_in_one_list(tmp_path: Path) -> None:
    from snapshot_apps.sample_cache import EN_URL, ZH_URL

    app = sample_app(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("j", "s", "L", "down", "enter")  # star the English conference; 简体中文
        await pilot.pause()
        await pilot.press("s", "F")  # star the Chinese one; every edition's starred articles
        await pilot.pause()
        library = app.library
        assert [e.url for e in library.article_list.entries] == [EN_URL, ZH_URL]
        top = screen_text(app).splitlines()[0]
        assert "every edition" in top and "2 starred" in top
        await pilot.press("F")  # again: the place's whole list
        await pilot.pause()
        assert len(library.article_list.entries) == 1 and "1 article" in screen_text(app)
        await pilot.press("F", "f")  # f leaves the starred list too
        await pilot.pause()
        assert not library.article_list.starred_only and not library.article_list.every_edition
        await pilot.press("F", "S", "enter")  # choosing a section: that section's starred articles
        await pilot.pause()
        assert [e.url for e in library.article_list.entries] == [ZH_URL]
        assert "简体中文" in screen_text(app).splitlines()[0]
