"""Where the reader is: an edition and one of its sections, remembered between runs.

The place shown last is kept in the reader's state file (beside the cache) and reopened on the next
start, unless the settings name an edition or section of their own.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from mfa_reader.config import Settings
from mfa_reader.editions import EDITION_CODES, PRESS_CONFERENCES, section, sections
from mfa_reader.ui.reader_state import recall, remember


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


def start_place(settings: Settings, cache_path: str | Path) -> Place:
    """The settings' edition and section, or the place last left when those are defaults."""
    defaults = Settings()
    code: str = settings.edition
    section_id: str | None = settings.section
    if (code, section_id) == (defaults.edition, defaults.section):
        state = recall(cache_path)
        if state.get("edition") in EDITION_CODES:
            code = state["edition"]
            section_id = state.get("section")
    return Place(code, valid_section(code, section_id))


def save_place(place: Place, cache_path: str | Path) -> None:
    remember(cache_path, {"edition": place.edition, "section": place.section})
