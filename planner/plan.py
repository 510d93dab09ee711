"""The planning model: what the store holds and every view (conflicts, wheel, ICS, app) reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

POINT_STATUSES = ("planlagt", "afventer dato", "behandlet", "ikke længere i planen", "aflyst", "udsat")
# "udsat": a referat moved the point from its own meeting to a later one, where it is still to be
# treated; it is planned there like any "planlagt" point.
PLANNED_STATUSES = frozenset({"planlagt", "udsat"})
SCHEDULED_STATUSES = ("planlagt", "udsat", "behandlet")  # on a meeting: planned or treated there
DEFAULT_DURATION_MIN = 15
# Meeting.source of a rhythm meeting that was stored because a point was put on it.
RHYTHM_SOURCE = "rytme"


@dataclass
class Point:
    uid: str
    title: str
    date: date | None
    id: int | None = None
    description: str = ""
    owner: str | None = None
    participants: list[str] = field(default_factory=list)
    duration_min: int = DEFAULT_DURATION_MIN
    status: str = "planlagt"
    origin: str = "forward_plan"  # forward_plan | awaiting_date | decision | timetable | manual
    source: str = ""  # the document file name, or "bruger"
    source_line: int | None = None
    closed: bool = False
    note: str | None = None
    version: int = 1  # optimistic concurrency: bumped on every write
    sequence: int = 0  # ICS SEQUENCE: bumped when the date changes
    doc_date: date | None = None  # meeting date of the newest document that stated this point
    doc_value: date | None = None  # the date that document gave the point
    edited: dict[str, str | None] = field(default_factory=dict)  # field -> document value when edited by hand
    updated_at: str = ""
    # The clock time the meeting's own timetable states for the point ("10.45"); None when no
    # timetable states one for the meeting it is on. Its time is then computed (planner.calendar.agenda_times).
    start: time | None = None

    @property
    def scheduled(self) -> bool:
        return self.date is not None and self.status in SCHEDULED_STATUSES


@dataclass(frozen=True)
class AgendaBreak:
    """A break the meeting's timetable states ("11.00 Pause", "12.05 Frokost"): not a point."""

    start: time
    end: time | None
    title: str


@dataclass
class Meeting:
    date: date
    id: int | None = None
    start: time = time(9, 0)
    end: time = time(13, 0)
    location: str | None = None
    origin: str = "document"  # document | rhythm | manual
    status: str = "planlagt"  # planlagt | afholdt | aflyst
    source: str = ""  # the document file name, "bruger" (by hand) or RHYTHM_SOURCE
    extra: bool = False  # created by hand on a day outside the rhythm
    version: int = 1
    sequence: int = 0
    # The breaks of the newest document's timetable for this meeting; always replaced, never edited
    # in place (working copies share the list).
    breaks: list[AgendaBreak] = field(default_factory=list)

    @property
    def minutes(self) -> int:
        return (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)


@dataclass
class PlanEvent:
    uid: str
    title: str
    start: date
    end: date
    category: str  # political | direction | other
    status: str  # held | upcoming | cancelled
    kind: str = "event"  # event | oekonomiudvalg | kommunalbestyrelse
    id: int | None = None
    source: str = ""
    sequence: int = 0
    version: int = 1


@dataclass
class Closure:
    label: str
    start: date
    end: date
    kind: str = "closure"  # closure | school_holiday | public_holiday | no_meeting_day
    source: str = ""
    id: int | None = None

    def contains(self, d: date) -> bool:
        return self.start <= d <= self.end


@dataclass
class Absence:
    person: str
    start: date
    end: date
    source: str = ""
    note: str | None = None
    id: int | None = None

    def contains(self, d: date) -> bool:
        return self.start <= d <= self.end


@dataclass
class Person:
    name: str  # "" for a vacant role ("Kommunaldirektør Vakant")
    role: str = ""
    vacant: bool = False
    id: int | None = None


@dataclass
class Ring:
    """A ring the users added to the wheel themselves ("Budgetproces", "MED-møder")."""

    name: str
    color: str = "#6a5acd"  # "#rrggbb"
    position: int = 0  # order among the own rings, inside the fixed ones
    id: int | None = None
    version: int = 1


ACTIVITY_RECURRENCES = ("", "yearly")


@dataclass
class Activity:
    """Something on an own ring: one day or a date range, once or every year."""

    uid: str
    ring_id: int
    title: str
    start: date
    end: date  # inclusive; == start for a single day
    recurrence: str = ""  # "" (once) | "yearly"
    note: str = ""
    id: int | None = None
    version: int = 1
    sequence: int = 0  # ICS SEQUENCE: bumped when the dates change

    def occurrences(self, first: date, last: date) -> list[tuple[date, date]]:
        """(start, end) of every occurrence that touches [first, last]."""
        if not self.recurrence:
            return [(self.start, self.end)] if self.start <= last and self.end >= first else []
        out = []
        length = self.end - self.start
        for year in range(max(self.start.year, first.year - 1), last.year + 1):
            start = _same_day_in(self.start, year)
            end = start + length
            if start <= last and end >= first and start >= self.start:
                out.append((start, end))
        return out


def _same_day_in(d: date, year: int) -> date:
    """The same day and month in `year` (29 February becomes 28 February in other years)."""
    try:
        return d.replace(year=year)
    except ValueError:
        return d.replace(year=year, day=28)


@dataclass
class Plan:
    points: list[Point] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    events: list[PlanEvent] = field(default_factory=list)
    closures: list[Closure] = field(default_factory=list)
    absences: list[Absence] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    rings: list[Ring] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    version: int = 0

    @property
    def vacancies(self) -> list[str]:
        return [p.role for p in self.people if p.vacant]

    def point(self, point_id: int) -> Point | None:
        return next((p for p in self.points if p.id == point_id), None)

    def ring(self, ring_id: int) -> Ring | None:
        return next((r for r in self.rings if r.id == ring_id), None)

    def activity(self, activity_id: int) -> Activity | None:
        return next((a for a in self.activities if a.id == activity_id), None)

    def meeting_on(self, d: date) -> Meeting | None:
        return next((m for m in self.meetings if m.date == d), None)

    def meetings_by_date(self) -> dict[date, Meeting]:
        """Each date's meeting as `meeting_on` finds it, for readers that look up many dates.

        Built anew on every call, as the lists may change; read-only: a writer takes the meeting
        it changes from `meeting_on` (a working copy hands out its own copy there).
        """
        index: dict[date, Meeting] = {}
        for m in self.meetings:
            index.setdefault(m.date, m)
        return index
