"""What changed between two texts of an article, laid out as terminal lines for one width.

Each paragraph that changed is shown whole: removed text struck through, added text marked, a
sign in its margin (``−`` removed, ``+`` added, ``~`` reworded) for terminals without colour.
Unchanged paragraphs next to a change stay as context; longer runs of them fold into one line.
Right-to-left editions are right-aligned, and with ``rtl = "app"`` each line is reordered with its
marks kept where its words went (the reader's own line writer does both).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from textual.content import Content
from textual.style import Style

from mfa_reader.diffs import Change, Paragraph, Piece
from mfa_reader.ui.article_layout import Line, LineWriter
from mfa_reader.ui.text import clean, is_rtl, one_line

CONTEXT = 1  # unchanged paragraphs shown on each side of a change
# Characters of scripts that put no spaces between words (the CJK ranges diffs.py splits by).
_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")
MARGIN = {Change.SAME: "  ", Change.ADDED: "+ ", Change.DELETED: "− ", Change.CHANGED: "~ "}


@dataclass(frozen=True, slots=True)
class DiffLayout:
    lines: list[Line]
    changes: tuple[int, ...]  # the line each changed paragraph starts on


@dataclass(frozen=True, slots=True)
class DiffStyles:
    title: Style
    added: Style
    deleted: Style
    changed: Style  # the margin of a reworded paragraph
    folded: Style  # the line standing for unchanged paragraphs
    summary: Style

    @classmethod
    def plain(cls) -> DiffStyles:
        """Styles without a theme (for tests)."""
        return cls(
            title=Style(bold=True),
            added=Style(underline=True),
            deleted=Style(strike=True),
            changed=Style(bold=True),
            folded=Style(dim=True),
            summary=Style(dim=True),
        )


def summary(changes: list[Paragraph]) -> str:
    """``1 paragraph removed, 2 reworded, 1 added`` (the title counted as a paragraph)."""
    counts = {kind: sum(c.change is kind for c in changes) for kind in Change}
    said = [
        f"{counts[kind]} {word}"
        for kind, word in (
            (Change.DELETED, "removed"),
            (Change.CHANGED, "reworded"),
            (Change.ADDED, "added"),
        )
        if counts[kind]
    ]
    if not said:
        return "No paragraph changed."
    first = said[0].split(" ", 1)
    said[0] = f"{first[0]} paragraph{'s' if first[0] != '1' else ''} {first[1]}"
    return ", ".join(said) + "."


def _shown(changes: list[Paragraph], context: int | None) -> list[Paragraph | int]:
    """The paragraphs to show, a run of unchanged ones left out standing as its length."""
    if context is None:
        return list(changes)
    near: set[int] = set()
    for n, change in enumerate(changes):
        if change.change is not Change.SAME:
            near.update(range(n - context, n + context + 1))
    out: list[Paragraph | int] = []
    for n, change in enumerate(changes):
        if n == 0 or n in near:  # the title always: it says what the text is
            out.append(change)
        elif out and isinstance(out[-1], int):
            out[-1] += 1
        else:
            out.append(1)
    return out


def _piece_style(piece: Piece, styles: DiffStyles) -> Style | None:
    if piece.change is Change.DELETED:
        return styles.deleted
    if piece.change is Change.ADDED:
        return styles.added
    return None


def _margin_style(change: Paragraph, styles: DiffStyles) -> Style:
    """The sign's colour, never struck through or underlined (it is not text of the article)."""
    if change.change is Change.CHANGED:
        return styles.changed
    if change.change is Change.SAME:
        return Style()
    text = styles.added if change.change is Change.ADDED else styles.deleted
    return Style(foreground=text.foreground, bold=True)


def _run_together(before: Piece, after: Piece) -> bool:
    """A word taken out right before the word put in its place (``nextlater``): a space keeps
    them apart on screen, and keeps Arabic letters from joining across the two. Chinese, which
    spaces no words, is left as it is."""
    if before.change is not Change.DELETED or after.change is not Change.ADDED:
        return False
    last, first = before.text[-1:], after.text[:1]
    return (
        bool(last and first)
        and not (last.isspace() or first.isspace())
        and not (_WIDE.match(last) or _WIDE.match(first))
    )


def paragraph_content(change: Paragraph, styles: DiffStyles) -> Content:
    """One paragraph, its changes styled (the text is data, never markup)."""
    if change.change is Change.CHANGED:
        shown: list[Content] = []
        for n, piece in enumerate(change.pieces):
            if n and _run_together(change.pieces[n - 1], piece):
                shown.append(Content(" "))
            part = Content(clean(piece.text))
            style = _piece_style(piece, styles)
            shown.append(part.stylize(style) if style is not None else part)
        return Content("").join(shown)
    if change.change is Change.DELETED:
        return Content.styled(clean(change.old or ""), styles.deleted)
    if change.change is Change.ADDED:
        return Content.styled(clean(change.new or ""), styles.added)
    return Content(clean(change.new or ""))


def layout_diff(
    changes: list[Paragraph],
    width: int,
    *,
    edition: str,
    heading: tuple[str, ...] = (),
    app_bidi: bool = False,
    styles: DiffStyles | None = None,
    context: int | None = CONTEXT,
) -> DiffLayout:
    """The lines of ``changes`` (title first, as :func:`~mfa_reader.diffs.diff_versions` gives
    them) at ``width`` cells, under the ``heading`` lines (which versions are compared, what
    changed); ``context`` is how many unchanged paragraphs to keep beside each change (None: all
    of them)."""
    st = styles or DiffStyles.plain()
    out = LineWriter(width, is_rtl(edition), app_bidi)
    for line in heading:  # the reader's words, not the article's: left to right
        for piece in Content.styled(one_line(line), st.summary).wrap(out.width):
            out.lines.append(Line(piece))
    out.blank()
    starts: list[int] = []
    for n, shown in enumerate(_shown(changes, context)):
        if isinstance(shown, int):
            many = "s" if shown != 1 else ""
            # The reader's words, not the article's: left to right, as the heading.
            folded = f"{MARGIN[Change.SAME]}⋯ {shown} unchanged paragraph{many}"
            out.lines.append(Line(Content.styled(folded, st.folded)))
            out.blank()
            continue
        content = paragraph_content(shown, st)
        if n == 0:
            content = content.stylize_before(st.title)
        if shown.change is not Change.SAME:
            starts.append(len(out.lines))
        out.text(content, prefix=MARGIN[shown.change], prefix_style=_margin_style(shown, st))
        out.blank()
    return DiffLayout(out.lines, tuple(starts))
