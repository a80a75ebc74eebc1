"""The things mfa-reader talks about: editions, sections, list entries and articles.

Plain immutable records with no behaviour beyond conversion to and from JSON-ready dicts, so every
layer (parser, cache, screen, export) can share them without importing each other. They are named
tuples, read by field name and changed with ``_replace``: the reader loads them before its first
paint, and a named tuple is made several times quicker than a frozen dataclass, class and objects
alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import Any, NamedTuple


class Direction(StrEnum):
    LTR = "ltr"
    RTL = "rtl"


class BlockKind(StrEnum):
    PARAGRAPH = "paragraph"
    QUESTION = "question"
    HEADING = "heading"
    IMAGE = "image"
    CAPTION = "caption"


class Edition(NamedTuple):
    """One language edition of the site."""

    code: str  # en zh fr es ru ar
    english_name: str
    native_name: str
    direction: Direction
    lang_tag: str  # BCP 47, for Accept-Language and PDF metadata
    roots: tuple[str, ...]  # absolute URLs of the edition's roots, on both hosts, current first


class Section(NamedTuple):
    """A news section of one edition, with the list pages to crawl for it."""

    id: str  # stable id, e.g. "press-conferences"
    edition: str  # edition code
    native_name: str
    english_name: str
    list_urls: tuple[str, ...]  # absolute URLs of the list's first page(s), canonical host
    confidence: str = "H"  # H/M/L: how sure mfa-site.md is of these paths


class Block(NamedTuple):
    """One block of an article's body, in reading order."""

    kind: BlockKind
    text: str = ""
    src: str | None = None  # images only: absolute URL
    # In a transcript, on the block that opens a turn: who speaks, as the text names them ("Reuters"
    # and "路透社记者" for a question, "Lin Jian" and "林剑" for an answer). Not kept by caches
    # written before it was read: None there.
    speaker: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "text": self.text,
            "src": self.src,
            "speaker": self.speaker,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Block:
        return cls(
            BlockKind(data["kind"]), data.get("text") or "", data.get("src"), data.get("speaker")
        )


class ArticleRef(NamedTuple):
    """An entry of a list page: enough to show a line and fetch the article later."""

    url: str
    doc_id: str
    edition: str
    section: str | None
    title: str
    date: date | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "doc_id": self.doc_id,
            "edition": self.edition,
            "section": self.section,
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
        }


class Listing(NamedTuple):
    """One list page: its entries and, when the page says it, how many pages the list has."""

    url: str
    items: tuple[ArticleRef, ...]
    page_count: int | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "listing",
            "url": self.url,
            "page_count": self.page_count,
            "items": [
                {"url": i.url, "title": i.title, "date": i.date.isoformat() if i.date else None}
                for i in self.items
            ],
        }


class Article(NamedTuple):
    """A parsed article page.

    ``published`` is ISO 8601 in Beijing time: ``2025-10-17T19:15:00+08:00`` when the page gives the
    time, ``2025-10-17`` when it gives only the day.
    """

    url: str
    doc_id: str
    edition: str
    section: str | None  # catalogue id when the URL falls in a known section
    section_name: str  # the section as the page names it (meta ColumnName), may be ""
    title: str
    published: str
    source: str
    blocks: tuple[Block, ...]
    translations: Mapping[str, str] = MappingProxyType({})  # edition code -> URL

    @property
    def published_date(self) -> date:
        return date.fromisoformat(self.published[:10])

    @property
    def images(self) -> list[Block]:
        return [b for b in self.blocks if b.kind is BlockKind.IMAGE]

    @property
    def text_blocks(self) -> list[Block]:
        return [b for b in self.blocks if b.kind is not BlockKind.IMAGE]

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "article",
            "url": self.url,
            "doc_id": self.doc_id,
            "edition": self.edition,
            "section": self.section,
            "section_name": self.section_name,
            "title": self.title,
            "published": self.published,
            "source": self.source,
            "blocks": [b.to_dict() for b in self.blocks],
            "translations": dict(self.translations),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return cls(
            url=data["url"],
            doc_id=data["doc_id"],
            edition=data["edition"],
            section=data.get("section"),
            section_name=data.get("section_name") or "",
            title=data["title"],
            published=data["published"],
            source=data.get("source") or "",
            blocks=tuple(Block.from_dict(b) for b in data.get("blocks", [])),
            translations=dict(data.get("translations") or {}),
        )


class MatchedBy(StrEnum):
    """How the same article was found in another edition, surest first."""

    LINK = "link"  # the article's page links to it
    BACKLINK = "backlink"  # another page links to the article: it is that page, or it links to it
    DATE = "date"  # the press conference of the day the title gives, in that edition's list


class TranslationLink(NamedTuple):
    """Where the same article is in another edition, and how that was found."""

    url: str
    edition: str
    matched_by: MatchedBy


class ArticleEntry(NamedTuple):
    """A line of the article list as the cache knows it: listed, maybe fetched, maybe read."""

    url: str
    doc_id: str
    edition: str
    section: str | None
    title: str
    published: str | None  # ISO 8601 (see Article), or the list date, or None
    has_body: bool
    read: bool
    starred: bool
    removed: bool  # the site was last seen not to serve it (its text, if cached, is kept)
    removed_at: str | None = None  # when that was first seen (ISO date-time, UTC)
    moved_to: str | None = None  # the page now redirects to this article
    version: int = 1  # how many texts of it the site has served (2 and more: it was edited)

    @classmethod
    def unlisted(cls, url: str, *, edition: str, title: str = "") -> ArticleEntry:
        """An article known only by its address (a link to another edition, say)."""
        return cls(url, "", edition, None, title, None, False, False, False, False)


class Version(NamedTuple):
    """One text the site served for an article, numbered in the order they were seen."""

    number: int
    seen_at: str | None  # when the site was first seen serving it (ISO date-time, UTC)
    title: str
    blocks: tuple[Block, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "seen_at": self.seen_at,
            "title": self.title,
            "blocks": [b.to_dict() for b in self.blocks],
        }


class EventKind(StrEnum):
    REMOVED = "removed"  # the site stopped serving the page
    BACK = "back"  # it served it again


class ArticleEvent(NamedTuple):
    at: str  # ISO date-time, UTC
    kind: EventKind


class History(NamedTuple):
    """Every text seen of an article (oldest first, the current one last) and its removals."""

    url: str
    versions: tuple[Version, ...]
    events: tuple[ArticleEvent, ...]

    @property
    def current(self) -> Version:
        return self.versions[-1]

    def version(self, number: int) -> Version | None:
        return next((v for v in self.versions if v.number == number), None)

    def timeline(self) -> list[Version | ArticleEvent]:
        """The versions and the events together, in the order they were seen (an article back
        with a new text: "back", then the text)."""
        seen: list[tuple[str, Version | ArticleEvent]] = [(e.at, e) for e in self.events]
        seen += [(v.seen_at or "", v) for v in self.versions]
        return [what for _, what in sorted(seen, key=lambda pair: pair[0])]

    def seen(self, number: int) -> TextSeen | None:
        """What to say of version ``number``: which of how many, and when it was seen."""
        version = self.version(number)
        if version is None:
            return None
        return TextSeen(number, self.current.number, version.seen_at)


class TextSeen(NamedTuple):
    """Which text of an article a copy was made from: version ``number`` of the ``latest`` kept,
    first seen served by the site at ``seen_at`` (ISO date-time, UTC)."""

    number: int
    latest: int
    seen_at: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "of": self.latest, "seen_at": self.seen_at}


class SearchHit(NamedTuple):
    entry: ArticleEntry
    snippets: tuple[str, ...]  # plain text, the matched words between the markers ``[[`` and ``]]``
    rank: float  # lower is better (bm25)

    @property
    def snippet(self) -> str:
        """The first snippet: around the first match."""
        return self.snippets[0] if self.snippets else ""
