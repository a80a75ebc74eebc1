"""What a sync or an import did, and where it is: kept by both, read by the CLI and the screen.

``Report`` is the bookkeeping both keep as they go (what is new, what failed and whether running
again can help); ``Progress`` is one step of the way, for a progress bar or a status line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from mfa_reader.fetch_errors import FetchFailure


class Step(StrEnum):
    """What just happened, in a ``Progress``."""

    STARTING = "starting"
    LISTED = "listed"  # a list page was read and its entries stored
    UNCHANGED = "unchanged"  # a list answered 304: nothing new since the last complete walk
    FETCHED = "fetched"  # an article page was fetched, or a file imported
    RECHECKED = "rechecked"  # an article was asked for again (edited? removed?)
    FAILED = "failed"
    REFUSED = "refused"  # the site refused the requests of a host
    DONE = "done"


@dataclass(frozen=True, slots=True)
class Progress:
    """Where a sync (or an import) is. ``where`` is the page, list, host or file of the step."""

    step: Step
    where: str
    pages_done: int
    pages_total: int  # grows as list walks learn how many pages they have (files, for an import)
    articles_done: int
    articles_total: int  # grows as bodies are queued
    errors: int  # failures so far
    rechecks_done: int = 0
    rechecks_total: int = 0  # articles to ask for again


@dataclass(frozen=True, slots=True)
class Failure:
    """A page (or a file) that could not be had, and whether running again may get it."""

    where: str  # the page's address, or the file
    reason: str  # one line for the user
    retry_helps: bool  # a timeout, a 503, a refusal may pass; a 404 or a broken page will not
    cause: FetchFailure | None = None  # why the site did not give the page; None: not a fetch

    def to_dict(self) -> dict[str, Any]:
        return {"where": self.where, "reason": self.reason, "retry_helps": self.retry_helps}


@dataclass
class Report:
    new: list[str] = field(default_factory=list)  # URLs newly listed or fetched for the first time
    updated: list[str] = field(default_factory=list)  # stored bodies that changed
    removed: list[str] = field(default_factory=list)  # gone from the site (soft-404 and the like)
    back: list[str] = field(default_factory=list)  # seen removed before, served again
    failed: list[Failure] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)  # host -> what the site said, what to do
    pages: int = 0  # list pages read
    not_modified: int = 0  # list pages answered 304
    bodies: int = 0  # article pages read
    rechecked: int = 0  # articles asked for again (most answer "not modified")
    requests: int = 0  # requests sent, retries included
    _new: set[str] = field(default_factory=set, init=False, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return not self.failed and not self.refused

    @property
    def retry_helps(self) -> bool:
        """Whether running the same command again may finish what failed."""
        return any(f.retry_helps for f in self.failed)

    def add_new(self, url: str) -> None:
        if url not in self._new:
            self._new.add(url)
            self.new.append(url)

    def forget_new(self, url: str) -> None:
        """An entry listed a moment ago turned out removed: not news."""
        if url in self._new:
            self._new.discard(url)
            self.new.remove(url)

    def summary(self) -> str:
        parts = [
            f"{len(self.new)} new",
            f"{len(self.updated)} updated",
            f"{len(self.removed)} removed",
            f"{len(self.failed)} failed",
        ]
        return ", ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "new": list(self.new),
            "updated": list(self.updated),
            "removed": list(self.removed),
            "back": list(self.back),
            "failed": [f.to_dict() for f in self.failed],
            "refused": dict(self.refused),
            "list_pages": self.pages,
            "lists_unchanged": self.not_modified,
            "articles": self.bodies,
            "rechecked": self.rechecked,
            "requests": self.requests,
        }
