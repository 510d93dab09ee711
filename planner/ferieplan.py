"""Read a published ferieplan (text copied from a school or municipal web page).

A plan is a list of labels ("Efterårsferie") each with a date on the same
line or on the next non-blank line(s): "Uge 42", "12.-20. oktober",
"Lørdag 21.12.- 02.01.", "14.10.2024 - 18.10.2024" and so on.

Years: a date without a year takes it from the school year — Aug–Dec is the
first year, Jan–Jul the second — and a range whose end lies before its start
crosses into the next year. The school year is, in order: the latest heading
such as "Ferieplan 2024/2025" or "Skoleåret 2025-26" above the line, the
`school_year` argument, the first such heading further down, or the first
date in the file that states a year. When none exists and a date needs one, `FerieplanError` is raised rather
than guessing from today's date: a plan read in June would silently land in
the wrong year.

Nothing is dropped silently: lines that cannot be read go to `unparsed`;
impossible dates, unknown months and contradictions go to `warnings`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from planner.periods import Period

_MONTH_NAMES = (
    "januar jan", "februar feb", "marts mar", "april apr", "maj", "juni jun", "juli jul",
    "august aug", "september sep sept", "oktober okt", "november nov", "december dec",
)  # fmt: skip
MONTHS = {name: n for n, names in enumerate(_MONTH_NAMES, start=1) for name in names.split()}
_WEEKDAY_NAMES = ("mandag man", "tirsdag tirs tir", "onsdag ons", "torsdag tors tor", "fredag fre fred",
                  "lørdag lør", "søndag søn")  # fmt: skip
WEEKDAYS = {name: n for n, names in enumerate(_WEEKDAY_NAMES) for name in names.split()}
_DA_WEEKDAY = tuple(names.split()[0] for names in _WEEKDAY_NAMES)
# Words after "12." that are not months, so they never raise an unknown-month warning.
_NOT_MONTHS = {*WEEKDAYS, "og", "til", "uge", "dag", "dage", "kl", "klasse", "skoledag", "pinsedag"}

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY_RE = "|".join(sorted(WEEKDAYS, key=len, reverse=True))

# Labels that may contain digits ("1. maj", "2. pinsedag") are matched first so
# the date scanner never starts inside them.
_KNOWN_LABEL = re.compile(
    r"(?:1\.?\s*maj|(?:2\.|anden)\s*pinsedag|kr(?:isti|\.)?\s*himmelfart\w*|store\s+bededag"
    r"|(?:sommer|efterårs|høst|jule|vinter|påske|pinse)ferie|pinse\w*|grundlovsdag"
    r"|skolestart|første\s+skoledag|sidste\s+skoledag|fridag\w*|juleaften\w*|nytårsaften\w*)",
    re.IGNORECASE,
)
_SCHOOL_EVENT = re.compile(r"skolestart|første\s+skoledag|sidste\s+skoledag", re.IGNORECASE)
_DATE_START = re.compile(
    rf"\b(?:{_WEEKDAY_RE})\b\.?\s*(?:den\s+|d\.\s*)?(?=\d)"
    r"|\buge\s*\d"
    r"|(?<![\d.])\d{1,2}\s?[./]\s?\d{1,2}(?!\d)"
    r"|(?<![\d.])\d{1,2}\.?\s*(?:-|til\b|og\b|,|&)\s*\d"
    rf"|(?<![\d.])\d{{1,2}}\.?\s*(?:{_MONTH_RE})\b"
    r"|(?<![\d.])\d{1,2}\.\s*[a-zæøå]{3,}",
    re.IGNORECASE,
)
_HEADING = re.compile(r"(?<![\d.])(\d{4})\s*[/-]\s*(\d{4}|\d{2})(?![\d.])")
_HEADING_WORDS = re.compile(r"ferie|fridag|skoleår", re.IGNORECASE)
_WEEK_COLUMNS = {"uge", "ugenr", "ugenr.", "ugenummer"}
_BARE_WEEKS = re.compile(r"\d{1,2}(?:\s*-\s*\d{1,2})?")
_TABLE_HEADER_CELLS = {
    "ferie", "fridage", "ferie/fridage", "ferie og fridage", "periode", "dato", "datoer", "uge",
    "ugenr", "ugenr.", "bemærkning", "bemærkninger", "fra", "til", "første fridag", "sidste fridag",
    "antal dage", "dage", "hvad", "hvornår", "begivenhed", "ugenummer", "ugedag",
}  # fmt: skip

_TOKEN = re.compile(
    r"(?P<paren>\([^)]*\)?)"
    r"|(?P<week>uge\s*(?P<w1>\d{1,2})(?:\s*(?:-|til)\s*(?:uge\s*)?(?P<w2>\d{1,2}))?"
    r"(?:\s*,?\s*(?P<wy>\d{4})(?![\d.]))?)"
    r"|(?P<clock>kl\.?\s*\d{1,2}(?:[.:]\d{2})?)"
    r"|(?P<num>(?P<nd>\d{1,2})\s?[./]\s?(?P<nm>\d{1,2})(?:[./-](?P<ny>\d{4}|\d{2})(?!\d|[./]\d))?\.?)"
    r"|(?P<dayonly>(?P<dd>\d{1,2})\.?(?=\s*(?:-|til\b|og\b|,|&)\s*\d))"
    r"|(?P<text>(?P<td>\d{1,2})\.?\s*(?P<tm>[a-zæøå]+)\.?(?:\s*(?P<ty>\d{4})(?![\d.]))?)"
    r"|(?P<year>\d{4})(?![\d.])"
    r"|(?P<sep>-|til(?:\s+og\s+med)?\b|t\.o\.m\.?|tom\b)"
    r"|(?P<list>og\b|,|&|\+|;)"
    rf"|(?P<weekday>(?:{_WEEKDAY_RE})\b\.?)"
    r"|(?P<filler>den\b|d\.|fra(?:\s+og\s+med)?\b|f\.o\.m\.?|inkl\.?|incl\.?|begge\s+dage\b|[.:)])",
)
_LABEL_TAIL = re.compile(r"(?:[\s:,(\-…]|\.{2,}|\bfra(?:\s+og\s+med)?|\bden|\bd\.)+$", re.IGNORECASE)


class FerieplanError(ValueError):
    """The file cannot be read at all (for example: no school year can be determined)."""


@dataclass(frozen=True)
class FerieplanResult:
    periods: list[Period] = field(default_factory=list)
    unparsed: list[tuple[int, str]] = field(default_factory=list)  # (line number, line as written)
    warnings: list[tuple[int, str]] = field(default_factory=list)  # (line number, Danish message)


@dataclass
class _Atom:
    day: int
    month: int | None
    year: int | None
    weekday: int | None = None


@dataclass
class _Line:
    """What one line (plus any continuation lines) says about dates."""

    groups: list[list[_Atom]] = field(default_factory=list)  # one or two atoms: a day or a range
    weeks: list[tuple[int, int, int | None]] = field(default_factory=list)  # (from, to, year)
    leftover: list[str] = field(default_factory=list)
    bad_months: list[str] = field(default_factory=list)
    dangling: bool = False  # ends with "-": the range continues on the next line


def _normalise(line: str) -> str:
    """Odd spaces and dashes made plain; markdown pipes become cells, bullets and bold go."""
    line = re.sub(r"[\u00a0\u2007\u202f\u2009\u200a\u2002\u2003]", " ", line).replace("\u200b", "")
    line = re.sub(r"[\u2010-\u2015\u2212]", "-", line).replace("|", "\t").replace("*", "")
    if re.fullmatch(r"[\s\-:=_]*", line):  # table rules like "|---|---|" carry nothing
        return ""
    return re.sub(r"^\s*(?:[•·▪●#>]+|-(?=\s))\s*", "", line).rstrip()


def _school_year_heading(line: str) -> int | None:
    m = _HEADING.search(line)
    if not m:
        return None
    first, second = int(m[1]), int(m[2])
    if second != first + 1 and second != (first + 1) % 100:
        return None
    rest = line.replace(m[0], " ")
    if _DATE_START.search(rest):  # "Skoleåret 2024/25 starter 12. august" is a dated row
        return None
    alone = not rest.strip(" \t:-")
    return first if alone or _HEADING_WORDS.search(line) else None


def _split_label(line: str) -> tuple[str, str | None]:
    """(label, date text); date text is None when the line holds no date."""
    known = _KNOWN_LABEL.match(line.strip())
    offset = len(line) - len(line.lstrip()) + (known.end() if known else 0)
    m = _DATE_START.search(line, offset)
    if not m:
        return _clean_label(line), None
    return _clean_label(line[: m.start()]), line[m.start() :]


def _clean_label(text: str) -> str:
    return " ".join(_LABEL_TAIL.sub("", text.replace("\t", " ")).split())


def _scan(text: str) -> _Line:
    out = _Line()
    current: list[_Atom] = []
    joined = False  # the last token was a range separator
    weekday: int | None = None
    pos, last_kind, low = 0, "", text.lower()
    while pos < len(low):
        if low[pos].isspace():
            pos += 1
            continue
        m = _TOKEN.match(low, pos)
        if not m:
            word = re.match(r"\S+", low[pos:])[0]
            out.leftover.append(text[pos : pos + len(word)])
            pos += len(word)
            continue
        pos, kind = m.end(), m.lastgroup
        atom = None
        if kind == "week":
            out.weeks.append((int(m["w1"]), int(m["w2"] or m["w1"]), int(m["wy"]) if m["wy"] else None))
        elif kind == "num":
            atom = _Atom(int(m["nd"]), int(m["nm"]), _full_year(m["ny"]))
        elif kind == "dayonly":
            atom = _Atom(int(m["dd"]), None, None)
        elif kind == "text":
            if m["tm"] in MONTHS:
                atom = _Atom(int(m["td"]), MONTHS[m["tm"]], int(m["ty"]) if m["ty"] else None)
            elif m["tm"] in _NOT_MONTHS:
                out.leftover.append(m[0])
            else:
                out.bad_months.append(text[m.start() : m.end()].strip())
        elif kind == "year" and current and current[-1].year is None:
            current[-1].year = int(m["year"])
        elif kind == "year":
            out.leftover.append(m[0])
        elif kind == "sep":
            joined = bool(current)
        elif kind == "list":
            current, joined = [], False
        elif kind == "weekday":
            weekday = WEEKDAYS[m[0].rstrip(".")]
        if atom is None:
            last_kind = kind if kind not in ("filler", "paren", "clock", "weekday") else last_kind
            continue
        atom.weekday, weekday = weekday, None
        # Two dates side by side without "-" are a from/to table row; a third starts anew.
        if current and len(current) == 1 and (joined or last_kind in ("num", "text", "dayonly", "year")):
            current.append(atom)
        else:
            current = [atom]
            out.groups.append(current)
        joined, last_kind = False, kind
    out.dangling = joined
    return out


def _full_year(text: str | None) -> int | None:
    return None if text is None else int(text) + (2000 if len(text) == 2 else 0)


class _Reader:
    def __init__(self, source: str, school_year: int | None) -> None:
        self.source = source if source.startswith("ferieplan:") else f"ferieplan:{source}"
        self.school_year = school_year
        self.result = FerieplanResult()

    def need_school_year(self, line_no: int) -> int:
        if self.school_year is None:
            raise FerieplanError(
                f"{self.source.removeprefix('ferieplan:')}, linje {line_no}: skoleåret er ukendt. "
                "Angiv skoleåret (fx 2024 for 2024/25) eller tilføj en overskrift som 'Ferieplan 2024/2025'."
            )
        return self.school_year

    def warn(self, line_no: int, message: str) -> None:
        self.result.warnings.append((line_no, message))

    def emit(self, line_no: int, label: str, scanned: _Line) -> bool:
        """Add the periods of one scanned line; False when it held nothing usable."""
        reported = len(self.result.warnings)
        for bad in scanned.bad_months:
            self.warn(line_no, f"ukendt måned i '{bad}'")
        kind = "school_event" if _SCHOOL_EVENT.search(label) else "school_holiday"
        spans = self.date_spans(line_no, scanned) if scanned.groups else self.week_spans(line_no, scanned)
        for start, end in spans:
            self.result.periods.append(Period(label, start, end, kind, self.source))
        if scanned.groups and scanned.weeks:
            self.check_weeks(line_no, scanned, spans)
        if spans and scanned.leftover:
            self.warn(line_no, f"ignoreret tekst: '{' '.join(scanned.leftover)}'")
        # A line whose only dates were impossible is reported as a warning, not as unread.
        return bool(spans) or len(self.result.warnings) > reported

    def week_spans(self, line_no: int, scanned: _Line, in_year: int | None = None) -> list[tuple[date, date]]:
        spans = []
        for first, last, year in scanned.weeks:
            # Weeks from 32 (early August) belong to the school year's first calendar year.
            start_year = year or in_year or self.need_school_year(line_no) + (0 if first >= 32 else 1)
            end_year = start_year + (1 if last < first else 0)
            try:
                spans.append(
                    (date.fromisocalendar(start_year, first, 1), date.fromisocalendar(end_year, last, 7))
                )
            except ValueError:
                self.warn(line_no, f"uge {first}-{last} findes ikke i {start_year}")
        return spans

    def check_weeks(self, line_no: int, scanned: _Line, spans: list[tuple[date, date]]) -> None:
        # The dates are the precise statement; read the week number in their year.
        year = spans[0][0].isocalendar().year if spans else None
        for weeks in self.week_spans(line_no, scanned, year):
            if not any(s <= weeks[1] and weeks[0] <= e for s, e in spans):
                self.warn(line_no, f"ugenummeret passer ikke med datoerne ({weeks[0]:%d.%m.%Y})")

    def date_spans(self, line_no: int, scanned: _Line) -> list[tuple[date, date]]:
        atoms = [a for g in scanned.groups for a in g]
        # "12.-20. oktober", "12. og 13. maj": a bare day borrows the next month.
        month = None
        for atom in reversed(atoms):
            atom.month = atom.month or month
            month = atom.month
        if any(a.month is None for a in atoms):
            self.warn(line_no, "dato uden måned")
            return []
        self.fill_years(line_no, atoms)
        spans = []
        for group in scanned.groups:
            try:
                days = [date(a.year, a.month, a.day) for a in group]
            except ValueError:
                written = " – ".join(f"{a.day}.{a.month}.{a.year}" for a in group)
                self.warn(line_no, f"datoen findes ikke: {written}")
                continue
            for atom, d in zip(group, days, strict=True):
                if atom.weekday is not None and atom.weekday != d.weekday():
                    self.warn(
                        line_no,
                        f"{d:%d.%m.%Y} er en {_DA_WEEKDAY[d.weekday()]}, ikke {_DA_WEEKDAY[atom.weekday]}",
                    )
            if days[-1] < days[0]:
                self.warn(line_no, f"slutdato {days[-1]:%d.%m.%Y} ligger før startdato {days[0]:%d.%m.%Y}")
                continue
            if spans and spans[-1][1] + timedelta(days=1) == days[0]:  # "29. og 30. maj" is one span
                spans[-1] = (spans[-1][0], days[-1])
            else:
                spans.append((days[0], days[-1]))
        return spans

    def fill_years(self, line_no: int, atoms: list[_Atom]) -> None:
        """Give every atom a year, reading the chain as consecutive days in order."""
        if all(a.year is None for a in atoms):
            sy = self.need_school_year(line_no)
            atoms[0].year = sy if (atoms[0].month or 0) >= 8 else sy + 1
        anchor = next(i for i, a in enumerate(atoms) if a.year is not None)
        for i in range(anchor - 1, -1, -1):  # backwards: an earlier date later in the year is last year
            nxt, atom = atoms[i + 1], atoms[i]
            atom.year = nxt.year - (1 if (atom.month, atom.day) > (nxt.month, nxt.day) else 0)
        for i in range(anchor + 1, len(atoms)):
            prev, atom = atoms[i - 1], atoms[i]
            if atom.year is None:
                atom.year = prev.year + (1 if (atom.month, atom.day) < (prev.month, prev.day) else 0)


def _table_header(line: str) -> list[str] | None:
    """The column names of a table header row ("Ferie\tUge\tDato"), else None."""
    cells = [c.strip().lower().rstrip(":") for c in re.split(r"\t|\s{2,}", line.strip())]
    # One cell ("Fridage") is a section label that dated lines may follow, not a table.
    return cells if len(cells) > 1 and all(c in _TABLE_HEADER_CELLS for c in cells) else None


def _apply_columns(line: str, columns: list[str]) -> str:
    # A bare "42" under a "Uge" column means week 42, not the 42nd of something.
    cells = line.strip(" \t").split("\t")  # a leading pipe or tab is not a column
    for j, (cell, column) in enumerate(zip(cells, columns, strict=False)):
        if column in _WEEK_COLUMNS and _BARE_WEEKS.fullmatch(cell.strip()):
            cells[j] = f"uge {cell.strip()}"
    return "\t".join(cells)


def _first_stated_year(lines: list[str]) -> int | None:
    texts = (text for _, text in map(_split_label, lines) if text is not None)
    stated = (a for text in texts for g in _scan(text).groups for a in g if a.year and a.month)
    first = next(stated, None)
    return None if first is None else first.year - (0 if first.month >= 8 else 1)


def parse_ferieplan(text: str, source: str, school_year: int | None = None) -> FerieplanResult:
    """Periods of a ferieplan; see the module docstring for the year rules."""
    lines = [_normalise(raw) for raw in text.splitlines()]
    if school_year is None:
        school_year = next((y for y in map(_school_year_heading, lines) if y is not None), None)
    if school_year is None:
        school_year = _first_stated_year(lines)
    reader = _Reader(source, school_year)
    unparsed = reader.result.unparsed
    pending: tuple[int, str] | None = None  # a label line still waiting for its date
    label: str | None = None  # the label that date-only lines belong to
    raw_lines = text.splitlines()
    columns: list[str] = []  # header cells of the table being read, if any

    def flush() -> None:
        nonlocal pending
        if pending is not None:
            no, written = pending
            # A label that is itself a date ("1. maj" with nothing below) names its own day.
            scanned = _scan(written)
            if not (scanned.groups and reader.emit(no, written, scanned)):
                unparsed.append((no, raw_lines[no - 1]))
        pending = None

    i = 0
    while i < len(lines):
        line, no = lines[i], i + 1
        i += 1
        if not line.strip():
            continue
        if (year := _school_year_heading(line)) is not None:
            flush()
            reader.school_year, label, columns = year, None, []
            continue
        if (header := _table_header(line)) is not None:
            columns = header
            continue
        if columns and "\t" in line:
            line = _apply_columns(line, columns)
        own_label, date_text = _split_label(line)
        if date_text is None:
            flush()
            pending, label = (no, own_label), own_label
            continue
        scanned = _scan(date_text)
        # A table cell that wrapped: "Lørdag 28. juni -" / "søndag 10. august".
        while scanned.dangling:
            j = next((k for k in range(i, len(lines)) if lines[k].strip()), None)
            if j is None or not _DATE_START.match(lines[j].strip()):
                break
            date_text, i = f"{date_text} {lines[j]}", j + 1
            scanned = _scan(date_text)
        if not own_label and scanned.leftover and _KNOWN_LABEL.search(" ".join(scanned.leftover)):
            # A row that puts the date first: "Uge 42\tEfterårsferie".
            own_label, scanned.leftover = " ".join(scanned.leftover), []
        if own_label:
            flush()
            label = own_label
        elif pending is not None:
            pending = None
        if label is None or not reader.emit(no, label, scanned):
            unparsed.append((no, raw_lines[no - 1]))
    flush()
    return reader.result
