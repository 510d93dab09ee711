"""Danish date and time expressions as small pure functions.

Every function takes text and a reference date (the document's own meeting
date) and returns spans; nothing here reads files or the clock. Years that a
text leaves out are inferred from the reference date.
"""

from __future__ import annotations

import re
from datetime import date, time, timedelta
from functools import lru_cache
from typing import NamedTuple

from planner.danish import (  # also re-exported here
    MONTH_NAMES,
    MONTHS,
    WEEKDAY_NAMES,
    WEEKDAYS,
    regex_casefold,
    words_pattern,
)

FUZZY_PARTS = {"primo": (1, 10), "medio": (11, 20), "ultimo": (21, 31)}

_MONTH_WORD = r"[A-Za-zÆØÅæøå]+"
_DASH = r"\s*[-–—]\s*"
_WEEKDAY = r"(?:(?P<weekday>" + words_pattern(WEEKDAY_NAMES) + r")\s+)?"
_PREFIX = r"(?:(?:d\.|den)\s*)?"
# What a match of a pattern that opens with `_WEEKDAY` and `_PREFIX` starts with: a weekday's or "d."'s first
# letter, or the day. Put first, it lets the regex engine pass over every other position at the cost of one
# character test (it would otherwise try each weekday at every position of a text, case-insensitively).
_LEAD_START = "(?=[" + "".join(sorted({w[0] for w in WEEKDAY_NAMES} | {"d"})) + r"\d])"

# Order matters: ranges before single dates, so "27.-28. januar" is one span.
_RANGE_TEXT = re.compile(
    _LEAD_START
    + _WEEKDAY
    + _PREFIX
    + r"(?<![\d.,/])(?P<d1>\d{1,2})\.?(?:\s*(?P<m1>"
    + _MONTH_WORD
    + r")\.?)?(?:\s+(?P<y1>\d{4}))?"
    + _DASH
    + r"(?:(?:d\.|den)\s*)?(?P<d2>\d{1,2})\.?\s*(?P<m2>"
    + _MONTH_WORD
    + r")\.?(?:\s+(?P<y2>\d{4}))?",
    re.IGNORECASE,
)
# "7. august", "Onsdag den 7. august 2024", and without the dot "9 januar" (siblings write it).
_SINGLE_TEXT = re.compile(
    _LEAD_START
    + _WEEKDAY
    + _PREFIX
    + r"(?<![\d.,/])(?P<d>\d{1,2})(?P<sep>\.\s*|\s+)(?P<m>"
    + _MONTH_WORD
    + r")\b\.?(?:\s+(?P<y>\d{4})\b)?",
    re.IGNORECASE,
)
# The numeric patterns open with the day's first digit and look behind it from there ("\d(?<![\d/]\d)" is
# "(?<![\d/])\d"): a pattern that opens with a digit is skipped to it by the regex engine, one that opens
# with a look-behind is tried at every position.
_SLASH = re.compile(r"(?P<d>\d(?<![\d/]\d)\d?)/(?P<m>\d{1,2})(?![\d/])(?:[ .-](?P<y>\d{4}|\d{2})(?!\d))?")
_DASHED = re.compile(r"(?P<d>\d(?<![\d-]\d)\d?)-(?P<m>\d{1,2})-(?P<y>\d{4})(?![\d-])")
# "15-maj-2002" and "15. maj-2002": day, month word and year joined by dashes.
_DASHED_WORD = re.compile(
    r"(?P<d>\d(?<![\d-]\d)\d?)\.?-(?P<m>[A-Za-zÆØÅæøå]{3,9})\.?-(?P<y>\d{4}|\d{2})(?![\d-])"
)
# Month first, as some templates write it: "Januar 20.", "januar 20., 2020".
_MONTH_FIRST = re.compile(
    r"(?<![\w.])(?P<m>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+(?P<d>\d{1,2})\.(?!\d)"
    r"(?:,?\s+(?P<y>\d{4})(?!\d))?",
    re.IGNORECASE,
)
_DOTTED = re.compile(r"(?P<d>\d(?<![\d.]\d)\d?)\.(?P<m>\d{1,2})\.(?P<y>\d{4}|\d{2})(?![\d.])")
# "d. 15.1", "den 3.2.": day and month with a period and no year, only after "d." or "den" (alone "15.1" is a
# section's number or a version). Its year is the one the date's context gives, as for "15/1".
_DOTTED_SHORT = re.compile(
    r"(?P<d>\d(?:(?<=\bd\. \d)|(?<=\bd\.\d)|(?<=\bden \d))\d?)\.(?P<m>\d{1,2})(?!\d)(?!\.\d)\.?(?P<y>(?!))?",
    re.IGNORECASE,
)
_WEEK = re.compile(
    r"\buge\s+(?P<w>\d{1,2})(?:\s*[-–]\s*(?P<w2>\d{1,2}))?(?:\s+(?P<y>\d{4}))?\b", re.IGNORECASE
)
_FUZZY = re.compile(
    r"\b(?P<part>primo|medio|ultimo)\s+(?P<m>" + _MONTH_WORD + r")\.?(?:\s+(?P<y>\d{4}))?", re.IGNORECASE
)


# The same patterns from the day on. A pattern that opens with optional words ("onsdag den") is tried at
# every position of a text; these open with a digit, which the regex engine skips to directly. They find
# where the day of the next match stands; `_lead` then reads back where its lead begins.
_RANGE_FROM_DAY = re.compile(
    r"\d(?<![\d.,/]\d)\d?\.?(?:\s*"
    + _MONTH_WORD
    + r"\.?)?(?:\s+\d{4})?"
    + _DASH
    + r"(?:(?:d\.|den)\s*)?\d{1,2}\.?\s*"
    + _MONTH_WORD
    + r"\.?(?:\s+\d{4})?",
    re.IGNORECASE,
)
# With the groups of `_SINGLE_TEXT`'s day, which `_take_single_days` reads from it.
_SINGLE_FROM_DAY = re.compile(
    r"(?P<d>\d(?<![\d.,/]\d)\d?)(?P<sep>\.\s*|\s+)(?P<m>" + _MONTH_WORD + r")\b\.?(?:\s+(?P<y>\d{4})\b)?",
    re.IGNORECASE,
)
# Every `_MONTH_FIRST` match is a month, an optional period, white space and a day of one or two digits with
# its period ("Januar 20."): a text whose lower-cased form holds none is skipped (a month and its year, "marts
# 2024", is not one). Searched for in the reversed text, the pattern opens with the day's period, which the
# regex engine skips to (opened with the months, it was tried at most letters of a text). str.lower() folds
# letters as the regex does, except ı, İ and ſ (which the regex takes for i and s): a text with one of them is
# searched in full.
_MONTH_THEN_DAY_REVERSED = re.compile(
    r"\.(?<!\d\.)\d\d?\s+\.?(?:"
    + "|".join(sorted((name[::-1] for name in MONTHS), key=len, reverse=True))
    + ")"
)


def _unfolded(text: str) -> bool:
    """`text` holds ı, İ or ſ (three substring tests: a text of Latin-1 letters is answered at once)."""
    return "ı" in text or "İ" in text or "ſ" in text


_ANY_DIGIT = re.compile(r"\d")
# Every `_DOTTED` match holds a period before a digit: "d. 5. januar" (two periods, none) is skipped cheaply,
# as a pattern that opens with a literal is searched far faster than one that opens with a digit class.
_DOT_DIGIT = re.compile(r"\.\d")
_FUZZY_WORD = re.compile(r"primo|medio|ultimo", re.IGNORECASE)
# What every match of `_RANGE_TEXT`, `_DASHED` and `_DASHED_WORD` holds (each the pattern's own part).
_DASH_TO_DAY = re.compile(r"[-–—]\s*(?:(?:d\.|den)\s*)?\d", re.IGNORECASE)
# Opened with the dash, which the regex engine skips to (a pattern that opens with \d tries each character).
_DIGIT_DASH_DIGIT = re.compile(r"-(?<=\d-)\d")
_DIGIT_DASH_LETTER = re.compile(r"-(?:(?<=\d-)|(?<=\d\.-))[A-Za-zÆØÅæøå]")


_MONTH_NUMBERS = dict(MONTHS)  # a dict's get is faster than the read-only mapping's, in the scanner's loops


class DateSpan(NamedTuple):
    """A date or a period found in text, with where it stood. (A named tuple: made three times as fast as
    a frozen dataclass; the date caches keep its fields as a plain tuple.)"""

    start: date
    end: date
    pos: int
    endpos: int
    text: str
    fuzzy: str | None = None  # "primo" | "medio" | "ultimo" | "uge"
    explicit_year: bool = False

    @property
    def is_range(self) -> bool:
        return self.end != self.start


class DateProblem(NamedTuple):
    """A date-like text that is not a real date (31. februar, an unknown month)."""

    text: str
    pos: int
    message: str


def month_number(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip("."))


@lru_cache(maxsize=4096)  # a document reads its year-less dates against its own date: they recur
def nearest_year(day: int, month: int, ref: date, bias: str = "nearest") -> int | None:
    """The year that puts day/month closest to `ref`.

    bias="future" prefers dates on or after ref unless more than ~2 months
    before; "past" prefers dates on or before ref.
    """
    best: tuple[int, int] | None = None
    if month == 2 and day == 29:
        day = 28  # choose the year as for the 28th; a 29th in a non-leap year is then reported, not moved
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        delta = (candidate - ref).days
        if bias == "future" and delta < -62:
            delta = abs(delta) + 400
        elif bias == "past" and delta > 62:
            delta += 400
        score = abs(delta)
        if best is None or score < best[0]:
            best = (score, year)
    return best[1] if best else None


def expand_year(y: str | None) -> int | None:
    """'24' -> 2024; a four-digit year is taken as written ('0001' stays year 1 and is then implausible)."""
    if not y:
        return None
    value = int(y)
    return value + 2000 if len(y) <= 2 else value


# Dates further than this from the document's own date are not believed (a typo, a hostile file).
PLAUSIBLE_YEARS_BEFORE = 5
PLAUSIBLE_YEARS_AFTER = 10
_ABSOLUTE_RANGE = (1990, 2100)  # without a reference date


# The years a plan may hold: those the holiday calendar (the `holidays` package) can answer for.
PLAN_YEARS = (2000, 2099)


def outside_plan_years(*dates: date | None) -> str | None:
    """A Danish reason when a date lies outside the years a plan can hold, else None."""
    low, high = PLAN_YEARS
    for d in dates:
        if d is not None and not low <= d.year <= high:
            return f"{d.isoformat()} ligger uden for planens år ({low}–{high})"
    return None


def _plausible_years(ref: date | None) -> tuple[int, int]:
    """The first and last year a date read against `ref` may fall in."""
    return (ref.year - PLAUSIBLE_YEARS_BEFORE, ref.year + PLAUSIBLE_YEARS_AFTER) if ref else _ABSOLUTE_RANGE


def implausible(d: date, ref: date | None) -> str | None:
    """A Danish reason when `d` lies outside the plausible range around `ref`, else None."""
    low, high = _plausible_years(ref)
    if low <= d.year <= high:
        return None
    return f"årstallet {d.year} ligger uden for det plausible interval {low}–{high}"


def _make_date(day: int, month: int, year: int | None, ref: date | None, bias: str) -> date:
    """Build a date; raises ValueError with a Danish-friendly reason."""
    if not 1 <= month <= 12:
        raise ValueError(f"ukendt måned {month}")
    if year is None:
        if ref is None:
            raise ValueError("årstal mangler og kan ikke udledes")
        year = nearest_year(day, month, ref, bias)
        if year is None:
            raise ValueError(f"{day}. {MONTH_NAMES[month - 1]} findes ikke")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"{day}. {MONTH_NAMES[month - 1]} {year} findes ikke") from None


class _Taken:
    """The matches a text holds, each character used by one at most (a bytearray says which are used:
    linear in the text, however many dates it holds)."""

    def __init__(self, size: int):
        self.used = bytearray(size)
        self.found: list[Candidate] = []

    def free(self, m: re.Match) -> bool:
        """No character of `m` is used by an earlier match."""
        start, end = m.span()
        return self.used.find(1, start, end) < 0

    def take(self, kind: int, m: re.Match, detail: object) -> None:
        start, end = m.span()
        self.used[start:end] = b"\x01" * (end - start)
        self.found.append(
            (kind, start, end, (m.group(0), start, end, _group_names(m.re), m.groups()), detail)
        )


def _finditer(full: re.Pattern, from_day: re.Pattern, text: str, backwards: str):
    """The matches of `full.finditer(text)`, exactly, for a pattern made of a lead ("onsdag den ", `_WEEKDAY`
    and `_PREFIX`) and `from_day`: `from_day` finds where the next match's day stands, `_lead` reads back from
    there where its lead begins, and the full pattern is matched there once (searched for, it tried the
    weekdays at every position before the day). `backwards` is the text lower-cased and reversed."""
    if _unfolded(text):  # ı, İ or ſ, which the regex takes for i and s and str.lower() does not
        yield from full.finditer(text)
        return
    pos = 0
    while True:
        day = from_day.search(text, pos)
        if day is None:
            return
        m = full.match(text, _lead(backwards, pos, day.start())[0])
        yield m
        pos = m.end()


# The lead of `_WEEKDAY` and `_PREFIX` written backwards, for the lower-cased text read backwards from a day.
_LEAD_BACKWARDS = re.compile(
    r"(?:\s*(?:\.d|ned))?(?:\s+(?P<weekday>" + "|".join(name[::-1] for name in WEEKDAY_NAMES) + "))?"
)
_WEEKDAY_BACKWARDS = {name[::-1]: name for name in WEEKDAY_NAMES}


def _lead(backwards: str, pos: int, at: int) -> tuple[int, str | None]:
    """Where the leftmost match of `_WEEKDAY` and `_PREFIX` that ends at the day `at` begins, not before `pos`,
    and the weekday it names ("onsdag den 5. maj": "onsdag"'s start and "onsdag"; "5. maj": `at` and None).
    `backwards` is the text lower-cased and reversed: the regex reads the lead case-insensitively, as
    str.lower() does in a text without ı, İ and ſ (`_unfolded`; str.lower() keeps such a text's length). Read
    backwards, the longest lead (the leftmost start) is the pattern's first choice: "d." or "den", then a
    weekday."""
    size = len(backwards)
    lead = _LEAD_BACKWARDS.match(backwards, size - at, size - pos)
    weekday = lead.group("weekday")
    return size - lead.end(), None if weekday is None else _WEEKDAY_BACKWARDS[weekday]


def iso_week_span(week: int, year: int) -> tuple[date, date]:
    monday = date.fromisocalendar(year, week, 1)
    return monday, monday + timedelta(days=6)


def find_dates(
    text: str, ref: date | None, bias: str = "nearest"
) -> tuple[list[DateSpan], list[DateProblem]]:
    """All date expressions in `text`, left to right, and the date-like texts that are wrong."""
    spans, problems = _find_dates(text, ref, bias)
    return list(spans), list(problems)


def dates_in(
    text: str, ref: date | None, bias: str = "nearest"
) -> tuple[tuple[DateSpan, ...], tuple[DateProblem, ...]]:
    """`find_dates` as the tuples its cache keeps, without a copy: for the grammar's hot paths, which read
    the spans and never change them."""
    return _find_dates(text, ref, bias)


# Keyed by the reference date, so in effect one document's memo: a document reads many texts twice (a point,
# then the meetings it names). Kept small, as what it holds are named tuples, which the cycle collector walks
# at every collection; what holds across documents is `_candidates`, by text alone.
@lru_cache(maxsize=1024)
def _find_dates(
    text: str, ref: date | None, bias: str
) -> tuple[tuple[DateSpan, ...], tuple[DateProblem, ...]]:
    return _resolve(_candidates(text), ref, bias)


def clear_date_cache() -> None:
    """Forget every text read so far (a benchmark's repeats must each read from scratch)."""
    _find_dates.cache_clear()
    _candidates.cache_clear()
    parse_day_label.cache_clear()
    nearest_year.cache_clear()
    _looks_like_month.cache_clear()
    read_hours.cache_clear()


# What a date-like match is, once the patterns have been run over a text.
_RANGE, _DAY, _PART, _WEEK_SPAN, _BAD = range(5)


class _Found(NamedTuple):
    """The part of a regex match the resolver reads, made from the plain values `_candidates` keeps: no
    match object and no dict is kept. A tuple holding only strings, numbers and tuples of them is one the
    cycle collector stops walking; one holding a dict (a match's groupdict) it walks at every collection."""

    text: str
    begin: int
    finish: int
    names: tuple[str | None, ...]  # the pattern's group names, by group number - 1 (one shared tuple)
    values: tuple[str | None, ...]  # the match's groups()

    def group(self, name: str | int = 0) -> str | None:
        return self.text if name == 0 else self.values[self.names.index(name)]

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish


@lru_cache(maxsize=64)
def _group_names(pattern: re.Pattern) -> tuple[str | None, ...]:
    by_number = {number: name for name, number in pattern.groupindex.items()}
    return tuple(by_number.get(k) for k in range(1, pattern.groups + 1))


# A single day as `_candidates` keeps it: kind, start, end, the match's text, month, day, the year as written
# (expanded, or None), the weekday it names (casefolded, or None) and its text stripped.
DayCandidate = tuple[int, int, int, str, int, int, int | None, str | None, str]
# A range: kind, start, end, the match's text and the text stripped, the two months, the two days, the two
# years as written (expanded, or None) and whether the first month is written ("5. maj - 6. juni").
RangeCandidate = tuple[int, int, int, str, str, int, int, int, int, int | None, int | None, bool]
# Any other kind: kind, start, end, _Found's fields and a detail (`_Taken.take`).
Candidate = DayCandidate | RangeCandidate | tuple[int, int, int, tuple, object]


@lru_cache(maxsize=32768)
def _candidates(text: str) -> tuple[Candidate, ...]:
    """Every date-like match of `text` that the grammar resolves, in the order it resolves them, each
    character used by one match at most: what a text holds apart from the reference date. A series of
    agendas repeats its texts at other meeting dates, so this, the costly half of a scan, is kept by text.

    A match is kept (its characters taken) exactly when its month is known or its month is a misspelt one
    to report; whether its date then exists depends on the reference date (`_resolve`), but its characters
    are used either way, so no later match depends on the reference date."""
    if not _ANY_DIGIT.search(text) and not _FUZZY_WORD.search(text):
        return ()  # most lines of a document hold no date at all
    taken = _Taken(len(text))
    take = taken.take

    # Each pattern needs a character the text may not have at all: skip those passes cheaply.
    # A range holds a dash before its second day ("22.-23.", "22. – d. 23."), the dashed dates a digit
    # before a dash ("15-05-2002", "15-maj-2002"): a text without one is not searched for them.
    has_range = ("-" in text or "–" in text or "—" in text) and _DASH_TO_DAY.search(text)
    lowered = text.lower()
    backwards = lowered[::-1]
    for m in _finditer(_RANGE_TEXT, _RANGE_FROM_DAY, text, backwards) if has_range else ():
        if not taken.free(m):
            continue
        m2 = month_number(m.group("m2"))
        m1 = month_number(m.group("m1")) if m.group("m1") else m2
        if (m.group("m1") and m1 is None) or m2 is None:
            bad = m.group("m2") if m2 is None else m.group("m1")
            if _looks_like_month(bad):
                take(_BAD, m, f"ukendt måned '{bad}' i '{m.group(0).strip()}'")
            continue
        # Kept as one flat tuple of plain values (`RangeCandidate`), as a day is: no match object is read later.
        start, end = m.span()
        taken.used[start:end] = b"\x01" * (end - start)
        raw = m.group(0)
        d1, written_m1, y1, d2, y2 = m.group("d1", "m1", "y1", "d2", "y2")
        taken.found.append(
            (
                _RANGE,
                start,
                end,
                raw,
                raw.strip(),
                m1,
                m2,
                int(d1),
                int(d2),
                expand_year(y1),
                expand_year(y2),
                bool(written_m1),
            )
        )

    # (matches, the month written as a word, the pattern has a weekday group)
    passes = []
    if _unfolded(text):  # ı, İ or ſ: read by the full pattern (`_lead` reads with str.lower())
        passes.append((_SINGLE_TEXT.finditer(text), True, _SINGLE_TEXT))
    else:
        _take_single_days(text, backwards, taken)
    if text.count(".") >= 2 and _DOT_DIGIT.search(text):
        passes.append((_DOTTED.finditer(text), False, _DOTTED))
    if "/" in text:
        passes.append((_SLASH.finditer(text), False, _SLASH))
    if ("d." in lowered or "den " in lowered) and _DOT_DIGIT.search(text):
        passes.append((_DOTTED_SHORT.finditer(text), False, _DOTTED_SHORT))
    if "-" in text and _DIGIT_DASH_DIGIT.search(text):
        passes.append((_DASHED.finditer(text), False, _DASHED))
    if "-" in text and _DIGIT_DASH_LETTER.search(text):
        passes.append((_DASHED_WORD.finditer(text), True, _DASHED_WORD))
    if _unfolded(text) or _MONTH_THEN_DAY_REVERSED.search(backwards):
        passes.append((_MONTH_FIRST.finditer(text), True, _MONTH_FIRST))
    # The day passes test and mark the used characters themselves, as `_Taken.free` and `take` do: most
    # matches are days, and the two method calls a match cost more than the rest of its reading.
    used, found = taken.used, taken.found
    for matches, is_text, pattern in passes:
        names_weekday = "weekday" in pattern.groupindex
        for m in matches:
            start, end = m.span()
            if used.find(1, start, end) >= 0:
                continue  # a character of it is used by an earlier match
            if is_text:
                month = _MONTH_NUMBERS.get(m.group("m").lower().rstrip("."))  # `month_number`, in the loop
                if month is None:
                    sep = m.groupdict().get("sep")
                    if sep is not None and _looks_like_month(m.group("m")) and ("." in sep or _has_prefix(m)):
                        take(_BAD, m, f"ukendt måned '{m.group('m')}' i '{m.group(0).strip()}'")
                    continue
            else:
                month = int(m.group("m"))
                if not 1 <= month <= 12:
                    continue
            # A single day, kept as one flat tuple of plain values (`DayCandidate`; most matches are days):
            # the resolver needs no more of the match, and each tuple kept is one the cycle collector walks.
            used[start:end] = b"\x01" * (end - start)
            raw, day, year = m.group(0, "d", "y")
            weekday = m.group("weekday") if names_weekday else None
            found.append(
                (
                    _DAY,
                    start,
                    end,
                    raw,
                    month,
                    int(day),
                    expand_year(year),
                    None if weekday is None else regex_casefold(weekday),
                    raw.strip(),
                )
            )

    fuzzy = "primo" in lowered or "medio" in lowered or "ultimo" in lowered
    for m in _FUZZY.finditer(text) if fuzzy else ():
        if not taken.free(m):
            continue
        month = month_number(m.group("m"))
        if month is not None:
            take(_PART, m, month)  # "primo uge 42" is not one: its "uge 42" is a week below

    for m in _WEEK.finditer(text) if "uge" in lowered else ():
        if taken.free(m):
            take(_WEEK_SPAN, m, None)
    return tuple(taken.found)


def _take_single_days(text: str, backwards: str, taken: _Taken) -> None:
    """The `_SINGLE_TEXT` pass of `_candidates`, read from `_SINGLE_FROM_DAY`'s matches and `_lead` without
    the full pattern (matched at each day, its weekdays cost more than the rest of the pass): the same
    candidates, in a text without ı, İ and ſ."""
    used, found = taken.used, taken.found
    size = len(backwards)
    previous = 0
    for day in _SINGLE_FROM_DAY.finditer(text):
        at, end = day.span()
        lead = _LEAD_BACKWARDS.match(backwards, size - at, size - previous)  # `_lead`, without its call
        start = size - lead.end()
        previous = end
        if used.find(1, start, end) >= 0:
            continue  # a character of it is used by an earlier match
        number, _, written, year = day.groups()
        month = _MONTH_NUMBERS.get(written.lower().rstrip("."))
        if month is None:
            if _looks_like_month(written):
                m = _SINGLE_TEXT.match(text, start)  # rare: the full match, as the problem reads it
                if "." in m.group("sep") or _has_prefix(m):
                    taken.take(_BAD, m, f"ukendt måned '{written}' i '{m.group(0).strip()}'")
            continue
        used[start:end] = b"\x01" * (end - start)
        raw = text[start:end]
        weekday = lead.group("weekday")
        found.append(
            (
                _DAY,
                start,
                end,
                raw,
                month,
                int(number),
                None if year is None else int(year),  # four digits: `expand_year` takes them as written
                None if weekday is None else _WEEKDAY_BACKWARDS[weekday],
                raw.strip(),
            )
        )


# DateSpan(...) calls the named tuple's own __new__, a Python function; this makes the same tuple in C.
_new_span = tuple.__new__


def _resolve(
    candidates: tuple[Candidate, ...], ref: date | None, bias: str
) -> tuple[tuple[DateSpan, ...], tuple[DateProblem, ...]]:
    """The dates and periods of a text's matches, read against `ref`; the matches that are no real date
    become problems."""
    if not candidates:
        return (), ()
    spans: list[DateSpan] = []
    problems: list[DateProblem] = []
    low, high = _plausible_years(ref)  # `implausible`'s bounds, once per text
    for candidate in candidates:
        kind = candidate[0]
        if kind == _RANGE:
            _resolve_range(candidate, ref, bias, spans, problems)  # type: ignore[arg-type]
            continue
        if kind != _DAY:
            _resolve_other(candidate, ref, bias, spans, problems)
            continue
        # Most matches are days: resolved here, as `_make_date` does, without a call per day.
        _, start, end, raw, month, day, written, weekday, text = candidate
        year = (
            written if written is not None else None if ref is None else nearest_year(day, month, ref, bias)
        )
        try:
            d = date(year, month, day)  # type: ignore[arg-type]
        except (TypeError, ValueError):  # no year (None) or no such day: `_make_date` says why
            problems.append(
                DateProblem(
                    raw, start, f"ugyldig dato '{text}': {_date_problem(day, month, written, ref, bias)}"
                )
            )
            continue
        if weekday and WEEKDAYS[weekday] != d.weekday():
            named = WEEKDAY_NAMES[d.weekday()]
            problems.append(
                DateProblem(raw, start, f"'{text}': {d.isoformat()} er en {named}, ikke {weekday}")
            )
        if low <= d.year <= high:
            # fuzzy None; explicit_year when the year was written
            spans.append(_new_span(DateSpan, (d, d, start, end, text, None, written is not None)))
        else:
            problems.append(DateProblem(text, start, f"'{text}': {implausible(d, ref)}"))
    if len(spans) > 1:
        spans.sort(key=_span_pos)
    return tuple(spans), tuple(problems)


def _date_problem(day: int, month: int, year: int | None, ref: date | None, bias: str) -> str:
    """Why `_make_date` cannot make this date."""
    try:
        _make_date(day, month, year, ref, bias)
    except ValueError as exc:
        return str(exc)
    raise AssertionError("a date the resolver could not make")


def _span_pos(span: DateSpan) -> int:
    return span.pos


def _resolve_other(
    candidate: Candidate, ref: date | None, bias: str, spans: list[DateSpan], problems: list[DateProblem]
) -> None:
    """A part of a month, a week or a misspelt month (`_resolve`'s matches other than days and ranges)."""
    kind, _, _, fields, detail = candidate

    def add(span: DateSpan) -> None:
        _add_plausible(span, ref, spans, problems)

    def problem(m: _Found, message: str) -> None:
        problems.append(DateProblem(m.group(0), m.start(), message))

    m = _Found._make(fields)
    if kind == _BAD:
        problem(m, detail)  # type: ignore[arg-type]
    elif kind == _PART:
        _resolve_part(m, detail, ref, bias, add, problem)  # type: ignore[arg-type]
    else:
        _resolve_week(m, ref, bias, add, problem)


def _add_plausible(
    span: DateSpan, ref: date | None, spans: list[DateSpan], problems: list[DateProblem]
) -> None:
    """The span, or the problem when it lies outside the plausible years."""
    reason = implausible(span.start, ref) or implausible(span.end, ref)
    if reason:
        problems.append(DateProblem(span.text, span.pos, f"'{span.text}': {reason}"))
    else:
        spans.append(span)


def _resolve_range(
    candidate: RangeCandidate, ref: date | None, bias: str, spans: list[DateSpan], problems: list[DateProblem]
) -> None:
    _, begin, finish, raw, text, m1, m2, d1, d2, y1, y2, month_written = candidate
    try:
        end = _make_date(d2, m2, y2, ref, bias)
        if not month_written and d1 > end.day:
            problems.append(DateProblem(raw, begin, f"periode '{text}' slutter før den starter"))
            return
        year1 = (end.year if (m1, d1) <= (m2, end.day) else end.year - 1) if y1 is None else y1
        start = _make_date(d1, m1, year1, ref, bias)
    except ValueError as exc:
        problems.append(DateProblem(raw, begin, f"ugyldig dato '{text}': {exc}"))
        return
    if start > end:
        problems.append(DateProblem(raw, begin, f"periode '{text}' slutter før den starter"))
        return
    _add_plausible(DateSpan(start, end, begin, finish, text, explicit_year=bool(y2)), ref, spans, problems)


def _resolve_part(m: _Found, month: int, ref: date | None, bias: str, add, problem) -> None:
    first, last = FUZZY_PARTS[m.group("part").lower()]
    year = expand_year(m.group("y")) or (nearest_year(15, month, ref, bias) if ref else None)
    if year is None:
        return
    try:
        last_day = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    except (ValueError, OverflowError):
        problem(m, f"ugyldig dato '{m.group(0).strip()}'")
        return
    add(
        DateSpan(
            date(year, month, first),
            date(year, month, min(last, last_day)),
            m.start(),
            m.end(),
            m.group(0).strip(),
            fuzzy=m.group("part").lower(),
            explicit_year=bool(m.group("y")),
        )
    )


def _resolve_week(m: _Found, ref: date | None, bias: str, add, problem) -> None:
    week, week2 = int(m.group("w")), int(m.group("w2") or m.group("w"))
    year = expand_year(m.group("y"))
    if year is None:
        if ref is None:
            return
        year = _week_year(min(week, 52), ref, bias)  # a week 53 is then checked in that year, never moved
    if week2 < week and week - week2 < 40:
        problem(m, f"ugeperioden '{m.group(0).strip()}' slutter før den starter")
        return
    try:
        start, _ = iso_week_span(week, year)
        _, end = iso_week_span(week2, year if week2 >= week else year + 1)
    except (ValueError, OverflowError):
        problem(m, f"uge {week} findes ikke i {year}")
        return
    add(
        DateSpan(
            start, end, m.start(), m.end(), m.group(0).strip(), fuzzy="uge", explicit_year=bool(m.group("y"))
        )
    )


def _week_year(week: int, ref: date, bias: str) -> int:
    best: tuple[int, int] | None = None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            monday = date.fromisocalendar(year, week, 1)
        except ValueError:
            continue
        delta = (monday - ref).days
        if bias == "future" and delta < -62:
            delta = abs(delta) + 400
        score = abs(delta)
        if best is None or score < best[0]:
            best = (score, year)
    return best[1] if best else ref.year


def _has_prefix(m: re.Match) -> bool:
    return bool(re.match(r"\s*(?:d\.|den)\s", m.group(0), re.IGNORECASE))


@lru_cache(maxsize=4096)
def _looks_like_month(word: str | None) -> bool:
    """A word close to a month name (a typo), which must be reported, not guessed."""
    if not word:
        return False
    w = word.lower().rstrip(".")
    if len(w) < 3:
        return False
    limit = 1 if len(w) <= 5 else 2
    return any(_edit_distance(w, name) <= limit for name in MONTH_NAMES if abs(len(name) - len(w)) <= limit)


def _edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def parse_date(text: str, ref: date | None = None, bias: str = "nearest") -> date | None:
    """The first date in `text`, or None."""
    spans, _ = find_dates(text, ref, bias)
    return spans[0].start if spans else None


# The year of a label may have two digits ("8. jan. 25").
_DAY_LABEL = re.compile(
    r"\s*(?:[A-Za-zæøå]+\.?\s+)?(?:d\.\s*|den\s+)?(\d{1,2})\.?\s*[-]?\s*("
    + _MONTH_WORD
    + r")\.?\s*[-]?\s*(\d{4}|\d{2})?\s*",
    re.IGNORECASE,
)
_DAY_LABEL_MONTH_FIRST = re.compile(
    r"\s*(" + _MONTH_WORD + r")\.?\s+(\d{1,2})\.?,?(?:\s+(\d{4}))?\s*", re.IGNORECASE
)
_DAY_LABEL_NUMERIC = re.compile(
    r"\s*(?:[A-Za-zæøå]+\.?\s+)?(?:d\.\s*|den\s+)?(\d{1,2})(?:[./](\d{1,2})\.?(?:[ ./-]?(\d{4}|\d{2}))?"
    # "04-03-2025": dashes only with the year ("7-8" is a range of weeks, never 7 August)
    r"|-(\d{1,2})-(\d{4}))\s*"
)


# "2025-02-19" (ISO, as systems export dates): only with its year, never a range "2025-26"
_DAY_LABEL_ISO = re.compile(r"\s*(?:[A-Za-zæøå]+\.?\s+)?(?:d\.\s*|den\s+)?((?:19|20)\d\d)-(\d{2})-(\d{2})\s*")


def iso_date(text: str) -> date | None:
    """The date of an ISO label ("2025-02-19", "onsdag 2025-02-19"), or None."""
    m = _DAY_LABEL_ISO.fullmatch(text) if "-" in text else None
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


@lru_cache(maxsize=4096)  # a forward plan's labels ("14. aug.") recur in every agenda
def parse_day_label(label: str) -> tuple[int, int, int | None] | None:
    """Day, month and (when written) year of a forward-plan row label: "14. aug.", "2. jul", "Januar 20.",
    "15-maj-2002", "5/3", "onsdag 5.3.2025". The year of a label without one comes later, from the table."""
    if len(label) > 40:
        return None
    m = _DAY_LABEL.fullmatch(label)
    if m:
        month = month_number(m.group(2))
        return (int(m.group(1)), month, expand_year(m.group(3))) if month else None
    m = _DAY_LABEL_MONTH_FIRST.fullmatch(label)
    if m:
        month = month_number(m.group(1))
        return (int(m.group(2)), month, expand_year(m.group(3))) if month else None
    m = _DAY_LABEL_NUMERIC.fullmatch(label)
    month_digits, year_digits = (
        (m.group(2), m.group(3)) if m and m.group(2) else (m and m.group(4), m and m.group(5))
    )
    if m and 1 <= int(month_digits) <= 12:
        return int(m.group(1)), int(month_digits), expand_year(year_digits)
    iso = iso_date(label) if not m else None
    return (iso.day, iso.month, iso.year) if iso else None


_TIME = re.compile(r"(?<![\d.:/])(?P<h>[01]?\d|2[0-3])[.:](?P<m>[0-5]\d)(?![\d/])")


def parse_time(text: str) -> time | None:
    m = _TIME.search(text)
    return time(int(m.group("h")), int(m.group("m"))) if m else None


# The meeting's hours in a row: "kl. 13.00-15.00", "kl. 9", "13.00 - 15.00", "kl. 13 til 15".
_HOURS = re.compile(
    r"(?:kl\.?|klokken)?\s*(?P<h1>\d{1,2})(?:[.:](?P<m1>\d{2}))?"
    r"(?:\s*(?:[-–]|til)\s*(?:kl\.?\s*)?(?P<h2>\d{1,2})(?:[.:](?P<m2>\d{2}))?)?\s*\.?",
    re.IGNORECASE,
)
_EARLIEST_HOUR = 6  # a meeting before six in the morning is a duration ("0.30") misread, not a time


# Hours written with "kl." ("kl. 13.00-15.00", "klokken 9 til 11") as the named group `hours`, for `read_hours`:
# the header finds them after its date, the forward plan before a row's points.
HOURS_WITH_KL = r"(?P<hours>(?:kl\.?|klokken)\s*\d{1,2}(?:[.:]\d{2})?(?:\s*(?:[-–]|til)\s*(?:kl\.?\s*)?\d{1,2}(?:[.:]\d{2})?)?)"


@lru_cache(maxsize=1024)  # a plan's hours recur ("kl. 9.00-12.00") in every agenda of a series
def read_hours(text: str) -> tuple[time, time | None] | None:
    """The start and end of "kl. 13.00-15.00", "9-12", "kl. 13": None when the text is not (only) hours."""
    m = _HOURS.fullmatch(text.strip())
    if not m:
        return None
    start = _clock(m.group("h1"), m.group("m1"))
    end = _clock(m.group("h2"), m.group("m2")) if m.group("h2") else None
    if start is None or start.hour < _EARLIEST_HOUR or (m.group("h2") and (end is None or end <= start)):
        return None
    return start, end


def _clock(hour: str, minute: str | None) -> time | None:
    h, mm = int(hour), int(minute or 0)
    return time(h, mm) if h <= 23 and mm <= 59 else None


def parse_time_range(text: str) -> tuple[time | None, time | None]:
    """'10.45-11.15' -> (10:45, 11:15); '10.45-' -> (10:45, None); '9.00' -> (9:00, None)."""
    found = list(_TIME.finditer(text))
    if not found:
        return None, None
    start = time(int(found[0].group("h")), int(found[0].group("m")))
    end = None
    if len(found) > 1 and re.match(r"\s*[-–]\s*$", text[found[0].end() : found[1].start()]):
        end = time(int(found[1].group("h")), int(found[1].group("m")))
    return start, end


# --- Danish formatting for the UI ------------------------------------------------------------


def format_long(d: date) -> str:
    """'onsdag 15. januar 2025'."""
    return f"{WEEKDAY_NAMES[d.weekday()]} {d.day}. {MONTH_NAMES[d.month - 1]} {d.year}"


def format_short(d: date) -> str:
    """'15. jan. 2025'."""
    name = MONTH_NAMES[d.month - 1]
    short = name if len(name) <= 4 else name[:3] + "."
    return f"{d.day}. {short} {d.year}"


def week_label(d: date) -> str:
    """'uge 42'."""
    return f"uge {d.isocalendar().week}"
