"""Forward-plan rows are never dropped or dated silently (found by review): a label that is not a
date is reported with its points, a written year outside the plausible range is a warning, a row out
of order is said, a closure is only a closure when the whole text is one, a wrong date inside a point
is reported, and line numbers survive the form feeds of PDF-to-text extractions."""

from __future__ import annotations

from datetime import date

from planner.parse.document import parse_bytes

HEADER = (
    "Direktionen\n\nDAGSORDEN\n\nDato: Onsdag den 15. januar 2025\n\n"
    "Medlemmer: Kommunaldirektør Jonas Kroustrup, Teknik- og miljødirektør Hans Jensen\n\n"
    "Fraværende: Teknik- og miljødirektør Hans Jensen\n\n"
    "1. Eventuelt, herunder punkter til næste møde\n\nÅben sag\n\nDato\tPunkter\n"
)


def parse(rows: str):
    return parse_bytes((HEADER + rows).encode(), "dagsorden.txt")


def test_a_row_whose_date_cannot_be_read_is_reported_with_its_points():
    doc = parse("22. jan.\tBudget\n17-13-2025\tKvalitetsrapport\n")
    assert [r.date for r in doc.forward_plan] == [date(2025, 1, 22)]
    assert any("17-13-2025" in w.message and "Kvalitetsrapport" in w.message for w in doc.unparsed)


def test_a_written_year_outside_the_plausible_range_is_a_warning_not_a_date():
    doc = parse("22. jan.\tBudget\n21. januar 2199\tLangt ude\n")
    assert doc.forward_plan[1].date is None
    assert any("2199" in w.message and "plausible" in w.message for w in doc.warnings)


def test_a_row_out_of_order_is_said():
    doc = parse("22. jan.\tBudget\n15. jan.\tNoget\n")
    assert doc.forward_plan[1].date == date(2026, 1, 15)
    assert any("kommer før rækken over" in w.message for w in doc.warnings)


def test_only_a_whole_closure_text_is_a_closure():
    doc = parse(
        "22. jan.\tFerie og fraværsregistrering\n29. jan.\tLukket punkt: Personalesag\n5. feb.\tVinterferie (uge 7)\n"
    )
    rows = doc.forward_plan
    assert [p.text for p in rows[0].points] == ["Ferie og fraværsregistrering"] and not rows[0].closures
    assert rows[1].closures == () and [p.closed for p in rows[1].points] == [True]
    assert rows[2].closures == ("Vinterferie (uge 7)",) and not rows[2].points


def test_a_wrong_date_inside_a_point_is_reported():
    doc = parse("22. jan.\tMøde med KKR d. 31. februar\n")
    assert any("31. februar" in w.message for w in doc.warnings)


def test_line_numbers_survive_form_feeds():
    doc = parse_bytes((HEADER + "22. jan.\tBudget\n\f\n29. jan.\t31. feb.\n").encode(), "udtræk.txt")
    text_lines = (HEADER + "22. jan.\tBudget\n\f\n29. jan.\t31. feb.\n").split("\n")
    line = next(k for k, t in enumerate(text_lines, 1) if t.startswith("29. jan."))
    assert doc.forward_plan[-1].line == line


def test_a_title_with_a_suspended_compound_is_one_absent_member():
    doc = parse("22. jan.\tBudget\n")
    assert doc.meeting.absent == ["Hans Jensen"]
