"""`planner holidays import` and `planner holidays list`: real processes, real SQLite files."""

from __future__ import annotations

import getpass
import json
import shutil
from pathlib import Path

import pytest
from helpers_proc import counts, plan_state, planner, snapshot

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ferieplan"
SCHOOL = FIXTURES / "skole_liste_2025-26.txt"
MUNICIPAL = FIXTURES / "kommune_tabel_2024-25.txt"
WITH_ERRORS = FIXTURES / "med_fejl_2025-26.txt"


def _closures(db, source: str | None = None) -> list[dict]:
    rows = plan_state(db, tables=("closures",))["closures"]
    return [r for r in rows if source is None or r["source"] == source]


def test_dry_run_json_lists_periods_and_stores_nothing(empty_db):
    before = snapshot(empty_db)
    result = planner("holidays", "import", SCHOOL, "--db", empty_db, "--dry-run", "--json")
    assert result.returncode == 0, result.stderr
    # Each period keeps its four keys; the dry run adds where it stood and its line's warnings.
    assert all(
        set(p) == {"label", "start", "end", "kind", "line", "page", "warnings"}
        for p in json.loads(result.stdout)
    )
    periods = [{k: p[k] for k in ("label", "start", "end", "kind")} for p in json.loads(result.stdout)]
    assert {
        "label": "Efterårsferie",
        "start": "2025-10-11",
        "end": "2025-10-19",
        "kind": "school_holiday",
    } in periods
    assert {
        "label": "Juleferie",
        "start": "2025-12-20",
        "end": "2026-01-04",
        "kind": "school_holiday",
    } in periods
    # Markers such as "Første skoledag" keep their own kind: they never block a meeting.
    assert {
        "label": "Første skoledag",
        "start": "2025-08-11",
        "end": "2025-08-11",
        "kind": "school_event",
    } in periods
    assert snapshot(empty_db) == before
    # Lines it cannot read are reported with their line numbers, not dropped.
    assert "skole_liste_2025-26.txt:4: ikke forstået: Her kan du se skolens ferieplan" in result.stderr


def test_unreadable_lines_are_listed_never_dropped(empty_db):
    dry = planner("holidays", "import", WITH_ERRORS, "--db", empty_db, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "med_fejl_2025-26.txt:9: ikke forstået: Ekstra fridag" in dry.stderr
    assert "med_fejl_2025-26.txt:11: ikke forstået: Se skolens hjemmeside" in dry.stderr
    assert "med_fejl_2025-26.txt:7: advarsel:" in dry.stderr  # 31. februar
    assert "prøvekørsel" in dry.stdout

    stored = planner("holidays", "import", WITH_ERRORS, "--db", empty_db, "--json")
    assert stored.returncode == 0, stored.stderr
    payload = json.loads(stored.stdout)
    assert {"line": 9, "page": None, "text": "Ekstra fridag"} in payload["unparsed"]
    assert [w["line"] for w in payload["warnings"]] == [7, 8]
    assert payload["added"] == len(payload["periods"]) == len(_closures(empty_db)) > 0


def test_import_stores_closures_in_history_and_undoable(imported_db):
    documents_closures = _closures(imported_db)
    assert documents_closures  # the example documents mention some closed days

    result = planner("holidays", "import", SCHOOL, "--db", imported_db)
    assert result.returncode == 0, result.stderr
    assert "10 nye, 0 fjernet, 0 uændrede" in result.stdout
    stored = _closures(imported_db, "ferieplan:skole_liste_2025-26.txt")
    assert len(stored) == 10
    assert {(r["label"], r["start"], r["end"], r["kind"]) for r in stored} >= {
        ("Vinterferie", "2026-02-07", "2026-02-15", "school_holiday"),
        ("Sommerferie", "2026-06-27", "2026-08-09", "school_holiday"),
    }

    history = json.loads(planner("history", "--db", imported_db, "--json", "--limit", "1").stdout)[0]
    # The history names who imported it (the OS user running the command), the summary the file.
    assert (history["actor"], history["action"]) == (
        f"{getpass.getuser()} <os:{getpass.getuser()}>",
        "ferieplan",
    )
    assert "skole_liste_2025-26.txt" in history["summary"]
    assert {i["table"] for i in history["items"]} == {"closures"} and len(history["items"]) == 10

    # The same file again: nothing to do, no new history.
    again = planner("holidays", "import", SCHOOL, "--db", imported_db)
    assert again.returncode == 0 and "ingen ændringer" in again.stdout
    assert counts(imported_db)["history"] == 2

    # Undo puts the plan back exactly as the documents left it.
    assert planner("revert", history["id"], "--db", imported_db).returncode == 0
    assert _closures(imported_db) == documents_closures


def test_a_new_version_of_the_same_file_replaces_its_periods(empty_db, tmp_path):
    school = tmp_path / "skole.txt"
    shutil.copyfile(SCHOOL, school)
    other = tmp_path / "kommune.txt"
    shutil.copyfile(MUNICIPAL, other)
    assert planner("holidays", "import", school, "--db", empty_db).returncode == 0
    assert planner("holidays", "import", other, "--db", empty_db).returncode == 0
    first = {r["label"]: r for r in _closures(empty_db, "ferieplan:skole.txt")}
    municipal = _closures(empty_db, "ferieplan:kommune.txt")

    # The school moves its efterårsferie a week and drops the Pinse line.
    text = SCHOOL.read_text(encoding="utf-8")
    text = text.replace("Lørdag 11. oktober – søndag 19. oktober", "Lørdag 18. oktober – søndag 26. oktober")
    text = text.replace("Pinse\nMandag 25. maj\n", "")
    school.write_text(text, encoding="utf-8")
    result = planner("holidays", "import", school, "--db", empty_db, "--json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert (payload["added"], payload["removed"], payload["kept"]) == (1, 2, 8)

    now = {r["label"]: r for r in _closures(empty_db, "ferieplan:skole.txt")}
    assert set(first) - set(now) == {"Pinse"}
    assert (now["Efterårsferie"]["start"], now["Efterårsferie"]["end"]) == ("2025-10-18", "2025-10-26")
    assert now["Juleferie"] == first["Juleferie"]  # unchanged rows keep their id
    assert _closures(empty_db, "ferieplan:kommune.txt") == municipal  # another file is left alone


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "findes ikke"),
        ("dir", "mappe"),
        (b"", "tom"),
        (b"\x00\x01binary\x00", "binær"),
        ("Efterårsferie\tUge 42\n".encode(), "skoleåret er ukendt"),
        (b"Velkommen til skolen\nHer er ingen datoer\n", "ingen ferieperioder"),
    ],
)
def test_unreadable_file_exits_2_with_one_line(empty_db, tmp_path, content, message):
    target = tmp_path / "ferieplan.txt"
    if content == "dir":
        target.mkdir()
    elif content is not None:
        target.write_bytes(content)
    before = snapshot(empty_db)
    result = planner("holidays", "import", target, "--db", empty_db)
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("planner:")]
    assert len(errors) == 1 and message in errors[0], result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(empty_db) == before


def test_school_year_option_for_a_plan_without_heading(empty_db, tmp_path):
    plain = tmp_path / "uden_overskrift.txt"
    plain.write_text("Efterårsferie\tUge 42\nVinterferie\tUge 7\n", encoding="utf-8")
    result = planner(
        "holidays", "import", plain, "--db", empty_db, "--school-year", "2025", "--dry-run", "--json"
    )
    assert result.returncode == 0, result.stderr
    assert [(p["label"], p["start"], p["end"]) for p in json.loads(result.stdout)] == [
        ("Efterårsferie", "2025-10-13", "2025-10-19"),
        ("Vinterferie", "2026-02-09", "2026-02-15"),
    ]


def test_list_combines_documents_ferieplans_config_and_law(imported_db):
    assert planner("holidays", "import", MUNICIPAL, "--db", imported_db).returncode == 0
    result = planner("holidays", "list", "--db", imported_db, "--year", "2025", "--json")
    assert result.returncode == 0, result.stderr
    periods = json.loads(result.stdout)
    assert all(set(p) == {"label", "start", "end", "kind", "source"} for p in periods)
    assert all(p["start"] <= "2025-12-31" and p["end"] >= "2025-01-01" for p in periods)
    by = {(p["label"], p["start"], p["source"]) for p in periods}
    assert ("Påskedag", "2025-04-20", "holidays") in by  # law
    assert ("Vinterferie", "2025-02-08", "ferieplan:kommune_tabel_2024-25.txt") in by  # imported ferieplan
    assert ("Vinterferie", "2025-02-12", "document:002_22e19539ae1485f7.txt") in by  # the agenda's row
    assert any(p["source"].startswith("config:") for p in periods)  # the municipal config still counts
    # The ferieplan replaces the config's guess for the same holiday.
    assert not any(p["label"] == "Vinterferie" and p["source"].startswith("config:") for p in periods)
    # The sommerferie starting in 2024 is left out; the one in 2025 is there.
    assert [p["start"] for p in periods if p["label"] == "Sommerferie"] == ["2025-06-28"]

    readable = planner("holidays", "list", "--db", imported_db, "--year", "2025")
    assert readable.returncode == 0
    assert "Lukkedage og ferier 2025" in readable.stdout
    assert "08.02.2025 – 16.02.2025   Vinterferie (9 dage)" in readable.stdout
    assert "20.04.2025" in readable.stdout and "Påskedag" in readable.stdout


def test_an_older_document_imported_later_keeps_the_ferieplan(empty_db, example_files):
    newest, older = example_files[0], example_files[3]  # 2024-08-07, then 2024-01-24: a replay
    assert planner("import", newest, "--db", empty_db).returncode == 0
    assert planner("holidays", "import", SCHOOL, "--db", empty_db).returncode == 0
    assert planner("import", older, "--db", empty_db).returncode == 0
    assert len(_closures(empty_db, "ferieplan:skole_liste_2025-26.txt")) == 10
