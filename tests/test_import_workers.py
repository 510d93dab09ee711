"""Worker processes of a parallel import die with their parent.

A real `planner import` of a few hundred documents (so it parses in worker processes) is killed
while its workers run; afterwards no process it started may be left. Processes are read from
/proc (Linux), with their start time so a reused pid is never mistaken for a survivor.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers_proc import spawn_python

from planner.bench.archive import write_archive
from planner.sync.importer import PARALLEL_FROM

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

IMPORT = "import sys; from planner.cli import main; sys.exit(main())"
# The same import in a process that runs another thread: the importer then spawns its workers
# instead of forking them (forking a threaded process is unsafe), as in the app.
IMPORT_WITH_A_THREAD = (
    "import sys, threading, time; threading.Thread(target=time.sleep, args=(600,), daemon=True).start(); "
    "from planner.cli import main; sys.exit(main())"
)


def _stat(pid: int) -> tuple[str, int, int] | None:
    """(state, parent pid, start time) of a live process, None when it is gone or a zombie."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()
    return None if fields[0] in ("Z", "X") else (fields[0], int(fields[1]), int(fields[19]))


def _descendants(root: int) -> dict[int, int]:
    """pid -> start time of every live process below `root`."""
    table = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            info = _stat(int(entry))
            if info is not None:
                table[int(entry)] = info
    found: dict[int, int] = {}
    frontier = [root]
    while frontier:
        parent = frontier.pop()
        for pid, (_, ppid, start) in table.items():
            if ppid == parent and pid not in found:
                found[pid] = start
                frontier.append(pid)
    return found


def _survivors(started: dict[int, int]) -> list[int]:
    return [pid for pid, start in started.items() if (info := _stat(pid)) is not None and info[2] == start]


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> list[Path]:
    files = write_archive(tmp_path_factory.mktemp("archive"), years=3)
    assert len(files) >= 4 * PARALLEL_FROM
    return files


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
@pytest.mark.parametrize("code", [IMPORT, IMPORT_WITH_A_THREAD], ids=["fork", "spawn"])
def test_killing_an_import_during_the_parallel_parse_leaves_no_worker(empty_db, archive, code, how):
    proc = spawn_python(code, "import", "--db", empty_db, *archive, stdout=subprocess.DEVNULL)
    started: dict[int, int] = {}
    try:
        deadline = time.monotonic() + 60
        # Wait for the workers (a spawned worker needs a moment to import the parser).
        while len(started) < 2 and proc.poll() is None and time.monotonic() < deadline:
            started.update(_descendants(proc.pid))
            time.sleep(0.005)
        assert proc.poll() is None, "the import finished before its workers could be seen"
        assert len(started) >= 2, started
        os.kill(proc.pid, how)
        proc.wait(timeout=20)
        deadline = time.monotonic() + 10
        while _survivors(started) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _survivors(started) == [], "worker processes outlived the killed import"
    finally:
        for pid in _survivors(started):  # never leave them running, even when the test fails
            os.kill(pid, signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
