"""Times as the agenda states them (issue 11, part 5), on the real 7 August 2024 document.

Its timetable ("Tid / Punkt") has a pause at 10.00–10.05 inside Punkt 1 and lunch at 12.00–12.30.
The points' durations used to be added up from the meeting's start, which dropped the pause:
"10.40 Punkt 2 – Økonomi …" and "11.25 Kommissorie …" where the agenda says 10.45 and 11.30.
Parsed, imported into a real SQLite file through the `planner` command, read back as JSON and as
ICS (vobject); then moved, edited by hand and undone.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from ics_clients import parse_with_vobject

from planner.feeds.catalog import build_feeds, render_feeds
from planner.parse.document import parse_text
from planner.storage.schema import MIGRATIONS, SCHEMA_VERSION
from planner.storage.store import Store
from planner.ui.calendar_events import calendar_events

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "data" / "examples"
AUGUST = EXAMPLES / "000_cd4edc4b618f9f5a.txt"  # referat, Direktionen 7 August 2024
DAY = "2024-08-07"
COPENHAGEN = ZoneInfo("Europe/Copenhagen")
BUDGET = "Punkt 2 – Økonomi Budget 2025"
EVALUATION = "Punkt 2 – Økonomi Evalueringsdesign"
MANDATE = "Kommissorie til koncernledelse"
PUNKT_1 = "Punkt 1 – Beslutningsprotokoller"
LAST = "Gennemgang af punkter til kommende direktionsmøde"


def planner(*args, db: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("PLANNER_DB", None)
    argv = [sys.executable, "-m", "planner.cli", *map(str, args), "--db", str(db)]
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)
    assert proc.returncode == 0, (args, proc.stdout, proc.stderr)
    return proc


def points(db: Path) -> list[dict]:
    return json.loads(planner("points", "--json", db=db).stdout)


def point(db: Path, title_start: str) -> dict:
    found = [p for p in points(db) if p["title"].startswith(title_start)]
    assert len(found) == 1, (title_start, [p["title"] for p in found])
    return found[0]


def local(utc: str) -> str:
    return datetime.fromisoformat(utc.replace("Z", "+00:00")).astimezone(COPENHAGEN).strftime("%H:%M")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """All four example documents, imported by the `planner` command into a new SQLite file."""
    path = tmp_path / "plan.db"
    planner("import", *sorted(EXAMPLES.glob("*.txt")), db=path)
    return path


def test_the_document_states_the_times_and_breaks():
    doc = parse_text(AUGUST.read_text(encoding="utf-8"), AUGUST.name)
    rows = {(e.time.strftime("%H.%M"), e.title.split()[0]) for e in doc.timetable if e.time}
    assert {("10.00", "Pause"), ("10.45", "Punkt"), ("11.30", "Kommissorie"), ("12.00", "Frokost")} <= rows


def test_points_json_has_the_agendas_own_times(db: Path):
    assert point(db, BUDGET)["start"] == "10:45"
    assert point(db, MANDATE)["start"] == "11:30"
    assert point(db, EVALUATION)["start"] == "11:15"
    first = point(db, PUNKT_1)  # resumed after the pause: one point of 100 minutes, 9.00–10.45
    assert (first["start"], first["time"], first["time_end"], first["duration_min"]) == (
        "09:00",
        "09:00",
        "10:45",
        100,
    )
    day = [p for p in points(db) if p["date"] == DAY]
    assert [p["time"] for p in day] == sorted(p["time"] for p in day)  # listed in the agenda's order
    no_timetable = [p for p in points(db) if p["date"] == "2025-01-22"]  # forward-plan points only
    assert no_timetable and all(p["start"] is None for p in no_timetable)
    assert [p["time"] for p in no_timetable] == [
        "09:00",
        "09:15",
        "09:30",
    ]  # computed from the meeting's start
    table = planner("points", "--week", "32", "--year", "2024", db=db).stdout
    assert "kl. 10.45" in table and "kl. 11.30" in table


def test_breaks_are_kept_on_the_meeting(db: Path):
    row = sqlite3.connect(db).execute("SELECT breaks FROM meetings WHERE date=?", (DAY,)).fetchone()
    assert json.loads(row[0]) == [
        {"start": "10:00", "end": "10:05", "title": "Pause"},
        {"start": "12:00", "end": "12:30", "title": "Frokost"},
    ]
    assert not any(p["title"] in ("Pause", "Frokost") for p in points(db))  # breaks are not points


def feeds(db: Path) -> dict[str, dict]:
    with Store(db) as store:
        plan = store.load_plan()
    rendered = render_feeds(build_feeds(plan), datetime(2025, 1, 6, tzinfo=UTC))
    return {name: parse_with_vobject(ics) for name, ics in rendered.items()}


def test_feeds_at_the_agendas_times(db: Path):
    parsed = feeds(db)
    events = {e["summary"]: e for e in parsed["punkter"]["events"] if e["start"].startswith(DAY)}
    budget = next(e for title, e in events.items() if title.startswith(BUDGET))
    mandate = next(e for title, e in events.items() if title.startswith(MANDATE))
    assert budget["start_tzid"] == mandate["start_tzid"] == "Europe/Copenhagen"
    assert (local(budget["start"]), local(mandate["start"])) == ("10:45", "11:30")
    assert budget["start"] == "2024-08-07T08:45:00Z"  # summer time: UTC+2
    meeting = next(
        e for e in parsed["direktion"]["events"] if e["uid"] == f"meeting-{DAY}@aarshjul.norddjurs"
    )
    assert meeting["start_tzid"] == "Europe/Copenhagen" and local(meeting["start"]) == "09:00"
    lines = meeting["description"].splitlines()
    agenda = lines[lines.index("Punkter:") + 1 :]
    assert [line.removeprefix("- ").split()[0] for line in agenda] == [
        "09.00",
        "10.00",
        "10.45",
        "11.15",
        "11.30",
        "11.40",
        "11.50",
        "12.00",
        "12.30",
        "12.55",
    ]
    assert "  10.00 Pause" in agenda and "  12.00 Frokost" in agenda  # breaks: named, not points
    assert any(line.startswith(f"- 10.45 {BUDGET}") for line in agenda)
    assert any(line.startswith(f"- 11.30 {MANDATE}") for line in agenda)


def test_week_view_shows_times_and_breaks(db: Path):
    with Store(db) as store:
        plan = store.load_plan()
    day = date(2024, 8, 7)
    events = [e for e in calendar_events(plan, day, day) if e["extendedProps"]["kind"] in ("point", "break")]
    events.sort(key=lambda e: e["sortKey"])
    titles = [e["title"] for e in events]
    assert titles[0].startswith(f"09.00 {PUNKT_1}") and titles[1] == "10.00–10.05 Pause"
    assert titles[2].startswith(f"10.45 {BUDGET}")
    assert "12.00–12.30 Frokost" in titles and any(t.startswith(f"11.30 {MANDATE}") for t in titles)
    breaks = [e for e in events if e["extendedProps"]["kind"] == "break"]
    assert all(not e["editable"] and "agenda-break" in e["classNames"] for e in breaks)


def test_a_move_drops_the_stated_time_and_undo_restores_it(db: Path):
    mandate = point(db, MANDATE)
    # A meeting with a timetable: the moved point comes after its last item (12.45–13.00).
    planner("move", mandate["id"], "2025-01-15", db=db)
    moved = point(db, MANDATE)
    assert (moved["date"], moved["start"], moved["time"]) == ("2025-01-15", None, "13:00")
    assert point(db, "Forberedelse af KCL seminar")["time"] == "11:35"  # the agenda's times stay
    # The old meeting keeps every other stated time: nothing moves up into the gap.
    assert point(db, "Borgerrådgiverens beretning")["time"] == "11:40"
    # A meeting without a timetable: after its points (9.00, 9.15, 9.30 from the meeting's start).
    planner("move", mandate["id"], "2025-01-22", db=db)
    assert [p["time"] for p in points(db) if p["date"] == "2025-01-22"] == [
        "09:00",
        "09:15",
        "09:30",
        "09:45",
    ]
    # Moving it back by hand does not invent a time: it is computed after the last item.
    planner("move", mandate["id"], DAY, db=db)
    back = point(db, MANDATE)
    assert (back["start"], back["time"]) == (None, "13:00")
    for _ in range(3):
        planner("undo", db=db)
    restored = point(db, MANDATE)
    assert (restored["date"], restored["start"], restored["time"]) == (DAY, "11:30", "11:30")


def test_a_hand_set_duration_shifts_only_computed_times(db: Path):
    guest = next(p for p in points(db) if p["date"] == "2025-01-22")  # a forward-plan point, no stated time
    planner("move", guest["id"], DAY, db=db)
    assert point(db, guest["title"])["time"] == "13:00"  # after the last item (12.55–13.00)
    stated_before = {p["id"]: p["start"] for p in points(db) if p["date"] == DAY and p["start"]}
    # A longer stated point: its own end moves, the agenda's later times do not.
    budget = point(db, BUDGET)
    planner("edit", budget["id"], "--duration", "45", db=db)
    assert (point(db, BUDGET)["time"], point(db, BUDGET)["time_end"]) == ("10:45", "11:30")
    assert point(db, EVALUATION)["time"] == "11:15" and point(db, MANDATE)["time"] == "11:30"
    assert point(db, guest["title"])["time"] == "13:00"
    # The last stated point running longer pushes the computed point after it, and only that.
    last = point(db, LAST)
    planner("edit", last["id"], "--duration", "20", db=db)
    assert point(db, LAST)["time_end"] == "13:15" and point(db, guest["title"])["time"] == "13:15"
    assert {p["id"]: p["start"] for p in points(db) if p["date"] == DAY and p["start"]} == stated_before
    planner("undo", db=db)
    planner("undo", db=db)
    assert point(db, guest["title"])["time"] == "13:00" and point(db, BUDGET)["time_end"] == "11:15"
    history = json.loads(planner("history", "--item", last["id"], "--json", db=db).stdout)
    assert history  # the edit and its undo are in the point's history


def test_a_later_import_keeps_a_moved_point_without_its_old_time(tmp_path: Path):
    """A document older than the plan makes the import replay the fold: hand moves are kept."""
    db = tmp_path / "plan.db"
    planner("import", AUGUST, EXAMPLES / "002_22e19539ae1485f7.txt", db=db)
    mandate = point(db, MANDATE)
    planner("move", mandate["id"], "2025-01-22", db=db)
    older = planner("import", EXAMPLES / "003_25d10c653db21bc1.txt", db=db).stdout
    assert older.startswith("003_25d10c653db21bc1.txt: 6 nye")  # folded in before the stored, newer ones
    assert (point(db, MANDATE)["date"], point(db, MANDATE)["start"]) == ("2025-01-22", None)
    assert point(db, BUDGET)["start"] == "10:45"
    assert [
        p["start"] for p in points(db) if p["title"].startswith("Borgermøde") and p["date"] == "2024-01-24"
    ] == ["10:15"]


def test_a_version_4_database_is_migrated(tmp_path: Path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for step in range(1, 5):
        conn.executescript(MIGRATIONS[step])
    conn.execute("INSERT INTO meta VALUES ('schema_version', '4'), ('plan_version', '0')")
    conn.execute(
        "INSERT INTO meetings(date, start, end, origin, status) VALUES ('2025-01-22', '09:00', '13:00', "
        "'document', 'planlagt')"
    )
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        meeting = store.load_plan().meeting_on(date(2025, 1, 22))
        assert meeting is not None and meeting.breaks == []
