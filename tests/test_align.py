"""Pairing an article's blocks with its translation's: every pair of the fixture conferences.

The conference of September 12, 2025 is in the fixture site in six editions, each translated with
the liberties real translations take (tests/fixtures/site/README.md): a paragraph split or merged,
a paragraph or a whole question and answer left out of one language or found only in it, and the
Arabic version naming no speakers at all. Each test says which case it covers, and the whole
pairing it expects, written out by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mfa_reader.align import Pair, align, anchors
from mfa_reader.model import Article, Block, BlockKind
from mfa_reader.parser import parse_article

SITE = Path(__file__).parent / "fixtures" / "site"
EN = "eng/xw/fyrbt/lxjzh/202509/t20250912_99000912.html"
ZH = "web/fyrbt_673021/jzhsl_673025/202509/t20250912_99002912.shtml"
FR = "fra/xwfw/fyrth/lxjzzdh/202509/t20250913_99003912.html"
ES = "esp/xwfw/lxjzzdh/202509/t20250914_99004912.html"
RU = "rus/mtfw/ce_cegw_chn/lxjzhzhdh/202509/t20250915_99005912.html"
AR = "ara/xwfw/lxjzh/202509/t20250915_99006912.html"

Expected = list[tuple[list[int], list[int]]]


def article(path: str) -> Article:
    host = "www.mfa.gov.cn" if path.startswith("web/") else "www.fmprc.gov.cn"
    return parse_article((SITE / path).read_bytes(), f"https://{host}/{path}")


def one_to_one(left: range, right: range) -> Expected:
    return [([i], [j]) for i, j in zip(left, right, strict=True)]


def pairs_of(left: str, right: str) -> Expected:
    return [(list(p.left), list(p.right)) for p in align(article(left), article(right))]


def test_en_zh_a_paragraph_split_in_chinese_and_two_merged() -> None:
    assert pairs_of(EN, ZH) == [
        *one_to_one(range(0, 3), range(0, 3)),  # image, caption, opening remarks
        ([3], [3, 4]),  # the visit's programme: two paragraphs in Chinese
        *one_to_one(range(4, 9), range(5, 10)),
        ([9, 10], [10]),  # the forum's report and the next forum: one paragraph in Chinese
        *one_to_one(range(11, 18), range(11, 18)),
    ]


def test_en_fr_a_question_and_answer_left_out_of_french_and_two_paragraphs_merged() -> None:
    assert pairs_of(EN, FR) == [
        *one_to_one(range(0, 5), range(0, 5)),
        ([5, 6], [5]),  # the answer to Reuters: one paragraph in French
        *one_to_one(range(7, 11), range(6, 10)),
        ([11], []),  # AFP's question and its answer are not in the French version
        ([12], []),
        *one_to_one(range(13, 18), range(10, 15)),
    ]


def test_en_ru_a_question_and_answer_only_in_russian_and_a_paragraph_split() -> None:
    assert pairs_of(EN, RU) == [
        *one_to_one(range(0, 11), range(0, 11)),
        ([], [11]),  # TASS asked a question the English version leaves out
        ([], [12]),
        *one_to_one(range(11, 16), range(13, 18)),
        ([16], [18, 19]),  # the answer to Bloomberg: two paragraphs in Russian
        ([17], [20]),
    ]


def test_en_es_a_paragraph_left_out_of_spanish_and_one_split() -> None:
    assert pairs_of(EN, ES) == [
        *one_to_one(range(0, 8), range(0, 8)),
        ([8], [8, 9]),  # the forum's outcomes: two paragraphs in Spanish
        *one_to_one(range(9, 17), range(10, 18)),
        ([17], []),  # the investment figures are not in the Spanish version
    ]


def test_zh_ar_a_question_and_answer_left_out_of_arabic_which_names_no_speakers() -> None:
    arabic = article(AR)
    assert all(b.speaker is None for b in arabic.blocks)  # س and ج only
    assert pairs_of(ZH, AR) == [
        *one_to_one(range(0, 3), range(0, 3)),
        ([3, 4], [3]),  # the visit's programme: one paragraph in Arabic, as in English
        *one_to_one(range(5, 8), range(4, 7)),
        ([8], []),  # CCTV's question about the forum and its answer are not in Arabic
        ([9], []),
        ([10], []),
        *one_to_one(range(11, 18), range(7, 14)),
    ]


@pytest.mark.parametrize(("left", "right"), [(EN, ZH), (EN, FR), (EN, RU), (EN, ES), (ZH, AR)])
def test_either_edition_may_be_on_the_left(left: str, right: str) -> None:
    forth = {(p.left, p.right) for p in align(article(left), article(right))}
    back = {(p.right, p.left) for p in align(article(right), article(left))}
    assert forth == back


@pytest.mark.parametrize(("left", "right"), [(EN, ZH), (EN, FR), (EN, RU), (EN, ES), (ZH, AR)])
def test_every_block_is_paired_once_in_reading_order_with_a_score(left: str, right: str) -> None:
    ours, theirs = article(left), article(right)
    pairs = align(ours, theirs)
    assert sorted(i for p in pairs for i in p.left) == list(range(len(ours.blocks)))
    assert sorted(j for p in pairs for j in p.right) == list(range(len(theirs.blocks)))
    lefts = [i for p in pairs for i in p.left]
    rights = [j for p in pairs for j in p.right]
    assert lefts == sorted(lefts) and rights == sorted(rights)
    for pair in pairs:
        assert 0.0 <= pair.score <= 1.0
        assert pair.score == 0.0 or (pair.left and pair.right)
    # Paired blocks are of the same kind: images with images, questions with questions.
    for pair in pairs:
        kinds = {ours.blocks[i].kind for i in pair.left} | {
            theirs.blocks[j].kind for j in pair.right
        }
        assert len(kinds) == 1, (pair, kinds)


def test_images_pair_by_position_even_when_one_side_has_more() -> None:
    english, chinese = article(EN), article(ZH)
    # The Chinese version without its first image and caption.
    chinese = chinese._replace(blocks=chinese.blocks[2:])
    pairs = align(english, chinese)
    images = [p for p in pairs if english.blocks[(p.left or (0,))[0]].kind is BlockKind.IMAGE]
    assert [(p.left, p.right) for p in images] == [((0,), (11,)), ((13,), ())]
    captions = [p for p in pairs if p.left and english.blocks[p.left[0]].kind is BlockKind.CAPTION]
    assert [(p.left, p.right) for p in captions] == [((1,), (12,)), ((14,), ())]


# --- who asks, when lengths cannot tell ----------------------------------------------------------

Q, P = BlockKind.QUESTION, BlockKind.PARAGRAPH


def _conference(edition: str, exchanges: list[tuple[str, str, str]]) -> Article:
    """A conference of exchanges (outlet, question, answer), as the parser would give it."""
    blocks = []
    for outlet, question, answer in exchanges:
        colon = "：" if edition == "zh" else ": "
        blocks.append(Block(Q, f"{outlet}{colon}{question}", speaker=outlet))
        spokesperson = "毛宁" if edition == "zh" else "Mao Ning"
        blocks.append(Block(P, f"{spokesperson}{colon}{answer}", speaker=spokesperson))
    return Article(
        "https://x/" + edition, "1", edition, None, "", "", "2025-01-01", "", tuple(blocks)
    )


def test_the_outlet_tells_which_question_was_left_out_when_lengths_cannot() -> None:
    english = _conference(
        "en",
        [
            ("Reuters", "A question of some length, asked here?", "An answer of some length too."),
            ("AFP", "A question of some length, asked here?", "An answer of some length too."),
            ("Kyodo", "A question of some length, asked here?", "An answer of some length too."),
        ],
    )
    chinese = _conference(
        "zh",
        [
            ("路透社记者", "这个问题有一定的长度吗？", "这个回答也有一定的长度。"),
            ("共同社记者", "这个问题有一定的长度吗？", "这个回答也有一定的长度。"),
        ],
    )
    pairs = [(p.left, p.right) for p in align(english, chinese)]
    assert pairs == [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), ()), ((4,), (2,)), ((5,), (3,))]


def test_an_article_that_is_no_transcript_pairs_paragraph_by_paragraph() -> None:
    english = Article(
        "https://x/en", "1", "en", None, "", "", "2025-01-01", "",
        (
            Block(P, "The Fourth Forum on River Navigation opened in Wuhan on October 24."),
            Block(P, "Delegations from 12 countries signed 3 agreements on green shipping."),
            Block(P, "The next forum will be held in 2027."),
        ),
    )  # fmt: skip
    french = Article(
        "https://x/fr", "1", "fr", None, "", "", "2025-01-01", "",
        (
            Block(P, "Le quatrième Forum de la navigation fluviale a ouvert à Wuhan le 24 octobre"),
            Block(P, "Des délégations de 12 pays ont signé 3 accords sur la navigation verte."),
            Block(P, "Le prochain forum se tiendra en 2027."),
        ),
    )  # fmt: skip
    pairs = align(english, french)
    assert [(p.left, p.right) for p in pairs] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    assert all(p.score > 0.5 for p in pairs)


def test_a_pair_as_json() -> None:
    assert Pair((3,), (3, 4), 0.61803).to_dict() == {"left": [3], "right": [3, 4], "score": 0.618}


# --- anchors: what survives translation ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "edition", "expected"),
    [
        ("The terminal handled 410,000 containers in August.", "en", {"n:410000", "m:8"}),
        ("Le terminal a traité 410 000 conteneurs en août.", "fr", {"n:410000", "m:8"}),
        ("La terminal manejó 410.000 contenedores en agosto.", "es", {"n:410000", "m:8"}),
        ("В августе терминал обработал 410 000 контейнеров.", "ru", {"n:410000", "m:8"}),
        ("تعاملت المحطة مع ٤١٠ ألف حاوية في أغسطس", "ar", {"n:410", "m:8"}),
        ("8月该码头处理集装箱41万标箱。", "zh", {"m:8", "n:41"}),
        ("It has carried 1.2 million passengers.", "en", {"n:1.2"}),
        ("Elle a transporté 1,2 million de passagers.", "fr", {"n:1.2"}),
    ],
)
def test_numbers_and_months_are_read_alike_in_every_edition(
    text: str, edition: str, expected: set[str]
) -> None:
    assert anchors(text, edition) == expected


def test_names_acronyms_and_quoted_titles_are_anchors_but_sentence_starts_are_not() -> None:
    found = anchors("We may meet President Anna Morel at APEC and the G20. It opened.", "en")
    assert found == {"w:president", "w:anna", "w:morel", "a:APEC", "a:G20"}
    assert anchors("论坛发布了题为《没有边界的河流》的报告和《昆明宣言》。", "zh") == {"q1", "q2"}
    assert anchors("Он говорил о BRICS и WTO.", "ru") == {"a:BRICS", "a:WTO"}
