"""Clock times inside a meeting: the agenda's own times where its timetable states them, computed
times for the rest.

Pure. A point whose meeting's timetable states its time (`Point.start`) keeps that time, whatever
else changes; its end is its start plus its duration, pushed past any break that begins inside it
(Punkt 1 from 9.00 for 100 minutes with a pause at 10.00–10.05 ends at 10.45). Points without a
stated time follow the last stated item (point or break), or the meeting's start, each taking its
duration (sharing what is left of the meeting when they do not fit). So a hand-set duration moves
only computed times after it, and a point moved to another meeting (which drops its stated time) is
placed after that meeting's last item.

A meeting without any stated time keeps the old rule: points follow each other from the meeting's
start and are compressed proportionally when they add up to more than the meeting.

`hidden` points (closed points in public feeds) take no computed slot; a stated one's time goes to
the point right before it, so the public times show no gap that gives it away.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, time

from planner.plan import SCHEDULED_STATUSES, AgendaBreak, Meeting, Plan, Point


@dataclass(frozen=True)
class Span:
    """Minutes after midnight on the meeting's day; `stated`: the agenda gives this start time."""

    start: int
    end: int
    stated: bool = False

    @property
    def start_time(self) -> time:
        return clock(self.start)

    @property
    def end_time(self) -> time:
        return clock(self.end)


def agenda_order(p: Point) -> tuple:
    """Timetable rows first, in document order; then forward-plan and decision points in the order
    they were stated; points moved there by hand last (after the meeting's own items). Only stable
    fields, so the order survives a re-import."""
    return ("date" in p.edited, p.origin != "timetable", p.source, p.source_line or 0, p.title, p.uid)


def plan_spans(plan: Plan, first: date | None = None, last: date | None = None) -> dict[str, Span]:
    """uid -> Span of every scheduled point on a day with a meeting (closed points included), on the
    days from `first` to `last` when they are given."""
    by_date: dict[date, list[Point]] = {}
    wanted = [
        p
        for p in plan.points
        if p.date
        and p.status in SCHEDULED_STATUSES
        and (first is None or p.date >= first)
        and (last is None or p.date <= last)
    ]
    for p in sorted(wanted, key=agenda_order):
        by_date.setdefault(p.date, []).append(p)
    meetings = {m.date: m for m in plan.meetings}
    out: dict[str, Span] = {}
    for d, points in by_date.items():
        if d in meetings:
            out.update(point_spans(meetings[d], points))
    return out


def timed_days(plan: Plan) -> set[date]:
    """Days whose meeting has a timetable (a stated time or a break): elsewhere the times are the
    rhythm's 15-minute guesses, which the views do not show."""
    return {p.date for p in plan.points if p.start and p.date} | {m.date for m in plan.meetings if m.breaks}


def clock_label(span: Span) -> str:
    """The time as a view shows it: "kl. 10.45" as the agenda states it, "ca. 13.00" when computed."""
    return f"{'kl.' if span.stated else 'ca.'} {danish_clock(span.start_time)}"


def minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def clock(value: int) -> time:
    value = max(0, min(value, 24 * 60 - 1))
    return time(value // 60, value % 60)


def break_span(b: AgendaBreak) -> tuple[int, int]:
    start = minutes(b.start)
    return start, max(start, minutes(b.end)) if b.end else start


def point_spans(meeting: Meeting, points: Sequence[Point], hidden: Collection[str] = ()) -> dict[str, Span]:
    """uid -> Span for `points` (one meeting's, in agenda order) that are not `hidden` (by uid)."""
    breaks = sorted(break_span(b) for b in meeting.breaks)
    if not breaks and all(p.start is None for p in points):
        return _compressed(meeting, [p for p in points if p.uid not in hidden])
    out: dict[str, Span] = {}
    stated = sorted((p for p in points if p.start is not None), key=lambda p: minutes(p.start))
    spans = {p.uid: _stretched(minutes(p.start), p.duration_min, breaks) for p in stated}
    cursor = minutes(meeting.start)
    for k, p in enumerate(stated):
        if p.uid in hidden:
            continue
        start, end = spans[p.uid]
        for q in stated[k + 1 :]:  # the time of hidden points right after it goes to this one
            if q.uid not in hidden or spans[q.uid][0] > end:
                break
            end = max(end, spans[q.uid][1])
        out[p.uid] = Span(start, end, stated=True)
        cursor = max(cursor, end)
    cursor = max([cursor, *(end for _start, end in breaks)])
    rest = [p for p in points if p.start is None and p.uid not in hidden]
    room = minutes(meeting.end) - cursor
    total = sum(max(p.duration_min, 1) for p in rest)
    factor = (
        room / total if room > 0 and total > room else 1.0
    )  # an overfull meeting: they share what is left
    for p in rest:
        start, end = _stretched(cursor, round(max(p.duration_min, 1) * factor), breaks)
        out[p.uid] = Span(start, end)
        cursor = end
    return out


def _stretched(start: int, duration: int, breaks: list[tuple[int, int]]) -> tuple[int, int]:
    """(start, end) of `duration` minutes from `start`, not counting the breaks that begin inside."""
    end = start + max(duration, 1)
    for b_start, b_end in breaks:
        if start <= b_start < end:
            end += b_end - b_start
    return start, end


def _compressed(meeting: Meeting, points: list[Point]) -> dict[str, Span]:
    start = minutes(meeting.start)
    length = max(minutes(meeting.end) - start, 0)
    durations = [max(p.duration_min, 1) for p in points]
    total = sum(durations)
    factor = length / total if length and total > length else 1.0
    out: dict[str, Span] = {}
    offset = 0
    for p, duration in zip(points, durations, strict=True):
        begin = start + round(offset * factor)
        offset += duration
        out[p.uid] = Span(begin, start + round(offset * factor))
    return out


def meeting_bounds(meeting: Meeting, spans: Collection[Span]) -> tuple[int, int]:
    """The meeting from its header's start to its end, widened to hold its points and breaks
    (15 January 2025: "Start kl.: 10:00", but the timetable opens at 8.15; a point moved onto a
    meeting whose timetable is full runs after its end)."""
    held = [*spans, *(Span(*break_span(b), stated=True) for b in meeting.breaks)]
    start, end = minutes(meeting.start), minutes(meeting.end)
    return min([start, *(s.start for s in held)]), max([end, *(s.end for s in held)])


def hhmm(value: time | None) -> str | None:
    return value.strftime("%H:%M") if value else None


def danish_clock(value: time) -> str:
    """10.45 (the Danish way an agenda writes a time)."""
    return f"{value.hour:02d}.{value.minute:02d}"
