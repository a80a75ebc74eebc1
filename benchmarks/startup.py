"""Start-up of the reader: process start to the first list painted, against a minimal Textual app.

Each run is a fresh Python process on a pseudo-terminal (a real Textual driver, real painting):

- ``bare``: a minimal Textual app that paints a static OptionList of 100 rows;
- the reader (``ReaderApp``, refresh never) on caches of 0, 10,000 and 100,000 articles.

The child notes ``time.monotonic()`` when its list has been painted (after the first refresh that
shows it) and exits; the parent started the clock just before spawning it (CLOCK_MONOTONIC is
shared by processes on Linux and macOS). Peak memory is the child's ``ru_maxrss`` from ``wait4``.
In the 100,000 run the child also opens the first article and times ``n`` (next article) until the
new article is painted (median of 20 moves), then opens search hits as enter in the search box
does: a word found only near the end of one long transcript, the article painted scrolled to it,
the match marked (median of 10 hits, each in another article). Each round runs the bare app, then
the reader at 100,000 right after it, then the other sizes; the times are the fastest of ``--runs``
rounds (other work on the machine only ever adds time), with the medians printed beside them. This
machine's speed drifts between runs by a fifth, so ``ratio_at_100k`` is the median over rounds of
each round's reader / bare: a pair run back to back shares the machine's state (the ratio of the
two fastest times is printed too). The child's CPU time at first paint is printed as well. Children
run with byte-code caching on (``PYTHONDONTWRITEBYTECODE`` removed), as an installed package runs,
after one warm-up run of each kind.

Targets: reader at 100,000 ≤ 1.25 × bare; peak RSS ≤ 150 MB; next article ≤ 50 ms; a search
hit opened at its match ≤ 100 ms.
Last line: {"bare_ms": …, "ms_at_0": …, "ms_at_10k": …, "ms_at_100k": …, "ratio_at_100k": …,
"peak_rss_mb": …, "next_article_ms": …, "open_search_hit_ms": …}

    .venv/bin/python benchmarks/startup.py [--runs 9] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import pty
import re
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZES = {"ms_at_0": 0, "ms_at_10k": 10_000, "ms_at_100k": 100_000}
BODIES = 300  # the newest articles get a body (a long transcript) so "next" lays out real text
HITS = 10  # search hits opened at their match


def closing_word(n: int) -> str:
    """A word only article ``n`` has, in its last answer."""
    return f"Zanzibar{n}"


# --- the children ---------------------------------------------------------------------------------


def child_bare(marker: Path) -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import OptionList

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield OptionList(
                *(f"2025-10-{i % 28 + 1:02d}  A static row, number {i}" for i in range(100))
            )

        def on_mount(self) -> None:
            self.call_after_refresh(self.painted)

        def painted(self) -> None:
            marker.write_text(json.dumps({"painted": time.monotonic(), "cpu": time.process_time()}))
            self.exit()

    Bare().run()


def child_reader(marker: Path, cache_path: Path, measure_next: bool) -> None:
    from mfa_reader.config import Settings
    from mfa_reader.ui.app import ReaderApp, run_reader

    class Timed(ReaderApp):
        def on_mount(self) -> None:
            super().on_mount()
            self.result: dict[str, float] = {}
            self.call_after_refresh(self.painted)

        def painted(self) -> None:
            self.result["painted"] = time.monotonic()
            self.result["cpu"] = time.process_time()
            if measure_next:
                self.library.open_entry(self.library.article_list.entries[0])
                self.call_after_refresh(self.next_article, [])
            else:
                self.done()

        def next_article(self, times: list[float]) -> None:
            if len(times) >= 20:
                self.result["next_ms"] = statistics.median(times)
                self.call_later(self.open_search_hit, [])
                return
            start = time.perf_counter()
            self.library.action_next_article()

            def painted() -> None:
                times.append((time.perf_counter() - start) * 1000)
                self.call_later(self.next_article, times)

            self.call_after_refresh(painted)

        def open_search_hit(self, times: list[float]) -> None:
            """What enter on a hit in the search box does, until the article is painted at the
            match (found by the search beforehand: its time is the search benchmark's)."""
            from mfa_reader.ui.screens.search import OpenHit

            if len(times) >= HITS:
                self.result["open_hit_ms"] = statistics.median(times)
                self.done()
                return
            word = closing_word(len(times) * 7)
            hits = self.cache.search(word, limit=5)
            assert len(hits) == 1, (word, hits)
            start = time.perf_counter()
            self.library._search_done(OpenHit(hits[0].entry.url, (word,)))

            def painted() -> None:
                times.append((time.perf_counter() - start) * 1000)
                reader = self.library.reader
                assert reader.scroll_offset.y > 0 and reader.current_match == 0, word
                self.call_later(self.open_search_hit, times)

            self.call_after_refresh(painted)

        def done(self) -> None:
            marker.write_text(json.dumps(self.result))
            self.exit()

    settings = Settings(cache=cache_path, refresh="never", origin="http://127.0.0.1:9")
    run_reader(settings, app_type=Timed)  # the command line's way in


# --- the caches -----------------------------------------------------------------------------------


def make_cache(path: Path, count: int) -> None:
    """``count`` listed articles in the English press conferences, the newest ``BODIES`` fetched."""
    from datetime import date, timedelta

    from mfa_reader.cache import Cache
    from mfa_reader.model import Article, ArticleRef, Block, BlockKind

    if path.exists():
        return
    base = "https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/"
    first = date(2025, 10, 17)
    tmp = path.with_suffix(".tmp")
    with Cache.open(tmp) as cache:
        batch: list[ArticleRef] = []
        for n in range(count):
            d = first - timedelta(days=n // 3)
            url = f"{base}{d:%Y%m}/t{d:%Y%m%d}_{10_000_000 + n}.html"
            title = (
                f"Foreign Ministry Spokesperson's Regular Press Conference on {d:%B %d, %Y} ({n})"
            )
            if n < BODIES:
                blocks = []
                for q in range(40):
                    blocks.append(
                        Block(BlockKind.QUESTION, f"Reuters: Question {q} about item {n}?")
                    )
                    blocks.append(
                        Block(
                            BlockKind.PARAGRAPH,
                            "Lin Jian: " + "We have made our position clear. " * 12,
                        )
                    )
                blocks.append(
                    Block(BlockKind.PARAGRAPH, f"Lin Jian: Thank you, {closing_word(n)}.")
                )
                cache.store_article(
                    Article(
                        url=url, doc_id=f"t{n}", edition="en", section="press-conferences",
                        section_name="Regular Press Conferences", title=title,
                        published=f"{d.isoformat()}T19:{n % 60:02d}:00+08:00",
                        source="Ministry of Foreign Affairs", blocks=tuple(blocks),
                    )
                )  # fmt: skip
                continue
            batch.append(ArticleRef(url, f"t{n}", "en", "press-conferences", title, d))
            if len(batch) >= 5000:
                cache.add_refs(batch)
                batch = []
        if batch:
            cache.add_refs(batch)
    for suffix in ("", "-wal", "-shm"):
        src = Path(str(tmp) + suffix)
        if src.exists():
            src.rename(Path(str(path) + suffix))


# --- the parent -----------------------------------------------------------------------------------


def run_child(
    args: list[str], marker: Path, prefix: tuple[str, ...] = (), script: str = __file__
) -> tuple[float, float, dict[str, float]]:
    """(ms from spawn to first paint, peak RSS in MB, the child's result with its CPU ms).

    ``prefix`` runs the child under another program (valgrind, for ``--instructions``);
    ``script`` is the benchmark whose ``--child`` it is (another benchmark's, on this terminal).
    """
    import fcntl
    import termios

    marker.unlink(missing_ok=True)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 140, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", COLORTERM="truecolor")
    # As installed for a user: byte code is cached (a warm-up run writes it), not recompiled.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    output = bytearray()

    def drain() -> None:
        try:
            while chunk := os.read(master, 65536):
                output.extend(chunk[-4096:])
                del output[:-8192]
        except OSError:
            pass

    threading.Thread(target=drain, daemon=True).start()
    start = time.monotonic()
    proc = subprocess.Popen(
        [*prefix, sys.executable, script, "--child", *args],
        stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True,
    )  # fmt: skip
    os.close(slave)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    os.close(master)
    if proc.returncode != 0 or not marker.exists():
        tail = output.decode("utf-8", "replace")[-3000:]
        raise SystemExit(f"child {args} failed with exit code {proc.returncode}:\n{tail}")
    result = json.loads(marker.read_text())
    rss_mb = usage.ru_maxrss / (1024 if sys.platform != "darwin" else 1024 * 1024)
    result["cpu_ms"] = result["cpu"] * 1000
    return (result["painted"] - start) * 1000, rss_mb, result


def count_instructions(child: list[str], marker: Path, folder: Path) -> int:
    """Instructions one start takes, counted by valgrind (same program, same count, any load)."""
    log = folder / "callgrind.log"
    run_child(
        child,
        marker,
        ("valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", f"--log-file={log}"),
    )
    found = re.search(r"Collected : (\d+)", log.read_text())
    if found is None:
        raise SystemExit(f"valgrind gave no count: see {log}")
    return int(found[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--keep", type=Path, help="keep the generated caches in this folder")
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="also count the instructions each start takes (valgrind), a figure noise cannot move",
    )
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, marker, *rest = args.child
        if kind == "bare":
            child_bare(Path(marker))
        else:
            child_reader(Path(marker), Path(rest[0]), rest[1] == "1")
        return

    folder = args.keep or Path(tempfile.mkdtemp(prefix="mfa-startup-"))
    folder.mkdir(parents=True, exist_ok=True)
    caches = {}
    for key, count in SIZES.items():
        caches[key] = folder / f"cache-{count}.sqlite3"
        started = time.perf_counter()
        make_cache(caches[key], count)
        print(
            f"cache of {count:,} articles ready ({time.perf_counter() - started:.1f} s)", flush=True
        )

    marker = folder / "marker.json"
    run_child(["bare", str(marker)], marker)  # warm-up: byte code written, files in the page cache
    run_child(["reader", str(marker), str(caches["ms_at_0"]), "0"], marker)
    bare: list[float] = []
    bare_cpu: list[float] = []
    times: dict[str, list[float]] = {key: [] for key in SIZES}
    cpu: dict[str, list[float]] = {key: [] for key in SIZES}
    rss: list[float] = []
    next_ms: list[float] = []
    hit_ms: list[float] = []
    order = ["ms_at_100k", *(key for key in SIZES if key != "ms_at_100k")]
    for run in range(args.runs):
        ms, _, result = run_child(["bare", str(marker)], marker)
        bare.append(ms)
        bare_cpu.append(result["cpu_ms"])
        for key in order:
            path = caches[key]
            measure_next = key == "ms_at_100k"
            ms, peak, result = run_child(
                ["reader", str(marker), str(path), "1" if measure_next else "0"], marker
            )
            times[key].append(ms)
            cpu[key].append(result["cpu_ms"])
            rss.append(peak)
            if "next_ms" in result:
                next_ms.append(result["next_ms"])
                hit_ms.append(result["open_hit_ms"])
        line = ", ".join(f"{k} {v[-1]:.0f} ms (CPU {cpu[k][-1]:.0f})" for k, v in times.items())
        print(f"run {run + 1}: bare {bare[-1]:.0f} ms (CPU {bare_cpu[-1]:.0f}), {line}", flush=True)

    if args.instructions:
        counted = {
            name: count_instructions(child, marker, folder)
            for name, child in (
                ("bare", ["bare", str(marker)]),
                ("ms_at_100k", ["reader", str(marker), str(caches["ms_at_100k"]), "0"]),
            )
        }
        print(
            f"instructions to first paint and exit: bare {counted['bare']:,}, reader at 100,000 "
            f"{counted['ms_at_100k']:,} ({counted['ms_at_100k'] / counted['bare']:.3f}×)"
        )

    def summary(name: str, values: list[float], cpu_values: list[float]) -> None:
        print(
            f"{name:>11}: fastest {min(values):6.0f} ms, "
            f"median {statistics.median(values):6.0f} ms; "
            f"CPU at first paint {min(cpu_values):5.0f} ms"
        )

    summary("bare", bare, bare_cpu)
    for key in SIZES:
        summary(key, times[key], cpu[key])
    bare_ms = min(bare)
    paired = [reader / alone for reader, alone in zip(times["ms_at_100k"], bare, strict=True)]
    figures = {
        "bare_ms": round(bare_ms, 1),
        **{key: round(min(v), 1) for key, v in times.items()},
        "ratio_at_100k": round(statistics.median(paired), 3),
        "peak_rss_mb": round(max(rss), 1),
        "next_article_ms": round(statistics.median(next_ms), 2),
        "open_search_hit_ms": round(statistics.median(hit_ms), 2),
    }
    cpu_ratio = min(cpu["ms_at_100k"]) / min(bare_cpu)
    print(f"reader at 100,000 / bare, round by round: {', '.join(f'{r:.2f}' for r in paired)}")
    print(
        f"targets: ratio ≤ 1.25 ({figures['ratio_at_100k']}; of the fastest times "
        f"{min(times['ms_at_100k']) / bare_ms:.3f}; CPU {cpu_ratio:.3f}), "
        f"peak RSS ≤ 150 MB ({figures['peak_rss_mb']}), "
        f"next article ≤ 50 ms ({figures['next_article_ms']}), "
        f"search hit opened at its match ≤ 100 ms ({figures['open_search_hit_ms']})"
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
