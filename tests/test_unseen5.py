"""Agendas and holiday plans written as a new user's secretariat writes them, none of them in the corpus before.

Each fixture in tests/fixtures/unseen5/ once lost a point, a meeting or an absence, read a wrong date or
gave a warning that made no sense: a plan laid out as a `<dl>` per meeting under its date heading, the
political cycle as a `| Rul | ØK | KB |` table, an e-mail whose rows start "Ons 11/3", bold date lines
with their points counted "1.", "2." and a holiday period "24. juni – 5. august", backlog points typed as
lines under "Afventer dato:", a Word table with merged month rows, and a holiday plan written as
sentences ("Sommerferien begynder …, og første skoledag er …"). Every expected value is read from the
document itself. The Word fixture is made by make_unseen5.py.
"""

from __future__ import annotations

from pathlib import Path

from helpers_parsed import FIXTURES, JONAS, KIM, LENE, D, fixture_reader, rows

from planner.calendar.ferieplan import parse_document
from planner.documents import read_document
from planner.parse.document import parse_file
from planner.parse.model import ParsedDocument

UNSEEN = FIXTURES / "unseen5"
doc = fixture_reader(UNSEEN)

H = "school_holiday"


def hours(d: ParsedDocument) -> list[tuple]:
    return [(r.date, r.start and r.start.isoformat(), r.end and r.end.isoformat()) for r in d.forward_plan]


def test_a_description_list_per_meeting_under_its_date_heading():
    # <h3>Onsdag den 21. januar 2026</h3><dl><dt>Punkter</dt><dd>…</dd><dt>Afbud</dt><dd>KBN</dd></dl>:
    # the points, the absence and the closure were lost, each date read as a free meeting
    d = doc("direktion_2026_01_14_dl_per_meeting.html")
    assert rows(d) == [
        (D(2026, 1, 21), ["Budgetopfølgning", "Rekruttering af ny skolechef"], [], [KIM]),
        (D(2026, 1, 28), ["Klimaplan 2030"], [], []),
        (D(2026, 2, 4), [], ["Intet møde – KL-topmøde"], []),
    ]
    assert [p.text for p in d.awaiting_date] == ["Ny arbejdsmiljøstrategi"]
    assert d.unparsed == [] and d.warnings == []


def test_the_political_cycle_as_a_table_is_the_cycle_not_meetings_of_the_board():
    # "| Rul | ØK | KB |": the ØK dates were read as the board's meetings with the KB date as their point
    d = doc("direktion_2026_01_07_cycle_table.md")
    assert rows(d) == [
        (D(2026, 1, 14), ["Budgetopfølgning"], [], []),
        (D(2026, 1, 21), ["Klimaplan"], [], []),
    ]
    assert [(c.label, c.oekonomiudvalg, c.kommunalbestyrelse) for c in d.political_cycles] == [
        ("januar", D(2026, 1, 13), D(2026, 1, 27)),
        ("februar", D(2026, 2, 10), D(2026, 2, 24)),
        ("marts", D(2026, 3, 10), D(2026, 3, 24)),
    ]
    assert d.unparsed == []


def test_an_email_whose_rows_start_with_a_weekday_cut_short_without_its_dot():
    # "Ons 11/3 kl. 9-11 – Regnskab 2025": the whole plan was lost, and "Ons" became a cancelled event
    d = doc("direktion_2026_03_04_email_short_weekdays.txt")
    assert d.meeting.date == D(2026, 3, 4)
    assert rows(d) == [
        (D(2026, 3, 11), ["Regnskab 2025"], [], []),
        (D(2026, 3, 18), ["Sygefravær", "Trivselsmåling"], [], []),
        (D(2026, 3, 25), [], ["Aflyst (KL-konference)"], []),
        (D(2026, 4, 1), [], ["Påskeferie"], []),
    ]
    assert hours(d)[0] == (D(2026, 3, 11), "09:00:00", "11:00:00")
    assert not any(e.title.startswith("Ons") for e in d.events)


def test_bold_dates_with_counted_points_and_a_period_of_weeks():
    # "**10. juni**" was taken for a case numbered 10 and the plan was lost; "1. Budget …" kept its number;
    # "**24. juni – 5. august**" was 24 June with the point "5. august"; "ingen møder" was a point
    d = doc("direktion_2026_06_03_bold_dates_counted.md")
    summer = ["Sommerferie – ingen møder"]
    assert rows(d) == [
        (D(2026, 6, 10), ["Budget 2027 – overblik", "Status på rekruttering"], [], []),
        (D(2026, 6, 17), ["Trivselsundersøgelse"], [], [KIM]),
        *[(D(2026, 6, 24) + (D(2026, 1, 8) - D(2026, 1, 1)) * k, [], summer, []) for k in range(7)],
        (D(2026, 8, 12), ["Budgetseminar, forberedelse"], [], []),
    ]
    assert rows(d)[8][0] == D(2026, 8, 5)  # the period's last week is its last Wednesday
    assert d.unparsed == [] and d.warnings == []


def test_a_period_longer_than_eight_weeks_is_said_not_spread(tmp_path: Path):
    text = (
        "Dagsorden\n\nDato: Onsdag den 3. juni 2026\n\n1. Fremtidige punkter\n\nÅben sag\n\n"
        "24. juni – 30. september: Sommerferie\n"
    )
    path = tmp_path / "direktion_2026_06_03.txt"
    path.write_text(text, encoding="utf-8")
    d = parse_file(path)
    assert rows(d) == [(D(2026, 6, 24), [], ["Sommerferie"], [])]
    assert any("perioden '24. juni – 30. september'" in w.message for w in d.warnings)


def test_backlog_points_typed_as_lines_under_their_lead_in():
    # "Afventer dato:" / "Evaluering af sammenlægning" on the next line: the point was lost silently
    d = doc("direktion_2026_03_04_backlog_typed_lines.txt")
    assert [p.text for p in d.awaiting_date] == ["Evaluering af sammenlægning"]
    assert rows(d)[3] == (D(2026, 3, 25), [], [], [LENE])  # "Afbud: LMT"
    assert rows(d)[4] == (D(2026, 4, 1), [], ["Påske – intet møde"], [])


def test_word_table_with_week_column_merged_month_rows_and_hours():
    # "December 2025" / "Januar 2026" merged across a "Uge | Dato | Tid | Punkter" table were reported as
    # weeks not understood
    d = doc("direktion_2025_12_10_week_month_hours.docx")
    assert rows(d) == [
        (D(2025, 12, 17), ["Budgetopfølgning 3", "Julehilsen til medarbejdere"], [], []),
        (D(2025, 12, 24), [], ["Juleferie – intet møde"], []),
        (D(2026, 1, 7), ["Strategi 2030"], [], []),
        (D(2026, 1, 14), ["Sygefravær"], [], [KIM]),
    ]
    assert hours(d) == [
        (D(2025, 12, 17), "09:00:00", "11:00:00"),
        (D(2025, 12, 24), None, None),
        (D(2026, 1, 7), "13:00:00", "15:00:00"),
        (D(2026, 1, 14), "09:00:00", "11:00:00"),
    ]
    assert d.unparsed == []


def test_a_holiday_plan_written_as_sentences():
    # "Sommerferien begynder lørdag den 28. juni 2025, og første skoledag er mandag den 11. august 2025."
    # gave two one-day holidays, the second on the first school day; labels kept "ligger i", "er"
    name = "ferieplan_saetninger_2025-26.txt"
    result = parse_document(read_document((UNSEEN / name).read_bytes(), name))
    assert [(p.label, p.start, p.end, p.kind) for p in result.periods] == [
        ("Sommerferien", D(2025, 6, 28), D(2025, 8, 10), H),
        ("Efterårsferien", D(2025, 10, 11), D(2025, 10, 19), H),
        ("Juleferien", D(2025, 12, 20), D(2026, 1, 2), H),
        ("Vinterferien", D(2026, 2, 7), D(2026, 2, 15), H),
        ("Påskeferien", D(2026, 3, 28), D(2026, 4, 6), H),
        ("Kr. himmelfartsferie", D(2026, 5, 14), D(2026, 5, 17), H),
        ("Grundlovsdag", D(2026, 6, 5), D(2026, 6, 5), H),
    ]
    # "er fridag." after Grundlovsdag is said; "Sommerferien 2026 begynder …" names only its first day
    assert [(n.pos.line, n.text[:30]) for n in result.warnings] == [
        (9, "ignoreret tekst: 'er fridag.'"),
        (10, "'Sommerferien 2026': kun først"),
    ]


def test_minutes_whose_decision_stands_under_the_case_without_beslutning():
    # "2. Økonomi" / "Punktet blev udskudt til direktionsmøde den 14. januar." with no "Beslutning" part: the
    # postponement was lost. The plan crosses New Year in a printed PDF (the HTML is its source, printed
    # with scripts/print_pdf.py).
    for name in (
        "referat_2025_12_10_new_year_bare_decision.pdf",
        "referat_2025_12_10_new_year_bare_decision.html",
    ):
        d = doc(name)
        assert d.kind == "referat" and d.meeting.date == D(2025, 12, 10)
        assert [(p.text, p.date, p.postponed) for p in d.scheduled_by_decision] == [
            ("Økonomi", D(2026, 1, 14), True)
        ]
        assert [r[0] for r in rows(d)] == [
            D(2025, 12, 17),
            D(2025, 12, 31),
            D(2026, 1, 7),
            D(2026, 1, 14),
            D(2026, 1, 21),
        ]
        assert rows(d)[1][2] == ["Nytårsaftensdag – intet møde"]
        assert d.meeting.absent == [LENE]


def test_hvornaar_hvad_hvem_table_and_an_absence_with_its_reason():
    # "Hvornår | Hvad | Hvem": the header was a date not understood and the owners' initials were points;
    # "Fraværende: KBN (ferie)" stayed "KBN (ferie)"
    d = doc("direktion_2026_02_25_hvornaar_hvad_hvem.md")
    assert d.meeting.absent == [KIM]
    assert rows(d) == [
        (D(2026, 3, 4), ["Regnskab 2025"], [], []),  # "uge 10 (4. marts)"
        (D(2026, 3, 11), ["Sygefravær"], [], []),  # "ons. d. 11/3"
        (D(2026, 3, 18), ["Budget 2027 – proces"], [], []),  # "18.3."
        (D(2026, 3, 25), ["Temamøde om klima"], [], []),  # "25/3 kl. 13-15"
    ]
    assert [[p.owner for p in r.points] for r in d.forward_plan] == [[KIM], [LENE], [JONAS], [None]]
    assert hours(d)[3] == (D(2026, 3, 25), "13:00:00", "15:00:00")
    assert d.unparsed == []


def test_week_range_52_1_in_a_year_of_52_weeks_stays_in_that_winter():
    # "Uge 52-1: Juleferie" in 2025 (52 weeks): week 53 was 30 December 2026 and every row after it a year late
    d = doc("direktion_2025_12_10_weeks_52_1.txt")
    assert rows(d) == [
        (D(2025, 12, 17), ["Budgetopfølgning", "Julefrokost for direktionen"], [], []),
        (D(2025, 12, 24), [], ["Juleferie"], []),
        (D(2025, 12, 31), [], ["Juleferie"], []),
        (D(2026, 1, 7), ["Strategiseminar – forberedelse"], [], []),
        (D(2026, 1, 14), ["Sygefravær"], [], []),  # "Uge 3 (14/1)"
    ]
    assert d.warnings == []


def test_holiday_paragraphs_with_the_first_school_day_in_the_next_sentence():
    # "Sommerferie: fra lørdag den 27. juni 2026. Første skoledag efter sommerferien er mandag den 10. august
    # 2026." was a holiday up to and with the first school day
    name = "ferieplan_afsnit_2025-26.html"
    result = parse_document(read_document((UNSEEN / name).read_bytes(), name))
    assert [(p.label, p.start, p.end) for p in result.periods] == [
        ("Vinterferien", D(2026, 2, 9), D(2026, 2, 13)),
        ("Efterårsferien", D(2025, 10, 13), D(2025, 10, 17)),
        ("Juleferie", D(2025, 12, 22), D(2026, 1, 2)),
        ("Påskeferie", D(2026, 3, 30), D(2026, 4, 6)),
        ("Fredag efter Kr. himmelfartsdag", D(2026, 5, 15), D(2026, 5, 15)),
        ("Sommerferie", D(2026, 6, 27), D(2026, 8, 9)),
    ]
    assert result.warnings == [] and result.unparsed == []
