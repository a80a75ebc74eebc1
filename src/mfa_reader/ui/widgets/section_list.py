"""The sidebar: the sections of the current edition by their native names, each with its unread
and listed articles (``3/33``) once they are counted."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from textual.binding import BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from mfa_reader.cache import ListCount
from mfa_reader.editions import sections
from mfa_reader.ui import bindings
from mfa_reader.ui.text import is_rtl, visual_order
from mfa_reader.ui.widgets.one_line import OneLineRow, fit

if TYPE_CHECKING:
    from textual.css.styles import RulesMap

ALL_SECTIONS = "*"
ALL_LABELS = {
    "en": "All sections",
    "zh": "全部栏目",
    "fr": "Toutes les rubriques",
    "es": "Todas las secciones",
    "ru": "Все разделы",
    "ar": "كل الأقسام",
}

SectionCounts = dict[str | None, ListCount]  # section id (None: no known section) -> counts


class SectionRow(OneLineRow):
    """A section's name, cut to the width it gets (a name wrapped onto a second line looks like
    another section), and its unread/listed articles."""

    def __init__(self, edition_code: str, name: str, count: str, *, app_bidi: bool) -> None:
        self.rtl = is_rtl(edition_code)
        self.app_bidi = app_bidi and self.rtl
        self.name = name
        self.count = count

    def parts(self, width: int) -> list[tuple[str, str]]:
        room = max(width - cell_len(self.count) - 1, 1) if self.count else width
        name = fit(self.name, room)
        if self.app_bidi:
            name = visual_order(name)
        count = (self.count, "$text-muted")
        gap = (" " * max(width - cell_len(name) - cell_len(self.count), 0), "")
        if self.rtl:  # the name reads from the right edge, the counts stand at the left
            return [count, gap, (name, "")]
        return [(name, ""), gap, count]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return cell_len(self.name) + 1 + cell_len(self.count)


def section_options(
    edition_code: str, *, app_bidi: bool, counts: SectionCounts | None = None
) -> list[Option]:
    """``All sections`` and each section of the edition, as list options (ids: section ids), with
    their unread/listed articles when counted (nothing beside a section with no article)."""
    named = [(ALL_SECTIONS, ALL_LABELS.get(edition_code, "All sections"))]
    named += [(s.id, s.native_name) for s in sections(edition_code)]
    shown: dict[str, str] = {}
    if counts:
        every = ListCount(*map(sum, zip(*counts.values(), strict=True)))
        for section_id, _ in named:
            count = every if section_id == ALL_SECTIONS else counts.get(section_id)
            shown[section_id] = f"{count.unread}/{count.total}" if count else ""
    return [
        Option(SectionRow(edition_code, name, shown.get(section_id, ""), app_bidi=app_bidi),
               id=section_id)
        for section_id, name in named
    ]  # fmt: skip


class SectionList(OptionList):
    BINDINGS: ClassVar[list[BindingType]] = [*bindings.SECTION_LIST]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.edition_code = ""
        self.app_bidi = False
        self.counts: SectionCounts | None = None

    def show_edition(self, edition_code: str, section_id: str | None, *, app_bidi: bool) -> None:
        if (edition_code, app_bidi) != (self.edition_code, self.app_bidi):
            self.counts = None  # another edition's
        self.edition_code, self.app_bidi = edition_code, app_bidi
        self._show_options()
        try:
            self.highlighted = self.get_option_index(section_id or ALL_SECTIONS)
        except OptionDoesNotExist:
            self.highlighted = 0
        self.set_class(is_rtl(edition_code), "-rtl")

    def show_counts(self, edition_code: str, counts: SectionCounts) -> None:
        """The unread and listed articles of each section, counted (off the event loop)."""
        if edition_code == self.edition_code:
            self.counts = counts
            self._show_options()

    def unread(self, section_id: str | None) -> int | None:
        """The unread articles of a section (None: of all), or None before they are counted."""
        if self.counts is None:
            return None
        if section_id is None:
            return sum(count.unread for count in self.counts.values())
        count = self.counts.get(section_id)
        return count.unread if count else 0

    def note_read(self, edition_code: str, section_id: str | None, read: bool) -> None:
        """An article was marked read (or unread): its section's counts follow, without a query."""
        if self.counts is None or edition_code != self.edition_code:
            return
        count = self.counts.get(section_id)
        if count is not None:
            unread = min(max(count.unread + (-1 if read else 1), 0), count.total)
            self.counts[section_id] = ListCount(unread, count.total)
            self._show_options()

    def _show_options(self) -> None:
        options = section_options(self.edition_code, app_bidi=self.app_bidi, counts=self.counts)
        if [o.id for o in self.options] == [o.id for o in options]:  # new prompts, same cursor
            for option in options:
                self.replace_option_prompt(option.id or "", option.prompt)
        else:
            self.set_options(options)
