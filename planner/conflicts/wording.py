"""Danish wording shared by the conflict rules."""

from __future__ import annotations

from datetime import date

from planner.dates import format_long, week_label
from planner.plan import Point


def when(d: date) -> str:
    """'onsdag 12. februar 2025 (uge 7)'."""
    return f"{format_long(d)} ({week_label(d)})"


def subject(p: Point) -> str:
    """The point as a sentence subject; a closed point's title is confidential."""
    return f"Lukket punkt (id {p.id})" if p.closed else f"Punktet «{p.title}»"


def obj(p: Point) -> str:
    return f"lukket punkt (id {p.id})" if p.closed else f"punktet «{p.title}»"


def pid(p: Point) -> str:
    """The item id of a point in `Conflict.items`."""
    return f"point:{p.id}"
