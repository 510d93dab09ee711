"""`planner points/check/move/undo/edit/add/resolve/absence` as real subprocesses on real SQLite files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from planner import commands
from planner.storage.store import Store

ROOT = Path(__file__).resolve().parent.parent
HOI = "Evaluering af Helhedsorienteret Indsats (HOI)"


def run(*args, db: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("PLANNER_DB", None)
    argv = [sys.executable, "-m", "planner.cli", *map(str, args), *(["--db", str(db)] if db else [])]
    return subprocess.run(argv, capture_output=True, text=True, timeout=60, env=env, cwd=ROOT)


def one_line_error(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("planner: "), proc.stderr
    return lines[0]


def hoi_id(db: Path) -> int:
    with Store(db) as store:
        return next(p.id for p in store.load_plan().points if p.title == HOI)


def test_points_json_shape_and_filters(imported_db):
    proc = run("points", "--json", db=imported_db)
    assert proc.returncode == 0, proc.stderr
    points = json.loads(proc.stdout)
    assert len(points) > 60
    required = {
        "id",
        "date",
        "title",
        "owner",
        "status",
        "source",
        "duration_min",
        "participants",
        "closed",
        "version",
        "uid",
    }
    assert all(required <= set(p) for p in points)
    hoi = next(p for p in points if p["title"] == HOI)
    assert hoi["date"] == "2025-03-05" and hoi["status"] == "planlagt" and hoi["source"].endswith(".txt")
    assert [p["date"] for p in points if p["date"]] == sorted(p["date"] for p in points if p["date"])
    backlog = json.loads(run("points", "--json", "--status", "afventer dato", db=imported_db).stdout)
    assert backlog and all(p["date"] is None and p["status"] == "afventer dato" for p in backlog)
    week = json.loads(run("points", "--json", "--week", "10", "--year", "2025", db=imported_db).stdout)
    assert [p["title"] for p in week] == [HOI]


def test_points_table_is_danish(imported_db):
    proc = run("points", "--week", "10", "--year", "2025", db=imported_db)
    assert proc.returncode == 0
    assert "ons 5. mar. 2025 (uge 10)" in proc.stdout and HOI in proc.stdout


def test_check_json_shape_and_strict(imported_db):
    proc = run("check", "--json", "--today", "2023-01-01", db=imported_db)
    assert proc.returncode == 0, proc.stderr
    conflicts = json.loads(proc.stdout)
    assert conflicts and all({"rule", "severity", "message", "items", "date"} <= set(c) for c in conflicts)
    assert {c["rule"] for c in conflicts} >= {"off-rhythm", "overfull"}
    assert not [c for c in conflicts if c["severity"] == "error"]
    assert run("check", "--strict", "--today", "2023-01-01", db=imported_db).returncode == 0

    pid = hoi_id(imported_db)
    assert run("move", pid, "2025-02-12", db=imported_db).returncode == 0  # into vinterferie
    strict = run("check", "--strict", "--json", "--today", "2023-01-01", db=imported_db)
    assert strict.returncode == 1
    assert any(c["rule"] == "closure" and f"point:{pid}" in c["items"] for c in json.loads(strict.stdout))
    assert run("check", "--today", "2023-01-01", db=imported_db).returncode == 0  # not strict: still 0


def test_move_and_undo(imported_db):
    pid = hoi_id(imported_db)
    moved = run("move", pid, "12. februar 2025", "--json", db=imported_db)
    assert moved.returncode == 0, moved.stderr
    payload = json.loads(moved.stdout)
    assert payload["old_date"] == "2025-03-05" and payload["new_date"] == "2025-02-12"
    assert payload["point"]["date"] == "2025-02-12" and payload["change_id"]
    assert any(c["rule"] == "closure" and c["severity"] == "error" for c in payload["created"])

    text = run("move", pid, "2025-03-05", db=imported_db)
    assert text.returncode == 0 and "løst [closure]" in text.stdout and "Flyttede" in text.stdout

    undone = run("undo", db=imported_db)
    assert undone.returncode == 0 and undone.stdout.startswith("Fortrudt: flyt punkt")
    with Store(imported_db) as store:
        assert store.load_plan().point(pid).date == date(2025, 2, 12)


def test_move_to_backlog(imported_db):
    pid = hoi_id(imported_db)
    proc = run("move", pid, "backlog", "--json", db=imported_db)
    assert proc.returncode == 0 and json.loads(proc.stdout)["point"]["status"] == "afventer dato"


def test_errors_are_one_line_with_exit_2(imported_db, tmp_path):
    assert "punkt 999 findes ikke" in one_line_error(run("move", 999, "2025-03-12", db=imported_db))
    pid = hoi_id(imported_db)
    assert "31. februar" in one_line_error(run("move", pid, "31. februar 2025", db=imported_db))
    assert "ikke én bestemt dato" in one_line_error(run("move", pid, "engang i foråret", db=imported_db))
    assert "intet møde" in one_line_error(
        run("move", pid, "2025-03-07", "--no-extra-meeting", db=imported_db)
    )
    assert "ændret af en anden" in one_line_error(
        run("move", pid, "2025-03-12", "--version", 99, db=imported_db)
    )
    assert "intet at ændre" in one_line_error(run("edit", pid, db=imported_db))
    assert "mellem 1 og 1440" in one_line_error(run("edit", pid, "--duration", "0", db=imported_db))
    assert "ingen ændring fra et dokument" in one_line_error(
        run("resolve", pid, "--keep", "mine", db=imported_db)
    )
    junk = tmp_path / "junk.db"
    junk.write_text("ikke en database")
    one_line_error(run("points", db=junk))


def test_edit_add_absence_and_resolve(imported_db):
    pid = hoi_id(imported_db)
    edited = run(
        "edit",
        pid,
        "--owner",
        "Kim Bruun Nielsen",
        "--duration",
        "30",
        "--participant",
        "Lene Helbo Bachmann",
        "--json",
        db=imported_db,
    )
    assert edited.returncode == 0, edited.stderr
    p = json.loads(edited.stdout)
    assert (p["owner"], p["duration_min"], p["participants"]) == (
        "Kim Bruun Nielsen",
        30,
        ["Lene Helbo Bachmann"],
    )

    added = run(
        "add",
        "Ny mødeform i Direktionen",
        "--date",
        "2025-03-12",
        "--owner",
        "Jonas Kroustrup",
        "--json",
        db=imported_db,
    )
    assert added.returncode == 0, added.stderr
    new = json.loads(added.stdout)
    assert new["source"] == "bruger" and new["date"] == "2025-03-12" and new["status"] == "planlagt"

    absent = run("absence", "add", "Lene Helbo Bachmann", "2025-03-03", "7. marts 2025", db=imported_db)
    assert absent.returncode == 0 and "Fravær registreret" in absent.stdout
    check = json.loads(run("check", "--json", "--today", "2023-01-01", db=imported_db).stdout)
    assert any(c["rule"] == "absent-participant" and f"point:{pid}" in c["items"] for c in check)

    with Store(imported_db) as store:
        commands.move_point(store, pid, date(2025, 3, 12))
        store.mutate(
            lambda plan: plan.point(pid).edited.update({"pending:date": "2025-03-19"}),
            "import",
            "import",
            "test",
        )
    resolved = run("resolve", pid, "--keep", "document", db=imported_db)
    assert resolved.returncode == 0, resolved.stderr
    with Store(imported_db) as store:
        assert store.load_plan().point(pid).date == date(2025, 3, 19)


def test_undo_with_nothing_to_undo(empty_db):
    proc = run("undo", db=empty_db)
    assert proc.returncode == 0 and "intet at fortryde" in proc.stdout
