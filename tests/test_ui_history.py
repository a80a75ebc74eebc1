"""The history of articles read: back, forward, and what counts as a new step."""

from __future__ import annotations

from mfa_reader.model import ArticleEntry
from mfa_reader.ui.history import LIMIT, ReadingHistory, Visit


def _visit(n: int, *, jumped: bool = False) -> Visit:
    return Visit(ArticleEntry.unlisted(f"https://www.fmprc.gov.cn/eng/{n}.html", edition="en"),
                 cached=False, jumped=jumped)  # fmt: skip


def _at(history: ReadingHistory) -> str | None:
    return history.current.entry.url.rsplit("/", 1)[-1] if history.current else None


def test_back_forward_and_a_new_step_that_drops_what_was_ahead() -> None:
    history = ReadingHistory()
    assert history.current is None and not history.can_go_back and history.back() is None
    for n in (1, 2, 3):
        history.visit(_visit(n))
    assert _at(history) == "3.html"
    history.back()
    history.back()
    assert _at(history) == "1.html" and not history.can_go_back and history.can_go_forward
    history.forward()
    assert _at(history) == "2.html"
    history.visit(_visit(4, jumped=True))  # a new step from 2: 3 is no longer ahead
    assert not history.can_go_forward and history.current is not None and history.current.jumped
    history.back()
    assert _at(history) == "2.html"


def test_the_same_article_again_is_not_a_new_step_and_old_steps_go() -> None:
    history = ReadingHistory()
    history.visit(_visit(1))
    history.visit(_visit(1))  # enter again after a failed fetch
    assert not history.can_go_back
    for n in range(LIMIT + 10):
        history.visit(_visit(n))
    steps = 0
    while history.back() is not None:
        steps += 1
    assert steps == LIMIT - 1
