"""The reader pane: one article painted line by line (Textual's line API).

The article is laid out once per width (:mod:`mfa_reader.ui.article_layout`) and only the visible
lines are painted, so a transcript of a thousand paragraphs scrolls as smoothly as a short note and
moving to the next article costs one layout.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip
from textual.widget import Widget

from mfa_reader.model import Article, ArticleEntry, Block, BlockKind
from mfa_reader.ui import bindings

if TYPE_CHECKING:  # the layout module loads with the first article, not at start-up
    from mfa_reader.ui.article_find import Matches
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


# The styles of an article's parts (app.tcss sets them), shared with the parallel view.
ARTICLE_PARTS = frozenset(
    {
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
    }
)


def article_styles(widget: Widget) -> ArticleStyles:
    """The styles app.tcss gives an article's parts (:data:`ARTICLE_PARTS`) in ``widget``."""
    from mfa_reader.ui.article_layout import ArticleStyles

    def get(name: str) -> object:
        return widget.get_visual_style(f"article-view--{name}", partial=True)

    return ArticleStyles(
        **{name: get(name) for name in ArticleStyles.__dataclass_fields__}  # type: ignore[arg-type]
    )


class ArticleView(ScrollView, can_focus=True):
    """Shows one article; ``]``/``[`` walk its images and links, ``o`` (the screen's) opens them."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *ARTICLE_PARTS,
        "article-view--target",
        "article-view--match",
        "article-view--current-match",
    }

    BINDINGS: ClassVar[list[BindingType]] = [*bindings.ARTICLE]

    class TargetClicked(Message):
        """An image or link line was clicked."""

        def __init__(self, target: Target) -> None:
            self.target = target
            super().__init__()

    class FindChanged(Message):
        """The words found in the article, or which match is the current one, changed."""

        def __init__(self, words: str, current: int | None, count: int) -> None:
            self.words = words  # as found: what was typed, or the search's terms
            self.current = current  # the current match's number, from 0
            self.count = count
            super().__init__()

    class Shown(Message):
        """Another article is shown, or a message in its place (fetching it, or why not)."""

    class FindAsked(Message):
        """``/`` was pressed in the article: the screen opens its find bar."""

    class FindTyped(Message):
        """A key typed after ``/`` before the find bar had the focus: it goes there."""

        def __init__(self, key: str) -> None:
            self.key = key  # a character, or enter, escape, backspace
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
        self.find_words = ""  # what is being found in the article ("" when nothing)
        self._find_pattern: re.Pattern[str] | None = None
        self._matches: Matches | None = None
        self.current_match: int | None = None
        self._first_match_due = False  # go to the first match once the article is laid out
        self._find_opening = False  # / pressed, the find bar not focused yet
        self._find_asked_by_key = False

    # --- what is shown ------------------------------------------------------------------------

    def show_article(
        self,
        article: Article,
        *,
        notice: str | None = None,
        placeholder_only: bool = False,
        find: tuple[str, re.Pattern[str]] | None = None,
    ) -> None:
        """Show an article from its top, or, with ``find`` (the words, their pattern), at its first
        match with every match marked."""
        self.article = article
        self.notice = notice
        self.is_placeholder = placeholder_only
        self.has_questions = any(b.kind is BlockKind.QUESTION for b in article.blocks)
        self._question_line = None
        self.active_target = None
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._set_find(find)
        self._first_match_due = find is not None
        self._relayout()
        self.post_message(self.Shown())

    def show_entry_message(
        self, entry: ArticleEntry, message: str, find: tuple[str, re.Pattern[str]] | None = None
    ) -> None:
        """The entry's title with a message (fetching, failed) instead of the body; ``find`` is
        kept for the article when it comes."""
        self.show_article(placeholder(entry, message), placeholder_only=True, find=find)

    @property
    def finding(self) -> tuple[str, re.Pattern[str]] | None:
        """What is being found in the article: the words as shown, their pattern."""
        return (self.find_words, self._find_pattern) if self._find_pattern is not None else None

    def clear(self) -> None:
        self.article = None
        self.notice = None
        self.is_placeholder = False
        self.has_questions = False
        self._set_find(None)
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

        whole = full or self.scroll_offset.y or self._find_pattern is not None
        first_screens = None if whole else self.size.height * 2 + 10
        self._layout = layout_article(
            self.article,
            width,
            app_bidi=self.app_bidi,
            styles=article_styles(self),
            max_lines=first_screens,
            notice=self.notice,
        )
        self.virtual_size = Size(width, len(self._layout.lines))
        self._find_again()
        if self._first_match_due and self._matches is not None:
            self._first_match_due = False
            self._go_to_first_match(in_body=True)
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
        marks = self._matches.on_line(index) if self._matches is not None else []
        if marks:  # found words: painted fresh, as the current match moves
            content = line.content
            for mark in marks:
                kind = "current-match" if mark.number == self.current_match else "match"
                found = self.get_visual_style(f"article-view--{kind}", partial=True)
                content = content.stylize(found, mark.start, mark.end)
            marked = Strip(content.render_segments(style), content.cell_length)
            return marked.crop_extend(0, width, style.rich_style).apply_offsets(0, index)
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

    # --- finding words in the article ----------------------------------------------------------

    def find(self, words: str, pattern: re.Pattern[str] | None) -> None:
        """Mark every match of ``pattern`` (``words`` as typed) and go to the first one on or below
        the top of the screen; None finds nothing."""
        self._set_find((words, pattern) if pattern is not None else None)
        self.complete_layout()
        self._find_again()
        self._go_to_first_match(in_body=False)

    def _set_find(self, find: tuple[str, re.Pattern[str]] | None) -> None:
        was_finding = self._find_pattern is not None
        self.find_words, self._find_pattern = find if find is not None else ("", None)
        self._matches = None
        self.current_match = None
        if was_finding and find is None:
            self._announce()

    def _find_again(self) -> None:
        """Matches for the layout of now (after a resize the lines are others)."""
        if self._find_pattern is None or self._layout is None or self.is_placeholder:
            self._matches = None
            return
        from mfa_reader.ui.article_find import find_matches

        self._matches = find_matches(self._layout, self._find_pattern)
        if self.current_match is not None and self.current_match >= self._matches.count:
            self.current_match = None
        self._announce()

    def _go_to_first_match(self, *, in_body: bool) -> None:
        matches = self._matches
        if matches is None or not matches.count:
            self.current_match = None
        elif in_body:
            self.current_match = matches.first_in_body or 0
        else:
            top = round(self.scroll_offset.y)
            below = [n for n, line in enumerate(matches.first_lines) if line >= top]
            self.current_match = below[0] if below else 0
        self._show_current()

    def _show_current(self) -> None:
        matches = self._matches
        if matches is not None and self.current_match is not None:
            line = matches.first_lines[self.current_match]
            top = round(self.scroll_offset.y)
            height = self.scrollable_content_region.height
            if not top <= line < top + height - 1:
                y = max(min(line - height // 3, self.virtual_size.height - height), 0)
                self.scroll_to(y=y, animate=False, immediate=True)
                if round(self.scroll_offset.y) != y:  # mounted just now: no size to scroll yet
                    self.call_after_refresh(self._show_current)
                    return
        self._announce()
        self.refresh()

    def _announce(self) -> None:
        count = self._matches.count if self._matches is not None else 0
        self.post_message(self.FindChanged(self.find_words, self.current_match, count))
        self.refresh_bindings()

    def _step_match(self, step: int) -> None:
        matches = self._matches
        if matches is None or not matches.count:
            return
        if self.current_match is None:
            self.current_match = 0 if step > 0 else matches.count - 1
        else:
            self.current_match = (self.current_match + step) % matches.count
        self._show_current()

    def action_find(self) -> None:
        if self._find_asked_by_key:  # on_key asked already
            self._find_asked_by_key = False
            return
        self._find_opening = True
        self.post_message(self.FindAsked())

    def on_key(self, event: events.Key) -> None:
        # The keys typed right after / (a fast typist, a paste) reach the article before the
        # binding has run and the bar has the focus: / is seen here, and what follows sent on.
        if not self._find_opening:
            active = self.screen.active_bindings.get(event.key)
            if active is not None and active.node is self and active.binding.action == "find":
                self._find_opening = self._find_asked_by_key = True
                self.post_message(self.FindAsked())
            return
        typed = event.character if event.is_printable else None
        if typed or event.key in ("enter", "escape", "backspace"):
            event.stop()
            event.prevent_default()
            self._find_opening = event.key not in ("enter", "escape")  # those end the typing
            self.post_message(self.FindTyped(typed or event.key))

    def on_blur(self, event: events.Blur) -> None:
        self._find_opening = False

    def action_next_match(self) -> None:
        self._step_match(1)

    def action_previous_match(self) -> None:
        self._step_match(-1)

    def action_clear_find(self) -> None:
        self._set_find(None)
        self.refresh()

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
        # False lets the key through to the screen: n is the next article when nothing is found,
        # escape goes back, / searches every edition while no article is shown.
        if action in ("next_target", "previous_target"):
            return bool(self.targets)
        if action in ("next_question", "previous_question"):
            return self.has_questions and not self.is_placeholder
        if action in ("next_match", "previous_match"):
            return self._matches is not None and self._matches.count > 0
        if action == "clear_find":
            return self._find_pattern is not None
        if action == "find":
            return self.article is not None and not self.is_placeholder
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
