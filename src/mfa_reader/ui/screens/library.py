"""The library: sections, the article list and the reader, like a mail client.

Wide terminals (≥ 120 columns) show the list and the reader side by side; narrow ones give the
reader the whole screen. Everything on screen comes from the cache; the network is only touched in
workers (refresh, a body fetched on demand, a translation), which report progress and never block.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, OptionList

from mfa_reader.editions import edition
from mfa_reader.editions import section as section_of
from mfa_reader.model import Article, ArticleEntry
from mfa_reader.ui import bindings
from mfa_reader.ui.progress import failure_notice, first_line, progress_line, report_summary
from mfa_reader.ui.text import is_rtl, visual_order
from mfa_reader.ui.widgets.article_list import ArticleList
from mfa_reader.ui.widgets.article_view import ArticleView
from mfa_reader.ui.widgets.list_notes import EmptyListNote, StatusLine
from mfa_reader.ui.widgets.section_list import ALL_SECTIONS, SectionList, section_options
from mfa_reader.ui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from mfa_reader.ui.app import ReaderApp

PREFETCH = 3  # bodies fetched ahead of the reader
WIDE = 120  # columns from which the list and the reader share the screen
SIDEBAR = 90  # columns from which the sections sidebar fits beside the list

# Actions that need an article (listed at least) / a fetched body.
_ENTRY_ACTIONS = {"toggle_star", "toggle_read", "open_in_browser", "copy_link"}
_BODY_ACTIONS = {"export", "print", "copy_text"}


class LibraryScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [*bindings.LIBRARY]

    def __init__(self) -> None:
        super().__init__()
        self.reading = False
        self.refreshing = False
        self.title_bar = TitleBar()
        self.empty_note = EmptyListNote(id="empty")
        self.status_line = StatusLine(id="status", classes="-hidden")
        self._footer_state: tuple[bool | None, ...] = ()
        self._reader: ArticleView | None = None

    @property
    def reader_app(self) -> ReaderApp:
        return self.app  # type: ignore[return-value]

    # --- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        app = self.reader_app
        self._apply_width(app.size.width)  # before the first layout: no second styling pass
        yield self.title_bar
        with Horizontal(id="panes"):
            with Vertical(id="list-pane"):
                yield self.empty_note
                yield ArticleList(app_bidi=app.app_bidi, id="articles")
            # Docked left but after the list in the DOM: the list is the first thing focused,
            # so nothing is focused, blurred and restyled on the way to the first paint.
            yield SectionList(id="sections")
        yield self.status_line
        yield Footer()

    @property
    def article_list(self) -> ArticleList:
        return self.query_one("#articles", ArticleList)

    @property
    def reader(self) -> ArticleView:
        """The reader pane, mounted with the first article (the list paints sooner without it)."""
        if self._reader is None:
            self._reader = ArticleView(app_bidi=self.reader_app.app_bidi, id="reader")
            self.query_one("#panes", Horizontal).mount(self._reader)
        return self._reader

    @property
    def reader_if_mounted(self) -> ArticleView | None:
        return self._reader

    def on_mount(self) -> None:
        self.show_list()

    def on_resize(self) -> None:
        self._apply_width(self.app.size.width)

    def _apply_width(self, width: int) -> None:
        self.set_class(width >= WIDE, "-wide")
        self.set_class(width < WIDE, "-narrow")
        self.set_class(width < SIDEBAR, "-no-sidebar")

    def _set_reading(self, reading: bool) -> None:
        self.reading = reading
        self.set_class(reading, "-reading")
        self.update_footer()

    # --- the list -----------------------------------------------------------------------------

    def show_list(self, *, keep_url: str | None = None) -> None:
        """(Re)load the list of the current edition and section from the cache."""
        app = self.reader_app
        code, section = app.edition, app.section
        self.query_one(SectionList).show_edition(code, section, app_bidi=app.app_bidi)
        articles = self.article_list
        articles.set_class(is_rtl(code), "-rtl")
        articles.load(app.cache, code, section, keep_url=keep_url)
        self.title_bar.place = self._where()
        self.title_bar.count = None
        starred = (len(articles.entries), articles.exhausted) if articles.starred_only else None
        self.title_bar.starred = starred
        self._update_empty()
        self.call_after_refresh(self.count_articles, code, section)  # after the list is painted
        self.update_footer()

    @work(thread=True, exclusive=True, group="count")
    def count_articles(self, code: str, section: str | None) -> None:
        """Count the list's articles off the event loop (a scan of 100,000 rows takes ~50 ms)."""
        count = self.reader_app.cache.count(code, section)
        self.app.call_from_thread(self._counted, code, section, count)

    def _counted(self, code: str, section: str | None, count: int) -> None:
        app = self.reader_app
        if (code, section) == (app.edition, app.section):
            self.title_bar.count = count

    def _update_empty(self) -> None:
        note = self.empty_note
        has_rows = bool(self.article_list.entries)
        note.display = not has_rows  # on the widget: a class on the screen restyles everything
        if not has_rows:
            note.place = self._where()
            note.fetching = self.refreshing
            note.starred_only = self.article_list.starred_only

    def _where(self) -> str:
        app = self.reader_app
        name = edition(app.edition).native_name
        if app.section:
            with contextlib.suppress(KeyError):
                name = f"{name} · {section_of(app.edition, app.section).native_name}"
        if app.app_bidi and is_rtl(app.edition):
            name = visual_order(name)
        return name

    # --- opening articles ---------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        # A plain handler rather than @on("#articles"): selectors are parsed at import time.
        event.stop()
        if event.option_list.id == "articles":
            entry = self.article_list.current
            if entry is not None:
                self.open_entry(entry)
        elif event.option_list.id == "sections":
            self.switch_section(None if event.option.id == ALL_SECTIONS else event.option.id)
            self.article_list.focus()

    def open_entry(self, entry: ArticleEntry, *, focus: bool = True) -> None:
        """Show an entry in the reader (fetching its body when only listed); mark it read."""
        cache = self.reader_app.cache
        article = cache.article(entry.url)
        self._set_reading(True)
        if article is not None:
            self.reader.show_article(article)
            self.call_after_refresh(self.prefetch_following, entry.url)
        else:
            self.reader.show_entry_message(entry, "Fetching the article from the site…")
            self.fetch_article(entry)
        if not entry.read and self._write(cache.set_read, entry.url, True):
            self.article_list.update_entry(replace(entry, read=True))
        if focus:
            self.reader.focus()
        self.update_footer()

    def show_fetched(self, article: Article, requested: str) -> None:
        """Show a fetched article if the reader still waits for it (the user may have moved on)."""
        if self.reader.article is not None and self.reader.article.url in (requested, article.url):
            self.reader.show_article(article)
            self.update_footer()

    @work(exclusive=True, group="article")
    async def fetch_article(self, entry: ArticleEntry) -> None:
        try:
            article = await self.reader_app.fetch_article(entry.url)
        except Exception as exc:  # every failure becomes a message in the reader
            if self.reader.article is not None and self.reader.article.url == entry.url:
                self.reader.show_entry_message(
                    entry,
                    f"Could not fetch the article: {first_line(str(exc))}. "
                    "It stays in the list; press enter to try again, o to open it in the browser.",
                )
            return
        self.show_fetched(article, entry.url)
        self.article_list.update_entry(replace(entry, has_body=True, read=True))
        self.prefetch_following(entry.url)

    @work(exclusive=True, group="prefetch")
    async def prefetch_following(self, url: str) -> None:
        """Fetch the bodies of the next few articles of the list that are only listed, so that
        ``n`` opens them at once. Stops at the first failure; never with ``refresh = "never"``."""
        app = self.reader_app
        index = self.article_list.index_of(url)
        if index is None or app.settings.refresh == "never":
            return
        following = self.article_list.entries[index + 1 : index + 1 + PREFETCH]
        for entry in following:
            if entry.has_body or app.cache.article(entry.url) is not None:
                continue
            try:
                await app.fetch_article(entry.url)
            except Exception:
                return  # offline or refused: the user hears about it when opening one

    def move(self, step: int) -> None:
        """Open the next (``step`` 1) or previous (-1) article of the list."""
        articles = self.article_list
        current = self.reader.article.url if self.reading and self.reader.article else None
        index = articles.index_of(current) if current else None
        if index is None:
            index = articles.highlighted if articles.highlighted is not None else -1
            if not self.reading:
                index -= step  # n on the list opens the highlighted article first
        target = index + step
        if target < 0 or not articles.ensure_index(target):
            self.notify("No more articles in this list.", timeout=2)
            return
        articles.highlighted = target
        entry = articles.entries[target]
        self.open_entry(entry, focus=self.reader.has_focus or not self.has_class("-wide"))

    def action_next_article(self) -> None:
        self.move(1)

    def action_previous_article(self) -> None:
        self.move(-1)

    def action_back(self) -> None:
        if not self.reading:
            return
        if self.has_class("-wide") and self.reader.has_focus:
            self.article_list.focus()
            return
        self.close_reader()

    def close_reader(self) -> None:
        self._set_reading(False)
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
        cache = self.reader_app.cache
        if (
            self.reading
            and self.reader.article is not None
            and (self.reader.has_focus or not self.article_list.has_focus)
        ):
            return cache.entry(self.reader.article.url)
        return self.article_list.current

    def update_footer(self) -> None:
        """Refresh the footer's keys when what applies has changed (the footer rebuilds itself on
        every refresh, which costs more than painting the next article)."""
        state = tuple(self.check_action(binding.action, ()) for binding in bindings.LIBRARY)
        if state != self._footer_state:
            self._footer_state = state
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _ENTRY_ACTIONS:
            return self.current_entry() is not None or self.current_article() is not None
        if action == "translation":
            article = self.current_article()
            return article is not None and any(c != article.edition for c in article.translations)
        if action == "copy_text":
            return self.current_article() is not None
        if action in _BODY_ACTIONS:
            return self.current_article() is not None and self.reader_app.export_available
        if action in ("next_article", "previous_article"):
            return bool(self.article_list.entries)
        if action == "back":
            return self.reading
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

    def _changed(self, entry: ArticleEntry) -> None:
        self.article_list.update_entry(entry)
        self.update_footer()

    def action_toggle_star(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        if not self._write(self.reader_app.cache.set_starred, entry.url, not entry.starred):
            return
        self._changed(replace(entry, starred=not entry.starred))
        self.notify("Starred." if not entry.starred else "Star removed.", timeout=2)

    def action_toggle_read(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        if not self._write(self.reader_app.cache.set_read, entry.url, not entry.read):
            return
        self._changed(replace(entry, read=not entry.read))
        self.notify("Marked unread." if entry.read else "Marked read.", timeout=2)

    def _link(self) -> str | None:
        article = self.current_article()
        if article is not None and self.reader.has_focus:
            target = self.reader.current_target
            if target is not None:
                return target.url
        entry = self.current_entry()
        return entry.url if entry else (article.url if article else None)

    def action_open_in_browser(self) -> None:
        url = self._link()
        if url:
            self.reader_app.open_link(url)

    def on_article_view_target_clicked(self, event: ArticleView.TargetClicked) -> None:
        self.reader_app.open_link(event.target.url)

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

        self.app.copy_to_clipboard(article_to_text(article))
        self.notify("Copied the article's text.", timeout=3)

    # --- languages ----------------------------------------------------------------------------

    def action_pick_edition(self) -> None:
        from mfa_reader.ui.screens.pickers import edition_picker

        picker = edition_picker(self.reader_app.edition)
        self.app.push_screen(picker, self._edition_picked)
        self.count_editions(picker)

    @work(thread=True, exclusive=True, group="edition-count")
    def count_editions(self, picker: Any) -> None:
        from mfa_reader.editions import EDITION_CODES
        from mfa_reader.ui.screens.pickers import show_counts

        counts = {code: self.reader_app.cache.count(code) for code in EDITION_CODES}
        self.app.call_from_thread(show_counts, picker, counts)

    def _edition_picked(self, code: str | None) -> None:
        if code:
            self.reader_app.switch_edition(code)

    def action_pick_section(self) -> None:
        from mfa_reader.ui.screens.pickers import PickerScreen

        app = self.reader_app
        options = section_options(app.edition, app_bidi=app.app_bidi)
        picker = PickerScreen("Section", options, app.section or ALL_SECTIONS)
        self.app.push_screen(picker, self._section_picked)

    def _section_picked(self, section_id: str | None) -> None:
        if section_id:
            self.switch_section(None if section_id == ALL_SECTIONS else section_id)

    def switch_section(self, section_id: str | None) -> None:
        self.reader_app.switch_section(section_id)

    def action_translation(self) -> None:
        article = self.current_article()
        if article is None:
            return
        from mfa_reader.ui.screens.pickers import translation_picker

        picker = translation_picker(article.edition, article.translations)
        self.app.push_screen(picker, self._translation_picked)

    def _translation_picked(self, code: str | None) -> None:
        article = self.current_article()
        if code and article is not None and code in article.translations:
            self.open_url(article.translations[code], title=article.title, edition_code=code)

    def open_url(self, url: str, *, title: str = "", edition_code: str | None = None) -> None:
        """Open any article by address (a translation, a search hit): cached or fetched."""
        cache = self.reader_app.cache
        entry = cache.entry(url)
        if entry is None:
            entry = ArticleEntry(
                url=url,
                doc_id="",
                edition=edition_code or "en",
                section=None,
                title=title,
                published=None,
                has_body=False,
                read=False,
                starred=False,
                removed=False,
            )
        self.open_entry(entry)

    # --- other screens ------------------------------------------------------------------------

    def action_search(self) -> None:
        from mfa_reader.ui.screens.search import SearchScreen

        self.app.push_screen(
            SearchScreen(self.reader_app.cache, app_bidi=self.reader_app.app_bidi),
            self._search_done,
        )

    def _search_done(self, url: str | None) -> None:
        if url:
            self.open_url(url)

    def action_toggle_starred_only(self) -> None:
        articles = self.article_list
        articles.starred_only = not articles.starred_only
        self.show_list(keep_url=articles.current.url if articles.current else None)

    def action_export(self) -> None:
        article = self.current_article()
        if article is not None:
            self.reader_app.open_export(article)

    def action_print(self) -> None:
        article = self.current_article()
        if article is not None:
            self.reader_app.open_print(article)

    # --- refresh ------------------------------------------------------------------------------

    def action_refresh(self) -> None:
        self.refresh_list()

    def stop_refresh(self) -> None:
        """Cancel a refresh under way (what it stored so far stays in the cache)."""
        if self.refreshing:
            self.workers.cancel_group(self, "refresh")
            self.refreshing = False
            self.title_bar.progress = None

    @work(exclusive=True, group="refresh")
    async def refresh_list(self) -> None:
        """Fetch the current edition's list pages and show what is new, with progress."""
        app = self.reader_app
        self.refreshing = True
        self.title_bar.progress = "starting"
        self.status_line.text = ""
        self._update_empty()
        keep = self.article_list.current.url if self.article_list.current else None

        def on_progress(progress: object) -> None:
            self.title_bar.progress = progress_line(progress)
            if not self.article_list.entries:
                self.show_list()

        try:
            report = await app.refresh_cache(on_progress)
        except Exception as exc:  # sync raises only for a cache that fails or a bad choice
            self.refreshing = False
            self.title_bar.progress = None
            notice = failure_notice(exc, app.cache.count(app.edition))
            self.status_line.text = notice
            self.notify(notice, severity="warning", timeout=6)
            self.show_list(keep_url=keep)
            return
        self.refreshing = False
        self.title_bar.progress = None
        self.show_list(keep_url=keep)
        summary, problem = report_summary(report, app.cache.count(app.edition))
        self.status_line.text = problem or ""
        self.notify(summary, severity="warning" if problem else "information", timeout=4)
