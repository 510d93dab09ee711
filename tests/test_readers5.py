"""Gaps of the document readers closed: Word page headers, agendas attached to e-mails, PDF paragraphs
over a page break and in a narrow column.

Fixtures: tests/fixtures/readers5/make_readers5.py (python-docx, Python's email package, chromium).
Every expected plan is read from another document by the real readers (the same agenda as text, HTML
or a Word body), never written here; only what the fixture was made to hold (the meeting's date, its
letterhead) is named.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers_proc import planner

from planner.documents import read_document

FIXTURES = Path(__file__).parent / "fixtures"
R5 = FIXTURES / "readers5"


def parsed(path: Path) -> dict:
    done = planner("parse", "--json", path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    [document] = json.loads(done.stdout)
    return document


def plan(document: dict) -> list[tuple]:
    return [(r["date"], r["label"], r["points"]) for r in document["forward_plan"]]


def findings(document: dict) -> list[dict]:
    return document["warnings"] + document["unparsed"]


# --- Word: the page header ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["w1_date_in_header.docx", "w2_date_in_header_and_body.docx", "w3_first_page_header.docx"]
)
def test_a_meeting_dated_in_the_word_page_header_is_read_from_it(name):
    # Was: no meeting date, a warning, and a forward plan without years (every row a warning).
    expected = parsed(R5 / "w4_names_only_in_header.docx")  # the same agenda, dated in its body
    assert expected["meeting"]["date"] == "2026-03-04" and len(expected["forward_plan"]) == 5
    document = parsed(R5 / name)
    assert document["meeting"]["date"] == "2026-03-04"
    assert plan(document) == plan(expected)
    assert document["meeting"]["members"] == expected["meeting"]["members"]
    # The footer ("Norddjurs Kommune", "Side 1 af 5") and the printed date ("Udskrevet <DATE>") are
    # neither points nor findings; a header and a body both dated is no ambiguity.
    assert findings(document) == []


def test_the_page_header_stands_first_at_its_own_positions():
    blocks = read_document((R5 / "w1_date_in_header.docx").read_bytes(), "w1.docx").blocks
    first = blocks[0]
    assert first.text == "Direktionen – Dagsorden – 4. marts 2026"
    assert (first.pos.line, first.pos.part, first.pos.label()) == (1, "sidehoved", "sidehoved, linje 1")
    # The body counts its lines as before, from 1; the DATE field's result and the footer are not read.
    assert blocks[1].text == "Dagsorden" and (blocks[1].pos.line, blocks[1].pos.part) == (1, "")
    texts = [p.text for p in read_document((R5 / "w1_date_in_header.docx").read_bytes(), "w1").paragraphs()]
    assert not any("Udskrevet" in t or "december" in t or "Side" in t or "Norddjurs" in t for t in texts)


def test_a_header_of_names_and_page_numbers_is_not_read():
    blocks = read_document((R5 / "w4_names_only_in_header.docx").read_bytes(), "w4.docx").blocks
    assert all(not b.pos.part for b in blocks)
    assert blocks[0].text == "Dagsorden onsdag den 4. marts 2026"


def test_a_header_line_not_understood_is_said_at_its_place_in_the_header(tmp_path):
    from docx import Document

    document = Document()
    header = document.sections[0].header
    header.paragraphs[0].text = "Direktionen – Dagsorden – 4. marts 2026"
    header.add_paragraph("Journalnr. 00.01.00-A00-1-26 sagsbehandler XY")
    document.add_paragraph("Dagsorden").runs[0].bold = True
    document.add_heading("1. Orientering", level=1)
    document.add_paragraph("Åben sag")
    path = tmp_path / "journal.docx"
    document.save(path)
    found = parsed(path)
    assert found["meeting"]["date"] == "2026-03-04"
    [line] = [w for w in found["unparsed"] if "Journalnr" in w["message"]]
    assert (line["line"], line["page"], line["part"]) == (2, None, "sidehoved")
    done = planner("parse", path)
    assert done.returncode == 0 and "sidehoved, linje 2: overskriftslinje ikke forstået" in done.stdout
