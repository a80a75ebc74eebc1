"""Whatever bytes come in, the parser answers with a result or a one-line ParseError."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mfa_reader.model import Article, Listing
from mfa_reader.parser import ParseError, RemovedPage, parse_article, parse_listing, parse_page

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT.parent / "shared" / "mfa_pages").glob("*.html")) + sorted(
    (ROOT / "tests" / "fixtures" / "site").rglob("*.*html")
)
SEEDS = [p.read_bytes() for p in SAMPLES[:40]] or [
    b"<!doctype html><html><head><title>x</title></head><body><p>x</p></body></html>"
]
URLS = st.sampled_from(
    [
        None,
        "https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/202510/t20251017_11735636.html",
        "https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/",
        "https://www.mfa.gov.cn/web/fyrbt_673021/jzhsl_673025/index_1.shtml",
        "https://example.com/news/1.html",
        "not a url at all",
    ]
)
FRAGMENTS = st.sampled_from(
    [
        b"<p>",
        b"</div>",
        b"<strong>",
        b"<img src='./x.jpg'>",
        b"<br/>",
        b"\x1b[31m",
        b"\x00",
        b"\xff\xfe",
        "系统维护".encode(),
        b"var countPage = 99999999999",
        b"<meta name='ArticleTitle' content='&amp;amp;'>",
        b'<div class="news_header_lang"><span data-desc="\xe4\xb8\xad\xe6\x96\x87"><a href="::">',
        b"<script>",
        b"<!--",
        b"October 32, 2025 25:61",
        b"2025-02-30 10:00",
    ]
)


def _check(result: object) -> None:
    assert isinstance(result, Article | Listing)
    if isinstance(result, Article):
        assert result.title and result.blocks and result.doc_id
        assert result.published[:4].isdigit()


def _run(data: bytes, url: str | None) -> None:
    for call in (parse_page, parse_article):
        try:
            _check(call(data, url))
        except ParseError as exc:
            reason = str(exc)
            assert reason and "\n" not in reason
    if url is not None:
        try:
            _check(parse_listing(data, url))
        except ParseError as exc:
            assert str(exc) and "\n" not in str(exc)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["cut", "delete", "insert", "noise"]))
        if action == "cut":
            data = data[:at]
        elif action == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 2000)) :]
        elif action == "insert":
            data = data[:at] + draw(FRAGMENTS) + data[at:]
        else:
            data = data[:at] + draw(st.binary(min_size=1, max_size=64)) + data[at:]
    return data


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(data=mutated(), url=URLS)
def test_mutated_pages_give_a_result_or_parse_error(data: bytes, url: str | None) -> None:
    _run(data, url)


@SETTINGS
@given(data=st.binary(max_size=4096), url=URLS)
def test_random_bytes_give_parse_error_or_result(data: bytes, url: str | None) -> None:
    _run(data, url)


TAGS = st.sampled_from(["p", "div", "strong", "span", "a", "img", "br", "ul", "li", "h1", "td"])


@st.composite
def random_html(draw: st.DrawFn) -> bytes:
    parts = ["<html><body>"]
    for _ in range(draw(st.integers(0, 40))):
        tag = draw(TAGS)
        attrs = draw(
            st.sampled_from(
                [
                    "",
                    ' class="TRS_UEDITOR"',
                    ' href="./202501/t20250101_1.html"',
                    ' style="text-align:center"',
                    ' src="x.jpg"',
                ]
            )
        )
        parts.append(f"<{tag}{attrs}>{draw(st.text(max_size=30))}")
        if draw(st.booleans()):
            parts.append(f"</{tag}>")
    parts.append("</body></html>")
    return "".join(parts).encode("utf-8", "surrogatepass")


@SETTINGS
@given(data=random_html(), url=URLS)
def test_random_html_gives_parse_error_or_result(data: bytes, url: str | None) -> None:
    _run(data, url)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n\t ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"just some words, no markup", "not an HTML page"),
        (b"<!doctype html><html><head><title>A", "cut short"),
    ],
)
def test_unreadable_input_says_why(data: bytes, reason: str) -> None:
    with pytest.raises(ParseError, match=reason):
        parse_page(data, "https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/202510/t20251017_1.html")


def test_page_of_another_site_is_refused() -> None:
    page = (
        b"<!doctype html><html lang='de'><head><title>Wetter</title></head>"
        b"<body><h1>Wetter heute</h1><p>Sonnig.</p></body></html>"
    )
    with pytest.raises(ParseError, match="not an address of the ministry"):
        parse_page(page, "https://example.com/wetter/t20250101_1.html")
    with pytest.raises(ParseError):
        parse_page(page)


def test_maintenance_text_is_removed_even_without_its_title() -> None:
    page = "<html><body><p>您访问的页面不存在或已删除</p></body></html>".encode()
    with pytest.raises(RemovedPage):
        parse_page(page, "https://www.mfa.gov.cn/web/x/t20250101_1.shtml")


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_maintenance_page_is_removed_in_either_encoding(encoding: str) -> None:
    url = "https://www.mfa.gov.cn/web/x/t20250101_1.shtml"
    title = "<title>系统维护_中华人民共和国外交部</title>"
    by_title = f"<html><head>{title}</head><body><p>x</p></body></html>"
    by_text = "<html><body><p>您访问的页面不存在或已删除</p></body></html>"
    for page in (by_title, by_text):
        with pytest.raises(RemovedPage):
            parse_page(page.encode(encoding), url)


def _outcome(data: bytes) -> object:
    try:
        return parse_page(data, None)
    except ParseError as exc:
        return f"{type(exc).__name__}: {exc}"


def test_pages_parsed_on_several_threads_at_once_come_out_the_same() -> None:
    # Sync parses on worker threads; each makes its own selector engine when it first needs one.
    from concurrent.futures import ThreadPoolExecutor

    alone = [_outcome(data) for data in SEEDS]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(_outcome, SEEDS * 4))
    assert together == alone * 4
