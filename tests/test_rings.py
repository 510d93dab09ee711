"""Own rings and activities: commands, history and undo, kept by a document import, in the feeds and Excel."""

from __future__ import annotations

import io
from datetime import date

import pytest
from icalendar import Calendar
from openpyxl import load_workbook

from planner import commands as cmd
from planner.docwriters.excel import plan_workbook
from planner.feeds.catalog import build_feed, feed_specs, render_feeds
from planner.storage.store import StaleEdit
from planner.sync.importer import import_documents, read_documents


def test_rings_and_activities_are_changes_with_history_and_undo(imported_store):
    store = imported_store
    ring = cmd.add_ring(store, "Budgetproces", "#B8860B")
    assert ring.id and ring.color == "#b8860b"
    a = cmd.add_activity(store, "budgetproces", "Budgetseminar", date(2025, 3, 10), date(2025, 3, 12))
    b = cmd.add_activity(store, ring.id, "MED-møde", date(2025, 5, 14), recurrence="yearly")
    moved = cmd.update_activity(store, a.id, start=date(2025, 4, 7))
    assert (moved.start, moved.end) == (date(2025, 4, 7), date(2025, 4, 9))  # the length is kept
    assert moved.sequence == 1
    plan = store.load_plan()
    assert [x.title for x in plan.activities] == ["Budgetseminar", "MED-møde"]
    assert plan.activity(b.id).occurrences(date(2027, 1, 1), date(2027, 12, 31)) == [(date(2027, 5, 14),) * 2]
    history = store.history(limit=3)
    assert [h.action for h in history] == ["activity", "activity", "activity"]
    cmd.undo(store)  # the move
    assert store.load_plan().activity(a.id).start == date(2025, 3, 10)
    cmd.delete_ring(store, ring.id)
    assert store.load_plan().rings == [] and store.load_plan().activities == []
    cmd.undo(store)  # ring and activities come back together
    plan = store.load_plan()
    assert [r.name for r in plan.rings] == ["Budgetproces"] and len(plan.activities) == 2


def test_bad_input_is_refused_in_danish(imported_store):
    store = imported_store
    with pytest.raises(cmd.PlanError, match="#rrggbb"):
        cmd.add_ring(store, "MED", "rød")
    ring = cmd.add_ring(store, "MED-møder")
    with pytest.raises(cmd.PlanError, match="findes allerede"):
        cmd.add_ring(store, "med-møder")
    with pytest.raises(cmd.PlanError, match="slutter"):
        cmd.add_activity(store, ring.id, "X", date(2025, 3, 10), date(2025, 3, 1))
    with pytest.raises(cmd.NotFound, match="findes ikke"):
        cmd.add_activity(store, "Lederdage", "X", date(2025, 3, 10))
    a = cmd.add_activity(store, ring.id, "MED", date(2025, 3, 10))
    with pytest.raises(StaleEdit):
        cmd.update_activity(store, a.id, title="Y", expected_version=a.version + 5)


def test_an_import_keeps_the_own_rings(imported_store, example_files, tmp_path):
    store = imported_store
    ring = cmd.add_ring(store, "Lederdage", "#2e8b57")
    cmd.add_activity(store, ring.id, "Lederdag", date(2025, 6, 3))
    # An older document arriving late replays the whole fold: the own rings must survive that too.
    copy = tmp_path / "again.txt"
    copy.write_text(example_files[0].read_text(encoding="utf-8") + "\n", encoding="utf-8")
    import_documents(store, read_documents([copy]))
    plan = store.load_plan()
    assert [r.name for r in plan.rings] == ["Lederdage"]
    assert [a.title for a in plan.activities] == ["Lederdag"]


def test_a_feed_per_ring_and_an_excel_sheet(imported_store):
    store = imported_store
    ring = cmd.add_ring(store, "Budgetproces", "#b8860b")
    cmd.add_activity(store, ring.id, "Budgetseminar", date(2025, 3, 10), date(2025, 3, 12), note="Hele dagen")
    cmd.add_activity(store, ring.id, "MED-møde", date(2025, 5, 14), recurrence="yearly")
    plan = store.load_plan()
    spec = next(s for s in feed_specs(plan) if s.calname == "Årshjul – Budgetproces")
    body = render_feeds([build_feed(plan, spec)])[spec.name]
    events = [c for c in Calendar.from_ical(body).walk("VEVENT")]
    seminar = next(e for e in events if str(e["SUMMARY"]) == "Budgetseminar")
    assert seminar.decoded("DTSTART") == date(2025, 3, 10) and seminar.decoded("DTEND") == date(2025, 3, 13)
    med = sorted(e.decoded("DTSTART") for e in events if str(e["SUMMARY"]) == "MED-møde")
    assert (
        med[0] == date(2025, 5, 14) and len(med) >= 2 and len({str(e["UID"]) for e in events}) == len(events)
    )
    book = load_workbook(io.BytesIO(plan_workbook(plan)))
    sheet = book["Egne ringe"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(values_only=False)]
    assert rows[0][:4] == ["Ring", "Titel", "Fra", "Til"]
    assert rows[2][:2] == ["Budgetproces", "MED-møde"] and rows[2][5] == "hvert år"
