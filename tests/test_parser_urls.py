"""The site's addresses: links joined to the page they stand on, as a browser would join them, and
kept only when they lead to the site."""

from __future__ import annotations

import logging
from urllib.parse import urljoin, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mfa_reader.editions import SITE_HOSTS
from mfa_reader.parser import ParseError, parse_article, parse_listing
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


# --- addresses taken from a page ------------------------------------------------------------------

ELSEWHERE = (
    "file:///etc/passwd",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:image/png;base64,iVBORw0KGgo=",
    "https://evil.example/W1.jpg",
    "//evil.example/W2.jpg",
    "http://www.fmprc.gov.cn.evil.example/W3.jpg",
    "https://www.fmprc.gov.cn@evil.example/W4.jpg",
    "ftp://www.fmprc.gov.cn/W5.jpg",
    "http://[::1/W6.jpg",
)


def _article(body: str, languages: str = "", head: str = "") -> bytes:
    return (
        "<!doctype html><html><head><meta name='ArticleTitle' content='Talks'>"
        f"{head}</head><body><div class='news_header'><div class='news_header_title'>Talks</div>"
        "<span class='xltime'>October 17, 2025 19:15</span>"
        f"<div class='news_header_lang'>{languages}</div></div>"
        f"<div class='content_text'><div class='TRS_UEDITOR'>{body}</div></div></body></html>"
    ).encode()


def test_images_from_elsewhere_are_dropped_and_the_site_s_kept() -> None:
    images = "".join(f'<p><img src="{src}"></p>' for src in ELSEWHERE)
    body = f'<p>Before.</p>{images}<p><img src="./W0.jpg"></p><p>After.</p>'
    article = parse_article(_article(body), PAGE)
    assert [b.src for b in article.images] == [
        "https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/202510/W0.jpg"
    ]
    assert [b.text for b in article.text_blocks] == ["Before.", "After."]


def test_language_links_from_elsewhere_are_dropped() -> None:
    links = (
        '<span data-desc="中文"><a href="file:///etc/passwd"></a></span>'
        '<span data-desc="法文"><a href="javascript:alert(1)"></a></span>'
        '<span data-desc="西文"><a href="https://evil.example/esp/t1.html"></a></span>'
        '<span data-desc="俄文"><a href="/rus/xw/202510/t20251017_4.html"></a></span>'
    )
    article = parse_article(_article("<p>Text.</p>", links), PAGE)
    assert article.translations == {"ru": "https://www.fmprc.gov.cn/rus/xw/202510/t20251017_4.html"}


def test_list_entries_that_lead_elsewhere_are_dropped() -> None:
    entries = "".join(
        f'<li><a href="{href}">Entry {i}</a> 2025-10-17</li>'
        for i, href in enumerate(
            (
                "javascript:go('t20251017_1.html')",
                "https://evil.example/eng/xw/fyrbt/lxjzh/202510/t20251017_2.html",
                "file:///eng/xw/fyrbt/lxjzh/202510/t20251017_3.html",
                "./202510/t20251017_4.html",
            )
        )
    )
    page = f"<html><body><ul class='list1'>{entries}</ul></body></html>".encode()
    listing = parse_listing(page, "https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/")
    assert [(item.url, item.title) for item in listing.items] == [
        ("https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/202510/t20251017_4.html", "Entry 3")
    ]


def test_a_page_that_gives_an_address_elsewhere_is_refused() -> None:
    page = _article("<p>Text.</p>", head="<meta name='Url' content='https://evil.example/t1.html'>")
    with pytest.raises(ParseError, match="not on the ministry's site"):
        parse_article(page)


def test_what_is_dropped_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    body = '<p><img src="file:///etc/passwd"></p><p>Text.</p>'
    with caplog.at_level(logging.DEBUG, logger="mfa_reader.parser"):
        parse_article(_article(body), PAGE)
    assert any("file:///etc/passwd" in record.getMessage() for record in caplog.records)
