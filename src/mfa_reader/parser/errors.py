"""What the parser raises: one exception type, with a one-line reason a user can read."""

from __future__ import annotations


class ParseError(Exception):
    """The bytes are not a page of the site that can be read; ``str()`` is a one-line reason."""


class RemovedPage(ParseError):
    """The site's maintenance page (``系统维护``): the article was removed or never existed."""

    def __init__(
        self, reason: str = "the site says this page does not exist or was removed"
    ) -> None:
        super().__init__(reason)


class MissingAddress(ParseError):
    """The page does not say its own address, and none was given with it."""
