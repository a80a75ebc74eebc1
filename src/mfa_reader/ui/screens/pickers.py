"""Small dialogs that pick one thing: an edition, a section, a translation."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from mfa_reader.editions import EDITION_CODES, EDITIONS, edition
from mfa_reader.ui import bindings

if TYPE_CHECKING:
    from mfa_reader.cache import Cache


def edition_option(code: str, detail: str = "") -> Option:
    e = edition(code)
    label = Content.assemble(
        (e.native_name, "bold"),
        "  ",
        (e.english_name, "$text-muted"),
        "  ",
        (detail, "$text-muted"),
    )
    return Option(label, id=code)


class PickerScreen(ModalScreen[str | None]):
    """A titled list; ``enter`` returns the option's id, ``escape`` returns None."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings.PICKER]

    def __init__(self, title: str, options: list[Option], current: str | None = None) -> None:
        super().__init__(classes="picker")
        self.picker_title = title
        self._picker_options = options
        self._picker_current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box"):
            yield Label(Content(self.picker_title), id="picker-title")
            yield OptionList(*self._picker_options, id="picker-list", markup=False)

    def on_mount(self) -> None:
        picker = self.query_one(OptionList)
        if self._picker_current is not None:
            try:
                picker.highlighted = picker.get_option_index(self._picker_current)
            except OptionDoesNotExist:
                picker.highlighted = 0
        picker.focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()


class EditionPicker(PickerScreen):
    """The six editions by native name, each with how many of its articles are cached (counted
    in a thread once the picker shows)."""

    def __init__(self, current: str, cache: Cache) -> None:
        super().__init__("Edition", [edition_option(e.code) for e in EDITIONS], current)
        self.cache = cache

    def on_mount(self) -> None:  # after PickerScreen's (Textual calls both)
        self.count_editions()

    @work(thread=True, exclusive=True, group="edition-count")
    def count_editions(self) -> None:
        counts = {code: self.cache.count(code) for code in EDITION_CODES}
        self.app.call_from_thread(self._show_counts, counts)

    def _show_counts(self, counts: dict[str, int]) -> None:
        if not self.is_attached:
            return
        options = self.query_one(OptionList)
        for e in EDITIONS:
            if counts.get(e.code):
                option = edition_option(e.code, f"{counts[e.code]:,} cached")
                options.replace_option_prompt(e.code, option.prompt)


def translation_picker(current_edition: str, translations: dict[str, str]) -> PickerScreen:
    codes = [e.code for e in EDITIONS if e.code in translations and e.code != current_edition]
    return PickerScreen("This article in", [edition_option(code) for code in codes], None)
