"""The site's addresses: links joined to the page they stand on, as a browser would join them, and
kept only when they lead to the site."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mfa_reader.editions import SITE_HOSTS
from mfa_reader.parser.urls import canonical_url, doc_id, site_address

PAGE = "https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/202510/t20251017_11735636.html"


@pytest.mark.parametrize(
    ("link", "url"),
    [
        (
            "./202510/t20251017_1.html",
            "https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/202510/202510/t20251017_1.html",
        ),
        ("W020251017.jpg", "https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/202510/W020251017.jpg"),
        ("/eng/xw/", "https://www.fmprc.gov.cn/eng/xw/"),
        ("../index.html#top", "https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/index.html"),
        ("//mfa.gov.cn/web/x.shtml", "https://www.mfa.gov.cn/web/x.shtml"),
        ("http://www.fmprc.gov.cn/eng/", "https://www.fmprc.gov.cn/eng/"),
        ("mailto:someone@example.org", "mailto:someone@example.org"),
    ],
)
def test_links_are_made_absolute_and_canonical(link: str, url: str) -> None:
    assert canonical_url(link, PAGE) == url


_PIECES = st.sampled_from(["a", "t1.html", ".", "..", "", "b c", "x?y=1", "#f", ":", "%2e", "~"])


@settings(max_examples=1000)
@given(
    st.lists(_PIECES, max_size=5).map("/".join), st.sampled_from(["", "./", "/", "../", "?", "#"])
)
def test_a_relative_link_resolves_as_urljoin_resolves_it(path: str, lead: str) -> None:
    link = lead + path
    assert canonical_url(link, PAGE) == canonical_url(urljoin(PAGE, link))


BASES = st.sampled_from(
    [
        PAGE,
        "https://www.mfa.gov.cn/web/fyrbt_673021/",
        "https://www.mfa.gov.cn/",
        "https://www.fmprc.gov.cn/eng/list.html?page=2",
        "http://fmprc.gov.cn/eng/a.html",
        "https://example.org/a/b.html",
    ]
)


@settings(max_examples=1000)
@given(
    st.lists(_PIECES, max_size=5).map("/".join),
    st.sampled_from(["", "./", "/", "../", "//", "https://www.mfa.gov.cn/", "file:///"]),
    BASES,
)
def test_a_link_is_kept_when_urljoin_takes_it_to_the_site(path: str, lead: str, base: str) -> None:
    link = lead + path
    joined = urlsplit(urljoin(base, link))
    on_site = joined.scheme in ("http", "https") and (joined.hostname or "") in SITE_HOSTS
    expected = canonical_url(urljoin(base, link)) if on_site else None
    assert site_address(link, base) == expected
    assert canonical_url(link, base) == canonical_url(urljoin(base, link))


def test_doc_ids_of_current_and_legacy_addresses() -> None:
    assert doc_id(PAGE) == "11735636"
    assert doc_id("https://www.fmprc.gov.cn/mfa_eng/xwfw_665399/t1843165.shtml") == "1843165"
    assert doc_id(PAGE + "?from=list#top") == "11735636"
    assert doc_id("https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/") is None
