"""The ``mfa-reader`` command: the reader with no arguments, sub-commands for scripted work.

Each sub-command is a ``cmd_*`` function taking the parsed arguments and returning the exit code;
``build_parser`` registers them. Exit codes: 0 success, 1 partial failure (some pages failed, the
site refused), 2 usage error (bad flag, setting or cache), 3 removed page, 4 page that cannot be
parsed. Heavy modules (the parser, the cache, httpx, the export, Textual) load only in the command
that needs them, so ``mfa-reader --help`` and the scripts stay quick.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Coroutine, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from mfa_reader.cache import Cache
    from mfa_reader.config import Settings
    from mfa_reader.model import Article, ArticleEntry, Listing
    from mfa_reader.sync import Progress, SyncReport

T = TypeVar("T")

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_USAGE = 2
EXIT_REMOVED = 3
EXIT_UNPARSABLE = 4


class UserError(Exception):
    """Something the user can fix; the message says what happened and what to do."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


def _error(message: str) -> None:
    print(f"mfa-reader: {message}", file=sys.stderr)


def _run(coroutine: Coroutine[Any, Any, T]) -> T:
    import asyncio

    return asyncio.run(coroutine)


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


# --- settings and cache ---------------------------------------------------------------------------


def _settings(args: argparse.Namespace, **flags: Any) -> Settings:
    from mfa_reader.config import ConfigError, load_settings

    overrides = {"origin": getattr(args, "origin", None), "cache": getattr(args, "cache", None)}
    overrides.update(flags)
    try:
        return load_settings(getattr(args, "config", None), overrides=overrides)
    except ConfigError as exc:
        raise UserError(str(exc)) from None


@contextmanager
def _open_cache(settings: Settings) -> Iterator[Cache]:
    from mfa_reader.cache import Cache, CacheError

    try:
        cache = Cache.open(settings.cache)
    except CacheError as exc:
        raise UserError(str(exc)) from None
    notice = cache.moved_aside_notice()
    if notice:
        _error(notice)
    try:
        yield cache
    finally:
        cache.close()


def _editions_arg(value: str | None, settings: Settings) -> list[str]:
    from mfa_reader.editions import EDITION_CODES

    if not value:
        return list(settings.editions)
    if value == "all":
        return list(EDITION_CODES)
    codes = [c.strip() for c in value.split(",") if c.strip()]
    unknown = [c for c in codes if c not in EDITION_CODES]
    if unknown:
        raise UserError(
            f"unknown edition {', '.join(unknown)}; choose from {', '.join(EDITION_CODES)} or 'all'"
        )
    return codes


def _one_edition(value: str | None) -> str | None:
    from mfa_reader.editions import EDITION_CODES

    if value is not None and value not in EDITION_CODES:
        raise UserError(f"unknown edition {value!r}; choose from {', '.join(EDITION_CODES)}")
    return value


def _check_section(edition: str | None, section: str | None) -> None:
    from mfa_reader.editions import section as find_section
    from mfa_reader.editions import sections

    if section is None:
        return
    if edition is not None:
        try:
            find_section(edition, section)
        except KeyError as exc:
            raise UserError(str(exc.args[0])) from None
    elif not any(s.id == section for s in sections()):
        raise UserError(f"no edition has a section {section!r}; see `mfa-reader sections`")


# --- parse ----------------------------------------------------------------------------------------


def cmd_parse(args: argparse.Namespace) -> int:
    from mfa_reader.export.text import article_to_text
    from mfa_reader.model import Article
    from mfa_reader.parser import ParseError, RemovedPage, parse_page

    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        result = parse_page(data, args.url)
    except RemovedPage as exc:
        _error(f"{path}: {exc} (the site answers removed pages with a maintenance page)")
        return EXIT_REMOVED
    except ParseError as exc:
        _error(f"{path}: cannot be read as a page of the ministry's site: {exc}")
        return EXIT_UNPARSABLE
    if args.json:
        _print_json(result.to_dict())
    elif isinstance(result, Article):
        sys.stdout.write(article_to_text(result))
    else:
        sys.stdout.write(_listing_text(result))
    return EXIT_OK


def _listing_text(listing: Listing) -> str:
    pages = f"{listing.page_count} pages" if listing.page_count else "page count not given"
    lines = [f"{listing.url} ({len(listing.items)} entries, {pages})", ""]
    for item in listing.items:
        day = item.date.isoformat() if item.date else "          "
        lines.append(f"{day}  {item.title}")
        lines.append(f"            {item.url}")
    return "\n".join(lines) + "\n"


# --- editions, sections ---------------------------------------------------------------------------


def cmd_editions(args: argparse.Namespace) -> int:
    from mfa_reader.editions import EDITIONS

    if args.json:
        _print_json(
            [
                {
                    "code": e.code,
                    "name": e.native_name,
                    "english_name": e.english_name,
                    "direction": e.direction.value,
                    "roots": list(e.roots),
                }
                for e in EDITIONS
            ]
        )
        return EXIT_OK
    rows = [(e.code, e.native_name, e.english_name, e.direction.value) for e in EDITIONS]
    _table(["code", "edition", "in English", "direction"], rows)
    return EXIT_OK


def cmd_sections(args: argparse.Namespace) -> int:
    from mfa_reader.editions import sections

    chosen = sections(_one_edition(args.edition))
    if args.json:
        _print_json(
            [
                {
                    "edition": s.edition,
                    "id": s.id,
                    "name": s.native_name,
                    "english_name": s.english_name,
                    "list_urls": list(s.list_urls),
                }
                for s in chosen
            ]
        )
        return EXIT_OK
    _table(
        ["edition", "id", "name", "list"],
        [(s.edition, s.id, s.native_name, s.list_urls[0]) for s in chosen],
    )
    return EXIT_OK


def _table(headers: list[str], rows: Sequence[Sequence[str]]) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    table = Table(*headers, box=box.SIMPLE_HEAD, pad_edge=False)
    for row in rows:
        table.add_row(*row)
    Console(soft_wrap=False).print(table)


# --- sync -----------------------------------------------------------------------------------------


def cmd_sync(args: argparse.Namespace) -> int:
    from mfa_reader.cache import CacheError

    settings = _settings(args)
    editions = _editions_arg(args.edition, settings)
    sections = [s.strip() for s in args.section.split(",")] if args.section else None
    for code in editions:
        for section_id in sections or ():
            _check_section(code, section_id)
    if args.pages is not None and args.pages < 1:
        raise UserError("--pages must be at least 1")
    with _open_cache(settings) as cache:
        try:
            report = _run(_run_sync(cache, settings, editions, sections, args.pages, args.bodies))
        except CacheError as exc:
            raise UserError(str(exc), EXIT_PARTIAL) from None
    _print_report(report)
    return EXIT_OK if report.ok else EXIT_PARTIAL


async def _run_sync(
    cache: Cache,
    settings: Settings,
    editions: list[str],
    sections: list[str] | None,
    pages: int | None,
    bodies: bool,
) -> SyncReport:
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
                on_progress=on_progress,
            )


@contextmanager
def _progress_display() -> Iterator[Callable[[Progress], None]]:
    """A Rich progress bar on a terminal; plain lines when the output goes to a file or pipe."""
    if not sys.stderr.isatty():
        # Plain lines for logs: each failure, each list read, and a count every 20 articles.
        def plain(p: Progress) -> None:
            message = p.message
            if message.startswith(("failed", "refused", "listed", "starting", "done")) or (
                message.startswith("fetched") and p.articles_done % 20 == 0
            ):
                print(
                    f"[pages {p.pages_done}/{p.pages_total}, articles "
                    f"{p.articles_done}/{p.articles_total}] {message}",
                    file=sys.stderr,
                )

        yield plain
        return

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(stderr=True)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[note]}"),
        console=console,
        transient=True,
    ) as bar:
        pages = bar.add_task("list pages", total=1, note="")
        articles = bar.add_task("articles", total=0, note="")

        def show(p: Any) -> None:
            errors = f"{len(p.errors)} errors" if p.errors else ""
            bar.update(pages, completed=p.pages_done, total=max(p.pages_total, 1), note=errors)
            bar.update(articles, completed=p.articles_done, total=p.articles_total, note="")

        yield show


def _print_report(report: SyncReport) -> None:
    print(f"{report.summary()} ({report.pages} list pages, {report.bodies} articles fetched)")
    for host, message in report.refused.items():
        _error(f"{host}: {message}")
    for url, reason in report.failed:
        _error(f"failed: {url}: {reason}")
    if report.failed or report.refused:
        _error("what was fetched is kept; run the same command again to finish the rest")


# --- list, show, search ---------------------------------------------------------------------------


def _entry_line(entry: ArticleEntry) -> dict[str, Any]:
    return {
        "url": entry.url,
        "doc_id": entry.doc_id,
        "edition": entry.edition,
        "section": entry.section,
        "title": entry.title,
        "published": entry.published,
        "fetched": entry.has_body,
        "read": entry.read,
        "starred": entry.starred,
    }


def _print_entries(entries: Sequence[ArticleEntry], snippets: Sequence[str] | None = None) -> None:
    for i, entry in enumerate(entries):
        marks = ("★" if entry.starred else " ") + (" " if entry.read else "•")
        day = (entry.published or "")[:10].ljust(10)
        print(f"{marks} {day}  {entry.edition}  {entry.doc_id:>9}  {entry.title}")
        if snippets is not None:
            print(f"{'':27}{snippets[i]}")


def cmd_list(args: argparse.Namespace) -> int:
    settings = _settings(args)
    edition = _one_edition(args.edition)
    _check_section(edition, args.section)
    if args.limit < 1:
        raise UserError("--limit must be at least 1")
    with _open_cache(settings) as cache:
        entries = cache.entries(
            edition, args.section, limit=args.limit, starred_only=args.starred, since=args.since
        )
    if args.json:
        _print_json([_entry_line(e) for e in entries])
    elif not entries:
        _error("nothing cached for that choice yet; run `mfa-reader sync` first")
    else:
        _print_entries(entries)
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    settings = _settings(args)
    edition = _one_edition(args.edition)
    if not args.query.strip():
        raise UserError("give something to search for")
    with _open_cache(settings) as cache:
        hits = cache.search(args.query, edition=edition, limit=args.limit)
    if args.json:
        _print_json([{**_entry_line(h.entry), "snippet": h.snippet, "rank": h.rank} for h in hits])
    elif not hits:
        _error(f"no cached article matches {args.query!r}")
    else:
        _print_entries([h.entry for h in hits], [h.snippet for h in hits])
    return EXIT_OK


@dataclass
class Found:
    """An article to show or export, and what to tell the user about it beside the text."""

    article: Article
    notices: list[str] = field(default_factory=list)  # said on stderr: moved, removed
    removed_at: str | None = None  # the site was last seen not to serve it (the text is kept)


def _find_article(cache: Cache, settings: Settings, key: str) -> Found:
    """The article for an id or URL: from the cache, else fetched (and stored).

    An article seen removed is asked for again (removal is an observation, not a verdict); when
    the site still does not serve it, or cannot be asked, the text kept in the cache is returned
    with a notice. An address the site redirects to another article gives that article.
    """
    from mfa_reader.parser import doc_id

    notices: list[str] = []
    entry = cache.entry(key)
    if entry is not None and entry.moved_to:
        notices.append(f"{entry.url} has moved on the site to {entry.moved_to}")
        entry = cache.entry(entry.moved_to) or replace(entry, url=entry.moved_to, removed=False)
    if entry is not None:
        kept = cache.article(entry.url)
        if kept is not None and not entry.removed:
            return Found(kept, notices)
        url = entry.url
    elif key.startswith(("http://", "https://")):
        url = _site_address(key, settings)
        if doc_id(url) is None:
            raise UserError(f"{key} is not the address of an article (no doc id in it)")
        kept = None
    else:
        raise UserError(
            f"no article {key!r} in the cache; run `mfa-reader sync`, or give the article's URL"
        )
    return _fetch_or_keep(cache, settings, url, kept, notices)


def _fetch_or_keep(
    cache: Cache, settings: Settings, url: str, kept: Article | None, notices: list[str]
) -> Found:
    from mfa_reader.fetcher import FetchError
    from mfa_reader.parser import ParseError, RemovedPage
    from mfa_reader.sync import get_article

    async def fetch() -> Article:
        from mfa_reader.fetcher import Fetcher

        async with Fetcher.from_settings(settings) as fetcher:
            return await get_article(cache, fetcher, url)

    try:
        article = _run(fetch())
    except (RemovedPage, FetchError) as exc:
        gone = isinstance(exc, RemovedPage)
        if kept is None:
            if gone:
                raise UserError(str(exc), EXIT_REMOVED) from None
            raise UserError(f"{exc} (the article is not cached yet)", EXIT_PARTIAL) from None
        entry = cache.entry(url)
        removed_at = entry.removed_at if entry is not None else None
        seen = f"removed from the site on {removed_at[:10]}" if removed_at else "removed"
        asked = "" if gone else f"; the site could not be asked again ({exc})"
        notices.append(f"{url} was {seen}{asked}: this is the text as last seen")
        return Found(kept, notices, removed_at)
    except ParseError as exc:
        raise UserError(f"{url} cannot be read: {exc}", EXIT_UNPARSABLE) from None
    if article.url != url:
        notices.append(f"{url} has moved on the site to {article.url}")
    return Found(article, notices)


def _site_address(key: str, settings: Settings) -> str:
    """The site's canonical address for a URL given on the command line (on the site, or on the
    origin set), or a usage error that says why not."""
    from mfa_reader.fetcher import Fetcher, FetchError
    from mfa_reader.parser import canonical_url

    try:
        return canonical_url(Fetcher(origin=settings.origin).canonical_url(key))
    except (FetchError, ValueError) as exc:
        detail = exc.detail if isinstance(exc, FetchError) else str(exc)
        raise UserError(f"{key}: {detail}") from None


def _tell(found: Found) -> None:
    for notice in found.notices:
        _error(notice)


def cmd_show(args: argparse.Namespace) -> int:
    from mfa_reader.export.errors import ExportError
    from mfa_reader.export.text import article_to_text

    settings = _settings(args)
    with _open_cache(settings) as cache:
        found = _find_article(cache, settings, args.article)
    _tell(found)
    if args.json:
        _print_json({**found.article.to_dict(), "removed_at": found.removed_at})
        return EXIT_OK
    try:
        sys.stdout.write(article_to_text(found.article, wrap=args.wrap))
    except ExportError as exc:
        raise UserError(str(exc)) from None
    return EXIT_OK


# --- import ---------------------------------------------------------------------------------------


def cmd_import(args: argparse.Namespace) -> int:
    from mfa_reader.importer import import_pages

    settings = _settings(args)
    with _open_cache(settings) as cache:
        report = import_pages(cache, [Path(p) for p in args.paths])
    print(
        f"{len(report.new)} new, {len(report.updated)} updated, {len(report.removed)} removed "
        f"({report.bodies} articles and {report.pages} list pages read)"
    )
    for where, reason in report.failed:
        _error(f"skipped {where}: {reason}")
    return EXIT_OK if report.ok else EXIT_PARTIAL


# --- export, print --------------------------------------------------------------------------------


def _image_source(article: Article, settings: Settings) -> Any:
    """The article's images fetched through the fetcher, for the PDF; none when offline."""
    from mfa_reader.export.images import images_from_mapping, prefetch_images
    from mfa_reader.fetcher import Fetcher

    if not article.images:
        return None

    async def fetch() -> dict[str, bytes]:
        async with Fetcher.from_settings(settings) as fetcher:
            return await prefetch_images(article, fetcher)

    return images_from_mapping(_run(fetch()))


def cmd_export(args: argparse.Namespace) -> int:
    from mfa_reader.export.errors import ExportError
    from mfa_reader.export.files import export_article, export_articles, normalise_format

    settings = _settings(args)
    try:
        fmt = normalise_format(args.format)
    except ExportError as exc:
        raise UserError(str(exc)) from None
    dest = args.output  # a str: a trailing "/" says "folder"
    with _open_cache(settings) as cache:
        if args.article is None:
            if fmt not in ("jsonl", "json"):
                raise UserError("give an article to export, or --format jsonl for many")
            edition = _one_edition(args.edition)
            _check_section(edition, args.section)
            entries = cache.entries(edition, args.section, limit=10**9, since=args.since)
            articles = (a for e in entries if (a := cache.article(e.url)) is not None)
            try:
                path, count = export_articles(
                    articles,
                    dest,
                    force=args.force,
                    edition=edition,
                    section=args.section,
                    since=args.since,
                    default_folder=settings.export_dir,
                )
            except ExportError as exc:
                raise UserError(str(exc), EXIT_PARTIAL) from None
            print(f"{count} articles written to {path}")
            if count < len(entries):
                _error(
                    f"{len(entries) - count} listed articles have no body yet and were left out; "
                    "`mfa-reader sync --bodies` fetches them"
                )
            return EXIT_OK
        found = _find_article(cache, settings, args.article)
    _tell(found)
    article = found.article
    images = _image_source(article, settings) if fmt == "pdf" else None
    try:
        path = export_article(
            article,
            fmt,
            dest,
            force=args.force,
            wrap=args.wrap,
            image_source=images,
            template=settings.filename_template,
            default_folder=settings.export_dir,
        )
    except ExportError as exc:
        raise UserError(str(exc), EXIT_PARTIAL) from None
    print(path)
    return EXIT_OK


def cmd_print(args: argparse.Namespace) -> int:
    from mfa_reader.export.errors import ExportError, PrintError
    from mfa_reader.export.printing import print_article

    settings = _settings(args)
    with _open_cache(settings) as cache:
        found = _find_article(cache, settings, args.article)
    _tell(found)
    article = found.article
    try:
        job = print_article(
            article, args.printer or settings.printer, image_source=_image_source(article, settings)
        )
    except (PrintError, ExportError) as exc:
        raise UserError(str(exc), EXIT_PARTIAL) from None
    print(f"sent to the printer: job {job}")
    return EXIT_OK


# --- the reader -----------------------------------------------------------------------------------


def cmd_reader(args: argparse.Namespace) -> int:
    settings = _settings(args)
    from mfa_reader.ui.app import run_reader

    return run_reader(settings)


# --- the parser of the command line ---------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mfa-reader",
        description="Read the press releases of China's Ministry of Foreign Affairs. "
        "With no command, opens the reader.",
    )

    def add_common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--origin", help="fetch from this origin instead of the site (a mirror)")
        p.add_argument("--cache", help="the cache file to use")
        p.add_argument("--config", type=Path, help="the settings file to use")

    # Global options work before or after the command; SUPPRESS keeps the sub-command's copy from
    # erasing a value given before the command.
    add_common(parser)
    shared = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    add_common(shared)
    parser.set_defaults(func=cmd_reader)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, func: Callable[[argparse.Namespace], int], help: str, **kw: Any) -> Any:
        p = sub.add_parser(name, parents=[shared], help=help, description=kw.pop("desc", help))
        p.set_defaults(func=func)
        return p

    p = command(
        "parse",
        cmd_parse,
        "parse a saved page of the site and print what it holds",
        desc="Parse a saved list or article page. Exit 3 for a removed page, "
        "4 for a page that cannot be parsed.",
    )
    p.add_argument("file", metavar="FILE", help="a saved HTML page")
    p.add_argument("--url", help="the page's address, when the file does not carry it")
    p.add_argument("--json", action="store_true", help="print one JSON object")

    p = command("sync", cmd_sync, "refresh the cache from the site")
    p.add_argument("--edition", help="editions to refresh: en,zh,… or all (default: settings)")
    p.add_argument("--section", help="section ids, comma-separated (default: all of them)")
    p.add_argument("--pages", type=int, help="read at most N list pages per list")
    p.add_argument("--bodies", action="store_true", help="fetch every article not yet fetched")

    p = command("editions", cmd_editions, "list the site's editions")
    p.add_argument("--json", action="store_true")
    p = command("sections", cmd_sections, "list the sections of the editions")
    p.add_argument("--edition", help="only this edition")
    p.add_argument("--json", action="store_true")

    p = command("list", cmd_list, "list cached articles, newest first")
    p.add_argument("--edition")
    p.add_argument("--section")
    p.add_argument("--limit", type=int, default=30)
    p.add_argument("--since", help="only articles published on or after YYYY-MM-DD")
    p.add_argument("--starred", action="store_true", help="only starred articles")
    p.add_argument("--json", action="store_true")

    p = command("show", cmd_show, "print an article (fetched on demand when only listed)")
    p.add_argument("article", metavar="ID|URL", help="doc id or address of the article")
    p.add_argument("--wrap", type=int, help="wrap lines at N terminal cells")
    p.add_argument("--json", action="store_true")

    p = command("search", cmd_search, "search everything cached")
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--edition")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--json", action="store_true")

    p = command("import", cmd_import, "put saved pages or a mirrored folder into the cache")
    p.add_argument("paths", metavar="PATH", nargs="+", help="HTML files or folders")

    p = command("export", cmd_export, "write an article (or many) to a file")
    p.add_argument("article", metavar="ID|URL", nargs="?", help="omit with --format jsonl")
    p.add_argument("--format", "-f", default="pdf", help="pdf, txt, md, json or jsonl")
    p.add_argument("-o", "--output", help="file or folder (default: the export_dir setting)")
    p.add_argument("--force", action="store_true", help="replace an existing file")
    p.add_argument("--wrap", type=int, help="text: wrap lines at N terminal cells")
    p.add_argument("--edition", help="jsonl: only this edition")
    p.add_argument("--section", help="jsonl: only this section")
    p.add_argument("--since", help="jsonl: only articles published on or after YYYY-MM-DD")

    p = command("print", cmd_print, "print an article")
    p.add_argument("article", metavar="ID|URL")
    p.add_argument("--printer", help="printer name (default: settings, then the system's)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.func(args)
    except UserError as exc:
        _error(str(exc))
        return exc.code
    except Exception as exc:
        # Imported only here: the cache package is not needed by --help, parse or the reader's
        # start, and a command that failed on the cache has loaded it already.
        from mfa_reader.cache.errors import CacheError

        if not isinstance(exc, CacheError):
            raise
        _error(f"{exc}; what was stored before is kept")  # the file went bad or read-only
        return EXIT_PARTIAL
    except KeyboardInterrupt:
        _error("interrupted; what was finished is kept")
        return 130
    return code
