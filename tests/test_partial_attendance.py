"""A member who was there for part of the meeting ("Fraværende: Lene Mehlsen Thomsen deltog fra punkt 3") was read
as an absent name, as written and unresolved (unseen8's report). Such a note is not an absence: it is said, and the
others in the field are read as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.parse.document import parse_file

DOCUMENT = Path(__file__).parent / "fixtures" / "unread_parts" / "referat_2026_03_04_partial_attendance.txt"


def test_part_of_the_meeting_is_no_absence_and_is_said():
    doc = parse_file(DOCUMENT)
    assert doc.meeting.absent == ["Kim Bruun Nielsen"]
    assert [(w.line, w.message) for w in doc.warnings] == [
        (8, "delvis deltagelse er ikke læst som fravær: 'Lene Mehlsen Thomsen deltog fra punkt 3'")
    ]


@pytest.mark.parametrize(
    ("written", "absent"),
    [
        ("Lene Mehlsen Thomsen (gik kl. 11)", []),
        ("JK deltog under punkt 2-4", []),
        ("Lene Mehlsen Thomsen (ferie)", ["Lene Mehlsen Thomsen"]),  # away, with why: an absence as before
    ],
)
def test_the_forms_of_part_of_the_meeting(tmp_path, written, absent):
    document = tmp_path / DOCUMENT.name
    document.write_text(
        DOCUMENT.read_text().replace("Lene Mehlsen Thomsen deltog fra punkt 3, Kim Bruun Nielsen", written)
    )
    assert parse_file(document).meeting.absent == absent
