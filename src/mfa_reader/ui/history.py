"""The articles read in a session, for going back and forward as a browser does."""

from __future__ import annotations

from dataclasses import dataclass

from mfa_reader.model import ArticleEntry

LIMIT = 200  # visits kept; the oldest go first


@dataclass(frozen=True, slots=True)
class Visit:
    """An article opened in the reader."""

    entry: ArticleEntry
    cached: bool  # the cache listed it (False: known by its address only, a link not yet fetched)
    jumped: bool  # opened from another article (its translation, a search hit): esc goes back


class ReadingHistory:
    def __init__(self) -> None:
        self._visits: list[Visit] = []
        self._at = -1

    @property
    def current(self) -> Visit | None:
        return self._visits[self._at] if self._visits else None

    @property
    def can_go_back(self) -> bool:
        return self._at > 0

    @property
    def can_go_forward(self) -> bool:
        return self._at < len(self._visits) - 1

    def visit(self, visit: Visit) -> None:
        """A new article opened: it follows the one shown, and what was ahead of it is gone.
        The same article opened again (enter after a failed fetch) is not a new step."""
        current = self.current
        if current is not None and current.entry.url == visit.entry.url:
            self._visits[self._at] = visit
            return
        del self._visits[self._at + 1 :]
        self._visits.append(visit)
        del self._visits[:-LIMIT]
        self._at = len(self._visits) - 1

    def back(self) -> Visit | None:
        if not self.can_go_back:
            return None
        self._at -= 1
        return self.current

    def forward(self) -> Visit | None:
        if not self.can_go_forward:
            return None
        self._at += 1
        return self.current
