"""Conflicts in the plan: what is wrong, how bad it is, and what to do about it.

`check_plan(plan, ctx)` runs every rule in `planner.conflict_rules` over the whole plan;
`check_dates(plan, ctx, dates, point_ids)` runs them only where a change can have had an
effect (the dates a point left and entered, the point itself), which is what a move needs to
report "created" and "removed" conflicts quickly. Both are pure: no clock (pass `today`), no
store, no global state beyond memoised pure text helpers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from planner.calendar_context import CalendarContext
from planner.plan import Absence, Meeting, Plan, PlanEvent, Point

SEVERITIES = ("error", "warning", "info")
_RANK = {s: i for i, s in enumerate(SEVERITIES)}

# Statuses that take part in the rules. "behandlet" is history: it still fills a meeting
# (overfull) but is not asked to move. Backlog, vanished and cancelled points have no date
# that could be wrong.
ACTIVE = frozenset({"planlagt"})
OCCUPYING = frozenset({"planlagt", "behandlet"})
POLITICAL_KINDS = frozenset({"oekonomiudvalg", "kommunalbestyrelse"})


@dataclass(frozen=True)
class Conflict:
    rule: str  # stable id, e.g. "closure"
    severity: str  # "error" | "warning" | "info"
    message: str  # Danish: what is wrong and what to do
    items: tuple[str, ...]  # "point:12", "meeting:3", "event:7", "absence:2"
    date: date | None = None

    @property
    def key(self) -> tuple:
        """What makes two conflicts "the same" across a change (the message may be reworded)."""
        return (self.rule, self.items, self.date)

    def to_json(self) -> dict:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "items": list(self.items),
            "date": self.date.isoformat() if self.date else None,
        }


@dataclass(frozen=True)
class Scope:
    """Which part of the plan to check; None means all of it."""

    dates: frozenset[date] | None = None
    point_ids: frozenset[int] | None = None

    @property
    def everything(self) -> bool:
        return self.dates is None and self.point_ids is None

    def has_point(self, p: Point) -> bool:
        if self.everything:
            return True
        return (self.point_ids is not None and p.id in self.point_ids) or (
            self.dates is not None and p.date in self.dates
        )

    def has_date(self, d: date | None) -> bool:
        return self.everything or (self.dates is not None and d in self.dates)


@dataclass
class PlanIndex:
    """The plan arranged for lookups by date, built once per check."""

    plan: Plan
    ctx: CalendarContext
    today: date
    scope: Scope
    points_by_date: dict[date, list[Point]] = field(default_factory=dict)  # planlagt + behandlet
    meetings_by_date: dict[date, Meeting] = field(default_factory=dict)
    absences_by_date: dict[date, list[Absence]] = field(default_factory=dict)
    political_by_date: dict[date, list[PlanEvent]] = field(default_factory=dict)
    in_scope: list[Point] = field(default_factory=list)  # any status
    planned_by_key: dict[str, list[Point]] = field(default_factory=dict)  # normalised title -> active points

    def scoped_points(self) -> Iterable[Point]:
        """Points with a date whose status takes part, restricted to the scope."""
        return (p for p in self.in_scope if p.date is not None and p.status in ACTIVE)

    def scoped_meetings(self) -> Iterable[Meeting]:
        return (m for m in self.plan.meetings if m.status != "aflyst" and self.scope.has_date(m.date))


def build_index(plan: Plan, ctx: CalendarContext, today: date, scope: Scope) -> PlanIndex:
    from planner.conflict_duplicates import title_key

    idx = PlanIndex(plan, ctx, today, scope)
    # One pass over the points: at 10,000 points every extra pass costs a millisecond or two.
    everything, ids, dates = scope.everything, scope.point_ids or frozenset(), scope.dates or frozenset()
    for p in plan.points:
        if everything or p.id in ids or p.date in dates:
            idx.in_scope.append(p)
        if p.date is not None and p.status in OCCUPYING:
            idx.points_by_date.setdefault(p.date, []).append(p)
            if p.status in ACTIVE:
                idx.planned_by_key.setdefault(title_key(p.title), []).append(p)
    for m in plan.meetings:
        idx.meetings_by_date[m.date] = m
    for a in plan.absences:
        for d in _days(a.start, a.end):
            idx.absences_by_date.setdefault(d, []).append(a)
    for e in plan.events:
        if e.status != "cancelled" and is_political_meeting(e):
            for d in _days(e.start, e.end):
                idx.political_by_date.setdefault(d, []).append(e)
    return idx


def is_political_meeting(e: PlanEvent) -> bool:
    """ØK and KB meetings: by kind from the political cycle, or by title from the event list."""
    if e.kind in POLITICAL_KINDS:
        return True
    title = e.title.lower()
    return e.category == "political" and title.startswith(("økonomiudvalgsmøde", "kommunalbestyrelsesmøde"))


def _days(start: date, end: date, limit: int = 400) -> list[date]:
    # A year-long absence is plausible, a decade-long one is a typo: cap so it cannot blow up.
    from datetime import timedelta

    n = min((end - start).days, limit)
    return [start + timedelta(days=i) for i in range(n + 1)]


def check_plan(plan: Plan, ctx: CalendarContext, today: date | None = None) -> list[Conflict]:
    """Every conflict in the plan, sorted by date, severity, rule and items."""
    return _run(plan, ctx, today, Scope())


def check_dates(
    plan: Plan,
    ctx: CalendarContext,
    dates: Iterable[date | None],
    point_ids: Iterable[int] = (),
    today: date | None = None,
) -> list[Conflict]:
    """The conflicts of `check_plan` that involve one of `dates` or one of `point_ids`.

    A change that only moves points between `dates` (or edits `point_ids`) can only create or
    remove conflicts of this kind, so diffing this before and after the change equals diffing
    the full check, at a fraction of the cost.
    """
    scope = Scope(frozenset(d for d in dates if d is not None), frozenset(point_ids))
    return _run(plan, ctx, today, scope)


def _run(plan: Plan, ctx: CalendarContext, today: date | None, scope: Scope) -> list[Conflict]:
    from planner.conflict_rules import RULES

    idx = build_index(plan, ctx, today or date.today(), scope)
    found: dict[tuple, Conflict] = {}
    for rule in RULES:
        for c in rule(idx):
            found.setdefault(c.key, c)
    return sort_conflicts(found.values())


def sort_conflicts(conflicts: Iterable[Conflict]) -> list[Conflict]:
    return sorted(
        conflicts, key=lambda c: (c.date or date.max, _RANK[c.severity], c.rule, c.items, c.message)
    )


def conflicts_for_point(conflicts: Iterable[Conflict], point_id: int) -> list[Conflict]:
    item = f"point:{point_id}"
    return [c for c in conflicts if item in c.items]


def diff_conflicts(
    before: Iterable[Conflict], after: Iterable[Conflict]
) -> tuple[list[Conflict], list[Conflict]]:
    """(created, removed) between two checks, compared by (rule, items, date)."""
    old = {c.key: c for c in before}
    new = {c.key: c for c in after}
    created = sort_conflicts(c for k, c in new.items() if k not in old)
    removed = sort_conflicts(c for k, c in old.items() if k not in new)
    return created, removed


def has_errors(conflicts: Iterable[Conflict]) -> bool:
    return any(c.severity == "error" for c in conflicts)
