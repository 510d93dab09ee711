"""What an import changes in the plan, point by point: new, moved (from → to), gone, in conflict.

The import computes its result on a working copy first; this diff of the plan before and after is
what both the preview and the import report, so they can never tell different stories.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from planner.danish import MONTH_NAMES
from planner.plan import Plan, Point
from planner.sync.fold import VANISHED

# What a user sees of a point; the fold's own bookkeeping (doc_date, source line, …) is not a change.
_VISIBLE = ("title", "description", "status", "owner", "participants", "duration_min", "closed", "note")


@dataclass(frozen=True)
class PointChange:
    uid: str
    title: str
    before: date | None = None  # the date before the import (moved, vanished, conflicts)
    after: date | None = None  # the date after it (added, moved)

    def moved_text(self) -> str:
        """'Evaluering af Helhedsorienteret Indsats (HOI): 5. marts 2025 → 12. marts 2025'."""
        return f"{self.title}: {day_text(self.before)} → {day_text(self.after)}"

    def to_json(self) -> dict:
        return {"uid": self.uid, "title": self.title, "from": _iso(self.before), "to": _iso(self.after)}


@dataclass
class PlanDiff:
    added: list[PointChange] = field(default_factory=list)
    moved: list[PointChange] = field(default_factory=list)
    vanished: list[PointChange] = field(default_factory=list)  # marked "ikke længere i planen", or gone
    conflicts: list[PointChange] = field(default_factory=list)  # a document's proposal waits for a choice
    # Same date, other visible fields (the status, the title, …).
    changed: list[PointChange] = field(default_factory=list)

    def lists(self) -> tuple[list[PointChange], ...]:
        return (self.added, self.moved, self.vanished, self.conflicts, self.changed)

    def to_json(self) -> dict:
        names = ("added", "moved", "vanished", "conflicts", "changed")
        return {
            name: [c.to_json() for c in changes] for name, changes in zip(names, self.lists(), strict=True)
        }

    def sort(self) -> PlanDiff:
        for changes in self.lists():
            changes.sort(key=lambda c: (c.after or c.before or date.min, c.title, c.uid))
        return self


def diff_points(before: Plan, after: Plan) -> PlanDiff:
    """The points' changes from `before` to `after`, by uid (a point keeps its uid through every fold)."""
    diff = PlanDiff()
    old = {p.uid: p for p in before.points}
    seen: set[str] = set()
    for p in after.points:
        seen.add(p.uid)
        q = old.get(p.uid)
        if q is None:
            diff.added.append(PointChange(p.uid, p.title, None, p.date))
            continue
        if p.status == VANISHED and q.status != VANISHED:
            diff.vanished.append(PointChange(p.uid, p.title, q.date, p.date))
        elif p.date != q.date:
            diff.moved.append(PointChange(p.uid, p.title, q.date, p.date))
        elif any(getattr(p, name) != getattr(q, name) for name in _VISIBLE):
            diff.changed.append(PointChange(p.uid, p.title, q.date, p.date))
        if _pending(p) - _pending(q):
            diff.conflicts.append(PointChange(p.uid, p.title, q.date, p.date))
    diff.vanished += [PointChange(q.uid, q.title, q.date, None) for q in before.points if q.uid not in seen]
    return diff.sort()


def _pending(p: Point) -> set[tuple[str, str | None]]:
    return {(k, v) for k, v in p.edited.items() if k.startswith("pending:")}


def day_text(d: date | None) -> str:
    """'5. marts 2025'; a point without a date is 'afventer dato'."""
    return f"{d.day}. {MONTH_NAMES[d.month - 1]} {d.year}" if d else "afventer dato"


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None
