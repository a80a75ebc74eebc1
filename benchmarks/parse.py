"""Parse throughput: full extraction against a bare lexbor parse of the same bytes.

Parses the real pages (../shared/mfa_pages) and the fixture site in a loop. Prints pages per second
of full extraction and the ratio bare-parse-time / full-extraction-time (target ≥ 0.2: extraction
costs at most 5× the bare parse), for all pages, and for the real pages (30-54 KB, what a sync
meets) apart from the fixtures (a few KB each, invented). The last line is one JSON object.

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


def throughput(pages: list[tuple[bytes, str | None]]) -> dict[str, float]:
    """Pages per second of full extraction (the fastest pass) and the median ratio to a bare
    parse, over ``pages``."""

    def bare() -> None:
        for data, _url in pages:
            LexborHTMLParser(data)

    def full() -> None:
        for data, url in pages:
            with contextlib.suppress(ParseError):
                parse_page(data, url)

    full()  # warm caches (compiled patterns)
    timing = paired(bare, full, ROUNDS)
    return {
        "pages_per_s": len(pages) / timing["full_s"],
        "ratio": timing["ratio"],
        "bare_s": timing["bare_s"],
        "full_s": timing["full_s"],
        "fastest_ratio": timing["fastest_ratio"],
        "kib": sum(len(data) for data, _ in pages) / 1024,
    }


def main() -> None:
    kept = keep_freed_memory()
    corpus = pages()
    if not corpus:
        sys.exit("no pages to parse: ../shared/mfa_pages and tests/fixtures/site are absent")
    print(f"freed memory kept by malloc: {kept}")
    groups = {
        "all": corpus,
        "real": [page for page in corpus if page[1] is None],
        "fixture": [page for page in corpus if page[1] is not None],
    }
    measured: dict[str, dict[str, float]] = {}
    for name, group in groups.items():
        if not group:
            print(f"{name} pages: none")
            continue
        m = measured[name] = throughput(group)
        print(
            f"{name + ' pages:':<15}{len(group):3d} pages, {m['kib']:4.0f} KiB; bare parse "
            f"{m['bare_s'] * 1000:6.2f} ms, full extraction {m['full_s'] * 1000:6.2f} ms per pass "
            f"(fastest of {ROUNDS}); {m['pages_per_s']:8.1f} pages/s; ratio {m['ratio']:.3f} "
            f"(fastest passes {m['fastest_ratio']:.3f})"
        )
    result: dict[str, float | None] = {
        "pages_per_s": round(measured["all"]["pages_per_s"], 1),
        "ratio_to_bare_parse": round(measured["all"]["ratio"], 3),
    }
    for name in ("real", "fixture"):
        m = measured.get(name, {})
        result[f"{name}_pages_per_s"] = round(m["pages_per_s"], 1) if m else None
        result[f"{name}_pages_ratio"] = round(m["ratio"], 3) if m else None
    print(json.dumps(result))


if __name__ == "__main__":
    main()
