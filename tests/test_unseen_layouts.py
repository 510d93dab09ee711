"""Agendas of the Direktion family in Word, HTML and PDF layouts unlike the other fixtures.

The documents are made by tests/fixtures/unseen/make_unseen.py (its README.md says what each one
shows). Every expected value is what the document itself says, read by a person; none was copied
from the parser's output.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

from planner.parse.document import parse_file
from planner.parse.model import ParsedDocument

UNSEEN = Path(__file__).parent / "fixtures" / "unseen"


@cache
def parsed(name: str) -> ParsedDocument:
    return parse_file(UNSEEN / name)


def plan(name: str) -> list[tuple]:
    """(date, points, closures, absent) of every forward-plan row."""
    return [
        (r.date, [p.text for p in r.points], list(r.closures), list(r.absent))
        for r in parsed(name).forward_plan
    ]


def unread(name: str) -> list[str]:
    d = parsed(name)
    return [w.message for w in d.unparsed] + [w.message for w in d.warnings]


def test_weekday_abbreviation_labels_and_a_header_row_repeated_inside_the_table_docx():
    # "ons. 18/12" … "ons. 22/1" across New Year; "Dato | Punkter til næste møde" typed again after row 4;
    # "Juleferie" merged down over two weeks; a cell of List Number paragraphs.
    assert plan("d1_header_repeat_merged.docx") == [
        (date(2024, 12, 18), ["Direktionens årshjul 2025", "Evaluering af julearrangement"], [], []),
        (date(2024, 12, 25), [], ["Juleferie"], []),
        (date(2025, 1, 1), [], ["Juleferie"], []),
        (
            date(2025, 1, 8),
            ["Budgetproces 2026 – tidsplan", "Status på Kloge Kvadratmeter", "Opfølgning på MED-strukturen"],
            [],
            [],
        ),
        (date(2025, 1, 15), ["Årligt dialogmøde med skole- og dagtilbudschef"], [], []),
        (date(2025, 1, 22), ["Plan- og udviklingsstrategien"], [], ["Kim Bruun Nielsen"]),
    ]
    assert unread("d1_header_repeat_merged.docx") == []
    assert [p.text for p in parsed("d1_header_repeat_merged.docx").awaiting_date] == [
        "Regeringens lovprogram",
        "Ny model for ledelsesinformation",
    ]


def test_weekday_abbreviation_labels_in_an_html4_page_in_windows_1252():
    assert plan("h2_cp1252_html4.html") == [
        (date(2024, 12, 18), ["Direktionens årshjul 2025 – “første udkast”"], [], []),
        (date(2024, 12, 25), [], ["Juledag"], []),
        (date(2025, 1, 1), [], ["Nytårsdag"], []),
        (date(2025, 1, 8), ["Budgetproces 2026 – tidsplan", "Status på Kloge Kvadratmeter"], [], []),
        (date(2025, 1, 15), [], [], []),
        (date(2025, 1, 22), ["Årligt dialogmøde med socialchef Marie-Louise Eskerod Ifversen"], [], []),
    ]
    assert [p.text for p in parsed("h2_cp1252_html4.html").awaiting_date] == [
        "Regeringens lovprogram",
        "Ny model for ledelsesinformation",
    ]


def test_tracked_changes_content_controls_and_two_digit_years_docx():
    # The document as it looks with all changes accepted: "Budgetopfølgning oktober" replaced, the
    # row "15. jan. 25 Aflyst punkt om parkering" deleted, "15. jan. 25" changed to "22. jan. 25";
    # "18. dec." picked in a date control; the 29 January cell is an empty control showing its
    # placeholder; the 5 February row sits in a repeating-section control.
    assert plan("d2_tracked_sdt.docx") == [
        (date(2024, 12, 18), ["Direktionens årshjul 2025"], [], []),
        (date(2025, 1, 8), ["Budgetopfølgning november"], [], []),
        (date(2025, 1, 22), ["Strategi for den nære sundhed"], [], []),
        (date(2025, 1, 29), [], [], []),
        (date(2025, 2, 5), ["Årligt dialogmøde med HR-chefen"], [], []),
    ]
    assert unread("d2_tracked_sdt.docx") == []
    assert [p.text for p in parsed("d2_tracked_sdt.docx").awaiting_date] == [
        "Regeringens lovprogram",
        "Kloge Kvadratmeter – opgaven drøftes",
    ]


def test_forward_table_inside_a_one_column_layout_table_docx():
    assert plan("d3_nested_textbox.docx") == [
        (date(2024, 12, 18), ["Direktionens årshjul 2025"], [], []),
        (date(2025, 1, 8), ["Budgetproces 2026 – tidsplan"], [], []),
        (date(2025, 1, 15), ["Plan- og udviklingsstrategien"], [], []),
        (date(2025, 1, 22), ["Årligt dialogmøde med socialchefen"], [], []),
    ]
    assert [p.text for p in parsed("d3_nested_textbox.docx").awaiting_date] == ["Regeringens lovprogram"]


def test_whole_page_inside_a_one_column_layout_table_html():
    d = parsed("h5_layout_frame.html")
    assert d.kind == "dagsorden"
    assert [(m.role, m.name) for m in d.meeting.members] == [
        ("Kommunaldirektør", "Jonas Kroustrup"),
        ("Velfærdsdirektør", "Lene Mehlsen Thomsen"),
        ("Fællesforvaltningsdirektør", "Kim Bruun Nielsen"),
    ]
    assert plan("h5_layout_frame.html") == [
        (date(2024, 12, 18), ["Direktionens årshjul 2025"], [], []),
        (date(2025, 1, 8), ["Budgetproces 2026 – tidsplan", "Status på Kloge Kvadratmeter"], [], []),
        (date(2025, 1, 15), ["Plan- og udviklingsstrategien"], [], []),
    ]
    assert [p.text for p in d.awaiting_date] == ["Regeringens lovprogram"]
    assert unread("h5_layout_frame.html") == []


def test_forward_plan_as_divs_with_aria_table_roles_html():
    assert plan("h4_div_grid.html") == [
        (date(2024, 12, 18), ["Direktionens årshjul 2025"], [], []),
        (date(2025, 1, 8), ["Budgetproces 2026 – tidsplan", "Status på Kloge Kvadratmeter"], [], []),
        (date(2025, 1, 15), [], [], []),
        (date(2025, 1, 22), ["Plan- og udviklingsstrategien"], [], []),
    ]
    assert [p.text for p in parsed("h4_div_grid.html").awaiting_date] == ["Regeringens lovprogram"]


def test_word_save_as_web_page_list_symbols_are_bullets_not_text():
    # Word writes its Symbol/Wingdings bullets "·", "o" and "§" as text inside <![if !supportLists]>.
    assert plan("h3_word_saved.html") == [
        (date(2024, 12, 18), ["Direktionens årshjul 2025", "Evaluering af julearrangement"], [], []),
        (date(2024, 12, 25), [], ["Juleferie"], []),
        (date(2025, 1, 1), [], ["Juleferie"], []),
        (date(2025, 1, 8), ["Budgetproces 2026 – tidsplan", "Status på Kloge Kvadratmeter"], [], []),
        (date(2025, 1, 15), [], [], []),
    ]
    assert [p.text for p in parsed("h3_word_saved.html").awaiting_date] == ["Regeringens lovprogram"]
    assert unread("h3_word_saved.html") == []


def test_tab_aligned_forward_plan_printed_landscape_by_libreoffice_pdf():
    # "5. feb.<tab>Vinterferie": the tab is printed as a gap narrower than a space.
    d = parsed("p2_word_landscape.pdf")
    assert [(r.date, list(r.closures)) for r in d.forward_plan] == [
        (date(2025, 1, 15), []),
        (date(2025, 1, 22), []),
        (date(2025, 1, 29), []),
        (date(2025, 2, 5), ["Vinterferie"]),
        (date(2025, 2, 12), []),
    ]
    points = [[p.text for p in r.points] for r in d.forward_plan]
    assert points[0] == ["Plan- og udviklingsstrategien"]
    assert points[4] == ["Evaluering af Helhedsorienteret Indsats (HOI)"]
    assert d.meeting.date == date(2025, 1, 8)
    assert unread("p2_word_landscape.pdf") == []


def test_word_table_printed_by_libreoffice_merged_cell_and_a_row_broken_by_the_page_pdf():
    # d1 printed by LibreOffice: "Juleferie" merged down over 25/12 and 1/1 (no rule between them);
    # the 15/1 row breaks at the page end, under a repeated header row, and is one point again.
    rows = plan("p1_word_merged.pdf")
    assert [r[0] for r in rows] == [
        date(2024, 12, 18),
        date(2024, 12, 25),
        date(2025, 1, 1),
        date(2025, 1, 8),
        date(2025, 1, 15),
        date(2025, 1, 22),
    ]
    assert rows[1][2] == rows[2][2] == ["Juleferie"]
    # a cell of numbered list paragraphs, printed as "1. …", "2. …", "3. …": three points
    assert rows[3][1] == [
        "Budgetproces 2026 – tidsplan",
        "Status på Kloge Kvadratmeter",
        "Opfølgning på MED-strukturen",
    ]
    assert rows[4][1] == ["Årligt dialogmøde med skole- og dagtilbudschef"]
    assert rows[5][1:] == (["Plan- og udviklingsstrategien"], [], ["Kim Bruun Nielsen"])
    assert unread("p1_word_merged.pdf") == []


def test_long_word_table_over_two_pages_printed_by_libreoffice_pdf():
    rows = plan("p3_word_longtable.pdf")
    labels = ["15. jan.", "22. jan.", "29. jan.", "5. feb.", "12. feb.", "19. feb.", "26. feb."]
    labels += ["5. mar.", "12. mar.", "19. mar.", "26. mar.", "2. apr.", "9. apr."]
    assert [r.label for r in parsed("p3_word_longtable.pdf").forward_plan] == labels
    for k, (day, points, closures, _absent) in enumerate(rows, 1):
        if day == date(2025, 2, 12):
            assert (points, closures) == ([], ["Vinterferie"])
            continue
        assert points == [
            f"Opfølgning på indsatsområde {k} med en lidt længere beskrivelse der fylder to linjer i cellen",
            f"Status på projekt nr. {k}",
        ]
    assert unread("p3_word_longtable.pdf") == []


def test_unruled_table_whose_narrow_first_column_wraps_the_dates_chromium_pdf():
    # chromium squeezes the unstyled date column: "15." on the row's first line, "jan." under it.
    d = parsed("p4_unruled.pdf")
    assert [r.label for r in d.forward_plan] == [
        "15. jan.",
        "22. jan.",
        "29. jan.",
        "5. feb.",
        "12. feb.",
        "19. feb.",
        "26. feb.",
        "5. mar.",
        "12. mar.",
        "19. mar.",
        "26. mar.",
        "2. apr.",
        "9. apr.",
        "16. apr.",
        "23. apr.",
    ]
    rows = plan("p4_unruled.pdf")
    assert rows[0] == (date(2025, 1, 15), ["Plan- og udviklingsstrategien"], [], ["Lene Mehlsen Thomsen"])
    assert rows[1][1] == [
        "Årligt dialogmøde med socialchef Marie-Louise Eskerod Ifversen om udviklingen på socialområdet "
        "og de kommende års prioriteringer"
    ]
    assert rows[3] == (date(2025, 2, 5), [], [], [])
    assert rows[4] == (date(2025, 2, 12), [], ["Vinterferie"], [])
    assert rows[13] == (date(2025, 4, 16), [], ["Påskeferie"], [])
    assert rows[14][1] == ["Rammeaftale for det specialiserede socialområde"]
    assert [p.text for p in d.awaiting_date] == ["Regeringens lovprogram"]
    assert unread("p4_unruled.pdf") == []


def test_ruled_table_with_a_repeated_thead_and_page_margin_boxes_landscape_chromium_pdf():
    # "Norddjurs Kommune – Direktionen" and "Side N af 3" on every page are page furniture; the
    # thead printed again at the top of page 3 is not a row.
    d = parsed("p5_thead_landscape.pdf")
    assert len(d.forward_plan) == 15
    assert [(r.date, r.page) for r in d.forward_plan][7:9] == [(date(2025, 3, 5), 2), (date(2025, 3, 12), 3)]
    assert plan("p5_thead_landscape.pdf") == plan("p4_unruled.pdf")
    assert unread("p5_thead_landscape.pdf") == []
    assert d.meeting.date == date(2025, 1, 8)


def test_a_page_that_declares_windows_1252_is_read_without_a_doubt():
    from planner.documents import read_document

    data = (UNSEEN / "h2_cp1252_html4.html").read_bytes()
    said = read_document(data, "h2.html")
    assert (said.encoding, said.warnings) == ("cp1252", [])
    assert unread("h2_cp1252_html4.html") == []
    # A page that claims UTF-8 but is not still says so, with the line of the first bad byte.
    wrong = read_document(data.replace(b"charset=windows-1252", b"charset=utf-8"), "h2.html")
    assert wrong.encoding == "cp1252"
    assert [w.message for w in wrong.warnings] == [
        "ikke gyldig UTF-8 (første fejl i linje 6); læst som cp1252"
    ]


def test_a_text_box_is_read_once_after_the_paragraph_that_anchors_it_docx():
    import sys

    from planner.documents import read_document

    sys.path.insert(0, str(UNSEEN.parent / "layouts"))
    from make_docx import numbered_paragraphs

    path = UNSEEN / "d3_nested_textbox.docx"
    note = "Bemærk: Mødet d. 15. januar 2025 flyttes til torsdag d. 16. januar 2025."
    said = read_document(path.read_bytes(), path.name)
    found = [p for p in said.paragraphs() if p.text == note]
    assert len(found) == 1  # Word keeps a second copy for older readers (mc:Fallback)
    # its line is its paragraph number in document order, as `make_docx.py --lines` counts
    assert found[0].pos.line == next(no for no, text in numbered_paragraphs(path) if text == note)


def test_dates_on_lines_of_their_own_with_their_points_below_them_html():
    # No table at all: "18. dec." and then its points as the next lines, until the next date or the
    # lead-in "Punkter som afventer dato". Before, the points were lost and the meetings said free.
    assert plan("h7_div_grid_no_roles.html") == [
        (date(2024, 12, 18), ["Direktionens årshjul 2025"], [], []),
        (date(2025, 1, 8), ["Budgetproces 2026 – tidsplan", "Status på Kloge Kvadratmeter"], [], []),
        (date(2025, 1, 15), [], [], []),
        (date(2025, 1, 22), ["Plan- og udviklingsstrategien"], [], []),
    ]
    assert [p.text for p in parsed("h7_div_grid_no_roles.html").awaiting_date] == ["Regeringens lovprogram"]
    assert unread("h7_div_grid_no_roles.html") == []


def test_points_below_a_date_stop_at_a_case_part_and_a_lead_in():
    from planner.parse.document import parse_bytes

    text = (
        "Direktionen\n\nDAGSORDEN\n\nDato: Onsdag den 8. januar 2025\n\n"
        "1. Eventuelt, herunder punkter til næste møde\n\nÅben sag\n\n"
        "15. jan.\n\n- Plan- og udviklingsstrategien\n- Status på Kloge Kvadratmeter\n\n"
        "Onsdag 22. januar\n\nÅrligt dialogmøde med socialchefen\n\n"
        "Sagsfremstilling\n\nDirektionen drøfter punkterne.\n\n"
        "Punkter som afventer dato:\n\n- Regeringens lovprogram\n"
    ).encode()
    d = parse_bytes(text, "plan.md")
    assert [(r.date, [p.text for p in r.points]) for r in d.forward_plan] == [
        (date(2025, 1, 15), ["Plan- og udviklingsstrategien", "Status på Kloge Kvadratmeter"]),
        (date(2025, 1, 22), ["Årligt dialogmøde med socialchefen"]),
    ]
    assert [p.text for p in d.awaiting_date] == ["Regeringens lovprogram"]


def test_header_as_a_description_list_and_a_table_with_row_headers_html():
    d = parsed("h6_semantic_tbody.html")
    m = d.meeting
    assert (d.kind, m.date, m.location) == ("referat", date(2025, 1, 8), "Mødelokale 250, rådhuset")
    assert (m.start.strftime("%H:%M"), m.end.strftime("%H:%M")) == ("09:00", "12:00")
    assert [x.name for x in m.members] == ["Jonas Kroustrup", "Lene Mehlsen Thomsen", "Kim Bruun Nielsen"]
    assert [(r.date, list(r.closures)) for r in d.forward_plan] == [
        (date(2025, 1, 15), []),
        (date(2025, 1, 22), []),
        (date(2025, 1, 29), []),
        (date(2025, 2, 5), []),
        (date(2025, 2, 12), ["Vinterferie"]),
    ]
    assert [p.text for p in d.forward_plan[3].points] == ["Budgetproces 2026 – tidsplan", "Bilag eftersendes"]
    assert [p.text for p in d.awaiting_date] == ["Regeringens lovprogram", "Ny model for ledelsesinformation"]


def test_header_keys_with_their_values_on_the_next_line_libreoffice_docx_and_chromium_pdf():
    for name in ("d7_libreoffice_from_html.docx", "p6_semantic.pdf"):
        d = parsed(name)
        m = d.meeting
        assert (d.kind, m.date, m.location) == ("referat", date(2025, 1, 8), "Mødelokale 250, rådhuset"), name
        assert (m.start.strftime("%H:%M"), m.end.strftime("%H:%M")) == ("09:00", "12:00"), name
        assert [x.name for x in m.members] == ["Jonas Kroustrup", "Lene Mehlsen Thomsen", "Kim Bruun Nielsen"]
    assert plan("d7_libreoffice_from_html.docx") == plan("h6_semantic_tbody.html")


def test_referat_with_a_forward_table_inside_a_content_control_docx():
    d = parsed("d6_referat_sdt_table.docx")
    m = d.meeting
    assert (d.kind, m.date, m.location) == ("referat", date(2025, 1, 8), "Mødelokale 250, rådhuset")
    assert [(r.date, r.label) for r in d.forward_plan] == [
        (date(2025, 1, 15), "Ons. 15. jan."),
        (date(2025, 1, 22), "Ons. 22. jan."),
        (date(2025, 1, 29), "Ons. 29. jan."),
        (date(2025, 2, 5), "Ons. 5. feb."),
    ]
    # the "Ansvarlig" column is not a point
    assert [p.text for p in d.forward_plan[1].points] == ["Evaluering af Helhedsorienteret Indsats (HOI)"]
    assert [p.text for p in d.forward_plan[3].points] == ["Budgetproces 2026 – tidsplan"]
    assert len(d.forward_plan[0].points) == 3
    assert [p.text for p in d.awaiting_date] == ["Regeringens lovprogram", "Kloge Kvadratmeter"]


def test_pages_turned_a_quarter_read_as_before_and_lose_their_furniture_pdf():
    assert plan("p7_rotated.pdf") == plan("p5_thead_landscape.pdf")
    assert [p.text for p in parsed("p7_rotated.pdf").awaiting_date] == ["Regeringens lovprogram"]
    assert unread("p7_rotated.pdf") == []  # "Norddjurs Kommune – Direktionen" is page furniture here too


def test_an_empty_date_picker_in_the_date_column_is_said_not_joined_to_the_row_above():
    import io

    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    from planner.parse.document import parse_bytes

    document = docx.Document()
    document.add_paragraph("Dato: Onsdag den 11. december 2024")
    document.add_paragraph("1. Eventuelt, herunder punkter til næste møde")
    document.add_paragraph("Åben sag")
    table = document.add_table(rows=3, cols=2)
    for r, (day, point) in enumerate([("Dato", "Punkter"), ("18. dec.", "Årshjul"), (None, "Kantine")]):
        table.cell(r, 1).text = point
        if day is not None:
            table.cell(r, 0).text = day
            continue
        picker = (
            f"<w:sdt {nsdecls('w')}><w:sdtPr><w:showingPlcHdr/><w:date><w:lid w:val='da-DK'/></w:date>"
            "</w:sdtPr><w:sdtContent><w:r><w:t>Klik eller tryk for at angive en dato.</w:t></w:r>"
            "</w:sdtContent></w:sdt>"
        )
        table.cell(r, 0).paragraphs[0]._p.append(parse_xml(picker))
    raw = io.BytesIO()
    document.save(raw)
    d = parse_bytes(raw.getvalue(), "skabelon.docx")
    assert [(r.date, [p.text for p in r.points]) for r in d.forward_plan] == [
        (date(2024, 12, 18), ["Årshjul"])
    ]
    assert [w.message for w in d.unparsed] == [
        "dato i fremadrettet plan ikke forstået: 'Klik eller tryk for at angive en dato.' (punkter: Kantine)"
    ]


def test_rows_as_lines_with_their_second_lines_below_them_chromium_pdf():
    # "15. jan. Plan- og udviklingsstrategien" and below it "Lene Mehlsen Thomsen deltager ikke på
    # mødet" (a <br>); "22. jan. Årligt … om udviklingen på" wrapped, "socialområdet og …" below it.
    assert plan("p9_tight.pdf") == plan("p4_unruled.pdf")
    assert unread("p9_tight.pdf") == []


def test_a_backlog_numbered_1_2_as_typed_or_as_a_printed_ol():
    from planner.parse.document import parse_bytes

    assert [p.text for p in parsed("p6_semantic.pdf").awaiting_date] == [
        "Regeringens lovprogram",
        "Ny model for ledelsesinformation",
    ]
    text = (
        "Dato: Onsdag den 8. januar 2025\n\n1. Eventuelt, herunder punkter til næste møde\n\nÅben sag\n\n"
        "Punkter som afventer dato:\n\n1. Regeringens lovprogram\n2. Kloge Kvadratmeter\n"
        "4. Ikke i tællingen\n"
    ).encode()
    assert [p.text for p in parse_bytes(text, "plan.txt").awaiting_date] == [
        "Regeringens lovprogram",
        "Kloge Kvadratmeter",
    ]
