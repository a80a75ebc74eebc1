"""Whole commands as a user meets them: ``mfa-reader search WORD --json`` and ``list`` at 100,000
articles, timed from spawn to exit.

Fills a cache with ``search.py``'s articles (six languages, Zipf vocabulary), picks a rare
English word (the least frequent of a sample: a few hundred matches in 100,000 articles) and a
common one, and times each command in fresh processes, as the installed ``mfa-reader`` script runs
them, in a user's usual setup: the cache in the platform's data folder, no settings file, the
package's bytecode cached (as after ``pip install``; a checkout run with PYTHONDONTWRITEBYTECODE
would compile every module on every run). Baseline in the same run: ``python -c pass``.
Wall times on a shared machine drift with its load: the median and the fastest run are reported,
and ``--instructions`` also counts each command's instructions with valgrind (the same whatever the
load).

Target: search for a rare word ≤ 60 ms whole-process. The last line is one JSON object.
Usage: ``python benchmarks/cli.py [--articles N] [--runs N] [--keep DIR] [--instructions]``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "benchmarks")]

from search import build  # noqa: E402

TARGETS = {"search_rare_ms": 60.0}


def command() -> list[str]:
    """The installed script beside this Python, else ``python -m mfa_reader``."""
    script = Path(sys.executable).with_name("mfa-reader")
    return [str(script)] if script.exists() else [sys.executable, "-m", "mfa_reader"]


def environment(cache: Path, home: Path) -> dict[str, str]:
    """A user's usual setup in ``home``: the cache where the reader keeps it, no settings file."""
    data = home / "data" / "mfa-reader"
    data.mkdir(parents=True, exist_ok=True)
    link = data / "mfa-reader.sqlite3"
    if not link.exists():
        link.symlink_to(cache)
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("MFA_READER_") and k != "PYTHONDONTWRITEBYTECODE"
    }
    for name in ("config", "cache", "state"):
        env[f"XDG_{name.upper()}_HOME"] = str(home / name)
    env["XDG_DATA_HOME"] = str(home / "data")
    env["PYTHONPATH"] = str(ROOT / "src")
    return env


def words_by_matches(cache: Path) -> tuple[str, int, str, int]:
    """A rare English word of the articles and a common one, with their numbers of matches."""
    conn = sqlite3.connect(cache)
    rows = conn.execute(
        "SELECT body FROM articles WHERE edition = 'en' AND body IS NOT NULL LIMIT 400"
    ).fetchall()
    counts: dict[str, int] = {}
    for (body,) in rows:
        for word in set(re.findall(r"[a-z]{7,}", body)):
            counts[word] = counts.get(word, 0) + 1
    by_frequency = sorted(counts, key=lambda word: (counts[word], word))  # the same each run
    rare, common = by_frequency[0], by_frequency[-1]

    def matches(word: str) -> int:
        query = "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?"
        found: int = conn.execute(query, (f'"{word}"',)).fetchone()[0]
        return found

    rare_matches, common_matches = matches(rare), matches(common)
    conn.close()
    return rare, rare_matches, common, common_matches


def timed_runs(argv: list[str], env: dict[str, str], runs: int) -> list[float]:
    """Milliseconds from spawn to exit, one fresh process each (the first run warms the page
    cache and is not counted)."""
    times = []
    for n in range(runs + 1):
        start = time.perf_counter()
        done = subprocess.run(argv, env=env, capture_output=True, check=False)
        elapsed = (time.perf_counter() - start) * 1000
        if done.returncode != 0:
            sys.exit(f"{' '.join(argv)} failed: {done.stderr.decode(errors='replace')}")
        if n:
            times.append(elapsed)
    return times


def instructions(argv: list[str], env: dict[str, str]) -> float:
    """Millions of instructions one run takes, counted by valgrind."""
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        sys.exit(f"valgrind gave no count for {' '.join(argv)}")
    return int(found[1]) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--keep", type=Path, help="build the cache in this folder and keep it")
    parser.add_argument("--instructions", action="store_true", help="count them (valgrind)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="mfa-cli-bench-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        cache = folder / "cache.sqlite3"
        if cache.exists():
            print(f"using the existing {cache}")
        else:
            print(f"built {args.articles:,} articles in {build(cache, args.articles):.1f} s")
        rare, rare_matches, common, common_matches = words_by_matches(cache)
        env = environment(cache, Path(tmp) / "home")
        mfa = command()
        commands = {
            "python_ms": [sys.executable, "-c", "pass"],
            "help_ms": [*mfa, "--help"],
            "search_rare_ms": [*mfa, "search", rare, "--json"],
            "search_common_ms": [*mfa, "search", common, "--json"],
            "list_ms": [*mfa, "list", "--json"],
        }
        result: dict[str, float] = {}
        for name, argv in commands.items():
            times = timed_runs(argv, env, args.runs)
            result[name] = round(statistics.median(times), 1)
            result[name.replace("_ms", "_min_ms")] = round(min(times), 1)
            shown = "python -c pass" if name == "python_ms" else " ".join(argv[len(mfa) :])
            line = (
                f"{shown:<32} median {statistics.median(times):6.1f} ms  min {min(times):6.1f} ms"
            )
            if args.instructions:
                counted = instructions(argv, env)
                result[name.replace("_ms", "_minstr")] = round(counted, 1)
                line += f"  {counted:6.1f} M instructions"
            print(line)
    print(f"rare word {rare!r}: {rare_matches} matches; common {common!r}: {common_matches}")
    misses = [k for k, limit in TARGETS.items() if result[k] > limit]
    print("targets met" if not misses else f"targets missed: {', '.join(misses)}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
