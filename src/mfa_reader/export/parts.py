"""What every export format shows: the header's facts and the body's blocks, grouped.

An image and the caption that follows it are one figure; a caption with no image before it is kept
as a figure without a picture, so no text is lost. Many articles in one file are a
:class:`Collection`: a title, the span of dates and the number of articles.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from mfa_reader.dates import utc_minute
from mfa_reader.editions import EDITIONS, SECTIONS
from mfa_reader.model import Article, BlockKind, TextSeen

# Which text of each article a file of many was made from (the caller knows: the cache does).
VersionOf = Callable[[Article], TextSeen | None]

_EDITION_NAMES = {e.code: e.native_name for e in EDITIONS}
_LANG_TAGS = {e.code: e.lang_tag for e in EDITIONS}
_RTL = {e.code for e in EDITIONS if e.direction.value == "rtl"}


@dataclass(frozen=True, slots=True)
class Header:
    title: str
    published: str  # for reading: "2025-10-17 19:15 (UTC+08:00)" or "2025-10-17"
    published_iso: str
    edition: str  # the edition's own name: "English", "简体中文", "عربي"
    edition_code: str
    lang: str  # BCP 47
    rtl: bool
    section: str
    source: str
    url: str
    retrieved: str  # ISO date
    version: TextSeen | None = None  # which text the site served this was, when known


@dataclass(frozen=True, slots=True)
class Figure:
    src: str | None
    caption: str


@dataclass(frozen=True, slots=True)
class Text:
    kind: BlockKind  # PARAGRAPH, QUESTION or HEADING
    text: str


Part = Figure | Text


def readable_published(published: str) -> str:
    """``2025-10-17T19:15:00+08:00`` -> ``2025-10-17 19:15 (UTC+08:00)``; a bare date stays."""
    if len(published) <= 10:
        return published
    try:
        moment = datetime.fromisoformat(published)
    except ValueError:
        return published
    text = moment.strftime("%Y-%m-%d %H:%M")
    offset = moment.strftime("%z")
    if offset:
        text += f" (UTC{offset[:3]}:{offset[3:]})"
    return text


def section_name(article: Article) -> str:
    if article.section_name:
        return article.section_name
    for s in SECTIONS:
        if s.edition == article.edition and s.id == article.section:
            return s.native_name
    return article.section or ""


def as_published(version: TextSeen) -> str:
    """``2 of 3, as published on the site, seen 2025-10-18 09:00 UTC``."""
    return (
        f"{version.number} of {version.latest}, as published on the site, seen "
        f"{utc_minute(version.seen_at)}"
    )


def header(
    article: Article, retrieved: datetime | None = None, version: TextSeen | None = None
) -> Header:
    """The header's facts; ``retrieved`` defaults to now (the copy being exported is current);
    ``version`` says which text of the article this is."""
    moment = retrieved or datetime.now(UTC)
    return Header(
        title=article.title.strip(),
        published=readable_published(article.published),
        published_iso=article.published,
        edition=_EDITION_NAMES.get(article.edition, article.edition),
        edition_code=article.edition,
        lang=_LANG_TAGS.get(article.edition, article.edition),
        rtl=article.edition in _RTL,
        section=section_name(article).strip(),
        source=article.source.strip(),
        url=article.url,
        retrieved=moment.date().isoformat(),
        version=version,
    )


def body(article: Article) -> list[Part]:
    """The blocks in reading order, images joined with the caption that follows them."""
    parts: list[Part] = []
    pending: str | None = None  # src of an image still waiting for its caption
    pending_alt = ""
    for block in article.blocks:
        if block.kind is BlockKind.CAPTION:
            if pending is not None:
                parts.append(Figure(pending, block.text.strip() or pending_alt))
                pending = None
            elif block.text.strip():
                parts.append(Figure(None, block.text.strip()))
            continue
        if pending is not None:
            parts.append(Figure(pending, pending_alt))
            pending = None
        if block.kind is BlockKind.IMAGE:
            if block.src:
                pending, pending_alt = block.src, block.text.strip()
            elif block.text.strip():
                parts.append(Figure(None, block.text.strip()))
            continue
        text = block.text.replace("\r\n", "\n").replace("\r", "\n").strip()
        if text:
            parts.append(Text(block.kind, text))
    if pending is not None:
        parts.append(Figure(pending, pending_alt))
    return parts


@dataclass(frozen=True, slots=True)
class Collection:
    """Many articles in one file."""

    title: str  # "Regular Press Conferences · English"
    first: str  # ISO date of the oldest article
    last: str  # ISO date of the newest
    count: int
    # The words around the articles are in the first article's language:
    edition_code: str
    lang: str  # BCP 47
    rtl: bool


def in_reading_order(articles: Iterable[Article]) -> list[Article]:
    """Oldest first: a file of many articles reads in the order they were published."""
    return sorted(articles, key=lambda a: a.published)


def collection(articles: Sequence[Article]) -> Collection:
    """What ``articles`` (at least one) are, named by their sections and editions."""
    sections = _few(section_name(a).strip() for a in articles)
    editions = _few(_EDITION_NAMES.get(a.edition, a.edition) for a in articles)
    dates = sorted(a.published[:10] for a in articles)
    return Collection(
        title=" · ".join(name for name in (sections, editions) if name),
        first=dates[0],
        last=dates[-1],
        count=len(articles),
        edition_code=articles[0].edition,
        lang=_LANG_TAGS.get(articles[0].edition, articles[0].edition),
        rtl=articles[0].edition in _RTL,
    )


def _few(names: Iterable[str], most: int = 3) -> str:
    distinct = [name for name in dict.fromkeys(names) if name]
    shown = " / ".join(distinct[:most])
    return shown + " / …" if len(distinct) > most else shown
