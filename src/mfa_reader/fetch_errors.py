"""What can go wrong fetching a page of the site.

Only the fetcher raises these; the command line and the screen tell the user about them, so they
live apart from the fetcher, importable without httpx.
"""

from __future__ import annotations

from enum import StrEnum


class FetchFailure(StrEnum):
    """Why a page could not be fetched."""

    REFUSED = "refused"  # 403/412/429
    REMOVED = "removed"  # redirected to the site's system page
    NOT_FOUND = "not-found"  # 404, 410
    TOO_LARGE = "too-large"  # over the size cap
    OFF_SITE = "off-site"  # not an address of the site, or a redirect away from it
    REDIRECTS = "redirects"  # a redirect loop, too many redirects, or to a broken address
    TIMEOUT = "timeout"  # no answer in time, or not complete by the deadline
    CONNECTION = "connection"  # connection refused, reset or cut short, after the retries
    SERVER_ERROR = "server-error"  # 5xx, after the retries
    HTTP_ERROR = "http-error"  # any other unexpected answer

    @property
    def retry_helps(self) -> bool:
        """Whether asking again later may well succeed (the site's own answer may change)."""
        return self in _PASSING


_PASSING = frozenset(
    {
        FetchFailure.REFUSED,
        FetchFailure.TIMEOUT,
        FetchFailure.CONNECTION,
        FetchFailure.SERVER_ERROR,
        FetchFailure.HTTP_ERROR,
    }
)


class FetchError(Exception):
    """A page could not be fetched.

    ``detail`` says what happened (without the address), ``str()`` is the one-line message for the
    user: ``<url>: <detail>``; ``reason`` says why, as a :class:`FetchFailure`.
    """

    def __init__(
        self,
        detail: str,
        url: str,
        *,
        reason: FetchFailure = FetchFailure.HTTP_ERROR,
        status: int | None = None,
    ) -> None:
        self.detail = detail
        self.message = f"{url}: {detail}"
        super().__init__(self.message)
        self.url = url
        self.reason = reason
        self.status = status

    def __str__(self) -> str:
        return self.message


class SiteRefused(FetchError):
    """The site said no (403, 412, 429): stop asking this host, tell the user what to try."""

    def __init__(self, message: str, url: str, *, host: str, status: int) -> None:
        super().__init__(message, url, reason=FetchFailure.REFUSED, status=status)
        self.message = message  # about the whole host, so it does not start with one address
        self.host = host


class PageRemoved(FetchError):
    """The site redirected the address to its "page does not exist" system page."""
