"""Dates as each edition writes them, to ISO 8601 in Beijing time.

The parser reads pages' dates with it and the article list finds the date in a title, so it
depends on the catalogue alone (the list must not load the parser to paint). The site gives no
time zone: its times are Beijing time (UTC+8, no daylight saving). The moments the cache notes
itself (when a text was seen) are UTC, and said as such.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from mfa_reader.editions import MONTHS, WORDED_DATES

BEIJING_OFFSET = "+08:00"


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date found in a page's text."""

    day: date
    time: tuple[int, int] | None  # (hour, minute) when the text gives it

    def iso(self) -> str:
        if self.time is None:
            return self.day.isoformat()
        hour, minute = self.time
        return f"{self.day.isoformat()}T{hour:02d}:{minute:02d}:00{BEIJING_OFFSET}"


@dataclass(frozen=True, slots=True)
class WrittenDate:
    """A date found in a text, and where: ``text[start:end]`` is how it is written."""

    start: int
    end: int
    date: FoundDate


_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)"
_TIME = r"(?:\s*(?P<hour>[01]?\d|2[0-3])[:：](?P<minute>[0-5]\d))?"
# A year is not the tail of a longer number ("ref 12025-10-17").
_NUMERIC = re.compile(rf"(?<!\d){_YEAR}\s*[-/.]\s*(?P<month>[01]?\d)\s*[-/.]\s*{_DAY}(?!\d){_TIME}")
_CHINESE = re.compile(rf"(?<!\d){_YEAR}\s*年\s*(?P<month>[01]?\d)\s*月\s*{_DAY}\s*日{_TIME}")
_OPTIONAL = re.compile(r"\[([^\]]*)\]")


@cache
def _month_numbers(lang: str) -> dict[str, int]:
    """Each spelling of a month in ``lang``, in lower case, and the month's number."""
    return {name.lower(): i + 1 for i, names in enumerate(MONTHS.get(lang, ())) for name in names}


def _layout_pattern(layout: str, month: str) -> str:
    """A WORDED_DATES layout ("{day} [de ]{month} …") as a regular expression."""
    out = []
    for i, piece in enumerate(_OPTIONAL.split(layout)):
        piece = re.escape(piece).replace(r"\ ", r"\s+")
        if i % 2:  # inside [ ]: optional text
            out.append(f"(?:{piece})?")
            continue
        piece = piece.replace(",", ",?").replace(r"\{month\}", month).replace(r"\{year\}", _YEAR)
        out.append(piece.replace(r"\{day\}", _DAY + r"(?:st|nd|rd|th|er)?"))
    return r"(?<!\w)" + "".join(out) + _TIME


@cache
def _patterns(lang: str) -> tuple[re.Pattern[str], ...]:
    """Every way ``lang`` writes a date: the ISO way, the Chinese way, then with month names."""
    names = sorted(_month_numbers(lang), key=len, reverse=True)
    if not names:
        return (_NUMERIC, _CHINESE)
    month = "(?P<month>" + "|".join(re.escape(n) for n in names) + r")\.?"
    layouts = WORDED_DATES.get(lang, ())
    worded = (
        re.compile(_layout_pattern(layout.lower(), month), re.IGNORECASE) for layout in layouts
    )
    return (_NUMERIC, _CHINESE, *worded)


def _date_of(m: re.Match[str], lang: str) -> FoundDate | None:
    """The date a pattern matched, or ``None`` when there is no such day ("February 30")."""
    month = m["month"]
    number = int(month) if month.isdigit() else _month_numbers(lang).get(month.lower(), 0)
    try:
        day = date(int(m["year"]), number, int(m["day"]))
    except ValueError:
        return None
    return FoundDate(day, (int(m["hour"]), int(m["minute"])) if m["hour"] is not None else None)


# No date and time is written in more characters than this ("September 12th, 2025 22:55").
_LONGEST = 64


def _first_date(pattern: re.Pattern[str], text: str, lang: str, before: int) -> WrittenDate | None:
    """The first date written as ``pattern`` writes it in ``text``, if it starts before
    ``before``."""
    at = 0
    end = min(len(text), before + _LONGEST)
    while (m := pattern.search(text, at, end)) is not None and m.start() < before:
        found = _date_of(m, lang)
        if found is not None:
            return WrittenDate(m.start(), m.end(), found)
        at = m.start() + 1
    return None


def find_written_date(text: str, lang: str) -> WrittenDate | None:
    """The first date in ``text``, written the ISO way, the Chinese way or in ``lang``'s words,
    and where it is written. Each way of writing is looked for only before the earliest date
    found so far."""
    first: WrittenDate | None = None
    for pattern in _patterns(lang):
        found = _first_date(pattern, text, lang, first.start if first else len(text))
        if found is not None:
            first = found
    return first


def find_date(text: str, lang: str) -> FoundDate | None:
    """The first date in ``text``, written the ISO way, the Chinese way or in ``lang``'s words."""
    written = find_written_date(text, lang)
    return written.date if written else None


_URL_DATE = re.compile(r"/t((?:19|20)\d\d)(\d\d)(\d\d)_\d+\.s?html?$")


def date_from_url(url: str) -> date | None:
    """The CMS date in an article address. Not the publication date: a last resort only."""
    m = _URL_DATE.search(url)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def utc_minute(at: str | None) -> str:
    """``2025-10-18 09:00 UTC`` from an ISO date-time the cache noted (always in UTC)."""
    return f"{at[:10]} {at[11:16]} UTC" if at else "when first fetched"
