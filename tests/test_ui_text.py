"""Display helpers of the reader: cleaning, cells, right-to-left lines, the article layout."""

from __future__ import annotations

import unicodedata

from rich.cells import cell_len

from mfa_reader.model import Article, Block, BlockKind
from mfa_reader.ui.article_layout import layout_article
from mfa_reader.ui.text import clean, long_date, one_line, short_date, visual_order


def _article(edition: str, *blocks: Block, title: str = "Title") -> Article:
    return Article(
        url="https://www.fmprc.gov.cn/eng/xw/t1.html",
        doc_id="t1",
        edition=edition,
        section=None,
        section_name="",
        title=title,
        published="2025-10-17T19:15:00+08:00",
        source="",
        blocks=blocks,
    )


def test_clean_removes_escapes_and_controls_but_keeps_text() -> None:
    text = "a\x1b[31mred\x1b[0m \x1b]8;;http://x\x1b\\link\x07 [bold]b[/] \x9bc\r\nd\te"
    out = clean(text)
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out and "\r" not in out
    assert "[bold]b[/]" in out and "red" in out and "\nd e" in out


def test_one_line_and_dates() -> None:
    assert one_line("  a \n b\t c ") == "a b c"
    assert short_date("2025-10-17T19:15:00+08:00") == "2025-10-17"
    assert short_date(None) == "----------"
    assert long_date("2025-10-17T19:15:00+08:00") == "2025-10-17 19:15"
    assert long_date("2025-10-17") == "2025-10-17"


def test_visual_order_joins_and_reverses_arabic() -> None:
    line = visual_order("سلام عليكم 2025")
    letters = [c for c in line if not c.isspace() and not c.isdigit()]
    assert all(unicodedata.name(c).startswith("ARABIC") for c in letters)
    assert any("FORM" in unicodedata.name(c) for c in letters)  # contextual forms
    assert line.startswith("2025")  # the last logical word is on the left
    assert "2025" in line  # numbers keep their order


def test_layout_sets_questions_apart_and_labels_images() -> None:
    article = _article(
        "en",
        Block(BlockKind.QUESTION, "Reuters: A question?"),
        Block(BlockKind.PARAGRAPH, "Lin Jian: An answer."),
        Block(BlockKind.IMAGE, "", "https://www.fmprc.gov.cn/eng/a.jpg"),
        Block(BlockKind.CAPTION, "The caption"),
    )
    layout = layout_article(article, 60)
    lines = [line.content.plain for line in layout.lines]
    assert "┃ Reuters: A question?" in lines
    assert "▣ Image: The caption" in lines
    assert "  https://www.fmprc.gov.cn/eng/a.jpg" in lines
    assert lines.count("The caption") == 0  # the caption is the image's label, not repeated
    assert [t.url for t in layout.targets] == ["https://www.fmprc.gov.cn/eng/a.jpg"]


def test_chinese_wraps_by_cells() -> None:
    text = "中方愿同各方一道，推动气候谈判取得公平合理的成果。" * 6
    layout = layout_article(_article("zh", Block(BlockKind.PARAGRAPH, text)), 30)
    start = next(i for i, line in enumerate(layout.lines) if "─" in line.content.plain) + 1
    body = [line.content.plain for line in layout.lines[start:] if line.content.plain]
    assert len(body) > 5
    assert all(cell_len(line) <= 30 for line in body)
    assert "".join(body).replace(" ", "") == text


def test_arabic_lines_are_right_aligned_in_both_modes() -> None:
    text = "ستتم الزيارة في الأسبوع المقبل، وسننشر المزيد من المعلومات في الوقت المناسب. " * 3
    article = _article("ar", Block(BlockKind.PARAGRAPH, text), title="عنوان")
    for app_bidi in (False, True):
        layout = layout_article(article, 40, app_bidi=app_bidi)
        lines = [line.content.plain for line in layout.lines if line.content.plain.strip()]
        assert all(cell_len(line) == 40 for line in lines if "─" not in line)
        assert all(not line.endswith(" ") for line in lines)


def test_long_articles_can_be_laid_out_a_screen_first() -> None:
    blocks = [Block(BlockKind.PARAGRAPH, f"Paragraph {n}. " * 20) for n in range(200)]
    article = _article("en", *blocks)
    first = layout_article(article, 80, max_lines=50)
    full = layout_article(article, 80)
    assert not first.complete and full.complete
    assert 50 <= len(first.lines) < len(full.lines)
    assert [line.content.plain for line in first.lines] == [
        line.content.plain for line in full.lines[: len(first.lines)]
    ]
