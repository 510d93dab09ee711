"""Pins every period the ferieplan reader finds in realistic published layouts (text and HTML)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.calendar.ferieplan import FerieplanError, parse_document, parse_ferieplan
from planner.documents import Position, read_document

FIXTURES = Path(__file__).parent / "fixtures" / "ferieplan"
H, E = "school_holiday", "school_event"

# file -> (periods as (label, start, end, kind), unparsed line numbers, warning line numbers)
EXPECTED = {
    # Municipal table copied from a web page: tabs, a "Uge" column of bare numbers, d.m.yyyy.
    "kommune_tabel_2024-25.txt": (
        [
            ("Sommerferie", date(2024, 6, 22), date(2024, 8, 11), H),
            ("Første skoledag", date(2024, 8, 12), date(2024, 8, 12), E),
            ("Efterårsferie", date(2024, 10, 12), date(2024, 10, 20), H),
            ("Juleferie", date(2024, 12, 21), date(2025, 1, 2), H),
            ("Vinterferie", date(2025, 2, 8), date(2025, 2, 16), H),
            ("Påskeferie", date(2025, 4, 12), date(2025, 4, 21), H),
            ("Kr. Himmelfart", date(2025, 5, 29), date(2025, 5, 30), H),
            ("Grundlovsdag", date(2025, 6, 5), date(2025, 6, 5), H),
            ("2. pinsedag", date(2025, 6, 9), date(2025, 6, 9), H),
            ("Sidste skoledag", date(2025, 6, 27), date(2025, 6, 27), E),
            ("Sommerferie", date(2025, 6, 28), date(2025, 8, 10), H),
        ],
        [2, 17],
        [],
    ),
    # School website: label on one line, date on the next, no years, "Skoleåret 2025-26".
    "skole_liste_2025-26.txt": (
        [
            ("Første skoledag", date(2025, 8, 11), date(2025, 8, 11), E),
            ("Efterårsferie", date(2025, 10, 11), date(2025, 10, 19), H),
            ("Juleferie", date(2025, 12, 20), date(2026, 1, 4), H),
            ("Vinterferie", date(2026, 2, 7), date(2026, 2, 15), H),
            ("Påskeferie", date(2026, 3, 28), date(2026, 4, 6), H),
            ("Kristi himmelfartsferie", date(2026, 5, 14), date(2026, 5, 17), H),
            ("Pinse", date(2026, 5, 25), date(2026, 5, 25), H),
            ("Grundlovsdag", date(2026, 6, 5), date(2026, 6, 5), H),
            ("Sidste skoledag", date(2026, 6, 26), date(2026, 6, 26), E),
            ("Sommerferie", date(2026, 6, 27), date(2026, 8, 9), H),
        ],
        [1, 4],  # "Ferie og fridage" is a page title, and a disclaimer
        [],
    ),
    # Years inline, no heading: the school year comes from the dates themselves.
    "aar_inline_2022-23.txt": (
        [
            ("Sommerferie 2022", date(2022, 6, 25), date(2022, 8, 7), H),
            ("Efterårsferie", date(2022, 10, 15), date(2022, 10, 23), H),
            ("Juleferie", date(2022, 12, 21), date(2023, 1, 2), H),
            ("Vinterferie", date(2023, 2, 11), date(2023, 2, 19), H),
            ("Påskeferie", date(2023, 4, 1), date(2023, 4, 10), H),
            ("Store bededag", date(2023, 5, 5), date(2023, 5, 5), H),
            ("Kristi himmelfart", date(2023, 5, 18), date(2023, 5, 19), H),
            ("Pinse", date(2023, 5, 29), date(2023, 5, 29), H),
            ("Grundlovsdag", date(2023, 6, 5), date(2023, 6, 5), H),
            ("Sidste skoledag", date(2023, 6, 23), date(2023, 6, 23), E),
            ("Sommerferie 2023", date(2023, 6, 24), date(2023, 8, 6), H),
        ],
        [1],
        [],
    ),
    # Week numbers, abbreviated weekdays and months, dotted leaders.
    "uger_ugedage_2024-25.txt": (
        [
            ("Efterårsferie", date(2024, 10, 14), date(2024, 10, 20), H),
            ("Juleferie", date(2024, 12, 21), date(2025, 1, 2), H),
            ("Vinterferie", date(2025, 2, 10), date(2025, 2, 16), H),
            ("Påskeferie", date(2025, 4, 12), date(2025, 4, 21), H),
            ("Kr. Himmelfart", date(2025, 5, 29), date(2025, 5, 30), H),
            ("Grundlovsdag", date(2025, 6, 5), date(2025, 6, 5), H),
            ("Pinse", date(2025, 6, 9), date(2025, 6, 9), H),
            ("Sommerferie", date(2025, 6, 30), date(2025, 8, 10), H),
            ("1. maj", date(2025, 5, 1), date(2025, 5, 1), H),
        ],
        [7],  # "Store bededag ... afskaffet fra 2024" has no date
        [],
    ),
    # Wrapped cells, a date-first row, lists under a label and the errors people make.
    "med_fejl_2025-26.txt": (
        [
            ("Efterårsferie", date(2025, 10, 13), date(2025, 10, 19), H),
            ("Juleferie", date(2025, 12, 20), date(2026, 1, 4), H),
            ("Vinterferie", date(2026, 2, 7), date(2026, 2, 15), H),
            ("Kristi himmelfartsdag og dagen efter", date(2026, 5, 14), date(2026, 5, 15), H),
            ("Vinterferie", date(2026, 2, 9), date(2026, 2, 15), H),
            ("Sommerferie", date(2026, 6, 27), date(2026, 8, 9), H),
            ("Fridage", date(2026, 1, 2), date(2026, 1, 2), H),
            ("Fridage", date(2026, 5, 4), date(2026, 5, 4), H),
        ],
        [9, 11],  # "Ekstra fridag" and a note, neither followed by a date
        [7, 8],  # 31. februar, "febuar"
    ),
    # A month-grouped list, "skoleåret 23-24": under "Maj", "20. 2. pinsedag" is 20 May, not 20 February.
    "maaneder_2023-24.txt": (
        [
            ("Første skoledag", date(2023, 8, 14), date(2023, 8, 14), E),
            ("Efterårsferie", date(2023, 10, 16), date(2023, 10, 20), H),
            ("Juleferie", date(2023, 12, 23), date(2024, 1, 2), H),
            ("Vinterferie", date(2024, 2, 12), date(2024, 2, 16), H),
            ("Påskeferie", date(2024, 3, 25), date(2024, 3, 31), H),
            ("2. påskedag", date(2024, 4, 1), date(2024, 4, 1), H),
            ("Kr. Himmelfart", date(2024, 5, 9), date(2024, 5, 10), H),
            ("2. pinsedag", date(2024, 5, 20), date(2024, 5, 20), H),
            ("Grundlovsdag", date(2024, 6, 5), date(2024, 6, 5), H),
            ("Sidste skoledag", date(2024, 6, 28), date(2024, 6, 28), E),
            ("Sommerferie", date(2024, 6, 29), date(2024, 8, 11), H),
        ],
        [1],
        [],
    ),
    # No school year at all: year lines ("2025", "2026") set the year of what follows; labels and
    # dates on separate lines, a range wrapped over two lines.
    "kalenderaar_2025.txt": (
        [
            ("Vinterferie", date(2025, 2, 8), date(2025, 2, 16), H),
            ("Påskeferie", date(2025, 4, 12), date(2025, 4, 21), H),
            ("Kr. Himmelfart", date(2025, 5, 29), date(2025, 5, 30), H),
            ("Sommerferie", date(2025, 6, 28), date(2025, 8, 10), H),
            ("Efterårsferie", date(2025, 10, 13), date(2025, 10, 19), H),
            ("Juleferie", date(2025, 12, 20), date(2026, 1, 4), H),
            ("Vinterferie", date(2026, 2, 9), date(2026, 2, 15), H),
        ],
        [1],
        [],
    ),
    # Long dot leaders (the old label pattern backtracked exponentially on them).
    "prikker_2025-26.txt": (
        [
            ("Efterårsferie", date(2025, 10, 13), date(2025, 10, 19), H),
            ("Juleferie", date(2025, 12, 20), date(2026, 1, 4), H),
            ("Vinterferie", date(2026, 2, 9), date(2026, 2, 15), H),
            ("Sommerferie", date(2026, 6, 27), date(2026, 8, 9), H),
        ],
        [4],  # "Store bededag ... afskaffet fra 2024" has no date
        [],
    ),
    # A whole HTML page with a <table> (header row, a "Uge" column, <br> inside cells) and a
    # reversed week range "42-41", which is a warning and never a year-long holiday.
    "skoleaar_2024-25.html": (
        [
            ("Efterårsferie", date(2024, 10, 12), date(2024, 10, 20), H),
            ("Juleferie", date(2024, 12, 21), date(2025, 1, 2), H),
            ("Vinterferie", date(2025, 2, 8), date(2025, 2, 16), H),
            ("Påskeferie", date(2025, 4, 12), date(2025, 4, 21), H),
            ("Kr. Himmelfart", date(2025, 5, 29), date(2025, 5, 30), H),
            ("2. pinsedag", date(2025, 6, 9), date(2025, 6, 9), H),
            ("Sommerferie", date(2025, 6, 28), date(2025, 8, 10), H),
        ],
        [6, 22],  # the subtitle and the approval note
        [18],  # uge 42-41
    ),
    # An HTML fragment: <ul> lists under <h3> month headings; "Oktober 2024" starts the years,
    # "Januar" after "December" is the next year. "20. 2. Skolefest" under "Maj" is a warning.
    "maaneder_2024-25.html": (
        [
            ("Efterårsferie", date(2024, 10, 14), date(2024, 10, 18), H),
            ("Juleferie", date(2024, 12, 23), date(2024, 12, 31), H),
            ("Juleferie", date(2025, 1, 1), date(2025, 1, 3), H),
            ("Vinterferie", date(2025, 2, 10), date(2025, 2, 14), H),
            ("Påskeferie", date(2025, 4, 14), date(2025, 4, 17), H),
            ("Langfredag", date(2025, 4, 18), date(2025, 4, 18), H),
            ("2. påskedag", date(2025, 4, 21), date(2025, 4, 21), H),
            ("Kr. Himmelfart", date(2025, 5, 29), date(2025, 5, 29), H),
            ("Fridag", date(2025, 5, 30), date(2025, 5, 30), H),
            ("Grundlovsdag", date(2025, 6, 5), date(2025, 6, 5), H),
            ("2. pinsedag", date(2025, 6, 9), date(2025, 6, 9), H),
            ("Sidste skoledag", date(2025, 6, 27), date(2025, 6, 27), E),
        ],
        [],
        [29],  # "20. 2. Skolefest" under "Maj"
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_periods(name: str) -> None:
    periods, unparsed_lines, warning_lines = EXPECTED[name]
    result = parse_document(read_document((FIXTURES / name).read_bytes(), name))
    assert [(p.label, p.start, p.end, p.kind) for p in result.periods] == periods
    assert [note.pos.line for note in result.unparsed] == unparsed_lines
    assert [note.pos.line for note in result.warnings] == warning_lines
    assert {p.source for p in result.periods} == {f"ferieplan:{name}"}


def test_every_fixture_is_pinned() -> None:
    assert {p.name for p in FIXTURES.iterdir()} == set(EXPECTED)


def test_unparsed_keeps_the_line_as_written() -> None:
    result = parse_ferieplan((FIXTURES / "med_fejl_2025-26.txt").read_text(encoding="utf-8"), "f")
    assert result.unparsed[0] == (Position(9), "Ekstra fridag")
    assert "31.2.2026" in result.warnings[0][1]
    assert "febuar" in result.warnings[1][1]


# One line per published format; school year 2024/25 unless the text says otherwise.
FORMATS = [
    ("Efterårsferie\nUge 42", date(2024, 10, 14), date(2024, 10, 20)),
    ("Vinterferie: uge 7", date(2025, 2, 10), date(2025, 2, 16)),
    ("Sommerferie uge 27-32", date(2025, 6, 30), date(2025, 8, 10)),
    ("Juleferie uge 52-1", date(2024, 12, 23), date(2025, 1, 5)),
    ("Efterårsferie 12.-20. oktober", date(2024, 10, 12), date(2024, 10, 20)),
    ("Juleferie\n21. dec. – 5. jan.", date(2024, 12, 21), date(2025, 1, 5)),
    ("Juleferie\tLørdag 21.12.- 02.01.", date(2024, 12, 21), date(2025, 1, 2)),
    ("Kr. Himmelfart 29. maj -1. jun.", date(2025, 5, 29), date(2025, 6, 1)),
    ("Fridag\nFredag den 30. maj", date(2025, 5, 30), date(2025, 5, 30)),
    ("2. pinsedag\nMandag 9. juni", date(2025, 6, 9), date(2025, 6, 9)),
    ("1. maj", date(2025, 5, 1), date(2025, 5, 1)),
    ("Sommerferie: Lørdag 28. juni - søndag 10. august 2025", date(2025, 6, 28), date(2025, 8, 10)),
    ("Efterårsferie 14.10.2024 - 18.10.2024", date(2024, 10, 14), date(2024, 10, 18)),
    ("Efterårsferie  14/10-24 til 18/10-24", date(2024, 10, 14), date(2024, 10, 18)),
    (
        "Juleferie: fra og med lørdag den 21. december til og med torsdag den 2. januar",
        date(2024, 12, 21),
        date(2025, 1, 2),
    ),
    ("Påskeferie\t12. apr\t21. april", date(2025, 4, 12), date(2025, 4, 21)),
    ("Vinterferie\u00a0:\u2009uge\u00a07", date(2025, 2, 10), date(2025, 2, 16)),
    ("Sidste skoledag fredag 27. juni kl. 12.00", date(2025, 6, 27), date(2025, 6, 27)),
    ("Efterårsferie Uge 42 (lørdag-søndag)", date(2024, 10, 14), date(2024, 10, 20)),
    ("Efterårsferie 12. okt. 2024 – 20. okt.", date(2024, 10, 12), date(2024, 10, 20)),
    ("Ferieplan 2025/2026\nEfterårsferie uge 42", date(2025, 10, 13), date(2025, 10, 19)),
    ("Skoleåret 2023-24\nVinterferie\n10.-18. februar", date(2024, 2, 10), date(2024, 2, 18)),
    ("Juleferie: 21. dec. 2024 – 5. jan. 2025", date(2024, 12, 21), date(2025, 1, 5)),
    ("Juleferie: 21. december – 5. januar 2025", date(2024, 12, 21), date(2025, 1, 5)),
    ("Efterårsferie\tlørdag 12. okt.\tsøndag 20. okt.", date(2024, 10, 12), date(2024, 10, 20)),
    ("Sommerferie\tLørdag 28. juni -\n\n\tsøndag 10. august", date(2025, 6, 28), date(2025, 8, 10)),
    ("Uge 42\tEfterårsferie", date(2024, 10, 14), date(2024, 10, 20)),
    ("Sept. fridag 2. sept", date(2024, 9, 2), date(2024, 9, 2)),
    ("Kr. Himmelfart: 29. og 30. maj", date(2025, 5, 29), date(2025, 5, 30)),
    ("Pinse: 8.-9. juni", date(2025, 6, 8), date(2025, 6, 9)),
    ("- Efterårsferie: uge 42", date(2024, 10, 14), date(2024, 10, 20)),
    ("• Vinterferie uge 7", date(2025, 2, 10), date(2025, 2, 16)),
    ("| Ferie | Uge |\n|---|---|\n| Efterårsferie | 42 |", date(2024, 10, 14), date(2024, 10, 20)),
    ("## **Juleferie**\n\n**21. dec. – 5. jan.**", date(2024, 12, 21), date(2025, 1, 5)),
]


@pytest.mark.parametrize(("text", "start", "end"), FORMATS, ids=[f[0][:30] for f in FORMATS])
def test_formats(text: str, start: date, end: date) -> None:
    result = parse_ferieplan(text, "t.txt", school_year=2024)
    assert [(p.start, p.end) for p in result.periods] == [(start, end)]
    assert result.unparsed == []
    assert result.warnings == []


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("Fridag 31. februar", "findes ikke"),
        ("Fridag 12. oktobr", "ukendt måned"),
        ("Fridag fredag 3. oktober", "er en torsdag, ikke fredag"),  # 3 Oct 2024 is a Thursday
        ("Efterårsferie uge 41 14.10.2024 - 18.10.2024", "ugenummeret passer ikke"),
        ("Fridag 20.10.2024 - 14.10.2024", "ligger før"),
        ("Efterårsferie 14.10.2024 - 18.10.2024 efter aftale", "ignoreret tekst"),
    ],
)
def test_warnings(text: str, fragment: str) -> None:
    result = parse_ferieplan(text, "t.txt", school_year=2024)
    assert result.warnings, text
    assert result.warnings[0].pos == Position(1)
    assert fragment in result.warnings[0][1]


def test_a_list_gives_one_period_per_separate_day() -> None:
    result = parse_ferieplan("Fridage: 2. maj, 30. maj og 2. juni", "t.txt", school_year=2024)
    assert [(p.label, p.start) for p in result.periods] == [
        ("Fridage", date(2025, 5, 2)),
        ("Fridage", date(2025, 5, 30)),
        ("Fridage", date(2025, 6, 2)),
    ]


def test_date_line_without_label_is_unparsed() -> None:
    result = parse_ferieplan("Ferieplan 2024/2025\n\n12.-20. oktober\n", "t.txt")
    assert result.periods == []
    assert result.unparsed == [(Position(3), "12.-20. oktober")]


def test_no_school_year_and_no_years_is_a_clear_error() -> None:
    with pytest.raises(FerieplanError, match=r"plan\.txt, linje 2: skoleåret er ukendt"):
        parse_ferieplan("Efterårsferie\nuge 42\n", "plan.txt")


def test_heading_switches_school_year_mid_file() -> None:
    text = "Ferieplan 2024/25\nVinterferie uge 7\n\nFerieplan 2025/26\nVinterferie uge 7\n"
    result = parse_ferieplan(text, "t.txt", school_year=2020)
    assert [p.start for p in result.periods] == [date(2025, 2, 10), date(2026, 2, 9)]


def test_argument_wins_over_later_heading_for_lines_above_it() -> None:
    text = "Vinterferie uge 7\nFerieplan 2025/26\nVinterferie uge 7\n"
    result = parse_ferieplan(text, "t.txt", school_year=2023)
    assert [p.start for p in result.periods] == [date(2024, 2, 12), date(2026, 2, 9)]


def test_dated_heading_like_line_is_a_row_not_a_heading() -> None:
    result = parse_ferieplan("Skolestart 2024/25: mandag 12. august 2024", "t.txt")
    assert [(p.label, p.start, p.kind) for p in result.periods] == [
        ("Skolestart 2024/25", date(2024, 8, 12), "school_event")
    ]


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("0123456789 .-/\t\nugejandecmajoktlørdagÆØÅæøå:,()")), max_size=120)
)
def test_arbitrary_text_never_crashes(text: str) -> None:
    result = parse_ferieplan(text, "fuzz.txt", school_year=2024)
    lines = text.splitlines()
    for note in result.unparsed:  # the unit as read: its words all stand on the line it names
        line = lines[note.pos.line - 1]
        assert all(word in line for word in note.text.replace(" | ", " ").split()), (line, note)
    for p in result.periods:
        assert p.start <= p.end
