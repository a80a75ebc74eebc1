"""The real pages in ../shared/mfa_pages/ parse to what its README says a correct parse yields."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from mfa_reader.model import Article, BlockKind
from mfa_reader.parser import RemovedPage, parse_article, parse_page

PAGES = Path(__file__).resolve().parents[1].parent / "shared" / "mfa_pages"

pytestmark = pytest.mark.skipif(not PAGES.is_dir(), reason="../shared/mfa_pages is absent")

LANGS = {"zh", "fr", "es", "ru"}


@dataclass(frozen=True)
class Expected:
    file: str
    url: str
    title: str
    published: str
    text_blocks: int
    images: int
    translations: set[str]
    section_name: str
    section: str
    first: str = ""
    last: str = ""
    source: str = ""


REAL = [
    Expected(
        "en_current_article_lxjzh_press-conference_2025-10-17_t20251017_11735636.html",
        "https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/202510/t20251017_11735636.html",
        "Foreign Ministry Spokesperson Lin Jian’s Regular Press Conference on October 17, 2025",
        "2025-10-17T19:15:00+08:00",
        19,
        3,
        LANGS,
        "Regular Press Conferences",
        "press-conferences",
        first="Reuters: Please could",
        last="Lin Jian: The latest statistics",
    ),
    Expected(
        "en_current_article_lxjzh_2025-04-30_t20250430_11614172.html",
        "https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/202504/t20250430_11614172.html",
        "Foreign Ministry Spokesperson Guo Jiakun’s Regular Press Conference on April 30, 2025",
        "2025-04-30T19:06:00+08:00",
        31,
        3,
        LANGS,
        "Regular Press Conferences",
        "press-conferences",
    ),
    Expected(
        "en_current_article_fyrbt_2024-10-17_t20241017_11509439.html",
        "https://www.fmprc.gov.cn/eng/xw/fyrbt/202410/t20241017_11509439.html",
        "Foreign Ministry Spokesperson Mao Ning’s Regular Press Conference on October 17, 2024",
        "2024-10-17T19:24:00+08:00",
        18,
        3,
        LANGS,
        "Spokesperson’s Remarks",
        "spokesperson-remarks",
    ),
    Expected(
        "en_migrated_article_lxjzh_2024-04-22_t20240530_11347742.html",
        "https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/202405/t20240530_11347742.html",
        "Foreign Ministry Spokesperson Wang Wenbin’s Regular Press Conference on April 22, 2024",
        "2024-04-22T19:13:00+08:00",
        28,
        3,
        LANGS,
        "Regular Press Conferences",
        "press-conferences",
    ),
    Expected(
        "en_migrated_article_lxjzh_2023-10-17_t20240530_11347616.html",
        "https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/202405/t20240530_11347616.html",
        "Foreign Ministry Spokesperson Mao Ning’s Regular Press Conference on October 17, 2023",
        "2023-10-17T18:49:00+08:00",
        25,
        4,
        LANGS,
        "Regular Press Conferences",
        "press-conferences",
        source="外交部-新闻司",
    ),
    Expected(
        "en_current_article_lxjzh_migrated-2022-conference_2022-08-15_t20240530_11347346.html",
        "https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/202405/t20240530_11347346.html",
        "Foreign Ministry Spokesperson Wang Wenbin’s Regular Press Conference on August 15, 2022",
        "2022-08-15T20:00:00+08:00",
        27,
        4,
        set(),
        "Regular Press Conferences",
        "press-conferences",
        first="Phoenix TV: Today marks",
    ),
    Expected(
        "en_current_article_zwbd_overseas-mission-news_2025-09-17_t20250922_11712999.html",
        "https://www.fmprc.gov.cn/eng/xw/zwbd/202509/t20250922_11712999.html",
        "Keynote Speech by Chinese Consul General in Munich Qiu Xuejun on Seminar",
        "2025-09-17T23:55:00+08:00",
        18,
        0,
        set(),
        "News from Overseas Missions",
        "overseas-missions",
        first="September 12th, 2025",
        last="Thank you all.",
        source="（From Chinese Consulate General in Munich）",
    ),
]


def _parse(expected: Expected) -> Article:
    # The pages carry their address (meta Url): no url is given, as when a user saves a page.
    return parse_article((PAGES / expected.file).read_bytes())


@pytest.mark.parametrize("expected", REAL, ids=lambda e: e.published[:10])
def test_real_page_parses_to_readme_values(expected: Expected) -> None:
    article = _parse(expected)
    assert article.url == expected.url
    assert article.doc_id == expected.url.rsplit("_", 1)[1].split(".")[0]
    assert article.edition == "en"
    assert article.title.startswith(expected.title)
    assert article.published == expected.published
    assert len(article.text_blocks) == expected.text_blocks
    assert len(article.images) == expected.images
    assert set(article.translations) == expected.translations
    assert article.section_name == expected.section_name
    assert article.section == expected.section
    assert article.source == expected.source
    if expected.first:
        assert article.text_blocks[0].text.startswith(expected.first)
    if expected.last:
        assert article.text_blocks[-1].text.startswith(expected.last)


def test_press_conference_questions_are_set_apart_from_answers() -> None:
    article = _parse(REAL[0])
    kinds = [(b.kind, b.text.split(":")[0]) for b in article.text_blocks]
    assert kinds[:3] == [
        (BlockKind.QUESTION, "Reuters"),
        (BlockKind.PARAGRAPH, "Lin Jian"),
        (BlockKind.QUESTION, "NHK"),
    ]
    questions = [b for b in article.blocks if b.kind is BlockKind.QUESTION]
    assert len(questions) == 8
    assert all(not q.text.startswith("Lin Jian") for q in questions)
    # The image wrapped in <strong> is an image, not an empty question.
    assert article.blocks[0].kind is BlockKind.IMAGE


def test_images_are_absolute_and_in_reading_order() -> None:
    article = _parse(REAL[0])
    assert [b.src for b in article.images] == [
        "https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/202510/W020251017694823333247.jpg",
        "https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/202510/W020251017694823701817.jpg",
        "https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/202510/W020251017694824103058.jpg",
    ]
    kinds = [b.kind for b in article.blocks]
    assert kinds[0] is BlockKind.IMAGE and kinds[-1] is BlockKind.IMAGE


def test_translations_are_the_language_links_of_the_page() -> None:
    article = _parse(REAL[0])
    assert article.translations == {
        "zh": "https://www.fmprc.gov.cn/fyrbt_673021/202510/t20251017_11735526.shtml",
        "fr": "https://www.fmprc.gov.cn/fra/xwfw/fyrth/lxjzzdh/202510/t20251019_11736103.html",
        "es": "https://www.fmprc.gov.cn/esp/xwfw/lxjzzdh/202510/t20251019_11736109.html",
        "ru": "https://www.fmprc.gov.cn/rus/mtfw/ce_cegw_chn/lxjzhzhdh/202510/t20251019_11736112.html",
    }
    # Links split across both hosts keep their host.
    migrated = _parse(REAL[3])
    assert migrated.translations["zh"].startswith("https://www.mfa.gov.cn/fyrbt_673021/")
    assert migrated.translations["ru"].startswith("https://www.mfa.gov.cn/rus/")


def test_words_split_by_inline_tags_are_joined_with_their_spaces() -> None:
    article = _parse(REAL[0])
    joined = " ".join(b.text for b in article.text_blocks)
    assert "friendship will forever be remembered." in joined
    assert "  " not in joined


def test_zero_width_characters_are_dropped() -> None:
    article = _parse(REAL[1])
    for block in article.text_blocks:
        assert not any(c in block.text for c in "\u200b\u200c\u200d\u2060\ufeff"), block.text


def test_line_breaks_inside_a_paragraph_are_kept() -> None:
    speech = _parse(REAL[6])
    assert speech.text_blocks[1].text == (
        "Distinguished guests,\nDear compatriots,\nLadies and gentlemen, dear friends:"
    )
    # A speech has no questions, even where a line ends with a colon.
    assert all(b.kind is BlockKind.PARAGRAPH for b in speech.blocks)


def test_url_date_is_not_the_publication_date() -> None:
    article = _parse(REAL[5])
    assert "/t20240530_" in article.url
    assert article.published.startswith("2022-08-15")


def test_given_address_wins_over_nothing_and_agrees_with_meta() -> None:
    expected = REAL[0]
    data = (PAGES / expected.file).read_bytes()
    assert parse_page(data, expected.url) == parse_page(data)


def test_maintenance_page_is_removed_not_an_article() -> None:
    data = (PAGES / "soft404_maintenance_page_for_legacy_url_t20210325_9170713.html").read_bytes()
    with pytest.raises(RemovedPage):
        parse_page(
            data,
            "https://www.fmprc.gov.cn/eng/xwfw_665399/s2510_665401/2511_665403/202103/t20210325_9170713.html",
        )
    with pytest.raises(RemovedPage):
        parse_page(data)
