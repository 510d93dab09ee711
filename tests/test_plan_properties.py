"""Properties that must hold for ANY imported plan, checked on both plans we have.

Every test runs once on the four Norddjurs examples (data/examples) and once on the six Molsbjerg
documents in four formats (tests/fixtures/second_plan), through the `plan_*` fixtures of conftest.
The components are the real ones: a real SQLite file, `planner` as a subprocess, the feed server
on 127.0.0.1, and the feeds read back by vobject and by Mozilla's ical.js under node. Nothing here
names a point or a date of either plan: what is checked is derived from the plan itself.
"""

from __future__ import annotations

import dataclasses
import http.client
import json
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import ROOT, copy_db
from helpers_proc import PLAN_TABLES, _env, plan_state, planner, snapshot
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ics_clients import comparable as comparable_events
from ics_clients import parse_with_icaljs, parse_with_vobject, require_icaljs

from planner import commands
from planner.commands import PlanError
from planner.feeds.catalog import FeedRegistry, build_feeds, calendar_periods, feed_specs, render_feeds
from planner.feeds.ics import CLOSED_SUMMARY, unfold
from planner.plan import SCHEDULED_STATUSES, Plan, Point
from planner.storage.store import Store
from planner.sync.importer import import_documents, read_documents

STAMP = datetime(2025, 1, 6, 7, 30, tzinfo=UTC)
CPH = ZoneInfo("Europe/Copenhagen")
UID_SUFFIX = "@aarshjul.norddjurs"
# Every rule id the conflict engine has; `planner check --json` is a public interface.
KNOWN_RULES = {
    "public-holiday",
    "closure",
    "absent-owner",
    "absent-participant",
    "follow-up-order",
    "preparation-order",
    "deadline",
    "overfull",
    "duplicate",
    "past-planned",
    "political-same-day",
    "off-rhythm",
    "merge-conflict",
}
ITEM_KINDS = {"point", "meeting", "absence", "event", "closure"}
EMPTY_PLAN = {t: [] for t in (*PLAN_TABLES, "documents")}


# --- helpers --------------------------------------------------------------------------------


def load(db: Path) -> Plan:
    with Store(db) as store:
        return store.load_plan()


def stored(plan: Plan) -> dict:
    """Everything stored, except the write timestamps (as tests/test_commands.py compares)."""

    def rows(items):
        return [{k: v for k, v in dataclasses.asdict(x).items() if k != "updated_at"} for x in items]

    return {
        n: rows(getattr(plan, n)) for n in ("points", "meetings", "events", "closures", "absences", "people")
    }


def meaning(plan: Plan) -> dict:
    """The plan as a user sees it, without row ids (which depend on the order rows were written).

    Nor UID and SEQUENCE: a point keeps the UID it was first published under, so it depends on the
    document that brought it into this database first, and a late older document that moves a
    published point grows its SEQUENCE (importer.replay keeps both on purpose, for subscribers).
    """
    return {
        "points": sorted(
            (
                p.title,
                p.description,
                p.date,
                p.status,
                p.origin,
                p.owner,
                tuple(p.participants),
                p.duration_min,
                p.closed,
                p.note,
            )
            for p in plan.points
        ),
        "meetings": sorted((m.date, m.status, m.start, m.end, m.location) for m in plan.meetings),
        "events": sorted((e.uid, e.title, e.start, e.end, e.status, e.category) for e in plan.events),
        "closures": sorted((c.label, c.start, c.end) for c in plan.closures),
        "absences": sorted((a.person, a.start, a.end, a.note) for a in plan.absences),
        "people": sorted((p.name, p.role, p.vacant) for p in plan.people),
    }


def render_all(db: Path) -> dict[str, bytes]:
    plan = load(db)
    return render_feeds(build_feeds(plan, calendar_periods(plan)), STAMP)


def events_by_uid(ics: bytes) -> dict[str, dict]:
    return {ev["uid"]: ev for ev in parse_with_vobject(ics)["events"]}


def raw_text(ics: bytes) -> str:
    """Unfolded and unescaped, so a phrase split by folding or escaping is still found."""
    text = unfold(ics.decode("utf-8"))
    return text.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\")


def without(ics: bytes, *props: bytes) -> bytes:
    for prop in props:
        ics = re.sub(rb"(?m)^" + prop + rb"[:;][^\r]*\r\n", b"", ics)
    return ics


def cli_json(*args) -> object:
    result = planner(*args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def movable_point(plan: Plan) -> tuple[Point, date]:
    """The first open document point with a later meeting outside any closure to move it to."""
    closed_days = {d for c in plan.closures for d in _days(c.start, c.end)}
    meetings = sorted(m.date for m in plan.meetings if m.status != "aflyst" and m.date not in closed_days)
    for p in sorted(plan.points, key=lambda p: p.id):
        if p.closed or p.date is None or p.status != "planlagt" or p.origin == "manual":
            continue
        later = [d for d in meetings if d > p.date]
        if later:
            return p, later[0]
    raise AssertionError("no movable point in the plan")


def _days(start: date, end: date):
    return (start + timedelta(days=i) for i in range((end - start).days + 1))


def closed_texts(plan: Plan) -> list[str]:
    """What a closed point says: its title (without the ellipsis of a shortened title) and text."""
    out = []
    for p in plan.points:
        if p.closed:
            out += [t.rstrip("…").strip() for t in (p.title, p.description) if t and len(t.strip()) >= 8]
    return out


# --- import ---------------------------------------------------------------------------------


def test_importing_again_changes_nothing(plan_db, plan_files):
    before = snapshot(plan_db)
    again = cli_json("import", *plan_files, "--db", plan_db, "--json")
    assert {d["status"] for d in again["documents"]} == {"unchanged"}, again
    assert not any(d["added"] or d["moved"] or d["vanished"] or d["conflicts"] for d in again["documents"])
    assert snapshot(plan_db) == before  # not a row, not a history entry, not a timestamp


def _orders(n: int) -> dict[str, list[int]]:
    """Reversed, interleaved, and each document arriving last (late, after the newer ones)."""
    orders = {"reversed": list(range(n))[::-1], "interleaved": list(range(1, n, 2)) + list(range(0, n, 2))}
    for i in range(n):
        orders[f"late-{i}"] = [j for j in range(n) if j != i] + [i]
    return orders


def test_every_import_order_gives_the_same_plan(plan_template, plan_files, tmp_path):
    """One document at a time, in many orders, gives the plan of one import of them all."""
    reference = meaning(load(plan_template))
    for name, order in _orders(len(plan_files)).items():
        with Store(tmp_path / f"{name}.db") as store:
            for i in order:
                results = import_documents(store, read_documents([plan_files[i]]))  # results are filled in
                assert all(r.status != "error" for r in results), [r.error for r in results]
            plan = store.load_plan()
            got = meaning(plan)
        uids = [p.uid for p in plan.points]
        assert len(uids) == len(set(uids)), f"import order {name}: duplicate UIDs"
        assert got == reference, f"import order {name}: {[plan_files[i].name for i in order]}"


# --- commands: move and undo --------------------------------------------------------------------


def test_every_point_moved_and_undone_restores_the_plan_exactly(plan_db):
    with Store(plan_db) as store:
        before = stored(store.load_plan())
        meetings = sorted(m.date for m in store.load_plan().meetings)
        for row in before["points"]:
            pid, old = row["id"], row["date"]
            targets = [None if old else meetings[0]]
            later = [d for d in meetings if old and d > old]
            targets += later[:1]
            for new in targets:
                result = commands.move_point(store, pid, new, today=date(2000, 1, 1))
                assert result.change_id is not None, (pid, old, new)
                assert store.load_plan().point(pid).date == new
                commands.undo(store)
                assert stored(store.load_plan()) == before, f"point {pid} ({row['title']!r}) {old} → {new}"


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), create_meeting=st.booleans())
def test_any_move_then_undo_restores_the_plan_exactly(plan_template, data, create_meeting):
    plan = load(plan_template)
    pid = data.draw(st.sampled_from(sorted(p.id for p in plan.points)), label="point")
    days = sorted(
        {m.date for m in plan.meetings} | {c.start for c in plan.closures} | {a.start for a in plan.absences}
    )
    new = data.draw(
        st.one_of(
            st.none(),
            st.sampled_from(days),
            st.dates(min_value=days[0] - timedelta(days=60), max_value=days[-1] + timedelta(days=60)),
        ),
        label="date",
    )
    with tempfile.TemporaryDirectory() as tmp:
        db = copy_db(plan_template, Path(tmp) / "plan.db")
        with Store(db) as store:
            before = stored(store.load_plan())
            try:
                result = commands.move_point(store, pid, new, create_meeting=create_meeting)
            except PlanError:
                assert not create_meeting  # only a day off the rhythm is refused, and only when not asked
                assert stored(store.load_plan()) == before
                return
            if result.change_id is None:
                assert stored(store.load_plan()) == before
                return
            assert store.load_plan().point(pid).date == new
            commands.undo(store)
            assert stored(store.load_plan()) == before


# --- points and check through the CLI ---------------------------------------------------------


def test_planner_points_json_agrees_with_the_store(plan_db):
    listed = {p["id"]: p for p in cli_json("points", "--json", "--db", plan_db)}
    plan = load(plan_db)
    assert set(listed) == {p.id for p in plan.points}
    for p in plan.points:
        row = listed[p.id]
        assert (
            row["uid"],
            row["title"],
            row["date"],
            row["owner"],
            row["status"],
            row["origin"],
            row["source"],
        ) == (
            p.uid,
            p.title,
            p.date.isoformat() if p.date else None,
            p.owner,
            p.status,
            p.origin,
            p.source,
        ), p.id
        assert (row["duration_min"], row["participants"], row["closed"], row["version"], row["sequence"]) == (
            p.duration_min,
            list(p.participants),
            p.closed,
            p.version,
            p.sequence,
        ), p.id


@pytest.mark.parametrize("today", ["2000-01-01", "2100-01-01"])
def test_check_reports_only_known_rules_about_existing_items(plan_db, today):
    plan = load(plan_db)
    ids = {
        "point": {p.id for p in plan.points},
        "meeting": {m.id for m in plan.meetings},
        "absence": {a.id for a in plan.absences},
        "closure": {c.id for c in plan.closures},
    }
    found = cli_json("check", "--json", "--today", today, "--db", plan_db)
    assert isinstance(found, list)
    for c in found:
        assert c["rule"] in KNOWN_RULES, c
        assert c["severity"] in ("error", "warning", "info"), c
        assert c["message"].strip() and "Traceback" not in c["message"], c
        assert c["date"] is None or date.fromisoformat(c["date"]), c
        for item in c["items"]:
            kind, _, num = item.partition(":")
            assert kind in ITEM_KINDS, c
            if kind in ids:
                assert int(num) in ids[kind], f"{item} is not in the plan: {c}"
    if today == "2000-01-01":
        assert not [c for c in found if c["rule"] == "past-planned"]
    else:  # every planned, dated point is in the past then
        pending = {p.id for p in plan.points if p.status == "planlagt" and p.date}
        flagged = {int(i.split(":")[1]) for c in found if c["rule"] == "past-planned" for i in c["items"]}
        assert pending <= flagged
    strict = planner("check", "--strict", "--today", today, "--db", plan_db)
    assert strict.returncode == (1 if any(c["severity"] == "error" for c in found) else 0), strict.stderr


# --- history and revert -------------------------------------------------------------------------


def test_history_and_revert_round_trip(empty_db, plan_files):
    imported = cli_json("import", *plan_files, "--db", empty_db, "--json")
    assert {d["status"] for d in imported["documents"]} == {"added"}
    after_import = plan_state(empty_db)
    point, target = movable_point(load(empty_db))

    moved = planner("move", point.id, target.isoformat(), "--db", empty_db)
    assert moved.returncode == 0, moved.stderr
    history = cli_json("history", "--item", point.id, "--json", "--db", empty_db)
    assert history[0]["action"] == "move" and history[-1]["action"] == "import"
    change = history[0]["items"][0]
    assert change["name"] == point.title or change["name"] == "Lukket punkt"
    assert change["changes"]["date"] == [point.date.isoformat(), target.isoformat()]

    undone = planner("revert", history[0]["id"], "--db", empty_db)
    assert undone.returncode == 0, undone.stderr
    assert plan_state(empty_db) == after_import
    undo_import = planner("revert", history[-1]["id"], "--db", empty_db)
    assert undo_import.returncode == 0, undo_import.stderr
    assert plan_state(empty_db) == EMPTY_PLAN
    again = cli_json("import", *plan_files, "--db", empty_db, "--json")
    assert {d["status"] for d in again["documents"]} == {"added"}
    assert plan_state(empty_db) == after_import


# --- feeds ------------------------------------------------------------------------------------


def test_every_feed_parses_with_vobject_and_icaljs_alike(plan_db):
    rendered = render_all(plan_db)
    assert {s.name for s in feed_specs(load(plan_db))} == set(rendered)
    require_icaljs()
    for name, ics in rendered.items():
        parsed = parse_with_vobject(ics)
        tzids = set(re.findall(r"TZID=([^:;]+)", unfold(ics.decode())))
        assert tzids <= set(parsed["timezones"]), name
        uids = [ev["uid"] for ev in parsed["events"]]
        assert len(uids) == len(set(uids)), f"{name}: duplicate UIDs"
        assert all(u.endswith(UID_SUFFIX) for u in uids), name
        for ev in parsed["events"]:
            if "T" in ev["start"]:
                assert ev["start_tzid"] is not None, f"{name}: {ev['uid']} not resolved through VTIMEZONE"
        js = parse_with_icaljs(ics)
        assert comparable_events(js) == comparable_events(parsed), name


def test_all_day_items_have_an_exclusive_date_end(plan_db):
    for name, ics in render_all(plan_db).items():
        text = unfold(ics.decode())
        for block in text.split("BEGIN:VEVENT")[1:]:
            start = re.search(r"\r\nDTSTART;VALUE=DATE:(\d{8})\r\n", block)
            if start:
                end = re.search(r"\r\nDTEND;VALUE=DATE:(\d{8})\r\n", block)
                assert end and end.group(1) > start.group(1), f"{name}: {block[:200]!r}"
        for ev in parse_with_vobject(ics)["events"]:
            if "T" not in ev["start"]:
                assert ev["end"] > ev["start"], f"{name}: {ev['uid']}"


def test_closed_text_is_in_no_public_feed(plan_db):
    plan = load(plan_db)
    secrets = closed_texts(plan)
    assert secrets, "both plans have a closed point"
    internal = {s.name for s in feed_specs(plan) if s.internal}
    for name, ics in render_all(plan_db).items():
        haystack = raw_text(ics).lower()
        for text in secrets:
            assert text.lower() not in haystack, f"{name} leaks {text!r}"
        events = events_by_uid(ics)
        for p in plan.points:
            if p.closed and p.date and p.status == "planlagt":
                uid = p.uid + UID_SUFFIX
                if name in internal:
                    assert events[uid]["summary"] == CLOSED_SUMMARY and events[uid]["description"] is None
                else:
                    assert uid not in events, name


def test_uids_stable_across_reexport_and_reimport(plan_db, plan_files, tmp_path):
    rendered = render_all(plan_db)
    assert render_all(plan_db) == rendered  # deterministic: the same bytes twice
    again = cli_json("import", *plan_files, "--db", plan_db, "--json")
    assert {d["status"] for d in again["documents"]} == {"unchanged"}
    assert render_all(plan_db) == rendered
    fresh_db = tmp_path / "fresh.db"
    fresh = cli_json("import", *reversed(plan_files), "--db", fresh_db, "--json")
    assert {d["status"] for d in fresh["documents"]} == {"added"}
    fresh_feeds = render_all(fresh_db)
    assert {n: set(events_by_uid(b)) for n, b in fresh_feeds.items()} == {
        n: set(events_by_uid(b)) for n, b in rendered.items()
    }
    # Apart from LAST-MODIFIED (the rows' write time) a fresh import gives the same bytes.
    assert {n: without(b, b"LAST-MODIFIED") for n, b in fresh_feeds.items()} == {
        n: without(b, b"LAST-MODIFIED") for n, b in rendered.items()
    }
    exported = planner("export", "--out", tmp_path / "out", "--db", plan_db)
    assert exported.returncode == 0, exported.stderr
    files = {f.stem: f.read_bytes() for f in (tmp_path / "out").glob("*.ics")}
    assert {n: set(events_by_uid(b)) for n, b in files.items()} == {
        n: set(events_by_uid(b)) for n, b in rendered.items()
    }


def test_a_move_keeps_the_uid_and_grows_the_sequence(plan_db):
    before_feeds = render_all(plan_db)
    point, target = movable_point(load(plan_db))
    uid = point.uid + UID_SUFFIX
    before = events_by_uid(before_feeds["punkter"])[uid]
    moved = planner("move", point.id, target.isoformat(), "--db", plan_db)
    assert moved.returncode == 0, moved.stderr
    after_feeds = render_all(plan_db)
    after = events_by_uid(after_feeds["punkter"])[uid]
    assert after["start"][:10] != before["start"][:10]
    assert date.fromisoformat(after["start"][:10]) in (target, target - timedelta(days=1))  # UTC of a morning
    assert after["sequence"] > before["sequence"]
    assert set(events_by_uid(after_feeds["punkter"])) == set(events_by_uid(before_feeds["punkter"]))
    js = {ev["uid"]: ev for ev in parse_with_icaljs(after_feeds["punkter"])["events"]}[uid]
    assert (js["start"], js["sequence"]) == (after["start"], after["sequence"])
    undone = planner("undo", "--db", plan_db)
    assert undone.returncode == 0, undone.stderr
    restored = render_all(plan_db)
    assert {n: without(b, b"LAST-MODIFIED") for n, b in restored.items()} == {
        n: without(b, b"LAST-MODIFIED") for n, b in before_feeds.items()
    }


# --- the feed server --------------------------------------------------------------------------


def _get(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_feed_server_serves_every_feed_and_follows_a_move(plan_db):
    with Store(plan_db) as store:
        tokens = {i.name: i.token for i in FeedRegistry(store).urls("http://127.0.0.1")}
    expected = render_all(plan_db)
    port = _free_port()
    env = {**_env(), "PYTHONUNBUFFERED": "1"}
    env.pop("PLANNER_FEED_BASE_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "planner.cli", "serve", "--db", str(plan_db), "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            assert proc.poll() is None, f"planner serve exited {proc.returncode}"
            try:
                if _get(port, "/healthz")[0] == 200:
                    break
            except OSError:
                assert time.monotonic() < deadline, "planner serve did not start"
                time.sleep(0.1)
        etags = {}
        for name, token in tokens.items():
            status, headers, body = _get(port, f"/feeds/{token}.ics")
            assert status == 200 and headers["content-type"].startswith("text/calendar"), name
            # The server's bytes are the plan's feed, apart from the time it was rendered.
            assert without(body, b"DTSTAMP") == without(expected[name], b"DTSTAMP"), name
            assert _get(port, f"/feeds/{token}.ics", {"If-None-Match": headers["etag"]})[0] == 304, name
            etags[name] = headers["etag"]
        point, target = movable_point(load(plan_db))
        time.sleep(1.1)  # Last-Modified has one-second resolution
        moved = planner("move", point.id, target.isoformat(), "--db", plan_db)
        assert moved.returncode == 0, moved.stderr
        status, headers, body = _get(
            port, f"/feeds/{tokens['punkter']}.ics", {"If-None-Match": etags["punkter"]}
        )
        assert status == 200 and headers["etag"] != etags["punkter"]
        served = events_by_uid(body)[point.uid + UID_SUFFIX]
        assert date.fromisoformat(served["start"][:10]) in (target, target - timedelta(days=1))
        assert served["sequence"] >= 1
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, "planner serve should stop cleanly on SIGTERM"


# --- the feeds' contents against the plan -----------------------------------------------------


def test_wire_format_of_every_feed(plan_db):
    for name, ics in render_all(plan_db).items():
        assert ics.count(b"\n") == ics.count(b"\r\n") == ics.count(b"\r"), name
        assert ics.startswith(b"BEGIN:VCALENDAR\r\n") and ics.endswith(b"END:VCALENDAR\r\n"), name
        for line in ics[:-2].split(b"\r\n"):
            assert len(line) <= 75, f"{name}: {line!r}"
            line.decode("utf-8")  # raises if a fold split a multi-byte character
        text = unfold(ics.decode())
        assert "\r\nREFRESH-INTERVAL;VALUE=DURATION:" in text and "\r\nBEGIN:VTIMEZONE\r\n" in text, name


def test_meetings_and_points_in_the_feeds_are_the_plans(plan_db):
    plan = load(plan_db)
    rendered = render_all(plan_db)
    meetings = events_by_uid(rendered["direktion"])
    for m in plan.meetings:
        ev = meetings[f"meeting-{m.date}{UID_SUFFIX}"]
        # The meeting's start, or earlier when its timetable states an earlier time (a public feed
        # shows no closed point, so only the others count).
        stated = [
            p.start
            for p in plan.points
            if p.date == m.date and p.start and not p.closed and p.status in ("planlagt", "behandlet")
        ] + [b.start for b in m.breaks]
        start = (
            datetime.combine(m.date, min([m.start, *stated]), CPH)
            .astimezone(UTC)
            .strftime("%Y-%m-%dT%H:%M:%SZ")
        )
        assert ev["start"] == start, m.date
        assert ev["status"] == ("CANCELLED" if m.status == "aflyst" else "CONFIRMED"), m.date
    points = events_by_uid(rendered["punkter"])
    scheduled = [p for p in plan.points if p.date and p.status in SCHEDULED_STATUSES and not p.closed]
    assert {p.uid + UID_SUFFIX for p in scheduled} == set(points)
    for p in scheduled:
        ev = points[p.uid + UID_SUFFIX]
        assert ev["sequence"] == p.sequence and ev["summary"] == p.title, p.title
        if plan.meeting_on(p.date) is None:  # no meeting that day: an all-day item
            assert (ev["start"], ev["end"]) == (p.date.isoformat(), (p.date + timedelta(days=1)).isoformat())
        else:
            meeting = meetings[f"meeting-{p.date}{UID_SUFFIX}"]
            assert meeting["start"] <= ev["start"] < ev["end"] <= meeting["end"], p.title
    # Points without a date, or no longer in the plan, are in no feed.
    gone = [p.uid + "@" for p in plan.points if p.date is None or p.status not in SCHEDULED_STATUSES]
    for name, ics in rendered.items():
        assert not any(uid in ics.decode() for uid in gone), name


def test_absences_are_out_of_office_and_leave_the_persons_meetings(plan_db):
    plan = load(plan_db)
    rendered = render_all(plan_db)
    ferie = parse_with_vobject(rendered["ferie"])["events"]
    persons = {s.person: s.name for s in feed_specs(plan) if s.person}
    assert persons, "both plans have members"
    for a in plan.absences:
        found = [
            ev
            for ev in ferie
            if ev["summary"] == f"{a.person} – fravær" and ev["start"] == a.start.isoformat()
        ]
        assert len(found) == 1, (a.person, a.start)
        ev = found[0]
        assert (ev["busystatus"], ev["transp"]) == ("OOF", "OPAQUE")
        assert ev["end"] == (a.end + timedelta(days=1)).isoformat()
        if a.person in persons and plan.meeting_on(a.start):
            uid = f"meeting-{a.start}{UID_SUFFIX}"
            assert uid not in events_by_uid(rendered[persons[a.person]]), (a.person, a.start)
            others = [
                n
                for p, n in persons.items()
                if not any(x.person == p and x.contains(a.start) for x in plan.absences)
            ]
            assert all(uid in events_by_uid(rendered[n]) for n in others), (a.start, others)


# --- conflicts: the scoped re-check of a move ---------------------------------------------------


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_move_reports_the_same_conflicts_as_two_full_checks(plan_template, data):
    from planner.calendar.context import calendar_context
    from planner.conflicts.engine import check_plan, diff_conflicts

    plan = load(plan_template)
    pid = data.draw(st.sampled_from(sorted(p.id for p in plan.points)), label="point")
    days = sorted(
        {m.date for m in plan.meetings} | {c.start for c in plan.closures} | {a.start for a in plan.absences}
    )
    new = data.draw(st.one_of(st.none(), st.sampled_from(days)), label="date")
    today = data.draw(st.sampled_from([days[0], days[len(days) // 2], days[-1]]), label="today")
    with tempfile.TemporaryDirectory() as tmp:
        db = copy_db(plan_template, Path(tmp) / "plan.db")
        with Store(db) as store:
            before = store.load_plan()
            extra = [new] if new else []
            full_before = check_plan(before, calendar_context(before, also=extra), today=today)
            try:
                result = commands.move_point(store, pid, new, today=today)
            except PlanError:  # a day off the rhythm without a meeting: refused, nothing to compare
                assert stored(store.load_plan()) == stored(before)
                return
            after = store.load_plan()
            full_after = check_plan(after, calendar_context(after, also=extra), today=today)
            created, removed = diff_conflicts(full_before, full_after)
            assert [c.key for c in result.created] == [c.key for c in created]
            assert [c.key for c in result.removed] == [c.key for c in removed]
            assert {c.rule for c in full_after} <= KNOWN_RULES
