"""Faults in or around the database file are user errors: exit 2, one Danish line naming the file.

The real `planner` CLI as a subprocess against real files: a garbled page, a read-only file, a
read-only directory, a full disk and a mistyped `--db`. Never a traceback, never "intern fejl",
and the plan is never changed by a command that failed.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from helpers_proc import bound_by_file_modes, integrity, plan_state, planner, shifted_copies, spawn_python

READING_COMMANDS = (
    ("points",),
    ("check",),
    ("history",),
    ("feeds",),
    ("holidays", "list"),
    ("export", "--out", "{tmp}/ud"),
    ("backup", "{tmp}/kopi.db"),
)


def _user_error(result, path: Path, *words: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stdout[-500:], result.stderr)
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("planner: "), result.stderr
    assert str(path) in result.stderr
    assert "Traceback" not in result.stderr and "intern fejl" not in result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


def _point_id(db: Path) -> int:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT min(id) FROM points WHERE date IS NOT NULL AND closed=0").fetchone()[0]
    finally:
        conn.close()


# --- a garbled page -------------------------------------------------------------------------


def _garble_points_table(db: Path) -> None:
    conn = sqlite3.connect(db)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name='points'").fetchone()[0]
    conn.close()
    with db.open("r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(bytes(range(256)) * (page_size // 256))


@pytest.mark.parametrize("command", [("points",), ("check",), ("move", "{id}", "backlog")])
def test_a_garbled_page_is_reported_as_a_damaged_database(imported_db, command):
    pid = _point_id(imported_db)
    _garble_points_table(imported_db)
    result = planner(*(a.format(id=pid) for a in command), "--db", imported_db)
    _user_error(result, imported_db, "beskadiget")


# --- read-only file and directory -----------------------------------------------------------


def test_a_read_only_database_file_can_be_read_but_not_changed(imported_db):
    expected = planner("points", "--json", "--db", imported_db).stdout
    before = plan_state(imported_db)
    pid = _point_id(imported_db)
    imported_db.chmod(0o444)
    as_user = bound_by_file_modes()
    shown = planner("points", "--json", "--db", imported_db, prefix=as_user)
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout) == json.loads(expected)
    moved = planner("move", pid, "backlog", "--db", imported_db, prefix=as_user)
    _user_error(moved, imported_db, "skrivebeskyttet")
    assert plan_state(imported_db) == before


def test_a_database_in_a_read_only_directory_can_be_read(imported_db):
    expected = planner("points", "--json", "--db", imported_db).stdout
    before = plan_state(imported_db)
    pid = _point_id(imported_db)  # read here: as root this process would leave a -shm file there
    folder = imported_db.parent / "skrivebeskyttet"
    folder.mkdir()
    db = folder / "plan.db"
    shutil.move(imported_db, db)
    folder.chmod(0o555)
    try:
        as_user = bound_by_file_modes()
        for command in (("points", "--json"), ("check",), ("history", "--limit", "1")):
            shown = planner(*command, "--db", db, prefix=as_user)
            assert shown.returncode == 0, (command, shown.stderr)
        assert json.loads(planner("points", "--json", "--db", db, prefix=as_user).stdout) == json.loads(
            expected
        )
        moved = planner("move", pid, "backlog", "--db", db, prefix=as_user)
        _user_error(moved, db, "skrivebeskyttet")
        assert sorted(p.name for p in folder.iterdir()) == ["plan.db"]  # no journal left behind
    finally:
        folder.chmod(0o755)
    assert plan_state(db) == before


# --- a full disk ----------------------------------------------------------------------------

# A child that runs the real CLI with SQLite's page limit just above the database's size: the
# import then meets SQLITE_FULL exactly as on a full disk, on any machine and without root.
PAGE_LIMITED_CLI = """
import sys
import planner.storage.store as store_module
from planner.cli import main

real_init = store_module.Store.__init__

def init(self, *args, **kwargs):
    real_init(self, *args, **kwargs)
    pages = self.conn.execute("PRAGMA page_count").fetchone()[0]
    self.conn.execute(f"PRAGMA max_page_count={pages + 4}")

store_module.Store.__init__ = init
sys.exit(main(sys.argv[1:]))
"""


def test_a_full_database_is_reported_and_the_import_rolls_back(imported_db, example_files, tmp_path):
    copies = shifted_copies(example_files, tmp_path / "kopier", 2)
    before = plan_state(imported_db)
    proc = spawn_python(PAGE_LIMITED_CLI, "import", *copies, "--db", imported_db)
    out, err = proc.communicate(timeout=120)
    _user_error(subprocess.CompletedProcess(proc.args, proc.returncode, out, err), imported_db, "fuld")
    assert plan_state(imported_db) == before
    assert integrity(imported_db) == "ok"


def _can_mount_tmpfs(tmp_path: Path) -> bool:
    if shutil.which("unshare") is None or os.geteuid() != 0:
        return False
    probe = tmp_path / "probe"
    probe.mkdir()
    done = subprocess.run(
        ["unshare", "--mount", "sh", "-c", f"mount -t tmpfs -o size=64k tmpfs '{probe}'"], capture_output=True
    )
    return done.returncode == 0


def test_a_full_disk_is_reported_and_the_import_rolls_back(imported_db, example_files, tmp_path):
    """A real full file system: a small tmpfs in a private mount namespace (needs root)."""
    if not _can_mount_tmpfs(tmp_path):
        pytest.skip(
            "cannot mount a tmpfs here (needs root and unshare); the page-limit test covers SQLITE_FULL"
        )
    copies = shifted_copies(example_files, tmp_path / "kopier", 3)
    before = plan_state(imported_db)
    disk = tmp_path / "disk"
    disk.mkdir()
    size_kb = imported_db.stat().st_size // 1024 + 48
    # Inside the namespace: mount, copy the plan in, import, then copy the database back out for
    # inspection (the tmpfs goes away with the namespace).
    script = (
        f"mount -t tmpfs -o size={size_kb}k tmpfs '{disk}' && cp '{imported_db}' '{disk}/plan.db' && "
        f"'{os.sys.executable}' -m planner.cli import {' '.join(map(str, copies))} --db '{disk}/plan.db'; "
        f"rc=$?; cp '{disk}/plan.db' '{tmp_path}/after.db'; exit $rc"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    result = subprocess.run(
        ["unshare", "--mount", "sh", "-c", script], capture_output=True, text=True, timeout=120, env=env
    )
    _user_error(result, disk / "plan.db", "fuld")
    assert plan_state(tmp_path / "after.db") == before
    assert integrity(tmp_path / "after.db") == "ok"


# --- a mistyped --db ------------------------------------------------------------------------


@pytest.mark.parametrize("command", READING_COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_a_reading_command_on_a_missing_database_says_so_and_creates_nothing(tmp_path, command):
    missing = tmp_path / "stavefejl" / "plann.db"
    args = [a.format(tmp=tmp_path) for a in command]
    result = planner(*args, "--db", missing)
    _user_error(result, missing, "findes ikke")
    assert sorted(p.name for p in tmp_path.iterdir()) == []
