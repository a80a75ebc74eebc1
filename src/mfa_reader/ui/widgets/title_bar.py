"""The line at the top: the command palette's icon, where the reader is, and how many articles
the list holds (or how far a refresh has got).

It draws what Textual's ``Header`` would, without the clock, as one widget drawing one line:
``Header`` is four widgets with their own styles, and the reader starts sooner without them.
"""

from __future__ import annotations

from textual.content import Content
from textual.events import Click
from textual.reactive import reactive
from textual.widget import Widget

ICON = " ☰ "


class TitleBar(Widget):
    """``mfa-reader — place — count`` centred (the count dimmed); the palette's icon on the left."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    place: reactive[str] = reactive("")
    """The edition and section shown (``English · Regular Press Conferences``)."""
    progress: reactive[str | None] = reactive(None)
    """How far a refresh has got (``pages 2/5``); None when none runs."""
    count: reactive[int | None] = reactive(None)
    """The list's articles, once counted."""
    narrowed: reactive[tuple[str, int, bool] | None] = reactive(None)
    """With only some articles shown: which (``starred``, ``edited``, ``removed``), how many are
    loaded, and whether that is all of them."""

    title: reactive[str] = reactive("")
    sub_title: reactive[str] = reactive("")

    def compute_title(self) -> str:
        return f"{self.app.title} — {self.place}"

    def compute_sub_title(self) -> str:
        if self.progress is not None:
            return f"refreshing: {self.progress}"
        if self.narrowed is not None:
            which, shown, complete = self.narrowed
            return f"{shown:,}{'' if complete else '+'} {which}"
        if self.count is None:
            return ""
        return f"{self.count:,} article{'s' if self.count != 1 else ''}"

    def on_mount(self) -> None:
        self.tooltip = "Open the command palette (ctrl+p)"

    def render(self) -> Content:
        title = self.app.format_title(self.title, self.sub_title)
        width = self.size.width
        icon = len(ICON)
        # Centred on the whole line, as Header centres it, and never over the icon.
        title = title.truncate(max(width - 2 * icon, 0), ellipsis=True)
        left = max((width - title.cell_length) // 2, icon)
        return Content.assemble(ICON, " " * (left - icon), title)

    async def on_click(self, event: Click) -> None:
        if event.x < len(ICON):
            event.stop()
            await self.run_action("app.command_palette")
