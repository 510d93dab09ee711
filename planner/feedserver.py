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
import re
import secrets
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

import tornado.httpserver
import tornado.netutil
import tornado.web

# Tokens are url-safe base64 (secrets.token_urlsafe) or hex; at least 22
# characters = 128 bits. Shorter strings are refused without asking the provider.
TOKEN_PATTERN = r"[A-Za-z0-9_-]{22,256}"
_DTSTAMP_LINE = re.compile(rb"^DTSTAMP[:;][^\r\n]*\r\n", re.M)


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


class FeedProvider(Protocol):
    def feed_for_token(self, token: str) -> RenderedFeed | None: ...


class _TextHandler(tornado.web.RequestHandler):
    """Short plain-text error pages instead of tornado's HTML ones (404, 405, 500)."""

    def write_error(self, status_code: int, **kwargs: object) -> None:
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(f"{status_code} {self._reason}\n")


class _FeedHandler(_TextHandler):
    SUPPORTED_METHODS = ("GET", "HEAD")

    def initialize(self, provider: FeedProvider) -> None:
        self.provider = provider

    def compute_etag(self) -> str | None:
        # Tornado's automatic weak ETag would hash DTSTAMP too; ours is set explicitly.
        return None

    def get(self, token: str) -> None:
        self._serve(token, send_body=True)

    def head(self, token: str) -> None:
        self._serve(token, send_body=False)

    def _serve(self, token: str, send_body: bool) -> None:
        feed = self.provider.feed_for_token(token)
        if feed is None:
            self.set_status(404)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish("Ukendt kalender-link\n")
            return
        etag = feed.etag or feed_etag(feed.body)
        modified = int(feed.last_modified.timestamp())
        self.set_header("ETag", etag)
        self.set_header("Last-Modified", email.utils.formatdate(modified, usegmt=True))
        self.set_header("Cache-Control", "no-cache")
        if self._not_modified(etag, modified):
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

    def _not_modified(self, etag: str, modified: int) -> bool:
        # RFC 9110 §13.2.2: If-None-Match, when present, decides alone.
        inm = self.request.headers.get("If-None-Match")
        if inm is not None:
            return etag_matches(inm, etag)
        ims = self.request.headers.get("If-Modified-Since")
        if ims is None:
            return False
        try:
            since = email.utils.parsedate_to_datetime(ims)
        except (TypeError, ValueError, IndexError):
            return False  # unparsable dates are ignored, per RFC 9110
        if since.tzinfo is None:
            since = since.replace(tzinfo=UTC)
        return modified <= since.timestamp()


def etag_matches(header: str, etag: str) -> bool:
    """Weak comparison of an If-None-Match header against our ETag."""
    if header.strip() == "*":
        return True
    opaque = etag.removeprefix("W/")
    return any(candidate.strip().removeprefix("W/") == opaque for candidate in header.split(","))


def _safe_filename(name: str) -> str:
    # The name lands inside a quoted header parameter.
    return re.sub(r'[^A-Za-z0-9._-]', "_", name) or "kalender.ics"


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


def make_app(provider: FeedProvider) -> tornado.web.Application:
    return tornado.web.Application(
        [
            (rf"/feeds/({TOKEN_PATTERN})\.ics", _FeedHandler, {"provider": provider}),
            (r"/healthz", _HealthHandler),
        ],
        default_handler_class=_NotFoundHandler,
        # No access log formatting on the hot path unless logging is configured.
        log_function=_log_errors_only,
        compress_response=False,
    )


def _log_errors_only(handler: tornado.web.RequestHandler) -> None:
    if handler.get_status() >= 500:
        tornado.web.app_log.error("%d %s", handler.get_status(), handler._request_summary())


def run_server(provider: FeedProvider, host: str = "127.0.0.1", port: int = 8765) -> None:
    """Serve until interrupted (blocking)."""

    async def serve() -> None:
        server = make_app(provider).listen(port, address=host, xheaders=False)
        print(f"Kalender-feeds: http://{host}:{port}/feeds/<token>.ics", flush=True)
        try:
            await asyncio.Event().wait()
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
        server = tornado.httpserver.HTTPServer(make_app(self._provider))
        server.add_sockets(self._sockets)
        self._ready.set()
        await self._stop.wait()
        server.stop()
        await server.close_all_connections()
