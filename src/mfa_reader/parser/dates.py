"""Dates as each edition writes them, to ISO 8601 in Beijing time.

The site gives no time zone: its times are Beijing time (UTC+8, no daylight saving).
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
    day: date
    time: tuple[int, int] | None  # (hour, minute) when the text gives it

    def iso(self) -> str:
        if self.time is None:
            return self.day.isoformat()
        hour, minute = self.time
        return f"{self.day.isoformat()}T{hour:02d}:{minute:02d}:00{BEIJING_OFFSET}"


_TIME = r"(?:\s*(?P<hour>[01]?\d|2[0-3])[:：](?P<minute>[0-5]\d))?"
_NUMERIC = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d\d)\s*[-/.]\s*(?P<month>[01]?\d)\s*[-/.]\s*(?P<day>[0-3]?\d)(?!\d)"
    + _TIME
)
_CHINESE = re.compile(
    r"(?P<year>(?:19|20)\d\d)\s*年\s*(?P<month>[01]?\d)\s*月\s*(?P<day>[0-3]?\d)\s*日" + _TIME
)


@cache
def _month_lookup(lang: str) -> dict[str, int]:
    return {name: i + 1 for i, names in enumerate(MONTHS.get(lang, ())) for name in names}


_OPTIONAL = re.compile(r"\[([^\]]*)\]")


def _pattern_of(layout: str, month: str) -> str:
    """A WORDED_DATES layout ("{day} [de ]{month} …") as a regular expression."""
    out = []
    for i, piece in enumerate(_OPTIONAL.split(layout)):
        if i % 2:  # inside [ ]: optional text
            out.append("(?:" + re.escape(piece).replace(r"\ ", r"\s+") + ")?")
            continue
        piece = re.escape(piece).replace(r"\ ", r"\s+").replace(",", ",?")
        piece = piece.replace(r"\{month\}", month)
        piece = piece.replace(r"\{day\}", r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er)?")
        piece = piece.replace(r"\{year\}", r"(?P<year>(?:19|20)\d\d)")
        out.append(piece)
    return "".join(out)


@cache
def _worded(lang: str) -> tuple[re.Pattern[str], ...]:
    """The patterns of a date written with a month name in this language (see WORDED_DATES)."""
    names = sorted(_month_lookup(lang), key=len, reverse=True)
    if not names:
        return ()
    month = "(?P<mname>" + "|".join(re.escape(n) for n in names) + r")\.?"
    return tuple(
        re.compile(r"(?<![\w])" + _pattern_of(layout, month) + _TIME, re.IGNORECASE)
        for layout in WORDED_DATES.get(lang, ())
    )


def _build(
    year: str, month: int, day: str, hour: str | None, minute: str | None
) -> FoundDate | None:
    try:
        found = date(int(year), month, int(day))
    except ValueError:
        return None
    return FoundDate(found, (int(hour), int(minute)) if hour is not None and minute else None)


def find_date(text: str, lang: str) -> FoundDate | None:
    """The first date in ``text``, written the ISO way, the Chinese way or in ``lang``'s words."""
    candidates: list[tuple[int, FoundDate]] = []
    for pattern in (_NUMERIC, _CHINESE):
        for m in pattern.finditer(text):
            found = _build(m["year"], int(m["month"]), m["day"], m["hour"], m["minute"])
            if found:
                candidates.append((m.start(), found))
                break
    lookup = _month_lookup(lang)
    for worded in _worded(lang):
        for m in worded.finditer(text):
            month = lookup.get(m["mname"].lower())
            found = _build(m["year"], month, m["day"], m["hour"], m["minute"]) if month else None
            if found:
                candidates.append((m.start(), found))
                break
    if not candidates:
        return None
    return min(candidates, key=lambda c: c[0])[1]


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
