"""Looking again when an article is opened: has the site edited or removed it since?

An article whose page was last stored longer ago than ``recheck_after_hours`` is asked for again
in the background, with the validators its page came with, so an unchanged page costs one
request and no body, and nothing is written. The cache only notes when the site sends something,
so what this session has asked is kept here: one session asks once per article. What is found
goes back to the screen as a message (:class:`ArticleRecheck.Found`).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from textual.dom import DOMNode
from textual.message import Message

from mfa_reader.ui.text import one_line

if TYPE_CHECKING:
    from mfa_reader.cache import Cache
    from mfa_reader.model import ArticleEntry
    from mfa_reader.ui.site import Site

log = logging.getLogger(__name__)


class ArticleRecheck:
    class Found(Message):
        """The site edited the article (its new text is stored as the latest version), or no
        longer serves it (its text is kept)."""

        def __init__(self, url: str) -> None:
            super().__init__()
            self.url = url

    def __init__(self, node: DOMNode, site: Site, cache: Cache, after_hours: int) -> None:
        self.node = node  # runs the worker and receives the messages
        self.site = site
        self.cache = cache
        self.after = timedelta(hours=after_hours) if after_hours > 0 else None
        self.asked: set[str] = set()  # articles this session asked the site about

    def look_again(self, url: str) -> None:
        """Ask the site about the article at ``url`` if it is due (one asked before and not
        answered yet is asked again: the user came back to it)."""
        if self.after is None or url in self.asked:
            return
        self.node.run_worker(self._ask(url), group="recheck", exclusive=True)

    def _due(self, url: str) -> tuple[str | None, str | None] | None:
        """The validators to ask with when the article's page was stored long enough ago, else
        None (and the article counts as asked: it was just fetched)."""
        last = self.cache.last_fetch(url)
        if last is None or self.after is None:
            return None
        stored = datetime.fromisoformat(last.at)
        if datetime.now(UTC) - stored < self.after:
            self.asked.add(url)
            return None
        return last.validators

    async def _ask(self, url: str) -> None:
        from mfa_reader.cache import Stored

        validators = self._due(url)
        if validators is None:
            return
        try:
            fetched = await self.site.recheck(url, validators)
        except Exception as exc:  # removed; or offline, refused: the text kept stays
            from mfa_reader.parser import RemovedPage  # loaded by the call, in a thread

            self.asked.add(url)
            if isinstance(exc, RemovedPage):
                self.node.post_message(self.Found(url))
            else:
                log.info("looking again at %s failed", url, exc_info=True)
            return
        self.asked.add(url)
        if fetched is not None and fetched[1] is Stored.UPDATED:
            self.node.post_message(self.Found(url))


def found_notice(entry: ArticleEntry, *, in_reader: bool) -> str:
    """What to tell the user of an article found edited or removed (``in_reader``: the one the
    reader shows)."""
    if not in_reader:
        what = "removed from the site" if entry.removed else "edited on the site"
        return f"“{one_line(entry.title)[:60]}” was {what}; every text is kept."
    if entry.removed:
        return "The site no longer serves this article; its text as last seen is kept."
    return (
        "The site has edited this article since it was fetched: this is its new text, and the "
        "earlier one is kept. h shows what changed."
    )
