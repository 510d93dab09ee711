"""File quirks of Word, HTML and text documents met outside the repository (tests/fixtures/formats4/).

One agenda, `f4_base.txt`, is saved with each quirk by `make_formats4.py`; each file must give what the
plain text gives (meeting, forward plan, backlog, political cycle, events), through the real CLI, and
say in a Danish warning with its line what the reader had to put right. Before these fixes the text and
Word files were refused or lost their forward plan or backlog, and the HTML pages read hidden drafts, a
deleted point and a side bar's staff meeting.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from helpers_proc import planner

FORMATS4 = Path(__file__).parent / "fixtures" / "formats4"
BASE = FORMATS4 / "f4_base.txt"


def parsed(path: Path) -> dict:
    done = planner("parse", "--json", path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    [document] = json.loads(done.stdout)
    return document


def content(document: dict) -> dict:
    """What the plan takes from a document, without positions and warnings."""
    meeting = document["meeting"] or {}
    return {
        "kind": document["kind"],
        "meeting": {k: meeting.get(k) for k in ("date", "start", "end", "location", "members", "absent")},
        "forward_plan": [
            (r["date"], r["points"], r["closures"], r["absent"], r["free"]) for r in document["forward_plan"]
        ],
        "awaiting_date": document["awaiting_date"],
        "political_cycles": [
            (c["label"], c["oekonomiudvalg"], c["kommunalbestyrelse"]) for c in document["political_cycles"]
        ],
        "events": [(e["title"], e["start"], e["category"]) for e in document["events"]],
    }


@pytest.fixture(scope="module")
def base() -> dict:
    document = parsed(BASE)
    assert document["warnings"] == [] and document["unparsed"] == []
    return content(document)


def test_the_base_agenda_reads_as_written(base):
    # Every value below is read off f4_base.txt itself.
    text = BASE.read_text(encoding="utf-8")
    assert base["kind"] == "dagsorden" and "DAGSORDEN" in text
    assert base["meeting"]["date"] == "2025-03-05" and "Onsdag den 5. marts 2025" in text
    rows = [line.split("\t") for line in text.splitlines() if "\t" in line][1:]
    assert [points for _, points, *_ in base["forward_plan"]] == [[p] if p else [] for _, p in rows[:5]] + [
        [],
        [rows[6][1]],
    ]
    assert base["forward_plan"][5][2] == ["Påskeferie"]  # 16. apr. is a closure, not a point
    assert base["awaiting_date"] == ["Regeringens lovprogram", "Evaluering af råderumsprocessen"]
    assert base["political_cycles"] == [("marts", "2025-03-11", "2025-03-18")]
    assert [title for title, *_ in base["events"]] == [
        "Børne- og Ungdomsudvalgsmøde",
        "Kommunalbestyrelsesmøde",
    ]


# --- text ------------------------------------------------------------------------------------------


def test_utf16_without_a_byte_order_mark_is_text_not_binary(base):
    data = (FORMATS4 / "f4_utf16le_no_bom.txt").read_bytes()
    assert not data.startswith((b"\xff\xfe", b"\xfe\xff")) and data[1::2].count(0) > len(data) // 3
    document = parsed(FORMATS4 / "f4_utf16le_no_bom.txt")
    assert content(document) == base
    assert document["encoding"] == "utf-16"
    assert document["warnings"] == []


def test_stray_zero_bytes_are_removed_with_a_warning_at_their_line(base):
    data = (FORMATS4 / "f4_nul_bytes.txt").read_bytes()
    line = data[: data.index(b"\x00")].count(b"\n") + 1
    document = parsed(FORMATS4 / "f4_nul_bytes.txt")
    assert content(document) == base
    # the padding at the end is no finding; the zero inside the header line is
    assert [(w["line"], w["message"]) for w in document["warnings"]] == [
        (line, "et NUL-tegn i teksten er fjernet; filen kan være beskadiget")
    ]


def test_utf8_saved_again_as_if_it_were_cp1252_is_turned_back(base):
    text = (FORMATS4 / "f4_mojibake.txt").read_text(encoding="utf-8")
    assert "nÃ¦ste mÃ¸de" in text and "næste" not in text
    document = parsed(FORMATS4 / "f4_mojibake.txt")
    assert content(document) == base
    first = next(k for k, line in enumerate(text.split("\n"), 1) if "Ã" in line)
    [warning] = document["warnings"]
    assert warning["line"] == first
    assert "forkert tegnkodning" in warning["message"] and "rettet" in warning["message"]


def test_soft_hyphens_zero_width_spaces_and_non_breaking_hyphens_are_not_text(base):
    text = (FORMATS4 / "f4_invisible.txt").read_text(encoding="utf-8")
    assert "af\u00adventer" in text and "\u200b" in text and "\u2011" in text
    document = parsed(FORMATS4 / "f4_invisible.txt")
    assert content(document) == base  # the backlog under "af­venter dato" is found, the event named with "-"
    assert document["warnings"] == []


def test_control_characters_beside_a_zero_byte_are_reported_and_removed(tmp_path):
    # Word's marks in text taken out of a .doc: \x1f an optional hyphen (nothing), \x01 an object anchor
    text = (
        BASE.read_text(encoding="utf-8")
        .replace("Sygefravær", "Syge\x01fravær")
        .replace("lovprogram", "lov\x1fprogram")
    )
    text = text.replace("Slut kl.: 12:00", "Slut kl.: 12:00\x00")
    path = tmp_path / "styretegn.txt"
    path.write_bytes(text.encode("utf-8"))
    document = parsed(path)
    [row] = [r for r in document["forward_plan"] if r["date"] == "2025-03-19"]
    assert row["points"] == ["Sygefravær og trivsel"]
    assert document["awaiting_date"][0] == "Regeringens lovprogram"
    line = text[: text.index("\x00")].count("\n") + 1
    assert [(w["line"], w["message"]) for w in document["warnings"]] == [
        (line, "2 styretegn i teksten er fjernet (det første er et NUL-tegn); filen kan være beskadiget")
    ]


def test_a_binary_file_is_still_refused(tmp_path):
    path = tmp_path / "billede.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    done = planner("parse", "--json", path)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "filen er binær" in done.stderr


# --- HTML ------------------------------------------------------------------------------------------


def test_menu_side_bar_footer_hidden_drafts_and_deletions_are_not_read(base):
    html = (FORMATS4 / "f4_hidden_furniture.html").read_text(encoding="utf-8")
    for shown_nowhere in ("Personalemøde d. 26. marts", "Gammelt punkt", "Budgetopfølgning 0", "Temamøde"):
        assert shown_nowhere in html
    document = parsed(FORMATS4 / "f4_hidden_furniture.html")
    assert content(document) == base
    # hidden text is said, with the line of its element (a tab a script opens would be lost otherwise);
    # the menu, side bar, footer and deleted text are not the document and are not said
    lines = html.split("\n")

    def line_of(words: str) -> int:
        return next(k for k, line in enumerate(lines, 1) if words in line)

    assert [(w["line"], w["message"]) for w in document["warnings"]] == [
        (line_of("Kladde d. 30. marts"), "skjult tekst på siden er ikke læst: 'Kladde d. 30. marts'"),
        (
            line_of("<div hidden>"),
            "skjult tekst på siden er ikke læst: 'Punkter til næste møde (kladde) 9. apr.: Gammelt punkt fra …'",
        ),
        (line_of("Skjult note"), "skjult tekst på siden er ikke læst: 'Skjult note: Temamøde d. 2. april'"),
    ]
    assert not any("Chefforum" in e or "Temamøde" in e for e in map(str, document["events"]))


def test_a_hidden_paragraph_without_an_end_tag_hides_only_itself(tmp_path):
    # HTML 4 lets </p> out: the next paragraph closes the hidden one, the rest of the page is read.
    html = (FORMATS4 / "f4_hidden_furniture.html").read_text(encoding="utf-8")
    html = html.replace("<p>Fraværende:</p>", "<p style='display: none'>Kladde d. 1. marts<p>Fraværende:</p>")
    path = tmp_path / "p_uden_slut.html"
    path.write_text(html, encoding="utf-8")
    assert content(parsed(path)) == content(parsed(FORMATS4 / "f4_hidden_furniture.html"))


def test_a_forward_plan_in_preformatted_text_is_a_table(base):
    html = (FORMATS4 / "f4_pre_table.html").read_text(encoding="utf-8")
    document = parsed(FORMATS4 / "f4_pre_table.html")
    assert content(document) == base
    # each row keeps the line it stands on in the page
    lines = html.split("\n")
    for row in document["forward_plan"]:
        assert lines[row["line"] - 1].startswith(row["label"] + "\t")


# --- Word ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["f4_main_part_document2.docx", "f4_upper_case_part_names.docx"])
def test_the_main_part_is_found_by_its_relationship_and_in_any_case(base, name):
    document = parsed(FORMATS4 / name)
    assert document["format"] == "docx"
    assert content(document) == base


def test_runs_and_paragraphs_in_alternate_content_are_read_once(base):
    document = parsed(FORMATS4 / "f4_alternate_content.docx")
    assert content(document) == base
    assert document["political_cycles"][0]["line"] > 0


# --- the import --------------------------------------------------------------------------------------


def test_every_quirk_imports_the_same_points_as_the_plain_text(tmp_path):
    expected = None
    refused = {"f4_password_protected.docx", "f4_forward_plan_in_excel.xlsx"}
    for path in [BASE, *sorted(p for p in FORMATS4.glob("f4_*") if p != BASE and p.name not in refused)]:
        db = tmp_path / f"{path.stem}.db"
        done = planner("import", "--db", db, "--json", path)
        assert done.returncode == 0, (path.name, done.stderr)
        with sqlite3.connect(db) as connection:
            points = sorted(connection.execute("SELECT date, title, status FROM points").fetchall(), key=str)
        if expected is None:
            expected = points
            assert len(points) == 6  # four dated points and two awaiting a date
        assert points == expected, path.name


def test_a_meeting_written_only_in_the_page_header_is_read_from_it(base):
    # Was a warning ("sidehovedet læses ikke"): the header is now read before the body (test_readers5).
    document = parsed(FORMATS4 / "f4_meeting_in_page_header.docx")
    assert content(document)["forward_plan"] == base["forward_plan"]
    assert document["meeting"]["date"] == base["meeting"]["date"] == "2025-03-05"
    assert (document["meeting"]["start"], document["meeting"]["end"]) == ("08:30", "12:00")
    assert document["warnings"] == [] and document["unparsed"] == []


def test_a_page_header_of_a_name_and_page_numbers_is_no_finding(base):
    document = parsed(FORMATS4 / "f4_page_numbers_in_page_header.docx")
    assert content(document) == base
    assert document["warnings"] == []


def test_a_word_xml_document_is_read_as_word(base):
    # Word's Save As "Word XML-dokument (*.xml)": before, it was read as text full of tags.
    document = parsed(FORMATS4 / "f4_word_xml_document.xml")
    assert document["format"] == "docx"
    assert content(document) == base
    assert document["unparsed"] == [] and document["warnings"] == []


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("f4_password_protected.docx", "beskyttet med en adgangskode (krypteret)"),
        ("f4_forward_plan_in_excel.xlsx", "et Excel-regneark (.xlsx) kan ikke læses"),
    ],
)
def test_a_locked_document_or_a_workbook_is_refused_saying_what_it_is(name, says):
    done = planner("parse", "--json", FORMATS4 / name)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"planner: {name}: ") and says in done.stderr
    assert ".doc)" not in done.stderr  # not taken for an old Word document


# --- MIME: web archives and e-mails saved as files ------------------------------------------------------


def test_a_single_file_web_page_from_word_is_read_as_its_html(base):
    # .mht: the HTML in quoted-printable windows-1252 ("=E6" for "æ") inside MIME; before, read as text.
    raw = (FORMATS4 / "f4_word_web_archive.mht").read_bytes()
    assert raw.startswith(b"MIME-Version: 1.0") and b"=E6" in raw
    document = parsed(FORMATS4 / "f4_word_web_archive.mht")
    assert document["format"] == "html"
    assert content(document) == base
    assert document["warnings"] == [] and document["unparsed"] == []


def test_an_e_mail_saved_as_a_file_is_read_from_its_attached_agenda(base):
    # The agenda stands in the message and in an attachment named "Dagsorden …": the attachment is read
    # (test_readers5), and the warning says the message's own text is not.
    document = parsed(FORMATS4 / "f4_agenda_mail.eml")
    assert document["format"] == "docx"
    assert content(document) == base
    assert document["warnings"] == [
        {
            "line": 1,
            "page": None,
            "part": "e-mailen",
            "message": "e-mailens egen tekst er ikke læst: dagsordenen er læst fra den vedhæftede fil "
            "'Dagsorden 5. marts.docx'",
        }
    ]


def test_a_text_agenda_pasted_from_an_e_mail_is_still_text():
    # A pasted head ("Fra:", "Emne:") is no MIME message: the text reader's e-mail head is kept.
    from planner.documents import read_document

    text = "Fra: Ledelsessekretariatet\nEmne: Dagsorden\nMIME-Version: 1.0\n\n" + BASE.read_text(
        encoding="utf-8"
    )
    assert read_document(text.encode("utf-8"), "mail.txt").format == "txt"
