"""Commands about the texts the site served over time: history and diff."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from mfa_reader.cli.common import EXIT_OK, UserError, load_settings, open_cache, print_json
from mfa_reader.dates import utc_minute as seen

if TYPE_CHECKING:
    from mfa_reader.cache import Cache
    from mfa_reader.model import Article, History, TextSeen


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


def article_at(cache: Cache, key: str, number: int) -> tuple[Article, TextSeen]:
    """The cached article ``key`` as version ``number`` had it, and which text that is."""
    found = history_of(cache, key)
    which = found.seen(number)
    article = cache.article_version(found.url, number)
    if which is None or article is None:
        raise UserError(
            f"{found.url} has no version {number}; it has versions 1 to {found.current.number}"
        )
    return article, which


def which_text(version: TextSeen) -> str:
    """``version 2 of 3, as published on the site, seen 2025-10-18 09:00 UTC``."""
    from mfa_reader.export.parts import as_published

    return f"version {as_published(version)}"


def cmd_history(args: argparse.Namespace) -> int:
    from mfa_reader.diffs import changed_counts
    from mfa_reader.model import Version

    settings = load_settings(args)
    with open_cache(settings) as cache:
        found = history_of(cache, args.article)
    changed = changed_counts(found.versions)
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
    for seen_then in found.timeline():
        if not isinstance(seen_then, Version):
            print(f"  {seen_then.kind.value:<11} {seen(seen_then.at)}")
            continue
        count = changed[seen_then.number]
        note = f"  {count} paragraph{'s' if count != 1 else ''} changed" if count else ""
        mark = "  (current)" if seen_then.number == current else ""
        print(f"  version {seen_then.number:<3} seen {seen(seen_then.seen_at)}{note}{mark}")
    return EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    from mfa_reader.diffs import diff_versions, word_diff_text

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
    changes = diff_versions(old, new)
    sys.stdout.write(f"--- {found.url} version {old.number} (seen {seen(old.seen_at)})\n")
    sys.stdout.write(f"+++ {found.url} version {new.number} (seen {seen(new.seen_at)})\n")
    sys.stdout.write(word_diff_text(changes))
    return EXIT_OK
