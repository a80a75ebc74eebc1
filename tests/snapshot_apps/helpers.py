"""Helpers for the reader's tests: an app on a sample cache, the screen as text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widget import Widget

from mfa_reader.cache import Cache
from mfa_reader.config import Settings
from mfa_reader.ui.app import ReaderApp

from .sample_cache import add_september_12, fill_cache

# Nothing listens here: the reader must never need the network to open.
CLOSED_ORIGIN = "http://127.0.0.1:9"


def sample_app(tmp_path: Path, *, edited: bool = False, **settings: Any) -> ReaderApp:
    """The reader on a cache filled with the sample articles (``edited``: with the site's later
    texts, see ``fill_cache``); refresh never, no network."""
    path = tmp_path / "cache.sqlite3"
    cache = fill_cache(path, edited=edited)
    options: dict[str, Any] = {"cache": path, "refresh": "never", "origin": CLOSED_ORIGIN}
    options.update(settings)
    return ReaderApp(settings=Settings(**options), cache=cache)


def parallel_app(tmp_path: Path, **settings: Any) -> ReaderApp:
    """The reader on the sample cache, without its older entries, and the conference of September
    12, 2025 in English, Chinese and Arabic (their versions known by their date); no network."""
    path = tmp_path / "cache.sqlite3"
    cache = fill_cache(path, older=0)
    add_september_12(cache, "en", "zh", "ar")
    options: dict[str, Any] = {"cache": path, "refresh": "never", "origin": CLOSED_ORIGIN}
    options.update(settings)
    return ReaderApp(settings=Settings(**options), cache=cache)


def empty_app(tmp_path: Path, **settings: Any) -> ReaderApp:
    path = tmp_path / "cache.sqlite3"
    options: dict[str, Any] = {"cache": path, "refresh": "never", "origin": CLOSED_ORIGIN}
    options.update(settings)
    return ReaderApp(settings=Settings(**options), cache=Cache.open(path))


def screen_text(app: ReaderApp) -> str:
    """What the terminal shows now, as plain text, one line per row."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


def widget_lines(app: ReaderApp, widget: Widget) -> list[str]:
    """What the terminal shows of one widget, as plain text, one line per row."""
    region = widget.content_region
    strips = app.screen._compositor.render_strips()[region.y : region.bottom]
    return [strip.crop(region.x, region.right).text for strip in strips]
