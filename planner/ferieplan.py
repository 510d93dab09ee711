"""Read a published ferieplan: a school's or municipality's holiday plan, in any format the reading layer reads.

The document (`planner.documents`: text, HTML, Word, PDF) arrives as blocks; each paragraph and
each table row becomes one unit, the thing this grammar reads (`ferieplan_scan` reads its words).
A plan is a list of labels ("Efterårsferie") each with a date in the same unit or in the next
one(s): "Uge 42", "12.-20. oktober", "Lørdag 21.12.- 02.01.", "14.10.2024 - 18.10.2024" and so on.
Month-grouped lists work too: a unit that is only a month ("Oktober", a `<h3>`) heads the lines
below it, which start with their days ("16. - 20. Efterårsferie", under "Maj": "20. 2. pinsedag"
is 20 May, the label being "2. pinsedag").

Years: a date without a year takes it, in order, from a year line above it ("2024", or a month
line "Oktober 2024"; months that follow run forward from it), else from the school year — Aug–Dec
is the first year, Jan–Jul the second. A range whose end lies before its start crosses into the
next year, but only when that gives a short holiday (Juleferie): "20.10.-14.10." or "uge 42-41"
is a warning, never a year-long holiday. The school year is, in order: the latest heading such as
"Ferieplan 2024/2025", "Skoleåret 2025-26" or "skoleåret 24-25" above the unit, the
`school_year` argument, the first such heading further down, or the first date in the document
that states a year. When none exists and a date needs one, `FerieplanError` is raised rather than
guessing from today's date: a plan read in June would silently land in the wrong year.

Nothing is dropped silently: units that cannot be read go to `unparsed`; impossible dates, unknown
months and contradictions go to `warnings`, each with its position (line; page and line for PDF).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from planner.danish import MONTH_NAMES, WEEKDAY_NAMES
from planner.documents import Document, Position, Table, UnreadableInput, read_document
from planner.ferieplan_scan import (
    KNOWN_LABEL,
    SCHOOL_EVENT,
    Atom,
    Scanned,
    apply_columns,
    leading_days,
    month_line,
    normalise,
    scan,
    school_year_heading,
    split_label,
    table_header,
    year_line,
)
from planner.periods import Period

# A range written backwards is read across New Year only when this short (a Juleferie); longer is a mistake.
_MAX_NEW_YEAR_DAYS = 62
_MAX_NEW_YEAR_WEEKS = 8
# No school holiday is this long (sommerferie is about 7 weeks): a longer span is a misreading or a typo.
_MAX_HOLIDAY_DAYS = 70


class FerieplanError(ValueError):
    """The plan cannot be read at all (for example: no school year can be determined)."""


class Note(NamedTuple):
    """A unit not understood (text = the unit as written) or a warning (text = a Danish message)."""

    pos: Position
    text: str


@dataclass(frozen=True)
class FerieplanResult:
    periods: list[Period] = field(default_factory=list)
    unparsed: list[Note] = field(default_factory=list)
    warnings: list[Note] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Unit:
    """What the grammar reads: a paragraph (one cell) or a table row (its cells), and where it stood."""

    cells: tuple[str, ...]
    pos: Position
    heading: bool = False  # a heading, or a paragraph set in bold as one
    table: int = 0  # which table (1, 2, …) the row belongs to; 0 for a paragraph
    first_row: bool = False  # the table's first row: it may name the columns

    @property
    def written(self) -> str:
        """The unit as the user sees it in the document, for reports."""
        return " | ".join(c for c in self.cells if c.strip())


def units_of(document: Document) -> list[Unit]:
    """Paragraphs and table rows in reading order; a cell's paragraphs are read as one text."""
    out: list[Unit] = []
    tables = 0
    for block in document.blocks:
        if isinstance(block, Table):
            tables += 1
            for k, row in enumerate(block.rows):
                out.append(Unit(tuple(c.text for c in row.cells), row.pos, table=tables, first_row=k == 0))
        else:
            out.append(Unit((block.text,), block.pos, heading=block.is_heading or block.strong))
    return out


class _Reader:
    def __init__(self, source: str, school_year: int | None) -> None:
        self.name = source.removeprefix("ferieplan:")
        self.source = f"ferieplan:{self.name}"
        self.school_year = school_year
        self.year: int | None = None  # from a year line or a month line with a year
        self.month: tuple[int, int | None] | None = None  # the month heading above, and its year
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

    def set_month(self, month: int, year: int | None) -> None:
        if year is None and self.year is not None and self.month is not None and month < self.month[0]:
            self.year += 1  # "December" then "Januar": the list runs forward into the next year
        self.year = year or self.year
        self.month = (month, self.year)

    def emit(self, pos: Position, label: str, scanned: Scanned) -> bool:
        """Add the periods of one scanned unit; False when it held nothing usable."""
        reported = len(self.result.warnings)
        for bad in scanned.bad_months:
            self.warn(pos, f"ukendt måned i '{bad}'")
        kind = "school_event" if SCHOOL_EVENT.search(label) else "school_holiday"
        spans = self.date_spans(pos, scanned) if scanned.groups else self.week_spans(pos, scanned)
        for start, end in spans:
            self.result.periods.append(Period(label, start, end, kind, self.source))
        if scanned.groups and scanned.weeks:
            self.check_weeks(pos, scanned, spans)
        if spans and scanned.leftover:
            self.warn(pos, f"ignoreret tekst: '{' '.join(scanned.leftover)}'")
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

    def check_weeks(self, pos: Position, scanned: Scanned, spans: list[tuple[date, date]]) -> None:
        # The dates are the precise statement; read the week number in their year.
        year = spans[0][0].isocalendar().year if spans else None
        for weeks in self.week_spans(pos, scanned, year):
            if not any(s <= weeks[1] and weeks[0] <= e for s, e in spans):
                self.warn(pos, f"ugenummeret passer ikke med datoerne ({weeks[0]:%d.%m.%Y})")

    def date_spans(self, pos: Position, scanned: Scanned) -> list[tuple[date, date]]:
        atoms = [a for g in scanned.groups for a in g]
        # "12.-20. oktober", "12. og 13. maj": a bare day borrows the next month, else the month heading's.
        month = None
        for atom in reversed(atoms):
            atom.month = atom.month or month
            month = atom.month
        if self.month is not None:
            for atom in atoms:
                atom.month = atom.month or self.month[0]
        if any(a.month is None for a in atoms):
            self.warn(pos, "dato uden måned")
            return []
        if self.month is not None and atoms[0].numeric and atoms[0].month != self.month[0]:
            # Under "Maj", "20. 2. Skolefest" is not silently 20 February.
            heading = MONTH_NAMES[self.month[0] - 1]
            self.warn(pos, f"{atoms[0].day}.{atoms[0].month}. står under overskriften '{heading}'")
            return []
        self.fill_years(pos, atoms)
        spans: list[tuple[date, date]] = []
        for group in scanned.groups:
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
            if (
                days[-1] - days[0]
            ).days >= _MAX_HOLIDAY_DAYS:  # "Skoleåret 12.8.2024 - 27.6.2025" is no holiday
                self.warn(pos, f"perioden {days[0]:%d.%m.%Y} – {days[-1]:%d.%m.%Y} er længere end 10 uger")
                continue
            if spans and spans[-1][1] + timedelta(days=1) == days[0]:  # "29. og 30. maj" is one span
                spans[-1] = (spans[-1][0], days[-1])
            else:
                spans.append((days[0], days[-1]))
        return spans

    def fill_years(self, pos: Position, atoms: list[Atom]) -> None:
        """Give every atom a year, reading the chain as consecutive days in order."""
        if all(a.year is None for a in atoms):
            if self.year is not None:
                atoms[0].year = self.year
            else:
                sy = self.need_school_year(pos)
                atoms[0].year = sy if (atoms[0].month or 0) >= 8 else sy + 1
        anchor = next(i for i, a in enumerate(atoms) if a.year is not None)
        for i in range(anchor - 1, -1, -1):  # backwards: an earlier date later in the year is last year
            nxt, atom = atoms[i + 1], atoms[i]
            atom.year = nxt.year - (1 if (atom.month, atom.day) > (nxt.month, nxt.day) else 0)
        for i in range(anchor + 1, len(atoms)):
            prev, atom = atoms[i - 1], atoms[i]
            if atom.year is None:
                atom.year = prev.year + (1 if (atom.month, atom.day) < (prev.month, prev.day) else 0)


def _first_stated_year(units: list[list[str]]) -> int | None:
    for cells in units:
        _, date_cells = split_label([c for c in cells if c])
        if date_cells is None:
            continue
        for atom in (a for g in scan(date_cells).groups for a in g):
            if atom.year and atom.month:
                return atom.year - (0 if atom.month >= 8 else 1)
    return None


def parse_units(
    units: list[Unit], source: str, school_year: int | None = None, notes: list[Note] | None = None
) -> FerieplanResult:
    """Periods of a ferieplan read unit by unit; see the module docstring for the year rules.

    notes: what the reader already reported about the document, kept first among the warnings.
    """
    texts = [[normalise(c) for c in u.cells] for u in units]
    if school_year is None:
        school_year = next(
            (y for y in (school_year_heading(" ".join(t)) for t in texts) if y is not None), None
        )
    if school_year is None:
        school_year = _first_stated_year(texts)
    reader = _Reader(source, school_year)
    reader.result.warnings.extend(notes or [])
    unparsed = reader.result.unparsed
    pending: tuple[Unit, str] | None = None  # a label unit still waiting for its date
    label: str | None = None  # the label that date-only units belong to
    columns: tuple[int, list[str]] | None = None  # (table, header cells) of the table being read

    def flush() -> None:
        nonlocal pending
        if pending is not None:
            unit, written = pending
            # A label that is itself a date ("1. maj" with nothing below) names its own day.
            scanned = scan([written])
            if not (scanned.groups and reader.emit(unit.pos, written, scanned)):
                unparsed.append(Note(unit.pos, unit.written))
        pending = None

    def new_section() -> None:
        nonlocal label
        flush()
        label = None

    i = 0
    while i < len(units):
        unit, cells = units[i], [c for c in texts[i] if c]
        i += 1
        if not cells:
            continue
        whole = " ".join(cells)
        if (year := school_year_heading(whole)) is not None:
            new_section()
            reader.school_year, reader.year, reader.month, columns = year, None, None, None
            continue
        if len(cells) == 1 and (year := year_line(whole)) is not None:
            new_section()
            reader.year, reader.month = year, None
            continue
        if len(cells) == 1 and (month := month_line(whole)) is not None:
            new_section()
            reader.set_month(*month)
            continue
        if unit.first_row and (header := table_header(texts[i - 1])) is not None:
            columns = (unit.table, header)
            continue
        if unit.heading:
            reader.month = None  # a new section ends the month group above it
        if columns is not None and columns[0] == unit.table:
            cells = [c for c in apply_columns(texts[i - 1], columns[1]) if c]
        lead = leading_days(cells[0])
        own_label, date_cells = split_label(cells)
        if lead is not None and (reader.month is not None or split_label([lead[1], *cells[1:]])[1] is None):
            # A month-grouped line: the days first, then the label (which may hold dates of its own).
            atoms, rest = lead
            own_label, extra = split_label([rest, *cells[1:]])
            scanned = Scanned(groups=[atoms])
            if extra is not None:
                scanned.extend(scan(extra))
                scanned.dangling = False
        elif date_cells is None:
            flush()
            pending, label = (unit, own_label), own_label
            continue
        else:
            scanned = scan(date_cells)
            # A table cell that wrapped: "Lørdag 28. juni -" / "søndag 10. august".
            while scanned.dangling:
                j = next((k for k in range(i, len(units)) if any(texts[k])), None)
                following = [c for c in texts[j] if c] if j is not None else []
                before, dated = split_label(following) if following else ("", None)
                if before or dated is None:
                    break
                date_cells, i = [*date_cells, *following], j + 1
                scanned = scan(date_cells)
        if not own_label and scanned.leftover and KNOWN_LABEL.search(" ".join(scanned.leftover)):
            # A row that puts the date first: "Uge 42 | Efterårsferie".
            own_label, scanned.leftover = " ".join(scanned.leftover), []
        if own_label:
            flush()
            label = own_label
        elif pending is not None:
            pending = None
        if label is None or not reader.emit(unit.pos, label, scanned):
            unparsed.append(Note(unit.pos, unit.written))
    flush()
    return reader.result


def parse_document(document: Document, school_year: int | None = None) -> FerieplanResult:
    """A ferieplan from any document the reading layer read; the reader's own warnings come first."""
    notes = [Note(w.pos, w.message) for w in document.warnings]
    return parse_units(units_of(document), document.source, school_year, notes)


def parse_ferieplan(text: str, source: str, school_year: int | None = None) -> FerieplanResult:
    """A ferieplan from text (read as the text or HTML file `source` names); an empty text is an empty plan."""
    if not text.strip():
        return FerieplanResult()
    try:
        document = read_document(text.encode("utf-8"), source)
    except UnreadableInput as exc:
        raise FerieplanError(str(exc)) from None
    return parse_document(document, school_year)
