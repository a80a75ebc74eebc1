"""Commands about the texts the site served over time: history and diff."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from mfa_reader.cli.common import EXIT_OK, UserError, load_settings, open_cache, print_json

if TYPE_CHECKING:
    from mfa_reader.cache import Cache
    from mfa_reader.model import Article, History


def seen(at: str | None) -> str:
    """``2025-10-18 09:00 UTC`` from an ISO time the cache wrote."""
    return f"{at[:10]} {at[11:16]} UTC" if at else "when first fetched"


def history_of(cache: Cache, key: str) -> History:
    """The history of the cached article ``key`` (id or URL); a usage error when it has none."""
    entry = cache.entry(key)
    if entry is not None and entry.moved_to:
        entry = cache.entry(entry.moved_to) or entry
    found = cache.history(entry.url) if entry is not None else None
    if found is None:
        raise UserError(
            f"no text of {key!r} is cached; `mfa-reader show {key}` fetches it, and every later "
            "text the site serves is kept"
        )
    return found


def article_at(cache: Cache, key: str, number: int) -> tuple[Article, str]:
    """The cached article ``key`` as version ``number`` had it, and a line saying which."""
    found = history_of(cache, key)
    version = found.version(number)
    article = cache.article_version(found.url, number)
    if version is None or article is None:
        raise UserError(
            f"{found.url} has no version {number}; it has versions 1 to {found.current.number}"
        )
    return article, (
        f"version {number} of {found.current.number}, as published on the site, "
        f"seen {seen(version.seen_at)}"
    )


def cmd_history(args: argparse.Namespace) -> int:
    settings = load_settings(args)
    with open_cache(settings) as cache:
        found = history_of(cache, args.article)
    changed = _paragraphs_changed(found)
    current = found.current.number
    if args.json:
        versions = [
            {"number": v.number, "seen_at": v.seen_at, "title": v.title,
             "paragraphs_changed": changed[v.number]}
            for v in found.versions
        ]  # fmt: skip
        events = [{"at": e.at, "event": e.kind.value} for e in found.events]
        print_json({"url": found.url, "current": current, "versions": versions, "events": events})
        return EXIT_OK
    print(f"{found.url}\n{found.current.title}\n")
    lines: list[tuple[str, str]] = []  # (when, line): versions and events in the order seen
    for version in found.versions:
        count = changed[version.number]
        note = f"  {count} paragraph{'s' if count != 1 else ''} changed" if count else ""
        mark = "  (current)" if version.number == current else ""
        line = f"  version {version.number:<3} seen {seen(version.seen_at)}{note}{mark}"
        lines.append((version.seen_at or "", line))
    lines += [(e.at, f"  {e.kind.value:<11} {seen(e.at)}") for e in found.events]
    for _, line in sorted(lines, key=lambda pair: pair[0]):
        print(line)
    return EXIT_OK


def _paragraphs_changed(found: History) -> dict[int, int]:
    """Version number -> how many paragraphs differ from the version before (0 for the first)."""
    from mfa_reader.diffs import Change, diff_paragraphs, paragraphs

    counts: dict[int, int] = {}
    before: list[str] | None = None
    for version in found.versions:
        texts = paragraphs(version.blocks, version.title)
        changes = diff_paragraphs(before, texts) if before is not None else []
        counts[version.number] = sum(c.change is not Change.SAME for c in changes)
        before = texts
    return counts


def cmd_diff(args: argparse.Namespace) -> int:
    from mfa_reader.diffs import diff_paragraphs, paragraphs, word_diff_text

    settings = load_settings(args)
    with open_cache(settings) as cache:
        found = history_of(cache, args.article)
    newest = found.current.number
    to = args.to or newest
    start = args.start or to - 1
    if start < 1:
        raise UserError(f"{found.url} has one version only: nothing to compare it with")
    old, new = found.version(start), found.version(to)
    if old is None or new is None:
        missing = start if old is None else to
        raise UserError(f"{found.url} has no version {missing}; it has versions 1 to {newest}")
    changes = diff_paragraphs(paragraphs(old.blocks, old.title), paragraphs(new.blocks, new.title))
    sys.stdout.write(f"--- {found.url} version {old.number} (seen {seen(old.seen_at)})\n")
    sys.stdout.write(f"+++ {found.url} version {new.number} (seen {seen(new.seen_at)})\n")
    sys.stdout.write(word_diff_text(changes))
    return EXIT_OK
