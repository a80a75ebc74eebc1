"""An article beside its version in another edition, laid out as terminal lines for one width.

In two columns (a terminal of :data:`TWO_COLUMNS_FROM` columns or more), one row per pair of
blocks (see :func:`mfa_reader.align.align`): each side wrapped in its own column as the reader
lays it out (Chinese by cells; Arabic right-aligned, and reordered with rtl = "app"), a block that
has no counterpart facing a blank. Narrower, interleaved: each block, then its translation,
dimmed. Pure text work on ``Content``, like :mod:`mfa_reader.ui.article_layout`, whose lines it
puts side by side.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass

from textual.content import Content
from textual.style import Style

from mfa_reader.align import Pair
from mfa_reader.export.parallel import FOUND_BY
from mfa_reader.model import Article, BlockKind, MatchedBy
from mfa_reader.ui.article_layout import ArticleStyles, Line, block_lines, header_lines
from mfa_reader.ui.text import native_name

TWO_COLUMNS_FROM = 120  # terminal columns
GUTTER = " │ "
MIN_COLUMN = 20


@dataclass(frozen=True, slots=True)
class ParallelLayout:
    lines: list[Content]
    width: int
    columns: bool  # two columns; False: interleaved
    questions: tuple[int, ...] = ()  # the line each row of a question starts on
    complete: bool = True  # False: stopped after ``max_lines`` (the rest is laid out later)


def found_by(right: Article, matched_by: MatchedBy, *, app_bidi: bool = False) -> str:
    """``⇄ 简体中文, found by the date in its title``: which version faces the article, and how
    it was found."""
    name = native_name(right.edition, app_bidi=app_bidi)
    return f"⇄ {name}, found by {FOUND_BY[matched_by]}"


def layout_parallel(
    left: Article,
    right: Article,
    matched_by: MatchedBy,
    pairs: Sequence[Pair],
    width: int,
    *,
    columns: bool,
    app_bidi: bool = False,
    styles: ArticleStyles | None = None,
    translation: Style | None = None,
    max_lines: int | None = None,
) -> ParallelLayout:
    """Both articles at ``width`` cells, in two ``columns`` or interleaved (the translation in the
    ``translation`` style, dimmed by default); with ``max_lines``, stop once that many are laid
    out (enough to paint the first screen at once)."""
    st = styles or ArticleStyles.plain()
    column = (width - len(GUTTER)) // 2
    enough = max_lines if max_lines is not None else sys.maxsize
    if columns and column >= MIN_COLUMN:
        return _in_columns(left, right, matched_by, pairs, width, column, app_bidi, st, enough)
    dimmed = translation or Style(dim=True)
    return _interleaved(left, right, matched_by, pairs, width, app_bidi, st, dimmed, enough)


def _in_columns(
    left: Article,
    right: Article,
    matched_by: MatchedBy,
    pairs: Sequence[Pair],
    width: int,
    column: int,
    app_bidi: bool,
    st: ArticleStyles,
    enough: int,
) -> ParallelLayout:
    gutter = Content.styled(GUTTER, st.rule)

    def beside(lefts: list[Line], rights: list[Line]) -> list[Content]:
        blank = Line(Content(""))
        rows = []
        for n in range(max(len(lefts), len(rights))):
            one = lefts[n] if n < len(lefts) else blank
            other = rights[n] if n < len(rights) else blank
            rows.append(
                one.content.truncate(column, pad=True) + gutter + other.content.truncate(column)
            )
        return rows

    lines = beside(
        header_lines(left, column, app_bidi=app_bidi, styles=st),
        header_lines(right, column, app_bidi=app_bidi, styles=st),
    )
    lines += _found_by(right, matched_by, width, app_bidi, st)
    questions: list[int] = []
    for pair in pairs:
        if len(lines) >= enough:
            return ParallelLayout(lines, width, True, tuple(questions), complete=False)
        lefts = _blocks(left, pair.left, column, app_bidi, st)
        rights = _blocks(right, pair.right, column, app_bidi, st)
        if not (lefts or rights):
            continue
        if _has_question(left, pair.left) or _has_question(right, pair.right):
            questions.append(len(lines))
        lines += beside(lefts, rights)
        lines.append(Content(" " * column) + gutter)
    return ParallelLayout(lines, width, True, tuple(questions))


def _interleaved(
    left: Article,
    right: Article,
    matched_by: MatchedBy,
    pairs: Sequence[Pair],
    width: int,
    app_bidi: bool,
    st: ArticleStyles,
    dimmed: Style,
    enough: int,
) -> ParallelLayout:
    lines = [line.content for line in header_lines(left, width, app_bidi=app_bidi, styles=st)]
    lines.append(Content(""))
    lines += [
        line.content.stylize(dimmed)
        for line in header_lines(right, width, app_bidi=app_bidi, styles=st)
    ]
    lines += _found_by(right, matched_by, width, app_bidi, st)
    questions: list[int] = []
    for pair in pairs:
        if len(lines) >= enough:
            return ParallelLayout(lines, width, False, tuple(questions), complete=False)
        lefts = _blocks(left, pair.left, width, app_bidi, st)
        rights = _blocks(right, pair.right, width, app_bidi, st)
        if not (lefts or rights):
            continue
        if _has_question(left, pair.left) or _has_question(right, pair.right):
            questions.append(len(lines))
        lines += [line.content for line in lefts]
        lines += [line.content.stylize(dimmed) for line in rights]
        lines.append(Content(""))
    return ParallelLayout(lines, width, False, tuple(questions))


def _found_by(
    right: Article, matched_by: MatchedBy, width: int, app_bidi: bool, st: ArticleStyles
) -> list[Content]:
    said = Content.styled(found_by(right, matched_by, app_bidi=app_bidi), st.meta)
    return [Content(""), *said.wrap(width), Content.styled("─" * width, st.rule), Content("")]


def _blocks(
    article: Article, indexes: Sequence[int], width: int, app_bidi: bool, st: ArticleStyles
) -> list[Line]:
    """The lines of some blocks of an article, a blank line between two blocks."""
    lines: list[Line] = []
    for index in indexes:
        shown = block_lines(article, index, width, app_bidi=app_bidi, styles=st)
        if lines and shown:
            lines.append(Line(Content("")))
        lines += shown
    return lines


def _has_question(article: Article, indexes: Sequence[int]) -> bool:
    return any(article.blocks[i].kind is BlockKind.QUESTION for i in indexes)
