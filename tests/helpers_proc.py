"""Subprocess helpers for the CLI, history and robustness tests: real processes, real SQLite files.

- `planner(*args)`: run `python -m planner.cli ...` and return the CompletedProcess.
- `planner_as_user(*args, db=...)`: the same from the project's folder, without the test's PLANNER_TODAY.
- `bound_by_file_modes()`: a prefix for `planner(..., prefix=...)` under which read-only files and
  directories are read-only even when the tests run as root.
- `spawn_python(code, *args)`: start a Python child (Popen) running `code` with `sys.argv[1:] == args`.
- `snapshot(db)`: every row of every table (plus meta) read with plain sqlite3, independent of Store.
- `plan_state(db)`: the plan tables and documents without timestamps, for field-by-field equality.
- `integrity(db)`: the result of PRAGMA integrity_check.
- `writer_in_transaction(db)`: True while another connection holds the write lock.
- `shifted_copies(files, dest, copies)`: distinct documents made from the examples by moving every
  year forward (copy k moves them k years), for large, slow imports.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAN_TABLES = ("points", "meetings", "events", "closures", "absences", "people")
STATE_TABLES = (*PLAN_TABLES, "documents")
TIMESTAMPS = ("updated_at", "imported_at")


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.pop("PLANNER_DB", None)
    return env


def planner(
    *args, timeout: float = 60, cwd: str | Path | None = None, prefix: tuple[str, ...] = ()
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*prefix, sys.executable, "-m", "planner.cli", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=cwd,
        env=_env(),
    )


def planner_as_user(*args, db: Path | None = None, timeout: float = 180) -> subprocess.CompletedProcess:
    """`planner ARGS [--db DB]` as a user starts it: today is the clock's (no PLANNER_TODAY from the test's
    environment, as no PLANNER_DB), run from the project's folder."""
    env = _env()
    env.pop("PLANNER_TODAY", None)
    return subprocess.run(
        [sys.executable, "-m", "planner.cli", *map(str, args), *(["--db", str(db)] if db else [])],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env=env,
    )


def bound_by_file_modes() -> tuple[str, ...]:
    """A command prefix under which file modes bind, as they do for an ordinary user.

    root ignores them (CAP_DAC_OVERRIDE), so as root the child runs without that capability;
    an ordinary user needs no prefix. Skips the test when root has no `setpriv` to drop it.
    """
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        import pytest

        pytest.skip("running as root without setpriv: read-only files cannot be made read-only for root")
    return (setpriv, "--bounding-set", "-dac_override,-dac_read_search", "--")


def spawn_python(code: str, *args, stdout=subprocess.PIPE) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", code, *map(str, args)],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
        cwd=ROOT,
    )


def connect(db: Path, readonly: bool = True) -> sqlite3.Connection:
    conn = sqlite3.connect(
        f"file:{db}?mode={'ro' if readonly else 'rw'}", uri=True, timeout=30, isolation_level=None
    )
    conn.row_factory = sqlite3.Row
    return conn


def snapshot(db: Path) -> dict[str, list[dict]]:
    """Everything in the file, timestamps included: for 'nothing at all changed'."""
    conn = connect(db)
    try:
        tables = [
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        return {t: [dict(r) for r in conn.execute(f"SELECT * FROM {t} ORDER BY rowid")] for t in tables}
    finally:
        conn.close()


def plan_state(db: Path, tables=STATE_TABLES) -> dict[str, list[dict]]:
    """The plan's rows field by field, without the write timestamps."""
    conn = connect(db)
    try:
        return {
            t: [
                {k: v for k, v in dict(r).items() if k not in TIMESTAMPS}
                for r in conn.execute(f"SELECT * FROM {t} ORDER BY id")
            ]
            for t in tables
        }
    finally:
        conn.close()


def counts(db: Path) -> dict[str, int]:
    conn = connect(db)
    try:
        return {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in (*STATE_TABLES, "history")
        }
    finally:
        conn.close()


def meta(db: Path, key: str) -> str | None:
    conn = connect(db)
    try:
        row = conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None
    finally:
        conn.close()


def integrity(db: Path) -> str:
    conn = connect(db, readonly=False)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def writer_in_transaction(db: Path) -> bool:
    """Probe the write lock without waiting: busy means some process is inside BEGIN IMMEDIATE."""
    conn = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            return True
        raise
    finally:
        conn.close()


def wait_for(predicate, timeout: float, interval: float = 0.01, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(interval)


def shifted_copies(files: list[Path], dest: Path, copies: int) -> list[Path]:
    """Copy k (1..copies) of each file with every year 20xx moved k years on: distinct documents."""
    dest.mkdir(parents=True, exist_ok=True)
    out = []
    for k in range(1, copies + 1):
        for f in files:
            text = f.read_text(encoding="utf-8")
            text = re.sub(r"(?<!\d)(20\d\d)(?!\d)", lambda m, k=k: str(int(m.group(1)) + k), text)
            target = dest / f"k{k:03d}_{f.name}"
            target.write_text(text, encoding="utf-8")
            out.append(target)
    return out
