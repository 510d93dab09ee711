"""From scanned dates to periods: which year a date is in, and every check that keeps a date from being wrong.

The year context is set by what stands above a unit: a school-year heading, a year line, a
month heading (see `planner.calendar.ferieplan` for the rules). Ranges that run backwards, or that would
make a holiday longer than any school holiday, are warnings and give no period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from planner.calendar.ferieplan_scan import KNOWN_LABEL, SCHOOL_EVENT, Atom, Scanned
from planner.calendar.periods import Period, period_text
from planner.danish import MONTH_NAMES, WEEKDAY_NAMES
from planner.documents import Position
from planner.errors import PlannerError

# A range written backwards is read across New Year only when this short (a Juleferie); longer is a mistake.
_MAX_NEW_YEAR_DAYS = 62
_MAX_NEW_YEAR_WEEKS = 8
# A label that ends in a year says which year its dates are in: "Sommerferie 2025", "Juleferie 2025:".
_LABEL_YEAR = re.compile(r"(?<![\d/.-])(20\d\d)\s*:?$")
# When each named holiday can fall, as (month, day) from–to; Juleferie runs over New Year. Generous
# (Easter moves five weeks), so a date outside is a misreading: two columns of a PDF read across
# ("Vinterferie" beside "Fredag 5. juni"), or a typo in the document.
_SEASONS = (
    (re.compile(r"(?:sommer)ferie"), "sommerferie", (6, 1), (8, 31)),
    (re.compile(r"(?:efterårs|høst)ferie"), "efterårsferie", (9, 20), (11, 10)),
    (re.compile(r"juleferie"), "juleferie", (12, 1), (1, 15)),
    (re.compile(r"vinterferie"), "vinterferie", (1, 20), (3, 20)),
    (re.compile(r"påskeferie"), "påskeferie", (3, 10), (4, 30)),
    (re.compile(r"kr(?:isti|\.)?\s*himmelfart"), "Kristi himmelfart", (4, 28), (6, 8)),
    (re.compile(r"pinse|[12]\.\s*pinsedag"), "pinse", (5, 8), (6, 16)),
    (re.compile(r"grundlovsdag"), "grundlovsdag", (6, 1), (6, 10)),  # with a day either side
)
# What may stand between the names of holidays in leftover words ("skærtorsdag og langfredag").
_BETWEEN_NAMES = frozenset({",", "og", "-", "til", "&"})
_LABEL_LEAD = re.compile(r"[\W\d]*?(?=\w)")  # bullets and marks before the first word ("- ", "• ")
# No school holiday is this long (sommerferie is about 7 weeks): a longer span is a misreading or a typo.
_MAX_HOLIDAY_DAYS = 70


class FerieplanError(PlannerError, ValueError):
    """The plan cannot be read at all (for example: no school year can be determined)."""


class Note(NamedTuple):
    """A unit not understood (text = the unit as written) or a warning (text = a Danish message)."""

    pos: Position
    text: str


@dataclass(frozen=True)
class FerieplanResult:
    periods: list[Period] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)  # where each period stood, by index
    unparsed: list[Note] = field(default_factory=list)
    warnings: list[Note] = field(default_factory=list)


class Spans:
    """Scanned dates to periods: the year context (school year, year line, month heading) and the checks."""

    def __init__(self, source: str, school_year: int | None) -> None:
        self.name = source.removeprefix("ferieplan:")
        self.source = f"ferieplan:{self.name}"
        self.school_year = school_year
        self.year: int | None = None  # from a year line or a month line with a year
        self.month: int | None = None  # the month heading above (a month-grouped list), until a new section
        self.year_month: int | None = None  # the last month heading under `year`: "December", then "Januar"
        self.result = FerieplanResult()

    def need_school_year(self, pos: Position) -> int:
        if self.school_year is None:
            raise FerieplanError(
                f"{self.name}, {pos.label()}: skoleåret er ukendt. "
                "Angiv skoleåret (fx 2024 for 2024/25) eller tilføj en overskrift som 'Ferieplan 2024/2025'."
            )
        return self.school_year

    def warn(self, pos: Position, message: str) -> None:
        self.result.warnings.append(Note(pos, message))

    def set_year(self, year: int | None) -> None:
        self.year, self.month, self.year_month = year, None, None

    def set_month(self, month: int, year: int | None) -> None:
        if year is not None:
            self.year = year
        elif self.year is not None and self.year_month is not None and month < self.year_month:
            self.year += 1  # "December" then "Januar": the list runs forward into the next year
        self.month = self.year_month = month

    def emit(self, pos: Position, label: str, scanned: Scanned) -> bool:
        """Add the periods of one scanned unit; False when it held nothing usable."""
        reported = len(self.result.warnings)
        for bad in scanned.bad_months:
            self.warn(pos, f"ukendt måned i '{bad}'")
        kind = "school_event" if SCHOOL_EVENT.search(label) else "school_holiday"
        year = int(m[1]) if (m := _LABEL_YEAR.search(label)) else None
        spans = self.date_spans(pos, scanned, year) if scanned.groups else self.week_spans(pos, scanned, year)
        if scanned.groups and scanned.weeks:
            if (joined := self.first_day_of_weeks(pos, scanned, spans)) is not None:
                spans = [joined]
            else:
                self.check_weeks(pos, scanned, spans)
        for start, end in spans:
            if (season := _out_of_season(label, start, end)) is not None:
                self.warn(
                    pos,
                    f"'{label}' {period_text(start, end)} kan ikke være {season} (uden for årstiden); perioden er ikke læst",
                )
                continue
            self.result.periods.append(Period(label, start, end, kind, self.source))
            self.result.positions.append(pos)
        leftover = " ".join(scanned.leftover)
        # "Pinse: 2. pinsedag mandag 25. maj" names the day its date is: nothing is left out. Beside
        # weeks only ("uge 12-13 | Skærtorsdag til 2. påskedag") the names say more, and are reported.
        if spans and leftover and not (scanned.groups and _names_only(leftover)):
            self.warn(pos, f"ignoreret tekst: '{leftover}'")
        # A unit whose only dates were impossible is reported as a warning, not as unread.
        return bool(spans) or len(self.result.warnings) > reported

    def week_spans(
        self, pos: Position, scanned: Scanned, in_year: int | None = None
    ) -> list[tuple[date, date]]:
        spans = []
        for first, last, year in scanned.weeks:
            if last < first and (52 - first + 1 + last) > _MAX_NEW_YEAR_WEEKS:
                self.warn(pos, f"uge {first}-{last}: slutugen ligger før startugen")
                continue
            # Weeks from 32 (early August) belong to the school year's first calendar year.
            start_year = (
                year or in_year or self.year or self.need_school_year(pos) + (0 if first >= 32 else 1)
            )
            end_year = start_year + (1 if last < first else 0)
            try:
                span = (date.fromisocalendar(start_year, first, 1), date.fromisocalendar(end_year, last, 7))
            except ValueError:
                self.warn(pos, f"uge {first}-{last} findes ikke i {start_year}")
                continue
            if (span[1] - span[0]).days >= _MAX_HOLIDAY_DAYS:
                self.warn(pos, f"uge {first}-{last} er længere end 10 uger")
                continue
            spans.append(span)
        return spans

    def first_day_of_weeks(
        self, pos: Position, scanned: Scanned, spans: list[tuple[date, date]]
    ) -> tuple[date, date] | None:
        """The weekend day before the weeks, the weeks running on: "uge 52-53 | fri fra lørdag den 19.
        december" is 19 December to the weeks' last Sunday, not 19 December alone. (A weekday in the
        week is a day off of its own: "uge 42: mandag 13. oktober" stays one day.)"""
        if len(spans) != 1 or spans[0][0] != spans[0][1] or len(scanned.weeks) != 1:
            return None
        day = spans[0][0]
        reported = len(self.result.warnings)
        weeks = self.week_spans(pos, scanned, day.isocalendar().year)
        del self.result.warnings[reported:]  # a week that cannot be read is reported once, by check_weeks
        if len(weeks) != 1:
            return None
        monday, sunday = weeks[0]
        return (day, sunday) if monday - timedelta(days=2) <= day < monday else None

    def check_weeks(self, pos: Position, scanned: Scanned, spans: list[tuple[date, date]]) -> None:
        """The dates are the precise statement and are kept; a week number that says otherwise is a warning.

        Week and dates agree when every stated week holds a day of the dates and every date lies in
        the weeks, widened by the Saturday before (a holiday starts at the weekend) and the Monday
        after (2. påskedag).
        """
        if not spans:
            return  # the dates were impossible: that is the warning already given
        year = spans[0][0].isocalendar().year  # the week number read in the dates' year
        for first, last, stated in scanned.weeks:
            for monday, sunday in self.week_spans(pos, Scanned(weeks=[(first, last, stated)]), year):
                low, high = monday - timedelta(days=2), sunday + timedelta(days=1)
                weeks_hit = all(
                    any(s <= week_end and week_start <= e for s, e in spans)
                    for week_start, week_end in _weeks_between(monday, sunday)
                )
                if weeks_hit and all(low <= s and e <= high for s, e in spans):
                    continue
                week = f"uge {first}" if first == last else f"uge {first}-{last}"
                used = ", ".join(period_text(s, e) for s, e in spans)
                self.warn(
                    pos,
                    f"ugenummeret passer ikke med datoerne: {week} er {period_text(monday, sunday)},"
                    f" datoerne siger {used}; datoerne er brugt",
                )

    def date_spans(
        self, pos: Position, scanned: Scanned, label_year: int | None = None
    ) -> list[tuple[date, date]]:
        # A range with an unknown month ("13.-17. oktobre") is reported as such and gives nothing.
        groups = [g for g in scanned.groups if not any(a.unknown_month for a in g)]
        if not groups:
            return []
        atoms = [a for g in groups for a in g]
        # "12.-20. oktober", "12. og 13. maj": a bare day borrows the next month, else the month heading's.
        month = None
        for atom in reversed(atoms):
            atom.month = atom.month or month
            month = atom.month
        if self.month is not None:
            for atom in atoms:
                atom.month = atom.month or self.month
        if any(a.month is None for a in atoms):
            self.warn(pos, "dato uden måned")
            return []
        first = atoms[0]
        if self.month is not None and first.numeric and not first.stated_year and first.month != self.month:
            # Under "Maj", "20. 2. Skolefest" is not silently 20 February.
            heading = MONTH_NAMES[self.month - 1]
            self.warn(pos, f"{first.day}.{first.month}. står under overskriften '{heading}'")
            return []
        self.fill_years(pos, atoms, label_year)
        spans: list[tuple[date, date]] = []
        for group in groups:
            try:
                days = [date(a.year, a.month, a.day) for a in group]
            except ValueError:
                written = " – ".join(f"{a.day}.{a.month}.{a.year}" for a in group)
                self.warn(pos, f"datoen findes ikke: {written}")
                continue
            for atom, d in zip(group, days, strict=True):
                if atom.weekday is not None and atom.weekday != d.weekday():
                    self.warn(
                        pos,
                        f"{d:%d.%m.%Y} er en {WEEKDAY_NAMES[d.weekday()]}, ikke {WEEKDAY_NAMES[atom.weekday]}",
                    )
            if days[-1] < days[0]:
                self.warn(pos, f"slutdato {days[-1]:%d.%m.%Y} ligger før startdato {days[0]:%d.%m.%Y}")
                continue
            inferred = not all(a.stated_year for a in group)
            if inferred and days[-1].year > days[0].year and (days[-1] - days[0]).days > _MAX_NEW_YEAR_DAYS:
                self.warn(pos, f"slutdato {days[-1]:%d.%m.} ligger før startdato {days[0]:%d.%m.}")
                continue
            if (days[-1] - days[0]).days >= _MAX_HOLIDAY_DAYS:  # "Skoleår 12.8.2024 - 27.6.2025"
                self.warn(pos, f"perioden {period_text(days[0], days[-1])} er længere end 10 uger")
                continue
            if spans and spans[-1][1] + timedelta(days=1) == days[0]:  # "29. og 30. maj" is one span
                spans[-1] = (spans[-1][0], days[-1])
            else:
                spans.append((days[0], days[-1]))
        return spans

    def past_summer(self, school_year: int) -> bool:
        """The plan has reached the summer holiday that ends the school year: an August below it is the next."""
        periods = self.result.periods
        return bool(periods) and periods[-1].end >= date(school_year + 1, 6, 1)

    def fill_years(self, pos: Position, atoms: list[Atom], label_year: int | None = None) -> None:
        """Give every atom a year, reading the chain as consecutive days in order."""
        if all(a.year is None for a in atoms):
            if label_year is not None:
                atoms[0].year = label_year
            elif self.year is not None:
                atoms[0].year = self.year
            else:
                sy = self.need_school_year(pos)
                atoms[0].year = sy if (atoms[0].month or 0) >= 8 else sy + 1
                if atoms[0].month == 8 and self.past_summer(sy):
                    atoms[0].year = sy + 1  # "Første skoledag efter sommerferien: 10. august", below it
        anchor = next(i for i, a in enumerate(atoms) if a.year is not None)
        for i in range(anchor - 1, -1, -1):  # backwards: an earlier date later in the year is last year
            nxt, atom = atoms[i + 1], atoms[i]
            atom.year = nxt.year - (1 if (atom.month, atom.day) > (nxt.month, nxt.day) else 0)
        for i in range(anchor + 1, len(atoms)):
            prev, atom = atoms[i - 1], atoms[i]
            if atom.year is None:
                atom.year = prev.year + (1 if (atom.month, atom.day) < (prev.month, prev.day) else 0)


def _weeks_between(monday: date, sunday: date) -> list[tuple[date, date]]:
    """The Monday–Sunday weeks from `monday` to `sunday`."""
    weeks = []
    while monday < sunday:
        weeks.append((monday, monday + timedelta(days=6)))
        monday += timedelta(days=7)
    return weeks


def _out_of_season(label: str, start: date, end: date) -> str | None:
    """The holiday a label names, when the period lies outside the time of year it can fall; else None."""
    low = label.lower()
    lead = _LABEL_LEAD.match(low)
    at = lead.end() if lead else 0
    for pattern, name, first, last in _SEASONS:
        if pattern.match(low, at):

            def inside(d: date, first: tuple[int, int] = first, last: tuple[int, int] = last) -> bool:
                md = (d.month, d.day)
                return first <= md <= last if first <= last else md >= first or md <= last

            return None if inside(start) and inside(end) else name
    return None


def _names_only(words: str) -> bool:
    """Words that only name holidays or their days ("2. påskedag", "skærtorsdag og langfredag")."""
    rest = KNOWN_LABEL.sub(" ", words)
    return rest != words and set(rest.split()) <= _BETWEEN_NAMES
