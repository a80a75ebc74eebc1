"""Full-text search (``/``) across every cached edition: ranked hits with snippets; enter opens."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

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
from mfa_reader.ui import bindings
from mfa_reader.ui.text import is_rtl, one_line, short_date, visual_order

if TYPE_CHECKING:
    from mfa_reader.cache import Cache

LIMIT = 100


def snippet_content(snippet: str, *, app_bidi: bool = False) -> Content:
    """The cache's snippet, its ``[[ ]]`` markers turned into highlights (plain text otherwise)."""
    text = one_line(snippet)
    if app_bidi:
        return Content(visual_order(text.replace("[[", "").replace("]]", "")))
    content = Content("")
    rest = text
    while "[[" in rest:
        before, _, after = rest.partition("[[")
        match, _, rest = after.partition("]]")
        content = content + Content(before) + Content.styled(match, "bold $accent")
    return content + Content(rest)


def hit_option(hit: SearchHit, *, app_bidi: bool = False) -> Option:
    entry = hit.entry
    rtl_app = app_bidi and is_rtl(entry.edition)
    try:
        name = edition(entry.edition).native_name
    except KeyError:
        name = entry.edition
    title = one_line(entry.title) or "(untitled)"
    if rtl_app:
        title, name = visual_order(title), visual_order(name)
    head = Content.assemble(
        (short_date(entry.published), "$text-muted"),
        "  ",
        (name, "$secondary"),
        "  ",
        (title, "bold"),
    )
    body = snippet_content(hit.snippet, app_bidi=rtl_app).stylize_before("$text-muted")
    return Option(
        Content.assemble(head, "\n", Content.styled("  ┆ ", "$text-muted"), body), id=entry.url
    )


class SearchScreen(ModalScreen[str | None]):
    """Type to search; ``down``/``enter`` move to the hits; ``enter`` on a hit opens it."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings.SEARCH]

    def __init__(self, cache: Cache, *, app_bidi: bool = False) -> None:
        super().__init__(classes="search")
        self.cache = cache
        self.app_bidi = app_bidi
        self.hits: list[SearchHit] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Label(Content("Search every cached edition"), id="search-title")
            yield Input(placeholder="words, a phrase, 外交部, وزارة…", id="search-input")
            yield Label(Content(""), id="search-count")
            yield OptionList(id="search-results", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        results = self.query_one(OptionList)
        if results.option_count:
            results.highlighted = 0
            results.focus()

    @work(exclusive=True, thread=True, group="search")
    def run_search(self, query: str) -> None:
        query = query.strip()
        hits = self.cache.search(query, limit=LIMIT) if query else []
        self.app.call_from_thread(self._show, query, hits)

    def _show(self, query: str, hits: list[SearchHit]) -> None:
        if self.query_one(Input).value.strip() != query:
            return  # a newer search is on its way
        self.hits = hits
        results = self.query_one(OptionList)
        results.set_options([hit_option(h, app_bidi=self.app_bidi) for h in hits])
        count = self.query_one("#search-count", Label)
        if not query:
            count.update(Content(""))
        elif hits:
            more = "+" if len(hits) >= LIMIT else ""
            noun = "article" if len(hits) == 1 else "articles"
            count.update(Content(f"{len(hits)}{more} {noun} — enter opens, escape closes"))
        else:
            count.update(Content(f"Nothing cached matches {query!r}."))

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
