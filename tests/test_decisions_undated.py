"""Decisions that put a case off without a meeting day were lost without a word (stop 24's report):
"Punktet blev udsat." (no date), "Sagen udsættes til et senere møde.", "Punktet blev flyttet til mødet i april."
(a month, no day), and a move written in the forward plan's own decision without "Punktet" ("Status på budget
2026 blev flyttet til mødet den 2. april."). Now the undated ones go to the backlog with the decision as note,
the month as its hint, and the named move moves the forward plan's point; a move that cannot be read is said."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from planner.parse.document import parse_file
from planner.storage.store import Store

FOLDER = Path(__file__).parent / "fixtures" / "decisions_undated"
AGENDA = FOLDER / "dagsorden_2025_03_12_udsat.txt"
MINUTES = FOLDER / "referat_2025_03_12_udsat.txt"


def _backlog(doc):
    return {p.text: p.note.split(": ", 1)[1] for p in doc.awaiting_date}


def test_a_case_put_off_without_a_date_goes_to_the_backlog_with_the_decision_as_note():
    backlog = _backlog(parse_file(MINUTES))
    assert backlog["Budget 2026"] == "Punktet blev udsat; ingen ny dato"
    assert backlog["Sygefravær"] == "Sagen udsættes til et senere møde; ingen ny dato"


def test_a_case_moved_to_a_month_goes_to_the_backlog_with_the_month_as_hint():
    # decided on 12 March 2025: "til mødet i april" is April 2025
    assert _backlog(parse_file(MINUTES))["Digitaliseringsstrategi"] == "forventet april 2025"


def test_the_backlog_points_say_where_the_decision_is():
    doc = parse_file(MINUTES)
    lines = {p.text: (p.line, p.note) for p in doc.awaiting_date}
    line, note = lines["Budget 2026"]
    assert MINUTES.read_text().splitlines()[line - 1] == "Punktet blev udsat."
    assert note.startswith(f"Beslutning i Direktionen den 2025-03-12, linje {line}: ")


def test_a_move_in_the_forward_plans_decision_is_read_without_the_word_punktet():
    doc = parse_file(MINUTES)
    assert [(p.text, p.date) for p in doc.scheduled_by_decision] == [
        ("Status på budget 2026", date(2025, 4, 2))
    ]
    assert doc.warnings == []


def test_the_agenda_has_no_decisions():
    doc = parse_file(AGENDA)
    assert doc.awaiting_date == [] and doc.scheduled_by_decision == []


@pytest.mark.parametrize(
    ("decision", "said"),
    [
        ("Punktet udsættes.", "Punktet udsættes; ingen ny dato"),
        (
            "Godkendt. Punktet blev udskudt på ubestemt tid.",
            "Punktet blev udskudt på ubestemt tid; ingen ny dato",
        ),
        ("Sagen er udsat indtil videre.", "Sagen er udsat indtil videre; ingen ny dato"),
        ("Punktet udskydes til maj 2026.", "forventet maj 2026"),
        ("Punktet flyttes til ultimo februar.", "forventet ultimo februar 2026"),  # decided in March 2025
        ("Punktet blev flyttet til et møde i januar.", "forventet januar 2026"),
    ],
)
def test_the_forms_of_a_put_off_decision(tmp_path, decision, said):
    text = MINUTES.read_text().replace("Punktet blev udsat.", decision)
    document = tmp_path / MINUTES.name
    document.write_text(text)
    assert _backlog(parse_file(document))["Budget 2026"] == said


def test_a_move_to_another_bodys_meeting_is_said_not_dropped(tmp_path):
    text = MINUTES.read_text().replace(
        "Punktet blev udsat.", "Punktet udskydes til mødet i Økonomiudvalget den 18. marts."
    )
    document = tmp_path / MINUTES.name
    document.write_text(text)
    doc = parse_file(document)
    assert "Budget 2026" not in _backlog(doc)
    [warning] = doc.warnings
    assert (
        warning.line
        == text.splitlines().index("Punktet udskydes til mødet i Økonomiudvalget den 18. marts.") + 1
    )
    assert (
        "ikke til et direktionsmøde" in warning.message and "Økonomiudvalget den 18. marts" in warning.message
    )


def _import(db: Path, *documents: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "planner", "import", "--db", str(db), *map(str, documents)],
        capture_output=True,
        text=True,
        check=False,
    )


def _plan(db: Path) -> dict[str, tuple[date | None, str, str | None]]:
    with Store(db) as store:
        return {p.title: (p.date, p.status, p.note) for p in store.load_plan().points}


def test_importing_the_agenda_then_the_minutes_moves_the_plan(tmp_path):
    # an earlier agenda put the three cases on 12 March; the minutes of 12 March put them off
    earlier = tmp_path / "dagsorden_2025_03_05.txt"
    earlier.write_text(
        AGENDA.read_text()
        .replace("Onsdag den 12. marts 2025", "Onsdag den 5. marts 2025")
        .replace(
            "19. marts\t", "12. marts\t• Budget 2026 • Sygefravær • Digitaliseringsstrategi\n19. marts\t"
        )
    )
    db = tmp_path / "plan.db"
    assert _import(db, earlier).returncode == 0
    assert _plan(db)["Budget 2026"][:2] == (date(2025, 3, 12), "planlagt")

    done = _import(db, AGENDA)
    assert done.returncode == 0, done.stderr
    done = _import(db, MINUTES)
    assert done.returncode == 0, done.stderr
    assert "Budget 2026: 12. marts 2025 → afventer dato" in done.stdout
    assert "Status på budget 2026: 19. marts 2025 → 2. april 2025" in done.stdout

    plan = _plan(db)
    for title in ("Budget 2026", "Sygefravær", "Digitaliseringsstrategi"):
        assert plan[title][:2] == (None, "afventer dato"), title
    assert plan["Digitaliseringsstrategi"][2].endswith("forventet april 2025")
    assert plan["Status på budget 2026"][:2] == (date(2025, 4, 2), "udsat")
    assert plan["Rekruttering af ny skolechef"][:2] == (date(2025, 3, 19), "planlagt")  # the rest stands
    assert len(plan) == 7


def test_the_backlog_list_and_the_decision_name_one_point(tmp_path):
    # the minutes' own list "Punkter som afventer dato" names the case the decision put off: one point
    minutes = tmp_path / MINUTES.name
    minutes.write_text(
        MINUTES.read_text().replace(
            "følgende punkter.\n",
            "følgende punkter.\n\nPunkter som afventer dato:\n\n- Budget 2026\n- Personalepolitik\n",
        )
    )
    db = tmp_path / "plan.db"
    assert _import(db, minutes).returncode == 0
    with Store(db) as store:
        titles = [p.title for p in store.load_plan().points if p.date is None]
    assert sorted(titles) == ["Budget 2026", "Digitaliseringsstrategi", "Personalepolitik", "Sygefravær"]
