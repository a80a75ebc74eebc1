"""A cache filled with invented articles in English, Chinese and Arabic, with fixed dates.

Used by the reader's Pilot and snapshot tests and by ``screenshots/make.py`` when the fixture
site is not wanted. Nothing here depends on the clock.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from datetime import date
from pathlib import Path
from unittest import mock

from mfa_reader.cache import Cache
from mfa_reader.editions import MONTHS
from mfa_reader.model import Article, ArticleRef, Block, BlockKind

P, Q, IMG, CAP, H = (
    BlockKind.PARAGRAPH,
    BlockKind.QUESTION,
    BlockKind.IMAGE,
    BlockKind.CAPTION,
    BlockKind.HEADING,
)
EN = "https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/202510/"
ZH = "https://www.mfa.gov.cn/web/fyrbt_673021/jzhsl_673025/202510/"
AR = "https://www.fmprc.gov.cn/ara/xwfw/lxjzh/202510/"

EN_URL = EN + "t20251017_99001017.html"
ZH_URL = ZH + "t20251017_99101017.html"
AR_URL = AR + "t20251017_99201017.html"
INJECTION_URL = EN + "t20251015_99001015.html"
LISTED_URL = EN + "t20251018_99001018.html"

SPOKESPEOPLE = ("Mao Ning", "Guo Jiakun", "Lin Jian")  # they take turns, as on the site

INJECTION_TITLE = "[bold]Not bold[/] and [@click=app.quit]not a link[/] \x1b[31mnot red"


def _en_article() -> Article:
    blocks = [
        Block(P, "Spokesperson Lin Jian opened the regular press conference on 17 October 2025."),
        Block(Q, "Reuters: Can you confirm the dates of the Foreign Minister's visit to Europe?"),
        Block(
            P,
            "Lin Jian: The visit will take place next week. The details are on our website at "
            "https://www.fmprc.gov.cn/eng/wjb/ and we will release more information in due course.",
        ),
        Block(IMG, "", "https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/202510/W020251017001.jpg"),
        Block(CAP, "The spokesperson at the podium, 17 October 2025."),
        Block(Q, "CCTV: What is China's position on the climate talks?"),
        Block(
            P,
            "Lin Jian: China stands ready to work with all parties for a fair and reasonable "
            "outcome. " * 3,
        ),
    ]
    for n in range(1, 13):
        blocks.append(Block(Q, f"AFP: A follow-up question, number {n}, about the trade talks?"))
        blocks.append(
            Block(P, f"Lin Jian: Answer number {n}. " + "We have made our position clear. " * 4)
        )
    return Article(
        url=EN_URL,
        doc_id="t20251017_99001017",
        edition="en",
        section="press-conferences",
        section_name="Regular Press Conferences",
        title=(
            "Foreign Ministry Spokesperson Lin Jian's Regular Press Conference on October 17, 2025"
        ),
        published="2025-10-17T19:15:00+08:00",
        source="Ministry of Foreign Affairs",
        blocks=tuple(blocks),
        translations={"zh": ZH_URL, "ar": AR_URL, "en": EN_URL},
    )


def _zh_article() -> Article:
    return Article(
        url=ZH_URL,
        doc_id="t20251017_99101017",
        edition="zh",
        section="press-conferences",
        section_name="例行记者会实录",
        title="2025年10月17日外交部发言人林剑主持例行记者会",
        published="2025-10-17T19:10:00+08:00",
        source="外交部",
        blocks=(
            Block(P, "林剑：各位记者朋友，下午好。今天的记者会由我主持，现在开始提问。"),
            Block(Q, "路透社记者：你能否证实外交部长下周访问欧洲的日期？"),
            Block(
                P,
                "林剑：访问将于下周进行。中方愿同各方一道，推动气候谈判取得公平合理的成果，"
                "我们将适时发布更多消息。" * 3,
            ),
            Block(IMG, "", "https://www.mfa.gov.cn/web/fyrbt_673021/W020251017002.jpg"),
            Block(CAP, "发言人林剑主持例行记者会。"),
            Block(Q, "总台央视记者：中方对气候谈判有何立场？"),
            Block(P, "林剑：中方始终认为，各方应当坚持共同但有区别的责任原则。"),
        ),
        translations={"en": EN_URL, "ar": AR_URL},
    )


def _ar_article() -> Article:
    return Article(
        url=AR_URL,
        doc_id="t20251017_99201017",
        edition="ar",
        section="press-conferences",
        section_name="المؤتمر الصحفي الاعتيادي",
        title="المؤتمر الصحفي الاعتيادي للمتحدث باسم وزارة الخارجية لين جيان يوم 17 أكتوبر 2025",
        published="2025-10-17T19:20:00+08:00",
        source="وزارة الخارجية",
        blocks=(
            Block(P, "افتتح المتحدث باسم وزارة الخارجية لين جيان المؤتمر الصحفي الاعتيادي."),
            Block(Q, "س: هل يمكنكم تأكيد مواعيد زيارة وزير الخارجية إلى أوروبا؟"),
            Block(
                P,
                "ج: ستتم الزيارة في الأسبوع المقبل، وسننشر المزيد من المعلومات في الوقت المناسب. "
                "إن الصين مستعدة للعمل مع جميع الأطراف من أجل نتيجة عادلة ومعقولة.",
            ),
            Block(IMG, "", "https://www.fmprc.gov.cn/ara/xwfw/W020251017003.jpg"),
            Block(CAP, "المتحدث باسم وزارة الخارجية في المؤتمر الصحفي."),
        ),
        translations={"en": EN_URL, "zh": ZH_URL},
    )


def _injection_article() -> Article:
    return Article(
        url=INJECTION_URL,
        doc_id="t20251015_99001015",
        edition="en",
        section="press-conferences",
        section_name="Regular Press Conferences",
        title=INJECTION_TITLE,
        published="2025-10-15T18:00:00+08:00",
        source="[link=https://evil.example]Source[/link]",
        blocks=(
            Block(P, "Markup stays text: [bold]bold?[/bold] [/] [@click=app.quit]quit?[/]"),
            Block(
                Q,
                "Escapes stay inert: \x1b[2J\x1b]8;;https://evil.example\x1b\\click"
                "\x1b]8;;\x1b\\ \x07",
            ),
            Block(P, "Rich markup: [red on white]red?[/] and $accent and {braces}."),
            Block(P, "A link with markup: https://evil.example/[@click=app.quit]x[/] ends here."),
        ),
    )


def _older(n: int) -> ArticleRef:
    day = date(2025, 10, 14).toordinal() - n
    d = date.fromordinal(day)
    return ArticleRef(
        url=EN + f"t{d:%Y%m%d}_9900{n:04d}.html",
        doc_id=f"t{d:%Y%m%d}_9900{n:04d}",
        edition="en",
        section="press-conferences",
        title=(
            f"Foreign Ministry Spokesperson {SPOKESPEOPLE[n % 3]}'s Regular Press Conference on "
            f"{d:%B} {d.day}, {d:%Y}"
        ),
        date=d,
    )


ARTICLES = (_en_article, _zh_article, _ar_article, _injection_article)

# Earlier conferences of the other editions, titled as their lists title them.
_OLDER_TITLES = {
    "zh": (
        "{d.year}年{d.month}月{d.day}日外交部发言人{name}主持例行记者会",
        ("毛宁", "郭嘉昆", "林剑"),
    ),
    "ar": (
        "المتحدث باسم وزارة الخارجية {name} يعقد مؤتمرا صحفيا اعتياديا "
        "يوم {d.day} {month} عام {d.year}",
        ("ماو نينغ", "قوه جيا كون", "لين جيان"),
    ),
}


def add_older_conferences(cache: Cache, edition: str, count: int) -> None:
    """``count`` listed-only conferences of ``edition`` (zh or ar) before October 17, 2025, held
    in turn by the three spokespeople."""
    layout, names = _OLDER_TITLES[edition]
    base = {"zh": ZH, "ar": AR}[edition]
    refs = []
    for n in range(count):
        d = date.fromordinal(date(2025, 10, 16).toordinal() - n)
        doc_id = f"t{d:%Y%m%d}_98{n:06d}"
        title = layout.format(d=d, name=names[n % 3], month=MONTHS[edition][d.month - 1][0])
        refs.append(ArticleRef(base + doc_id + ".html", doc_id, edition, "press-conferences",
                               title, d))  # fmt: skip
    cache.add_refs(refs)


# When the site was seen serving each text of the edited articles (UTC, as the cache notes it).
FIRST_SEEN = "2025-10-17T11:30:00+00:00"
EDITED = "2025-10-18T09:00:00+00:00"
REMOVED = "2025-10-20T08:00:00+00:00"
BACK = "2025-10-21T06:15:00+00:00"


@contextmanager
def _cache_clock(at: str) -> Iterator[None]:
    """The cache's clock stopped at ``at``: the sample's history has fixed times."""
    from mfa_reader.cache import database

    with mock.patch.object(database, "_now", lambda: at):
        yield


def _replaced(article: Article, index: int, old: str, new: str) -> Article:
    blocks = list(article.blocks)
    assert old in blocks[index].text, (old, blocks[index].text)
    blocks[index] = blocks[index]._replace(text=blocks[index].text.replace(old, new))
    return article._replace(blocks=tuple(blocks))


def _edited_en(article: Article) -> Article:
    """A question and its answer taken out, an answer reworded, a closing line added."""
    article = _replaced(article, 2, "next week", "later this month")
    blocks = [b for b in article.blocks if "number 3," not in b.text and "number 3." not in b.text]
    blocks.append(Block(P, "Lin Jian: That concludes today's press conference. Thank you."))
    return article._replace(blocks=tuple(blocks))


def _edit(cache: Cache) -> None:
    """What the site served after the first texts, at fixed times."""
    en = _edited_en(_en_article())
    with _cache_clock(EDITED):
        cache.store_article(en)
        cache.store_article(_replaced(_zh_article(), 2, "访问将于下周进行", "访问将于本月下旬进行"))
        cache.store_article(
            _replaced(_ar_article(), 2, "في الأسبوع المقبل", "في وقت لاحق من هذا الشهر")
        )
    with _cache_clock(REMOVED):
        cache.mark_removed(EN_URL)
        cache.mark_removed(INJECTION_URL)  # for good
    with _cache_clock(BACK):
        cache.store_article(_replaced(en, 0, "opened", "opened and chaired"))


# The fixture site's conference of September 12, 2025, in real shapes: its versions pair
# paragraph by paragraph (see tests/fixtures/site/README.md).
SITE = Path(__file__).resolve().parents[1] / "fixtures" / "site"
SEPTEMBER_12 = {
    "en": "https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/202509/t20250912_99000912.html",
    "zh": "https://www.mfa.gov.cn/web/fyrbt_673021/jzhsl_673025/202509/t20250912_99002912.shtml",
    "fr": "https://www.fmprc.gov.cn/fra/xwfw/fyrth/lxjzzdh/202509/t20250913_99003912.html",
    "ar": "https://www.fmprc.gov.cn/ara/xwfw/lxjzh/202509/t20250915_99006912.html",
}


def add_september_12(cache: Cache, *editions: str) -> None:
    """The conference of September 12, 2025 in ``editions``, parsed from the fixture site's pages.
    Their pages link to no other language: the versions are found by the date in their titles."""
    from mfa_reader.parser import parse_article

    for code in editions:
        url = SEPTEMBER_12[code]
        cache.store_article(parse_article((SITE / url.split("/", 3)[3]).read_bytes(), url))


def fill_cache(path: Path, *, older: int = 30, edited: bool = False) -> Cache:
    """A cache at ``path`` with the sample articles, one listed-only article and ``older``
    listed-only English entries before them. ``edited``: the site later edited the English,
    Chinese and Arabic conferences, took the English one down for a day and another English
    article for good (at fixed times:
    :data:`FIRST_SEEN`, :data:`EDITED`, :data:`REMOVED`, :data:`BACK`)."""
    cache = Cache.open(path)
    with _cache_clock(FIRST_SEEN) if edited else nullcontext():
        for make in ARTICLES:
            cache.store_article(make())
    if edited:
        _edit(cache)
    cache.add_refs(
        [
            ArticleRef(
                url=LISTED_URL,
                doc_id="t20251018_99001018",
                edition="en",
                section="press-conferences",
                title="Foreign Ministry Spokesperson's Press Conference on October 18, 2025",
                date=date(2025, 10, 18),
            ),
            *(_older(n) for n in range(older)),
        ]
    )
    return cache
