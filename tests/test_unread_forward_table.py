"""A table in the forward plan's section with no column of meeting days ("Måned | Emne | Ansvarlig") cannot be read
as the plan; it was passed over without a word (unseen8's report). Now it is said, with its line and first row;
the backlog's table under its own lead-in is read as before."""

from __future__ import annotations

from pathlib import Path

from planner.parse.document import parse_file

DOCUMENT = Path(__file__).parent / "fixtures" / "unread_parts" / "direktion_2025_01_08_month_table.md"


def test_a_plan_table_without_meeting_days_is_said_with_its_line():
    doc = parse_file(DOCUMENT)
    assert doc.forward_plan == []
    assert [(w.line, w.message) for w in doc.unparsed] == [
        (
            7,
            "tabel i den fremadrettede plan ikke læst (ingen kolonne med mødedatoer): 'Måned / Emne / Ansvarlig'",
        )
    ]


def test_the_backlog_table_is_read_and_not_said():
    doc = parse_file(DOCUMENT)
    assert [(p.text, p.owner) for p in doc.awaiting_date] == [("Arbejdsmiljøstrategi", "LMT")]


REMARKS = Path(__file__).parent / "fixtures" / "unread_parts" / "direktion_2025_01_08_remark_column.md"


def test_a_remark_the_plan_has_no_place_for_is_said_with_its_row():
    doc = parse_file(REMARKS)
    assert [(r.date.isoformat(), [p.text for p in r.points], list(r.closures)) for r in doc.forward_plan] == [
        ("2025-01-15", ["Budgetopfølgning"], []),
        ("2025-01-22", ["Sygefravær"], ["Aflyst"]),  # a remark that cancels is read
        ("2025-01-29", ["Strategi 2030"], []),
    ]
    assert [(w.line, w.message) for w in doc.warnings] == [(9, "bemærkning ikke læst: 'Afholdes virtuelt'")]
