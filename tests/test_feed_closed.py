"""Closed points leave no trace in public feeds: served by the real server, read back by vobject.

A closed point ("Lukket sag") on 15 January 2025 sits between open points on the same meeting.
Public feeds must show neither the point, nor a "Lukket punkt" placeholder in the meeting's
list of points, nor the gap its time slot would leave. Only the internal feed names it, and
only as "Lukket punkt".
"""

from __future__ import annotations

import http.client
import itertools
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from ics_clients import parse_with_vobject

from planner.feeds.catalog import FeedRegistry, StoreFeedProvider
from planner.feeds.ics import CLOSED_SUMMARY
from planner.feeds.server import BackgroundServer
from planner.storage.store import Store

CLOSED_DAY = "2025-01-15"


def get(port: int, path: str) -> bytes:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        body = resp.read()
        assert resp.status == 200, (path, resp.status)
        return body
    finally:
        conn.close()


@pytest.fixture
def served_feeds(imported_db: Path) -> dict[str, dict]:
    """name -> (internal, parsed feed) for every feed, as the running server hands it out."""
    with Store(imported_db) as store:
        closed = [p for p in store.load_plan().points if p.closed]
        infos = FeedRegistry(store).urls("http://127.0.0.1")
    assert [str(p.date) for p in closed] == [CLOSED_DAY]  # the examples' one closed case
    provider = StoreFeedProvider(imported_db)
    try:
        with BackgroundServer(provider) as server:
            return {
                i.name: (i.internal, parse_with_vobject(get(server.port, f"/feeds/{i.token}.ics")))
                for i in infos
            }
    finally:
        provider.close()


def _local(utc: str) -> str:
    return (
        datetime.fromisoformat(utc.replace("Z", "+00:00"))
        .astimezone(ZoneInfo("Europe/Copenhagen"))
        .strftime("%H.%M")
    )


def _texts(event: dict) -> str:
    return "\n".join(str(event.get(k) or "") for k in ("summary", "description", "location", "categories"))


def test_public_feeds_carry_no_trace_of_closed_points(served_feeds):
    public = {name: parsed for name, (internal, parsed) in served_feeds.items() if not internal}
    assert {"direktion", "punkter", "politik", "ferie"} <= public.keys()
    for name, parsed in public.items():
        for event in parsed["events"]:
            assert CLOSED_SUMMARY.lower() not in _texts(event).lower(), (name, event["uid"])
    meeting = next(
        e for e in public["direktion"]["events"] if e["uid"] == f"meeting-{CLOSED_DAY}@aarshjul.norddjurs"
    )
    listed = [line for line in meeting["description"].splitlines() if line.startswith("- ")]
    points = sorted(
        (e for e in public["punkter"]["events"] if e["start"].startswith(CLOSED_DAY)),
        key=lambda e: e["start"],
    )
    # The meeting lists exactly the public points of the day, each at its own start time.
    assert len(listed) == len(points) >= 2
    assert [line.split(" ", 2)[2] for line in listed] == [e["summary"] for e in points]
    # Back to back: no hole where the closed point's slot was. The gaps are where the meeting's
    # timetable has a break (Pause 11.00, Frokost 12.05): the description names a break by its start
    # only, so the time after the pause that the closed point takes reads as part of the pause.
    breaks = {line.split()[0] for line in meeting["description"].splitlines() if line.startswith("  ")}
    gaps = [_local(a["end"]) for a, b in itertools.pairwise(points) if a["end"] != b["start"]]
    assert gaps == ["11.00", "12.05"] and set(gaps) <= breaks


def test_only_the_internal_feed_shows_lukket_punkt(served_feeds):
    internal = [parsed for internal, parsed in served_feeds.values() if internal]
    assert len(internal) == 1
    events = internal[0]["events"]
    assert [e["start"][:10] for e in events if e["summary"] == CLOSED_SUMMARY] == [CLOSED_DAY]
    meeting = next(e for e in events if e["uid"] == f"meeting-{CLOSED_DAY}@aarshjul.norddjurs")
    assert sum(line.endswith(CLOSED_SUMMARY) for line in meeting["description"].splitlines()) == 1
