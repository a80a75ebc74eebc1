"""Every page of the fixture site (tests/fixtures/site/) parses to exactly the expected values.

The tables below are the specification of what the parser must extract from each shape of page the
ministry's site uses; tests/fixtures/site/README.md says what each page shows. An article's blocks
are written as (kind, text prefix), or (kind, absolute src) for images; FULL_TEXTS gives the exact
text of the blocks where clean-up matters (entities, zero-width characters, split words, spaces).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from mfa_reader.model import Article, BlockKind, Listing
from mfa_reader.parser import ParseError, RemovedPage, parse_article, parse_listing, parse_page

SITE = Path(__file__).parent / "fixtures" / "site"
F = "https://www.fmprc.gov.cn"
M = "https://www.mfa.gov.cn"

P, Q, IMG, C = "paragraph", "question", "image", "caption"


def canonical(path: str) -> str:
    """The canonical URL of a fixture file: Chinese pages on www.mfa.gov.cn, the rest on fmprc."""
    return f"{M}/{path}" if path.startswith("web/") else f"{F}/{path}"


def fixture_path(url: str) -> Path:
    """The file that serves a canonical URL (both hosts serve the same tree)."""
    return SITE / urlsplit(url).path.lstrip("/")


def doc_id_of(path: str) -> str:
    match = re.search(r"/t(?:\d{8}_)?(\d+)\.s?html$", "/" + path)
    assert match, path
    return match.group(1)


@dataclass(frozen=True)
class ArticleCase:
    path: str
    edition: str
    section: str | None
    section_name: str
    title: str
    published: str
    source: str
    blocks: tuple[tuple[str, str], ...]
    translations: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return canonical(self.path)


@dataclass(frozen=True)
class ListCase:
    path: str
    page_count: int | None
    edition: str
    section: str | None
    items: tuple[tuple[str, str, date], ...]  # (fixture path of the article, title, list date)

    @property
    def url(self) -> str:
        return canonical(self.path)


# --- the same conference (October 17, 2025) in six editions, and its neighbours --------------

EN = "eng/xw/fyrbt/lxjzh/"
ZH = "web/fyrbt_673021/jzhsl_673025/"
FR = "fra/xwfw/fyrth/lxjzzdh/"
ES = "esp/xwfw/lxjzzdh/"
RU = "rus/mtfw/ce_cegw_chn/lxjzhzhdh/"
AR = "ara/xwfw/lxjzh/"
EN_LEGACY = "mfa_eng/xwfw_665399/s2510_665401/2511_665403/"
ZH_LEGACY = "web/wjdt_674879/fyrbt_674889/"

EN17 = EN + "202510/t20251017_99001017.html"
EN16 = EN + "202510/t20251016_99001016.html"
ZH17 = ZH + "202510/t20251017_99002017.shtml"
ZH16 = ZH + "202510/t20251016_99002016.shtml"
FR17 = FR + "202510/t20251019_99003017.html"
ES17 = ES + "202510/t20251019_99004017.html"
RU17 = RU + "202510/t20251019_99005017.html"
AR17 = AR + "202510/t20251019_99006017.html"


def links(**editions: str) -> dict[str, str]:
    return {code: canonical(path) for code, path in editions.items()}


def img(path: str) -> tuple[str, str]:
    return (IMG, canonical(path))


PC = "press-conferences"

ARTICLES: tuple[ArticleCase, ...] = (
    # English, current template: questions in <strong> and by outlet, images with captions,
    # entities, &nbsp;, a zero-width space, split words; links to the five other editions.
    ArticleCase(
        EN17,
        edition="en",
        section=PC,
        section_name="Regular Press Conferences",
        title=(
            "Foreign Ministry Spokesperson Lin Jian’s Regular Press Conference on October 17, 2025"
        ),
        published="2025-10-17T19:15:00+08:00",
        source="",
        blocks=(
            img(EN + "202510/W020251017990010170001.jpg"),
            (C, "Spokesperson Lin Jian opens the briefing in the Blue Hall"),
            (P, "Lin Jian: At the invitation of the organizing committee"),
            (Q, "Reuters: Can you share more details"),
            (P, "Lin Jian: The programme includes"),
            (Q, "CCTV: Tourism figures for the Golden Week"),
            (P, "Lin Jian: The figures show a steady rise"),
            img(EN + "202510/W020251017990010170002.jpg"),
            (C, "Journalists raise their hands to ask questions"),
            (Q, "Bloomberg: A follow-up on the forum."),
            (P, "Lin Jian: Several cooperation documents"),
        ),
        translations=links(zh=ZH17, fr=FR17, es=ES17, ru=RU17, ar=AR17),
    ),
    # English, source line (in Chinese, as migrated pages have it), one link to Chinese.
    ArticleCase(
        EN16,
        edition="en",
        section=PC,
        section_name="Regular Press Conferences",
        title=(
            "Foreign Ministry Spokesperson Lin Jian’s Regular Press Conference on October 16, 2025"
        ),
        published="2025-10-16T18:42:00+08:00",
        source="外交部-新闻司",
        blocks=(
            (P, "Lin Jian: Good afternoon. I have two announcements to start with."),
            (P, "At the invitation of the Government of the Republic of Valdoria"),
            (P, "The Fourth Forum on River Navigation will be held in Wuhan"),
            (Q, "Xinhua News Agency: What does China expect from the river navigation forum?"),
            (P, "Lin Jian: We hope the forum will help countries"),
        ),
        translations=links(zh=ZH16),
    ),
    # English, the conference of September 12, 2025 (aligned in test_align.py): no language links.
    ArticleCase(
        EN + "202509/t20250912_99000912.html",
        edition="en",
        section=PC,
        section_name="Regular Press Conferences",
        title=(
            "Foreign Ministry Spokesperson Guo Jiakun’s Regular Press Conference on "
            "September 12, 2025"
        ),
        published="2025-09-12T19:05:00+08:00",
        source="",
        blocks=(
            img(EN + "202509/W020250912990009120001.jpg"),
            (C, "Spokesperson Guo Jiakun at the regular p"),
            (P, "Guo Jiakun: Good afternoon. At the invit"),
            (P, "During the visit, Premier Li will meet P"),
            (Q, "Reuters: What agreements does China expe"),
            (P, "Guo Jiakun: The two sides are discussing"),
            (P, "We believe the visit will give new momen"),
            (Q, "CCTV: The Second Lakeside Forum on Water"),
            (P, "Guo Jiakun: Delegates from 46 countries"),
            (P, "The forum also released a report titled"),
            (P, "China will host the third forum in 2027"),
            (Q, "AFP: Can you confirm that the Valdorian"),
            (P, "Guo Jiakun: I have no information to off"),
            img(EN + "202509/W020250912990009120002.jpg"),
            (C, "Journalists raise questions at the press"),
            (Q, "Bloomberg: The container terminal of Por"),
            (P, "Guo Jiakun: The terminal handled 410,000"),
            (P, "Since 2019, Chinese companies have inves"),
        ),
    ),
    # English, a 2022 conference migrated in 2024: the URL says 2024-05-30; empty language bar.
    ArticleCase(
        EN + "202405/t20240530_99000815.html",
        edition="en",
        section=PC,
        section_name="Regular Press Conferences",
        title=(
            "Foreign Ministry Spokesperson Wang Wenbin’s Regular Press Conference on August "
            "15, 2022"
        ),
        published="2022-08-15T20:00:00+08:00",
        source="",
        blocks=(
            img(EN + "202405/W020240530990008150001.jpg"),
            (Q, "Phoenix TV: Today marks the opening of the Summer Reading Festival"),
            (P, "Wang Wenbin: Reading brings people closer."),
            (Q, "AFP: Can you confirm the dates"),
            (P, "Wang Wenbin: I have no information to offer"),
        ),
    ),
    # English, legacy template (t1843165 shape): language bar and Suggest/Print dropped;
    # the page gives only a date.
    ArticleCase(
        "mfa_eng/topics_665678/kjgzbdfyyq/t1843999.shtml",
        edition="en",
        section=None,
        section_name="",
        title="Chinese and Valdorian Volunteers Plant 10,000 Trees Along the Northern Rail Link",
        published="2020-12-25",
        source="",
        blocks=(
            (P, "Valdoria, December 23, 2020"),  # centred, but after no image: no caption
            (P, "On December 23, more than 300 volunteers from China and Valdoria"),
            img("mfa_eng/topics_665678/kjgzbdfyyq/W020201225990018439991.jpg"),
            (C, "Volunteers plant trees near Station 12"),
            (P, "Ambassador Sun said the trees would protect the line"),
            img("mfa_eng/topics_665678/kjgzbdfyyq/W020201225990018439992.jpg"),
            (C, "Students water the young pines"),
            (P, "The volunteers agreed to meet again next spring."),
        ),
    ),
    # English, legacy press conferences listed by the legacy list (question in <b>, in <strong>).
    ArticleCase(
        EN_LEGACY + "t1843996.shtml",
        edition="en",
        section=PC,
        section_name="",
        title=(
            "Foreign Ministry Spokesperson Wang Wenbin's Regular Press Conference on December "
            "24, 2020"
        ),
        published="2020-12-24",
        source="",
        blocks=(
            (Q, "Kyodo News: Will China send a delegation to the winter sports week?"),
            (P, "Wang Wenbin: Relevant departments are making preparations."),
        ),
    ),
    ArticleCase(
        EN_LEGACY + "t1843990.shtml",
        edition="en",
        section=PC,
        section_name="",
        title=(
            "Foreign Ministry Spokesperson Wang Wenbin's Regular Press Conference on December "
            "22, 2020"
        ),
        published="2020-12-22",
        source="",
        blocks=(
            (Q, "China Daily: Can you tell us more about the new consular hotline?"),
            (P, "Wang Wenbin: The hotline serves Chinese citizens abroad around the clock."),
        ),
    ),
    # Chinese, current: .time span, #News_Body_Txt_A inside div.news-main, full-width colons.
    ArticleCase(
        ZH17,
        edition="zh",
        section=PC,
        section_name="例行记者会",
        title="2025年10月17日外交部发言人林剑主持例行记者会",
        published="2025-10-17T20:08:00+08:00",
        source="",
        blocks=(
            img(ZH + "202510/W020251017990020170001.jpg"),
            (C, "外交部发言人林剑主持例行记者会"),
            (P, "林剑：应组委会邀请"),
            (Q, "总台央视记者：你能否介绍一下论坛的具体安排？"),
            (P, "林剑：论坛安排包括品茶会"),
            (Q, "路透社记者：昨天公布了国庆黄金周的旅游数据。"),
            (P, "林剑：数据显示来访游客稳步增长"),
            img(ZH + "202510/W020251017990020170002.jpg"),
            (C, "记者举手提问"),
        ),
        translations=links(en=EN17, fr=FR17, es=ES17, ru=RU17, ar=AR17),
    ),
    # Chinese, current: date in div.news-title p, body div.news-main,
    # source 来源：… (the label is dropped).
    ArticleCase(
        ZH16,
        edition="zh",
        section=PC,
        section_name="例行记者会",
        title="2025年10月16日外交部发言人林剑主持例行记者会",
        published="2025-10-16T19:40:00+08:00",
        source="外交部新闻司",
        blocks=(
            (P, "林剑：下午好。首先我发布两条消息。"),
            (P, "应瓦尔多利亚共和国政府邀请"),
            (Q, "新华社记者：中方对内河航运论坛有何期待？"),
            (P, "林剑：我们希望论坛帮助各国"),
        ),
        translations=links(en=EN16),
    ),
    # Chinese, September 12, 2025: same day, no language links; a split and a merged paragraph.
    ArticleCase(
        ZH + "202509/t20250912_99002912.shtml",
        edition="zh",
        section=PC,
        section_name="例行记者会",
        title="2025年9月12日外交部发言人郭嘉昆主持例行记者会",
        published="2025-09-12T19:40:00+08:00",
        source="",
        blocks=(
            img(ZH + "202509/W020250912990029120001.jpg"),
            (C, "外交部发言人郭嘉昆主持例行记者会"),
            (P, "郭嘉昆：下午好。应瓦尔多利亚共和国政府邀"),
            (P, "访问期间，李伟总理将同安娜·莫雷尔总统会"),
            (P, "李伟总理还将乘坐北方铁路。这条铁路自20"),
            (Q, "路透社记者：中方希望在总理访问期间签署哪"),
            (P, "郭嘉昆：双方正在商签约20份合作文件，涵"),
            (P, "我们相信，此访将为中瓦全面战略伙伴关系注"),
            (Q, "总台央视记者：第二届湖畔水安全论坛昨天在"),
            (P, "郭嘉昆：来自46个国家的代表出席论坛。论"),
            (P, "论坛还发布了题为《没有边界的河流》的报告"),
            (Q, "法新社记者：你能否证实瓦尔多利亚外长下个"),
            (P, "郭嘉昆：目前我没有可以提供的消息。"),
            img(ZH + "202509/W020250912990029120002.jpg"),
            (C, "记者在例行记者会上提问"),
            (Q, "彭博社记者：卢门港集装箱码头8月吞吐量创"),
            (P, "郭嘉昆：8月该码头处理集装箱41万标箱，"),
            (P, "2019年以来，中国企业在该港口累计投资"),
        ),
    ),
    # Chinese, migrated 2022 conference (URL 2024-05-30), #News_Body_Txt_A without div.news-main.
    ArticleCase(
        ZH + "202405/t20240530_99002815.shtml",
        edition="zh",
        section=PC,
        section_name="例行记者会",
        title="2022年8月15日外交部发言人汪文斌主持例行记者会",
        published="2022-08-15T19:30:00+08:00",
        source="",
        blocks=(
            (Q, "凤凰卫视记者：今天青岛夏季读书节开幕"),
            (P, "汪文斌：阅读拉近人心。"),
            (Q, "法新社记者：你能否证实下一轮领事磋商的日期？"),
            (P, "汪文斌：目前我没有可以提供的消息"),
        ),
    ),
    # Chinese, legacy template, saved in GB18030 under a meta charset that says utf-8.
    ArticleCase(
        ZH_LEGACY + "t1843500.shtml",
        edition="zh",
        section="spokesperson-remarks",
        section_name="",
        title="外交部发言人就第二届湖畔茶文化论坛答记者问",
        published="2020-12-25T16:30:00+08:00",
        source="外交部",
        blocks=(
            (Q, "问：据报道，第二届湖畔茶文化论坛将于明年春天举行。中方对此有何评论？"),
            (P, "答：我们欢迎各国朋友参加论坛，共同品味茶香，增进友谊。"),
            (P, "欢迎各国茶农、学者和茶艺爱好者踊跃报名。"),
        ),
    ),
    ArticleCase(
        ZH_LEGACY + "t1843480.shtml",
        edition="zh",
        section="spokesperson-remarks",
        section_name="",
        title="外交部发言人就北方铁路试运行答记者问",
        published="2020-12-24T18:05:00+08:00",
        source="",
        blocks=(
            (Q, "问：北方铁路今天开始试运行，中方如何看待？"),
            (P, "答：这条铁路将方便沿线人民出行，我们对此表示祝贺。"),
        ),
    ),
    # French, current template; "Lin Jian :" with a space; published on Sunday (URL 20251019).
    ArticleCase(
        FR17,
        edition="fr",
        section=PC,
        section_name="Conférences de presse régulières",
        title=(
            "Conférence de presse du 17 octobre 2025 tenue par le porte-parole du ministère "
            "des Affaires étrangères Lin Jian"
        ),
        published="2025-10-19T22:30:00+08:00",
        source="",
        blocks=(
            img(FR + "202510/W020251019990030170001.jpg"),
            (C, "Le porte-parole Lin Jian ouvre la conférence de presse"),
            (P, "Lin Jian : À l’invitation du comité d’organisation"),
            (Q, "Reuters : Pouvez-vous donner plus de détails sur le programme du forum ?"),
            (P, "Lin Jian : Le programme comprend une dégustation"),
            (Q, "AFP : Des accords seront-ils signés pendant le forum ?"),
            (P, "Lin Jian : Plusieurs documents de coopération"),
            img(FR + "202510/W020251019990030170002.jpg"),
            (C, "Des journalistes lèvent la main pour poser des questions"),
        ),
        translations=links(zh=ZH17, en=EN17, es=ES17, ru=RU17, ar=AR17),
    ),
    ArticleCase(
        FR + "202510/t20251018_99003016.html",
        edition="fr",
        section=PC,
        section_name="Conférences de presse régulières",
        title=(
            "Conférence de presse du 16 octobre 2025 tenue par le porte-parole du ministère "
            "des Affaires étrangères Lin Jian"
        ),
        published="2025-10-18T21:10:00+08:00",
        source="Département de l'information",
        blocks=(
            (P, "Lin Jian : Bonjour. J’ai deux annonces à faire."),
            (P, "Le quatrième Forum sur la navigation fluviale"),
            (Q, "Agence Xinhua : Qu’attend la Chine de ce forum ?"),
            (P, "Lin Jian : Nous espérons que le forum"),
        ),
    ),
    # French, September 12, 2025, published a day later: an answer in one paragraph, AFP left out.
    ArticleCase(
        FR + "202509/t20250913_99003912.html",
        edition="fr",
        section=PC,
        section_name="Conférences de presse régulières",
        title=(
            "Conférence de presse du 12 septembre 2025 tenue par le porte-parole du "
            "ministère des Affaires étrangères Guo Jiakun"
        ),
        published="2025-09-13T22:30:00+08:00",
        source="",
        blocks=(
            img(FR + "202509/W020250913990039120001.jpg"),
            (C, "Le porte-parole Guo Jiakun lors de la co"),
            (P, "Guo Jiakun : Bonjour. À l’invitation du"),
            (P, "Pendant sa visite, le Premier ministre L"),
            (Q, "Reuters : Quels accords la Chine compte-"),
            (P, "Guo Jiakun : Les deux parties discutent"),
            (Q, "CCTV : Le deuxième Forum du lac sur la s"),
            (P, "Guo Jiakun : Des délégués de 46 pays ont"),
            (P, "Le forum a également publié un rapport i"),
            (P, "La Chine accueillera le troisième forum"),
            img(FR + "202509/W020250913990039120002.jpg"),
            (C, "Des journalistes posent des questions lo"),
            (Q, "Bloomberg : Le terminal à conteneurs de"),
            (P, "Guo Jiakun : Le terminal a traité 410 00"),
            (P, "Depuis 2019, des entreprises chinoises o"),
        ),
    ),
    ArticleCase(
        FR + "202405/t20240530_99003815.html",
        edition="fr",
        section=PC,
        section_name="Conférences de presse régulières",
        title=(
            "Conférence de presse du 15 août 2022 tenue par le porte-parole du ministère des "
            "Affaires étrangères Wang Wenbin"
        ),
        published="2022-08-15T21:00:00+08:00",
        source="",
        blocks=(
            (Q, "Phoenix TV : Le Festival d’été de la lecture"),
            (P, "Wang Wenbin : La lecture rapproche les peuples."),
        ),
    ),
    # Spanish, fallback shape: no meta tags, title, date line with a leaked fyr_btn_2023.png.
    ArticleCase(
        ES17,
        edition="es",
        section=PC,
        section_name="",
        title=(
            "Conferencia de Prensa Habitual Ofrecida el 17 de Octubre de 2025 por el Portavoz "
            "Lin Jian del Ministerio de Relaciones Exteriores"
        ),
        published="2025-10-19T22:55:00+08:00",
        source="",
        blocks=(
            img(ES + "202510/W020251019990040170001.jpg"),
            (C, "El portavoz Lin Jian abre la conferencia de prensa"),
            (P, "Lin Jian: Por invitación del comité organizador"),
            (Q, "Reuters: ¿Puede darnos más detalles sobre el programa del foro?"),
            (P, "Lin Jian: El programa incluye una feria de degustación"),
            img(ES + "202510/W020251019990040170002.jpg"),
            (C, "Periodistas levantan la mano para preguntar"),
        ),
    ),
    # Spanish, current template with a source line.
    ArticleCase(
        ES + "202510/t20251018_99004016.html",
        edition="es",
        section=PC,
        section_name="Conferencias de prensa habituales",
        title=(
            "Conferencia de Prensa Habitual Ofrecida el 16 de Octubre de 2025 por el Portavoz "
            "Lin Jian del Ministerio de Relaciones Exteriores"
        ),
        published="2025-10-18T22:40:00+08:00",
        source="Departamento de Información",
        blocks=(
            (P, "Lin Jian: Buenas tardes. Tengo dos anuncios."),
            (P, "El Cuarto Foro sobre Navegación Fluvial"),
            (Q, "Agencia de Noticias Xinhua: ¿Qué espera China de este foro?"),
            (P, "Lin Jian: Esperamos que el foro"),
        ),
    ),
    # Spanish, September 12, 2025, published two days later (fallback shape, leaked image name).
    ArticleCase(
        ES + "202509/t20250914_99004912.html",
        edition="es",
        section=PC,
        section_name="",
        title=(
            "Conferencia de Prensa Habitual Ofrecida el 12 de Septiembre de 2025 por el "
            "Portavoz Guo Jiakun del Ministerio de Relaciones Exteriores"
        ),
        published="2025-09-14T22:55:00+08:00",
        source="",
        blocks=(
            img(ES + "202509/W020250914990049120001.jpg"),
            (C, "El portavoz Guo Jiakun en la conferencia"),
            (P, "Guo Jiakun: Buenas tardes. Por invitació"),
            (P, "Durante la visita, el primer ministro Li"),
            (Q, "Reuters: ¿Qué acuerdos espera firmar Chi"),
            (P, "Guo Jiakun: Las dos partes están negocia"),
            (P, "Creemos que la visita dará un nuevo impu"),
            (Q, "CCTV: El Segundo Foro del Lago sobre Seg"),
            (P, "Guo Jiakun: Delegados de 46 países asist"),
            (P, "Los participantes acordaron además estab"),
            (P, "El foro publicó también un informe titul"),
            (P, "China será anfitriona del tercer foro en"),
            (Q, "AFP: ¿Puede confirmar que el canciller d"),
            (P, "Guo Jiakun: No tengo información que ofr"),
            img(ES + "202509/W020250914990049120002.jpg"),
            (C, "Periodistas hacen preguntas en la confer"),
            (Q, "Bloomberg: La terminal de contenedores d"),
            (P, "Guo Jiakun: La terminal manejó 410.000 c"),
        ),
    ),
    # Spanish, fallback shape with a plain body div whose first paragraph is the leaked image name.
    ArticleCase(
        ES + "202405/t20240530_99004815.html",
        edition="es",
        section=PC,
        section_name="",
        title=(
            "Conferencia de Prensa Habitual Ofrecida el 15 de Agosto de 2022 por el Portavoz "
            "Wang Wenbin del Ministerio de Relaciones Exteriores"
        ),
        published="2022-08-15T22:55:00+08:00",
        source="",
        blocks=(
            (Q, "Phoenix TV: Hoy se inaugura el Festival de Lectura de Verano"),
            (P, "Wang Wenbin: La lectura acerca a los pueblos."),
        ),
    ),
    # Russian, legacy template (#News_Body_*), Cyrillic speakers and outlets.
    ArticleCase(
        RU17,
        edition="ru",
        section=PC,
        section_name="",
        title=(
            "Очередная пресс-конференция 17 октября 2025 г. у официального представителя МИД "
            "КНР Линь Цзяня"
        ),
        published="2025-10-19T22:35:00+08:00",
        source="",
        blocks=(
            img(RU + "202510/W020251019990050170001.jpg"),
            (C, "Официальный представитель Линь Цзянь открывает пресс-конференцию"),
            (P, "Линь Цзянь: По приглашению оргкомитета"),
            (Q, "Рейтер: Не могли бы вы рассказать подробнее о программе форума?"),
            (P, "Линь Цзянь: Программа включает дегустацию"),
            (Q, "РИА Новости: Будут ли подписаны какие-либо соглашения?"),
            (P, "Линь Цзянь: Обсуждаются несколько документов о сотрудничестве."),
            img(RU + "202510/W020251019990050170002.jpg"),
            (C, "Журналисты задают вопросы"),
        ),
    ),
    ArticleCase(
        RU + "202510/t20251018_99005016.html",
        edition="ru",
        section=PC,
        section_name="",
        title=(
            "Очередная пресс-конференция 16 октября 2025 г. у официального представителя МИД "
            "КНР Линь Цзяня"
        ),
        published="2025-10-18T22:20:00+08:00",
        source="Департамент информации МИД КНР",
        blocks=(
            (P, "Линь Цзянь: Добрый день. У меня два объявления."),
            (P, "Четвёртый форум по речному судоходству"),
            (Q, "Синьхуа: Чего Китай ожидает от этого форума?"),
            (P, "Линь Цзянь: Мы надеемся, что форум"),
        ),
    ),
    # Russian, September 12, 2025, published three days later, "12 сентября 2025 года".
    ArticleCase(
        RU + "202509/t20250915_99005912.html",
        edition="ru",
        section=PC,
        section_name="",
        title=(
            "Очередная пресс-конференция 12 сентября 2025 года у официального "
            "представителя МИД КНР Го Цзякуня"
        ),
        published="2025-09-15T22:35:00+08:00",
        source="",
        blocks=(
            img(RU + "202509/W020250915990059120001.jpg"),
            (C, "Официальный представитель Го Цзякунь на"),
            (P, "Го Цзякунь: Добрый день. По приглашению"),
            (P, "В ходе визита премьер Ли встретится с пр"),
            (Q, "Рейтер: Какие соглашения Китай рассчитыв"),
            (P, "Го Цзякунь: Стороны обсуждают около 20 д"),
            (P, "Мы уверены, что визит придаст новый импу"),
            (Q, "CCTV: Вчера в Куньмине завершился Второй"),
            (P, "Го Цзякунь: В работе форума приняли учас"),
            (P, "Форум также опубликовал доклад «Реки без"),
            (P, "Китай примет третий форум в 2027 году и"),
            (Q, "ТАСС: На следующей неделе в Пекине пройд"),
            (P, "Го Цзякунь: Китайскую делегацию возглави"),
            (Q, "Франс Пресс: Можете ли вы подтвердить, ч"),
            (P, "Го Цзякунь: В данный момент у меня нет т"),
            img(RU + "202509/W020250915990059120002.jpg"),
            (C, "Журналисты задают вопросы на пресс-конфе"),
            (Q, "Блумберг: Контейнерный терминал Порт-Люм"),
            (P, "Го Цзякунь: В августе терминал обработал"),
            (P, "Китайские и вальдорийские компании изуча"),
            (P, "С 2019 года китайские компании инвестиро"),
        ),
    ),
    ArticleCase(
        RU + "202405/t20240530_99005815.html",
        edition="ru",
        section=PC,
        section_name="",
        title=(
            "Очередная пресс-конференция 15 августа 2022 г. у официального представителя МИД "
            "КНР Ван Вэньбиня"
        ),
        published="2022-08-15T22:35:00+08:00",
        source="",
        blocks=(
            (Q, "Феникс: Сегодня в Циндао открывается Летний фестиваль чтения."),
            (P, "Ван Вэньбинь: Чтение сближает людей."),
        ),
    ),
    # Arabic, right to left, fallback shape: س: questions, ج: answers, a date line.
    ArticleCase(
        AR17,
        edition="ar",
        section=PC,
        section_name="",
        title=(
            "المتحدث باسم وزارة الخارجية لين جيان يعقد مؤتمرا صحفيا اعتياديا يوم 17 أكتوبر عام 2025"
        ),
        published="2025-10-19T16:57:00+08:00",
        source="",
        blocks=(
            img(AR + "202510/W020251019990060170001.jpg"),
            (C, "المتحدث لين جيان يفتتح المؤتمر الصحفي"),
            (Q, "س: هل يمكنكم تقديم مزيد من التفاصيل حول برنامج المنتدى؟"),
            (P, "ج: يتضمن البرنامج معرضا لتذوق الشاي"),
            (Q, "س: هل سيتم توقيع أي اتفاقيات؟"),
            (P, "ج: تجري مناقشة عدة وثائق للتعاون"),
            img(AR + "202510/W020251019990060170002.jpg"),
            (C, "صحفيون يرفعون أيديهم لطرح الأسئلة"),
        ),
    ),
    # Arabic, current template with a source line; a paragraph that begins with the letter س
    # but is no question (no colon); a link to the Chinese version of the October 16 conference.
    ArticleCase(
        AR + "202510/t20251018_99006016.html",
        edition="ar",
        section=PC,
        section_name="المؤتمر الصحفي الاعتيادي",
        title=(
            "المتحدث باسم وزارة الخارجية لين جيان يعقد مؤتمرا صحفيا اعتياديا يوم 16 أكتوبر عام 2025"
        ),
        published="2025-10-18T17:05:00+08:00",
        source="إدارة الإعلام بوزارة الخارجية",
        blocks=(
            (P, "ج: مساء الخير. لدي إعلانان."),
            (P, "سيعقد المنتدى الرابع للملاحة النهرية"),
            (Q, "س: ماذا تتوقع الصين من هذا المنتدى؟"),
            (P, "ج: نأمل أن يساعد المنتدى"),
        ),
        translations=links(zh=ZH16),
    ),
    # Arabic, September 12, 2025, published three days later: س and ج, no speakers named.
    ArticleCase(
        AR + "202509/t20250915_99006912.html",
        edition="ar",
        section=PC,
        section_name="",
        title=(
            "المتحدث باسم وزارة الخارجية قوه جيا كون يعقد مؤتمرا صحفيا اعتياديا يوم 12 "
            "سبتمبر عام 2025"
        ),
        published="2025-09-15T16:57:00+08:00",
        source="",
        blocks=(
            img(AR + "202509/W020250915990069120001.jpg"),
            (C, "المتحدث باسم وزارة الخارجية قوه جيا كون"),
            (P, "ج: مساء الخير. بدعوة من حكومة جمهورية فا"),
            (P, "خلال الزيارة، سيلتقي رئيس مجلس الدولة لي"),
            (Q, "س: ما هي الاتفاقيات التي تتوقع الصين توق"),
            (P, "ج: يناقش الجانبان نحو 20 وثيقة تعاون في"),
            (P, "نعتقد أن الزيارة ستضخ زخما جديدا في علاق"),
            (Q, "س: هل يمكنكم تأكيد أن وزير خارجية فالدور"),
            (P, "ج: ليس لدي معلومات أقدمها في الوقت الحال"),
            img(AR + "202509/W020250915990069120002.jpg"),
            (C, "صحفيون يطرحون الأسئلة في المؤتمر الصحفي"),
            (Q, "س: سجلت محطة الحاويات في ميناء لومين حرك"),
            (P, "ج: تعاملت المحطة مع 410 آلاف حاوية في أغ"),
            (P, "منذ عام 2019، استثمرت الشركات الصينية 1."),
        ),
    ),
    # Arabic, legacy template, migrated 2022 conference.
    ArticleCase(
        AR + "202405/t20240530_99006815.html",
        edition="ar",
        section=PC,
        section_name="",
        title=(
            "المتحدث باسم وزارة الخارجية وانغ ون بين يعقد مؤتمرا صحفيا اعتياديا يوم 15 أغسطس "
            "عام 2022"
        ),
        published="2022-08-15T16:57:00+08:00",
        source="",
        blocks=(
            (Q, "س: يفتتح اليوم مهرجان القراءة الصيفي في تشينغداو."),
            (P, "ج: القراءة تقرب بين الشعوب."),
        ),
    ),
)

# Exact text of the blocks where clean-up matters: (page, block index, text).
FULL_TEXTS: tuple[tuple[str, int, str], ...] = (
    # &rsquo; &ldquo; &rdquo; &amp; decoded
    (
        EN17,
        2,
        "Lin Jian: At the invitation of the organizing committee, representatives of 40 "
        "countries will attend the Third Lakeside Forum on Tea Culture in Hangzhou from "
        "October 20 to 22. The forum’s theme this year is “Tea & Friendship”.",
    ),
    # &#8217; decoded, zero-width space (U+200B) inside "attend" removed, trailing <br/> gone
    (
        EN17,
        3,
        "Reuters: Can you share more details about the forum’s programme? Which ministers will "
        "attend?",
    ),
    # &nbsp; folded into one space; <span> with a leading space keeps it
    (
        EN17,
        4,
        "Lin Jian: The programme includes a tasting fair, two panel discussions and a visit to "
        "a tea museum. Ministers of culture from six countries have confirmed. The forum will "
        "forever be remembered as a place where friends meet.",
    ),
    # a word split by <span> joined without a space; <em> keeps its surrounding spaces
    (
        EN17,
        10,
        "Lin Jian: Several cooperation documents on tea research and training are being "
        "discussed. We will release information in due course.",
    ),
    # runs of spaces and a newline folded
    (
        EN16,
        4,
        "Lin Jian: We hope the forum will help countries share experience in safe and green "
        "shipping, and bring more benefits to people living along the rivers.",
    ),
    # full-width indent removed; Chinese quotation marks kept
    (
        ZH17,
        2,
        "林剑：应组委会邀请，40个国家的代表将出席10月20日至22日在杭州举行的第三届湖畔茶文化论坛。"
        "今年论坛的主题是“茶与友谊”。",
    ),
    # inline <span> inside Chinese text joined without a space
    (
        ZH17,
        4,
        "林剑：论坛安排包括品茶会、两场专题讨论和参观茶叶博物馆。目前已有六国文化部长确认出席。"
        "这次论坛将成为朋友相聚的地方。",
    ),
    # &nbsp; in Chinese text becomes one ordinary space
    (ZH17, 6, "林剑：数据显示来访游客稳步增长， 我们欢迎更多外国朋友亲自来看一看。"),
    # GB18030 decoded; the 　　 indent outside <strong> removed
    (
        ZH_LEGACY + "t1843500.shtml",
        0,
        "问：据报道，第二届湖畔茶文化论坛将于明年春天举行。中方对此有何评论？",
    ),
    (FR17, 3, "Reuters : Pouvez-vous donner plus de détails sur le programme du forum ?"),
    (ES17, 3, "Reuters: ¿Puede darnos más detalles sobre el programa del foro?"),
    (AR17, 2, "س: هل يمكنكم تقديم مزيد من التفاصيل حول برنامج المنتدى؟"),
)

LISTS: tuple[ListCase, ...] = (
    ListCase(
        EN + "index.html",
        page_count=2,
        edition="en",
        section=PC,
        items=(
            (
                EN17,
                "Foreign Ministry Spokesperson Lin Jian’s Regular Press Conference on October "
                "17, 2025",
                date(2025, 10, 17),
            ),
            (
                EN16,
                "Foreign Ministry Spokesperson Lin Jian’s Regular Press Conference on October "
                "16, 2025",
                date(2025, 10, 16),
            ),
        ),
    ),
    ListCase(
        EN + "index_1.html",
        page_count=2,
        edition="en",
        section=PC,
        items=(
            (
                EN + "202509/t20250912_99000912.html",
                "Foreign Ministry Spokesperson Guo Jiakun’s Regular Press Conference on "
                "September 12, 2025",
                date(2025, 9, 12),
            ),
            (
                EN + "202405/t20240530_99000815.html",
                "Foreign Ministry Spokesperson Wang Wenbin’s Regular Press Conference on August "
                "15, 2022",
                date(2022, 8, 15),
            ),
        ),
    ),
    ListCase(
        ZH + "index.shtml",
        page_count=2,
        edition="zh",
        section=PC,
        items=(
            (ZH17, "2025年10月17日外交部发言人林剑主持例行记者会", date(2025, 10, 17)),
            (ZH16, "2025年10月16日外交部发言人林剑主持例行记者会", date(2025, 10, 16)),
        ),
    ),
    ListCase(
        ZH + "index_1.shtml",
        page_count=2,
        edition="zh",
        section=PC,
        items=(
            (
                ZH + "202509/t20250912_99002912.shtml",
                "2025年9月12日外交部发言人郭嘉昆主持例行记者会",
                date(2025, 9, 12),
            ),
            (
                ZH + "202405/t20240530_99002815.shtml",
                "2022年8月15日外交部发言人汪文斌主持例行记者会",
                date(2022, 8, 15),
            ),
        ),
    ),
    ListCase(
        FR + "index.html",
        page_count=2,
        edition="fr",
        section=PC,
        items=(
            (
                FR17,
                "Conférence de presse du 17 octobre 2025 tenue par le porte-parole du ministère "
                "des "
                "Affaires étrangères Lin Jian",
                date(2025, 10, 19),
            ),
            (
                FR + "202510/t20251018_99003016.html",
                "Conférence de presse du 16 octobre 2025 tenue par "
                "le porte-parole du ministère des Affaires étrangères Lin Jian",
                date(2025, 10, 18),
            ),
        ),
    ),
    ListCase(
        FR + "index_1.html",
        page_count=2,
        edition="fr",
        section=PC,
        items=(
            (
                FR + "202509/t20250913_99003912.html",
                "Conférence de presse du 12 septembre 2025 tenue par le porte-parole du "
                "ministère des Affaires étrangères Guo Jiakun",
                date(2025, 9, 13),
            ),
            (
                FR + "202405/t20240530_99003815.html",
                "Conférence de presse du 15 août 2022 tenue par le "
                "porte-parole du ministère des Affaires étrangères Wang Wenbin",
                date(2022, 8, 15),
            ),
        ),
    ),
    # createPageHTML(2, …) instead of var countPage; the date in a <span> sibling
    ListCase(
        ES + "index.html",
        page_count=2,
        edition="es",
        section=PC,
        items=(
            (
                ES17,
                "Conferencia de Prensa Habitual Ofrecida el 17 de Octubre de 2025 por el Portavoz "
                "Lin Jian del Ministerio de Relaciones Exteriores",
                date(2025, 10, 19),
            ),
            (
                ES + "202510/t20251018_99004016.html",
                "Conferencia de Prensa Habitual Ofrecida el 16 de "
                "Octubre de 2025 por el Portavoz Lin Jian del Ministerio de Relaciones Exteriores",
                date(2025, 10, 18),
            ),
        ),
    ),
    ListCase(
        ES + "index_1.html",
        page_count=2,
        edition="es",
        section=PC,
        items=(
            (
                ES + "202509/t20250914_99004912.html",
                "Conferencia de Prensa Habitual Ofrecida el 12 de Septiembre de 2025 por el "
                "Portavoz Guo Jiakun del Ministerio de Relaciones Exteriores",
                date(2025, 9, 14),
            ),
            (
                ES + "202405/t20240530_99004815.html",
                "Conferencia de Prensa Habitual Ofrecida el 15 de "
                "Agosto de 2022 por el Portavoz Wang Wenbin del Ministerio de Relaciones "
                "Exteriores",
                date(2022, 8, 15),
            ),
        ),
    ),
    # ul.list1 with the date in a <span> sibling
    ListCase(
        RU + "index.html",
        page_count=2,
        edition="ru",
        section=PC,
        items=(
            (
                RU17,
                "Очередная пресс-конференция 17 октября 2025 г. у официального представителя МИД "
                "КНР "
                "Линь Цзяня",
                date(2025, 10, 19),
            ),
            (
                RU + "202510/t20251018_99005016.html",
                "Очередная пресс-конференция 16 октября 2025 г. у "
                "официального представителя МИД КНР Линь Цзяня",
                date(2025, 10, 18),
            ),
        ),
    ),
    ListCase(
        RU + "index_1.html",
        page_count=2,
        edition="ru",
        section=PC,
        items=(
            (
                RU + "202509/t20250915_99005912.html",
                "Очередная пресс-конференция 12 сентября 2025 года у официального "
                "представителя МИД КНР Го Цзякуня",
                date(2025, 9, 15),
            ),
            (
                RU + "202405/t20240530_99005815.html",
                "Очередная пресс-конференция 15 августа 2022 г. у "
                "официального представителя МИД КНР Ван Вэньбиня",
                date(2022, 8, 15),
            ),
        ),
    ),
    ListCase(
        AR + "index.html",
        page_count=2,
        edition="ar",
        section=PC,
        items=(
            (
                AR17,
                "المتحدث باسم وزارة الخارجية لين جيان يعقد مؤتمرا صحفيا اعتياديا يوم 17 أكتوبر "
                "عام 2025",
                date(2025, 10, 19),
            ),
            (
                AR + "202510/t20251018_99006016.html",
                "المتحدث باسم وزارة الخارجية لين جيان يعقد مؤتمرا صحفيا اعتياديا يوم 16 أكتوبر "
                "عام 2025",
                date(2025, 10, 18),
            ),
        ),
    ),
    ListCase(
        AR + "index_1.html",
        page_count=2,
        edition="ar",
        section=PC,
        items=(
            (
                AR + "202509/t20250915_99006912.html",
                "المتحدث باسم وزارة الخارجية قوه جيا كون يعقد مؤتمرا صحفيا اعتياديا يوم 12 "
                "سبتمبر عام 2025",
                date(2025, 9, 15),
            ),
            (
                AR + "202405/t20240530_99006815.html",
                "المتحدث باسم وزارة الخارجية وانغ ون بين يعقد مؤتمرا صحفيا اعتياديا يوم 15 أغسطس "
                "عام 2022",
                date(2022, 8, 15),
            ),
        ),
    ),
    # legacy Chinese list: div.rebox_news, the date as text beside the link
    ListCase(
        ZH_LEGACY + "index.shtml",
        page_count=1,
        edition="zh",
        section="spokesperson-remarks",
        items=(
            (
                ZH_LEGACY + "t1843500.shtml",
                "外交部发言人就第二届湖畔茶文化论坛答记者问",
                date(2020, 12, 25),
            ),
            (
                ZH_LEGACY + "t1843480.shtml",
                "外交部发言人就北方铁路试运行答记者问",
                date(2020, 12, 24),
            ),
        ),
    ),
    # legacy English list: default.shtml, default_1.shtml, createPageHTML(2, n, "default", "shtml")
    ListCase(
        EN_LEGACY + "default.shtml",
        page_count=2,
        edition="en",
        section=PC,
        items=(
            (
                EN_LEGACY + "t1843996.shtml",
                "Foreign Ministry Spokesperson Wang Wenbin's Regular Press Conference on "
                "December 24, 2020",
                date(2020, 12, 24),
            ),
            (
                EN_LEGACY + "t1843994.shtml",
                "Foreign Ministry Spokesperson Wang Wenbin's Regular Press Conference on "
                "December 23, 2020",
                date(2020, 12, 23),
            ),
        ),
    ),
    ListCase(
        EN_LEGACY + "default_1.shtml",
        page_count=2,
        edition="en",
        section=PC,
        items=(
            (
                EN_LEGACY + "t1843990.shtml",
                "Foreign Ministry Spokesperson Wang Wenbin's Regular Press Conference on "
                "December 22, 2020",
                date(2020, 12, 22),
            ),
        ),
    ),
)

# The maintenance page, on its own and as the answer of a removed legacy article URL.
REMOVED: tuple[str, ...] = ("web/system/404.shtml", EN_LEGACY + "t1843994.shtml")

GB18030_PAGE = ZH_LEGACY + "t1843500.shtml"


def _read(path: str) -> bytes:
    return (SITE / path).read_bytes()


def _meta_url(data: bytes) -> str | None:
    match = re.search(rb'<meta name="Url" content="([^"]+)"', data)
    return match.group(1).decode() if match else None


# --- articles ------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", ARTICLES, ids=lambda c: c.path)
def test_article_fields(case: ArticleCase) -> None:
    article = parse_article(_read(case.path), url=case.url)
    assert (
        article.url,
        article.doc_id,
        article.edition,
        article.section,
        article.section_name,
    ) == (case.url, doc_id_of(case.path), case.edition, case.section, case.section_name)
    assert article.title == case.title
    assert article.published == case.published
    assert article.source == case.source
    assert article.translations == case.translations


@pytest.mark.parametrize("case", ARTICLES, ids=lambda c: c.path)
def test_article_blocks(case: ArticleCase) -> None:
    article = parse_article(_read(case.path), url=case.url)
    got = []
    for i, block in enumerate(article.blocks):
        if block.kind is BlockKind.IMAGE:
            got.append((block.kind.value, block.src or ""))
        else:
            width = len(case.blocks[i][1]) if i < len(case.blocks) else 60
            got.append((block.kind.value, block.text[:width]))
    assert got == list(case.blocks)
    for block in article.blocks:
        if block.kind is not BlockKind.IMAGE:
            assert block.text == block.text.strip() and "  " not in block.text, block.text
            assert "\u200b" not in block.text and "\xa0" not in block.text, block.text


@pytest.mark.parametrize(
    ("path", "index", "text"), FULL_TEXTS, ids=[f"{p}#{i}" for p, i, _ in FULL_TEXTS]
)
def test_block_full_text(path: str, index: int, text: str) -> None:
    article = parse_article(_read(path), url=canonical(path))
    assert article.blocks[index].text == text


@pytest.mark.parametrize("case", ARTICLES, ids=lambda c: c.path)
def test_parse_page_detects_articles(case: ArticleCase) -> None:
    data = _read(case.path)
    page = parse_page(data, url=case.url)
    assert isinstance(page, Article)
    assert page == parse_article(data, url=case.url)


@pytest.mark.parametrize(
    "case", [c for c in ARTICLES if _meta_url(_read(c.path))], ids=lambda c: c.path
)
def test_meta_url_agrees_with_canonical_url(case: ArticleCase) -> None:
    """Pages that carry meta Url name their canonical URL, and parse the same without url=."""
    data = _read(case.path)
    assert _meta_url(data) == case.url
    assert parse_article(data) == parse_article(data, url=case.url)


def test_gb18030_page_is_not_utf8() -> None:
    data = _read(GB18030_PAGE)
    assert b'charset=utf-8"' in data
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    data.decode("gb18030")


# --- list pages ----------------------------------------------------------------------------------


@pytest.mark.parametrize("case", LISTS, ids=lambda c: c.path)
def test_listing(case: ListCase) -> None:
    data = _read(case.path)
    listing = parse_listing(data, case.url)
    assert listing.url == case.url
    assert listing.page_count == case.page_count
    got = [(ref.url, ref.title, ref.date) for ref in listing.items]
    assert got == [(canonical(path), title, day) for path, title, day in case.items]
    for ref, (path, _, _) in zip(listing.items, case.items, strict=True):
        assert (ref.doc_id, ref.edition, ref.section) == (
            doc_id_of(path),
            case.edition,
            case.section,
        )
    page = parse_page(data, url=case.url)
    assert isinstance(page, Listing)
    assert page == listing


# --- removed pages -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", REMOVED)
def test_maintenance_page_is_removed(path: str) -> None:
    data = _read(path)
    with pytest.raises(RemovedPage):
        parse_page(data, url=canonical(path))
    with pytest.raises(RemovedPage):
        parse_article(data, url=canonical(path))
    assert issubclass(RemovedPage, ParseError)


# --- the tree itself -----------------------------------------------------------------------------


def test_every_page_has_an_expectation() -> None:
    pages = {
        p.relative_to(SITE).as_posix() for p in SITE.rglob("*") if p.suffix in (".html", ".shtml")
    }
    covered = {c.path for c in ARTICLES} | {c.path for c in LISTS} | set(REMOVED)
    assert pages == covered


def test_links_lead_to_pages_of_the_tree() -> None:
    """Language links, list items and images all point at files the test server can serve."""
    targets = [url for c in ARTICLES for url in c.translations.values()]
    targets += [canonical(path) for c in LISTS for path, _, _ in c.items]
    targets += [src for c in ARTICLES for kind, src in c.blocks if kind == IMG]
    for url in targets:
        assert fixture_path(url).is_file(), url
    for c in ARTICLES:
        for kind, src in c.blocks:
            if kind == IMG:
                assert fixture_path(src).read_bytes()[:3] == b"\xff\xd8\xff", src


def test_translations_link_back() -> None:
    """The October 17 conference: English and Chinese link to all five others, French to all."""
    by_url = {c.url: c for c in ARTICLES}
    for hub in (EN17, ZH17, FR17):
        case = by_url[canonical(hub)]
        assert len(case.translations) == 5
        for code, url in case.translations.items():
            assert by_url[url].edition == code
    for other in (ZH17, FR17):
        assert by_url[canonical(other)].translations["en"] == canonical(EN17)
