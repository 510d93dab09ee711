"""Direktionen's weekly meeting rhythm and the planned dates it produces.

Direktionen meets every Wednesday 09:00–13:00 Copenhagen time unless a
closure (school holiday, public holiday, no-meeting day) falls on the day.
A meeting found on another weekday is real and kept; callers flag it as
information using `off_rhythm`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import WEEKLY, rrule, weekday

from planner.calendar.periods import Period
from planner.danish import WEEKDAY_NAMES as WEEKDAY_NAMES_DA  # index = date.weekday()


@dataclass(frozen=True)
class MeetingRhythm:
    weekday: int = 2  # date.weekday(): 0 = Monday, 2 = Wednesday
    start: time = time(9, 0)
    end: time = time(13, 0)
    tz: str = "Europe/Copenhagen"

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise ValueError(f"weekday must be 0–6 (0 = mandag), got {self.weekday}")
        if self.end <= self.start:
            raise ValueError(f"meeting end {self.end:%H:%M} must be after start {self.start:%H:%M}")
        try:
            ZoneInfo(self.tz)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {self.tz!r}") from exc

    @property
    def weekday_name(self) -> str:
        return WEEKDAY_NAMES_DA[self.weekday]


def planned_meeting_dates(
    rhythm: MeetingRhythm, first: date, last: date, closures: Iterable[Period]
) -> list[date]:
    """Every rhythm weekday in [first, last] that no closing period covers."""
    if last < first:
        return []
    blocking = [p for p in closures if p.closes and p.start <= last and p.end >= first]
    # rrule works on datetimes; midnight naive is fine because only the date is kept.
    rule = rrule(
        WEEKLY,
        byweekday=weekday(rhythm.weekday),
        dtstart=datetime.combine(first, time()),
        until=datetime.combine(last, time()),
    )
    return [dt.date() for dt in rule if not any(p.contains(dt.date()) for p in blocking)]


def meeting_window(rhythm: MeetingRhythm, d: date) -> tuple[datetime, datetime]:
    """Timezone-aware start and end of the meeting on `d`.

    zoneinfo picks the UTC offset per date, so a meeting the week after the
    spring DST change is still 09:00 local (07:00 UTC instead of 08:00).
    """
    zone = ZoneInfo(rhythm.tz)
    return datetime.combine(d, rhythm.start, zone), datetime.combine(d, rhythm.end, zone)


def off_rhythm(d: date, rhythm: MeetingRhythm) -> bool:
    """True for a meeting on another weekday than the rhythm's (e.g. a Thursday)."""
    return d.weekday() != rhythm.weekday


def rhythm_from_mapping(raw: Mapping[str, object], where: str = "meeting_rhythm") -> MeetingRhythm:
    """Build a rhythm from a config table; `where` names the table in errors."""
    default = MeetingRhythm()
    unknown = set(raw) - {"weekday", "start", "end", "timezone"}
    if unknown:
        raise ValueError(f"{where}: ukendte nøgler {sorted(unknown)}")
    try:
        return MeetingRhythm(
            weekday=_parse_weekday(raw.get("weekday", default.weekday)),
            start=_parse_time(raw.get("start", default.start)),
            end=_parse_time(raw.get("end", default.end)),
            tz=str(raw.get("timezone", default.tz)),
        )
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from exc


def _parse_weekday(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in WEEKDAY_NAMES_DA:
        return WEEKDAY_NAMES_DA.index(value.strip().lower())
    raise ValueError(f"ugedag skal være et navn som 'onsdag' eller 0–6, fik {value!r}")


def _parse_time(value: object) -> time:
    # tomllib already gives `time` for unquoted local times (start = 09:00:00).
    if isinstance(value, time):
        return value
    if isinstance(value, str):
        # Danes write both "9:00" and "09.00"; fromisoformat accepts neither.
        m = re.fullmatch(r"\s*(\d{1,2})[:.](\d{2})\s*", value)
        if m and int(m[1]) < 24 and int(m[2]) < 60:
            return time(int(m[1]), int(m[2]))
    raise ValueError(f"tidspunkt skal skrives 'TT:MM', fik {value!r}")
