"""The meetings ahead of the documents: the Wednesday rhythm fills the next 12 months.

Documents name the meetings of their own forward plan (a few months); beyond that, and in a
year no document has reached yet, Direktionen still meets every Wednesday. `rhythm_meetings`
gives those meetings (origin "rhythm", no id: they are not stored) so a point can be planned,
dragged or added on them. Giving such a meeting a point stores it (`planner.commands.
ensure_meeting`, source `RHYTHM_SOURCE`); a later document for its date turns it into a
document meeting that keeps its id and points (`planner.sync.fold`).

Deliberately *not* produced:
- a rhythm meeting on a closed day (public holiday, school holiday, no-meeting day, a
  document's holiday row): the calendar context decides, documents over the config;
- a rhythm meeting in an ISO week that already has a stored meeting (a document that moved
  the week's meeting to Thursday, or cancelled it, has said what happens that week);
- rhythm meetings in the past: what happened there is the documents' business.

The conflict check and the ICS feeds only see stored meetings: an empty planned Wednesday is
not a conflict, and 50 empty "Direktionsmøde" occurrences that change every day would be noise
in every subscriber's calendar (the Direktion's own Outlook series has them). A rhythm meeting
enters the feeds as soon as a point is put on it.

Pure: `today` is a parameter, never the clock.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date, time

from planner.calendar.context import CalendarContext
from planner.calendar.rhythm import planned_meeting_dates
from planner.plan import RHYTHM_SOURCE, Meeting, Plan

AHEAD_MONTHS = 12
MEETING_SOURCES = ("document", "rhythm", "extra")


def ahead_span(today: date, months: int = AHEAD_MONTHS) -> tuple[date, date]:
    """Today through the end of the month `months` months ahead (so "at least 12 months")."""
    month_index = today.month - 1 + months
    year, month = today.year + month_index // 12, month_index % 12 + 1
    return today, date(year, month, calendar.monthrange(year, month)[1])


def rhythm_meetings(
    plan: Plan, ctx: CalendarContext, today: date, months: int = AHEAD_MONTHS
) -> list[Meeting]:
    """The rhythm's meetings from `today` on that no document or user has stored (see module doc).

    `ctx` must cover the span's years (`calendar_context(plan, also=ahead_span(today))`), else
    the holidays of a year it does not know would not close their Wednesdays.
    """
    first, last = ahead_span(today, months)
    rhythm = ctx.rhythm
    held_weeks = {m.date.isocalendar()[:2] for m in plan.meetings}
    return [
        Meeting(date=d, start=rhythm.start, end=rhythm.end, origin="rhythm", source="")
        for d in planned_meeting_dates(rhythm, first, last, ctx.closures)
        if d.isocalendar()[:2] not in held_weeks
    ]


def with_rhythm(plan: Plan, ctx: CalendarContext, today: date) -> Plan:
    """`plan` with the rhythm's meetings ahead added (a shallow copy; the stored plan is untouched)."""
    ahead = rhythm_meetings(plan, ctx, today)
    if not ahead:
        return plan
    return replace(plan, meetings=sorted([*plan.meetings, *ahead], key=lambda m: m.date))


def meeting_source(m: Meeting) -> str:
    """ "document" (a document holds it), "rhythm" (the Wednesday rhythm) or "extra" (added by hand)."""
    if m.origin == "document":
        return "document"
    if m.extra or m.origin == "manual" or (m.source and m.source != RHYTHM_SOURCE):
        return "extra"
    return "rhythm"


def meeting_ref(m: Meeting) -> str:
    """A stable reference for views: "meeting:12", or "meeting:rhythm:2027-03-03" when not stored."""
    return f"meeting:{m.id}" if m.id is not None else f"meeting:rhythm:{m.date.isoformat()}"


@dataclass(frozen=True)
class MeetingRow:
    """One line of `planner meetings`."""

    date: date
    start: time
    end: time
    source: str  # see MEETING_SOURCES
    status: str  # planlagt | afholdt | aflyst
    points: int
    id: int | None = None

    def to_json(self) -> dict:
        return {
            "date": self.date.isoformat(),
            "start": f"{self.start:%H:%M}",
            "end": f"{self.end:%H:%M}",
            "source": self.source,
            "status": self.status,
            "points": self.points,
            "id": self.id,
        }


def meeting_rows(plan: Plan, ctx: CalendarContext, today: date, first: date, last: date) -> list[MeetingRow]:
    """Every meeting in [first, last], stored and by rhythm, with its number of scheduled points."""
    counts: dict[date, int] = {}
    for p in plan.points:
        if p.date is not None and first <= p.date <= last and p.scheduled:
            counts[p.date] = counts.get(p.date, 0) + 1
    return [
        MeetingRow(m.date, m.start, m.end, meeting_source(m), m.status, counts.get(m.date, 0), m.id)
        for m in with_rhythm(plan, ctx, today).meetings
        if first <= m.date <= last
    ]


def has_documents(plan: Plan, first: date, last: date) -> bool:
    """Whether any document speaks of [first, last]: a meeting it holds, or a point it dates there."""
    return any(m.origin == "document" and first <= m.date <= last for m in plan.meetings) or any(
        p.date is not None and first <= p.date <= last and p.source != "bruger" for p in plan.points
    )
