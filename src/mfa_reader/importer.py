"""Saved pages and mirrored folders into the cache, for reading offline.

Users keep ``wget`` mirrors (``www.fmprc.gov.cn/eng/xw/…``) or pages saved from a browser. Each page
is parsed like a fetched one: an article is stored, a list page adds its entries, the site's
maintenance page marks a known article removed. A page's address comes from its place in a mirror
(the folder named after the site's host), else from the page itself (``<meta name="Url">``).
Nothing is fetched. One bad file is reported and the rest goes on, like a sync.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from mfa_reader.cache import Cache, Stored
from mfa_reader.editions import SITE_HOSTS
from mfa_reader.model import Article
from mfa_reader.parser import MissingAddress, ParseError, RemovedPage, parse_page
from mfa_reader.parser.urls import canonical_url
from mfa_reader.report import Failure, Progress, Report, Step

PAGE_SUFFIXES = (".html", ".shtml", ".htm")


def site_url_of_path(path: Path) -> str | None:
    """The site address of a file in a mirror: ``…/www.fmprc.gov.cn/eng/a.html`` -> https://…"""
    parts = path.absolute().parts
    for i in range(len(parts) - 2, -1, -1):
        host = parts[i].lower()
        if host in SITE_HOSTS:
            rest = "/".join(parts[i + 1 :])
            if rest.endswith(".shtml.html"):  # wget --adjust-extension
                rest = rest.removesuffix(".html")
            return canonical_url(f"https://{host}/{rest}")
    return None


def page_files(paths: Iterable[Path]) -> Iterator[Path | tuple[Path, str]]:
    """The page files under ``paths`` (folders are searched), or (path, why) for what is not."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.name.lower().endswith(PAGE_SUFFIXES)
            )
        elif path.is_file():
            yield path
        else:
            yield path, "no such file or folder"


def import_pages(
    cache: Cache,
    paths: Iterable[Path],
    *,
    on_progress: Callable[[Progress], None] | None = None,
) -> Report:
    """Put the pages under ``paths`` into the cache; the report says what came in and what not.

    ``new`` holds articles stored for the first time and entries first listed, ``updated`` stored
    articles that changed, ``removed`` maintenance pages (marked removed when the cache knew the
    address), ``failed`` the files that are not pages of the site.
    """
    report = Report()
    files = list(page_files(paths))

    def progress(done: int, step: Step, where: Path | str) -> None:
        if on_progress is not None:
            on_progress(Progress(step, str(where), done, len(files), 0, 0, len(report.failed)))

    def fail(done: int, where: Path, reason: str) -> None:
        # Reading the same files again gives the same answer: running again does not help.
        report.failed.append(Failure(str(where), reason, retry_helps=False))
        progress(done, Step.FAILED, where)

    for done, item in enumerate(files, start=1):
        if isinstance(item, tuple):
            fail(done, *item)
            continue
        file = item
        try:
            data = file.read_bytes()
        except OSError as exc:
            fail(done, file, f"cannot be read ({exc.strerror or exc})")
            continue
        url = site_url_of_path(file)
        try:
            page = parse_page(data, url)
        except RemovedPage:
            report.removed.append(url or str(file))
            progress(done, Step.FETCHED, file)
            continue
        except MissingAddress:
            fail(
                done,
                file,
                "its address is unknown: import the mirror's folder named after the site's "
                "host (www.fmprc.gov.cn or www.mfa.gov.cn)",
            )
            continue
        except ParseError as exc:
            fail(done, file, str(exc))
            continue
        if isinstance(page, Article):
            outcome = cache.store_article(page)
            report.bodies += 1
            if outcome is Stored.NEW:
                report.add_new(page.url)
            elif outcome is Stored.UPDATED:
                report.updated.append(page.url)
            elif outcome is Stored.BACK:
                report.back.append(page.url)
        else:
            report.pages += 1
            for new_url in cache.add_refs(page.items):
                report.add_new(new_url)
        progress(done, Step.FETCHED, file)
    # After the list pages, so that a removed article listed by a later file is marked too.
    for url in report.removed:
        if url.startswith("https://") and cache.entry(url) is not None:
            cache.mark_removed(url)
            report.forget_new(url)
    progress(len(files), Step.DONE, "")
    return report
