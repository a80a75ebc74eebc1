"""The two notes around the article list: one said in its place when it has no rows, and the
status line under it that keeps a problem in view (the site refused, offline) while it is true."""

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
    only: reactive[str | None] = reactive(None, layout=True)
    """Only the articles the site edited (``edited``), or removed (``removed``), are listed."""

    problem: reactive[str] = reactive("", layout=True)
    """What went wrong fetching the list (said here, not in the status line, while the list is
    empty)."""

    def render(self) -> Content:
        if self.fetching:
            text = f"Nothing cached yet for {self.place}: fetching the list from the site…"
        elif self.problem:
            text = self.problem
        elif self.every_edition:
            text = "No starred articles in any edition yet: s stars one. Press f to show all."
        elif self.starred_only:
            text = f"No starred articles in {self.place}. Press f to show all articles."
        elif self.only == "edited":
            text = (
                f"No article of {self.place} was edited on the site after it was first fetched. "
                "Press E to show all articles."
            )
        elif self.only == "removed":
            text = (
                f"No article of {self.place} was seen removed from the site. "
                "Press X to show all articles."
            )
        else:
            text = f"Nothing cached for {self.place}. Press r to fetch the list from the site."
        return Content(text)


class StatusLine(Static):
    """One line under the list that keeps a problem in view while it is true: until the next
    refresh, another place, or (for "offline") the site's next answer. Hidden when there is
    nothing to say; cut to one line, the whole text in its tooltip."""

    text: reactive[str] = reactive("", layout=True)
    until_the_site_answers = False
    """The problem is that the site was not reached: any page it serves ends it."""

    def show(self, text: str, *, until_the_site_answers: bool = False) -> None:
        self.text = text
        self.until_the_site_answers = until_the_site_answers and bool(text)

    def watch_text(self, text: str) -> None:
        self.set_class(not text, "-hidden")
        self.tooltip = Content(text) if text else None

    def render(self) -> Content:
        return Content(self.text)
