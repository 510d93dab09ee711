"""The minutes of a meeting are newer than its agenda, whichever is imported first (issue 11, part 1).

tests/fixtures/corrections/002_22e19539ae1485f7_referat.txt is the real 15 January 2025 agenda
written up as its minutes: "REFERAT", a decision under point 10, "Ny model for sygefravær 1-3-10"
moved in the forward plan from 5 to 26 February, and "Direktionen koordinerer afvikling af
KB-seminar." gone from the 22 January row.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from planner.storage.store import Store
from planner.sync.importer import import_documents, read_documents

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "data" / "examples").glob("*.txt"))
AGENDA = ROOT / "data" / "examples" / "002_22e19539ae1485f7.txt"
MINUTES = ROOT / "tests" / "fixtures" / "corrections" / "002_22e19539ae1485f7_referat.txt"
SICK = "Ny model for sygefravær 1-3-10"
OTHERS = [p for p in EXAMPLES if p != AGENDA]
DONE = "Direktionen koordinerer afvikling af KB-seminar"  # the title, without the full stop


def plan_of(db: Path, *batches: list[Path]) -> tuple[dict, list]:
    with Store(db) as store:
        reports = []
        for files in batches:
            reports += import_documents(store, read_documents(files))
        plan = store.load_plan()
    # A point's uid comes from the document that first named it, so it may differ between orders.
    view = sorted(
        (p.title, p.date, p.status, p.duration_min, p.owner, tuple(p.participants)) for p in plan.points
    )
    meetings = sorted((m.date, m.status, m.start, m.end) for m in plan.meetings)
    return {"points": view, "meetings": meetings}, reports


def by_title(state: dict, title: str) -> tuple:
    (found,) = [(d, s) for t, d, s, *_ in state["points"] if t == title]
    return found


def test_minutes_imported_before_their_agenda_still_have_the_last_word(tmp_path):
    in_order, _ = plan_of(tmp_path / "a.db", EXAMPLES, [MINUTES])
    reverse, reports = plan_of(tmp_path / "b.db", OTHERS, [MINUTES], [AGENDA])
    assert by_title(in_order, SICK) == (date(2025, 2, 26), "planlagt")
    assert by_title(reverse, SICK) == (date(2025, 2, 26), "planlagt")
    # What the minutes no longer list is gone from the plan, though the agenda was imported after them.
    assert by_title(in_order, DONE) == (date(2025, 1, 22), "ikke længere i planen")
    assert reverse == in_order
    # The agenda arriving late changes nothing the minutes said, and says so.
    agenda = reports[-1]
    assert agenda.source == AGENDA.name and agenda.status == "added"
    assert agenda.changes.moved == [] and agenda.changes.vanished == []


def test_minutes_after_their_agenda_move_the_point_and_hold_the_meeting(tmp_path):
    before, _ = plan_of(tmp_path / "a.db", EXAMPLES)
    assert by_title(before, SICK) == (date(2025, 2, 5), "planlagt")
    after, reports = plan_of(tmp_path / "a.db", [MINUTES])
    (minutes,) = reports
    assert [c.moved_text() for c in minutes.changes.moved] == [f"{SICK}: 5. februar 2025 → 26. februar 2025"]
    assert [c.title for c in minutes.changes.vanished] == [DONE]
    assert by_title(after, SICK) == (date(2025, 2, 26), "planlagt")
    assert (date(2025, 1, 15), "afholdt") in [(d, s) for d, s, *_ in after["meetings"]]
    # The agenda's own timetable is what the meeting treated: the minutes mark it done.
    treated = [s for _t, d, s, *_ in after["points"] if d == date(2025, 1, 15)]
    assert treated and set(treated) == {"behandlet"}


def test_together_in_one_import_the_order_given_does_not_matter(tmp_path):
    one, _ = plan_of(tmp_path / "a.db", [*OTHERS, MINUTES, AGENDA])
    other, _ = plan_of(tmp_path / "b.db", [AGENDA, *OTHERS, MINUTES])
    assert one == other
    assert by_title(one, SICK) == (date(2025, 2, 26), "planlagt")
