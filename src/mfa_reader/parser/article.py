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
from mfa_reader.parser.errors import MissingAddress, ParseError
from mfa_reader.parser.landmarks import TRS_BODY, Landmarks
from mfa_reader.parser.select import css, css_first, tag_ids
from mfa_reader.parser.text import clean_line
from mfa_reader.parser.urls import canonical_url, doc_id

_TITLE_KEYS = (".news_header_title", "#News_Body_Title")
_DATE_KEYS = (".xltime", "#News_Body_Time", ".news_header_time", ".time")
_SOURCE_KEYS = (".xl_source", "#News_Body_source", ".news-source")
_BODY_KEYS = (TRS_BODY, "#News_Body_Txt_A", ".news-main", ".content_text", ".TRS_Editor")
# Pages of the legacy template carry no <meta name="ArticleTitle">: their own body is looked for
# first (a page-wide miss for the others' costs as much as the rest of the page's reading).
_LEGACY_BODY_KEYS = ("#News_Body_Txt_A", *(k for k in _BODY_KEYS if k != "#News_Body_Txt_A"))
# <title> is "Title_Site name" in the edition's language: the name follows the last "_" or "|".
_TITLE_SUFFIX = re.compile(
    r"[_|]\s*(?:Ministry of Foreign Affairs|中华人民共和国外交部|外交部|Ministère des Affaires"
    r"|Ministerio de (?:Asuntos|Relaciones) Exteriores|Министерство иностранных дел|وزارة الخارجية)"
    r"[^_|]*$"
)
(_SPAN_ID,) = tag_ids(("span",))
(_A_ID,) = tag_ids(("a",))
_HTML_LANG = {"en": "en", "zh": "zh", "fr": "fr", "es": "es", "ru": "ru", "ar": "ar"}

# Page furniture that the legacy templates keep inside the article text: language bars, print,
# close and share buttons, leaked image file names. A line made of nothing else is dropped.
_FURNITURE_TOKEN = (
    r"(?:Suggest to a friend|Print this page|Print|Close|【\s*(?:打印|关闭|大|中|小)\s*】"
    r"|\[\s*(?:打印|关闭)\s*\]|打印本页|关闭窗口|分享到|Share to|Imprimer|Imprimir|Печать|طباعة"
    r"|عربي|العربية|Español|Русский|Français|简体中文|中文|English|繁體|繁体|日本語"
    r"|[\w-]+\.(?:png|jpe?g|gif|bmp))"
)
_FURNITURE_LINE = re.compile(
    rf"[\W_]*{_FURNITURE_TOKEN}(?:[\W_]*{_FURNITURE_TOKEN})*[\W_]*", re.IGNORECASE
)
_LEAKED_IMAGE = re.compile(r"(?<![\w/.])[\w-]+\.(?:png|jpe?g|gif|bmp)(?![\w/])", re.IGNORECASE)
# The quick test before _LEAKED_IMAGE, whose look-behind makes it try every position.
_IMAGE_EXTENSION = re.compile(r"\.(?:png|jpe?g|gif|bmp)", re.IGNORECASE)
_SOURCE_LABEL = re.compile(r"^(?:来源|Source|Fuente|Source\s?)\s*[:：]\s*")


def _without_furniture(raw: list[RawBlock]) -> list[RawBlock]:
    """The blocks without page furniture, and without image names leaked into their text.

    Both stand in short lines: longer ones (most paragraphs) are passed by their length alone.
    """
    kept: list[RawBlock] = []
    for b in raw:
        text = b[0]
        if b[1] is None and len(text) <= 200:
            if len(text) <= 160 and _FURNITURE_LINE.fullmatch(text) is not None:
                continue
            if "." in text and _IMAGE_EXTENSION.search(text) and _LEAKED_IMAGE.search(text):
                b = (_LEAKED_IMAGE.sub("", text).strip(), *b[1:])
        kept.append(b)
    return kept


def _text_of(node: LexborNode | None) -> str:
    return clean_line(node.text(deep=True)) if node is not None else ""


def _edition(url: str, tree: LexborHTMLParser) -> str:
    code = edition_of_url(url)
    if code is not None:
        return code
    root = tree.root
    lang = ((root.attributes.get("lang") if root is not None else None) or "").lower()[:2]
    if lang in _HTML_LANG:
        return _HTML_LANG[lang]
    raise ParseError(f"{url} is not an address of the ministry's site")


def _without_site_name(title: str) -> str:
    """The <title> without the site's name (looked for after the last separator only: searched
    for, the pattern would be tried at every position)."""
    at = max(title.rfind("_"), title.rfind("|"))
    if at >= 0 and _TITLE_SUFFIX.match(title, at):
        return title[:at].rstrip()
    return title


def _title(marks: Landmarks) -> str:
    title = marks.meta("ArticleTitle") or _text_of(marks.get(*_TITLE_KEYS))
    if not title:
        heading = marks.get(".news-title")
        title = _text_of(css_first(heading, "h1") if heading is not None else marks.get("h1"))
    if not title:
        title = _without_site_name(_text_of(marks.get("title")))
    return title


def _published(
    tree: LexborHTMLParser, marks: Landmarks, lang: str, title: str, url: str
) -> FoundDate:
    found: FoundDate | None = None
    for key in _DATE_KEYS:
        node = marks.get(key)
        if node is not None:
            found = find_date(node.text(deep=True), lang)
            if found:
                # A template's own date element is the page's word: a legacy page gives the day
                # alone, and nothing near its title gives more.
                return found
    heading = marks.get(".news-title")
    line = css_first(heading, "p") if heading is not None else None
    found = find_date(line.text(deep=True), lang) if line is not None else None
    if found is None or found.time is None:
        near = _date_near_title(tree, title, lang)
        if near is not None and (found is None or near.day == found.day):
            found = near
    if found is None and marks.meta("PubDate"):
        found = find_date(marks.meta("PubDate"), lang)
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
    # Start after the title's line: a title may hold a date of its own ("… el 15 de Agosto …").
    line_end = text.find("\n", at)
    start = line_end if line_end >= 0 else at + len(title)
    found = find_date(text[start : start + 600], lang)
    return found if found is not None and found.time is not None else None


def _source(marks: Landmarks) -> str:
    # Pages of the current template carry meta ContentSource (often empty) and may show the
    # source in .xl_source; only other templates need the other places looked at.
    keys = _SOURCE_KEYS[:1] if marks.has_meta("ContentSource") else _SOURCE_KEYS
    source = _text_of(marks.get(*keys)) or marks.meta("ContentSource")
    return (
        _SOURCE_LABEL.sub("", source) if source.startswith(("来源", "Source", "Fuente")) else source
    )


def _translations(marks: Landmarks, url: str, own: str) -> dict[str, str]:
    found: dict[str, str] = {}
    bar = marks.get(".news_header_lang")
    if bar is None:
        return found
    for span in bar.traverse():
        if span.tag_id != _SPAN_ID:
            continue
        code = LANGUAGE_LINK_KEYS.get((span.attributes.get("data-desc") or "").strip())
        if not code or code == own:
            continue
        for link in span.traverse():
            href = (link.attributes.get("href") or "").strip() if link.tag_id == _A_ID else ""
            if href and not href.startswith(("javascript:", "#")):
                found.setdefault(code, canonical_url(href, url))
                break
    return found


def _largest_text_container(tree: LexborHTMLParser) -> LexborNode | None:
    """For pages of no known template: the element whose paragraphs hold the most text."""
    best: LexborNode | None = None
    best_len = 0
    scores: dict[int, tuple[LexborNode, int]] = {}
    for p in css(root, "p") if (root := tree.root) is not None else ():
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
        if not out or out[0][1] is not None:
            break
        first = out[0][0]
        if first == title or (len(first) < 60 and find_date(first, lang) is not None):
            out.pop(0)
        else:
            break
    return out


def parse_article_tree(tree: LexborHTMLParser, url: str | None, marks: Landmarks) -> Article:
    page_url = url or marks.meta("Url") or marks.meta("twitter:url")
    if not page_url:
        link = marks.get('link[rel="canonical"]')
        page_url = (link.attributes.get("href") or "") if link is not None else ""
    if not page_url:
        raise MissingAddress("the page does not carry its address: give it with --url")
    page_url = canonical_url(page_url)
    article_id = doc_id(page_url) or doc_id(canonical_url(marks.meta("Url") or page_url))
    if article_id is None:
        raise ParseError(f"{page_url} is not the address of an article (no doc id in it)")

    lang = _edition(page_url, tree)
    title = _title(marks)
    if not title:
        raise ParseError("no title found: this is not an article page of the ministry's site")

    container = marks.get(*(_BODY_KEYS if marks.has_meta("ArticleTitle") else _LEGACY_BODY_KEYS))
    fallback = container is None
    if container is None:
        container = _largest_text_container(tree)
    raw = raw_blocks(container, page_url) if container is not None else []
    raw = _without_furniture(raw)
    if fallback:
        raw = _drop_header_lines(raw, title, lang)
    blocks = classify(raw, lang)
    if not blocks:
        raise ParseError("the article has no text or images")

    return Article(
        url=page_url,
        doc_id=article_id,
        edition=lang,
        section=section_of_url(page_url),
        section_name=marks.meta("ColumnName") or _breadcrumb(marks),
        title=title,
        published=_published(tree, marks, lang, title, page_url).iso(),
        source=_source(marks),
        blocks=tuple(blocks),
        translations=_translations(marks, page_url, lang),
    )


def _breadcrumb(marks: Landmarks) -> str:
    crumbs = marks.get(".breadcrumbs")
    links = css(crumbs, "a") if crumbs is not None else []
    return clean_line(links[-1].text()) if links else ""
