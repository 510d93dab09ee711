"""Table-driven tests for Danish date expressions (khal style: one row per form)."""

from datetime import date, time

import pytest

from planner.dates import (
    find_dates,
    format_long,
    format_short,
    parse_date,
    parse_day_label,
    parse_time_range,
    week_label,
)

REF = date(2024, 8, 7)  # the meeting date of the document a phrase comes from

SINGLE_DATES = [
    ("d. 7. august", REF, date(2024, 8, 7)),
    ("den 14. august", REF, date(2024, 8, 14)),
    ("7. august 2024", None, date(2024, 8, 7)),
    ("Onsdag den 7. august 2024", None, date(2024, 8, 7)),
    ("ØK d. 7/1 2025", None, date(2025, 1, 7)),
    ("Beslutning i Direktionen den 24-01-2024", None, date(2024, 1, 24)),
    ("13. Sep.", date(2023, 9, 6), date(2023, 9, 13)),
    ("13. Sept.", date(2023, 9, 6), date(2023, 9, 13)),
    ("2. jul", date(2025, 1, 15), date(2025, 7, 2)),
    ("Nytårskur v. Business Djursland d. 9. Januar", date(2025, 1, 15), date(2025, 1, 9)),
    ("Dato: 22.5.2017", None, date(2017, 5, 22)),
    ("Dato: 6.6.16", None, date(2016, 6, 6)),
    ("På direktionsmødet den 18/12 drøftede", date(2025, 1, 15), date(2024, 12, 18)),
    ("koncernledelsen den 19. december", date(2025, 1, 15), date(2024, 12, 19)),
    ("Dato : 12. september 2007 Start kl. : 9.00", None, date(2007, 9, 12)),
    ("Chefforum d. 23. feb.", date(2024, 1, 24), date(2024, 2, 23)),
    ("Arbejdsmarkedsudvalgsmøde d. 27. juni", REF, date(2024, 6, 27)),
    ("ØK d. 11/6 2024", None, date(2024, 6, 11)),
    ("9 januar 2025", None, date(2025, 1, 9)),
    ("Chefforum d. 15.1", date(2024, 12, 4), date(2025, 1, 15)),  # day and month with a period, no year
    ("Borgermøde den 3.2. kl. 19", date(2025, 1, 15), date(2025, 2, 3)),
    ("KKR-møde d.15.1, Aarhus", date(2025, 1, 8), date(2025, 1, 15)),
]


@pytest.mark.parametrize(("text", "ref", "expected"), SINGLE_DATES)
def test_single_dates(text, ref, expected):
    assert parse_date(text, ref) == expected


RANGES = [
    (
        "Kommunalbestyrelsesseminar d. 27.-28. januar",
        date(2025, 1, 15),
        (date(2025, 1, 27), date(2025, 1, 28)),
    ),
    ("Kommunaløkonomisk Forum 16.-17. januar", date(2025, 1, 15), (date(2025, 1, 16), date(2025, 1, 17))),
    ("26. august-10. september", REF, (date(2024, 8, 26), date(2024, 9, 10))),
    ("d. 27.–28. januar", date(2025, 1, 15), (date(2025, 1, 27), date(2025, 1, 28))),
    ("12-12 KB-seminar 27. januar-28. januar 2025", None, (date(2025, 1, 27), date(2025, 1, 28))),
    ("seminar den 9. - 10. april 2025", None, (date(2025, 4, 9), date(2025, 4, 10))),
    ("Direktionsseminar d. 8.-9. august", REF, (date(2024, 8, 8), date(2024, 8, 9))),
    ("Juleferie 21. dec.-2. jan.", date(2024, 12, 4), (date(2024, 12, 21), date(2025, 1, 2))),
    ("efterårsferie uge 42", REF, (date(2024, 10, 14), date(2024, 10, 20))),
    ("Vinterferie Uge 7", date(2025, 1, 15), (date(2025, 2, 10), date(2025, 2, 16))),
    ("uge 42 2025", None, (date(2025, 10, 13), date(2025, 10, 19))),
    ("primo august", REF, (date(2024, 8, 1), date(2024, 8, 10))),
    ("medio august", REF, (date(2024, 8, 11), date(2024, 8, 20))),
    ("ultimo august", REF, (date(2024, 8, 21), date(2024, 8, 31))),
    ("ultimo februar 2024", None, (date(2024, 2, 21), date(2024, 2, 29))),
]


@pytest.mark.parametrize(("text", "ref", "expected"), RANGES)
def test_ranges(text, ref, expected):
    spans, problems = find_dates(text, ref)
    assert problems == []
    assert [(s.start, s.end) for s in spans] == [expected]


def test_fuzzy_and_week_spans_are_marked():
    spans, _ = find_dates("Punktet bliver forventligt ultimo august eller primo september", REF)
    assert [(s.fuzzy, s.start, s.end) for s in spans] == [
        ("ultimo", date(2024, 8, 21), date(2024, 8, 31)),
        ("primo", date(2024, 9, 1), date(2024, 9, 10)),
    ]


NOT_DATES = [
    "Tid 10.45-11.15 Punkt 2",
    "Ny model for sygefravær 1-3-10",
    "Borgerrådgiverens beretning 2023 Norddjurs kommune 59531/24",
    "1. Beslutningsprotokoller og dagsordener",
    "Økonomiudvalgsmøde (2. behandling)",
    "Udbetaling af 6. ferieuge",
    "00.30.02.S00 25/173",
    "Direktionen arbejder med 5 minutters oplæg",
    "jf. punkt 15.1 i aftalen",  # a section's number: "d." or "den" must say it is a day
    "version 2.1 af strategien",
    "mødet starter d. 9.30",  # no month 30
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text):
    spans, problems = find_dates(text, REF)
    assert spans == [] and problems == []


BAD = [
    ("Møde d. 31. februar", "findes ikke"),
    ("Møde d. 30. februar 2024", "findes ikke"),
    ("Møde d. 12. agust", "ukendt måned"),
    ("Seminar 3.-4. setpember", "ukendt måned"),
    ("ØK d. 12/13 2024", None),  # not a date at all: month 13 is not read as one
]


@pytest.mark.parametrize(("text", "message"), BAD)
def test_bad_dates_are_problems_not_dates(text, message):
    spans, problems = find_dates(text, REF)
    assert spans == []
    if message:
        assert len(problems) == 1 and message in problems[0].message


def test_weekday_mismatch_is_reported_but_date_kept():
    spans, problems = find_dates("Torsdag den 7. august 2024", None)
    assert spans[0].start == date(2024, 8, 7)
    assert "onsdag" in problems[0].message


@pytest.mark.parametrize(
    ("text", "day", "problem"),
    [
        # The patterns' case folding takes "ı", "İ" and "ſ" for "i" and "s"; str.lower() does not: such a
        # weekday is still a weekday (it raised KeyError, and the part of the document was lost)
        ("tırsdag 6. maj 2025", date(2025, 5, 6), None),
        ("TİRSDAG 6. MAJ 2025", date(2025, 5, 6), None),
        ("onſdag 7. maj 2025", date(2025, 5, 7), None),
        ("tırsdag 5. maj 2025", date(2025, 5, 5), "2025-05-05 er en mandag, ikke tirsdag"),
    ],
)
def test_a_weekday_in_letters_the_patterns_fold_is_checked_as_a_weekday(text, day, problem):
    spans, problems = find_dates(text, None)
    assert [s.start for s in spans] == [day]
    assert [p.message.split(": ", 1)[1] for p in problems] == ([problem] if problem else [])


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("14. aug.", (14, 8, None)),
        ("2. jul", (2, 7, None)),
        ("13. Sep.", (13, 9, None)),
        ("9. jul.", (9, 7, None)),
        ("7. maj", (7, 5, None)),
        ("Onsdag 3. april", (3, 4, None)),
        ("4/9", (4, 9, None)),
        ("Efterårsferie", None),
        ("Januar 20.", (20, 1, None)),
        ("15-maj-2002", (15, 5, 2002)),
        ("onsdag 5.3.2025", (5, 3, 2025)),
        ("14. aug. 2024", (14, 8, 2024)),
        ("d. 8/1 2025", (8, 1, 2025)),
        ("Marts 4., 2026", (4, 3, 2026)),
        ("May 20.", (20, 5, None)),  # an English month left in, written first: as "Maj 20."
        ("October 2., 2025", (2, 10, 2025)),
    ],
)
def test_day_labels(label, expected):
    assert parse_day_label(label) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9.00", (time(9), None)),
        ("10.45-", (time(10, 45), None)),
        ("kl. 8.00-9.00", (time(8), time(9))),
        ("9:00", (time(9), None)),
        ("Pause", (None, None)),
    ],
)
def test_time_ranges(text, expected):
    assert parse_time_range(text) == expected


def test_danish_formatting():
    assert format_long(date(2025, 1, 15)) == "onsdag 15. januar 2025"
    assert format_short(date(2025, 1, 15)) == "15. jan. 2025"
    assert format_short(date(2025, 5, 7)) == "7. maj 2025"
    assert week_label(date(2024, 10, 16)) == "uge 42"


def test_lead_screen_takes_every_character_a_weekday_or_prefix_may_start_with():
    """`_LEAD_START` lets the date patterns pass over positions; it must never pass over a real start, such
    as "Søndag", "ſøndag" (IGNORECASE folds ſ to s) or "DEN", or a date in those would be silently lost."""
    import re
    import sys

    from planner.danish import WEEKDAY_NAMES
    from planner.dates import _LEAD_START, find_dates

    screen = re.compile(_LEAD_START, re.IGNORECASE)
    initials = [re.compile(re.escape(w[0]), re.IGNORECASE) for w in (*WEEKDAY_NAMES, "d")]
    starters = [chr(c) for c in range(min(sys.maxunicode, 0x2FFFF)) if any(p.match(chr(c)) for p in initials)]
    assert {"S", "ſ", "D", "m"} <= set(starters)
    assert [c for c in starters if not screen.match(c)] == []
    for text in ("ſøndag den 5. maj 2024", "SØNDAG DEN 5. MAJ 2024", "DEN 5. MAJ 2024"):
        spans, _ = find_dates(text, None)
        assert [(s.start.isoformat(), s.pos, s.text) for s in spans] == [("2024-05-05", 0, text)]
    spans, _ = find_dates("DEN 5.-6. MAJ 2024", None)
    assert [(s.start.isoformat(), s.end.isoformat(), s.pos) for s in spans] == [
        ("2024-05-05", "2024-05-06", 0)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Temadag Januar 20.", date(2025, 1, 20)),
        ("Temadag May 20.", date(2025, 5, 20)),  # an English month left in, written first: as "Maj 20."
        ("Frist October 2., 2025", date(2025, 10, 2)),
    ],
)
def test_month_first_dates_in_text(text, expected):
    spans, problems = find_dates(text, date(2025, 3, 1))
    assert [s.start for s in spans] == [expected] and not problems


def test_a_forward_plan_row_whose_weekday_has_letters_the_patterns_fold_is_a_row():
    # "Tırsdag" raised StopIteration in the row's weekday check, and the whole forward plan was lost
    from planner.parse.document import parse_text

    text = (
        "Direktionen\nDato: 1. maj 2025\n\n1. Punkter til kommende møder\nÅben sag\n"
        "Tırsdag 6. maj 2025\tBudget\nTİRSDAG 13. maj 2025\tØkonomi\nTırsdag 21. maj 2025\tRekruttering\n"
    )
    d = parse_text(text, "direktion_2025_05_01.txt")
    assert [(r.date, [p.text for p in r.points]) for r in d.forward_plan] == [
        (date(2025, 5, 6), ["Budget"]),
        (date(2025, 5, 13), ["Økonomi"]),
        (date(2025, 5, 21), ["Rekruttering"]),
    ]
    assert [(w.line, w.message) for w in d.warnings] == [
        (8, "'Tırsdag 21. maj 2025': 2025-05-21 er en onsdag, ikke tirsdag")
    ]
