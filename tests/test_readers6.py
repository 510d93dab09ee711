"""Review 22, findings 4 and 9: a Word page header's date never beats the body's meeting date, and an
e-mail's agenda attachment is chosen by its name before a 'Bilag …' or another body's minutes.

Fixtures: tests/fixtures/readers6/make_readers6.py (python-docx, Python's email package). Every expected
plan is read by the real readers from the same agenda as plain text (agenda_5_marts.txt), never written
here; only what a fixture was made to hold (its dates, its attachments' names) is named.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers_proc import planner

R6 = Path(__file__).parent / "fixtures" / "readers6"


def parsed(path: Path) -> dict:
    done = planner("parse", "--json", path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    [document] = json.loads(done.stdout)
    return document


def plan(document: dict) -> list[tuple]:
    return [(r["date"], r["label"], r["points"]) for r in document["forward_plan"]]


def when(document: dict) -> tuple:
    meeting = document["meeting"]
    return meeting["date"], meeting["start"], meeting["end"]


@pytest.fixture(scope="module")
def expected() -> dict:
    document = parsed(R6 / "agenda_5_marts.txt")  # the same agenda as text: no page header, no e-mail
    assert document["meeting"]["date"] == "2025-03-05" and len(document["forward_plan"]) == 3
    return document


# --- Word: a date in the page header ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "header_line", "body_line"),
    [
        ("w1_letter_date_in_header.docx", 3, 2),  # body "Dato: Onsdag den 5. marts 2025 kl. 9-11"
        ("w2_moedato_in_body.docx", 1, 2),  # body "Mødedato: …"
        ("w3_title_date_in_body.docx", 2, 1),  # body dated in its bold title only
    ],
)
def test_the_bodys_meeting_date_beats_a_date_in_the_page_header(expected, name, header_line, body_line):
    # Was: the letterhead's "Dato: 24. februar 2025" read as the meeting (2025-02-24), without a word.
    document = parsed(R6 / name)
    assert when(document) == when(expected)
    assert plan(document) == plan(expected)
    said = [w for w in document["warnings"] if "sidehovedets dato" in w["message"]]
    assert said == [
        {
            "line": header_line,
            "page": None,
            "part": "sidehoved",
            "message": f"sidehovedets dato mandag 24. februar 2025 (sidehoved, linje {header_line}) er ikke "
            f"mødets dato; mødet er læst som onsdag 5. marts 2025 (linje {body_line})",
        }
    ]
    # the body's title lines are understood, not "ikke forstået"; the header's letterhead lines may be
    assert all(u.get("part") == "sidehoved" for u in document["unparsed"])


def test_the_same_date_in_header_and_body_is_no_finding(tmp_path):
    from docx import Document

    document = Document()
    document.sections[0].header.paragraphs[0].text = "Dato: 5. marts 2025"
    document.add_paragraph("Møde i Direktionen onsdag den 5. marts 2025 kl. 9-11").runs[0].bold = True
    document.add_heading("1. Meddelelser", level=1)
    document.add_paragraph("Ingen.")
    path = tmp_path / "same.docx"
    document.save(path)
    found = parsed(path)
    # Was: the header's key ended the body's title block: the title "ikke forstået", its hours lost.
    assert when(found) == ("2025-03-05", "09:00", "11:00")
    assert found["warnings"] == [] and found["unparsed"] == []


# --- e-mail: which attachment is the agenda ----------------------------------------------------------


def test_a_bilag_of_another_bodys_minutes_is_not_read_before_the_agenda(expected):
    # Was: "Bilag 2 - Referat MED 12.02.2025.txt" read (kind referat, meeting 2025-02-12), the agenda named
    # in a warning, and the signature's image001.png named as an attachment not read.
    document = parsed(R6 / "m1_bilag_and_agenda.eml")
    assert (document["kind"], document["format"]) == ("dagsorden", "docx")
    assert when(document) == when(expected)
    assert plan(document) == plan(expected)
    assert [w["message"] for w in document["warnings"]] == [
        "den vedhæftede fil 'Bilag 2 - Referat MED 12.02.2025.txt' er ikke læst; gem den og importér den for sig"
    ]


def test_the_agenda_is_read_before_the_boards_previous_minutes(expected):
    document = parsed(R6 / "m2_own_minutes_and_agenda.eml")  # Was: the minutes, attached first, read
    assert (document["kind"], when(document)) == ("dagsorden", when(expected))
    assert plan(document) == plan(expected)
    assert [w["message"] for w in document["warnings"]] == [
        "den vedhæftede fil 'Referat direktionen 26. februar 2025.docx' er ikke læst; gem den og importér den for sig"
    ]


def test_a_mail_that_sends_minutes_reads_the_minutes():
    document = parsed(R6 / "m3_minutes_sent.eml")  # Was: the next agenda, attached first, read
    assert (document["kind"], document["meeting"]["date"]) == ("referat", "2025-02-26")
    assert [w["message"] for w in document["warnings"]] == [
        "den vedhæftede fil 'Dagsorden direktionen 5. marts 2025.docx' er ikke læst; gem den og importér den for sig"
    ]


def test_a_signature_picture_is_not_named_but_an_attached_picture_is(expected):
    document = parsed(R6 / "m4_agenda_in_mail_with_signature.eml")
    assert (document["format"], when(document)) == ("html", when(expected))
    assert plan(document) == plan(expected)
    # Was: image001.png (a Content-ID in multipart/related) named as an attachment not read as well.
    assert [w["message"] for w in document["warnings"]] == [
        "den vedhæftede fil 'foto fra mødet.png' er ikke læst; gem den og importér den for sig"
    ]
