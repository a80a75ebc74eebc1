"""Full-text search (``/``) across every cached edition: ranked hits with snippets.

Enter in the box opens the first hit, ``down`` moves to the others; the article opens at its first
match, every match marked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, NamedTuple

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from mfa_reader.editions import edition
from mfa_reader.model import SearchHit
from mfa_reader.search_query import QueryError, SearchQuery, parse_query
from mfa_reader.ui import bindings
from mfa_reader.ui.text import is_rtl, one_line, short_date, visual_content, visual_order

if TYPE_CHECKING:
    from mfa_reader.cache import Cache

LIMIT = 100
HINT = (
    'Every word must match; "quoted words" are a phrase. Narrow with edition:zh section:ID '
    "since:2025-01-01 until:2025-03-31."
)


class OpenHit(NamedTuple):
    """The hit chosen, and the terms to find in it."""

    url: str
    terms: tuple[str, ...]


def snippet_content(snippet: str, *, app_bidi: bool = False) -> Content:
    """The cache's snippet, its ``[[ ]]`` markers turned into highlights; with ``app_bidi``,
    reordered for a terminal without bidi, the highlights moved with their words."""
    content = Content("")
    rest = one_line(snippet)
    while "[[" in rest:
        before, _, after = rest.partition("[[")
        match, _, rest = after.partition("]]")
        content = content + Content(before) + Content.styled(match, "bold $accent")
    content = content + Content(rest)
    return visual_content(content) if app_bidi else content


def hit_option(hit: SearchHit, *, app_bidi: bool = False) -> Option:
    """Date, edition and title of a hit, then its snippets, one a line."""
    entry = hit.entry
    rtl_app = app_bidi and is_rtl(entry.edition)
    try:
        name = edition(entry.edition).native_name
    except KeyError:
        name = entry.edition
    title = one_line(entry.title) or "(untitled)"
    if rtl_app:
        title, name = visual_order(title), visual_order(name)
    lines = [
        Content.assemble(
            (short_date(entry.published), "$text-muted"),
            "  ",
            (name, "$secondary"),
            "  ",
            (title, "bold"),
        )
    ]
    for snippet in hit.snippets:
        body = snippet_content(snippet, app_bidi=rtl_app).stylize_before("$text-muted")
        lines.append(Content.assemble(Content.styled("  ┆ ", "$text-muted"), body))
    return Option(Content("\n").join(lines), id=entry.url)


class SearchScreen(ModalScreen[OpenHit | None]):
    """Type to search; ``enter`` opens the first hit, ``down`` moves to the others."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings.SEARCH]

    def __init__(self, cache: Cache, *, app_bidi: bool = False) -> None:
        super().__init__(classes="search")
        self.cache = cache
        self.app_bidi = app_bidi
        self.hits: list[SearchHit] = []
        self.query_text = ""  # the text the hits shown are for
        self.terms: tuple[str, ...] = ()
        self.open_first_when_shown = False

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Label(Content("Search every cached edition"), id="search-title")
            yield Input(placeholder="words, a phrase, 外交部, وزارة…", id="search-input")
            yield Label(Content(HINT), id="search-hint")
            yield Label(Content(""), id="search-count")
            yield OptionList(id="search-results", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if self.query_text != event.value.strip():
            self.open_first_when_shown = True  # typed faster than the search answered
        elif self.hits:
            self._open(self.hits[0].entry.url)

    def action_to_results(self) -> None:
        results = self.query_one(OptionList)
        if results.option_count:
            results.highlighted = results.highlighted or 0
            results.focus()

    @work(exclusive=True, thread=True, group="search")
    def run_search(self, text: str) -> None:
        text = text.strip()
        try:
            query = parse_query(text)
        except QueryError as exc:
            self.app.call_from_thread(self._show, text, SearchQuery(), [], str(exc))
            return
        hits = self.cache.search(query, limit=LIMIT) if query.terms else []
        self.app.call_from_thread(self._show, text, query, hits, None)

    def _show(
        self, text: str, query: SearchQuery, hits: list[SearchHit], error: str | None
    ) -> None:
        if self.query_one(Input).value.strip() != text:
            return  # a newer search is on its way
        self.query_text = text
        self.terms = query.terms
        self.hits = hits
        if self.open_first_when_shown and hits:
            self._open(hits[0].entry.url)
            return
        self.open_first_when_shown = False
        results = self.query_one(OptionList)
        results.set_options([hit_option(h, app_bidi=self.app_bidi) for h in hits])
        count = self.query_one("#search-count", Label)
        if error is not None:
            count.update(Content.styled(error, "$text-error"))
        elif not query.terms:
            count.update(Content(""))
        elif hits:
            more = "+" if len(hits) >= LIMIT else ""
            noun = "article" if len(hits) == 1 else "articles"
            count.update(
                Content(
                    f"{len(hits)}{more} {noun} — enter opens the first, down chooses another, "
                    "escape closes"
                )
            )
        else:
            count.update(Content(f"Nothing cached matches {text!r}."))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self._open(event.option.id)

    def _open(self, url: str) -> None:
        self.dismiss(OpenHit(url, self.terms))

    def action_cancel(self) -> None:
        self.dismiss(None)
