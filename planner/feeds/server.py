"""HTTP server for the calendar subscription feeds (Outlook "Fra internettet").

Store-agnostic: a `FeedProvider` maps a secret token to a rendered feed and is
asked on every request, so an edit made in the app shows up on the client's
next poll. The server only adds HTTP semantics: validators, conditional
requests and strict routing (nothing but `/feeds/<token>.ics` and
`/healthz` exists, so there is nothing to traverse to).
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import hashlib
import logging
import re
import secrets
import signal
import threading
import time
import weakref
from collections.abc import MutableMapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from typing import Protocol

import tornado
import tornado.httpserver
import tornado.httputil
import tornado.netutil
import tornado.web

log = logging.getLogger(__name__)

# Tokens are url-safe base64 (secrets.token_urlsafe) or hex; at least 22
# characters = 128 bits. Shorter strings are refused without asking the provider.
TOKEN_PATTERN = r"[A-Za-z0-9_-]{22,256}"
_DTSTAMP_LINE = re.compile(rb"^DTSTAMP[:;][^\r\n]*\r\n", re.M)

# Request limits. A calendar client's request is a few hundred bytes; anything far larger is
# refused with a status instead of being read and routed. Tornado itself reads a request head
# of at most MAX_HEAD_BYTES; beyond that it closes the connection without an answer.
MAX_URL_BYTES = 8 * 1024  # longer: 414 URI Too Long
MAX_HEADER_BYTES = 32 * 1024  # all header lines together, longer: 431
MAX_HEAD_BYTES = 1024 * 1024
# Headers on every response: no Referer leaks a feed URL, and no Server header names a version.
COMMON_HEADERS = {"Referrer-Policy": "no-referrer"}
_FEED_PATH = re.compile(r"/feeds/[^?#\s]*")


def redact(uri: str) -> str:
    """A request URI fit for a log: the secret part of a feed path is replaced by "…"."""
    path = uri.partition("?")[0]
    return _FEED_PATH.sub("/feeds/…", path)[:200]


def new_token() -> str:
    """A fresh feed token (192 random bits)."""
    return secrets.token_urlsafe(24)


def feed_etag(body: bytes) -> str:
    """Strong ETag over the body without its DTSTAMP lines.

    DTSTAMP is "now" on every render, so hashing it would change the ETag on
    every re-render and defeat 304s for an unchanged plan.
    """
    return '"' + hashlib.sha256(_DTSTAMP_LINE.sub(b"", body)).hexdigest() + '"'


@dataclass(frozen=True)
class RenderedFeed:
    body: bytes
    last_modified: datetime  # tz-aware
    filename: str  # e.g. "direktion.ics"
    etag: str | None = None  # quoted; computed per request when None

    @classmethod
    def build(cls, body: bytes, last_modified: datetime, filename: str) -> RenderedFeed:
        """A RenderedFeed with its ETag precomputed, for providers that cache."""
        return cls(body=body, last_modified=last_modified, filename=filename, etag=feed_etag(body))

    # Header values, worked out once per feed object (a caching provider hands out the same one).
    @cached_property
    def validator(self) -> str:
        return self.etag or feed_etag(self.body)

    @cached_property
    def modified(self) -> int:
        return int(self.last_modified.timestamp())

    @cached_property
    def http_last_modified(self) -> str:
        return email.utils.formatdate(self.modified, usegmt=True)


class FeedProvider(Protocol):
    def feed_for_token(self, token: str) -> RenderedFeed | None: ...


class _TextHandler(tornado.web.RequestHandler):
    """Short plain-text error pages instead of tornado's HTML ones (404, 405, 500), the common
    headers, and logs that never name a feed token."""

    def clear(self) -> None:
        super().clear()
        self.clear_header("Server")
        for name, value in COMMON_HEADERS.items():
            self.set_header(name, value)

    def write_error(self, status_code: int, **kwargs: object) -> None:
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(f"{status_code} {self._reason}\n")

    def _request_summary(self) -> str:
        return f"{self.request.method} {redact(self.request.uri or '')} ({self.request.remote_ip})"

    def log_exception(self, typ, value, tb) -> None:
        if isinstance(value, tornado.web.HTTPError):
            return  # an answer like 404, not a fault
        # Tornado's own version logs the whole request, token and all.
        tornado.web.app_log.error("Uncaught exception %s", self._request_summary(), exc_info=(typ, value, tb))


class _FeedHandler(_TextHandler):
    SUPPORTED_METHODS = ("GET", "HEAD")

    def initialize(self, provider: FeedProvider, prefetched: MutableMapping | None = None) -> None:
        self.provider = provider
        self.prefetched = prefetched  # connection -> (token, feed) already asked for (see _ConditionalFeed)

    def compute_etag(self) -> str | None:
        # Tornado's automatic weak ETag would hash DTSTAMP too; ours is set explicitly.
        return None

    def get(self, token: str) -> None:
        self._serve(token, send_body=True)

    def head(self, token: str) -> None:
        self._serve(token, send_body=False)

    def _serve(self, token: str, send_body: bool) -> None:
        given = self.prefetched.pop(self.request.connection, None) if self.prefetched is not None else None
        feed = given[1] if given is not None and given[0] == token else self.provider.feed_for_token(token)
        if feed is None:
            self.set_status(404)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish("Ukendt kalender-link\n")
            return
        etag = feed.validator
        modified = feed.modified
        self.set_header("ETag", etag)
        self.set_header("Last-Modified", feed.http_last_modified)
        self.set_header("Cache-Control", "no-cache")
        if not_modified(self.request.headers, etag, modified):
            self.set_status(304)
            self.finish()
            return
        self.set_header("Content-Type", "text/calendar; charset=utf-8")
        self.set_header("Content-Disposition", f'inline; filename="{_safe_filename(feed.filename)}"')
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Content-Length", str(len(feed.body)))
        if send_body:
            self.write(feed.body)
        self.finish()


def not_modified(headers: tornado.httputil.HTTPHeaders, etag: str, modified: int) -> bool:
    """Whether a conditional request's validators say the client's copy is current."""
    # RFC 9110 §13.2.2: If-None-Match, when present, decides alone.
    inm = headers.get("If-None-Match")
    if inm is not None:
        return etag_matches(inm, etag)
    ims = headers.get("If-Modified-Since")
    if ims is None:
        return False
    try:
        since = email.utils.parsedate_to_datetime(ims)
        if since.tzinfo is None:
            since = since.replace(tzinfo=UTC)
        return modified <= since.timestamp()
    except (TypeError, ValueError, IndexError, OverflowError):
        return False  # unparsable or impossible dates (year 99999999999) are ignored, per RFC 9110


def etag_matches(header: str, etag: str) -> bool:
    """Weak comparison of an If-None-Match header against our ETag."""
    if header.strip() == "*":
        return True
    opaque = etag.removeprefix("W/")
    return any(candidate.strip().removeprefix("W/") == opaque for candidate in header.split(","))


def _safe_filename(name: str) -> str:
    # The name lands inside a quoted header parameter.
    return re.sub(r"[^A-Za-z0-9._-]", "_", name) or "kalender.ics"


class _HealthHandler(_TextHandler):
    SUPPORTED_METHODS = ("GET", "HEAD")

    def get(self) -> None:
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish("ok")

    def head(self) -> None:
        self.get()


class _NotFoundHandler(_TextHandler):
    """Everything unrouted, whatever the method: a plain 404, never a file."""

    SUPPORTED_METHODS = ("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS")

    def prepare(self) -> None:
        raise tornado.web.HTTPError(404)


def make_app(provider: FeedProvider, prefetched: MutableMapping | None = None) -> tornado.web.Application:
    from planner.wheel import (
        share as wheel_share,  # shared read-only wheels (/hjul/<token>); imports this module
    )

    return tornado.web.Application(
        [
            (
                rf"/feeds/({TOKEN_PATTERN})\.ics",
                _FeedHandler,
                {"provider": provider, "prefetched": prefetched},
            ),
            (r"/healthz", _HealthHandler),
            *wheel_share.routes(provider),
        ],
        default_handler_class=_NotFoundHandler,
        # No access log formatting on the hot path unless logging is configured.
        log_function=_log_errors_only,
        compress_response=False,
    )


# Tornado's routing anchors the pattern with "$" and matches it against the path without the query.
_FEED_ROUTE = re.compile(rf"/feeds/({TOKEN_PATTERN})\.ics$")


def make_http_server(provider: FeedProvider) -> tornado.httpserver.HTTPServer:
    """The HTTP server itself, reading request heads of up to MAX_HEAD_BYTES (see the limits)."""
    return tornado.httpserver.HTTPServer(
        make_server(provider), xheaders=False, max_header_size=MAX_HEAD_BYTES
    )


def make_server(provider: FeedProvider) -> tornado.httputil.HTTPServerConnectionDelegate:
    """The application, with the commonest request answered in front of it (see _ConditionalFeed)."""
    # Weak: an entry the handler never took goes with its connection.
    prefetched: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
    return _FeedServer(make_app(provider, prefetched), provider, prefetched)


class _FeedServer(tornado.httputil.HTTPServerConnectionDelegate):
    def __init__(
        self, app: tornado.web.Application, provider: FeedProvider, prefetched: MutableMapping
    ) -> None:
        self.app = app
        self.provider = provider
        self.prefetched = prefetched

    def start_request(self, server_conn: object, request_conn: tornado.httputil.HTTPConnection):
        return _ConditionalFeed(self, server_conn, request_conn)

    def on_close(self, server_conn: object) -> None:
        self.app.on_close(server_conn)


class _ConditionalFeed(tornado.httputil.HTTPMessageDelegate):
    """A calendar client polling an unchanged feed (a conditional GET or HEAD that matches)
    gets its 304 here, with the same headers `_FeedHandler` would send, without a handler
    object; that is most of the traffic. Every other request goes to the application as is,
    a conditional one with the feed it was already given (the provider is asked once)."""

    def __init__(self, server: _FeedServer, server_conn: object, request_conn) -> None:
        self.server = server
        self.server_conn = server_conn
        self.request_conn = request_conn
        self.delegate: tornado.httputil.HTTPMessageDelegate | None = None
        self.held: tuple | None = None
        self.refused: tuple[int, str] | None = None
        self.head_only = False

    def headers_received(self, start_line, headers):
        self.server.prefetched.pop(self.request_conn, None)  # one request at a time per connection
        self.refused = _oversized(start_line, headers)
        self.head_only = start_line.method == "HEAD"
        if self.refused is not None:
            return None  # answered in finish(), when the request has been read
        if (
            start_line.method in ("GET", "HEAD")
            and ("If-None-Match" in headers or "If-Modified-Since" in headers)
            and headers.get("Content-Length", "0") == "0"
            and "Transfer-Encoding" not in headers
        ):
            match = _FEED_ROUTE.match(start_line.path.partition("?")[0])
            if match is not None:
                self.held = (start_line, headers, match.group(1))
                return None  # answered in finish(), when the request has been read
        return self._pass_on(start_line, headers)

    def _pass_on(self, start_line, headers):
        self.delegate = self.server.app.start_request(self.server_conn, self.request_conn)
        return self.delegate.headers_received(start_line, headers)

    def data_received(self, chunk: bytes):
        if self.delegate is not None:
            return self.delegate.data_received(chunk)
        return None  # a held request has no body

    def finish(self) -> None:
        if self.refused is not None:
            self._answer(*self.refused)
            return
        if self.delegate is not None or self.held is None:
            if self.delegate is not None:
                self.delegate.finish()
            return
        start_line, headers, token = self.held
        try:
            feed = self.server.provider.feed_for_token(token)
        except Exception:
            # The handler asks again and answers as it always does (500, logged).
            self._pass_on(start_line, headers)
            self.delegate.finish()
            return
        if feed is not None and not_modified(headers, feed.validator, feed.modified):
            validators = {"ETag": feed.validator, "Last-Modified": feed.http_last_modified}
            self._answer(304, "Not Modified", {**validators, "Cache-Control": "no-cache"})
            return
        # The handler runs later on the loop and takes it (see _FeedHandler._serve).
        self.server.prefetched[self.request_conn] = (token, feed)
        self._pass_on(start_line, headers)
        self.delegate.finish()

    def _answer(self, status: int, reason: str, fields: dict[str, str] | None = None) -> None:
        """A response without a handler: a 304, or a refusal (414, 431) with a short text."""
        out = tornado.httputil.HTTPHeaders()
        out["Date"] = tornado.httputil.format_timestamp(time.time())
        for name, value in {**COMMON_HEADERS, **(fields or {})}.items():
            out[name] = value
        body = b"" if status == 304 else f"{status} {reason}\n".encode()
        if status != 304:
            out["Content-Type"] = "text/plain; charset=utf-8"
            out["Content-Length"] = str(len(body))
        chunk = None if self.head_only or not body else body
        self.request_conn.write_headers(tornado.httputil.ResponseStartLine("", status, reason), out, chunk)
        self.request_conn.finish()

    def on_connection_close(self) -> None:
        if self.delegate is not None:
            self.delegate.on_connection_close()


def _oversized(start_line, headers: tornado.httputil.HTTPHeaders) -> tuple[int, str] | None:
    if len(start_line.path) > MAX_URL_BYTES:
        return 414, "URI Too Long"
    if sum(len(name) + len(value) + 4 for name, value in headers.get_all()) > MAX_HEADER_BYTES:
        return 431, "Request Header Fields Too Large"
    return None


def _log_errors_only(handler: tornado.web.RequestHandler) -> None:
    """Server errors always; every other request only at DEBUG (`planner serve -vv`), tokens redacted."""
    request = handler.request
    if handler.get_status() >= 500:
        tornado.web.app_log.error(
            "%d %s %s (%s)",
            handler.get_status(),
            request.method,
            redact(request.uri or ""),
            request.remote_ip,
        )
    elif log.isEnabledFor(logging.DEBUG):
        log.debug(
            "%d %s %s (%.1f ms)",
            handler.get_status(),
            request.method,
            redact(request.uri or ""),
            request.request_time() * 1000,
        )


def run_server(provider: FeedProvider, host: str = "127.0.0.1", port: int = 8765) -> None:
    """Serve until SIGTERM or Ctrl-C (blocking).

    The signals only set an event the loop waits for. An exception raised from a signal
    handler would land in whatever callback runs at that moment, where tornado logs and
    swallows it, and the server would keep running.
    """

    async def serve() -> None:
        server = make_http_server(provider)
        server.listen(port, address=host)
        log.info("feed-serveren lytter på http://%s:%d/feeds/<token>.ics", host, port)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            with contextlib.suppress(
                NotImplementedError, RuntimeError, ValueError
            ):  # not on this platform/thread
                loop.add_signal_handler(signum, stop.set)
        try:
            await stop.wait()
        finally:
            server.stop()

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve())


class BackgroundServer:
    """The real server on its own thread and event loop; for tests and the launcher."""

    def __init__(self, provider: FeedProvider, host: str = "127.0.0.1", port: int = 0) -> None:
        self.host = host
        self._provider = provider
        self._sockets = tornado.netutil.bind_sockets(port, address=host)
        self.port: int = self._sockets[0].getsockname()[1]
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._run, name=f"feedserver-{self.port}", daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> BackgroundServer:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("feed server did not start")
        return self

    def stop(self) -> None:
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)

    def __enter__(self) -> BackgroundServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _run(self) -> None:
        asyncio.run(self._serve())

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        server = make_http_server(self._provider)
        server.add_sockets(self._sockets)
        self._ready.set()
        await self._stop.wait()
        server.stop()
        await server.close_all_connections()
