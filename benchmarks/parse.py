"""Parse throughput: full extraction against a bare lexbor parse of the same bytes.

Parses the real pages (../shared/mfa_pages) and the fixture site in a loop. Prints pages per second
of full extraction and the ratio bare-parse-time / full-extraction-time (target ≥ 0.25: extraction
costs at most 4× the bare parse). The last line is one JSON object.

Each round times one bare pass over the corpus and one full pass right after it (in turn, which
goes first), in CPU time of this thread. This machine's speed drifts by a fifth from one second to
the next, so the ratio is the median of the rounds' ratios: each compares two passes made at the
same speed. The ratio of the fastest pass of each kind is printed beside it.
"""

from __future__ import annotations

import contextlib
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from mfa_reader.parser import ParseError, parse_page

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = 60


def pages() -> list[tuple[bytes, str | None]]:
    found: list[tuple[bytes, str | None]] = []
    for path in sorted((ROOT.parent / "shared" / "mfa_pages").glob("*.html")):
        found.append((path.read_bytes(), None))
    site = ROOT / "tests" / "fixtures" / "site"
    for path in sorted(site.rglob("*.*html")):
        rel = path.relative_to(site).as_posix()
        host = "www.mfa.gov.cn" if rel.startswith("web/") else "www.fmprc.gov.cn"
        found.append((path.read_bytes(), f"https://{host}/{rel}"))
    return found


def keep_freed_memory() -> bool:
    """Ask glibc to keep freed memory instead of handing it back to the system after each page.

    Left to itself, glibc returns the top of the heap once a page's tree is freed, and the next
    page faults it in again: some 700 page faults a pass, or none, depending on how the heap
    happens to lie, which moved either side of the ratio by up to half from one run to the next.
    Without that churn both sides measure the work of parsing. False where this is not glibc.
    """
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    if sys.platform != "linux" or name is None:
        return False
    libc = ctypes.CDLL(name)
    m_trim_threshold, m_mmap_threshold = -1, -3
    return bool(
        libc.mallopt(m_trim_threshold, 1 << 30) and libc.mallopt(m_mmap_threshold, 32 << 20)
    )


def _timed(func: Callable[[], None]) -> float:
    start = time.thread_time()
    func()
    return time.thread_time() - start


def paired(bare: Callable[[], None], full: Callable[[], None], rounds: int) -> dict[str, float]:
    """Rounds of one bare and one full pass, in turn: the median ratio, and the fastest times."""
    ratios: list[float] = []
    bare_best = full_best = float("inf")
    for i in range(rounds):
        if i % 2:
            full_s = _timed(full)
            bare_s = _timed(bare)
        else:
            bare_s = _timed(bare)
            full_s = _timed(full)
        ratios.append(bare_s / full_s)
        bare_best, full_best = min(bare_best, bare_s), min(full_best, full_s)
    return {
        "ratio": statistics.median(ratios),
        "bare_s": bare_best,
        "full_s": full_best,
        "fastest_ratio": bare_best / full_best,
    }


def real_pages_ratio(corpus: list[tuple[bytes, str | None]]) -> float | None:
    """The same ratio on the real pages alone (30-54 KB each; the fixtures are a few KB)."""
    real = [data for data, url in corpus if url is None]
    if not real:
        return None

    def bare() -> None:
        for data in real:
            LexborHTMLParser(data)

    def full() -> None:
        for data in real:
            with contextlib.suppress(ParseError):
                parse_page(data)

    return round(paired(bare, full, ROUNDS)["ratio"], 3)


def main() -> None:
    kept = keep_freed_memory()
    corpus = pages()
    if not corpus:
        sys.exit("no pages to parse: ../shared/mfa_pages and tests/fixtures/site are absent")

    def bare() -> None:
        for data, _url in corpus:
            LexborHTMLParser(data)

    def full() -> None:
        for data, url in corpus:
            with contextlib.suppress(ParseError):
                parse_page(data, url)

    full()  # warm caches (compiled patterns)
    timing = paired(bare, full, ROUNDS)
    total = sum(len(d) for d, _ in corpus)
    print(f"{len(corpus)} pages, {total / 1024:.0f} KiB; freed memory kept by malloc: {kept}")
    print(f"bare lexbor parse: {timing['bare_s'] * 1000:.2f} ms per pass (fastest of {ROUNDS})")
    print(f"full extraction:   {timing['full_s'] * 1000:.2f} ms per pass (fastest of {ROUNDS})")
    print(f"ratio of the fastest passes: {timing['fastest_ratio']:.3f}")
    result = {
        "pages_per_s": round(len(corpus) / timing["full_s"], 1),
        "ratio_to_bare_parse": round(timing["ratio"], 3),
        "real_pages_ratio": real_pages_ratio(corpus),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
