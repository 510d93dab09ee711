"""Forward-plan rows that name more than one meeting, and the backlog's owners (tests/fixtures/grammar5/).

- "Ingen møder i juli", "Intet møde i uge 29-31", "Der holdes ikke møde i uge 42" (a row, a row's cell, a
  line of the plan or a note below its table) close every meeting day they cover, as a "Ferie" row does;
  one whose days cannot be read is a Danish warning with its line, and nothing is closed.
- A label naming two meetings ("Onsdag 18. og onsdag 25. marts", "1./8. april", "Uge 16 og 17") gives two
  rows: the cell's closures and absences hold for both, its points go to the first (said in a warning).
- A period ("30. marts – 10. april", "13.-17. april", "Uge 20-21") gives its rows on the board's meeting
  weekday inside it, not on its first day; a period without one is read on its first day, and said.
- A backlog table without a header row ("Sygefravær | LMT") reads a column of initials, members or "Dir."
  as the points' owners.

The tables are read the same from text, markdown, Word, HTML and PDF (make_grammar5.py writes the copies).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from helpers_proc import planner_as_user

from planner.storage.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "grammar5"
FORMATS = ("docx", "html", "pdf")


def run(*args, db: Path | None = None) -> subprocess.CompletedProcess:
    return planner_as_user(*args, db=db)


def parsed(*names: str) -> list[dict]:
    proc = run("parse", *(FIXTURES / n for n in names), "--json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def rows(d: dict) -> list[tuple]:
    return [(r["date"], r["points"], r["closures"], r["absent"]) for r in d["forward_plan"]]


def said(d: dict) -> list[tuple[int, str]]:
    return [(w["line"], w["message"]) for w in d["warnings"]]


def copies(stem: str, source: str) -> list[str]:
    return [source, *(f"{stem}.{ext}" for ext in FORMATS)]


JULY = "Ingen møder i juli"
WEEKS_34_35 = "Ingen møder i uge 34-35 (KL-topmøde)"
WEEK_42 = "Der holdes ikke møde i uge 42"

# --- 1. no meetings for a stretch -------------------------------------------------------------------

NO_MEETINGS_ROWS = [
    ("2026-06-17", ["Budgetopfølgning maj"], [], []),
    ("2026-06-24", ["Status på rekruttering af ungechef"], [], []),
    # "Ingen møder i juli" in the date column: every Wednesday of July, as a "Ferie" row
    *((f"2026-07-{day:02d}", [], [JULY], []) for day in (1, 8, 15, 22, 29)),
    ("2026-08-05", ["Budget 2027 – prioriteringskatalog"], [], []),
    # "12. august | Ingen møder i uge 34-35 (KL-topmøde)": the 12th is a meeting without points, and
    # weeks 34-35 are closed (the sentence was a point on the 12th before)
    ("2026-08-12", [], [], []),
    ("2026-08-19", [], [WEEKS_34_35], []),
    ("2026-08-26", [], [WEEKS_34_35], []),
    ("2026-09-09", ["Opfølgning på sygefravær"], [], []),
    # "Der holdes ikke møde i uge 42." below the table: Wednesday of week 42
    ("2026-10-14", [], [WEEK_42], []),
]


@pytest.mark.parametrize(
    "name", copies("direktion_2026_06_10_ingen_moeder", "direktion_2026_06_10_ingen_moeder.txt")
)
def test_no_meetings_in_july_closes_every_wednesday_it_covers_in_every_format(name):
    [d] = parsed(name)
    assert d["meeting"]["date"] == "2026-06-10"
    assert rows(d) == NO_MEETINGS_ROWS
    assert d["unparsed"] == []
    # A closure whose days cannot be read is said with its line, and closes nothing.
    line = 35 if name.endswith(".txt") else None
    [(at, message)] = said(d)
    assert message == (
        "'Ingen møder i efterårsferien': hvilke møder der ikke holdes, er ikke forstået "
        "(skriv en måned, uger eller datoer); ingen møder er aflyst"
    )
    if line is not None:
        assert at == line
    assert at > 0


def test_import_stores_each_closed_wednesday_as_a_closure_and_no_meeting_on_it(tmp_path):
    db = tmp_path / "plan.db"
    proc = run("import", FIXTURES / "direktion_2026_06_10_ingen_moeder.docx", db=db)
    assert proc.returncode == 0, proc.stderr
    assert "ingen møder er aflyst" in proc.stdout + proc.stderr  # the unclear closure is said at import too
    proc = run("holidays", "list", "--year", "2026", "--json", db=db)
    assert proc.returncode == 0, proc.stderr
    closures = sorted(
        (c["start"], c["end"], c["label"]) for c in json.loads(proc.stdout) if c["kind"] == "closure"
    )
    expected = sorted((r[0], r[0], r[2][0]) for r in NO_MEETINGS_ROWS if r[2])
    assert closures == expected
    proc = run(
        "meetings", "--from", "2026-06-01", "--to", "2026-10-31", "--today", "2026-06-01", "--json", db=db
    )
    assert proc.returncode == 0, proc.stderr
    meetings = {m["date"]: m for m in json.loads(proc.stdout)}
    # The rhythm's Wednesdays are gone where the plan says there is no meeting; the others stay.
    for day, _, _, _ in NO_MEETINGS_ROWS:
        if day in {c[0] for c in closures}:
            assert day not in meetings or meetings[day]["status"] == "aflyst"
        else:
            assert meetings[day]["status"] == "planlagt"
    assert meetings["2026-09-02"]["source"] == "rhythm"  # a week the plan leaves open


def test_a_plan_written_as_lines_reads_periods_closures_and_two_days():
    [d] = parsed("direktion_2026_03_25_perioder_afsnit.txt")
    summer = "Sommerferie – ingen møder 1.-31. juli"
    weeks = "Intet møde i uge 29-31"
    assert rows(d) == [
        # "30. marts – 10. april: Påskeferie": the Wednesdays of the period, not Monday 30 March and 6 April
        ("2026-04-01", [], ["Påskeferie"], []),
        ("2026-04-08", [], ["Påskeferie"], []),
        # "13.-17. april: Temauge om borgerservice" (a line the plan did not read before): its Wednesday
        ("2026-04-15", ["Temauge om borgerservice"], [], []),
        ("2026-04-22", ["Status på styringsmodellen"], [], []),
        ("2026-05-06", ["Budget 2027 – rammer"], [], []),
        ("2026-05-13", [], [], []),
        # "17/6 og 24/6: Ferie: JK": away on both days
        ("2026-06-17", [], [], ["Jonas Kroustrup"]),
        ("2026-06-24", [], [], ["Jonas Kroustrup"]),
        ("2026-07-01", [], [summer], []),
        ("2026-07-08", [], [summer], []),
        ("2026-07-15", [], [summer, weeks], []),
        ("2026-07-22", [], [summer, weeks], []),
        ("2026-07-29", [], [summer, weeks], []),
    ]
    assert said(d) == [
        (
            26,
            "'6./13. maj' nævner flere møder; punkterne er lagt på det første (6. maj 2026), "
            "13. maj 2026 er læst som møde uden punkter",
        )
    ]
    assert d["unparsed"] == []


# --- 2. and 3. two days, and periods ----------------------------------------------------------------

TWO_DAYS_ROWS = [
    ("2026-03-11", ["Budgetopfølgning februar"], [], []),
    # "Onsdag 18. og onsdag 25. marts | Rekruttering …": the first gets the point, the second is a meeting
    ("2026-03-18", ["Rekruttering af ny ungechef"], [], []),
    ("2026-03-25", [], [], []),
    # "1./8. april | Ferie: KBN": an absence holds for both days
    ("2026-04-01", [], [], ["Kim Bruun Nielsen"]),
    ("2026-04-08", [], [], ["Kim Bruun Nielsen"]),
    ("2026-04-15", ["Arbejdsmiljø og trivsel"], [], []),
    ("2026-04-22", [], [], []),
    # "27. april – 1. maj | Temauge …": the week's Wednesday, not Monday 27 April
    ("2026-04-29", ["Temauge om digitalisering"], [], []),
    # "7.-8. maj | KB-seminar" holds no Wednesday: read on its first day, and said below
    ("2026-05-07", ["KB-seminar"], [], []),
    ("2026-05-13", ["Budget 2027 – rammer og proces"], [], []),
    ("2026-05-20", [], [], []),
    ("2026-05-27", ["Opfølgning på sygefravær"], [], []),
]


@pytest.mark.parametrize(
    "name", copies("direktion_2026_03_04_flere_dage", "direktion_2026_03_04_flere_dage.md")
)
def test_two_days_and_periods_as_row_labels_in_every_format(name):
    [d] = parsed(name)
    assert rows(d) == TWO_DAYS_ROWS
    assert d["unparsed"] == []
    labels = {r["date"]: r["label"] for r in d["forward_plan"]}
    assert labels["2026-03-25"] == "Onsdag 18. og onsdag 25. marts"  # the label as written, on both rows
    assert labels["2026-04-29"] == "27. april – 1. maj"
    assert [m for _, m in said(d)] == [
        "'Onsdag 18. og onsdag 25. marts' nævner flere møder; punkterne er lagt på det første "
        "(18. marts 2026), 25. marts 2026 er læst som møde uden punkter",
        "'Uge 16 og 17' nævner flere møder; punkterne er lagt på det første (15. april 2026), "
        "22. april 2026 er læst som møde uden punkter",
        "perioden '7.-8. maj' rummer ingen onsdag; punkterne er lagt på 7. maj 2026",
        "'Uge 20-21' nævner flere møder; punkterne er lagt på det første (13. maj 2026), "
        "20. maj 2026 er læst som møde uden punkter",
    ]
    if name.endswith(".md"):
        assert [w["line"] for w in d["warnings"]] == [18, 20, 22, 23]


def test_import_stores_the_points_on_the_first_day_and_a_meeting_on_the_second(tmp_path):
    db = tmp_path / "plan.db"
    proc = run("import", FIXTURES / "direktion_2026_03_04_flere_dage.pdf", db=db)
    assert proc.returncode == 0, proc.stderr
    proc = run("points", "--json", db=db)
    assert proc.returncode == 0, proc.stderr
    dated = sorted((p["date"], p["title"]) for p in json.loads(proc.stdout))
    assert dated == sorted((r[0], p) for r in TWO_DAYS_ROWS for p in r[1])
    proc = run(
        "meetings", "--from", "2026-03-01", "--to", "2026-05-31", "--today", "2026-03-01", "--json", db=db
    )
    meetings = {m["date"]: m for m in json.loads(proc.stdout)}
    for day in ("2026-03-25", "2026-04-08", "2026-04-22", "2026-05-20"):  # the second days: meetings
        assert meetings[day]["source"] == "document" and meetings[day]["points"] == 0
    assert "2026-04-27" not in meetings  # the period's first day is no meeting
    with Store(db) as store:
        away = {(a.person, a.start.isoformat(), a.end.isoformat()) for a in store.load_plan().absences}
    assert away == {("Kim Bruun Nielsen", day, day) for day in ("2026-04-01", "2026-04-08")}


# --- 4. a backlog table without a header row --------------------------------------------------------

BACKLOG = [
    ("Sygefravær i ældreplejen", "Lene Mehlsen Thomsen"),  # "LMT": a member's initials
    ("Digitaliseringsstrategi 2027", "Jonas Kroustrup"),  # "JK"
    ("Ny model for sagsgange", "Dir."),
    ("Arbejdsmiljøstrategi", "Kim Bruun Nielsen"),  # a member's name
    ("Temadrøftelse om rekruttering", None),  # an empty owner cell
]


@pytest.mark.parametrize(
    "name",
    copies(
        "direktion_2026_05_06_afventer_uden_overskrift", "direktion_2026_05_06_afventer_uden_overskrift.txt"
    ),
)
def test_a_backlog_table_without_header_reads_its_owner_column_as_owners(name):
    [d] = parsed(name)
    assert [(p["text"], p["owner"]) for p in d["awaiting_date_details"]] == BACKLOG
    assert d["awaiting_date"] == [t for t, _ in BACKLOG]  # no "LMT" or "Dir." among the points
    assert [r["date"] for r in d["forward_plan"]] == ["2026-05-13", "2026-05-20"]


def test_import_stores_the_backlog_with_its_owners(tmp_path):
    db = tmp_path / "plan.db"
    proc = run("import", FIXTURES / "direktion_2026_05_06_afventer_uden_overskrift.html", db=db)
    assert proc.returncode == 0, proc.stderr
    proc = run("points", "--status", "afventer dato", "--json", db=db)
    assert proc.returncode == 0, proc.stderr
    assert sorted((p["title"], p["owner"]) for p in json.loads(proc.stdout)) == sorted(BACKLOG)


def test_a_backlog_table_whose_second_column_is_points_too_keeps_every_cell(tmp_path):
    # Two columns of points (no initials, no members): nothing is taken for an owner.
    text = (FIXTURES / "direktion_2026_05_06_afventer_uden_overskrift.txt").read_text(encoding="utf-8")
    text = (
        text.replace("\tLMT", "\tBudget 2028").replace("\tJK", "\tKlimaplan").replace("\tDir.", "\tTrivsel")
    )
    path = tmp_path / "direktion_2026_05_06_to_kolonner.txt"
    path.write_text(text, encoding="utf-8")
    proc = run("parse", path, "--json")
    [d] = json.loads(proc.stdout)
    assert "Budget 2028" in d["awaiting_date"] and "Kim Bruun Nielsen" in d["awaiting_date"]
    assert all(p["owner"] is None for p in d["awaiting_date_details"])


# --- a column of weeks, and months as row labels ----------------------------------------------------

WEEKS_AND_MONTHS_ROWS = [
    ("2026-06-17", ["Budgetopfølgning maj"], [], []),
    # "26 og 27" in the "Uge" column: two weeks (was "uge i fremadrettet plan ikke forstået")
    ("2026-06-24", ["Rekruttering af ny ungechef"], [], []),
    ("2026-07-01", [], [], []),
    # "28-29 | Sommerferie": both weeks closed; "30-31 | Evaluering …": the point once, on the first week
    ("2026-07-08", [], ["Sommerferie"], []),
    ("2026-07-15", [], ["Sommerferie"], []),
    ("2026-07-22", ["Evaluering af sommerens beredskab"], [], []),
    ("2026-07-29", [], [], []),
    ("2026-09-02", ["Budget 2027 – 2. behandling"], [], []),
    # "Uge 37" in a "Dato" column: that week's Wednesday (was "dato … ikke forstået")
    ("2026-09-09", ["Arbejdsmiljø"], [], []),
    # "Ingen møder i resten af september": not a stretch the plan can read; the text stays, and is said
    ("2026-09-16", ["Ingen møder i resten af september"], [], []),
    # "November | Ingen møder": every Wednesday of November
    *((f"2026-11-{day:02d}", [], ["Ingen møder"], []) for day in (4, 11, 18, 25)),
]


@pytest.mark.parametrize(
    "name", copies("direktion_2026_06_10_uger_og_maaneder", "direktion_2026_06_10_uger_og_maaneder.md")
)
def test_weeks_and_months_as_labels_in_every_format(name):
    [d] = parsed(name)
    assert rows(d) == WEEKS_AND_MONTHS_ROWS
    unclear = "hvilke møder der ikke holdes, er ikke forstået"
    messages = [m for _, m in said(d)]
    assert messages[2:] == [
        f"'Ingen møder i resten af september': {unclear} (skriv en måned, uger eller datoer); ingen møder er aflyst",
        # "Oktober | Efterårsferie": the holiday is in October, but not all of October: nothing is closed
        f"'Oktober: Efterårsferie': {unclear} (skriv uger eller datoer); ingen møder er aflyst",
    ]
    # A period with nothing in its cell (a ferieplan's dates) says nothing of meetings: not understood, as before
    assert [u["message"] for u in d["unparsed"]] == [
        "dato i fremadrettet plan ikke forstået: '27. juni – 9. august'"
    ]
    if name.endswith(".md"):
        assert [w["line"] for w in d["warnings"]] == [12, 14, 22, 23]
