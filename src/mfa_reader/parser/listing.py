"""A list page to a ``Listing``: its entries (address, title, date) and its page count."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from mfa_reader.dates import FoundDate, date_from_url, find_date
from mfa_reader.editions import edition_of_url, section_of_url
from mfa_reader.model import ArticleRef, Listing
from mfa_reader.parser.errors import MissingAddress, ParseError
from mfa_reader.parser.select import css
from mfa_reader.parser.text import clean_line
from mfa_reader.parser.urls import doc_id, site_address

# Containers of list entries: current English and other editions, current Chinese, legacy Chinese,
# and the list modules named in the site's style sheets.
_CONTAINERS = (
    ".news_list",
    "ul.list1",
    "div.rebox_news",
    ".list_box",
    ".data_list_module",
    ".activities_list",
    ".newsList",
    ".list-main",
)
_CONTAINER_QUERY = ", ".join(_CONTAINERS)
_PAGE_COUNT = re.compile(rb"(?:countPage\s*=\s*|createPageHTML\(\s*['\"]?)(\d{1,5})")
# A date at the end of a title stands in brackets ("标题（2025-10-17）").
_CLOSING_BRACKETS = ("）", ")", "]", "】")
_DATE_IN_TITLE = re.compile(
    r"\s*[（(\[【]\s*\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s*[）)\]】]\s*$"
)
_ENTRY_TAGS = frozenset(("li", "div", "tr", "dd", "p"))


def _entry_of(link: LexborNode, container: LexborNode | None) -> LexborNode | None:
    """The element that holds one entry: the link's nearest li/div/tr, inside the container."""
    node = link.parent
    while node is not None and (container is None or node.mem_id != container.mem_id):
        if node.tag in _ENTRY_TAGS:
            return node
        node = node.parent
    return None


def _list_folder(url: str) -> str:
    path = urlsplit(url).path
    return path if path.endswith("/") else path.rsplit("/", 1)[0] + "/"


def page_count(page: bytes) -> int | None:
    """The number of pages the list has, from the script that writes its page links."""
    m = _PAGE_COUNT.search(page)
    return int(m[1]) if m is not None else None


def _date_beside(link: LexborNode, container: LexborNode | None, lang: str) -> FoundDate | None:
    """The date written beside a link in its entry: ``<div><a>…</a><div>October 17</div></div>``."""
    entry = _entry_of(link, container)
    if entry is None:
        return None
    return find_date(
        entry.text(deep=True, separator=" ").replace(link.text(deep=True), " ", 1), lang
    )


def _entry_links(root: LexborNode, list_url: str) -> list[tuple[LexborNode, LexborNode | None]]:
    """The links of the list's entries, each with the container it stands in."""
    # (Nested containers repeat links: the caller drops those already seen.)
    links: list[tuple[LexborNode, LexborNode | None]] = [
        (a, c) for c in css(root, _CONTAINER_QUERY) for a in css(c, "a[href]")
    ]
    if links:
        return links
    # No known container: any link below the list's folder is an entry.
    folder = _list_folder(list_url)
    below: list[tuple[LexborNode, LexborNode | None]] = []
    for link in css(root, "a[href]"):
        address = site_address(link.attributes.get("href") or "", list_url)
        if address is not None and urlsplit(address).path.startswith(folder):
            below.append((link, None))
    return below


def _entry(
    link: LexborNode, container: LexborNode | None, list_url: str, lang: str, section: str | None
) -> ArticleRef | None:
    """The entry a link of the list stands for; ``None`` when it does not lead to an article."""
    item_url = site_address(link.attributes.get("href") or "", list_url)
    item_id = doc_id(item_url) if item_url is not None else None
    if item_url is None or item_id is None:
        return None
    text = clean_line(link.text(deep=True))
    # A date in the link text is the Chinese lists' "标题（2025-10-17）"; otherwise the date stands
    # beside the link (a date inside an English title is the event's, not the entry's).
    in_title = _DATE_IN_TITLE.search(text) if text.endswith(_CLOSING_BRACKETS) else None
    found = find_date(in_title.group(), lang) if in_title else None
    title = text[: in_title.start()] if in_title else text
    attr_title = clean_line(link.attributes.get("title") or "")
    if attr_title and (not title or title.endswith(("...", "…"))):
        title = attr_title
    if found is None:
        found = _date_beside(link, container, lang)
    return ArticleRef(
        url=item_url,
        doc_id=item_id,
        edition=edition_of_url(item_url) or lang,
        section=section or section_of_url(item_url),
        title=title,
        date=found.day if found is not None else date_from_url(item_url),
    )


def parse_listing_tree(tree: LexborHTMLParser, page: bytes, list_url: str | None) -> Listing:
    """The list on a page (``page``, its bytes); ``list_url`` is its canonical address."""
    if not list_url:
        raise MissingAddress("a list page does not carry its address: give it with --url")
    lang = edition_of_url(list_url)
    if lang is None:
        raise ParseError(f"{list_url} is not an address of the ministry's site")
    section = section_of_url(list_url)
    root = tree.root
    if root is None:
        raise ParseError("the page has no document element")

    items: dict[str, ArticleRef] = {}  # by address: the first of each
    for link, container in _entry_links(root, list_url):
        item = _entry(link, container, list_url, lang, section)
        if item is not None and item.url not in items:
            items[item.url] = item
    return Listing(url=list_url, items=tuple(items.values()), page_count=page_count(page))
