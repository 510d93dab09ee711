"""A meeting named with a day and month in numbers after "d." or "den" is an event on that day: "KKR-møde d. 23.1"
(a period, no year; before, not a date at all), "Chefforum d. 30/1" (before, the "d." ended the title's clause
and the meeting was lost), "Borgermøde den 5.2.". A section's number ("punkt 4.2") stays text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from planner.parse.document import parse_file

DOCUMENT = (
    Path(__file__).parent / "fixtures" / "numeric_dates" / "direktion_2025_01_08_numeric_meeting_dates.txt"
)


def test_meetings_named_with_numeric_dates_are_events():
    doc = parse_file(DOCUMENT)
    assert [(e.title, e.start, e.end) for e in doc.events] == [
        ("KKR-møde", date(2025, 1, 23), date(2025, 1, 23)),
        ("Chefforum", date(2025, 1, 30), date(2025, 1, 30)),
        ("Borgermøde", date(2025, 2, 5), date(2025, 2, 5)),
    ]
    named_by = {e.title: e.named_by[0] for e in doc.events}
    assert named_by["KKR-møde"] == "Forberedelse af KKR-møde d. 23.1"


def test_the_rows_and_a_sections_number_are_read_as_before():
    doc = parse_file(DOCUMENT)
    assert [(r.date, [p.text for p in r.points]) for r in doc.forward_plan] == [
        (date(2025, 1, 15), ["Forberedelse af KKR-møde d. 23.1"]),
        (date(2025, 1, 22), ["Budgetproces 2026", "Chefforum d. 30/1"]),
        (date(2025, 1, 29), ["Opfølgning på Borgermøde den 5.2."]),
        (date(2025, 2, 5), ["Rekruttering – jf. punkt 4.2 i aftalen"]),
    ]
    assert doc.warnings == [] and doc.unparsed == []
