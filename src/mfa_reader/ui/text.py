"""Text as the terminal shows it: no control or escape sequences, wrapped by cells, and
right-to-left lines laid out for terminals that do no bidi.

Article text is data, never markup: it goes into ``Content``/``Text`` objects as plain strings, and
everything below removes what a terminal would interpret (ESC, C1 controls, carriage returns).
"""

from __future__ import annotations

import re
from functools import lru_cache

from mfa_reader.editions import edition
from mfa_reader.model import Direction

# C0 controls except newline, DEL and the C1 controls (CSI, OSC, ... in their 8-bit form).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[ \t\u00a0]+")


def clean(text: str) -> str:
    """Text with every control character removed (tabs become spaces, newlines stay)."""
    return _CONTROLS.sub("", text.replace("\t", " ").replace("\r\n", "\n"))


def one_line(text: str) -> str:
    """Clean text on one line: newlines and runs of spaces become one space."""
    return _SPACES.sub(" ", clean(text).replace("\n", " ")).strip()


def is_rtl(edition_code: str) -> bool:
    try:
        return edition(edition_code).direction is Direction.RTL
    except KeyError:
        return False


@lru_cache(maxsize=4096)
def visual_order(line: str) -> str:
    """One line of right-to-left text as a terminal without bidi must print it, left to right:
    Arabic letters joined into their contextual forms, then reordered (python-bidi, base RTL)."""
    import arabic_reshaper  # type: ignore[import-untyped]
    from bidi import get_display  # type: ignore[import-untyped]

    return str(get_display(arabic_reshaper.reshape(line), base_dir="R"))


def short_date(published: str | None) -> str:
    """``2025-10-17`` for list rows (the list is in Beijing time like the site)."""
    return (published or "")[:10] or "----------"


def long_date(published: str | None) -> str:
    """``2025-10-17 19:15`` when the article gives the time, else the day."""
    if not published:
        return ""
    day = published[:10]
    if len(published) >= 16 and published[10] == "T":
        return f"{day} {published[11:16]}"
    return day
