"""The words that tell list rows apart, in each edition's own words."""

from __future__ import annotations

from datetime import date, timedelta

from mfa_reader.distinct_titles import DistinctTitles
from mfa_reader.editions import MONTHS
from mfa_reader.model import ArticleEntry

CONFERENCE = date(2025, 10, 17)
EN_SPOKESPEOPLE = ("Lin Jian", "Mao Ning", "Guo Jiakun")


def _entry(
    edition: str, title: str, published: date, section: str = "press-conferences"
) -> ArticleEntry:
    url = f"https://example.org/{edition}/{section}/{abs(hash(title))}.html"
    return ArticleEntry(
        url, "", edition, section, title, published.isoformat(), True, False, False, False
    )


def _month(edition: str, day: date) -> str:
    return MONTHS[edition][day.month - 1][0]


def _english(n: int, published_later: int = 0) -> ArticleEntry:
    day = CONFERENCE - timedelta(days=n)
    title = (
        f"Foreign Ministry Spokesperson {EN_SPOKESPEOPLE[n % 3]}'s Regular Press Conference on "
        f"{_month('en', day).title()} {day.day}, {day.year}"
    )
    return _entry("en", title, day + timedelta(days=published_later))


def _shown(entries: list[ArticleEntry]) -> list[str | None]:
    titles = DistinctTitles(entries)
    return [found.text if (found := titles.of(e)) else None for e in entries]


def test_a_press_conference_list_keeps_the_spokesperson() -> None:
    entries = [_english(n) for n in range(30)]
    assert _shown(entries)[:4] == ["Lin Jian", "Mao Ning", "Guo Jiakun", "Lin Jian"]
    found = DistinctTitles(entries).of(entries[0])
    assert found is not None
    assert entries[0].title[: found.end] == "Foreign Ministry Spokesperson Lin Jian's"


def test_a_row_unlike_the_others_keeps_its_words_and_the_template_holds() -> None:
    entries = [_english(n) for n in range(30)]
    entries.insert(
        3, _entry("en", "Wang Yi Meets with the Foreign Minister of Valdoria", CONFERENCE)
    )
    entries.append(
        _entry("en", "Foreign Ministry Spokesperson's Regular Press Conference on October 1, 2025",
               date(2025, 10, 1))
    )  # fmt: skip
    shown = _shown(entries)
    assert shown[3] == "Wang Yi Meets with the Foreign Minister of Valdoria"
    assert shown[:3] == ["Lin Jian", "Mao Ning", "Guo Jiakun"]
    assert shown[-1] is None  # nothing but the template and its own date: the row shows the title


def test_a_title_date_other_than_the_rows_stays() -> None:
    # Translations come out days after the conference: the title's day is not the row's.
    entries = [_english(n, published_later=2) for n in range(10)]
    assert _shown(entries)[0] == "Lin Jian · October 17, 2025"


def test_shared_words_inside_a_title_stay_with_their_neighbours() -> None:
    remarks = [
        "Foreign Ministry Spokesperson Mao Ning's Remarks on the Attack in Valdoria",
        "Foreign Ministry Spokesperson's Remarks on the Earthquake in Ostland",
        "Foreign Ministry Spokesperson Lin Jian's Answer to a Media Question on the Summit",
        "Foreign Ministry Spokesperson's Remarks on the Election in Valdoria",
    ]
    entries = [_entry("en", t, CONFERENCE, "spokesperson-remarks") for t in remarks]
    assert _shown(entries) == [
        "Mao Ning's Remarks on the Attack in Valdoria",
        "Remarks on the Earthquake in Ostland",
        "Lin Jian's Answer to a Media Question on the Summit",
        "Remarks on the Election in Valdoria",
    ]


def test_each_section_has_its_own_template() -> None:
    conferences = [_english(n) for n in range(6)]
    remarks = [
        _entry("en", f"Foreign Ministry Spokesperson's Remarks on the Visit to {place}", CONFERENCE,
               "spokesperson-remarks")
        for place in ("Valdoria", "Ostland", "Marenia", "Pelagia")
    ]  # fmt: skip
    shown = _shown([*conferences, *remarks])
    assert shown[:3] == ["Lin Jian", "Mao Ning", "Guo Jiakun"]
    assert shown[6:] == ["Valdoria", "Ostland", "Marenia", "Pelagia"]


def test_chinese_titles_are_read_character_by_character() -> None:
    names = ("林剑", "毛宁", "郭嘉昆")
    entries = []
    for n in range(20):
        day = CONFERENCE - timedelta(days=n)
        title = f"{day.year}年{day.month}月{day.day}日外交部发言人{names[n % 3]}主持例行记者会"
        entries.append(_entry("zh", title, day))
    assert _shown(entries)[:3] == ["林剑", "毛宁", "郭嘉昆"]


def test_arabic_french_spanish_and_russian_titles_keep_the_spokesperson() -> None:
    arabic_names = ("لين جيان", "ماو نينغ", "قوه جيا كون")
    layouts = {
        "ar": "المتحدث باسم وزارة الخارجية {name} يعقد مؤتمرا صحفيا اعتياديا "
        "يوم {d} {month} عام {y}",
        "fr": "Conférence de presse du {d} {month} {y} tenue par le porte-parole {name}",
        "es": "Conferencia de Prensa Habitual Ofrecida el {d} de {month} de {y} "
        "por el Portavoz {name}",
        "ru": "Очередная пресс-конференция {d} {month} {y} г. у официального представителя МИД КНР "
        "{name}",
    }
    russian_names = ("Линь Цзянь", "Мао Нин", "Го Цзякунь")
    for edition, layout in layouts.items():
        names = {"ar": arabic_names, "ru": russian_names}.get(edition, EN_SPOKESPEOPLE)
        entries = []
        for n in range(12):
            day = CONFERENCE - timedelta(days=n)
            month = _month(edition, day)
            title = layout.format(name=names[n % 3], d=day.day, month=month, y=day.year)
            entries.append(_entry(edition, title, day))
        assert _shown(entries)[:3] == list(names), edition


def test_a_list_of_one_row_has_no_template() -> None:
    entry = _english(0)
    assert DistinctTitles([entry]).of(entry) is None  # the row shows its whole title
