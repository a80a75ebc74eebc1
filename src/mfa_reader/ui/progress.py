"""Words for the state of a refresh: the progress line while it runs, the notice when it ends."""

from __future__ import annotations

from typing import Any


def progress_line(progress: Any) -> str:
    """``pages 2/5 · articles 10/40 · 1 error`` from a ``sync.Progress``."""
    parts: list[str] = []
    pages_total = getattr(progress, "pages_total", 0) or 0
    pages_done = getattr(progress, "pages_done", 0) or 0
    if pages_total or pages_done:
        parts.append(f"pages {pages_done}/{pages_total or '?'}")
    articles_total = getattr(progress, "articles_total", 0) or 0
    articles_done = getattr(progress, "articles_done", 0) or 0
    if articles_total or articles_done:
        parts.append(f"articles {articles_done}/{articles_total or '?'}")
    errors = len(getattr(progress, "errors", ()) or ())
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    message = str(getattr(progress, "message", "") or "")
    if not parts and message:
        parts.append(message)
    return " · ".join(parts) or "starting"


def first_line(text: str, limit: int = 160) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _kept(cached: int) -> str:
    return f"the {cached:,} cached articles stay readable" if cached else "nothing is cached yet"


def failure_notice(exc: BaseException, cached: int) -> str:
    """One line for a refresh that could not run at all (``cached``: articles of the edition)."""
    refused = type(exc).__name__ == "SiteRefused"
    what = "The site refused the request" if refused else "Could not reach the site"
    return f"{what} ({first_line(str(exc), 100)}); {_kept(cached)}. Press r to try again later."


def report_summary(report: Any, cached: int) -> tuple[str, str | None]:
    """A one-line summary of a finished refresh (a ``sync.SyncReport``), and a notice to keep on
    screen when it went wrong: refused, offline, or some pages failed."""
    new = len(report.new)
    failed: list[tuple[str, str]] = list(report.failed)
    refused: dict[str, str] = dict(report.refused)
    summary = f"Refreshed: {new} new article{'s' if new != 1 else ''}"
    if failed:
        summary += f", {len(failed)} failed"
    summary += "."
    if refused:
        reason = first_line(next(iter(refused.values())), 140)
        return summary, f"The site refused the requests: {reason} ({_kept(cached)})."
    if failed and not report.pages and not report.not_modified:
        reason = first_line(failed[0][1], 100)
        return summary, (
            f"Offline or the site did not answer ({reason}); {_kept(cached)}. Press r to try again."
        )
    if failed:
        return summary, f"Some pages failed: {first_line(failed[0][1], 120)}"
    return summary, None
