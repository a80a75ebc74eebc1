"""Downloading pages from the ministry's site, politely and defensively.

``Fetcher`` wraps one ``httpx.AsyncClient`` (HTTP/1.1, TLS verified) and adds what the site asks
for and what a reader needs:

- politeness per host: at most ``concurrency`` requests in flight and at least ``spacing`` seconds
  between request starts;
- retries with exponential backoff and jitter on connection errors, timeouts and 5xx;
- 403/412/429 raise :class:`SiteRefused`, and nothing more is asked of that host by this fetcher;
- a host that could not be connected to (after the retries) is unreachable for this fetcher's
  life: what else is asked of it fails at once, so being offline costs one failed connection;
- conditional requests (``If-None-Match``/``If-Modified-Since``): ``content`` is None on 304;
- a size cap enforced while the body streams in, and a deadline for the whole answer (a page
  that trickles in a few bytes at a time never times out a single read);
- only the site's hosts are fetched; redirects are followed here, within the site only, a bounded
  number of times, with loops detected; a redirect to the site's system page means "removed";
- the origin override maps every site host onto one origin (a mirror, a test server) for the
  requests, while results keep the canonical addresses.

Nothing is decoded: the parser gets bytes (the site's declared charsets are unreliable).
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from mfa_reader.editions import EDITION_CODES, SITE_HOSTS, edition, edition_of_url
from mfa_reader.fetch_errors import FetchError, FetchFailure, PageRemoved, SiteRefused

if TYPE_CHECKING:
    from mfa_reader.config import Settings

log = logging.getLogger(__name__)

USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
ACCEPT_HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
ACCEPT_IMAGE = "image/avif,image/webp,image/png,image/jpeg,image/*;q=0.8,*/*;q=0.5"
MB = 1024 * 1024
REFUSALS = frozenset({403, 412, 429})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
CANONICAL_ZH_HOST = "www.mfa.gov.cn"  # the Chinese edition lives under /web/ there
CANONICAL_HOST = "www.fmprc.gov.cn"

__all__ = ["FetchError", "FetchFailure", "FetchResult", "Fetcher", "PageRemoved", "SiteRefused"]


@dataclass(frozen=True, slots=True)
class FetchResult:
    url: str  # canonical address of what was fetched (after redirects within the site)
    status: int  # 200 (or another 2xx), or 304
    content: bytes | None  # None when not modified (304)
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.content is None


class _Retry(Exception):
    """A failure worth another attempt (connection error, timeout, 5xx); ``no_connection`` when
    no connection could be made at all (no network, no such host, nothing listening)."""

    def __init__(
        self,
        message: str,
        reason: FetchFailure,
        status: int | None = None,
        *,
        no_connection: bool = False,
    ) -> None:
        super().__init__(message)
        self.reason = reason
        self.status = status
        self.no_connection = no_connection


@dataclass(frozen=True, slots=True)
class _Answer:
    status: int
    content: bytes | None
    etag: str | None
    last_modified: str | None
    location: str | None


class _HostGate:
    """At most ``concurrency`` requests in flight, request starts ``spacing`` seconds apart."""

    def __init__(self, concurrency: int, spacing: float) -> None:
        self._slots = asyncio.Semaphore(concurrency)
        self._spacing = spacing
        self._next_start = 0.0

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        async with self._slots:
            now = asyncio.get_running_loop().time()
            start = max(now, self._next_start)
            self._next_start = start + self._spacing  # reserved before sleeping: no await between
            if start > now:
                await asyncio.sleep(start - now)
            yield


_GATES: weakref.WeakKeyDictionary[
    asyncio.AbstractEventLoop, dict[tuple[str, int, float], _HostGate]
] = weakref.WeakKeyDictionary()


def is_removed_address(url: str) -> bool:
    """The site's "page does not exist" pages: ``/web/system/…`` and ``…index_17321…``."""
    path = urlsplit(url).path
    return path.startswith("/web/system/") or "index_17321" in path


def accept_language(edition_code: str | None) -> str:
    if edition_code is None or edition_code not in EDITION_CODES:
        return "en-US,en;q=0.9"
    tag = edition(edition_code).lang_tag
    if edition_code == "en":
        return "en-US,en;q=0.9"
    primary = tag.split("-")[0]
    if primary != tag:
        return f"{tag},{primary};q=0.9,en;q=0.6"
    return f"{tag},en;q=0.6"


def _refusal_message(host: str, status: int, retry_after: str | None, url: str) -> str:
    why = {403: "403 Forbidden", 412: "412 Precondition Failed", 429: "429 Too Many Requests"}
    wait = (
        f"it asks to wait {retry_after} seconds"
        if retry_after and retry_after.isdigit()
        else "wait a while"
    )
    return (
        f"the site refused our requests ({host} answered {why.get(status, status)} for {url}); "
        f"nothing more was fetched from {host} and everything cached is kept; {wait}, then try "
        f"again with fewer requests at once (concurrency = 1) and more time between them "
        f"(spacing = 3)"
    )


class Fetcher:
    """``async with Fetcher(...) as f: result = await f.fetch(url)``."""

    def __init__(
        self,
        *,
        origin: str | None = None,
        concurrency: int = 2,
        spacing: float = 0.5,
        timeout: float = 20.0,
        retries: int = 3,
        backoff: float = 1.0,
        max_bytes: int = 5 * MB,
        read_deadline: float = 60.0,
        max_redirects: int = 5,
        user_agent: str = USER_AGENT,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        self.origin = origin.rstrip("/") if origin else None
        self.concurrency = concurrency
        self.spacing = spacing
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_bytes = max_bytes
        self.read_deadline = read_deadline  # seconds for a whole answer, however it trickles in
        self.max_redirects = max_redirects
        self.user_agent = user_agent
        self.refused: dict[str, SiteRefused] = {}  # host -> the refusal; no more requests there
        self.unreachable: dict[str, FetchError] = {}  # host:port asked -> why it could not be
        self.requests_made = 0  # attempts that reached the network, retries included
        self._transport = transport
        self._client: httpx.AsyncClient | None = None
        if self.origin is not None:
            parts = urlsplit(self.origin)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise ValueError(f"origin must be an http(s) address, not {origin!r}")

    @classmethod
    def from_settings(cls, settings: Settings, **overrides: object) -> Fetcher:
        options: dict[str, object] = {
            "origin": settings.origin,
            "concurrency": settings.concurrency,
            "spacing": settings.spacing,
            "timeout": settings.timeout,
            "retries": settings.retries,
            "backoff": settings.backoff,
            "max_bytes": settings.max_bytes,
            "read_deadline": settings.read_deadline,
        }
        options.update(overrides)
        return cls(**options)  # type: ignore[arg-type]

    # --- life -------------------------------------------------------------------------------------

    async def __aenter__(self) -> Fetcher:
        self._open()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    def _open(self) -> httpx.AsyncClient:
        if self._client is None:
            pool = self.concurrency * 4 + 4
            self._client = httpx.AsyncClient(
                http1=True,
                http2=False,
                follow_redirects=False,  # followed by hand: within the site only
                timeout=httpx.Timeout(self.timeout),
                limits=httpx.Limits(max_connections=pool, max_keepalive_connections=pool),
                headers={"User-Agent": self.user_agent},
                event_hooks={"response": [_take_redirects]},
                transport=self._transport,
                trust_env=self.origin is None,  # a local origin must not go through a proxy
            )
        return self._client

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    # --- addresses --------------------------------------------------------------------------------

    def canonical_url(self, url: str) -> str:
        """The site's address for ``url``; an address on the origin override maps back to it."""
        try:
            parts = urlsplit(url)
        except ValueError:
            raise FetchError(
                "not a valid address; not fetched", url, reason=FetchFailure.OFF_SITE
            ) from None
        if (parts.hostname or "").lower() in SITE_HOSTS:
            return url
        if self.origin is not None and _same_origin(url, self.origin):
            prefix = urlsplit(self.origin).path.rstrip("/")
            path = parts.path[len(prefix) :] if prefix else parts.path
            host = CANONICAL_ZH_HOST if path.startswith("/web/") else CANONICAL_HOST
            return urlunsplit(("https", host, path or "/", parts.query, ""))
        raise FetchError(
            f"not an address of the ministry's site ({', '.join(sorted(SITE_HOSTS))}); not fetched",
            url,
            reason=FetchFailure.OFF_SITE,
        )

    def request_url(self, url: str) -> str:
        """Where a request for the canonical ``url`` actually goes."""
        if self.origin is None:
            return url
        parts = urlsplit(url)
        target = self.origin + (parts.path or "/")
        return target + ("?" + parts.query if parts.query else "")

    # --- fetching ---------------------------------------------------------------------------------

    async def fetch(
        self,
        url: str,
        *,
        edition: str | None = None,
        validators: tuple[str | None, str | None] | None = None,
    ) -> FetchResult:
        """GET a page of the site; conditional when ``validators`` (etag, last_modified) given.

        Raises FetchError (with ``reason``), SiteRefused, PageRemoved.
        """
        return await self._fetch(url, edition, validators, ACCEPT_HTML, self.max_bytes)

    async def fetch_bytes(self, url: str, *, max_bytes: int | None = None) -> bytes:
        """The body of ``url`` (an image, say), within the size cap."""
        result = await self._fetch(url, None, None, ACCEPT_IMAGE, max_bytes or self.max_bytes)
        assert result.content is not None  # _fetch refuses a 304 to an unconditional request
        return result.content

    async def fetch_to_file(self, url: str, path: Path, *, max_bytes: int | None = None) -> Path:
        """Download ``url`` into ``path`` (written whole or not at all); returns ``path``."""
        data = await self.fetch_bytes(url, max_bytes=max_bytes)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".part")
        partial.write_bytes(data)
        os.replace(partial, path)
        return path

    async def _fetch(
        self,
        url: str,
        edition_code: str | None,
        validators: tuple[str | None, str | None] | None,
        accept: str,
        max_bytes: int,
    ) -> FetchResult:
        current = self.canonical_url(url)
        if edition_code is None:
            edition_code = edition_of_url(current)
        headers = {"Accept": accept, "Accept-Language": accept_language(edition_code)}
        seen = {current}
        for hop in range(self.max_redirects + 1):
            conditional = dict(headers)
            if validators is not None and hop == 0:  # validators belong to the first address
                etag, last_modified = validators
                if etag:
                    conditional["If-None-Match"] = etag
                if last_modified:
                    conditional["If-Modified-Since"] = last_modified
            answer = await self._get(current, conditional, max_bytes)
            if answer.status == 304 and len(conditional) == len(headers):
                raise FetchError(
                    "the site answered 304 Not Modified to a request for the whole page",
                    url,
                    status=304,
                )
            if answer.location is None:
                return FetchResult(
                    current, answer.status, answer.content, answer.etag, answer.last_modified
                )
            target = self._redirect_target(current, answer.location, url)
            if is_removed_address(target):
                raise PageRemoved(
                    "removed from the site (it redirects to the site's page-not-found page)",
                    url,
                    reason=FetchFailure.REMOVED,
                    status=answer.status,
                )
            if target in seen:
                raise FetchError(
                    f"redirects in a loop (back to {target}); not followed",
                    url,
                    reason=FetchFailure.REDIRECTS,
                    status=answer.status,
                )
            seen.add(target)
            log.debug("%s redirects (%s) to %s", current, answer.status, target)
            current = target
        raise FetchError(
            f"redirects more than {self.max_redirects} times; not followed",
            url,
            reason=FetchFailure.REDIRECTS,
        )

    def _redirect_target(self, current: str, location: str, asked: str) -> str:
        try:
            target = urljoin(self.request_url(current), location.strip())
            parts = urlsplit(target)
            parts.port  # noqa: B018 - raises for a port out of range
        except ValueError:
            raise FetchError(
                f"redirects to an address that is not valid ({location}); not followed",
                asked,
                reason=FetchFailure.REDIRECTS,
            ) from None
        if parts.scheme not in ("http", "https"):
            raise FetchError(
                f"redirects to {location}, which is not a web address; not followed",
                asked,
                reason=FetchFailure.OFF_SITE,
            )
        if self.origin is not None and _same_origin(target, self.origin):
            return self.canonical_url(target)
        host = (parts.hostname or "").lower()
        if host in SITE_HOSTS:
            return urlunsplit(("https", host, parts.path or "/", parts.query, ""))
        raise FetchError(
            f"redirects to another site ({host or location}); not followed",
            asked,
            reason=FetchFailure.OFF_SITE,
        )

    def _gate(self, host: str) -> _HostGate:
        """The host's gate, shared by every fetcher of this event loop with the same politeness:
        a refresh, an article opened meanwhile and its images together keep to the limits."""
        gates = _GATES.setdefault(asyncio.get_running_loop(), {})
        key = (host, self.concurrency, self.spacing)
        gate = gates.get(key)
        if gate is None:
            gate = gates[key] = _HostGate(self.concurrency, self.spacing)
        return gate

    def _check_refused(self, host: str, url: str) -> None:
        refusal = self.refused.get(host)
        if refusal is not None:
            raise SiteRefused(refusal.detail, url, host=host, status=refusal.status or 403)

    def _check_reachable(self, endpoint: str, url: str) -> None:
        failure = self.unreachable.get(endpoint)
        if failure is not None:
            raise FetchError(
                f"not asked: the site could not be reached a moment ago ({failure.detail})",
                url,
                reason=failure.reason,
            )

    async def _get(self, url: str, headers: dict[str, str], max_bytes: int) -> _Answer:
        """One address, with retries; raises FetchError when all attempts failed."""
        host = (urlsplit(url).hostname or "").lower()
        endpoint = urlsplit(self.request_url(url)).netloc.lower()  # the origin's, when given
        attempt = 0
        while True:
            self._check_refused(host, url)
            self._check_reachable(endpoint, url)
            try:
                async with self._gate(host).slot():
                    self._check_refused(host, url)  # another request may have been refused
                    self._check_reachable(endpoint, url)
                    return await self._attempt(url, host, headers, max_bytes)
            except _Retry as failure:
                if attempt >= self.retries:
                    tries = f" (tried {attempt + 1} times)" if attempt else ""
                    error = FetchError(
                        f"{failure}{tries}", url, reason=failure.reason, status=failure.status
                    )
                    if failure.no_connection:
                        self.unreachable[endpoint] = error
                    raise error from None
                delay = self.backoff * (2**attempt) * random.uniform(0.5, 1.5)
                attempt += 1
                log.debug("%s: %s; retry %d in %.2f s", url, failure, attempt, delay)
                await asyncio.sleep(delay)

    async def _attempt(
        self, url: str, host: str, headers: dict[str, str], max_bytes: int
    ) -> _Answer:
        client = self._open()
        self.requests_made += 1
        log.info("GET %s", self.request_url(url))
        try:
            async with asyncio.timeout(self.read_deadline):
                return await self._exchange(client, url, host, headers, max_bytes)
        except _Redirect as redirect:
            if not redirect.location:
                raise FetchError(
                    f"redirects nowhere ({redirect.status} without Location)", url
                ) from None
            return _Answer(redirect.status, None, None, None, redirect.location)
        except TimeoutError:  # the whole-response deadline, not a read timeout
            raise FetchError(
                f"the site sent the page too slowly: not complete after {self.read_deadline:g} s "
                "(the read_deadline setting); try again later",
                url,
                reason=FetchFailure.TIMEOUT,
            ) from None
        except httpx.TimeoutException as exc:
            raise _Retry(
                f"the site did not answer within {self.timeout:g} s",
                FetchFailure.TIMEOUT,
                no_connection=isinstance(exc, httpx.ConnectTimeout),
            ) from None
        except httpx.TransportError as exc:
            raise _Retry(
                f"the connection to {host} failed ({_describe(exc)})",
                FetchFailure.CONNECTION,
                no_connection=isinstance(exc, httpx.ConnectError),
            ) from None
        except httpx.DecodingError as exc:
            raise _Retry(f"came back garbled ({exc})", FetchFailure.CONNECTION) from None

    async def _exchange(
        self,
        client: httpx.AsyncClient,
        url: str,
        host: str,
        headers: dict[str, str],
        max_bytes: int,
    ) -> _Answer:
        """One request and its answer; a redirect leaves as ``_Redirect`` (``_take_redirects``)."""
        async with client.stream("GET", self.request_url(url), headers=headers) as response:
            status = response.status_code
            etag = response.headers.get("etag")
            last_modified = response.headers.get("last-modified")
            if status in REFUSALS:
                refusal = SiteRefused(
                    _refusal_message(host, status, response.headers.get("retry-after"), url),
                    url,
                    host=host,
                    status=status,
                )
                self.refused[host] = refusal
                raise refusal
            if status >= 500:
                raise _Retry(
                    f"the site had an error ({status} {response.reason_phrase}); try again later",
                    FetchFailure.SERVER_ERROR,
                    status,
                )
            if status == 304:
                return _Answer(304, None, etag, last_modified, None)
            if status in (404, 410):
                raise FetchError(
                    f"does not exist on the site ({status})",
                    url,
                    reason=FetchFailure.NOT_FOUND,
                    status=status,
                )
            if not 200 <= status < 300:
                raise FetchError(
                    f"the site answered with an unexpected {status} {response.reason_phrase}",
                    url,
                    status=status,
                )
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise _too_large(url, max_bytes, int(declared))
            body = bytearray()
            async for chunk in response.aiter_bytes():
                body += chunk
                if len(body) > max_bytes:
                    raise _too_large(url, max_bytes, None)
            return _Answer(status, bytes(body), etag, last_modified, None)


class _Redirect(Exception):
    """A redirect, taken from the answer before httpx reads its Location."""

    def __init__(self, status: int, location: str | None) -> None:
        super().__init__(status, location)
        self.status = status
        self.location = location


async def _take_redirects(response: httpx.Response) -> None:
    """Redirects are followed by the fetcher, within the site only. httpx reads a redirect's
    Location even when it does not follow it, and raises on a malformed one (``javascript:…``),
    so the answer is taken from it first."""
    if response.status_code in REDIRECTS:
        raise _Redirect(response.status_code, response.headers.get("location"))


def _too_large(url: str, max_bytes: int, declared: int | None) -> FetchError:
    size = f" ({declared / MB:.1f} MB)" if declared else ""
    return FetchError(
        f"larger than the limit of {max_bytes / MB:g} MB{size}; not downloaded "
        f"(raise max_bytes to allow it)",
        url,
        reason=FetchFailure.TOO_LARGE,
    )


def _same_origin(url: str, origin: str) -> bool:
    a, b = urlsplit(url), urlsplit(origin)
    default = {"http": 80, "https": 443}
    return (
        a.scheme == b.scheme
        and (a.hostname or "").lower() == (b.hostname or "").lower()
        and (a.port or default.get(a.scheme)) == (b.port or default.get(b.scheme))
        and a.path.startswith(b.path.rstrip("/"))
    )


def _describe(exc: httpx.TransportError) -> str:
    text = str(exc) or type(exc).__name__
    if isinstance(exc, httpx.RemoteProtocolError) and "complete message" in text.lower():
        return "the answer was cut short"
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect: {text}"
    return text
