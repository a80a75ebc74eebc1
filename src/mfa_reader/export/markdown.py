"""Markdown (CommonMark): YAML front matter with the header's facts, then the article.

Layout::

    ---
    title: "…"                      # every value double-quoted and escaped: safe YAML
    published: "2025-10-17T19:15:00+08:00"
    edition: "English"
    …
    version: 2                      # which text the site served (when the cache knows)
    versions: 3
    version_seen: "2025-10-18T09:00:00+00:00"
    ---

    # Title

    Published: … · Edition: … · Section: … · Source: …\\
    <https://canonical.url/>\\
    Retrieved: 2026-11-26\\
    Version: 2 of 3, as published on the site, seen 2025-10-18 09:00 UTC

    A paragraph.

    **A journalist's question, in bold.**

    ![caption](https://image.url/)

    *caption*

Characters that mean something to Markdown are escaped so a renderer shows the text exactly as the
ministry wrote it (``*x*`` stays ``*x*``, ``<l>`` is not HTML, ``# set`` is not a heading).

Many articles in one file (:func:`articles_to_markdown`): the front matter and ``# title`` are the
collection's, a numbered list of the articles follows, then each article under its ``## title``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from urllib.parse import quote

from mfa_reader.export.parts import (
    Figure,
    Header,
    Part,
    VersionOf,
    as_published,
    body,
    collection,
    header,
)
from mfa_reader.model import Article, BlockKind, TextSeen

# ASCII punctuation that can start or close Markdown (and common extensions: $ math, ~ strike,
# | tables). CommonMark lets any ASCII punctuation be backslash-escaped, so escaping is always safe.
_INLINE = re.compile(r"([\\`*_\[\]<>#!|~$])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# At the start of a line: list markers, quotes, setext underlines, thematic breaks, ordered lists.
_LINE_START = re.compile(r"^([-+=>])")
_ORDERED = re.compile(r"^(\d{1,9})([.)])")
# Characters YAML does not allow raw even inside double quotes (JSON leaves them as they are).
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def escape_inline(text: str) -> str:
    """``text`` escaped so that a CommonMark renderer shows it literally (one line)."""
    text = _INLINE.sub(r"\\\1", text)
    return _ENTITY.sub(r"\\&", text)


def escape_text(text: str) -> str:
    """A block of text, escaped; its own line breaks become hard breaks (``\\`` at line end)."""
    lines = []
    for raw in text.split("\n"):
        line = escape_inline(raw.strip())
        line = _LINE_START.sub(r"\\\1", line)
        line = _ORDERED.sub(r"\1\\\2", line)
        lines.append(line)
    return "\\\n".join(line for line in lines if line)


def yaml_string(value: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are a subset of YAML's)."""
    encoded = json.dumps(value, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)


def link_destination(url: str) -> str:
    """A URL usable inside ``(...)``: spaces, brackets and angle brackets percent-encoded."""
    return quote(url, safe=":/?#@!$&'*+,;=%~[]-._")


def front_matter(h: Header) -> list[str]:
    fields = {
        "title": h.title,
        "published": h.published_iso,
        "edition": h.edition,
        "edition_code": h.edition_code,
        "lang": h.lang,
        "section": h.section,
        "source": h.source,
        "url": h.url,
        "retrieved": h.retrieved,
    }
    lines = ["---", *(f"{key}: {yaml_string(value)}" for key, value in fields.items())]
    if h.version is not None:
        lines += [f"version: {h.version.number}", f"versions: {h.version.latest}"]
        lines.append(f"version_seen: {yaml_string(h.version.seen_at or '')}")
    return [*lines, "---"]


def facts(h: Header) -> str:
    """The header's facts as one paragraph of three lines: what, where from, when retrieved."""
    first = " · ".join(
        f"{label}: {escape_inline(value)}"
        for label, value in (
            ("Published", h.published),
            ("Edition", h.edition),
            ("Section", h.section),
            ("Source", h.source),
        )
        if value
    )
    facts = f"{first}\\\n<{link_destination(h.url)}>\\\nRetrieved: {h.retrieved}"
    if h.version is not None:
        facts += f"\\\nVersion: {as_published(h.version)}"
    return facts


def article_to_markdown(
    article: Article, *, retrieved: datetime | None = None, version: TextSeen | None = None
) -> str:
    """The article as CommonMark with YAML front matter (see the module's docstring);
    ``version``: which text of it this is."""
    h = header(article, retrieved, version)
    return "\n".join([*front_matter(h), "", *_article(h, article, level=1)]) + "\n"


def articles_to_markdown(
    articles: Sequence[Article],
    *,
    retrieved: datetime | None = None,
    version_of: VersionOf | None = None,
) -> str:
    """Many articles, in the order given, in one CommonMark file (see the module's docstring);
    ``version_of`` says which text of each it is."""
    c = collection(articles)
    span = c.first if c.first == c.last else f"{c.first} – {c.last}"
    moment = (retrieved or datetime.now(UTC)).date().isoformat()
    fields = {"title": c.title, "first": c.first, "last": c.last, "retrieved": moment}
    out = ["---", *(f"{key}: {yaml_string(value)}" for key, value in fields.items())]
    out += [f"articles: {c.count}", "---", "", f"# {escape_inline(c.title)}", ""]
    out += [f"{c.count} articles · {span}", ""]
    heads = [header(a, retrieved, version_of(a) if version_of else None) for a in articles]
    for n, h in enumerate(heads, 1):
        out.append(f"{n}. {h.published_iso[:10]} · {escape_inline(' '.join(h.title.split()))}")
    for h, article in zip(heads, articles, strict=True):
        out += ["", *_article(h, article, level=2)]
    return "\n".join(out) + "\n"


def _article(h: Header, article: Article, level: int) -> list[str]:
    """The article's title as a heading of ``level``, its facts, and its body."""
    title = escape_inline(" ".join(h.title.split()))  # a heading is one line
    out = [f"{'#' * level} {title}", "", facts(h)]
    for part in body(article):
        out += ["", *part_lines(part, level)]
    return out


def part_lines(part: Part, level: int) -> list[str]:
    """One part of an article's body in an article whose title is a heading of ``level``."""
    if isinstance(part, Figure):
        caption = escape_inline(part.caption.replace("\n", " "))
        out = []
        if part.src:
            out.append(f"![{caption}]({link_destination(part.src)})")
            if caption:
                out.append("")
        if caption:
            out.append(f"*{caption}*")
        return out
    if part.kind is BlockKind.QUESTION:
        return [f"**{escape_text(part.text)}**"]
    if part.kind is BlockKind.HEADING:
        return [f"{'#' * (level + 1)} {escape_inline(part.text.replace(chr(10), ' '))}"]
    return [escape_text(part.text)]
