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
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from planner.parse.document import parse_file
from planner.parse.model import ParsedDocument

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "grammar4"


def run(*args, db: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("PLANNER_DB", None)
    env.pop("PLANNER_TODAY", None)
    argv = [sys.executable, "-m", "planner.cli", *map(str, args), *(["--db", str(db)] if db else [])]
    return subprocess.run(argv, capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)


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
    ]
    points = {r["date"]: r["points"] for r in d["forward_plan"]}
    assert points["2026-03-18"] == ["Ekstra møde: Budget 2027 – rammer og proces"]
    assert points["2026-04-02"] == ["Rekruttering af ny ungechef"]
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
    ],
)
def test_title_sentences(tmp_path, title, expected):
    path = tmp_path / "dagsorden.txt"
    path.write_text(f"{title}\n\n1. Punkter til næste møde\n\nÅben sag\n\n18/3\tBudgetopfølgning\n", "utf-8")
    d = parse_file(path)
    start = d.meeting.start.strftime("%H:%M") if d.meeting.start else None
    assert (d.meeting.date, start) == expected
