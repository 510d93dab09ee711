"""Sibling layouts that are not among the examples: the grammar is for the family of documents."""

from datetime import date, time
from pathlib import Path

from planner.parse.document import parse_bytes, parse_file

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"


def test_old_layout_with_keys_on_one_line_and_pipe_table():
    doc = parse_file(LAYOUTS / "old_2007_layout.txt")
    m = doc.meeting
    assert (m.date, m.start, m.end) == (date(2007, 9, 12), time(9), time(12))
    assert [(x.role, x.name) for x in m.members] == [
        ("Kommunaldirektør", "Hans Hansen"),
        ("Teknisk direktør", "Ole Olsen"),
        ("Socialdirektør", None),
    ]
    assert m.absent == ["Ole Olsen"]
    got = [(r.date, [p.text for p in r.points], list(r.closures), list(r.absent)) for r in doc.forward_plan]
    assert got == [
        (date(2007, 9, 19), ["Budgetopfølgning", "Status på skolestrukturen"], [], []),
        (date(2007, 9, 26), [], ["Intet møde"], []),
        (date(2007, 10, 3), [], [], ["Ole Olsen"]),
        (date(2007, 10, 17), [], ["Efterårsferie"], []),
        (date(2007, 12, 19), ["Julefrokost for direktionen"], [], []),
        (date(2008, 1, 2), ["Nytårsplan 2008"], [], []),  # the table runs past December
        (None, ["Fejlpunkt"], [], []),  # 31. feb.: kept, never silently wrong, and warned
    ]


def test_bad_dates_are_warnings_with_line_numbers():
    doc = parse_file(LAYOUTS / "old_2007_layout.txt")
    messages = {w.line: w.message for w in doc.warnings}
    assert "31. februar findes ikke" in messages[22]
    assert "ukendt måned 'agust'" in messages[40]
    assert "hvilket punkt" in messages[26]  # "Punktet blev udskudt" with no point named


def test_old_layout_decisions_cycles_and_events():
    doc = parse_file(LAYOUTS / "old_2007_layout.txt")
    assert [(p.date, p.text) for p in doc.scheduled_by_decision] == [
        (date(2007, 10, 3), "Evaluering af budgetseminar"),
        (date(2007, 10, 3), "Oplæg til ny styringsmodel"),
    ]
    assert [(c.oekonomiudvalg, c.kommunalbestyrelse) for c in doc.political_cycles] == [
        (date(2007, 10, 2), date(2007, 10, 9))
    ]
    assert [(e.title, e.start, e.end, e.status) for e in doc.events] == [
        ("Økonomiudvalgsmøde", date(2007, 10, 2), date(2007, 10, 2), "upcoming"),
        ("Byrådsseminar", date(2007, 10, 26), date(2007, 10, 27), "cancelled"),
    ]


def test_html_list_cells_prefix_distribution_and_year_rollover():
    doc = parse_file(LAYOUTS / "html_list_layout.txt")
    got = [(r.date, [p.text for p in r.points], list(r.closures), list(r.absent)) for r in doc.forward_plan]
    assert got == [
        (
            date(2024, 12, 11),
            [
                "Budget 2026 – proces",
                "Opsamling på møde i KKR d. 6. december",
                "Opsamling på møde i KL d. 9. december",
            ],
            [],
            [],
        ),
        (date(2024, 12, 18), [], [], ["Lene Mehlsen Thomsen"]),
        (date(2024, 12, 25), [], ["Juleferie"], []),
        (date(2025, 1, 1), [], ["Juleferie"], []),
        (date(2025, 1, 8), ["Nytårskur for ledere"], [], []),
        (date(2025, 1, 15), ["Status på Helhedsorienteret Indsats", "Forberedelse af KB-seminar"], [], []),
    ]
    assert [p.text for p in doc.awaiting_date] == [
        "APV for direktionen",
        "Drøftelse af lokal trepart, primo februar",
    ]


def test_cp1252_input_is_read_with_a_warning():
    doc = parse_file(LAYOUTS / "cp1252_layout.txt")
    assert doc.encoding == "cp1252"
    assert doc.warnings[0].line == 1 and "cp1252" in doc.warnings[0].message
    assert [(r.date, [p.text for p in r.points], list(r.closures)) for r in doc.forward_plan] == [
        (date(2024, 3, 13), ["Budgetopfølgning"], []),
        (date(2024, 3, 20), [], ["Påskeferie"]),
    ]


def test_a_document_without_any_date_still_parses_and_says_so():
    doc = parse_bytes(b"Direktionen\n\nNoget tekst uden dato\n", "x.txt")
    assert doc.meeting.date is None and doc.fragment
    assert any("mødedato ikke fundet" in w.message for w in doc.warnings)
