"""Addresses of the site: absolute canonical URLs and doc ids."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit, urlunsplit

from mfa_reader.editions import is_site_host

_BARE_HOSTS = {"fmprc.gov.cn": "www.fmprc.gov.cn", "mfa.gov.cn": "www.mfa.gov.cn"}
# Current articles: t20251017_11735636.html; legacy: t1843165.shtml
_DOC_ID = re.compile(r"/t(?:\d{8}_(\d+)|(\d{4,9}))\.s?html?$")


_CANONICAL = re.compile(r"https://www\.(?:fmprc|mfa)\.gov\.cn/[^#\s]*")
_DOT_SEGMENT = re.compile(r"/\.\.?(?:/|$)")
# An absolute address needs no joining to a base (urljoin would return it as it is, slowly).
_ABSOLUTE = ("https://", "http://")


def canonical_url(url: str, base: str | None = None) -> str:
    """Absolute, https for the site's hosts, ``www.`` host, no fragment, dot segments resolved."""
    url = url.strip()
    if base and not url.startswith(_ABSOLUTE):
        joined = _join_plain(url, base)
        if joined is not None:
            return joined
        url = urljoin(base, url)
    if _CANONICAL.fullmatch(url) and ("/." not in url or not _DOT_SEGMENT.search(url)):
        return url
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if not is_site_host(host):
        return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))
    host = _BARE_HOSTS.get(host, host)
    path = parts.path or "/"
    return urlunsplit(("https", host, path, parts.query, ""))


def _join_plain(url: str, base: str) -> str | None:
    """The common relative links of lists and articles (``./202510/t20251017_1.html``,
    ``W020201225.jpg``, ``/eng/xw/``) joined to a canonical base without ``urljoin``; ``None``
    for anything else (dot segments, other schemes, queries and fragments alone, …)."""
    if "//" in url:  # protocol-relative; or an empty segment, which urljoin drops
        return None
    if url.startswith("./"):
        url = url[2:]
    if (
        not url
        or url[0] in "#?"
        or ":" in url
        or "/." in "/" + url
        or "?" in base
        or not _CANONICAL.fullmatch(base)
    ):
        return None
    if "#" in url:
        url = url.split("#", 1)[0]
    if url[0] == "/":
        return base[: base.index("/", 8)] + url
    return base[: base.rfind("/") + 1] + url


def doc_id(url: str) -> str | None:
    """The article's id within its edition: the digits after ``t…_`` (or after ``t``, legacy)."""
    m = _DOC_ID.search(url if "?" not in url and "#" not in url else urlsplit(url).path)
    if not m:
        return None
    return m[1] or m[2]


def is_article_url(url: str) -> bool:
    return doc_id(url) is not None
