"""Where the reader is: an edition and one of its sections, remembered between runs.

The place shown last is kept in a small JSON file beside the cache and reopened on the next start,
unless the settings name an edition or section of their own.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import NamedTuple

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


def start_place(settings: Settings, cache_path: str | Path) -> Place:
    """The settings' edition and section, or the place last left when those are defaults."""
    defaults = Settings()
    code, section_id = settings.edition, settings.section
    if (code, section_id) == (defaults.edition, defaults.section):
        try:
            state = json.loads(state_file(cache_path).read_text(encoding="utf-8"))
            if state.get("edition") in EDITION_CODES:
                code = state["edition"]
                section_id = state.get("section")
        except (OSError, ValueError, AttributeError):
            pass
    return Place(code, valid_section(code, section_id))


def save_place(place: Place, cache_path: str | Path) -> None:
    # Remembering the place is a convenience; the reader works without it.
    with contextlib.suppress(OSError):
        state_file(cache_path).write_text(
            json.dumps({"edition": place.edition, "section": place.section}), encoding="utf-8"
        )
