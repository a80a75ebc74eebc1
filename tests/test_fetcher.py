"""The fetcher against a real HTTP server on 127.0.0.1 that misbehaves on demand."""

from __future__ import annotations

import asyncio
import itertools
import time
from pathlib import Path

import pytest

from mfa_reader.fetcher import Fetcher, FetchError, PageRemoved, SiteRefused
from siteserver import (
    DRIP,
    GB18030,
    OVERSIZE,
    REDIRECT,
    REDIRECT_LOOP,
    RESET,
    SOFT404,
    STATUS,
    TIMEOUT,
    TRUNCATED,
    WRONG_CHARSET,
    SiteServer,
)

pytestmark = pytest.mark.asyncio

EN_LIST = "/eng/xw/fyrbt/lxjzh/"
EN_ARTICLE = "/eng/xw/fyrbt/lxjzh/202510/t20251017_11735636.html"
ZH_ARTICLE = "/web/fyrbt_673021/jzhsl_673025/202510/t20251017_11735526.shtml"
FR_ARTICLE = "/fra/xwfw/fyrth/lxjzzdh/202510/t20251017_11735700.html"
IMAGE = "/eng/xw/fyrbt/lxjzh/202510/W020251017123456.jpg"

FMPRC = "https://www.fmprc.gov.cn"
MFA = "https://www.mfa.gov.cn"

ARTICLE_HTML = """<!DOCTYPE html><html><head><meta charset="utf-8">
<meta name="ArticleTitle" content="{title}"><title>{title}</title></head>
<body><div class="content_text"><div class="TRS_UEDITOR"><p>{body}</p></div></div></body></html>
"""


@pytest.fixture
def site(site_server: SiteServer, tmp_path: Path) -> SiteServer:
    """A small site tree of our own (the fetcher does not care what the pages say)."""
    root = tmp_path / "site"
    pages = {
        EN_LIST + "index.html": ARTICLE_HTML.format(title="List", body="list"),
        EN_ARTICLE: ARTICLE_HTML.format(title="Press Conference", body="Reuters: A question?"),
        ZH_ARTICLE: ARTICLE_HTML.format(title="例行记者会", body="毛宁：中方坚决反对。"),
        FR_ARTICLE: ARTICLE_HTML.format(title="Conférence", body="Mao Ning : Réponse."),
    }
    for path, text in pages.items():
        file = root / path.lstrip("/")
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8")
    (root / IMAGE.lstrip("/")).write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 2000)
    site_server.root = root
    return site_server


def fetcher(site: SiteServer, **options: object) -> Fetcher:
    settings: dict[str, object] = {
        "origin": site.origin,
        "spacing": 0,
        "retries": 2,
        "backoff": 0.01,
        "timeout": 2,
    }
    settings.update(options)
    return Fetcher(**settings)  # type: ignore[arg-type]


def file_bytes(site: SiteServer, path: str) -> bytes:
    return (site.root / path.lstrip("/")).read_bytes()


# --- the ordinary case ----------------------------------------------------------------------------


async def test_fetches_bytes_with_canonical_url_and_validators(site: SiteServer) -> None:
    async with fetcher(site) as f:
        result = await f.fetch(FMPRC + EN_ARTICLE)
    assert result.status == 200
    assert result.url == FMPRC + EN_ARTICLE  # canonical, not the test server's address
    assert result.content == file_bytes(site, EN_ARTICLE)  # untouched bytes
    assert result.etag and result.last_modified
    assert site.count(EN_ARTICLE) == 1


async def test_sends_a_browser_user_agent_and_the_editions_language(site: SiteServer) -> None:
    async with fetcher(site) as f:
        await f.fetch(FMPRC + EN_ARTICLE)
        await f.fetch(MFA + ZH_ARTICLE)
        await f.fetch(FMPRC + FR_ARTICLE)
        await f.fetch(FMPRC + EN_ARTICLE, edition="ru")
    headers = [r.headers for r in site.requests]
    assert all(h["User-Agent"].startswith("Mozilla/5.0") for h in headers)
    assert all("Chrome/" in h["User-Agent"] for h in headers)
    languages = [h["Accept-Language"].split(",")[0] for h in headers]
    assert languages == ["en-US", "zh-CN", "fr", "ru"]


async def test_conditional_request_gets_304_and_no_content(site: SiteServer) -> None:
    async with fetcher(site) as f:
        first = await f.fetch(FMPRC + EN_LIST)
        again = await f.fetch(FMPRC + EN_LIST, validators=(first.etag, first.last_modified))
        by_date = await f.fetch(FMPRC + EN_LIST, validators=(None, first.last_modified))
    assert again.status == 304 and again.content is None and again.not_modified
    assert by_date.status == 304
    assert site.requests[1].headers["If-None-Match"] == first.etag
    site.put(EN_LIST, "<html>changed</html>")
    async with fetcher(site) as f:
        changed = await f.fetch(FMPRC + EN_LIST, validators=(first.etag, None))
    assert changed.status == 200 and changed.content == b"<html>changed</html>"


async def test_not_found_is_an_error_with_its_reason(site: SiteServer) -> None:
    async with fetcher(site) as f:
        with pytest.raises(FetchError) as info:
            await f.fetch(FMPRC + "/eng/xw/fyrbt/lxjzh/index_99.html")
    assert info.value.reason == "not-found"
    assert "does not exist" in str(info.value)
    assert site.count() == 1  # a 404 is not retried


# --- only the site --------------------------------------------------------------------------------


async def test_other_sites_are_never_fetched(site: SiteServer) -> None:
    async with fetcher(site) as f:
        with pytest.raises(FetchError) as info:
            await f.fetch("https://example.com/eng/xw/fyrbt/lxjzh/")
    assert info.value.reason == "off-site"
    assert "not an address of the ministry's site" in str(info.value)
    assert site.count() == 0


async def test_addresses_on_the_origin_map_back_to_the_site(site: SiteServer) -> None:
    async with fetcher(site) as f:
        result = await f.fetch(site.origin + EN_ARTICLE)
        zh = await f.fetch(site.origin + ZH_ARTICLE)
    assert result.url == FMPRC + EN_ARTICLE
    assert zh.url == MFA + ZH_ARTICLE


async def test_redirect_within_the_site_is_followed(site: SiteServer) -> None:
    site.fault("/eng/old.shtml", REDIRECT, location=EN_ARTICLE)
    site.fault("/eng/older.shtml", REDIRECT, location="https://www.mfa.gov.cn" + EN_ARTICLE)
    async with fetcher(site) as f:
        result = await f.fetch(FMPRC + "/eng/old.shtml")
        other_host = await f.fetch(FMPRC + "/eng/older.shtml")
    assert result.url == FMPRC + EN_ARTICLE
    assert result.content == file_bytes(site, EN_ARTICLE)
    assert other_host.url == MFA + EN_ARTICLE


async def test_redirect_to_another_site_is_refused(site: SiteServer) -> None:
    site.fault(EN_ARTICLE, REDIRECT, location="https://evil.example.net/phish")
    async with fetcher(site) as f:
        with pytest.raises(FetchError) as info:
            await f.fetch(FMPRC + EN_ARTICLE)
    assert info.value.reason == "off-site"
    assert "evil.example.net" in str(info.value)
    assert site.count() == 1


async def test_redirect_loop_is_detected(site: SiteServer) -> None:
    site.fault(EN_ARTICLE, REDIRECT_LOOP)
    async with fetcher(site) as f:
        with pytest.raises(FetchError) as info:
            await f.fetch(FMPRC + EN_ARTICLE)
    assert info.value.reason == "redirects"
    assert "loop" in str(info.value)
    assert site.count() == 2


async def test_redirects_are_bounded(site: SiteServer) -> None:
    for n in range(8):
        site.fault(f"/eng/hop{n}", REDIRECT, location=f"/eng/hop{n + 1}")
    async with fetcher(site, max_redirects=5) as f:
        with pytest.raises(FetchError, match="more than 5 times"):
            await f.fetch(FMPRC + "/eng/hop0")
    assert site.count() == 6


@pytest.mark.parametrize(
    "location", ["/web/system/2020/09/25/index_17321.shtml", "/eng/index_17321.html"]
)
async def test_redirect_to_the_system_page_means_removed(site: SiteServer, location: str) -> None:
    site.fault(EN_ARTICLE, REDIRECT, location=location)
    async with fetcher(site) as f:
        with pytest.raises(PageRemoved) as info:
            await f.fetch(FMPRC + EN_ARTICLE)
    assert info.value.reason == "removed"
    assert site.count(location) == 0  # no need to fetch the system page itself


@pytest.mark.parametrize(
    ("location", "words"),
    [
        pytest.param("javascript:alert(1)", "javascript:alert(1)", id="javascript"),
        pytest.param("http://127.0.0.1:99999/x", "99999", id="port-out-of-range"),
        pytest.param("http://[::1/x", "[::1", id="broken-ipv6-host"),
        pytest.param("file:///etc/passwd", "file:///etc/passwd", id="file"),
        pytest.param("https://www.fmprc.gov.cn:99999/eng/", "99999", id="site-host-bad-port"),
    ],
)
async def test_a_redirect_to_an_unusable_address_is_one_failed_page(
    site: SiteServer, location: str, words: str
) -> None:
    site.fault(EN_ARTICLE, REDIRECT, location=location)
    async with fetcher(site) as f:
        with pytest.raises(FetchError) as info:
            await f.fetch(FMPRC + EN_ARTICLE)
        # The fetcher is still good for the next page.
        after = await f.fetch(FMPRC + FR_ARTICLE)
    assert words in str(info.value) and "not followed" in str(info.value)
    assert "\n" not in str(info.value)
    assert site.count(EN_ARTICLE) == 1  # the site's answer will not change: not retried
    assert after.status == 200


async def test_not_modified_to_a_request_for_the_whole_page_is_a_failure(
    site: SiteServer,
) -> None:
    site.fault(EN_ARTICLE, STATUS, status=304)
    site.fault(IMAGE, STATUS, status=304)
    async with fetcher(site) as f:
        with pytest.raises(FetchError, match="304") as info:
            await f.fetch(FMPRC + EN_ARTICLE)
        with pytest.raises(FetchError, match="304"):
            await f.fetch_bytes(FMPRC + IMAGE)
    assert info.value.reason == "http-error"


async def test_a_page_that_trickles_in_is_given_up_at_the_deadline(site: SiteServer) -> None:
    # Each read comes well within the per-read timeout; the whole page never would in time.
    site.fault(EN_ARTICLE, DRIP, size=20, interval=0.05)
    async with fetcher(site, timeout=1, read_deadline=0.4) as f:
        began = time.monotonic()
        with pytest.raises(FetchError) as info:
            await f.fetch(FMPRC + EN_ARTICLE)
        waited = time.monotonic() - began
    assert info.value.reason == "timeout"
    assert "0.4 s" in str(info.value) and "read_deadline" in str(info.value)
    assert waited < 1.5
    assert site.count(EN_ARTICLE) == 1  # a site this slow is not asked again at once


async def test_a_slow_page_within_the_deadline_arrives_whole(site: SiteServer) -> None:
    site.fault(EN_ARTICLE, DRIP, size=100, interval=0.01)
    async with fetcher(site, timeout=1, read_deadline=10) as f:
        result = await f.fetch(FMPRC + EN_ARTICLE)
    assert result.content == file_bytes(site, EN_ARTICLE)


async def test_soft_404_is_returned_as_bytes_for_the_parser_to_judge(site: SiteServer) -> None:
    site.fault(EN_ARTICLE, SOFT404)
    async with fetcher(site) as f:
        result = await f.fetch(FMPRC + EN_ARTICLE)
    assert result.status == 200
    assert result.content is not None and "系统维护".encode() in result.content


# --- bodies as they come --------------------------------------------------------------------------


async def test_gb18030_and_wrong_charset_bodies_are_not_decoded(site: SiteServer) -> None:
    site.fault(ZH_ARTICLE, GB18030)
    site.fault(EN_ARTICLE, WRONG_CHARSET)
    async with fetcher(site) as f:
        gb = await f.fetch(MFA + ZH_ARTICLE)
        wrong = await f.fetch(FMPRC + EN_ARTICLE)
    original = file_bytes(site, ZH_ARTICLE).decode("utf-8")
    assert gb.content == original.encode("gb18030")
    assert wrong.content is not None and b"iso-8859-1" in wrong.content
    assert "Reuters: A question?" in wrong.content.decode("utf-8")


@pytest.mark.parametrize("declared", [True, False])
async def test_oversize_bodies_are_refused(site: SiteServer, declared: bool) -> None:
    site.fault(EN_ARTICLE, OVERSIZE, size=3 * 1024 * 1024, declared=declared)
    async with fetcher(site, max_bytes=1024 * 1024) as f:
        with pytest.raises(FetchError) as info:
            await f.fetch(FMPRC + EN_ARTICLE)
        assert info.value.reason == "too-large"
        assert "larger than the limit of 1 MB" in str(info.value)
        # The connection that was given up does not spoil the next request.
        ok = await f.fetch(FMPRC + FR_ARTICLE)
    assert ok.content == file_bytes(site, FR_ARTICLE)
    assert site.count(EN_ARTICLE) == 1  # not retried


# --- recovery -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "options"),
    [
        (STATUS, {"status": 500}),
        (STATUS, {"status": 502}),
        (STATUS, {"status": 503}),
        (RESET, {}),
        (TRUNCATED, {}),
        (TIMEOUT, {}),
    ],
)
async def test_passing_failures_are_retried_and_recover(
    site: SiteServer, kind: str, options: dict[str, object]
) -> None:
    site.fault(EN_ARTICLE, kind, times=2, **options)
    async with fetcher(site, retries=2, timeout=0.3) as f:
        result = await f.fetch(FMPRC + EN_ARTICLE)
    assert result.content == file_bytes(site, EN_ARTICLE)
    assert site.count(EN_ARTICLE) == 3


@pytest.mark.parametrize(
    ("kind", "options", "reason", "words"),
    [
        (STATUS, {"status": 503}, "server-error", "503"),
        (RESET, {}, "connection", "connection"),
        (TRUNCATED, {}, "connection", "cut short"),
        (TIMEOUT, {}, "timeout", "did not answer"),
    ],
)
async def test_lasting_failures_give_up_after_the_retries(
    site: SiteServer, kind: str, options: dict[str, object], reason: str, words: str
) -> None:
    site.fault(EN_ARTICLE, kind, **options)
    async with fetcher(site, retries=2, timeout=0.3) as f:
        with pytest.raises(FetchError) as info:
            await f.fetch(FMPRC + EN_ARTICLE)
    assert info.value.reason == reason
    assert words in str(info.value)
    assert "tried 3 times" in str(info.value)
    assert site.count(EN_ARTICLE) == 3


CLOSED_ORIGIN = "http://127.0.0.1:9"  # nothing listens there: no connection can be made


async def test_a_host_that_cannot_be_reached_is_not_asked_again() -> None:
    async with Fetcher(origin=CLOSED_ORIGIN, spacing=0, retries=2, backoff=0.01) as f:
        with pytest.raises(FetchError) as first:
            await f.fetch(FMPRC + EN_ARTICLE)
        assert first.value.reason == "connection" and "tried 3 times" in str(first.value)
        for url in (FMPRC + FR_ARTICLE, MFA + ZH_ARTICLE, FMPRC + IMAGE):  # one origin for all
            with pytest.raises(FetchError) as then:
                await f.fetch_bytes(url) if url.endswith(".jpg") else await f.fetch(url)
            assert then.value.reason == "connection" and "could not be reached" in str(then.value)
        assert f.requests_made == 3  # the first page's attempts only
    async with Fetcher(origin=CLOSED_ORIGIN, spacing=0, retries=0) as again:  # the next try asks
        with pytest.raises(FetchError):
            await again.fetch(FMPRC + EN_ARTICLE)
        assert again.requests_made == 1


async def test_a_connection_cut_short_leaves_the_host_reachable(site: SiteServer) -> None:
    site.fault(EN_ARTICLE, RESET)
    async with fetcher(site, retries=1) as f:
        with pytest.raises(FetchError):
            await f.fetch(FMPRC + EN_ARTICLE)
        assert (await f.fetch(FMPRC + FR_ARTICLE)).status == 200
    assert site.count(EN_ARTICLE) == 2


async def test_backoff_grows_between_retries(site: SiteServer) -> None:
    site.fault(EN_ARTICLE, STATUS, status=500, times=3)
    async with fetcher(site, retries=3, backoff=0.05) as f:
        await f.fetch(FMPRC + EN_ARTICLE)
    starts = [r.started for r in site.requests]
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    # 0.05·2^n with jitter 0.5–1.5: at least 0.025, 0.05, 0.1 (less a little for the network,
    # as these are measured where the server receives the requests)
    assert gaps[0] >= 0.015 and gaps[1] >= 0.035 and gaps[2] >= 0.08
    assert sum(gaps) >= 0.16
    assert gaps[2] > gaps[0]


# --- the site says no -----------------------------------------------------------------------------


@pytest.mark.parametrize("status", [403, 412, 429])
async def test_refusal_stops_that_host_and_says_what_to_try(site: SiteServer, status: int) -> None:
    site.fault(EN_ARTICLE, STATUS, status=status)
    async with fetcher(site) as f:
        with pytest.raises(SiteRefused) as info:
            await f.fetch(FMPRC + EN_ARTICLE)
        message = str(info.value)
        assert "refused" in message and str(status) in message
        assert "concurrency" in message and "spacing" in message
        assert "\n" not in message
        assert info.value.host == "www.fmprc.gov.cn"
        # Nothing more is asked of that host ...
        with pytest.raises(SiteRefused):
            await f.fetch(FMPRC + FR_ARTICLE)
        # ... while the other host goes on.
        zh = await f.fetch(MFA + ZH_ARTICLE)
    assert zh.status == 200
    assert site.count(EN_ARTICLE) == 1  # refusals are not retried
    assert site.count(FR_ARTICLE) == 0


async def test_refusal_stops_requests_already_waiting(site: SiteServer) -> None:
    site.fault(EN_ARTICLE, STATUS, status=403)
    site.latency = 0.05
    async with fetcher(site, concurrency=1) as f:
        results = await asyncio.gather(
            f.fetch(FMPRC + EN_ARTICLE),
            *(f.fetch(FMPRC + FR_ARTICLE) for _ in range(5)),
            return_exceptions=True,
        )
    assert all(isinstance(r, SiteRefused) for r in results)
    assert site.count() == 1


# --- politeness -----------------------------------------------------------------------------------


async def test_at_most_concurrency_requests_in_flight_per_host(site: SiteServer) -> None:
    site.latency = 0.1
    async with fetcher(site, concurrency=2) as f:
        await asyncio.gather(*(f.fetch(FMPRC + EN_ARTICLE) for _ in range(6)))
    assert site.max_in_flight == 2
    assert site.count(EN_ARTICLE) == 6


async def test_hosts_have_their_own_limits(site: SiteServer) -> None:
    site.latency = 0.1
    async with fetcher(site, concurrency=1) as f:
        await asyncio.gather(
            *(f.fetch(FMPRC + EN_ARTICLE) for _ in range(2)),
            *(f.fetch(MFA + ZH_ARTICLE) for _ in range(2)),
        )
    assert site.max_in_flight == 2


async def test_request_starts_are_spaced(site: SiteServer) -> None:
    async with fetcher(site, concurrency=4, spacing=0.1) as f:
        began = time.monotonic()
        await asyncio.gather(*(f.fetch(FMPRC + EN_ARTICLE) for _ in range(4)))
    starts = sorted(r.started for r in site.requests)
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    # Measured where the server receives them, so allow for connection set-up jitter.
    assert min(gaps) >= 0.06
    assert starts[-1] - starts[0] >= 0.28
    assert starts[0] - began < 0.09  # the first one does not wait


# --- images ---------------------------------------------------------------------------------------


async def test_fetch_to_file_and_its_size_cap(site: SiteServer, tmp_path: Path) -> None:
    target = tmp_path / "out" / "image.jpg"
    async with fetcher(site) as f:
        await f.fetch_to_file(FMPRC + IMAGE, target)
        assert target.read_bytes() == file_bytes(site, IMAGE)
        assert site.requests[0].headers["Accept"].startswith("image/")
        with pytest.raises(FetchError) as info:
            await f.fetch_to_file(FMPRC + IMAGE, tmp_path / "small.jpg", max_bytes=1000)
    assert info.value.reason == "too-large"
    assert not (tmp_path / "small.jpg").exists()
    assert not list(tmp_path.glob("*.part"))


# --- settings -------------------------------------------------------------------------------------


async def test_fetcher_takes_its_politeness_from_the_settings(site: SiteServer) -> None:
    from mfa_reader.config import load_settings

    settings = load_settings(
        env={
            "MFA_READER_CONFIG": "/dev/null",
            "MFA_READER_ORIGIN": site.origin,
            "MFA_READER_CONCURRENCY": "3",
            "MFA_READER_SPACING": "0",
            "MFA_READER_MAX_BYTES": "1 MB",
            "MFA_READER_READ_DEADLINE": "30",
        }
    )
    async with Fetcher.from_settings(settings, retries=0) as f:
        assert (f.concurrency, f.spacing, f.max_bytes, f.retries) == (3, 0.0, 1024 * 1024, 0)
        assert f.read_deadline == 30.0
        result = await f.fetch(FMPRC + EN_ARTICLE)
    assert result.url == FMPRC + EN_ARTICLE
    assert site.count(EN_ARTICLE) == 1


async def test_fetchers_of_one_program_share_the_hosts_limits(site: SiteServer) -> None:
    """A refresh and an article opened meanwhile do not double what the site sees."""
    site.latency = 0.1
    async with fetcher(site, concurrency=2) as refresh, fetcher(site, concurrency=2) as reader:
        await asyncio.gather(
            *(refresh.fetch(FMPRC + EN_ARTICLE) for _ in range(4)),
            *(reader.fetch(FMPRC + FR_ARTICLE) for _ in range(4)),
        )
    assert site.max_in_flight == 2
