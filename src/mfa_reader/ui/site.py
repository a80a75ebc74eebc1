"""The ministry's site as the reader reaches it: an article fetched when opened, a list refreshed,
an article's version in another edition looked for.

The app makes one :class:`Site` and hands it to the screens that need the network; they call it
from workers only. httpx and the parser are imported on the first call, in a thread, so the list
paints without them and the screen keeps answering while they load.
"""

from __future__ import annotations

import asyncio
import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from mfa_reader.config import Settings
from mfa_reader.model import Article

if TYPE_CHECKING:
    from mfa_reader.cache import Cache, Stored
    from mfa_reader.fetcher import Fetcher
    from mfa_reader.other_editions import Translation
    from mfa_reader.report import Progress, Report


class Site:
    def __init__(self, settings: Settings, cache: Cache) -> None:
        self.settings = settings
        self.cache = cache

    async def _fetcher(self) -> Fetcher:
        """A fetcher; the first call loads httpx, the parser and sync in a thread."""
        await asyncio.to_thread(importlib.import_module, "mfa_reader.sync")
        from mfa_reader.fetcher import Fetcher

        return Fetcher.from_settings(self.settings)

    async def fetch_article(self, url: str) -> Article:
        """The article from the cache, or fetched from the site, stored, and returned."""
        cached = self.cache.article(url)
        if cached is not None:
            return cached
        return await self.ask_again(url)

    async def ask_again(self, url: str) -> Article:
        """The article as the site serves it now, stored (cached or not: one seen removed may be
        back). Raises what ``sync.get_article`` raises."""
        async with await self._fetcher() as fetcher:
            from mfa_reader.sync import get_article

            return await get_article(self.cache, fetcher, url)

    async def recheck(
        self, url: str, validators: tuple[str | None, str | None]
    ) -> tuple[Article, Stored] | None:
        """Ask again for a stored article, conditionally: None when it has not changed (nothing
        is written). Raises what ``sync.recheck_article`` raises."""
        async with await self._fetcher() as fetcher:
            from mfa_reader.sync import recheck_article

            return await recheck_article(self.cache, fetcher, url, validators)

    async def recheck_recent(
        self, edition: str, section: str | None, on_progress: Callable[[Progress], None]
    ) -> Report:
        """Ask again, conditionally, for the articles of one edition (one section, or all)
        published in the last ``recheck_days`` days: the sync report."""
        async with await self._fetcher() as fetcher:
            from mfa_reader.sync import recheck_recent

            return await recheck_recent(
                self.cache,
                fetcher,
                editions=[edition],
                sections=[section] if section else None,
                days=self.settings.recheck_days,
                on_progress=on_progress,
            )

    async def cached_translation(self, article: Article, edition: str) -> Translation | None:
        """The article in ``edition`` when the cache holds it (read in a thread); no network."""
        await asyncio.to_thread(importlib.import_module, "mfa_reader.other_editions")
        from mfa_reader.other_editions import cached_translation

        return await asyncio.to_thread(cached_translation, self.cache, article, edition)

    async def find_translation(
        self, article: Article, edition: str, on_progress: Callable[[Progress], None]
    ) -> Translation | None:
        """The article in ``edition``, looked for on the site (what the cache has is used on the
        way), with progress. Raises what ``other_editions.find_translation`` raises."""
        async with await self._fetcher() as fetcher:
            from mfa_reader.other_editions import find_translation

            return await find_translation(self.cache, fetcher, article, edition, on_progress)

    async def refresh_list(
        self, edition: str, section: str | None, on_progress: Callable[[Progress], None]
    ) -> Report:
        """Refresh one edition's list pages (one section's, or all); the sync report."""
        async with await self._fetcher() as fetcher:
            from mfa_reader.sync import refresh

            return await refresh(
                self.cache,
                fetcher,
                editions=[edition],
                sections=[section] if section else None,
                on_progress=on_progress,
            )
