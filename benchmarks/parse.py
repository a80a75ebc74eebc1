"""Parse throughput: full extraction against a bare lexbor parse of the same bytes.

Parses the real pages (../shared/mfa_pages) and the fixture site in a loop. Prints pages per second
of full extraction and the ratio bare-parse-time / full-extraction-time (target ≥ 0.25: extraction
costs at most 4× the bare parse). The last line is one JSON object.
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from mfa_reader.parser import ParseError, parse_page

ROOT = Path(__file__).resolve().parents[1]


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


def _best(func: Callable[[], None], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.thread_time()
        func()
        best = min(best, time.thread_time() - start)
    return best


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

    bare_s = full_s = float("inf")
    for _ in range(40):
        bare_s = min(bare_s, _best(bare, 1))
        full_s = min(full_s, _best(full, 1))
    return round(bare_s / full_s, 3)


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
    # Interleave the two and keep the best round of each, in CPU time of this thread: the machine
    # is shared and noisy, and waiting for a core is not the parser's cost.
    bare_s = full_s = float("inf")
    for _ in range(40):
        bare_s = min(bare_s, _best(bare, 1))
        full_s = min(full_s, _best(full, 1))
    total = sum(len(d) for d, _ in corpus)
    print(f"{len(corpus)} pages, {total / 1024:.0f} KiB; freed memory kept by malloc: {kept}")
    print(f"bare lexbor parse: {bare_s * 1000:.2f} ms per pass")
    print(f"full extraction:   {full_s * 1000:.2f} ms per pass")
    result = {
        "pages_per_s": round(len(corpus) / full_s, 1),
        "ratio_to_bare_parse": round(bare_s / full_s, 3),
        "real_pages_ratio": real_pages_ratio(corpus),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
