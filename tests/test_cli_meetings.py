"""`planner meetings` as a real subprocess on a real SQLite file of the example documents (issue #11, part 2)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from planner.storage.store import Store

ROOT = Path(__file__).resolve().parent.parent
HOI = "Evaluering af Helhedsorienteret Indsats (HOI)"
TODAY = "2026-12-02"  # after every example document


def run(*args, db: Path | None = None, today: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("PLANNER_DB", None)
    env.pop("PLANNER_TODAY", None)
    if today:
        env["PLANNER_TODAY"] = today
    argv = [sys.executable, "-m", "planner.cli", *map(str, args), *(["--db", str(db)] if db else [])]
    return subprocess.run(argv, capture_output=True, text=True, timeout=60, env=env, cwd=ROOT)


def meetings(db: Path, *args: str, today: str = TODAY) -> list[dict]:
    proc = run("meetings", "--json", *args, db=db, today=today)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def one_line_error(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("planner: "), proc.stderr
    return lines[0]


def test_the_next_twelve_months_come_from_the_rhythm(imported_db):
    rows = meetings(imported_db)  # PLANNER_TODAY sets today; default span: today + 12 months
    assert rows and set(rows[0]) == {"date", "start", "end", "source", "status", "points", "id"}
    days = [date.fromisoformat(r["date"]) for r in rows]
    assert days[0] == date(2026, 12, 2) and days[-1] <= date(2027, 12, 31) and days == sorted(days)
    assert days[-1] - days[0] >= timedelta(days=365 - 14)  # at least 12 months (a holiday may end it early)
    assert {r["source"] for r in rows} == {"rhythm"}
    assert {(r["start"], r["end"], r["status"], r["points"], r["id"]) for r in rows} == {
        ("09:00", "13:00", "planlagt", 0, None)
    }
    assert {d.weekday() for d in days} == {2}
    for closed in ("2026-12-23", "2026-12-30", "2027-02-17", "2027-10-20"):  # jul, vinter, efterår
        assert closed not in {r["date"] for r in rows}


def test_from_and_to_show_the_documents_meetings(imported_db):
    rows = meetings(imported_db, "--from", "2025-01-01", "--to", "12. marts 2025")
    by_day = {r["date"]: r for r in rows}
    assert {r["source"] for r in rows} == {"document"} and all(r["id"] for r in rows)
    assert by_day["2025-03-05"]["points"] >= 1 and "2025-03-12" in by_day
    assert max(by_day) == "2025-03-12" and min(by_day) >= "2025-01-01"
    with Store(imported_db) as store:
        plan = store.load_plan()
    hoi = next(p for p in plan.points if p.title == HOI)
    counted = sum(1 for p in plan.points if p.date == hoi.date and p.scheduled)
    assert by_day[hoi.date.isoformat()]["points"] == counted


def test_a_move_onto_a_rhythm_meeting_shows_there_and_undo_takes_it_back(imported_db):
    with Store(imported_db) as store:
        hoi = next(p for p in store.load_plan().points if p.title == HOI)
    moved = run("move", hoi.id, "2027-03-10", "--no-extra-meeting", "--json", db=imported_db, today=TODAY)
    assert moved.returncode == 0, moved.stderr
    assert json.loads(moved.stdout)["created_meeting"] is True
    row = meetings(imported_db, "--from", "2027-03-10", "--to", "2027-03-10")
    assert [(r["source"], r["points"]) for r in row] == [("rhythm", 1)] and row[0]["id"]
    text = run("meetings", "--from", "2027-03-01", "--to", "2027-03-31", db=imported_db, today=TODAY)
    assert text.returncode == 0, text.stderr
    line = next(x for x in text.stdout.splitlines() if "onsdag 10. marts 2027" in x)
    assert "rytme" in line and "1 punkt" in line and "09.00–13.00" in line
    assert text.stdout.startswith("Møder fra mandag 1. marts 2027 til onsdag 31. marts 2027:")
    assert "møder: 0 fra dokumenter" in text.stdout
    history = json.loads(run("history", "--json", "--item", hoi.id, db=imported_db).stdout)
    assert any("2027-03-10" in json.dumps(h, ensure_ascii=False) for h in history), history
    assert run("undo", db=imported_db).returncode == 0
    row = meetings(imported_db, "--from", "2027-03-10", "--to", "2027-03-10")
    assert [(r["source"], r["points"], r["id"]) for r in row] == [("rhythm", 0, None)]


def test_today_option_and_empty_range(imported_db):
    rows = meetings(imported_db, "--today", "2027-06-01", today="")
    assert rows[0]["date"] == "2027-06-02"
    empty = run("meetings", "--from", "2027-07-12", "--to", "2027-07-16", db=imported_db, today=TODAY)
    assert empty.returncode == 0 and "Ingen møder i perioden." in empty.stdout  # sommerferie


def test_bad_input_is_one_danish_line(imported_db, tmp_path):
    assert "ligger før --from" in one_line_error(
        run("meetings", "--from", "2027-02-01", "--to", "2027-01-01", db=imported_db, today=TODAY)
    )
    assert "31. februar 2027 findes ikke" in one_line_error(
        run("meetings", "--from", "31. februar 2027", db=imported_db, today=TODAY)
    )
    # A mistyped pinned day (a demo setting) is said, naming the variable, and the real date is used.
    mistyped = run("meetings", db=imported_db, today="i morgen")
    assert mistyped.returncode == 0
    assert "miljøvariablen PLANNER_TODAY: today = 'i morgen' er ikke en dato" in mistyped.stderr
    assert "--today" in one_line_error(run("meetings", "--today", "2027-13-01", db=imported_db))
    missing = tmp_path / "ingen.db"
    assert "databasen findes ikke" in one_line_error(run("meetings", db=missing, today=TODAY))
    assert not missing.exists()
