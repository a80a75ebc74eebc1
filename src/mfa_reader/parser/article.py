"""An article page to an ``Article``: current template, legacy template, and a tolerant fallback.

Each field is looked for in the places the site's templates put it, most reliable first (see
``landmarks.py``). The publication date comes from the page; the date in the address is the CMS's
and is used only when the page gives none.
"""

from __future__ import annotations

import re
from dataclasses import replace

from selectolax.lexbor import LexborHTMLParser, LexborNode

from mfa_reader.dates import FoundDate, date_from_url, find_date
from mfa_reader.editions import (
    EDITION_CODES,
    LANGUAGE_LINK_KEYS,
    edition_of_url,
    section_of_url,
)
from mfa_reader.model import Article, Block
from mfa_reader.parser import landmarks
from mfa_reader.parser.blocks import RawBlock, classify, raw_blocks
from mfa_reader.parser.errors import MissingAddress, ParseError
from mfa_reader.parser.landmarks import Landmarks
from mfa_reader.parser.select import css, css_first
from mfa_reader.parser.text import clean_line
from mfa_reader.parser.urls import doc_id, site_address

# <title> is "Title_Site name" in the edition's language.
_TITLE_SUFFIX = re.compile(
    r"[_|]\s*(?:Ministry of Foreign Affairs|中华人民共和国外交部|外交部|Ministère des Affaires"
    r"|Ministerio de (?:Asuntos|Relaciones) Exteriores|Министерство иностранных дел|وزارة الخارجية)"
    r"[^_|]*$"
)

# Page furniture that the legacy templates keep inside the article text: language bars, print,
# close and share buttons, leaked image file names. A short line made of nothing else is dropped.
_FURNITURE_TOKEN = (
    r"(?:Suggest to a friend|Print this page|Print|Close|【\s*(?:打印|关闭|大|中|小)\s*】"
    r"|\[\s*(?:打印|关闭)\s*\]|打印本页|关闭窗口|分享到|Share to|Imprimer|Imprimir|Печать|طباعة"
    r"|عربي|العربية|Español|Русский|Français|简体中文|中文|English|繁體|繁体|日本語"
    r"|[\w-]+\.(?:png|jpe?g|gif|bmp))"
)
_FURNITURE_LINE = re.compile(
    rf"[\W_]*{_FURNITURE_TOKEN}(?:[\W_]*{_FURNITURE_TOKEN})*[\W_]*", re.IGNORECASE
)
_FURNITURE_LENGTH = 160
# An image's file name leaked into a short line of text (beside a date, mostly). The extension is
# looked for first: the pattern's look-behind makes it slow to try at every position.
_LEAKED_IMAGE = re.compile(r"(?<![\w/.])[\w-]+\.(?:png|jpe?g|gif|bmp)(?![\w/])", re.IGNORECASE)
_IMAGE_EXTENSION = re.compile(r"\.(?:png|jpe?g|gif|bmp)", re.IGNORECASE)
_LEAKED_IMAGE_LENGTH = 200
_SOURCE_LABEL = re.compile(r"^(?:来源|Source|Fuente|Source\s?)\s*[:：]\s*")


def _without_furniture(raw: list[RawBlock]) -> list[RawBlock]:
    """The blocks without page furniture, and without image names leaked into their text."""
    kept: list[RawBlock] = []
    for block in raw:
        text = block.text
        if block.src is None and len(text) <= _FURNITURE_LENGTH and _FURNITURE_LINE.fullmatch(text):
            continue
        if (
            block.src is None
            and len(text) <= _LEAKED_IMAGE_LENGTH
            and _IMAGE_EXTENSION.search(text)
            and _LEAKED_IMAGE.search(text)
        ):
            block = replace(block, text=_LEAKED_IMAGE.sub("", text).strip())
        kept.append(block)
    return kept


def _text_of(node: LexborNode | None) -> str:
    return clean_line(node.text(deep=True)) if node is not None else ""


def _edition(url: str, tree: LexborHTMLParser) -> str:
    code = edition_of_url(url)
    if code is not None:
        return code
    root = tree.root
    lang = ((root.attributes.get("lang") if root is not None else None) or "").lower()[:2]
    if lang in EDITION_CODES:
        return lang
    raise ParseError(f"{url} is not an address of the ministry's site")


def _title(marks: Landmarks) -> str:
    title = marks.meta("ArticleTitle") or _text_of(marks.first(*landmarks.TITLE))
    if not title:
        headline = marks.first(landmarks.HEADLINE)
        title = _text_of(css_first(headline, "h1") if headline is not None else marks.first("h1"))
    if not title:
        title = _TITLE_SUFFIX.sub("", clean_line(marks.title)).rstrip()
    return title


def _published(
    tree: LexborHTMLParser, marks: Landmarks, lang: str, title: str, url: str
) -> FoundDate:
    """The publication date, from the most reliable place the page gives it."""
    found = (
        _template_date(marks, lang)
        or _date_under_title(tree, marks, lang, title)
        or find_date(marks.meta("PubDate"), lang)
        or find_date(title, lang)
    )
    if found is not None:
        return found
    day = date_from_url(url)  # (the CMS's date: a last resort)
    if day is None:
        raise ParseError("no publication date found on the page")
    return FoundDate(day, None)


def _template_date(marks: Landmarks, lang: str) -> FoundDate | None:
    """The date in a template's own date element. It is the page's word: a legacy page gives the
    day alone, and a time in its text is an event's."""
    for selector in landmarks.DATE:
        node = marks.first(selector)
        found = find_date(node.text(deep=True), lang) if node is not None else None
        if found is not None:
            return found
    return None


def _date_under_title(
    tree: LexborHTMLParser, marks: Landmarks, lang: str, title: str
) -> FoundDate | None:
    """The date line under the title, with its time when the text near the title gives one."""
    headline = marks.first(landmarks.HEADLINE)
    line = css_first(headline, "p") if headline is not None else None
    found = find_date(line.text(deep=True), lang) if line is not None else None
    if found is None or found.time is None:
        near = _date_near_title(tree, title, lang)
        if near is not None and (found is None or near.day == found.day):
            return near
    return found


def _date_near_title(tree: LexborHTMLParser, title: str, lang: str) -> FoundDate | None:
    """The first ``YYYY-MM-DD HH:MM`` after the title in the page's visible text."""
    body = tree.body
    if body is None or not title:
        return None
    text = body.text(deep=True, separator="\n")
    at = text.find(title[:40])
    if at < 0:
        return None
    # Start after the title's line: a title may hold a date of its own ("… el 15 de Agosto …").
    line_end = text.find("\n", at)
    start = line_end if line_end >= 0 else at + len(title)
    found = find_date(text[start : start + 600], lang)
    return found if found is not None and found.time is not None else None


def _source(marks: Landmarks) -> str:
    # Pages of the current template carry meta ContentSource (often empty) and may show the
    # source in .xl_source: the other templates' places are not theirs.
    places = landmarks.SOURCE[:1] if "ContentSource" in marks.metas else landmarks.SOURCE
    source = _text_of(marks.first(*places)) or marks.meta("ContentSource")
    return _SOURCE_LABEL.sub("", source)


def _translations(marks: Landmarks, url: str, own: str) -> dict[str, str]:
    """The addresses of this article in other editions, by edition code."""
    found: dict[str, str] = {}
    bar = marks.first(landmarks.LANGUAGE_LINKS)
    # Each link stands in a span whose data-desc names the language (the link has no text).
    for link in css(bar, "span[data-desc] > a[href]") if bar is not None else ():
        span = link.parent
        key = (span.attributes.get("data-desc") or "").strip() if span is not None else ""
        code = LANGUAGE_LINK_KEYS.get(key)
        href = (link.attributes.get("href") or "").strip()
        if code and code != own and code not in found and href and not href.startswith("#"):
            address = site_address(href, url)
            if address is not None:
                found[code] = address
    return found


def _largest_text_container(tree: LexborHTMLParser) -> LexborNode | None:
    """For pages of no known template: the element whose paragraphs hold the most text."""
    text_under: dict[int, int] = {}  # by the parent's mem_id
    parents: dict[int, LexborNode] = {}
    for p in css(tree.root, "p") if tree.root is not None else ():
        if p.parent is not None:
            key = p.parent.mem_id
            parents[key] = p.parent
            text_under[key] = text_under.get(key, 0) + len(p.text(deep=True).strip())
    best = max(text_under, key=text_under.__getitem__, default=None)
    return parents[best] if best is not None and text_under[best] > 0 else None


def _drop_header_lines(raw: list[RawBlock], title: str, lang: str) -> list[RawBlock]:
    """The blocks without the title and the date line they may start with."""
    out = list(raw)
    for _ in range(3):
        first = out[0] if out else None
        if first is None or first.src is not None:
            break
        if first.text == title or (len(first.text) < 60 and find_date(first.text, lang)):
            out.pop(0)
        else:
            break
    return out


def _page_address(marks: Landmarks, url: str | None) -> str:
    """The article's address: as given (canonical), else as the page gives it (on the site)."""
    if url:
        return url
    given = marks.meta("Url") or marks.meta("twitter:url")
    if not given:
        link = marks.first('link[rel="canonical"]')
        given = (link.attributes.get("href") or "") if link is not None else ""
    if not given:
        raise MissingAddress("the page does not carry its address: give it with --url")
    address = site_address(given)
    if address is None:
        raise ParseError("the page's address is not on the ministry's site: give it with --url")
    return address


def parse_article_tree(tree: LexborHTMLParser, url: str | None, marks: Landmarks) -> Article:
    """The article on a page; ``url``, when given, is its canonical address."""
    page_url = _page_address(marks, url)
    article_id = _article_id(marks, page_url)
    lang = _edition(page_url, tree)
    title = _title(marks)
    if not title:
        raise ParseError("no title found: this is not an article page of the ministry's site")
    blocks = _blocks(tree, marks, page_url, title, lang)
    return Article(
        url=page_url,
        doc_id=article_id,
        edition=lang,
        section=section_of_url(page_url),
        section_name=marks.meta("ColumnName") or _breadcrumb(marks),
        title=title,
        published=_published(tree, marks, lang, title, page_url).iso(),
        source=_source(marks),
        blocks=blocks,
        translations=_translations(marks, page_url, lang),
    )


def _article_id(marks: Landmarks, page_url: str) -> str:
    article_id = doc_id(page_url)
    if article_id is None and marks.meta("Url"):  # (an address given from outside may lack it)
        said_url = site_address(marks.meta("Url"))
        article_id = doc_id(said_url) if said_url is not None else None
    if article_id is None:
        raise ParseError(f"{page_url} is not the address of an article (no doc id in it)")
    return article_id


def _blocks(
    tree: LexborHTMLParser, marks: Landmarks, page_url: str, title: str, lang: str
) -> tuple[Block, ...]:
    """The body's blocks: from the template's body element, else from the element whose
    paragraphs hold the most text (which may start with the title and the date line)."""
    container = marks.first(*landmarks.BODY)
    if container is not None:
        raw = _without_furniture(raw_blocks(container, page_url))
    else:
        container = _largest_text_container(tree)
        raw = raw_blocks(container, page_url) if container is not None else []
        raw = _drop_header_lines(_without_furniture(raw), title, lang)
    blocks = classify(raw, lang)
    if not blocks:
        raise ParseError("the article has no text or images")
    return tuple(blocks)


def _breadcrumb(marks: Landmarks) -> str:
    crumbs = marks.first(landmarks.BREADCRUMBS)
    links = css(crumbs, "a") if crumbs is not None else []
    return clean_line(links[-1].text()) if links else ""
