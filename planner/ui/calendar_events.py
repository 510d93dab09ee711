"""Plan ↔ FullCalendar: event dicts for streamlit-calendar, and a dropped event back to a move.

Pure: no Streamlit here. Agenda points are the only draggable events; meetings, political
meetings, absences and closures are shown for context and cannot be moved.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from planner.calendar.agenda_times import Span, break_span, clock, danish_clock, plan_spans, timed_days
from planner.calendar.meetings_ahead import meeting_ref, meeting_source
from planner.plan import PLANNED_STATUSES, SCHEDULED_STATUSES, AgendaBreak, Meeting, Plan, Point

# FullCalendar's own Danish locale (locales/da.js), passed as an object because the
# streamlit-calendar bundle only ships English; the "code" makes Intl format dates in Danish.
DANISH_LOCALE: dict = {
    "code": "da",
    "week": {"dow": 1, "doy": 4},  # Monday first, ISO weeks
    "buttonText": {
        "prev": "Forrige",
        "next": "Næste",
        "today": "I dag",
        "year": "År",
        "month": "Måned",
        "week": "Uge",
        "day": "Dag",
        "list": "Liste",
    },
    "weekText": "uge ",
    "weekTextLong": "Uge",
    "allDayText": "Hele dagen",
    "moreLinkText": "flere",
    "noEventsText": "Ingen aktiviteter at vise",
}

STATUS_COLORS: dict[str, str] = {
    "planlagt": "#1b5e8c",
    "udsat": "#1b5e8c",
    "behandlet": "#6b7f91",
    "afventer dato": "#9aa5b1",
    "ikke længere i planen": "#b0b7bf",
    "aflyst": "#b0b7bf",
}
MEETING_COLOR = "#d9ecdf"
POLITICAL_COLOR = "#8e3b8a"
OTHER_COLOR = "#2e8b57"
ABSENCE_COLOR = "#e08a1e"
CLOSURE_BG = "#f6d5d5"
CONFLICT_BORDER = "#c62828"
BREAK_COLOR = "#eef1f4"
VIEWS = ("dayGridMonth", "dayGridWeek", "listMonth")


@dataclass(frozen=True)
class Drop:
    """A point dragged in the calendar: what the user saw and where it landed."""

    point_id: int
    old_date: date | None
    new_date: date
    version: int | None  # the Point.version the browser showed
    view_type: str | None = None
    view_start: date | None = None  # the first day of the month/week on screen

    @property
    def ref(self) -> str:
        return f"point:{self.point_id}"


def _iso(d: date) -> str:
    return d.isoformat()


def _day(value: object) -> date | None:
    if not value or not isinstance(value, str):
        return None
    try:
        if len(value) > 10 and value.endswith("Z"):
            # toISOString() of a local midnight: 23:00Z/22:00Z the day before in Copenhagen.
            return (datetime.fromisoformat(value.replace("Z", "+00:00")) + timedelta(hours=12)).date()
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def point_event(p: Point, conflicted: bool = False, span: Span | None = None) -> dict:
    """A point; with its `span` in the meeting it starts with its time: "10.45" as the agenda states
    it, "ca. 13.00" when computed."""
    title = "Lukket punkt" if p.closed else p.title
    movable = p.status in PLANNED_STATUSES
    when = f"{'' if span.stated else 'ca. '}{danish_clock(span.start_time)} " if span else ""
    ev = {
        "id": f"point:{p.id}",
        "title": ("⚠ " if conflicted else "") + when + title + (f" · {p.owner}" if p.owner else ""),
        "start": _iso(p.date),
        "allDay": True,
        "editable": movable,
        "backgroundColor": STATUS_COLORS.get(p.status, "#1b5e8c"),
        "borderColor": CONFLICT_BORDER if conflicted else STATUS_COLORS.get(p.status, "#1b5e8c"),
        "textColor": "#ffffff",
        "classNames": ["pt", "pt-conflict" if conflicted else "pt-ok"],
        "sortKey": _in_day(span.start) if span else 2,
        "extendedProps": {"kind": "point", "point_id": p.id, "version": p.version, "status": p.status},
    }
    return ev


def calendar_events(
    plan: Plan,
    first: date,
    last: date,
    closures: Iterable = (),
    conflicted: Iterable[str] = (),
    person: str | None = None,
) -> list[dict]:
    """FullCalendar events for [first, last]; `conflicted` holds refs like "point:12"."""
    bad = set(conflicted)
    out: list[dict] = []

    def inside(a: date, b: date) -> bool:
        return a <= last and b >= first

    for m in plan.meetings:
        if not inside(m.date, m.date):
            continue
        cancelled = m.status == "aflyst"
        by_rhythm = meeting_source(m) == "rhythm"  # planned by the rhythm, not (yet) by a document
        out.append(
            {
                "id": meeting_ref(m),
                "start": _iso(m.date),
                "allDay": True,
                "editable": False,
                # "Ekstra" first, where a narrow day cell cannot cut it off.
                "title": ("Aflyst: " if cancelled else "")
                + ("Ekstra møde " if is_extra(m) else "Direktionsmøde ")
                + f"{_hm(m.start)}–{_hm(m.end)}",
                "backgroundColor": "#eeeeee" if cancelled else MEETING_COLOR,
                "borderColor": "#8fbf9f",
                "textColor": "#1d4d2b",
                "classNames": ["meeting", "meeting-rhythm" if by_rhythm else "meeting-document"],
                "sortKey": 0,
                "extendedProps": {"kind": "meeting", "meeting_id": m.id, "source": meeting_source(m)},
            }
        )
        out += [break_event(m, b) for b in m.breaks if not cancelled]
    spans = plan_spans(plan, first, last)
    # Times only on days whose meeting has a timetable: elsewhere they are the rhythm's guesses.
    timed = timed_days(plan)
    for p in plan.points:
        if p.date is None or not inside(p.date, p.date) or p.status not in SCHEDULED_STATUSES:
            continue
        if person and p.owner != person and person not in p.participants:
            continue
        out.append(point_event(p, f"point:{p.id}" in bad, spans.get(p.uid) if p.date in timed else None))
    for e in plan.events:
        if not inside(e.start, e.end):
            continue
        political = e.category == "political"
        out.append(
            {
                "id": f"event:{e.id}",
                "title": ("Aflyst: " if e.status == "cancelled" else "") + e.title,
                "start": _iso(e.start),
                "end": _iso(e.end + timedelta(days=1)),
                "allDay": True,
                "editable": False,
                "backgroundColor": POLITICAL_COLOR if political else OTHER_COLOR,
                "borderColor": POLITICAL_COLOR if political else OTHER_COLOR,
                "textColor": "#ffffff",
                "classNames": ["political" if political else "other"],
                "sortKey": 3,
                "extendedProps": {"kind": "event", "event_id": e.id},
            }
        )
    for a in plan.absences:
        if not inside(a.start, a.end) or (person and a.person != person):
            continue
        out.append(
            {
                "id": f"absence:{a.id}",
                "title": f"Fravær: {a.person}",
                "start": _iso(a.start),
                "end": _iso(a.end + timedelta(days=1)),
                "allDay": True,
                "editable": False,
                "backgroundColor": ABSENCE_COLOR,
                "borderColor": ABSENCE_COLOR,
                "textColor": "#ffffff",
                "classNames": ["absence"],
                "sortKey": 1,
                "extendedProps": {"kind": "absence"},
            }
        )
    seen: set[tuple[str, date, date]] = set()
    periods = [(c.label, c.start, c.end, getattr(c, "kind", "closure")) for c in plan.closures]
    periods += [(p.label, p.start, p.end, p.kind) for p in closures]
    for label, start, end, kind in periods:
        if (label, start, end) in seen or kind == "school_event" or not inside(start, end):
            continue
        seen.add((label, start, end))
        out.append(
            {
                "id": f"closure:{start}:{label}",
                "title": label,
                "start": _iso(start),
                "end": _iso(end + timedelta(days=1)),
                "allDay": True,
                "display": "background",
                "backgroundColor": CLOSURE_BG,
                "classNames": ["closure"],
                "extendedProps": {"kind": "closure"},
            }
        )
    return out


def break_event(m: Meeting, b: AgendaBreak) -> dict:
    """A break the meeting's timetable states ("11.00–11.05 Pause"), among the points in time order.
    Shown in the week view only (CALENDAR_CSS hides it in the month view): it cannot be moved."""
    start, end = break_span(b)
    when = danish_clock(b.start) + (f"–{danish_clock(clock(end))}" if end > start else "")
    return {
        "id": f"break:{m.date}:{b.start:%H%M}",
        "title": f"{when} {b.title}",
        "start": _iso(m.date),
        "allDay": True,
        "editable": False,
        "backgroundColor": BREAK_COLOR,
        "borderColor": BREAK_COLOR,
        "textColor": "#4a5560",
        "classNames": ["agenda-break"],
        "sortKey": _in_day(start),
        "extendedProps": {"kind": "break"},
    }


def _in_day(minute: int) -> float:
    """Points and breaks after the meeting and absences (sortKey 0 and 1), in time order, before the
    political meetings (3)."""
    return 2 + minute / 10_000


def is_extra(m) -> bool:
    """A meeting the users added (outside the rhythm, or on a Wednesday no document holds a meeting on)."""
    return m.extra or (m.source == "bruger" and m.origin in ("rhythm", "manual"))


def calendar_options(
    initial_date: date, initial_view: str = "dayGridMonth", editable: bool = True, today: date | None = None
) -> dict:
    """FullCalendar options; `editable=False` (a reader) turns dragging off for every event.

    `today`: the app's today (PLANNER_TODAY in tests and demos) for the highlighted day and the
    "I dag" button, instead of the browser's clock, so the calendar and the app agree."""
    extra = {"now": today.isoformat()} if today is not None else {}
    return {
        **extra,
        "locale": DANISH_LOCALE,
        "firstDay": 1,
        "weekNumbers": True,
        "weekNumberCalculation": "ISO",
        "editable": editable,
        "eventDurationEditable": False,
        "eventStartEditable": editable,
        "droppable": False,
        "initialView": initial_view if initial_view in VIEWS else "dayGridMonth",
        "initialDate": initial_date.isoformat(),
        "headerToolbar": {"left": "prev,next today", "center": "title", "right": ",".join(VIEWS)},
        "buttonText": {"today": "I dag", "dayGridMonth": "Måned", "dayGridWeek": "Uge", "listMonth": "Liste"},
        "height": 820,  # fixed: the component sizes its iframe once, so "auto" leaves gaps between views
        "dayMaxEvents": False,
        "eventOrder": "sortKey,title",
        "displayEventTime": False,
        "fixedWeekCount": False,
        "showNonCurrentDates": True,
    }


CALENDAR_CSS = """
.fc { font-family: "Source Sans Pro", sans-serif; font-size: 0.85rem; }
.fc .fc-toolbar-title { font-size: 1.3rem; }
.fc .fc-toolbar-title::first-letter { text-transform: uppercase; }
.fc .fc-daygrid-event { white-space: normal; }
.fc .fc-event-title { white-space: normal; overflow: hidden; }
.fc .pt { cursor: grab; }
.fc .pt-conflict { border-width: 2px; border-style: solid; }
.fc .fc-bg-event { opacity: 0.6; }
.fc .fc-bg-event .fc-event-title { font-style: normal; font-size: 0.75rem; color: #8a1c1c; margin: 2px; }
/* The week number sits in the Monday cell's corner: start a holiday's name below it ("uge 7" over "Vinterferie"). */
.fc .fc-daygrid-day-frame .fc-bg-event .fc-event-title { margin-top: 1.5em; white-space: normal; }
.fc .fc-daygrid-week-number { background: #e8eef4; color: #1b3a57; font-size: 0.7rem; }
.fc .fc-day-today { background: #fff8dc !important; }
/* A meeting only the Wednesday rhythm has planned so far: the same meeting, drawn lighter. */
.fc .meeting-rhythm { border-style: dashed; opacity: 0.85; }
/* Breaks (Pause, Frokost) belong to the week view; a month cell has no room for them. */
.fc .fc-dayGridMonth-view .fc-daygrid-event-harness:has(.agenda-break) { display: none; }
.fc .agenda-break { font-style: italic; }
"""


def parse_drop(value: object) -> Drop | None:
    """The streamlit-calendar return value of an `eventChange` on a point, else None."""
    if not isinstance(value, dict) or value.get("callback") != "eventChange":
        return None
    change = value.get("eventChange") or {}
    event, old = change.get("event") or {}, change.get("oldEvent") or {}
    ev_id = str(event.get("id") or "")
    if not ev_id.startswith("point:"):
        return None
    try:
        point_id = int(ev_id.split(":", 1)[1])
    except ValueError:
        return None
    new_date = _day(event.get("start"))
    if new_date is None:
        return None
    props = event.get("extendedProps") or {}
    version = props.get("version")
    view = change.get("view") or {}
    return Drop(
        point_id=point_id,
        old_date=_day(old.get("start")),
        new_date=new_date,
        version=int(version) if isinstance(version, int | float | str) and str(version).isdigit() else None,
        view_type=view.get("type"),
        view_start=_day(view.get("currentStart")),
    )


def clicked_ref(value: object) -> str | None:
    """The id ("point:12") of a clicked event, if the value is an `eventClick`."""
    if isinstance(value, dict) and value.get("callback") == "eventClick":
        return str(((value.get("eventClick") or {}).get("event") or {}).get("id") or "") or None
    return None


def clicked_day(value: object) -> date | None:
    if not isinstance(value, dict):
        return None
    if value.get("callback") == "dateClick":
        return _day((value.get("dateClick") or {}).get("date"))
    if value.get("callback") == "eventClick":
        return _day(((value.get("eventClick") or {}).get("event") or {}).get("start"))
    return None


def _hm(t) -> str:
    """9:00 → "9", 13:30 → "13.30" (Danish clock style, short enough for a month cell)."""
    return f"{t.hour}" if t.minute == 0 else f"{t.hour}.{t.minute:02d}"
