"""Forward-plan rows that name more than one day: a period ("23.-27. marts", "Uge 13-14"), two days
("4./11. marts", "Uge 10 og 11") and a stretch without meetings ("Ingen møder i juli", "Der holdes ikke
møde i uge 42").

The board meets on one weekday (the document's own meeting day, else Wednesday); a period's meetings are
the days of that weekday inside it. A no-meetings sentence closes the days of the plan's own weekday (the one
most of its rows fall on; `forward.py` closes them once the plan is read). Only the labels here are read; the rows are made in `forward.py`.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

from planner.danish import WEEKDAY_ABBREVIATION_PATTERN
from planner.dates import MONTH_NAMES, DateSpan, find_dates, iso_week_span, month_number, parse_day_label
from planner.parse.cells import CELL_CACHE_SIZE, is_closure

DEFAULT_MEETING_WEEKDAY = 2  # Wednesday: the board's day when the document gives no meeting date


def meeting_days(start: date, end: date, weekday: int) -> list[date]:
    """Every `weekday` from `start` to `end`, both included."""
    first = start + timedelta(days=(weekday - start.weekday()) % 7)
    return [first + timedelta(days=7 * k) for k in range((end - first).days // 7 + 1)] if first <= end else []


_WEEKDAY_WORD = r"(?:(?:" + WEEKDAY_ABBREVIATION_PATTERN + r")(?:dag|\.)?\s+)?"
_DAY = _WEEKDAY_WORD + r"(?:d\.\s*|den\s+)?\d{1,2}"
_MONTH = r"[A-Za-zæøåÆØÅ]{3,}\.?(?:\s+\d{4})?"
# "Onsdag 4. og onsdag 11. marts", "4. marts og 11. marts", "4./11. marts", "17/3 og 18/3", "17/3 + 18/3"
_TWO_DAYS = re.compile(
    r"^(?P<a>" + _DAY + r"(?:\.?\s*" + _MONTH + r"|/\d{1,2}(?:[-/.]\d{2,4})?)?\.?)"
    r"(?:\s+(?:og|&|\+)\s+|(?<=\.)\s*/\s*)"
    r"(?P<b>" + _DAY + r"(?:\.\s*" + _MONTH + r"|/\d{1,2}(?:[-/.]\d{2,4})?))$",
    re.IGNORECASE,
)
# "Uge 10 og 11", "Uge 10 + uge 11", "Uge 10/11" (in a column of weeks also "10 og 11")
_TWO_WEEKS = re.compile(r"^(uge\s*)?(\d{1,2})\s*(?:og|&|\+|/)\s*(?:uge\s*)?(\d{1,2})$", re.IGNORECASE)
# "23.-27. marts", "30. marts – 3. april", "23/3-27/3", "Mandag 23. – fredag 27. marts"
_PERIOD = re.compile(
    r"^(?P<a>" + _DAY + r"(?:\.?\s*" + _MONTH + r"|/\d{1,2})?\.?)"
    r"\s*(?:[-–—]|til)\s*"
    r"(?P<b>" + _DAY + r"(?:\.\s*" + _MONTH + r"|/\d{1,2}(?:[-/.]\d{2,4})?))$",
    re.IGNORECASE,
)
_DAY_NUMBER = re.compile(r"\d{1,2}")
_BARE_DAY = re.compile(_DAY + r"\.?", re.IGNORECASE)  # "4.", "onsdag 4.": a day without its month


def _complete(first: str, second: str) -> str:
    """ "4." of "4. og 11. marts" -> "4. marts": the first day borrows the month (and year) the second names."""
    if not _BARE_DAY.fullmatch(first):
        return first  # "4. marts" names its own month
    tail = second[_DAY_NUMBER.search(second).end() :]  # type: ignore[union-attr]
    return first.rstrip(".") + tail if tail.startswith("/") else f"{first.rstrip('.')}. {tail.lstrip('. ')}"


def two_days(label: str, weeks: bool = False) -> tuple[str, str] | None:
    """The two day labels of a label naming two meetings ("4./11. marts" -> ("4. marts", "11. marts");
    "Uge 10 og 11" -> ("uge 10", "uge 11")); None for any other label. `weeks`: the label stands in a
    column of weeks, where "10 og 11" are weeks too."""
    m = _TWO_WEEKS.match(label) if label[:1] in "Uu" or (weeks and label[:1].isdigit()) else None
    if m and (weeks or m.group(1)):
        return f"uge {m.group(2)}", f"uge {m.group(3)}"
    m = _TWO_DAYS.match(label) if label[:1].isalnum() else None
    return _days(m) if m else None


def period(label: str) -> tuple[str, str] | None:
    """The first and last day of a period label ("23.-27. marts" -> ("23. marts", "27. marts")); None for
    any other label."""
    m = _PERIOD.match(label) if label[:1].isalnum() else None
    return _days(m) if m else None


def _days(m: re.Match) -> tuple[str, str] | None:
    """Both days of a match of `_TWO_DAYS` or `_PERIOD`, when both are days ("1.-3. klasse" is none)."""
    first, second = _complete(m.group("a"), m.group("b")), m.group("b")
    return (first, second) if parse_day_label(first) and parse_day_label(second) else None


# A sentence that says the board does not meet: "Ingen møder i juli", "Intet møde i uge 29-31",
# "Sommerferie – ingen møder 1.-31. juli", "Der holdes ikke møde i uge 42", "Møderne i juli er aflyst".
_NO_MEETINGS = re.compile(
    r"^(?:(?P<lead>[^\d:–—(]{1,40}?)\s*[–—:,-]\s*)?"
    r"(?:(?:der|direktionen)\s+(?:(?:af)?holdes|(?:af)?holder|er|har)\s+(?:ikke|ingen)\s+(?:noget\s+)?"
    r"|ingen\s+|intet\s+)(?:direktions)?møder?(?:ne)?\b(?P<rest>.*)$"
    r"|^(?:direktions)?møderne(?P<rest2>.*?)\s+(?:er\s+)?aflyst\s*\.?$",
    re.IGNORECASE,
)


# A closure that says only that there is no meeting ("Ingen møder", "Aflyst"), not which holiday it is
_ONLY_NO_MEETING = re.compile(
    r"^(?:(?:ingen|intet)\s+(?:direktions)?møder?|mødefri|(?:(?:direktions)?møde(?:t|rne)?\s+(?:er\s+)?)?aflyst)$",
    re.IGNORECASE,
)


def says_no_meeting(closure: str) -> bool:
    """ "Ingen møder", "Aflyst": a closure of every meeting of its row's stretch ("Juli | Ingen møder"); a
    holiday's name ("Efterårsferie") says which days only with its dates."""
    return bool(_ONLY_NO_MEETING.match(closure.strip(" .")))


_LONGEST_NOTE = 120  # a note, not a paragraph of prose
_NOTE_LEADS = frozenset({"bemærk", "nb", "n.b.", "obs", "obs.", "note"})


def _may_say_no_meetings(lowered: str) -> bool:
    """A cheap screen: every sentence `_NO_MEETINGS` reads holds "møde" and a word of denial."""
    return "møde" in lowered and (
        "ingen" in lowered or "intet" in lowered or "ikke" in lowered or "aflyst" in lowered
    )


def no_meetings(text: str) -> str | None:
    """What follows "Ingen møder" in a sentence that says the board does not meet (" i juli", " i uge 42");
    None for any other text."""
    if "øde" not in text or len(text) > _LONGEST_NOTE or not _may_say_no_meetings(text.lower()):
        return None
    m = _NO_MEETINGS.match(text.strip())
    if m is None:
        return None
    lead = m.group("lead")
    if lead and not (is_closure(lead) or lead.lower() in _NOTE_LEADS):
        return None  # "Økonomiudvalget: ingen møder i juli" is another body's
    return m.group("rest") if m.group("rest") is not None else m.group("rest2")


_MONTH_WORDS = re.compile(r"\b(" + "|".join(MONTH_NAMES) + r")\b(?:\s+(\d{4}))?", re.IGNORECASE)
# Words before a reason, after the extent: "Ingen møder i juli (sommerferie)", "… uge 42 pga. efterårsferie",
# "… i juli - sommerferie"; a dash before a day is the extent's own ("22. december - 7. januar").
_REASON = re.compile(
    r"\(|\bpga\.|\bpå grund af\b|\bgrundet\b|\s[–—-]\s(?!\s*(?:d\.\s*|den\s+)?\d)", re.IGNORECASE
)


# The words between a no-meetings sentence's dates: "i uge 29-31", "fra 1. til 31. juli", "i juli og august".
_EXTENT_WORDS = frozenset(
    {
        "i",
        "fra",
        "til",
        "og",
        "&",
        "+",
        "d",
        "den",
        "uge",
        "ugerne",
        "perioden",
        "måned",
        "måneden",
        "månederne",
        "-",
        "–",
    }
)
_NUMBERS = re.compile(r"[\d./–-]+")
_LIST_JOIN = r"\s*(?:,|\bog\b|&|\+)\s*"
# "uge 51, 52 og 1", "ugerne 28-29 og 31": each week named ("uge 51 og uge 52 og uge 1"), as `find_dates` reads
_WEEK_LIST = re.compile(
    r"\bug(?:e|erne)\s+(\d{1,2}(?:\s*[-–]\s*\d{1,2})?(?:"
    + _LIST_JOIN
    + r"\d{1,2}(?:\s*[-–]\s*\d{1,2})?)+)\b",
    re.IGNORECASE,
)
# "14. og 21. januar", "7., 14. og 21. januar", "14./21. januar": each day with its month
_DAY_LIST = re.compile(
    r"\b(\d{1,2}\.(?:(?:" + _LIST_JOIN + r"|\s*/\s*)\d{1,2}\.)+)\s*(" + "|".join(MONTH_NAMES) + r")\b",
    re.IGNORECASE,
)
_LIST_NUMBER = re.compile(r"\d{1,2}(?:\s*[-–]\s*\d{1,2})?")
_WEEK_NUMBER = re.compile(r"\d{1,2}")
_PERIOD_JOIN = frozenset({"til", "-", "–", "—"})  # "fra 24. juni til 5. august", "22/12-4/1"


def _listed(extent: str) -> str:
    """ "uge 52 og 1" -> "uge 52 og uge 1", "14. og 21. januar" -> "14. januar og 21. januar": a list's
    members each written in full, so each is read (not the last alone)."""
    if (
        "," not in extent
        and "og" not in extent
        and "&" not in extent
        and "+" not in extent
        and "/" not in extent
    ):
        return extent
    extent = _WEEK_LIST.sub(
        lambda m: " og ".join("uge " + n for n in _LIST_NUMBER.findall(m.group(1))), extent
    )
    return _DAY_LIST.sub(
        lambda m: " og ".join(f"{n}. {m.group(2)}" for n in re.findall(r"\d{1,2}", m.group(1))), extent
    )


@lru_cache(maxsize=CELL_CACHE_SIZE)  # asked of every row's points; a series of agendas rolls them on weekly
def says_no_meetings(points: tuple[str, ...]) -> bool:
    """Whether one of a cell's points is a no-meetings sentence ("Ingen møder i uge 34-35")."""
    return any(no_meetings(p) is not None for p in points)


def names_time(rest: str) -> bool:
    """Whether the words after "Ingen møder" speak of when (a month, a week, a date), not of whom."""
    return bool(_MONTH_WORDS.search(rest)) or "uge" in rest.lower() or any(ch.isdigit() for ch in rest)


def closure_extent(rest: str, place: date | None) -> list[tuple[date, date]]:
    """The periods a no-meetings sentence covers: dates and weeks ("1.-31. juli", "uge 29-31", "uge 52 og
    1", "14. og 21. januar", "22/12-4/1") and whole months ("i juli", "i juli og august"), each in the first
    year at or after `place` (where the sentence stands in the plan: the row above it, else the meeting);
    [] when it names none, or when any part of it cannot be read (never part of it read, the rest dropped)."""
    if place is None:
        return []
    cut = _REASON.search(rest)
    extent = rest[: cut.start()] if cut and cut.start() > 0 else rest
    for token in extent.split():
        word = token.strip(".,:;").lower()
        if word and word not in _EXTENT_WORDS and month_number(word) is None and not _NUMBERS.fullmatch(word):
            return []  # "i Økonomiudvalget", "i sommerferien": not a stretch of the board's own meetings
    extent = _listed(extent)
    spans, problems = find_dates(extent, place, bias="future")
    if problems:
        return []  # a day or week that could not be read: the extent is unclear, never guessed
    items: list[tuple[int, int, date, date]] = []
    for span in spans:
        later = _at_or_after(span, place)
        if later is None:
            return []
        items.append((span.pos, span.endpos, *later))
    for m in _MONTH_WORDS.finditer(extent):
        if any(a <= m.start() < b for a, b, _, _ in items):
            continue  # the month of a day ("22. december")
        month = month_number(m.group(1))
        if month is None:
            return []
        first = date(int(m.group(2)) if m.group(2) else place.year, month, 1)
        if not m.group(2) and _month_end(first) < place:
            first = first.replace(year=first.year + 1)  # "i januar" in a December plan is next January
        items.append((m.start(), m.end(), first, _month_end(first)))
    items.sort()
    unread = list(extent)
    for a, b, _, _ in items:
        unread[a:b] = " " * (b - a)
    if any(ch.isdigit() for ch in unread):
        return []  # a number nobody read ("Ingen møder 14. og 2x. januar"): unclear, never part of it guessed
    out: list[tuple[date, date]] = []
    for k, (pos, _, start, end) in enumerate(items):
        if k and extent[items[k - 1][1] : pos].strip() in _PERIOD_JOIN:
            first_day = out[-1][0]
            if end < first_day:
                return []  # "fra 5. januar til 20. december": ends before it starts
            out[-1] = (first_day, end)
        else:
            out.append((start, end))
    return out


def _at_or_after(span: DateSpan, place: date) -> tuple[date, date] | None:
    """A span's days in the first year that ends at or after `place` ("uge 28-31" below "16. juni" of next
    year is next year's); a year written stays. None when that year has no such day (29 February, week 53)."""
    if span.explicit_year or span.end >= place:
        return span.start, span.end
    try:
        if span.fuzzy == "uge":
            weeks = [int(n) for n in _WEEK_NUMBER.findall(span.text)]  # "uge 28-31": no year written
            first, last = weeks[0], weeks[-1]
            year = span.start.isocalendar().year + 1
            return iso_week_span(first, year)[0], iso_week_span(last, year if last >= first else year + 1)[1]
        return span.start.replace(year=span.start.year + 1), span.end.replace(year=span.end.year + 1)
    except ValueError:
        return None


def _month_end(first: date) -> date:
    """The last day of `first`'s month."""
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])
