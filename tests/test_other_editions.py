"""Finding an article in another edition, against the fixture site on a real HTTP server.

By the page's own language link, by a link from another cached page, and for press conferences
by the date in the title of the other edition's list entry: the conference of September 12, 2025
has no language links anywhere, and its versions were published up to three days later
(tests/fixtures/site/README.md). What is found once is found again without asking the site.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
import pytest_asyncio

from mfa_reader.cache import Cache
from mfa_reader.fetcher import Fetcher
from mfa_reader.model import Article, MatchedBy
from mfa_reader.other_editions import (
    cached_translation,
    conference_day,
    find_translation,
    translation_links,
)
from mfa_reader.parser import RemovedPage
from mfa_reader.report import Progress, Step
from mfa_reader.sync import get_article
from siteserver import SOFT404, SiteServer

pytestmark = pytest.mark.asyncio

F = "https://www.fmprc.gov.cn/"
M = "https://www.mfa.gov.cn/"
EN17 = F + "eng/xw/fyrbt/lxjzh/202510/t20251017_99001017.html"
FR17 = F + "fra/xwfw/fyrth/lxjzzdh/202510/t20251019_99003017.html"
ES17 = F + "esp/xwfw/lxjzzdh/202510/t20251019_99004017.html"
ZH17 = M + "web/fyrbt_673021/jzhsl_673025/202510/t20251017_99002017.shtml"
ZH16 = M + "web/fyrbt_673021/jzhsl_673025/202510/t20251016_99002016.shtml"
AR16 = F + "ara/xwfw/lxjzh/202510/t20251018_99006016.html"
EN12 = F + "eng/xw/fyrbt/lxjzh/202509/t20250912_99000912.html"
SEPTEMBER_12 = {
    "zh": M + "web/fyrbt_673021/jzhsl_673025/202509/t20250912_99002912.shtml",
    "fr": F + "fra/xwfw/fyrth/lxjzzdh/202509/t20250913_99003912.html",
    "es": F + "esp/xwfw/lxjzzdh/202509/t20250914_99004912.html",
    "ru": F + "rus/mtfw/ce_cegw_chn/lxjzhzhdh/202509/t20250915_99005912.html",
    "ar": F + "ara/xwfw/lxjzh/202509/t20250915_99006912.html",
}
LEGACY_CONFERENCE = F + "mfa_eng/xwfw_665399/s2510_665401/2511_665403/t1843996.shtml"
LEGACY_NEWS = F + "mfa_eng/topics_665678/kjgzbdfyyq/t1843999.shtml"


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    with Cache.open(tmp_path / "cache.sqlite3") as c:
        yield c


@pytest_asyncio.fixture
async def fetcher(site_server: SiteServer) -> AsyncIterator[Fetcher]:
    async with Fetcher(origin=site_server.origin, spacing=0, retries=0) as f:
        yield f


async def opened(cache: Cache, fetcher: Fetcher, site: SiteServer, url: str) -> Article:
    """The article as the reader has it open: fetched and stored; the site's counts start here."""
    article = await get_article(cache, fetcher, url)
    site.reset()
    return article


def asked(site: SiteServer) -> list[str]:
    return [r.path for r in site.requests]


# --- by links -------------------------------------------------------------------------------------


async def test_a_version_its_page_links_to_is_found_by_link(
    cache: Cache, fetcher: Fetcher, site_server: SiteServer
) -> None:
    english = await opened(cache, fetcher, site_server, EN17)
    found = await find_translation(cache, fetcher, english, "fr")
    assert found is not None and found.matched_by is MatchedBy.LINK
    assert found.article.url == FR17 and found.article.edition == "fr"
    assert found.article.title.startswith("Conférence de presse du 17 octobre 2025")
    assert asked(site_server) == ["/fra/xwfw/fyrth/lxjzzdh/202510/t20251019_99003017.html"]


async def test_a_version_that_links_back_is_found_by_backlink_without_asking_the_site(
    cache: Cache, fetcher: Fetcher, site_server: SiteServer
) -> None:
    # The Chinese page of October 16 links to no Arabic version; the Arabic one links to it.
    await get_article(cache, fetcher, AR16)
    chinese = await opened(cache, fetcher, site_server, ZH16)
    assert "ar" not in chinese.translations
    found = await find_translation(cache, fetcher, chinese, "ar")
    assert found is not None and found.matched_by is MatchedBy.BACKLINK
    assert found.article.url == AR16
    assert asked(site_server) == []


async def test_a_page_that_links_to_both_versions_is_a_backlink_too(
    cache: Cache, fetcher: Fetcher, site_server: SiteServer
) -> None:
    # The Spanish version of October 17 links nowhere; the English page links to it and to the
    # Chinese one.
    await get_article(cache, fetcher, EN17)
    spanish = await opened(cache, fetcher, site_server, ES17)
    assert spanish.translations == {}
    found = await find_translation(cache, fetcher, spanish, "zh")
    assert found is not None and found.matched_by is MatchedBy.BACKLINK
    assert found.article.url == ZH17


# --- by date --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("edition", "days_later"), [("zh", 0), ("fr", 1), ("es", 2), ("ru", 3), ("ar", 3)]
)
async def test_a_conference_without_language_links_is_found_by_the_date_in_its_title(
    cache: Cache, fetcher: Fetcher, site_server: SiteServer, edition: str, days_later: int
) -> None:
    english = await opened(cache, fetcher, site_server, EN12)
    assert english.translations == {} and conference_day(english) == date(2025, 9, 12)
    seen: list[Progress] = []
    found = await find_translation(cache, fetcher, english, edition, seen.append)
    assert found is not None and found.matched_by is MatchedBy.DATE
    assert found.article.url == SEPTEMBER_12[edition]
    assert conference_day(found.article) == date(2025, 9, 12)
    published = date.fromisoformat(found.article.published[:10])
    assert published - date(2025, 9, 12) == timedelta(days=days_later)
    # Its list's first page (newest first: October) and second page, then the article.
    pages = [p for p in asked(site_server) if "/index" in p or p.endswith("/")]
    assert len(pages) == 2 and len(asked(site_server)) == 3
    assert [p.step for p in seen if p.step is not Step.STARTING] == [
        Step.LISTED,
        Step.LISTED,
        Step.FETCHED,
        Step.DONE,
    ]
    assert seen[-1].pages_done == 2 and seen[-1].articles_done == 1


async def test_chinese_to_arabic_by_date(
    cache: Cache, fetcher: Fetcher, site_server: SiteServer
) -> None:
    chinese = await opened(cache, fetcher, site_server, SEPTEMBER_12["zh"])
    found = await find_translation(cache, fetcher, chinese, "ar")
    assert found is not None and found.matched_by is MatchedBy.DATE
    assert found.article.url == SEPTEMBER_12["ar"]


async def test_a_version_found_once_is_found_at_once_both_ways(
    cache: Cache, fetcher: Fetcher, site_server: SiteServer
) -> None:
    english = await opened(cache, fetcher, site_server, EN12)
    first = await find_translation(cache, fetcher, english, "ru")
    assert first is not None
    site_server.reset()
    again = await find_translation(cache, fetcher, english, "ru")
    assert again == first
    back = await find_translation(cache, fetcher, first.article, "en")
    assert back is not None and back.article.url == EN12 and back.matched_by is MatchedBy.DATE
    assert asked(site_server) == []
    assert cached_translation(cache, english, "ru") == first
    links = translation_links(cache, first.article)
    assert (links["en"].url, links["en"].matched_by) == (EN12, MatchedBy.DATE)


async def test_what_the_cache_knows_is_told_for_every_edition_without_the_site(
    cache: Cache, fetcher: Fetcher, site_server: SiteServer
) -> None:
    english = await opened(cache, fetcher, site_server, EN17)
    await get_article(cache, fetcher, SEPTEMBER_12["fr"])  # a conference of another day
    links = translation_links(cache, english)
    assert {code: link.matched_by for code, link in links.items()} == {
        code: MatchedBy.LINK for code in ("zh", "fr", "es", "ru", "ar")
    }
    september = await opened(cache, fetcher, site_server, EN12)
    assert {
        c: (link.url, link.matched_by) for c, link in translation_links(cache, september).items()
    } == {"fr": (SEPTEMBER_12["fr"], MatchedBy.DATE)}
    assert cached_translation(cache, september, "zh") is None  # not cached: the site must say
    assert asked(site_server) == []


async def test_no_version_is_none_after_the_list_says_so(
    cache: Cache, fetcher: Fetcher, site_server: SiteServer
) -> None:
    # A conference of 2020: the French list ends in 2022.
    legacy = await opened(cache, fetcher, site_server, LEGACY_CONFERENCE)
    assert conference_day(legacy) == date(2020, 12, 24)
    assert await find_translation(cache, fetcher, legacy, "fr") is None
    assert asked(site_server) == [
        "/fra/xwfw/fyrth/lxjzzdh/",
        "/fra/xwfw/fyrth/lxjzzdh/index_1.html",
    ]


async def test_an_article_that_is_no_conference_is_not_looked_for_by_date(
    cache: Cache, fetcher: Fetcher, site_server: SiteServer
) -> None:
    news = await opened(cache, fetcher, site_server, LEGACY_NEWS)
    assert conference_day(news) is None
    assert await find_translation(cache, fetcher, news, "zh") is None
    assert asked(site_server) == []


async def test_a_linked_version_the_site_removed_is_looked_for_by_date_then_said_removed(
    cache: Cache, fetcher: Fetcher, site_server: SiteServer
) -> None:
    english = await opened(cache, fetcher, site_server, EN17)
    page = "/fra/xwfw/fyrth/lxjzzdh/202510/t20251019_99003017.html"
    site_server.fault(page, SOFT404)
    with pytest.raises(RemovedPage, match=f"French version \\({FR17}\\) was removed"):
        await find_translation(cache, fetcher, english, "fr")
    # The list still lists it, as the conference of that day: it is not asked for twice.
    assert asked(site_server) == [page, "/fra/xwfw/fyrth/lxjzzdh/"]


async def test_the_own_edition_is_refused(
    cache: Cache, fetcher: Fetcher, site_server: SiteServer
) -> None:
    english = await opened(cache, fetcher, site_server, EN12)
    with pytest.raises(ValueError, match="no other edition"):
        await find_translation(cache, fetcher, english, "en")


# --- a long list is searched by halves ------------------------------------------------------------

FR_LIST = "/fra/xwfw/fyrth/lxjzzdh/"
MONTHS_FR = (
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
)
LIST_PAGE = """<!doctype html>
<html lang="fr"><head><meta charset="UTF-8">
<meta name="ColumnName" content="Conférences de presse régulières">
<title>Conférences de presse régulières_Ministère des Affaires étrangères</title>
</head><body>
<div class="list"><div class="news_list">
{entries}
</div>
<div class="page"><script language="JavaScript">
var currentPage = {page};//所在页从0开始
var countPage = {pages}//共多少页
</script></div></div>
</body></html>
"""


def put_long_french_list(site: SiteServer, pages: int, per_page: int) -> int:
    """A conference every day back from 2026-12-31, the September 12, 2025 one among them (the
    fixture's page); the page it is on."""
    entries = []
    day = date(2026, 12, 31)
    while len(entries) < pages * per_page:
        if day == date(2025, 9, 13):  # published a day later, as the fixture's French version
            href, said = "./202509/t20250913_99003912.html", date(2025, 9, 12)
        else:
            href, said = f"./{day:%Y%m}/t{day:%Y%m%d}_{98000000 + len(entries)}.html", day
        title = (
            f"Conférence de presse du {said.day} {MONTHS_FR[said.month - 1]} {said.year} tenue "
            "par le porte-parole du ministère des Affaires étrangères"
        )
        entries.append(f'<div><a href="{href}">{title}</a><div>{day.isoformat()}</div></div>')
        day -= timedelta(days=1)
    for page in range(pages):
        name = "index.html" if page == 0 else f"index_{page}.html"
        chunk = entries[page * per_page : (page + 1) * per_page]
        site.put(FR_LIST + name, LIST_PAGE.format(entries="\n".join(chunk), page=page, pages=pages))
    return (date(2026, 12, 31) - date(2025, 9, 13)).days // per_page


async def test_a_long_list_is_searched_by_halves_not_walked(
    cache: Cache, fetcher: Fetcher, site_server: SiteServer
) -> None:
    english = await opened(cache, fetcher, site_server, EN12)
    target = put_long_french_list(site_server, pages=60, per_page=10)
    assert target == 47
    found = await find_translation(cache, fetcher, english, "fr")
    assert found is not None and found.article.url == SEPTEMBER_12["fr"]
    pages = [p for p in asked(site_server) if p.startswith(FR_LIST) and "/2025" not in p]
    assert len(pages) <= 13 < target  # page 0, then 1, 3, 7, 15, 31, 59, then halves
    assert FR_LIST + f"index_{target}.html" in pages
