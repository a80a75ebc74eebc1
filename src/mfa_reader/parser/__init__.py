"""Pages of the ministry's site, as bytes, to ``Article`` and ``Listing`` objects.

The parser never touches the network or the cache. Whatever the input, it returns a result or raises
``ParseError`` (``RemovedPage`` for the site's maintenance page) with a one-line reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from selectolax.lexbor import LexborHTMLParser

from mfa_reader.model import Article, Listing
from mfa_reader.parser.article import parse_article_tree
from mfa_reader.parser.errors import MissingAddress, ParseError, RemovedPage
from mfa_reader.parser.landmarks import TRS_BODY, Landmarks
from mfa_reader.parser.listing import parse_listing_tree
from mfa_reader.parser.text import clean_text, page_input
from mfa_reader.parser.urls import canonical_url, doc_id, is_article_url

__all__ = [
    "MissingAddress",
    "ParseError",
    "RemovedPage",
    "canonical_url",
    "clean_text",
    "doc_id",
    "parse_article",
    "parse_listing",
    "parse_page",
]

T = TypeVar("T")

# The checks are made on the page's bytes: a UTF-8 page is not decoded to text (lexbor reads it as
# it is). The maintenance page's words are looked for as the page's encoding writes them.
_MAINTENANCE_TITLE = "系统维护"
_MAINTENANCE_TEXT = "您访问的页面不存在或已删除"
_ENCODINGS = ("utf-8", "gb18030")
_MAINTENANCE_TITLES = {e: _MAINTENANCE_TITLE.encode(e) for e in _ENCODINGS}
_MAINTENANCE_TEXTS = {e: _MAINTENANCE_TEXT.encode(e) for e in _ENCODINGS}
_TITLE_ELEMENT = re.compile(rb"<title\b[^>]*>([^<]*)", re.IGNORECASE)
_TAG = re.compile(rb"<\s*(?:!doctype|html|head|body|div|p|meta|title|a)\b", re.IGNORECASE)
_DOCUMENT_START = re.compile(rb"(?:\xef\xbb\xbf)?\s*<(?:!doctype|html)", re.IGNORECASE)
_DOCUMENT_END = re.compile(rb"</\s*(?:html|body)\s*>", re.IGNORECASE)
_ARTICLE_MARKERS = (".news_header_title", "#News_Body_Title", TRS_BODY, "#News_Body_Txt_A")
_LIST_MARKERS = (".news_list", ".list1", ".rebox_news")
# A page's end tags are in its last few kilobytes (after them only scripts and comments).
_TAIL = 4096


def _has_document_end(data: bytes) -> bool:
    start = max(0, len(data) - _TAIL)
    return (
        data.rfind(b"</html>", start) >= 0  # (from the end, where it stands)
        or data.rfind(b"</body>", start) >= 0
        or _DOCUMENT_END.search(data, start) is not None
    )


def _load(data: bytes) -> tuple[str, LexborHTMLParser]:
    """The page's encoding, and its tree."""
    page, encoding = page_input(data)
    if not _TAG.search(data, 0, 65536):
        raise ParseError("the file is not an HTML page")
    if _DOCUMENT_START.match(data) and not _has_document_end(data):
        raise ParseError("the page is cut short (its end is missing): fetch it again")
    try:
        tree = LexborHTMLParser(page)
    except Exception as exc:  # lexbor refuses some inputs outright
        raise ParseError(f"the HTML cannot be read: {exc}") from None
    if tree.body is None:
        raise ParseError("the page has no body")
    return encoding, tree


def _check_removed(data: bytes, encoding: str, marks: Landmarks) -> None:
    # The <title> is read from the bytes: a CSS query for it would cost more than all of this.
    # (It is nearly always written in lower case, which is quicker to look for.)
    at = data.find(b"<title")
    title = _TITLE_ELEMENT.match(data, at) if at >= 0 else None
    if title is None:
        title = _TITLE_ELEMENT.search(data)
    if (
        (title is not None and _MAINTENANCE_TITLES[encoding] in title[1])
        or marks.meta("ColumnName") == _MAINTENANCE_TITLE
        or (not marks.has_meta("ArticleTitle") and _MAINTENANCE_TEXTS[encoding] in data)
    ):
        raise RemovedPage()


def _looks_like_article(marks: Landmarks, url: str | None) -> bool:
    """``url``: the page's canonical address, when given."""
    if url is not None:
        return is_article_url(url)
    return (
        marks.has_meta("ArticleTitle")
        or marks.has(*_ARTICLE_MARKERS)
        or not marks.has(*_LIST_MARKERS)
    )


def _guarded(func: Callable[[], T]) -> T:
    try:
        return func()
    except ParseError:
        raise
    except Exception as exc:  # a parser bug must still reach the user as one line
        raise ParseError(f"unexpected page structure ({type(exc).__name__}: {exc})") from None


def _prepare(data: bytes) -> tuple[LexborHTMLParser, Landmarks]:
    encoding, tree = _load(data)
    marks = Landmarks(tree)
    _check_removed(data, encoding, marks)
    return tree, marks


def parse_page(data: bytes, url: str | None = None) -> Article | Listing:
    """Parse a page of either kind, telling list from article by its address or its shape."""

    def run() -> Article | Listing:
        tree, marks = _prepare(data)
        page_url = canonical_url(url) if url is not None else None
        if _looks_like_article(marks, page_url):
            return parse_article_tree(tree, page_url, marks)
        return parse_listing_tree(tree, data, page_url)

    return _guarded(run)


def parse_article(data: bytes, url: str | None = None) -> Article:
    def run() -> Article:
        tree, marks = _prepare(data)
        return parse_article_tree(tree, url, marks)

    return _guarded(run)


def parse_listing(data: bytes, url: str) -> Listing:
    def run() -> Listing:
        tree, _marks = _prepare(data)
        return parse_listing_tree(tree, data, url)

    return _guarded(run)
