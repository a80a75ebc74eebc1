"""The reader pane: one article painted line by line (Textual's line API).

The article is laid out once per width (:mod:`mfa_reader.ui.article_layout`) and only the visible
lines are painted, so a transcript of a thousand paragraphs scrolls as smoothly as a short note and
moving to the next article costs one layout.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip

from mfa_reader.model import Article, ArticleEntry, Block, BlockKind
from mfa_reader.ui import bindings

if TYPE_CHECKING:  # the layout module loads with the first article, not at start-up
    from mfa_reader.ui.article_layout import ArticleStyles, Layout, Target


def placeholder(entry: ArticleEntry, message: str) -> Article:
    """An article made of an entry's title (its address, when it is known by that alone) and a
    message, while its body is fetched or missing."""
    return Article(
        url=entry.url,
        doc_id=entry.doc_id,
        edition=entry.edition,
        section=entry.section,
        section_name="",
        title=entry.title or entry.url,
        published=entry.published or "",
        source="",
        blocks=(Block(BlockKind.PARAGRAPH, message),),
    )


class ArticleView(ScrollView, can_focus=True):
    """Shows one article; ``]``/``[`` walk its images and links, ``o`` (the screen's) opens them."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-view--title",
        "article-view--meta",
        "article-view--question",
        "article-view--bar",
        "article-view--speaker",
        "article-view--heading",
        "article-view--image",
        "article-view--caption",
        "article-view--link",
        "article-view--rule",
        "article-view--notice",
        "article-view--target",
    }

    BINDINGS: ClassVar[list[BindingType]] = [*bindings.ARTICLE]

    class TargetClicked(Message):
        """An image or link line was clicked."""

        def __init__(self, target: Target) -> None:
            self.target = target
            super().__init__()

    def __init__(
        self,
        *,
        app_bidi: bool = False,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.app_bidi = app_bidi
        self.article: Article | None = None
        self.notice: str | None = None  # said under the header
        self.is_placeholder = False
        self.active_target: int | None = None
        self.has_questions = False  # a transcript: { and } go from question to question
        self._question_line: int | None = None  # the question } or { last went to
        self._layout: Layout | None = None
        self._strips: dict[tuple[int, bool], Strip] = {}
        self._generation = 0  # bumped by each layout, so a stale completion is dropped

    # --- what is shown ------------------------------------------------------------------------

    def show_article(
        self, article: Article, *, notice: str | None = None, placeholder_only: bool = False
    ) -> None:
        self.article = article
        self.notice = notice
        self.is_placeholder = placeholder_only
        self.has_questions = any(b.kind is BlockKind.QUESTION for b in article.blocks)
        self._question_line = None
        self.active_target = None
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._relayout()

    def show_entry_message(self, entry: ArticleEntry, message: str) -> None:
        """The entry's title with a message (fetching, failed) instead of the body."""
        self.show_article(placeholder(entry, message), placeholder_only=True)

    def clear(self) -> None:
        self.article = None
        self.notice = None
        self.is_placeholder = False
        self.has_questions = False
        self._layout = None
        self._strips.clear()
        self.virtual_size = Size(0, 0)
        self.refresh()

    @property
    def targets(self) -> list[Target]:
        return self._layout.targets if self._layout and not self.is_placeholder else []

    @property
    def current_target(self) -> Target | None:
        targets = self.targets
        if self.active_target is None or self.active_target >= len(targets):
            return None
        return targets[self.active_target]

    @property
    def line_count(self) -> int:
        return len(self._layout.lines) if self._layout else 0

    def complete_layout(self) -> None:
        """Lay out the whole article now (normally done just after the first paint)."""
        if self._layout is not None and not self._layout.complete:
            self._relayout(full=True)

    def plain_lines(self) -> list[str]:
        """The lines as shown (for tests and the screenshot script)."""
        self.complete_layout()
        return [line.content.plain for line in self._layout.lines] if self._layout else []

    def set_app_bidi(self, app_bidi: bool) -> None:
        self.app_bidi = app_bidi
        self._relayout()

    # --- layout and painting ------------------------------------------------------------------

    def _styles(self) -> ArticleStyles:
        from mfa_reader.ui.article_layout import ArticleStyles

        def get(name: str) -> object:
            return self.get_visual_style(f"article-view--{name}", partial=True)

        return ArticleStyles(
            **{name: get(name) for name in ArticleStyles.__dataclass_fields__}  # type: ignore[arg-type]
        )

    def _relayout(self, *, full: bool = False) -> None:
        """Lay the article out for the current width: the first screens at once, the rest right
        after the first paint (a long transcript then opens as fast as a short note)."""
        self._strips.clear()
        self._generation += 1
        width = self.scrollable_content_region.width
        if self.article is None or width <= 0:
            self._layout = None
            self.refresh()
            return
        from mfa_reader.ui.article_layout import layout_article

        first_screens = None if full or self.scroll_offset.y else self.size.height * 2 + 10
        self._layout = layout_article(
            self.article,
            width,
            app_bidi=self.app_bidi,
            styles=self._styles(),
            max_lines=first_screens,
            notice=self.notice,
        )
        self.virtual_size = Size(width, len(self._layout.lines))
        self.refresh()
        if not self._layout.complete:
            generation = self._generation
            self.call_after_refresh(self._complete_layout, generation)

    def _complete_layout(self, generation: int) -> None:
        if generation == self._generation and self._layout and not self._layout.complete:
            self._relayout(full=True)

    def on_resize(self, event: events.Resize) -> None:
        if self._layout is None or self._layout.width != self.scrollable_content_region.width:
            self._relayout()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.article is not None:
            self._relayout()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = round(self.scroll_offset.y) + y
        base = self.visual_style
        layout = self._layout
        if layout is None or index >= len(layout.lines):
            return Strip.blank(width, base.rich_style)
        line = layout.lines[index]
        active = line.target is not None and line.target == self.active_target
        style = (
            base + self.get_visual_style("article-view--target", partial=True) if active else base
        )
        selection = self.text_selection
        span = selection.get_span(index) if selection is not None else None
        if span is not None:  # selected with the mouse: painted fresh, not cached
            start, end = span
            content = line.content.stylize(
                self.screen.get_visual_style("screen--selection"),
                start,
                len(line.content) if end == -1 else end,
            )
            selected = Strip(content.render_segments(style), content.cell_length)
            return selected.crop_extend(0, width, style.rich_style).apply_offsets(0, index)
        key = (index, active)
        cached = self._strips.get(key)
        if cached is None:
            segments = line.content.render_segments(style)
            strip = Strip(segments, line.content.cell_length)
            cached = strip.crop_extend(0, width, style.rich_style).apply_offsets(0, index)
            self._strips[key] = cached
        return cached

    # --- selecting text with the mouse --------------------------------------------------------

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        if self._layout is None:
            return None
        return selection.extract("\n".join(self.plain_lines())), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self.refresh()

    # --- images and links ---------------------------------------------------------------------

    def _first_line_of(self, target: int) -> int | None:
        self.complete_layout()
        if self._layout is None:
            return None
        for number, line in enumerate(self._layout.lines):
            if line.target == target:
                return number
        return None

    def _select_target(self, index: int) -> None:
        self.active_target = index
        self._strips.clear()
        line = self._first_line_of(index)
        if line is not None:
            top = self.scroll_offset.y
            height = self.scrollable_content_region.height
            if not top <= line < top + height - 1:
                self.scroll_to(y=max(line - 2, 0), animate=False)
        self.refresh()

    def action_next_target(self) -> None:
        count = len(self.targets)
        if count:
            self._select_target(
                0 if self.active_target is None else (self.active_target + 1) % count
            )

    def action_previous_target(self) -> None:
        count = len(self.targets)
        if count:
            self._select_target(
                count - 1 if self.active_target is None else (self.active_target - 1) % count
            )

    # --- questions of a transcript -----------------------------------------------------------

    def action_next_question(self) -> None:
        self._to_question(1)

    def action_previous_question(self) -> None:
        self._to_question(-1)

    def _to_question(self, step: int) -> None:
        """Scroll the next (``step`` 1) or previous (-1) question to the top of the view. The
        last questions cannot reach the top: the view ends there, and ``}`` counts from the
        question it last went to, so that it comes to the last one and stops."""
        self.complete_layout()
        questions = self._layout.questions if self._layout and not self.is_placeholder else ()
        top = round(self.scroll_offset.y)
        if step > 0:
            at = self._question_line
            if at is None or top != min(at, round(self.max_scroll_y)):
                at = top
            target = next((line for line in questions if line > at), None)
        else:
            target = next((line for line in reversed(questions) if line < top), None)
        if target is None:
            self.app.bell()
            return
        self._question_line = target
        self.scroll_to(y=target, animate=False, immediate=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next_target", "previous_target"):
            return bool(self.targets)
        if action in ("next_question", "previous_question"):
            return self.has_questions and not self.is_placeholder
        return True

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or self._layout is None:
            return
        index = round(self.scroll_offset.y) + offset.y
        if 0 <= index < len(self._layout.lines):
            target = self._layout.lines[index].target
            if target is not None and not self.is_placeholder:
                self._select_target(target)
                self.post_message(self.TargetClicked(self._layout.targets[target]))
