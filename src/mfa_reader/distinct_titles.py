"""What tells the rows of a list apart: each title without the words its section's rows share.

A list of press conferences reads "Foreign Ministry Spokesperson Lin Jian's Regular Press
Conference on October 17, 2025" from top to bottom, and a narrow list cuts every row to "Foreign
Ministry Spokesperso…". The words nearly every row of a section has are its template; what is left
(the spokesperson, the topic) tells the rows apart. The title's date goes too when it is the day
the row shows; another day stays (translations come out a day or three after the conference).

Words are found alike in every edition: a Han character is a word (Chinese has no spaces), any
other run of letters goes to the next space. Dates are read in each edition's words
(:mod:`mfa_reader.dates`), and the catalogue's spokespeople are never template.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from mfa_reader.dates import find_written_date
from mfa_reader.editions import POSSESSIVE_ENDINGS, SPEAKERS
from mfa_reader.model import ArticleEntry

SHARED = 0.9  # a word is template when at least this share of a section's rows have it
INNER_RUN = 3  # shared words inside a title go when they are at least this many in a row
SEPARATOR = " · "  # between parts of a title that template words stood between

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(rf"[{_HAN}]|[^\s{_HAN}]+")
_EDGES = " ,;:：，、-–—"  # left at the edge of a part when the words beside it go
_QUOTES = "'\"“”‘’«»()（）"

_Group = tuple[str, str | None]  # edition, section


@dataclass(frozen=True, slots=True)
class DistinctTitle:
    """The words of a title that tell its row apart, and ``end``: where the last of them ends in
    the whole title (a row that shows the title that far shows the title itself)."""

    text: str
    end: int


@dataclass(frozen=True, slots=True)
class _Word:
    start: int
    end: int
    key: str  # what rows compare: case-folded, without a possessive ending or quotes
    date: bool = False  # the title's date, as one word (its key is the day, 2025-10-17)


class DistinctTitles:
    """The template of each section among the rows of one list, learnt from the rows the list
    holds when first asked (its first page: the rows in view), and each row's distinct words."""

    def __init__(self, entries: Sequence[ArticleEntry]) -> None:
        self._entries = entries
        self._shared: dict[_Group, frozenset[str]] | None = None

    def of(self, entry: ArticleEntry) -> DistinctTitle | None:
        """The words of the entry's title that its section's rows do not share; None when the
        title has nothing else (its date is the row's), or its section no template."""
        if self._shared is None:
            self._shared = _learn(self._entries)
        shared = self._shared.get((entry.edition, entry.section))
        return _distinct(entry, shared) if shared else None


def _key(word: str, lang: str) -> str:
    key = word.casefold()
    for ending in POSSESSIVE_ENDINGS.get(lang, ()):
        if key.endswith(ending) and len(key) > len(ending):
            key = key[: -len(ending)]
            break
    return key.strip(_EDGES + _QUOTES) or key


def _words(entry: ArticleEntry) -> list[_Word]:
    """The title's words in order; its date, when it has one, is one word."""
    title, lang = entry.title, entry.edition
    written = find_written_date(title, lang)
    words = []
    for m in _WORD.finditer(title):
        if written is not None and m.start() < written.end and m.end() > written.start:
            continue
        words.append(_Word(m.start(), m.end(), _key(m.group(), lang)))
    if written is not None:
        words.append(_Word(written.start, written.end, written.date.day.isoformat(), date=True))
        words.sort(key=lambda word: word.start)
    return words


@cache
def _spokespeople(lang: str) -> frozenset[str]:
    """The words of the catalogue's spokespeople: what differs from row to row, never template."""
    markers = SPEAKERS.get(lang)
    names = markers.spokespeople if markers else ()
    return frozenset(_key(m.group(), lang) for name in names for m in _WORD.finditer(name))


def _learn(entries: Sequence[ArticleEntry]) -> dict[_Group, frozenset[str]]:
    """For each section among ``entries``, the words at least ``SHARED`` of its rows have."""
    rows: dict[_Group, list[set[str]]] = {}
    for entry in entries:
        keys = {word.key for word in _words(entry) if not word.date}
        rows.setdefault((entry.edition, entry.section), []).append(keys)
    shared: dict[_Group, frozenset[str]] = {}
    for (lang, section), group in rows.items():
        if len(group) < 2:
            continue  # one row shares its words with nothing
        need = math.ceil(SHARED * len(group))
        counts = Counter(key for keys in group for key in keys)
        names = _spokespeople(lang)
        shared[lang, section] = frozenset(
            key for key, n in counts.items() if n >= need and key not in names
        )
    return shared


def _distinct(entry: ArticleEntry, shared: frozenset[str]) -> DistinctTitle | None:
    title = entry.title
    row_day = (entry.published or "")[:10]
    # The row's own date goes, then template words: a run at either end, or one of three words or
    # more inside the title ("on the" in "Remarks on the Attack" stays with the words around it).
    words = [word for word in _words(entry) if not (word.date and word.key == row_day)]
    keep = [True] * len(words)
    start = 0
    while start < len(words):
        end = start
        while end < len(words) and not words[end].date and words[end].key in shared:
            end += 1
        if end > start and (end - start >= INNER_RUN or start == 0 or end == len(words)):
            keep[start:end] = [False] * (end - start)
        start = max(end, start + 1)
    parts: list[str] = []
    last = 0
    index = 0
    while index < len(words):
        if not keep[index]:
            index += 1
            continue
        first = index
        while index + 1 < len(words) and keep[index + 1] and not _gap(title, words, index):
            index += 1
        text = title[words[first].start : words[index].end]
        if index + 1 < len(words) or words[index].end < len(title.rstrip()):
            text = _without_possessive(text, entry.edition)  # what the name owned is gone
        parts.append(text.strip(_EDGES))
        last = words[index].end
        index += 1
    parts = [part for part in parts if part]
    return DistinctTitle(SEPARATOR.join(parts), last) if parts else None


def _gap(title: str, words: list[_Word], index: int) -> bool:
    """Whether the row's own date stood between two kept words (they are then two parts)."""
    between = title[words[index].end : words[index + 1].start]
    return bool(between.strip())


def _without_possessive(text: str, lang: str) -> str:
    for ending in POSSESSIVE_ENDINGS.get(lang, ()):
        if text.endswith(ending) and len(text) > len(ending):
            return text[: -len(ending)]
    return text
