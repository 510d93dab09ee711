"""The same document in every format gives the same plan.

Each example text (data/examples/*.txt) was written as Word, HTML and a chromium-printed PDF by
`scripts/make_format_fixtures.py`; `planner parse --json` must read the same meeting, forward
plan, backlog, decisions, political cycles, events and timetable from each of them. Only the
positions (line, page) differ between formats.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers_proc import planner

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "data" / "examples"
FORMATS = Path(__file__).parent / "fixtures" / "formats"
COMPARED = (
    "kind",
    "meeting",
    "forward_plan",
    "awaiting_date",
    "scheduled_by_decision",
    "political_cycles",
    "events",
    "timetable",
    "closed_cases",
    "case_owners",
)
POSITION_KEYS = {"line", "page"}


def without_positions(value):
    if isinstance(value, dict):
        return {k: without_positions(v) for k, v in value.items() if k not in POSITION_KEYS}
    if isinstance(value, list):
        return [without_positions(v) for v in value]
    if isinstance(value, str) and ("linje " in value or "side " in value):
        # a decision's note names where it stood: "Beslutning i Direktionen den …, linje 12: …"
        return value.split(", linje ")[0].split(", side ")[0]
    return value


def parsed(path: Path) -> dict:
    result = planner("parse", path, "--json")
    assert result.returncode == 0, result.stderr
    (doc,) = json.loads(result.stdout)
    return doc


STEMS = sorted(p.stem for p in EXAMPLES.glob("*.txt"))


@pytest.fixture(scope="module")
def from_text() -> dict[str, dict]:
    return {stem: parsed(EXAMPLES / f"{stem}.txt") for stem in STEMS}


@pytest.mark.parametrize("suffix", [".docx", ".html", ".pdf"])
@pytest.mark.parametrize("stem", STEMS)
def test_every_format_gives_the_plan_of_the_text(from_text, stem, suffix):
    path = FORMATS / f"{stem}{suffix}"
    assert path.exists(), f"{path} mangler: kør scripts/make_format_fixtures.py"
    got = parsed(path)
    assert got["format"] == suffix[1:]
    want = from_text[stem]
    for key in COMPARED:
        assert without_positions(got[key]) == without_positions(want[key]), f"{path.name}: {key}"
    if suffix == ".pdf":
        assert got["pages"] >= 1 and all(w["page"] for w in got["warnings"])


def test_the_format_is_found_from_the_content_not_the_name(tmp_path):
    for suffix in (".docx", ".pdf", ".html"):
        source = FORMATS / f"{STEMS[0]}{suffix}"
        disguised = tmp_path / f"{source.stem}-forkert-navn.txt"
        disguised.write_bytes(source.read_bytes())
        assert parsed(disguised)["format"] == suffix[1:]
