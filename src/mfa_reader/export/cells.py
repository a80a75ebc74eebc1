"""Wrapping text by terminal cells: a CJK character takes two, combining marks none.

``textwrap`` counts characters, which makes Chinese lines twice as wide as asked. This wraps at
spaces between words and between any two wide (CJK) characters, and keeps closing punctuation off
the start of a line and opening punctuation off its end, as Chinese typesetting wants.
"""

from __future__ import annotations

import re

from wcwidth import wcswidth, wcwidth

# Characters that must not begin a line (closing brackets and quotes, stops, commas) and ones that
# must not end it (opening brackets and quotes).
CLOSING = frozenset(
    "，。、；：！？）」』】》〉〕〗〙〛’”…‥·・ー～,.;:!?)]}%"
    "\u3001\u3002\uff0c\uff0e\uff1a\uff1b\uff01\uff1f\uff09\uff3d\uff5d"
)
OPENING = frozenset("（「『【《〈〔〖〘〚‘“([{\uff08\uff3b\uff5b")

_SPACE = re.compile(r"\s+")


def cell_width(text: str) -> int:
    """The width of ``text`` in terminal cells (control characters count as nothing)."""
    width = wcswidth(text)
    if width >= 0:
        return width
    return sum(max(wcwidth(ch), 0) for ch in text)


def _atoms(paragraph: str) -> list[str]:
    """Spaces (as one ' '), runs of narrow characters, and single wide characters."""
    atoms: list[str] = []
    word = ""
    for ch in paragraph:
        if ch.isspace():
            if word:
                atoms.append(word)
                word = ""
            if atoms and atoms[-1] != " ":
                atoms.append(" ")
        elif wcwidth(ch) == 2:
            if word:
                atoms.append(word)
                word = ""
            atoms.append(ch)
        elif not word and ch in CLOSING:
            atoms.append(ch)  # right after a wide character: joins it in _tokens
        else:
            word += ch
    if word:
        atoms.append(word)
    return atoms


def _tokens(paragraph: str) -> list[str]:
    """Unbreakable pieces: closing marks join the piece before, opening marks the piece after."""
    tokens: list[str] = []
    glue = False  # the last token ends with an opening mark: the next piece joins it
    for atom in _atoms(paragraph):
        if atom == " ":
            glue = False
            if tokens and tokens[-1] != " ":
                tokens.append(" ")
            continue
        if tokens and tokens[-1] != " " and (glue or atom[0] in CLOSING):
            tokens[-1] += atom
        else:
            tokens.append(atom)
        glue = atom[-1] in OPENING
    while tokens and tokens[-1] == " ":
        tokens.pop()
    return tokens


def _split_long(token: str, width: int) -> list[str]:
    """A piece wider than a whole line, cut by cells."""
    pieces: list[str] = []
    current = ""
    for ch in token:
        # a closing mark hangs past the edge rather than begin the next line
        if current and ch not in CLOSING and cell_width(current + ch) > width:
            pieces.append(current)
            current = ch
        else:
            current += ch
    if current:
        pieces.append(current)
    return pieces


def wrap_cells(paragraph: str, width: int) -> list[str]:
    """Lines of at most ``width`` cells (a single character wider than that stands alone)."""
    if width < 1:
        raise ValueError("wrap width must be at least 1 cell")
    lines: list[str] = []
    current = ""
    current_width = 0
    for token in _tokens(paragraph.strip()):
        if token == " ":
            if current:
                current += " "
                current_width += 1
            continue
        w = cell_width(token)
        if current_width + w <= width:
            current += token
            current_width += w
            continue
        if current.strip():
            lines.append(current.rstrip())
        current, current_width = "", 0
        if w <= width:
            current, current_width = token, w
            continue
        pieces = _split_long(token, width)
        lines.extend(pieces[:-1])
        current = pieces[-1]
        current_width = cell_width(current)
    if current.strip():
        lines.append(current.rstrip())
    return lines


def collapse_space(text: str) -> str:
    return _SPACE.sub(" ", text).strip()
