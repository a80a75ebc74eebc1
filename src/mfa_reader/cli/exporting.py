"""Commands that take articles out: export (to files or standard output) and print."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import closing
from typing import TYPE_CHECKING, Any

from mfa_reader.cli.arguments import check_section, edition_filter
from mfa_reader.cli.common import (
    EXIT_OK,
    EXIT_PARTIAL,
    STDOUT,
    UserError,
    load_settings,
    open_cache,
    print_json,
    say,
)
from mfa_reader.cli.reading import Found, find_article

if TYPE_CHECKING:
    from mfa_reader.cache import Cache
    from mfa_reader.config import Settings
    from mfa_reader.export.errors import ExportError
    from mfa_reader.export.parts import VersionOf
    from mfa_reader.model import Article, History, TextSeen


def cmd_export(args: argparse.Namespace) -> int:
    from mfa_reader.export.errors import ExportError
    from mfa_reader.export.files import COMBINABLE, normalise_format

    settings = load_settings(args)
    try:
        fmt = normalise_format(args.format)
    except ExportError as exc:
        raise UserError(str(exc)) from None
    if args.combine and (args.article is not None or fmt not in (*COMBINABLE, "json", "jsonl")):
        raise UserError(
            "--combine puts many articles (no ID|URL) into one PDF or Markdown file; JSON Lines "
            "is one file already"
        )
    if args.output == STDOUT and fmt == "pdf" and sys.stdout.isatty():
        raise UserError("a PDF would garble the terminal: give -o FILE, or send it down a pipe")
    if args.version is not None and args.article is None:
        raise UserError("--version N exports an earlier text of one article: give its ID|URL")
    if args.versions and fmt not in ("json", "jsonl"):
        raise UserError(
            "--versions adds every text kept to a JSON or JSON Lines export (--format jsonl); "
            "the other formats export one text (--version N for an earlier one)"
        )
    if args.parallel is not None or args.interleave:
        if args.version is not None or args.versions:
            raise UserError("--version and --versions export one edition: leave out --parallel")
        from mfa_reader.cli.parallel import export_parallel

        return export_parallel(settings, fmt, args)
    with open_cache(settings) as cache:
        if args.article is None:
            return _export_many(cache, settings, fmt, args)
        found, version = _chosen_text(cache, settings, args)
        history = cache.history(found.article.url) if args.versions else None
    found.tell()
    return _export_one(found.article, settings, fmt, args, version, history)


def _chosen_text(
    cache: Cache, settings: Settings, args: argparse.Namespace
) -> tuple[Found, TextSeen | None]:
    """The article to export, as the text asked for (``--version N``) or the latest, and which
    text of it that is."""
    if args.version is None:
        found = find_article(cache, settings, args.article)
        return found, cache.text_seen(found.article.url)
    from mfa_reader.cli.versions import article_at, which_text

    article, version = article_at(cache, args.article, args.version)
    return Found(article, [f"exporting {which_text(version)}"]), version


def _export_one(
    article: Article,
    settings: Settings,
    fmt: str,
    args: argparse.Namespace,
    version: TextSeen | None,
    history: History | None,
) -> int:
    from mfa_reader.article_images import images_of
    from mfa_reader.export.errors import ExportError
    from mfa_reader.export.files import export_article, render

    images = images_of(article, settings) if fmt == "pdf" else None
    try:
        if args.output == STDOUT:
            data = render(
                article, fmt, wrap=args.wrap, image_source=images, version=version, history=history
            )
            sys.stdout.buffer.write(data)
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
            version=version,
            history=history,
        )
    except ExportError as exc:
        raise not_written(exc) from None
    print(path)
    return EXIT_OK


def _export_many(cache: Cache, settings: Settings, fmt: str, args: argparse.Namespace) -> int:
    """The cached articles of --edition, --section and --since: JSON Lines in one file; PDF,
    Markdown, text or JSON one file each, or PDF and Markdown together with --combine."""
    editions = edition_filter(args.edition)
    check_section(editions, args.section)
    entries = cache.entries(editions, args.section, limit=10**9, since=args.since)
    articles = (a for e in entries if (a := cache.article(e.url)) is not None)
    named = {
        "edition": ",".join(editions) if editions else None,
        "section": args.section,
        "since": args.since,
        "version_of": lambda article: cache.text_seen(article.url),
    }
    if fmt in ("jsonl", "json"):
        history_of = (lambda article: cache.history(article.url)) if args.versions else None
        count, where = _export_jsonl(articles, args, {**named, "history_of": history_of})
    elif not entries:
        raise UserError(
            "no cached article is in that edition, section and time; nothing was written "
            "(`mfa-reader list` shows what is cached)",
            EXIT_PARTIAL,
        )
    elif args.combine:
        count, where = _export_combined(list(articles), settings, fmt, args, named)
    else:
        count, where = _export_each(articles, settings, fmt, args, named["version_of"])
    if count < len(entries):
        say(
            f"{len(entries) - count} listed articles have no body yet and were left out of "
            f"{where}; `mfa-reader sync --bodies` fetches them"
        )
    return EXIT_OK


def _export_jsonl(
    articles: Iterator[Article], args: argparse.Namespace, named: dict[str, Any]
) -> tuple[int, str]:
    from mfa_reader.export.errors import ExportError
    from mfa_reader.export.files import export_articles
    from mfa_reader.export.jsonl import write_jsonl

    if args.output == STDOUT:
        versions = {key: named[key] for key in ("version_of", "history_of")}
        return write_jsonl(articles, sys.stdout, **versions), "standard output"
    try:
        path, count = export_articles(articles, args.output, force=args.force, **named)
    except ExportError as exc:
        raise not_written(exc) from None
    print(f"{count} articles written to {path}")
    return count, str(path)


def _export_combined(
    articles: list[Article],
    settings: Settings,
    fmt: str,
    args: argparse.Namespace,
    named: dict[str, Any],
) -> tuple[int, str]:
    from mfa_reader.article_images import ArticleImages
    from mfa_reader.export.errors import ExportError
    from mfa_reader.export.files import export_combined, render_combined
    from mfa_reader.export.parts import in_reading_order

    articles = in_reading_order(articles)
    try:
        with closing(ArticleImages(settings)) as images:
            source = images.sources(articles) if fmt == "pdf" else None
            if args.output == STDOUT:
                sys.stdout.buffer.write(
                    render_combined(
                        articles, fmt, image_source=source, version_of=named["version_of"]
                    )
                )
                sys.stdout.flush()
                return len(articles), "standard output"
            path = export_combined(
                articles, fmt, args.output, force=args.force, image_source=source, **named
            )
    except ExportError as exc:
        raise not_written(exc) from None
    print(path)
    return len(articles), str(path)


def _export_each(
    articles: Iterator[Article],
    settings: Settings,
    fmt: str,
    args: argparse.Namespace,
    version_of: VersionOf,
) -> tuple[int, str]:
    from mfa_reader.article_images import ArticleImages
    from mfa_reader.export.errors import ExportError, FileExistsExportError
    from mfa_reader.export.files import export_each, folder_for_many

    if args.output == STDOUT:
        raise UserError(
            "many articles go one file each into a folder, not to standard output: give -o "
            "FOLDER, or --combine (PDF, Markdown) or --format jsonl for one stream"
        )
    written, kept = 0, 0
    try:
        folder = folder_for_many(args.output)
        with closing(ArticleImages(settings)) as images:
            for outcome in export_each(
                articles, fmt, folder, force=args.force, wrap=args.wrap, images=images.source,
                template=settings.filename_template, version_of=version_of,
            ):  # fmt: skip
                if isinstance(outcome, FileExistsExportError):
                    kept += 1
                    continue
                written += 1
                print(outcome, flush=True)  # each file as it is done: a long export shows its way
    except ExportError as exc:
        if written:
            say(f"the {written} files above are written and kept; then:")
        raise not_written(exc) from None
    if kept:
        say(f"{kept} files were there already and are kept; --force replaces them")
    return written + kept, str(folder)


def not_written(exc: ExportError) -> UserError:
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
        version = cache.text_seen(found.article.url)
    found.tell()
    article = found.article
    printer = args.printer or settings.printer
    try:
        images = images_of(article, settings)
        job = print_article(article, printer, image_source=images, version=version)
    except (PrintError, ExportError) as exc:
        raise UserError(str(exc), EXIT_PARTIAL) from None
    if args.json:
        print_json({"job": job, "printer": printer, "url": article.url, "title": article.title})
    else:
        print(f"sent to the printer: job {job}")
    return EXIT_OK
