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

from snapshot_apps.helpers import parallel_app, sample_app
from snapshot_apps.sample_cache import add_older_conferences

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


BESIDE = (120, 40)
SMALL = (80, 24)


def test_rows_beside_an_english_article(snap_compare: Any, tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    assert snap_compare(app, terminal_size=BESIDE, run_before=_keys("j", "enter"))


def test_rows_beside_a_chinese_article(snap_compare: Any, tmp_path: Path) -> None:
    app = sample_app(tmp_path, edition="zh")
    add_older_conferences(app.cache, "zh", 12)
    assert snap_compare(app, terminal_size=BESIDE, run_before=_keys("enter"))


def test_rows_beside_an_arabic_article(snap_compare: Any, tmp_path: Path) -> None:
    app = sample_app(tmp_path, edition="ar", rtl="app")
    add_older_conferences(app.cache, "ar", 12)
    assert snap_compare(app, terminal_size=BESIDE, run_before=_keys("enter"))


def test_small_terminal_offline_status_and_footer(snap_compare: Any, tmp_path: Path) -> None:
    app = sample_app(tmp_path, retries=0, backoff=0.0, timeout=2.0)
    assert snap_compare(app, terminal_size=SMALL, run_before=_keys("r"))


def test_mark_all_read_asks_first(snap_compare: Any, tmp_path: Path) -> None:
    async def counted_then_a(pilot: Pilot[Any]) -> None:
        await pilot.app.workers.wait_for_complete()  # the unread articles the question counts
        await pilot.pause()
        await _keys("A")(pilot)

    app = sample_app(tmp_path)
    assert snap_compare(app, terminal_size=WIDE, run_before=counted_then_a)


# --- versions: the site edited the conferences after publishing them ---------------------------


def test_library_marks_edited_articles(snap_compare: Any, tmp_path: Path) -> None:
    app = sample_app(tmp_path, edited=True)
    assert snap_compare(app, terminal_size=WIDE, run_before=_settle)


def test_history_english(snap_compare: Any, tmp_path: Path) -> None:
    app = sample_app(tmp_path, edited=True)  # version 2: paragraphs out, reworded, added
    assert snap_compare(app, terminal_size=WIDE, run_before=_keys("j", "enter", "h", "k"))


def test_history_chinese_by_character(snap_compare: Any, tmp_path: Path) -> None:
    app = sample_app(tmp_path, edited=True, edition="zh")
    assert snap_compare(app, terminal_size=NARROW, run_before=_keys("enter", "h"))


def test_history_arabic_rtl_app(snap_compare: Any, tmp_path: Path) -> None:
    app = sample_app(tmp_path, edited=True, edition="ar", rtl="app")
    assert snap_compare(app, terminal_size=WIDE, run_before=_keys("enter", "h"))


def _beside(edition: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """The conference of September 12 beside its version in ``edition`` (T, then the picker)."""

    async def run(pilot: Pilot[Any]) -> None:
        from textual.widgets import OptionList

        from snapshot_apps.sample_cache import SEPTEMBER_12

        pilot.app.library.open_url(SEPTEMBER_12["en"])  # type: ignore[attr-defined]
        await _keys("T")(pilot)
        choices = pilot.app.screen.query_one(OptionList)
        choices.highlighted = choices.get_option_index(edition)
        await _keys("enter")(pilot)

    return run


def test_parallel_english_chinese_in_two_columns(snap_compare: Any, tmp_path: Path) -> None:
    app = parallel_app(tmp_path)
    assert snap_compare(app, terminal_size=WIDE, run_before=_beside("zh"))


def test_parallel_english_arabic_in_two_columns(snap_compare: Any, tmp_path: Path) -> None:
    app = parallel_app(tmp_path, rtl="app")
    assert snap_compare(app, terminal_size=WIDE, run_before=_beside("ar"))


def test_parallel_interleaved_at_80_columns(snap_compare: Any, tmp_path: Path) -> None:
    app = parallel_app(tmp_path)
    assert snap_compare(app, terminal_size=(80, 30), run_before=_beside("zh"))
