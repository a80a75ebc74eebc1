"""The article beside its version laid out as terminal lines, without a screen: two columns, one
row per pair, or interleaved. The articles are the fixture site's conference of September 12, 2025
(the Arabic version leaves CCTV's question and its answer out)."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.style import Style

from mfa_reader.align import align
from mfa_reader.model import Article, BlockKind, MatchedBy
from mfa_reader.ui.parallel_layout import GUTTER, ParallelLayout, layout_parallel
from mfa_reader.ui.text import clean, one_line
from test_align import AR, EN, ZH, article

WIDTH = 115  # a terminal of 120 columns, less the view's padding and scroll bar
COLUMN = (WIDTH - len(GUTTER)) // 2


def laid_out(left: Article, right: Article, **options: object) -> ParallelLayout:
    pairs = align(left, right)
    return layout_parallel(left, right, MatchedBy.DATE, pairs, **options)  # type: ignore[arg-type]


def sides(layout: ParallelLayout) -> list[tuple[str, str]]:
    """Each line as its two columns."""
    out = []
    for line in layout.lines:
        plain = line.plain
        if plain[COLUMN : COLUMN + len(GUTTER)] == GUTTER:
            out.append((plain[:COLUMN], plain[COLUMN + len(GUTTER) :]))
        else:
            out.append((plain, ""))
    return out


def column_text(rows: list[tuple[str, str]], side: int) -> str:
    """A column's text, its lines joined (Chinese wraps between characters: no spaces), without
    the bar that marks a question's lines."""
    return "".join("".join(row[side].replace("┃", "").split()) for row in rows)


def squashed(text: str) -> str:
    return "".join(one_line(clean(text)).split())


def test_two_columns_hold_every_paragraph_each_in_its_own() -> None:
    english, chinese = article(EN), article(ZH)
    rows = sides(laid_out(english, chinese, width=WIDTH, columns=True))
    for one, side in ((english, 0), (chinese, 1)):
        shown = column_text(rows, side)
        for block in one.blocks:
            if block.kind is not BlockKind.IMAGE:
                assert squashed(block.text) in shown, block.text


def test_a_question_faces_its_translation_on_the_same_row() -> None:
    english, chinese = article(EN), article(ZH)
    layout = laid_out(english, chinese, width=WIDTH, columns=True)
    rows = sides(layout)
    reuters = next(n for n, (one, _) in enumerate(rows) if "┃ Reuters: What agreements" in one)
    assert rows[reuters][1].startswith("┃ 路透社记者：中方希望在总理访问期间签署哪些协议")
    assert reuters in layout.questions  # } goes to it


def test_chinese_wraps_by_cells_within_its_column() -> None:
    layout = laid_out(article(EN), article(ZH), width=WIDTH, columns=True)
    rights = [right for _, right in sides(layout)]
    assert all(cell_len(line) <= COLUMN for line in rights)
    assert sum(1 for line in rights if cell_len(line.rstrip()) >= COLUMN - 1) >= 5  # filled


def test_arabic_is_right_aligned_in_its_column_and_a_paragraph_alone_faces_a_blank() -> None:
    english, arabic = article(EN), article(AR)
    rows = sides(laid_out(english, arabic, width=WIDTH, columns=True))
    answer = next(n for n, (_, other) in enumerate(rows) if "مساء الخير" in other)
    assert rows[answer][1].startswith(" ") and not rows[answer][1].endswith(" ")
    assert cell_len(rows[answer][1]) == COLUMN
    # CCTV's question and its answer are not in the Arabic version: they face a blank.
    cctv = next(n for n, (one, _) in enumerate(rows) if "┃ CCTV:" in one)
    assert rows[cctv][1].strip() == "" and rows[cctv + 1][1].strip() == ""


def test_the_header_says_how_the_version_was_found() -> None:
    english, arabic = article(EN), article(AR)
    for columns in (True, False):
        layout = laid_out(english, arabic, width=WIDTH, columns=columns)
        assert "⇄ عربي, found by the date in its title" in [line.plain for line in layout.lines]


@pytest.mark.parametrize("width", [76, 40])
def test_interleaved_each_paragraph_then_its_translation_dimmed(width: int) -> None:
    english, chinese = article(EN), article(ZH)
    dim = Style(dim=True)
    layout = laid_out(english, chinese, width=width, columns=False, translation=dim)
    assert not layout.columns
    plain = [line.plain for line in layout.lines]
    assert all(cell_len(line) <= width for line in plain)
    question = next(n for n, line in enumerate(plain) if line.startswith("┃ Reuters: What"))
    translation = next(n for n, line in enumerate(plain) if line.startswith("┃ 路透社记者"))
    answer = next(n for n, line in enumerate(plain) if line.startswith("Guo Jiakun: The two"))
    assert question < translation < answer
    assert any(span.style == dim for span in layout.lines[translation].spans)
    assert not any(span.style == dim for span in layout.lines[question].spans)


def test_columns_too_narrow_to_read_are_interleaved() -> None:
    layout = laid_out(article(EN), article(ZH), width=40, columns=True)
    assert not layout.columns
