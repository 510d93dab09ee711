"""Agendas and minutes laid out as other secretariats lay them out (tests/fixtures/grammar4/).

- A forward-plan row's own hours ("Onsdag 18. marts 2026 kl. 13.00-15.00", a "Tid" column) are its
  meeting's hours: in `planner parse --json` (`start`, `end` per row) and in what `planner import` stores,
  until that meeting's own document says otherwise.
- A meeting date written only in a sentence of the title block ("Referat af Direktionens møde onsdag den
  18. marts 2026 kl. 13.00-14.30 …", "…, der afholdes den 11/3-2026 kl. 9") is the meeting's, with its
  hours; a letterhead's or a sending date is not, and two meeting dates that disagree are said.

Every expected value is read from the fixture itself.
"""

from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path

import pytest
from helpers_proc import planner_as_user

from planner.parse.document import parse_file
from planner.parse.model import ParsedDocument

FIXTURES = Path(__file__).parent / "fixtures" / "grammar4"


def run(*args, db: Path | None = None) -> subprocess.CompletedProcess:
    return planner_as_user(*args, db=db, timeout=120)


def parsed_json(*names: str) -> list[dict]:
    proc = run("parse", *(FIXTURES / n for n in names), "--json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def doc(name: str) -> ParsedDocument:
    return parse_file(FIXTURES / name)


def hours(rows: list[dict]) -> list[tuple]:
    return [(r["date"], r["start"], r["end"]) for r in rows]


def messages(d: ParsedDocument) -> list[tuple[int, str]]:
    return [(w.line, w.message) for w in d.warnings]


# --- 1. a forward-plan row's own hours ---------------------------------------------------------------


def test_row_hours_after_the_date_are_the_rows_start_and_end_in_parse_json():
    [d] = parsed_json("direktion_2026_03_04_row_hours.txt")
    assert d["meeting"]["date"] == "2026-03-04"
    assert (d["meeting"]["start"], d["meeting"]["end"]) == ("09:00", "12:00")
    assert hours(d["forward_plan"]) == [
        ("2026-03-11", None, None),
        ("2026-03-18", "13:00", "15:00"),  # "Onsdag 18. marts 2026 kl. 13.00-15.00" (was "ikke forstået")
        ("2026-03-25", None, None),
        ("2026-04-02", "08:30", None),  # "Torsdag 2. april 2026 kl. 8.30": a start only
        ("2026-04-08", "13:00", "15:00"),  # "kl. 13-15: Temamøde …" opening the points
        ("2026-04-15", "09:00", "12:00"),  # "15. april 2026 fra kl. 9 til 12"
    ]
    points = {r["date"]: r["points"] for r in d["forward_plan"]}
    assert points["2026-03-18"] == ["Ekstra møde: Budget 2027 – rammer og proces"]
    assert points["2026-04-02"] == ["Rekruttering af ny ungechef"]
    assert points["2026-04-08"] == ["Temamøde om arbejdsmiljø"]
    assert d["unparsed"] == [] and d["warnings"] == []


def test_a_time_column_gives_each_row_its_hours_and_an_unreadable_one_is_said():
    d = doc("direktion_2026_03_11_time_column.md")
    assert [(r.date, r.start, r.end) for r in d.forward_plan] == [
        (date(2026, 3, 18), *_t("13:00", "15:00")),
        (date(2026, 3, 25), *_t("09:00", "12:00")),
        (date(2026, 4, 8), None, None),
        (date(2026, 4, 15), None, None),
    ]
    # the "Tid" and "Ansvarlig" columns are no points
    assert [[p.text for p in r.points] for r in d.forward_plan] == [
        ["Budget 2027 – rammer og proces"],
        ["Sygefravær 2025"],
        ["Direktionsseminar om strategi 2030"],
        ["Arbejdsmiljøstrategi"],
    ]
    line = next(r.line for r in d.forward_plan if r.date == date(2026, 4, 8))
    assert (line, "mødetidspunkt ikke forstået: 'Hele dagen'") in messages(d)


def _t(start: str, end: str) -> tuple:
    from datetime import time

    return time.fromisoformat(start), time.fromisoformat(end)


def stored_meetings(db: Path) -> dict[str, tuple]:
    proc = run(
        "meetings", "--from", "2026-03-01", "--to", "2026-04-30", "--today", "2026-03-01", "--json", db=db
    )
    assert proc.returncode == 0, proc.stderr
    return {m["date"]: (m["start"], m["end"], m["source"]) for m in json.loads(proc.stdout)}


def test_import_stores_the_rows_hours_until_the_meetings_own_document_states_its_own(tmp_path):
    db = tmp_path / "plan.db"
    proc = run("import", FIXTURES / "direktion_2026_03_04_row_hours.txt", db=db)
    assert proc.returncode == 0, proc.stderr
    got = stored_meetings(db)
    assert got["2026-03-04"][:2] == ("09:00", "12:00")  # the document's own header
    assert got["2026-03-18"][:2] == ("13:00", "15:00")  # the row's hours
    assert got["2026-03-11"][:2] == ("09:00", "13:00")  # a row without hours: the meeting's usual hours
    assert got["2026-04-02"][:2] == ("08:30", "12:30")  # a start only: the meeting keeps its length
    # The minutes of 18 March state their own hours in their title: they win over the earlier row.
    proc = run("import", FIXTURES / "referat_2026_03_18_title_sentence.txt", db=db)
    assert proc.returncode == 0, proc.stderr
    assert stored_meetings(db)["2026-03-18"][:2] == ("13:00", "14:30")


# --- 2. the meeting date in a sentence of the title block --------------------------------------------


def test_the_meeting_date_and_hours_come_from_the_title_sentence_not_the_letterhead():
    [d] = parsed_json("direktion_2026_03_11_letterhead.txt")
    # "Ledelsessekretariatet, 6. marts 2026" is the letter's date; the meeting is "den 11/3-2026 kl. 9"
    assert (d["meeting"]["date"], d["meeting"]["start"], d["meeting"]["end"]) == ("2026-03-11", "09:00", None)
    assert d["fragment"] is False
    assert [r["date"] for r in d["forward_plan"]] == ["2026-03-18", "2026-03-25"]


def test_a_sending_date_before_the_title_sentence_is_not_the_meeting_date():
    d = doc("referat_2026_03_18_title_sentence.txt")
    assert d.kind == "referat"
    assert d.meeting.date == date(2026, 3, 18)  # not "Sendt 16. marts 2026"
    assert (d.meeting.start, d.meeting.end) == _t("13:00", "14:30")
    assert d.meeting.date_line == 5
    assert d.issue is not None and d.issue.issued == date(2026, 3, 16)


def test_a_year_written_after_the_hours_dates_the_meeting():
    d = doc("direktion_2026_03_25_holdes_sentence.txt")  # "Mødet holdes 25. marts kl. 8.30-10.00 2026 …"
    assert (d.meeting.date, d.meeting.start, d.meeting.end) == (date(2026, 3, 25), *_t("08:30", "10:00"))
    assert not d.fragment
    assert [r.date for r in d.forward_plan] == [date(2026, 4, 8), date(2026, 4, 15)]
    assert d.unparsed == []  # the sentence is understood


def test_two_meeting_dates_in_the_title_block_are_said_with_their_lines():
    d = doc("direktion_2026_04_08_two_meeting_dates.txt")
    assert d.meeting.date == date(2026, 3, 25)  # the first, as written
    assert (
        3,
        "mødedatoen er tvetydig: 'den 25. marts 2026' og 'den 8. april 2026' (linje 5); læst som 2026-03-25",
    ) in messages(d)


def test_a_sending_date_alone_is_never_the_meeting_date():
    d = doc("direktion_dagsorden_udsendt.txt")  # "Dagsorden udsendt 2. marts 2026", no meeting date
    assert d.meeting.date is None and d.fragment
    assert (3, "'2. marts 2026' er dokumentets udsendelsesdato, ikke mødets dato") in messages(d)
    # the document's year still dates its rows
    assert [r.date for r in d.forward_plan] == [date(2026, 3, 11), date(2026, 3, 18)]


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Referat af Direktionens møde onsdag den 4. marts 2026 i mødelokale 1", (date(2026, 3, 4), None)),
        ("Dagsorden til direktionsmødet, der afholdes den 11/3-2026 kl. 9", (date(2026, 3, 11), "09:00")),
        (
            "Direktionen holder møde den 4. marts 2026 – mødet 25. februar 2026 blev aflyst",
            (date(2026, 3, 4), None),
        ),
        (
            "Til direktionen, 2. marts 2026\n\nDirektionsmøde 4. marts 2026 kl. 9-12",
            (date(2026, 3, 4), "09:00"),
        ),
        (
            "Norddjurs Kommune, 6. marts 2026\n\nDagsorden til direktionsmødet, der er flyttet til den 12. marts 2026",
            (date(2026, 3, 12), None),
        ),
        (  # "Næste møde" names another meeting
            "Dagsorden for direktionsmødet onsdag den 4. marts 2026\n\nNæste møde: onsdag den 11. marts 2026",
            (date(2026, 3, 4), None),
        ),
    ],
)
def test_title_sentences(tmp_path, title, expected):
    path = tmp_path / "dagsorden.txt"
    path.write_text(f"{title}\n\n1. Punkter til næste møde\n\nÅben sag\n\n18/3\tBudgetopfølgning\n", "utf-8")
    d = parse_file(path)
    start = d.meeting.start.strftime("%H:%M") if d.meeting.start else None
    assert (d.meeting.date, start) == expected


# --- 3. other boards, other names for the plan, other columns ----------------------------------------


def plan(d: ParsedDocument) -> list[tuple]:
    return [(r.date, [p.text for p in r.points], list(r.closures)) for r in d.forward_plan]


def details(d: ParsedDocument) -> list[tuple]:
    return [(p.text, p.owner, p.note) for r in d.forward_plan for p in r.points]


def test_fremtidige_punkter_with_the_date_in_the_last_column_and_a_backlog_table_with_owners():
    d = doc("koncernledelsen_2026_03_04_fremtidige_punkter.txt")
    assert (d.meeting.date, d.unparsed) == (date(2026, 3, 4), [])  # "Koncernledelsen" is the board's name
    # "Emne | Ansvarlig | Dato" with "11.03.26": the whole plan was lost without a word
    assert plan(d) == [
        (date(2026, 3, 11), ["Budgetopfølgning februar"], []),
        (date(2026, 3, 18), ["Sygefravær 2025"], []),
        (date(2026, 3, 25), ["Rekruttering af ny ungechef"], []),
        (date(2026, 4, 8), ["Digitaliseringsstrategi 2026-2029"], []),
    ]
    assert details(d)[2] == ("Rekruttering af ny ungechef", "Jonas Kroustrup", "udsat fra 2026-03-04")
    assert d.forward_plan[0].points[0].owner == "Bettina Andersen"
    # "Punkt | Ansvarlig": the header and the owners are no points (they were)
    assert [(p.text, p.owner) for p in d.awaiting_date] == [
        ("Arbejdsmiljøstrategi", "Lene Mehlsen Thomsen"),
        ("Klimaplan – status på handlinger", "Kim Bruun Nielsen"),
    ]
    [j] = parsed_json("koncernledelsen_2026_03_04_fremtidige_punkter.txt")
    assert j["forward_plan"][2]["point_details"][0]["note"] == "udsat fra 2026-03-04"
    first = j["awaiting_date_details"][0]
    assert (first["text"], first["owner"]) == ("Arbejdsmiljøstrategi", "Lene Mehlsen Thomsen")
    assert j["awaiting_date"] == ["Arbejdsmiljøstrategi", "Klimaplan – status på handlinger"]


def test_aarshjul_two_meetings_in_one_week_cancelled_rows_and_a_postponed_point():
    d = doc("chefgruppen_2026_03_11_aarshjul.md")
    assert (d.kind, d.meeting.date) == ("referat", date(2026, 3, 11))
    assert plan(d) == [
        (date(2026, 3, 17), ["Ekstra møde: Budget 2027 – rammer"], []),  # "tirs. 17/3", week 12
        (date(2026, 3, 18), ["Sygefravær 2025"], []),  # "ons. 18/3", week 12 too
        (date(2026, 3, 25), [], ["Aflyst"]),  # cancelled: no point
        (date(2026, 4, 1), [], ["Aflyst – påskeferie"]),
        (date(2026, 4, 8), ["Rekruttering af ny ungechef"], []),
        (date(2026, 4, 15), ["Arbejdsmiljøstrategi"], []),
    ]
    assert ("Rekruttering af ny ungechef", "Jonas Kroustrup", "udsat fra 2026-03-25") in details(d)
    assert d.warnings == [] and d.unparsed == []


def test_planlaegningsoversigt_lines_weeks_with_dates_hours_and_a_year_that_goes_back():
    d = doc("direktionsmoede_2026_03_18_planlaegningsoversigt.txt")
    assert (d.meeting.date, d.meeting.start) == (
        date(2026, 3, 18),
        _t("09:00", "12:00")[0],
    )  # "Dato: 18.03.26"
    assert plan(d) == [
        (date(2026, 3, 25), ["Sygefravær 2025"], []),  # "Uge 13 (25/3):"
        (date(2026, 4, 1), [], ["Aflyst"]),
        (date(2026, 4, 7), ["Ekstra møde om budget 2027"], []),  # "tirs. 7/4 kl. 13-15:"
        (date(2026, 4, 15), ["Klimaplan – status på handlinger"], []),
        (date(2025, 4, 22), ["Arbejdsmiljøstrategi"], []),  # "22.04.25": read as written …
    ]
    tuesday = d.forward_plan[2]
    assert (tuesday.start, tuesday.end) == _t("13:00", "15:00")
    assert d.forward_plan[3].points[0].note == "udsat fra 2026-03-25"
    last = d.forward_plan[-1]
    assert messages(d) == [
        (last.line, "'22.04.25' kommer før rækken over; læst som 2025-04-22")
    ]  # … and said


def test_remarks_column_cancels_or_notes_and_a_remark_about_the_day_is_said():
    d = doc("koncernledelsen_2026_04_08_referat_bemaerkninger.txt")
    assert (d.kind, d.meeting.date, d.unparsed) == ("referat", date(2026, 4, 8), [])
    assert plan(d) == [
        (date(2026, 4, 15), ["Arbejdsmiljøstrategi"], []),
        (date(2026, 4, 22), [], ["Aflyst"]),  # "Aflyst" in the "Bemærkning" column (the row looked free)
        (date(2026, 4, 29), ["Klimaplan – status på handlinger"], []),
        # the reason is part of the closure, not a point "KL's kommunalpolitiske topmøde"
        (
            date(2026, 5, 6),
            [],
            ["Mødet er aflyst pga. KL's kommunalpolitiske topmøde. Punkterne flyttes til næste møde"],
        ),
        (date(2026, 5, 13), ["Regnskab 2025"], []),
        (date(2026, 5, 20), ["Budget 2027 – første udkast"], []),  # "Koncernledelsesmøde den 20. maj:"
        (date(2026, 5, 27), ["Lederudvikling"], []),
    ]
    assert ("Klimaplan – status på handlinger", "Kim Bruun Nielsen", "udsat fra 2026-04-22") in details(d)
    assert ("Lederudvikling", None, "udsat fra 2026-04-29") in details(d)
    thursday = next(r for r in d.forward_plan if r.date == date(2026, 5, 13))
    assert messages(d) == [(thursday.line, "bemærkning om mødet er ikke læst: 'Mødet holdes torsdag'")]


def test_a_rows_weekday_that_disagrees_with_its_date_is_said(tmp_path):
    path = tmp_path / "dagsorden.txt"
    path.write_text(
        "Direktionen\n\nDagsorden\n\nDato: Onsdag den 4. marts 2026\n\n1. Fremtidige punkter\n\nÅben sag\n\n"
        "Onsdag 17. marts 2026 kl. 13.00-15.00\tBudget\n",
        "utf-8",
    )
    d = parse_file(path)
    assert [(r.date, r.start) for r in d.forward_plan] == [(date(2026, 3, 17), _t("13:00", "15:00")[0])]
    assert messages(d) == [
        (11, "'Onsdag 17. marts 2026 kl. 13.00-15.00': 2026-03-17 er en tirsdag, ikke onsdag")
    ]


def points_json(db: Path) -> list[dict]:
    proc = run("points", "--json", db=db)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_import_moves_the_postponed_point_keeps_owners_and_cancels_the_meeting(tmp_path):
    db = tmp_path / "plan.db"
    proc = run(
        "import",
        FIXTURES / "koncernledelsen_2026_03_04_fremtidige_punkter.txt",
        FIXTURES / "chefgruppen_2026_03_11_aarshjul.md",
        db=db,
    )
    assert proc.returncode == 0, proc.stderr
    points = points_json(db)
    titles = [p["title"] for p in points]
    # One point, moved from 25 March to 8 April by "(udsat fra 25/3)", not a second point beside it
    assert titles.count("Rekruttering af ny ungechef") == 1 and not any("udsat" in t for t in titles)
    rekruttering = next(p for p in points if p["title"] == "Rekruttering af ny ungechef")
    assert (rekruttering["date"], rekruttering["owner"]) == ("2026-04-08", "Jonas Kroustrup")
    # the backlog's owner column gives owners; its header and owners are no points
    assert not {"Punkt", "Ansvarlig", "Kim Bruun Nielsen", "Lene Mehlsen Thomsen"} & set(titles)
    klimaplan = next(p for p in points if p["title"] == "Klimaplan – status på handlinger")
    assert (klimaplan["date"], klimaplan["status"], klimaplan["owner"]) == (
        None,
        "afventer dato",
        "Kim Bruun Nielsen",
    )
    meetings = stored_meetings(db)
    status = {
        m["date"]: m["status"]
        for m in json.loads(
            run(
                "meetings",
                "--from",
                "2026-03-01",
                "--to",
                "2026-04-30",
                "--today",
                "2026-03-01",
                "--json",
                db=db,
            ).stdout
        )
    }
    assert status["2026-03-25"] == "aflyst"  # "Aflyst" in the later årshjul
    assert "2026-04-01" not in meetings  # "Aflyst – påskeferie": no meeting
    assert {"2026-03-17", "2026-03-18"} <= set(meetings)  # two meetings in week 12


def test_a_board_field_and_the_date_with_whole_hours_in_the_time_field():
    d = doc("koncernledelsen_2026_03_25_moedeforum.txt")
    # "Tidspunkt: Onsdag den 25. marts 2026, kl. 9-11": the date in the time field, hours without minutes
    assert (d.meeting.date, d.meeting.start, d.meeting.end) == (date(2026, 3, 25), *_t("09:00", "11:00"))
    assert d.meeting.location == "Rådhuset, mødelokale 2"
    assert d.unparsed == [] and d.warnings == []  # "Mødeforum: Koncernledelsen" names the board
    assert [r.date for r in d.forward_plan] == [date(2026, 4, 8), date(2026, 4, 15)]


def test_week_labels_with_dates_make_a_table_a_forward_table_and_a_boards_aarshjul_is_the_plan():
    d = doc("direktion_2026_03_11_uge_labels_table.txt")
    assert plan(d) == [
        (date(2026, 3, 18), ["Budget 2027 – rammer og proces"], []),  # "Uge 12 (18/3)": the table was lost
        (date(2026, 3, 24), ["Sygefravær 2025"], []),  # "Uge 13 (tirs. 24/3)"
        (date(2026, 4, 1), [], ["Aflyst"]),
        (date(2026, 4, 8), ["Klimaplan – status på handlinger"], []),  # "Koncernledelsens årshjul"
        (date(2026, 4, 15), [], ["Intet møde – KL's kommunalpolitiske topmøde"]),
        (date(2026, 4, 22), ["Regnskab 2025"], []),
    ]
    assert d.warnings == [] and d.unparsed == []
