"""Addresses of the site: absolute canonical URLs, doc ids, and which links lead to the site."""

from __future__ import annotations

import logging
import re
from urllib.parse import SplitResult, urljoin, urlsplit, urlunsplit

from mfa_reader.editions import is_site_host

log = logging.getLogger(__name__)

_BARE_HOSTS = {"fmprc.gov.cn": "www.fmprc.gov.cn", "mfa.gov.cn": "www.mfa.gov.cn"}
# Current articles: t20251017_11735636.html; legacy: t1843165.shtml
_DOC_ID = re.compile(r"/t(?:\d{8}_(\d+)|(\d{4,9}))\.s?html?$")
_WEB_SCHEMES = ("http", "https")
# An address of the site in canonical form, as most of those the parser meets are already (and so
# need not be taken apart and put together again).
_CANONICAL = re.compile(r"https://www\.(?:fmprc|mfa)\.gov\.cn/[^?#\s]*(?:\?[^#\s]+)?")
# Plain links and bases, which _absolute joins without urljoin: path segments that are not dot
# segments, and no query or fragment.
_SEGMENTS = r"[\w-][\w.-]*(?:/[\w-][\w.-]*)*/?"
_FROM_FOLDER = re.compile(rf"(?:\./)?{_SEGMENTS}")
_FROM_ROOT = re.compile(rf"/{_SEGMENTS}")
_PLAIN_BASE = re.compile(rf"(https?://[\w.-]+)/(?:{_SEGMENTS})?")


def canonical_url(url: str, base: str | None = None) -> str:
    """Absolute, https for the site's hosts, ``www.`` host, no fragment, dot segments resolved."""
    url = _absolute(url, base)
    return url if _CANONICAL.fullmatch(url) else _canonical(urlsplit(url))


def site_address(link: str, base: str | None = None) -> str | None:
    """Where ``link`` (found on the page at ``base``) leads, canonical, when that is the site.

    ``None``, logged, for anything else: other hosts, ``file:``, ``javascript:``, ``data:``, and
    what is not an address at all. Addresses taken from a page end up as links in exports and
    in the reader, so a page must not be able to point them elsewhere.
    """
    url = _absolute(link, base)
    if _CANONICAL.fullmatch(url):
        return url
    try:
        parts: SplitResult | None = urlsplit(url)
    except ValueError:  # not an address ("http://[::1", …)
        parts = None
    if parts is None or parts.scheme not in _WEB_SCHEMES or not is_site_host(parts.hostname or ""):
        log.debug("address off the site dropped: %r (on %s)", link, base)
        return None
    return _canonical(parts)


def _absolute(link: str, base: str | None) -> str:
    """``link`` resolved against ``base`` as ``urljoin`` resolves it.

    The site's own links are nearly all absolute, from the root (``/eng/xw/``) or a plain path
    from the page's folder (``./202510/t20251017_1.html``, ``W020251017.jpg``). Those are joined
    here, as they are many and urljoin is slow; anything else (dot segments, queries, fragments,
    other schemes, a base that is not a plain web address) goes to urljoin.
    """
    link = link.strip()
    if not base or link.startswith(("https://", "http://")):
        return link
    plain_base = _PLAIN_BASE.fullmatch(base)
    if plain_base is not None and _FROM_FOLDER.fullmatch(link):
        return base[: base.rfind("/") + 1] + link.removeprefix("./")
    if plain_base is not None and _FROM_ROOT.fullmatch(link):
        return plain_base[1] + link
    return urljoin(base, link)


def _canonical(parts: SplitResult) -> str:
    host = (parts.hostname or "").lower()
    path = parts.path or "/"
    if is_site_host(host):
        return urlunsplit(("https", _BARE_HOSTS.get(host, host), path, parts.query, ""))
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))


def doc_id(url: str) -> str | None:
    """The article's id within its edition: the digits after ``t…_`` (or after ``t``, legacy)."""
    m = _DOC_ID.search(url.split("?", 1)[0].split("#", 1)[0])  # (the end of the path)
    return (m[1] or m[2]) if m else None


def is_article_url(url: str) -> bool:
    return doc_id(url) is not None
