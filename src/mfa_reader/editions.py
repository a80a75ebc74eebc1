"""The catalogue: the site's hosts, editions and sections, and the words of each language.

Everything here is data about the site, kept in tables so it is easy to extend and correct when the
ministry moves a section. What is known and how sure we are of it is in ``shared/docs/mfa-site.md``;
the ``confidence`` of a section repeats that page's H/M/L.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import timedelta, timezone
from urllib.parse import urlsplit

from mfa_reader.model import Direction, Edition, Section

# The site's dates are Beijing time (UTC+8, no daylight saving).
BEIJING = timezone(timedelta(hours=8), "Beijing")

FMPRC = "https://www.fmprc.gov.cn"
MFA = "https://www.mfa.gov.cn"
SITE_HOSTS: frozenset[str] = frozenset(
    {"www.fmprc.gov.cn", "fmprc.gov.cn", "www.mfa.gov.cn", "mfa.gov.cn"}
)

EDITIONS: tuple[Edition, ...] = (
    Edition("en", "English", "English", Direction.LTR, "en", (f"{FMPRC}/eng/", f"{MFA}/eng/")),
    Edition("zh", "Chinese", "简体中文", Direction.LTR, "zh-CN", (f"{MFA}/web/", f"{FMPRC}/")),
    Edition("fr", "French", "Français", Direction.LTR, "fr", (f"{FMPRC}/fra/", f"{MFA}/fra/")),
    Edition("es", "Spanish", "Español", Direction.LTR, "es", (f"{FMPRC}/esp/", f"{MFA}/esp/")),
    Edition("ru", "Russian", "Русский", Direction.LTR, "ru", (f"{FMPRC}/rus/", f"{MFA}/rus/")),
    Edition("ar", "Arabic", "عربي", Direction.RTL, "ar", (f"{FMPRC}/ara/", f"{MFA}/ara/")),
)
EDITION_CODES: tuple[str, ...] = tuple(e.code for e in EDITIONS)
LATIN_SCRIPT: tuple[str, ...] = ("en", "fr", "es")  # the editions written in the Latin script
_EDITIONS_BY_CODE = {e.code: e for e in EDITIONS}

# First path segment -> edition. Chinese pages live under /web/ on www.mfa.gov.cn and directly under
# the root on www.fmprc.gov.cn, so anything unclaimed on a site host is Chinese.
_PATH_EDITIONS: dict[str, str] = {
    "eng": "en",
    "mfa_eng": "en",
    "fra": "fr",
    "esp": "es",
    "rus": "ru",
    "ara": "ar",
    "web": "zh",
}


def _s(
    id: str, edition: str, native: str, english: str, *paths: str, host: str = FMPRC, c: str = "H"
) -> Section:
    return Section(id, edition, native, english, tuple(host + p for p in paths), c)


PRESS_CONFERENCES = "press-conferences"
# Words a press conference's title holds in each edition (lower case): a conference may sit in
# another section than the conferences' own (some English ones are in /eng/xw/fyrbt/).
PRESS_CONFERENCE_TITLES: dict[str, tuple[str, ...]] = {
    "en": ("press conference",),
    "zh": ("记者会",),
    "fr": ("conférence de presse",),
    "es": ("conferencia de prensa",),
    "ru": ("пресс-конференц",),
    "ar": ("مؤتمرا صحفيا", "مؤتمر صحفي", "المؤتمر الصحفي"),
}

# The first URL of a section is its current list; legacy lists (default_N.shtml) follow.
SECTIONS: tuple[Section, ...] = (
    # English
    _s(
        PRESS_CONFERENCES,
        "en",
        "Regular Press Conferences",
        "Regular Press Conferences",
        "/eng/xw/fyrbt/lxjzh/",
        "/mfa_eng/xwfw_665399/s2510_665401/2511_665403/",
    ),
    _s(
        "spokesperson-remarks",
        "en",
        "Spokesperson’s Remarks",
        "Spokesperson’s Remarks",
        "/eng/xw/fyrbt/",
    ),
    _s(
        "written-remarks",
        "en",
        "Spokesperson’s Written Remarks",
        "Written Remarks",
        "/eng/xw/fyrbt/fyrbt/",
        c="M",
    ),
    _s("top-stories", "en", "Top Stories", "Top Stories", "/eng/xw/zyxw/"),
    _s("speeches", "en", "Speeches", "Speeches", "/eng/xw/zyjh/"),
    _s("schedule", "en", "Diplomatic Schedule", "Diplomatic Schedule", "/eng/xw/wsrc/"),
    _s("mfa-news", "en", "MFA News", "MFA News", "/eng/xw/wjbxw/"),
    _s(
        "overseas-missions",
        "en",
        "News from Overseas Missions",
        "News from Overseas Missions",
        "/eng/xw/zwbd/",
    ),
    _s(
        "minister-activities",
        "en",
        "Minister’s Activities",
        "Minister’s Activities",
        "/eng/wjb/wjbz/hd/",
        c="M",
    ),
    # 简体中文
    _s(
        PRESS_CONFERENCES,
        "zh",
        "例行记者会实录",
        "Regular Press Conferences",
        "/web/fyrbt_673021/jzhsl_673025/",
        host=MFA,
    ),
    _s(
        "leaders",
        "zh",
        "领导人活动",
        "Leaders’ Activities",
        "/web/wjdt_674879/gjldrhd_674881/",
        host=MFA,
    ),
    _s(
        "schedule",
        "zh",
        "外事日程",
        "Diplomatic Schedule",
        "/web/wjdt_674879/wsrc_674883/",
        host=MFA,
    ),
    _s(
        "ministry-leaders",
        "zh",
        "部领导活动",
        "Ministry Leaders’ Activities",
        "/web/wjdt_674879/wjbxw_674885/",
        host=MFA,
    ),
    _s(
        "ministry-news",
        "zh",
        "业务动态",
        "Departmental News",
        "/web/wjdt_674879/sjxw_674887/",
        host=MFA,
    ),
    _s(
        "spokesperson-remarks",
        "zh",
        "发言人表态",
        "Spokesperson’s Remarks",
        "/web/wjdt_674879/fyrbt_674889/",
        host=MFA,
    ),
    _s(
        "answers",
        "zh",
        "答记者问",
        "Answers to Journalists",
        "/web/fyrbt_673021/dhdw_673027/",
        host=MFA,
    ),
    # Français, Español, Русский, عربي
    _s(
        PRESS_CONFERENCES,
        "fr",
        "Conférences de presse régulières",
        "Regular Press Conferences",
        "/fra/xwfw/fyrth/lxjzzdh/",
    ),
    _s(
        PRESS_CONFERENCES,
        "es",
        "Conferencias de prensa habituales",
        "Regular Press Conferences",
        "/esp/xwfw/lxjzzdh/",
    ),
    _s(
        PRESS_CONFERENCES,
        "ru",
        "Очередные пресс-конференции",
        "Regular Press Conferences",
        "/rus/mtfw/ce_cegw_chn/lxjzhzhdh/",
    ),
    _s("latest", "ru", "Последние новости", "Latest News", "/rus/zxxx/", c="M"),
    # No URL of the Arabic edition is known (mfa-site.md): this path follows the embassies' sites.
    _s(
        PRESS_CONFERENCES,
        "ar",
        "المؤتمر الصحفي الاعتيادي",
        "Regular Press Conferences",
        "/ara/xwfw/lxjzh/",
        c="L",
    ),
)


def edition(code: str) -> Edition:
    """The edition with this code; ``KeyError`` names the known codes."""
    try:
        return _EDITIONS_BY_CODE[code]
    except KeyError:
        raise KeyError(
            f"unknown edition {code!r}; known editions: {', '.join(EDITION_CODES)}"
        ) from None


def sections(edition_code: str | None = None) -> list[Section]:
    return [s for s in SECTIONS if edition_code is None or s.edition == edition_code]


def section(edition_code: str, section_id: str) -> Section:
    for s in SECTIONS:
        if s.edition == edition_code and s.id == section_id:
            return s
    known = ", ".join(s.id for s in sections(edition_code))
    raise KeyError(f"edition {edition_code!r} has no section {section_id!r}; it has: {known}")


def is_site_host(host: str) -> bool:
    return host.lower() in SITE_HOSTS


# The canonical form of the site's addresses (see ``parser.urls.canonical_url``): most addresses
# the program handles are in it, and their path is then read without parsing the URL.
_CANONICAL_ROOTS = (f"{FMPRC}/", f"{MFA}/")


def _site_path(url: str) -> str | None:
    """The path of an address of the site, or ``None`` for an address of another site."""
    if url.startswith(_CANONICAL_ROOTS):
        path = url[url.index("/", 8) :]
        return path if "?" not in path and "#" not in path else urlsplit(url).path
    parts = urlsplit(url)
    return parts.path if is_site_host(parts.hostname or "") else None


def edition_of_url(url: str) -> str | None:
    """The edition an address of the site belongs to, or ``None`` for other sites."""
    path = _site_path(url)
    if path is None:
        return None
    first = path.lstrip("/").split("/", 1)[0]
    return _PATH_EDITIONS.get(first, "zh")


def _section_prefixes() -> dict[str, list[tuple[str, str]]]:
    """For each edition, (list folder path, section id), deepest folder first."""
    by_edition: dict[str, list[tuple[str, str]]] = {}
    for s in SECTIONS:
        for list_url in s.list_urls:
            by_edition.setdefault(s.edition, []).append((urlsplit(list_url).path, s.id))
    for prefixes in by_edition.values():
        prefixes.sort(key=lambda p: len(p[0]), reverse=True)
    return by_edition


_SECTION_PREFIXES = _section_prefixes()


def section_of_url(url: str) -> str | None:
    """The catalogue section whose list folder holds this address (the deepest match wins)."""
    path = _site_path(url)
    if path is None:
        return None
    code = _PATH_EDITIONS.get(path.lstrip("/").split("/", 1)[0], "zh")
    for prefix, section_id in _SECTION_PREFIXES.get(code, ()):
        if path.startswith(prefix):
            return section_id
    return None


# --- words of each language -----------------------------------------------------------------------

# Keys of the other-language links in ``div.news_header_lang span[data-desc]``.
LANGUAGE_LINK_KEYS: dict[str, str] = {
    "中文": "zh",
    "英文": "en",
    "法文": "fr",
    "西文": "es",
    "俄文": "ru",
    "阿文": "ar",
    "CN": "zh",
    "EN": "en",
    "FR": "fr",
    "ES": "es",
    "PYC": "ru",
    "RU": "ru",
    "AR": "ar",
}

MONTHS: dict[str, tuple[tuple[str, ...], ...]] = {
    # Each month: every spelling the site uses, lower case.
    "en": (
        ("january", "jan"),
        ("february", "feb"),
        ("march", "mar"),
        ("april", "apr"),
        ("may",),
        ("june", "jun"),
        ("july", "jul"),
        ("august", "aug"),
        ("september", "sept", "sep"),
        ("october", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    ),
    "fr": (
        ("janvier",),
        ("février", "fevrier"),
        ("mars",),
        ("avril",),
        ("mai",),
        ("juin",),
        ("juillet",),
        ("août", "aout"),
        ("septembre",),
        ("octobre",),
        ("novembre",),
        ("décembre", "decembre"),
    ),
    "es": (
        ("enero",),
        ("febrero",),
        ("marzo",),
        ("abril",),
        ("mayo",),
        ("junio",),
        ("julio",),
        ("agosto",),
        ("septiembre", "setiembre"),
        ("octubre",),
        ("noviembre",),
        ("diciembre",),
    ),
    "ru": (
        ("января", "январь"),
        ("февраля", "февраль"),
        ("марта", "март"),
        ("апреля", "апрель"),
        ("мая", "май"),
        ("июня", "июнь"),
        ("июля", "июль"),
        ("августа", "август"),
        ("сентября", "сентябрь"),
        ("октября", "октябрь"),
        ("ноября", "ноябрь"),
        ("декабря", "декабрь"),
    ),
    "ar": (
        ("يناير", "كانون الثاني"),
        ("فبراير", "شباط"),
        ("مارس", "آذار"),
        ("أبريل", "ابريل", "إبريل", "نيسان"),
        ("مايو", "أيار"),
        ("يونيو", "حزيران"),
        ("يوليو", "تموز"),
        ("أغسطس", "اغسطس", "آب"),
        ("سبتمبر", "أيلول"),
        ("أكتوبر", "اكتوبر", "تشرين الأول"),
        ("نوفمبر", "تشرين الثاني"),
        ("ديسمبر", "كانون الأول"),
    ),
    "zh": tuple((f"{m}月",) for m in range(1, 13)),
}

# Months in the other cases running text puts them in ("в августе"): not in dates, which use the
# names above, but in what a translation keeps of a sentence.
MONTHS_IN_TEXT: dict[str, tuple[tuple[str, ...], ...]] = {
    "ru": (
        ("январе",),
        ("феврале",),
        ("марте",),
        ("апреле",),
        ("мае",),
        ("июне",),
        ("июле",),
        ("августе",),
        ("сентябре",),
        ("октябре",),
        ("ноябре",),
        ("декабре",),
    ),
}

# How each edition writes a date with a month name, as the parser reads it (numeric dates,
# 2025-10-17 and 2020/12/25, and the Chinese 2025年10月17日 are read in every edition).
# {day} also takes "17th" and "1er"; a space stands for any spacing; "[de ]" is optional text.
WORDED_DATES: dict[str, tuple[str, ...]] = {
    "en": ("{month} {day}, {year}", "{month} {day} {year}", "{day} {month} {year}"),
    "fr": ("{day} {month} {year}",),
    "es": ("{day} [de ]{month} [de ][del ]{year}",),
    "ru": ("{day} {month} {year}[ г.]",),
    "ar": ("{day} {month} [عام ][سنة ]{year}",),
}


# Endings that make a name possessive in a title ("Lin Jian's Regular Press Conference"): a list
# row that keeps the name but leaves out what the name owned leaves out the ending too.
POSSESSIVE_ENDINGS: dict[str, tuple[str, ...]] = {"en": ("'s", "’s")}


@dataclass(frozen=True, slots=True)
class Speaker:
    """A spokesperson, or a news outlet whose journalists ask, as each edition names them."""

    key: str  # the same in every edition: "lin-jian", "reuters"
    asks: bool  # an outlet asks questions; a spokesperson answers them
    names: Mapping[str, tuple[str, ...]]  # edition code -> the names a transcript opens with
    generic: bool = False  # "Journalist": says that someone asks, not who


def _row(
    asks: bool, latin: str | tuple[str, ...], own: Mapping[str, str | tuple[str, ...]]
) -> Speaker:
    """A row of the table: the Latin-script names serve English, French and Spanish, which may
    add names of their own (``own``, by edition code, as do the other editions)."""

    def names(value: str | tuple[str, ...]) -> tuple[str, ...]:
        return (value,) if isinstance(value, str) else value

    unknown = set(own) - set(EDITION_CODES)
    if unknown:
        raise ValueError(f"no edition {', '.join(sorted(unknown))} for {latin!r}")
    by_edition = {code: names(latin) + names(own.get(code, ())) for code in LATIN_SCRIPT}
    by_edition |= {code: names(own[code]) for code in ("zh", "ru", "ar") if code in own}
    return Speaker(names(latin)[0].lower().replace(" ", "-"), asks, by_edition)


def _answers(latin: str, **names: str | tuple[str, ...]) -> Speaker:
    return _row(False, latin, names)


def _asks(latin: str | tuple[str, ...], **names: str | tuple[str, ...]) -> Speaker:
    return _row(True, latin, names)


# Who speaks at the press conferences: one row per person or outlet, with its name in each edition,
# so that a question asked by "Reuters" in English is known as the one by "路透社记者" in Chinese.
SPEAKER_TABLE: tuple[Speaker, ...] = (
    _answers("Lin Jian", zh="林剑", ru="Линь Цзянь", ar="لين جيان"),
    _answers("Mao Ning", zh="毛宁", ru="Мао Нин", ar="ماو نينغ"),
    _answers("Guo Jiakun", zh="郭嘉昆", ru="Го Цзякунь", ar="قوه جيا كون"),
    _answers("Wang Wenbin", zh="汪文斌", ru="Ван Вэньбинь", ar="وانغ ون بين"),
    _answers("Zhao Lijian", zh="赵立坚", ru="Чжао Лицзянь", ar="تشاو لي جيان"),
    _answers("Hua Chunying", zh="华春莹", ru="Хуа Чуньин", ar="هوا تشون ينغ"),
    _answers("Geng Shuang", zh="耿爽", ru="Гэн Шуан"),
    _answers("Lu Kang", zh="陆慷", ru="Лу Кан"),
    _answers("Hong Lei", zh="洪磊", ru="Хун Лэй"),
    _answers("Qin Gang", ru="Цинь Ган"),
    _answers("Wang Yi", ru="Ван И"),
    _asks("Reuters", zh="路透社记者", ru=("Рейтер", "Reuters"), ar="رويترز"),
    _asks(("AFP", "Agence France-Presse"), zh="法新社记者", ru=("Франс Пресс", "AFP")),
    _asks(("AP", "Associated Press"), zh="美联社记者", ru="Ассошиэйтед Пресс"),
    _asks(("Bloomberg", "Bloomberg News"), zh="彭博社记者", ru=("Блумберг", "Bloomberg")),
    _asks("NHK", zh="日本广播协会记者", ru="NHK"),
    _asks(("Kyodo News", "Kyodo"), zh="共同社记者", ru="Киодо"),
    _asks("CCTV", zh="总台央视记者", ru="CCTV"),
    _asks("CGTN", zh="总台CGTN记者"),
    _asks("CRI", zh="总台国广记者"),
    _asks("CNR"),
    _asks(
        ("Xinhua News Agency", "Xinhua"),
        zh="新华社记者",
        ru="Синьхуа",
        fr="Agence Xinhua",
        es="Agencia de Noticias Xinhua",
    ),
    _asks("People's Daily", zh="人民日报记者"),
    _asks("China Daily", zh="中国日报记者"),
    _asks("Global Times", zh="环球时报记者"),
    _asks("Phoenix TV", zh="凤凰卫视记者", ru="Феникс"),
    _asks("Beijing Youth Daily", zh="北京青年报记者"),
    _asks("The Paper", zh="澎湃新闻记者"),
    _asks("China News Service", zh="中新社记者"),
    _asks("China Review News", zh="中评社记者"),
    _asks("Hubei Media Group", zh="湖北广电记者"),
    _asks("Shenzhen TV", zh="深圳卫视记者"),
    _asks("Dragon TV", zh="东方卫视记者"),
    _asks("RIA Novosti", zh="俄新社记者", ru="РИА Новости"),
    _asks("TASS", zh="塔斯社记者", ru="ТАСС"),
    _asks("Sputnik", zh="俄罗斯卫星通讯社记者", ru="Спутник"),
    _asks("RT", zh="今日俄罗斯记者"),
    _asks("Anadolu Agency", zh="阿纳多卢通讯社记者"),
    _asks("EFE", zh="埃菲社记者"),
    _asks("Prensa Latina", zh="拉美社记者"),
    _asks("Yonhap News Agency", zh="韩联社记者"),
    _asks("Asahi Shimbun", zh="朝日新闻记者"),
    _asks("Nikkei", zh="日本经济新闻记者"),
    _asks("NBC"),
    _asks("CNN"),
    _asks("BBC"),
    _asks("Al Jazeera", zh="半岛电视台记者"),
    _asks("Dow Jones"),
    _asks("The Wall Street Journal", zh="华尔街日报记者"),
    replace(
        _asks(
            ("Journalist", "Correspondent"),
            zh="记者",
            ru=("Журналист", "Корреспондент"),
            fr="Journaliste",
            es="Periodista",
        ),
        generic=True,
    ),
)
_SPEAKERS_BY_NAME: dict[tuple[str, str], Speaker] = {
    (code, name): row
    for row in SPEAKER_TABLE
    for code, names in row.names.items()
    for name in names
}


def speaker(name: str, edition_code: str) -> Speaker | None:
    """The spokesperson or outlet that ``edition_code`` names ``name``, if the table knows it."""
    return _SPEAKERS_BY_NAME.get((edition_code, name))


@dataclass(frozen=True, slots=True)
class SpeakerMarkers:
    """How a press-conference transcript marks who speaks, in one language."""

    spokespeople: tuple[str, ...]  # answer paragraphs begin with one of these and a colon
    outlets: tuple[str, ...]  # question paragraphs begin with one of these and a colon
    question_marks: tuple[str, ...] = ()  # generic question markers (Arabic س)
    answer_marks: tuple[str, ...] = ()  # generic answer markers (Arabic ج)


def _markers(code: str) -> SpeakerMarkers:
    marks = {"ar": (("س",), ("ج",))}.get(code, ((), ()))
    return SpeakerMarkers(
        tuple(n for row in SPEAKER_TABLE if not row.asks for n in row.names.get(code, ())),
        tuple(n for row in SPEAKER_TABLE if row.asks for n in row.names.get(code, ())),
        question_marks=marks[0],
        answer_marks=marks[1],
    )


SPEAKERS: dict[str, SpeakerMarkers] = {code: _markers(code) for code in EDITION_CODES}
