"""The library: sections, the article list and the reader, like a mail client.

Wide terminals (≥ 120 columns) show the list and the reader side by side; narrow ones give the
reader the whole screen. Everything on screen comes from the cache; the network is only touched in
workers (refresh, a body fetched on demand, a translation), which report progress and never block.

The screen owns what is shown: the place (edition and section), whether an article is being read,
and how right-to-left text is laid out. The app hands it the services it works with (settings,
cache, site) and hears from it through messages.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import re
from collections.abc import Callable
from importlib.util import find_spec
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import OptionList

from mfa_reader.config import Settings
from mfa_reader.editions import EDITION_CODES, edition
from mfa_reader.editions import section as section_of
from mfa_reader.model import Article, ArticleEntry, TranslationLink
from mfa_reader.ui import bindings
from mfa_reader.ui.edition_versions import EditionVersions
from mfa_reader.ui.history import ReadingHistory, Visit
from mfa_reader.ui.list_refresh import ListRefresh
from mfa_reader.ui.place import Place, valid_section
from mfa_reader.ui.progress import first_line
from mfa_reader.ui.text import is_rtl, visual_order
from mfa_reader.ui.widgets.article_list import ArticleList
from mfa_reader.ui.widgets.article_view import ArticleView
from mfa_reader.ui.widgets.key_footer import KeyFooter
from mfa_reader.ui.widgets.list_notes import EmptyListNote, StatusLine
from mfa_reader.ui.widgets.section_list import ALL_SECTIONS, SectionList, section_options
from mfa_reader.ui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from mfa_reader.cache import Cache
    from mfa_reader.cache.database import Only
    from mfa_reader.ui.article_recheck import ArticleRecheck
    from mfa_reader.ui.screens.search import OpenHit
    from mfa_reader.ui.site import Site
    from mfa_reader.ui.widgets.find_bar import FindBar
    from mfa_reader.ui.widgets.parallel_view import ParallelView

log = logging.getLogger(__name__)

PREFETCH = 3  # bodies fetched ahead of the reader
EVERY_EDITION = "every edition"  # where the starred articles of all editions are
WIDE = 120  # columns from which the list and the reader share the screen
SIDEBAR = 90  # columns from which the sections sidebar fits beside the list


def _find(terms: tuple[str, ...]) -> tuple[str, re.Pattern[str]] | None:
    """What the reader is asked to find: the terms as shown, and their pattern."""
    if not terms:
        return None
    from mfa_reader.search_query import match_pattern

    pattern = match_pattern(terms)
    if pattern is None:
        return None
    return " ".join(f'"{t}"' if " " in t else t for t in terms), pattern


def _reader_notice(entry: ArticleEntry) -> str | None:
    """What the reader says under the header: the site removed the article, or edited it."""
    if entry.removed:
        when = f" on {entry.removed_at[:10]}" if entry.removed_at else ""
        return f"Removed from the site{when}: this is the text as last seen."
    if entry.version > 1:
        return (
            f"Edited on the site after it was first seen: this is its text {entry.version}; "
            "h shows what changed."
        )
    return None


@functools.cache
def export_available() -> bool:
    """Whether the export dialogs are installed (looked up once: the footer asks on each redraw)."""
    return find_spec("mfa_reader.ui.screens.export") is not None


class LibraryScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [*bindings.LIBRARY]

    place: var[Place] = var(Place("en", None), init=False, always_update=True)
    """The edition and section shown. Setting it, even to the same place, reloads the list from the
    cache and closes the reader."""
    reading: var[bool] = var(False, init=False)
    """An article is open in the reader."""
    app_bidi: var[bool] = var(False, init=False)
    """Right-to-left text is joined and reordered by the reader (``rtl = "app"``, or ``"auto"`` in
    a terminal that does no bidi)."""
    parallel: var[str | None] = var(None, init=False, always_update=True)
    """The edition read beside the article (``T``), which ``n`` and ``p`` keep; None: one
    language. Setting it, even to the same edition, looks for the version again."""

    class PlaceChanged(Message):
        """Another edition or section is shown (the app remembers it for the next start)."""

        def __init__(self, place: Place) -> None:
            super().__init__()
            self.place = place

    class RtlNoticeShown(Message):
        """The notice on how right-to-left text is laid out was shown (it is shown once)."""

    def __init__(
        self,
        *,
        settings: Settings,
        cache: Cache,
        site: Site,
        place: Place,
        app_bidi: bool,
        rtl_notice: str | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.cache = cache
        self.site = site
        self.set_reactive(LibraryScreen.place, place)
        self.set_reactive(LibraryScreen.app_bidi, app_bidi)
        self.rtl_notice = rtl_notice  # said with the first right-to-left text shown
        self.list_refresh = ListRefresh(self, site, cache)
        self.versions = EditionVersions(
            self, site, cache, self.current_article, beside_ready=self._show_parallel_view
        )
        self.shown_entry: ArticleEntry | None = None  # the reader's article as the cache lists it
        self.history = ReadingHistory()
        self.title_bar = TitleBar()
        self.empty_note = EmptyListNote(id="empty")
        self.article_list = ArticleList(app_bidi=self.app_bidi, id="articles")
        self.section_list = SectionList(id="sections")
        self.status_line = StatusLine(id="status", classes="-hidden")
        self._find_bar: FindBar | None = None
        self._rechecks: ArticleRecheck | None = None
        self._reader: ArticleView | None = None
        self._parallel_view: ParallelView | None = None

    # --- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self._apply_width(self.app.size.width)  # before the first layout: no second styling pass
        yield self.title_bar
        with Horizontal(id="panes"):
            with Vertical(id="list-pane"):
                yield self.empty_note
                yield self.article_list
            # Docked left but after the list in the DOM: the list is the first thing focused,
            # so nothing is focused, blurred and restyled on the way to the first paint.
            yield self.section_list
        yield self.status_line
        yield KeyFooter()

    @property
    def reader(self) -> ArticleView:
        """The reader pane, mounted with the first article (the list paints sooner without it)."""
        if self._reader is None:
            self._reader = ArticleView(app_bidi=self.app_bidi, id="reader")
            self.query_one("#panes", Horizontal).mount(self._reader)
        return self._reader

    @property
    def reader_if_mounted(self) -> ArticleView | None:
        return self._reader

    @property
    def rechecks(self) -> ArticleRecheck:
        """Looking again at the site for the articles opened (made with the first one)."""
        if self._rechecks is None:
            from mfa_reader.ui.article_recheck import ArticleRecheck

            never = self.settings.refresh == "never"  # the reader asks the site nothing by itself
            hours = 0 if never else self.settings.recheck_after_hours
            self._rechecks = ArticleRecheck(self, self.site, self.cache, hours)
        return self._rechecks

    @property
    def parallel_view(self) -> ParallelView:
        """The article beside its version (``T``), mounted when first asked for."""
        if self._parallel_view is None:
            from mfa_reader.ui.widgets.parallel_view import ParallelView

            self._parallel_view = ParallelView(app_bidi=self.app_bidi, id="parallel")
            self.query_one("#panes", Horizontal).mount(self._parallel_view)
        return self._parallel_view

    @property
    def reading_pane(self) -> ArticleView | ParallelView:
        """Where the article is read: the reader, or the parallel view beside another language."""
        return self.parallel_view if self.parallel is not None else self.reader

    @property
    def find_bar(self) -> FindBar:
        """The bar of words found in the article, mounted when first needed."""
        if self._find_bar is None:
            from mfa_reader.ui.widgets.find_bar import FindBar

            self._find_bar = FindBar(id="find")
            self.mount(self._find_bar, before=self.status_line)
        return self._find_bar

    def on_mount(self) -> None:
        self.show_list()
        refresh = self.settings.refresh
        if refresh == "start" or (refresh != "never" and not self.article_list.entries):
            self.empty_note.fetching = True  # an empty list says "fetching", not "press r"
            self.call_after_refresh(self.refresh_list)

    def on_resize(self) -> None:
        self._apply_width(self.app.size.width)

    def _apply_width(self, width: int) -> None:
        self.set_class(width >= WIDE, "-wide")
        self.set_class(width < WIDE, "-narrow")
        self.set_class(width < SIDEBAR, "-no-sidebar")

    def watch_reading(self, reading: bool) -> None:
        self.set_class(reading, "-reading")
        self.refresh_bindings()

    # --- the place and the list ---------------------------------------------------------------

    def watch_place(self, place: Place) -> None:
        self.post_message(self.PlaceChanged(place))
        self.article_list.every_edition = False  # a place chosen: its starred articles, if any
        self.list_refresh.stop()  # it was for the place shown before
        self.status_line.show("")  # it was about the place shown before
        self.title_bar.progress = None
        self.close_reader()
        self.show_list()

    def show_edition(self, code: str) -> None:
        """Show another edition, in the section shown when it has one alike; fetch its list when
        nothing of it is cached (unless ``refresh = "never"``)."""
        if code not in EDITION_CODES:
            return
        self.place = Place(code, valid_section(code, self.place.section))
        if not self.article_list.entries and self.settings.refresh != "never":
            self.refresh_list()

    def show_section(self, section_id: str | None) -> None:
        """Show a section of the edition (None: all sections)."""
        self.place = Place(self.place.edition, valid_section(self.place.edition, section_id))

    def watch_app_bidi(self, app_bidi: bool) -> None:
        self.article_list.set_app_bidi(app_bidi)
        if self._reader is not None:
            self._reader.set_app_bidi(app_bidi)
        if self._parallel_view is not None:
            self._parallel_view.set_app_bidi(app_bidi)
        current = self.article_list.current
        self.show_list(keep_url=current.url if current else None)

    def show_list(self, *, keep_url: str | None = None) -> None:
        """(Re)load the list of the place shown from the cache."""
        code, section = self.place
        self.tell_how_rtl_is_laid_out(code)
        self.section_list.show_edition(code, section, app_bidi=self.app_bidi)
        articles = self.article_list
        articles.set_class(is_rtl(code) and not articles.every_edition, "-rtl")
        articles.load(self.cache, code, section, keep_url=keep_url)
        self.title_bar.place = self.place_name()
        self.title_bar.count = None
        which = articles.filter_name
        narrowed = (which, len(articles.entries), articles.exhausted) if which else None
        self.title_bar.narrowed = narrowed
        self._update_empty()
        self.call_after_refresh(self.list_refresh.count, self.place)  # after the list is painted
        self.refresh_bindings()

    def tell_how_rtl_is_laid_out(self, edition_code: str) -> None:
        """The first time right-to-left text is shown, say how it is laid out and how to change
        that (only when the setting left the choice to the reader)."""
        if self.rtl_notice is not None and is_rtl(edition_code):
            self.notify(self.rtl_notice, timeout=15)
            self.rtl_notice = None
            self.post_message(self.RtlNoticeShown())

    def on_list_refresh_counted(self, message: ListRefresh.Counted) -> None:
        if message.place == self.place:
            self.title_bar.count = message.count
            self.section_list.show_counts(message.place.edition, message.counts)

    def place_name(self) -> str:
        """``English · Regular Press Conferences``, as the screen shows it."""
        if self.article_list.every_edition:
            return EVERY_EDITION
        code, section = self.place
        name = edition(code).native_name
        if section:
            with contextlib.suppress(KeyError):
                name = f"{name} · {section_of(code, section).native_name}"
        if self.app_bidi and is_rtl(code):
            name = visual_order(name)
        return name

    def _update_empty(self) -> None:
        """The empty list's note, and the status line (said by the note while the list is
        empty); notifications stand above the status line, never over it."""
        note = self.empty_note
        has_rows = bool(self.article_list.entries)
        note.display = not has_rows  # on the widget: a class on the screen restyles everything
        status = self.status_line
        status.set_class(not has_rows, "-in-note")
        toasts = self.query("#textual-toastrack")
        toasts.set_class(has_rows and bool(status.text), "-above-status")
        if not has_rows:
            note.problem = status.text
            note.place = self.place_name()
            note.fetching = self.list_refresh.running
            note.starred_only = self.article_list.starred_only
            note.every_edition = self.article_list.every_edition
            note.only = self.article_list.only

    # --- opening articles ---------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        # A plain handler rather than @on("#articles"): selectors are parsed at import time.
        event.stop()
        if event.option_list is self.article_list:
            entry = self.article_list.current
            if entry is not None:
                self.open_entry(entry)
        elif event.option_list is self.section_list:
            self.show_section(None if event.option.id == ALL_SECTIONS else event.option.id)
            self.article_list.focus()

    def open_entry(
        self,
        entry: ArticleEntry,
        *,
        focus: bool = True,
        cached: bool = True,
        jumped: bool = False,
        visit: bool = True,
        find: tuple[str, ...] = (),
    ) -> None:
        """Show an entry in the reader (fetching its body when only listed); mark it read.
        ``cached`` is False for an article known only by its address (a link not yet fetched);
        ``jumped``: opened from the article shown (esc goes back to it); ``visit``: a new step
        in the history (not a step back or forward); ``find``: a search's terms, the article
        opening at the first match with every match marked. An address that moved opens the
        article it moved to; one seen removed shows its kept text, and the site is asked again
        whether it is back."""
        if visit:
            self.history.visit(Visit(entry, cached, jumped))
        if entry.moved_to:
            entry = self.cache.entry(entry.moved_to) or entry
        article = self.cache.article(entry.url)
        self.tell_how_rtl_is_laid_out(entry.edition)
        self.reading = True
        self.shown_entry = entry if cached else None
        found = _find(find)
        if article is not None:
            self.reader.show_article(article, notice=_reader_notice(entry), find=found)
            if entry.removed:
                self.ask_again(entry)
            else:
                self.call_after_refresh(self.prefetch_following, entry.url)
                self.call_after_refresh(self.rechecks.look_again, entry.url)
        else:
            self.reader.show_entry_message(entry, "Fetching the article from the site…", found)
            self.fetch_article(entry)
        if not entry.read and self._write(self.cache.set_read, entry.url, True):
            self._changed(entry._replace(read=True), was=entry)
        if focus:
            self.reading_pane.focus()
        self.refresh_bindings()

    def show_fetched(self, article: Article, requested: str) -> None:
        """Show a fetched article if the reader still waits for it (the user may have moved on)."""
        if self.reader.article is not None and self.reader.article.url in (requested, article.url):
            self.reader.show_article(article, find=self.reader.finding)
            self.shown_entry = self.cache.entry(article.url)  # stored now, under its own address
            self.refresh_bindings()

    @work(exclusive=True, group="article")
    async def fetch_article(self, entry: ArticleEntry) -> None:
        try:
            article = await self.site.fetch_article(entry.url)
        except Exception as exc:  # every failure becomes a message in the reader
            log.info("opening %s failed", entry.url, exc_info=True)
            if self.reader.article is not None and self.reader.article.url == entry.url:
                self.reader.show_entry_message(
                    entry,
                    f"Could not fetch the article: {first_line(str(exc))}. "
                    "It stays in the list; press enter to try again, o to open it in the browser.",
                )
            return
        self.site_answered()
        self.show_fetched(article, entry.url)
        self.article_list.update_entry(entry._replace(has_body=True, read=True))
        self.prefetch_following(entry.url)

    @work(exclusive=True, group="article")
    async def ask_again(self, entry: ArticleEntry) -> None:
        """Ask the site for an article seen removed: removal is an observation, not a verdict,
        and the maintenance page also answers during outages."""
        try:
            article = await self.site.ask_again(entry.url)
        except Exception:  # still removed, or offline: the kept text and its notice stay
            log.info("asking again for %s failed", entry.url, exc_info=True)
            return
        self.site_answered()
        self.show_fetched(article, entry.url)
        back = self.cache.entry(article.url)
        if back is not None:
            self._changed(back)
        self.notify("The site serves this article again.", timeout=4)

    def on_article_recheck_found(self, message: ArticleRecheck.Found) -> None:
        self.seen_changed(message.url)

    def seen_changed(self, url: str, *, say: bool = True) -> None:
        """The site was found to have edited or removed the article at ``url``: its row takes
        its mark, and the reader, when it shows the article, its new text and a notice; ``say``:
        tell the user in a notification too."""
        from mfa_reader.ui.article_recheck import found_notice

        entry = self.cache.entry(url)
        if entry is None:
            return
        self._changed(entry)
        shown = self.current_article()
        in_reader = shown is not None and shown.url == url
        if shown is not None and in_reader:
            self.reader.show_article(self.cache.article(url) or shown, notice=_reader_notice(entry))
        if say:
            self.notify(found_notice(entry, in_reader=in_reader), timeout=8)

    @work(exclusive=True, group="prefetch")
    async def prefetch_following(self, url: str) -> None:
        """Fetch the bodies of the next few articles of the list that are only listed, so that
        ``n`` opens them at once. Stops at the first failure; never with ``refresh = "never"``."""
        index = self.article_list.index_of(url)
        if index is None or self.settings.refresh == "never":
            return
        following = self.article_list.entries[index + 1 : index + 1 + PREFETCH]
        for entry in following:
            if entry.has_body or self.cache.article(entry.url) is not None:
                continue
            try:
                await self.site.fetch_article(entry.url)
            except Exception:  # offline or refused: the user hears about it when opening one
                log.info("prefetching %s failed", entry.url, exc_info=True)
                return
            self.site_answered()

    def move(self, step: int) -> None:
        """Open the next (``step`` 1) or previous (-1) article of the list."""
        articles = self.article_list
        if self.reading:
            shown = self.reader.article.url if self.reader.article else None
            entry = articles.step(step, from_url=shown)
        else:
            entry = articles.current  # n or p on the list opens the highlighted article first
        if entry is None:
            self.notify("No more articles in this list.", timeout=2)
            return
        self.open_entry(entry, focus=self.reading_pane.has_focus or not self.has_class("-wide"))

    def action_next_article(self) -> None:
        self.move(1)

    def action_previous_article(self) -> None:
        self.move(-1)

    def action_back(self) -> None:
        if not self.reading:
            return
        came_from = self.history.current
        in_reader = self.reader.has_focus or not self.has_class("-wide")
        if came_from is not None and came_from.jumped and self.history.can_go_back and in_reader:
            self.action_history_back()  # back to the article the jump left
            return
        if self.has_class("-wide") and self.reader.has_focus:
            self.article_list.focus()
            return
        self.close_reader()

    def action_history_back(self) -> None:
        self._revisit(self.history.back())

    def action_history_forward(self) -> None:
        self._revisit(self.history.forward())

    def _revisit(self, visit: Visit | None) -> None:
        if visit is None:
            return
        listed = self.cache.entry(visit.entry.url)  # its marks as they are now
        self.open_entry(listed or visit.entry, cached=listed is not None, visit=False)

    def close_reader(self) -> None:
        self.parallel = None
        self.reading = False
        self.shown_entry = None
        if self._reader is not None:
            self._reader.clear()
        self.article_list.focus()

    def action_back_or_quit(self) -> None:
        if self.reading:
            self.close_reader()
        else:
            self.app.exit()

    # --- what the actions act on --------------------------------------------------------------

    def current_article(self) -> Article | None:
        """The article shown in the reader, when it has its body."""
        if self.reading and self.reader.article is not None and not self.reader.is_placeholder:
            return self.reader.article
        return None

    def current_entry(self) -> ArticleEntry | None:
        """The entry the reader shows, or the one under the list's cursor."""
        if (
            self.reading
            and self.reader.article is not None
            and (self.reader.has_focus or not self.article_list.has_focus)
        ):
            return self.shown_entry
        return self.article_list.current

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Runs on every redraw of the footer: it reads what is in memory, never the cache.
        match action:
            case "toggle_star" | "toggle_read" | "open_in_browser" | "copy_link":
                return self.current_entry() is not None or self.current_article() is not None
            # With no other language known, t and T say so.
            case "translation" | "parallel" | "history":
                return self.current_article() is not None
            case "copy_text":
                return self.current_article() is not None
            case "export" | "print":
                shown = self.current_article() or self.current_entry()
                return shown is not None and export_available()
            case "next_article" | "previous_article":
                return bool(self.article_list.entries)
            case "back":
                return self.reading
            case "history_back":
                return self.reading and self.history.can_go_back
            case "history_forward":
                return self.reading and self.history.can_go_forward
        return True

    # --- state of one article -----------------------------------------------------------------

    def _write(self, write: Callable[[str, bool], None], url: str, value: bool) -> bool:
        """A read mark or star into the cache; a failure (disk full, file locked) is a notice."""
        from mfa_reader.cache import CacheError

        try:
            write(url, value)
        except CacheError as exc:
            self.notify(first_line(str(exc), 200), severity="error", timeout=8)
            return False
        return True

    def _changed(self, entry: ArticleEntry, *, was: ArticleEntry | None = None) -> None:
        """An entry's marks changed (``was``: the entry before): its row, the sidebar's counts
        and the footer follow."""
        if was is not None and was.read != entry.read:
            self.section_list.note_read(entry.edition, entry.section, entry.read)
        self.article_list.update_entry(entry)
        if self.shown_entry is not None and self.shown_entry.url == entry.url:
            self.shown_entry = entry
        self.refresh_bindings()

    def action_toggle_star(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        if not self._write(self.cache.set_starred, entry.url, not entry.starred):
            return
        self._changed(entry._replace(starred=not entry.starred))
        self.notify("Starred." if not entry.starred else "Star removed.", timeout=2)

    def action_toggle_read(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        if not self._write(self.cache.set_read, entry.url, not entry.read):
            return
        self._changed(entry._replace(read=not entry.read), was=entry)
        self.notify("Marked unread." if entry.read else "Marked read.", timeout=2)

    def _link(self) -> str | None:
        article = self.current_article()
        if article is not None and self.reader.has_focus:
            target = self.reader.current_target
            if target is not None:
                return target.url
        entry = self.current_entry()
        return entry.url if entry else (article.url if article else None)

    def open_link(self, url: str) -> None:
        """Open an address in the web browser (the driver uses ``webbrowser``)."""
        if not url.lower().startswith(("http://", "https://")):
            self.notify(f"Not opening {url}: only web addresses are opened.", severity="warning")
            return
        self.app.open_url(url)
        self.notify(f"Opening {url}", timeout=3)

    def action_open_in_browser(self) -> None:
        url = self._link()
        if url:
            self.open_link(url)

    def on_article_view_target_clicked(self, event: ArticleView.TargetClicked) -> None:
        self.open_link(event.target.url)

    # --- finding words in the open article ----------------------------------------------------

    def on_article_view_find_asked(self, event: ArticleView.FindAsked) -> None:
        self.find_bar.open(self.reader.find_words)

    def on_article_view_find_typed(self, event: ArticleView.FindTyped) -> None:
        self.find_bar.type(event.key)

    def on_find_bar_typed(self, event: FindBar.Typed) -> None:
        from mfa_reader.search_query import match_pattern, words_to_find

        self.reader.find(event.words, match_pattern(words_to_find(event.words)))

    def on_find_bar_done(self, event: FindBar.Done) -> None:
        self.reader.focus()

    def on_find_bar_cancelled(self, event: FindBar.Cancelled) -> None:
        self.reader.action_clear_find()
        self.reader.focus()

    def on_article_view_find_changed(self, event: ArticleView.FindChanged) -> None:
        if event.words or self._find_bar is not None:
            self.find_bar.show_found(event.words, event.current, event.count)

    def action_copy_link(self) -> None:
        url = self._link()
        if url:
            self.app.copy_to_clipboard(url)
            self.notify(f"Copied {url}", timeout=3)

    def action_copy_text(self) -> None:
        """The article as plain text (the export's layout: header, source, marked questions)."""
        article = self.current_article()
        if article is None:
            return
        from mfa_reader.export.text import article_to_text

        version = self.cache.text_seen(article.url)
        self.app.copy_to_clipboard(article_to_text(article, version=version))
        self.notify("Copied the article's text.", timeout=3)

    # --- languages ----------------------------------------------------------------------------

    def action_pick_edition(self) -> None:
        from mfa_reader.ui.screens.pickers import EditionPicker

        self.app.push_screen(EditionPicker(self.place.edition, self.cache), self._edition_picked)

    def _edition_picked(self, code: str | None) -> None:
        if code:
            self.show_edition(code)

    def action_pick_section(self) -> None:
        from mfa_reader.ui.screens.pickers import PickerScreen

        code, section = self.place
        options = section_options(code, app_bidi=self.app_bidi, counts=self.section_list.counts)
        picker = PickerScreen("Section", options, section or ALL_SECTIONS)
        self.app.push_screen(picker, self._section_picked)

    def _section_picked(self, section_id: str | None) -> None:
        if section_id:
            self.show_section(None if section_id == ALL_SECTIONS else section_id)

    def action_translation(self) -> None:
        article = self.current_article()
        if article is not None:
            self.versions.offer(article, "This article in", self._open_version)

    def _open_version(self, article: Article, code: str, link: TranslationLink | None) -> None:
        if link is not None:
            self.open_url(link.url, edition_code=code)
        else:
            self.versions.open_found(article, code, lambda found: self.open_url(found.url))

    # --- beside another language --------------------------------------------------------------

    def action_parallel(self) -> None:
        article = self.current_article()
        if article is not None:
            self.versions.offer(article, "Beside this article", self._read_beside)

    def _read_beside(self, article: Article, code: str, link: TranslationLink | None) -> None:
        self.parallel = code

    def watch_parallel(self, code: str | None) -> None:
        if code is None:
            self.versions.stop()
            self._show_panes(parallel=False)
        else:  # the reader stays until there is something to show beside it
            self._show_beside()

    def _show_parallel_view(self) -> None:
        if self.parallel is not None:
            self._show_panes(parallel=True)

    def _show_panes(self, *, parallel: bool) -> None:
        """The parallel view in place of the list and the reader, or those again. (Set on the
        widgets: a class on the screen restyles everything, the footer's keys among them.)"""
        if parallel == (self._parallel_view is not None and self._parallel_view.display):
            return
        for pane in (self.query_one("#list-pane"), self.section_list, self.reader):
            if parallel:
                pane.display = False
            else:
                pane.styles.clear_rule("display")
        self.parallel_view.display = parallel
        if parallel:
            self.parallel_view.focus()
        elif self.reading:
            self.reader.focus()
        self.refresh_bindings()

    def on_article_view_shown(self, event: ArticleView.Shown) -> None:
        # Another article in the reader (n, p, a link followed): beside its version too. (The
        # news may come after T was pressed for that very article.)
        shown_beside = self._parallel_view.left if self._parallel_view is not None else None
        if shown_beside is not self.reader.article:
            self._show_beside()

    def _show_beside(self) -> None:
        reader = self.reader
        if self.parallel is not None and reader.article is not None:
            self.versions.show_beside(
                self.parallel_view, reader.article, self.parallel, waiting=reader.is_placeholder
            )

    def on_parallel_view_closed(self, event: ParallelView.Closed) -> None:
        self.parallel = None

    def open_url(
        self, url: str, *, edition_code: str | None = None, find: tuple[str, ...] = ()
    ) -> None:
        """Open any article by address (a translation, a search hit): cached or fetched. Until
        it is fetched its title is unknown: the reader shows its address, never the title of
        the article it came from."""
        cached = self.cache.entry(url)
        entry = cached or ArticleEntry.unlisted(url, edition=edition_code or "en")
        self.open_entry(entry, cached=cached is not None, jumped=self.reading, find=find)

    # --- other screens ------------------------------------------------------------------------

    def action_search(self) -> None:
        from mfa_reader.ui.screens.search import SearchScreen

        self.app.push_screen(SearchScreen(self.cache, app_bidi=self.app_bidi), self._search_done)

    def _search_done(self, hit: OpenHit | None) -> None:
        if hit is not None:
            self.open_url(hit.url, find=hit.terms)

    def action_history(self) -> None:
        """The texts the site served for the article read, and what changed between them."""
        article = self.current_article()
        if article is None:
            return
        from mfa_reader.cache import CacheError
        from mfa_reader.ui.screens.versions import VersionsScreen

        try:
            found = self.cache.history(article.url)
        except CacheError as exc:
            self.notify(first_line(str(exc), 200), severity="error", timeout=8)
            return
        if found is not None:
            screen = VersionsScreen(found, edition=article.edition, app_bidi=self.app_bidi)
            self.app.push_screen(screen)

    def action_toggle_starred_only(self) -> None:
        """Only the starred articles of the list shown, or all of them again (from the starred
        articles of every edition too)."""
        articles = self.article_list
        if articles.every_edition:
            articles.every_edition = articles.starred_only = False
        else:
            articles.starred_only = not articles.starred_only
        articles.only = None
        self.show_list(keep_url=articles.current.url if articles.current else None)

    def action_toggle_starred_everywhere(self) -> None:
        """The starred articles of every edition in one list, or all of the place's again."""
        articles = self.article_list
        articles.every_edition = not articles.every_edition
        articles.starred_only = articles.every_edition
        articles.only = None
        self.show_list(keep_url=articles.current.url if articles.current else None)

    def action_toggle_edited_only(self) -> None:
        """Only the articles of the list the site edited, or all of them again."""
        self._toggle_only("edited")

    def action_toggle_removed_only(self) -> None:
        """Only the articles of the list the site removed, or all of them again."""
        self._toggle_only("removed")

    def _toggle_only(self, kind: Only) -> None:
        articles = self.article_list
        articles.show_only(None if articles.only == kind else kind)
        self.show_list(keep_url=articles.current.url if articles.current else None)

    def action_export(self) -> None:
        from mfa_reader.ui.screens.export import ExportScreen

        self.with_article(
            lambda article: self.app.push_screen(
                ExportScreen(article, self.settings, self.cache.text_seen(article.url))
            )
        )

    def action_print(self) -> None:
        from mfa_reader.ui.screens.export import PrintScreen

        self.with_article(
            lambda article: self.app.push_screen(
                PrintScreen(article, self.settings, self.cache.text_seen(article.url))
            )
        )

    def with_article(self, then: Callable[[Article], object]) -> None:
        """``then`` with the article the keys act on: the reader's, or the one selected in the
        list (fetched first when it is only listed)."""
        article = self.current_article()
        entry = self.current_entry()
        if article is not None and (entry is None or entry.url == article.url):
            then(article)
            return
        if entry is None:
            return
        cached = self.cache.article(entry.url)
        if cached is not None:
            then(cached)
            return
        self.notify("Fetching the article from the site…", timeout=3)
        self.fetch_then(entry, then)

    @work(exclusive=True, group="fetch-then")
    async def fetch_then(self, entry: ArticleEntry, then: Callable[[Article], object]) -> None:
        try:
            article = await self.site.fetch_article(entry.url)
        except Exception as exc:  # every failure becomes a notice
            log.info("fetching %s failed", entry.url, exc_info=True)
            self.notify(
                f"Could not fetch “{first_line(entry.title, 60)}”: {first_line(str(exc))}. "
                "It stays in the list; try again later, or o opens it in the browser.",
                severity="error",
                timeout=8,
            )
            return
        self.site_answered()
        self.article_list.update_entry(entry._replace(has_body=True))
        then(article)

    def action_mark_all_read(self) -> None:
        """Ask, then mark every article of the list shown read: the marks cannot be told apart
        afterwards, and A sits beside keys pressed all the time."""
        from mfa_reader.ui.screens.confirm import ConfirmScreen

        articles = self.article_list
        what = self.place_name()
        if articles.starred_only:
            question = f"Mark every starred article of {what} read?"
        else:
            unread = self.section_list.unread(self.place.section)
            if unread == 0:
                self.notify(f"Nothing unread in {what}.", timeout=3)
                return
            if unread is None:  # not counted yet
                question = f"Mark every article of {what} read?"
            else:
                question = (
                    f"Mark the {unread:,} unread article{'s' * (unread != 1)} of {what} read?"
                )
        edition: str | None = self.place.edition
        section = self.place.section
        if articles.every_edition:
            edition = section = None
        starred_only = articles.starred_only

        def answered(yes: bool | None) -> None:
            if yes:
                self.mark_all_read(edition, section, starred_only)

        self.app.push_screen(ConfirmScreen(question), answered)

    @work(thread=True, exclusive=True, group="mark-all-read")
    def mark_all_read(self, edition: str | None, section: str | None, starred_only: bool) -> None:
        from mfa_reader.cache import CacheError

        try:
            count = self.cache.mark_all_read(edition, section, starred_only=starred_only)
        except CacheError as exc:
            self.app.call_from_thread(
                self.notify, first_line(str(exc), 200), severity="error", timeout=8
            )
            return
        self.app.call_from_thread(self._marked_all_read, count)

    def _marked_all_read(self, count: int) -> None:
        current = self.article_list.current
        self.show_list(keep_url=current.url if current else None)  # the rows, and the counts
        if self.shown_entry is not None:
            self.shown_entry = self.cache.entry(self.shown_entry.url)
        self.notify(f"Marked {count:,} article{'s' if count != 1 else ''} read.", timeout=4)

    # --- refresh ------------------------------------------------------------------------------

    def action_refresh(self) -> None:
        self.refresh_list()

    def refresh_list(self) -> None:
        """Fetch the list pages of the place shown and show what is new, with progress."""
        current = self.article_list.current
        self.list_refresh.start(self.place, keep_url=current.url if current else None)
        self.status_line.show("")
        self.title_bar.progress = "starting"
        self._update_empty()

    def on_list_refresh_progressed(self, message: ListRefresh.Progressed) -> None:
        if message.place != self.place or not self.list_refresh.busy:
            return  # from a refresh stopped since
        self.title_bar.progress = message.text
        if not self.article_list.entries:
            self.show_list()

    def on_list_refresh_finished(self, message: ListRefresh.Finished) -> None:
        if message.place != self.place:
            return
        self.title_bar.progress = None
        outcome = message.outcome
        self.status_line.show(outcome.problem or "", until_the_site_answers=outcome.unreached)
        self.show_list(keep_url=message.keep_url)
        if outcome.problem:
            self.notify(outcome.notice, severity="warning", timeout=6)
        else:
            self.notify(outcome.notice, timeout=4)

    def on_list_refresh_rechecked(self, message: ListRefresh.Rechecked) -> None:
        if message.place != self.place:
            return
        self.title_bar.progress = None
        from mfa_reader.ui.progress import recheck_summary

        found = recheck_summary(message.report)
        if found is None:
            return
        current = self.article_list.current
        self.show_list(keep_url=current.url if current else None)
        shown = self.current_article()
        if shown is not None and shown.url in message.report.updated:
            self.seen_changed(shown.url, say=False)  # said below, with the others
        self.notify(found, timeout=8)

    def site_answered(self) -> None:
        """The site served a page: a problem of not reaching it is over."""
        if self.status_line.until_the_site_answers:
            self.status_line.show("")
            self._update_empty()
