"""Refreshing the list shown (``r``, at start, on a timer) and counting its articles.

Both run in workers of the screen they serve; what they find goes back to that screen as
messages (:class:`ListRefresh.Progressed`, :class:`ListRefresh.Finished`,
:class:`ListRefresh.Counted`), which it shows in its title bar, status line and list. Once a
refresh has shown what is new, it looks again at the place's articles of the last
``recheck_days`` days (conditional requests: an unchanged page costs no body) and says what the
site edited or removed (:class:`ListRefresh.Rechecked`).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from textual.dom import DOMNode
from textual.message import Message

from mfa_reader.ui.place import Place
from mfa_reader.ui.progress import (
    RefreshOutcome,
    failure_notice,
    progress_line,
    report_summary,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from mfa_reader.cache import Cache, ListCount
    from mfa_reader.report import Progress, Report
    from mfa_reader.ui.site import Site


log = logging.getLogger(__name__)


class ListRefresh:
    class Progressed(Message):
        """A refresh moved on; ``text`` is its progress line (``pages 2/5 · articles 10/40``)."""

        def __init__(self, place: Place, text: str) -> None:
            super().__init__()
            self.place = place
            self.text = text

    class Finished(Message):
        """A refresh ended, well or not: what to tell the user (:class:`RefreshOutcome`)."""

        def __init__(self, place: Place, keep_url: str | None, outcome: RefreshOutcome) -> None:
            super().__init__()
            self.place = place
            self.keep_url = keep_url
            self.outcome = outcome

    class Rechecked(Message):
        """Looking again at the place's recent articles ended (the refresh did it after showing
        what is new): what it found, in the sync's report."""

        def __init__(self, place: Place, report: Report) -> None:
            super().__init__()
            self.place = place
            self.report = report

    class Counted(Message):
        """The articles of each section of a place's edition were counted."""

        def __init__(self, place: Place, counts: dict[str | None, ListCount]) -> None:
            super().__init__()
            self.place = place
            self.counts = counts

        @property
        def count(self) -> int:
            """The articles of the place: its section's, or the whole edition's."""
            if self.place.section is None:
                return sum(count.total for count in self.counts.values())
            count = self.counts.get(self.place.section)
            return count.total if count else 0

    def __init__(self, node: DOMNode, site: Site, cache: Cache) -> None:
        self.node = node  # runs the workers and receives the messages
        self.site = site
        self.cache = cache
        self.running = False  # the list is being refreshed
        self.rechecking = False  # then the recent articles are looked at again

    @property
    def busy(self) -> bool:
        """A refresh runs, or looks again at the recent articles after one."""
        return self.running or self.rechecking

    def start(self, place: Place, *, keep_url: str | None) -> None:
        """Refresh ``place``'s list pages (one under way is restarted); ``keep_url`` comes back in
        :class:`Finished`, for the cursor."""
        self.running = True
        self.node.run_worker(self._refresh(place, keep_url), group="refresh", exclusive=True)

    def stop(self) -> None:
        """Cancel a refresh under way (what it stored so far stays in the cache)."""
        if self.busy:
            self.node.workers.cancel_group(self.node, "refresh")
            self.running = self.rechecking = False

    async def _refresh(self, place: Place, keep_url: str | None) -> None:
        def on_progress(progress: Progress) -> None:
            self.node.post_message(self.Progressed(place, progress_line(progress)))

        try:
            report = await self.site.refresh_list(place.edition, place.section, on_progress)
        except Exception as exc:  # sync raises only for a cache that fails or a bad choice
            log.warning("the refresh of %s failed", place, exc_info=True)
            self.running = False
            outcome = failure_notice(exc, self.cache.count(place.edition))
            self.node.post_message(self.Finished(place, keep_url, outcome))
            return
        self.running = False
        outcome = report_summary(report, self.cache.count(place.edition))
        self.node.post_message(self.Finished(place, keep_url, outcome))
        answered = report.pages or report.not_modified  # the site was reached, and not refused
        if self.site.settings.recheck_days and answered and not report.refused:
            await self._recheck(place, on_progress)

    async def _recheck(self, place: Place, on_progress: Callable[[Progress], None]) -> None:
        """Look again, conditionally, at the articles of the place published in the last
        ``recheck_days`` days: were any edited or removed?"""
        self.rechecking = True
        try:
            report = await self.site.recheck_recent(place.edition, place.section, on_progress)
        except Exception:  # what the refresh found is shown; nothing is lost
            from mfa_reader.report import Report

            log.warning("looking again at the recent articles of %s failed", place, exc_info=True)
            report = Report()
        self.rechecking = False
        self.node.post_message(self.Rechecked(place, report))

    def count(self, place: Place) -> None:
        """Count the unread and listed articles of each section of ``place``'s edition off the
        event loop (a scan of 100,000 rows takes a while); :class:`Counted` brings the numbers."""
        self.node.run_worker(lambda: self._count(place), thread=True, group="count", exclusive=True)

    def _count(self, place: Place) -> None:
        self.node.post_message(self.Counted(place, self.cache.section_counts(place.edition)))
