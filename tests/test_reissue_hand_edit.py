"""A point edited by hand that a re-issue no longer lists is kept and waits for a choice (issue 11, part 1).

The corrected agenda (tests/fixtures/corrections/002_22e19539ae1485f7_rettet.txt) drops
"Aftalestyringsstyring" from 29 January. Untouched, the point is marked "ikke længere i planen";
edited by hand, it stays as it is and the document's word becomes a pending choice, shown by
`planner check` and settled by `planner resolve`, like a document's date against a hand-set one.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from helpers_proc import planner

from planner.commands import move_point, update_point
from planner.storage.store import Store
from planner.sync.importer import import_documents, read_documents

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "data" / "examples").glob("*.txt"))
ORIGINAL = ROOT / "data" / "examples" / "002_22e19539ae1485f7.txt"
CORRECTED = ROOT / "tests" / "fixtures" / "corrections" / "002_22e19539ae1485f7_rettet.txt"
DROPPED = "Aftalestyringsstyring"
VANISHED = "ikke længere i planen"


def run(*args) -> str:
    done = planner(*args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def point(db: Path, title: str) -> dict:
    (found,) = [p for p in json.loads(run("points", "--db", db, "--json")) if p["title"] == title]
    return found


def test_hand_edited_point_missing_from_the_reissue_is_kept_and_flagged(tmp_path):
    db = tmp_path / "plan.db"
    run("import", "--db", db, *EXAMPLES)
    pid = point(db, DROPPED)["id"]
    run("edit", "--db", db, pid, "--owner", "Kim Bruun Nielsen")
    out = run("import", "--db", db, CORRECTED)
    assert f"! {DROPPED}: ændret både i hånden og i dokumentet" in out
    assert "0 nye, 1 flyttede, 0 ikke længere i planen, 1 konflikter" in out
    kept = point(db, DROPPED)
    assert (kept["status"], kept["date"], kept["owner"]) == ("planlagt", "2025-01-29", "Kim Bruun Nielsen")
    assert kept["edited"]["pending:status"] == VANISHED
    conflicts = json.loads(run("check", "--db", db, "--json"))
    (merge,) = [c for c in conflicts if c["rule"] == "merge-conflict"]
    assert f"point:{pid}" in merge["items"]
    assert "nævner det ikke længere" in merge["message"] and f"planner resolve {pid}" in merge["message"]
    # The document's word, then undone, then mine.
    run("resolve", "--db", db, pid, "--keep", "document")
    assert point(db, DROPPED)["status"] == VANISHED
    run("undo", "--db", db)
    assert point(db, DROPPED)["edited"]["pending:status"] == VANISHED
    run("resolve", "--db", db, pid, "--keep", "mine")
    mine = point(db, DROPPED)
    assert mine["status"] == "planlagt" and not any(k.startswith("pending:") for k in mine["edited"])
    # An older document arriving late replays the fold: the settled choice stays settled.
    older = tmp_path / "older.txt"
    older.write_text(
        EXAMPLES[0].read_text(encoding="utf-8").replace("Fraværende:", "Fraværende:\n"), encoding="utf-8"
    )
    run("import", "--db", db, older)
    again = point(db, DROPPED)
    assert again["status"] == "planlagt" and not any(k.startswith("pending:") for k in again["edited"])
    assert run("check", "--db", db, "--json").count('"merge-conflict"') == 0


def plan_after(db: Path, first: list[Path], edit, then: list[list[Path]]) -> dict:
    with Store(db) as store:
        import_documents(store, read_documents(first))
        pid = next(p.id for p in store.load_plan().points if p.title == DROPPED)
        edit(store, pid)
        for files in then:
            import_documents(store, read_documents(files))
        p = store.load_plan().point(pid)
        return {"date": p.date, "status": p.status, "edited": dict(p.edited)}


def test_in_order_and_replayed_folds_agree_on_a_hand_moved_point(tmp_path):
    def hand_move(store, pid):
        move_point(store, pid, date(2025, 2, 19), actor="test")

    others = [p for p in EXAMPLES if p != ORIGINAL]
    in_order = plan_after(tmp_path / "a.db", EXAMPLES, hand_move, [[CORRECTED]])
    replayed = plan_after(tmp_path / "b.db", [ORIGINAL], hand_move, [[CORRECTED], others])
    assert in_order == replayed
    assert in_order["date"] == date(2025, 2, 19) and in_order["status"] == "planlagt"
    assert in_order["edited"] == {"date": "2025-01-29", "pending:status": VANISHED}


def test_listed_again_the_pending_choice_goes_away(tmp_path):
    def hand_edit(store, pid):
        update_point(store, pid, duration_min=45, actor="test")

    state = plan_after(tmp_path / "a.db", EXAMPLES, hand_edit, [[CORRECTED]])
    assert state["edited"].get("pending:status") == VANISHED
    # The original issue imported again later lists the point again: nothing left to choose.
    with Store(tmp_path / "a.db") as store:
        fresh = ORIGINAL.read_text(encoding="utf-8").replace(
            "### **DAGSORDEN**", "### **DAGSORDEN**\n\nVersion 3"
        )
        (tmp_path / "v3.txt").write_text(fresh, encoding="utf-8")
        import_documents(store, read_documents([tmp_path / "v3.txt"]))
        p = next(p for p in store.load_plan().points if p.title == DROPPED)
    assert p.status == "planlagt" and p.edited == {"duration_min": "15"}
