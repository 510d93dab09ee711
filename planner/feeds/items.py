"""Plan objects -> `ics.FeedItem`s: one function per kind of calendar entry, all pure.

`planner.feeds.catalog` decides which items go into which feed; this module only
knows how one meeting, point, event, closure or absence looks in a calendar.
UIDs are derived from stable identities (meeting date, the point's uid, the
event's uid, a closure's kind/label/start) so a client that re-reads a feed
updates entries in place instead of duplicating them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from planner.calendar.agenda_times import Span, agenda_order, clock, meeting_bounds, minutes, point_spans
from planner.calendar.periods import Period
from planner.dates import format_long, week_label
from planner.feeds.ics import CLOSED_SUMMARY, TZID, FeedItem
from planner.plan import SCHEDULED_STATUSES, Absence, Meeting, Plan, PlanEvent, Point

UID_DOMAIN = "aarshjul.norddjurs"
MEETING_SUMMARY = "Direktionsmøde"

_COPENHAGEN = ZoneInfo(TZID)
_CATEGORY = {"school_holiday": "Ferie", "public_holiday": "Helligdag"}
_KIND_LABEL = {
    "closure": "Ingen direktionsmøde",
    "school_holiday": "Skoleferie",
    "public_holiday": "Helligdag",
    "no_meeting_day": "Mødefri dag",
}


def slug(text: str) -> str:
    """ASCII url slug: 'Kim Bruun Nielsen' -> 'kim-bruun-nielsen', 'Søren Ærø' -> 'soeren-aeroe'."""
    text = text.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"


def uid(local: str) -> str:
    return f"{local}@{UID_DOMAIN}"


def meeting_uid(d: date) -> str:
    return uid(f"meeting-{d.isoformat()}")


def _at(d: date, t: time) -> datetime:
    return datetime.combine(d, t, tzinfo=_COPENHAGEN)


def _clock(value: datetime) -> str:
    return value.astimezone(_COPENHAGEN).strftime("%H.%M")


def parse_utc(value: str | None) -> datetime | None:
    """A stored time stamp ("2026-11-23T01:09:29.588783Z"); one without a zone is taken as UTC."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.utcoffset() is not None else parsed.replace(tzinfo=UTC)


def scheduled_points(plan: Plan) -> list[Point]:
    """Points that belong in a calendar: a date and status planlagt/behandlet (backlog excluded)."""
    return [p for p in plan.points if p.date is not None and p.status in SCHEDULED_STATUSES]


@dataclass(frozen=True)
class Slot:
    start: datetime
    end: datetime
    stated: bool = False  # the meeting's timetable states this start time


def agenda_ordered(plan: Plan) -> list[Point]:
    """The scheduled points in agenda order (what `agenda` groups by date)."""
    return sorted(scheduled_points(plan), key=agenda_order)


def agenda(
    plan: Plan, with_closed: bool = True, ordered: list[Point] | None = None
) -> dict[date, list[Point]]:
    """Scheduled points per date, in agenda order; closed points only `with_closed` (internal feeds).
    `ordered`: `agenda_ordered(plan)`, when the caller has it."""
    by_date: dict[date, list[Point]] = {}
    for p in agenda_ordered(plan) if ordered is None else ordered:
        if with_closed or not p.closed:
            by_date.setdefault(p.date, []).append(p)
    return by_date


def point_slots(
    plan: Plan,
    with_closed: bool = True,
    meetings: Mapping[date, Meeting] | None = None,
    full_agenda: dict[date, list[Point]] | None = None,
) -> dict[str, Slot]:
    """Start/end per point uid for points on a day with a meeting row (see `planner.calendar.agenda_times`).

    A time the meeting's timetable states is kept as stated; the other points follow the last
    stated item, or each other from the meeting's start (compressed when they add up to more than
    the meeting). Without `with_closed` (public feeds) closed points take no slot: a gap between
    two points would give away that something confidential sits there, so the time a timetable
    gives a closed point goes to the point right before it. `meetings` (`plan.meetings_by_date()`)
    and `full_agenda` (`agenda(plan)`, closed points included), when the caller has them.
    """
    meetings = plan.meetings_by_date() if meetings is None else meetings
    slots: dict[str, Slot] = {}
    for d, points in (agenda(plan) if full_agenda is None else full_agenda).items():
        meeting = meetings.get(d)
        if meeting is None:
            continue
        hidden = () if with_closed else {p.uid for p in points if p.closed}
        for key, span in point_spans(meeting, points, hidden).items():
            slots[key] = Slot(_at(d, span.start_time), _at(d, span.end_time), span.stated)
    return slots


def absent_on(plan: Plan, d: date) -> list[str]:
    return sorted({a.person for a in plan.absences if a.contains(d)})


def meeting_item(
    plan: Plan, meeting: Meeting, points: list[Point], slots: dict[str, Slot], absent: list[str] | None = None
) -> FeedItem:
    """The meeting with its list of points; `absent`: `absent_on(plan, meeting.date)` when known."""
    shown = [slots[p.uid] for p in points if p.uid in slots]
    first, last = meeting_bounds(
        meeting, [Span(minutes(s.start.time()), minutes(s.end.time()), s.stated) for s in shown]
    )
    start, end = _at(meeting.date, clock(first)), _at(meeting.date, clock(last))
    end = max(end, start)
    cancelled = meeting.status == "aflyst"
    lines = [
        f"{MEETING_SUMMARY} {format_long(meeting.date)} ({week_label(meeting.date)}), "
        f"kl. {_clock(start)}–{_clock(end)}"
    ]
    if cancelled:
        lines.append("Mødet er aflyst.")
    if meeting.location:
        lines.append(f"Sted: {meeting.location}")
    if absent is None:
        absent = absent_on(plan, meeting.date)
    if absent:
        lines.append("Fraværende: " + ", ".join(absent))
    if plan.vacancies:
        lines.append("Vakant: " + ", ".join(sorted(plan.vacancies)))
    if points:
        lines.append("")
        lines.append("Punkter:")
        lines += _agenda_lines(meeting, points, slots)
    return FeedItem(
        uid=meeting_uid(meeting.date),
        summary=("Aflyst: " if cancelled else "") + MEETING_SUMMARY,
        start=start,
        end=end,
        description="\n".join(lines),
        location=meeting.location,
        sequence=meeting.sequence,
        categories=("Direktionen",),
        status="CANCELLED" if cancelled else "CONFIRMED",
        busy_status="FREE" if cancelled else None,
        transparent=cancelled,
    )


def _agenda_lines(meeting: Meeting, points: list[Point], slots: dict[str, Slot]) -> list[str]:
    """The meeting's points in time order ("- 10.45 Punkt 2 – Økonomi …") and between them the breaks
    its timetable states ("  11.00 Pause": a start only, and no bullet, for it is not a point)."""
    rows: list[tuple[tuple, str]] = []
    for k, p in enumerate(points):
        slot = slots.get(p.uid)
        when = f"{_clock(slot.start)} " if slot else ""
        text = CLOSED_SUMMARY if p.closed else p.title
        line = f"- {when}{text}" + (" (behandlet)" if p.status == "behandlet" else "")
        rows.append(((0, slot.start.time(), 1, k) if slot else (1, time(), 1, k), line))
    if any(p.uid in slots for p in points):
        rows += [((0, b.start, 0, k), f"  {b.start:%H.%M} {b.title}") for k, b in enumerate(meeting.breaks)]
    return [line for _key, line in sorted(rows, key=lambda row: row[0])]


def point_item(
    plan: Plan, p: Point, slots: dict[str, Slot], meetings: Mapping[date, Meeting] | None = None
) -> FeedItem:
    """The point on its meeting; `meetings`: `plan.meetings_by_date()`, when the caller has it."""
    assert p.date is not None
    slot = slots.get(p.uid)
    meeting = plan.meeting_on(p.date) if meetings is None else meetings.get(p.date)
    lines = []
    if p.description and p.description.strip() != p.title.strip():
        lines += [p.description, ""]
    lines.append(f"Direktionsmøde {format_long(p.date)} ({week_label(p.date)})")
    if p.status in ("behandlet", "udsat"):
        lines.append(f"Status: {p.status}")
    if p.owner:
        lines.append(f"Ansvarlig: {p.owner}")
    if p.participants:
        lines.append("Deltagere: " + ", ".join(p.participants))
    if p.source:
        lines.append(f"Kilde: {p.source}" + (f", linje {p.source_line}" if p.source_line else ""))
    if p.note:
        lines.append(f"Note: {p.note}")
    return FeedItem(
        uid=uid(p.uid),
        summary=p.title,
        start=slot.start if slot else p.date,
        end=slot.end if slot else p.date,
        description="\n".join(lines),
        location=meeting.location if meeting and slot else None,
        sequence=p.sequence,
        last_modified=parse_utc(p.updated_at),
        categories=("Direktionspunkt",),
        closed=p.closed,
    )


def event_item(e: PlanEvent) -> FeedItem:
    category = {"political": "Politik", "direction": "Direktionen"}.get(e.category, "Aktivitet")
    return FeedItem(
        uid=uid(e.uid),
        summary=e.title,
        start=e.start,
        end=max(e.end, e.start),
        description=f"Kilde: {e.source}" if e.source else "",
        sequence=e.sequence,
        categories=(category,),
        status="CANCELLED" if e.status == "cancelled" else "CONFIRMED",
        transparent=e.status == "cancelled",
    )


def closure_item(period: Period) -> FeedItem:
    label = _KIND_LABEL.get(period.kind, "Lukket")
    source = _source_label(period.source)
    description = label if not source else f"{label}. Kilde: {source}"
    return FeedItem(
        uid=uid(f"closure-{period.kind}-{period.start:%Y%m%d}-{slug(period.label)}"),
        summary=period.label,
        start=period.start,
        end=period.end,
        description=description,
        categories=(_CATEGORY.get(period.kind, "Lukkedag"),),
        transparent=True,
    )


def _source_label(source: str) -> str:
    if source == "holidays":
        return "helligdagskalenderen"
    if source.startswith("config:"):
        return "kommunens kalenderregler"
    return source.split(":", 1)[1] if source.startswith(("document:", "ferieplan:")) else source


def absence_item(a: Absence) -> FeedItem:
    details = [x for x in (a.note, f"Kilde: {a.source}" if a.source else None) if x]
    return FeedItem(
        uid=uid(f"absence-{slug(a.person)}-{a.start:%Y%m%d}-{a.end:%Y%m%d}"),
        summary=f"{a.person} – fravær",
        start=a.start,
        end=max(a.end, a.start),
        description="\n".join(details),
        categories=("Fravær",),
        busy_status="OOF",
    )


def dedupe(items: Iterable[FeedItem]) -> tuple[FeedItem, ...]:
    """First item per UID wins; clients treat a repeated UID as one event."""
    seen: dict[str, FeedItem] = {}
    for item in items:
        seen.setdefault(item.uid, item)
    return tuple(seen.values())
