"""Shared fixtures: the real example documents imported into real SQLite files.

- `example_files`: the four example documents (data/examples/*.txt), sorted.
- `imported_db_template`: session-wide path to a database with the examples imported once;
  never write to it — copy it with `copy_db` (a file copy is much faster than importing).
- `imported_db`: a fresh copy of that database in the test's tmp_path (a `Path`).
- `imported_store`: a `Store` opened on `imported_db`, closed after the test.
- `empty_db`: path to a new, empty database file in tmp_path.

The second plan (tests/fixtures/second_plan, "Molsbjerg Kommune", six documents in four formats):
- `second_plan_files`: its six documents, sorted (oldest first: the names start with the date).
- `second_db_template`: session-wide database with them imported once; copy it, never write to it.

Both plans, for properties that must hold for any imported plan (a test using these runs once per plan):
- `plan_name`: "examples" or "molsbjerg" (parametrised over `PLANS`).
- `plan_files`: that plan's documents; `plan_template`: its session-wide imported database.
- `plan_db`: a fresh copy of that imported plan in the test's tmp_path (a `Path`).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from planner.storage.store import Store
from planner.sync.importer import import_documents, read_documents

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES_DIR = ROOT / "data" / "examples"
SECOND_PLAN_DIR = ROOT / "tests" / "fixtures" / "second_plan"
PLANS = ("examples", "molsbjerg")


def copy_db(src: Path, dest: Path) -> Path:
    """Copy a closed SQLite database file (the template is checkpointed when it is closed)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)
    return dest


def import_examples(db: Path, files: list[Path]) -> Path:
    with Store(db) as store:
        results = import_documents(store, read_documents(files))
        failed = [r for r in results if r.status == "error"]
        assert not failed, [r.error for r in failed]
        # Fold the WAL into the main file so a plain file copy carries everything.
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db


@pytest.fixture(scope="session")
def example_files() -> list[Path]:
    files = sorted(EXAMPLES_DIR.glob("*.txt"))
    assert len(files) == 4, files
    return files


@pytest.fixture(scope="session")
def imported_db_template(tmp_path_factory, example_files) -> Path:
    return import_examples(tmp_path_factory.mktemp("template") / "examples.db", example_files)


@pytest.fixture(scope="session")
def second_plan_files() -> list[Path]:
    files = sorted(SECOND_PLAN_DIR.glob("molsbjerg_*"))
    assert len(files) == 6 and {f.suffix for f in files} == {".txt", ".md", ".html", ".docx"}, files
    return files


@pytest.fixture(scope="session")
def second_db_template(tmp_path_factory, second_plan_files) -> Path:
    return import_examples(tmp_path_factory.mktemp("template") / "molsbjerg.db", second_plan_files)


_PLAN_FIXTURES = {
    "examples": ("example_files", "imported_db_template"),
    "molsbjerg": ("second_plan_files", "second_db_template"),
}


@pytest.fixture(params=PLANS)
def plan_name(request) -> str:
    return request.param


@pytest.fixture
def plan_files(request, plan_name) -> list[Path]:
    return request.getfixturevalue(_PLAN_FIXTURES[plan_name][0])


@pytest.fixture
def plan_template(request, plan_name) -> Path:
    # Looked up by name so that a run selecting one plan imports only that one.
    return request.getfixturevalue(_PLAN_FIXTURES[plan_name][1])


@pytest.fixture
def plan_db(tmp_path, plan_template) -> Path:
    return copy_db(plan_template, tmp_path / "plan.db")


@pytest.fixture
def imported_db(tmp_path, imported_db_template) -> Path:
    return copy_db(imported_db_template, tmp_path / "plan.db")


@pytest.fixture
def imported_store(imported_db):
    store = Store(imported_db)
    yield store
    store.close()


@pytest.fixture
def empty_db(tmp_path) -> Path:
    path = tmp_path / "empty.db"
    Store(path).close()
    return path
