"""Keeping the plan in sync with each week's documents: order, identity, hand edits, vanished points."""

import itertools
import shutil
from datetime import date
from pathlib import Path

import pytest

from planner.storage.store import Store
from planner.sync.importer import import_documents, read_documents

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "data" / "examples").glob("*.txt"))


def import_one_by_one(db: Path, files) -> Store:
    store = Store(db)
    for f in files:
        import_documents(store, read_documents([f]))
    return store


def snapshot(store: Store) -> dict:
    plan = store.load_plan()
    return {
        "points": sorted(
            (p.title, p.date, p.status, p.origin, p.duration_min, p.closed) for p in plan.points
        ),
        "meetings": sorted((m.date, m.status, m.start, m.end, m.location) for m in plan.meetings),
        "events": sorted((e.uid, e.title, e.start, e.end, e.status, e.category) for e in plan.events),
        "closures": sorted((c.label, c.start, c.end) for c in plan.closures),
        "absences": sorted((a.person, a.start, a.end) for a in plan.absences),
        "people": sorted((p.name, p.role, p.vacant) for p in plan.people),
    }


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    store = import_one_by_one(tmp_path_factory.mktemp("ref") / "plan.db", EXAMPLES)
    try:
        return snapshot(store)
    finally:
        store.close()


@pytest.mark.parametrize("order", list(itertools.permutations(range(4))), ids=lambda o: "".join(map(str, o)))
def test_every_import_order_gives_the_same_plan(tmp_path, reference, order):
    store = import_one_by_one(tmp_path / "plan.db", [EXAMPLES[i] for i in order])
    try:
        assert snapshot(store) == reference
    finally:
        store.close()


def test_reference_plan_facts(reference):
    points = {(t, d): s for t, d, s, *_ in reference["points"]}
    assert points[("Evaluering af Helhedsorienteret Indsats (HOI)", date(2025, 3, 5))] == "planlagt"
    # The newest document's backlog no longer lists "Regeringens lovprogram": never deleted, marked.
    assert points[("Regeringens lovprogram", None)] == "ikke længere i planen"
    # The current Kommunaldirektør replaces the 2023 vacancy.
    assert ("Jonas Kroustrup", "Kommunaldirektør", False) in reference["people"]
    assert not any(vacant for *_, vacant in reference["people"])
    assert [(p, s) for p, s, _ in reference["absences"]] == [
        ("Kim Bruun Nielsen", date(2025, 2, 5)),
        ("Kim Bruun Nielsen", date(2025, 5, 14)),
        ("Kim Bruun Nielsen", date(2025, 6, 4)),
    ]
    # "Punkt 1" resumed after the break is one point of 40 + 40 minutes.
    punkt1 = [p for p in reference["points"] if p[0] == "Punkt 1 – Beslutningsprotokoller og dagsordener"]
    assert len(punkt1) == 1 and punkt1[0][4] == 100


def edited_copy(src: Path, dest: Path, replacements: list[tuple[str, str]]) -> Path:
    text = src.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    dest.write_text(text, encoding="utf-8")
    return dest


def newer_agenda(tmp_path: Path, replacements) -> Path:
    """The 15 January 2025 agenda as the next week's agenda (22 January), edited."""
    base = [("Dato: Onsdag den 15. januar 2025", "Dato: Onsdag den 22. januar 2025")]
    return edited_copy(EXAMPLES[2], tmp_path / "next_week.txt", base + replacements)


def point_by_title(store: Store, title: str):
    return next(p for p in store.load_plan().points if p.title == title)


def test_reworded_and_moved_point_is_recognised_as_the_same(tmp_path):
    store = import_one_by_one(tmp_path / "plan.db", EXAMPLES)
    hoi = point_by_title(store, "Evaluering af Helhedsorienteret Indsats (HOI)")
    newer = newer_agenda(
        tmp_path,
        [
            ("5. mar.\tEvaluering af Helhedsorienteret Indsats (HOI)", "5. mar.\t"),
            ("12. mar.\t", "12. mar.\tEvaluering af den Helhedsorienterede Indsats (HOI)"),
        ],
    )
    results = import_documents(store, read_documents([newer]))
    after = store.load_plan().point(hoi.id)
    assert after.uid == hoi.uid and after.date == date(2025, 3, 12)
    assert after.title == "Evaluering af den Helhedsorienterede Indsats (HOI)"
    assert after.sequence == hoi.sequence + 1
    assert results[0].report.moved == ["Evaluering af den Helhedsorienterede Indsats (HOI)"]
    store.close()


def test_point_vanished_from_newer_document_is_marked_not_deleted(tmp_path):
    store = import_one_by_one(tmp_path / "plan.db", EXAMPLES)
    newer = newer_agenda(
        tmp_path,
        [
            (
                "29. jan.\tVelkomstarrangement for nye medarbejdere Aftalestyringsstyring",
                "29. jan.\tVelkomstarrangement for nye medarbejdere",
            )
        ],
    )
    import_documents(store, read_documents([newer]))
    gone = point_by_title(store, "Aftalestyringsstyring")
    assert gone.status == "ikke længere i planen" and gone.date == date(2025, 1, 29)
    assert point_by_title(store, "Velkomstarrangement for nye medarbejdere").status == "planlagt"
    store.close()


def hand_move(store: Store, point_id: int, new_date: date) -> None:
    def change(plan):
        p = plan.point(point_id)
        p.edited["date"] = p.doc_value.isoformat() if p.doc_value else None
        p.date = new_date
        p.sequence += 1

    store.mutate(change, "bruger", "move", "flyt")


def test_hand_edit_survives_reimport_and_a_newer_document(tmp_path):
    store = import_one_by_one(tmp_path / "plan.db", EXAMPLES)
    sick = point_by_title(store, "Ny model for sygefravær 1-3-10")
    hand_move(store, sick.id, date(2025, 2, 26))
    import_one_by_one(tmp_path / "plan.db", EXAMPLES).close()  # re-import: nothing changes
    newer = newer_agenda(tmp_path, [("Digitalt registreringssystem", "Digitalt registreringssystem (nyt)")])
    import_documents(
        store, read_documents([newer])
    )  # newer, but it agrees with the old document on this point
    assert store.load_plan().point(sick.id).date == date(2025, 2, 26)
    # Out of order: the older documents again (replay) keep the hand edit too.
    older = edited_copy(EXAMPLES[0], tmp_path / "older.txt", [("Fraværende:", "Fraværende:\n")])
    import_documents(store, read_documents([older]))
    kept = store.load_plan().point(sick.id)
    assert kept.date == date(2025, 2, 26) and "pending:date" not in kept.edited
    store.close()


def test_document_change_to_a_hand_edited_point_is_a_merge_conflict(tmp_path):
    store = import_one_by_one(tmp_path / "plan.db", EXAMPLES)
    sick = point_by_title(store, "Ny model for sygefravær 1-3-10")
    hand_move(store, sick.id, date(2025, 2, 26))
    newer = newer_agenda(
        tmp_path,
        [
            ("5. feb.\tKim Bruun deltager ikke på mødet.  Ny model for sygefravær 1-3-10", "5. feb.\t"),
            ("19. feb.\t", "19. feb.\tNy model for sygefravær 1-3-10"),
        ],
    )
    results = import_documents(store, read_documents([newer]))
    p = store.load_plan().point(sick.id)
    assert p.date == date(2025, 2, 26)  # mine is kept ...
    assert p.edited["pending:date"] == "2025-02-19"  # ... and the document's proposal waits for the user
    assert results[0].report.conflicts == ["Ny model for sygefravær 1-3-10"]
    store.close()


def test_same_result_from_a_copied_database(tmp_path):
    """Backups and copies are ordinary SQLite files: a copy imports the same way."""
    store = import_one_by_one(tmp_path / "a.db", EXAMPLES[:2])
    store.close()
    shutil.copy(tmp_path / "a.db", tmp_path / "b.db")
    a = import_one_by_one(tmp_path / "a.db", EXAMPLES[2:])
    b = import_one_by_one(tmp_path / "b.db", EXAMPLES[2:])
    assert snapshot(a) == snapshot(b)
    a.close()
    b.close()
