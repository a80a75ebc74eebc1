"""The reader application: ``mfa-reader`` with no arguments.

Start with :func:`run_reader` (opens the cache named by the settings) or build
``ReaderApp(settings=..., cache=...)`` yourself (tests, the screenshot script). The app holds the
services: the settings, the cache, the site (the network, used only from workers) and the timer of
``refresh = N`` minutes. What is shown is the library screen's. Heavy modules (httpx, the parser,
the bidi libraries, Markdown) are imported when first needed, so the list paints as soon as
Textual is up.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App
from textual.binding import BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.timer import Timer

from mfa_reader.config import Settings
from mfa_reader.ui import bindings
from mfa_reader.ui.commands import ReaderCommands
from mfa_reader.ui.place import save_place, start_place
from mfa_reader.ui.reader_state import notice_shown, remember_notice
from mfa_reader.ui.screens.library import LibraryScreen
from mfa_reader.ui.site import Site
from mfa_reader.ui.terminal_bidi import reader_reorders_rtl, rtl_notice

if TYPE_CHECKING:
    from mfa_reader.cache import Cache

RTL_NOTICE = "rtl"  # the one-time notice on how right-to-left text is laid out


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
        self.site = Site(self.settings, cache)
        self.start_place = start_place(self.settings, cache.path)
        self._library: LibraryScreen | None = None
        self._refresh_timer: Timer | None = None
        self.keymap: dict[str, str] = {}  # the settings' keymap as applied

    def get_default_screen(self) -> Screen[Any]:
        reorders = reader_reorders_rtl(self.settings.rtl, os.environ)
        chosen_for_the_user = self.settings.rtl == "auto"
        self._library = LibraryScreen(
            settings=self.settings,
            cache=self.cache,
            site=self.site,
            place=self.start_place,
            app_bidi=reorders,
            rtl_notice=rtl_notice(reorders)
            if chosen_for_the_user and not notice_shown(RTL_NOTICE, self.cache.path)
            else None,
        )
        return self._library

    @property
    def library(self) -> LibraryScreen:
        assert self._library is not None, "the library screen is made when the app starts"
        return self._library

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

    def _timed_refresh(self) -> None:
        if not self.library.list_refresh.busy:  # a refresh under way (r pressed) goes on
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
        """The settings' keymap, less the entries that name no binding or take another's key."""
        keymap = dict(self.settings.keymap)
        try:
            bindings.check_keymap(keymap)
        except bindings.UnknownBindingError as exc:
            self.notify(str(exc), severity="warning", timeout=10)
            keymap = {k: v for k, v in keymap.items() if k not in exc.unknown}
        try:
            bindings.check_keys_free(keymap)
        except bindings.KeyTakenError as exc:
            self.notify(str(exc), severity="warning", timeout=15)
            keymap = {k: v for k, v in keymap.items() if k not in exc.refused}
        self.keymap = keymap
        if keymap:
            self.set_keymap(keymap)

    def on_library_screen_place_changed(self, message: LibraryScreen.PlaceChanged) -> None:
        save_place(message.place, self.cache.path)

    def on_library_screen_rtl_notice_shown(self, message: LibraryScreen.RtlNoticeShown) -> None:
        remember_notice(RTL_NOTICE, self.cache.path)

    def on_unmount(self) -> None:
        if self._library is not None:
            save_place(self._library.place, self.cache.path)

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

    def action_help(self) -> None:
        from mfa_reader.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.keymap))


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
    # full round came during start-up and walked all of it before the list showed.
    gc.freeze()
    try:
        app = (app_type or ReaderApp)(settings=settings, cache=cache)
        result = app.run()
    finally:
        cache.close()
    return result or 0


__all__ = ["ReaderApp", "run_reader"]
