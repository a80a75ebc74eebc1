"""The same article in two editions, paired block by block, for reading side by side.

``align(left, right)`` pairs the blocks of two articles: one to one, one to two and two to one (a
paragraph split in one language), one to none and none to one (left out of one language). Each
``Pair`` holds block indexes of each side and a score from 0 (alone, or a guess) to 1 (sure).

How, in three steps, with no model and no network:

1. Speaker turns. A press conference is a run of exchanges: a question and its answer (the
   opening remarks are an answer alone). Exchanges pair in order by a dynamic programme whose
   costs favour questions asked by the same outlet (the speaker table of ``editions`` knows that
   "Reuters" is "路透社记者"), questions and answers of lengths in the ratio of the two languages,
   and anchors on both sides; an exchange of one language alone (left out of a translation) pairs
   with nothing. An article that is no transcript is one exchange.
2. Paragraphs, questions with questions and answers with answers within each pair of exchanges:
   a second dynamic programme over paragraph lengths (the ratio of the two languages is learnt
   from the exchanges paired in step 1) and anchors that survive translation: numbers, months,
   Latin-script names and acronyms, quoted titles.
3. Images pair by position (the first with the first), each caption with its image's caption, and
   take their place among the text.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from mfa_reader.editions import LATIN_SCRIPT, MONTHS, MONTHS_IN_TEXT, speaker
from mfa_reader.model import Article, Block, BlockKind

_MEDIA = frozenset((BlockKind.IMAGE, BlockKind.CAPTION))
_ALWAYS_KEPT = ("n:", "m:", "a:")

# Costs, in the units of -log(probability) of Gale and Church's sentence aligner: a paragraph
# split or merged is about ten times rarer than one translated as one, left out a hundred times.
_MERGE = 2.3
_LEFT_OUT = 4.6
_EXCHANGE_LEFT_OUT = 6.0
_LENGTH_SPREAD = 0.3  # how far (as a log ratio) a translation's length strays, typically
_LENGTH_SLACK = 20  # characters added to both lengths, so short lines weigh less
_SHARED_ANCHOR = 1.0  # an anchor on both sides
_LONE_ANCHOR = 0.6  # a number, month or acronym on one side only (names and quotes change)
_SAME_ASKER = 2.0  # questions by the same outlet
_OTHER_ASKER = 3.0


@dataclass(frozen=True, slots=True)
class Pair:
    """Blocks of the left article and their counterpart in the right one (either may be empty)."""

    left: tuple[int, ...]
    right: tuple[int, ...]
    score: float  # 0 to 1; 0 for a block that faces nothing

    def to_dict(self) -> dict[str, Any]:
        return {"left": list(self.left), "right": list(self.right), "score": round(self.score, 3)}


# --- anchors: what a translation keeps as it is ---------------------------------------------------

# Digits, grouped by thousands with a comma, a dot or a space, with decimals after a comma or dot.
_NUMBER = re.compile(r"(?<![A-Za-z\d])\d+(?:[.,\u00a0\u202f ]\d{3}(?!\d))*(?:[.,]\d+)?")
_NUMBER_MARKS = re.compile(r"[.,\u00a0\u202f ]")
_CHINESE_MONTH = re.compile(r"(\d{1,2})\s*月")
# In Latin-script text, the words that start with a capital; in other scripts, every Latin word.
_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][A-Za-z0-9'’-]*")
_LATIN_WORD = re.compile(r"(?<![A-Za-z])[A-Za-z][A-Za-z0-9'’-]*")
_SENTENCE_ENDS = '.!?:;«“"('
_QUOTED = re.compile(r"《[^》]+》|“[^”]+”|«[^»]+»|\"[^\"]+\"")


@cache
def _month_names(edition: str) -> tuple[re.Pattern[str], dict[str, int]] | None:
    """The month names of an edition, as one pattern, and each name's month (lower case)."""
    months = {
        n.lower(): i + 1
        for table in (MONTHS, MONTHS_IN_TEXT)
        for i, names in enumerate(table.get(edition, ()))
        for n in names
    }
    words = sorted((n for n in months if not n.endswith("月")), key=len, reverse=True)
    if not words:
        return None
    flags = 0 if edition == "en" else re.IGNORECASE  # (English "may" is a month only as "May")
    names = "|".join(re.escape(w.capitalize() if edition == "en" else w) for w in words)
    return re.compile(rf"(?<!\w)(?:{names})(?!\w)", flags), months


def _number(text: str) -> str:
    """A number as one token, however grouped: 10,000, 10.000 and 10 000 are 10000; 1,5 is 1.5
    (three digits after the last mark are thousands); Arabic-Indic digits are digits."""
    groups = _NUMBER_MARKS.split(text)
    decimals = groups.pop() if len(groups) > 1 and len(groups[-1]) != 3 else ""
    digits = "".join(str(int(c)) for c in "".join(groups)).lstrip("0") or "0"
    return f"{digits}.{''.join(str(int(c)) for c in decimals)}" if decimals else digits


def anchors(text: str, edition: str) -> frozenset[str]:
    """What a translation of ``text`` keeps: ``n:`` numbers, ``m:`` months, ``a:`` acronyms, and
    what it may keep: ``w:`` Latin-script names, ``q1``, ``q2``… for quoted titles."""
    found: set[str] = set()
    if edition == "zh":
        for m in _CHINESE_MONTH.finditer(text):
            found.add(f"m:{int(m[1])}")
        text = _CHINESE_MONTH.sub(" ", text)
    else:
        months = _month_names(edition)
        if months is not None:
            pattern, numbers = months
            for m in pattern.finditer(text):
                found.add(f"m:{numbers[m[0].lower()]}")
            text = pattern.sub(" ", text)
    for m in _NUMBER.finditer(text):
        found.add("n:" + _number(m[0]))
    latin = edition in LATIN_SCRIPT
    for m in (_CAPITALISED if latin else _LATIN_WORD).finditer(text):
        word = m[0]
        if len(word) > 1 and (word.isupper() or any(c.isdigit() for c in word)):
            found.add("a:" + word)
        elif not latin:
            found.add("w:" + word.lower())
        else:  # a name, unless the capital only starts a sentence
            before = text[max(0, m.start() - 4) : m.start()].rstrip()
            if before and before[-1] not in _SENTENCE_ENDS:
                found.add("w:" + word.lower())
    quotes = len(_QUOTED.findall(text))
    found.update(f"q{k}" for k in range(1, min(quotes, 3) + 1))
    return frozenset(found)


# --- units: what the programmes weigh -------------------------------------------------------------


@dataclass(slots=True)
class _Unit:
    """Blocks of one side, weighed together."""

    blocks: tuple[int, ...]
    length: int
    kept: frozenset[str]  # anchors a translation keeps: numbers, months, acronyms
    named: frozenset[str]  # anchors it may keep: names (when both sides can tell), quotes


@dataclass(slots=True)
class _Exchange:
    """A question and its answer, as block indexes (the opening remarks: an answer alone)."""

    question: list[int]
    answer: list[int]
    asker: str | None  # the speaker table's key of whoever asks, else the name as written


def _spoken(block: Block) -> str:
    """The block's text without "Speaker:" in front (who speaks is weighed apart)."""
    if block.speaker and block.text.startswith(block.speaker):
        return block.text[len(block.speaker) :].lstrip(" :：")
    return block.text


def _asker(block: Block, edition: str) -> str | None:
    if not block.speaker:
        return None
    row = speaker(block.speaker, edition)
    if row is None:
        return "name:" + block.speaker.casefold()
    return None if row.generic else row.key


class _Side:
    """One article's blocks, measured once. ``names``: whether Latin-script names count (they
    do only between two Latin-script editions: elsewhere one side writes them in its script)."""

    def __init__(self, article: Article, names: bool) -> None:
        self.article = article
        self.edition = article.edition
        self.text = [i for i, b in enumerate(article.blocks) if b.kind not in _MEDIA]
        self.units: list[_Unit] = []
        for i, block in enumerate(article.blocks):
            spoken = _spoken(block)
            found = anchors(spoken, self.edition) if spoken else frozenset()
            kept = frozenset(a for a in found if a.startswith(_ALWAYS_KEPT))
            named = frozenset(a for a in found - kept if names or not a.startswith("w:"))
            self.units.append(_Unit((i,), len(spoken), kept, named))

    def unit(self, blocks: Iterable[int]) -> _Unit:
        return _merged([self.units[i] for i in blocks])

    def exchanges(self) -> list[_Exchange]:
        """The text blocks as exchanges: a question opens one, unless it follows a question."""
        found: list[_Exchange] = []
        for i in self.text:
            block = self.article.blocks[i]
            if block.kind is BlockKind.QUESTION:
                if not found or found[-1].answer:
                    found.append(_Exchange([], [], _asker(block, self.edition)))
                found[-1].question.append(i)
            else:
                if not found:
                    found.append(_Exchange([], [], None))
                found[-1].answer.append(i)
        return found


# --- costs ----------------------------------------------------------------------------------------


class _Costs:
    """What pairing two units costs, given the ratio of the two languages' lengths."""

    def __init__(self, ratio: float) -> None:
        self.ratio = ratio  # left characters per right character

    def difference(self, a: _Unit, b: _Unit) -> float:
        """How unlike two units are, by length and anchors; 0 or less for a likely pair."""
        stray = math.log((a.length + _LENGTH_SLACK) / (self.ratio * b.length + _LENGTH_SLACK))
        length = stray * stray / (2 * _LENGTH_SPREAD * _LENGTH_SPREAD)
        shared = len(a.kept & b.kept) + len(a.named & b.named)
        return length + _LONE_ANCHOR * len(a.kept ^ b.kept) - _SHARED_ANCHOR * shared


def _score(difference: float) -> float:
    """A pair's difference as a score from 0 to 1."""
    return math.exp(-max(difference, 0.0))


# --- the dynamic programme, for exchanges and for paragraphs alike --------------------------------

# A step takes this many units from the left and from the right, at this cost (before the pair's
# difference): one to one, merges both ways, one left out on either side.
_Step = tuple[int, int, float]
_PARAGRAPH_STEPS: tuple[_Step, ...] = (
    (1, 1, 0.0),
    (2, 1, _MERGE),
    (1, 2, _MERGE),
    (1, 0, _LEFT_OUT),
    (0, 1, _LEFT_OUT),
)
_EXCHANGE_STEPS: tuple[_Step, ...] = (
    (1, 1, 0.0),
    (1, 0, _EXCHANGE_LEFT_OUT),
    (0, 1, _EXCHANGE_LEFT_OUT),
)


def _programme(
    n: int, m: int, steps: Sequence[_Step], cost: Callable[[int, int, int, int], float | None]
) -> list[tuple[int, int, int, int]]:
    """The cheapest path through an n × m grid: (i, j, di, dj) for each step taken.

    ``cost(i, j, di, dj)`` is what taking ``di`` units from ``i`` and ``dj`` from ``j`` costs
    beyond the step's own, or None when that step is not allowed there.
    """
    inf = math.inf
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    came: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = best[i][j]
            if here == inf:
                continue
            for di, dj, prior in steps:
                ni, nj = i + di, j + dj
                if ni > n or nj > m:
                    continue
                step = cost(i, j, di, dj)
                if step is not None and here + prior + step < best[ni][nj]:
                    best[ni][nj] = here + prior + step
                    came[ni][nj] = (di, dj)
    path: list[tuple[int, int, int, int]] = []
    i, j = n, m
    while i or j:
        taken = came[i][j]
        assert taken is not None  # (leaving one unit out is always allowed)
        di, dj = taken
        i, j = i - di, j - dj
        path.append((i, j, di, dj))
    path.reverse()
    return path


def _pair_exchanges(
    left: _Side, right: _Side, costs: _Costs
) -> list[tuple[_Exchange | None, _Exchange | None]]:
    """The exchanges paired in order; an exchange of one side alone faces None."""
    ours, theirs = left.exchanges(), right.exchanges()
    weighed = [(left.unit(e.question), left.unit(e.answer)) for e in ours]
    their_weighed = [(right.unit(e.question), right.unit(e.answer)) for e in theirs]

    def cost(i: int, j: int, di: int, dj: int) -> float | None:
        if not di or not dj:
            return 0.0
        a, b = ours[i], theirs[j]
        if bool(a.question) != bool(b.question):
            return None  # the opening remarks pair with the opening remarks
        (aq, aa), (bq, ba) = weighed[i], their_weighed[j]
        total = costs.difference(aq, bq) if a.question else 0.0
        if a.answer and b.answer:
            total += costs.difference(aa, ba)
        elif a.answer or b.answer:
            total += _LEFT_OUT
        if a.asker is not None and b.asker is not None:
            total += -_SAME_ASKER if a.asker == b.asker else _OTHER_ASKER
        return total

    path = _programme(len(ours), len(theirs), _EXCHANGE_STEPS, cost)
    return [(ours[i] if di else None, theirs[j] if dj else None) for i, j, di, dj in path]


def _merged(units: Sequence[_Unit]) -> _Unit:
    if len(units) == 1:
        return units[0]
    kept: frozenset[str] = frozenset()
    named: frozenset[str] = frozenset()
    for u in units:
        kept |= u.kept
        named |= u.named
    return _Unit(sum((u.blocks for u in units), ()), sum(u.length for u in units), kept, named)


def _pair_paragraphs(
    left: _Side, right: _Side, ours: Sequence[int], theirs: Sequence[int], costs: _Costs
) -> list[Pair]:
    """Paragraphs of one side with those of the other, one to one, two, or none."""
    if not ours or not theirs:
        return [Pair((i,), (), 0.0) for i in ours] + [Pair((), (j,), 0.0) for j in theirs]
    lu = [left.units[i] for i in ours]
    ru = [right.units[j] for j in theirs]
    differences: dict[tuple[int, int, int, int], float] = {}

    def cost(i: int, j: int, di: int, dj: int) -> float:
        if not di or not dj:
            return 0.0
        found = costs.difference(_merged(lu[i : i + di]), _merged(ru[j : j + dj]))
        differences[i, j, di, dj] = found
        return found

    pairs = []
    for i, j, di, dj in _programme(len(ours), len(theirs), _PARAGRAPH_STEPS, cost):
        score = _score(differences[i, j, di, dj]) if di and dj else 0.0
        pairs.append(Pair(tuple(ours[i : i + di]), tuple(theirs[j : j + dj]), score))
    return pairs


def _text_pairs(left: _Side, right: _Side) -> tuple[list[Pair], _Costs]:
    """The text blocks paired, exchange by exchange; and the costs, with the ratio learnt."""
    ratio = _ratio(left.unit(left.text), right.unit(right.text))
    paired = _pair_exchanges(left, right, _Costs(ratio))
    # The ratio of the two languages, learnt from the exchanges paired: a question and answer left
    # out of one language no longer skews it.
    both = [(a, b) for a, b in paired if a is not None and b is not None]
    if both:
        ratio = _ratio(
            left.unit(i for a, _ in both for i in (*a.question, *a.answer)),
            right.unit(j for _, b in both for j in (*b.question, *b.answer)),
        )
    costs = _Costs(ratio)
    pairs: list[Pair] = []
    for a, b in paired:
        for ours, theirs in (
            (a.question if a else [], b.question if b else []),
            (a.answer if a else [], b.answer if b else []),
        ):
            pairs += _pair_paragraphs(left, right, ours, theirs, costs)
    return pairs, costs


def _ratio(left: _Unit, right: _Unit) -> float:
    return (left.length + 1) / (right.length + 1)


# --- images and captions --------------------------------------------------------------------------


def _figures(article: Article) -> list[tuple[int | None, int | None]]:
    """Each image and its caption (either may be missing), in reading order."""
    figures: list[tuple[int | None, int | None]] = []
    for i, block in enumerate(article.blocks):
        if block.kind is BlockKind.IMAGE:
            figures.append((i, None))
        elif block.kind is BlockKind.CAPTION:
            image, caption = figures[-1] if figures else (None, None)
            if image == i - 1 and caption is None:
                figures[-1] = (image, i)
            else:
                figures.append((None, i))
    return figures


def _figure_pairs(left: _Side, right: _Side, costs: _Costs) -> list[Pair]:
    """The first image with the first image, and so on; each caption with its image's caption."""
    ours, theirs = _figures(left.article), _figures(right.article)
    pairs: list[Pair] = []
    for k in range(max(len(ours), len(theirs))):
        image, caption = ours[k] if k < len(ours) else (None, None)
        their_image, their_caption = theirs[k] if k < len(theirs) else (None, None)
        for a, b in ((image, their_image), (caption, their_caption)):
            if a is not None and b is not None:
                sure = left.article.blocks[a].kind is BlockKind.IMAGE
                score = 1.0 if sure else _score(costs.difference(left.unit((a,)), right.unit((b,))))
                pairs.append(Pair((a,), (b,), score))
            elif a is not None or b is not None:
                pairs.append(
                    Pair((a,) if a is not None else (), (b,) if b is not None else (), 0.0)
                )
    return pairs


def _in_reading_order(text: list[Pair], figures: list[Pair]) -> list[Pair]:
    """The text pairs with the figures put among them: each where its left block stands, or for a
    figure of the right side only, after the text that comes before it on the right."""
    left_before: list[tuple[int, int]] = []  # (right index, the left index reached by then)
    reached = -1
    for pair in text:
        reached = max(reached, *pair.left) if pair.left else reached
        if pair.right:
            left_before.append((max(pair.right), reached))

    def place(pair: Pair) -> float:
        if pair.left:
            return min(pair.left)
        first = min(pair.right)
        reached = max((at for r, at in left_before if r < first), default=-1)
        return reached + 0.5

    return sorted([*text, *figures], key=place)


def align(left: Article, right: Article) -> list[Pair]:
    """Every block of ``left`` and of ``right``, paired, in reading order (see the module notes)."""
    names = left.edition in LATIN_SCRIPT and right.edition in LATIN_SCRIPT
    ours, theirs = _Side(left, names), _Side(right, names)
    text, costs = _text_pairs(ours, theirs)
    return _in_reading_order(text, _figure_pairs(ours, theirs, costs))
