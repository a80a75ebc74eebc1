"""Display helpers of the reader: cleaning, cells, right-to-left lines, the article layout."""

from __future__ import annotations

import unicodedata

from rich.cells import cell_len

from mfa_reader.model import Article, Block, BlockKind
from mfa_reader.ui.article_layout import layout_article
from mfa_reader.ui.text import clean, long_date, one_line, short_date, visual_order, visual_span


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


def test_left_to_right_runs_keep_their_order_in_arabic() -> None:
    # A wrapped address's last piece, a file name, a Latin name and a number in an Arabic line.
    assert visual_order("0001.jpg") == "0001.jpg"
    assert visual_order("251017003.jpg") == "251017003.jpg"
    line = visual_order("انظر الصورة 0001.jpg على https://www.fmprc.gov.cn/ara/ قال Lin Jian.")
    assert "0001.jpg" in line and "https://www.fmprc.gov.cn/ara/" in line
    assert "Lin Jian" in line and "jpg.0001" not in line
    assert line.startswith(".Lin Jian")  # the sentence's full stop ends it, on the left
    # Brackets around right-to-left text face the right way once reordered.
    assert visual_order("قال (رويترز) هنا").count("(") == 1
    assert visual_order("قال (رويترز) هنا").index("(") < visual_order("قال (رويترز) هنا").index(")")


def test_a_piece_of_a_line_is_found_where_it_was_reordered_to() -> None:
    logical = "قال المتحدث إن الصين والسعودية صديقتان وإن الصين شريك"
    visual = visual_order(logical)
    first = logical.index("الصين")
    second = logical.index("الصين", first + 1)
    a, b = visual_span(logical, visual, first, first + 5)  # type: ignore[misc]
    c, d = visual_span(logical, visual, second, second + 5)  # type: ignore[misc]
    assert visual[a:b] == visual[c:d] == visual_order("الصين")
    assert a > c  # the first logically is further right
    speaker = logical.index("المتحدث")
    assert visual_span(logical, visual, speaker, speaker + 3) is None  # half a word, shaped apart


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


def test_arabic_app_mode_keeps_links_whole_and_styled() -> None:
    url = "https://www.fmprc.gov.cn/ara/xwfw/lxjzh/202510/W020251017003.jpg"
    text = f"وللمزيد من المعلومات انظر الصورة على الموقع {url} في الوقت المناسب."
    article = _article("ar", Block(BlockKind.PARAGRAPH, text), title="عنوان")
    layout = layout_article(article, 50, app_bidi=True)
    lines = [line.content for line in layout.lines]
    body = lines[next(i for i, line in enumerate(lines) if "─" in line.plain) + 1 :]
    shown = "".join(
        line.plain[span.start : span.end]
        for line in body
        for span in line.spans
        if "underline" in str(span.style)
    )
    assert shown == url  # every piece of the wrapped address, in its own order, underlined
    assert not any("jpg.0" in line.plain for line in lines)


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
