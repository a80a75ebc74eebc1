"""Commands that read: editions, sections, parse, list, search, show — and finding an article."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mfa_reader.cli.arguments import check_section, edition_filter
from mfa_reader.cli.common import (
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_REMOVED,
    EXIT_UNPARSABLE,
    UserError,
    load_settings,
    open_cache,
    print_json,
    run,
    say,
)

if TYPE_CHECKING:
    from mfa_reader.cache import Cache
    from mfa_reader.cache.database import Only
    from mfa_reader.config import Settings
    from mfa_reader.model import Article, ArticleEntry, Listing


# --- the site's catalogue -------------------------------------------------------------------------


def cmd_editions(args: argparse.Namespace) -> int:
    from mfa_reader.editions import EDITIONS

    if args.json:
        print_json(
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

    editions = edition_filter(args.edition)
    chosen = [s for s in sections() if editions is None or s.edition in editions]
    if args.json:
        print_json(
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


# --- a saved page ---------------------------------------------------------------------------------


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
        say(f"{path}: {exc} (the site answers removed pages with a maintenance page)")
        return EXIT_REMOVED
    except ParseError as exc:
        say(f"{path}: cannot be read as a page of the ministry's site: {exc}")
        return EXIT_UNPARSABLE
    if args.json:
        print_json(result.to_dict())
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


# --- list, search ---------------------------------------------------------------------------------


def entry_json(entry: ArticleEntry) -> dict[str, Any]:
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
        "removed_at": entry.removed_at,
        "versions": entry.version,
    }


def _print_entries(
    entries: Sequence[ArticleEntry], snippets: Sequence[Sequence[str]] | None = None
) -> None:
    for i, entry in enumerate(entries):
        marks = ("★" if entry.starred else " ") + (" " if entry.read else "•")
        day = (entry.published or "")[:10].ljust(10)
        gone = f"  (removed from the site on {entry.removed_at[:10]})" if entry.removed_at else ""
        print(f"{marks} {day}  {entry.edition}  {entry.doc_id:>9}  {entry.title}{gone}")
        for snippet in snippets[i] if snippets is not None else ():
            print(f"{'':27}{snippet}")


def cmd_list(args: argparse.Namespace) -> int:
    settings = load_settings(args)
    editions = edition_filter(args.edition)
    check_section(editions, args.section)
    if args.changed and args.removed:
        raise UserError("choose --changed or --removed, not both")
    only: Only | None = "edited" if args.changed else "removed" if args.removed else None
    with open_cache(settings) as cache:
        entries = cache.entries(
            editions,
            args.section,
            limit=args.limit,
            starred_only=args.starred,
            since=args.since,
            only=only,
        )
    if args.json:
        print_json([entry_json(e) for e in entries])
    elif not entries:
        say("nothing cached for that choice yet; run `mfa-reader sync` first")
    else:
        _print_entries(entries)
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    from mfa_reader.search_query import QueryError, parse_query

    settings = load_settings(args)
    editions = edition_filter(args.edition)
    if editions is not None and len(editions) > 1:
        raise UserError("search one edition at a time, or all of them (leave out --edition)")
    check_section(editions, args.section)
    try:
        query = parse_query(args.query)
    except QueryError as exc:
        raise UserError(f"{exc} (in the query)") from None
    query = query.narrowed(
        edition=editions[0] if editions else None,
        section=args.section,
        since=args.since,
        until=args.until,
    )
    if not query.terms:
        raise UserError("give something to search for")
    with open_cache(settings) as cache:
        hits = cache.search(query, limit=args.limit)
    if args.json:
        print_json(
            [
                {
                    **entry_json(h.entry),
                    "snippet": h.snippet,
                    "snippets": h.snippets,
                    "rank": h.rank,
                }
                for h in hits
            ]
        )
    elif not hits:
        say(f"no cached article matches {args.query!r}")
    else:
        _print_entries([h.entry for h in hits], [h.snippets for h in hits])
    return EXIT_OK


# --- one article ----------------------------------------------------------------------------------


@dataclass
class Found:
    """An article to show or export, and what to tell the user about it beside the text."""

    article: Article
    notices: list[str] = field(default_factory=list)  # said on stderr: moved, removed
    removed_at: str | None = None  # the site was last seen not to serve it (the text is kept)

    def tell(self) -> None:
        for notice in self.notices:
            say(notice)


def find_article(cache: Cache, settings: Settings, key: str) -> Found:
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
        entry = cache.entry(entry.moved_to) or entry._replace(url=entry.moved_to, removed=False)
    kept = cache.article(entry.url) if entry is not None else None
    if entry is not None:
        if kept is not None and not entry.removed:
            return Found(kept, notices)
        url = entry.url
    elif key.startswith(("http://", "https://")):
        url = _site_address(key, settings)
        if doc_id(url) is None:
            raise UserError(f"{key} is not the address of an article (no doc id in it)")
    else:
        raise UserError(
            f"no article {key!r} in the cache; run `mfa-reader sync`, or give the article's URL"
        )
    return _fetch_or_keep(cache, settings, url, kept, notices)


def _fetch_or_keep(
    cache: Cache, settings: Settings, url: str, kept: Article | None, notices: list[str]
) -> Found:
    from mfa_reader.fetch_errors import FetchError
    from mfa_reader.parser import ParseError, RemovedPage
    from mfa_reader.sync import get_article

    async def fetch() -> Article:
        from mfa_reader.fetcher import Fetcher

        async with Fetcher.from_settings(settings) as fetcher:
            return await get_article(cache, fetcher, url)

    try:
        article = run(fetch())
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
    from mfa_reader.fetch_errors import FetchError
    from mfa_reader.fetcher import Fetcher
    from mfa_reader.parser import canonical_url

    try:
        return canonical_url(Fetcher(origin=settings.origin).canonical_url(key))
    except FetchError as exc:
        raise UserError(f"{key}: {exc.detail}") from None


def cmd_show(args: argparse.Namespace) -> int:
    from mfa_reader.export.text import article_to_text

    settings = load_settings(args)
    with open_cache(settings) as cache:
        if args.version is not None:
            from mfa_reader.cli.versions import article_at, which_text

            article, which = article_at(cache, args.article, args.version)
            found = Found(article, [which_text(which)])
        else:
            found = find_article(cache, settings, args.article)
        if args.parallel is not None:
            from mfa_reader.cli.parallel import show_parallel

            return show_parallel(
                cache, settings, found, args.parallel, as_json=args.json, wrap=args.wrap
            )
    found.tell()
    if args.json:
        print_json({**found.article.to_dict(), "removed_at": found.removed_at})
    else:
        sys.stdout.write(article_to_text(found.article, wrap=args.wrap))
    return EXIT_OK
