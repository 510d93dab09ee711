"""The import view's preview is exactly what the import then does (issue 11, part 1).

For every ordered pair of the fixtures (the four examples, the corrected re-issue of the 15 January
2025 agenda and the minutes of that meeting): with the first imported, the preview of the second
(`planner.ui.import_view.preview`, what the app shows) must name the same new, moved, gone and
conflicting points as the import reports, and the plan it previewed must be the plan stored. The
stored plan is read back from the SQLite file, and its change is diffed independently of the import.
"""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest

from planner.parse.document import parse_file
from planner.plan import Plan
from planner.storage.store import Store
from planner.sync.diff import diff_points
from planner.sync.importer import import_documents, read_documents
from planner.ui.import_view import preview

ROOT = Path(__file__).resolve().parent.parent
CORRECTIONS = ROOT / "tests" / "fixtures" / "corrections"
FILES = [
    *sorted((ROOT / "data" / "examples").glob("*.txt")),
    CORRECTIONS / "002_22e19539ae1485f7_rettet.txt",
    CORRECTIONS / "002_22e19539ae1485f7_referat.txt",
]


def state(plan: Plan) -> list[tuple]:
    """Every point as a user sees it, with its identity and pending choices (row ids aside)."""
    return sorted(
        (
            p.uid,
            p.title,
            p.description,
            p.date,
            p.status,
            p.owner,
            tuple(p.participants),
            p.duration_min,
            p.closed,
            p.note,
            p.sequence,
            tuple(sorted(p.edited.items())),
        )
        for p in plan.points
    )


@pytest.fixture(scope="module")
def templates(tmp_path_factory) -> dict[Path, Path]:
    """A database per fixture with only that document imported."""
    out = {}
    for f in FILES:
        db = tmp_path_factory.mktemp("one") / "plan.db"
        with Store(db) as store:
            import_documents(store, read_documents([f]))
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        out[f] = db
    return out


def assert_preview_is_import(db: Path, files: list[Path]) -> None:
    with Store(db) as store:
        version = store.plan_version
        before = store.load_plan()
        shown, previewed = preview(store, [(f.name, parse_file(f)) for f in files])
        assert store.plan_version == version, "the preview wrote to the plan"
        results = import_documents(store, read_documents(files))
    with Store(db) as store:  # read back from the file
        stored = store.load_plan()
    assert state(previewed) == state(stored)
    for pv, r in zip(shown, results, strict=True):
        assert pv.status == {"added": "new", "unchanged": "known"}[r.status], (pv.source, pv.status, r.status)
        assert pv.changes == r.changes, pv.source
        assert pv.report == r.report, pv.source
    # The documents' parts together are the whole change of the stored plan, nothing more or less.
    whole = diff_points(before, stored).lists()
    for k, part in enumerate(whole):
        assert sorted(map(repr, part)) == sorted(repr(c) for pv in shown for c in pv.changes.lists()[k])


@pytest.mark.parametrize(
    "first, second",
    list(itertools.product(range(len(FILES)), repeat=2)),
    ids=lambda i: FILES[i].stem[:3] + FILES[i].stem[20:],
)
def test_preview_of_the_next_document_is_what_its_import_does(templates, tmp_path, first, second):
    db = tmp_path / "plan.db"
    shutil.copyfile(templates[FILES[first]], db)
    assert_preview_is_import(db, [FILES[second]])


@pytest.mark.parametrize(
    "pair",
    list(itertools.combinations(range(len(FILES)), 2)),
    ids=lambda p: "-".join(FILES[i].stem[:3] + FILES[i].stem[20:] for i in p),
)
def test_preview_of_two_documents_at_once_is_what_their_import_does(tmp_path, pair):
    assert_preview_is_import(tmp_path / "plan.db", [FILES[i] for i in pair])


def test_the_issue_case_previews_one_move_and_imports_it(templates, tmp_path):
    """The bug report: the preview promised '1 flyttede' and the import moved nothing."""
    db = tmp_path / "plan.db"
    with Store(db) as store:
        import_documents(store, read_documents(FILES[:4]))
        (pv,), _ = preview(store, [(FILES[4].name, parse_file(FILES[4]))])
    assert [c.moved_text() for c in pv.changes.moved] == [
        "Evaluering af Helhedsorienteret Indsats (HOI): 5. marts 2025 → 12. marts 2025"
    ]
    assert [c.title for c in pv.changes.vanished] == ["Aftalestyringsstyring"]
    assert_preview_is_import(db, [FILES[4]])


def test_the_import_view_shows_the_move_and_the_import_makes_it(tmp_path, monkeypatch):
    """In the app: the preview names HOI's move with its dates, and after «Importér» HOI has moved."""
    from streamlit.testing.v1 import AppTest

    db = tmp_path / "plan.db"
    with Store(db) as store:
        import_documents(store, read_documents(FILES[:4]))
    monkeypatch.setenv("PLANNER_DB", str(db))
    monkeypatch.setenv("PLANNER_TODAY", "2025-01-20")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    at.sidebar.radio(key="view").set_value("Import").run()
    corrected = FILES[4]
    at.file_uploader[0].set_value([(corrected.name, corrected.read_bytes(), "text/plain")]).run()
    assert not at.exception, [e.value for e in at.exception]
    metrics = {m.label: int(m.value) for m in at.metric}
    assert (metrics["Flyttede"], metrics["Ikke længere i planen"], metrics["Nye punkter"]) == (1, 1, 0)
    shown = "\n".join(str(m.value) for m in at.markdown)
    assert "Evaluering af Helhedsorienteret Indsats (HOI): 5. marts 2025 → 12. marts 2025" in shown
    assert "Aftalestyringsstyring" in shown
    at.button(key="imp_commit").click().run()
    assert not at.exception, [e.value for e in at.exception]
    with Store(db) as store:
        points = {p.title: (p.date, p.status) for p in store.load_plan().points}
    assert points["Evaluering af Helhedsorienteret Indsats (HOI)"][0].isoformat() == "2025-03-12"
    assert points["Aftalestyringsstyring"][1] == "ikke længere i planen"
