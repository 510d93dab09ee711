"""`planner restore` checks a backup before it replaces the plan, and keeps the plan it replaces.

Real CLI processes on real SQLite files: a file that is only a `meta` table, a backup with 16 KB
overwritten in the middle, and a good backup whose restore can itself be undone.
"""

from __future__ import annotations

import random
import re
import sqlite3
from pathlib import Path

from helpers_proc import integrity, plan_state, planner, snapshot

from planner.storage.store import Store


def _refused(result, src: Path) -> None:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("planner: "), result.stderr
    assert str(src) in result.stderr
    assert "Traceback" not in result.stderr and "intern fejl" not in result.stderr
    assert "Gendannet" not in result.stdout


def _delete_all_points(db: Path) -> None:
    with Store(db) as store:
        store.mutate(lambda plan: plan.points.clear(), "test", "delete", "slet alle punkter")


def test_a_file_with_only_a_meta_table_is_refused(imported_db, tmp_path):
    src = tmp_path / "kun-meta.db"
    conn = sqlite3.connect(src)
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute("INSERT INTO meta VALUES ('schema_version', '1'), ('plan_version', '3')")
    conn.commit()
    conn.close()
    before = snapshot(imported_db)
    result = planner("restore", src, "--db", imported_db)
    _refused(result, src)
    assert "ikke en planner-database" in result.stderr and "points" in result.stderr
    assert snapshot(imported_db) == before
    assert planner("points", "--db", imported_db).returncode == 0


def test_a_backup_with_16_kb_overwritten_in_the_middle_is_refused(imported_db, tmp_path):
    backup = tmp_path / "backup.db"
    assert planner("backup", backup, "--db", imported_db).returncode == 0
    size = backup.stat().st_size
    assert size > 64 * 1024
    with backup.open("r+b") as f:
        f.seek(size // 2 - 8 * 1024)
        f.write(random.Random(15).randbytes(16 * 1024))
    before = snapshot(imported_db)
    result = planner("restore", backup, "--db", imported_db)
    _refused(result, backup)
    assert "beskadiget" in result.stderr
    assert snapshot(imported_db) == before
    assert integrity(imported_db) == "ok"


def test_a_good_backup_restores_and_the_safety_copy_undoes_it(imported_db, tmp_path):
    backup = tmp_path / "backup.db"
    assert planner("backup", backup, "--db", imported_db).returncode == 0
    full = plan_state(imported_db)
    _delete_all_points(imported_db)  # the plan as it is when someone restores
    emptied = plan_state(imported_db)
    assert not emptied["points"] and full["points"]

    result = planner("restore", backup, "--db", imported_db)
    assert result.returncode == 0, result.stderr
    assert "Gendannet" in result.stdout
    copies = sorted({Path(p) for p in re.findall(r"(\S+inden-gendannelse[^\s']+\.db)", result.stdout)})
    assert len(copies) == 1, result.stdout
    safety = copies[0] if copies[0].is_absolute() else Path.cwd() / copies[0]
    assert safety.parent == imported_db.parent and safety.is_file()
    assert integrity(safety) == "ok"
    assert plan_state(safety) == emptied  # the plan the restore replaced, exactly
    assert plan_state(imported_db) == full

    undone = planner("restore", safety, "--db", imported_db)
    assert undone.returncode == 0, undone.stderr
    assert plan_state(imported_db) == emptied
    assert integrity(imported_db) == "ok"
