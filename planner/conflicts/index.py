"""The conflict model and the plan index the rules read: `Conflict`, `Scope`, `PlanIndex`,
`PlanLookups` and `build_index`. Rules import this, never the engine, so nothing imports in a circle."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from planner.calendar.context import CalendarContext
from planner.conflicts.titles import TitleGraph, title_key
from planner.plan import PLANNED_STATUSES, SCHEDULED_STATUSES, Absence, Meeting, Plan, PlanEvent, Point

log = logging.getLogger(__name__)

SEVERITIES = ("error", "warning", "info")
_RANK = {s: i for i, s in enumerate(SEVERITIES)}

# Statuses that take part in the rules. "behandlet" is history: it still fills a meeting
# (overfull) but is not asked to move. Backlog, vanished and cancelled points have no date
# that could be wrong.
ACTIVE = PLANNED_STATUSES
OCCUPYING = frozenset(SCHEDULED_STATUSES)
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
    lookups: PlanLookups | None = None  # kept between checks by the caller (see PlanLookups)

    def scoped_points(self) -> Iterable[Point]:
        """Points with a date whose status takes part, restricted to the scope."""
        return (p for p in self.in_scope if p.date is not None and p.status in ACTIVE)

    def scoped_meetings(self) -> Iterable[Meeting]:
        return (m for m in self.plan.meetings if m.status != "aflyst" and self.scope.has_date(m.date))


class PlanLookups:
    """The part of a `PlanIndex` that does not depend on the scope, kept between checks.

    Building it looks at every point and event, which is most of the cost of a scoped check
    on a 10-year plan. A caller that checks the same plan repeatedly (a move checks before
    and after) builds it once and passes it to `check_dates(lookups=...)`; it must then
    describe that plan exactly: after changing a point, call `refile(point)`. Points are read
    from it, meetings are always read from the plan (a move may add or drop one), absences
    and events are taken as they were when it was built (a move changes neither).
    """

    def __init__(self, plan: Plan) -> None:
        self.all_by_date: dict[date, list[Point]] = {}  # dated points of any status
        self.points_by_date: dict[date, list[Point]] = {}  # planlagt + behandlet
        self.planned_by_key: dict[str, list[Point]] = {}  # normalised title -> active points
        self.point_years: dict[int, int] = {}  # year -> number of points dated in it
        self.absences_by_date = absences_by_date(plan.absences)
        self.political_by_date = political_by_date(plan.events)
        self.by_id: dict[object, Point] = {}
        self._filed: dict[object, tuple[Point, date | None, str, str]] = {}
        self._keys_changed = 0  # bumped when planned_by_key gains or loses a key
        self._graph: tuple[int, object] | None = None
        self._events_by_key: dict[str, list[PlanEvent]] | None = None
        self._by_titles: dict[tuple[str, ...], object] = {}  # see by_titles()
        self._titles_of: dict[str, set[tuple[str, ...]]] = {}
        self.event_candidates: dict[str, list[PlanEvent]] = {}  # _EventMatcher's cache, events fixed
        self.events = plan.events
        for p in plan.points:
            self._file(p)

    def refile(self, p: Point) -> None:
        """File `p` (the plan's current object for that point) under its present date, status and title."""

        key = _point_key(p)
        filed = self._filed.pop(key, None)
        for tkey in {title_key(p.title), *((filed[3],) if filed is not None else ())}:
            for keys in self._titles_of.pop(tkey, ()):
                self._by_titles.pop(keys, None)
        if filed is not None:
            obj, d, status, tkey = filed
            del self.by_id[key]
            if d is not None:
                _drop(self.all_by_date, d, obj)
                self.point_years[d.year] -= 1
                if status in OCCUPYING:
                    _drop(self.points_by_date, d, obj)
                    if status in ACTIVE and _drop(self.planned_by_key, tkey, obj):
                        self._keys_changed += 1
        self._file(p)

    def _file(self, p: Point) -> None:

        key = _point_key(p)
        tkey = title_key(p.title)
        self.by_id[key] = p
        self._filed[key] = (p, p.date, p.status, tkey)
        if p.date is None:
            return
        self.all_by_date.setdefault(p.date, []).append(p)
        self.point_years[p.date.year] = self.point_years.get(p.date.year, 0) + 1
        if p.status in OCCUPYING:
            self.points_by_date.setdefault(p.date, []).append(p)
            if p.status in ACTIVE:
                planned = self.planned_by_key.setdefault(tkey, [])
                planned.append(p)
                if len(planned) == 1:
                    self._keys_changed += 1

    def years(self) -> set[int]:
        return {y for y, n in self.point_years.items() if n}

    def in_scope(self, scope: Scope) -> list[Point]:
        found: dict[int, Point] = {}
        for d in scope.dates or ():
            for p in self.all_by_date.get(d, ()):
                found[id(p)] = p
        for i in scope.point_ids or ():
            p = self.by_id.get(i)
            if p is not None:
                found[id(p)] = p
        return list(found.values())

    def events_by_key(self) -> dict[str, list[PlanEvent]]:

        if self._events_by_key is None:
            self._events_by_key = {}
            for e in self.events:
                if e.status != "cancelled":
                    self._events_by_key.setdefault(title_key(e.title), []).append(e)
        return self._events_by_key

    def by_titles(self, keys: list[str], build):
        """`build(points)` over the active points with any of these title keys, sorted by (date, id);
        kept until a point with one of the keys is refiled. `build` must not depend on anything else."""
        sig = tuple(keys)
        found = self._by_titles.get(sig)
        if found is None:
            found = build(sorted((p for k in keys for p in self.planned_by_key[k]), key=_by_date_id))
            self._by_titles[sig] = found
            for k in keys:
                self._titles_of.setdefault(k, set()).add(sig)
        return found

    def title_graph(self):
        """The duplicate rule's graph over planned titles, rebuilt only when the titles change."""

        if self._graph is None or self._graph[0] != self._keys_changed:
            self._graph = (self._keys_changed, TitleGraph(self.planned_by_key))
        return self._graph[1]


def _by_date_id(p: Point) -> tuple:
    return (p.date, p.id or 0)


def _point_key(p: Point) -> object:
    return p.id if p.id is not None else ("new", id(p))


def _drop(index: dict, key, obj) -> bool:
    """Remove `obj` (by identity) from index[key]; True when that emptied the entry."""
    items = index.get(key)
    if items is None:
        return False
    for i, o in enumerate(items):
        if o is obj:
            del items[i]
            break
    if items:
        return False
    del index[key]
    return True


def build_index(
    plan: Plan, ctx: CalendarContext, today: date, scope: Scope, lookups: PlanLookups | None = None
) -> PlanIndex:

    if lookups is not None:
        in_scope = list(plan.points) if scope.everything else lookups.in_scope(scope)
        return PlanIndex(
            plan,
            ctx,
            today,
            scope,
            points_by_date=lookups.points_by_date,
            meetings_by_date={m.date: m for m in plan.meetings},
            absences_by_date=lookups.absences_by_date,
            political_by_date=lookups.political_by_date,
            in_scope=in_scope,
            planned_by_key=lookups.planned_by_key,
            lookups=lookups,
        )
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
    idx.absences_by_date = absences_by_date(plan.absences)
    idx.political_by_date = political_by_date(plan.events)
    return idx


def absences_by_date(absences: Iterable[Absence]) -> dict[date, list[Absence]]:
    """Day -> the absences covering it."""
    found: dict[date, list[Absence]] = {}
    for a in absences:
        for d in _days(a.start, a.end):
            found.setdefault(d, []).append(a)
    return found


def political_by_date(events: Iterable[PlanEvent]) -> dict[date, list[PlanEvent]]:
    """Day -> the ØK and KB meetings held on it (cancelled ones left out)."""
    found: dict[date, list[PlanEvent]] = {}
    for e in events:
        if e.status != "cancelled" and is_political_meeting(e):
            for d in _days(e.start, e.end):
                found.setdefault(d, []).append(e)
    return found


def is_political_meeting(e: PlanEvent) -> bool:
    """ØK and KB meetings: by kind from the political cycle, or by title from the event list."""
    if e.kind in POLITICAL_KINDS:
        return True
    title = e.title.lower()
    return e.category == "political" and title.startswith(("økonomiudvalgsmøde", "kommunalbestyrelsesmøde"))


def _days(start: date, end: date, limit: int = 400) -> list[date]:
    # A year-long absence is plausible, a decade-long one is a typo: cap so it cannot blow up.

    n = min((end - start).days, limit)
    return [start + timedelta(days=i) for i in range(n + 1)]
