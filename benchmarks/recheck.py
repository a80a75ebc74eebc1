"""Rechecking what the site published: the cost of an unchanged recheck, and of a diff.

1. The test server (tests/siteserver.py, in this process) serves a list of ARTICLES articles
   (``tests/growing.py``). A sync fetches them all, the cache is closed and its bytes noted; then
   ``sync --recheck`` asks for every one of them again. Every request must be conditional (the
   page's ETag), every answer a 304, and nothing written: the cache file stays byte for byte the
   same. ``recheck_requests`` counts the conditional requests the server saw; ``bytes_written``
   the bytes of the file that differ afterwards (plus what is left in its write-ahead log).
2. Two versions of a 30-paragraph transcript (a question and an answer of ~60 words each, 30
   times), three paragraphs edited: ``diff_ms`` is the median time of the paragraph-then-word
   diff the reader and ``mfa-reader diff`` show, against a bare ``SequenceMatcher`` over the two
   paragraph lists in the same run (``diff_ratio``).

Targets: recheck_requests = ARTICLES, bytes_written = 0, diff_ms ≤ 50.

    .venv/bin/python benchmarks/recheck.py [--articles 1000]

Last line: {"recheck_requests": …, "bytes_written": …, "diff_ms": …, "diff_ratio": …}
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from growing import SECTION, GrowingList  # noqa: E402
from mfa_reader.cache import Cache  # noqa: E402
from mfa_reader.diffs import diff_paragraphs  # noqa: E402
from mfa_reader.fetcher import Fetcher  # noqa: E402
from mfa_reader.sync import refresh  # noqa: E402
from siteserver import SiteServer  # noqa: E402

EVERY_DAY = 36_500


async def sync(server: SiteServer, path: Path, recheck_days: int) -> None:
    with Cache.open(path) as cache:
        async with Fetcher(origin=server.origin, spacing=0, concurrency=4, retries=0) as fetcher:
            report = await refresh(
                cache,
                fetcher,
                editions=["en"],
                sections=[SECTION],
                bodies=True,
                recheck_days=recheck_days,
            )
    if not report.ok:
        raise SystemExit(f"the sync did not complete: {report.failed[:3]}")


def bytes_differing(before: bytes, path: Path) -> int:
    after = path.read_bytes()
    differing = sum(a != b for a, b in zip(before, after, strict=False))
    wal = path.with_name(path.name + "-wal")
    return differing + abs(len(after) - len(before)) + (wal.stat().st_size if wal.exists() else 0)


def recheck(articles: int) -> tuple[int, int, float]:
    with SiteServer() as server, tempfile.TemporaryDirectory() as tmp:
        GrowingList(server, articles, Path(tmp) / "site")
        cache = Path(tmp) / "cache.sqlite3"
        asyncio.run(sync(server, cache, recheck_days=0))
        before = cache.read_bytes()
        server.reset()
        server.root = Path(tmp) / "site"
        GrowingList(server, articles, Path(tmp) / "site")  # the same pages, served again
        asked = server.count()
        began = time.perf_counter()
        asyncio.run(sync(server, cache, recheck_days=EVERY_DAY))
        seconds = time.perf_counter() - began
        conditional = sum(
            1
            for r in server.requests[asked:]
            if "If-None-Match" in r.headers and r.path.rsplit("/", 1)[-1].startswith("t")
        )
        return conditional, bytes_differing(before, cache), seconds


def transcript(rng: random.Random, words: list[str]) -> list[str]:
    title = "Foreign Ministry Spokesperson's Regular Press Conference on October 17, 2025"
    paragraphs = [title]
    for turn in range(30):
        ask = " ".join(rng.choice(words) for _ in range(60))
        paragraphs.append(f"Reporter {turn}: {ask}?" if turn % 2 == 0 else f"Lin Jian: {ask}.")
    return paragraphs


def diff_timing(rounds: int = 41) -> tuple[float, float]:
    rng = random.Random(17)
    words = [f"word{n}" for n in range(3000)] + ["China", "the", "and", "of", "cooperation"] * 50
    old = transcript(rng, words)
    new = list(old)
    new[5] = new[5].replace(new[5].split()[7], "reworded", 1)
    new[12] = new[12] + " An added sentence closes the answer."
    del new[20]
    diff_times, bare_times = [], []
    for _ in range(rounds):
        began = time.perf_counter()
        diff_paragraphs(old, new)
        diff_times.append(time.perf_counter() - began)
        began = time.perf_counter()
        SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
        bare_times.append(time.perf_counter() - began)
    diff_ms = statistics.median(diff_times) * 1000
    return diff_ms, diff_ms / (statistics.median(bare_times) * 1000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    requests, written, seconds = recheck(args.articles)
    print(f"recheck of {args.articles} articles: {requests} conditional requests, "
          f"{written} bytes written, {seconds:.1f} s")  # fmt: skip
    diff_ms, ratio = diff_timing()
    print(f"diff of a 30-paragraph transcript: {diff_ms:.2f} ms ({ratio:.0f} × a bare matcher)")
    print(
        json.dumps(
            {
                "recheck_requests": requests,
                "bytes_written": written,
                "diff_ms": round(diff_ms, 2),
                "diff_ratio": round(ratio, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
