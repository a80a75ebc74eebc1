"""Finding the same article in another edition (design.md: "Finding the same article in another
edition").

In order: the page's own language links; a link from another cached page (which is that version,
or links to it); and for a press conference, the conference of the same day in the other
edition's list, told by the date its title gives in that edition's words ("on October 17, 2025",
"2025年10月17日", "du 17 octobre 2025"…), never by when it was published: the French, Spanish,
Russian and Arabic versions come out up to three days after the Chinese and English ones.

What is missing is fetched, politely, through the fetcher: the other edition's list pages (the
list is newest first, so it is searched by halves rather than walked), then the article. What is
found is remembered both ways in the cache, so the next time it is found at once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from mfa_reader.cache import Cache
from mfa_reader.dates import find_date
from mfa_reader.editions import EDITION_CODES, PRESS_CONFERENCE_TITLES, PRESS_CONFERENCES
from mfa_reader.editions import edition as edition_named
from mfa_reader.editions import section as section_of
from mfa_reader.fetcher import Fetcher, FetchError
from mfa_reader.model import Article, ArticleEntry, ArticleRef, Listing, MatchedBy, TranslationLink
from mfa_reader.parser import RemovedPage, doc_id, parse_listing
from mfa_reader.report import Progress, Step
from mfa_reader.sync import get_article, is_removal, list_page_url, page_naming

# How many days after the conference its versions may be published (and one before, for a list
# that dates by another clock).
DAYS_LATER = 3
_DAYS_EARLIER = 1


@dataclass(frozen=True, slots=True)
class Translation:
    """The same article in another edition, and how it was found."""

    article: Article
    matched_by: MatchedBy


def conference_day(article: Article | ArticleEntry | ArticleRef) -> date | None:
    """The day of a press conference, as its title gives it; None for any other article."""
    if not is_press_conference(article):
        return None
    found = find_date(article.title, article.edition)
    return found.day if found is not None else None


def is_press_conference(article: Article | ArticleEntry | ArticleRef) -> bool:
    if article.section == PRESS_CONFERENCES:
        return True
    title = article.title.casefold()
    return any(words in title for words in PRESS_CONFERENCE_TITLES.get(article.edition, ()))


def translation_links(cache: Cache, article: Article) -> dict[str, TranslationLink]:
    """Where the article is in each other edition, as far as the cache can tell, by edition code:
    no network, so the choice of an edition can show at once the ones that have a version."""
    links = cache.translation_links(article.url, article.edition)
    day = conference_day(article)
    for code in EDITION_CODES:
        if day is not None and code != article.edition and code not in links:
            entry = _same_day_in_cache(cache, code, day)
            if entry is not None:
                links[code] = TranslationLink(entry.url, code, MatchedBy.DATE)
    return links


def cached_translation(cache: Cache, article: Article, edition: str) -> Translation | None:
    """The article in ``edition`` when the cache holds that version's text; no network."""
    link = _known_link(cache, article, edition)
    found = _cached_article(cache, link.url, edition) if link is not None else None
    if link is None or found is None:
        return None
    return _remember(cache, article, found, link.matched_by)


async def find_translation(
    cache: Cache,
    fetcher: Fetcher,
    article: Article,
    edition: str,
    on_progress: Callable[[Progress], None] | None = None,
) -> Translation | None:
    """The article in ``edition``: from the cache, else from the site (the page a link leads to;
    for a press conference, the other edition's list pages, then the article), stored and
    remembered both ways. None when the site has no such version.

    Raises ValueError for the article's own edition or an unknown one; FetchError (SiteRefused
    among them) when the site cannot be asked; ParseError when a page found cannot be read.
    """
    if edition not in EDITION_CODES or edition == article.edition:
        raise ValueError(f"no other edition {edition!r} for an article of {article.edition!r}")
    search = _Search(cache, fetcher, edition, _Steps(on_progress))
    try:
        found = await search.by_link(article) or await search.by_date(article)
    finally:
        search.steps.done()
    if found is not None:
        return _remember(cache, article, found.article, found.matched_by)
    if search.removed is not None:
        name = edition_named(edition).english_name
        raise RemovedPage(f"the {name} version ({search.removed}) was removed from the site")
    return None


def where_looked(article: Article, edition: str) -> str:
    """Where a version of ``article`` in ``edition`` was looked for, when none was found."""
    day = conference_day(article)
    if day is None:
        return (
            "its page links to none and no cached page links to it (only press conferences are "
            "also looked for by their date)"
        )
    name = edition_named(edition).english_name
    return (
        f"its page links to none, no cached page links to it, and the {name} press-conference "
        f"list has no conference of {day.isoformat()}"
    )


# --- what the cache knows -------------------------------------------------------------------------


def _known_link(cache: Cache, article: Article, edition: str) -> TranslationLink | None:
    link = cache.translation_links(article.url, article.edition).get(edition)
    if link is not None:
        return link
    day = conference_day(article)
    entry = _same_day_in_cache(cache, edition, day) if day is not None else None
    return TranslationLink(entry.url, edition, MatchedBy.DATE) if entry is not None else None


def _same_day_in_cache(cache: Cache, edition: str, day: date) -> ArticleEntry | None:
    """The cached press conference of ``edition`` whose title gives ``day``."""
    entries = cache.published_between(
        edition, day - timedelta(days=_DAYS_EARLIER), day + timedelta(days=DAYS_LATER)
    )
    same_day = [e for e in entries if conference_day(e) == day]
    # The regular press conference's list first, then what has its text.
    same_day.sort(key=lambda e: (e.section != PRESS_CONFERENCES, not e.has_body))
    return same_day[0] if same_day else None


def _cached_article(cache: Cache, url: str, edition: str) -> Article | None:
    """The article at ``url``, or the same article (by its doc id) at another address of the
    site: a page may link to either host, or to an older path."""
    found = cache.article(url)
    if found is None:
        number = doc_id(url)
        entry = cache.entry(number) if number else None
        if entry is not None and entry.edition == edition and entry.has_body:
            found = cache.article(entry.url)
    return found if found is not None and found.edition == edition else None


def _remember(cache: Cache, article: Article, found: Article, how: MatchedBy) -> Translation:
    cache.remember_translation(article, found, how)
    return Translation(found, how)


# --- what the site is asked -----------------------------------------------------------------------


class _Steps:
    """Progress of one search, for ``on_progress``: list pages read, then the article."""

    def __init__(self, on_progress: Callable[[Progress], None] | None) -> None:
        self.on_progress = on_progress
        self.pages = 0
        self.pages_expected = 0
        self.articles = 0
        self.articles_expected = 0

    def tell(self, step: Step, where: str) -> None:
        if self.on_progress is not None:
            self.on_progress(
                Progress(
                    step,
                    where,
                    pages_done=self.pages,
                    pages_total=max(self.pages, self.pages_expected),
                    articles_done=self.articles,
                    articles_total=max(self.articles, self.articles_expected),
                    errors=0,
                )
            )

    def done(self) -> None:
        if self.pages or self.articles:
            self.tell(Step.DONE, "")


class _Search:
    """One search's fetches: each address asked for once, and the first the site removed."""

    def __init__(self, cache: Cache, fetcher: Fetcher, edition: str, steps: _Steps) -> None:
        self.cache = cache
        self.fetcher = fetcher
        self.edition = edition
        self.steps = steps
        self.tried: set[str] = set()
        self.removed: str | None = None

    async def by_link(self, article: Article) -> Translation | None:
        """The version a link leads to (or found before), which the cache tells of."""
        link = _known_link(self.cache, article, self.edition)
        found = await self.article_at(link.url) if link is not None else None
        return Translation(found, link.matched_by) if link and found else None

    async def by_date(self, article: Article) -> Translation | None:
        """For a press conference, the conference of its day in the edition's lists."""
        day = conference_day(article)
        if day is None:
            return None
        for list_url in _conference_lists(self.edition):
            ref = await _ListSearch(self.fetcher, list_url, self.edition, day, self.steps).run()
            found = await self.article_at(ref.url) if ref is not None else None
            if found is not None:
                return Translation(found, MatchedBy.DATE)
        return None

    async def article_at(self, url: str) -> Article | None:
        """The article at ``url`` in the edition looked for: cached, else fetched and stored;
        None when the site has removed it (or it is of another edition)."""
        found = await asyncio.to_thread(_cached_article, self.cache, url, self.edition)
        if found is not None or url in self.tried:
            return found
        self.tried.add(url)
        self.steps.articles_expected += 1
        self.steps.tell(Step.STARTING, url)
        try:
            found = await get_article(self.cache, self.fetcher, url)
        except RemovedPage:
            self.removed = self.removed or url
            return None
        finally:
            self.steps.articles += 1
        self.steps.tell(Step.FETCHED, url)
        return found if found.edition == self.edition else None


def _conference_lists(edition: str) -> tuple[str, ...]:
    try:
        return section_of(edition, PRESS_CONFERENCES).list_urls
    except KeyError:
        return ()


class _ListSearch:
    """The conference of ``day`` in one list, which is newest first: the page that reaches back
    to the days its versions may be published on is found by doubling, then halving, the page
    number; the entries of those days are then read."""

    def __init__(
        self, fetcher: Fetcher, list_url: str, edition: str, day: date, steps: _Steps
    ) -> None:
        self.fetcher = fetcher
        self.list_url = list_url
        self.edition = edition
        self.day = day
        self.first = day - timedelta(days=_DAYS_EARLIER)
        self.last = day + timedelta(days=DAYS_LATER)
        self.steps = steps
        self.pages: dict[int, Listing | None] = {}
        self.naming: tuple[str, str] | None = None
        self.count: int | None = None  # pages in the list, when page 0 says

    async def run(self) -> ArticleRef | None:
        start = await self.first_page_reaching_back()
        if start is None:
            return None
        for n in range(start, start + 3):  # (the days looked for fit on a page or two)
            listing = await self.page(n) if self.count is None or n < self.count else None
            if listing is None:
                return None
            for ref in listing.items:
                if conference_day(ref) == self.day:
                    return ref
            oldest = _oldest(listing)
            if oldest is not None and oldest < self.first:
                return None
        return None

    async def first_page_reaching_back(self) -> int | None:
        """The first page whose oldest entry is of the last day a version may be published on,
        or older; None when the whole list is newer."""
        if self.reaches(await self.page(0)):
            return 0
        newer, step = 0, 1  # page ``newer`` is all newer than the days looked for
        while True:
            probe = newer + step if self.count is None else min(newer + step, self.count - 1)
            if probe == newer:
                return None  # the list ends before those days
            if self.reaches(await self.page(probe)):
                break
            newer, step = probe, step * 2
        older = probe
        while older - newer > 1:
            middle = (newer + older) // 2
            if self.reaches(await self.page(middle)):
                older = middle
            else:
                newer = middle
        return older if self.pages.get(older) is not None else None

    def reaches(self, listing: Listing | None) -> bool:
        """Whether a page (None: past the list's end) reaches back to the days looked for."""
        if listing is None:
            return True
        oldest = _oldest(listing)
        return oldest is not None and oldest <= self.last

    async def page(self, n: int) -> Listing | None:
        """Page ``n`` of the list, read once; None past its end."""
        if n in self.pages:
            return self.pages[n]
        url = self.list_url if n == 0 else list_page_url(self.list_url, n, self.naming)
        self.steps.pages_expected = max(self.steps.pages_expected, self.steps.pages + 1)
        self.steps.tell(Step.STARTING, url)
        listing: Listing | None
        try:
            result = await self.fetcher.fetch(url, edition=self.edition)
            assert result.content is not None  # (asked without validators)
            if n == 0:
                self.naming = page_naming(result.content)
            listing = await asyncio.to_thread(parse_listing, result.content, url)
        except FetchError as exc:
            if n == 0 or not is_removal(exc):
                raise
            listing = None  # past the end
        except RemovedPage:
            if n == 0:
                raise
            listing = None
        finally:
            self.steps.pages += 1
        if listing is not None and not listing.items:
            listing = None
        if n == 0 and listing is not None and listing.page_count:
            self.count = listing.page_count
        self.pages[n] = listing
        self.steps.tell(Step.LISTED, url)
        return listing


def _oldest(listing: Listing) -> date | None:
    return min((ref.date for ref in listing.items if ref.date is not None), default=None)
