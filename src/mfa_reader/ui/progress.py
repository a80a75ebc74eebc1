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
