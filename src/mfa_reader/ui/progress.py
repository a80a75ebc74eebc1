"""Words for the state of a refresh: the progress line while it runs, the notice when it ends."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mfa_reader.cache.errors import CacheError
from mfa_reader.fetch_errors import SiteRefused

if TYPE_CHECKING:
    from mfa_reader.report import Progress, Report


def progress_line(progress: Progress) -> str:
    """``pages 2/5 · articles 10/40 · 1 error`` from a refresh's ``Progress``."""
    parts: list[str] = []
    if progress.pages_total or progress.pages_done:
        parts.append(f"pages {progress.pages_done}/{progress.pages_total or '?'}")
    if progress.articles_total or progress.articles_done:
        parts.append(f"articles {progress.articles_done}/{progress.articles_total or '?'}")
    if progress.errors:
        parts.append(f"{progress.errors} error{'s' if progress.errors != 1 else ''}")
    return " · ".join(parts) or "starting"


def first_line(text: str, limit: int = 160) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _kept(cached: int) -> str:
    return f"the {cached:,} cached articles stay readable" if cached else "nothing is cached yet"


def failure_notice(exc: BaseException, cached: int) -> str:
    """One line for a refresh that could not run at all (``cached``: articles of the edition)."""
    if isinstance(exc, CacheError):
        return (
            f"Could not store what the site sent ({first_line(str(exc), 100)}); what was stored "
            "before is kept."
        )
    refused = isinstance(exc, SiteRefused)
    what = "The site refused the request" if refused else "Could not reach the site"
    return f"{what} ({first_line(str(exc), 100)}); {_kept(cached)}. Press r to try again later."


def report_summary(report: Report, cached: int) -> tuple[str, str | None]:
    """A one-line summary of a finished refresh, and a notice to keep on screen when it went
    wrong: refused, offline, or some pages failed."""
    new = len(report.new)
    failed = report.failed
    summary = f"Refreshed: {new} new article{'s' if new != 1 else ''}"
    if failed:
        summary += f", {len(failed)} failed"
    summary += "."
    if report.refused:
        reason = first_line(next(iter(report.refused.values())), 140)
        return summary, f"The site refused the requests: {reason} ({_kept(cached)})."
    if failed and not report.pages and not report.not_modified:
        reason = first_line(failed[0].reason, 100)
        return summary, (
            f"Offline or the site did not answer ({reason}); {_kept(cached)}. Press r to try again."
        )
    if failed:
        return summary, f"Some pages failed: {first_line(failed[0].reason, 120)}"
    return summary, None
