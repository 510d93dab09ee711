"""Excel export: one sheet per layer, real dates, frozen header, readable widths."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook

from planner.calendar.context import calendar_context
from planner.docwriters.excel import plan_workbook, sheets
from planner.plan import Plan, Point
from planner.storage.store import Store
from planner.sync.importer import import_documents, read_documents

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "data" / "examples").glob("*.txt"))
SHEETS = [
    "Direktionens punkter",
    "Direktionsmøder",
    "Politiske møder",
    "Ferie og fravær",
    "Andre aktiviteter",
]


def example_plan(tmp_path) -> Plan:
    with Store(tmp_path / "plan.db") as store:
        import_documents(store, read_documents(EXAMPLES))
        return store.load_plan()


def test_workbook_from_the_examples(tmp_path):
    plan = example_plan(tmp_path)
    wb = load_workbook(io.BytesIO(plan_workbook(plan, calendar_context(plan).closures)))
    assert wb.sheetnames == SHEETS
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
        assert all(cell.font.bold for cell in ws[1])
    ws = wb["Direktionens punkter"]
    header = [c.value for c in ws[1]]
    assert header[:4] == ["Dato", "Ugedag", "Uge", "Titel"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(plan.points)
    hoi = next(r for r in rows if r[3] == "Evaluering af Helhedsorienteret Indsats (HOI)")
    assert hoi[0] == datetime(2025, 3, 5) and hoi[1] == "onsdag" and hoi[2] == 10
    assert ws["A2"].number_format == "dd-mm-yyyy" and ws["A2"].is_date
    assert ws.column_dimensions["D"].width > 30  # titles are readable
    assert ws.column_dimensions["C"].width < 12
    ferie = wb["Ferie og fravær"]
    labels = {r[3] for r in ferie.iter_rows(min_row=2, values_only=True)}
    assert "Vinterferie" in labels and "Fravær: Kim Bruun Nielsen" in labels
    assert len(list(wb["Politiske møder"].iter_rows(min_row=2))) > 0


def test_closed_points_and_backlog():
    plan = Plan(
        points=[
            Point("a", "Personalesag X", date(2025, 3, 5), id=1, closed=True, description="hemmelig"),
            Point("b", "Backlog", None, id=2, status="afventer dato"),
        ]
    )
    frame = sheets(plan)[0].frame
    assert list(frame["Titel"]) == ["Lukket punkt", "Backlog"]
    assert "hemmelig" not in frame.to_string()
    wb = load_workbook(io.BytesIO(plan_workbook(plan)))
    rows = list(wb["Direktionens punkter"].iter_rows(min_row=2, values_only=True))
    assert rows[1][0] is None and rows[1][8] == "afventer dato"  # no date: an empty cell, not "NaT"


def test_empty_plan_still_opens():
    wb = load_workbook(io.BytesIO(plan_workbook(Plan())))
    assert wb.sheetnames == SHEETS
    assert [c.value for c in wb["Direktionsmøder"][1]][:3] == ["Dato", "Ugedag", "Uge"]
