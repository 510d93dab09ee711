"""`planner parse` and `planner import` as a user runs them: real processes, a real SQLite file."""

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from planner.storage.schema import SCHEMA_VERSION

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "data" / "examples").glob("*.txt"))


def planner(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "planner.cli", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
    )


def test_parse_json_has_the_public_shape():
    result = planner("parse", *EXAMPLES, "--json")
    assert result.returncode == 0, result.stderr
    docs = json.loads(result.stdout)
    assert len(docs) == 4
    for doc in docs:
        assert {
            "source",
            "kind",
            "meeting",
            "forward_plan",
            "awaiting_date",
            "political_cycles",
            "events",
            "timetable",
            "warnings",
        } <= set(doc)
        assert {"date", "start", "end", "location", "members", "absent"} <= set(doc["meeting"])
        for row in doc["forward_plan"]:
            assert {"date", "points", "closures", "absent"} <= set(row)
        for cycle in doc["political_cycles"]:
            assert {"label", "oekonomiudvalg", "kommunalbestyrelse"} <= set(cycle)
        for event in doc["events"]:
            assert {"title", "start", "end", "category", "status"} <= set(event)
        for entry in doc["timetable"]:
            assert {"time", "title"} <= set(entry)
    agenda = next(d for d in docs if d["source"] == "002_22e19539ae1485f7.txt")
    assert agenda["meeting"]["date"] == "2025-01-15" and agenda["meeting"]["start"] == "10:00"
    feb5 = next(r for r in agenda["forward_plan"] if r["date"] == "2025-02-05")
    assert feb5 == {**feb5, "points": ["Ny model for sygefravær 1-3-10"], "absent": ["Kim Bruun Nielsen"]}
    assert agenda["warnings"][0]["line"] == 50


def test_parse_summary_is_danish():
    result = planner("parse", EXAMPLES[2])
    assert result.returncode == 0
    assert "onsdag 15. januar 2025 (uge 3)" in result.stdout
    assert "onsdag 12. februar 2025 (uge 7): Vinterferie" in result.stdout
    assert "Kim Bruun Nielsen deltager ikke" in result.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "findes ikke"), (b"", "tom"), (b"\x00\x01\x02PK\x03\x04binary", "binær"), ("dir", "mappe")],
)
def test_unreadable_input_exits_2_with_one_line(tmp_path, content, message):
    target = tmp_path / "input.txt"
    if content == "dir":
        target.mkdir()
    elif content is not None:
        target.write_bytes(content)
    for command in (["parse", target], ["import", target, "--db", tmp_path / "p.db"]):
        result = planner(*command)
        assert result.returncode == 2
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert message in result.stderr and "input.txt" in result.stderr


def counts(db):
    con = sqlite3.connect(db)
    try:
        return {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("points", "meetings", "events", "closures", "absences", "people", "documents")
        }
    finally:
        con.close()


def test_import_twice_changes_nothing(tmp_path):
    db = tmp_path / "plan.db"
    first = planner("import", *EXAMPLES, "--db", db, "--json")
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout)
    assert [d["status"] for d in report["documents"]] == ["added"] * 4
    before = counts(db)
    assert before["documents"] == 4 and before["points"] > 50 and before["absences"] == 3
    second = planner("import", *EXAMPLES, "--db", db, "--json")
    again = json.loads(second.stdout)
    assert [d["status"] for d in again["documents"]] == ["unchanged"] * 4
    assert again["plan_version"] == report["plan_version"]
    assert counts(db) == before
    readable = planner("import", EXAMPLES[0], "--db", db)
    assert "allerede importeret" in readable.stdout


def test_import_reports_what_it_added_and_keeps_going_past_a_bad_file(tmp_path):
    db = tmp_path / "plan.db"
    bad = tmp_path / "tom.txt"
    bad.write_bytes(b"")
    result = planner("import", EXAMPLES[2], bad, "--db", db)
    assert result.returncode == 2  # the bad file is an error ...
    assert "tom.txt" in result.stderr and "Traceback" not in result.stderr
    assert "+ Evaluering af Helhedsorienteret Indsats (HOI)" in result.stdout  # ... the good one is imported
    assert "advarsel 002_22e19539ae1485f7.txt:50" in result.stdout
    schema = sqlite3.connect(db).execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0]
    assert schema == str(SCHEMA_VERSION)
