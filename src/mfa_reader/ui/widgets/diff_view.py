"""What changed between two versions of an article, painted line by line (the line API).

Laid out once per width (:mod:`mfa_reader.ui.diff_layout`); ``n`` and ``N`` bring the next and
previous changed paragraph to the top.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.binding import BindingType
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from mfa_reader.ui import bindings

if TYPE_CHECKING:
    from mfa_reader.diffs import Paragraph
    from mfa_reader.ui.diff_layout import DiffLayout, DiffStyles


class DiffView(ScrollView, can_focus=True):
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "diff-view--title",
        "diff-view--added",
        "diff-view--deleted",
        "diff-view--changed",
        "diff-view--folded",
        "diff-view--summary",
    }

    BINDINGS: ClassVar[list[BindingType]] = [*bindings.DIFF]

    def __init__(self, *, app_bidi: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.app_bidi = app_bidi
        self.changes: list[Paragraph] = []
        self.edition = "en"
        self.heading: tuple[str, ...] = ()
        self.context: int | None = None
        self._layout: DiffLayout | None = None
        self._laid_out_at = 0  # the width the lines are for
        self._strips: dict[int, Strip] = {}

    def show(
        self,
        changes: list[Paragraph],
        *,
        edition: str,
        heading: tuple[str, ...],
        context: int | None,
    ) -> None:
        """Show ``changes`` of an article of ``edition`` from the top, under the ``heading`` lines;
        ``context``: unchanged paragraphs kept beside each change (None: every one)."""
        self.changes, self.edition, self.heading, self.context = changes, edition, heading, context
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._relayout()

    def plain_lines(self) -> list[str]:
        """The lines as shown (for tests)."""
        return [line.content.plain for line in self._layout.lines] if self._layout else []

    def _styles(self) -> DiffStyles:
        from mfa_reader.ui.diff_layout import DiffStyles

        def get(name: str) -> object:
            return self.get_visual_style(f"diff-view--{name}", partial=True)

        return DiffStyles(
            **{name: get(name) for name in DiffStyles.__dataclass_fields__}  # type: ignore[arg-type]
        )

    def _relayout(self) -> None:
        from mfa_reader.ui.diff_layout import layout_diff

        width = self.scrollable_content_region.width
        self._strips.clear()
        self._laid_out_at = width
        self._layout = None
        if width > 0:
            self._layout = layout_diff(
                self.changes,
                width,
                edition=self.edition,
                heading=self.heading,
                app_bidi=self.app_bidi,
                styles=self._styles(),
                context=self.context,
            )
        self.virtual_size = Size(width, len(self._layout.lines) if self._layout else 0)
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        if self.scrollable_content_region.width != self._laid_out_at:
            self._relayout()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.changes:
            self._relayout()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = round(self.scroll_offset.y) + y
        style = self.visual_style
        if self._layout is None or index >= len(self._layout.lines):
            return Strip.blank(width, style.rich_style)
        strip = self._strips.get(index)
        if strip is None:
            content = self._layout.lines[index].content
            strip = Strip(content.render_segments(style), content.cell_length)
            strip = strip.crop_extend(0, width, style.rich_style).apply_offsets(0, index)
            self._strips[index] = strip
        return strip

    # --- from change to change ------------------------------------------------------------------

    def _change_lines(self) -> tuple[int, ...]:
        return self._layout.changes if self._layout else ()

    def action_next_change(self) -> None:
        top = round(self.scroll_offset.y)
        if top >= round(self.max_scroll_y):  # the last changes are in view, and cannot go higher
            self._to_line(None)
            return
        self._to_line(next((n for n in self._change_lines() if n > top), None))

    def action_previous_change(self) -> None:
        top = round(self.scroll_offset.y)
        self._to_line(next((n for n in reversed(self._change_lines()) if n < top), None))

    def _to_line(self, line: int | None) -> None:
        if line is None:
            self.app.bell()
            return
        self.scroll_to(y=line, animate=False, immediate=True)
