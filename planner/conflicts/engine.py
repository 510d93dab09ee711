"""Conflicts in the plan: what is wrong, how bad it is, and what to do about it.

`check_plan(plan, ctx)` runs every rule in `planner.conflicts.rules` over the whole plan;
`check_dates(plan, ctx, dates, point_ids)` runs them only where a change can have had an
effect (the dates a point left and entered, the point itself), which is what a move needs to
report "created" and "removed" conflicts quickly. Both are pure: no clock (pass `today`), no
store, no global state beyond memoised pure text helpers.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from datetime import date

from planner.calendar.context import CalendarContext
from planner.conflicts.index import _RANK, Conflict, PlanLookups, Scope, build_index
from planner.conflicts.rules import RULES
from planner.plan import Plan

log = logging.getLogger(__name__)


def check_plan(plan: Plan, ctx: CalendarContext, today: date | None = None) -> list[Conflict]:
    """Every conflict in the plan, sorted by date, severity, rule and items."""
    start = time.perf_counter()
    found = _run(plan, ctx, today, Scope())
    log.info(
        "konfliktkontrol: %d punkter, %d konflikter (%.0f ms)",
        len(plan.points),
        len(found),
        (time.perf_counter() - start) * 1000,
    )
    return found


def check_dates(
    plan: Plan,
    ctx: CalendarContext,
    dates: Iterable[date | None],
    point_ids: Iterable[int] = (),
    today: date | None = None,
    lookups: PlanLookups | None = None,
) -> list[Conflict]:
    """The conflicts of `check_plan` that involve one of `dates` or one of `point_ids`.

    A change that only moves points between `dates` (or edits `point_ids`) can only create or
    remove conflicts of this kind, so diffing this before and after the change equals diffing
    the full check, at a fraction of the cost. `lookups`: see `PlanLookups`.
    """
    scope = Scope(frozenset(d for d in dates if d is not None), frozenset(point_ids))
    return _run(plan, ctx, today, scope, lookups)


def _run(
    plan: Plan, ctx: CalendarContext, today: date | None, scope: Scope, lookups: PlanLookups | None = None
) -> list[Conflict]:

    idx = build_index(plan, ctx, today or date.today(), scope, lookups)
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
