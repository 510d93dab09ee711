"""Danish calendar knowledge: public holidays, no-meeting days, school holidays.

Law-defined days come from the `holidays` package (it knows Easter and that
store bededag was abolished from 2024); municipal habits come from a
human-editable TOML file (`planner/data/calendar/norddjurs.toml`) whose rules are
short declarations, in the spirit of the `holidays` package itself.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Final

import holidays

from planner.calendar.periods import Period
from planner.calendar.rhythm import MeetingRhythm, rhythm_from_mapping
from planner.errors import PlannerError
from planner.settings import BUNDLED_CALENDAR

DEFAULT_CONFIG: Final = BUNDLED_CALENDAR  # package data: found by any install, editable or not

# Key -> (name in the package's OPTIONAL category with language="da", our label).
# The package already models these days, so we only pick and relabel them.
NO_MEETING_DAYS: Final = {
    "juleaftensdag": ("Juleaftensdag", "Juleaftensdag"),
    "nytaarsaftensdag": ("Nytårsaften", "Nytårsaftensdag"),
    "grundlovsdag": ("Grundlovsdag", "Grundlovsdag"),
    "1_maj": ("Arbejdernes kampdag", "1. maj"),
}
DEFAULT_NO_MEETING_DAYS: Final = frozenset({"juleaftensdag", "nytaarsaftensdag", "grundlovsdag"})

_EASTER_NAME: Final = "Påskedag"


class CalendarConfigError(PlannerError, ValueError):
    """A config file rule that cannot be used; the message names file and rule."""


# --- Law: public holidays ---------------------------------------------------


def _dk_holidays(years: Iterable[int], optional: bool = False) -> holidays.HolidayBase:
    categories = (holidays.OPTIONAL,) if optional else (holidays.PUBLIC,)
    return holidays.country_holidays("DK", years=sorted(set(years)), categories=categories, language="da")


def _named(calendar: Mapping[date, str]) -> list[tuple[date, str]]:
    # The package joins two holidays on one date with "; ".
    return sorted((d, name) for d, names in calendar.items() for name in names.split("; "))


def public_holidays(years: Iterable[int]) -> list[Period]:
    return [
        Period(label=name, start=d, end=d, kind="public_holiday", source="holidays")
        for d, name in _named(_dk_holidays(years))
    ]


def easter_sundays(years: Iterable[int]) -> dict[int, date]:
    """Easter Sunday per year, read from the package's "Påskedag" entry."""
    wanted = sorted(set(years))
    found = {d.year: d for d, name in _named(_dk_holidays(wanted)) if name == _EASTER_NAME}
    missing = [y for y in wanted if y not in found]
    if missing:
        raise LookupError(f"holidays-pakken gav ingen '{_EASTER_NAME}' for {missing}")
    return found


def no_meeting_days(years: Iterable[int], enabled: set[str] | frozenset[str] | None = None) -> list[Period]:
    """Fixed days off that are not public holidays; `enabled` None means the default set."""
    keys = DEFAULT_NO_MEETING_DAYS if enabled is None else frozenset(enabled)
    unknown = keys - NO_MEETING_DAYS.keys()
    if unknown:
        raise ValueError(f"ukendte mødefri dage {sorted(unknown)}; kendte: {sorted(NO_MEETING_DAYS)}")
    wanted = {NO_MEETING_DAYS[k][0]: NO_MEETING_DAYS[k][1] for k in keys}
    return [
        Period(label=wanted[name], start=d, end=d, kind="no_meeting_day", source="holidays")
        for d, name in _named(_dk_holidays(years, optional=True))
        if name in wanted
    ]


# --- Municipal habit: school holiday rules ----------------------------------


@dataclass(frozen=True)
class MonthDay:
    month: int
    day: int

    def on(self, year: int, easter: date) -> date | None:
        return date(year, self.month, self.day)


@dataclass(frozen=True)
class WeekDay:
    week: int
    isoweekday: int  # 1 = Monday … 7 = Sunday

    def on(self, year: int, easter: date) -> date | None:
        try:
            return date.fromisocalendar(year, self.week, self.isoweekday)
        except ValueError:  # week 53 only exists in some years
            return None


@dataclass(frozen=True)
class EasterOffset:
    days: int

    def on(self, year: int, easter: date) -> date | None:
        return easter + timedelta(days=self.days)


Anchor = MonthDay | WeekDay | EasterOffset


@dataclass(frozen=True)
class SchoolHolidayRule:
    label: str
    start: Anchor
    end: Anchor

    def period(self, year: int, easter: dict[int, date], source: str) -> Period | None:
        """The holiday that begins in `year`; an end before the start rolls into next year."""
        start = self.start.on(year, easter[year])
        end = self.end.on(year, easter[year])
        if start is None or end is None:
            return None
        if end < start:
            end = self.end.on(year + 1, easter[year + 1])
            if end is None:
                return None
        return Period(label=self.label, start=start, end=end, kind="school_holiday", source=source)


@dataclass(frozen=True)
class CalendarConfig:
    name: str  # file stem, used in Period.source ("config:norddjurs")
    school_holidays: tuple[SchoolHolidayRule, ...]
    no_meeting_days: frozenset[str]
    rhythm: MeetingRhythm

    @property
    def source(self) -> str:
        return f"config:{self.name}"


_MONTH_DAY = re.compile(r"(\d{2})-(\d{2})")
_WEEK_DAY = re.compile(r"W(\d{1,2})-([1-7])")


def _anchor(value: object, where: str) -> Anchor:
    text = value.strip() if isinstance(value, str) else ""
    if m := _MONTH_DAY.fullmatch(text):
        month, day = int(m[1]), int(m[2])
        try:
            date(2024, month, day)  # a leap year, so "02-29" is allowed
        except ValueError:
            raise CalendarConfigError(f"{where}: {value!r} er ikke en gyldig dato") from None
        return MonthDay(month, day)
    if (m := _WEEK_DAY.fullmatch(text)) and 1 <= int(m[1]) <= 53:
        return WeekDay(int(m[1]), int(m[2]))
    raise CalendarConfigError(f"{where}: {value!r} skal skrives 'MM-DD' eller 'Wuu-d' (fx 'W26-6')")


def _rule(raw: object, where: str) -> SchoolHolidayRule:
    if not isinstance(raw, dict):
        raise CalendarConfigError(f"{where}: skal være en tabel med label og en regel")
    label = raw.get("label")
    if not isinstance(label, str) or not label.strip():
        raise CalendarConfigError(f"{where}: mangler 'label'")
    where = f"{where} ({label})"
    kinds = [k for k in ("week", "easter_offset", "from") if k in raw]
    unknown = set(raw) - {"label", "week", "easter_offset", "from", "to"}
    if unknown:
        raise CalendarConfigError(f"{where}: ukendte nøgler {sorted(unknown)}")
    if len(kinds) != 1 or ("to" in raw) != ("from" in raw):
        raise CalendarConfigError(f"{where}: brug præcis én af 'week', 'easter_offset' eller 'from'+'to'")
    if "week" in raw:
        week = raw["week"]
        if not isinstance(week, int) or isinstance(week, bool) or not 1 <= week <= 53:
            raise CalendarConfigError(f"{where}: 'week' skal være et ugenummer 1–53, fik {week!r}")
        return SchoolHolidayRule(label, WeekDay(week, 1), WeekDay(week, 7))
    if "easter_offset" in raw:
        offset = raw["easter_offset"]
        if not (
            isinstance(offset, list)
            and len(offset) == 2
            and all(isinstance(x, int) and not isinstance(x, bool) for x in offset)
            and offset[0] <= offset[1]
        ):
            raise CalendarConfigError(f"{where}: 'easter_offset' skal være [fra, til] i dage, fik {offset!r}")
        return SchoolHolidayRule(label, EasterOffset(offset[0]), EasterOffset(offset[1]))
    return SchoolHolidayRule(label, _anchor(raw["from"], f"{where} from"), _anchor(raw["to"], f"{where} to"))


def load_config(config_path: Path | str = DEFAULT_CONFIG) -> CalendarConfig:
    path = Path(config_path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CalendarConfigError(f"{path}: kan ikke læses ({exc.strerror})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise CalendarConfigError(f"{path}: ugyldig TOML: {exc}") from exc

    rules_raw = raw.get("school_holidays", [])
    if not isinstance(rules_raw, list):
        raise CalendarConfigError(f"{path}: 'school_holidays' skal skrives som [[school_holidays]]-blokke")
    rules = tuple(_rule(r, f"{path}: school_holidays[{i + 1}]") for i, r in enumerate(rules_raw))

    toggles = raw.get("no_meeting_days", {})
    unknown = set(toggles) - NO_MEETING_DAYS.keys()
    if unknown or not all(isinstance(v, bool) for v in toggles.values()):
        raise CalendarConfigError(
            f"{path}: no_meeting_days: brug true/false for {sorted(NO_MEETING_DAYS)}"
            + (f"; ukendte: {sorted(unknown)}" if unknown else "")
        )
    enabled = frozenset(k for k in NO_MEETING_DAYS if toggles.get(k, k in DEFAULT_NO_MEETING_DAYS))

    try:
        rhythm = rhythm_from_mapping(raw.get("meeting_rhythm", {}))
    except ValueError as exc:
        raise CalendarConfigError(f"{path}: {exc}") from exc
    return CalendarConfig(path.stem, rules, enabled, rhythm)


def school_holidays(years: Iterable[int], config_path: Path | str = DEFAULT_CONFIG) -> list[Period]:
    """Config school holidays touching any of `years` (last year's juleferie reaches into January)."""
    config = load_config(config_path)
    return school_holidays_from(years, config)


def school_holidays_from(years: Iterable[int], config: CalendarConfig) -> list[Period]:
    wanted = set(years)
    if not wanted:
        return []
    anchors = range(min(wanted) - 1, max(wanted) + 1)
    easter = easter_sundays(range(min(anchors), max(anchors) + 2))
    found = {
        p
        for year in anchors
        for rule in config.school_holidays
        if (p := rule.period(year, easter, config.source)) is not None
        and any(p.start.year <= y <= p.end.year for y in wanted)
    }
    return sorted(found, key=_order)


# --- Putting sources together -----------------------------------------------

# Spellings of the same holiday across the config, ferieplans and minutes.
_SAME_HOLIDAY: Final = (
    ("vinter", "vinterferie"),
    ("efterår", "efterårsferie"),
    ("høstferie", "efterårsferie"),
    ("juleaften", "juleaftensdag"),  # before "jul": christmas eve is not the whole holiday
    ("jul", "juleferie"),
    ("påske", "påskeferie"),
    ("sommer", "sommerferie"),
    ("pinse", "pinse"),
    ("himmelfart", "kristi himmelfart"),
    ("bededag", "store bededag"),
    ("grundlov", "grundlovsdag"),
    ("nytår", "nytår"),
)


def holiday_key(label: str) -> str:
    """A canonical key so "Kr. Himmelfart" and "Kristi himmelfartsferie" compare equal."""
    text = " ".join(label.lower().split())
    if re.match(r"1\.?\s*maj|arbejdernes kampdag", text):
        return "1. maj"
    return next((key for stem, key in _SAME_HOLIDAY if stem in text), text)


def merge_closures(config_periods: Iterable[Period], document_periods: Iterable[Period]) -> list[Period]:
    """Config periods plus document periods, documents winning for their holiday.

    A config period is dropped when a document period names the same holiday
    (see `holiday_key`) and either overlaps it or starts in the same year —
    a ferieplan moving efterårsferie to uge 43 replaces the config's uge 42.
    A row of the Direktion's own forward plan (source "document:") lying inside
    the config period only confirms it: "Vinterferie" on one Wednesday says that
    meeting falls in the holiday, not that the holiday is one day long. A
    published ferieplan, by contrast, states the holiday itself and replaces it.
    Public holidays are law, so no document can remove them.
    """
    documents = list(document_periods)
    # Each label's key once, not once per pair: ten years of documents give thousands of pairs.
    by_key: dict[str, list[Period]] = {}
    for d in documents:
        by_key.setdefault(holiday_key(d.label), []).append(d)

    def replaced(c: Period) -> bool:
        return any(
            (c.overlaps(d) or c.start.year == d.start.year)
            and not (d.source.startswith("document:") and c.start <= d.start and d.end <= c.end)
            for d in by_key.get(holiday_key(c.label), ())
        )

    kept = [c for c in config_periods if c.kind == "public_holiday" or not replaced(c)]
    return sorted({*kept, *documents}, key=_order)


def all_closures(
    years: Iterable[int],
    config_path: Path | str = DEFAULT_CONFIG,
    document_periods: Iterable[Period] = (),
    no_meeting: set[str] | frozenset[str] | None = None,
) -> list[Period]:
    """Everything that can close a Direktion meeting day in `years`.

    `no_meeting` None uses the config file's [no_meeting_days] toggles.
    """
    wanted = sorted(set(years))
    config = load_config(config_path)
    enabled = config.no_meeting_days if no_meeting is None else no_meeting
    configured = school_holidays_from(wanted, config) + no_meeting_days(wanted, enabled)
    merged = merge_closures(configured, document_periods)
    return sorted({*public_holidays(wanted), *merged}, key=_order)


def closures_on(d: date, periods: Iterable[Period]) -> list[Period]:
    """All closing periods covering `d`, the most authoritative first."""
    return sorted((p for p in periods if p.closes and p.contains(d)), key=_authority)


def closure_on(d: date, periods: Iterable[Period]) -> Period | None:
    """The period that explains why `d` is closed, or None when it is open.

    A document row beats law and config (it is what was actually decided),
    law beats config, and a short period beats a long one so "Grundlovsdag"
    is reported rather than the surrounding school holiday.
    """
    found = closures_on(d, periods)
    return found[0] if found else None


def is_closed(d: date, periods: Iterable[Period]) -> bool:
    return closure_on(d, periods) is not None


def closures_between(first: date, last: date, periods: Iterable[Period]) -> list[Period]:
    """Closing periods that touch [first, last], in date order."""
    return sorted((p for p in periods if p.closes and p.start <= last and p.end >= first), key=_order)


def _authority(p: Period) -> tuple[int, int, str]:
    rank = 0 if p.from_document else 1 if p.source == "holidays" else 2
    return rank, p.days, p.label


def _order(p: Period) -> tuple[date, date, str, str]:
    return p.start, p.end, p.label, p.source
