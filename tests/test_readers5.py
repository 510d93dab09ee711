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

from planner.documents import Table, read_document

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


def test_a_letterhead_laid_out_as_a_table_in_the_header_is_read_as_its_lines(tmp_path):
    from docx import Document
    from docx.shared import Cm

    document = Document()
    header = document.sections[0].header
    table = header.add_table(rows=1, cols=2, width=Cm(16))
    table.cell(0, 0).text = "Norddjurs Kommune"
    table.cell(0, 1).text = "Direktionen"
    table.cell(0, 1).add_paragraph("Dagsorden – 4. marts 2026")
    document.add_paragraph("Dagsorden").runs[0].bold = True
    document.add_heading("1. Orientering", level=1)
    document.add_paragraph("Åben sag")
    path = tmp_path / "table_header.docx"
    document.save(path)
    found = parsed(path)
    assert found["meeting"]["date"] == "2026-03-04"
    assert findings(found) == []


# --- e-mail: the agenda as an attachment -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt", "agenda"),
    [
        ("m1_docx_attached.eml", "docx", "Dagsorden 4. marts 2026.docx"),
        ("m3_html_attached_qp.eml", "html", "dagsorden.html"),
        ("m4_txt_attached.eml", "txt", "dagsorden.txt"),
    ],
)
def test_an_agenda_attached_under_a_cover_note_is_read(name, fmt, agenda):
    # Was: the cover note read ("Kære direktion" … as header lines not understood), the attachment a warning.
    expected = parsed(R5 / "w4_names_only_in_header.docx")  # the same agenda, in a Word body
    document = parsed(R5 / name)
    assert (document["source"], document["format"]) == (name, fmt)
    assert document["meeting"]["date"] == "2026-03-04"
    assert plan(document) == plan(expected)
    assert document["meeting"]["members"] == expected["meeting"]["members"]
    assert findings(document) == []  # the cover note is not read, and nothing else was attached
    blocks = read_document((R5 / name).read_bytes(), name).blocks
    assert {b.pos.part.split(", ")[0] for b in blocks} == {f"vedhæftet fil '{agenda}'"}


def test_a_word_attachment_keeps_its_page_header_in_its_positions():
    blocks = read_document((R5 / "m1_docx_attached.eml").read_bytes(), "m1.eml").blocks
    assert blocks[0].text == "Direktionen – Dagsorden – 4. marts 2026"
    assert blocks[0].pos.label() == "vedhæftet fil 'Dagsorden 4. marts 2026.docx', sidehoved, linje 1"
    assert blocks[1].pos.label() == "vedhæftet fil 'Dagsorden 4. marts 2026.docx', linje 1"


def test_of_two_attached_pdfs_the_agenda_is_read_and_the_other_named():
    document = parsed(R5 / "m2_pdf_and_bilag.eml")
    assert document["format"] == "pdf"
    assert plan(document) == plan(parsed(R5 / "p1_heading_at_page_top.html"))
    assert len(document["forward_plan"]) == 5
    assert document["warnings"] == [
        {
            "line": 1,
            "page": None,
            "part": "e-mailen",
            "message": "den vedhæftede fil 'bilag.pdf' er ikke læst; gem den og importér den for sig",
        }
    ]
    table = next(
        b
        for b in read_document((R5 / "m2_pdf_and_bilag.eml").read_bytes(), "m2").blocks
        if isinstance(b, Table)
    )
    assert table.pos.label() == "vedhæftet fil 'dagsorden.pdf', side 2, linje 3"


def test_an_agenda_written_in_the_mail_is_read_and_the_attached_report_named():
    document = parsed(R5 / "m5_agenda_in_body_and_bilag.eml")
    assert (document["format"], document["meeting"]["date"]) == ("html", "2026-03-04")
    assert plan(document) == plan(parsed(R5 / "w4_names_only_in_header.docx"))
    # at the message text's first line, as before: the message is the document
    assert document["warnings"] == [
        {
            "line": 1,
            "page": None,
            "message": "den vedhæftede fil 'Rapport om trivsel.docx' er ikke læst; gem den og importér den for sig",
        }
    ]


def test_a_damaged_attachment_is_said_with_why_and_the_mail_still_read():
    done = planner("parse", R5 / "m6_damaged_attachment.eml")
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert (
        "advarsel linje 1: den vedhæftede fil 'dagsorden.docx' kan ikke læses (filen ligner et "
        "Word-dokument, men er beskadiget (ikke et gyldigt zip-arkiv))"
    ) in done.stdout


def test_the_grammars_findings_in_an_attachment_name_the_attachment(tmp_path):
    from email.message import EmailMessage
    from email.policy import SMTP

    text = (R5 / "make_readers5.py").read_text(encoding="utf-8")
    assert "AGENDA_TEXT" in text  # the agenda of m4, with a line the header does not know
    agenda = "Direktionen\n\nDAGSORDEN\n\nJournalnr. 00.01.00-A00-1-26 sagsbehandler XY\nDato: Onsdag den 4. marts 2026\n"
    message = EmailMessage()
    message["Subject"] = "Dagsorden"
    message.set_content("Hermed dagsordenen.")
    message.add_attachment(agenda, subtype="plain", charset="utf-8", cte="base64", filename="dagsorden.txt")
    path = tmp_path / "mail.eml"
    path.write_bytes(message.as_bytes(policy=SMTP))
    document = parsed(path)
    assert document["meeting"]["date"] == "2026-03-04"
    [line] = document["unparsed"]
    assert (line["line"], line["part"]) == (5, "vedhæftet fil 'dagsorden.txt'")
    assert "Journalnr" in line["message"]
    done = planner("parse", path)
    assert (
        "ikke forstået vedhæftet fil 'dagsorden.txt', linje 5: overskriftslinje ikke forstået" in done.stdout
    )


# --- PDF: paragraphs over a page break and in a narrow column ----------------------------------------


def block_texts(path: Path) -> list:
    """The blocks as a reader sees them: kind and text of each paragraph, a table's rows of cell texts."""
    out = []
    for block in read_document(path.read_bytes(), path.name).blocks:
        if isinstance(block, Table):
            out.append(("table", [row.texts() for row in block.rows]))
        else:
            out.append((block.kind, block.text))
    return out


def test_a_heading_at_the_top_of_a_page_is_not_glued_to_the_full_line_above_it():
    # Page 1 ends with a line justified to the margin; page 2 opens with "2. Punkter til kommende møder"
    # in bold body type. Was: "… godkender den. 2. Punkter til kommende møder" as one paragraph.
    pdf = R5 / "p1_heading_at_page_top.pdf"
    expected = block_texts(pdf.with_suffix(".html"))
    found = block_texts(pdf)
    assert ("heading", "2. Punkter til kommende møder") in found
    assert found == expected  # and the long paragraph over the foot of page 2 stays one paragraph
    longest = max((t for k, t in found if k == "para"), key=len)
    assert longest.count("Direktionen drøfter status") == 6


def test_a_pdf_agenda_with_a_heading_at_a_page_top_parses_as_its_html():
    pdf = R5 / "p1_heading_at_page_top.pdf"
    html, document = parsed(pdf.with_suffix(".html")), parsed(pdf)
    for key in ("meeting", "forward_plan", "awaiting_date", "closed_cases", "case_owners", "events"):
        assert strip_positions(document[key]) == strip_positions(html[key]), key
    assert [c["title"] for c in document["closed_cases"]] == ["Lukket punkt"]


def test_wrapped_lines_of_a_narrow_column_are_one_paragraph():
    # An agenda set in a third of the page's width, ragged right. Was: each line its own paragraph.
    pdf = R5 / "p2_narrow_column.pdf"
    found = block_texts(pdf)
    assert found == block_texts(pdf.with_suffix(".html"))
    assert ("para", "Direktionen godkender indstillingen.") in found and ("para", "Kort afsnit.") in found


def strip_positions(value):
    if isinstance(value, dict):
        return {k: strip_positions(v) for k, v in value.items() if k not in ("line", "page", "part")}
    if isinstance(value, list):
        return [strip_positions(v) for v in value]
    return value
