"""SVG snapshots of the reader's main screens in English, Chinese and Arabic, at fixed sizes.

Built from the sample cache (fixed dates, no clock, no network). Update after a deliberate change
with ``pytest tests/test_ui_snapshots.py --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from snapshot_apps.helpers import sample_app

WIDE = (140, 36)
NARROW = (90, 30)


def _keys(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Press keys, then freeze the cursor blink and wait for every worker."""

    async def run(pilot: Pilot[Any]) -> None:
        await pilot.press(*keys)
        await pilot.app.workers.wait_for_complete()
        for widget in pilot.app.screen.query(Input):
            widget.cursor_blink = False
        await pilot.pause()

    return run


_settle = _keys()


def test_library_english(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(sample_app(tmp_path), terminal_size=WIDE, run_before=_settle)


def test_reader_english_side_by_side(snap_compare: Any, tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    assert snap_compare(app, terminal_size=WIDE, run_before=_keys("j", "enter"))


def test_reader_english_narrow(snap_compare: Any, tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    assert snap_compare(app, terminal_size=NARROW, run_before=_keys("j", "enter"))


def test_reader_chinese(snap_compare: Any, tmp_path: Path) -> None:
    app = sample_app(tmp_path, edition="zh")
    assert snap_compare(app, terminal_size=NARROW, run_before=_keys("enter"))


def test_reader_arabic_rtl_terminal(snap_compare: Any, tmp_path: Path) -> None:
    app = sample_app(tmp_path, edition="ar", rtl="terminal")
    assert snap_compare(app, terminal_size=WIDE, run_before=_keys("enter"))


def test_reader_arabic_rtl_app(snap_compare: Any, tmp_path: Path) -> None:
    app = sample_app(tmp_path, edition="ar", rtl="app")
    assert snap_compare(app, terminal_size=WIDE, run_before=_keys("enter"))


def test_search(snap_compare: Any, tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    keys = _keys("slash", *"press conference")
    assert snap_compare(app, terminal_size=WIDE, run_before=keys)


def test_edition_picker(snap_compare: Any, tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    assert snap_compare(app, terminal_size=WIDE, run_before=_keys("L"))
