"""Invented articles in the six editions, in the shapes the parser gives.

Used by the export tests and benchmarks/export.py. The text is made up; it only has the shape of the
ministry's pages.
"""

from __future__ import annotations

from mfa_reader.model import Article, Block, BlockKind

P, Q, H, IMG, CAP = (
    BlockKind.PARAGRAPH,
    BlockKind.QUESTION,
    BlockKind.HEADING,
    BlockKind.IMAGE,
    BlockKind.CAPTION,
)

# Text that means something to typst, Markdown, YAML or a shell: it must come out literally.
MARKUP = r"#set page(fill: red) *x* $y$ <l> @r \ [b]"

_URLS = {
    "en": "https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/202510/t20251017_99999901.html",
    "zh": "https://www.mfa.gov.cn/web/fyrbt_673021/jzhsl_673025/202510/t20251017_99999902.shtml",
    "fr": "https://www.fmprc.gov.cn/fra/xwfw/fyrth/lxjzzdh/202510/t20251017_99999903.html",
    "es": "https://www.fmprc.gov.cn/esp/xwfw/lxjzzdh/202510/t20251017_99999904.html",
    "ru": "https://www.fmprc.gov.cn/rus/mtfw/ce_cegw_chn/lxjzhzhdh/202510/t20251017_99999905.html",
    "ar": "https://www.fmprc.gov.cn/ara/xwfw/lxjzh/202510/t20251017_99999906.html",
}

_TEXT: dict[str, tuple[str, str, str, tuple[tuple[BlockKind, str], ...], str]] = {
    # code: (title, section name, source, blocks, caption)
    "en": (
        "Foreign Ministry Spokesperson's Regular Press Conference on October 17, 2025",
        "Regular Press Conferences",
        "Ministry of Foreign Affairs",
        (
            (
                P,
                "At the invitation of the Ministry, a delegation of river engineers will visit "
                "four provinces next week to study flood control along the upper reaches.",
            ),
            (
                Q,
                "Northern Daily: Can you share more details on the itinerary of the delegation "
                "and on the agreements that may be signed?",
            ),
            (
                P,
                "Spokesperson: The delegation will meet local officials and visit two dams. "
                "We will release information in due course.",
            ),
            (Q, f"Harbour Radio: A reader wrote to us the line {MARKUP} — what do you make of it?"),
            (P, "Spokesperson: I am not aware of the specifics. Thank you."),
        ),
        "The spokesperson answers questions at the press conference",
    ),
    "zh": (
        "2025年10月17日外交部发言人主持例行记者会",
        "例行记者会实录",
        "外交部",
        (
            (
                P,
                "应外交部邀请，一个由河流工程师组成的代表团将于下周访问四个省份，考察上游地区的"
                "防洪工作。双方将就水文监测、信息共享和人员培训等议题深入交换意见，并签署"
                "合作备忘录。",
            ),
            (Q, "北方日报记者：你能否进一步介绍代表团的行程安排？双方可能签署哪些协议？"),
            (
                P,
                "发言人：代表团将会见地方官员，参观两座水坝，并同当地高校座谈。我们会适时发布"
                "消息。“合作”是双方的共同愿望，“发展”是共同目标。",
            ),
            (Q, f"港湾广播记者：有读者给我们写了这样一行字：{MARKUP}。你怎么看？"),
            (P, "发言人：我不了解具体情况。谢谢。"),
        ),
        "发言人在记者会上回答提问",
    ),
    "fr": (
        "Conférence de presse régulière du porte-parole du Ministère, le 17 octobre 2025",
        "Conférences de presse régulières",
        "Ministère des Affaires étrangères",
        (
            (
                P,
                "À l'invitation du Ministère, une délégation d'ingénieurs fluviaux visitera quatre "
                "provinces la semaine prochaine pour étudier la prévention des crues.",
            ),
            (
                Q,
                "Le Quotidien du Nord : Pouvez-vous donner plus de détails sur l'itinéraire de la "
                "délégation et sur les accords qui pourraient être signés ?",
            ),
            (
                P,
                "Porte-parole : La délégation rencontrera des responsables locaux et visitera "
                "deux barrages. Nous publierons les informations en temps voulu.",
            ),
            (Q, f"Radio du Port : Un lecteur nous a écrit la ligne {MARKUP} — qu'en pensez-vous ?"),
            (P, "Porte-parole : Je ne suis pas au courant des détails. Merci."),
        ),
        "Le porte-parole répond aux questions lors de la conférence de presse",
    ),
    "es": (
        "Conferencia de prensa habitual del portavoz de la Cancillería del 17 de octubre de 2025",
        "Conferencias de prensa habituales",
        "Ministerio de Relaciones Exteriores",
        (
            (
                P,
                "Por invitación de la Cancillería, una delegación de ingenieros fluviales visitará "
                "cuatro provincias la próxima semana para estudiar el control de inundaciones.",
            ),
            (
                Q,
                "Diario del Norte: ¿Puede dar más detalles sobre el itinerario de la delegación y "
                "sobre los acuerdos que podrían firmarse?",
            ),
            (
                P,
                "Portavoz: La delegación se reunirá con funcionarios locales y visitará dos "
                "represas. Publicaremos la información a su debido tiempo.",
            ),
            (Q, f"Radio del Puerto: Un lector nos escribió la línea {MARKUP}. ¿Qué opina?"),
            (P, "Portavoz: No conozco los detalles. Gracias."),
        ),
        "El portavoz responde preguntas en la conferencia de prensa",
    ),
    "ru": (
        "Очередная пресс-конференция официального представителя МИД 17 октября 2025 года",
        "Очередные пресс-конференции",
        "Министерство иностранных дел",
        (
            (
                P,
                "По приглашению министерства делегация речных инженеров на следующей неделе "
                "посетит четыре провинции, чтобы изучить защиту от наводнений.",
            ),
            (
                Q,
                "Северная газета: Не могли бы вы рассказать подробнее о маршруте делегации и о "
                "соглашениях, которые могут быть подписаны?",
            ),
            (
                P,
                "Официальный представитель: Делегация встретится с местными чиновниками и "
                "посетит две плотины. Мы своевременно опубликуем информацию.",
            ),
            (Q, f"Радио Гавани: Читатель прислал нам строку {MARKUP}. Что вы об этом думаете?"),
            (P, "Официальный представитель: Мне неизвестны подробности. Спасибо."),
        ),
        "Официальный представитель отвечает на вопросы на пресс-конференции",
    ),
    "ar": (
        "المؤتمر الصحفي الاعتيادي للمتحدث باسم وزارة الخارجية يوم 17 أكتوبر 2025",
        "المؤتمر الصحفي الاعتيادي",
        "وزارة الخارجية",
        (
            (
                P,
                "بدعوة من الوزارة، سيزور وفد من مهندسي الأنهار أربع مقاطعات في الأسبوع المقبل "
                "لدراسة أعمال الوقاية من الفيضانات في المناطق العليا.",
            ),
            (
                Q,
                "صحيفة الشمال: هل يمكنكم تقديم مزيد من التفاصيل حول برنامج زيارة الوفد والاتفاقيات "
                "التي قد يتم توقيعها؟",
            ),
            (
                P,
                "المتحدث: سيلتقي الوفد بالمسؤولين المحليين ويزور سدين. وسننشر المعلومات في "
                "الوقت المناسب.",
            ),
            (Q, f"إذاعة الميناء: كتب لنا قارئ السطر {MARKUP} فما رأيكم؟"),
            (P, "المتحدث: لست على علم بالتفاصيل. شكرا."),
        ),
        "المتحدث يجيب على الأسئلة في المؤتمر الصحفي",
    ),
}

EDITION_CODES = tuple(_TEXT)


def sample_article(code: str, *, image_src: str | None = None) -> Article:
    """An invented press conference of the edition ``code``: heading, questions, an image, a
    caption and a source line. ``image_src`` replaces the image's address (e.g. a test server)."""
    title, section_name, source, texts, caption = _TEXT[code]
    url = _URLS[code]
    src = image_src or url.rsplit("/", 1)[0] + "/W020251017000000000001.jpg"
    blocks = [Block(kind, text) for kind, text in texts[:1]]
    blocks += [Block(IMG, "", src), Block(CAP, caption)]
    blocks += [Block(kind, text) for kind, text in texts[1:]]
    return Article(
        url=url,
        doc_id=url.rsplit("_", 1)[1].split(".")[0],
        edition=code,
        section="press-conferences",
        section_name=section_name,
        title=title,
        published="2025-10-17T19:15:00+08:00",
        source=source,
        blocks=tuple(blocks),
    )


def long_chinese_article(paragraphs: int = 24) -> Article:
    """A Chinese press conference of about two A4 pages (``paragraphs`` question/answer pairs/2)."""
    base = sample_article("zh")
    blocks: list[Block] = [base.blocks[0]]
    for i in range(paragraphs // 2):
        blocks.append(
            Block(
                Q,
                f"第{i + 1}位记者：关于近期双边合作的进展，外方表示愿意加强沟通。"
                "你能否介绍中方的看法？今后还有哪些具体安排？",
            )
        )
        blocks.append(
            Block(
                P,
                "发言人：中方一贯主张通过对话协商解决分歧，愿同各方一道，秉持相互尊重、"
                "平等互利的原则，推动各领域务实合作不断取得新成果。我们注意到有关报道，"
                "将继续保持密切沟通，为地区和平与发展作出积极贡献。“开放”“包容”"
                "是我们一贯的立场（详见此前发布的声明）。",
            )
        )
    return Article(
        url=base.url,
        doc_id=base.doc_id,
        edition="zh",
        section=base.section,
        section_name=base.section_name,
        title=base.title,
        published=base.published,
        source=base.source,
        blocks=tuple(blocks),
    )
