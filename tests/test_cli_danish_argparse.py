"""A mistyped command line is answered in Danish, in one line with exit code 2; usage and help are Danish too."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from planner.cli.danish_argparse import danish_error
from tests.helpers_proc import ROOT, planner

# argparse's English messages (Python 3.11's wording) and what the user reads instead.
MESSAGES = [
    ("the following arguments are required: FIL", "skal angives: FIL"),
    ("unrecognized arguments: --bogus", "ukendte argumenter: --bogus"),
    ("argument PUNKT: invalid int value: 'x'", "argumentet PUNKT: 'x' er ikke et helt tal"),
    (
        "argument KOMMANDO: invalid choice: 'agenda' (choose from 'parse', 'import')",
        "argumentet KOMMANDO: ugyldigt valg: 'agenda' (vælg mellem 'parse', 'import')",
    ),
    ("argument --weeks: expected one argument", "argumentet --weeks: skal have én værdi"),
    ("argument --json: ignored explicit argument 'ja'", "argumentet --json: tager ingen værdi: 'ja'"),
    ("argument --x: not allowed with argument --y", "argumentet --x: kan ikke bruges sammen med --y"),
    ("ambiguous option: --f could match --from, --format", "--f kan betyde --from, --format"),
    # our own messages (ArgumentTypeError) are Danish already and pass through
    (
        "argument --today: '2025-13-01' er ikke en dato på formen ÅÅÅÅ-MM-DD",
        "argumentet --today: '2025-13-01' er ikke en dato på formen ÅÅÅÅ-MM-DD",
    ),
    ("noget helt andet", "noget helt andet"),
]


@pytest.mark.parametrize(("english", "danish"), MESSAGES)
def test_argparse_message_in_danish(english, danish):
    assert danish_error(english) == danish


ENGLISH = ("usage:", "error:", "required", "invalid", "choose from", "unrecognized", "positional", "options:")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        ((), "planner: skal angives: KOMMANDO (se 'planner -h')"),
        (("agenda",), "planner: argumentet KOMMANDO: ugyldigt valg: 'agenda' (vælg mellem 'parse'"),
        (("parse",), "planner: skal angives: FIL (se 'planner parse -h')"),
        (
            ("move", "x", "2025-02-12"),
            "planner: argumentet PUNKT: 'x' er ikke et helt tal (se 'planner move -h')",
        ),
        (("agenda-table", "--today", "2025-13-01"), "'2025-13-01' er ikke en dato på formen ÅÅÅÅ-MM-DD"),
        (("meetings", "--today", "i går"), "'i går' er ikke en dato på formen ÅÅÅÅ-MM-DD"),
        (("parse", "--bogus", "x.txt"), "planner: ukendte argumenter: --bogus"),
    ],
)
def test_a_mistyped_command_line_is_answered_in_danish(args, said):
    result = planner(*args)
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()  # one line, as every error of the command line
    assert line.startswith("planner: ") and said in line
    assert not [word for word in ENGLISH if word in result.stderr.lower()], result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args", [("-h",), ("parse", "-h"), ("feeds", "rotate", "-h"), ("holidays", "import", "-h")]
)
def test_help_is_danish(args):
    result = planner(*args)
    assert result.returncode == 0
    assert result.stdout.startswith("brug: planner")
    assert "vis denne hjælp og afslut" in result.stdout
    assert not [word for word in ENGLISH if word in result.stdout.lower()], result.stdout


def test_python_dash_m_planner_is_the_command():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "planner",
            "parse",
            "--json",
            str(ROOT / "data/examples/000_cd4edc4b618f9f5a.txt"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    (parsed,) = json.loads(result.stdout)
    assert parsed["meeting"]["date"] == "2024-08-07"
