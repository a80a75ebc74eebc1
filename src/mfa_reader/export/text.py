"""Plain text: UTF-8, LF line ends, a header of facts, then the body one paragraph per line.

Layout (chosen so the text reads well in a pager and greps well)::

    Title of the article
    ====================

    Published: 2025-10-17 19:15 (UTC+08:00)
    Edition:   English
    Section:   Regular Press Conferences
    Source:    Ministry of Foreign Affairs
    URL:       https://www.fmprc.gov.cn/eng/...
    Retrieved: 2026-11-26
    Version:   2 of 3, as published on the site, seen 2025-10-18 09:00 UTC

    A paragraph, on one line unless wrap=N is given.

    Q: A journalist's question is prefixed "Q: " (continuation lines indented when wrapped).

    [Image: the caption]

    [Image] https://... (an image with no caption gives its address)

Paragraphs are separated by a blank line. Arabic stays in logical order (the order it is typed in);
the reader's terminal or editor lays it out right to left. ``wrap`` counts terminal cells: a Chinese
character is two cells; lines break where Unicode's line-breaking rules (UAX #14, through wcwidth)
allow, so closing punctuation never begins a line, and hyphenated words stay whole.
"""

from __future__ import annotations

from datetime import datetime

import wcwidth

from mfa_reader.editions import SPEAKERS
from mfa_reader.export.errors import ExportError
from mfa_reader.export.parts import Figure, Header, as_published, body, header
from mfa_reader.model import Article, BlockKind, TextSeen

QUESTION_MARK = "Q: "
MIN_WRAP = 10


def _fill(text: str, wrap: int | None, first: str = "", rest: str = "") -> list[str]:
    """``text`` prefixed with ``first``; wrapped lines after the first get ``rest``."""
    out: list[str] = []
    for line in text.split("\n"):
        if wrap is None:
            out.append(first + line if not out else rest + line)
            continue
        lead = first if not out else rest
        width = max(wrap - wcwidth.width(lead), 1)
        pieces = wcwidth.wrap(line, width, break_on_hyphens=False) or [""]
        out.append(lead + pieces[0])
        out.extend(rest + p for p in pieces[1:])
    return out


def _marked(text: str, edition: str) -> bool:
    """Whether a question already starts with its language's question mark (Arabic "س:")."""
    markers = SPEAKERS.get(edition)
    if markers is None:
        return False
    head = text[:6].replace(" ", "")
    return any(head.startswith((mark + ":", mark + "：")) for mark in markers.question_marks)


def header_lines(h: Header, wrap: int | None = None) -> list[str]:
    title = _fill(h.title, wrap)
    rule = "=" * max(min(max(wcwidth.width(line) for line in title), wrap or 10_000), 3)
    lines = [*title, rule, ""]
    facts = [
        ("Published", h.published),
        ("Edition", h.edition),
        ("Section", h.section),
        ("Source", h.source),
        ("URL", h.url),
        ("Retrieved", h.retrieved),
        ("Version", as_published(h.version) if h.version else ""),
    ]
    for label, value in facts:
        if value and label == "URL":
            lines.append(f"{label + ':':<11}{value}")  # an address is never broken
        elif value:
            lines.extend(_fill(value, wrap, f"{label + ':':<11}", " " * 11))
    return lines


def article_to_text(
    article: Article,
    *,
    wrap: int | None = None,
    retrieved: datetime | None = None,
    version: TextSeen | None = None,
) -> str:
    """The article as plain text (see the module's docstring for the layout); ``version``: which
    text of it this is."""
    if wrap is not None and wrap < MIN_WRAP:
        raise ExportError(f"The wrap width must be at least {MIN_WRAP} cells (got {wrap}).")
    lines = header_lines(header(article, retrieved, version), wrap)
    for part in body(article):
        lines.append("")
        if isinstance(part, Figure):
            if part.caption:
                lines.extend(_fill(f"[Image: {part.caption}]", wrap))
            else:
                lines.append(f"[Image] {part.src}")
        elif part.kind is BlockKind.QUESTION and not _marked(part.text, article.edition):
            lines.extend(_fill(part.text, wrap, QUESTION_MARK, " " * len(QUESTION_MARK)))
        else:
            lines.extend(_fill(part.text, wrap))
    return "\n".join(lines) + "\n"
