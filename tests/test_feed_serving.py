"""The real feed server on a real database: `planner serve` as a subprocess, and in-process.

Edits are made through a second Store connection, as the app or the CLI would,
and must show on the server's next response.
"""

from __future__ import annotations

import email.utils
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from ics_clients import parse_with_vobject

from planner import commands
from planner.feeds.catalog import FeedRegistry, StoreFeedProvider, build_feed, calendar_periods, feed_specs
from planner.feeds.ics import render_feed
from planner.feeds.server import BackgroundServer, feed_etag, new_token
from planner.storage.store import Store
from planner.sync.importer import import_documents, read_documents

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "data" / "examples").glob("*.txt"))
MOVED_TITLE = "Ny model for sygefravær 1-3-10"
CLOSED_TEXT = "Drøftelse og godkendelse af tidsplan for budgetopfølgninger"


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


def request(port: int, path: str, method: str = "GET", headers: dict[str, str] | None = None) -> Response:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, headers=headers or {})
        resp = conn.getresponse()
        body = resp.read()
        return Response(resp.status, {k.lower(): v for k, v in resp.getheaders()}, body)
    finally:
        conn.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def planner_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "planner.cli", *args]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "plan.db"
    with Store(path) as store:
        import_documents(store, read_documents(EXAMPLES))
    return path


def tokens(db: Path) -> dict[str, str]:
    with Store(db) as store:
        return {info.name: info.token for info in FeedRegistry(store).urls("http://127.0.0.1")}


@dataclass
class Served:
    port: int
    tokens: dict[str, str]
    stdout: str

    def path(self, name: str) -> str:
        return f"/feeds/{self.tokens[name]}.ics"


@pytest.fixture
def served(db: Path) -> Iterator[Served]:
    """`planner serve` in a subprocess; always stopped."""
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("PLANNER_FEED_BASE_URL", None)
    proc = subprocess.Popen(
        planner_cmd("serve", "--db", str(db), "--port", str(port)),
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                pytest.fail(f"planner serve exited {proc.returncode}: {proc.stderr.read()}")
            try:
                if request(port, "/healthz").status == 200:
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("planner serve did not start")
                time.sleep(0.1)
        yield Served(port, tokens(db), "")
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            out, _ = proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
    assert proc.returncode == 0, "planner serve should stop cleanly on SIGTERM"
    # The URLs printed at start are the registry's URLs on the chosen port.
    assert f"http://127.0.0.1:{port}/feeds/" in out


def move_point(db: Path, title: str, new: date) -> None:
    """The edit another process makes: commands.move_point through its own Store connection."""
    with Store(db) as store:
        pid = next(p.id for p in store.load_plan().points if p.title == title)
        commands.move_point(store, pid, new, actor="test")


def test_get_headers_and_body(served: Served) -> None:
    resp = request(served.port, served.path("direktion"))
    assert resp.status == 200
    assert resp.headers["content-type"] == "text/calendar; charset=utf-8"
    assert resp.headers["etag"].startswith('"') and resp.headers["last-modified"].endswith("GMT")
    assert resp.headers["content-disposition"] == 'inline; filename="direktion.ics"'
    assert int(resp.headers["content-length"]) == len(resp.body)
    parsed = parse_with_vobject(resp.body)
    assert parsed["calendar"]["x-wr-calname"] == "Direktionen – møder"
    assert "meeting-2025-01-22@aarshjul.norddjurs" in {ev["uid"] for ev in parsed["events"]}


def test_conditional_get_and_head(served: Served) -> None:
    first = request(served.port, served.path("punkter"))
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    again = request(served.port, served.path("punkter"), headers={"If-None-Match": etag})
    assert again.status == 304 and again.body == b"" and again.headers["etag"] == etag
    since = request(served.port, served.path("punkter"), headers={"If-Modified-Since": modified})
    assert since.status == 304
    head = request(served.port, served.path("punkter"), method="HEAD")
    assert head.status == 200 and head.body == b""
    assert head.headers["etag"] == etag and head.headers["content-length"] == str(len(first.body))


def test_unknown_and_malformed_tokens_are_404(served: Served) -> None:
    assert request(served.port, f"/feeds/{new_token()}.ics").status == 404
    assert request(served.port, "/feeds/short.ics").status == 404
    assert request(served.port, "/feeds/../plan.db").status == 404
    assert request(served.port, "/").status == 404


def test_every_feed_is_served_and_public_ones_hide_closed_points(served: Served) -> None:
    for name in served.tokens:
        resp = request(served.port, served.path(name))
        assert resp.status == 200, name
        text = resp.body.decode()
        if name == "intern":
            assert "SUMMARY:Lukket punkt" in text
        else:
            assert "Lukket punkt\r\nCLASS" not in text, name
        assert CLOSED_TEXT not in text.replace("\r\n ", ""), name


def test_edit_through_another_connection_shows_on_next_get(served: Served, db: Path) -> None:
    before = request(served.port, served.path("punkter"))
    assert before.status == 200 and "DTSTART;TZID=Europe/Copenhagen:20250205T090000" in before.body.decode()
    time.sleep(1.1)  # Last-Modified has one-second resolution
    move_point(db, MOVED_TITLE, date(2025, 2, 19))
    after = request(served.port, served.path("punkter"), headers={"If-None-Match": before.headers["etag"]})
    assert after.status == 200
    assert after.headers["etag"] != before.headers["etag"]
    lm_before = email.utils.parsedate_to_datetime(before.headers["last-modified"])
    assert email.utils.parsedate_to_datetime(after.headers["last-modified"]) > lm_before
    moved = next(ev for ev in parse_with_vobject(after.body)["events"] if ev["summary"] == MOVED_TITLE)
    assert moved["start"] == "2025-02-19T08:00:00Z" and moved["sequence"] == 1
    # The new version is stable again.
    assert (
        request(served.port, served.path("punkter"), headers={"If-None-Match": after.headers["etag"]}).status
        == 304
    )


def test_in_process_provider_caches_per_plan_version(db: Path) -> None:
    names = tokens(db)
    provider = StoreFeedProvider(db)
    try:
        with BackgroundServer(provider) as server:
            path = f"/feeds/{names['direktion']}.ics"
            first = request(server.port, path)
            second = request(server.port, path)
            # Cached: the very same bytes, DTSTAMP included.
            assert first.status == second.status == 200 and first.body == second.body
            move_point(db, MOVED_TITLE, date(2025, 2, 19))
            third = request(server.port, path)
            assert third.headers["etag"] != first.headers["etag"]
            meeting = {ev["uid"]: ev for ev in parse_with_vobject(third.body)["events"]}
            assert MOVED_TITLE in meeting["meeting-2025-02-19@aarshjul.norddjurs"]["description"]
    finally:
        provider.close()


def test_provider_after_a_move_serves_a_fresh_render_having_serialised_only_the_changes(db: Path) -> None:
    names = tokens(db)
    provider = StoreFeedProvider(db)
    try:
        before = provider.feed_for_token(names["intern"])
        assert before is not None
        serialised = provider.renderer.serialised
        move_point(db, MOVED_TITLE, date(2025, 2, 19))
        after = provider.feed_for_token(names["intern"])
        assert after is not None and after.body != before.body
        changed = provider.renderer.serialised - serialised
        with Store(db) as store:
            plan = store.load_plan()
        spec = next(s for s in feed_specs(plan) if s.name == "intern")
        fresh = render_feed(build_feed(plan, spec, calendar_periods(plan)))
        # The same bytes a renderer without a past gives (feed_etag leaves DTSTAMP out).
        assert feed_etag(after.body) == feed_etag(fresh)
        events = after.body.count(b"BEGIN:VEVENT")
        # The point, the meetings it left and joined, and the points whose times shifted there.
        assert 0 < changed < events / 4, (changed, events)
    finally:
        provider.close()


def test_planner_feeds_json_matches_served_tokens(served: Served, db: Path) -> None:
    out = subprocess.run(
        planner_cmd("feeds", "--db", str(db), "--json", "--base-url", "https://k.example/x/"),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    listed = {f["name"]: f for f in json.loads(out)}
    assert {n: f["token"] for n, f in listed.items()} == served.tokens
    assert listed["ferie"]["url"] == f"https://k.example/x/feeds/{served.tokens['ferie']}.ics"
