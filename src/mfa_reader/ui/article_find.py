"""Finding words in a laid-out article: where each match is on screen, line by line.

The pattern is run over each text of the article as it was laid out (the title, each block), and
every match is mapped onto the lines that show it: a phrase wrapped over two lines is marked on
both. Lines that the reader reordered for ``rtl = "app"`` get their piece of the match where the
reordering put it (:func:`~mfa_reader.ui.text.visual_span`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from mfa_reader.ui.article_layout import TITLE, Layout, Line
from mfa_reader.ui.text import visual_span


@dataclass(frozen=True, slots=True)
class Mark:
    """A piece of match ``number`` on line ``line``: ``content[start:end]`` of that line."""

    number: int
    line: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Matches:
    marks: list[Mark]
    first_lines: list[int]  # the line each match starts on, by match number
    first_in_body: int | None  # the first match after the title, if any
    by_line: dict[int, list[Mark]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.first_lines)

    def on_line(self, line: int) -> list[Mark]:
        return self.by_line.get(line, [])


def find_matches(layout: Layout, pattern: re.Pattern[str]) -> Matches:
    """Every match of ``pattern`` in the article's texts, in reading order."""
    lines_of: dict[int, list[tuple[int, Line]]] = {}
    for number, line in enumerate(layout.lines):
        if line.source is not None:
            lines_of.setdefault(line.source.text, []).append((number, line))
    marks: list[Mark] = []
    first_lines: list[int] = []
    first_in_body = None
    for key in sorted(layout.texts):
        lines = lines_of.get(key, [])
        starts = [line.source.start for _, line in lines if line.source is not None]
        text = layout.texts[key]
        for found in pattern.finditer(text):
            if found.end() == found.start():
                continue
            pieces = _pieces(text, lines, starts, found.start(), found.end(), len(first_lines))
            if not pieces:
                continue
            if first_in_body is None and key != TITLE:
                first_in_body = len(first_lines)
            first_lines.append(pieces[0].line)
            marks.extend(pieces)
    by_line: dict[int, list[Mark]] = {}
    for mark in marks:
        by_line.setdefault(mark.line, []).append(mark)
    return Matches(marks, first_lines, first_in_body, by_line)


def _pieces(
    text: str, lines: list[tuple[int, Line]], starts: list[int], start: int, end: int, number: int
) -> list[Mark]:
    """The pieces of ``text[start:end]`` on the lines that show it."""
    pieces: list[Mark] = []
    for line_number, line in lines[max(bisect_right(starts, start) - 1, 0) :]:
        source = line.source
        assert source is not None
        if source.start >= end:
            break
        low, high = max(start, source.start), min(end, source.end)
        if low >= high:
            continue
        if source.visual:
            where = visual_span(
                text[source.start : source.end],
                line.content.plain[source.shift :],
                low - source.start,
                high - source.start,
            )
            if where is None:
                continue
            low, high = where[0] + source.start, where[1] + source.start
        shift = source.shift - source.start
        pieces.append(Mark(number, line_number, low + shift, high + shift))
    return pieces
