"""Pages of the ministry's site, as bytes, to ``Article`` and ``Listing`` objects.

The parser never touches the network or the cache. Whatever the input, it returns a result or raises
``ParseError`` (``RemovedPage`` for the site's maintenance page) with a one-line reason.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import TypeVar

from selectolax.lexbor import LexborHTMLParser, SelectolaxError

from mfa_reader.model import Article, Listing
from mfa_reader.parser.article import parse_article_tree
from mfa_reader.parser.errors import MissingAddress, ParseError, RemovedPage
from mfa_reader.parser.landmarks import Landmarks
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

log = logging.getLogger(__name__)
T = TypeVar("T")

# The site's maintenance page, which it answers with 200 for removed and unknown pages.
_MAINTENANCE_TITLE = "系统维护"
_MAINTENANCE_TEXT = "您访问的页面不存在或已删除"
_TAG = re.compile(rb"<\s*(?:!doctype|html|head|body|div|p|meta|title|a)\b", re.IGNORECASE)
_DOCUMENT_START = re.compile(rb"(?:\xef\xbb\xbf)?\s*<(?:!doctype|html)", re.IGNORECASE)
_DOCUMENT_END = re.compile(rb"</\s*(?:html|body)\s*>", re.IGNORECASE)
# A page's end tags are in its last few kilobytes (after them only scripts and comments).
_TAIL = 4096
# What only an article page has (current and legacy templates), and only a list page.
_ARTICLE_MARKERS = (
    ".news_header_title",
    "#News_Body_Title",
    ".TRS_UEDITOR",
    '[class*="TRS_UEDITOR"]',
    "#News_Body_Txt_A",
)
_LIST_MARKERS = (".news_list", ".list1", ".rebox_news")


def _has_document_end(data: bytes) -> bool:
    start = max(0, len(data) - _TAIL)
    # (The tags are nearly always written in lower case, and quicker looked for as they are.)
    return (
        data.find(b"</html>", start) >= 0
        or data.find(b"</body>", start) >= 0
        or _DOCUMENT_END.search(data, start) is not None
    )


def _load(data: bytes) -> tuple[LexborHTMLParser, str]:
    """The page's tree, and its encoding."""
    page, encoding = page_input(data)
    if not _TAG.search(data, 0, 65536):
        raise ParseError("the file is not an HTML page")
    if _DOCUMENT_START.match(data) and not _has_document_end(data):
        raise ParseError("the page is cut short (its end is missing): fetch it again")
    try:
        tree = LexborHTMLParser(page)
    except (SelectolaxError, ValueError) as exc:  # lexbor refuses some inputs outright
        raise ParseError(f"the HTML cannot be read: {exc}") from None
    if tree.body is None:
        raise ParseError("the page has no body")
    return tree, encoding


def _check_removed(data: bytes, encoding: str, marks: Landmarks) -> None:
    """Raise ``RemovedPage`` when this is the site's maintenance page."""
    if (
        _MAINTENANCE_TITLE in marks.title
        or marks.meta("ColumnName") == _MAINTENANCE_TITLE
        or ("ArticleTitle" not in marks.metas and _MAINTENANCE_TEXT.encode(encoding) in data)
    ):
        raise RemovedPage()


def _looks_like_article(marks: Landmarks, url: str | None) -> bool:
    """``url``: the page's canonical address, when given."""
    if url is not None:
        return is_article_url(url)
    return (
        "ArticleTitle" in marks.metas
        or marks.first(*_ARTICLE_MARKERS) is not None
        or marks.first(*_LIST_MARKERS) is None
    )


def _guarded(func: Callable[[], T]) -> T:
    """``func()``, with any error that is not a ``ParseError`` turned into one.

    A bug in the parser must still reach the user as one line; its trace goes to the log (and
    fails the test that meets it: see tests/parser_guard.py).
    """
    try:
        return func()
    except ParseError:
        raise
    except Exception as exc:
        log.exception("unexpected error while parsing a page")
        raise ParseError(f"unexpected page structure ({type(exc).__name__}: {exc})") from exc


def _prepare(data: bytes) -> tuple[LexborHTMLParser, Landmarks]:
    tree, encoding = _load(data)
    marks = Landmarks(tree)
    _check_removed(data, encoding, marks)
    return tree, marks


def _address(url: str | None) -> str | None:
    """The page's address as the caller gives it, made canonical (``None`` when not given)."""
    if not url:
        return None
    try:
        return canonical_url(url)
    except ValueError as exc:
        raise ParseError(f"{url!r} is not a web address ({exc})") from None


def parse_page(data: bytes, url: str | None = None) -> Article | Listing:
    """Parse a page of either kind, telling list from article by its address or its shape."""

    def run() -> Article | Listing:
        tree, marks = _prepare(data)
        page_url = _address(url)
        if _looks_like_article(marks, page_url):
            return parse_article_tree(tree, page_url, marks)
        return parse_listing_tree(tree, data, page_url)

    return _guarded(run)


def parse_article(data: bytes, url: str | None = None) -> Article:
    def run() -> Article:
        tree, marks = _prepare(data)
        return parse_article_tree(tree, _address(url), marks)

    return _guarded(run)


def parse_listing(data: bytes, url: str) -> Listing:
    def run() -> Listing:
        tree, _marks = _prepare(data)
        return parse_listing_tree(tree, data, _address(url))

    return _guarded(run)
