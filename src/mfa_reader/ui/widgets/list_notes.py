"""The two notes around the article list: one said in its place when it has no rows, and the
status line under it that keeps a problem in view (the site refused, offline)."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static


class EmptyListNote(Static):
    """What the empty list means, and what to press."""

    place: reactive[str] = reactive("", layout=True)
    """The edition and section shown."""
    fetching: reactive[bool] = reactive(False, layout=True)
    """A refresh is under way."""
    starred_only: reactive[bool] = reactive(False, layout=True)
    """Only starred articles are listed."""
    every_edition: reactive[bool] = reactive(False, layout=True)
    """The starred articles of every edition are listed."""

    def render(self) -> Content:
        if self.fetching:
            text = f"Nothing cached yet for {self.place}: fetching the list from the site…"
        elif self.every_edition:
            text = "No starred articles in any edition yet: s stars one. Press f to show all."
        elif self.starred_only:
            text = f"No starred articles in {self.place}. Press f to show all articles."
        else:
            text = f"Nothing cached for {self.place}. Press r to fetch the list from the site."
        return Content(text)


class StatusLine(Static):
    """One line kept under the list until the next refresh; hidden when there is nothing to say."""

    text: reactive[str] = reactive("", layout=True)

    def watch_text(self, text: str) -> None:
        self.set_class(not text, "-hidden")

    def render(self) -> Content:
        return Content(self.text)
