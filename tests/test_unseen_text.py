"""Text and markdown layouts of the agenda family that the layout corpus did not hold.

Each fixture in tests/fixtures/unseen_text/ was written as a secretariat might write it (a forward plan
as "Uge 3 (15.1.)" lines, a minutes appendix with the updated plan, a markdown table whose date is the
second column, …). Every expected value below is read from the document itself, not copied from the
parser's output.
"""

from __future__ import annotations

from helpers_parsed import FIXTURES, D, fixture_reader, rows

from planner.calendar.ferieplan import parse_document as parse_ferieplan_document
from planner.documents import read_document
from planner.parse.model import ParsedDocument

UNSEEN = FIXTURES / "unseen_text"
doc = fixture_reader(UNSEEN)


def messages(d: ParsedDocument) -> list[tuple[int, str]]:
    return [(w.line, w.message) for w in d.warnings + d.unparsed]


def test_forward_plan_as_week_lines_with_the_date_in_brackets():
    d = doc("norddjurs_2025_01_08_week_lines.txt")
    assert d.meeting.date == D(2025, 1, 8)
    assert rows(d) == [
        (D(2025, 1, 15), ["Budgetopfølgning pr. 30. november"], [], []),
        (D(2025, 1, 22), ["Evaluering af råderumsprocessen"], [], []),
        (D(2025, 1, 29), [], [], []),
        (D(2025, 2, 5), ["Status på Helhedsorienteret Indsats (HOI)"], [], []),
        (D(2025, 2, 12), [], ["Vinterferie"], []),
        (D(2025, 2, 19), [], [], ["Kim Bruun Nielsen"]),
        (D(2025, 2, 26), ["Regnskab 2024 – første overblik"], [], []),
        # "Uge 10 (12.3.)": the date is read; 12 March 2025 is in week 11, and that is said
        (D(2025, 3, 12), ["Borgermøde om skolestruktur – forberedelse"], [], []),
        # "Uge 12:" alone: the meeting's weekday (Wednesday) of that week
        (D(2025, 3, 19), ["Opfølgning på KB-seminar"], [], []),
    ]
    assert (40, "'Uge 10 (12.3.)': 12. marts 2025 ligger i uge 11") in messages(d)
    assert [p.text for p in d.awaiting_date] == ["Regeringens lovprogram", "Kloge Kvadratmeter"]


def test_an_updated_forward_table_in_the_appendix_keeps_its_year_and_is_the_newer_word():
    d = doc("norddjurs_2025_04_02_two_forward_tables.txt")
    # The appendix's table starts again at 9 April: it is April 2025, never 2026. Its rows replace the
    # agenda table's rows of the same dates, so the point it moved (23 → 30 April) is there once.
    assert rows(d) == [
        (D(2025, 4, 9), ["Budgetproces 2026"], [], []),
        (D(2025, 4, 16), [], ["Påskeferie"], []),
        (D(2025, 4, 23), [], [], []),
        (D(2025, 4, 30), ["Status på HOI"], [], []),
        (D(2025, 5, 7), ["Regnskab 2024"], [], []),
    ]
    assert [r.line for r in d.forward_plan] == [33, 34, 35, 36, 37]
    assert not [m for _, m in messages(d) if "kommer før" in m]
    assert [(p.date, p.text) for p in d.scheduled_by_decision] == [(D(2025, 4, 30), "Punktet om HOI")]


def test_an_updated_forward_plan_in_its_own_section_replaces_the_rows_it_repeats():
    d = doc("norddjurs_2025_04_02_updated_plan_section.txt")
    assert [(r.date, r.line, [p.text for p in r.points], list(r.closures)) for r in d.forward_plan] == [
        (D(2025, 4, 9), 16, ["Budgetproces 2026"], []),
        (D(2025, 4, 16), 17, [], ["Påskeferie"]),
        (D(2025, 4, 23), 34, [], []),  # the updated plan's row, not the agenda's "Status på HOI"
        (D(2025, 4, 30), 35, ["Status på HOI"], []),
        (D(2025, 5, 7), 36, ["Regnskab 2024"], []),
    ]


def test_markdown_table_with_the_date_in_the_second_column_and_escaped_pipes():
    d = doc("direktion_2025_03_05_date_second_column.md")
    assert rows(d) == [
        (D(2025, 3, 12), ["Budget 2026 | procesplan"], [], []),
        (D(2025, 3, 19), ["Status på affaldsordning"], [], []),
        (D(2025, 3, 26), ["Økonomi | Q1-opfølgning"], [], []),
        (D(2025, 4, 16), [], ["Påskeferie"], []),
        (D(2025, 4, 23), ["Evaluering af borgermøder"], [], []),
    ]
    assert messages(d) == []  # the header row is a header, not a row whose date was not understood
    # the backlog under a numbered heading "## 2. Punkter som afventer dato"
    assert [p.text for p in d.awaiting_date] == ["Boligsocial strategi"]


def test_word_text_export_writes_a_cells_line_breaks_as_line_ends():
    # Word's "Gem som almindelig tekst" writes a cell's own paragraphs as lines without a tab, between the
    # row and the next row (CRLF). They are the cell's points and notes, not lost paragraphs after the table.
    d = doc("norddjurs_2025_05_14_word_export_cell_lines.txt")
    assert rows(d) == [
        (D(2025, 5, 21), ["Budgetseminar – forberedelse", "Status på HOI", "Opfølgning på MED"], [], []),
        (D(2025, 5, 28), ["Regnskab 2024"], [], []),
        (D(2025, 6, 4), [], [], []),
        (D(2025, 6, 11), ["Rekrutteringsstrategi"], [], ["Kim Bruun Nielsen"]),
        (D(2025, 6, 18), ["Sommerplanlægning"], [], []),
    ]
    assert [p.text for p in d.awaiting_date] == ["Kloge Kvadratmeter"]


def test_an_e_mail_body_with_the_forward_plan_as_lines():
    d = doc("email_2025_01_15_dagsorden.txt")
    # "Sendt: 10. januar 2025 14:32" is when the mail went out (the issue), never the meeting's date; the
    # subject "Dagsorden til direktionsmødet onsdag d. 15. januar" names the meeting and the kind.
    assert (d.kind, d.meeting.date) == ("dagsorden", D(2025, 1, 15))
    assert d.issue is not None and d.issue.issued == D(2025, 1, 10)
    assert rows(d) == [
        (D(2025, 1, 22), ["Evaluering af råderumsprocessen"], [], []),
        (D(2025, 1, 29), ["Budgetseminar – program"], [], []),
        (D(2025, 2, 5), ["Status på HOI"], [], []),
        (D(2025, 2, 12), [], ["Vinterferie – intet møde"], []),
    ]
    assert {e.start for e in d.events} == {D(2025, 1, 23)}  # "Husk Chefforum d. 23. jan. kl. 13-16."
    # sender and recipients are not the document's text: no line of the mail's head is "not understood"
    assert not [line for line, _ in messages(d) if line <= 4]


def test_text_copied_from_a_pdf_viewer_wrapped_rows_and_glued_members():
    # Copy and paste from a PDF viewer: no tabs, a table row wrapped onto the next line, the member list's
    # lines joined, a running head with the page number inside the table.
    d = doc("norddjurs_2025_02_05_pdf_viewer_copy.txt")
    assert [(m.role, m.name) for m in d.meeting.members] == [
        ("Kommunaldirektør", "Jonas Kroustrup"),
        ("Velfærdsdirektør", "Lene Mehlsen Thomsen"),
        ("Fællesforvaltningsdirektør", "Kim Bruun Nielsen"),
    ]
    assert rows(d) == [
        (D(2025, 2, 12), [], ["Vinterferie"], []),
        (D(2025, 2, 19), ["Opfølgning på budgetseminar"], [], []),
        (D(2025, 2, 26), ["Status på implementering af ny styringsmodel for socialområdet"], [], []),
        (D(2025, 3, 5), ["Regnskab 2024 – første overblik"], [], []),
        (D(2025, 3, 12), ["Borgermøde om skolestruktur forberedes"], [], []),
        (D(2025, 3, 19), [], [], []),
    ]
    assert [p.text for p in d.awaiting_date] == ["Regeringens lovprogram"]


def test_markdown_header_table_and_a_closed_row_written_lukket_colon():
    d = doc("direktion_2025_02_19_header_table_closed_row.md")
    assert (d.meeting.date, d.meeting.location, d.meeting.absent) == (
        D(2025, 2, 19),
        "Rådhuset",
        ["Lene Mehlsen Thomsen"],
    )
    assert rows(d)[0] == (D(2025, 2, 26), ["Regnskab 2024", "Status på HOI"], [], [])
    # "*Lukket:* Personalesag" is a closed case: flagged, so no feed shows it
    closed = [(r.date, p.text) for r in d.forward_plan for p in r.points if p.closed]
    assert closed == [(D(2025, 3, 26), "Lukket: Personalesag")]


def test_week_and_numeric_date_columns_across_new_year_and_a_row_with_weeks_only():
    # Word's text export of "Uge | Dato | Punkter"; the last row names weeks 7-8 and no date.
    d = doc("norddjurs_2024_12_11_week_and_date_columns.txt")
    assert rows(d) == [
        (D(2024, 12, 18), ["Julefrokost"], [], []),
        (D(2024, 12, 25), [], ["Juledag"], []),
        (D(2025, 1, 1), [], ["Nytårsdag"], []),
        (D(2025, 1, 8), ["Budget 2026 – proces"], [], []),
        (D(2025, 1, 15), ["Status på HOI"], [], []),
        (D(2025, 1, 30), ["Temamøde med KB (torsdag)"], [], []),  # the holiday is not this row's
        (D(2025, 2, 12), [], ["Vinterferie"], []),
        (D(2025, 2, 19), [], ["Vinterferie"], []),
    ]


def test_markdown_items_with_bold_dates_and_abbreviated_weekdays():
    d = doc("direktion_2025_01_15_bold_dated_items.md")
    assert (d.meeting.date, d.meeting.start.isoformat(), d.meeting.end.isoformat()) == (
        D(2025, 1, 15),
        "09:00:00",
        "12:00:00",
    )
    assert [(r.date, r.label) for r in d.forward_plan] == [
        (D(2025, 1, 22), "22. jan."),
        (D(2025, 1, 29), "29. jan."),
        (D(2025, 2, 5), "5. feb."),
        (D(2025, 2, 12), "ons. 12/2"),  # were dropped without a word
        (D(2025, 2, 20), "tors. 20/2"),
    ]
    assert rows(d)[3][2] == ["Vinterferie"]
    assert [(c.label, c.oekonomiudvalg, c.kommunalbestyrelse) for c in d.political_cycles] == [
        ("februar", D(2025, 2, 4), D(2025, 2, 11)),
        ("marts", D(2025, 3, 4), D(2025, 3, 11)),
    ]


def test_a_year_row_inside_the_forward_table():
    # Word tables often carry a row with only the new year ("2025") between December and January.
    d = doc("norddjurs_2024_12_11_year_row.txt")
    assert rows(d) == [
        (D(2024, 12, 18), ["Julefrokost"], [], []),
        (D(2025, 1, 8), ["Nytårsplan for direktionen"], [], []),
        (D(2025, 1, 15), ["Status på HOI"], [], []),
        (D(2025, 1, 22), [], [], []),
    ]
    assert messages(d) == []  # the year row is understood, not "dato … ikke forstået"


def test_absent_members_as_a_list_and_a_short_backlog_heading():
    d = doc("norddjurs_2025_01_08_lists_in_header_and_backlog.txt")
    # "Fraværende:" with the names as list items below it (was "overskriftslinje ikke forstået" and no absence)
    assert d.meeting.absent == ["Kim Bruun Nielsen"]
    # "Afventer dato:" opens the backlog as "Punkter som afventer dato:" does (its items were lost)
    assert [p.text for p in d.awaiting_date] == ["Boligsocial strategi", "Kloge Kvadratmeter"]
    assert [(r.date, [p.text for p in r.points]) for r in d.forward_plan] == [
        (D(2025, 1, 15), ["Budgetopfølgning"]),
        (D(2025, 1, 22), ["Evaluering af råderum"]),
        (D(2025, 1, 29), ["KB-seminar 29.-30. januar – forberedelse"]),
    ]
    assert messages(d) == []


def test_forward_section_named_punkter_til_de_kommende_moeder_with_space_aligned_rows():
    # Rows laid out with spaces (a copy of a table without its tabs) under "Punkter til de kommende møder":
    # the section was not known as the forward plan, and every row was dropped without a word.
    d = doc("direktion_2025_01_08_spaced_columns.md")
    assert d.meeting.date == D(2025, 1, 8)
    assert rows(d) == [
        (D(2025, 1, 15), ["Budgetopfølgning pr. 30. november"], [], []),
        (D(2025, 1, 22), ["Evaluering af råderumsprocessen"], [], []),
        (D(2025, 1, 29), [], [], []),
        (D(2025, 2, 5), ["Status på HOI"], [], []),
        (D(2025, 2, 12), [], ["Vinterferie"], []),
    ]


def test_forward_lines_in_every_date_form():
    d = doc("norddjurs_2025_01_08_date_forms_in_lines.txt")
    assert [(r.date, r.label, [p.text for p in r.points], list(r.closures)) for r in d.forward_plan] == [
        (D(2025, 1, 15), "15.01.", ["Budgetopfølgning A"], []),
        (D(2025, 1, 22), "22.1", ["Evaluering B"], []),
        (D(2025, 1, 29), "d. 29/1", ["Status C"], []),  # a row of its own, not the line above wrapped
        (D(2025, 2, 5), "5. februar", ["Regnskab D"], []),
        (D(2025, 2, 12), "12 feb", [], ["Vinterferie"]),
        (D(2025, 2, 19), "19.02.2025", ["Strategi E"], []),
        (D(2025, 2, 26), "Onsdag 26. februar", ["Temadrøftelse F"], []),
        (D(2025, 3, 5), "5/3-25", ["Økonomi G"], []),  # the year is the label's, not the point's "25:"
        (D(2025, 3, 12), "Den 12. marts", ["Borgermøde H"], []),
    ]


def test_a_forwarded_mail_whose_head_calls_the_sending_date_dato():
    # "Dato: 10. januar 2025 kl. 14.32" in a mail head is when it was sent: the meeting's date is not said
    # anywhere, so it stays unknown (never the sending date); the rows still get their year from it.
    d = doc("email_forwarded_dato_head.txt")
    assert d.meeting.date is None
    assert d.issue is not None and d.issue.issued == D(2025, 1, 10)
    assert rows(d) == [(D(2025, 1, 22), ["Evaluering"], [], [])]
    assert (2, "mødedato ikke fundet; årstal er udledt af dokumentets øvrige datoer") in messages(d)


# --- published holiday plans (planner holidays import) ---------------------------------------------------

H = "school_holiday"


def ferieplan(name: str):
    path = UNSEEN / name
    return parse_ferieplan_document(read_document(path.read_bytes(), name))


def periods(result) -> list[tuple]:
    return [(p.label, p.start, p.end) for p in result.periods]


def notes(result) -> list[tuple[int, str]]:
    return [(n.pos.line, n.text) for n in result.warnings + result.unparsed]


def test_ferieplan_table_with_a_month_column():
    # Word's text export of "Måned | Dato | Ferie/fridag"; a row with the month cell empty keeps the month.
    result = ferieplan("ferieplan_month_column_2025-26.txt")
    assert periods(result) == [
        ("Efterårsferie", D(2025, 10, 13), D(2025, 10, 17)),
        ("Juleferie", D(2025, 12, 22), D(2025, 12, 31)),
        ("Juleferie", D(2026, 1, 1), D(2026, 1, 2)),
        ("Vinterferie", D(2026, 2, 9), D(2026, 2, 13)),
        ("Påskeferie", D(2026, 3, 30), D(2026, 3, 31)),
        ("Påskeferie", D(2026, 4, 1), D(2026, 4, 6)),
        ("Kr. Himmelfart", D(2026, 5, 14), D(2026, 5, 15)),
        ("2. pinsedag", D(2026, 5, 25), D(2026, 5, 25)),  # under Maj, never February
        ("Grundlovsdag", D(2026, 6, 5), D(2026, 6, 5)),
    ]
    # "Juni | 29. | Sommerferie begynder" gives the first day only: said, never a one-day summer holiday
    assert notes(result) == [
        (
            13,
            "'Sommerferie': kun første fridag (29.06.2026) er angivet; perioden er ikke læst"
            " – skriv også sidste fridag",
        )
    ]


def test_ferieplan_in_a_letter_to_parents():
    result = ferieplan("ferieplan_mail_from_2025-26.txt")
    assert periods(result) == [
        ("Efterårsferie", D(2025, 10, 11), D(2025, 10, 19)),
        ("Juleferie", D(2025, 12, 20), D(2026, 1, 4)),
        ("Vinterferie", D(2026, 2, 9), D(2026, 2, 15)),
        ("Påskeferie", D(2026, 3, 28), D(2026, 4, 6)),
    ]
    assert (
        11,
        "'Sommerferie': kun første fridag (27.06.2026) er angivet; perioden er ikke læst"
        " – skriv også sidste fridag",
    ) in notes(result)


def test_ferieplan_of_dated_lines_under_a_days_off_heading():
    # "Fridage i skoleåret 2025-26" names the school year and what the lines below it are: only dates
    # with their weekdays, no label on any line.
    result = ferieplan("ferieplan_days_off_heading_2025-26.txt")
    assert periods(result) == [
        ("Fridage", D(2025, 10, 3), D(2025, 10, 3)),
        ("Fridage", D(2025, 10, 13), D(2025, 10, 17)),
        ("Fridage", D(2025, 12, 22), D(2026, 1, 2)),
        ("Fridage", D(2026, 2, 9), D(2026, 2, 13)),
        ("Fridage", D(2026, 3, 30), D(2026, 4, 6)),
        ("Fridage", D(2026, 5, 14), D(2026, 5, 15)),
        ("Fridage", D(2026, 5, 25), D(2026, 5, 25)),
        ("Fridage", D(2026, 6, 5), D(2026, 6, 5)),
    ]
    assert notes(result) == []
