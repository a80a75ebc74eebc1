"""Where the site's templates put what the parser reads, and a page's elements found there.

Three article templates are known (``shared/docs/mfa-site.md``):

- current: a header holding the title (``.news_header_title``), the time (``.xltime`` or
  ``.news_header_time``), the source (``.xl_source``) and the links to the other language versions
  (``.news_header_lang``); the body is the ``div`` of class ``TRS_UEDITOR`` in ``.content_text``;
- legacy: ``#News_Body_Title``, ``#News_Body_Time``, ``#News_Body_source`` and the body,
  ``#News_Body_Txt_A``;
- current Chinese: ``.news-title`` (the title in its ``<h1>``, the date in its ``<p>``), ``.time``,
  ``.news-source`` and the body, ``.news-main``.

Each part is looked for in all of them, the most reliable place first (the tuples below). All
templates also carry some of the CMS's ``<meta name>`` tags (``ArticleTitle``, ``PubDate``, …).
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

from mfa_reader.parser.errors import ParseError
from mfa_reader.parser.select import css_first
from mfa_reader.parser.text import clean_meta

TITLE = (".news_header_title", "#News_Body_Title")
DATE = (".xltime", "#News_Body_Time", ".news_header_time", ".time")
SOURCE = (".xl_source", "#News_Body_source", ".news-source")
# The body's class list varies ("view_default TRS_UEDITOR trs_web", "trs_editor_view TRS_UEDITOR"),
# and some pages only have a class that contains the name.
BODY = (
    ".TRS_UEDITOR",
    '[class*="TRS_UEDITOR"]',
    "#News_Body_Txt_A",
    ".news-main",
    ".content_text",
    ".TRS_Editor",
)
# The current Chinese template's title block: the title in its <h1>, the date in its <p>.
HEADLINE = ".news-title"
LANGUAGE_LINKS = ".news_header_lang"
# The section's name, on pages without meta ColumnName: the last link of the breadcrumbs.
BREADCRUMBS = ".breadcrumbs"

# The <meta name> values the parser reads (the CMS writes some twenty per page).
_METAS = frozenset(("ArticleTitle", "PubDate", "ColumnName", "ContentSource", "Url", "twitter:url"))


class Landmarks:
    """A page's ``<title>`` and ``<meta name>`` values, and its elements found by CSS selector."""

    def __init__(self, tree: LexborHTMLParser) -> None:
        root = tree.root
        if root is None:
            raise ParseError("the page has no document element")
        self.root: LexborNode = root
        self.title = ""  # the <title>'s text, as it is
        self.metas: dict[str, str] = {}  # the first of each name, cleaned
        # HTML puts the <title> and every <meta> in the <head>, even those written after it.
        for node in tree.head.iter() if tree.head is not None else ():
            tag = node.tag
            if tag == "meta":
                attributes = node.attributes
                name = attributes.get("name") or ""
                if name in _METAS and name not in self.metas:
                    self.metas[name] = clean_meta(attributes.get("content"))
            elif tag == "title" and not self.title:
                self.title = node.text()

    def meta(self, name: str) -> str:
        """A ``<meta name>``'s content, cleaned ("" when the page has none)."""
        return self.metas.get(name, "")

    def first(self, *selectors: str) -> LexborNode | None:
        """The first element matching the first of ``selectors`` that the page has."""
        for selector in selectors:
            node = css_first(self.root, selector)
            if node is not None:
                return node
        return None
