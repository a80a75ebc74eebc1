"""The line at the top: the command palette's icon, and the screen's title and sub-title.

It shows what Textual's ``Header`` shows (without the clock), as one widget drawing one line:
``Header`` is four widgets with their own styles, and the reader starts sooner without them.
"""

from __future__ import annotations

from textual.content import Content
from textual.events import Click
from textual.widget import Widget

ICON = " ☰ "


class TitleBar(Widget):
    """The screen's title (and sub-title, dimmed) centred; the palette's icon on the left."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def on_mount(self) -> None:
        self.tooltip = "Open the command palette (ctrl+p)"
        self.watch(self.screen, "title", self._retitled, init=False)
        self.watch(self.screen, "sub_title", self._retitled, init=False)

    def _retitled(self) -> None:
        self.refresh()

    def render(self) -> Content:
        screen = self.screen
        title = self.app.format_title(
            screen.title if screen.title is not None else self.app.title,
            screen.sub_title if screen.sub_title is not None else self.app.sub_title,
        )
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
