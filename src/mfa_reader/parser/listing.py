"""A list page to a ``Listing``: its entries (address, title, date) and its page count."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from mfa_reader.editions import edition_of_url, section_of_url
from mfa_reader.model import ArticleRef, Listing
from mfa_reader.parser.dates import date_from_url, find_date
from mfa_reader.parser.errors import MissingAddress, ParseError
from mfa_reader.parser.select import css
from mfa_reader.parser.text import clean_line
from mfa_reader.parser.urls import canonical_url, doc_id

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
# A date at the end of a title stands in brackets ("标题（2025-10-17）").
_BRACKETS_CLOSED = ("）", ")", "]", "】")
_PAGE_COUNT = re.compile(rb"(?:countPage\s*=\s*|createPageHTML\(\s*['\"]?)(\d{1,5})")
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
    """The number of pages the list has, from the script that writes its page links.

    The pattern is tried only where its first words stand: searching a page with it is slow.
    """
    best: re.Match[bytes] | None = None
    end = len(page)
    for marker in (b"countPage", b"createPageHTML"):
        at = page.find(marker, 0, end)
        while 0 <= at < end:
            m = _PAGE_COUNT.match(page, at)
            if m is not None:
                best, end = m, at
                break
            at = page.find(marker, at + 1)
    return int(best[1]) if best is not None else None


def parse_listing_tree(tree: LexborHTMLParser, page: bytes, url: str | None) -> Listing:
    if not url:
        raise MissingAddress("a list page does not carry its address: give it with --url")
    list_url = canonical_url(url)
    lang = edition_of_url(list_url)
    if lang is None:
        raise ParseError(f"{list_url} is not an address of the ministry's site")
    section = section_of_url(list_url)

    root = tree.root
    if root is None:
        raise ParseError("the page has no document element")
    containers = css(root, _CONTAINER_QUERY)  # nested containers repeat links: `seen` drops them
    links: list[tuple[LexborNode, LexborNode | None]] = [
        (a, c) for c in containers for a in css(c, "a[href]")
    ]
    if not links:
        # No known container: any link to an article below the list's folder is an entry.
        folder = _list_folder(list_url)
        links = [
            (a, None)
            for a in css(root, "a[href]")
            if urlsplit(canonical_url(a.attributes.get("href") or "", list_url)).path.startswith(
                folder
            )
        ]

    items: list[ArticleRef] = []
    seen: set[str] = set()
    for link, container in links:
        attrs = link.attributes
        href = (attrs.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "#", "mailto:")):
            continue
        item_url = canonical_url(href, list_url)
        item_id = doc_id(item_url)
        if item_id is None or item_url in seen:
            continue
        seen.add(item_url)
        raw_text = link.text(deep=True)
        text = clean_line(raw_text)
        in_title = _DATE_IN_TITLE.search(text) if text.endswith(_BRACKETS_CLOSED) else None
        # A date in the link text is the Chinese lists' "标题（2025-10-17）"; otherwise the date
        # stands beside the link (a date inside an English title is the event's, not the entry's).
        found = find_date(in_title.group(), lang) if in_title else None
        title = text[: in_title.start()] if in_title else text
        attr_title = clean_line(attrs.get("title") or "")
        if attr_title and (not title or title.endswith(("...", "…"))):
            title = attr_title
        if found is None:
            entry = _entry_of(link, container)
            if entry is not None:
                beside = entry.text(deep=True, separator=" ").replace(raw_text, " ", 1)
                found = find_date(beside, lang)
        day = found.day if found is not None else date_from_url(item_url)
        items.append(
            ArticleRef(
                url=item_url,
                doc_id=item_id,
                edition=edition_of_url(item_url) or lang,
                section=section or section_of_url(item_url),
                title=title,
                date=day,
            )
        )
    return Listing(url=list_url, items=tuple(items), page_count=page_count(page))
