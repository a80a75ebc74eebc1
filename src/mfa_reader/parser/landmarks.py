"""The elements of a page that the parser reads, each looked up once and only when needed.

Every template puts its title, date, source, body and language links in elements known by a class,
an id or a tag. Each CSS query costs a few microseconds whatever it looks at, and more for each
selector and each element it goes through: looking the candidates up lazily (one small query each,
remembered) costs a handful of queries per page, where one query for all of them across the page
would cost more than parsing it. The current template's header is the exception: it is small and
holds the title, time, source and language bar, so it is searched once for all of them.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

from mfa_reader.parser.errors import ParseError
from mfa_reader.parser.select import css, css_first
from mfa_reader.parser.text import clean_meta

TRS_BODY = "TRS_UEDITOR"
# The body's class list varies ("view_default TRS_UEDITOR trs_web", "trs_editor_view TRS_UEDITOR");
# an element whose class merely contains the name is looked for only when none has it as a class.
_SELECTORS: dict[str, tuple[str, ...]] = {TRS_BODY: (f".{TRS_BODY}", f'[class*="{TRS_BODY}"]')}

# The current template's header, and the elements the parser reads in it. When a page has the
# header, these are looked for there and nowhere else.
_HEADER = ".news_header"
_HEADER_KEYS = (
    ".news_header_title",
    ".news_header_time",
    ".xltime",
    ".xl_source",
    ".news_header_lang",
)
_HEADER_QUERY = ", ".join(_HEADER_KEYS)


# The <meta name> values the parser reads (the CMS writes some twenty per page).
_METAS = frozenset(("ArticleTitle", "PubDate", "ColumnName", "ContentSource", "Url", "twitter:url"))


class Landmarks:
    """The first element matching each selector asked for, and the page's ``<meta name>`` values."""

    __slots__ = ("_found", "_header_read", "metas", "root")

    def __init__(self, tree: LexborHTMLParser) -> None:
        root = tree.root
        if root is None:
            raise ParseError("the page has no document element")
        self.root: LexborNode = root
        self._found: dict[str, LexborNode | None] = {}
        self._header_read = False
        self.metas: dict[str, str] = {}
        # The <meta> elements are the <head>'s children (HTML puts them there even when written
        # after it; only those written inside the body stay there, and the site writes none):
        # reading them there is quicker than looking for them through the whole page.
        head = tree.head
        for node in head.iter() if head is not None else ():
            if node.tag == "meta":
                attrs = node.attributes
                name = attrs.get("name")
                if name in _METAS and name not in self.metas:
                    self.metas[name] = clean_meta(attrs.get("content"))

    def _read_header(self) -> bool:
        """Look for the header's elements inside it, with one query. False when it has none."""
        self._header_read = True
        header = css_first(self.root, _HEADER)
        if header is None:
            return False
        wanted = {key[1:]: key for key in _HEADER_KEYS}
        for node in css(header, _HEADER_QUERY):
            for name in (node.attributes.get("class") or "").split():
                key = wanted.get(name)
                if key is not None and key not in self._found:
                    self._found[key] = node
        for key in _HEADER_KEYS:
            self._found.setdefault(key, None)
        return True

    def _lookup(self, key: str) -> LexborNode | None:
        if key in self._found:
            return self._found[key]
        if key in _HEADER_KEYS and not self._header_read and self._read_header():
            return self._found[key]
        node = None
        for selector in _SELECTORS.get(key, (key,)):
            node = css_first(self.root, selector)
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
