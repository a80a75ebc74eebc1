"""Commands that take articles out: export (to files or standard output) and print."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from mfa_reader.cli.arguments import check_section, edition_filter
from mfa_reader.cli.common import (
    EXIT_OK,
    EXIT_PARTIAL,
    UserError,
    load_settings,
    open_cache,
    print_json,
    say,
)
from mfa_reader.cli.reading import find_article

if TYPE_CHECKING:
    from mfa_reader.cache import Cache
    from mfa_reader.config import Settings
    from mfa_reader.export.errors import ExportError
    from mfa_reader.model import Article

STDOUT = "-"


def cmd_export(args: argparse.Namespace) -> int:
    from mfa_reader.export.errors import ExportError
    from mfa_reader.export.files import normalise_format

    settings = load_settings(args)
    try:
        fmt = normalise_format(args.format)
    except ExportError as exc:
        raise UserError(str(exc)) from None
    if args.output == STDOUT and fmt == "pdf" and sys.stdout.isatty():
        raise UserError("a PDF would garble the terminal: give -o FILE, or send it down a pipe")
    with open_cache(settings) as cache:
        if args.article is None:
            return _export_many(cache, settings, fmt, args)
        found = find_article(cache, settings, args.article)
    found.tell()
    return _export_one(found.article, settings, fmt, args)


def _export_one(article: Article, settings: Settings, fmt: str, args: argparse.Namespace) -> int:
    from mfa_reader.article_images import images_of
    from mfa_reader.export.errors import ExportError
    from mfa_reader.export.files import export_article, render

    images = images_of(article, settings) if fmt == "pdf" else None
    try:
        if args.output == STDOUT:
            sys.stdout.buffer.write(render(article, fmt, wrap=args.wrap, image_source=images))
            sys.stdout.flush()
            return EXIT_OK
        path = export_article(
            article,
            fmt,
            args.output,  # as typed: a trailing "/" says "folder"
            force=args.force,
            wrap=args.wrap,
            image_source=images,
            template=settings.filename_template,
        )
    except ExportError as exc:
        raise _not_written(exc) from None
    print(path)
    return EXIT_OK


def _export_many(cache: Cache, settings: Settings, fmt: str, args: argparse.Namespace) -> int:
    from mfa_reader.export.errors import ExportError
    from mfa_reader.export.files import export_articles
    from mfa_reader.export.jsonl import write_jsonl

    if fmt not in ("jsonl", "json"):
        raise UserError("give an article to export, or --format jsonl for many")
    editions = edition_filter(args.edition)
    check_section(editions, args.section)
    entries = cache.entries(editions, args.section, limit=10**9, since=args.since)
    articles = (a for e in entries if (a := cache.article(e.url)) is not None)
    if args.output == STDOUT:
        count = write_jsonl(articles, sys.stdout)
        where = "standard output"
    else:
        try:
            path, count = export_articles(
                articles,
                args.output,
                force=args.force,
                edition=",".join(editions) if editions else None,
                section=args.section,
                since=args.since,
            )
        except ExportError as exc:
            raise _not_written(exc) from None
        where = str(path)
        print(f"{count} articles written to {path}")
    if count < len(entries):
        say(
            f"{len(entries) - count} listed articles have no body yet and were left out of "
            f"{where}; `mfa-reader sync --bodies` fetches them"
        )
    return EXIT_OK


def _not_written(exc: ExportError) -> UserError:
    """The export's error as the command line says it: here a file in the way yields to --force."""
    from mfa_reader.export.errors import FileExistsExportError

    if isinstance(exc, FileExistsExportError):
        return UserError(
            f"{exc.path} already exists; nothing was written (use --force to replace it, or "
            "choose another name with -o)",
            EXIT_PARTIAL,
        )
    return UserError(str(exc), EXIT_PARTIAL)


def cmd_print(args: argparse.Namespace) -> int:
    from mfa_reader.article_images import images_of
    from mfa_reader.export.errors import ExportError, PrintError
    from mfa_reader.export.printing import print_article

    settings = load_settings(args)
    with open_cache(settings) as cache:
        found = find_article(cache, settings, args.article)
    found.tell()
    article = found.article
    printer = args.printer or settings.printer
    try:
        job = print_article(article, printer, image_source=images_of(article, settings))
    except (PrintError, ExportError) as exc:
        raise UserError(str(exc), EXIT_PARTIAL) from None
    if args.json:
        print_json({"job": job, "printer": printer, "url": article.url, "title": article.title})
    else:
        print(f"sent to the printer: job {job}")
    return EXIT_OK
