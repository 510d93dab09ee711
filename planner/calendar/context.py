"""Everything the conflict rules need to know about the calendar, computed once per plan.

The context merges three sources of closed days: law (public holidays from the `holidays`
package), the municipal config (school holidays, no-meeting days, the meeting rhythm) and
the plan's own closures (holiday rows in agendas, ferieplan imports, closures added by hand).
A document row beats the config for the same holiday, so "12. feb.: Vinterferie" replaces
the config's whole uge 7 — that is what Direktionen actually decided.

`calendar_context` is a pure function of its arguments: callers may cache the result for as
long as the plan's closures and date span do not change.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType

from planner.calendar.denmark import (
    DEFAULT_CONFIG,
    CalendarConfig,
    closures_on,
    load_config,
    merge_closures,
    no_meeting_days,
    public_holidays,
    school_holidays_from,
)
from planner.calendar.periods import KINDS, Period
from planner.calendar.rhythm import MeetingRhythm
from planner.logs import timed
from planner.plan import Closure, Plan

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CalendarContext:
    closures: tuple[Period, ...]  # every closing period, documents merged over the config
    rhythm: MeetingRhythm
    years: tuple[int, ...] = ()
    # Day -> closing periods covering it, most authoritative first; a dict lookup keeps
    # a 10,000-point check linear instead of points x periods.
    by_day: Mapping[date, tuple[Period, ...]] = field(
        default_factory=dict, compare=False, repr=False, hash=False
    )

    def covers(self, d: date) -> bool:
        """True when `d` lies in a year the context was computed for (outside it nothing is known)."""
        return d.year in self.years

    def closures_on(self, d: date) -> tuple[Period, ...]:
        return self.by_day.get(d, ())

    def closure_on(self, d: date) -> Period | None:
        found = self.by_day.get(d)
        return found[0] if found else None

    def public_holiday_on(self, d: date) -> Period | None:
        return next((p for p in self.by_day.get(d, ()) if p.kind == "public_holiday"), None)


def closure_period(c: Closure) -> Period:
    """A plan closure as a `Period`; its source is marked as a document so it wins over the config.

    Closures typed in by a user ("bruger") are decisions too, so they get the same authority.
    The conflict checks and the "ferie" feed both read closures through here.
    """
    source = (
        c.source if c.source.startswith(("document:", "ferieplan:")) else f"document:{c.source or 'plan'}"
    )
    kind = c.kind if c.kind in KINDS else "closure"
    return Period(label=c.label, start=c.start, end=max(c.end, c.start), kind=kind, source=source)


def plan_years(plan: Plan, also: Iterable[date | None] = (), margin: int = 1) -> tuple[int, ...]:
    """Every year the plan touches, widened by `margin` on each side (the conflict checks take one:
    juleferie crosses New Year; the feeds none: they show the years of the plan)."""
    found: set[int] = set()
    for p in plan.points:
        if p.date:
            found.add(p.date.year)
    found.update(m.date.year for m in plan.meetings)
    for span in (*plan.events, *plan.closures, *plan.absences):
        found.update(range(span.start.year, span.end.year + 1))
    found.update(d.year for d in also if d is not None)
    return years_around(found, margin)


def years_around(found: Iterable[int], margin: int = 1) -> tuple[int, ...]:
    """`found` widened to a run of years with `margin` more on each side (see plan_years)."""
    found = set(found)
    if not found:
        return ()
    return tuple(range(min(found) - margin, max(found) + margin + 1))


def configured_periods(years: Iterable[int], config_path: Path | str = DEFAULT_CONFIG) -> list[Period]:
    """What law and the municipal config close in `years`, before any document has its say:
    public holidays, school holidays and no-meeting days."""
    years = tuple(years)
    if not years:
        return []
    return [*public_holidays(years), *_municipal_periods(years, load_config(config_path))]


def _municipal_periods(years: Iterable[int], config: CalendarConfig) -> list[Period]:
    return school_holidays_from(years, config) + no_meeting_days(years, config.no_meeting_days)


def calendar_context(
    plan: Plan,
    config_path: Path | str = DEFAULT_CONFIG,
    years: Iterable[int] | None = None,
    also: Iterable[date | None] = (),
) -> CalendarContext:
    """The calendar around `plan`; `also` adds dates a caller is about to use (a move target)."""
    wanted = tuple(sorted(set(years))) if years is not None else plan_years(plan, also)
    if years is not None and any(d is not None for d in also):
        wanted = tuple(sorted({*wanted, *(d.year for d in also if d is not None)}))
    documents = [closure_period(c) for c in plan.closures]
    # The result is immutable and a pure function of the years, the closures and the config
    # file, so it is memoised on those (the file by its stat: an edited config is read again).
    stamp = _config_stamp(config_path)
    key = (wanted, tuple(documents), stamp)
    if stamp is not None:
        with _MEMO_LOCK:
            found = _MEMO.get(key)
        if found is not None:
            return found
    with timed(log, "kalenderen for %s (helligdage, skoleferier, lukkedage)", wanted, level=logging.DEBUG):
        ctx = _calendar_context(wanted, documents, config_path)
    if stamp is not None:
        with _MEMO_LOCK:
            while len(_MEMO) >= _MEMO_SIZE:
                del _MEMO[next(iter(_MEMO))]
            _MEMO[key] = ctx
    return ctx


_MEMO: dict[tuple, CalendarContext] = {}
_MEMO_SIZE = 16
_MEMO_LOCK = threading.Lock()


def _config_stamp(config_path: Path | str) -> tuple | None:
    try:
        st = os.stat(config_path)
    except OSError:
        return None  # load_config will say what is wrong
    return (os.path.abspath(config_path), st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)


def _calendar_context(
    wanted: tuple[int, ...], documents: list[Period], config_path: Path | str
) -> CalendarContext:
    config = load_config(config_path)
    if not wanted:
        return CalendarContext(
            closures=tuple(documents), rhythm=config.rhythm, years=(), by_day=_index(documents)
        )
    merged = merge_closures(_municipal_periods(wanted, config), documents)
    periods = sorted({*public_holidays(wanted), *merged}, key=lambda p: (p.start, p.end, p.label, p.source))
    return CalendarContext(
        closures=tuple(periods), rhythm=config.rhythm, years=wanted, by_day=_index(periods)
    )


def _index(periods: list[Period]) -> Mapping[date, tuple[Period, ...]]:
    days: dict[date, list[Period]] = {}
    for p in periods:
        if not p.closes:
            continue
        for d in p.dates():
            days.setdefault(d, []).append(p)
    # closures_on sorts by authority (document > law > config, short before long).
    return MappingProxyType({d: tuple(closures_on(d, found)) for d, found in days.items()})
