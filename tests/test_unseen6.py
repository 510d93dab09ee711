"""Agendas, minutes and holiday plans of other publishing systems and layouts, none in the corpus before.

Each fixture in tests/fixtures/unseen6/ once lost a meeting, a point, an absence or a decision, or read a
wrong one, without a word: forward plans as bullets under week headings ("Uge 7 – onsdag 12. februar"),
"Punkt 3: …" cases with "Sag nr." and an inline "Beslutning: …", ISO dates ("2025-02-19"), "5. og 12.
marts", a letterhead table with its keys across ("Dato | Tid | Sted" over the values), an "Afbud" column
of initials, a "Måned | Dato | Punkter" table with the month merged down, the political meetings as an
"Udvalg | Dato" table per month, a text export with page footers after form feeds, a table right after
the header fields of a document without sections, and a PDF of one page with "Side 1 af 1" in its margin.
The Word fixtures are made by make_unseen6.py, the PDFs printed by chromium from the HTML beside them.
"""

from __future__ import annotations

import pytest
from helpers_parsed import FIXTURES, JONAS, KIM, LENE, D, fixture_reader, rows, said

from planner.calendar.ferieplan import parse_document
from planner.documents import read_document

UNSEEN = FIXTURES / "unseen6"
doc = fixture_reader(UNSEEN)


def test_punkt_colon_cases_with_inline_decision_and_week_headings_with_bullets():
    d = doc("direktion_2025_02_05_punkt_colon_week_headings.txt")
    assert d.meeting.date == D(2025, 2, 5)
    assert rows(d) == [
        (D(2025, 2, 12), [], ["Vinterferie – intet møde"], []),
        (D(2025, 2, 19), ["Budgetopfølgning pr. 31. december 2024", "Sygefravær 4. kvartal"], [], []),
        (D(2025, 2, 26), [], ["Aflyst pga. KB-seminar"], []),
        # "Deltagere: Jonas Kroustrup, Lene Mehlsen Thomsen, …" (names without titles): the initials are theirs
        (D(2025, 3, 5), ["Strategi for digitalisering"], [], [JONAS, LENE]),
    ]
    # "Beslutning: Punktet blev udskudt til direktionsmødet den 19. februar 2025." under "Punkt 2: Budgetopfølgning …"
    assert [(p.text, p.date) for p in d.scheduled_by_decision] == [
        ("Budgetopfølgning pr. 31. december 2024", D(2025, 2, 19))
    ]
    assert not any("overskriftslinje" in m for m in said(d))


def test_week_headings_in_markdown_take_the_bullets_below():
    d = doc("direktion_2024_12_11_week_heading_bullets.md")
    assert rows(d) == [
        (D(2024, 12, 18), ["Budgetopfølgning 3", "Julehilsen"], [], []),
        (D(2024, 12, 25), [], ["Juledag – intet møde"], []),
        (D(2025, 1, 1), [], ["Nytårsdag – intet møde"], []),
        (D(2025, 1, 8), ["Strategi 2030"], [], ["LMT"]),
        (D(2025, 1, 15), ["Rekruttering"], [], []),
    ]
    assert not any("uden dato" in m for m in said(d))


@pytest.mark.parametrize(
    "name", ["syddjurs_2024_12_11_week_headings.html", "syddjurs_2024_12_11_week_headings.pdf"]
)
def test_week_headings_as_html_headings_and_their_pdf(name):
    d = doc(name)
    assert d.meeting.date == D(2024, 12, 11)
    assert rows(d) == [
        (D(2024, 12, 18), ["Budgetopfølgning 3", "Julehilsen til medarbejderne"], [], []),
        (D(2024, 12, 25), [], ["Juleferie – intet møde"], []),
        (D(2025, 1, 1), [], ["Nytårsdag – intet møde"], []),
        (D(2025, 1, 8), ["Strategi 2030"], [], ["LMT"]),
        (D(2025, 1, 15), ["Rekruttering af chefer"], [], []),  # "Side 1 af 1" in the margin is no point
    ]


def test_edoc_word_agenda_iso_meeting_date_and_bold_week_lines():
    d = doc("direktion_2025_02_26_edoc_iso_week_headings.docx")
    assert d.meeting.date == D(2025, 2, 26)
    assert rows(d) == [
        (D(2025, 3, 5), ["Budgetseminar"], [], []),
        (D(2025, 3, 12), ["Regnskab 2024"], [], ["LMT"]),
        (D(2025, 3, 19), [], ["Aflyst pga. KB-seminar"], []),
    ]
    assert [(p.text, p.date) for p in d.scheduled_by_decision] == [("Regnskab 2024", D(2025, 3, 12))]


def test_iso_rows_and_two_days_in_one_label():
    d = doc("direktion_2025_01_29_iso_and_two_days.md")
    assert [r.date for r in d.forward_plan] == [
        D(2025, 2, 5),
        D(2025, 2, 12),
        D(2025, 2, 19),  # "2025-02-19: Regnskab 2024"
        D(2025, 2, 26),
        D(2025, 3, 5),  # "5. og 12. marts: Budgetseminar (to halve dage)"
        D(2025, 3, 12),
        D(2025, 3, 19),
    ]
    # Two meetings in one label: the points go to the first, the second is a meeting without points, and that is
    # said (the same point on both days would be two points to prepare; see tests/test_grammar5.py).
    assert [p.text for p in d.forward_plan[4].points] == ["Budgetseminar (to halve dage)"]
    assert d.forward_plan[5].points == ()
    assert any("'5. og 12. marts' nævner flere møder" in m for m in said(d))


def test_email_with_an_agenda_list_of_punkt_lines_keeps_its_plan():
    d = doc("randers_2025_02_05_email_punkt_list.txt")
    assert d.meeting.date == D(2025, 2, 5)
    assert rows(d) == [
        (D(2025, 2, 5), ["Budget 2026 – proces"], [], []),
        (D(2025, 2, 12), [], ["Vinterferie – intet møde"], []),
        (D(2025, 2, 19), ["Regnskab 2024 + Sygefravær"], [], []),
        (D(2025, 2, 26), [], ["Aflyst pga. KB-seminar"], []),
        (D(2025, 3, 5), ["Budgetseminar"], [], []),
        (D(2025, 3, 12), [], [], []),  # "5. og 12. marts – Budgetseminar": the points on the first day, said
    ]
    assert any("nævner flere møder" in m for m in said(d))


def test_letterhead_keys_across_and_an_afbud_column():
    d = doc("direktion_2025_01_08_letterhead_afbud_column.docx")
    assert d.meeting.date == D(2025, 1, 8)
    assert (d.meeting.start.isoformat(), d.meeting.end.isoformat()) == ("09:00:00", "11:30:00")
    assert d.meeting.location == "Rådhuset, lokale 3"
    assert rows(d) == [
        (D(2025, 1, 15), ["Budgetproces 2026"], [], [JONAS, LENE]),
        (D(2025, 1, 22), ["Rekruttering"], [], []),
        (D(2025, 1, 29), [], ["Ferie – intet møde"], []),
        (D(2025, 2, 5), ["Sundhedsaftale"], [], [KIM]),
    ]


@pytest.mark.parametrize(
    "name", ["referat_2025_02_19_keys_across.html", "referat_2025_02_19_keys_across.pdf"]
)
def test_firstagenda_keys_across_repeated_header_and_page_numbers(name):
    d = doc(name)
    assert d.meeting.date == D(2025, 2, 19)
    assert d.meeting.location == "Rådhuset"
    assert len(d.forward_plan) == 25
    assert d.forward_plan[0].date == D(2025, 2, 26) and d.forward_plan[-1].date == D(2025, 8, 13)
    assert [(p.text, p.date) for p in d.scheduled_by_decision] == [("Budget 2026", D(2025, 3, 5))]
    assert not any("mødedato ikke fundet" in m for m in said(d))


def test_month_column_merged_down():
    d = doc("referat_2025_03_05_month_column_vmerge.docx")
    assert [r.date for r in d.forward_plan] == [
        D(2025, 3, 12),
        D(2025, 3, 19),
        D(2025, 3, 26),
        D(2025, 4, 2),
        D(2025, 4, 9),
        D(2025, 4, 16),
    ]
    assert not any("'Dato'" in m for m in said(d))  # the header row is no row


def test_udvalg_tables_per_month_are_political_meetings_not_the_boards():
    d = doc("direktion_2024_12_04_udvalg_table_per_month.html")
    assert [r.date for r in d.forward_plan] == [
        D(2024, 12, 11),
        D(2024, 12, 18),
        D(2025, 1, 1),
        D(2025, 1, 8),
    ]
    assert [(e.title, e.start, e.category) for e in d.events] == [
        ("Økonomiudvalget", D(2024, 12, 10), "political"),
        ("Kommunalbestyrelsen", D(2024, 12, 17), "political"),
        ("Økonomiudvalget", D(2025, 1, 14), "political"),
        ("Kommunalbestyrelsen", D(2025, 1, 28), "political"),
    ]


def test_text_export_with_page_footers_after_form_feeds():
    d = doc("referat_2025_01_15_crlf_formfeed.txt")
    assert d.kind == "referat"  # "Direktionen – referat"
    assert [r.date for r in d.forward_plan] == [
        D(2025, 1, 22),
        D(2025, 1, 29),
        D(2025, 2, 5),
        D(2025, 2, 12),
        D(2025, 2, 19),
    ]
    assert not any("Norddjurs Kommune" in m for m in said(d))


def test_table_right_after_the_fields_of_a_document_without_sections():
    d = doc("favrskov_2025_03_19_table_after_fields.md")
    assert d.meeting.date == D(2025, 3, 19)
    assert rows(d) == [
        (D(2025, 3, 26), ["Regnskab 2024"], [], ["JK"]),
        (D(2025, 4, 2), [], ["Aflyst pga. KB-seminar"], []),
        (D(2025, 4, 9), ["Strategi 2030"], [], ["KBN", "LMT"]),
        (D(2025, 4, 16), [], ["Påskeferie – intet møde"], []),
    ]


@pytest.mark.parametrize(
    "name",
    ["direktion_2025_12_10_month_heading_tables.html", "direktion_2025_12_10_month_heading_tables.pdf"],
)
def test_a_table_per_month_whose_dates_are_days_only(name):
    d = doc(name)
    assert rows(d) == [
        (D(2025, 12, 17), ["Budgetopfølgning 3"], [], []),
        (D(2025, 12, 24), [], ["Juleaften – intet møde"], []),
        (D(2025, 12, 31), [], ["Nytårsaften – intet møde"], []),
        (D(2026, 1, 7), ["Strategi 2030"], [], ["LMT"]),  # "Afbud: LMT" in the remarks column
        (D(2026, 1, 14), ["Sygefravær"], [], []),
    ]
    assert not any("ikke forstået" in m for m in said(d))


def test_beslutning_alone_on_its_line_above_the_decision():
    d = doc("referat_2026_01_14_beslutning_line_above.txt")
    assert d.kind == "referat"
    assert [(p.text, p.date) for p in d.scheduled_by_decision] == [
        ("Budgetproces 2027", D(2026, 1, 28)),
        ("Sygefravær", D(2026, 2, 11)),
    ]
    assert all(p.note.startswith("Beslutning i Direktionen, linje") for p in d.scheduled_by_decision)


def test_numbered_plan_line_week_labels_with_comma_or_slash_and_a_bracketed_remark():
    d = doc("direktion_2025_12_17_week_comma_slash_remark.txt")
    assert d.meeting.absent == []  # "- Afbud: LMT" in the plan is no absence from this meeting
    assert rows(d) == [
        (D(2025, 12, 24), [], ["Juleaften – intet møde"], []),
        (D(2025, 12, 31), [], ["Nytårsaften – intet møde"], []),
        (D(2026, 1, 7), ["Strategi 2030"], [], []),
        (D(2026, 1, 14), ["Sygefravær"], [], ["LMT"]),
        (D(2026, 1, 20), ["Budget 2027"], [], []),  # "Uge 4 – tirsdag 20. januar (flyttet pga. KB)"
    ]
    assert "bemærkning ikke læst: 'flyttet pga. KB'" in said(d)  # not a point, and not lost without a word


def test_bracketed_remarks_after_a_rows_date():
    d = doc("direktion_2026_03_04_bracket_remarks.txt")
    assert rows(d) == [
        (D(2026, 3, 11), [], ["aflyst"], []),
        (D(2026, 3, 18), ["Regnskab"], [], ["LMT"]),
        (D(2026, 3, 25), ["Budget"], [], []),
    ]
    assert "bemærkning om mødet er ikke læst: 'mødet holdes i Grenaa'" in said(d)


@pytest.mark.parametrize(
    "name",
    ["direktion_2026_01_07_long_plan_merged_points.docx", "direktion_2026_01_07_long_plan_merged_points.pdf"],
)
def test_points_merged_down_over_weeks_in_a_long_table_word_and_its_pdf(name):
    d = doc(name)
    plan = {r.date: [p.text for p in r.points] for r in d.forward_plan}
    assert len(d.forward_plan) == 40  # the repeated header row on page 2 is no row
    seminar = ["Budgetseminar (to dage)"]
    assert (
        plan[D(2026, 2, 11)] == plan[D(2026, 2, 18)] == seminar
    )  # the PDF wraps "(to dage)" into the 2nd row
    plan_text = ["Kommuneplan 2026 – høringssvar, temadrøftelse og endelig godkendelse"]
    assert plan[D(2026, 3, 18)] == plan[D(2026, 3, 25)] == plan[D(2026, 4, 1)] == plan_text
    assert plan[D(2026, 4, 8)] == ["Emne nr. 13"]
    assert not any("Norddjurs Kommune" in m for m in said(d))


@pytest.mark.parametrize(
    "name", ["ferieplan_2025-26_short_and_iso_dates.txt", "ferieplan_2025-26_iso_table.md"]
)
def test_holiday_plans_with_iso_dates(name):
    result = parse_document(read_document((UNSEEN / name).read_bytes(), name))
    periods = {p.label: (p.start, p.end) for p in result.periods}
    assert periods["Efterårsferie"] == (D(2025, 10, 11), D(2025, 10, 19))
    assert periods["Juleferie"] == (D(2025, 12, 20), D(2026, 1, 4))  # "d. 20/12-25 – d. 4/1-26" in the text
    assert periods["Vinterferie"] == (D(2026, 2, 14), D(2026, 2, 22))  # "2026-02-14 – 2026-02-22"
    assert not result.warnings


def test_date_headings_of_a_plan_without_numbered_sections_are_rows_not_sections():
    d = doc("direktion_2025_03_05_date_headings_no_numbers.md")
    assert rows(d) == [
        (D(2025, 3, 12), ["Budget 2026 – rammer"], [], ["KBN"]),
        (D(2025, 3, 19), ["Regnskab 2024"], [], []),
        # "### 26. marts og 2. april" and its bullet: the point on the first meeting, said, as in a table's cell
        (D(2025, 3, 26), ["Kommuneplan 2025 – høring"], [], []),
        (D(2025, 4, 2), [], [], []),
        (D(2025, 4, 9), [], ["Påskeferie – intet møde"], []),  # "### 9. og 16. april": a closure closes both
        (D(2025, 4, 16), [], ["Påskeferie – intet møde"], []),
    ]
    assert any("'26. marts og 2. april' nævner flere møder" in m for m in said(d))
