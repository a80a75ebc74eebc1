"""Where the reader is: an edition and one of its sections, remembered between runs.

The place shown last is kept in a small JSON file beside the cache and reopened on the next start,
unless the settings name an edition or section of their own. The same file remembers which
one-time notices were shown.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any, NamedTuple

from mfa_reader.config import Settings
from mfa_reader.editions import EDITION_CODES, PRESS_CONFERENCES, section, sections

STATE_FILE = "reader-state.json"  # beside the cache


class Place(NamedTuple):
    edition: str
    section: str | None  # None: every section of the edition


def valid_section(code: str, section_id: str | None) -> str | None:
    """``section_id`` when the edition has it; else its press conferences (or all sections)."""
    if section_id is None:
        return None
    try:
        return section(code, section_id).id
    except KeyError:
        ids = [s.id for s in sections(code)]
        return PRESS_CONFERENCES if PRESS_CONFERENCES in ids else None


def state_file(cache_path: str | Path) -> Path:
    return Path(cache_path).with_name(STATE_FILE)


def _read_state(cache_path: str | Path) -> dict[str, Any]:
    try:
        state = json.loads(state_file(cache_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def _update_state(cache_path: str | Path, **values: Any) -> None:
    # Remembering is a convenience; the reader works without it.
    state = _read_state(cache_path) | values
    with contextlib.suppress(OSError):
        state_file(cache_path).write_text(json.dumps(state), encoding="utf-8")


def start_place(settings: Settings, cache_path: str | Path) -> Place:
    """The settings' edition and section, or the place last left when those are defaults."""
    defaults = Settings()
    code: str = settings.edition
    section_id: str | None = settings.section
    if (code, section_id) == (defaults.edition, defaults.section):
        state = _read_state(cache_path)
        if state.get("edition") in EDITION_CODES:
            code = state["edition"]
            section_id = state.get("section")
    return Place(code, valid_section(code, section_id))


def save_place(place: Place, cache_path: str | Path) -> None:
    _update_state(cache_path, edition=place.edition, section=place.section)


def notice_shown(name: str, cache_path: str | Path) -> bool:
    """Whether the one-time notice ``name`` was shown in an earlier run."""
    shown = _read_state(cache_path).get("notices_shown")
    return isinstance(shown, list) and name in shown


def remember_notice(name: str, cache_path: str | Path) -> None:
    shown = _read_state(cache_path).get("notices_shown")
    names = [n for n in shown if isinstance(n, str)] if isinstance(shown, list) else []
    if name not in names:
        _update_state(cache_path, notices_shown=[*names, name])
