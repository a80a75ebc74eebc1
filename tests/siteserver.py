"""A stand-in for the ministry's site: real sockets on 127.0.0.1, faults on demand.

``SiteServer`` serves a folder laid out like the site's paths (``/eng/xw/fyrbt/lxjzh/index.html``)
for any Host header, counts requests per path, answers conditional requests with 304, and can be
told to misbehave on a path: reset the connection, hold it, answer 5xx or 403/412/429, serve the
maintenance page, cut the body short, lie about the charset, serve GB18030, serve a huge body,
redirect to another host, or redirect in a loop. A fault can apply to the first N requests only,
to show recovery. ``reset()`` puts everything back between tests.

Used by the pytest fixture ``site_server`` (tests/conftest.py) and by ``benchmarks/sync.py``.
"""

from __future__ import annotations

import hashlib
import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

FIXTURE_SITE = Path(__file__).parent / "fixtures" / "site"

# Fault kinds
RESET = "reset"  # connection reset (RST) after the request is read
TIMEOUT = "timeout"  # hold the connection without answering
STATUS = "status"  # answer with Fault.status (500, 502, 503, 403, 412, 429, 404 …)
SOFT404 = "soft404"  # HTTP 200 with the site's maintenance page (系统维护)
TRUNCATED = "truncated"  # Content-Length larger than the body, then close
WRONG_CHARSET = "wrong-charset"  # UTF-8 body declared as ISO-8859-1 (header and meta)
GB18030 = "gb18030"  # the page re-encoded as GB18030, declared as UTF-8 like the real site
OVERSIZE = "oversize"  # a body of Fault.size bytes; Fault.declared: send Content-Length or chunk
REDIRECT = "redirect"  # 302 to Fault.location (absolute, or a path on this server)
REDIRECT_LOOP = "redirect-loop"  # 302 to a second path that redirects back here
DRIP = "drip"  # the page, Fault.size bytes every Fault.interval seconds
KINDS = frozenset(
    {RESET, TIMEOUT, STATUS, SOFT404, TRUNCATED, WRONG_CHARSET, GB18030, OVERSIZE, REDIRECT,
     REDIRECT_LOOP, DRIP}
)  # fmt: skip

MAINTENANCE_PAGE = """<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="SiteName" content="中华人民共和国外交部">
<meta name="ColumnName" content="系统维护">
<meta name="ColumnType" content="系统维护">
<title>系统维护_中华人民共和国外交部</title>
</head>
<body>
<div class="newsList">
<p class="info_img"><img src="/web/images/404.png"></p>
<p class="info1">您访问的页面不存在或已删除</p>
<p class="info2"><span id="time">5</span>秒后自动跳转到首页</p>
<p class="info3"><a href="/">返回首页</a></p>
</div>
<script>setTimeout(function(){ window.location.href = "/"; }, 5000);</script>
</body>
</html>
""".encode()

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".shtml": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".css": "text/css",
    ".js": "application/javascript",
}
INDEX_NAMES = ("index.html", "index.shtml", "default.shtml", "default.html")


@dataclass
class Fault:
    kind: str
    status: int = 500
    times: int | None = None  # only the first N requests of the path; None: always
    location: str = ""
    size: int = 6 * 1024 * 1024
    declared: bool = True
    interval: float = 0.1
    hits: int = 0

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown fault {self.kind!r}; faults: {', '.join(sorted(KINDS))}")


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]
    started: float  # time.monotonic() when the request arrived


@dataclass
class _Page:
    body: bytes
    content_type: str
    etag: str
    last_modified: float


@dataclass
class _State:
    root: Path
    latency: float = 0.0
    faults: dict[str, Fault] = field(default_factory=dict)
    pages: dict[str, bytes] = field(default_factory=dict)  # path -> body, over the folder
    page_times: dict[str, float] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)
    requests: list[Request] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0


class SiteServer:
    """Serve a site folder on 127.0.0.1 in a background thread (start/stop, or ``with``)."""

    def __init__(self, root: Path = FIXTURE_SITE) -> None:
        self.default_root = root
        self._lock = threading.Lock()
        self._arrived = threading.Condition(self._lock)  # notified on every request
        self._state = _State(root)
        self._release = threading.Event()  # set to let held (TIMEOUT) connections go
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- life ---------------------------------------------------------------------------------

    def start(self) -> SiteServer:
        handler = type("Handler", (_Handler,), {"site": self})
        self._httpd = _Server(("127.0.0.1", 0), handler)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._release.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> SiteServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._httpd is not None, "server not started"
        return int(self._httpd.server_address[1])

    @property
    def origin(self) -> str:
        """What to pass as ``origin=`` to the fetcher: every site host maps onto this server."""
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.origin + path

    # --- settings for a test -------------------------------------------------------------------

    def reset(self) -> None:
        """No faults, no latency, no counts, no page overrides, the default folder."""
        self._release.set()  # let go of connections held by a TIMEOUT fault
        with self._lock:
            self._state = _State(self.default_root)
            self._release = threading.Event()

    @property
    def root(self) -> Path:
        return self._state.root

    @root.setter
    def root(self, value: Path) -> None:
        with self._lock:
            self._state.root = value

    @property
    def latency(self) -> float:
        return self._state.latency

    @latency.setter
    def latency(self, seconds: float) -> None:
        with self._lock:
            self._state.latency = seconds

    def fault(self, path: str, kind: str, **options: Any) -> Fault:
        """Make ``path`` misbehave (see the kinds at the top); returns the fault to inspect."""
        f = Fault(kind, **options)
        with self._lock:
            self._state.faults[_norm(path)] = f
        return f

    def clear_fault(self, path: str) -> None:
        with self._lock:
            self._state.faults.pop(_norm(path), None)

    def put(self, path: str, body: bytes | str) -> None:
        """Serve ``body`` at ``path`` instead of the file (a page the site changed or added)."""
        data = body.encode() if isinstance(body, str) else body
        with self._lock:
            self._state.pages[_norm(path)] = data
            self._state.page_times[_norm(path)] = time.time()

    # --- what happened -------------------------------------------------------------------------

    def count(self, path: str | None = None) -> int:
        """Requests for ``path`` (as asked, without the query), or all requests."""
        with self._lock:
            if path is None:
                return sum(self._state.counts.values())
            return self._state.counts[_norm(path)]

    @property
    def counts(self) -> Counter[str]:
        with self._lock:
            return Counter(self._state.counts)

    @property
    def requests(self) -> list[Request]:
        with self._lock:
            return list(self._state.requests)

    def wait_for_requests(
        self, n: int, timeout: float = 30.0, *, unless: Callable[[], bool] | None = None
    ) -> bool:
        """Block until the server has received ``n`` requests in all, or ``unless()`` is true
        when it is checked (on each request, and on ``wake()``); no polling, no sleeps."""
        with self._arrived:
            return self._arrived.wait_for(
                lambda: sum(self._state.counts.values()) >= n or (unless is not None and unless()),
                timeout=timeout,
            )

    def wake(self) -> None:
        """Make the waiters check their condition again."""
        with self._arrived:
            self._arrived.notify_all()

    def wait_for_request(self, path: str, timeout: float = 30.0) -> bool:
        """Block until ``path`` has been asked for (no polling, no sleeps)."""
        with self._arrived:
            return self._arrived.wait_for(
                lambda: self._state.counts[_norm(path)] > 0, timeout=timeout
            )

    @property
    def max_in_flight(self) -> int:
        """The most requests the server was answering at once."""
        return self._state.max_in_flight

    # --- used by the handler -------------------------------------------------------------------

    def _begin(
        self, method: str, path: str, headers: dict[str, str]
    ) -> tuple[_State, Fault | None]:
        with self._lock:
            state = self._state
            state.counts[path] += 1
            state.requests.append(Request(method, path, headers, time.monotonic()))
            state.in_flight += 1
            state.max_in_flight = max(state.max_in_flight, state.in_flight)
            self._arrived.notify_all()
            fault = state.faults.get(path)
            if fault is not None:
                fault.hits += 1
                if fault.times is not None and fault.hits > fault.times:
                    fault = None
            return state, fault

    def _end(self, state: _State) -> None:
        with self._lock:
            state.in_flight -= 1

    def _page(self, state: _State, path: str) -> _Page | None:
        with self._lock:
            if path.endswith("/"):  # a folder's index page, as put()
                path = next((path + n for n in INDEX_NAMES if path + n in state.pages), path)
            body = state.pages.get(path)
            mtime = state.page_times.get(path, 0.0)
        if body is not None:
            return _Page(body, _content_type(path), _etag(body), mtime)
        file = _resolve(state.root, path)
        if file is None:
            return None
        body = file.read_bytes()
        return _Page(body, _content_type(file.name), _etag(body), file.stat().st_mtime)


def _norm(path: str) -> str:
    return unquote(urlsplit(path).path) or "/"


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha1(body).hexdigest()[:20] + '"'


def _content_type(name: str) -> str:
    return CONTENT_TYPES.get(Path(name).suffix.lower(), "application/octet-stream")


def _resolve(root: Path, path: str) -> Path | None:
    relative = path.lstrip("/")
    if any(part in ("..", "") for part in relative.split("/")[:-1]):
        return None
    file = root / relative
    if file.is_dir():
        for name in INDEX_NAMES:
            if (file / name).is_file():
                return file / name
        return None
    return file if file.is_file() else None


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # resets and abandoned connections are part of the job


class _Handler(BaseHTTPRequestHandler):
    site: SiteServer
    protocol_version = "HTTP/1.1"  # keep-alive, like the real site
    disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms stalls
    server_version = "nginx"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        path = _norm(self.path)
        state, fault = self.site._begin("GET", path, dict(self.headers.items()))
        try:
            if state.latency:
                time.sleep(state.latency)
            if fault is not None and self._misbehave(state, path, fault):
                return
            page = self.site._page(state, path)
            if page is None:
                self._send(404, b"<html><body><h1>404 Not Found</h1></body></html>")
                return
            if self._not_modified(page):
                self._send(304, b"", etag=page.etag, last_modified=page.last_modified)
                return
            self._send(200, page.body, page.content_type, page.etag, page.last_modified)
        finally:
            self.site._end(state)

    # --- the pieces ----------------------------------------------------------------------------

    def _not_modified(self, page: _Page) -> bool:
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            return page.etag in [t.strip() for t in inm.split(",")] or inm.strip() == "*"
        ims = self.headers.get("If-Modified-Since")
        if ims:
            try:
                since = parsedate_to_datetime(ims).timestamp()
            except (TypeError, ValueError):
                return False
            return int(page.last_modified) <= since
        return False

    def _send(
        self,
        status: int,
        body: bytes,
        content_type: str = "text/html; charset=utf-8",
        etag: str | None = None,
        last_modified: float | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        if status != 304:
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
        if etag:
            self.send_header("ETag", etag)
        if last_modified:
            self.send_header("Last-Modified", formatdate(last_modified, usegmt=True))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if status != 304:
            self.wfile.write(body)

    def _misbehave(self, state: _State, path: str, fault: Fault) -> bool:
        """Act out the fault; False when the normal page should still be served."""
        kind = fault.kind
        if kind == RESET:
            self.close_connection = True
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            return True
        if kind == TIMEOUT:
            self.close_connection = True
            self.site._release.wait(30)
            return True
        if kind == STATUS:
            extra = {"Retry-After": "120"} if fault.status in (429, 503) else {}
            body = f"<html><body><h1>{fault.status}</h1></body></html>".encode()
            self._send(fault.status, body, headers=extra)
            return True
        if kind == SOFT404:
            self._send(200, MAINTENANCE_PAGE)
            return True
        if kind == REDIRECT:
            self._send(302, b"", headers={"Location": fault.location})
            return True
        if kind == REDIRECT_LOOP:
            other = path + "-loop" if not path.endswith("-loop") else path.removesuffix("-loop")
            with self.site._lock:
                state.faults.setdefault(other, Fault(REDIRECT_LOOP))
            self._send(302, b"", headers={"Location": other})
            return True
        if kind == OVERSIZE:
            self._oversize(fault)
            return True

        page = self.site._page(state, path)
        if page is None:
            return False
        if kind == TRUNCATED:
            self.close_connection = True
            self.send_response(200)
            self.send_header("Content-Type", page.content_type)
            self.send_header("Content-Length", str(len(page.body) + 4096))
            self.end_headers()
            self.wfile.write(page.body[: len(page.body) // 2])
            self.wfile.flush()
            return True
        if kind == WRONG_CHARSET:
            body = page.body.replace(b'charset="utf-8"', b'charset="iso-8859-1"')
            body = body.replace(b"charset=utf-8", b"charset=iso-8859-1")
            body = body.replace(b'charset="UTF-8"', b'charset="iso-8859-1"')
            body = body.replace(b"charset=UTF-8", b"charset=iso-8859-1")
            self._send(200, body, "text/html; charset=iso-8859-1", _etag(body))
            return True
        if kind == GB18030:
            body = page.body.decode("utf-8").encode("gb18030")
            self._send(200, body, "text/html; charset=utf-8", _etag(body))
            return True
        if kind == DRIP:
            self._drip(page, fault)
            return True
        return False

    def _drip(self, page: _Page, fault: Fault) -> None:
        """The whole page, declared in full, sent a few bytes at a time (a very slow link)."""
        self.send_response(200)
        self.send_header("Content-Type", page.content_type)
        self.send_header("Content-Length", str(len(page.body)))
        self.end_headers()
        released = self.site._release  # set by reset(): stop dripping between tests
        try:
            for start in range(0, len(page.body), fault.size):
                self.wfile.write(page.body[start : start + fault.size])
                self.wfile.flush()
                if released.wait(fault.interval):
                    break
        except OSError:
            self.close_connection = True  # the client gave up, as it should

    def _oversize(self, fault: Fault) -> None:
        chunk = b"<p>" + b"x" * 65_530 + b"</p>\n"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        if fault.declared:
            self.send_header("Content-Length", str(fault.size))
        else:
            self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        sent = 0
        try:
            while sent < fault.size:
                piece = chunk[: fault.size - sent]
                if fault.declared:
                    self.wfile.write(piece)
                else:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                sent += len(piece)
            if not fault.declared:
                self.wfile.write(b"0\r\n\r\n")
        except OSError:
            self.close_connection = True  # the client gave up, as it should


def main() -> None:
    """Serve a folder from a process of its own (benchmarks keep the server off their GIL).

    ``python tests/siteserver.py ROOT [--latency S]`` prints the origin on the first line, then
    answers each line on stdin: ``count`` prints ``{"requests": n, "max_in_flight": m}``,
    ``reset`` clears counts, and end of input stops the server.
    """
    import argparse
    import json
    import sys

    parser = argparse.ArgumentParser(description="the test site server")
    parser.add_argument("root", type=Path)
    parser.add_argument("--latency", type=float, default=0.0)
    args = parser.parse_args()
    with SiteServer(args.root) as server:
        server.latency = args.latency
        print(server.origin, flush=True)
        for line in sys.stdin:
            command = line.strip()
            if command == "count":
                stats = {"requests": server.count(), "max_in_flight": server.max_in_flight}
                print(json.dumps(stats), flush=True)
            elif command == "reset":
                server.reset()
                server.root = args.root
                server.latency = args.latency
                print("{}", flush=True)


if __name__ == "__main__":
    main()
