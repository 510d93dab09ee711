"""What the reading tests ask of a parsed document, written once: its forward plan as rows, what it said,
its members; and the board of the fixture documents."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from planner.parse.document import parse_file
from planner.parse.model import ParsedDocument

FIXTURES = Path(__file__).parent / "fixtures"
JONAS, LENE, KIM = "Jonas Kroustrup", "Lene Mehlsen Thomsen", "Kim Bruun Nielsen"


def fixture_reader(folder: Path) -> Callable[[str], ParsedDocument]:
    """`doc(name)`: the fixture `name` in `folder`, parsed."""

    def doc(name: str) -> ParsedDocument:
        return parse_file(folder / name)

    return doc


def rows(d: ParsedDocument) -> list[tuple]:
    """(date, points, closures, absent) of every forward-plan row."""
    return [(r.date, [p.text for p in r.points], list(r.closures), list(r.absent)) for r in d.forward_plan]


def said(d: ParsedDocument) -> list[str]:
    """Every warning and every line not understood, as the user reads them."""
    return [w.message for w in [*d.warnings, *d.unparsed]]


def members(d: ParsedDocument) -> list[tuple]:
    return [(m.role, m.name) for m in d.meeting.members]


def D(y: int, m: int, day: int) -> date:  # reads like the dates in the tables
    return date(y, m, day)
