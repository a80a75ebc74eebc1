"""The sidebar: the sections of the current edition by their native names."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from mfa_reader.editions import sections
from mfa_reader.ui import bindings
from mfa_reader.ui.text import is_rtl, visual_order

ALL_SECTIONS = "*"
ALL_LABELS = {
    "en": "All sections",
    "zh": "全部栏目",
    "fr": "Toutes les rubriques",
    "es": "Todas las secciones",
    "ru": "Все разделы",
    "ar": "كل الأقسام",
}


def section_label(edition_code: str, name: str, *, app_bidi: bool) -> Content:
    if app_bidi and is_rtl(edition_code):
        return Content(visual_order(name))
    return Content(name)


def section_options(edition_code: str, *, app_bidi: bool) -> list[Option]:
    """``All sections`` and each section of the edition, as list options (ids: section ids)."""
    all_label = ALL_LABELS.get(edition_code, "All sections")
    options = [Option(section_label(edition_code, all_label, app_bidi=app_bidi), id=ALL_SECTIONS)]
    options.extend(
        Option(section_label(edition_code, s.native_name, app_bidi=app_bidi), id=s.id)
        for s in sections(edition_code)
    )
    return options


class SectionList(OptionList):
    BINDINGS: ClassVar[list[BindingType]] = [*bindings.SECTION_LIST]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)

    def show_edition(self, edition_code: str, section_id: str | None, *, app_bidi: bool) -> None:
        self.set_options(section_options(edition_code, app_bidi=app_bidi))
        try:
            self.highlighted = self.get_option_index(section_id or ALL_SECTIONS)
        except OptionDoesNotExist:
            self.highlighted = 0
        self.set_class(is_rtl(edition_code), "-rtl")
