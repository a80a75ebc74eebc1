"""The find bar under the reader: words typed to find in the open article, and what was found.

It shows while words are found (typed here, or the search's words when a hit was opened), with
how many and which one is current; the reader (:class:`ArticleView`) owns the matches.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label

from mfa_reader.ui import bindings


class FindBar(Horizontal):
    BINDINGS: ClassVar[list[BindingType]] = [*bindings.FIND]

    class Typed(Message):
        def __init__(self, words: str) -> None:
            self.words = words
            super().__init__()

    class Done(Message):
        """Enter: back to the article, the words found stay marked."""

    class Cancelled(Message):
        """Escape: the words are no longer marked."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="-hidden")
        self.input = Input(placeholder="words in this article", id="find-input")
        self.count = Label(Content(""), id="find-count")
        self._early_keys: list[str] = []
        self._typing = False  # opened to type into, not only to show what was found

    def compose(self) -> ComposeResult:
        yield Label(Content("Find "), id="find-label")
        yield self.input
        yield self.count

    def open(self, words: str) -> None:
        """Show the bar and type into it, starting from the words found now (typing replaces
        them)."""
        self.remove_class("-hidden")
        with self.input.prevent(Input.Changed):
            self.input.value = words
        self.input.select_on_focus = True
        self.count.update(Content("enter: go to them · escape: close"))
        self._typing = True
        self.input.focus()

    def type(self, key: str) -> None:
        """A key typed before the bar had the focus (it may not even be mounted yet)."""
        if not self.input.is_mounted:
            self._early_keys.append(key)
            return
        if key == "enter":
            self._typing = False
            self.post_message(self.Done())
        elif key == "escape":
            self.action_cancel()
        elif key == "backspace":
            self.input.action_delete_left()
        elif self.input.select_on_focus:  # the first: it replaces the words, as typing would
            self.input.select_on_focus = False
            self.input.value = key
            self.input.cursor_position = len(key)
        else:
            self.input.insert_text_at_cursor(key)

    def on_mount(self) -> None:
        # Opened before it was mounted (the first /): the focus could not be given then.
        if self._typing:
            self.input.focus()
        early, self._early_keys = self._early_keys, []
        for key in early:
            self.type(key)

    def show_found(self, words: str, current: int | None, count: int) -> None:
        if not words:
            if self.input.has_focus:  # the words rubbed out: still typing
                self.count.update(Content(""))
            else:
                self.add_class("-hidden")
            return
        self.remove_class("-hidden")
        if not self.input.has_focus:
            with self.input.prevent(Input.Changed):
                self.input.value = words
        if not count:
            self.count.update(Content.styled("not in this article", "$text-warning"))
            return
        place = f"{current + 1} of {count}" if current is not None else f"{count} found"
        self.count.update(Content(f"{place} · n next, N previous, escape clears"))

    @on(Input.Changed, "#find-input")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Typed(event.value))

    @on(Input.Submitted, "#find-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._typing = False
        self.post_message(self.Done())

    def action_cancel(self) -> None:
        self._typing = False
        self.add_class("-hidden")
        self.post_message(self.Cancelled())
