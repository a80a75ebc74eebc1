"""Searching the cache as a reader would: words and phrases in six languages, ranked, with snippets,
and whatever is typed into the box never breaks the search."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import count
from pathlib import Path

import pytest

from mfa_reader.cache import Cache
from mfa_reader.model import Article, ArticleRef, Block, BlockKind, SearchHit

_numbers = count(1)

ROOTS = {
    "en": "https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/",
    "zh": "https://www.mfa.gov.cn/web/fyrbt_673021/jzhsl_673025/",
    "fr": "https://www.fmprc.gov.cn/fra/xwfw/fyrth/",
    "es": "https://www.fmprc.gov.cn/esp/xwfw/fyrth/",
    "ru": "https://www.fmprc.gov.cn/rus/xwfw/fyrth/",
    "ar": "https://www.fmprc.gov.cn/ara/xwfw/fyrth/",
}


def put(
    cache: Cache, edition: str, title: str, *paragraphs: str, published: str = "2025-10-17"
) -> Article:
    n = next(_numbers)
    article = Article(
        url=f"{ROOTS[edition]}202510/t20251017_{11700000 + n}.html",
        doc_id=f"t20251017_{11700000 + n}",
        edition=edition,
        section="press-conferences",
        section_name="",
        title=title,
        published=published,
        source="",
        blocks=tuple(Block(BlockKind.PARAGRAPH, p) for p in paragraphs),
    )
    cache.store_article(article)
    return article


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    with Cache.open(tmp_path / "cache.sqlite3") as c:
        yield c


@pytest.fixture
def library(cache: Cache) -> dict[str, Article]:
    """A small cache with an article or two in each edition."""
    return {
        "zh_mao": put(
            cache,
            "zh",
            "2025年10月17日外交部发言人毛宁主持例行记者会",
            "中方坚定支持多边主义，愿同各方一道推动构建人类命运共同体。",
            "问：关于中美经贸磋商，中方有何评论？答：中美双方应相向而行。",
        ),
        "zh_wang": put(
            cache,
            "zh",
            "王毅会见俄罗斯外长拉夫罗夫",
            "双方就乌克兰危机交换了意见。王毅表示，中俄关系保持高水平运行。",
            published="2025-10-16",
        ),
        "en_belt": put(
            cache,
            "en",
            "Wang Yi Meets with Foreign Minister of Kazakhstan",
            "The two sides agreed to deepen Belt and Road cooperation in transport and energy.",
            "China supports Kazakhstan in hosting the summit.",
        ),
        "en_road": put(
            cache,
            "en",
            "Foreign Ministry Spokesperson's Regular Press Conference",
            "Q: The road to peace in the region is long. Will China mediate?",
            "A: China stands ready to play a constructive role; the belt of stability matters.",
        ),
        "ru": put(
            cache,
            "ru",
            "Ван И провел переговоры с министром иностранных дел России",
            "Стороны подтвердили готовность расширять Сотрудничество в энергетике.",
            "Москва и Пекин поддерживают тесные контакты; ЕС также упоминался.",
        ),
        "ar": put(
            cache,
            "ar",
            "وانغ يي يلتقي وزير الخارجية السعودي",
            "أكدت الصين والمملكة العربية السعودية على تعزيز التعاون في مجال الطاقة.",
        ),
        "fr": put(
            cache,
            "fr",
            "Conférence de presse régulière du porte-parole",
            "La Chine et la France renforceront leur coopération économique.",
        ),
        "es": put(
            cache,
            "es",
            "Conferencia de prensa habitual del portavoz",
            "China y España profundizarán la cooperación en energías renovables.",
        ),
    }


def urls(hits: list[SearchHit]) -> list[str]:
    return [h.entry.url for h in hits]


def test_chinese_words_of_three_or_more_characters_are_found(
    cache: Cache, library: dict[str, Article]
) -> None:
    hits = cache.search("发言人")
    assert urls(hits) == [library["zh_mao"].url]
    assert "[[发言人]]" in hits[0].snippet
    assert hits[0].rank < 0  # a bm25 score: found through the index
    hits = cache.search("人类命运共同体")
    assert urls(hits) == [library["zh_mao"].url]
    assert "[[人类命运共同体]]" in hits[0].snippet


def test_chinese_words_of_one_or_two_characters_are_found(
    cache: Cache, library: dict[str, Article]
) -> None:
    assert urls(cache.search("毛宁")) == [library["zh_mao"].url]
    assert set(urls(cache.search("中美"))) == {library["zh_mao"].url}
    hits = cache.search("俄")
    assert urls(hits) == [library["zh_wang"].url]
    assert "[[俄]]" in hits[0].snippet
    assert hits[0].rank == 0  # a place in the LIKE path's order, not a bm25 score
    assert urls(cache.search("关系")) == [library["zh_wang"].url]


def test_short_and_long_words_together_must_all_match(
    cache: Cache, library: dict[str, Article]
) -> None:
    assert urls(cache.search("中美 经贸磋商")) == [library["zh_mao"].url]
    assert cache.search("中俄 经贸磋商") == []


def test_arabic_and_russian_words_are_found(cache: Cache, library: dict[str, Article]) -> None:
    hits = cache.search("السعودية")
    assert urls(hits) == [library["ar"].url]
    assert "[[السعودية]]" in hits[0].snippet
    # Case does not matter, in Cyrillic either, through the index and through LIKE.
    assert urls(cache.search("сотрудничество")) == [library["ru"].url]
    assert urls(cache.search("МОСКВА")) == [library["ru"].url]
    assert urls(cache.search("ес")) == [library["ru"].url]


def test_french_and_spanish_words_are_found(cache: Cache, library: dict[str, Article]) -> None:
    assert urls(cache.search("coopération")) == [library["fr"].url]
    assert urls(cache.search("España")) == [library["es"].url]


def test_english_phrases_match_as_phrases_and_words_match_anywhere(
    cache: Cache, library: dict[str, Article]
) -> None:
    phrase = cache.search('"Belt and Road"')
    assert urls(phrase) == [library["en_belt"].url]
    assert "[[Belt and Road]]" in phrase[0].snippet
    # Unquoted, every word must match, in any order and place.
    assert set(urls(cache.search("belt road"))) == {library["en_belt"].url, library["en_road"].url}
    assert urls(cache.search("belt road mediate")) == [library["en_road"].url]


def test_a_title_hit_ranks_above_a_body_hit(cache: Cache) -> None:
    body = put(cache, "en", "Remarks on the Situation", "The summit in Kazakhstan went well.")
    title = put(cache, "en", "Kazakhstan and China Sign Agreements", "The two sides signed.")
    assert urls(cache.search("Kazakhstan")) == [title.url, body.url]


def test_more_matches_rank_above_fewer(cache: Cache) -> None:
    once = put(cache, "en", "Remarks", "Connectivity was mentioned once. " + "Filler text. " * 5)
    often = put(
        cache,
        "en",
        "Remarks",
        "Connectivity, connectivity and more connectivity. " + "Filler text. " * 3,
    )
    hits = cache.search("connectivity")
    assert urls(hits) == [often.url, once.url]
    assert hits[0].rank < hits[1].rank


def test_short_words_rank_title_hits_first_then_newest(cache: Cache) -> None:
    old_title = put(cache, "zh", "中欧关系", "正文。", published="2025-01-01")
    new_body = put(cache, "zh", "记者会", "谈到中欧合作。", published="2025-10-01")
    newer_body = put(cache, "zh", "答记者问", "中欧。", published="2025-10-02")
    new_title = put(cache, "zh", "中欧峰会", "正文。", published="2025-06-01")
    hits = cache.search("中欧")
    assert urls(hits) == [new_title.url, old_title.url, newer_body.url, new_body.url]
    assert [h.rank for h in hits] == sorted(h.rank for h in hits)


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        "'",
        '"Belt and',
        "*",
        "Belt*",
        "-",
        "-China",
        "title:China",
        ":",
        "(",
        ")",
        "(China",
        "NEAR",
        "NEAR(China Kazakhstan)",
        "China AND",
        "AND",
        "OR NOT",
        "^China",
        "{title body}: China",
        "%",
        "_",
        "\\",
        "50%_off",
        "   ",
        "",
        "中国 OR",
        "a" * 500,
    ],
)
def test_query_syntax_characters_never_break_the_search(
    cache: Cache, library: dict[str, Article], query: str
) -> None:
    hits = cache.search(query)
    assert isinstance(hits, list)
    assert cache.search(query, edition="zh") is not None


def test_syntax_characters_are_searched_for_literally(cache: Cache) -> None:
    covid = put(cache, "en", "Remarks on COVID-19", "Vaccines against COVID-19 (Omicron).")
    other = put(cache, "en", "Remarks on COVID", "19 countries; also an (Omicron) note.")
    assert urls(cache.search("COVID-19")) == [covid.url]
    assert urls(cache.search("-19")) == [covid.url]
    assert set(urls(cache.search("(Omicron)"))) == {covid.url, other.url}
    percent = put(cache, "en", "Trade", "Exports rose 5% in the year.")
    assert urls(cache.search("%")) == [percent.url]
    assert urls(cache.search("5%")) == [percent.url]


def test_the_edition_filter_keeps_to_one_language(
    cache: Cache, library: dict[str, Article]
) -> None:
    # "Wang Yi" in English, "Ван И" in Russian: the same minister in two editions.
    assert urls(cache.search("Wang", edition="en")) == [library["en_belt"].url]
    assert cache.search("Wang", edition="ru") == []
    assert urls(cache.search("Ван", edition="ru")) == [library["ru"].url]
    assert urls(cache.search("王毅", edition="zh")) == [library["zh_wang"].url]
    assert cache.search("王毅", edition="en") == []


def test_removed_articles_are_still_found_and_marked(
    cache: Cache, library: dict[str, Article]
) -> None:
    """The site took it down; the text the reader saw is kept, and so is finding it."""
    cache.mark_removed(library["ar"].url)
    hits = cache.search("السعودية")
    assert urls(hits) == [library["ar"].url] and hits[0].entry.removed
    short = cache.search("في")  # a two-letter word, through the word index
    assert urls(short) == [library["ar"].url] and short[0].entry.removed
    cache.mark_removed(library["zh_mao"].url)
    short = cache.search("中美")  # the short-word path (LIKE) too
    assert urls(short) == [library["zh_mao"].url] and short[0].entry.removed


def test_entries_removed_before_their_text_came_are_not_found(cache: Cache) -> None:
    url = ROOTS["en"] + "202510/t20251018_1.html"
    cache.add_refs([ArticleRef(url, "t20251018_1", "en", None, "Statement on Gaza", date.today())])
    cache.mark_removed(url)
    assert cache.search("Gaza") == []
    assert cache.search("Ga") == []


def test_listed_titles_are_searchable_before_the_body_arrives(cache: Cache) -> None:
    url = ROOTS["en"] + "202510/t20251018_1.html"
    cache.add_refs([ArticleRef(url, "t20251018_1", "en", None, "Statement on Gaza", date.today())])
    hits = cache.search("Gaza")
    assert urls(hits) == [url]
    assert not hits[0].entry.has_body
    assert hits[0].snippet == "Statement on [[Gaza]]"


def test_a_changed_article_is_found_by_its_new_words_only(cache: Cache) -> None:
    first = put(cache, "en", "Statement", "The ministry welcomes the ceasefire.")
    changed = first._replace(
        blocks=(Block(BlockKind.PARAGRAPH, "The ministry regrets the attack."),)
    )
    assert cache.store_article(changed) == "updated"
    assert cache.search("ceasefire") == []
    assert urls(cache.search("regrets")) == [first.url]


# --- whole words, phrases, filters, snippets ------------------------------------------------------


def test_spaced_languages_match_whole_words_and_chinese_substrings(cache: Cache) -> None:
    shrine = put(cache, "en", "Remarks", "Japan's leaders visited the Yasukuni Shrine again.")
    thai = put(cache, "en", "Thailand", "Thailand and Cambodia agreed on a ceasefire.")
    hits = cache.search("Shrine AND Japan")
    assert urls(hits) == [shrine.url]
    assert "[[Japan]]'s" in hits[0].snippet and "[[Shrine]]" in hits[0].snippet
    assert urls(cache.search("and")) == [thai.url]  # the word, not the end of "Thailand"
    assert "Thail[[" not in cache.search("and")[0].snippet
    assert cache.search("Thai") == [] and cache.search("hailand") == []
    un = put(cache, "en", "Security Council", "The UN Security Council met; UNESCO did not.")
    assert urls(cache.search("UN")) == [un.url]  # two letters, a whole word, no scan
    assert cache.search("UNES") == []
    zh = put(cache, "zh", "中美关系", "中方愿同美方在APEC会议期间会晤。")
    assert urls(cache.search("中美")) == [zh.url] and urls(cache.search("美方在")) == [zh.url]
    assert urls(cache.search("APEC")) == [zh.url]  # a Latin word in Chinese text is a word
    assert cache.search("PEC") == []
    assert "[[APEC]]" in cache.search("APEC")[0].snippet


def test_quoted_words_are_a_phrase(cache: Cache) -> None:
    belt = put(cache, "en", "Remarks", "We will deepen Belt and Road cooperation.")
    put(cache, "en", "Remarks", "The road and the belt of stability.")
    assert urls(cache.search('"Belt and Road"')) == [belt.url]
    assert cache.search('"Road and Belt"') == []
    assert len(cache.search("belt road")) == 2


def test_edition_section_and_days_narrow_the_search(cache: Cache) -> None:
    old = put(cache, "en", "Trade", "Talks on trade.", published="2024-12-31T18:00:00+08:00")
    new = put(cache, "en", "Trade", "More talks on trade.", published="2025-02-01T09:00:00+08:00")
    fr = put(cache, "fr", "Commerce", "Talks on trade.", published="2025-01-15")
    assert set(urls(cache.search("trade"))) == {old.url, new.url, fr.url}
    assert set(urls(cache.search("trade edition:en"))) == {old.url, new.url}
    assert urls(cache.search("trade edition:fr")) == [fr.url]
    assert set(urls(cache.search("trade since:2025-01-01"))) == {new.url, fr.url}
    assert urls(cache.search("trade until:2024-12-31")) == [old.url]  # the whole last day
    assert urls(cache.search("trade since:2025-01-01 until:2025-01-31")) == [fr.url]
    assert set(urls(cache.search("trade section:press-conferences"))) == {old.url, new.url, fr.url}
    assert cache.search("trade section:spokesperson-remarks") == []
    assert urls(cache.search("trade", edition="fr")) == [fr.url]


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("trade edition:xx", "edition:xx"),
        ("trade since:2025-13-01", "YYYY-MM-DD"),
        ("trade until:yesterday", "until:yesterday"),
        ("trade section:nowhere", "section:nowhere"),
    ],
)
def test_a_filter_that_cannot_be_used_says_why(cache: Cache, query: str, says: str) -> None:
    from mfa_reader.search_query import QueryError

    with pytest.raises(QueryError, match=says):
        cache.search(query)


def test_up_to_three_snippets_each_around_a_match(cache: Cache) -> None:
    filler = "Nothing to see in this sentence at all. " * 4
    text = filler.join(f"Connectivity point {n}. " for n in range(5))
    put(cache, "en", "Remarks", text)
    hits = cache.search("connectivity")
    assert len(hits[0].snippets) == 3
    assert [s.count("[[Connectivity]]") for s in hits[0].snippets] == [1, 1, 1]
    assert [f"point {n}" in s for n, s in enumerate(hits[0].snippets)] == [True] * 3


def test_a_version_6_file_gets_its_word_index(tmp_path: Path) -> None:
    import sqlite3

    from mfa_reader.cache import schema

    path = tmp_path / "cache.sqlite3"
    with Cache.open(path) as cache:
        put(cache, "en", "Remarks", "Thailand and Japan.")
        put(cache, "zh", "中美", "中美关系。")
    conn = sqlite3.connect(path, isolation_level=None)
    for trigger in ("insert", "delete", "update"):  # as a version 6 file was
        conn.execute(f"DROP TRIGGER articles_words_{trigger}")
    conn.execute("DROP TABLE articles_words")
    conn.execute("PRAGMA user_version = 6")
    conn.close()
    with Cache.open(path) as cache:
        assert len(cache.search("Japan")) == 1 and cache.search("hailand") == []
        assert len(cache.search("中美")) == 1
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        conn.execute("INSERT INTO articles_words (articles_words) VALUES ('integrity-check')")
        indexed = conn.execute("SELECT count(*) FROM articles_words_docsize").fetchone()[0]
        assert indexed == 1  # the Chinese article is left to the trigram index
