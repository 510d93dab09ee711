"""`planner history` and `planner revert` as a user runs them: real processes, real SQLite files."""

from __future__ import annotations

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

from helpers_proc import PLAN_TABLES, counts, plan_state, planner

from planner.plan import Point
from planner.storage.store import Store

EMPTY_PLAN = {t: [] for t in (*PLAN_TABLES, "documents")}


def _move(db, point_id: int, new: date, actor: str = "bruger") -> int:
    with Store(db) as store:

        def change(plan):
            plan.point(point_id).date = new

        _, change_id = store.mutate(change, actor, "move", f"flyt punkt {point_id} til {new}")
    return change_id


def _point(db, point_id: int) -> dict:
    return next(r for r in plan_state(db)["points"] if r["id"] == point_id)


def _an_open_point(db) -> dict:
    return next(r for r in plan_state(db)["points"] if not r["closed"] and r["date"])


def _a_closed_point(db) -> dict:
    return next(r for r in plan_state(db)["points"] if r["closed"])


def test_history_names_the_item_and_shows_before_and_after(imported_db):
    point, closed = _an_open_point(imported_db), _a_closed_point(imported_db)
    with Store(imported_db) as store:

        def change(plan):
            plan.point(point["id"]).date = date(2025, 2, 12)
            plan.point(closed["id"]).date = date(2025, 1, 22)

        _, change_id = store.mutate(change, "bruger", "move", "flyt to punkter")

    result = planner("history", "--db", imported_db, "--limit", "1")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith(f"#{change_id} ")
    assert "flyt" in out and "kilde: bruger" in out and "flyt to punkter" in out
    assert f"punkt {point['id']} «{point['title']}»" in out
    assert f"dato: {point['date']} → 2025-02-12" in out
    # A closed point is named "Lukket punkt": never its title, never a raw row dump.
    assert f"punkt {closed['id']} «Lukket punkt»" in out
    assert f"dato: {closed['date']} → 2025-01-22" in out
    assert closed["title"] not in out
    assert "{" not in out and "version" not in out and "updated_at" not in out

    # The import itself is in the history too, with the files as its summary.
    full = planner("history", "--db", imported_db)
    summaries = [line.strip() for line in full.stdout.splitlines() if line.strip().startswith("import af ")]
    assert len(summaries) == 1 and "000_cd4edc4b618f9f5a.txt" in summaries[0]
    import_line = next(line for line in full.stdout.splitlines() if "  import  kilde: " in line)
    assert "000_cd4edc4b618f9f5a.txt" in import_line  # the source of an import is its files


def test_history_json_shape_and_local_time(imported_db):
    point = _an_open_point(imported_db)
    change_id = _move(imported_db, point["id"], date(2025, 3, 5))
    result = planner("history", "--db", imported_db, "--json")
    assert result.returncode == 0, result.stderr
    changes = json.loads(result.stdout)
    assert [c["id"] for c in changes] == [change_id, change_id - 1]  # newest first
    move = changes[0]
    assert set(move) == {"id", "ts", "actor", "action", "summary", "undone", "items"}
    assert (move["actor"], move["action"], move["undone"]) == ("bruger", "move", False)
    [item] = move["items"]
    assert item == {
        "table": "points",
        "id": point["id"],
        "name": point["title"],
        "changes": {"date": [point["date"], "2025-03-05"], "version": [1, 2]},
    }
    # Times are Danish local time with their offset.
    ts = datetime.fromisoformat(move["ts"])
    assert ts.utcoffset() == ts.astimezone(ZoneInfo("Europe/Copenhagen")).utcoffset()
    with Store(imported_db) as store:
        stored = store.history(limit=1)[0].ts
    assert ts == datetime.fromisoformat(stored.replace("Z", "+00:00")).replace(microsecond=0)
    readable = planner("history", "--db", imported_db, "--limit", "1").stdout
    assert ts.strftime("%Y-%m-%d %H:%M:%S") in readable
    # Closed points are named "Lukket punkt" in JSON as well, with their text hidden.
    imported = changes[1]
    closed = [i for i in imported["items"] if i["name"] == "Lukket punkt"]
    assert closed and all(i["changes"]["title"] == [None, "(skjult)"] for i in closed)


def test_item_filters_history(imported_db):
    a, b = [r for r in plan_state(imported_db)["points"] if r["date"] and not r["closed"]][:2]
    first = _move(imported_db, a["id"], date(2025, 3, 5))
    _move(imported_db, b["id"], date(2025, 3, 12))
    third = _move(imported_db, a["id"], date(2025, 3, 19))

    result = planner("history", "--db", imported_db, "--item", a["id"], "--json")
    assert result.returncode == 0, result.stderr
    changes = json.loads(result.stdout)
    assert [c["id"] for c in changes] == [third, first, 1]  # the moves and the import that created it
    assert all(i["id"] == a["id"] and i["table"] == "points" for c in changes for i in c["items"])
    assert changes[0]["items"][0]["changes"]["date"] == ["2025-03-05", "2025-03-19"]

    readable = planner("history", "--db", imported_db, "--item", f"punkt:{a['id']}", "--limit", "2").stdout
    assert "dato: 2025-03-05 → 2025-03-19" in readable and b["title"] not in readable
    assert readable.count("\n#") == 1  # two changes, --limit counts after filtering

    meetings = planner("history", "--db", imported_db, "--item", "meeting:3", "--json")
    [created] = json.loads(meetings.stdout)
    assert created["action"] == "import"
    assert [(i["table"], i["id"]) for i in created["items"]] == [("meetings", 3)]
    assert created["items"][0]["name"].startswith("Direktionsmøde ")

    nothing = planner("history", "--db", imported_db, "--item", "99999")
    assert nothing.returncode == 0 and "Ingen ændringer" in nothing.stdout
    bad = planner("history", "--db", imported_db, "--item", "planet:3")
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1 and "ukendt tabel" in bad.stderr


def test_undo_of_an_import_restores_the_empty_plan_exactly(empty_db, example_files):
    imported = planner("import", *example_files, "--db", empty_db)
    assert imported.returncode == 0, imported.stderr
    assert counts(empty_db)["points"] > 50

    reverted = planner("revert", "1", "--db", empty_db)
    assert reverted.returncode == 0, reverted.stderr
    assert "Ændring 1 er fortrudt" in reverted.stdout
    assert plan_state(empty_db) == EMPTY_PLAN  # the documents are gone too

    # ... so the same files can be imported again, giving the same plan as the first time.
    again = planner("import", *example_files, "--db", empty_db, "--json")
    assert again.returncode == 0, again.stderr
    assert {d["status"] for d in json.loads(again.stdout)["documents"]} == {"added"}
    assert counts(empty_db)["points"] > 50


def test_undo_then_redo_with_revert(imported_db):
    point = _an_open_point(imported_db)
    change_id = _move(imported_db, point["id"], date(2025, 2, 12))
    moved = plan_state(imported_db)

    undo = planner("revert", change_id, "--db", imported_db, "--json")
    assert undo.returncode == 0, undo.stderr
    undo_change = json.loads(undo.stdout)
    assert undo_change["action"] == "undo" and undo_change["reverted"] == change_id
    assert _point(imported_db, point["id"]) == point

    redo = planner("revert", undo_change["id"], "--db", imported_db)
    assert redo.returncode == 0, redo.stderr
    assert plan_state(imported_db) == moved

    history = json.loads(planner("history", "--db", imported_db, "--json", "--limit", "3").stdout)
    assert [(c["action"], c["undone"]) for c in history] == [("redo", False), ("undo", True), ("move", True)]
    assert history[0]["items"][0]["changes"]["date"] == [point["date"], "2025-02-12"]


def test_revert_refuses_clearly(imported_db):
    point = _an_open_point(imported_db)
    first = _move(imported_db, point["id"], date(2025, 2, 12))
    _move(imported_db, point["id"], date(2025, 2, 19))
    before = plan_state(imported_db)

    stale = planner("revert", first, "--db", imported_db)
    assert stale.returncode == 2
    assert (
        stale.stderr.count("\n") == 1
        and "kan ikke fortrydes" in stale.stderr
        and "ændret siden" in stale.stderr
    )

    last = planner("revert", first + 1, "--db", imported_db)
    assert last.returncode == 0, last.stderr
    twice = planner("revert", first + 1, "--db", imported_db)
    assert twice.returncode == 2 and "allerede fortrudt" in twice.stderr and twice.stderr.count("\n") == 1

    unknown = planner("revert", "4242", "--db", imported_db)
    assert unknown.returncode == 2 and "findes ikke" in unknown.stderr
    # The failed attempts changed nothing; the one that worked brought back the first move's result.
    assert _point(imported_db, point["id"])["date"] == "2025-02-12"
    assert {k: v for k, v in plan_state(imported_db).items() if k != "points"} == {
        k: v for k, v in before.items() if k != "points"
    }


def test_history_and_undo_round_trip_exactly(empty_db, example_files):
    """Every state on the way is restored field by field (except updated_at) by undoing back."""
    states = [plan_state(empty_db)]
    assert planner("import", *example_files[:2], "--db", empty_db).returncode == 0
    states.append(plan_state(empty_db))
    with Store(empty_db) as store:

        def edit(plan):
            plan.points[1].title = "Ny titel"
            plan.points[1].owner = "Kim Bruun Nielsen"

        def add(plan):
            plan.points.append(
                Point("u-manual-1", "Nyt punkt", date(2024, 3, 6), origin="manual", source="bruger")
            )

        steps = [
            ("move", lambda plan: setattr(plan.points[0], "date", date(2024, 2, 7))),
            ("edit", edit),
            ("delete", lambda plan: plan.points.pop(2)),
            ("add", add),
        ]
        for action, change in steps:
            _, change_id = store.mutate(change, "bruger", action, action)
            assert change_id is not None
            states.append(plan_state(empty_db))
    assert planner("import", *example_files[2:], "--db", empty_db).returncode == 0
    states.append(plan_state(empty_db))

    history = json.loads(planner("history", "--db", empty_db, "--json").stdout)
    assert [c["action"] for c in history] == ["import", "add", "delete", "edit", "move", "import"]
    edit = next(c for c in history if c["action"] == "edit")
    assert edit["items"][0]["changes"]["title"][1] == "Ny titel"
    deleted = next(c for c in history if c["action"] == "delete")
    assert deleted["items"][0]["changes"]["title"][1] is None

    for change, expected in zip(history, reversed(states[:-1]), strict=True):
        result = planner("revert", change["id"], "--db", empty_db)
        assert result.returncode == 0, result.stderr
        assert plan_state(empty_db) == expected, f"after undoing #{change['id']} ({change['action']})"
    assert plan_state(empty_db) == EMPTY_PLAN


def test_recent_changes_are_the_newest_history_rows_without_their_items(imported_db):
    point = _an_open_point(imported_db)
    _move(imported_db, point["id"], date(2031, 3, 5))
    with Store(imported_db) as store:
        store.undo()
        store.record_event("bruger", "feed", "nyt abonnementslink")  # nothing to undo
        full = store.history()
        recent = store.recent_changes(limit=3)
        assert [c.id for c in store.history(limit=3)] == [c.id for c in full[:3]]
    assert [(c.id, c.ts, c.actor, c.action, c.summary, c.undone) for c in recent] == [
        (c.id, c.ts, c.actor, c.action, c.summary, c.undone) for c in full[:3]
    ]
    assert [c.has_items for c in recent] == [bool(c.items) for c in full[:3]] == [False, True, True]
    assert [c.action for c in recent] == ["feed", "undo", "move"] and recent[2].undone
