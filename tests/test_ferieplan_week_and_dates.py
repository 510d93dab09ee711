"""A line that gives both a week and dates ("uge 42 (13.-17. oktober)"): the dates are what it states."""

from __future__ import annotations

import json
from datetime import date

import pytest
from helpers_proc import planner

from planner.calendar.ferieplan import parse_ferieplan

HEADING = "Ferieplan 2025/2026\n"

# week 42 of 2025 is 13–19 October; week 7 of 2026 is 9–15 February, week 8 16–22 February.
AGREEING = [
    ("Efterårsferie uge 42 (13.-17. oktober)", [(date(2025, 10, 13), date(2025, 10, 17))]),
    ("Efterårsferie (uge 42) 13.-17. oktober", [(date(2025, 10, 13), date(2025, 10, 17))]),
    ("Vinterferie uge 7 (10.-14. februar)", [(date(2026, 2, 10), date(2026, 2, 14))]),
    ("Vinterferie uge 7 (9.-13. februar)", [(date(2026, 2, 9), date(2026, 2, 13))]),
    ("Vinterferie uge 7-8", [(date(2026, 2, 9), date(2026, 2, 22))]),
    ("Vinterferie uge 7-8 (9.-20. februar)", [(date(2026, 2, 9), date(2026, 2, 20))]),
    ("Uge 42: 13/10-17/10", [(date(2025, 10, 13), date(2025, 10, 17))]),
    ("Efterårsferie Uge 42: 13/10-17/10", [(date(2025, 10, 13), date(2025, 10, 17))]),
    # The Saturday before the week is part of a holiday that the week names.
    ("Efterårsferie uge 42 (lørdag 11. – søndag 19. oktober)", [(date(2025, 10, 11), date(2025, 10, 19))]),
    ("Juleferie 20.12.-4.1. (uge 52-1)", [(date(2025, 12, 20), date(2026, 1, 4))]),
    ("Juleferie (uge 52 og 1) 20.12.-4.1.", [(date(2025, 12, 20), date(2026, 1, 4))]),
    # The Saturday before the weeks, and the weeks: the holiday runs from that day to the weeks' end.
    ("Efterårsferie uge 42, fra lørdag den 11. oktober", [(date(2025, 10, 11), date(2025, 10, 19))]),
    ("Juleferie uge 52-1: fra lørdag 20.12.", [(date(2025, 12, 20), date(2026, 1, 4))]),
    # A weekday inside the week is a day off of its own, never the whole week.
    ("Fridag uge 42: mandag 13. oktober", [(date(2025, 10, 13), date(2025, 10, 13))]),
    # "13." after the week is a day, not the end of a week range "42-13".
    ("Efterårsferie: uge 42 – 13. til 17. oktober", [(date(2025, 10, 13), date(2025, 10, 17))]),
    ("Efterårsferie uge 42 - 13. oktober - 17. oktober", [(date(2025, 10, 13), date(2025, 10, 17))]),
]


@pytest.mark.parametrize(("line", "spans"), AGREEING, ids=[a[0] for a in AGREEING])
def test_explicit_dates_win_over_the_week(line: str, spans: list[tuple[date, date]]) -> None:
    if line.startswith("Uge 42:"):
        line = "Efterårsferie\n" + line
    result = parse_ferieplan(HEADING + line, "plan.txt")
    assert [(p.start, p.end) for p in result.periods] == spans
    assert result.warnings == []
    assert result.unparsed == []


DISAGREEING = [
    ("Efterårsferie uge 42 (20.-24. oktober)", (date(2025, 10, 20), date(2025, 10, 24)), "uge 42"),
    ("Vinterferie uge 7 (16.-20. februar)", (date(2026, 2, 16), date(2026, 2, 20)), "uge 7"),
    ("Vinterferie uge 7-8 (9.-13. februar)", (date(2026, 2, 9), date(2026, 2, 13)), "uge 7-8"),
    ("Efterårsferie Uge 41: 13/10-17/10", (date(2025, 10, 13), date(2025, 10, 17)), "uge 41"),
]


@pytest.mark.parametrize(("line", "span", "week"), DISAGREEING, ids=[d[0] for d in DISAGREEING])
def test_week_and_dates_that_disagree_are_a_warning_and_the_dates_are_kept(
    line: str, span: tuple[date, date], week: str
) -> None:
    result = parse_ferieplan(HEADING + line, "plan.txt")
    assert [(p.start, p.end) for p in result.periods] == [span]
    [(pos, message)] = result.warnings
    assert pos.line == 2
    assert week in message and "passer ikke med datoerne" in message
    assert f"{span[0]:%d.%m.%Y}" in message  # it says which dates were used


def test_a_date_in_parentheses_after_other_words_is_reported_not_added() -> None:
    # The parenthesis names another day: it is not part of the holiday, and it is not dropped silently.
    result = parse_ferieplan(
        HEADING + "Sommerferie 27. juni - 9. august (første skoledag 10. august)", "p.txt"
    )
    assert [(p.start, p.end) for p in result.periods] == [(date(2026, 6, 27), date(2026, 8, 9))]
    assert [m for _, m in result.warnings] == ["ignoreret tekst: '(første skoledag 10. august)'"]


def test_dry_run_json_gives_each_period_its_line_and_warnings(empty_db, tmp_path) -> None:
    plan = tmp_path / "ferieplan.txt"
    plan.write_text(
        HEADING + "Efterårsferie uge 42 (20.-24. oktober)\nVinterferie uge 7 (9.-13. februar)\n",
        encoding="utf-8",
    )
    result = planner("holidays", "import", plan, "--db", empty_db, "--dry-run", "--json")
    assert result.returncode == 0, result.stderr
    autumn, winter = json.loads(result.stdout)
    # The period's own keys stay as they were; line, page and warnings are added.
    assert {k: autumn[k] for k in ("label", "start", "end", "kind")} == {
        "label": "Efterårsferie",
        "start": "2025-10-20",
        "end": "2025-10-24",
        "kind": "school_holiday",
    }
    assert (autumn["line"], autumn["page"]) == (2, None)
    [warning] = autumn["warnings"]
    assert "uge 42 er 13.10.2025 – 19.10.2025" in warning and "20.10.2025 – 24.10.2025" in warning
    assert (winter["line"], winter["warnings"]) == (3, [])
    assert f"ferieplan.txt:2: advarsel: {warning}" in result.stderr

    text = planner("holidays", "import", plan, "--db", empty_db, "--dry-run")
    assert text.returncode == 0, text.stderr
    assert f"ferieplan.txt:2: advarsel: {warning}" in text.stderr
    assert "1 advarsel (se ovenfor)" in text.stdout


def test_weeks_joined_by_og_are_a_range_only_when_they_follow_each_other() -> None:
    result = parse_ferieplan(HEADING + "Fridage uge 7 og 9\nJuleferie uge 52 og 1\n", "plan.txt")
    assert [(p.start, p.end) for p in result.periods] == [
        (date(2026, 2, 9), date(2026, 2, 15)),
        (date(2026, 2, 23), date(2026, 3, 1)),
        (date(2025, 12, 22), date(2026, 1, 4)),
    ]
    assert result.warnings == []
