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
from mfa_reader.model import MatchedBy, TranslationLink
from mfa_reader.ui import bindings

if TYPE_CHECKING:
    from collections.abc import Mapping

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


# How the cache knows of a version, as the picker says it.
_KNOWN_BY = {
    MatchedBy.LINK: "linked from this page",
    MatchedBy.BACKLINK: "links to this page",
    MatchedBy.DATE: "same conference day",
}


def version_picker(
    title: str, current_edition: str, links: Mapping[str, TranslationLink], *, searchable: bool
) -> PickerScreen:
    """The other editions: those with a version the cache knows of first, then (``searchable``,
    a press conference) the others, to be looked for on the site."""
    others = [e.code for e in EDITIONS if e.code != current_edition]
    known = [code for code in others if code in links]
    options = [edition_option(code, _KNOWN_BY[links[code].matched_by]) for code in known]
    if searchable:
        options += [
            edition_option(code, "look for it on the site") for code in others if code not in links
        ]
    return PickerScreen(title, options, None)
