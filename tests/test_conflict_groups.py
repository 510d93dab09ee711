"""Conflicts grouped by rule with counts (`planner check`, its --json, the app), a move that never
lists one rule as both new and solved, and an empty list said in Danish. Both plans, real SQLite."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

from streamlit.testing.v1 import AppTest

from planner import commands
from planner.conflicts.groups import RULE_LABELS, group_by_rule, move_changes
from planner.storage.store import Store

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2030-01-01"


def planner(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "planner.cli", *args], capture_output=True, text=True, timeout=300
    )


def test_check_groups_by_rule_with_counts(plan_db):
    found = json.loads(planner("check", "--json", "--today", TODAY, "--db", str(plan_db)).stdout)
    per_rule = Counter(c["rule"] for c in found)
    assert per_rule["past-planned"] and len(per_rule) > 1
    for c in found:  # added keys; the old ones are all still there
        assert {"rule", "severity", "message", "items", "date"} <= set(c)
        assert c["rule_count"] == per_rule[c["rule"]] and c["rule_label"] == RULE_LABELS[c["rule"]]
    text = planner("check", "--today", TODAY, "--db", str(plan_db)).stdout
    lines = text.splitlines()
    headers = [line for line in lines if not line.startswith(" ") and "[" in line and "]:" in line]
    assert [h.split("[")[1].split("]")[0] for h in headers] == list(
        dict.fromkeys(g.rule for g in group_by_rule_json(found))
    )
    for h in headers:
        rule = h.split("[")[1].split("]")[0]
        count = sum(int(part.split()[0]) for part in h.split("]: ")[1].split(", "))
        assert count == per_rule[rule] and h.startswith(RULE_LABELS[rule]), h
        start = lines.index(h)
        body = lines[start + 1 : start + 1 + per_rule[rule]]
        assert all(line.startswith("  ") for line in body) and len(body) == per_rule[rule]
    assert any(line.startswith("Pr. type: ") for line in lines)


def group_by_rule_json(found: list[dict]):
    from planner.conflicts.index import Conflict

    return group_by_rule(
        Conflict(
            c["rule"],
            c["severity"],
            c["message"],
            tuple(c["items"]),
            date.fromisoformat(c["date"]) if c["date"] else None,
        )
        for c in found
    )


def test_an_empty_list_says_so_in_danish(tmp_path):
    db = tmp_path / "tom.db"
    Store(db).close()
    proc = planner("check", "--db", str(db))
    assert proc.returncode == 0 and proc.stdout.strip() == "Ingen konflikter i planen."
    assert json.loads(planner("check", "--json", "--db", str(db)).stdout) == []


def test_a_move_lists_no_rule_as_both_new_and_solved(plan_db):
    with Store(plan_db) as store:
        plan = store.load_plan()
    passed = sorted({p.date for p in plan.points if p.status == "planlagt" and p.date})
    point = next(p for p in plan.points if p.status == "planlagt" and p.date == passed[0])
    target = next(d for d in passed if d != point.date)
    proc = planner("move", str(point.id), target.isoformat(), "--json", "--db", str(plan_db))
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert {c["rule"] for c in out["new"]}.isdisjoint({c["rule"] for c in out["solved"]})
    # The point was in the past before and after: the exact diff has it on both sides, the
    # report once, as still there.
    assert "past-planned" in {c["rule"] for c in out["created"]} & {c["rule"] for c in out["removed"]}
    assert [c for c in out["still"] if c["rule"] == "past-planned"] == [
        c for c in out["created"] if c["rule"] == "past-planned"
    ]
    text = planner("move", str(point.id), passed[0].isoformat(), "--db", str(plan_db)).stdout
    rules_new = {line.split("[")[1].split("]")[0] for line in text.splitlines() if line.startswith("  + ")}
    rules_solved = {line.split("[")[1].split("]")[0] for line in text.splitlines() if line.startswith("  - ")}
    assert not rules_new & rules_solved and "  = stadig" in text


def test_every_move_to_the_next_meeting_keeps_rules_apart(plan_db):
    with Store(plan_db) as store:
        plan = store.load_plan()
        meetings = sorted(m.date for m in plan.meetings if m.status != "aflyst")
        movable = [p for p in plan.points if p.status == "planlagt" and p.date][:25]
        both_seen = 0
        for p in movable:
            later = [d for d in meetings if d > p.date]
            if not later:
                continue
            result = commands.move_point(store, p.id, later[0], today=date.fromisoformat(TODAY))
            changes = move_changes(result.created, result.removed)
            assert {c.rule for c in changes.new}.isdisjoint({c.rule for c in changes.solved})
            assert sorted(c.key for c in changes.new + changes.still) == sorted(c.key for c in result.created)
            both_seen += bool(changes.still)
            commands.undo(store, result.change_id)
    assert both_seen  # the data has moves where one rule is found before and after


def test_the_app_groups_conflicts_with_counts(imported_db, monkeypatch):
    monkeypatch.setenv("PLANNER_DB", str(imported_db))
    monkeypatch.setenv("PLANNER_TODAY", "2025-01-20")
    found = json.loads(planner("check", "--json", "--today", "2025-01-20", "--db", str(imported_db)).stdout)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    at.sidebar.radio(key="view").set_value("Konflikter").run()
    at.toggle(key="cf_upcoming").set_value(False).run()
    at.pills(key="cf_sev").set_value(["error", "warning", "info"]).run()
    assert not at.exception, [e.value for e in at.exception]
    labels = [e.label.split("] ", 1)[1] for e in at.main.expander]  # without the severity icon
    groups = group_by_rule_json(found)
    assert labels == [f"{g.label} · {g.counts_text()}" for g in groups]
    assert sum(g.count for g in groups) == len(found) and len(groups) > 1
