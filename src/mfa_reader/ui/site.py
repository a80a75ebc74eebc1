"""The ministry's site as the reader reaches it: an article fetched when opened, a list refreshed.

The app makes one :class:`Site` and hands it to the screens that need the network; they call it
from workers only. httpx and the parser are imported on the first call, in a thread, so the list
paints without them and the screen keeps answering while they load.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING, Any

from mfa_reader.config import Settings
from mfa_reader.model import Article

if TYPE_CHECKING:
    from mfa_reader.cache import Cache


class Site:
    def __init__(self, settings: Settings, cache: Cache) -> None:
        self.settings = settings
        self.cache = cache

    async def _network(self) -> tuple[Any, Any]:
        """The sync module and a fetcher."""
        sync = await asyncio.to_thread(_sync)
        fetcher = import_module("mfa_reader.fetcher").Fetcher.from_settings(self.settings)
        return sync, fetcher

    async def fetch_article(self, url: str) -> Article:
        """The article from the cache, or fetched from the site, stored, and returned."""
        cached = self.cache.article(url)
        if cached is not None:
            return cached
        sync, fetcher = await self._network()
        async with fetcher:
            article: Article = await sync.get_article(self.cache, fetcher, url)
        return article

    async def refresh_list(
        self, edition: str, section: str | None, on_progress: Callable[[Any], None]
    ) -> Any:
        """Refresh one edition's list pages (one section's, or all); the sync report."""
        sync, fetcher = await self._network()
        async with fetcher:
            return await sync.refresh(
                self.cache,
                fetcher,
                editions=[edition],
                sections=[section] if section else None,
                on_progress=on_progress,
            )


def _sync() -> Any:
    """The sync module, imported when the network is first needed (it pulls in httpx)."""
    import_module("mfa_reader.fetcher")
    return import_module("mfa_reader.sync")
