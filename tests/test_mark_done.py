"""One action marks every passed, still planned point as treated: `planner mark-done` and
`commands.mark_done`, one change in the history, undone exactly. Both plans, real SQLite."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from planner import commands
from planner.calendar.context import calendar_context
from planner.conflicts.engine import check_plan
from planner.storage.store import Store
from planner.sync.importer import import_documents, read_documents

ROOT = Path(__file__).resolve().parent.parent
HELD_REFERAT = ROOT / "tests" / "fixtures" / "held" / "molsbjerg_2025-10-08_referat.txt"
TODAY = date(2030, 1, 1)  # after every meeting of both plans


def planner(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "planner.cli", *args], capture_output=True, text=True, timeout=300
    )


def conflicts(db: Path, today: date = TODAY) -> list:
    with Store(db) as store:
        plan = store.load_plan()
    return check_plan(plan, calendar_context(plan), today=today)


def flagged_points(found: list) -> set[int]:
    return {int(i.split(":")[1]) for c in found if c.rule == "past-planned" for i in c.items}


def test_mark_done_treats_exactly_the_flagged_points_and_undo_restores_the_conflicts(plan_db):
    before = conflicts(plan_db)
    flagged = flagged_points(before)
    assert flagged, "both plans have points planned on meetings no referat accounts for"
    with Store(plan_db) as store:
        result = commands.mark_done(store, TODAY)
        history = store.history(limit=1)
    assert {p.id for p in result.points} == flagged
    assert all(p.status == "behandlet" for p in result.points)
    assert history[0].id == result.change_id and history[0].action == "mark-done"
    assert {i["id"] for i in history[0].items if i["table"] == "points"} == flagged
    after = conflicts(plan_db)
    assert not flagged_points(after)
    # a meeting whose points are all treated is history: not asked to lose points any more
    assert not [c for c in after if c.rule == "overfull" and c.date < TODAY]
    with Store(plan_db) as store:
        commands.undo(store, result.change_id)
        plan = store.load_plan()
    assert {p.id for p in plan.points if p.status == "behandlet"}.isdisjoint(flagged)
    assert [(c.key, c.message) for c in conflicts(plan_db)] == [(c.key, c.message) for c in before]


def test_before_limits_the_points(plan_db):
    with Store(plan_db) as store:
        dates = sorted({p.date for p in store.load_plan().points if p.status == "planlagt" and p.date})
    middle = dates[len(dates) // 2]
    expected = flagged_points(conflicts(plan_db, middle))
    every = flagged_points(conflicts(plan_db))
    with Store(plan_db) as store:
        result = commands.mark_done(store, middle)
    assert {p.id for p in result.points} == expected
    assert all(p.date < middle for p in result.points)
    # the later ones are still planned and still flagged on a later day
    assert expected and flagged_points(conflicts(plan_db)) == every - expected != set()


def test_nothing_to_mark_changes_nothing(plan_db):
    with Store(plan_db) as store:
        first = min(p.date for p in store.load_plan().points if p.date)
        version = store.plan_version
        result = commands.mark_done(store, first)
        assert (result.points, result.change_id, store.plan_version) == ([], None, version)


def test_a_reader_may_not_mark_points(plan_db):
    from planner.auth import User

    reader = User(name="Læser", ident="laeser@example.dk", role="læser")
    with Store(plan_db) as store, pytest.raises(commands.NotAllowed):
        commands.mark_done(store, TODAY, actor=reader)


def test_cli_mark_done_json_text_and_undo(plan_db):
    expected = flagged_points(conflicts(plan_db))
    proc = planner("mark-done", "--before", TODAY.isoformat(), "--json", "--db", str(plan_db))
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["count"] == len(expected) and {p["id"] for p in out["points"]} == expected
    assert {p["status"] for p in out["points"]} == {"behandlet"}
    again = planner("mark-done", "--before", TODAY.isoformat(), "--db", str(plan_db))
    assert again.returncode == 0 and "intet ændret" in again.stdout
    check = json.loads(planner("check", "--json", "--today", TODAY.isoformat(), "--db", str(plan_db)).stdout)
    assert not [c for c in check if c["rule"] == "past-planned"]
    undo = planner("undo", "--db", str(plan_db))
    assert undo.returncode == 0 and "behandlet" in undo.stdout
    assert flagged_points(conflicts(plan_db)) == expected
    bad = planner("mark-done", "--before", "backlog", "--db", str(plan_db))
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "dato" in bad.stderr


def test_the_marks_survive_a_replay(second_db_template, tmp_path):
    """An older document imported late replays the fold; the hand-set statuses stay."""
    from conftest import copy_db

    db = copy_db(second_db_template, tmp_path / "plan.db")
    with Store(db) as store:
        marked = {p.id for p in commands.mark_done(store, TODAY).points}
        results = import_documents(store, read_documents([HELD_REFERAT]))  # older than the newest: replay
        assert results[0].status == "added"
        plan = store.load_plan()
    assert marked and all(plan.point(i).status == "behandlet" for i in marked)


def test_the_app_button_marks_and_undoes(imported_db, monkeypatch):
    from streamlit.testing.v1 import AppTest

    today = date(2025, 1, 20)
    monkeypatch.setenv("PLANNER_DB", str(imported_db))
    monkeypatch.setenv("PLANNER_TODAY", today.isoformat())
    before = conflicts(imported_db, today)
    flagged = flagged_points(before)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    at.sidebar.radio(key="view").set_value("Konflikter").run()
    button = at.button(key="cf_mark_done")
    assert str(len(flagged)) in button.label and "behandlet" in button.label
    button.click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert not flagged_points(conflicts(imported_db, today))
    assert any(f"{len(flagged)} passerede punkter er markeret som behandlet" in s.value for s in at.success)
    at.button(key="cf_mark_undo").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [(c.key, c.message) for c in conflicts(imported_db, today)] == [(c.key, c.message) for c in before]
