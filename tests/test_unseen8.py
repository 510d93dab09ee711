"""Agendas and minutes of the Direktion's family, as other boards and secretariats write them, that were read
wrongly, or not at all, without a word.

Each fixture in tests/fixtures/unseen8/ (made by make_unseen8.py) holds one family of such layouts: an
absence column saying why ("Lene på kursus", "JK holder fri", "Afbud fra Lene"; those were points "Afbud: …")
and who is away in a point's brackets ("Sygefravær (Kim fraværende)") or alone in a row ("Kim på ferie");
"Deltog ikke:" as the header's absence field; owners after "v/" or "ansvarlig:" without brackets; an Årshjul
table "Måned | Uge | Dato | Emne" (Word, HTML, PDF), rows labelled "Uge 51 – 17. december", month-first days
without their dot ("Dec. 17:"), the plan as bold day lines under "Næste møder" with a "Backlog", and an Årshjul
by month headings pasted without a meeting date (its years from the headings) – each of these plans was
dropped without a word; a committee list typed with tabs, no header, which became the board's own meetings
(one of them a year late); and decisions: "Beslutning: Flyttet til næste møde.", taken up again in a month
or at the next meeting ("Genoptages i maj", "tages op igen på næste møde"), put off to a numeric day
("7.1.2026") or a weekday and day, the move after a verdict ("Drøftet. Udsat til 4. marts."), and in the
plan's own decision a point of the plan named ("Status på budget 2026 blev udsat.").
"""

from __future__ import annotations

from helpers_parsed import FIXTURES, JONAS, KIM, LENE, D, fixture_reader, rows, said

from planner.parse.document import parse_text

UNSEEN = FIXTURES / "unseen8"
doc = fixture_reader(UNSEEN)


def moved(d) -> list[tuple]:
    """(point, date) of every point a decision moved to a day, and (point, note) of those it put off."""
    return [(p.text, p.date) for p in d.scheduled_by_decision] + [(p.text, p.note) for p in d.awaiting_date]


def test_an_absence_column_says_why_and_afbud_fra():
    d = doc("direktion_2026_02_04_absence_column_reasons.txt")
    assert rows(d) == [
        (D(2026, 2, 11), ["Budget 2027"], [], [LENE]),  # "Lene på kursus" was a point "Afbud: Lene på kursus"
        (D(2026, 2, 18), ["Strategi 2030"], [], [JONAS]),  # "JK holder fri"
        (D(2026, 2, 25), ["Sygefravær"], [], [KIM]),
        (D(2026, 3, 4), ["Rekruttering"], [], [LENE]),  # "Afbud fra Lene" was a point
        (D(2026, 3, 11), ["Regnskab"], [], [JONAS]),
    ]


def test_an_afbud_column_says_why_in_an_html_mail():
    d = doc("direktion_2026_03_25_afbud_reasons_html_mail.eml")
    assert rows(d) == [
        (D(2026, 4, 1), [], ["Påskeferie"], []),
        (D(2026, 4, 8), ["Budget 2027"], [], [LENE]),  # "Lene på ferie"
        (D(2026, 4, 15), ["Strategi 2030"], [], [JONAS]),  # "JK holder fri"
    ]


def test_who_is_away_in_a_points_brackets_or_alone_in_a_row():
    d = doc("direktion_2025_12_10_absence_in_brackets.txt")
    assert rows(d)[-1] == (
        D(2026, 1, 14),
        ["Sygefravær"],
        [],
        [KIM],
    )  # was the point "Sygefravær (Kim fraværende)"
    d = doc("direktion_2026_03_25_member_on_holiday.md")
    assert rows(d)[2] == (D(2026, 4, 15), [], [], [KIM])  # "Kim på ferie" was a point
    assert rows(d)[3] == (D(2026, 4, 22), ["Strategi 2030"], [], [LENE])
    assert rows(d)[5] == (D(2026, 5, 6), [], ["Direktionen holder fri"], [])  # no meeting; was a point


def test_deltog_ikke_is_the_absence_field():
    d = doc("direktion_2026_01_21_deltog_ikke.txt")
    assert d.meeting.absent == [LENE, KIM]  # "Afbud fra: Lene på kursus" was a name "Lene på kursus"
    assert said(d) == []  # "Deltog ikke: Kim Bruun Nielsen" was a header line not understood


def test_owners_after_v_and_ansvarlig_without_brackets():
    d = doc("direktion_2026_03_04_owners_after_marker.txt")
    owners = [(p.text, p.owner) for r in d.forward_plan for p in r.points]
    assert owners[0] == ("Budget 2027", KIM)  # "Budget 2027 v/ KBN"
    assert owners[1] == ("Sygefravær", LENE)  # "(ansv. LMT)", as before
    assert owners[-1] == ("Rekruttering", LENE)  # "Rekruttering, ansvarlig: Lene"
    # a dash before initials, and sentences about a member, stay points as written
    assert owners[2:5] == [
        ("Strategi 2030 – JK", None),
        ("Lene deltager fra kl. 10", None),
        ("Kim deltager kun i punkt 1", None),
    ]


def test_a_members_initials_after_the_point_without_a_header_are_its_owner():
    d = doc("direktion_2025_12_10_tab_paragraphs_initials.docx")
    assert [[(p.text, p.owner) for p in r.points] for r in d.forward_plan] == [
        [("Budgetopfølgning", None)],
        [("Regnskab 2025", JONAS)],  # "7. januar <tab> Regnskab 2025 <tab> JK": "JK" was a point
        [("Strategi 2030", None)],
        [("Sygefravær", None)],
    ]


ARSHJUL_TABLE = [
    (D(2025, 11, 19), ["Budgetopfølgning"], [], []),
    (D(2025, 11, 26), [], ["Ferie – ingen møde"], []),
    (D(2025, 12, 3), ["Strategi 2030"], [], [LENE]),  # "Strategi 2030 (afbud: Lene)"
    (D(2025, 12, 10), ["Regnskab"], [], []),
    (D(2026, 1, 7), ["Nytårskur"], [], []),
]


def test_a_month_week_date_table_is_the_plan_in_html_and_pdf():
    # "Måned | Uge | Dato | Emne": no table was read, and nothing said so
    for name in (
        "direktion_2025_11_12_month_week_date_table.html",
        "direktion_2025_11_12_month_week_date_table.pdf",
    ):
        assert rows(doc(name)) == ARSHJUL_TABLE, name


def test_word_minutes_with_a_month_week_table_inline_decisions_and_a_backlog():
    d = doc("direktion_2026_01_14_referat_month_week_table.docx")
    assert rows(d) == [
        (D(2026, 1, 21), ["Regnskab 2025"], [], [LENE]),
        (D(2026, 1, 28), ["Strategi 2030"], [], []),
        (D(2026, 2, 4), [], ["Vinterferie"], []),
        (D(2026, 2, 11), ["Rekruttering"], [], [KIM]),
    ]
    assert [(p.text, p.date) for p in d.scheduled_by_decision] == [("Sygefravær", D(2026, 1, 21))]
    assert [(p.text, p.note) for p in d.awaiting_date] == [
        (
            "Budget 2027",
            "Beslutning i Direktionen, linje 9: forventet marts 2026",
        ),  # "Drøftet. Genoptages i marts."
        ("Arbejdsmiljøstrategi", None),  # under "Backlog:"
        ("Digitaliseringsstrategi", None),
    ]


def test_rows_labelled_by_week_and_day():
    d = doc("direktion_2025_12_10_week_dash_date.txt")
    assert [(r.date, r.label) for r in d.forward_plan] == [
        (D(2025, 12, 17), "Uge 51 – 17. december"),
        (D(2025, 12, 24), "Uge 52 – 24. december"),
        (D(2025, 12, 31), "Uge 1 – 31. december"),
        (D(2026, 1, 7), "Uge 2 – 7. januar"),
        (D(2026, 1, 14), "Uge 3 – 14. januar"),
    ]
    assert rows(d)[1][2] == ["Helligdag"]


def test_month_first_days_without_their_dot():
    d = doc("koncernledelsen_2025_12_10_month_first_no_dot.txt")
    assert rows(d) == [
        (D(2025, 12, 17), ["Budgetopfølgning"], [], []),
        (D(2026, 1, 7), ["Regnskab 2025"], [], []),
        (D(2026, 1, 14), ["Strategi 2030"], [], []),
    ]


def test_naeste_moeder_and_a_backlog_heading():
    d = doc("direktion_2026_02_04_naeste_moeder_backlog.md")
    assert rows(d) == [
        (D(2026, 2, 11), ["Budget 2027"], [], [LENE]),
        (D(2026, 2, 18), [], ["Vinterferie – intet møde"], []),
        (D(2026, 2, 25), ["Strategi 2030", "Sygefravær"], [], []),
    ]
    assert [p.owner for p in d.forward_plan[2].points] == [JONAS, KIM]
    assert [p.text for p in d.awaiting_date] == ["Arbejdsmiljøstrategi", "Digitaliseringsstrategi"]


def test_an_aarshjul_by_month_headings_takes_its_years_from_them():
    # a fragment without a meeting date: the headings "December 2025", "Januar 2026" give the years
    for name in ("aarshjul_fragment_month_headings.html", "aarshjul_fragment_month_headings.pdf"):
        d = doc(name)
        assert rows(d) == [
            (D(2025, 12, 10), ["Budgetopfølgning"], [], []),
            (D(2025, 12, 17), [], ["Julefrokost – intet møde"], []),
            (D(2026, 1, 7), ["Regnskab 2025"], [], []),
            (D(2026, 1, 14), ["Strategi 2030"], [], ["Lene"]),  # no members to resolve the name against
            (D(2026, 1, 21), [], ["Aflyst"], []),
        ], name
        assert said(d) == ["mødedato ikke fundet; år kan ikke udledes for datoer uden årstal"], name


def test_a_committee_list_typed_with_tabs_is_other_bodies_meetings():
    d = doc("direktion_2026_03_04_committee_list_tabs.txt")
    # "Økonomiudvalget <tab> 10. marts" were the board's own meetings, "3. marts" read as 2027
    assert [r.date for r in d.forward_plan] == [D(2026, 3, 11), D(2026, 3, 18), D(2026, 3, 25)]
    assert sorted((e.title, e.start) for e in d.events) == [
        ("Børne- og Ungdomsudvalget", D(2026, 3, 3)),
        ("Kommunalbestyrelsen", D(2026, 3, 24)),
        ("Social- og Sundhedsudvalget", D(2026, 3, 11)),
        ("Økonomiudvalget", D(2026, 3, 10)),
    ]
    assert said(d) == []


def test_inline_decisions_moving_to_the_next_meeting_or_a_month():
    d = doc("chefgruppen_2026_01_07_beslutning_inline.txt")
    assert moved(d) == [
        ("Sundhedsaftale", D(2026, 2, 4)),
        ("Rekruttering", D(2026, 1, 14)),  # "Beslutning: Flyttet til næste møde." was lost without a word
        ("Budget 2027", "Beslutning i Direktionen, linje 21: Punktet blev udsat; ingen ny dato"),
        ("Trivselsmåling", "Beslutning i Direktionen, linje 43: forventet maj 2026"),  # "Genoptages i maj."
    ]


def test_taken_up_again_and_a_numeric_day():
    d = doc("referat_2025_12_17_taken_up_again.md")
    assert moved(d) == [
        ("Budget 2027", D(2026, 1, 14)),
        ("Rekruttering", D(2026, 1, 7)),  # "udskudt til 7.1.2026" was said as unreadable
        ("Arbejdsmiljø", D(2026, 1, 7)),  # "tages op igen på næste møde"
        (
            "Sygefravær",
            "Beslutning i Direktionen, linje 15: forventet februar 2026",
        ),  # "genoptages i februar"
    ]
    assert said(d) == []


MINUTES = """Direktionen

REFERAT

Dato: Onsdag den 4. marts 2026

1. Budget 2027

Åben sag

Beslutning i Direktionen den 04-03-2026

{decision}
"""


def test_taken_up_again_in_a_month_of_the_board_not_of_another_body():
    def hints(decision: str) -> list[str | None]:
        return [p.note for p in parse_text(MINUTES.format(decision=decision), "referat.txt").awaiting_date]

    assert hints("Punktet genoptages i maj.") == [
        "Beslutning i Direktionen den 2026-03-04, linje 13: forventet maj 2026"
    ]
    assert hints("Godkendt. Drøftes igen på mødet i juni 2026.") == [
        "Beslutning i Direktionen den 2026-03-04, linje 13: forventet juni 2026"
    ]
    assert hints("Punktet behandles i maj i Økonomiudvalget.") == []  # another body's month
    assert hints("Sagen drøftes igen.") == []  # no time: nothing moved


def test_a_move_after_a_verdict_and_a_weekday_before_the_day():
    d = doc("referat_2026_02_04_verdict_then_move.txt")
    assert moved(d) == [
        ("Budget 2027", D(2026, 3, 4)),  # "Drøftet. Udsat til 4. marts." was lost without a word
        ("Rekruttering", D(2026, 2, 25)),  # "flyttes til onsdag den 25. februar"
        ("Trivselsmåling", D(2026, 2, 18)),
        ("Sygefravær", "Beslutning i Direktionen den 2026-02-04, linje 25: forventet april 2026"),
    ]
    # "torsdag den 18. februar" is a Wednesday: the day is read as written, and said
    assert said(d) == ["'flyttes til torsdag den 18. februar': 2026-02-18 er en onsdag, ikke torsdag"]


def test_the_plans_own_decision_names_a_point_of_the_plan():
    d = doc("referat_2026_03_04_plan_point_put_off.txt")
    note = "Beslutning i Direktionen den 2026-03-04, linje"
    assert moved(d) == [
        (
            "Sygefravær",
            D(2026, 3, 25),
        ),  # "Sygefravær blev flyttet til den 25. marts." (a title, then the verb)
        (
            "Status på budget 2026",
            f"{note} 21: Status på budget 2026 blev udsat; ingen ny dato",
        ),  # the plan's
        ("Rekruttering", f"{note} 25: forventet april 2026"),  # "- Rekruttering genoptages i april."
    ]
    assert d.awaiting_date[0].postponed
    # the meeting moved is no point: said, not dropped
    assert said(d) == [
        "beslutningen flytter noget, der ikke kan læses som et punkt: 'Mødet den 18. marts flyttes til torsdag "
        "den 19. marts.'; intet er flyttet"
    ]


def test_an_aarshjul_as_lines_with_days_under_their_month():
    d = doc("direktion_2026_01_07_month_lines_days_only.txt")
    # "Januar" / "- 14.: Budget 2027": the plan was lost without a word
    assert rows(d) == [
        (D(2026, 1, 14), ["Budget 2027"], [], []),
        (D(2026, 1, 21), ["Strategi 2030"], [], []),
        (D(2026, 2, 4), ["Regnskab 2025"], [], []),
        (D(2026, 2, 11), [], ["Vinterferie"], []),
    ]


def test_rykkes_til_in_the_plans_own_decision():
    d = doc("referat_2025_12_10_rykkes_til.txt")
    assert moved(d) == [
        ("Sygefravær", D(2025, 12, 10)),  # "Sygefravær udgår.": taken off at this meeting (`dropped`)
        ("Regnskab 2025", D(2026, 1, 14)),  # "Regnskab 2025 rykkes til 14. januar."
        ("Budgetopfølgning", "Beslutning i Direktionen den 2025-12-10, linje 21: forventet januar 2026"),
    ]
    assert [p.text for p in d.scheduled_by_decision if p.dropped] == ["Sygefravær"]
