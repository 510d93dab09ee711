"""`planner serve` against hostile and broken requests, over raw sockets on 127.0.0.1.

Every request gets a status line (400, 414, 431, …): never a dropped connection or an uncaught
exception. Tokens are secrets: the server neither prints them at start nor logs them on a 500.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers_proc import planner

ROOT = Path(__file__).resolve().parent.parent
FAR_FUTURE = "Sat, 01 Jan 99999999999 00:00:00 GMT"


@dataclass
class Reply:
    status: int | None
    head: str
    body: bytes

    def header(self, name: str) -> str | None:
        for line in self.head.split("\r\n")[1:]:
            key, _, value = line.partition(":")
            if key.strip().lower() == name.lower():
                return value.strip()
        return None


def raw(port: int, data: bytes, timeout: float = 20) -> Reply:
    """Send `data` as is and read the reply until the server closes or the reply is complete."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        with contextlib.suppress(OSError):  # the server may answer and close before reading everything
            sock.sendall(data)
        received = b""
        while True:
            try:
                chunk = sock.recv(65536)
            except (ConnectionResetError, TimeoutError):
                break
            if not chunk:
                break
            received += chunk
            head, sep, body = received.partition(b"\r\n\r\n")
            if sep and (b"content-length: 0" in head.lower() or head.startswith(b"HTTP/1.1 304")):
                break
            length = next(
                (
                    int(line.split(b":")[1])
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length:")
                ),
                None,
            )
            if sep and length is not None and len(body) >= length:
                break
    head, _, body = received.partition(b"\r\n\r\n")
    text = head.decode("latin-1")
    status = int(text.split(" ")[1]) if text.startswith("HTTP/1.") else None
    return Reply(status, text, body)


def get(port: int, path: str, *headers: str, method: str = "GET") -> Reply:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close", *headers, "", ""]
    return raw(port, "\r\n".join(lines).encode("latin-1"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    port: int
    proc: subprocess.Popen
    output: str = ""


@contextmanager
def serving(db: Path) -> Iterator[Server]:
    """`planner serve` as a subprocess; its stdout and stderr are in `output` after the block."""
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(ROOT)}
    env.pop("PLANNER_FEED_BASE_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "planner.cli", "serve", "--db", str(db), "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    server = Server(port, proc)
    try:
        deadline = time.monotonic() + 30
        while get(port, "/healthz").status != 200 if _listening(port) else True:
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"planner serve did not start: {proc.communicate(timeout=5)[0]}")
            time.sleep(0.1)
        yield server
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            server.output = proc.communicate(timeout=20)[0]
        except subprocess.TimeoutExpired:
            proc.kill()
            server.output = proc.communicate()[0]


def _listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def _tokens(db: Path) -> dict[str, str]:
    result = planner("feeds", "--json", "--db", db)
    assert result.returncode == 0, result.stderr
    return {f["name"]: f["token"] for f in json.loads(result.stdout)}


@pytest.fixture
def served(imported_db) -> Iterator[tuple[Server, dict[str, str]]]:
    tokens = _tokens(imported_db)
    with serving(imported_db) as server:
        yield server, tokens
    assert not any(token in server.output for token in tokens.values()), server.output


def test_a_100_kb_url_gets_414(served):
    server, tokens = served
    for path in (
        "/feeds/" + "a" * 100_000 + ".ics",
        "/" + "x" * 100_000,
        f"/feeds/{tokens['punkter']}.ics?" + "q" * 100_000,
    ):
        assert get(server.port, path).status == 414
    assert get(server.port, "/healthz").status == 200  # and it still serves


def test_huge_headers_get_431(served):
    server, tokens = served
    many = [f"X-Fyld-{i}: " + "y" * 4000 for i in range(50)]  # 200 KB of headers
    assert get(server.port, f"/feeds/{tokens['punkter']}.ics", *many).status == 431
    assert get(server.port, "/healthz", "Cookie: " + "c" * 100_000).status == 431
    assert get(server.port, f"/feeds/{tokens['punkter']}.ics").status == 200


def test_an_if_modified_since_in_year_99999999999_is_ignored(served):
    server, tokens = served
    path = f"/feeds/{tokens['direktion']}.ics"
    for method in ("GET", "HEAD"):
        reply = get(server.port, path, f"If-Modified-Since: {FAR_FUTURE}", method=method)
        assert reply.status in (200, 400), reply.head
    full = get(server.port, path, f"If-Modified-Since: {FAR_FUTURE}")
    assert full.status == 200 and full.body.startswith(b"BEGIN:VCALENDAR")
    # Also when the request is not a conditional one the fast path would take.
    reply = get(server.port, path, f"If-Modified-Since: {FAR_FUTURE}", "Content-Length: 0")
    assert reply.status == 200


@pytest.mark.parametrize(
    "request_bytes",
    [
        b"NONSENSE\r\n\r\n",
        b"GET /healthz HTTP/9.9\r\n\r\n",
        b"GET /healthz HTTP/1.1\r\nUden kolon\r\n\r\n",
        b"GET /healthz HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
        b"\x00\xff\xfe garbage \r\n\r\n",
    ],
    ids=["no-method", "http-9", "header-without-colon", "negative-length", "binary"],
)
def test_malformed_requests_get_400(served, request_bytes):
    server, _ = served
    assert raw(server.port, request_bytes).status == 400
    assert get(server.port, "/healthz").status == 200


def test_no_referrer_and_no_server_version(served):
    server, tokens = served
    path = f"/feeds/{tokens['punkter']}.ics"
    first = get(server.port, path)
    replies = [
        first,
        get(server.port, path, f"If-None-Match: {first.header('ETag')}"),
        get(server.port, "/feeds/" + "z" * 30 + ".ics"),
        get(server.port, "/healthz"),
        get(server.port, "/" + "x" * 100_000),
    ]
    assert [r.status for r in replies] == [200, 304, 404, 200, 414]
    for reply in replies:
        assert reply.header("Referrer-Policy") == "no-referrer", reply.head
        server_header = reply.header("Server")
        assert server_header is None or not any(c.isdigit() for c in server_header), reply.head


def _garble_points_table(db: Path) -> None:
    conn = sqlite3.connect(db)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name='points'").fetchone()[0]
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    with db.open("r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(bytes(range(256)) * (page_size // 256))


def test_tokens_are_neither_printed_at_start_nor_logged_on_a_500(imported_db):
    tokens = _tokens(imported_db)
    with serving(imported_db) as server:
        _garble_points_table(imported_db)  # before the server has read the plan: the next feed is a 500
        reply = get(server.port, f"/feeds/{tokens['punkter']}.ics")
        assert reply.status == 500
        assert get(server.port, "/healthz").status == 200
    assert "/feeds/" in server.output  # it does say where the feeds are ...
    assert "/feeds/…" in server.output  # ... and the failed request is logged, redacted
    for name, token in tokens.items():
        assert token not in server.output, name


def _poll(port: int, path: str, etag: str, done: threading.Event) -> None:
    while not done.is_set():
        with contextlib.suppress(OSError):
            get(port, path, f"If-None-Match: {etag}")


def test_sigterm_while_requests_are_served_stops_the_server(imported_db):
    """A signal landing in the middle of a request must still stop the server, cleanly."""
    path = f"/feeds/{_tokens(imported_db)['punkter']}.ics"
    for _ in range(3):
        with serving(imported_db) as server:
            etag = get(server.port, path).header("ETag")
            done = threading.Event()

            pollers = [
                threading.Thread(target=_poll, args=(server.port, path, etag, done), daemon=True)
                for _ in range(4)
            ]
            for thread in pollers:
                thread.start()
            time.sleep(0.5)
            server.proc.send_signal(signal.SIGTERM)
            try:
                server.proc.wait(timeout=10)
            finally:
                done.set()
        assert server.proc.returncode == 0, server.output
