"""Parallel reading: pairing a long press conference with its translation, paragraph by paragraph,
and opening the two side by side in the reader.

Builds a conference of 30 questions and their answers (about 90 blocks a side: questions, answers
of one to three paragraphs, images with captions) in English and Chinese from the fixture site's
conference of September 12, 2025, whose Chinese version splits a paragraph, merges two and, here,
leaves one question and its answer out.

- ``align_ms``: ``align`` on it, median of the rounds, in CPU time of this thread (this machine is
  shared: wall time counts the other programs too). The baseline, measured in the same run, is
  parsing the two fixture pages the conference comes from (``parse_article``, the work before
  pairing); the ratio says what pairing costs beside it.
- ``open_parallel_ms``: the reader (a fresh process on a pseudo-terminal, as benchmarks/startup.py
  runs it) on a cache of 100,000 articles (startup.py's) holding both conferences, the English one
  open; from choosing Chinese in T's picker until the screen is painted with both side by side,
  laid out for the view's width, the version found in the cache by the date in its title (median
  of the rounds after the first; the first, which loads the modules of parallel reading, is
  printed beside it). The rest of the conference is laid out, and the footer's keys follow, after
  that paint.

Targets: align_ms ≤ 20, open_parallel_ms ≤ 100. The last line is one JSON object.
Usage: ``python benchmarks/parallel.py [--rounds N] [--keep DIR]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
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
CACHED = 100_000
OPENS = 20  # the parallel view opened, and closed again, this many times
PAUSE = 0.5  # seconds between closing it and opening it again: the screen settles as for a reader


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


# --- opening the parallel view in the reader ------------------------------------------------------


def conferences() -> tuple[Article, Article]:
    """The English conference of 30 questions and its Chinese version, one question left out."""
    english = conference(parse_article(*page(EN)), QUESTIONS)
    chinese = conference(parse_article(*page(ZH)), QUESTIONS, left_out=QUESTIONS // 2)
    return english, chinese


def make_cache(path: Path) -> None:
    """startup.py's cache of 100,000 articles, with both conferences stored."""
    import startup  # (benchmarks/ is on the path of a script run from it)
    from mfa_reader.cache import Cache

    if path.exists():
        return
    tmp = path.with_name("building-" + path.name)
    startup.make_cache(tmp, CACHED)
    with Cache.open(tmp) as cache:
        for article in conferences():
            cache.store_article(article)
    for suffix in ("", "-wal", "-shm"):
        built = Path(str(tmp) + suffix)
        if built.exists():
            built.rename(Path(str(path) + suffix))


def child(marker: Path, cache_path: Path) -> None:
    """The reader with the English conference open; T's choice made ``OPENS`` times."""
    from mfa_reader.config import Settings
    from mfa_reader.ui.app import ReaderApp, run_reader

    english_url = conferences()[0].url

    class Timed(ReaderApp):
        def on_mount(self) -> None:
            super().on_mount()
            self.times: list[float] = []
            self.started: float | None = None  # when the round's choice was made
            self.call_after_refresh(self.open_english)

        def open_english(self) -> None:
            self.library.open_url(english_url)
            # Called as the screen is painted, not after the work queued behind the paint.
            signal = self.library.screen_layout_refresh_signal
            signal.subscribe(self, self.refreshed, immediate=True)
            self.call_after_refresh(self.open_parallel)

        def open_parallel(self) -> None:
            self.library.parallel = None  # one language again (esc), painted before the next
            self.set_timer(PAUSE, self.choose)  # a reader's pause before T

        def choose(self) -> None:
            """What choosing 简体中文 in T's picker does, until both are painted."""
            self.started = time.perf_counter()
            self.library.parallel = "zh"

        def refreshed(self, screen: object) -> None:
            """The screen laid out and painted: the round is over once that showed the pair,
            laid out for the view's own width and filling it."""
            view = self.library.parallel_view
            if self.started is None or not (view.display and view.paired):
                return
            laid_out = view.virtual_size
            if laid_out.width != view.scrollable_content_region.width or (
                laid_out.height < view.size.height
            ):
                return  # painted, but not with the pair yet: it is laid out at the next Resize
            self.times.append((time.perf_counter() - self.started) * 1000)
            self.started = None
            first_screen = "\n".join(view.plain_lines()[: view.size.height])
            assert "⇄ 简体中文, found by the date" in first_screen, first_screen
            assert "路透社记者" in "".join(view.plain_lines()), view.plain_lines()[:12]
            if len(self.times) < OPENS:
                self.call_later(self.open_parallel)
            else:
                ended = {"painted": time.monotonic(), "cpu": time.process_time()}  # (startup's)
                marker.write_text(json.dumps({"times": self.times, **ended}))
                self.exit()

    settings = Settings(cache=cache_path, refresh="never", origin="http://127.0.0.1:9")
    run_reader(settings, app_type=Timed)


def time_opening(folder: Path) -> list[float]:
    import startup

    cache = folder / f"parallel-{CACHED}.sqlite3"
    started = time.perf_counter()
    make_cache(cache)
    print(f"cache of {CACHED:,} articles ready ({time.perf_counter() - started:.1f} s)", flush=True)
    marker = folder / "marker.json"
    startup.run_child([str(marker), str(cache)], marker, script=__file__)  # warm-up: byte code
    _, _, result = startup.run_child([str(marker), str(cache)], marker, script=__file__)
    times: list[float] = result["times"]
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--keep", type=Path, help="keep the generated cache in this folder")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]))
        return

    pages = [page(EN), page(ZH)]
    english, chinese = conferences()
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

    folder = args.keep or Path(tempfile.mkdtemp(prefix="mfa-parallel-"))
    folder.mkdir(parents=True, exist_ok=True)
    opens = time_opening(folder)
    first, rest = opens[0], opens[1:]
    print(
        f"parallel view opened at {CACHED:,} cached articles: median {statistics.median(rest):.1f}"
        f" ms, fastest {min(rest):.1f} ms; the first time {first:.1f} ms"
    )
    result = {
        "align_ms": round(median_align, 2),
        "align_fastest_ms": round(min(align_ms), 2),
        "align_to_parse": round(median_align / median_parse, 1),
        "open_parallel_ms": round(statistics.median(rest), 1),
        "open_parallel_first_ms": round(first, 1),
    }
    print(
        f"targets: align ≤ 20 ms ({result['align_ms']}), "
        f"open parallel ≤ 100 ms ({result['open_parallel_ms']})"
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
