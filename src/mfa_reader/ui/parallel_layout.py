"""An article beside its version in another edition, laid out as terminal lines for one width.

In two columns (a terminal of :data:`TWO_COLUMNS_FROM` columns or more), one row per pair of
blocks (see :func:`mfa_reader.align.align`): each side wrapped in its own column as the reader
lays it out (Chinese by cells; Arabic right-aligned, and reordered with rtl = "app"), a block that
has no counterpart facing a blank. Narrower, interleaved: each block, then its translation,
dimmed. Pure text work on ``Content``, like :mod:`mfa_reader.ui.article_layout`, whose lines it
puts side by side.
"""

from __future__ import annotations

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
    in_columns = columns and column >= MIN_COLUMN
    arranged: _Beside | _OneAfterTheOther
    if in_columns:
        block_width, arranged = column, _Beside(column, Content.styled(GUTTER, st.rule))
    else:
        block_width, arranged = width, _OneAfterTheOther(translation or Style(dim=True))
    lines = arranged.headers(
        header_lines(left, block_width, app_bidi=app_bidi, styles=st),
        header_lines(right, block_width, app_bidi=app_bidi, styles=st),
    )
    lines += _found_by(right, matched_by, width, app_bidi, st)
    questions: list[int] = []
    for pair in pairs:
        if max_lines is not None and len(lines) >= max_lines:
            return ParallelLayout(lines, width, in_columns, tuple(questions), complete=False)
        lefts = _blocks(left, pair.left, block_width, app_bidi, st)
        rights = _blocks(right, pair.right, block_width, app_bidi, st)
        if not (lefts or rights):
            continue
        if _has_question(left, pair.left) or _has_question(right, pair.right):
            questions.append(len(lines))
        lines += arranged.pair(lefts, rights)
    return ParallelLayout(lines, width, in_columns, tuple(questions))


class _Beside:
    """Both sides in columns of ``column`` cells, row by row."""

    def __init__(self, column: int, gutter: Content) -> None:
        self.column, self.gutter = column, gutter

    def headers(self, lefts: list[Line], rights: list[Line]) -> list[Content]:
        blank = Line(Content(""))
        rows = []
        for n in range(max(len(lefts), len(rights))):
            one = lefts[n] if n < len(lefts) else blank
            other = rights[n] if n < len(rights) else blank
            one_cell = one.content.truncate(self.column, pad=True)
            rows.append(one_cell + self.gutter + other.content.truncate(self.column))
        return rows

    def pair(self, lefts: list[Line], rights: list[Line]) -> list[Content]:
        """The rows of a pair, then a row of space."""
        return [*self.headers(lefts, rights), Content(" " * self.column) + self.gutter]


class _OneAfterTheOther:
    """The left side's lines, then the right side's in the ``dimmed`` style."""

    def __init__(self, dimmed: Style) -> None:
        self.dimmed = dimmed

    def headers(self, lefts: list[Line], rights: list[Line]) -> list[Content]:
        return [*self._left(lefts), Content(""), *self._right(rights)]

    def pair(self, lefts: list[Line], rights: list[Line]) -> list[Content]:
        """Both, then a blank line."""
        return [*self._left(lefts), *self._right(rights), Content("")]

    def _left(self, lines: list[Line]) -> list[Content]:
        return [line.content for line in lines]

    def _right(self, lines: list[Line]) -> list[Content]:
        return [line.content.stylize(self.dimmed) for line in lines]


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
