"""Parallel reading: pairing a long press conference with its translation, paragraph by paragraph.

Builds a conference of 30 questions and their answers (about 90 blocks a side: questions, answers
of one to three paragraphs, images with captions) in English and Chinese from the fixture site's
conference of September 12, 2025, whose Chinese version splits a paragraph, merges two and, here,
leaves one question and its answer out. Times ``align`` on it: median and fastest of the rounds,
in CPU time of this thread (this machine is shared: wall time counts the other programs too).
The baseline, measured in the same run, is parsing the two fixture pages the conference comes
from (``parse_article``, the work before pairing); the ratio says what pairing costs beside it.

Target: align_ms ≤ 20. The last line is one JSON object.
Usage: ``python benchmarks/parallel.py [--rounds N]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from mfa_reader.align import align
from mfa_reader.model import Article, Block, BlockKind
from mfa_reader.parser import parse_article

SITE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "site"
EN = "eng/xw/fyrbt/lxjzh/202509/t20250912_99000912.html"
ZH = "web/fyrbt_673021/jzhsl_673025/202509/t20250912_99002912.shtml"
QUESTIONS = 30


def page(path: str) -> tuple[bytes, str]:
    host = "www.mfa.gov.cn" if path.startswith("web/") else "www.fmprc.gov.cn"
    return (SITE / path).read_bytes(), f"https://{host}/{path}"


def exchanges(article: Article) -> tuple[list[Block], list[list[Block]]]:
    """The blocks before the first question, and each question with what follows it."""
    opening: list[Block] = []
    found: list[list[Block]] = []
    for block in article.blocks:
        if block.kind is BlockKind.QUESTION:
            found.append([block])
        elif found:
            found[-1].append(block)
        else:
            opening.append(block)
    return opening, found


def conference(article: Article, count: int, left_out: int | None = None) -> Article:
    """``article`` grown to ``count`` questions by repeating its own; ``left_out``: the number
    of the question (and answer) its translator left out."""
    opening, found = exchanges(article)
    blocks = list(opening)
    for n in range(count):
        if n != left_out:
            blocks += found[n % len(found)]
    return article._replace(blocks=tuple(blocks))


def timed(work: Callable[[], object], rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        start = time.thread_time()
        work()
        times.append((time.thread_time() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()

    pages = [page(EN), page(ZH)]
    english = conference(parse_article(*pages[0]), QUESTIONS)
    chinese = conference(parse_article(*pages[1]), QUESTIONS, left_out=QUESTIONS // 2)
    pairs = align(english, chinese)
    alone = sum(1 for p in pairs if not (p.left and p.right))
    print(
        f"{QUESTIONS} questions: {len(english.blocks)} English blocks, {len(chinese.blocks)} "
        f"Chinese blocks, {len(pairs)} pairs ({alone} blocks facing nothing)"
    )

    align_ms = timed(lambda: align(english, chinese), args.rounds)
    parse_ms = timed(lambda: [parse_article(*p) for p in pages], args.rounds)
    median_align, median_parse = statistics.median(align_ms), statistics.median(parse_ms)
    print(f"align: median {median_align:.2f} ms, fastest {min(align_ms):.2f} ms")
    print(f"parse both pages (baseline): median {median_parse:.2f} ms")
    result = {
        "align_ms": round(median_align, 2),
        "align_fastest_ms": round(min(align_ms), 2),
        "align_to_parse": round(median_align / median_parse, 1),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
