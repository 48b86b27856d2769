"""A real HTTP server on 127.0.0.1 (port 0) serving the fixture site, with the answers a crawler meets.

Files under the site folder are served with an ETag and a Last-Modified header, and conditional requests
get 304; `{{base}}` in .xml files becomes the server's address. Redirects, status codes, slow answers and
content-type overrides are set per path. Every request is recorded (path and headers) for assertions.

A `Hold` fixes a kill point without timing: the server answers the first N requests under a path prefix and
holds the next ones (no byte of an answer sent) until the test releases them, after it has killed what it
wanted to kill at exactly that point.
"""

from __future__ import annotations

import hashlib
import threading
import time
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

CONTENT_TYPES = {".html": "text/html; charset=utf-8", ".xml": "application/xml", ".txt": "text/plain"}


class Hold:
    """Answer the first `after` requests for paths under `prefix` (from a user agent containing
    `user_agent`, if given), hold the next ones until `release()`."""

    def __init__(self, prefix: str, after: int = 0, timeout: float = 120, user_agent: str | None = None):
        self.prefix = prefix
        self.after = after
        self.user_agent = user_agent
        self.timeout = timeout
        self.answered: list[str] = []  # the paths let through, in order
        self.held: list[str] = []  # the paths held (answered only after release)
        self.reached = threading.Event()  # set once a request is held
        self.released = threading.Event()
        self._lock = threading.Lock()

    def applies(self, path: str, headers: dict[str, str]) -> bool:
        agent = headers.get("user-agent", "")
        return path.startswith(self.prefix) and (self.user_agent is None or self.user_agent in agent)

    def pass_or_wait(self, path: str) -> None:
        """Called by the request handler: return at once, or once the test released the hold."""
        with self._lock:
            if self.released.is_set() or len(self.answered) < self.after:
                self.answered.append(path)
                return
            self.held.append(path)
            self.reached.set()
        self.released.wait(self.timeout)

    def release(self) -> None:
        self.released.set()


class SiteServer:
    """Serve a folder on 127.0.0.1 at a free port; use as a context manager."""

    def __init__(
        self,
        root: Path,
        *,
        redirects: dict[str, str] | None = None,
        statuses: dict[str, int] | None = None,
        delays: dict[str, float] | None = None,
        content_types: dict[str, str] | None = None,
        holds: list[Hold] | None = None,
        without_etag: set[str] | None = None,
    ):
        self.root = Path(root)
        self.redirects = redirects or {}
        self.statuses = statuses or {}
        self.delays = delays or {}
        self.content_types = content_types or {}
        self.holds = holds or []
        self.without_etag = without_etag or set()  # paths answered with Last-Modified only
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> SiteServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        for hold in self.holds:
            hold.release()
        self.httpd.shutdown()
        self.httpd.server_close()

    def paths(self) -> list[str]:
        """The paths requested so far, in order."""
        with self.lock:
            return [path for path, _ in self.requests]

    def requests_for(self, path: str) -> list[dict[str, str]]:
        """The headers of each request for one path."""
        with self.lock:
            return [headers for p, headers in self.requests if p == path]

    def clear(self) -> None:
        """Forget the requests recorded so far."""
        with self.lock:
            self.requests.clear()

    def _handler(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep the test output clean
                pass

            def do_GET(self):
                path = urlsplit(self.path).path
                headers = {k.lower(): v for k, v in self.headers.items()}
                with site.lock:
                    site.requests.append((path, headers))
                for hold in site.holds:
                    if hold.applies(path, headers):
                        hold.pass_or_wait(path)
                if path in site.delays:
                    time.sleep(site.delays[path])
                if path in site.redirects:
                    return self._send(301, b"", {"Location": site.base_url + site.redirects[path]})
                if path in site.statuses:
                    return self._send(
                        site.statuses[path], b"<html><body>error</body></html>", {"Content-Type": "text/html"}
                    )
                file = site.root / path.lstrip("/")
                if file.is_dir():
                    file = file / "index.html"
                if not file.is_file():
                    return self._send(
                        404, b"<html><body>not found</body></html>", {"Content-Type": "text/html"}
                    )
                body = file.read_bytes()
                if file.suffix == ".xml":
                    body = body.replace(b"{{base}}", site.base_url.encode())
                etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                mtime = int(file.stat().st_mtime)
                headers = {
                    "Content-Type": site.content_types.get(path, CONTENT_TYPES.get(file.suffix, "text/html")),
                    "ETag": etag,
                    "Last-Modified": formatdate(mtime, usegmt=True),
                }
                if path in site.without_etag:
                    del headers["ETag"]
                elif self.headers.get("If-None-Match") == etag:
                    return self._send(304, b"", headers)
                since = self.headers.get("If-Modified-Since")
                if since and not self.headers.get("If-None-Match"):
                    try:
                        if mtime <= parsedate_to_datetime(since).timestamp():
                            return self._send(304, b"", headers)
                    except (TypeError, ValueError):
                        pass
                return self._send(200, body, headers)

            def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
                try:
                    self.send_response(status)
                    for key, value in headers.items():
                        self.send_header(key, value)
                    if status != 304:
                        self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if status != 304:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True  # the crawler gave up waiting (a timeout test)

        return Handler
