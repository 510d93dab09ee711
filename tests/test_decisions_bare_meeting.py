"""A decision that names the board's next meeting without naming the board ("Punktet genoptages på mødet den 26.
marts", "Punktet udsættes til næste møde d. 12/3"): the case goes to that meeting. Before, such decisions were
not read and nothing said so (unseen6's report). A meeting of another body ("mødet i Økonomiudvalget") is not
the board's."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from planner.parse.document import parse_file

DOCUMENT = (
    Path(__file__).parent / "fixtures" / "decisions_bare" / "referat_2025_03_05_meeting_without_its_body.md"
)


def test_the_case_goes_to_the_meeting_its_decision_names_without_the_board():
    d = parse_file(DOCUMENT)
    assert [(p.text, p.date) for p in d.scheduled_by_decision] == [
        ("Budget 2026", date(2025, 3, 26)),  # "Punktet genoptages på mødet den 26. marts."
        ("Sygefravær", date(2025, 3, 12)),  # "Punktet udsættes til næste møde d. 12/3."
        ("IT-strategi", date(2025, 4, 2)),  # "… udskudt til direktionsmødet den 2. april", as before
    ]


def test_a_meeting_of_another_body_is_not_the_boards():
    d = parse_file(DOCUMENT)
    assert "Kommuneplan" not in [p.text for p in d.scheduled_by_decision]
