"""An import of many files folds each document as the parse's workers hand it over
(`ParsedDocuments`, `importer._plan_as_parsed`): the plan must be the one folding them all at once
gives, whatever order they arrive in, and a change that comes first must not be lost."""

from __future__ import annotations

import random
import sqlite3

import pytest

from planner.bench.archive import write_archive
from planner.commands import add_point
from planner.storage.rows import rows_from_plan
from planner.storage.store import Store
from planner.sync import importer
from planner.sync.importer import PARALLEL_FROM, ParsedDocuments, import_documents, read_documents


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    files = sorted(write_archive(tmp_path_factory.mktemp("archive"), years=1))
    assert len(files) >= PARALLEL_FROM
    return files


def _rows(store: Store) -> dict:
    rows = rows_from_plan(store.load_plan())
    for table in rows.values():
        for row in table:
            row.pop("_obj")
            row.pop("updated_at", None)
    rows["documents"] = [(d["id"], d["source"], d["sha256"], d["text"]) for d in store.documents()]
    return rows


def _import(db, files, *, at_once: bool) -> tuple[dict, list]:
    with Store(db) as store:
        results = read_documents(files, workers=2)
        assert isinstance(results, ParsedDocuments)
        if at_once:
            results = list(results)  # every result there before the fold begins
        else:
            assert not results.complete
        done = import_documents(store, results)
        assert isinstance(results, list) or results.complete
        reports = [(r.source, r.status, r.report) for r in done]
        return _rows(store), reports


@pytest.mark.parametrize("order", ["dated", "shuffled", "reversed"])
def test_a_pipelined_import_gives_the_plan_of_an_import_at_once(tmp_path, archive, order, monkeypatch):
    files = list(archive)
    if order == "shuffled":
        random.Random(7).shuffle(files)
    elif order == "reversed":
        files.reverse()
    files.append(files[3])  # one file twice: "unchanged"
    fold = importer._plan_as_parsed
    folded_as_read = []

    def watched(store, results):
        planned = fold(store, results)
        folded_as_read.append(planned is not None)
        return planned

    monkeypatch.setattr(importer, "_plan_as_parsed", watched)
    pipelined = _import(tmp_path / "a.db", files, at_once=False)
    assert folded_as_read[0] == (order == "dated")  # out of fold order: folded again once all are there
    at_once = _import(tmp_path / "b.db", files, at_once=True)
    assert pipelined == at_once
    assert [status for _, status, _ in pipelined[1]].count("unchanged") == 1


def test_a_pipelined_import_on_top_of_stored_documents(tmp_path, archive):
    """The stored documents' place decides: after them the fold goes on as the documents arrive, and
    a stored document that belongs after the first new one makes the import replay the fold."""
    for name, first, second in (("after", archive[:8], archive), ("before", archive[40:48], archive)):
        plans = []
        for at_once in (False, True):
            db = tmp_path / f"{name}-{at_once}.db"
            with Store(db) as store:
                import_documents(store, read_documents(first))
            plans.append(_import(db, second, at_once=at_once))
        assert plans[0] == plans[1], name


def test_a_change_made_while_the_documents_are_folded_is_kept(tmp_path, archive, monkeypatch):
    """The fold of arriving documents runs before the import's transaction; a change another writer
    makes meanwhile is there when the import writes, and the import is folded again on top of it."""
    db = tmp_path / "plan.db"
    fold = importer._plan_as_parsed
    folds = []

    def fold_then_someone_adds_a_point(store, results):
        planned = fold(store, results)
        folds.append(planned is not None)
        other = Store(db)
        try:
            add_point(other, "Tilføjet under importen", actor="bruger")
        finally:
            other.close()
        return planned

    monkeypatch.setattr(importer, "_plan_as_parsed", fold_then_someone_adds_a_point)
    with Store(db) as store:
        results = import_documents(store, read_documents(archive, workers=2))
        plan = store.load_plan()
    assert folds == [True]
    assert all(r.status == "added" for r in results)
    assert any(p.title == "Tilføjet under importen" for p in plan.points)
    monkeypatch.undo()
    expected = tmp_path / "expected.db"
    with Store(expected) as store:
        add_point(store, "Tilføjet under importen", actor="bruger")
        import_documents(store, read_documents(archive, workers=2))
        wanted = _rows(store)
    with Store(db) as store:
        got = _rows(store)
    assert got == wanted


def test_a_pipelined_import_holds_no_write_lock_while_it_folds(tmp_path, archive, monkeypatch):
    db = tmp_path / "plan.db"
    fold = importer._plan_as_parsed
    seen = []

    def fold_and_try_to_write(store, results):
        planned = fold(store, results)
        other = sqlite3.connect(db, timeout=0)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
            seen.append("free")
        except sqlite3.OperationalError:
            seen.append("locked")
        finally:
            other.close()
        return planned

    monkeypatch.setattr(importer, "_plan_as_parsed", fold_and_try_to_write)
    with Store(db) as store:
        import_documents(store, read_documents(archive, workers=2))
    assert seen == ["free"]


def test_results_dropped_half_way_stop_their_workers(archive):
    results = read_documents(archive, workers=2)
    first = next(iter(results))
    assert first.status == "parsed"
    pool = results._pool
    del results
    assert pool._shutdown_thread
