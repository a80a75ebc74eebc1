"""The elements of a page that the parser reads, each looked up once and only when needed.

Every template puts its title, date, source, body and language links in elements known by a class,
an id or a tag. Most pages are of the current template, whose elements are the first candidates, so
looking candidates up lazily (one small CSS query each, remembered) costs a handful of queries per
page; one query for all candidates at once costs more than parsing the page.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

from mfa_reader.parser.text import clean_meta

TRS_BODY = "TRS_UEDITOR"
# The body's class list varies ("view_default TRS_UEDITOR trs_web", "trs_editor_view TRS_UEDITOR");
# an element whose class merely contains the name is looked for only when none has it as a class.
_SELECTORS: dict[str, tuple[str, ...]] = {TRS_BODY: (f".{TRS_BODY}", f'[class*="{TRS_BODY}"]')}

# The <meta name> values the parser reads (the CMS writes some twenty per page).
_METAS = frozenset(("ArticleTitle", "PubDate", "ColumnName", "ContentSource", "Url", "twitter:url"))


class Landmarks:
    """The first element matching each selector asked for, and the page's ``<meta name>`` values."""

    __slots__ = ("_found", "metas", "tree")

    def __init__(self, tree: LexborHTMLParser) -> None:
        self.tree = tree
        self._found: dict[str, LexborNode | None] = {}
        self.metas: dict[str, str] = {}
        for node in tree.css("meta"):
            attrs = node.attrs
            name = attrs.get("name")
            if name in _METAS and name not in self.metas:
                self.metas[name] = clean_meta(attrs.get("content"))

    def _lookup(self, key: str) -> LexborNode | None:
        if key in self._found:
            return self._found[key]
        node = None
        for selector in _SELECTORS.get(key, (key,)):
            node = self.tree.css_first(selector)
            if node is not None:
                break
        self._found[key] = node
        return node

    def get(self, *keys: str) -> LexborNode | None:
        """The first element matching the first of ``keys`` (CSS selectors) that the page has."""
        for key in keys:
            node = self._lookup(key)
            if node is not None:
                return node
        return None

    def has(self, *keys: str) -> bool:
        return self.get(*keys) is not None
