"""Words for the state of a refresh: the progress line while it runs, the notice when it ends."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from mfa_reader.cache.errors import CacheError
from mfa_reader.fetch_errors import FetchFailure, SiteRefused

if TYPE_CHECKING:
    from mfa_reader.report import Progress, Report

# Failures that say nothing of the page, only that the site could not be reached.
UNREACHED = frozenset({FetchFailure.CONNECTION, FetchFailure.TIMEOUT})

OFFLINE_AND_EMPTY = (
    "Could not reach the site, and nothing is cached yet: press r to try again, or read offline "
    "with mfa-reader import PATH (saved pages) or mfa-reader --origin URL (a mirror)."
)


@dataclass(frozen=True, slots=True)
class RefreshOutcome:
    """What a finished refresh tells the user."""

    notice: str  # said once, as a notification
    problem: str | None = None  # kept in view while it is true; None: all went well
    unreached: bool = False  # the site was not reached at all: its first answer ends the problem


def progress_line(progress: Progress) -> str:
    """``pages 2/5 · articles 10/40 · rechecking 3/12 · 1 error`` from a refresh's
    ``Progress``."""
    parts: list[str] = []
    if progress.pages_total or progress.pages_done:
        parts.append(f"pages {progress.pages_done}/{progress.pages_total or '?'}")
    if progress.articles_total or progress.articles_done:
        parts.append(f"articles {progress.articles_done}/{progress.articles_total or '?'}")
    if progress.rechecks_total:
        parts.append(f"rechecking {progress.rechecks_done}/{progress.rechecks_total}")
    if progress.errors:
        parts.append(f"{progress.errors} error{'s' if progress.errors != 1 else ''}")
    return " · ".join(parts) or "starting"


def first_line(text: str, limit: int = 160) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _kept(cached: int) -> str:
    return f"the {cached:,} cached articles stay readable" if cached else "nothing is cached yet"


def failure_notice(exc: BaseException, cached: int) -> RefreshOutcome:
    """A refresh that could not run at all (``cached``: articles of the edition)."""
    if isinstance(exc, CacheError):
        text = (
            f"Could not store what the site sent ({first_line(str(exc), 100)}); what was stored "
            "before is kept."
        )
    else:
        refused = isinstance(exc, SiteRefused)
        what = "The site refused the request" if refused else "Could not reach the site"
        text = f"{what} ({first_line(str(exc), 100)}); {_kept(cached)}. Press r to try again later."
    return RefreshOutcome(text, text)


def report_summary(report: Report, cached: int) -> RefreshOutcome:
    """What a finished refresh says: a summary, and a problem to keep in view when it went wrong
    (refused, not reached, a list not where it was, some pages failed). Why a page could not be
    had (an errno, say) is in the log, not on the screen."""
    new = len(report.new)
    failed = report.failed
    summary = f"Refreshed: {new} new article{'s' if new != 1 else ''}"
    if failed:
        summary += f", {len(failed)} failed"
    summary += "."
    if report.refused:
        reason = first_line(next(iter(report.refused.values())), 300)
        return RefreshOutcome(
            summary, f"The site refused the requests; {_kept(cached)}. Why: {reason}."
        )
    moved = [f for f in failed if f.cause is FetchFailure.NOT_FOUND]
    if moved:  # the site answered: not offline, and trying again will not help
        return RefreshOutcome(
            summary,
            f"This section's list is not at its address (the site answered 404 for "
            f"{moved[0].where}: it may have moved it); {_kept(cached)}.",
        )
    if failed and not report.pages and not report.not_modified:
        causes = {f.cause for f in failed}
        if causes <= UNREACHED:
            problem = (
                f"Offline or the site did not answer; {_kept(cached)}. Press r to try again."
                if cached
                else OFFLINE_AND_EMPTY
            )
            return RefreshOutcome("Could not reach the site.", problem, unreached=True)
        again = " Press r to try again." if report.retry_helps else ""
        reason = first_line(failed[0].reason, 120)
        return RefreshOutcome(
            summary, f"The site did not give the list ({reason}); {_kept(cached)}.{again}"
        )
    if failed:
        return RefreshOutcome(summary, f"Some pages failed: {first_line(failed[0].reason, 120)}")
    return RefreshOutcome(summary)


def recheck_summary(report: Report) -> str | None:
    """What looking again at the recent articles found, when it found something."""
    edited, removed = len(report.updated), len(report.removed)

    def articles(n: int) -> str:
        return f"{n} article{'s' if n != 1 else ''} {'were' if n != 1 else 'was'}"

    if edited and removed:
        return (
            f"{articles(edited)} edited on the site and {removed} removed from it; every text "
            "is kept. E and X list them, h in an article shows what changed."
        )
    if edited:
        return (
            f"{articles(edited)} edited on the site; the earlier texts are kept. E lists the "
            "edited articles (✎), h in one shows what changed."
        )
    if removed:
        return (
            f"{articles(removed)} removed from the site; the texts are kept. X lists the "
            "removed articles."
        )
    return None
