"""Dates as each edition writes them, to ISO 8601 in Beijing time.

The site gives no time zone: its times are Beijing time (UTC+8, no daylight saving).
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache, partial
from typing import NamedTuple

from mfa_reader.editions import MONTHS, WORDED_DATES

BEIJING_OFFSET = "+08:00"


class FoundDate(NamedTuple):
    """A date found in a page's text (a tuple: it is made for every candidate, so made cheaply)."""

    day: date
    time: tuple[int, int] | None  # (hour, minute) when the text gives it

    def iso(self) -> str:
        if self.time is None:
            return self.day.isoformat()
        hour, minute = self.time
        return f"{self.day.isoformat()}T{hour:02d}:{minute:02d}:00{BEIJING_OFFSET}"


# Found dates made from their fields' tuple, without the named tuple's constructor (a Python
# function): one is made for every date candidate.
_found = partial(tuple.__new__, FoundDate)

_TIME = r"(?:\s*(?P<hour>[01]?\d|2[0-3])[:：](?P<minute>[0-5]\d))?"
# No look-behind for a digit before the year: it would make the regex engine try every position of
# the text (five times slower); ``_first_numeric`` checks the character before instead.
_NUMERIC = re.compile(
    r"(?P<year>(?:19|20)\d\d)\s*[-/.]\s*(?P<month>[01]?\d)\s*[-/.]\s*(?P<day>[0-3]?\d)(?!\d)"
    + _TIME
)
_CHINESE = re.compile(
    r"(?P<year>(?:19|20)\d\d)\s*年\s*(?P<month>[01]?\d)\s*月\s*(?P<day>[0-3]?\d)\s*日" + _TIME
)


@cache
def _month_lookup(lang: str) -> dict[str, int]:
    return {name: i + 1 for i, names in enumerate(MONTHS.get(lang, ())) for name in names}


_OPTIONAL = re.compile(r"\[([^\]]*)\]")


def _pattern_of(layout: str, month: str, n: int) -> str:
    """A WORDED_DATES layout ("{day} [de ]{month} …") as a regular expression, groups named …n."""
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
    return re.sub(r"\(\?P<(\w+)>", rf"(?P<\g<1>{n}>", "".join(out) + _TIME)


_PARTS = ("mname", "day", "year", "hour", "minute")


class _Worded(NamedTuple):
    """The pattern of every layout of a date written with a month name in one language."""

    any_case: re.Pattern[str]
    lower_case: re.Pattern[str] | None  # the same for lower-cased text, twice as quick
    groups: tuple[tuple[str, ...], ...]  # each layout's (mname, day, year, hour, minute) groups


@cache
def _worded(lang: str) -> _Worded | None:
    """The layouts of WORDED_DATES in one pattern, tried in their order at each position; layout
    n's groups are named ``mname{n}``, ``day{n}``, ``year{n}``, ``hour{n}``, ``minute{n}``."""
    names = sorted(_month_lookup(lang), key=len, reverse=True)
    layouts = WORDED_DATES.get(lang, ())
    if not names or not layouts:
        return None
    month = "(?P<mname>" + "|".join(re.escape(n) for n in names) + r")\.?"
    either = "|".join(_pattern_of(layout, month, n) for n, layout in enumerate(layouts))
    source = rf"(?<![\w])(?:{either})"
    lower = all(layout == layout.lower() for layout in layouts) and all(
        name == name.lower() for name in names
    )
    return _Worded(
        re.compile(source, re.IGNORECASE),
        re.compile(source) if lower else None,
        tuple(tuple(f"{part}{n}" for part in _PARTS) for n in range(len(layouts))),
    )


def _build(
    year: str, month: int, day: str, hour: str | None, minute: str | None
) -> FoundDate | None:
    try:
        found = date(int(year), month, int(day))
    except ValueError:
        return None
    return _found((found, (int(hour), int(minute)) if hour is not None and minute else None))


def _first_numeric(pattern: re.Pattern[str], text: str) -> tuple[FoundDate, int] | None:
    """The first valid date matching ``pattern`` whose year is not the tail of a longer number,
    and where it starts."""
    at = 0
    while (m := pattern.search(text, at)) is not None:
        start = m.start()
        if start and text[start - 1].isdigit():
            at = start + 1
            continue
        year, month, day, hour, minute = m.groups()
        found = _build(year, int(month), day, hour, minute)
        if found is not None:
            return found, start
        at = m.end()
    return None


# A worded date is at most this long ("17 de septiembre de 2025 21:30" and looser spacing).
_WORDED_SPAN = 120
_WORD = re.compile(r"\w")
# How far before its month name a worded date starts ("31st de "), and ends after it.
_BEFORE_MONTH = 40
_AFTER_MONTH = 60


def find_date(text: str, lang: str) -> FoundDate | None:
    """The first date in ``text``, written the ISO way, the Chinese way or in ``lang``'s words."""
    best: FoundDate | None = None
    best_at = len(text)
    for pattern in (_NUMERIC, _CHINESE) if "年" in text else (_NUMERIC,):
        first = _first_numeric(pattern, text)
        if first is not None and first[1] < best_at:
            best, best_at = first
    # A worded date must start before the best found so far, with a day or a month name: none
    # can when nothing but spacing and punctuation comes first (a date field, mostly).
    if best is not None and _WORD.search(text, 0, best_at) is None:
        return best
    # It holds a month name: the month names are looked for first, as the patterns are slow.
    limit = min(len(text), best_at + _WORDED_SPAN) if best is not None else len(text)
    names = _month_names(lang)
    if names is None:
        return best
    lowered = text[:limit].lower()
    month_at = names.search(lowered)
    worded = _worded(lang) if month_at is not None else None
    if month_at is None or worded is None:
        return best
    # Lower-cased text is searched with the case-sensitive pattern, unless lower-casing changed
    # its length (and so the positions).
    if worded.lower_case is not None and len(lowered) == limit:
        pattern, text = worded.lower_case, lowered
    else:
        pattern = worded.any_case
    lookup = _month_lookup(lang)
    # The pattern is tried only around each month name, in their order: the day may stand a little
    # before it ("17 de octubre"), the year and time after. (Searching the text in between would
    # try it at every position, with all its layouts.)
    for month_name in names.finditer(lowered, month_at.start()):
        at = max(0, month_name.start() - _BEFORE_MONTH)
        end = min(limit, month_name.end() + _AFTER_MONTH)
        while (w := pattern.search(text, at, end)) is not None and w.start() < best_at:
            for mname, day, year, hour, minute in worded.groups:
                if w[mname] is not None:
                    month = lookup.get(w[mname].lower())
                    found = _build(w[year], month, w[day], w[hour], w[minute]) if month else None
                    if found:
                        return found
                    break
            at = w.start() + 1
        if at >= best_at:
            break
    return best


@cache
def _month_names(lang: str) -> re.Pattern[str] | None:
    """Any month name of ``lang`` in lower-cased text: a quick test before the date patterns."""
    names = sorted(_month_lookup(lang), key=len, reverse=True)
    return re.compile("|".join(re.escape(n) for n in names)) if names else None


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
