"""A forward plan typed as lines (markdown, text, e-mail) whose lines name two meetings, or a heading with text
after its date, or a dated line with a list below it: read as a table's cell is read (the review of stop 22,
/work/notes/review22.md findings 5, 6, 7, 10 and 11). Before, these lines were dropped without a word, read as
one meeting with "og 15: Strategi" as its point, or gave the hours of the first day to both."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

from planner.parse.document import parse_file

FIXTURES = Path(__file__).parent / "fixtures" / "paragraph_rows"


def plan():
    return parse_file(FIXTURES / "direktion_2025_03_05_rows_naming_two_meetings.md")


def rows(d):
    return [(r.date, [p.text for p in r.points], list(r.closures)) for r in d.forward_plan]


def said(d):
    return [w.message for w in [*d.warnings, *d.unparsed]]


def test_every_meeting_a_line_names_is_a_row_with_the_points_on_the_first():
    assert rows(plan()) == [
        # "Onsdag 12. marts: Budgetseminar" and the list below it
        (date(2025, 3, 12), ["Budgetseminar", "Budget 2026", "Investeringsoversigt"], []),
        (date(2025, 3, 19), ["Rekruttering"], []),  # "19. og 26. marts kl. 13-15: Rekruttering"
        (date(2025, 3, 26), [], []),
        (date(2025, 4, 2), ["Strategi"], []),  # "Uge 14 og 15: Strategi"
        (date(2025, 4, 9), [], []),
        (date(2025, 4, 16), [], ["Påske – intet møde"]),  # "Uge 16 + 17: Påske – intet møde": both closed
        (date(2025, 4, 23), [], ["Påske – intet møde"]),
        (
            date(2025, 4, 30),
            ["IT-strategi"],
            [],
        ),  # "### 30. april og 7. maj (flyttet pga. KB)" and its bullet
        (date(2025, 5, 7), [], []),
        (date(2025, 5, 14), ["Arbejdsmiljø"], []),  # "14. + 21. maj – Arbejdsmiljø"
        (date(2025, 5, 21), [], []),
        (date(2025, 5, 28), [], ["Kristi himmelfartsferie"]),  # "### 28. maj – Kristi himmelfartsferie"
        (date(2025, 6, 4), ["Økonomi"], []),  # "4. juni & 11. juni: Økonomi"
        (date(2025, 6, 11), [], []),
        (date(2025, 6, 13), ["Temadage"], []),  # "Fre. 13. og fre. 20. juni": "fre." as danish.py has it
        (date(2025, 6, 20), [], []),
        (date(2025, 6, 25), ["Kommuneplan"], []),  # "25. juni kl. 9-11 og 2. juli kl. 13-15"
        (date(2025, 7, 2), [], []),
        (date(2025, 7, 9), ["Sommerrokade"], []),  # "9. & 16. juli – Sommerrokade"
        (date(2025, 7, 16), [], []),
    ]


def test_the_points_on_the_first_meeting_are_said_for_each_line():
    messages = said(plan())
    for written in ("19. og 26. marts", "Uge 14 og 15", "30. april og 7. maj", "4. juni & 11. juni"):
        assert any(m.startswith(f"'{written}' nævner flere møder") for m in messages), written
    assert "bemærkning ikke læst: 'flyttet pga. KB'" in messages


def test_each_meeting_keeps_its_own_hours_and_hours_before_the_points_are_both_meetings():
    hours = {r.date: (r.start, r.end) for r in plan().forward_plan}
    assert hours[date(2025, 6, 25)] == (time(9), time(11))
    assert hours[date(2025, 7, 2)] == (time(13), time(15))
    assert hours[date(2025, 3, 19)] == hours[date(2025, 3, 26)] == (time(13), time(15))


def test_a_line_that_starts_with_two_days_but_reads_as_none_is_said_with_its_line():
    d = plan()
    unread = [w for w in d.unparsed if "23. & 30. julu" in w.message]
    assert [(w.line, w.message) for w in unread] == [
        (36, "dato i fremadrettet plan ikke forstået: '23. & 30. julu – Sommer'")
    ]


def test_a_point_that_starts_with_a_date_after_the_colon_is_a_point_not_a_period():
    d = parse_file(FIXTURES / "direktion_2025_03_05_points_starting_with_a_date.md")
    assert rows(d) == [
        (date(2025, 3, 12), ["1. april-ændringer i SU-reglerne"], []),
        (date(2025, 3, 19), ["23. april KB-temamøde – forberedelse"], []),
        (date(2025, 3, 26), ["Budget"], []),
        # a dash between two dates is a period: a row on each meeting day of it
        (date(2025, 4, 2), [], ["Påskeferie"]),
        (date(2025, 4, 9), [], ["Påskeferie"]),
    ]
