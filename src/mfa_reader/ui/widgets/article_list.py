"""The article list: ``date · title`` rows from the cache, a page at a time.

Rows are fetched with ``cache.entries(limit, offset)`` as the cursor nears the end of what is
loaded, so a cache of 100,000 articles opens as fast as one of 100. Each row is a small Visual laid
out at paint time for the list's width: right-to-left editions are right-aligned, and with
``rtl = "app"`` reordered for terminals without bidi.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from textual.binding import BindingType
from textual.content import Content
from textual.events import MouseMove
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from mfa_reader.model import ArticleEntry
from mfa_reader.ui import bindings
from mfa_reader.ui.text import is_rtl, one_line, short_date, visual_order
from mfa_reader.ui.widgets.one_line import OneLineRow, fit

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.css.styles import RulesMap

    from mfa_reader.cache import Cache
    from mfa_reader.cache.database import Only
    from mfa_reader.distinct_titles import DistinctTitle, DistinctTitles

PAGE = 100  # rows per query
PREFETCH = 40  # load the next page when the cursor is this close to the end
UNREAD = "●"
STARRED = "★"
EDITED = "✎"  # the site changed the text after it was first seen


class ArticleRow(OneLineRow):
    """One list row. Article text is plain (never markup) and laid out for the width it gets:
    the whole title when the words that tell it apart fit, else those words alone."""

    def __init__(
        self,
        entry: ArticleEntry,
        *,
        app_bidi: bool = False,
        titles: Callable[[ArticleEntry], DistinctTitle | None] | None = None,
    ) -> None:
        self.entry = entry
        self.rtl = is_rtl(entry.edition)
        self.app_bidi = app_bidi and self.rtl
        self.title = one_line(entry.title) or "(untitled)"
        self.titles = titles
        self.whole_title_shown = True  # at the width last painted (the list's tooltip asks)
        self._distinct: tuple[str, int] | None = None

    def shown_title(self, room: int) -> str:
        """The title for ``room`` cells: whole; cut, when the words that tell the row apart are
        still in what is left; else those words alone."""
        self.whole_title_shown = cell_len(self.title) <= room
        if self.whole_title_shown:
            return self.title
        distinct = self.distinct_title()
        if distinct is not None and distinct[1] > room - 1:  # (the ellipsis takes a cell)
            return fit(distinct[0], room)
        return fit(self.title, room)

    def distinct_title(self) -> tuple[str, int] | None:
        """The words that tell the row apart, and the cells of the title up to their end."""
        if self._distinct is None and self.titles is not None:
            found = self.titles(self.entry)
            if found is not None:
                before = one_line(self.entry.title[: found.end])
                self._distinct = (one_line(found.text), cell_len(before))
        return self._distinct

    def parts(self, width: int) -> list[tuple[str, str]]:
        entry = self.entry
        unread = (UNREAD if not entry.read else " ", "$accent")
        star = (STARRED if entry.starred else " ", "$warning")
        # In the cell before the date, so rows keep their room for the title.
        edited = (EDITED, "$text-primary") if entry.version > 1 else (" ", "")
        date = (short_date(entry.published), "$text-muted")
        title_style = "bold" if not entry.read else ""
        if entry.removed:  # kept, but no longer on the site
            title_style += " strike $text-muted"
        title = self.shown_title(max(width - 15, 1))
        if not self.rtl:
            return [unread, star, edited, date, ("  ", ""), (title, title_style)]
        # Right to left: the row reads from the right edge: marks, date, then the title.
        if self.app_bidi:
            parts = [(visual_order(title), title_style), ("  ", ""), date, edited, star, unread]
        else:  # logical order; a bidi terminal puts the first characters on the right
            parts = [unread, star, edited, date, ("  ", ""), (title, title_style)]
        used = sum(cell_len(text) for text, _ in parts)
        return [(" " * max(width - used, 0), ""), *parts]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return 15 + cell_len(self.title)


class ArticleList(OptionList):
    """The articles of one edition and section, newest first."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings.ARTICLE_LIST]

    def __init__(self, *, app_bidi: bool = False, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.app_bidi = app_bidi
        self.cache: Cache | None = None
        self.edition: str | None = None
        self.section: str | None = None
        self.starred_only = False
        self.every_edition = False  # with starred_only: the starred articles of every edition
        self.only: Only | None = None  # only the articles the site edited, or removed
        self.entries: list[ArticleEntry] = []
        self._titles: DistinctTitles | None = None
        self.exhausted = False
        self._index: dict[str, int] = {}
        self._hovered: int | None = None

    def _row(self, entry: ArticleEntry) -> ArticleRow:
        return ArticleRow(entry, app_bidi=self.app_bidi, titles=self.distinct_title)

    def distinct_title(self, entry: ArticleEntry) -> DistinctTitle | None:
        """The words that tell an entry's row apart, the template learnt from the rows loaded
        when first asked: the list's first page, the rows in view."""
        if self._titles is None:
            from mfa_reader.distinct_titles import DistinctTitles  # when a title is first cut

            self._titles = DistinctTitles(self.entries)
        return self._titles.of(entry)

    def load(
        self, cache: Cache, edition: str | None, section: str | None, *, keep_url: str | None = None
    ) -> None:
        """(Re)load the first page; keep the cursor on ``keep_url`` when it is still listed."""
        self.cache, self.edition, self.section = cache, edition, section
        self.entries = []
        self._titles = None
        self._index = {}
        self.exhausted = False
        self.clear_options()
        self._load_page()
        if keep_url is not None:
            while keep_url not in self._index and not self.exhausted:
                self._load_page()
        if self.entries:
            self.highlighted = self._index.get(keep_url, 0) if keep_url else 0

    def _load_page(self) -> None:
        if self.cache is None or self.exhausted:
            return
        everywhere = self.every_edition
        page = self.cache.entries(
            None if everywhere else self.edition,
            None if everywhere else self.section,
            limit=PAGE,
            offset=len(self.entries),
            starred_only=self.starred_only,
            only=self.only,
        )
        if len(page) < PAGE:
            self.exhausted = True
        start = len(self.entries)
        fresh = [e for e in page if e.url not in self._index]
        for offset, entry in enumerate(fresh):
            self._index[entry.url] = start + offset
        self.entries.extend(fresh)
        self.add_options([Option(self._row(e), id=e.url) for e in fresh])

    def show_only(self, kind: Only | None) -> None:
        """Keep only the articles the site edited, or removed (None: all); instead of the
        starred ones, if they were shown. Takes effect at the next :meth:`load`."""
        self.only = kind
        if kind is not None:
            self.starred_only = self.every_edition = False

    @property
    def filter_name(self) -> str | None:
        """What the rows are narrowed to, in a word (``starred``, ``edited``, ``removed``)."""
        if self.starred_only:
            return "starred"
        return self.only

    def ensure_index(self, index: int) -> bool:
        """Load pages until ``index`` is loaded; False when the list is shorter."""
        while index >= len(self.entries) and not self.exhausted:
            self._load_page()
        return 0 <= index < len(self.entries)

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        if highlighted is not None and highlighted >= len(self.entries) - PREFETCH:
            self._load_page()

    @property
    def current(self) -> ArticleEntry | None:
        index = self.highlighted
        if index is None or not 0 <= index < len(self.entries):
            return None
        return self.entries[index]

    def index_of(self, url: str) -> int | None:
        return self._index.get(url)

    def step(self, step: int, *, from_url: str | None) -> ArticleEntry | None:
        """Move the cursor ``step`` rows on from the article at ``from_url`` (from the highlighted
        row when that one is not listed here) and return the entry now highlighted; None past
        either end of the list, where the cursor stays."""
        index = self._index.get(from_url) if from_url else None
        if index is None:
            index = self.highlighted if self.highlighted is not None else -1
        target = index + step
        if target < 0 or not self.ensure_index(target):
            return None
        self.highlighted = target
        return self.entries[target]

    def update_entry(self, entry: ArticleEntry) -> None:
        """Repaint the row of an entry whose read or starred state changed."""
        index = self._index.get(entry.url)
        if index is None:
            return
        self.entries[index] = entry
        self.replace_option_prompt_at_index(index, self._row(entry))

    def set_app_bidi(self, app_bidi: bool) -> None:
        self.app_bidi = app_bidi
        for index, entry in enumerate(self.entries):
            self.replace_option_prompt_at_index(index, self._row(entry))

    def on_mouse_move(self, event: MouseMove) -> None:
        """The whole title of the row under the mouse, as a tooltip, when the row shows less."""
        index = event.style.meta.get("option")
        if index == self._hovered:
            return
        self._hovered = index
        row = None
        if isinstance(index, int) and 0 <= index < self.option_count:
            row = self.get_option_at_index(index).prompt
        if isinstance(row, ArticleRow) and not row.whole_title_shown:
            self.tooltip = Content(row.title)
        else:
            self.tooltip = None
