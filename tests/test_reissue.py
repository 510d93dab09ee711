"""A corrected re-issue of the same agenda wins over the earlier issue (issue 11, part 1).

The fixture tests/fixtures/corrections/002_22e19539ae1485f7_rettet.txt is the real 15 January 2025
agenda with HOI moved from "5. mar." to "12. mar." and "Aftalestyringsstyring" deleted from the
29 January row; it says nothing of its issue, so the copy imported later is the newer word.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from helpers_proc import planner

from planner.parse.document import parse_file
from planner.storage.store import Store
from planner.sync.importer import import_documents, read_documents

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "data" / "examples").glob("*.txt"))
ORIGINAL = ROOT / "data" / "examples" / "002_22e19539ae1485f7.txt"
CORRECTED = ROOT / "tests" / "fixtures" / "corrections" / "002_22e19539ae1485f7_rettet.txt"
HOI = "Evaluering af Helhedsorienteret Indsats (HOI)"
DROPPED = "Aftalestyringsstyring"


def points(db: Path) -> dict[str, tuple]:
    with Store(db) as store:
        return {p.title: (p.date, p.status) for p in store.load_plan().points}


def imported(db: Path, *batches: list[Path]) -> Path:
    with Store(db) as store:
        for files in batches:
            import_documents(store, read_documents(files))
    return db


def stated(tmp_path: Path, src: Path, name: str, before: str, after: str) -> Path:
    """A copy of `src` whose header states its issue (one line added or changed)."""
    text = src.read_text(encoding="utf-8")
    assert text.count(before) == 1
    out = tmp_path / name
    out.write_text(text.replace(before, after), encoding="utf-8")
    return out


def test_corrected_copy_after_the_examples_moves_hoi_and_drops_the_deleted_point(tmp_path):
    db = imported(tmp_path / "plan.db", EXAMPLES)
    assert points(db)[HOI] == (date(2025, 3, 5), "planlagt")
    done = planner("import", "--db", db, CORRECTED)
    assert done.returncode == 0, done.stderr
    assert "genberegnet" not in done.stdout
    assert f"~ {HOI}: 5. marts 2025 → 12. marts 2025" in done.stdout
    assert f"- {DROPPED} (ikke længere i planen)" in done.stdout
    assert "0 nye, 1 flyttede, 1 ikke længere i planen, 0 konflikter" in done.stdout
    after = points(db)
    assert after[HOI] == (date(2025, 3, 12), "planlagt")
    assert after[DROPPED] == (date(2025, 1, 29), "ikke længere i planen")
    assert after["Velkomstarrangement for nye medarbejdere"] == (date(2025, 1, 29), "planlagt")


def test_import_json_names_the_move_with_its_dates(tmp_path):
    db = imported(tmp_path / "plan.db", EXAMPLES)
    done = planner("import", "--db", db, CORRECTED, "--json")
    assert done.returncode == 0, done.stderr
    (doc,) = json.loads(done.stdout)["documents"]
    assert doc["moved"] == [HOI] and doc["vanished"] == [DROPPED]  # the old keys keep their meaning
    (moved,) = doc["changes"]["moved"]
    assert (moved["title"], moved["from"], moved["to"]) == (HOI, "2025-03-05", "2025-03-12")
    (gone,) = doc["changes"]["vanished"]
    assert (gone["title"], gone["from"]) == (DROPPED, "2025-01-29")
    assert doc["changes"]["added"] == [] and doc["changes"]["conflicts"] == []


def test_without_a_stated_issue_the_copy_imported_later_wins(tmp_path):
    db = imported(tmp_path / "plan.db", [p for p in EXAMPLES if p != ORIGINAL], [CORRECTED], [ORIGINAL])
    after = points(db)
    assert after[HOI] == (date(2025, 3, 5), "planlagt")
    assert after[DROPPED] == (date(2025, 1, 29), "planlagt")  # the original lists it again


def test_between_meetings_the_import_order_still_does_not_matter(tmp_path):
    """The corrected agenda, then the older meetings' minutes (a replay): the correction still stands."""
    db = imported(tmp_path / "a.db", [ORIGINAL, CORRECTED], [p for p in EXAMPLES if p != ORIGINAL])
    ref = imported(tmp_path / "b.db", EXAMPLES, [CORRECTED])
    assert points(db) == points(ref)
    assert points(db)[HOI] == (date(2025, 3, 12), "planlagt")


def test_a_stated_issue_wins_whatever_the_import_order(tmp_path):
    marked = stated(
        tmp_path, CORRECTED, "rettet.txt", "### **DAGSORDEN**", "### **DAGSORDEN**\n\nRettet udgave"
    )
    db = imported(tmp_path / "plan.db", EXAMPLES[:2], [marked], [ORIGINAL], EXAMPLES[3:])
    after = points(db)
    assert after[HOI] == (date(2025, 3, 12), "planlagt")
    assert after[DROPPED][1] == "ikke længere i planen"
    # Numbered versions: version 3 imported before version 2 still has the last word.
    v3 = stated(tmp_path, ORIGINAL, "v3.txt", "### **DAGSORDEN**", "### **DAGSORDEN**\n\nVersion 3")
    v2 = stated(tmp_path, CORRECTED, "v2.txt", "### **DAGSORDEN**", "### **DAGSORDEN**\n\nVersion 2")
    db = imported(tmp_path / "v.db", EXAMPLES, [v3], [v2])
    assert points(db)[HOI] == (date(2025, 3, 5), "planlagt")


def test_the_grammar_reads_the_issue_a_header_states(tmp_path):
    cases = {
        "Rettet udgave": (None, None, True),
        "Version 2": (2, None, False),
        "2. udgave": (2, None, False),
        "Udsendt d. 10. januar": (None, date(2025, 1, 10), False),
        "Revideret dagsorden, udsendt den 13.01.2025": (None, date(2025, 1, 13), True),
    }
    for k, (line, (version, issued, corrected)) in enumerate(cases.items()):
        copy = stated(tmp_path, ORIGINAL, f"c{k}.txt", "### **DAGSORDEN**", f"### **DAGSORDEN**\n\n{line}")
        doc = parse_file(copy)
        assert doc.issue is not None, line
        assert (doc.issue.version, doc.issue.issued, doc.issue.corrected) == (version, issued, corrected), (
            line
        )
        assert doc.issue.line == 9, line
        assert doc.kind == "dagsorden" and doc.meeting.date == date(2025, 1, 15)
        assert not doc.unparsed, doc.unparsed  # the issue line is read, not reported as not understood
    # "Rettet dagsorden" as the title gives the kind too.
    doc = parse_file(stated(tmp_path, ORIGINAL, "t.txt", "### **DAGSORDEN**", "### **Rettet dagsorden**"))
    assert doc.kind == "dagsorden" and doc.issue is not None and doc.issue.corrected
    # The real documents state nothing; a point's text ("Revideret …") in the body is never an issue.
    body = stated(
        tmp_path,
        ORIGINAL,
        "b.txt",
        "Evaluering af Helhedsorienteret Indsats (HOI)",
        "Revideret udgave af Evaluering af Helhedsorienteret Indsats (HOI)",
    )
    assert parse_file(body).issue is None
    assert all(parse_file(p).issue is None for p in EXAMPLES)
    out = planner("parse", "--json", CORRECTED)
    assert json.loads(out.stdout)[0]["issue"] is None


def test_the_correction_is_one_change_in_the_history_and_can_be_undone(tmp_path):
    db = imported(tmp_path / "plan.db", EXAMPLES)
    before = points(db)
    assert planner("import", "--db", db, CORRECTED).returncode == 0
    history = json.loads(planner("history", "--db", db, "--json").stdout)
    assert CORRECTED.name in json.dumps(history[0], ensure_ascii=False)
    undone = planner("undo", "--db", db)
    assert undone.returncode == 0, undone.stderr
    assert points(db) == before
    # Undoing the import forgets the document too: it can be imported again, with the same result.
    again = planner("import", "--db", db, CORRECTED)
    assert f"~ {HOI}: 5. marts 2025 → 12. marts 2025" in again.stdout


def test_a_point_gone_from_the_reissued_timetable_is_no_longer_planned(tmp_path):
    row = "11.35\tForberedelse af KCL seminar i april  Specialkonsulent Charlotte Gammelgaard deltager under behandlingen\n"
    without = stated(tmp_path, CORRECTED, "uden_kcl.txt", row, "")
    db = imported(tmp_path / "plan.db", EXAMPLES)
    title = "Forberedelse af KCL seminar i april"
    (before,) = [v for t, v in points(db).items() if t.startswith(title)]
    assert before == (date(2025, 1, 15), "planlagt")
    imported(db, [without])
    after = {t: v for t, v in points(db).items() if t.startswith(title)}
    assert list(after.values()) == [(date(2025, 1, 15), "ikke længere i planen")]
    assert points(db)[HOI] == (date(2025, 3, 12), "planlagt")
