"""Refreshing the cache from the site: list pages first, then (when asked) article bodies.

``refresh`` walks each chosen section's lists from the newest page (``index``, ``index_1``, …;
legacy ``default``, ``default_1``, …) and stops at the first page whose entries are all known, at
the list's last page, or after ``pages`` pages. Page 0 is asked for conditionally, with the
validators saved when the list was last walked to its end, so an unchanged list costs one 304.

It never raises for one bad page: failures are collected in the ``Report`` and the rest goes
on. A removal (the maintenance page, a redirect to the site's system page, a 404) is an
observation, not a verdict: the cache notes when it was first seen, keeps the text, and
``bodies=True`` asks again for what was seen removed in the last ``RECHECK_REMOVED_DAYS`` days
(the maintenance page also answers for pages that are only down for a while). An article whose
page redirects to another article is stored under that article's own address, and the address
asked for is noted as moved. With ``recheck_days``, articles published in that many days are
asked for again with their page's validators (a conditional GET): an unchanged page costs one
request and no body, an edited one gives a new version of the text, kept beside the old.
A refusal by the site (403/412/429) stops everything on that host.
Cache errors (a full disk, say) do end the run: nothing sensible can go on without the cache.

Killed at any moment, a run leaves the cache consistent (one short transaction per list page and
per article), and the next run finishes the work:

- an article listed but without a body is fetched by the next run with ``bodies=True``;
- a list walk that did not reach its end leaves a *walk mark* (``Cache.save_walk_mark``): the
  oldest entry it stored. The next walk goes on until it has passed that entry, whatever pages
  of known entries it meets before (the site may have published meanwhile, pushing the entries
  down the pages), and asks for page 0 unconditionally. The mark is written before a page's
  entries are, so no order of kills can hide older pages, and it only ever moves down the list:
  a walk that stops again before passing it leaves it where it was.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import Enum
from urllib.parse import urlsplit

from mfa_reader.cache import Cache, Stored
from mfa_reader.editions import BEIJING, EDITION_CODES, SECTIONS
from mfa_reader.editions import sections as sections_of
from mfa_reader.fetcher import (
    Fetcher,
    FetchError,
    FetchFailure,
    FetchResult,
    PageRemoved,
    SiteRefused,
)
from mfa_reader.model import Article, Section
from mfa_reader.parser import ParseError, RemovedPage, parse_article, parse_listing
from mfa_reader.parser.urls import canonical_url
from mfa_reader.report import Failure, Progress, Report, Step

log = logging.getLogger(__name__)

_PAGING = re.compile(rb"""(index|default)(?:\.|["'],\s*["'])(s?html?)\b""")
RECHECK_REMOVED_DAYS = 30


class _Verdict(Enum):
    """What a list page says about the walk."""

    NEXT = "next"  # read the next page
    COMPLETE = "complete"  # the walk has met everything it had to: its end, or known entries
    STOP = "stop"  # stopped short (a failure, a refusal, the page cap): a later run goes on


@dataclass
class _Walk:
    """The state of one list's walk."""

    list_url: str
    mark: str | None = None  # the walk mark stored now (see the module notes)
    passed: bool = True  # the walk has gone past the mark it started with (or there was none)
    validators: tuple[str | None, str | None] | None = None  # for page 0
    first: FetchResult | None = None  # page 0, whose validators are saved when the walk completes
    naming: tuple[str, str] | None = None  # ("index", "html"): how further pages are named
    pending: dict[int, asyncio.Task[FetchResult | FetchError]] = field(default_factory=dict)

    def page_url(self, n: int) -> str:
        return self.list_url if n == 0 else list_page_url(self.list_url, n, self.naming)


@dataclass(frozen=True, slots=True)
class _Job:
    """An article page to fetch: a body wanted, or (with validators) a recheck."""

    url: str
    validators: tuple[str | None, str | None] | None = None

    @property
    def is_recheck(self) -> bool:
        return self.validators is not None


class _Run:
    """One refresh: shared counters, the report, and the queue of article pages to fetch."""

    def __init__(
        self,
        cache: Cache,
        fetcher: Fetcher,
        pages: int | None,
        bodies: bool,
        recheck_since: str | None,
        on_progress: Callable[[Progress], None] | None,
    ) -> None:
        self.cache = cache
        self.fetcher = fetcher
        self.pages = pages
        self.bodies = bodies
        self.recheck_since = recheck_since  # ISO date: recheck articles published since
        self.on_progress = on_progress
        self.report = Report()
        self.pages_done = 0
        self.expected_pages: dict[str, int] = {}  # list URL -> pages it is expected to take
        self.articles_done = 0
        self.articles_total = 0
        self.rechecks_done = 0
        self.rechecks_total = 0
        self.queue: asyncio.Queue[_Job | None] = asyncio.Queue()
        self.queued: set[str] = set()
        self.seen_removed: set[str] = set()  # removed before this run: still removed is not news

    # --- reporting --------------------------------------------------------------------------------

    def progress(self, step: Step, where: str = "") -> None:
        if self.on_progress is None:
            return
        self.on_progress(
            Progress(
                step=step,
                where=where,
                pages_done=self.pages_done,
                pages_total=max(self.pages_done, sum(self.expected_pages.values())),
                articles_done=self.articles_done,
                articles_total=self.articles_total,
                errors=len(self.report.failed),
                rechecks_done=self.rechecks_done,
                rechecks_total=self.rechecks_total,
            )
        )

    def fail(
        self, url: str, reason: str, *, retry_helps: bool, cause: FetchFailure | None = None
    ) -> None:
        log.info("%s: %s", url, reason)
        self.report.failed.append(Failure(url, reason, retry_helps, cause))
        self.progress(Step.FAILED, url)

    def refused(self, refusal: SiteRefused) -> None:
        host = refusal.host
        if host in self.report.refused:
            return  # said once is enough
        self.report.refused[host] = refusal.message
        self.report.failed.append(
            Failure(refusal.url, refusal.message, retry_helps=True, cause=FetchFailure.REFUSED)
        )
        self.progress(Step.REFUSED, host)

    def is_refused(self, url: str) -> bool:
        return (urlsplit(url).hostname or "") in self.report.refused

    def enqueue(self, jobs: Iterable[_Job]) -> None:
        for job in jobs:
            if job.url not in self.queued and not self.is_refused(job.url):
                self.queued.add(job.url)
                if job.is_recheck:
                    self.rechecks_total += 1
                else:
                    self.articles_total += 1
                self.queue.put_nowait(job)

    # --- list walks -------------------------------------------------------------------------------

    async def section(self, section: Section) -> None:
        for list_url in section.list_urls:
            await self.walk(canonical_url(list_url))
        await self.queue_section(section)

    async def queue_section(self, section: Section) -> None:
        """Queue the section's article pages to ask for besides the new ones: bodies left to
        fetch and articles seen removed (with ``bodies``), and the rechecks."""
        if self.bodies:  # leftovers of earlier runs, and anything listed but not fetched
            missing = await asyncio.to_thread(
                self.cache.missing_bodies, section.edition, section.id
            )
            since = datetime.now(UTC) - timedelta(days=RECHECK_REMOVED_DAYS)
            removed = await asyncio.to_thread(
                self.cache.removed_since, since.isoformat(), section.edition, section.id
            )
            self.seen_removed.update(e.url for e in removed)
            self.enqueue(_Job(e.url) for e in [*missing, *removed])
        if self.recheck_since is not None:
            served = await asyncio.to_thread(
                self.cache.recheck_candidates, self.recheck_since, section.edition, section.id
            )
            self.enqueue(_Job(url, validators) for url, validators in served)

    async def walk(self, list_url: str) -> None:
        """Walk one list from its newest page; see the module notes for when it stops."""
        if self.is_refused(list_url):
            return
        walk = _Walk(list_url)
        walk.mark = await asyncio.to_thread(self.cache.walk_mark, list_url)
        walk.passed = walk.mark is None
        if walk.passed:  # a walk that did not finish gets no 304 for page 0
            walk.validators = await asyncio.to_thread(self.cache.list_validators, list_url)
        self.expected_pages[list_url] = 1
        verdict = _Verdict.STOP
        n = 0
        try:
            while True:
                task = walk.pending.pop(n, None)
                outcome = await task if task is not None else await self.fetch_page(walk, n)
                self.pages_done += 1
                verdict = await self.take_page(walk, n, outcome)
                if verdict is not _Verdict.NEXT:
                    break
                n += 1
        finally:
            for task in walk.pending.values():
                task.cancel()
            self.expected_pages[list_url] = n + 1
        if verdict is _Verdict.COMPLETE:
            if walk.first is not None:
                await asyncio.to_thread(
                    self.cache.save_list_validators,
                    list_url,
                    walk.first.etag,
                    walk.first.last_modified,
                )
            if walk.mark is not None:
                await asyncio.to_thread(self.cache.save_walk_mark, list_url, None)

    async def fetch_page(self, walk: _Walk, n: int) -> FetchResult | FetchError:
        try:
            return await self.fetcher.fetch(
                walk.page_url(n), validators=walk.validators if n == 0 else None
            )
        except FetchError as exc:
            return exc

    async def take_page(self, walk: _Walk, n: int, outcome: FetchResult | FetchError) -> _Verdict:
        """Store what page ``n`` lists; whether the walk goes on, is complete, or stops short."""
        page_url = walk.page_url(n)
        if isinstance(outcome, SiteRefused):
            self.refused(outcome)
            return _Verdict.STOP
        if isinstance(outcome, FetchError):
            if n > 0 and is_removal(outcome):  # past the list's end
                return _Verdict.COMPLETE
            if outcome.reason is FetchFailure.NOT_FOUND:
                self.fail(page_url, "the section's list is not at this address (404); the site "
                          "may have moved it", retry_helps=False, cause=outcome.reason)  # fmt: skip
            else:
                self.fail(page_url, outcome.detail, retry_helps=outcome.reason.retry_helps,
                          cause=outcome.reason)  # fmt: skip
            return _Verdict.STOP
        if outcome.content is None:  # 304: nothing new since the last complete walk
            self.report.not_modified += 1
            self.progress(Step.UNCHANGED, walk.list_url)
            return _Verdict.COMPLETE
        self.report.pages += 1
        if n == 0:
            walk.first = outcome
            walk.naming = page_naming(outcome.content)
        try:
            listing = parse_listing(outcome.content, page_url)
        except RemovedPage:
            if n > 0:
                return _Verdict.COMPLETE
            self.fail(
                page_url,
                "the site answers this list with its 'page does not exist' page",
                retry_helps=True,  # the maintenance page also answers during outages
                cause=FetchFailure.REMOVED,
            )
            return _Verdict.STOP
        except ParseError as exc:
            self.fail(page_url, f"the list page cannot be read: {exc}", retry_helps=False)
            return _Verdict.STOP
        if not listing.items:
            return _Verdict.COMPLETE

        last = listing.page_count - 1 if listing.page_count else None
        cap = self.pages - 1 if self.pages is not None else None
        horizon = min((x for x in (last, cap) if x is not None), default=None)
        self.expected_pages[walk.list_url] = horizon + 1 if horizon is not None else n + 2
        urls = [ref.url for ref in listing.items]
        known = await asyncio.to_thread(self.cache.known_urls, urls)
        fresh = [u for u in urls if u not in known]
        # Only past the mark of an unfinished walk does a page of known entries mean that the
        # rest of the list is known too.
        if walk.passed:
            beyond = urls
        elif walk.mark in urls:
            walk.passed = True
            beyond = urls[urls.index(walk.mark) + 1 :]
        else:
            beyond = []
        is_last = last is not None and n >= last
        if fresh and walk.passed and not is_last:
            # The mark goes first: a kill after the entries are in must not hide older pages.
            await self.mark(walk, urls[-1])
        new = await asyncio.to_thread(self.cache.add_refs, listing.items)
        for url in new:
            self.report.add_new(url)
        if self.bodies:
            self.enqueue(_Job(url) for url in new)
        self.progress(Step.LISTED, page_url)

        if is_last or (beyond and known.issuperset(beyond)):
            return _Verdict.COMPLETE
        if cap is not None and n >= cap:
            return _Verdict.STOP  # asked to stop here: the mark says where a later run goes on
        if len(fresh) == len(urls) and horizon is not None:
            self.prefetch(walk, n, horizon)
        return _Verdict.NEXT

    async def mark(self, walk: _Walk, entry_url: str) -> None:
        if walk.mark != entry_url:
            await asyncio.to_thread(self.cache.save_walk_mark, walk.list_url, entry_url)
            walk.mark = entry_url

    def prefetch(self, walk: _Walk, n: int, horizon: int) -> None:
        """A page of nothing but new entries: the next pages are surely wanted, ask in parallel."""
        for k in range(n + 1, min(horizon, n + self.fetcher.concurrency) + 1):
            if k not in walk.pending:
                walk.pending[k] = asyncio.create_task(self.fetch_page(walk, k))

    # --- bodies -----------------------------------------------------------------------------------

    async def body_worker(self) -> None:
        while True:
            job = await self.queue.get()
            if job is None:
                return
            if not self.is_refused(job.url):
                await self.article(job)
            if job.is_recheck:
                self.rechecks_done += 1
                self.progress(Step.RECHECKED, job.url)
            else:
                self.articles_done += 1
                self.progress(Step.FETCHED, job.url)

    async def article(self, job: _Job) -> None:
        url = job.url
        try:
            fetched = await _fetch_and_store(self.cache, self.fetcher, url, job.validators)
        except SiteRefused as exc:
            self.refused(exc)
            return
        except (RemovedPage, FetchError) as exc:
            if isinstance(exc, FetchError) and not is_removal(exc):
                self.fail(url, exc.detail, retry_helps=exc.reason.retry_helps, cause=exc.reason)
            elif url not in self.seen_removed:
                self.report.removed.append(url)
            self.report.forget_new(url)  # listed a moment ago, gone already: not news
            return
        except ParseError as exc:
            self.fail(url, f"the article cannot be read: {exc}", retry_helps=False)
            return
        if job.is_recheck:
            self.report.rechecked += 1
        if fetched is None:  # not modified since it was fetched
            return
        article, outcome = fetched
        self.report.bodies += 1
        if outcome is Stored.NEW:
            self.report.add_new(article.url)
        elif outcome is Stored.UPDATED:
            self.report.updated.append(article.url)
        elif outcome is Stored.BACK:
            self.report.back.append(article.url)


async def refresh(
    cache: Cache,
    fetcher: Fetcher,
    *,
    editions: Iterable[str],
    sections: Iterable[str] | None = None,
    pages: int | None = None,
    bodies: bool = False,
    recheck_days: int = 0,
    on_progress: Callable[[Progress], None] | None = None,
) -> Report:
    """Refresh the lists of ``editions`` (codes) × ``sections`` (ids; None: all of each edition).

    ``pages`` caps the list pages read per list; ``bodies`` fetches the articles not yet fetched
    (new ones and leftovers of earlier runs); ``recheck_days`` asks again for the articles
    published in that many days, to see whether the site edited or removed them. Raises
    ValueError for unknown editions or sections, CacheError when the cache fails; never for a
    page.
    """
    chosen = _choose(editions, sections)
    if pages is not None and pages < 1:
        raise ValueError("pages must be at least 1")
    run = _Run(cache, fetcher, pages, bodies, _recheck_since(recheck_days), on_progress)
    for section in chosen:
        for list_url in section.list_urls:
            run.expected_pages[canonical_url(list_url)] = 1
    return await _drive(run, chosen, walk=True)


async def recheck_recent(
    cache: Cache,
    fetcher: Fetcher,
    *,
    editions: Iterable[str],
    sections: Iterable[str] | None = None,
    days: int,
    on_progress: Callable[[Progress], None] | None = None,
) -> Report:
    """Ask again for the articles of ``editions`` × ``sections`` published in the last ``days``
    days, as ``refresh`` does after its list walks, without walking the lists (the reader does
    it once its refresh has shown what is new). Raises as ``refresh`` does."""
    run = _Run(cache, fetcher, None, False, _recheck_since(days), on_progress)
    return await _drive(run, _choose(editions, sections), walk=False)


def _recheck_since(days: int) -> str | None:
    """The first day of publication to recheck (ISO date), None for no rechecks."""
    if days <= 0:
        return None
    return (datetime.now(BEIJING) - timedelta(days=days)).date().isoformat()


async def _drive(run: _Run, chosen: list[Section], *, walk: bool) -> Report:
    """Walk the sections' lists (``walk``) and fetch what they queue, with a pool of workers."""
    fetcher = run.fetcher
    requests_before = fetcher.requests_made
    run.progress(Step.STARTING)
    workers = max(2, fetcher.concurrency * 2) if run.bodies or run.recheck_since else 0
    try:
        async with asyncio.TaskGroup() as group:
            body_tasks = [group.create_task(run.body_worker()) for _ in range(workers)]
            await asyncio.gather(
                *(run.section(s) if walk else run.queue_section(s) for s in chosen)
            )
            for _ in body_tasks:
                run.queue.put_nowait(None)
    except BaseExceptionGroup as group_error:
        raise _first_error(group_error) from None
    run.report.requests = fetcher.requests_made - requests_before
    run.progress(Step.DONE)
    return run.report


async def get_article(cache: Cache, fetcher: Fetcher, url: str) -> Article:
    """Fetch, parse and store one article, and return it (the reader opens an unfetched one, or
    asks again for one seen removed).

    A page the site has removed is noted in the cache and RemovedPage is raised; a page that
    redirects to another article returns that article. FetchError/SiteRefused and ParseError pass
    through with their one-line messages.
    """
    fetched = await _ask_for(cache, fetcher, url, None)
    assert fetched is not None  # asked for the whole page: never "not modified"
    return fetched[0]


async def recheck_article(
    cache: Cache, fetcher: Fetcher, url: str, validators: tuple[str | None, str | None]
) -> tuple[Article, Stored] | None:
    """Ask again for a stored article with the validators its page came with (a conditional
    GET): None when the site says it has not changed (nothing is written), else the article and
    what storing it did (``Stored.UPDATED``: the site edited it). Raises as ``get_article``."""
    return await _ask_for(cache, fetcher, url, validators)


async def _ask_for(
    cache: Cache, fetcher: Fetcher, url: str, validators: tuple[str | None, str | None] | None
) -> tuple[Article, Stored] | None:
    try:
        return await _fetch_and_store(cache, fetcher, url, validators)
    except FetchError as exc:
        if is_removal(exc):
            raise RemovedPage(f"the site has removed {exc.url} ({exc.detail})") from None
        raise


async def _fetch_and_store(
    cache: Cache,
    fetcher: Fetcher,
    url: str,
    validators: tuple[str | None, str | None] | None = None,
) -> tuple[Article, Stored] | None:
    """The article fetched and stored, and what storing it did; None when ``validators`` were
    given and the page has not changed since (nothing is written)."""
    url = canonical_url(url)
    try:
        result = await fetcher.fetch(url, validators=validators)
    except FetchError as exc:
        if is_removal(exc):
            await asyncio.to_thread(cache.mark_removed, url)
        raise
    content = result.content
    if content is None:
        return None

    def parse_and_store() -> tuple[Article, Stored]:
        # Parsed under the address the site answered from: a page that redirects to another
        # article is that article, never stored as the one asked for.
        try:
            article = parse_article(content, result.url)
        except RemovedPage:
            cache.mark_removed(url)
            raise
        outcome = cache.store_article(article, (result.etag, result.last_modified))
        if article.url != url:
            cache.mark_moved(url, article)
        return article, outcome

    return await asyncio.to_thread(parse_and_store)


def is_removal(exc: FetchError) -> bool:
    """The site says the page is gone: its system page, or 404/410."""
    return isinstance(exc, PageRemoved) or exc.reason is FetchFailure.NOT_FOUND


# --- helpers --------------------------------------------------------------------------------------


def _choose(editions: Iterable[str], section_ids: Iterable[str] | None) -> list[Section]:
    codes = list(dict.fromkeys(editions))
    if not codes:
        raise ValueError("no edition chosen")
    for code in codes:
        if code not in EDITION_CODES:
            raise ValueError(f"unknown edition {code!r}; editions: {', '.join(EDITION_CODES)}")
    if section_ids is None:
        return [s for code in codes for s in sections_of(code)]
    wanted = list(dict.fromkeys(section_ids))
    known = {s.id for s in SECTIONS}
    unknown = [s for s in wanted if s not in known]
    if unknown:
        raise ValueError(f"unknown section {unknown[0]!r}; sections: {', '.join(sorted(known))}")
    chosen = [s for code in codes for s in sections_of(code) if s.id in wanted]
    if not chosen:
        raise ValueError(
            f"none of the sections {', '.join(wanted)} exists in edition(s) {', '.join(codes)}"
        )
    return chosen


def _first_error(group: BaseExceptionGroup[BaseException]) -> BaseException:
    """The error that ended the run (a CacheError, say), out of its task group."""
    for exc in group.exceptions:
        if isinstance(exc, BaseExceptionGroup):
            return _first_error(exc)
        if not isinstance(exc, asyncio.CancelledError):
            return exc
    return group.exceptions[0]


def page_naming(page: bytes) -> tuple[str, str] | None:
    """How the list names its further pages (``index_1.html``, ``default_1.shtml`` …)."""
    m = _PAGING.search(page)
    return (m[1].decode(), m[2].decode()) if m else None


def list_page_url(list_url: str, n: int, naming: tuple[str, str] | None) -> str:
    """Page ``n`` (1 and more) of a list: named as page 0 says (``page_naming``), else as the
    list's kind of address suggests."""
    folder = list_url if list_url.endswith("/") else list_url.rsplit("/", 1)[0] + "/"
    if naming is None:
        path = urlsplit(list_url).path
        legacy = path.startswith("/mfa_eng/")
        chinese = path.startswith("/web/")
        naming = ("default" if legacy else "index", "shtml" if legacy or chinese else "html")
    name, ext = naming
    return f"{folder}{name}_{n}.{ext}"
