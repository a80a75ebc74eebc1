"""The elements of a page that the parser reads, each looked up once and only when needed.

Every template puts its title, date, source, body and language links in elements known by a class,
an id or a tag. A CSS query costs a few microseconds whatever it finds (on a small page, more than
its walk through the elements), and more for each selector and element it goes through. So the
candidates are looked up lazily and remembered, and those of one template are looked up together,
with one query, the first time any of them is asked for:

- the current template's header holds the title, time, source and language bar: it is searched
  once for all of them;
- the legacy template's ``News_Body_*`` elements;
- the other templates' elements (``.news-title``, ``.time``, …).

A page without the current template's header is searched once for the elements of all three (the
cost of a query grows with its selectors, but less than a query's own cost: one query with all of
them costs two thirds of three).

The current template's header and body, which its pages all have, are looked for together, with
one query. A page of one template then costs a handful of queries, where one query for every
candidate of every template would go through each element with all of them and cost more than the
page's parse.
"""

from __future__ import annotations

from functools import cache

from selectolax.lexbor import LexborHTMLParser, LexborNode

from mfa_reader.parser.errors import ParseError
from mfa_reader.parser.select import css, css_first, tag_ids
from mfa_reader.parser.text import clean_meta

TRS_BODY = "TRS_UEDITOR"
# The body's class list varies ("view_default TRS_UEDITOR trs_web", "trs_editor_view TRS_UEDITOR");
# an element whose class merely contains the name is looked for only when none has it as a class.
_BODY_BY_PART = f'[class*="{TRS_BODY}"]'

# The current template's header, and the elements the parser reads in it. When a page has the
# header, these are looked for there and nowhere else.
_HEADER = ".news_header"
# The header and the body together (the class names in lower case: see ``_matched``).
_ANCHORS = f"{_HEADER}, .{TRS_BODY}"
_HEADER_NAME, _BODY_NAME = _HEADER[1:].lower(), TRS_BODY.lower()
_HEADER_KEYS = (
    ".news_header_title",
    ".news_header_time",
    ".xltime",
    ".xl_source",
    ".news_header_lang",
)
# Other templates' elements, each template's looked up together (class and id selectors only).
_GROUPS = (
    ("#News_Body_Title", "#News_Body_Time", "#News_Body_source", "#News_Body_Txt_A"),
    (".news-title", ".news-main", ".news-source", ".time", ".content_text", ".TRS_Editor"),
    (".breadcrumbs",),  # (asked for on pages without meta ColumnName: found with the others)
)
_GROUP_OF = {key: group for group in (_HEADER_KEYS, *_GROUPS) for key in group}
_ALL_GROUPS = (_HEADER_KEYS, *_GROUPS)

(_META_ID,) = tag_ids(("meta",))

# The <meta name> values the parser reads (the CMS writes some twenty per page).
_METAS = frozenset(("ArticleTitle", "PubDate", "ColumnName", "ContentSource", "Url", "twitter:url"))


@cache
def _names(group: tuple[str, ...]) -> tuple[str, dict[str, str], dict[str, str]]:
    """A group's query, and its keys by class name and by id (lower case: see ``_matched``)."""
    classes = {key[1:].lower(): key for key in group if key.startswith(".")}
    ids = {key[1:].lower(): key for key in group if key.startswith("#")}
    return ", ".join(group), classes, ids


class Landmarks:
    """The first element matching each selector asked for, and the page's ``<meta name>`` values."""

    __slots__ = ("_anchors_read", "_body", "_found", "_header", "_metas", "_raw_metas", "root")

    def __init__(self, tree: LexborHTMLParser) -> None:
        root = tree.root
        if root is None:
            raise ParseError("the page has no document element")
        self.root: LexborNode = root
        self._found: dict[str, LexborNode | None] = {}
        self._header: LexborNode | None = None  # the current template's header and body
        self._body: LexborNode | None = None
        self._anchors_read = False
        self._raw_metas: dict[str, str | None] = {}  # as the page writes them
        self._metas: dict[str, str] = {}  # cleaned, when first asked for
        # The <meta> elements are the <head>'s children (HTML puts them there even when written
        # after it; only those written inside the body stay there, and the site writes none):
        # reading them there is quicker than looking for them through the whole page. The first
        # of each name counts, and the reading stops once it has them all.
        head = tree.head
        raw = self._raw_metas
        for node in head.iter() if head is not None else ():
            if node.tag_id == _META_ID:
                attrs = node.attributes
                name = attrs.get("name")
                if name in _METAS and name not in raw:
                    raw[name] = attrs.get("content")
                    if len(raw) == len(_METAS):
                        break

    def has_meta(self, name: str) -> bool:
        """Whether the page has a ``<meta name>`` (one of those the parser reads)."""
        return name in self._raw_metas

    def meta(self, name: str) -> str:
        """A ``<meta name>``'s content, cleaned ("" when the page has none). Cleaned when first
        asked for: some are read only when nothing else gives what they say."""
        value = self._metas.get(name)
        if value is None:
            value = self._metas[name] = clean_meta(self._raw_metas.get(name))
        return value

    def _read_anchors(self) -> None:
        """The current template's header and body, looked for together: its pages have both, and
        one query for the two costs less than one for each."""
        self._anchors_read = True
        for node in css(self.root, _ANCHORS):
            names = (node.attributes.get("class") or "").lower().split()
            if self._header is None and _HEADER_NAME in names:
                self._header = node
            if self._body is None and _BODY_NAME in names:
                self._body = node

    def _read_group(self, group: tuple[str, ...]) -> None:
        """Look for a group's elements with one query, each key getting its first match: the
        header's inside the header; without a header, every group not yet read at once."""
        if not self._anchors_read:
            self._read_anchors()
        header = self._header
        scope = self.root
        if header is None:
            group = tuple(key for g in _ALL_GROUPS if g[0] not in self._found for key in g)
        elif group is _HEADER_KEYS:
            scope = header
        query, classes, ids = _names(group)
        for node in css(scope, query):
            self._matched(node, classes, ids)
        for key in group:
            self._found.setdefault(key, None)

    def _matched(self, node: LexborNode, classes: dict[str, str], ids: dict[str, str]) -> None:
        """Record ``node`` for the keys among ``classes`` and ``ids`` that it matches.

        lexbor matched it to at least one; names are compared whatever their case, as lexbor
        compares them in a page it reads in quirks mode (no two keys differ in case alone).
        """
        attrs = node.attributes
        for name in (attrs.get("class") or "").lower().split() if classes else ():
            key = classes.get(name)
            if key is not None and key not in self._found:
                self._found[key] = node
        ident = attrs.get("id") if ids else None
        if ident:
            key = ids.get(ident.lower())
            if key is not None and key not in self._found:
                self._found[key] = node

    def _lookup(self, key: str) -> LexborNode | None:
        """The element for ``key``, looked up (``get`` has found it not yet looked up)."""
        group = _GROUP_OF.get(key)
        if group is not None:
            self._read_group(group)
            return self._found[key]
        if key == TRS_BODY:
            if not self._anchors_read:
                self._read_anchors()
            node = self._body or css_first(self.root, _BODY_BY_PART)
        else:
            node = css_first(self.root, key)
        self._found[key] = node
        return node

    def get(self, *keys: str) -> LexborNode | None:
        """The first element matching the first of ``keys`` (CSS selectors) that the page has."""
        found = self._found
        for key in keys:
            node = found[key] if key in found else self._lookup(key)
            if node is not None:
                return node
        return None

    def has(self, *keys: str) -> bool:
        return self.get(*keys) is not None
