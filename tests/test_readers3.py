"""Three gaps of the reading layer, each on a document made the way its program makes it.

- A forward plan as an unruled HTML table printed by chromium with the browser's default styles
  (bold, centred <th> row headers in the middle of their rows, a narrow column gap): the PDF gives
  the same forward plan as its HTML (tests/fixtures/readers3/r1_th_rows.*, and the older
  tests/fixtures/unseen/p6_semantic.pdf).
- Word paragraphs laid out in columns with tabs (date, point, person): read as a table.
- Word's text export of a table whose cells hold line breaks in a middle cell and in the last row.

The fixtures are made by tests/fixtures/readers3/make_readers3.py; every expected value below is
read from the document's own text.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from helpers_proc import planner

from planner.parse.document import parse_file

HERE = Path(__file__).parent / "fixtures"
READERS3 = HERE / "readers3"


def cli_plan(path: Path) -> list[tuple]:
    """The forward plan as `planner parse --json` gives it, without its line numbers."""
    done = planner("parse", "--json", path)
    assert done.returncode == 0, done.stderr
    [document] = json.loads(done.stdout)
    return [
        (r["date"], r["label"], r["points"], r["closures"], r["absent"], r["free"])
        for r in document["forward_plan"]
    ]


def rows(path: Path) -> list[tuple]:
    return [
        (r.date, [p.text for p in r.points], list(r.closures), list(r.absent))
        for r in parse_file(path).forward_plan
    ]


def test_an_unruled_th_table_printed_by_chromium_reads_as_its_html():
    pdf = READERS3 / "r1_th_rows.pdf"
    assert rows(pdf) == [
        (
            date(2025, 6, 4),
            ["Budgetopfølgning pr. 30. april", "Status på rekruttering af socialchef"],
            [],
            [],
        ),
        (date(2025, 6, 11), ["Kvalitetsrapport for dagtilbud", "v/ dagtilbudschefen"], [], []),
        (
            date(2025, 6, 18),
            [
                "Drøftelse af den kommende organisering af det specialiserede socialområde og af "
                "samarbejdet med regionen om de tværgående tilbud"
            ],
            [],
            [],
        ),
        (date(2025, 6, 25), [], [], []),
        (date(2025, 7, 2), [], ["Sommerferie"], []),
        (date(2025, 7, 9), ["Evaluering af borgermøder", "Affaldsplan 2026", "Kantineordning"], [], []),
    ]
    assert cli_plan(pdf) == cli_plan(READERS3 / "r1_th_rows.html")


def test_an_unruled_th_table_over_a_page_break_where_no_line_holds_both_columns():
    # Each header wraps ("Onsdag 16." over "apr.") beside its one-line text, half a line off: on the
    # second page no line holds a header and a point, and the table goes on from the page before.
    pdf = READERS3 / "r4_th_rows_page_break.pdf"
    assert rows(pdf) == [
        (date(2025, 3, 12), ["Budgetproces 2026", "Status på HOI"], [], []),
        (date(2025, 3, 19), ["Regnskab 2024"], [], []),
        (date(2025, 3, 26), ["Digitaliseringsstrategi"], [], []),
        (date(2025, 4, 2), ["Kvalitetsrapport for skoler", "Evaluering af borgermøder"], [], []),
        (date(2025, 4, 9), ["Affaldsplan"], [], []),
        (date(2025, 4, 16), [], ["Påskeferie"], []),
        (date(2025, 4, 23), ["Boligpolitik"], [], []),
        (
            date(2025, 4, 30),
            [
                "Sundhedspolitik – forslag til høring og drøftelse af den videre proces i udvalgene",
                "Rekruttering",
            ],
            [],
            [],
        ),
        (date(2025, 5, 7), ["Budgetseminar"], [], []),
        (date(2025, 5, 14), ["Ældrepolitik"], [], []),
        (date(2025, 5, 21), ["Kommuneplan"], [], []),
        (date(2025, 5, 28), ["Klimaplan"], [], []),
    ]
    assert cli_plan(pdf) == cli_plan(READERS3 / "r4_th_rows_page_break.html")


def test_the_semantic_page_printed_by_chromium_gives_the_forward_plan_of_its_html():
    unseen = HERE / "unseen"
    pdf_plan = cli_plan(unseen / "p6_semantic.pdf")
    assert pdf_plan == cli_plan(unseen / "h6_semantic_tbody.html")
    assert [(d, points) for d, _, points, *_ in pdf_plan][:2] == [
        (
            "2025-01-15",
            ["Plan- og udviklingsstrategien", "oplæg ved planchefen", "Status på Kloge Kvadratmeter"],
        ),
        ("2025-01-22", ["Årligt dialogmøde med socialchef1"]),
    ]


def word_document(*paragraphs: str) -> bytes:
    import io

    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    raw = io.BytesIO()
    document.save(raw)
    return raw.getvalue()


def test_word_paragraphs_in_columns_with_tabs_are_a_table_and_the_person_no_point():
    path = READERS3 / "r2_tab_columns.docx"
    assert rows(path) == [
        (date(2025, 1, 29), ["Budgetopfølgning pr. 31. december"], [], []),
        (date(2025, 2, 5), ["Status på Helhedsorienteret Indsats (HOI)"], [], []),
        (date(2025, 2, 12), [], ["Vinterferie"], []),
        (date(2025, 2, 19), ["Regnskab 2024 – første overblik"], [], []),
    ]
    from planner.documents import Table, read_document

    blocks = read_document(path.read_bytes(), path.name).blocks
    [table] = [b for b in blocks if isinstance(b, Table)]
    assert [r.texts() for r in table.rows][:3] == [
        ["Dato", "Punkt", "Ansvarlig"],
        ["29. jan.", "Budgetopfølgning pr. 31. december", "Kim Bruun Nielsen"],
        ["5. feb.", "Status på Helhedsorienteret Indsats (HOI)", "Lene Mehlsen Thomsen"],
    ]
    assert [r.texts() for r in table.rows][3] == ["12. feb.", "Vinterferie"]  # the trailing tab: no cell
    # one paragraph with a tab is a paragraph, as before
    assert "26. feb. Chefforum om digitalisering" in [b.text for b in blocks if not isinstance(b, Table)]


def test_a_date_tab_point_list_of_word_paragraphs_keeps_its_forward_plan():
    from planner.documents import ITEM, Table, read_document
    from planner.parse.document import parse_bytes

    data = word_document(
        "Dato: Onsdag den 22. januar 2025",
        "1. Punkter til kommende møder",
        "Åben sag",
        "29. jan.\tBudgetopfølgning",
        "5. feb.\tStatus på HOI",
        "12. feb.\tVinterferie",
        "19. feb.\t\tRegnskab 2024",  # two tabs to reach the tab stop
        "2. Eventuelt",
        "•\tFørste punkt",
        "•\tAndet punkt",
    )
    d = parse_bytes(data, "plan.docx")
    assert [(r.date, [p.text for p in r.points], list(r.closures)) for r in d.forward_plan] == [
        (date(2025, 1, 29), ["Budgetopfølgning"], []),
        (date(2025, 2, 5), ["Status på HOI"], []),
        (date(2025, 2, 12), [], ["Vinterferie"]),
        (date(2025, 2, 19), ["Regnskab 2024"], []),
    ]
    blocks = read_document(data, "plan.docx").blocks
    [table] = [b for b in blocks if isinstance(b, Table)]
    assert table.rows[-1].texts() == ["19. feb.", "Regnskab 2024"]
    # a typed bullet followed by a tab is a list item, never a row
    assert [(b.kind, b.text) for b in blocks[-2:]] == [(ITEM, "Første punkt"), (ITEM, "Andet punkt")]


def test_word_text_export_a_line_break_in_a_middle_cell_and_in_the_last_row():
    from planner.parse.document import parse_file as parse

    path = READERS3 / "r3_word_export_breaks.txt"
    d = parse(path)
    assert rows(path) == [
        (date(2025, 5, 21), ["Regnskab 2024"], [], []),
        (date(2025, 5, 28), ["Budgetseminar – forberedelse", "Status på HOI"], [], []),
        (date(2025, 6, 4), ["Rekrutteringsstrategi"], [], []),
        (date(2025, 6, 11), ["Sommerplanlægning", "Opfølgning på MED"], [], []),
        (date(2025, 6, 18), ["Kvalitetsrapport", "Evaluering af borgermøder"], [], []),
        # two rows with their point and person merged (one tab each), not one row broken in its middle
        (date(2025, 6, 25), ["Sommerafslutning"], [], []),
        (date(2025, 7, 2), [], ["Sommerferie"], []),
        (date(2025, 7, 9), [], ["Sommerferie"], []),
    ]
    assert [w.message for w in d.unparsed] == []
    # the second name under the last row: its person cell's second line, or text under the table
    assert [(w.line, w.message) for w in d.warnings] == [
        (
            17,
            "'Jonas Kroustrup' står lige under tabellens sidste række uden tabulator: en linje mere i "
            "rækkens sidste celle eller tekst under tabellen? Læst som tekst under tabellen",
        )
    ]
    from planner.documents import Table, read_document

    tables = [b for b in read_document(path.read_bytes(), path.name).blocks if isinstance(b, Table)]
    assert [c.text for c in tables[0].rows[2].cells] == [
        "28. maj",
        "Budgetseminar – forberedelse Status på HOI",
        "Lene Mehlsen Thomsen",
    ]
    assert [r.pos.line for r in tables[0].rows] == [8, 9, 10, 12, 13, 15]


def test_a_word_forward_plan_in_a_layout_table_beside_a_note_is_read_as_a_table():
    import io

    import docx

    from planner.parse.document import parse_bytes

    document = docx.Document()
    for text in ("Dato: Onsdag den 5. marts 2025", "1. Punkter til kommende møder", "Åben sag"):
        document.add_paragraph(text)
    layout = document.add_table(rows=1, cols=2)
    plan = layout.cell(0, 0)
    plan.text = "Kommende møder"
    inner = plan.add_table(rows=3, cols=2)
    for r, (day, point) in enumerate(
        [("Dato", "Punkt"), ("12. mar.", "Budgetproces 2026"), ("19. mar.", "Status på HOI")]
    ):
        inner.cell(r, 0).text, inner.cell(r, 1).text = day, point
    layout.cell(0, 1).text = "Bemærk: mødet 19. marts holdes i Auning"
    raw = io.BytesIO()
    document.save(raw)
    d = parse_bytes(raw.getvalue(), "plan.docx")
    # before, the inner table was flattened into the layout cell and its rows were lost to the plan
    assert [(r.date, [p.text for p in r.points]) for r in d.forward_plan] == [
        (date(2025, 3, 12), ["Budgetproces 2026"]),
        (date(2025, 3, 19), ["Status på HOI"]),
    ]


def test_a_backlog_case_with_its_status_line_first_keeps_its_points():
    # Found with the Word variants: "2. Punkter som afventer dato" is a case of its own, and its "Åben sag"
    # stood between the title and the list, which then read as empty (a small change in the grammar).
    from planner.parse.document import parse_bytes

    data = word_document(
        "Dato: Onsdag den 5. marts 2025",
        "1. Punkter til kommende møder",
        "Åben sag",
        "12. mar.\tBudgetproces 2026",
        "19. mar.\tStatus på HOI",
        "2. Punkter som afventer dato",
        "Åben sag",
        "• Boligsocial strategi",
        "• Kloge Kvadratmeter",
    )
    assert [p.text for p in parse_bytes(data, "plan.docx").awaiting_date] == [
        "Boligsocial strategi",
        "Kloge Kvadratmeter",
    ]


def test_a_line_of_tabs_alone_is_blank_not_the_row_that_makes_a_line_a_cell_of_the_row_above():
    """'0<tab>' / '1' / '<tab>': the '1' is a line of its own (hypothesis found it joined to the row above,
    named on line 1, because the tab-only line below was taken for a row of the same width)."""
    from planner.documents import read_document

    blocks = read_document(b"0\t\n1\n\t\n", "tabs.txt").blocks
    assert [b.pos.line for b in blocks] == [1, 2]
    assert blocks[1].text == "1"
    # A real row below still makes the line the cell's second line.
    rows = read_document(b"5. feb.\tBudget\nStatus\n12. feb.\tRegnskab\n", "tabs.txt").blocks[0].rows
    assert [c.text for c in rows[0].cells] == ["5. feb.", "Budget Status"]
