"""What changed between two texts of an article: by paragraph, then by word or character.

Paragraphs are matched first (``difflib``), so a paragraph added, removed or moved reads as such.
A paragraph that was reworded is then compared by word in scripts that space their words (Latin,
Cyrillic, Arabic) and by character in Chinese. The pieces keep the text's logical order; showing
Arabic right to left is the screen's business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum

from mfa_reader.model import Block, BlockKind, Version

# A paragraph that keeps at least this share of its text was reworded, not replaced.
SAME_PARAGRAPH = 0.5
# CJK ideographs and punctuation are words of their own; elsewhere words and the spaces and
# punctuation between them.
_TOKEN = re.compile(
    r"[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    r"\uff00-\uffef]|\w+|\s+|[^\w\s]"
)


class Change(StrEnum):
    SAME = "same"
    ADDED = "added"
    DELETED = "deleted"
    CHANGED = "changed"  # reworded: see its pieces


@dataclass(frozen=True, slots=True)
class Piece:
    change: Change  # SAME, ADDED or DELETED
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of either text, and how it changed; ``pieces`` spell a CHANGED one out."""

    change: Change
    old: str | None  # None when ADDED
    new: str | None  # None when DELETED
    pieces: tuple[Piece, ...] = ()


def paragraphs(blocks: tuple[Block, ...], title: str) -> list[str]:
    """The texts compared: the title, then each block's text (images have none)."""
    return [title, *(b.text for b in blocks if b.kind is not BlockKind.IMAGE and b.text)]


def diff_versions(old: Version, new: Version) -> list[Paragraph]:
    """What changed from one version of an article to another, title first."""
    return diff_paragraphs(paragraphs(old.blocks, old.title), paragraphs(new.blocks, new.title))


def changed_counts(versions: tuple[Version, ...]) -> dict[int, int]:
    """Version number -> how many paragraphs differ from the version before (0 for the first)."""
    counts: dict[int, int] = {}
    before: Version | None = None
    for version in versions:
        changes = diff_versions(before, version) if before is not None else []
        counts[version.number] = sum(c.change is not Change.SAME for c in changes)
        before = version
    return counts


def diff_paragraphs(old: list[str], new: list[str]) -> list[Paragraph]:
    """Every paragraph of both texts in reading order, each marked with how it changed."""
    out: list[Paragraph] = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.extend(Paragraph(Change.SAME, p, p) for p in old[i1:i2])
        else:
            out.extend(_pair_up(old[i1:i2], new[j1:j2]))
    return out


def _pair_up(old: list[str], new: list[str]) -> list[Paragraph]:
    """A stretch where the texts differ: each old paragraph is paired, in order, with the first
    new one that keeps most of it; what pairs with nothing was deleted or added."""
    out: list[Paragraph] = []
    j = 0
    for paragraph in old:
        match = next(
            (k for k in range(j, len(new)) if _similarity(paragraph, new[k]) >= SAME_PARAGRAPH),
            None,
        )
        if match is None:
            out.append(Paragraph(Change.DELETED, paragraph, None))
            continue
        out.extend(Paragraph(Change.ADDED, None, p) for p in new[j:match])
        out.append(
            Paragraph(Change.CHANGED, paragraph, new[match], diff_words(paragraph, new[match]))
        )
        j = match + 1
    out.extend(Paragraph(Change.ADDED, None, p) for p in new[j:])
    return out


def _similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, _tokens(a), _tokens(b), autojunk=False).ratio()


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def diff_words(old: str, new: str) -> tuple[Piece, ...]:
    """``old`` turned into ``new``: by word, or by character for Chinese."""
    a, b = _tokens(old), _tokens(new)
    pieces: list[Piece] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(Piece(Change.SAME, "".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece(Change.DELETED, "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(Piece(Change.ADDED, "".join(b[j1:j2])))
    return tuple(pieces)


def word_diff_text(changes: list[Paragraph]) -> str:
    """The changed paragraphs as text, the way ``git diff --word-diff`` writes words: removed text
    between ``[-`` and ``-]``, added between ``{+`` and ``+}``, each under a ``@@ ¶N @@`` line
    (N counts the new text's paragraphs, the title being ¶0). Unchanged paragraphs are left out."""
    lines: list[str] = []
    number = 0  # of the paragraph in the new text (a deleted one stands before the next)
    for change in changes:
        if change.change is Change.SAME:
            number += 1
            continue
        where = "title" if number == 0 and change.change is not Change.ADDED else f"¶{number}"
        lines.append(f"@@ {where} @@")
        if change.change is Change.DELETED:
            lines.append(f"[-{change.old}-]")
            continue
        number += 1
        if change.change is Change.ADDED:
            lines.append(f"{{+{change.new}+}}")
        else:
            lines.append("".join(_marked(piece) for piece in change.pieces))
    return "\n".join(lines) + ("\n" if lines else "")


def _marked(piece: Piece) -> str:
    if piece.change is Change.DELETED:
        return f"[-{piece.text}-]"
    if piece.change is Change.ADDED:
        return f"{{+{piece.text}+}}"
    return piece.text
