"""PDFs as they come from outside: each read as its own HTML source reads.

The fixtures are HTML pages printed by Debian's headless chromium (tests/fixtures/pdf4/make_pdf4.py):
- a forward plan as an unruled `<td>` table with the browser's default styles: plain dates, a gap of
  a few points, cells set in the middle of their rows (two and three columns);
- holiday plans laid out in two columns (side by side with flex, CSS columns, two tables side by side,
  a bulleted list in two CSS columns);
- a page header and footer printed by chromium, a note turned up the margin of every page,
  fi/fl ligatures and soft hyphens;
- a 32-page agenda.
Every expected value is read from the HTML source by the HTML reader, never written here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers_proc import planner

from planner.calendar.ferieplan import parse_document
from planner.documents import Table, read_document

FIXTURES = Path(__file__).parent / "fixtures"
PDF4 = FIXTURES / "pdf4"


def forward_plan(path: Path) -> list[tuple]:
    """The forward plan as `planner parse --json` gives it, without its positions."""
    done = planner("parse", "--json", path)
    assert done.returncode == 0, done.stderr
    [document] = json.loads(done.stdout)
    return [
        (r["date"], r["label"], r["points"], r["closures"], r["absent"]) for r in document["forward_plan"]
    ]


def holidays(path: Path) -> tuple[list[tuple], list[str]]:
    result = parse_document(read_document(path.read_bytes(), path.name))
    return [(p.label, p.start, p.end, p.kind) for p in result.periods], [w.text for w in result.warnings]


def blocks(path: Path) -> list:
    return read_document(path.read_bytes(), path.name).blocks


@pytest.mark.parametrize("stem", ["p1_td_plan", "p2_td_plan_three"])
def test_a_plain_narrow_gap_table_is_the_forward_plan_of_its_html(stem: str) -> None:
    # Was read as lines: dates split from their points ("Onsdag 4." / "juni"), most rows lost.
    expected = forward_plan(PDF4 / f"{stem}.html")
    assert [row[0] for row in expected] == [
        "2025-06-04", "2025-06-11", "2025-06-18", "2025-06-25", "2025-07-02", "2025-07-09",
    ]  # fmt: skip
    assert forward_plan(PDF4 / f"{stem}.pdf") == expected
    [table] = [b for b in blocks(PDF4 / f"{stem}.pdf") if isinstance(b, Table)]
    assert (table.rows[-1].pos.page, table.rows[-1].pos.line) == (
        (1, 32) if stem == "p1_td_plan" else (1, 30)
    )


def test_a_plain_narrow_gap_table_over_a_page_break_keeps_every_row() -> None:
    pdf = PDF4 / "p7_td_plan_page_break.pdf"
    expected = forward_plan(pdf.with_suffix(".html"))
    assert len(expected) == 6 and len(expected[4][2]) == 10  # 2 July: ten points, moved to page 3
    assert forward_plan(pdf) == expected


def test_a_ruled_row_split_by_the_page_break_under_chromiums_header_and_footer_is_one_row() -> None:
    pdf = PDF4 / "p10_ruled_row_split.pdf"
    expected = forward_plan(pdf.with_suffix(".html"))
    assert len(expected) == 6 and len(expected[4][2]) == 15  # 2 July: fifteen points over two pages
    assert forward_plan(pdf) == expected


def test_the_text_around_a_narrow_gap_table_stays_text() -> None:
    # "Åben sag" above the table and the paragraphs of the case stay paragraphs.
    found = blocks(PDF4 / "p1_td_plan.pdf")
    assert sum(isinstance(b, Table) for b in found) == 1
    texts = [b.text for b in found if not isinstance(b, Table)]
    assert "Åben sag" in texts and "Intet." in texts
    html = [b.text for b in blocks(PDF4 / "p1_td_plan.html") if not isinstance(b, Table)]
    # (the case's wrapped lines are not joined: the text is narrower than the page, see the report)
    assert " ".join(texts) == " ".join(html)


def test_justified_running_text_and_lists_are_no_table() -> None:
    # Words of justified lines stand at one x by chance, and a list's text stands at one x after its
    # bullets: neither is a column.
    pdf, html = PDF4 / "p9_justified_prose.pdf", PDF4 / "p9_justified_prose.html"
    found = blocks(pdf)
    assert not any(isinstance(b, Table) for b in found)
    texts = [b.text for b in found]
    for paragraph in {
        b.text for b in blocks(html) if b.text.startswith(("Direktionen drøfter", "Sagen har"))
    }:
        assert texts.count(paragraph) == 6  # every copy whole: no line taken into a table


@pytest.mark.parametrize(
    "pdf",
    [
        PDF4 / "p3_ferie_flex_2025-26.pdf",
        PDF4 / "p4_ferie_pairs_2025-26.pdf",
        PDF4 / "p8_ferie_list_columns_2025-26.pdf",
        FIXTURES / "ferieplans" / "to_kolonner_2025-26.pdf",
    ],
    ids=lambda p: p.stem,
)
def test_a_holiday_plan_in_two_columns_keeps_every_holiday_of_its_html(pdf: Path) -> None:
    # Was read across the columns: "Efterårsferie" beside spring's dates, holidays lost as warnings.
    periods, warnings = holidays(pdf.with_suffix(".html"))
    assert len(periods) == 8 and warnings == []
    assert holidays(pdf) == (periods, [])


def test_a_holiday_plan_in_two_columns_is_stored_by_the_cli(empty_db) -> None:
    plan = PDF4 / "p3_ferie_flex_2025-26.pdf"
    done = planner("holidays", "import", plan, "--db", empty_db, "--json")
    assert done.returncode == 0, done.stderr
    stored = [(p["label"], p["start"], p["end"]) for p in json.loads(done.stdout)["periods"]]
    periods, _ = holidays(plan.with_suffix(".html"))
    assert stored == [(label, f"{s:%Y-%m-%d}", f"{e:%Y-%m-%d}") for label, s, e, _ in periods]


def test_a_note_turned_up_the_margin_and_chromiums_header_and_footer_are_not_read() -> None:
    # The turned note's letters stood one under the other: each was a paragraph of one letter ("g"),
    # or was glued to the body line beside it ("n Finansieringen …").
    pdf, html = PDF4 / "p5_quirks.pdf", PDF4 / "p5_quirks.html"
    texts = [b.text for b in blocks(pdf) if not isinstance(b, Table)]
    expected = [b.text for b in blocks(html) if not isinstance(b, Table) and "UDKAST" not in b.text]
    # ligatures (ﬁ, ﬂ) as letters, the page header, footer and "1/2" dropped (a paragraph ending the
    # page with a full line runs on into the next page's first one: joined, so the words are compared)
    assert " ".join(texts) == " ".join(expected)
    assert any("fleksible" in t and "Officielle" in t for t in texts)
    assert forward_plan(pdf) == forward_plan(html)
    # a soft hyphen broken at a line end is one word again
    assert "Fleksibel arbejdstilrettelæggelse" in [p for row in forward_plan(pdf) for p in row[2]]


def test_a_long_pdf_gives_the_forward_plan_on_its_last_page() -> None:
    pdf = PDF4 / "p6_long.pdf"
    document = read_document(pdf.read_bytes(), pdf.name)
    assert document.pages == 32 and document.warnings == []
    assert forward_plan(pdf) == forward_plan(pdf.with_suffix(".html"))
