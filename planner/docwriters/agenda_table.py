"""The "Eventuelt, herunder punkter til næste møde" table of the next agenda, as a small model.

The secretariat retypes this table into every agenda: one row per meeting Wednesday ("14. aug."),
its points, a holiday ("Efterårsferie") where the day is closed, who does not attend ("Kim Bruun
Nielsen deltager ikke på mødet"), empty rows kept, and then the points that await a date. This
module turns the plan into those rows; `planner.docwriters.agenda_writers` renders them as Word,
HTML or text. Everything here is a pure function of its arguments: "today" is passed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from planner.calendar.context import CalendarContext, calendar_context
from planner.danish import MONTH_NAMES
from planner.dates import format_long
from planner.plan import Plan, Point

DEFAULT_WEEKS = 12
MAX_WEEKS = 520  # ten years: a bound, so a typing error cannot ask for a million rows
HEADING = "Eventuelt, herunder punkter til næste møde"
CASE_MARKER = "Åben sag"  # under the heading, as in the agendas: it also marks the section for the reader
AWAITING_HEADING = "Punkter som afventer dato:"
DATE_HEADER = "Dato"
POINTS_HEADER = "Punkter"
CANCELLED = "Mødet er aflyst"  # read back as a closure, like a holiday
_SKIPPED_STATUSES = frozenset({"ikke længere i planen", "aflyst", "afventer dato"})


@dataclass(frozen=True)
class AgendaRow:
    date: date
    holidays: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()  # full names, as the plan knows them
    points: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return day_label(self.date)

    @property
    def absence_notes(self) -> tuple[str, ...]:
        return tuple(f"{name} deltager ikke på mødet" for name in self.absent)

    @property
    def entries(self) -> tuple[str, ...]:
        """The cell's lines in the secretariat's order: holiday, absences, then the points."""
        return (*self.holidays, *self.absence_notes, *self.points)


@dataclass(frozen=True)
class AgendaTable:
    first: date
    last: date
    rows: tuple[AgendaRow, ...]
    awaiting: tuple[str, ...]  # the backlog: "Punkter som afventer dato"

    @property
    def intro(self) -> str:
        """The line above the table; its full date also gives the year-less row labels their year."""
        return (
            f"Til de kommende direktionsmøder fra {_long_date(self.first)} er der foreløbigt "
            "følgende punkter:"
        )


def day_label(d: date) -> str:
    """'14. aug.', '7. maj', '4. jun.': the secretariat's short label, without a year."""
    name = MONTH_NAMES[d.month - 1]
    return f"{d.day}. {name if len(name) <= 3 else name[:3] + '.'}"


def _long_date(d: date) -> str:
    return format_long(d).replace(" ", " den ", 1)  # "onsdag den 14. august 2024"


def _in_table(p: Point) -> bool:
    return not p.closed and p.status not in _SKIPPED_STATUSES


def next_meeting(plan: Plan, ctx: CalendarContext, today: date) -> date:
    """The first meeting after `today`: a planned meeting of the plan, else the rhythm's next open day."""
    day = today + timedelta(days=1)
    for _ in range(MAX_WEEKS):
        week = day.isocalendar()[:2]
        held = sorted(
            m.date
            for m in plan.meetings
            if m.date >= day and m.date.isocalendar()[:2] == week and m.status != "aflyst"
        )
        if held:
            return held[0]
        rhythm_day = _rhythm_day(day, ctx)
        if rhythm_day >= day and ctx.closure_on(rhythm_day) is None:
            return rhythm_day
        day = day - timedelta(days=day.weekday()) + timedelta(days=7)
    return today + timedelta(days=1)


def _rhythm_day(d: date, ctx: CalendarContext) -> date:
    """The rhythm's weekday in the ISO week of `d`."""
    return d - timedelta(days=d.weekday()) + timedelta(days=ctx.rhythm.weekday)


def agenda_table(
    plan: Plan, today: date, first: date | None = None, weeks: int = DEFAULT_WEEKS
) -> AgendaTable:
    """The table from `first` (default: the next meeting after `today`) through `weeks` more weeks."""
    horizon = timedelta(days=7 * (weeks + 2))
    ctx = calendar_context(plan, also=(today, today + horizon, first, first + horizon if first else None))
    return build_table(plan, ctx, first or next_meeting(plan, ctx, today), weeks)


def default_first(plan: Plan, today: date) -> date:
    """The first meeting of the table when none is chosen: the next meeting after `today`."""
    horizon = timedelta(days=7 * (DEFAULT_WEEKS + 2))
    return next_meeting(plan, calendar_context(plan, also=(today, today + horizon)), today)


def build_table(plan: Plan, ctx: CalendarContext, first: date, weeks: int = DEFAULT_WEEKS) -> AgendaTable:
    """The rows from `first` through the following `weeks` weeks, and the backlog.

    A row is each rhythm day (Wednesday) in the span, unless the week's meeting is held on another
    day; a day with a meeting or a point off the rhythm gets its own row, so no point is left out.
    Closed points never appear."""
    last = first + timedelta(days=7 * weeks)
    meetings = {m.date: m for m in plan.meetings if first <= m.date <= last}
    by_day: dict[date, list[Point]] = {}
    for p in sorted(plan.points, key=lambda p: p.id or 0):
        if p.date is not None and first <= p.date <= last and _in_table(p):
            by_day.setdefault(p.date, []).append(p)
    days = set(meetings) | set(by_day)
    moved_weeks = {
        d.isocalendar()[:2]
        for d, m in meetings.items()
        if d.weekday() != ctx.rhythm.weekday and m.status != "aflyst"
    }
    week_start = first - timedelta(days=first.weekday())
    while week_start <= last:
        rhythm_day = week_start + timedelta(days=ctx.rhythm.weekday)
        if first <= rhythm_day <= last and rhythm_day.isocalendar()[:2] not in moved_weeks:
            days.add(rhythm_day)
        week_start += timedelta(days=7)
    rows = tuple(_row(plan, ctx, d, meetings.get(d), by_day.get(d, [])) for d in sorted(days))
    awaiting = tuple(
        _one_line(p.title)
        for p in sorted(plan.points, key=lambda p: p.id or 0)
        if p.date is None and p.status == "afventer dato" and not p.closed
    )
    return AgendaTable(first=first, last=last, rows=rows, awaiting=awaiting)


def _row(plan: Plan, ctx: CalendarContext, d: date, meeting, points: list[Point]) -> AgendaRow:
    closure = ctx.closure_on(d)
    holidays = (closure.label,) if closure else ()
    if not holidays and meeting is not None and meeting.status == "aflyst":
        holidays = (CANCELLED,)
    absent: list[str] = []
    for a in plan.absences:
        if a.contains(d) and a.person and a.person not in absent:
            absent.append(a.person)
    return AgendaRow(
        date=d, holidays=holidays, absent=tuple(absent), points=tuple(_one_line(p.title) for p in points)
    )


def _one_line(title: str) -> str:
    """A title as one line: a tab or line break typed into it would split its cell or row when read back."""
    return " ".join(title.split())
