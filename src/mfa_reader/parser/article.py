"""An article page to an ``Article``: current template, legacy template, and a tolerant fallback.

Each field is looked for in the places the site's templates put it, most reliable first (see
``shared/docs/mfa-site.md``). The publication date comes from the page; the date in the address is
the CMS's and is used only when the page gives none.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from mfa_reader.editions import LANGUAGE_LINK_KEYS, edition_of_url, section_of_url
from mfa_reader.model import Article
from mfa_reader.parser.blocks import RawBlock, classify, raw_blocks
from mfa_reader.parser.dates import FoundDate, date_from_url, find_date
from mfa_reader.parser.errors import ParseError
from mfa_reader.parser.text import clean_line, clean_meta
from mfa_reader.parser.urls import canonical_url, doc_id

_TITLE_SELECTORS = (".news_header_title", "#News_Body_Title", ".news-title h1", ".title h1", "h1")
_DATE_SELECTORS = (
    ".xltime",
    "#News_Body_Time",
    ".news_header_time",
    ".news-title .time",
    ".time span",
    ".time",
    ".news-title p",
)
_SOURCE_SELECTORS = (".xl_source", "#News_Body_source", ".news-source", ".source")
_BODY_SELECTORS = (
    '[class*="TRS_UEDITOR"]',
    "#News_Body_Txt_A",
    ".news-main",
    ".content_text",
    ".TRS_Editor",
    "#content",
)
_TITLE_SUFFIX = re.compile(
    r"\s*[_—–|-]\s*(?:Ministry of Foreign Affairs.*|中华人民共和国外交部.*)$"
)
_HTML_LANG = {"en": "en", "zh": "zh", "fr": "fr", "es": "es", "ru": "ru", "ar": "ar"}

# Page furniture that the legacy templates keep inside the article text.
_LANGUAGE_NAMES = frozenset(
    "عربي العربية Español Русский Français 简体中文 中文 English 繁體 繁体 日本語".split()
)
_FURNITURE = re.compile(
    r"Suggest to a friend|Print this page|Print|Close|【\s*(?:打印|关闭|大|中|小)\s*】|"
    r"\[\s*(?:打印|关闭)\s*\]|打印本页|关闭窗口|分享到[:：]?|Share to[:：]?|"
    r"Imprimer|Imprimir|Печать|طباعة",
    re.IGNORECASE,
)
_LEAKED_IMAGE = re.compile(r"(?<![\w/.])[\w-]+\.(?:png|jpe?g|gif|bmp)(?![\w/])", re.IGNORECASE)
_SOURCE_LABEL = re.compile(r"^(?:来源|Source|Fuente|Source\s?)\s*[:：]\s*")


def _first(tree: LexborHTMLParser, selectors: tuple[str, ...]) -> LexborNode | None:
    for selector in selectors:
        node = tree.css_first(selector)
        if node is not None:
            return node
    return None


def _first_text(tree: LexborHTMLParser, selectors: tuple[str, ...]) -> str:
    for selector in selectors:
        node = tree.css_first(selector)
        if node is not None:
            text = clean_line(node.text(deep=True))
            if text:
                return text
    return ""


def _is_furniture(text: str) -> bool:
    """Language bars, print and share buttons, and leaked image names: not the article."""
    if len(text) > 160:
        return False
    rest = _FURNITURE.sub(" ", _LEAKED_IMAGE.sub(" ", text))
    words = [w for w in rest.split() if w not in _LANGUAGE_NAMES]
    if len(words) == len(text.split()) and rest.strip() == text.strip():
        return False  # nothing of the furniture in it (a "＊＊＊" separator is the article's)
    return not any(c.isalnum() for w in words for c in w)


def metas_of(tree: LexborHTMLParser) -> dict[str, str]:
    metas: dict[str, str] = {}
    for node in tree.css("meta[name]"):
        attrs = node.attrs
        name = attrs.get("name")
        if name and name not in metas:
            metas[name] = clean_meta(attrs.get("content"))
    return metas


def _edition(url: str, tree: LexborHTMLParser) -> str:
    code = edition_of_url(url)
    if code is not None:
        return code
    root = tree.root
    lang = ((root.attributes.get("lang") if root is not None else None) or "").lower()[:2]
    if lang in _HTML_LANG:
        return _HTML_LANG[lang]
    raise ParseError(f"{url} is not an address of the ministry's site")


def _title(tree: LexborHTMLParser, metas: dict[str, str]) -> str:
    title = metas.get("ArticleTitle") or _first_text(tree, _TITLE_SELECTORS)
    if not title:
        node = tree.css_first("title")
        title = _TITLE_SUFFIX.sub("", clean_line(node.text())) if node is not None else ""
    return title


def _published(
    tree: LexborHTMLParser, metas: dict[str, str], lang: str, title: str, url: str
) -> FoundDate:
    found: FoundDate | None = None
    for selector in _DATE_SELECTORS:
        node = tree.css_first(selector)
        if node is not None:
            found = find_date(node.text(deep=True), lang)
            if found:
                break
    if found is None or found.time is None:
        near = _date_near_title(tree, title, lang)
        if near is not None and (found is None or near.day == found.day):
            found = near
    if found is None and metas.get("PubDate"):
        found = find_date(metas["PubDate"], lang)
    if found is None and title:
        found = find_date(title, lang)
    if found is None:
        from_url = date_from_url(url)
        if from_url is not None:
            found = FoundDate(from_url, None)
    if found is None:
        raise ParseError("no publication date found on the page")
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
    found = find_date(text[at + len(title[:40]) : at + 600], lang)
    return found if found is not None and found.time is not None else None


def _source(tree: LexborHTMLParser, metas: dict[str, str]) -> str:
    source = _first_text(tree, _SOURCE_SELECTORS) or metas.get("ContentSource", "")
    return (
        _SOURCE_LABEL.sub("", source) if source.startswith(("来源", "Source", "Fuente")) else source
    )


def _translations(tree: LexborHTMLParser, url: str, own: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for span in tree.css(".news_header_lang span[data-desc]"):
        code = LANGUAGE_LINK_KEYS.get((span.attributes.get("data-desc") or "").strip())
        link = span.css_first("a[href]")
        href = (link.attributes.get("href") or "").strip() if link is not None else ""
        if code and code != own and href and not href.startswith(("javascript:", "#")):
            found.setdefault(code, canonical_url(href, url))
    return found


def _largest_text_container(tree: LexborHTMLParser) -> LexborNode | None:
    """For pages of no known template: the element whose paragraphs hold the most text."""
    best: LexborNode | None = None
    best_len = 0
    scores: dict[int, tuple[LexborNode, int]] = {}
    for p in tree.css("p"):
        parent = p.parent
        if parent is None:
            continue
        n = len(p.text(deep=True).strip())
        node, total = scores.get(parent.mem_id, (parent, 0))
        scores[parent.mem_id] = (node, total + n)
    for node, total in scores.values():
        if total > best_len:
            best, best_len = node, total
    return best


def _drop_header_lines(raw: list[RawBlock], title: str, lang: str) -> list[RawBlock]:
    """A fallback body may start with the title and the date line: they are not paragraphs."""
    out = list(raw)
    for _ in range(3):
        if not out or out[0].src is not None:
            break
        first = out[0].text
        if first == title or (len(first) < 60 and find_date(first, lang) is not None):
            out.pop(0)
        else:
            break
    return out


def parse_article_tree(
    tree: LexborHTMLParser, url: str | None, metas: dict[str, str] | None = None
) -> Article:
    metas = metas if metas is not None else metas_of(tree)
    page_url = url or metas.get("Url") or metas.get("twitter:url")
    if not page_url:
        link = tree.css_first('link[rel="canonical"]')
        page_url = link.attributes.get("href") if link is not None else None
    if not page_url:
        raise ParseError("the page does not carry its address: give it with --url")
    page_url = canonical_url(page_url)
    article_id = doc_id(page_url) or doc_id(canonical_url(metas.get("Url") or page_url))
    if article_id is None:
        raise ParseError(f"{page_url} is not the address of an article (no doc id in it)")

    lang = _edition(page_url, tree)
    title = _title(tree, metas)
    if not title:
        raise ParseError("no title found: this is not an article page of the ministry's site")

    container = _first(tree, _BODY_SELECTORS)
    fallback = container is None
    if container is None:
        container = _largest_text_container(tree)
    raw = raw_blocks(container, page_url) if container is not None else []
    raw = [b for b in raw if b.src is not None or not _is_furniture(b.text)]
    if fallback:
        raw = _drop_header_lines(raw, title, lang)
    raw = [
        RawBlock(_LEAKED_IMAGE.sub("", b.text).strip(), b.src, b.bold, b.centred, b.heading)
        if b.src is None and _LEAKED_IMAGE.search(b.text)
        else b
        for b in raw
    ]
    blocks = classify(raw, lang)
    if not blocks:
        raise ParseError("the article has no text or images")

    return Article(
        url=page_url,
        doc_id=article_id,
        edition=lang,
        section=section_of_url(page_url),
        section_name=metas.get("ColumnName") or _breadcrumb(tree),
        title=title,
        published=_published(tree, metas, lang, title, page_url).iso(),
        source=_source(tree, metas),
        blocks=tuple(blocks),
        translations=_translations(tree, page_url, lang),
    )


def _breadcrumb(tree: LexborHTMLParser) -> str:
    links = tree.css(".breadcrumbs a, .BreadcrumbNav a, .crumbs a")
    return clean_line(links[-1].text()) if links else ""
