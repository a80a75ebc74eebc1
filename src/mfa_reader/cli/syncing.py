"""Commands that fill the cache: sync (from the site) and import (from saved pages)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from mfa_reader.cli.arguments import check_section, editions_arg
from mfa_reader.cli.common import (
    EXIT_OK,
    EXIT_PARTIAL,
    UserError,
    load_settings,
    open_cache,
    print_json,
    run,
    say,
)
from mfa_reader.report import Progress, Report, Step

if TYPE_CHECKING:
    from mfa_reader.cache import Cache
    from mfa_reader.config import Settings

# Steps worth a line in a log: a count of fetched articles is given every LOG_EVERY articles.
_LOGGED = frozenset({Step.STARTING, Step.LISTED, Step.FAILED, Step.REFUSED, Step.DONE})
LOG_EVERY = 20


def cmd_sync(args: argparse.Namespace) -> int:
    from mfa_reader.cache import CacheError

    settings = load_settings(args)
    editions = editions_arg(args.edition) if args.edition is not None else list(settings.editions)
    sections = [s.strip() for s in args.section.split(",") if s.strip()] if args.section else None
    for section_id in sections or ():
        check_section(editions, section_id)
    with open_cache(settings) as cache:
        try:
            recheck = settings.recheck_days if args.recheck is None else args.recheck
            report = run(
                _sync(cache, settings, editions, sections, args.pages, args.bodies, recheck)
            )
        except CacheError as exc:
            raise UserError(str(exc), EXIT_PARTIAL) from None
    headline = f"{report.summary()} ({report.pages} list pages, {report.bodies} articles fetched)"
    _tell(report, args.json, headline)
    return EXIT_OK if report.ok else EXIT_PARTIAL


async def _sync(
    cache: Cache,
    settings: Settings,
    editions: list[str],
    sections: list[str] | None,
    pages: int | None,
    bodies: bool,
    recheck_days: int,
) -> Report:
    from mfa_reader.fetcher import Fetcher
    from mfa_reader.sync import refresh

    with _progress_display() as on_progress:
        async with Fetcher.from_settings(settings) as fetcher:
            return await refresh(
                cache,
                fetcher,
                editions=editions,
                sections=sections,
                pages=pages,
                bodies=bodies,
                recheck_days=recheck_days,
                on_progress=on_progress,
            )


def cmd_import(args: argparse.Namespace) -> int:
    from mfa_reader.importer import import_pages

    settings = load_settings(args)
    with open_cache(settings) as cache, _progress_display("files") as on_progress:
        report = import_pages(cache, [Path(p) for p in args.paths], on_progress=on_progress)
    headline = (
        f"{len(report.new)} new, {len(report.updated)} updated, {len(report.removed)} removed "
        f"({report.bodies} articles and {report.pages} list pages read)"
    )
    _tell(report, args.json, headline)
    return EXIT_OK if report.ok else EXIT_PARTIAL


def _tell(report: Report, as_json: bool, headline: str) -> None:
    """The report on stdout (its headline, or one JSON object); what went wrong on stderr."""
    if as_json:
        print_json(report.to_dict())
    else:
        print(headline)
    for host, message in report.refused.items():
        say(f"{host}: {message}")
    refusals = set(report.refused.values())
    for failure in report.failed:
        if failure.reason not in refusals:  # said above, once for the host
            say(f"failed: {failure.where}: {failure.reason}")
    if report.retry_helps:
        say("what was fetched is kept; run the same command again to finish the rest")


@contextmanager
def _progress_display(pages: str = "list pages") -> Iterator[Callable[[Progress], None]]:
    """A Rich progress bar on a terminal; plain lines when stderr goes to a file or pipe.
    ``pages`` names what the first bar counts (an import counts files)."""
    if not sys.stderr.isatty():

        def plain(p: Progress) -> None:
            if p.step in _LOGGED or (p.step is Step.FETCHED and p.articles_done % LOG_EVERY == 0):
                where = f" {p.where}" if p.where else ""
                rechecks = (
                    f", rechecking {p.rechecks_done}/{p.rechecks_total}" if p.rechecks_total else ""
                )
                print(
                    f"[{pages} {p.pages_done}/{p.pages_total}, articles "
                    f"{p.articles_done}/{p.articles_total}{rechecks}] {p.step}{where}",
                    file=sys.stderr,
                )

        yield plain
        return

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn
    from rich.progress import Progress as Bar

    with Bar(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[note]}"),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        first = bar.add_task(pages, total=1, note="")
        articles = bar.add_task("articles", total=0, note="")
        rechecks = bar.add_task("rechecking", total=0, note="", visible=False)

        def show(p: Progress) -> None:
            errors = f"{p.errors} errors" if p.errors else ""
            bar.update(first, completed=p.pages_done, total=max(p.pages_total, 1), note=errors)
            bar.update(articles, completed=p.articles_done, total=p.articles_total, note="")
            bar.update(
                rechecks,
                completed=p.rechecks_done,
                total=p.rechecks_total,
                visible=p.rechecks_total > 0,
            )

        yield show
