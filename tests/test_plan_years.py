"""A plan never holds a date the holiday calendar cannot answer for (issue 15, defect 4): commands
refuse such a date in Danish, exit 2, and the plan and every check stay as they were."""

from __future__ import annotations

import pytest
from helpers_proc import plan_state, planner


@pytest.mark.parametrize(
    "args",
    [
        ("move", "63", "9999-01-01"),
        ("move", "63", "2204-03-05"),
        ("add", "Et punkt langt ude i fremtiden", "--date", "2999-01-01"),
        ("absence", "add", "Kim Bruun Nielsen", "3025-05-14"),
    ],
)
def test_a_date_outside_the_plan_years_is_refused(imported_db, args):
    before = plan_state(imported_db)
    result = planner(*args, "--db", imported_db)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "uden for planens år (2000–2099)" in result.stderr and "intern fejl" not in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert plan_state(imported_db) == before
    assert planner("check", "--db", imported_db).returncode in (0, 1)  # the check still answers
