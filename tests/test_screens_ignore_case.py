"""The cheap screens before the grammar's patterns ignore case as the patterns do (review of stop 21).

A screen that is narrower than its pattern loses what the pattern would read, without a word: a lead-in
"Følgende punkter behandles:" or one typed in capitals, a backlog heading in capitals, a case marker
whose Å is the Ångström sign (U+212B, which re.IGNORECASE takes for Å).
"""

from __future__ import annotations

from datetime import date

import pytest

from planner.parse.document import parse_text

HEAD = "Direktionen\n\nDAGSORDEN\n\nDato: 4. marts 2025\n\n# 1. Punkter til behandling\n\nÅben sag\n\n"


@pytest.mark.parametrize(
    "lead_in",
    [
        "Direktionen har følgende punkter til behandling:",
        "Følgende punkter behandles:",
        "FØLGENDE PUNKTER TIL BEHANDLING:",
    ],
)
def test_a_list_of_treated_points_is_read_whatever_its_lead_in(lead_in):
    doc = parse_text(HEAD + f"{lead_in}\n\n- Budget 2026\n- Sygefravær\n", "liste.md")
    assert [t.title for t in doc.timetable] == ["Budget 2026", "Sygefravær"]


@pytest.mark.parametrize("heading", ["Punkter som afventer dato:", "PUNKTER SOM AFVENTER DATO:"])
def test_the_backlog_heading_is_read_in_capitals(heading):
    doc = parse_text(HEAD + f"{heading}\n\n- Strategi for ældreområdet\n- Ny mødeplan\n", "afventer.md")
    assert [p.text for p in doc.awaiting_date] == ["Strategi for ældreområdet", "Ny mødeplan"]


def test_a_case_marker_with_the_angstrom_sign_starts_a_section():
    text = (
        "Direktionen\n\nDAGSORDEN\n\nDato: 4. marts 2025\n\n"
        "Budget 2026\n\n\u212bben sag\n\nSagsfremstilling\n\nTekst.\n\n"
        "Sygefravær\n\nLukket sag\n\nSagsfremstilling\n\nTekst.\n"
    )
    doc = parse_text(text, "sager.txt")
    assert doc.meeting.date == date(2025, 3, 4)
    assert [c.title for c in doc.closed_cases] == ["Sygefravær"]
    assert not doc.unparsed  # "Budget 2026" is a case's title, not an unread header line
