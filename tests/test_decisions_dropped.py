"""A decision that takes a point off the plan ("Punktet udgår.", in the plan's own decision "Sygefravær udgår af
planen.") was read as nothing, and the point stayed planned without a word (unseen8's report). Now the case is
*aflyst* at the deciding meeting, and a point the plan names is *aflyst* on its next row."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from planner.parse.document import parse_file
from planner.storage.store import Store

FOLDER = Path(__file__).parent / "fixtures" / "decisions_dropped"
MINUTES = FOLDER / "referat_2025_03_12_udgaar.txt"
AGENDA = FOLDER / "dagsorden_2025_03_05.txt"


def test_the_decisions_take_their_points_off():
    doc = parse_file(MINUTES)
    assert [(p.text, p.date, p.dropped, p.note.split(": ", 1)[1]) for p in doc.scheduled_by_decision] == [
        ("Budget 2026", date(2025, 3, 12), True, "Punktet udgår"),
        ("Sygefravær", date(2025, 3, 12), True, "Sygefravær udgår"),
    ]
    assert doc.warnings == []
    assert [p.to_json()["dropped"] for p in doc.scheduled_by_decision] == [True, True]
    assert "dropped" not in doc.forward_plan[0].points[0].to_json()  # added only where it is so


@pytest.mark.parametrize(
    "decision", ["Punktet udgår.", "Sagen blev trukket tilbage.", "Godkendt. Punktet tages af dagsordenen."]
)
def test_the_forms_of_taking_a_case_off(tmp_path, decision):
    minutes = tmp_path / MINUTES.name
    minutes.write_text(MINUTES.read_text().replace("Punktet udgår.", decision))
    assert [p.text for p in parse_file(minutes).scheduled_by_decision if p.dropped] == [
        "Budget 2026",
        "Sygefravær",
    ]


def _import(db: Path, document: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "planner", "import", "--db", str(db), str(document)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_on_import_the_planned_points_are_cancelled(tmp_path):
    db = tmp_path / "plan.db"
    _import(db, AGENDA)
    with Store(db) as store:
        before = {(p.title, p.date): p.status for p in store.load_plan().points}
    assert before[("Budget 2026", date(2025, 3, 12))] == "planlagt"
    assert before[("Sygefravær", date(2025, 3, 19))] == "planlagt"
    _import(db, MINUTES)
    with Store(db) as store:
        after = {(p.title, p.date): p.status for p in store.load_plan().points}
    assert after == before | {
        ("Budget 2026", date(2025, 3, 12)): "aflyst",
        ("Sygefravær", date(2025, 3, 19)): "aflyst",
    }
