"""No-meetings sentences ("Ingen møder …") close exactly the meetings they name (tests/fixtures/closures6/).

- The whole extent is read: "22. december - 7. januar" and "22/12-4/1" are periods, "14. og 21. januar" and
  "uge 51, 52 og 1" every day or week of the list. A sentence with a part nobody can read ("14 og 21. januar")
  closes nothing and is said with its line; a day that is not the plan's meeting day ("22. december", a
  Monday) is never closed as written.
- The agenda's own meeting is never closed, nor a day before it; a month, week or day without a year is the
  first at or after the sentence's place in the plan (the row listed above it, else the meeting).
- The days closed fall on the plan's own weekday (the weekday most of its rows fall on), else the document's.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from helpers_proc import planner_as_user

FIXTURES = Path(__file__).parent / "fixtures" / "closures6"


def run(*args, db: Path | None = None) -> subprocess.CompletedProcess:
    return planner_as_user(*args, db=db)


def parsed(*names: str) -> list[dict]:
    proc = run("parse", *(FIXTURES / n for n in names), "--json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def closed(d: dict) -> dict[str, list[str]]:
    """Each closure sentence -> the days it closes (rows holding it without points)."""
    out: dict[str, list[str]] = {}
    for r in d["forward_plan"]:
        for c in r["closures"] if not r["points"] else []:
            out.setdefault(c, []).append(r["date"])
    return out


def said(d: dict) -> list[tuple[int, str]]:
    return [(w["line"], w["message"]) for w in d["warnings"]]


def meetings_with_points(d: dict) -> list[str]:
    return [r["date"] for r in d["forward_plan"] if r["points"]]


def test_a_period_with_a_spaced_dash_and_a_list_of_days_close_every_wednesday_they_name():
    [d] = parsed("direktion_2025_12_03_jul_og_nytaar.md")
    assert d["meeting"]["date"] == "2025-12-03"
    assert closed(d) == {
        "Ingen møder 22. december - 7. januar": ["2025-12-24", "2025-12-31", "2026-01-07"],
        "Intet møde 14. og 21. januar": ["2026-01-14", "2026-01-21"],
    }
    assert meetings_with_points(d) == ["2025-12-10", "2025-12-17", "2026-01-28"]
    assert said(d) == []


def test_slashed_period_and_lists_of_weeks_close_their_wednesdays_not_their_first_or_last_day():
    docs = parsed(
        "direktion_2025_12_03_skraastreg.md",
        "direktion_2025_12_03_uge_52_og_1.md",
        "direktion_2025_12_03_uge_51_52_og_1.md",
    )
    assert [closed(d) for d in docs] == [
        {"Ingen møder 22/12-4/1": ["2025-12-24", "2025-12-31"]},
        {"Intet møde i uge 52 og 1": ["2025-12-24", "2025-12-31"]},
        {"Intet møde i uge 51, 52 og 1": ["2025-12-17", "2025-12-24", "2025-12-31"]},
    ]
    for d in docs:
        assert meetings_with_points(d) == ["2025-12-10", "2026-01-14"]
        assert said(d) == []
        # no Monday 22 December, no Sunday 4 January: every row is the plan's Wednesday
        assert {r["date"] for r in d["forward_plan"]} <= {
            "2025-12-10",
            "2025-12-17",
            "2025-12-24",
            "2025-12-31",
            "2026-01-14",
        }


def test_a_closure_that_cannot_be_read_whole_closes_nothing_and_is_said_with_its_line():
    [d] = parsed("direktion_2025_12_03_uklare_dage.md")
    assert closed(d) == {
        "Ingen møder i december og januar": [
            "2025-12-17",
            "2025-12-24",
            "2025-12-31",
            "2026-01-07",
            "2026-01-14",
            "2026-01-21",
        ]
    }
    assert said(d) == [
        (
            12,
            "'Ingen møder 22. december': 22. december 2025 er en mandag, ikke planens mødedag (onsdag); "
            "ingen møder er aflyst",
        ),
        (
            13,
            "'Intet møde 14 og 21. januar': hvilke møder der ikke holdes, er ikke forstået "
            "(skriv en måned, uger eller datoer); ingen møder er aflyst",
        ),
        (
            14,
            "'Ingen møder i december og januar', men 10. december 2025 har punkter i planen; "
            "mødet er ikke aflyst",
        ),
        (
            14,
            "'Ingen møder i december og januar', men 28. januar 2026 har punkter i planen; "
            "mødet er ikke aflyst",
        ),
        (
            16,
            "'Ingen møder i januar 2025': 1. januar 2025 – 31. januar 2025 ligger ikke efter mødet "
            "3. december 2025; ingen møder er aflyst",
        ),
    ]
    # the agenda's own meeting (3 December) is not closed by "i december"
    assert "2025-12-03" not in [r["date"] for r in d["forward_plan"]]


def test_the_agendas_own_meeting_is_not_cancelled_by_its_plan(tmp_path):
    [d] = parsed("direktion_2027_01_06_ingen_moeder_i_januar.md")
    assert closed(d) == {"Ingen møder i januar (nytårsferie)": ["2027-01-13", "2027-01-20", "2027-01-27"]}
    db = tmp_path / "plan.db"
    proc = run("import", FIXTURES / "direktion_2027_01_06_ingen_moeder_i_januar.md", db=db)
    assert proc.returncode == 0, proc.stderr
    proc = run(
        "meetings", "--from", "2027-01-01", "--to", "2027-02-10", "--today", "2027-01-01", "--json", db=db
    )
    assert proc.returncode == 0, proc.stderr
    meetings = {m["date"]: m for m in json.loads(proc.stdout)}
    assert meetings["2027-01-06"]["status"] != "aflyst"
    for day in ("2027-01-13", "2027-01-20", "2027-01-27"):
        assert day not in meetings or meetings[day]["status"] == "aflyst"
    assert meetings["2027-02-03"]["status"] != "aflyst"


def test_a_closures_year_is_the_one_at_or_after_its_place_in_the_plan():
    weeks, february = parsed("direktion_2026_08_05_uger_efter_juni.md", "direktion_2026_03_04_februar.md")
    # below "16. juni" (2027), "uge 28-31" is July 2027, not July 2026 before the meeting
    assert closed(weeks) == {
        "Ingen møder i uge 7 (vinterferie)": ["2027-02-17"],
        "Ingen møder i uge 28-31": ["2027-07-14", "2027-07-21", "2027-07-28", "2027-08-04"],
    }
    # "i februar", "i uge 7" and "10. februar" below a March row: one February, the next
    assert closed(february) == {
        "Ingen møder i februar": ["2027-02-03", "2027-02-10", "2027-02-17", "2027-02-24"],
        "Ingen møder 10. februar": ["2027-02-10"],
        "Ingen møder i uge 7": ["2027-02-17"],
    }
    assert said(weeks) == said(february) == []


JULY = "Ingen møder i juli"
JULY_WEDNESDAYS = ["2025-07-02", "2025-07-16", "2025-07-23", "2025-07-30"]
WARNED_9_JULY = "'Ingen møder i juli', men 9. juli 2025 har punkter i planen; mødet er ikke aflyst"


def test_closures_fall_on_the_plans_weekday_not_the_documents():
    table, listed, alone = parsed(
        "direktion_2025_06_17_tirsdag_tabel.html",
        "direktion_2025_06_17_tirsdag_lukning_foerst.md",
        "direktion_2025_12_02_tirsdag_uden_raekker.md",
    )
    # A Tuesday agenda whose plan meets on Wednesdays: its note below the table closes the Wednesdays,
    # and the Wednesday with a point stays, said.
    assert table["meeting"]["date"] == "2025-06-17"
    assert closed(table) == {"Ingen møder i juli": JULY_WEDNESDAYS}
    assert meetings_with_points(table) == ["2025-06-25", "2025-07-09", "2025-08-06"]
    assert said(table) == [(15, WARNED_9_JULY)]
    # the same when the sentence stands first in the list, before the rows it is read against
    assert closed(listed) == {"Ingen møder i juli": JULY_WEDNESDAYS}
    assert said(listed) == [(11, WARNED_9_JULY)]
    # a plan without rows: the document's own weekday (Tuesday)
    assert closed(alone) == {
        "Ingen møder 22. december - 7. januar": ["2025-12-23", "2025-12-30", "2026-01-06"]
    }
