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
from mfa_reader.parser.article import metas_of, parse_article_tree
from mfa_reader.parser.errors import ParseError, RemovedPage
from mfa_reader.parser.listing import parse_listing_tree
from mfa_reader.parser.text import clean_text, decode
from mfa_reader.parser.urls import canonical_url, doc_id, is_article_url

__all__ = [
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

_MAINTENANCE_TITLE = "系统维护"
_MAINTENANCE_TEXT = "您访问的页面不存在或已删除"
_TAG = re.compile(r"<\s*(?:!doctype|html|head|body|div|p|meta|title|a)\b", re.IGNORECASE)
_DOCUMENT_START = re.compile(r"^\s*<(?:!doctype|html)", re.IGNORECASE)
_DOCUMENT_END = re.compile(r"</\s*(?:html|body)\s*>", re.IGNORECASE)
_ARTICLE_MARKERS = (
    'meta[name="ArticleTitle"]',
    ".news_header_title",
    "#News_Body_Title",
    '[class*="TRS_UEDITOR"]',
    "#News_Body_Txt_A",
    ".news-title h1",
)
_LIST_MARKERS = (".news_list", "ul.list1", "div.rebox_news")


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _load(data: bytes) -> tuple[str, LexborHTMLParser]:
    text = decode(data)
    if not _TAG.search(text[:65536]):
        raise ParseError("the file is not an HTML page")
    if _DOCUMENT_START.match(text) and not _DOCUMENT_END.search(text, max(0, len(text) - 4096)):
        raise ParseError("the page is cut short (its end is missing): fetch it again")
    try:
        # lexbor reads bytes as UTF-8: hand it the original bytes when they are, saving a re-encode.
        tree = LexborHTMLParser(data if len(text) == len(data) or _is_utf8(data) else text)
    except Exception as exc:  # lexbor refuses some inputs outright
        raise ParseError(f"the HTML cannot be read: {exc}") from None
    if tree.body is None:
        raise ParseError("the page has no body")
    return text, tree


def _check_removed(text: str, tree: LexborHTMLParser, metas: dict[str, str]) -> None:
    title = tree.css_first("title")
    title_text = title.text() if title is not None else ""
    if (
        _MAINTENANCE_TITLE in title_text
        or metas.get("ColumnName") == _MAINTENANCE_TITLE
        or (_MAINTENANCE_TEXT in text and "ArticleTitle" not in metas)
    ):
        raise RemovedPage()


def _looks_like_article(tree: LexborHTMLParser, url: str | None) -> bool:
    if url is not None:
        return is_article_url(canonical_url(url))
    return any(tree.css_first(sel) is not None for sel in _ARTICLE_MARKERS) or not any(
        tree.css_first(sel) is not None for sel in _LIST_MARKERS
    )


def _guarded(func: Callable[[], T]) -> T:
    try:
        return func()
    except ParseError:
        raise
    except Exception as exc:  # a parser bug must still reach the user as one line
        raise ParseError(f"unexpected page structure ({type(exc).__name__}: {exc})") from None


def _prepare(data: bytes) -> tuple[str, LexborHTMLParser, dict[str, str]]:
    text, tree = _load(data)
    metas = metas_of(tree)
    _check_removed(text, tree, metas)
    return text, tree, metas


def parse_page(data: bytes, url: str | None = None) -> Article | Listing:
    """Parse a page of either kind, telling list from article by its address or its shape."""

    def run() -> Article | Listing:
        text, tree, metas = _prepare(data)
        if _looks_like_article(tree, url):
            return parse_article_tree(tree, url, metas)
        return parse_listing_tree(tree, text, url)

    return _guarded(run)


def parse_article(data: bytes, url: str | None = None) -> Article:
    def run() -> Article:
        _text, tree, metas = _prepare(data)
        return parse_article_tree(tree, url, metas)

    return _guarded(run)


def parse_listing(data: bytes, url: str) -> Listing:
    def run() -> Listing:
        text, tree, _metas = _prepare(data)
        return parse_listing_tree(tree, text, url)

    return _guarded(run)
