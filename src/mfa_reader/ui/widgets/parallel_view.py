"""The article beside its version in another edition (``T``), painted line by line like the reader.

Both articles are laid out together once per width (:mod:`mfa_reader.ui.parallel_layout`): in two
columns on a terminal of 120 columns or more, one row per pair, so that the two languages scroll
together; narrower, interleaved. Until the version is there (or when there is none) the article is
shown alone, with a line that says why.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from textual import events
from textual.binding import BindingType
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget

from mfa_reader.model import Article, MatchedBy
from mfa_reader.ui import bindings
from mfa_reader.ui.widgets.article_view import ARTICLE_PARTS, article_styles

if TYPE_CHECKING:  # the layout modules load with the first article shown here
    from mfa_reader.align import Pair
    from mfa_reader.ui.article_layout import ArticleStyles


class LaidOutFor(NamedTuple):
    """What the lines were laid out for: a change to any of it lays them out again."""

    width: int
    columns: bool
    styles: ArticleStyles
    translation: Style


class ParallelView(ScrollView, can_focus=True):
    """Shows an article beside its version; ``escape`` goes back to one language."""

    # The reader's styles (app.tcss gives both views the same), and the translation's.
    COMPONENT_CLASSES: ClassVar[set[str]] = {*ARTICLE_PARTS, "parallel-view--translation"}

    BINDINGS: ClassVar[list[BindingType]] = [*bindings.PARALLEL]

    notice: var[str | None] = var(None, init=False)
    """Why the article is alone: its version is looked for (and how far that has got), or there
    is none. None while both are shown."""

    class Closed(Message):
        """``escape``: back to the article alone."""

    def __init__(
        self, *, app_bidi: bool = False, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.app_bidi = app_bidi
        self.left: Article | None = None
        self.right: Article | None = None
        self.matched_by: MatchedBy | None = None
        self.pairs: Sequence[Pair] = ()
        self._lines: list[Content] = []
        self._questions: tuple[int, ...] = ()
        self._laid_out_for: LaidOutFor | None = None
        self._generation = 0  # bumped by each layout, so that a stale completion is dropped
        self._complete = True  # every row is laid out
        self._strips: dict[int, Strip] = {}

    # --- what is shown ------------------------------------------------------------------------

    def show_pair(
        self, left: Article, right: Article, matched_by: MatchedBy, pairs: Sequence[Pair]
    ) -> None:
        """Both articles, row by row, from the top."""
        self.left, self.right, self.matched_by, self.pairs = left, right, matched_by, pairs
        self.notice = None
        self._relayout()

    def show_alone(self, left: Article, notice: str) -> None:
        """The article alone, with ``notice`` (the version is being looked for, or there is
        none) under its header; where the reader was, when the article is the same."""
        same = self.right is None and self.left is not None and self.left.url == left.url
        self.left, self.right, self.matched_by, self.pairs = left, None, None, ()
        self.notice = notice
        self._relayout(keep_place=same)

    @property
    def paired(self) -> bool:
        """Both articles are shown."""
        return self.right is not None

    @property
    def columns(self) -> bool:
        """Whether the pairs are in two columns (a wide terminal) or interleaved."""
        from mfa_reader.ui.parallel_layout import TWO_COLUMNS_FROM

        return self.app.size.width >= TWO_COLUMNS_FROM

    def set_app_bidi(self, app_bidi: bool) -> None:
        self.app_bidi = app_bidi
        self._relayout(keep_place=True)

    def complete_layout(self) -> None:
        """Lay out all the rows now (normally done just after the first paint)."""
        if not self._complete:
            self._relayout(keep_place=True, full=True)

    def plain_lines(self) -> list[str]:
        """The lines as shown, all of them (for tests and the benchmark)."""
        self.complete_layout()
        return [line.plain for line in self._lines]

    # --- layout and painting ------------------------------------------------------------------

    def _styles(self) -> tuple[ArticleStyles, Style]:
        """The reader's styles (app.tcss), and the translation's."""
        translation = self.get_visual_style("parallel-view--translation", partial=True)
        return article_styles(self), translation

    def _page_size(self) -> tuple[int, int]:
        """The cells a line is wide and the lines a screen holds. Before the view is placed (it
        is about to be shown) they are its container's, less its padding and scrollbar: it fills
        the container (app.tcss), and is laid out for that size at once, not after a first paint."""
        if self.region:
            return self.scrollable_content_region.width, self.scrollable_content_region.height
        container = self.parent.content_size if isinstance(self.parent, Widget) else Size(0, 0)
        gutter = self.styles.gutter
        width = container.width - gutter.width - self.styles.scrollbar_size_vertical
        return width, container.height - gutter.height

    def _relayout(self, *, keep_place: bool = False, full: bool = False) -> None:
        """Lay both out for the current width: the first screens at once, the rest right after
        they are painted (as the reader does)."""
        self._strips.clear()
        self._generation += 1
        width, height = self._page_size()
        if self.left is None or width <= 0:
            self._lines, self._questions, self._laid_out_for = [], (), None
            self._complete = True
            self.virtual_size = Size(0, 0)
            self.refresh()
            return
        whole = full or (keep_place and self.scroll_offset.y > 0)
        first_screens = None if whole else height * 2 + 10
        columns = self.columns
        styles, translation = self._styles()
        if self.right is not None and self.matched_by is not None:
            from mfa_reader.ui.parallel_layout import layout_parallel

            layout = layout_parallel(
                self.left, self.right, self.matched_by, self.pairs, width, columns=columns,
                app_bidi=self.app_bidi, styles=styles, translation=translation,
                max_lines=first_screens,
            )  # fmt: skip
            self._lines, self._questions, complete = layout.lines, layout.questions, layout.complete
        else:
            from mfa_reader.ui.article_layout import layout_article

            alone = layout_article(
                self.left, width, app_bidi=self.app_bidi, styles=styles, notice=self.notice,
                max_lines=first_screens,
            )  # fmt: skip
            self._lines, self._questions = [line.content for line in alone.lines], alone.questions
            complete = alone.complete
        self._laid_out_for = LaidOutFor(width, columns, styles, translation)
        self._complete = complete
        self.virtual_size = Size(width, len(self._lines))
        if not keep_place:
            self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()
        if not complete:
            self.call_after_refresh(self._complete_layout, self._generation)

    def _complete_layout(self, generation: int) -> None:
        if generation == self._generation:
            self._relayout(keep_place=True, full=True)

    def on_resize(self, event: events.Resize) -> None:
        laid_out = self._laid_out_for
        if laid_out is None or (laid_out.width, laid_out.columns) != (
            self.scrollable_content_region.width,
            self.columns,
        ):
            self._relayout(keep_place=True)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.left is None:
            return
        laid_out = self._laid_out_for
        if laid_out is not None and (laid_out.styles, laid_out.translation) == self._styles():
            # Focus tints the background only: the lines stand, their strips are painted again.
            self._strips.clear()
            self.refresh()
        else:
            self._relayout(keep_place=True)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = round(self.scroll_offset.y) + y
        style = self.visual_style
        if index >= len(self._lines):
            return Strip.blank(width, style.rich_style)
        cached = self._strips.get(index)
        if cached is None:
            content = self._lines[index]
            strip = Strip(content.render_segments(style), content.cell_length)
            cached = strip.crop_extend(0, width, style.rich_style).apply_offsets(0, index)
            self._strips[index] = cached
        return cached

    # --- keys ---------------------------------------------------------------------------------

    def action_one_language(self) -> None:
        self.post_message(self.Closed())

    def action_next_question(self) -> None:
        """The row of the next question at the top of the view."""
        self.complete_layout()
        top = round(self.scroll_offset.y)
        line = next((n for n in self._questions if n > top), None)
        if line is None or top >= round(self.max_scroll_y):
            self.app.bell()
            return
        self.scroll_to(y=line, animate=False, immediate=True)

    def action_previous_question(self) -> None:
        self.complete_layout()
        top = round(self.scroll_offset.y)
        line = next((n for n in reversed(self._questions) if n < top), None)
        if line is None:
            self.app.bell()
            return
        self.scroll_to(y=line, animate=False, immediate=True)
