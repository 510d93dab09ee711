"""The fold's index follows the fold: folding over one FoldIndex kept current from document to
document gives exactly the plan that folding each document over a fresh index gives.

The import keeps one index for a whole import (`plan_import`): its match pool is refiled as points
are added, moved and reworded and as the documents' dates advance, instead of being built again
for every document. A fresh index (`apply_document` without one) is built from the plan as it
stands, so it is the reference. Three years of agendas and minutes are imported into a real
SQLite file in two halves; between them points are moved and reworded by hand, so the second
half also meets hand-moved and hand-titled points.
"""

from __future__ import annotations

from datetime import timedelta

from planner.bench.archive import write_archive
from planner.commands import import_documents, move_point, update_point
from planner.storage.plan_copy import working_copy
from planner.storage.store import Store
from planner.sync.fold import apply_document, doc_sort_key
from planner.sync.importer import plan_import, read_documents

TABLES = ("points", "meetings", "events", "closures", "absences", "people")


def _state(plan) -> dict[str, list[dict]]:
    return {name: [dict(vars(item)) for item in getattr(plan, name)] for name in TABLES}


def test_one_index_for_the_whole_fold_gives_what_a_fresh_index_per_document_gives(tmp_path):
    paths = sorted(write_archive(tmp_path / "archive", years=3))
    half = len(paths) // 2
    with Store(tmp_path / "plan.db") as store:
        import_documents(store, read_documents(paths[:half], workers=1))
        plan = store.load_plan()
        planned = [p for p in plan.points if p.date and p.status == "planlagt" and p.origin == "forward_plan"]
        assert len(planned) >= 10
        for p in planned[-10:-5]:  # moved by hand into the weeks the second half speaks of
            move_point(store, p.id, p.date + timedelta(weeks=1))
        for p in planned[-5:]:
            update_point(store, p.id, title=f"{p.title} (omformuleret)")
        stored = store.load_plan()

        results = read_documents(paths[half:], workers=1)
        seq = store.next_document_id()
        incremental = plan_import(store, results).after  # one index, kept current

    reference = working_copy(stored)
    docs = sorted(((doc_sort_key(r.doc, seq + i), r) for i, r in enumerate(results)), key=lambda kr: kr[0])
    for _key, r in docs:
        apply_document(reference, r.doc, r.source)  # a fresh index, built from the plan as it stands

    assert len(incremental.points) > len(stored.points)  # the second half added points
    assert any("(omformuleret)" in p.title for p in incremental.points)
    assert _state(incremental) == _state(reference)
