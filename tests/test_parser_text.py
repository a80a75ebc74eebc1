"""Text clean-up, decoding and dates in the six languages."""

from __future__ import annotations

from datetime import date

import pytest

from mfa_reader.dates import date_from_url, find_date
from mfa_reader.editions import SPEAKER_TABLE, speaker
from mfa_reader.model import BlockKind
from mfa_reader.parser import parse_article, parse_listing
from mfa_reader.parser.text import clean_text, decode

URL = "https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/202510/t20251017_1234.html"


def _page(body: str, *, title: str = "A title", head: str = "", lang: str = "en") -> str:
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="ArticleTitle" content="{title}">{head}</head><body>'
        f'<div class="news_header_title">{title}</div>'
        f'<span class="xltime">October 17, 2025 19:15</span>'
        f'<div class="content_text"><div class="view_default TRS_UEDITOR">{body}</div></div>'
        f"</body></html>"
    )


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("a \t\u00a0 b", "a b"),
        ("wo\u200brd", "word"),
        ("\x1b[31mred\x1b[0m text", "red text"),
        ("title\x1b]8;;https://evil\x07link\x1b]8;;\x07", "titlelink"),
        ("bell\x07 and\x00 nul", "bell and nul"),
        ("  line one \n\n  line two ", "line one\nline two"),
        ("[bold]kept[/] literally", "[bold]kept[/] literally"),
        ("全角\u3000空格", "全角 空格"),
        ("right\u202eto\u2066left\u2069", "righttoleft"),
    ],
)
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_bidi_controls_are_dropped_from_titles_and_text() -> None:
    # They would reorder what the reader shows around them: "\u202etxt.exe" shows as "exe.txt".
    title = "Talks\u202e on \u2066trade\u2069"
    body = f"<p>Lin Jian: \u202bYes\u202c.\u2067 {BIDI_CONTROLS}Done.</p>"
    body += "<p>Two <b>\u202d</b>words.</p>"
    article = parse_article(_page(body, title=title).encode(), URL)
    assert article.title == "Talks on trade"
    assert [b.text for b in article.blocks] == ["Lin Jian: Yes. Done.", "Two words."]
    untitled = _page("<p>x</p>", title="").replace(
        '<div class="news_header_title"></div>', f"<h1>{title}</h1>"
    )
    assert parse_article(untitled.encode(), URL).title == "Talks on trade"


def test_bidi_controls_are_dropped_from_list_titles() -> None:
    page = (
        '<html><body><ul class="list1"><li><a href="./202510/t20251017_1.html">'
        "Statement\u202e on Gaza\u2069</a> 2025-10-17</li></ul></body></html>"
    )
    listing = parse_listing(page.encode(), "https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/")
    assert [item.title for item in listing.items] == ["Statement on Gaza"]


def test_decode_utf8_then_gb18030() -> None:
    text = "<p>外交部发言人毛宁主持例行记者会</p>"
    assert decode(text.encode("utf-8")) == text
    assert decode(text.encode("gb18030")) == text
    assert decode(b"\xef\xbb\xbf<p>x</p>") == "<p>x</p>"
    # A body cut inside a UTF-8 sequence stays UTF-8: only the broken tail goes.
    cut = "<p>毛宁".encode()[:-1]
    assert decode(cut) == "<p>毛"


def test_a_broken_byte_deep_in_a_utf8_page_does_not_garble_the_page() -> None:
    # Pairs of Chinese characters in UTF-8 happen to be valid GB18030 as well: had the page been
    # read as GB18030 for its one bad byte, every word of it would have been garbled.
    paragraphs = "".join(f"<p>中文{i:03d}中文</p>" for i in range(1500))
    data = _page(paragraphs + "<p>坏字XX</p>", title="毛宁主持").encode()
    data = data.replace(b"XX", "啊".encode("gb18030"))  # not UTF-8, some 30 KB in
    assert data.index("啊".encode("gb18030")) > 16384
    data.decode("gb18030")  # (so the garbling is possible)
    article = parse_article(data, URL)
    assert article.title == "毛宁主持"
    assert article.blocks[0].text == "中文000中文"
    assert article.blocks[-1].text == "坏字\ufffd\ufffd"


def test_gb18030_text_after_a_long_ascii_head_is_still_gb18030() -> None:
    head = "".join(f'<meta name="x{i}" content="{"a" * 60}">' for i in range(200))
    html = _page("<p>林剑：中方欢迎各方。</p>", title="Press conference", head=head)
    data = html.encode("gb18030")
    assert data.index("林".encode("gb18030")) > 12000
    assert decode(data) == html
    article = parse_article(data, URL)
    assert article.blocks[0].text == "林剑：中方欢迎各方。"


def test_gb18030_page_with_lying_charset_parses() -> None:
    html = _page("<p>林剑：中方欢迎各方。</p>", title="外交部发言人林剑主持例行记者会")
    data = html.encode("gb18030")  # the page still declares utf-8
    article = parse_article(
        data, "https://www.mfa.gov.cn/web/fyrbt_673021/jzhsl_673025/202510/t20251017_1.shtml"
    )
    assert article.title == "外交部发言人林剑主持例行记者会"
    assert article.blocks[0].text == "林剑：中方欢迎各方。"


def test_entities_inline_tags_and_markup_are_text() -> None:
    body = (
        "<p>A&nbsp;B &amp; C&rsquo;s <span>wo</span><span>rd</span> <em>and</em> "
        "<b>more</b> [bold]x[/] [@click=app.quit]y[/] \x1b[2Jz</p>"
    )
    article = parse_article(_page(body).encode(), URL)
    assert article.blocks[0].text == "A B & C’s word and more [bold]x[/] [@click=app.quit]y[/] z"


def test_meta_entities_decoded_once_more() -> None:
    html = _page("<p>x</p>", title="China&amp;rsquo;s View")
    assert parse_article(html.encode(), URL).title == "China’s View"


def test_meta_written_after_the_head_is_read() -> None:
    html = _page("<p>x</p>", title="In the header").replace(
        "</head>", '</head>\n<meta name="ColumnName" content="Press Conferences">'
    )
    assert parse_article(html.encode(), URL).section_name == "Press Conferences"


def test_images_alone_and_images_beside_text() -> None:
    body = (
        '<p style="text-align: center"><strong><img src="W1.jpg"> <img src="W2.jpg"></strong></p>'
        '<p style="text-align: center">Two photos</p>'
        '<p><img src="W3.jpg"><br>Text beside a photo</p>'
        "<p><strong>Reuters: All in bold?<br></strong></p>"
        "<p><strong>Reuters:</strong> hardly in bold, asked by a known outlet all the same</p>"
        "<p>Lin Jian: Yes.</p>"
    )
    blocks = parse_article(_page(body).encode(), URL).blocks
    assert [(b.kind, b.text, (b.src or "")[-6:]) for b in blocks] == [
        (BlockKind.IMAGE, "", "W1.jpg"),
        (BlockKind.IMAGE, "", "W2.jpg"),
        (BlockKind.CAPTION, "Two photos", ""),
        (BlockKind.IMAGE, "", "W3.jpg"),
        (BlockKind.PARAGRAPH, "Text beside a photo", ""),
        (BlockKind.QUESTION, "Reuters: All in bold?", ""),
        (BlockKind.QUESTION, "Reuters: hardly in bold, asked by a known outlet all the same", ""),
        (BlockKind.PARAGRAPH, "Lin Jian: Yes.", ""),
    ]


def test_unknown_elements_are_walked_like_inline_markup() -> None:
    # Word's <o:p> and other tags lexbor does not know: their text is kept, in its place.
    body = "<p>Lin Jian: One <o:p>two</o:p> <x-note>three</x-note>.</p><div><o:p>Four</o:p></div>"
    blocks = parse_article(_page(body).encode(), URL).blocks
    assert [b.text for b in blocks] == ["Lin Jian: One two three.", "Four"]


def test_caption_after_centred_image() -> None:
    body = (
        '<p style="text-align: center"><img src="./W1.jpg"></p>'
        '<p style="text-align: center">Lin Jian at the podium</p>'
        "<p>Lin Jian: Good afternoon.</p>"
        '<p style="text-align: center">＊＊＊＊＊</p>'
    )
    blocks = parse_article(_page(body).encode(), URL).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.IMAGE, ""),
        (BlockKind.CAPTION, "Lin Jian at the podium"),
        (BlockKind.PARAGRAPH, "Lin Jian: Good afternoon."),
        (BlockKind.PARAGRAPH, "＊＊＊＊＊"),
    ]
    assert blocks[0].src == "https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/202510/W1.jpg"


@pytest.mark.parametrize(
    ("lang", "body"),
    [
        ("en", ["<p>Reuters: A question?</p>", "<p>Lin Jian: An answer.</p>"]),
        ("zh", ["<p>总台央视记者：问题？</p>", "<p>毛宁：回答。</p>"]),
        ("fr", ["<p>AFP : Une question ?</p>", "<p>Mao Ning : Une réponse.</p>"]),
        ("es", ["<p>EFE: ¿Una pregunta?</p>", "<p>Mao Ning: Una respuesta.</p>"]),
        ("ru", ["<p>РИА Новости: Вопрос?</p>", "<p>Мао Нин: Ответ.</p>"]),
        ("ar", ["<p>س: سؤال؟</p>", "<p>ج: جواب.</p>"]),
    ],
)
def test_speaker_markers_in_six_languages(lang: str, body: list[str]) -> None:
    roots = {"en": "eng", "zh": "web", "fr": "fra", "es": "esp", "ru": "rus", "ar": "ara"}
    url = f"https://www.fmprc.gov.cn/{roots[lang]}/x/202510/t20251017_9.html"
    article = parse_article(_page("".join(body), lang=lang).encode(), url)
    assert article.edition == lang
    assert [b.kind for b in article.blocks] == [BlockKind.QUESTION, BlockKind.PARAGRAPH]


@pytest.mark.parametrize(
    ("lang", "body", "speakers"),
    [
        (
            "en",
            ["<p>Reuters: A question?</p>", "<p>Lin Jian: An answer.</p>"],
            ["reuters", "lin-jian"],
        ),
        ("zh", ["<p>路透社记者：问题？</p>", "<p>林剑：回答。</p>"], ["reuters", "lin-jian"]),
        (
            "fr",
            ["<p>Reuters : Une question ?</p>", "<p>Lin Jian : Réponse.</p>"],
            ["reuters", "lin-jian"],
        ),
        ("ru", ["<p>Рейтер: Вопрос?</p>", "<p>Линь Цзянь: Ответ.</p>"], ["reuters", "lin-jian"]),
        ("ar", ["<p>س: سؤال؟</p>", "<p>ج: جواب.</p>"], [None, None]),
    ],
)
def test_who_speaks_is_one_person_or_outlet_in_every_edition(
    lang: str, body: list[str], speakers: list[str | None]
) -> None:
    roots = {"en": "eng", "zh": "web", "fr": "fra", "ru": "rus", "ar": "ara"}
    url = f"https://www.fmprc.gov.cn/{roots[lang]}/x/202510/t20251017_9.html"
    article = parse_article(_page("".join(body), lang=lang).encode(), url)
    found = [speaker(b.speaker, lang) if b.speaker else None for b in article.blocks]
    assert [row.key if row else None for row in found] == speakers


def test_who_speaks_is_on_the_block_that_opens_a_turn_and_nowhere_else() -> None:
    body = (
        "<p>Lin Jian: Good afternoon. I have an announcement.</p>"
        "<p>Note: the forum opens on Monday.</p>"
        "<p><strong>Valdorian Broadcasting: Will the minister attend?</strong></p>"
        "<p>Lin Jian: He will.</p>"
        "<p>He will also visit the museum.</p>"
        "<p><strong>Q: A question without a name?</strong></p>"
        "<p>Lin Jian: Yes.</p>"
    )
    blocks = parse_article(_page(body).encode(), URL).blocks
    assert [(b.kind, b.speaker) for b in blocks] == [
        (BlockKind.PARAGRAPH, "Lin Jian"),
        (BlockKind.PARAGRAPH, None),
        (BlockKind.QUESTION, "Valdorian Broadcasting"),
        (BlockKind.PARAGRAPH, "Lin Jian"),
        (BlockKind.PARAGRAPH, None),
        (BlockKind.QUESTION, None),
        (BlockKind.PARAGRAPH, "Lin Jian"),
    ]


def test_a_name_means_one_speaker_in_each_edition() -> None:
    seen: dict[tuple[str, str], str] = {}
    for row in SPEAKER_TABLE:
        assert set(row.names) >= {"en", "fr", "es"}, row.key
        for code, names in row.names.items():
            for name in names:
                assert seen.setdefault((code, name), row.key) == row.key, (code, name)
    assert len({row.key for row in SPEAKER_TABLE}) == len(SPEAKER_TABLE)


def test_an_article_that_is_no_transcript_names_no_speaker() -> None:
    body = "<p>Time: 10 a.m. on Monday.</p><p>Place: the Blue Hall.</p>"
    blocks = parse_article(_page(body).encode(), URL).blocks
    assert [b.speaker for b in blocks] == [None, None]


@pytest.mark.parametrize(
    ("text", "lang", "iso"),
    [
        ("October 17, 2025 19:15", "en", "2025-10-17T19:15:00+08:00"),
        ("Updated: Sept. 3, 2024", "en", "2024-09-03"),
        ("2020/12/25", "en", "2020-12-25"),
        ("2022-10-27 20:08", "zh", "2022-10-27T20:08:00+08:00"),
        ("2022年10月27日外交部发言人毛宁主持例行记者会", "zh", "2022-10-27"),
        ("Conférence de presse du 12 mars 2026 tenue par", "fr", "2026-03-12"),
        ("Ofrecida el 3 de Noviembre de 2022 por", "es", "2022-11-03"),
        ("Очередная пресс-конференция 3 апреля 2023 г. у", "ru", "2023-04-03"),
        ("يعقد مؤتمرا صحفيا اعتياديا يوم 1 فبراير عام 2011", "ar", "2011-02-01"),
        ("2011-02-01 16:57", "ar", "2011-02-01T16:57:00+08:00"),
    ],
)
def test_dates_in_each_language(text: str, lang: str, iso: str) -> None:
    found = find_date(text, lang)
    assert found is not None and found.iso() == iso


def test_impossible_dates_are_not_dates() -> None:
    assert find_date("2025-02-30 10:00", "en") is None
    assert find_date("October 32, 2025", "en") is None


@pytest.mark.parametrize(
    ("text", "lang", "iso"),
    [
        # The first date in the text wins, whichever way each is written.
        ("Published 3 March 2025, updated 2025-04-01 10:00", "en", "2025-03-03"),
        ("Updated 2025-04-01 10:00, published 3 March 2025", "en", "2025-04-01T10:00:00+08:00"),
        ("publié le 2 octobre 2025, mis à jour le 2025年10月3日", "fr", "2025-10-02"),
        # A year that is the tail of a longer number is not a year.
        ("ref 12025-10-17, held 2024-01-02", "en", "2024-01-02"),
        # An impossible date is passed over for the next one.
        ("February 30, 2025 and 3 March 2025 10:00", "en", "2025-03-03T10:00:00+08:00"),
        ("2025-02-30 or 2025-03-01", "en", "2025-03-01"),
        # A month name far from any date, then a date.
        ("May the talks go well. " * 10 + "Held on 17 May 2025.", "en", "2025-05-17"),
        # Month names with no date, a day far ahead of its month, a time after its year.
        (
            "En agosto y en mayo, nada. " * 20 + "el 15   de  agosto de 2022 18:30",
            "es",
            "2022-08-15T18:30:00+08:00",
        ),
        (
            "Le 1er mai, " + "le 31 février 2025, " + "x" * 300 + " le 2 mai 2025",
            "fr",
            "2025-05-02",
        ),
    ],
)
def test_the_first_possible_date_is_found(text: str, lang: str, iso: str) -> None:
    found = find_date(text, lang)
    assert found is not None and found.iso() == iso


def test_url_date_is_a_last_resort() -> None:
    assert date_from_url(URL) == date(2025, 10, 17)
    assert date_from_url("https://www.fmprc.gov.cn/mfa_eng/x/t1843165.shtml") is None
    page = (
        "<!doctype html><html><head><title>T</title></head><body>"
        '<div class="news_header_title">No date anywhere</div>'
        '<div class="TRS_UEDITOR"><p>Text.</p></div></body></html>'
    )
    assert parse_article(page.encode(), URL).published == "2025-10-17"


def test_a_template_date_field_is_not_overridden_by_a_time_in_the_text() -> None:
    # Legacy pages give the day alone; a time in the text is an event's, not the publication's.
    page = (
        "<!doctype html><html><head><title>T</title></head><body>"
        '<div id="News_Body_Time">2020/12/25</div><div id="News_Body_Title">Talks</div>'
        '<div id="News_Body_Txt_A"><p>The talks open on 2020-12-25 10:00 in Beijing.</p></div>'
        "</body></html>"
    )
    url = "https://www.fmprc.gov.cn/mfa_eng/wjdt_665385/t1843165.shtml"
    assert parse_article(page.encode(), url).published == "2020-12-25"


def test_a_page_of_no_known_template_takes_the_time_near_its_title() -> None:
    page = (
        '<!doctype html><html lang="es"><head><title>Rueda de prensa_Ministerio de Relaciones '
        "Exteriores</title></head><body><h1>Rueda de prensa</h1><p>2025-10-19 22:55</p>"
        "<div><p>Mao Ning: Buenas tardes.</p><p>Mao Ning: Eso es todo.</p></div></body></html>"
    )
    url = "https://www.fmprc.gov.cn/esp/xwfw/lxjzzdh/202510/t20251019_1.html"
    assert parse_article(page.encode(), url).published == "2025-10-19T22:55:00+08:00"
