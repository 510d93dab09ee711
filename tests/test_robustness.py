"""Crashes, concurrent writers and backups: real processes on real SQLite files.

Every test is bounded in time: children are killed by the test or time out.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import time
from datetime import date
from pathlib import Path

import pytest
from helpers_proc import (
    PLAN_TABLES,
    TIMESTAMPS,
    connect,
    counts,
    integrity,
    meta,
    plan_state,
    planner,
    shifted_copies,
    snapshot,
    spawn_python,
    wait_for,
    writer_in_transaction,
)

from planner.bench.archive import write_archive
from planner.plan import Point
from planner.storage.store import Store

# A child that moves points: argv = db actor n offset go-file stop-file point-ids.
# Each move is one Store.mutate: load, change and write in one IMMEDIATE transaction, then
# "i change-id" is printed (after the commit). n < 0: until the stop file appears.
MOVER = """
import sys, time
from datetime import date, timedelta
from pathlib import Path
from planner.storage.store import Store

db, actor, n, offset, go, stop = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6]
ids = [int(x) for x in sys.argv[7].split(",")]
while go != "-" and not Path(go).exists():
    time.sleep(0.001)
store = Store(db, timeout=60)
i = 0
while i != n and not (stop != "-" and Path(stop).exists()):
    pid, new = ids[i % len(ids)], date(2030, 1, 1) + timedelta(days=offset + i)
    def change(plan, pid=pid, new=new):
        plan.point(pid).date = new
    _, change_id = store.mutate(change, actor, "move", f"{actor} {i}: punkt {pid} til {new}")
    print(i, change_id, flush=True)
    i += 1
store.close()
"""


def _history_since(db: Path, after_id: int) -> list[dict]:
    conn = connect(db)
    try:
        rows = conn.execute("SELECT * FROM history WHERE id > ? ORDER BY id", (after_id,)).fetchall()
        return [{**dict(r), "items": json.loads(r["items"])} for r in rows]
    finally:
        conn.close()


def _last_history_id(db: Path) -> int:
    conn = connect(db)
    try:
        return conn.execute("SELECT coalesce(max(id), 0) FROM history").fetchone()[0]
    finally:
        conn.close()


def _strip(row: dict | None) -> dict | None:
    return None if row is None else {k: v for k, v in row.items() if k not in TIMESTAMPS}


def assert_history_replays(base: dict, db: Path, after_id: int) -> list[dict]:
    """Applying the new history rows to `base` gives the stored plan, and every row started
    from exactly what the previous one left: no lost, partial or unrecorded write."""
    state = {t: {r["id"]: r for r in rows} for t, rows in base.items()}
    history = _history_since(db, after_id)
    for h in history:
        for it in h["items"]:
            table = state.setdefault(it["table"], {})
            assert table.get(it["id"]) == _strip(it["before"]), f"change {h['id']}: {it['table']} {it['id']}"
            if it["after"] is None:
                table.pop(it["id"])
            else:
                table[it["id"]] = _strip(it["after"])
    final = plan_state(db, tables=tuple(base))
    assert {t: sorted(rows.values(), key=lambda r: r["id"]) for t, rows in state.items()} == final
    versions = [h["plan_version"] for h in history]
    assert versions == list(range(versions[0], versions[0] + len(versions))) if versions else True
    return history


def _kill(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)


@pytest.fixture
def children():
    started: list[subprocess.Popen] = []
    yield started
    for proc in started:
        _kill(proc)
        for stream in (proc.stdout, proc.stderr):
            if stream:
                stream.close()


# --- imports are atomic -----------------------------------------------------------------------


def test_a_file_that_fails_among_several_is_left_out_whole(tmp_path, example_files):
    bad = tmp_path / "ødelagt.txt"
    bad.write_bytes(b"\x00\x01\x02PK\x03\x04 not a document")
    mixed, reference = tmp_path / "mixed.db", tmp_path / "reference.db"
    result = planner("import", example_files[0], bad, *example_files[1:], "--db", mixed)
    assert result.returncode == 2
    assert "ødelagt.txt" in result.stderr and "binær" in result.stderr
    assert planner("import", *example_files, "--db", reference).returncode == 0
    assert counts(mixed) == counts(reference)
    assert plan_state(mixed) == plan_state(reference)


FAILING_IMPORT = """
import sys
import planner.sync.importer as importer
from planner.cli import main

calls = 0
real = importer.apply_document

def failing(*args, **kwargs):
    global calls
    calls += 1
    if calls == 3:
        raise RuntimeError("simuleret fejl midt i importen")
    return real(*args, **kwargs)

importer.apply_document = failing
sys.exit(main(["import", "--db", *sys.argv[1:]]))
"""


def test_an_error_midway_through_the_fold_writes_nothing(imported_db, example_files, tmp_path):
    copies = shifted_copies(example_files, tmp_path / "copies", 1)
    before = snapshot(imported_db)
    proc = spawn_python(FAILING_IMPORT, imported_db, *copies)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1 and "simuleret fejl" in err
    assert snapshot(imported_db) == before  # documents, plan, history, meta: all untouched
    assert integrity(imported_db) == "ok"


def test_a_killed_import_leaves_the_plan_before_or_after_never_between(
    imported_db, example_files, tmp_path, children
):
    # Three years of weekly documents (the benchmark's archive): a transaction long enough to kill.
    copies = write_archive(tmp_path / "copies", years=3)
    base_copy = tmp_path / "base.db"
    shutil.copyfile(imported_db, base_copy)
    before, counts_before = snapshot(imported_db), counts(imported_db)
    proc = spawn_python(
        "import sys; from planner.cli import main; sys.exit(main())",
        "import",
        "--db",
        imported_db,
        *copies,
        stdout=subprocess.DEVNULL,
    )
    children.append(proc)
    # Wait until the import holds the write lock for a while (not just the short schema check at
    # open), then kill it in the middle of its transaction.
    deadline, busy_since = time.monotonic() + 30, None
    while time.monotonic() < deadline and proc.poll() is None:
        if writer_in_transaction(imported_db):
            busy_since = busy_since or time.monotonic()
            if time.monotonic() - busy_since > 0.1:
                break
        else:
            busy_since = None
        time.sleep(0.02)
    assert proc.poll() is None, "the import finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(timeout=10) == -signal.SIGKILL

    assert integrity(imported_db) == "ok"
    with Store(imported_db):  # opens (and recovers) like the app would
        pass
    # Exactly one of the two: untouched, or (the commit won the race against the kill) the whole
    # import, as the same import run to its end on a copy of the plan leaves it.
    assert planner("import", *copies, "--db", base_copy).returncode == 0
    finished = (counts(base_copy), plan_state(base_copy))
    assert finished[0]["history"] > counts_before["history"]  # the finished import is told apart from none
    assert snapshot(imported_db) == before or (counts(imported_db), plan_state(imported_db)) == finished


HANG_BEFORE_COMMIT = """
import sys, time
from pathlib import Path
import planner.storage.store as store_module
from planner.cli import main

marker = Path(sys.argv[1])
real_init, real_record = store_module.Store.__init__, store_module.Store._record

def init(self, *args, **kwargs):
    real_init(self, *args, **kwargs)
    self.conn.execute("PRAGMA cache_size=5")  # spill uncommitted pages into the WAL

def record(self, *args, **kwargs):
    change_id = real_record(self, *args, **kwargs)
    marker.write_text(str(change_id))
    time.sleep(60)  # every row and the history row are written; COMMIT has not run
    return change_id

store_module.Store.__init__, store_module.Store._record = init, record
sys.exit(main(["import", "--db", *sys.argv[2:]]))
"""


def test_killed_just_before_commit_with_pages_in_the_wal(imported_db, example_files, tmp_path, children):
    copies = shifted_copies(example_files, tmp_path / "copies", 1)
    before = snapshot(imported_db)
    marker = tmp_path / "written"
    proc = spawn_python(HANG_BEFORE_COMMIT, marker, imported_db, *copies, stdout=subprocess.DEVNULL)
    children.append(proc)
    wait_for(lambda: marker.exists() or proc.poll() is not None, timeout=45, what="the import's history row")
    assert proc.poll() is None, proc.stderr.read()
    wal = Path(f"{imported_db}-wal")
    assert wal.exists() and wal.stat().st_size > 0  # uncommitted frames really are on disk
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)

    assert integrity(imported_db) == "ok"
    assert snapshot(imported_db) == before
    # And the database is fully usable: the same import now goes through.
    result = planner("import", *copies, "--db", imported_db, "--json")
    assert result.returncode == 0, result.stderr
    assert counts(imported_db)["documents"] == len(before["documents"]) + len(copies)


# --- edits ----------------------------------------------------------------------------------


def test_a_crash_during_edits_leaves_history_and_plan_consistent(imported_db, children):
    base = plan_state(imported_db, tables=PLAN_TABLES)
    last_id = _last_history_id(imported_db)
    version = int(meta(imported_db, "plan_version"))
    ids = ",".join(str(r["id"]) for r in base["points"][:20])
    proc = spawn_python(MOVER, imported_db, "flytter", -1, 0, "-", "-", ids)
    children.append(proc)
    done = 0
    while done < 60:
        line = proc.stdout.readline()
        assert line, proc.stderr.read()
        done += 1
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    done += len(proc.stdout.read().splitlines())  # moves it reported before it died

    assert integrity(imported_db) == "ok"
    history = assert_history_replays(base, imported_db, last_id)
    # Every reported move is in history; at most one more committed without being reported.
    assert done <= len(history) <= done + 1
    assert all(h["action"] == "move" and h["actor"] == "flytter" for h in history)
    assert int(meta(imported_db, "plan_version")) == version + len(history)


# --- concurrent writers ---------------------------------------------------------------------


def test_two_processes_writing_at_once_never_lose_a_write(tmp_path, children):
    db = tmp_path / "concurrent.db"
    with Store(db) as store:

        def seed(plan):
            for uid in ("a", "b", "shared"):
                plan.points.append(
                    Point(uid, f"Punkt {uid}", date(2029, 1, 1), origin="manual", source="bruger")
                )

        store.mutate(seed, "test", "add", "tre punkter")
        ids = {p.uid: p.id for p in store.load_plan().points}
    base = plan_state(db, tables=PLAN_TABLES)
    last_id = _last_history_id(db)
    go = tmp_path / "go"
    moves = 500
    # Each process alternates between its own point and the point both of them move.
    procs = [
        spawn_python(MOVER, db, actor, moves, offset, go, "-", f"{ids[own]},{ids['shared']}")
        for actor, own, offset in (("proces-a", "a", 0), ("proces-b", "b", 1000))
    ]
    children.extend(procs)
    time.sleep(0.3)  # both imported and waiting
    go.touch()
    reported = []
    for proc in procs:
        out, err = proc.communicate(timeout=90)
        assert proc.returncode == 0, err
        lines = out.splitlines()
        assert len(lines) == moves
        reported += [int(line.split()[1]) for line in lines]

    assert integrity(db) == "ok"
    history = assert_history_replays(base, db, last_id)
    assert len(history) == 2 * moves
    assert sorted(reported) == [h["id"] for h in history]  # every committed move is one history row
    assert sum(h["actor"] == "proces-a" for h in history) == moves
    final = {r["id"]: r for r in plan_state(db, tables=("points",))["points"]}
    # Own points: the last of that process's moves (i = 498 moved its own point).
    assert final[ids["a"]]["date"] == str(date.fromordinal(date(2030, 1, 1).toordinal() + 498))
    assert final[ids["b"]]["date"] == str(date.fromordinal(date(2030, 1, 1).toordinal() + 1000 + 498))
    # The shared point: the date of the last committed move in history order, after 500 updates.
    last_shared = [h for h in history if h["items"][0]["id"] == ids["shared"]][-1]
    assert final[ids["shared"]]["date"] == last_shared["items"][0]["after"]["date"]
    assert final[ids["shared"]]["version"] == 1 + moves
    assert int(meta(db, "plan_version")) == history[-1]["plan_version"]


MOVE_POINT = """
import sys, time
from datetime import date
from pathlib import Path
from planner.commands import move_point
from planner.storage.store import Store

db, actor, go, point_id = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
dates = [date.fromisoformat(d) for d in sys.argv[5].split(",")]
while not Path(go).exists():
    time.sleep(0.001)
store = Store(db, timeout=60)
for d in dates:
    print(move_point(store, point_id, d, actor=actor).change_id, flush=True)
store.close()
"""


def test_two_processes_moving_the_same_point_with_move_point(imported_db, tmp_path, children):
    """The app's own move command (conflict checks, meetings) under the same race, on the real plan."""
    pytest.importorskip("planner.commands")
    state = plan_state(imported_db, tables=PLAN_TABLES)
    wednesdays = sorted(
        m["date"]
        for m in state["meetings"]
        if date.fromisoformat(m["date"]).weekday() == 2 and m["date"] >= "2024-08-01"
    )[:10]
    point = next(p for p in state["points"] if p["date"] and not p["closed"] and p["date"] not in wednesdays)
    last_id, go, moves = _last_history_id(imported_db), tmp_path / "go", 40
    procs = [
        spawn_python(
            MOVE_POINT,
            imported_db,
            actor,
            go,
            point["id"],
            ",".join(wednesdays[k::2][i % 5] for i in range(moves)),
        )
        for k, actor in enumerate(("proces-a", "proces-b"))
    ]
    children.extend(procs)
    time.sleep(0.3)
    go.touch()
    reported = []
    for proc in procs:
        out, err = proc.communicate(timeout=90)
        assert proc.returncode == 0, err
        reported += [int(x) for x in out.split()]

    assert integrity(imported_db) == "ok"
    history = assert_history_replays(state, imported_db, last_id)
    assert sorted(reported) == [h["id"] for h in history] and len(history) == 2 * moves
    final = next(p for p in plan_state(imported_db, tables=("points",))["points"] if p["id"] == point["id"])
    last_move = next(it for it in history[-1]["items"] if it["table"] == "points")
    assert final["date"] == last_move["after"]["date"]
    assert final["version"] == point["version"] + 2 * moves


# --- backup and restore ---------------------------------------------------------------------


def test_backup_while_another_process_writes(imported_db, tmp_path, children):
    before = int(meta(imported_db, "plan_version"))
    ids = ",".join(str(r["id"]) for r in plan_state(imported_db, tables=("points",))["points"][:10])
    stop = tmp_path / "stop"
    proc = spawn_python(MOVER, imported_db, "flytter", -1, 0, "-", stop, ids)
    children.append(proc)
    for _ in range(5):  # let it get going
        assert proc.stdout.readline(), proc.stderr.read()
    backups = []
    for n in range(3):
        dest = tmp_path / "kopier" / f"backup{n}.db"
        result = planner("backup", dest, "--db", imported_db)
        assert result.returncode == 0, result.stderr
        assert str(dest) in result.stdout
        backups.append((dest, result.stdout))
    stop.touch()
    proc.communicate(timeout=30)
    assert proc.returncode == 0
    after = int(meta(imported_db, "plan_version"))
    assert after > before + 5

    versions = []
    for dest, printed in backups:
        assert integrity(dest) == "ok"
        version = int(meta(dest, "plan_version"))
        assert before <= version <= after
        assert f"planversion {version}" in printed
        conn = connect(dest)
        try:  # a consistent snapshot: the plan version is that of the last change in the copy
            assert conn.execute("SELECT max(plan_version) FROM history").fetchone()[0] == version
        finally:
            conn.close()
        with Store(dest) as store:  # opens as a planner database
            assert store.plan_version == version
        versions.append(version)
    assert versions == sorted(versions)


def test_restore_while_the_app_has_the_database_open(imported_db, tmp_path):
    backup = tmp_path / "backup.db"
    assert planner("backup", backup, "--db", imported_db).returncode == 0
    saved = plan_state(imported_db)
    app = Store(imported_db)  # the running app
    try:

        def wipe(plan):
            plan.points.clear()

        app.mutate(wipe, "bruger", "delete", "slet alt")
        version = app.plan_version
        result = planner("restore", backup, "--db", imported_db)
        assert result.returncode == 0, result.stderr
        assert "Gendannet" in result.stdout
        restored = app.load_plan()  # the app's open connection sees the restored plan
        assert len(restored.points) == len(saved["points"])
        assert app.plan_version > version  # no client can mistake it for the plan it had
    finally:
        app.close()
    assert plan_state(imported_db) == saved
    assert integrity(imported_db) == "ok"


def _newer_schema(path: Path) -> Path:
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value='99' WHERE key='schema_version'")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize("kind", ["text", "other-sqlite", "newer-schema", "missing"])
def test_restore_refuses_what_is_not_a_planner_database(imported_db, tmp_path, kind):
    src = tmp_path / "kilde.db"
    if kind == "text":
        src.write_text("Dette er ikke en database\n" * 100)
    elif kind == "other-sqlite":
        conn = sqlite3.connect(src)
        conn.execute("CREATE TABLE t(x)")
        conn.commit()
        conn.close()
    elif kind == "newer-schema":
        _newer_schema(src)
    before = snapshot(imported_db)
    result = planner("restore", src, "--db", imported_db)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("planner: "), result.stderr
    expected = {
        "text": "ikke en planner-database",
        "other-sqlite": "ikke en planner-database",
        "newer-schema": "nyere",
        "missing": "findes ikke",
    }[kind]
    assert expected in result.stderr
    assert snapshot(imported_db) == before
