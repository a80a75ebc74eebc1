"""Text as the terminal shows it: no control or escape sequences, wrapped by cells, and
right-to-left lines laid out for terminals that do no bidi.

Article text is data, never markup: it goes into ``Content``/``Text`` objects as plain strings, and
everything below removes what a terminal would interpret (ESC, C1 controls, carriage returns).
"""

from __future__ import annotations

import re
from functools import lru_cache

from textual.content import Content

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


def native_name(edition_code: str, *, app_bidi: bool = False) -> str:
    """An edition's own name (``عربي``) as the terminal shows it: in visual order when the reader
    lays right-to-left text out itself."""
    name = edition(edition_code).native_name
    return visual_order(name) if app_bidi and is_rtl(edition_code) else name


# Unicode's isolates: a run between them is laid out on its own, then placed as one piece.
_LTR_ISOLATE, _POP_ISOLATE = "\u2066", "\u2069"
_RTL_CLASSES = frozenset({"R", "AL", "AN"})
_LTR_CLASSES = frozenset({"L", "EN"})
# Punctuation that belongs to the sentence around a left-to-right run, not to the run itself.
_RUN_OUTSIDE_END = frozenset(".,;:!?…)]}»\"'”’،؛")
_RUN_OUTSIDE_START = frozenset("([{«\"'“‘")


def ltr_runs(line: str) -> list[tuple[int, int]]:
    """Where a right-to-left line holds left-to-right text (a URL, a file name, a Latin name, a
    number): from its first to its last left-to-right character, with the symbols attached to it
    (``/`` of a path, ``+`` of a phone number) but not the sentence's punctuation after it."""
    from unicodedata import bidirectional

    classes = [bidirectional(ch) for ch in line]
    runs: list[tuple[int, int]] = []
    i, n = 0, len(line)
    while i < n:
        if classes[i] not in _LTR_CLASSES:
            i += 1
            continue
        start, end = i, i + 1
        j = i + 1
        while j < n and classes[j] not in _RTL_CLASSES:
            if classes[j] in _LTR_CLASSES:
                end = j + 1
            j += 1
        while end < n and _attached(line[end], classes[end], _RUN_OUTSIDE_END):
            end += 1
        floor = runs[-1][1] if runs else 0
        while start > floor and _attached(line[start - 1], classes[start - 1], _RUN_OUTSIDE_START):
            start -= 1
        start, end = _with_brackets_closed(line, start, end, floor)
        runs.append((start, end))
        i = j
    return runs


def _with_brackets_closed(line: str, start: int, end: int, floor: int) -> tuple[int, int]:
    """The run, taking in the bracket that closes one it opens (``(t)``), or opens one it
    closes: half a pair would be laid out apart from its other half."""
    for opening, closing in ("()", "[]", "{}"):
        run = line[start:end]
        if run.count(opening) > run.count(closing) and line[end : end + 1] == closing:
            end += 1
        elif (
            run.count(closing) > run.count(opening) and start > floor and line[start - 1] == opening
        ):
            start -= 1
    return start, end


def _attached(ch: str, bidi_class: str, outside: frozenset[str]) -> bool:
    return not ch.isspace() and ch not in outside and bidi_class not in _RTL_CLASSES


@lru_cache(maxsize=4096)
def visual_order(line: str) -> str:
    """One line of right-to-left text as a terminal without bidi must print it, left to right:
    Arabic letters joined into their contextual forms (arabic-reshaper), then reordered
    (python-bidi, base direction right-to-left). Each left-to-right run is an isolate, so that it
    keeps its own order: without one, ``0001.jpg`` at the start of a wrapped line came out as
    ``jpg.0001``."""
    import arabic_reshaper  # type: ignore[import-untyped]
    from bidi import get_display  # type: ignore[import-untyped]
    from bidi.mirror import MIRRORED  # type: ignore[import-untyped]

    marked = line
    for start, end in reversed(ltr_runs(line)):
        marked = f"{marked[:start]}{_LTR_ISOLATE}{marked[start:end]}{_POP_ISOLATE}{marked[end:]}"
    shown = str(get_display(arabic_reshaper.reshape(marked), base_dir="R"))
    # python-bidi's get_display leaves mirroring undone. Outside the isolates everything is
    # right-to-left here, so its brackets face the other way; reversed, an isolate reads from its
    # closing mark to its opening one.
    out: list[str] = []
    inside = False
    for ch in shown:
        if ch == _POP_ISOLATE:
            inside = True
        elif ch == _LTR_ISOLATE:
            inside = False
        else:
            out.append(ch if inside else MIRRORED.get(ch, ch))
    return "".join(out)


def visual_span(logical: str, visual: str, start: int, end: int) -> tuple[int, int] | None:
    """Where ``logical[start:end]`` is in ``visual`` (the line's :func:`visual_order`), or None.

    python-bidi gives no map from logical to visual offsets, so the piece is laid out alone and
    looked for; of several places, the one nearest its mirrored position is taken (in a
    right-to-left line, what comes first logically is on the right). A piece that cuts an Arabic
    word in two is shaped differently alone and is not found.
    """
    piece = logical[start:end]
    lead = len(piece) - len(piece.lstrip())
    piece = piece.strip()
    if not piece:
        return None
    shown = visual_order(piece)
    expected = len(visual) - (start + lead + len(piece) / 2)
    best: tuple[float, int] | None = None
    at = visual.find(shown)
    while at >= 0:
        distance = abs(at + len(shown) / 2 - expected)
        if best is None or distance < best[0]:
            best = (distance, at)
        at = visual.find(shown, at + 1)
    return None if best is None else (best[1], best[1] + len(shown))


def visual_content(content: Content) -> Content:
    """A right-to-left line in visual order (:func:`visual_order`), its styles kept: links stay
    underlined and matches highlighted where they moved to."""
    plain = content.plain
    visual = visual_order(plain)
    shown = Content(visual)
    for span in content.spans:
        where = visual_span(plain, visual, span.start, span.end)
        if where is not None:
            shown = shown.stylize(span.style, *where)
    return shown


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
