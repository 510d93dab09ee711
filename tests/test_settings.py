"""Settings read once (defaults, a settings file, the environment), the one error base class, and
`planner -v`: on the real command line, in real processes."""

from __future__ import annotations

import inspect
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import planner
from planner.errors import PlannerError
from planner.settings import BUNDLED_CALENDAR, Settings, SettingsError

ROOT = Path(__file__).resolve().parent.parent


def run_planner(*args, env: dict[str, str] | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("PLANNER_")}
    clean["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "planner.cli", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
        env={**clean, **(env or {})},
    )


def test_defaults_then_the_settings_file_then_the_environment(tmp_path):
    assert Settings.load({}) == Settings()
    assert Settings().db == Path("data/planner.db") and Settings().feed_base_url is None
    file = tmp_path / "planner.toml"
    file.write_text(
        'db = "/srv/aarshjul/plan.db"\nfeed_port = 9000\ntoday = 2025-01-20\nfeed_base_url = "https://k.dk/"\n',
        encoding="utf-8",
    )
    from_file = Settings.load({"PLANNER_SETTINGS": str(file)})
    assert from_file.db == Path("/srv/aarshjul/plan.db") and from_file.feed_port == 9000
    assert from_file.today == date(2025, 1, 20) and from_file.feed_base_url == "https://k.dk"
    assert from_file.source == file and from_file.app_port == Settings().app_port
    both = Settings.load(
        {
            "PLANNER_SETTINGS": str(file),
            "PLANNER_DB": "mine.db",
            "PLANNER_TODAY": "2026-03-04",
            "PLANNER_DEBUG": "1",
            "PLANNER_ROLES": "roller.toml",
        }
    )
    assert both.db == Path("mine.db") and both.today == date(2026, 3, 4) and both.debug
    # The file's value stands where the environment is silent.
    assert both.roles == Path("roller.toml") and both.feed_port == 9000


def test_a_bad_setting_is_refused_naming_where_it_came_from(tmp_path):
    file = tmp_path / "planner.toml"
    file.write_text('dbx = "plan.db"\n', encoding="utf-8")
    with pytest.raises(SettingsError, match=rf"{file}: ukendt indstilling 'dbx'"):
        Settings.load({"PLANNER_SETTINGS": str(file)})
    file.write_text("feed_port = 70000\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="feed_port = 70000 er ikke en port"):
        Settings.load({"PLANNER_SETTINGS": str(file)})
    # On the command line: one Danish line naming the file, exit code 2.
    file.write_text("db = [\n", encoding="utf-8")
    result = run_planner("points", env={"PLANNER_SETTINGS": str(file)})
    assert result.returncode == 2
    assert result.stderr.startswith(f"planner: {file}: indstillingsfilen er ikke gyldig TOML")
    assert result.stderr.count("\n") == 1
    # A mistyped pinned "today" (a demo setting) does not stop anything: the real date is used.
    assert Settings.load({"PLANNER_TODAY": "i morgen"}).today is None


def test_the_database_comes_from_the_settings(imported_db, tmp_path):
    file = tmp_path / "planner.toml"
    file.write_text(f'db = "{imported_db}"\n', encoding="utf-8")
    via_file = run_planner("points", "--json", env={"PLANNER_SETTINGS": str(file)}, cwd=tmp_path)
    via_option = run_planner("points", "--json", "--db", imported_db, cwd=tmp_path)
    assert via_file.returncode == 0, via_file.stderr
    assert via_file.stdout == via_option.stdout and via_file.stdout.startswith("[")
    # The environment wins over the file: this one does not exist, so nothing is read or created.
    missing = tmp_path / "ingen.db"
    result = run_planner(
        "points", env={"PLANNER_SETTINGS": str(file), "PLANNER_DB": str(missing)}, cwd=tmp_path
    )
    assert result.returncode == 2 and f"{missing}: databasen findes ikke" in result.stderr
    assert not missing.exists()


def test_no_module_below_the_entry_points_reads_the_environment():
    """Settings are read once, in planner.settings: no other module reads a variable of the
    environment (copying it for a child process, or setting one for it, is not reading)."""
    reading = re.compile(r"os\.getenv\(|os\.environ\.get\(|os\.environ\[[^\]]+\](?!\s*=)")
    readers = [
        f"{path.name}: {line.strip()}"
        for path in Path(planner.__file__).parent.rglob("*.py")
        if path.name != "settings.py"
        for line in path.read_text(encoding="utf-8").splitlines()
        if reading.search(line)
    ]
    assert readers == []


def test_the_calendar_rules_ship_inside_the_package():
    assert BUNDLED_CALENDAR.is_file()
    assert BUNDLED_CALENDAR.is_relative_to(Path(planner.__file__).parent)


def test_every_user_facing_error_shares_one_base():
    from planner.auth import PermissionDenied
    from planner.calendar.denmark import CalendarConfigError
    from planner.calendar.ferieplan import FerieplanError
    from planner.cli import CommandError
    from planner.commands import NotAllowed, NotFound, PlanError
    from planner.documents import UnreadableInput
    from planner.storage.store import StaleEdit, StoreError
    from planner.wheel.export import ExportError

    classes = (
        PermissionDenied,
        CalendarConfigError,
        CommandError,
        NotAllowed,
        NotFound,
        PlanError,
        UnreadableInput,
        FerieplanError,
        StaleEdit,
        StoreError,
        ExportError,
        SettingsError,
    )
    assert all(issubclass(c, PlannerError) for c in classes)
    # Those that were ValueErrors still are: code that catches ValueError keeps working.
    assert all(
        issubclass(c, ValueError) for c in (PermissionDenied, PlanError, CalendarConfigError, FerieplanError)
    )
    # Every exception class the package defines is one of them.
    defined = {
        obj
        for module in _modules()
        for _, obj in inspect.getmembers(module, inspect.isclass)
        if issubclass(obj, BaseException) and obj.__module__.startswith("planner")
    }
    assert all(issubclass(c, PlannerError) for c in defined), defined


def _modules():
    import importlib

    base = Path(planner.__file__).parent
    for path in sorted(base.rglob("*.py")):
        name = ".".join(("planner", *path.relative_to(base).with_suffix("").parts)).removesuffix(".__init__")
        if name.startswith(("planner.ui", "planner.bench.run", "planner.ui.screenshots")) or name.endswith(
            "__main__"
        ):
            continue  # Streamlit pages run on import; the benchmark and screenshots are tools
        yield importlib.import_module(name)


def test_verbose_says_what_it_does_and_quiet_says_nothing(imported_db, example_files, tmp_path):
    quiet = run_planner("check", "--db", imported_db)
    assert quiet.returncode == 0 and quiet.stderr == ""
    loud = run_planner("-v", "check", "--db", imported_db)
    assert loud.returncode == 0 and loud.stdout == quiet.stdout
    assert f"planner: database: {imported_db} (læses)" in loud.stderr
    assert "planner: konfliktkontrol:" in loud.stderr and " ms)" in loud.stderr
    assert "planen læst fra" not in loud.stderr  # DEBUG: only with -vv
    assert "planen læst fra" in run_planner("check", "-vv", "--db", imported_db).stderr
    db = tmp_path / "ny.db"
    imported = run_planner("import", *example_files, "--db", db, "--verbose")
    assert imported.returncode == 0, imported.stderr
    for f in example_files:
        assert f"planner: {Path(f).name}: " in imported.stderr
    assert "dokumenter flettet ind i planen (" in imported.stderr
