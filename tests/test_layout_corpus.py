"""The layout corpus: documents of the Danish municipal agenda family in every format and layout.

Each fixture was written from the patterns of the real examples (tests/fixtures/layouts/ and
tests/fixtures/second_plan/, the .docx files by tests/fixtures/layouts/make_docx.py). Every
expected value below is what a careful reader finds in the document itself; none was copied
from the parser's output. For a .docx a warning's line is the running paragraph number (every
w:p in document order, table-cell paragraphs included: see `make_docx.py --lines`).
"""

from __future__ import annotations

from datetime import time
from functools import cache
from pathlib import Path

import pytest
from helpers_parsed import D, members, rows

from planner.parse.document import parse_file
from planner.parse.model import ParsedDocument

FIXTURES = Path(__file__).parent / "fixtures"
LAYOUTS = FIXTURES / "layouts"
SECOND = FIXTURES / "second_plan"

NORDDJURS = [
    ("Kommunaldirektør", "Jonas Kroustrup"),
    ("Velfærdsdirektør", "Lene Mehlsen Thomsen"),
    ("Fællesforvaltningsdirektør", "Kim Bruun Nielsen"),
]
MOLSBJERG = [
    ("Kommunaldirektør", "Anders Holm Kjeldsen"),
    ("Velfærdsdirektør", "Birgitte Saxe Lund"),
    ("Teknik- og miljødirektør", "Peter Vestergaard Møller"),
]


@cache
def parsed(path: Path) -> ParsedDocument:
    return parse_file(path)


def doc(name: str) -> ParsedDocument:
    folder = SECOND if name.startswith("molsbjerg_") else LAYOUTS
    return parsed(folder / name)


def header(d: ParsedDocument) -> tuple:
    m = d.meeting
    return (d.kind, m.date, m.start, m.end, m.location)


def cycles(d: ParsedDocument) -> list[tuple]:
    return [(c.label, c.oekonomiudvalg, c.kommunalbestyrelse) for c in d.political_cycles]


def events(d: ParsedDocument) -> dict[tuple, tuple]:
    return {(e.title, e.start, e.end): (e.category, e.status) for e in d.events}


def decided(d: ParsedDocument) -> list[tuple]:
    return [(p.date, p.text) for p in d.scheduled_by_decision]


def backlog(d: ParsedDocument) -> list[str]:
    return [p.text for p in d.awaiting_date]


def times(d: ParsedDocument) -> list[str]:
    return [t.time.strftime("%H:%M") if t.time else None for t in d.timetable]


def warning_at(d: ParsedDocument, line: int, *fragments: str) -> None:
    found = [w.message for w in d.warnings + d.unparsed if w.line == line]
    assert any(all(f in msg for f in fragments) for msg in found), (line, fragments, d.warnings, d.unparsed)


def events_include(d: ParsedDocument, expected: dict[tuple, tuple]) -> None:
    """The named events are there with these values (other dated names in the text may add more)."""
    got = events(d)
    assert {k: got.get(k) for k in expected} == expected


DOCUMENT_SUFFIXES = {".txt", ".md", ".html", ".docx"}


def documents_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.suffix in DOCUMENT_SUFFIXES and p.name != "README.md")


ALL_FIXTURES = documents_in(LAYOUTS) + documents_in(SECOND)
OLDER_FIXTURES = {"old_2007_layout.txt", "html_list_layout.txt", "cp1252_layout.txt"}  # test_parse_layouts.py


def test_the_corpus_is_all_there():
    corpus = [n for n in ALL_FIXTURES if n not in OLDER_FIXTURES]
    assert len(documents_in(LAYOUTS)) - len(OLDER_FIXTURES) >= 18 and len(documents_in(SECOND)) == 6
    assert {Path(n).suffix for n in corpus} == DOCUMENT_SUFFIXES


@pytest.mark.parametrize("name", ALL_FIXTURES)
def test_every_fixture_parses_without_error(name):
    d = doc(name)
    assert d.forward_plan or d.timetable or d.events, name  # each one has a plan to read


# --- Norddjurs 2007: the old one-line header, markdown ---------------------------------------


def test_2007_one_line_header_md():
    d = doc("norddjurs_2007_oneline_header.md")
    assert header(d) == ("referat", D(2007, 9, 12), time(9), time(12), "Rådhuset")
    assert members(d) == [
        ("Kommunaldirektør", "Lars Møller Jensen"),
        ("Økonomidirektør", "Susanne Krogh"),
        ("Teknisk direktør", "Erik Dalsgaard"),
        ("Social- og sundhedsdirektør", "Hanne Vinther Holm"),
    ]
    assert d.meeting.absent == ["Erik Dalsgaard"]
    assert not d.fragment


def test_2007_one_line_header_md_plan():
    d = doc("norddjurs_2007_oneline_header.md")
    assert rows(d) == [
        (D(2007, 9, 19), ["Budgetopfølgning pr. 31. august"], [], []),
        (D(2007, 9, 26), ["Status på vejplanen"], [], ["Erik Dalsgaard"]),
        (D(2007, 10, 3), [], [], []),
        (D(2007, 10, 10), ["Harmonisering af takster på dagtilbudsområdet"], [], []),
        (D(2007, 10, 17), [], ["Efterårsferie"], []),
        (D(2007, 10, 24), ["Sygefraværsstatistik 3. kvartal"], [], []),
    ]
    assert cycles(d) == [("september", D(2007, 9, 4), D(2007, 9, 18))]
    assert events(d) == {
        ("Økonomiudvalgsmøde", D(2007, 9, 4), D(2007, 9, 4)): ("political", "held"),
        ("Teknik- og Miljøudvalgsmøde", D(2007, 9, 10), D(2007, 9, 10)): ("political", "held"),
        ("Kommunalbestyrelsesmøde", D(2007, 9, 18), D(2007, 9, 18)): ("political", "upcoming"),
        ("Temamøde for kommunalbestyrelsen om budget 2008", D(2007, 9, 24), D(2007, 9, 24)): (
            "political",
            "upcoming",
        ),
    }
    assert decided(d) == [] and backlog(d) == []
    assert d.warnings == [] and d.unparsed == []


# --- Norddjurs 2008: one-line header with empty fields and a glued footer, Word text export ---


def test_2008_empty_header_fields_and_glued_footer():
    d = doc("norddjurs_2008_empty_header_fields.txt")
    # "Sted :", "Start kl. :" and "Slut kl. :" are empty; "Norddjurs Kommune" is the page footer.
    assert header(d) == ("referat", D(2008, 5, 14), None, None, None)
    assert members(d) == [
        ("Kommunaldirektør", "Lars Møller Jensen"),
        ("Økonomidirektør", "Susanne Krogh"),
        ("Teknisk direktør", "Erik Dalsgaard"),
        ("Social- og sundhedsdirektør", "Hanne Vinther Holm"),
    ]
    assert d.meeting.absent == []


def test_2008_plan_and_postponed_point():
    d = doc("norddjurs_2008_empty_header_fields.txt")
    assert rows(d) == [
        (D(2008, 5, 21), ["Kvalitetsrapport for folkeskolerne", "Status på budgetproces 2009"], [], []),
        (D(2008, 5, 28), [], [], ["Hanne Vinther Holm"]),
        (D(2008, 6, 4), [], [], []),
        (D(2008, 6, 11), ["Sommerafslutning for direktion og chefgruppe"], [], []),
        (D(2008, 6, 18), [], [], []),
        (D(2008, 6, 25), ["Sygefravær 1. kvartal 2008"], [], []),
        (D(2008, 7, 2), [], ["Sommerferie"], []),
    ]
    assert decided(d) == [(D(2008, 5, 28), "Regnskab 2007 – endelig godkendelse")]
    assert backlog(d) == [] and cycles(d) == [] and d.events == []
    assert d.unparsed == []


# --- Norddjurs 2026: HTML page, <br> header, no year in the date ---------------------------


def test_html_br_header_without_year_takes_the_year_from_the_other_dates():
    d = doc("norddjurs_2026_br_header_no_year.html")
    # "Dato: Onsdag den 11. marts" has no year; the cycle "ØK d. 3/3 2026, KB d. 17/3 2026" has.
    assert header(d) == ("dagsorden", D(2026, 3, 11), time(9), time(12, 30), "Mødelokale 250, rådhuset")
    assert members(d) == NORDDJURS  # separated by commas
    assert d.meeting.absent == ["Lene Mehlsen Thomsen"]


def test_html_br_header_plan():
    d = doc("norddjurs_2026_br_header_no_year.html")
    assert rows(d) == [
        (D(2026, 3, 18), ["Budgetopfølgning pr. 28. februar"], [], ["Kim Bruun Nielsen"]),
        (
            D(2026, 3, 25),
            ["Forberedelse af KB-temamøde om ældreområdet", "Årligt dialogmøde med skole- og dagtilbudschef"],
            [],
            [],
        ),
        (D(2026, 4, 1), [], ["Påskeferie"], []),
        (
            D(2026, 4, 8),
            [
                "Opsamling på møde i KKR Midtjylland d. 26. marts",
                "Opsamling på møde i Kattegatalliancen d. 31. marts",
            ],
            [],
            [],
        ),
        (D(2026, 4, 15), [], [], []),
        (D(2026, 4, 22), ["Regnskab 2025 – foreløbigt resultat"], [], []),
    ]
    assert backlog(d) == ["Regeringens lovprogram", "Ny model for ledelsesinformation"]
    assert cycles(d) == [("marts", D(2026, 3, 3), D(2026, 3, 17))]
    events_include(
        d,
        {
            ("Økonomiudvalgsmøde", D(2026, 3, 3), D(2026, 3, 3)): ("political", "held"),
            ("Børne- og Ungdomsudvalgsmøde", D(2026, 3, 16), D(2026, 3, 16)): ("political", "upcoming"),
            ("Kommunalbestyrelsesmøde", D(2026, 3, 17), D(2026, 3, 17)): ("political", "upcoming"),
            ("Borgermøde om skolestruktur", D(2026, 3, 12), D(2026, 3, 12)): ("political", "upcoming"),
            ("Chefforum", D(2026, 3, 19), D(2026, 3, 19)): ("direction", "upcoming"),
        },
    )
    assert d.unparsed == []
    assert not any("<" in p for _, points, _, _ in rows(d) for p in points)


# --- Syddjurs: HTML fragment, table across the new year -------------------------------------


def test_html_fragment_across_the_new_year():
    d = doc("syddjurs_fragment_new_year.html")
    assert d.fragment and d.kind == "referat"
    assert d.meeting.date == D(2025, 11, 5)  # from "Beslutning i Direktionen den 05-11-2025"
    # No header here, so an absence stays as written ("Mette Lindgaard").
    assert rows(d) == [
        (
            D(2025, 11, 12),
            ["Budgetopfølgning pr. 30. september", "Implementering af budgetforlig 2026"],
            [],
            [],
        ),
        (
            D(2025, 11, 19),
            ["Strategi for den nære sundhed", "Årligt dialogmøde med HR-chef Rasmus Lyngsø"],
            [],
            [],
        ),
        (D(2025, 11, 26), [], [], []),
        (D(2025, 12, 3), ["Kvalitetsrapport for dagtilbud"], [], ["Mette Lindgaard"]),
        (D(2025, 12, 10), ["Direktionens årshjul 2026"], [], []),
        (D(2025, 12, 17), ["Julefrokost for direktion og chefer"], [], []),
        (D(2025, 12, 24), [], ["Juleferie"], []),
        (D(2025, 12, 31), [], ["Juleferie"], []),
        (D(2026, 1, 7), ["Nytårsplan for direktionen"], [], ["Henrik Skov Andersen"]),
        (D(2026, 1, 14), ["Forberedelse af nytårskur for ledere"], [], []),
    ]
    assert backlog(d) == ["Revision af delegationsplan"]
    assert decided(d) == [(D(2025, 11, 19), "Opfølgning på trivselsmåling")]
    assert d.unparsed == []


# --- Favrskov 2020: markdown heading levels, "Den 09.01.2020 kl. 13:00", month-first rows ----


def test_markdown_numeric_date_with_time_and_bullet_members():
    d = doc("favrskov_2020_month_first.md")
    assert header(d) == ("dagsorden", D(2020, 1, 9), time(13), None, "Skovvej 20, Hinnerup, mødelokale 3")
    assert members(d) == [
        ("Kommunaldirektør", "Mogens Rahbek Aagaard"),
        ("Direktør for Børn og Kultur", "Pia Hvidtfeldt Winther"),
        ("Direktør for Social og Sundhed", "Claus Brink Fogh"),
    ]


def test_month_first_row_labels():
    d = doc("favrskov_2020_month_first.md")
    assert rows(d) == [
        (D(2020, 1, 16), ["Budgetopfølgning pr. 30. november"], [], []),
        (D(2020, 1, 23), ["Evaluering af budgetprocessen 2020"], [], []),
        (D(2020, 1, 30), ["Årsplan for ledelsesforum"], [], []),
        (D(2020, 2, 6), ["Status på tilbudsviften på specialområdet"], [], []),
        (D(2020, 2, 13), [], ["Vinterferie"], []),
        (D(2020, 2, 20), [], [], ["Pia Hvidtfeldt Winther"]),
        (D(2020, 2, 27), ["Regnskab 2019 – første overblik"], [], []),
    ]
    assert backlog(d) == [
        "Evaluering af sammenlægning af vejteams, primo marts",
        "Kommunikationsstrategi – forventes behandlet i uge 42",
    ]
    assert cycles(d) == [("januar", D(2020, 1, 13), D(2020, 1, 29))]
    assert events(d) == {
        ("Økonomiudvalget", D(2020, 1, 13), D(2020, 1, 13)): ("political", "upcoming"),
        ("Byrådet", D(2020, 1, 29), D(2020, 1, 29)): ("political", "upcoming"),
    }
    assert d.warnings == [] and d.unparsed == []


# --- Grenaa 2002: "15-maj-2002" dates --------------------------------------------------------


def test_dashed_month_dates_2002():
    d = doc("grenaa_2002_dashed_dates.txt")
    assert header(d) == (
        "referat",
        D(2002, 5, 15),
        time(8, 30),
        time(11),
        "Rådhuset, direktionens mødelokale",
    )
    assert members(d) == [
        ("Kommunaldirektør", "Poul Erik Bach"),
        ("Teknisk chef", "Karsten Ravn"),
        ("Socialchef", "Inge Lise Fogh"),
        ("Skole- og kulturchef", "Bent Thorsen"),
    ]
    assert d.meeting.absent == ["Karsten Ravn"]
    assert rows(d) == [
        (D(2002, 5, 22), ["Regnskab 2001 – bemærkninger fra revisionen"], [], []),
        (D(2002, 5, 29), ["Budgetlægning 2003 – tidsplan", "Ældreplan 2002-2005"], [], []),
        (D(2002, 6, 5), [], ["Grundlovsdag"], []),
        (D(2002, 6, 12), [], [], ["Karsten Ravn"]),
        (D(2002, 6, 19), ["Status på kommunens IT-strategi"], [], []),
    ]
    # "dagsordenen lukkes 17-maj-2002" is a deadline, not a meeting.
    assert events(d) == {("Byrådsmøde", D(2002, 5, 29), D(2002, 5, 29)): ("political", "upcoming")}
    assert d.warnings == [] and d.unparsed == []


# --- A header that cannot be read: everything else still is -------------------------------


def test_unreadable_header_is_reported_in_place():
    d = doc("norddjurs_2025_unreadable_header.txt")
    assert d.meeting.date is None and d.meeting.members == []
    header_lines = range(1, 9)  # the (cid:..) lines of a PDF extraction without a font map
    assert any("mødedato" in w.message and w.line in header_lines for w in d.warnings), d.warnings


def test_unreadable_header_leaves_the_rest_parsed():
    d = doc("norddjurs_2025_unreadable_header.txt")
    assert cycles(d) == [("april", D(2025, 4, 1), D(2025, 4, 22))]
    assert events(d) == {
        ("Økonomiudvalgsmøde", D(2025, 4, 1), D(2025, 4, 1)): ("political", "upcoming"),
        ("Kommunalbestyrelsesmøde", D(2025, 4, 22), D(2025, 4, 22)): ("political", "upcoming"),
        ("KKR Midtjylland", D(2025, 4, 2), D(2025, 4, 2)): ("political", "upcoming"),
        ("Koncernledelsesmøde", D(2025, 4, 10), D(2025, 4, 10)): ("direction", "upcoming"),
    }
    # The rows' year comes from the document's other dates (the cycle, the events): 2025.
    assert rows(d) == [
        (D(2025, 4, 2), ["Budgetopfølgning pr. 28. februar"], [], []),
        (D(2025, 4, 9), ["Drøftelse af tilbudsstruktur på ældreområdet"], [], ["Kim Bruun"]),
        (D(2025, 4, 16), [], ["Påskeferie"], []),
        (D(2025, 4, 23), ["Regnskab 2024 – overførsler"], [], []),
        (D(2025, 4, 30), [], [], []),
    ]
    assert backlog(d) == ["Regeringens lovprogram", "Kloge Kvadratmeter – model for ejendomsadministration"]


# --- Randers 2025: Word text export, ØU/BYR, absences and holidays in one cell --------------


def test_word_export_header_and_abbreviated_cycles():
    d = doc("randers_2025_word_export.txt")
    assert header(d) == ("dagsorden", D(2025, 1, 29), time(9), time(11, 30), "Laksetorvet, mødelokale 1.12")
    assert members(d) == [
        ("Stadsdirektør", "Karen Ladefoged Holst"),
        ("Økonomidirektør", "Mads Kjærgaard Holm"),
        ("Social- og sundhedsdirektør", "Lone Sandholm Iversen"),
        ("Børne- og skoledirektør", "Jesper Munk Thygesen"),
    ]
    assert cycles(d) == [("februar", D(2025, 2, 4), D(2025, 2, 25)), ("marts", D(2025, 3, 4), D(2025, 3, 11))]
    assert events(d) == {
        ("ØU-møde", D(2025, 1, 21), D(2025, 1, 21)): ("political", "held"),
        ("BYR-temamøde", D(2025, 1, 27), D(2025, 1, 27)): ("political", "held"),
        ("ØU-møde", D(2025, 2, 4), D(2025, 2, 4)): ("political", "upcoming"),
        ("BYR-møde", D(2025, 2, 25), D(2025, 2, 25)): ("political", "upcoming"),
    }


def test_word_export_cells_mix_points_absences_and_holidays():
    d = doc("randers_2025_word_export.txt")
    assert rows(d) == [
        (D(2025, 2, 5), ["Budgetopfølgning pr. 31. december"], [], ["Mads Kjærgaard Holm"]),
        (D(2025, 2, 12), [], ["Vinterferie"], ["Lone Sandholm Iversen"]),
        (
            D(2025, 2, 19),
            ["Strategi for klimatilpasning – 1. drøftelse", "Årligt dialogmøde med ejendomschef Bo Krarup"],
            [],
            [],
        ),
        (D(2025, 2, 26), [], [], []),
        (D(2025, 3, 5), ["Planlægning af skolernes påskeferie 2026"], [], []),  # a point about a holiday
        (D(2025, 3, 12), ["Budgetseminar 2026 – program"], [], []),
    ]
    assert backlog(d) == ["Fælles ledelsesgrundlag for Randers Kommune"]


def test_word_export_timetable_and_closed_case():
    d = doc("randers_2025_word_export.txt")
    assert times(d) == ["09:00", "09:30", "10:15", "10:30", "11:00", "11:30"]
    assert [t.closed for t in d.timetable] == [False, False, False, True, False, False]
    assert "Socialchef Trine Aagaard" in d.timetable[1].title
    assert [(c.title, c.kind) for c in d.closed_cases if c.kind == "case"] == [("Personalesag", "case")]
    assert d.unparsed == []


# --- Norddjurs 2026: events named in a timetable and in a heading, <h1>-<h6> ------------------


def test_html_key_value_header_table():
    d = doc("norddjurs_2026_events_in_timetable.html")
    assert header(d) == (
        "dagsorden",
        D(2026, 1, 14),
        time(9),
        time(12),
        "Adm. 113, Væksthuset, Kirkestien 1, 8961 Allingåbro",
    )
    assert members(d) == NORDDJURS and d.meeting.absent == []


def test_events_named_in_timetable_text_and_headings():
    d = doc("norddjurs_2026_events_in_timetable.html")
    # "Der afholdes KB-seminar 22.-23. januar" and "Chefforum d. 23. feb." in the tidsplan; the
    # Borgermøde is named both in the tidsplan and in a heading, and is one event.
    assert events(d) == {
        ("KB-seminar", D(2026, 1, 22), D(2026, 1, 23)): ("political", "upcoming"),
        ("Direktionsseminar", D(2026, 1, 27), D(2026, 1, 28)): ("direction", "upcoming"),
        ("Chefforum", D(2026, 2, 23), D(2026, 2, 23)): ("direction", "upcoming"),
        ("Borgermøde", D(2026, 3, 12), D(2026, 3, 12)): ("political", "upcoming"),
    }
    assert times(d) == ["09:00", "09:45", "10:15", "10:30", "11:00", "11:45", "12:00"]
    assert [(c.section, c.owner) for c in d.case_owners] == [("Borgermøde d. 12. marts", "Jonas Kroustrup")]


def test_forward_table_without_header_row_html():
    d = doc("norddjurs_2026_events_in_timetable.html")
    assert rows(d) == [
        (D(2026, 1, 21), ["Opsamling på nytårskur for ledere"], [], []),
        (D(2026, 1, 28), ["Direktionsseminar"], [], []),
        (D(2026, 2, 4), ["Budgetopfølgning pr. 31. december"], [], []),
    ]
    assert d.unparsed == []


# --- Bad dates: warnings with their position, never a silently wrong date --------------------


def test_bad_dates_are_warned_where_they_stand():
    d = doc("norddjurs_2025_bad_dates.txt")
    warning_at(d, 28, "agust")  # "Sommerafslutning for chefgruppen d. 12. agust"
    warning_at(d, 28, "ukendt måned")
    warning_at(d, 46, "31. februar", "findes ikke")  # "Til mødet i direktionen den 31. februar ..."
    warning_at(d, 57, "29. februar", "findes ikke")  # "29. feb." in 2025, not a leap year


def test_bad_dates_never_become_other_dates():
    d = doc("norddjurs_2025_bad_dates.txt")
    assert header(d) == ("referat", D(2025, 2, 19), time(9), time(12), "Mødelokale 250, rådhuset")
    assert rows(d) == [
        (D(2025, 2, 26), ["Evaluering af Helhedsorienteret Indsats (HOI)"], [], []),
        (None, ["Kvartalsrapport for jobcentret"], [], []),  # kept, undated, and warned
        (D(2025, 3, 5), ["Ny model for sygefravær 1-3-10"], [], []),
        (D(2025, 3, 12), [], [], []),
    ]
    assert [(p.date, p.text) for p in d.scheduled_by_decision if p.date is not None] == [
        (D(2025, 3, 5), "Ny model for sygefravær 1-3-10")
    ]
    assert events(d) == {("Chefforum", D(2025, 2, 27), D(2025, 2, 27)): ("direction", "upcoming")}


# --- Year from the file name only --------------------------------------------------------------


def test_year_from_the_file_name():
    d = doc("direktionen_2026_referat_uge10.md")
    # "Dato: Onsdag den 4. marts" and no year anywhere in the text: 2026 is in the file name.
    assert header(d) == ("referat", D(2026, 3, 4), time(9), time(12), "Mødelokale 250, rådhuset")
    assert members(d) == NORDDJURS
    assert d.meeting.absent == ["Kim Bruun Nielsen"]
    assert rows(d) == [
        (D(2026, 3, 11), ["Budgetopfølgning pr. 28. februar"], [], []),
        (D(2026, 3, 18), ["Ny model for sygefravær 1-3-10"], [], []),
        (D(2026, 3, 25), [], [], []),
        (D(2026, 4, 1), [], ["Påskeferie"], []),
    ]
    assert decided(d) == [
        (D(2026, 3, 18), "Ny model for sygefravær 1-3-10"),
        (D(2026, 3, 11), "Opfølgning på ledertrivselsmåling"),
        (D(2026, 3, 11), "Forberedelse af KB-temamøde om ældreområdet"),
    ]


# --- Word documents ----------------------------------------------------------------------------


def test_docx_heading_styles_and_br_members():
    d = doc("syddjurs_2025_10_01_dagsorden.docx")
    place = "Lundbergsvej 2, Ebeltoft, mødelokale 1"
    assert header(d) == ("dagsorden", D(2025, 10, 1), time(8, 30), time(12), place)
    assert members(d) == [
        ("Kommunaldirektør", "Henrik Skov Andersen"),
        ("Børne- og kulturdirektør", "Anne Kathrine Bech"),
        ("Social- og sundhedsdirektør", "Torben Vinding Lauritsen"),
        ("Teknik- og miljødirektør", "Mette Lindgaard Sørensen"),
    ]
    assert d.meeting.absent == ["Torben Vinding Lauritsen"]
    assert cycles(d) == [("oktober", D(2025, 9, 30), D(2025, 10, 8))]
    events_include(
        d,
        {
            ("Økonomiudvalgsmøde", D(2025, 9, 30), D(2025, 9, 30)): ("political", "held"),
            ("Hovedudvalgsmøde", D(2025, 10, 2), D(2025, 10, 2)): ("other", "upcoming"),  # staff (HU)
            ("Børne- og Ungdomsudvalgsmøde", D(2025, 10, 6), D(2025, 10, 6)): ("political", "upcoming"),
            ("Kommunalbestyrelsesmøde", D(2025, 10, 8), D(2025, 10, 8)): ("political", "upcoming"),
        },
    )


def test_docx_table_cells_paragraphs_bullets_breaks_and_merged_divider():
    d = doc("syddjurs_2025_10_01_dagsorden.docx")
    assert rows(d) == [
        (D(2025, 10, 8), ["Budgetopfølgning pr. 31. august"], [], ["Anne Kathrine Bech"]),
        (D(2025, 10, 15), [], ["Efterårsferie"], []),
        (D(2025, 10, 22), ["Kvalitetsrapport for dagtilbud", "Strategi for den nære sundhed"], [], []),
        (D(2025, 10, 29), [], [], []),
        # the merged "November 2025" row divides the table; it is not a meeting
        (
            D(2025, 11, 5),
            ["Opsamling på møde i Dassos d. 30. oktober", "Opsamling på møde i KOSU d. 31. oktober"],
            [],
            [],
        ),
        (D(2025, 11, 12), ["Årligt dialogmøde med HR-chef Rasmus Lyngsø"], [], ["Torben Vinding Lauritsen"]),
        (D(2025, 11, 19), [], [], []),
    ]
    assert backlog(d) == ["Revision af delegationsplan", "Ny model for ledelsesinformation"]
    assert times(d) == ["08:30", "08:45", "09:30", "10:15", "10:30", "12:00"]
    assert "Skolechef Jens Ole Hviid" in d.timetable[2].title
    assert d.unparsed == []


def test_docx_header_table_and_table_without_header_row_across_the_new_year():
    d = doc("norddjurs_2025_12_10_referat.docx")
    assert header(d) == ("referat", D(2025, 12, 10), time(9), time(13), "Mødelokale 250, rådhuset")
    assert members(d) == NORDDJURS and d.meeting.absent == []
    assert rows(d) == [
        (D(2025, 12, 17), ["Opsamling på budgetåret 2025"], [], []),
        (D(2025, 12, 24), [], ["Juleferie"], []),  # one vertically merged cell over two weeks
        (D(2025, 12, 31), [], ["Juleferie"], []),
        (D(2026, 1, 7), ["Nytårskur for ledere – program"], [], []),
        (D(2026, 1, 14), ["Evaluering af Kattegatalliancens handleplan"], [], ["Kim Bruun Nielsen"]),
        (D(2026, 1, 21), [], [], []),
        (D(2026, 1, 28), [], [], []),
        (D(2026, 2, 4), ["Budgetproces 2027 – tidsplan"], [], []),
        (D(2026, 2, 11), [], ["Vinterferie"], []),
    ]
    assert backlog(d) == ["Regeringens lovprogram"]


def test_docx_decisions_cycles_events_and_a_warning_by_paragraph_number():
    d = doc("norddjurs_2025_12_10_referat.docx")
    assert decided(d) == [
        (D(2026, 1, 7), "Handleplan for arbejdsmiljø 2026"),
        (D(2026, 1, 7), "Opfølgning på KB-seminar – drejebog"),
        (D(2026, 1, 7), "Status på Kloge Kvadratmeter"),
    ]
    assert cycles(d) == [
        ("december", D(2025, 12, 2), D(2025, 12, 16)),
        ("januar", D(2026, 1, 6), D(2026, 1, 20)),
    ]
    assert events(d) == {
        ("Kommunalbestyrelsesmøde", D(2025, 12, 16), D(2025, 12, 16)): ("political", "upcoming"),
        ("Kommunalbestyrelsesseminar", D(2026, 1, 27), D(2026, 1, 28)): ("political", "upcoming"),
    }
    warning_at(d, 24, "janaur")  # paragraph 24: "Nytårskur for ledere d. 8. janaur"


# --- The second plan, document by document ----------------------------------------------------


def test_second_plan_headers():
    expected = {
        "molsbjerg_2025-09-17_referat.txt": ("referat", D(2025, 9, 17), []),
        "molsbjerg_2025-09-24_dagsorden.md": ("dagsorden", D(2025, 9, 24), []),
        "molsbjerg_2025-10-01_referat.docx": ("referat", D(2025, 10, 1), []),
        "molsbjerg_2025-10-08_dagsorden.html": ("dagsorden", D(2025, 10, 8), []),
        "molsbjerg_2025-10-22_referat.txt": ("referat", D(2025, 10, 22), ["Birgitte Saxe Lund"]),
        "molsbjerg_2025-10-29_dagsorden.docx": ("dagsorden", D(2025, 10, 29), ["Peter Vestergaard Møller"]),
    }
    for name, (kind, day, absent) in expected.items():
        d = doc(name)
        assert header(d) == (kind, day, time(9), time(12), "Rådhuset, Torvet 1, mødelokale 2"), name
        assert members(d) == MOLSBJERG, name
        assert d.meeting.absent == absent, name
        assert d.unparsed == [], name


PETER = "Peter Vestergaard Møller"


def test_second_plan_2025_09_17():
    d = doc("molsbjerg_2025-09-17_referat.txt")
    assert rows(d) == [
        (D(2025, 9, 24), ["Budgetopfølgning pr. 31. august"], [], []),
        (D(2025, 10, 1), ["Kvalitetsrapport for skoleområdet 2024/25"], [], []),
        (D(2025, 10, 8), ["Klimaplan – status på delmål 2025"], [], []),
        (D(2025, 10, 15), [], ["Efterårsferie"], []),
        (D(2025, 10, 22), [], [], []),
        (D(2025, 10, 29), [], [], [PETER]),
    ]
    assert backlog(d) == ["Ny affaldsordning – evaluering", "Lokal trepart – opstart"]
    assert decided(d) == [(D(2025, 9, 24), "Forberedelse af KKR Midtjylland d. 25. september")]
    assert cycles(d) == [("oktober", D(2025, 9, 30), D(2025, 10, 7))]
    events_include(
        d,
        {
            ("Teknik- og Miljøudvalgsmøde", D(2025, 9, 22), D(2025, 9, 22)): ("political", "upcoming"),
            ("KKR Midtjylland", D(2025, 9, 25), D(2025, 9, 25)): ("political", "upcoming"),
            ("Økonomiudvalgsmøde", D(2025, 9, 30), D(2025, 9, 30)): ("political", "upcoming"),
            ("Kommunalbestyrelsesmøde", D(2025, 10, 7), D(2025, 10, 7)): ("political", "upcoming"),
        },
    )


def test_second_plan_2025_09_24():
    d = doc("molsbjerg_2025-09-24_dagsorden.md")
    assert times(d) == ["09:00", "09:45", "10:15", "10:30", "11:00"]
    assert d.timetable[0].title.startswith("Budgetopfølgning pr. 31. august")
    assert rows(d) == [
        (
            D(2025, 10, 1),
            ["Kvalitetsrapport for skoleområdet 2024/25", "Årligt dialogmøde med vej- og parkchef Søren Bak"],
            [],
            [],
        ),
        (D(2025, 10, 8), ["Klimaplan – status på delmål 2025"], [], []),
        (D(2025, 10, 15), [], ["Efterårsferie"], []),
        (D(2025, 10, 22), [], [], []),
        (D(2025, 10, 29), [], [], [PETER]),
        (D(2025, 11, 5), ["Forberedelse af borgermøde om skolestruktur d. 6. november"], [], []),
    ]
    assert backlog(d) == ["Ny affaldsordning – evaluering", "Lokal trepart – opstart"]


def test_second_plan_2025_10_01_moves_a_point():
    d = doc("molsbjerg_2025-10-01_referat.docx")
    assert decided(d) == [(D(2025, 10, 22), "Kvalitetsrapport for skoleområdet 2024/25")]
    assert rows(d) == [
        (D(2025, 10, 8), ["Klimaplan – status på delmål 2025"], [], []),
        (D(2025, 10, 15), [], ["Efterårsferie"], []),
        (D(2025, 10, 22), ["Kvalitetsrapport for skoleområdet 2024/25"], [], []),
        (D(2025, 10, 29), [], [], [PETER]),
        (D(2025, 11, 5), ["Forberedelse af borgermøde om skolestruktur d. 6. november"], [], []),
        (D(2025, 11, 12), [], [], []),
    ]
    assert backlog(d) == ["Ny affaldsordning – evaluering", "Lokal trepart – opstart"]


def test_second_plan_2025_10_08_holiday_point_and_closed_case():
    d = doc("molsbjerg_2025-10-08_dagsorden.html")
    assert rows(d) == [
        # the agenda put a point into the holiday week: both are kept, the plan shows the conflict
        (D(2025, 10, 15), ["Status på vintertjenesten 2025/26"], ["Efterårsferie"], []),
        (D(2025, 10, 22), ["Kvalitetsrapport for skoleområdet 2024/25"], [], []),
        (D(2025, 10, 29), [], [], [PETER]),
        (D(2025, 11, 5), ["Forberedelse af borgermøde om skolestruktur d. 6. november"], [], []),
        (D(2025, 11, 12), ["Lokal trepart – opstart"], [], []),
        (D(2025, 11, 19), ["Forberedelse af Chefforum d. 20. november"], [], []),
    ]
    assert backlog(d) == ["Ny affaldsordning – evaluering"]
    assert times(d) == ["09:00", "09:30", "10:15", "10:45", "11:15"]
    assert [t.closed for t in d.timetable] == [False, False, True, False, False]
    assert [(c.title, c.kind) for c in d.closed_cases if c.kind == "case"] == [("Personalesag", "case")]
    assert cycles(d) == [("november", D(2025, 10, 28), D(2025, 11, 4))]
    events_include(
        d,
        {
            ("Kommunalbestyrelsesmøde", D(2025, 10, 7), D(2025, 10, 7)): ("political", "held"),
            ("Borgermøde om skolestruktur", D(2025, 11, 6), D(2025, 11, 6)): ("political", "upcoming"),
            ("Chefforum", D(2025, 11, 20), D(2025, 11, 20)): ("direction", "upcoming"),
        },
    )


def test_second_plan_2025_10_22_absent_participant_and_backlog_dated():
    d = doc("molsbjerg_2025-10-22_referat.txt")
    assert rows(d) == [
        (
            D(2025, 10, 29),
            [
                "Trafiksikkerhedsplan 2026. Teknik- og miljødirektør Peter Vestergaard Møller deltager "
                "under behandlingen."
            ],
            [],
            [PETER],
        ),
        (D(2025, 11, 5), ["Forberedelse af borgermøde om skolestruktur d. 6. november"], [], []),
        (D(2025, 11, 12), ["Lokal trepart – opstart"], [], []),
        (D(2025, 11, 19), ["Forberedelse af Chefforum d. 20. november"], [], []),
        (D(2025, 11, 26), ["Budgetopfølgning pr. 31. oktober"], [], []),
        (D(2025, 12, 3), [], [], []),
    ]
    assert decided(d) == [(D(2025, 11, 5), "Ny affaldsordning – evaluering")]
    assert backlog(d) == []


def test_second_plan_2025_10_29_owner_absent():
    d = doc("molsbjerg_2025-10-29_dagsorden.docx")
    assert times(d) == ["09:00", "09:30", "10:15", "10:30", "11:00"]
    assert [(c.section, c.owner) for c in d.case_owners] == [("Trafiksikkerhedsplan 2026", PETER)]
    assert d.timetable[1].title == "Trafiksikkerhedsplan 2026" and d.timetable[1].owner == PETER
    assert rows(d) == [
        (
            D(2025, 11, 5),
            ["Forberedelse af borgermøde om skolestruktur d. 6. november", "Ny affaldsordning – evaluering"],
            [],
            [],
        ),
        (D(2025, 11, 12), ["Lokal trepart – opstart"], [], []),
        (D(2025, 11, 19), ["Forberedelse af Chefforum d. 20. november"], [], []),
        (D(2025, 11, 26), ["Budgetopfølgning pr. 31. oktober"], [], []),
        (D(2025, 12, 3), [], [], ["Birgitte Saxe Lund"]),
        (D(2025, 12, 10), ["Direktionens årshjul 2026"], [], []),
    ]


# --- PDF text: page footers and running heads inside the forward table -----------------------


def test_pdf_text_two_absent_and_page_breaks_inside_the_table():
    d = doc("norddjurs_2024_pdf_text_page_breaks.txt")
    assert header(d) == (
        "referat",
        D(2024, 9, 11),
        time(9),
        time(11),
        "Adm. 113, Væksthuset, Kirkestien 1, 8961 Allingåbro",
    )
    assert members(d) == NORDDJURS
    assert d.meeting.absent == ["Lene Mehlsen Thomsen", "Kim Bruun Nielsen"]
    # "Norddjurs Kommune Side 2 af 3" and "Direktionen 11-09-2024" are the page's foot and head.
    assert rows(d) == [
        (D(2024, 9, 18), ["Opfølgning på borgerarrangementer"], [], []),
        (D(2024, 9, 25), ["Budgetopfølgning pr. 31. august – fortsat drøftelse"], [], []),
        (D(2024, 10, 2), ["Opsamling på møde i KKR d. 27. september"], [], []),
        (D(2024, 10, 9), [], [], ["Kim Bruun Nielsen"]),
        (D(2024, 10, 16), [], ["Efterårsferie"], []),
        (D(2024, 10, 23), ["Kvalitetsrapport for skoleområdet"], [], []),
        (D(2024, 10, 30), [], [], []),
    ]
    assert backlog(d) == ["Regeringens lovprogram"]
    assert d.unparsed == []


# --- Week labels instead of dates ----------------------------------------------------------------


def test_week_labels_give_the_meeting_weekday_of_that_week():
    d = doc("syddjurs_2025_week_labels.md")
    assert header(d) == (
        "dagsorden",
        D(2025, 12, 3),
        time(8, 30),
        time(11, 30),
        "Lundbergsvej 2, Ebeltoft, mødelokale 1",
    )
    assert len(d.meeting.members) == 4 and d.meeting.absent == []
    # The Direktion meets on Wednesdays (the meeting is "Onsdag den 3. december"): "Uge 1" is
    # ISO week 1 of 2026, whose Wednesday is 31 December 2025.
    assert rows(d) == [
        (D(2025, 12, 10), ["Budgetopfølgning pr. 31. oktober"], [], []),
        (D(2025, 12, 17), ["Julefrokost for direktion og chefer"], [], ["Anne Kathrine Bech"]),
        (D(2025, 12, 24), [], ["Juleferie"], []),
        (D(2025, 12, 31), [], ["Juleferie"], []),
        (D(2026, 1, 7), ["Nytårsplan for direktionen"], [], []),
        (D(2026, 1, 14), ["Forberedelse af nytårskur for ledere"], [], []),
    ]
    assert [r.label for r in d.forward_plan] == ["Uge 50", "Uge 51", "Uge 52", "Uge 1", "Uge 2", "Uge 3"]


# --- Word's "Unicode text" export: UTF-16 with a byte order mark and CRLF ------------------------


def test_utf16_word_export():
    d = doc("norddjurs_2024_utf16_word_export.txt")
    assert d.encoding.replace("-", "").lower().startswith("utf16")
    assert header(d) == ("dagsorden", D(2024, 11, 20), time(9), time(12), "Mødelokale 250, rådhuset")
    assert members(d) == NORDDJURS
    assert cycles(d) == [("december", D(2024, 12, 3), D(2024, 12, 17))]
    assert rows(d) == [
        (D(2024, 11, 27), ["Budget 2026 – proces"], [], []),
        (D(2024, 12, 4), ["Status på Helhedsorienteret Indsats"], [], ["Lene Mehlsen Thomsen"]),
        (D(2024, 12, 11), [], [], []),
        (D(2024, 12, 18), ["Direktionens årshjul 2025"], [], []),
        (D(2024, 12, 25), [], ["Juleferie"], []),
        (D(2025, 1, 1), [], ["Juleferie"], []),
        (D(2025, 1, 8), ["Direktionsseminar – program"], [], []),
    ]
    assert d.unparsed == []


# --- Word without heading styles: bold numbered paragraphs, a three-column table ----------------


def test_docx_bold_sections_and_a_responsible_column():
    d = doc("randers_2024_06_12_bold_sections.docx")
    assert header(d) == ("dagsorden", D(2024, 6, 12), time(9), time(11), "Laksetorvet, mødelokale 1.12")
    assert members(d) == [
        ("Stadsdirektør", "Karen Ladefoged Holst"),
        ("Økonomidirektør", "Mads Kjærgaard Holm"),
        ("Social- og sundhedsdirektør", "Lone Sandholm Iversen"),
        ("Børne- og skoledirektør", "Jesper Munk Thygesen"),
    ]
    assert d.meeting.absent == ["Jesper Munk Thygesen"]
    # The "Ansvarlig" column names who owns the point; it is not part of the point's text.
    assert rows(d) == [
        (D(2024, 6, 19), ["Budgetforslag 2025 – første udkast"], [], []),
        (D(2024, 6, 26), ["Sommerafslutning for direktionen"], [], []),
        (D(2024, 7, 3), [], ["Sommerferie"], []),
        (D(2024, 7, 10), [], ["Sommerferie"], []),
        (D(2024, 8, 7), ["Budgetseminar 2025 – forberedelse"], [], []),  # the table skips the summer weeks
        (D(2024, 8, 14), ["Rammeaftale for det specialiserede socialområde"], [], ["Lone Sandholm Iversen"]),
    ]
    assert backlog(d) == ["Fælles ledelsesgrundlag for Randers Kommune"]
    assert [(c.title, c.kind) for c in d.closed_cases if c.kind == "case"] == [
        ("Ansættelse af sundheds- og omsorgschef", "case")
    ]
    assert d.unparsed == []


# --- HTML fragment: the header as a <ul> with <strong> keys, bold paragraphs as sections ---------


def test_html_list_header_vacancy_and_bold_sections():
    d = doc("norddjurs_2023_html_list_header_fragment.html")
    assert header(d) == ("referat", D(2023, 11, 29), time(9), time(12), "Mødelokale 250, rådhuset")
    assert [(x.role, x.name) for x in d.meeting.members] == [
        ("Kommunaldirektør", None),
        ("Velfærdsdirektør", "Lene Mehlsen Thomsen"),
        ("Fællesforvaltningsdirektør", "Kim Bruun Nielsen"),
    ]
    assert cycles(d) == [("december", D(2023, 12, 5), D(2023, 12, 12))]
    assert events(d) == {
        ("Arbejdsmarkedsudvalgsmøde", D(2023, 11, 27), D(2023, 11, 27)): ("political", "held"),
        ("Gruppeformandsmøde", D(2023, 11, 28), D(2023, 11, 28)): ("political", "cancelled"),
        ("Økonomiudvalgsmøde", D(2023, 12, 5), D(2023, 12, 5)): ("political", "upcoming"),
        ("Kommunalbestyrelsesmøde", D(2023, 12, 12), D(2023, 12, 12)): ("political", "upcoming"),
    }
    assert rows(d) == [
        (
            D(2023, 12, 6),
            ["Direktionens årsplan samt den strategiske udmøntningsplan", "Status på Skovskolens udvidelse"],
            [],
            [],
        ),
        (D(2023, 12, 13), [], [], []),
        (D(2023, 12, 20), ["Årligt dialogmøde med sekretariatschef hos velfærdssekretariatet"], [], []),
        (D(2023, 12, 27), [], ["Juleferie"], []),
        (D(2024, 1, 3), [], ["Intet møde"], []),
        (D(2024, 1, 10), ["Direktionsseminar – program"], [], ["Kim Bruun Nielsen"]),
    ]
    assert decided(d) == [(D(2023, 12, 13), "Opfølgning på APV for ledere")]
    assert d.unparsed == []
