"""The SQLite cache: what is stored comes back, the list pages right, the user's marks are kept, and
a damaged, foreign or newer file never stops the reader nor gets silently overwritten."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from mfa_reader.cache import Cache
from mfa_reader.model import Article, ArticleRef, Block, BlockKind

EN = "https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/"
ZH = "https://www.mfa.gov.cn/web/fyrbt_673021/jzhsl_673025/"


def make_article(
    n: int,
    *,
    edition: str = "en",
    section: str | None = "press-conferences",
    title: str | None = None,
    published: str | None = None,
    body: str | None = None,
    base: str = EN,
) -> Article:
    return Article(
        url=f"{base}202510/t202510{n:02d}_{11700000 + n}.html",
        doc_id=f"t202510{n:02d}_{11700000 + n}",
        edition=edition,
        section=section,
        section_name="Regular Press Conferences",
        title=title or f"Foreign Ministry Spokesperson's Regular Press Conference No. {n}",
        published=published or f"2025-10-{n:02d}T19:15:00+08:00",
        source="Ministry of Foreign Affairs",
        blocks=(
            Block(BlockKind.PARAGRAPH, body or f"Opening remarks of conference number {n}."),
            Block(BlockKind.QUESTION, "CCTV: Could you share more details?"),
            Block(BlockKind.IMAGE, "", "https://www.fmprc.gov.cn/eng/xw/photo.jpg"),
            Block(BlockKind.CAPTION, "The spokesperson at the podium"),
        ),
        translations={"zh": f"{ZH}202510/t202510{n:02d}_{11700000 + n}.shtml"},
    )


def ref_of(article: Article, listed: date | None = None) -> ArticleRef:
    return ArticleRef(
        url=article.url,
        doc_id=article.doc_id,
        edition=article.edition,
        section=article.section,
        title=article.title,
        date=listed or date.fromisoformat(article.published[:10]),
    )


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    with Cache.open(tmp_path / "data" / "cache.sqlite3") as c:
        yield c


# --- storing and reading back ---------------------------------------------------------------------


def test_an_article_comes_back_as_it_was_stored(cache: Cache) -> None:
    article = make_article(17)
    assert cache.store_article(article) == "new"
    assert cache.article(article.url) == article
    entry = cache.entry(article.url)
    assert entry is not None
    assert entry.title == article.title
    assert entry.published == "2025-10-17T19:15:00+08:00"
    assert entry.has_body and not entry.read and not entry.starred and not entry.removed
    assert cache.entry(article.doc_id) == entry
    assert cache.entry("https://www.fmprc.gov.cn/eng/nothing.html") is None


def test_the_file_survives_closing_and_reopening(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    article = make_article(3)
    with Cache.open(path) as cache:
        cache.store_article(article)
        cache.set_starred(article.url)
    with Cache.open(path) as cache:
        assert cache.moved_aside is None
        assert cache.article(article.url) == article
        entry = cache.entry(article.url)
        assert entry is not None and entry.starred


def test_storing_the_same_article_again_changes_nothing(cache: Cache) -> None:
    article = make_article(1)
    assert cache.store_article(article) == "new"
    assert cache.store_article(article) == "unchanged"
    changed = make_article(1, body="The opening remarks were corrected.")
    assert cache.store_article(changed) == "updated"
    assert cache.article(article.url) == changed
    assert cache.store_article(changed) == "unchanged"


def test_a_listed_item_becomes_new_when_its_body_arrives(cache: Cache) -> None:
    article = make_article(5)
    assert cache.add_refs([ref_of(article)]) == [article.url]
    assert cache.article(article.url) is None  # listed only: no body yet
    entry = cache.entry(article.url)
    assert entry is not None and not entry.has_body and entry.published == "2025-10-05"
    assert [e.url for e in cache.missing_bodies()] == [article.url]
    assert cache.store_article(article) == "new"
    assert cache.missing_bodies() == []
    entry = cache.entry(article.url)
    assert entry is not None and entry.has_body and entry.published == article.published


def test_listing_again_never_downgrades_a_fetched_article(cache: Cache) -> None:
    article = make_article(8)
    cache.store_article(article)
    stale = ArticleRef(article.url, article.doc_id, "en", None, "Old list title", date(2025, 10, 7))
    assert cache.add_refs([stale]) == []
    assert cache.article(article.url) == article
    entry = cache.entry(article.url)
    assert entry is not None and entry.title == article.title and entry.has_body
    assert cache.store_article(article) == "unchanged"


def test_add_refs_reports_only_unknown_urls(cache: Cache) -> None:
    a, b, c = make_article(1), make_article(2), make_article(3)
    assert cache.add_refs([ref_of(a), ref_of(b)]) == [a.url, b.url]
    assert cache.add_refs([ref_of(b), ref_of(c), ref_of(c)]) == [c.url]
    assert cache.known_urls([a.url, c.url, "https://www.fmprc.gov.cn/eng/x.html"]) == {a.url, c.url}
    retitled = ArticleRef(a.url, a.doc_id, "en", a.section, "A better title", date(2025, 10, 1))
    cache.add_refs([retitled])
    entry = cache.entry(a.url)
    assert entry is not None and entry.title == "A better title"


# --- the list -------------------------------------------------------------------------------------


def test_entries_are_newest_first_and_page_without_gaps(cache: Cache) -> None:
    for n in range(1, 26):
        cache.store_article(make_article(n))
    # Two on the same instant are ordered by URL.
    twin = make_article(40, published="2025-10-25T19:15:00+08:00")
    cache.store_article(twin)
    pages = [cache.entries(limit=10, offset=o) for o in (0, 10, 20)]
    assert [len(p) for p in pages] == [10, 10, 6]
    urls = [e.url for p in pages for e in p]
    assert len(set(urls)) == 26
    published = [e.published for p in pages for e in p]
    assert published == sorted(published, reverse=True)
    first_two = [e.url for e in pages[0][:2]]
    assert first_two == sorted([make_article(25).url, twin.url])
    assert cache.count() == 26


def test_entries_filter_by_edition_section_date_and_star(cache: Cache) -> None:
    for n in range(1, 11):
        cache.store_article(make_article(n))
        cache.store_article(
            make_article(n, edition="zh", base=ZH, title=f"外交部发言人例行记者会{n}")
        )
    cache.store_article(make_article(11, section="spokesperson-remarks"))
    cache.set_starred(make_article(4).url)
    assert cache.count() == 21
    assert cache.count("zh") == 10
    assert cache.count("en", "press-conferences") == 10
    assert cache.count(section="spokesperson-remarks") == 1
    assert {e.edition for e in cache.entries("zh")} == {"zh"}
    two = cache.entries("en", "press-conferences", limit=2)
    assert [e.published[:10] for e in two] == ["2025-10-10", "2025-10-09"]
    since = cache.entries("en", since="2025-10-09")
    assert [e.published[:10] for e in since] == ["2025-10-11", "2025-10-10", "2025-10-09"]
    assert [e.url for e in cache.entries(starred_only=True)] == [make_article(4).url]


def test_read_and_starred_marks_survive_fetching_again(cache: Cache) -> None:
    article = make_article(2)
    cache.add_refs([ref_of(article)])
    cache.set_read(article.url)
    cache.set_starred(article.url)
    cache.store_article(article)
    cache.store_article(make_article(2, body="Revised remarks."))
    cache.add_refs([ref_of(article)])
    entry = cache.entry(article.url)
    assert entry is not None and entry.read and entry.starred
    cache.set_read(article.url, False)
    entry = cache.entry(article.url)
    assert entry is not None and not entry.read and entry.starred


def test_removed_articles_are_hidden_but_kept(cache: Cache) -> None:
    gone, kept = make_article(1), make_article(2)
    cache.store_article(gone)
    cache.store_article(kept)
    cache.set_starred(gone.url)
    cache.mark_removed(gone.url)
    assert [e.url for e in cache.entries()] == [kept.url]
    assert cache.count() == 1
    assert cache.entries(starred_only=True) == []
    entry = cache.entry(gone.url)
    assert entry is not None and entry.removed and entry.starred
    assert cache.article(gone.url) == gone  # the text is still there to read
    # Back on the site: shown again, the star still on it.
    assert cache.store_article(gone) == "updated"
    entry = cache.entry(gone.url)
    assert entry is not None and not entry.removed and entry.starred


def test_list_validators_round_trip(cache: Cache) -> None:
    assert cache.list_validators(EN) == (None, None)
    cache.save_list_validators(EN, '"abc"', "Fri, 17 Oct 2025 11:15:00 GMT")
    assert cache.list_validators(EN) == ('"abc"', "Fri, 17 Oct 2025 11:15:00 GMT")
    cache.save_list_validators(EN, None, "Sat, 18 Oct 2025 11:15:00 GMT")
    assert cache.list_validators(EN) == (None, "Sat, 18 Oct 2025 11:15:00 GMT")
