"""The reader application: ``mfa-reader`` with no arguments.

Start with :func:`run_reader` (opens the cache named by the settings) or build
``ReaderApp(settings=..., cache=...)`` yourself (tests, the screenshot script). The network is used
only from workers: a refresh (on start, every N minutes, or never, from ``settings.refresh``), an
article body fetched when opened, a translation. Heavy modules (httpx, the parser, the bidi
libraries, Markdown) are imported when first needed, so the list paints as soon as Textual is up.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App
from textual.binding import BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen

from mfa_reader.config import Settings
from mfa_reader.editions import EDITION_CODES, PRESS_CONFERENCES, section, sections
from mfa_reader.model import Article
from mfa_reader.ui import bindings
from mfa_reader.ui.commands import ReaderCommands
from mfa_reader.ui.screens.library import LibraryScreen

if TYPE_CHECKING:
    from mfa_reader.cache import Cache

STATE_FILE = "reader-state.json"  # beside the cache: the edition and section shown last


class ReaderApp(App[int]):
    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses live elsewhere
    TITLE = "mfa-reader"
    COMMANDS: ClassVar = App.COMMANDS | {ReaderCommands}
    BINDINGS: ClassVar[list[BindingType]] = [*bindings.APP]

    def __init__(self, settings: Settings | None = None, cache: Cache | None = None) -> None:
        super().__init__()
        self.settings = settings or Settings()
        if cache is None:
            from mfa_reader.cache import Cache

            cache = Cache.open(self.settings.cache)
        self.cache: Cache = cache
        self.app_bidi = self.settings.rtl == "app"
        self.edition, self.section = self._start_place()
        self._refresh_timer: Any = None

    # --- where the reader starts ----------------------------------------------------------------

    @property
    def state_file(self) -> Path:
        return Path(self.cache.path).with_name(STATE_FILE)

    def _start_place(self) -> tuple[str, str | None]:
        """The settings' edition and section, or the place last left when those are defaults."""
        defaults = Settings()
        code, section_id = self.settings.edition, self.settings.section
        if (code, section_id) == (defaults.edition, defaults.section):
            try:
                state = json.loads(self.state_file.read_text(encoding="utf-8"))
                if state.get("edition") in EDITION_CODES:
                    code = state["edition"]
                    section_id = state.get("section")
            except (OSError, ValueError, AttributeError):
                pass
        return code, _valid_section(code, section_id)

    def _save_place(self) -> None:
        # Remembering the place is a convenience; the reader works without it.
        with contextlib.suppress(OSError):
            self.state_file.write_text(
                json.dumps({"edition": self.edition, "section": self.section}), encoding="utf-8"
            )

    # --- life -----------------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        return LibraryScreen()

    @property
    def library(self) -> LibraryScreen:
        screen = self.get_default_screen_instance()
        assert isinstance(screen, LibraryScreen)
        return screen

    def get_default_screen_instance(self) -> Screen[Any]:
        return self.screen_stack[0]

    def on_mount(self) -> None:
        self._apply_theme()
        self._apply_keymap()
        if self.cache.moved_aside is not None:
            self.notify(
                f"The cache file was damaged or not ours; it was moved to {self.cache.moved_aside} "
                "and a fresh cache started.",
                severity="warning",
                timeout=10,
            )
        refresh = self.settings.refresh
        if isinstance(refresh, int):
            self._refresh_timer = self.set_interval(refresh * 60, self._timed_refresh)
        empty = not self.cache.entries(self.edition, self.section, limit=1)
        if refresh == "start" or (refresh != "never" and empty):
            self.library.refreshing = True  # an empty list says "fetching", not "press r"
            self.call_after_refresh(self.library.refresh_list)

    def _timed_refresh(self) -> None:
        if not self.library.refreshing:  # a refresh under way (r pressed) is not restarted
            self.library.refresh_list()

    def _apply_theme(self) -> None:
        theme = self.settings.theme
        if theme in self.available_themes:
            self.theme = theme
        else:
            self.notify(
                f"Unknown theme {theme!r} in the settings; using {self.theme}. "
                f"Themes: {', '.join(sorted(self.available_themes))}.",
                severity="warning",
            )

    def _apply_keymap(self) -> None:
        keymap = dict(self.settings.keymap)
        try:
            bindings.check_keymap(keymap)
        except bindings.UnknownBindingError as exc:
            self.notify(str(exc), severity="warning", timeout=10)
            keymap = {k: v for k, v in keymap.items() if k not in exc.unknown}
        if keymap:
            self.set_keymap(keymap)

    def on_unmount(self) -> None:
        self._save_place()

    # --- places ---------------------------------------------------------------------------------

    def switch_edition(self, code: str) -> None:
        if code not in EDITION_CODES:
            return
        self.edition = code
        self.section = _valid_section(code, self.section)
        self._save_place()
        self.library.stop_refresh()  # it was for the other edition
        self.library.close_reader()
        self.library.show_list()
        if not self.library.article_list.entries and self.settings.refresh != "never":
            self.library.refresh_list()

    def switch_section(self, section_id: str | None) -> None:
        self.section = _valid_section(self.edition, section_id) if section_id else None
        self._save_place()
        self.library.stop_refresh()
        self.library.close_reader()
        self.library.show_list()

    def set_rtl(self, mode: str) -> None:
        """Switch how right-to-left text is laid out (the ``rtl`` setting, for this session)."""
        self.app_bidi = mode == "app"
        library = self.library
        library.article_list.set_app_bidi(self.app_bidi)
        if library.reader_if_mounted is not None:
            library.reader_if_mounted.set_app_bidi(self.app_bidi)
        library.show_list(
            keep_url=library.article_list.current.url if library.article_list.current else None
        )

    # --- the network (workers call these) -------------------------------------------------------

    async def _network(self) -> tuple[Any, Any]:
        """The sync module and a fetcher. The first call imports httpx and the parser (~0.1 s):
        in a thread, so the screen keeps answering meanwhile."""
        sync = await asyncio.to_thread(_sync)
        fetcher = import_module("mfa_reader.fetcher").Fetcher.from_settings(self.settings)
        return sync, fetcher

    async def fetch_article(self, url: str) -> Article:
        """The article from the cache, or fetched from the site, stored, and returned."""
        cached = self.cache.article(url)
        if cached is not None:
            return cached
        sync, fetcher = await self._network()
        async with fetcher:
            article: Article = await sync.get_article(self.cache, fetcher, url)
        return article

    async def refresh_cache(self, on_progress: Callable[[Any], None]) -> Any:
        """Refresh the current edition and section's list pages; the sync report."""
        sync, fetcher = await self._network()
        async with fetcher:
            return await sync.refresh(
                self.cache,
                fetcher,
                editions=[self.edition],
                sections=[self.section] if self.section else None,
                on_progress=on_progress,
            )

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notifications are plain text, always: they carry addresses and messages from the site
        (an address with ``[@click=…]`` in it must not become a link or an action)."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    # --- leaving the app ------------------------------------------------------------------------

    def open_link(self, url: str) -> None:
        """Open an address in the web browser (the driver uses ``webbrowser``)."""
        if not url.lower().startswith(("http://", "https://")):
            self.notify(f"Not opening {url}: only web addresses are opened.", severity="warning")
            return
        self.open_url(url)
        self.notify(f"Opening {url}", timeout=3)

    @property
    def export_available(self) -> bool:
        from importlib.util import find_spec

        return find_spec("mfa_reader.ui.screens.export") is not None

    def open_export(self, article: Article) -> None:
        export = import_module("mfa_reader.ui.screens.export")
        self.push_screen(export.ExportScreen(article, self.settings))

    def open_print(self, article: Article) -> None:
        export = import_module("mfa_reader.ui.screens.export")
        self.push_screen(export.PrintScreen(article, self.settings))

    def action_help(self) -> None:
        from mfa_reader.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.settings.keymap))


def _sync() -> Any:
    """The sync module, imported when the network is first needed (it pulls in httpx)."""
    import_module("mfa_reader.fetcher")
    return import_module("mfa_reader.sync")


def _valid_section(code: str, section_id: str | None) -> str | None:
    if section_id is None:
        return None
    try:
        return section(code, section_id).id
    except KeyError:
        ids = [s.id for s in sections(code)]
        return PRESS_CONFERENCES if PRESS_CONFERENCES in ids else None


def run_reader(settings: Settings | None = None, *, app_type: type[ReaderApp] | None = None) -> int:
    """Open the reader on the settings' cache; the exit code for the command line.

    ``app_type`` is a subclass of ``ReaderApp`` to run instead (the start-up benchmark's).
    """
    import gc

    from mfa_reader.cache import Cache, CacheError

    settings = settings or Settings()
    try:
        cache = Cache.open(settings.cache)
    except CacheError as exc:
        import sys

        print(f"mfa-reader: {exc}", file=sys.stderr)
        return 1
    # What is loaded by now (modules, classes, the stylesheet's rules) lives as long as the
    # program: frozen, it is left out of the garbage collector's rounds. Without this, the first
    # full round came during start-up and walked all of it (some 30 ms before the list showed).
    gc.freeze()
    try:
        app = (app_type or ReaderApp)(settings=settings, cache=cache)
        result = app.run()
    finally:
        cache.close()
    return result or 0


__all__ = ["ReaderApp", "run_reader"]
