"""CSS queries through one selector engine per thread, shared by every page parsed on it.

``tree.css_first(…)`` makes a lexbor selector engine for each document on its first query and
frees it with the document: for a page of a few kilobytes that costs as much as parsing the page.
selectolax's ``LexborCSSSelector`` can be made once and pointed at any node; it keeps nothing of a
document between queries. It is not safe to share between threads, so each thread has its own.
"""

from __future__ import annotations

import threading

from selectolax.lexbor import LexborCSSSelector, LexborNode


class _Engines(threading.local):
    """Each thread's selector engine, made when the thread first asks for it."""

    def __init__(self) -> None:
        self.engine = LexborCSSSelector()  # type: ignore[no-untyped-call]


_local = _Engines()


def css(node: LexborNode, query: str) -> list[LexborNode]:
    """Every element at or under ``node`` matching ``query``, in document order."""
    return _local.engine.find(query, node)


def css_first(node: LexborNode, query: str) -> LexborNode | None:
    """The first element at or under ``node`` matching ``query`` (the search stops there)."""
    # find_first is a method of the compiled class that the type stubs leave out.
    found: list[LexborNode] = _local.engine.find_first(query, node)  # type: ignore[attr-defined]
    return found[0] if found else None
