"""The real feed server on a loopback port, exercised over HTTP."""

from __future__ import annotations

import email.utils
import http.client
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import pytest

from planner.feeds.ics import Feed, FeedItem, render_feed
from planner.feeds.server import (
    BackgroundServer,
    RenderedFeed,
    etag_matches,
    feed_etag,
    new_token,
)

LAST_MODIFIED = datetime(2025, 9, 1, 10, 15, 30, tzinfo=UTC)


def rendered(summary: str, dtstamp: datetime | None = None, precompute: bool = True) -> RenderedFeed:
    item = FeedItem("holiday-1@aarshjul.norddjurs", summary, date(2025, 10, 13), date(2025, 10, 17))
    feed = Feed("direktion", "Direktionen – møder", "Direktionens møder", (item,))
    body = render_feed(feed, dtstamp=dtstamp)
    if precompute:
        return RenderedFeed.build(body, LAST_MODIFIED, feed.filename)
    return RenderedFeed(body, LAST_MODIFIED, feed.filename)


@dataclass
class DictProvider:
    feeds: dict[str, RenderedFeed] = field(default_factory=dict)
    calls: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def feed_for_token(self, token: str) -> RenderedFeed | None:
        with self.lock:
            self.calls += 1
            return self.feeds.get(token)


@pytest.fixture
def provider() -> DictProvider:
    return DictProvider()


@pytest.fixture
def server(provider: DictProvider) -> Iterator[BackgroundServer]:
    srv = BackgroundServer(provider).start()
    try:
        yield srv
    finally:
        srv.stop()


def request(
    srv: BackgroundServer, method: str, path: str, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection(srv.host, srv.port, timeout=10)
    try:
        conn.request(method, path, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def raw_request(srv: BackgroundServer, target: str) -> int:
    """Send a request line byte-for-byte, bypassing any client-side normalisation."""
    with socket.create_connection((srv.host, srv.port), timeout=10) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    return int(data.split(b" ", 2)[1])


def test_get_serves_feed_with_headers(server: BackgroundServer, provider: DictProvider) -> None:
    token = new_token()
    feed = provider.feeds[token] = rendered("Efterårsferie")
    status, headers, body = request(server, "GET", f"/feeds/{token}.ics")
    assert status == 200
    assert body == feed.body
    assert headers["content-type"] == "text/calendar; charset=utf-8"
    assert headers["content-disposition"] == 'inline; filename="direktion.ics"'
    assert headers["etag"] == feed_etag(feed.body)
    assert headers["etag"].startswith('"') and not headers["etag"].startswith("W/")
    assert headers["last-modified"] == "Mon, 01 Sep 2025 10:15:30 GMT"
    assert headers["cache-control"] == "no-cache"
    assert int(headers["content-length"]) == len(feed.body)


def test_etag_computed_when_provider_does_not_precompute(
    server: BackgroundServer, provider: DictProvider
) -> None:
    token = new_token()
    feed = provider.feeds[token] = rendered("Efterårsferie", precompute=False)
    status, headers, _ = request(server, "GET", f"/feeds/{token}.ics")
    assert status == 200
    assert headers["etag"] == feed_etag(feed.body)


def test_head_has_headers_and_no_body(server: BackgroundServer, provider: DictProvider) -> None:
    token = new_token()
    feed = provider.feeds[token] = rendered("Efterårsferie")
    status, headers, body = request(server, "HEAD", f"/feeds/{token}.ics")
    assert status == 200
    assert body == b""
    assert headers["etag"] == feed.etag
    assert int(headers["content-length"]) == len(feed.body)
    assert headers["content-type"] == "text/calendar; charset=utf-8"


@pytest.mark.parametrize(
    "inm",
    ["{etag}", '"other", {etag}', "W/{etag}", "*"],
)
def test_if_none_match_gives_304(server: BackgroundServer, provider: DictProvider, inm: str) -> None:
    token = new_token()
    feed = provider.feeds[token] = rendered("Efterårsferie")
    for method in ("GET", "HEAD"):
        status, headers, body = request(
            server, method, f"/feeds/{token}.ics", {"If-None-Match": inm.format(etag=feed.etag)}
        )
        assert (status, body) == (304, b"")
        assert headers["etag"] == feed.etag


def test_if_modified_since(server: BackgroundServer, provider: DictProvider) -> None:
    token = new_token()
    provider.feeds[token] = rendered("Efterårsferie")
    path = f"/feeds/{token}.ics"
    same = email.utils.format_datetime(LAST_MODIFIED, usegmt=True)
    later = email.utils.format_datetime(LAST_MODIFIED + timedelta(days=1), usegmt=True)
    earlier = email.utils.format_datetime(LAST_MODIFIED - timedelta(seconds=1), usegmt=True)
    assert request(server, "GET", path, {"If-Modified-Since": same})[0] == 304
    assert request(server, "GET", path, {"If-Modified-Since": later})[0] == 304
    assert request(server, "GET", path, {"If-Modified-Since": earlier})[0] == 200
    assert request(server, "GET", path, {"If-Modified-Since": "not a date"})[0] == 200


def test_if_none_match_takes_precedence(server: BackgroundServer, provider: DictProvider) -> None:
    token = new_token()
    provider.feeds[token] = rendered("Efterårsferie")
    later = email.utils.format_datetime(LAST_MODIFIED + timedelta(days=1), usegmt=True)
    headers = {"If-None-Match": '"stale"', "If-Modified-Since": later}
    assert request(server, "GET", f"/feeds/{token}.ics", headers)[0] == 200


def test_dtstamp_change_keeps_etag_and_content_change_gives_new_one(
    server: BackgroundServer, provider: DictProvider
) -> None:
    token = new_token()
    path = f"/feeds/{token}.ics"
    provider.feeds[token] = rendered("Efterårsferie", dtstamp=datetime(2025, 1, 1, tzinfo=UTC))
    first = request(server, "GET", path)[1]["etag"]

    provider.feeds[token] = rendered("Efterårsferie", dtstamp=datetime(2025, 2, 1, tzinfo=UTC))
    assert request(server, "GET", path, {"If-None-Match": first})[0] == 304

    provider.feeds[token] = rendered("Efterårsferie – flyttet", dtstamp=datetime(2025, 2, 1, tzinfo=UTC))
    status, headers, body = request(server, "GET", path, {"If-None-Match": first})
    assert status == 200
    assert headers["etag"] != first
    assert b"flyttet" in body


def test_provider_is_asked_on_every_request(server: BackgroundServer, provider: DictProvider) -> None:
    token = new_token()
    provider.feeds[token] = rendered("Efterårsferie")
    before = provider.calls
    for _ in range(3):
        request(server, "GET", f"/feeds/{token}.ics", {"If-None-Match": "*"})
    assert provider.calls == before + 3


def test_unknown_token_is_404(server: BackgroundServer, provider: DictProvider) -> None:
    status, headers, body = request(server, "GET", f"/feeds/{new_token()}.ics")
    assert status == 404
    assert headers["content-type"].startswith("text/plain")
    assert 0 < len(body) < 200
    assert provider.calls == 1


@pytest.mark.parametrize(
    "target",
    [
        "/",
        "/feeds/",
        "/feeds",
        "/feeds/short.ics",
        "/feeds/../pyproject.toml",
        "/feeds/%2e%2e/pyproject.toml",
        "/feeds/%2E%2E%2Fpyproject.toml",
        "/feeds/..%2f..%2fetc%2fpasswd",
        "/feeds/{token}.ics/../../etc/passwd",
        "/feeds/{token}.ics%00",
        "/feeds/{token}",
        "/feeds/{token}.ics.bak",
        "/static/",
        "//etc/passwd",
        "/planner/feeds/ics.py",
    ],
)
def test_everything_else_is_404(server: BackgroundServer, provider: DictProvider, target: str) -> None:
    token = new_token()
    provider.feeds[token] = rendered("Efterårsferie")
    assert raw_request(server, target.format(token=token)) == 404


def test_query_string_is_ignored(server: BackgroundServer, provider: DictProvider) -> None:
    token = new_token()
    provider.feeds[token] = rendered("Efterårsferie")
    assert request(server, "GET", f"/feeds/{token}.ics?x=1")[0] == 200


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
def test_other_methods_are_405(server: BackgroundServer, provider: DictProvider, method: str) -> None:
    token = new_token()
    provider.feeds[token] = rendered("Efterårsferie")
    status, _, body = request(server, method, f"/feeds/{token}.ics")
    assert status == 405
    assert b"<html" not in body.lower()


def test_healthz(server: BackgroundServer) -> None:
    status, _, body = request(server, "GET", "/healthz")
    assert (status, body) == (200, b"ok")


def test_server_stops_and_releases_port(provider: DictProvider) -> None:
    srv = BackgroundServer(provider).start()
    assert request(srv, "GET", "/healthz")[0] == 200
    srv.stop()
    with pytest.raises(OSError):
        request(srv, "GET", "/healthz")


def test_etag_matching_rules() -> None:
    assert etag_matches('"a"', '"a"')
    assert etag_matches(' "b" , "a"', '"a"')
    assert etag_matches('W/"a"', '"a"')
    assert etag_matches("*", '"a"')
    assert not etag_matches('"ab"', '"a"')
    assert not etag_matches("", '"a"')


def test_new_tokens_have_at_least_128_bits() -> None:
    tokens = {new_token() for _ in range(100)}
    assert len(tokens) == 100
    assert all(len(t) >= 22 for t in tokens)
