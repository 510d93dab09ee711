"""The next agenda's "punkter til næste møde" table, written from the plan and read back by the importer.

The examples are imported into a real SQLite file; the table is written as Word, HTML and text and
read back with `planner.parse.document.parse_bytes` (and imported into a new database); its rows
must be the plan's for those weeks, checked against the plan itself, not against the table model.
"""

from __future__ import annotations

import io
from datetime import date, time, timedelta
from pathlib import Path

import docx
import pytest
from test_cli_plan import one_line_error, run

from planner.calendar.context import calendar_context
from planner.docwriters.agenda_table import agenda_table, build_table, day_label, default_first, next_meeting
from planner.docwriters.agenda_writers import render
from planner.parse.document import parse_bytes, parse_text
from planner.plan import Absence, Meeting, Plan, Point
from planner.storage.store import Store
from planner.sync.importer import import_documents, read_documents

SUFFIX = {"docx": "docx", "html": "html", "text": "txt"}
# Windows of the examples: 000's own span (Efterårsferie); across New Year (Juledag, Nytårsdag on
# Wednesdays); 002's span (absences, Vinterferie, Påskeferie, a Thursday meeting, a closed point).
WINDOWS = [(date(2024, 8, 14), 18), (date(2024, 11, 13), 12), (date(2025, 1, 15), 24)]


@pytest.fixture(scope="module")
def plan(imported_db_template) -> Plan:
    with Store(imported_db_template) as store:
        return store.load_plan()


def _shown(p: Point, first: date, last: date) -> bool:
    return (
        p.date is not None
        and first <= p.date <= last
        and not p.closed
        and p.status in ("planlagt", "behandlet")
    )


def _plan_day(plan: Plan, ctx, d: date, first: date, last: date) -> tuple[list[str], list[str], list[str]]:
    """What the plan says for one day: (closure, absent people, points), from the plan itself."""
    points = [
        p.title
        for p in sorted(plan.points, key=lambda p: p.id or 0)
        if p.date == d and _shown(p, first, last)
    ]
    closure = ctx.closure_on(d)
    return (
        [closure.label] if closure else [],
        sorted({a.person for a in plan.absences if a.contains(d)}),
        points,
    )


def _written(plan: Plan, fmt: str, first: date, weeks: int):
    data = render(agenda_table(plan, date(2020, 1, 1), first, weeks), fmt)
    return data, parse_bytes(data, f"punkter-til-naeste-moede.{SUFFIX[fmt]}")


@pytest.mark.parametrize("fmt", ["docx", "html", "text"])
@pytest.mark.parametrize("first, weeks", WINDOWS)
def test_written_table_reads_back_as_the_plan_for_those_weeks(plan, fmt, first, weeks):
    last = first + timedelta(days=7 * weeks)
    _data, doc = _written(plan, fmt, first, weeks)
    assert not doc.unparsed
    read = {
        r.date: (list(r.closures), sorted(r.absent), [p.text for p in r.points]) for r in doc.forward_plan
    }
    assert len(read) == len(doc.forward_plan), "one row per date"
    ctx = calendar_context(plan, also=(first, last))
    assert read == {d: _plan_day(plan, ctx, d, first, last) for d in read}
    # The days: every Wednesday, except in a week whose meeting is held on another day (3 April 2025),
    # and every day with a meeting or a point.
    meetings = {m.date for m in plan.meetings if first <= m.date <= last}
    moved = {d.isocalendar()[:2] for d in meetings if d.weekday() != 2}
    wednesdays = {first + timedelta(days=k) for k in range((last - first).days + 1)}
    wednesdays = {d for d in wednesdays if d.weekday() == 2 and d.isocalendar()[:2] not in moved}
    dated = {p.date for p in plan.points if _shown(p, first, last)}
    assert set(read) == wednesdays | meetings | dated
    backlog = [
        p.title
        for p in sorted(plan.points, key=lambda p: p.id or 0)
        if p.status == "afventer dato" and not p.closed
    ]
    assert [p.text for p in doc.awaiting_date] == backlog and backlog
    # every point of those weeks is there exactly once, and no closed one
    titles = [p.text for r in doc.forward_plan for p in r.points]
    assert sorted(titles) == sorted(p.title for p in plan.points if _shown(p, first, last))
    assert not any(p.title in titles for p in plan.points if p.closed)


def test_the_windows_hold_what_the_test_is_about(plan):
    """The round trip above is only worth something if the windows have holidays, absences, empty rows,
    a point on a non-Wednesday meeting's week and a closed point that must stay out."""
    rows = [r for first, weeks in WINDOWS for r in agenda_table(plan, date(2020, 1, 1), first, weeks).rows]
    labels = {h for r in rows for h in r.holidays}
    assert {"Efterårsferie", "Juledag", "Nytårsdag", "Vinterferie", "Påskeferie"} <= labels
    assert any(r.absent == ("Kim Bruun Nielsen",) for r in rows)
    assert any(not r.entries for r in rows) and any(len(r.points) > 1 for r in rows)
    assert any(r.date == date(2025, 4, 3) for r in rows)
    closed = [
        p for p in plan.points if p.closed and p.date and date(2025, 1, 15) <= p.date <= date(2025, 7, 2)
    ]
    assert closed and not any(p.title in r.points for p in closed for r in rows)


@pytest.mark.parametrize("fmt", ["docx", "html", "text"])
def test_importing_the_table_into_a_new_plan_gives_the_same_weeks(plan, fmt, tmp_path):
    first, weeks = WINDOWS[2]
    last = first + timedelta(days=7 * weeks)
    data, _doc = _written(plan, fmt, first, weeks)
    path = tmp_path / f"tabel.{SUFFIX[fmt]}"
    path.write_bytes(data)
    with Store(tmp_path / "ny.db") as store:
        results = import_documents(store, read_documents([path]))
        assert [r.status for r in results] != ["error"], results
        again = store.load_plan()

    def dated(p: Plan) -> list[tuple[date, str]]:
        return sorted((q.date, q.title) for q in p.points if _shown(q, first, last))

    def closed_days(p: Plan) -> list[tuple[date, str]]:
        return sorted((c.start, c.label) for c in p.closures if first <= c.start <= last)

    assert dated(again) == dated(plan)
    ctx = calendar_context(plan, also=(first, last))
    holidays = [
        (d, ctx.closure_on(d).label) for d in (r.date for r in _doc.forward_plan) if ctx.closure_on(d)
    ]
    assert closed_days(again) == sorted(holidays) and holidays
    assert sorted((a.start, a.person) for a in again.absences) == sorted(
        (a.start, a.person) for a in plan.absences if first <= a.start <= last
    )
    assert [p.title for p in again.points if p.status == "afventer dato"] == [
        p.title for p in plan.points if p.status == "afventer dato" and not p.closed
    ]


def test_word_table_has_the_secretariats_layout(plan):
    data = render(agenda_table(plan, date(2020, 1, 1), date(2025, 1, 29), 3), "docx")
    document = docx.Document(io.BytesIO(data))
    assert document.paragraphs[0].text == "Eventuelt, herunder punkter til næste møde"
    (table,) = document.tables
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Dato", "Punkter"]
    assert [r[0] for r in rows[1:]] == ["29. jan.", "5. feb.", "12. feb.", "19. feb."]
    # each line of a cell is its own paragraph; the empty week is kept
    assert [p.text for p in table.rows[2].cells[1].paragraphs] == [
        "Kim Bruun Nielsen deltager ikke på mødet",
        "Ny model for sygefravær 1-3-10",
    ]
    assert rows[3][1] == "Vinterferie" and rows[4][1] == ""
    assert all(run.bold for run in table.rows[0].cells[0].paragraphs[0].runs)
    assert table.rows[0]._tr.trPr.xml.count("tblHeader") == 1  # the header row repeats on every page
    after = [p.text for p in document.paragraphs]
    assert after[-2:] == [
        "Punkter som afventer dato:",
        "APV for direktionen, evt. 11. december kl. 8.00-9.00",
    ]
    assert document.paragraphs[-1].style.name == "List Bullet"


def test_html_has_inline_borders_and_text_is_tab_separated(plan):
    table = agenda_table(plan, date(2020, 1, 1), date(2025, 1, 29), 3)
    html = render(table, "html").decode()
    assert "<style" not in html and html.count('<td style="border:1px solid #000') == 2 * len(table.rows)
    text = render(table, "text").decode().splitlines()
    rows = text[text.index("Dato\tPunkter") + 1 : text.index("Dato\tPunkter") + 1 + len(table.rows)]
    assert rows == [
        "29. jan.\t• Velkomstarrangement for nye medarbejdere • Aftalestyringsstyring",
        "5. feb.\t• Kim Bruun Nielsen deltager ikke på mødet • Ny model for sygefravær 1-3-10",
        "12. feb.\tVinterferie",
        "19. feb.\t",
    ]


# --- the model on small plans -------------------------------------------------------------------


def _small_plan() -> Plan:
    return Plan(
        points=[
            Point("a", "Budgetopfølgning\t2027\n", date(2026, 5, 6), id=1),
            Point("b", "Personalesag", date(2026, 5, 6), id=2, closed=True),
            Point("c", "Lederdag", date(2026, 5, 22), id=3),  # a Friday without a meeting
            Point("d", "Strategi", None, id=4, status="afventer dato"),
            Point("e", "Lukket sag uden dato", None, id=5, status="afventer dato", closed=True),
            Point("f", "Udgået punkt", date(2026, 5, 13), id=6, status="ikke længere i planen"),
        ],
        meetings=[Meeting(date(2026, 5, 13), id=1, status="aflyst"), Meeting(date(2026, 5, 28), id=2)],
        absences=[Absence("Kim Bruun Nielsen", date(2026, 5, 4), date(2026, 5, 15))],
    )


def test_rows_points_holidays_absences_and_what_never_appears():
    plan = _small_plan()
    table = agenda_table(plan, date(2026, 5, 1), None, 4)
    assert table.first == date(2026, 5, 6)  # the next meeting after today (a Friday)
    got = [(r.date, r.holidays, r.absent, r.points) for r in table.rows]
    assert got == [
        (date(2026, 5, 6), (), ("Kim Bruun Nielsen",), ("Budgetopfølgning 2027",)),
        (date(2026, 5, 13), ("Mødet er aflyst",), ("Kim Bruun Nielsen",), ()),
        (date(2026, 5, 20), (), (), ()),
        (date(2026, 5, 22), (), (), ("Lederdag",)),
        (date(2026, 5, 28), (), (), ()),  # Thursday's meeting replaces Wednesday 27 May
        (date(2026, 6, 3), (), (), ()),
    ]
    assert table.awaiting == ("Strategi",)
    text = render(table, "text").decode()
    assert "6. maj\t• Kim Bruun Nielsen deltager ikke på mødet • Budgetopfølgning 2027\n" in text
    assert "Personalesag" not in text and "Lukket sag" not in text and "Udgået" not in text


def test_next_meeting_takes_today_from_the_caller_and_skips_closed_days():
    plan = Plan()
    ctx = calendar_context(plan, years=(2024, 2025))
    assert next_meeting(plan, ctx, date(2024, 10, 8)) == date(2024, 10, 9)
    assert next_meeting(plan, ctx, date(2024, 10, 9)) == date(
        2024, 10, 23
    )  # after today; 16 Oct is efterårsferie
    assert next_meeting(plan, ctx, date(2024, 12, 20)) == date(2025, 1, 8)  # juleferie
    assert default_first(plan, date(2024, 10, 9)) == date(2024, 10, 23)
    plan.meetings.append(Meeting(date(2024, 10, 24), id=1, start=time(9)))
    assert next_meeting(plan, ctx, date(2024, 10, 21)) == date(2024, 10, 24)
    rows = build_table(plan, ctx, date(2024, 10, 23), 1).rows  # Thursday's meeting replaces that Wednesday
    assert [r.date for r in rows] == [date(2024, 10, 24), date(2024, 10, 30)]


def test_day_labels_are_the_secretariats():
    assert [day_label(date(2025, m, 7)) for m in (1, 5, 6, 7, 8, 9, 12)] == [
        "7. jan.",
        "7. maj",
        "7. jun.",
        "7. jul.",
        "7. aug.",
        "7. sep.",
        "7. dec.",
    ]


def test_public_holidays_in_a_forward_table_are_closures_not_points():
    doc = parse_text(
        "4. Eventuelt, herunder punkter til næste møde\n\nÅben sag\n\nDato\tPunkter\n"
        "18. dec. 2024\tBudget\n25. dec.\tJuledag\n1. jan.\tNytårsdag\n"
        "8. jan.\tJuledagsfrokost for ledere\n",
        "t.txt",
    )
    assert [(r.date, list(r.closures), [p.text for p in r.points]) for r in doc.forward_plan] == [
        (date(2024, 12, 18), [], ["Budget"]),
        (date(2024, 12, 25), ["Juledag"], []),
        (date(2025, 1, 1), ["Nytårsdag"], []),
        (date(2025, 1, 8), [], ["Juledagsfrokost for ledere"]),
    ]


# --- the command line ---------------------------------------------------------------------------


def test_cli_text_to_stdout_from_the_next_meeting(imported_db):
    proc = run("agenda-table", "--format", "text", "--today", "2025-02-03", db=imported_db)
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr  # every row reads back as written
    lines = proc.stdout.splitlines()
    start = lines.index("Dato\tPunkter")
    assert (
        lines[start + 1]
        == "5. feb.\t• Kim Bruun Nielsen deltager ikke på mødet • Ny model for sygefravær 1-3-10"
    )
    assert (
        len([line for line in lines[start + 1 :] if "\t" in line]) == 13
    )  # the next meeting and 12 weeks more
    assert parse_text(proc.stdout, "x.txt").forward_plan[0].date == date(2025, 2, 5)


def test_cli_word_file_and_its_errors(imported_db, tmp_path: Path):
    out = tmp_path / "punkter.docx"
    proc = run(
        "agenda-table", "--from", "14. august 2024", "--weeks", "4", "--out", out, "--json", db=imported_db
    )
    assert proc.returncode == 0, proc.stderr
    assert '"rows": 5' in proc.stdout and '"format": "docx"' in proc.stdout
    rows = [[c.text for c in row.cells] for row in docx.Document(str(out)).tables[0].rows]
    assert [r[0] for r in rows] == ["Dato", "14. aug.", "21. aug.", "28. aug.", "4. sep.", "11. sep."]
    assert "docx" in one_line_error(run("agenda-table", "--format", "docx", db=imported_db))
    assert "--format" in one_line_error(run("agenda-table", "--out", tmp_path / "x.odt", db=imported_db))
    assert "findes ikke" in one_line_error(run("agenda-table", "--format", "text", db=tmp_path / "nej.db"))
    assert "kan ikke skrives" in one_line_error(
        run("agenda-table", "--out", tmp_path / "mangler" / "x.docx", db=imported_db)
    )
    assert "februar" in one_line_error(
        run("agenda-table", "--format", "text", "--from", "31. februar 2025", db=imported_db)
    )
    assert not (tmp_path / "nej.db").exists()


def test_cli_warns_about_a_row_the_import_would_read_otherwise(imported_db):
    """A hand-typed title alone in its cell that the grammar splits at 'projekt Åben' is said, in Danish."""
    for title, day in (("Status på projekt Åben Land", "2025-03-26"), ("Møde om Grenaa Havn", "2025-03-19")):
        assert run("add", title, "--date", day, db=imported_db).returncode == 0
    proc = run("agenda-table", "--format", "text", "--today", "2025-02-03", db=imported_db)
    assert proc.returncode == 0 and "26. mar.\tStatus på projekt Åben Land\n" in proc.stdout
    warnings = proc.stderr.strip().splitlines()
    assert warnings == [
        "planner: advarsel: 26. mar.: skrevet 'Status på projekt Åben Land', læses ved import "
        "som 'Status på projekt; Åben Land'"
    ]
