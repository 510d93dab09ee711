"""A plain (non-editable) `pip install .` in a fresh venv runs `planner import` and `planner check`.

Offline and quick: the package is built from a copy of the source without build isolation and
without dependencies; the fresh venv sees this environment's libraries through a .pth line.
Python runs no .pth file inside that folder, so this checkout's editable install stays out of
sight: the planner that runs is the one pip copied into the new venv, with its package data.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "data" / "examples").glob("*.txt"))


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PLANNER_", "PYTHON"))}
    return {**env, "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}


def _run(*cmd: str | Path, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        list(map(str, cmd)), cwd=cwd, env=_clean_env(), capture_output=True, text=True, timeout=300
    )


def _fresh_install(tmp_path: Path) -> Path:
    """A new venv with the planner installed into it the ordinary way; returns its bin folder."""
    src = tmp_path / "src"
    shutil.copytree(ROOT / "planner", src / "planner", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", src)
    target = tmp_path / "venv"
    venv.create(target, with_pip=False)
    python = target / "bin" / "python"
    purelib = _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp_path)
    (Path(purelib.stdout.strip()) / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    pip = _run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "--no-deps",
        "--no-index",
        "--no-build-isolation",
        "--quiet",
        src,
        cwd=tmp_path,
    )
    assert pip.returncode == 0, pip.stderr
    return target / "bin"


def test_plain_install_imports_and_checks(tmp_path):
    bin_dir = _fresh_install(tmp_path)
    where = _run(bin_dir / "python", "-c", "import planner; print(planner.__file__)", cwd=tmp_path)
    assert where.stdout.strip().startswith(str(tmp_path / "venv")), where.stdout + where.stderr

    work = tmp_path / "elsewhere"  # no data/ folder here: everything the CLI needs must come with the package
    work.mkdir()
    db = work / "plan.db"
    imported = _run(bin_dir / "planner", "import", *EXAMPLES, "--db", db, cwd=work)
    assert imported.returncode == 0, imported.stderr
    assert "Traceback" not in imported.stderr
    checked = _run(bin_dir / "planner", "check", "--json", "--db", db, cwd=work)
    assert checked.returncode == 0, checked.stderr
    conflicts = json.loads(checked.stdout)
    # The school holidays come from the bundled calendar rules: a meeting in the summer holiday is flagged.
    assert any(c["rule"] == "closure" and "Sommerferie" in c["message"] for c in conflicts)

    # The same plan checked by this checkout's planner gives the same conflicts.
    here = _run(sys.executable, "-m", "planner.cli", "check", "--json", "--db", db, cwd=ROOT)
    assert here.returncode == 0, here.stderr
    assert json.loads(here.stdout) == conflicts
