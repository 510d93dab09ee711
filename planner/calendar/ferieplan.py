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

A table with a column per school year ("Ferie/fridag | 2025/26 | 2026/27") reads each column in its
own school year. A label that ends in a year ("Sommerferie 2025") puts its dates in that year, and
an August date below the summer holiday that ends the school year is the next August. A week given
with dates ("uge 42 (13.-17. oktober)") is a check on the dates, which win (`Spans.check_weeks`).

Nothing is dropped silently: units that cannot be read go to `unparsed`; impossible dates, unknown
months and contradictions go to `warnings`, each with its position (line; page and line for PDF).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import timedelta

from planner.calendar.denmark import easter_sundays
from planner.calendar.ferieplan_scan import (
    KNOWN_LABEL,
    Atom,
    Scanned,
    apply_columns,
    clean_label,
    leading_days,
    month_line,
    normalise,
    scan,
    school_year_heading,
    split_label,
    table_header,
    year_line,
)
from planner.calendar.ferieplan_spans import FerieplanError, FerieplanResult, Note, Spans
from planner.documents import Document, Position, Table, UnreadableInput, read_document

__all__ = [
    "FerieplanError",
    "FerieplanResult",
    "Note",
    "Unit",
    "parse_document",
    "parse_ferieplan",
    "parse_units",
    "units_of",
]


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
                cells = tuple(_day_first(c.text) for c in row.cells)
                out.append(Unit(cells, row.pos, table=tables, first_row=k == 0))
        else:
            out.append(Unit((_day_first(block.text),), block.pos, heading=block.is_heading or block.strong))
    return out


# "2026-02-14" (ISO, as a system exports its dates): read as "14.02.2026", the way the plan's dates are read
_ISO_DATE = re.compile(r"(?<![\d-])((?:19|20)\d\d)-(\d\d)-(\d\d)(?![\d-])")


def _day_first(text: str) -> str:
    return _ISO_DATE.sub(r"\3.\2.\1", text) if "-" in text and "20" in text else text


def _first_stated_year(texts: list[list[str]]) -> int | None:
    for cells in texts:
        _, date_cells = split_label([c for c in cells if c])
        if date_cells is None:
            continue
        for atom in (a for g in scan(date_cells).groups for a in g):
            if atom.year and atom.month:
                return atom.year - (0 if atom.month >= 8 else 1)
    return None


_DAYS_CELL = re.compile(r"\d{1,2}\.(?:\s*-\s*\d{1,2}\.?)?")  # a cell of days only, under a month column


# The Friday after Ascension Day, named without a date ("fredag efter Kr. Himmelfart", "dagen efter
# Kristi himmelfartsdag").
_AFTER_ASCENSION = re.compile(
    r"\b(?:fredag(?:en)?|dagen)\s+efter\s+kr(?:isti|\.)?\s*himmelfart\w*", re.IGNORECASE
)
# A dated sentence about the plan itself ("Ferieplanen er godkendt af udvalget d. 12. marts 2025"),
# not a day off; read as such only when its label names no holiday ("Fridag (besluttet af …)" is one).
_ABOUT_THE_PLAN = re.compile(
    r"\b(?:godkend|vedtag|revider|opdater|udsend|offentliggj|beslut|ændret)\w*", re.IGNORECASE
)
_DAYS_OFF_HEADING = re.compile(r"(?:elevernes\s+)?fridage\b", re.IGNORECASE)
_LONG_HOLIDAY = re.compile(r"(?:sommer|jule|vinter|efterårs|påske)ferie", re.IGNORECASE)
_FIRST_SCHOOL_DAY = re.compile(r"\bførste\s+skoledag\b", re.IGNORECASE)
_LONGEST_HOLIDAY_DAYS = 70  # no school holiday is longer (sommerferie is about seven weeks)
_OPEN_START = re.compile(r"\bfra\b|\bbegynder\b|\bstarter\b")
_CLOSING_WORD = re.compile(r"\btil\b|\bslutter\b|\bmed\b|[-–—]")


class _Walk:
    """One pass over the units: what stands above a unit (headings, labels, a table's columns) is kept here."""

    def __init__(self, units: list[Unit], spans: Spans) -> None:
        self.units = units
        self.texts = [[normalise(c) for c in u.cells] for u in units]
        self.spans = spans
        self.unparsed = spans.result.unparsed
        self.i = 0  # the next unit to read
        self.pending: tuple[Unit, str] | None = None  # a label unit still waiting for its date
        self.label: str | None = None  # the label that date-only units belong to
        self.columns: tuple[int, list[str]] | None = None  # (table, header cells) of the table being read
        # A table with a column per school year ("Ferie/fridag | 2025/26 | 2026/27"): (table, the
        # school year of each column or None, the school year to return to after the table).
        self.year_columns: tuple[int, list[int | None], int | None] | None = None

    def run(self) -> None:
        while self.i < len(self.units):
            unit, texts = self.units[self.i], self.texts[self.i]
            self.i += 1
            cells = [c for c in texts if c]
            if self.year_columns is not None and unit.table != self.year_columns[0]:
                self.spans.school_year, self.year_columns = self.year_columns[2], None
            if cells and not self.structure(unit, texts, cells):
                if self.year_columns is not None:
                    self.dated_by_school_year(unit, texts)
                else:
                    self.dated(unit, texts, cells)
        self.flush()

    def flush(self) -> None:
        if self.pending is not None:
            unit, written = self.pending
            # A label that is itself a date ("1. maj" with nothing below) names its own day.
            scanned = scan([written])
            if not (scanned.groups and self.spans.emit(unit.pos, written, scanned)):
                self.unparsed.append(Note(unit.pos, unit.written))
        self.pending = None

    def structure(self, unit: Unit, texts: list[str], cells: list[str]) -> bool:
        """True when the unit sets context rather than stating a holiday: headings, year lines, column names."""
        whole = " ".join(cells)
        alone = len(cells) == 1
        years = [school_year_heading(c) if c else None for c in texts]
        if unit.table and sum(y is not None for y in years) > 1:  # under a merged title row too
            self.new_section()
            self.year_columns, self.columns = (unit.table, years, self.spans.school_year), None
        elif (school_year := school_year_heading(whole)) is not None:
            self.new_section()
            self.spans.school_year, self.columns = school_year, None
            self.spans.set_year(None)
            if _DAYS_OFF_HEADING.match(whole):
                self.label = "Fridage"  # "Fridage i skoleåret 2025-26" above lines that are only dates
        elif alone and (year := year_line(whole)) is not None:
            self.new_section()
            self.spans.set_year(year)
        elif alone and (month := month_line(whole)) is not None:
            self.new_section()
            self.spans.set_month(*month)
        elif unit.first_row and (header := table_header(texts)) is not None:
            self.columns, self.spans.month = (unit.table, header), None
        else:
            if unit.heading or unit.first_row:
                self.spans.month = None  # a new section or table ends the month group above it
            return False
        return True

    def new_section(self) -> None:
        self.flush()
        self.label = None

    def dated_by_school_year(self, unit: Unit, texts: list[str]) -> None:
        """A row of a table with a column per school year: each column's dates are read in its own year."""
        assert self.year_columns is not None
        years = self.year_columns[1]
        label = [t for t, y in zip(texts, years, strict=False) if y is None]
        for text, year in zip(texts, years, strict=False):
            if year is None or not text:
                continue
            self.spans.school_year, self.spans.year = year, None
            column = [*label, text]
            self.flush()  # each column is a statement of its own: no label waits across columns
            self.dated(unit, column, [c for c in column if c])
        self.label = None

    def dated(self, unit: Unit, texts: list[str], cells: list[str]) -> None:
        if self.columns is not None and self.columns[0] == unit.table:
            cells = [c for c in apply_columns(texts, self.columns[1]) if c]
        if unit.table and len(cells) > 1 and texts[0] and (month := month_line(texts[0])) is not None:
            # A month column: "Oktober | 13.-17. | Efterårsferie"; a row with that cell empty keeps the month.
            self.spans.set_month(*month)
            cells = cells[1:]
        if unit.table and self.spans.month is not None and len(cells) > 1 and _DAYS_CELL.fullmatch(cells[0]):
            cells = [
                f"{cells[0]} {cells[1]}",
                *cells[2:],
            ]  # "25. | 2. pinsedag" under Maj reads as "25. 2. pinsedag"
        found = self.scan_unit(cells)
        if found is None and self.day_after_ascension(unit, cells):
            return
        if found is None:  # a label on its own: its dates follow
            self.flush()
            self.pending = (unit, split_label(cells)[0])
            self.label = self.pending[1]
            return
        own_label, scanned = found
        trailing = None
        if not own_label and scanned.leftover and KNOWN_LABEL.search(" ".join(scanned.leftover)):
            # A row that puts the date first: "Uge 42 | Efterårsferie". Its label is its own: under
            # "Fridage i skoleåret", "10. august – første skoledag" does not name the days below it.
            trailing, scanned.leftover = " ".join(scanned.leftover), []
        if own_label:
            self.flush()
            self.label = own_label
        else:
            self.pending = None
        label = trailing or self.label
        if label and _ABOUT_THE_PLAN.search(label) and not KNOWN_LABEL.search(label):
            self.unparsed.append(Note(unit.pos, unit.written))
            self.label = None
            return
        before, warned = len(self.spans.result.periods), len(self.spans.result.warnings)
        leftover = " ".join(scanned.leftover)
        if label is None or not self.spans.emit(unit.pos, label, scanned):
            self.unparsed.append(Note(unit.pos, unit.written))
        elif self.until_first_school_day(unit, before, warned, leftover):
            pass
        elif self.open_ended(unit, before):
            # "Sommerferie: fra lørdag den 27. juni" names the first day only: a one-day summer holiday is wrong.
            first = self.spans.result.periods.pop().start
            self.spans.result.positions.pop()
            self.spans.warn(
                unit.pos,
                f"'{label}': kun første fridag ({first:%d.%m.%Y}) er angivet; perioden er ikke læst"
                " – skriv også sidste fridag",
            )

    def day_after_ascension(self, unit: Unit, cells: list[str]) -> bool:
        """ "Fridag: fredag efter Kr. Himmelfart": the day off most plans name without its date (Easter + 40)."""
        whole = " ".join(cells)
        m = _AFTER_ASCENSION.search(whole)
        if m is None:
            return False
        self.flush()
        year = self.spans.year or self.spans.need_school_year(unit.pos) + 1
        day = easter_sundays([year])[year] + timedelta(days=40)
        label = clean_label(whole[: m.start()]) or m[0][0].upper() + m[0][1:]
        scanned = Scanned(groups=[[Atom(day.day, day.month, day.year, stated_year=True)]])
        self.spans.emit(unit.pos, label, scanned)
        self.label = None
        return True

    def until_first_school_day(self, unit: Unit, before: int, warned: int, leftover: str) -> bool:
        """ "Sommerferien begynder lørdag den 28. juni 2025, og første skoledag er mandag den 11. august", "fra
        lørdag den 27. juni. Første skoledag … er mandag den 10. august": the holiday runs to the day before
        the first school day, which is no day off."""
        result = self.spans.result
        added = result.periods[before:]
        if not _FIRST_SCHOOL_DAY.search(leftover) or len(added) not in (1, 2):
            return False
        if len(added) == 2:
            if any(p.start != p.end for p in added):
                return False
            first, school_day = added[0].start, added[1].start
        else:
            # one range that ends on the date written after "første skoledag"
            written = " ".join(unit.cells)
            named = _FIRST_SCHOOL_DAY.search(written)
            first, school_day = added[0].start, added[0].end
            if named is None or not re.search(rf"(?<!\d){school_day.day}\.", written[named.end() :]):
                return False
        if not 0 < (school_day - first).days <= _LONGEST_HOLIDAY_DAYS:
            return False
        result.periods[before:] = [replace(added[0], end=school_day - timedelta(days=1))]
        del result.positions[before + 1 :]
        result.warnings[warned:] = [
            w for w in result.warnings[warned:] if not w.text.startswith("ignoreret tekst")
        ]
        return True

    def open_ended(self, unit: Unit, before: int) -> bool:
        """Did the unit give one holiday a first day and no last ("fra lørdag den 27. juni", "… begynder")?"""
        added = self.spans.result.periods[before:]
        if len(added) != 1 or added[0].start != added[0].end or not _LONG_HOLIDAY.search(added[0].label):
            return False
        text = " ".join(unit.cells).lower()
        return bool(_OPEN_START.search(text)) and not _CLOSING_WORD.search(text)

    def scan_unit(self, cells: list[str]) -> tuple[str, Scanned] | None:
        """(the unit's own label, its dates); None when it holds no date."""
        lead = leading_days(cells[0])
        if lead is not None:
            atoms, rest = lead
            own_label, extra = split_label([rest, *cells[1:]])
            # Days first, then the label: under a month heading, or when nothing else in the unit is a date.
            if self.spans.month is not None or extra is None:
                scanned = Scanned(groups=[atoms])
                if extra is not None:
                    scanned.extend(scan(extra))
                    scanned.dangling = False
                return own_label, scanned
        own_label, date_cells = split_label(cells)
        if date_cells is None:
            return None
        scanned = scan(date_cells)
        # A table cell that wrapped: "Lørdag 28. juni -" / "søndag 10. august".
        while scanned.dangling:
            j = next((k for k in range(self.i, len(self.units)) if any(self.texts[k])), None)
            following = [c for c in self.texts[j] if c] if j is not None else []
            before, dated = split_label(following) if following else ("", None)
            if before or dated is None:
                break
            date_cells, self.i = [*date_cells, *following], j + 1
            scanned = scan(date_cells)
        return own_label, scanned


def parse_units(
    units: list[Unit], source: str, school_year: int | None = None, notes: list[Note] | None = None
) -> FerieplanResult:
    """Periods of a ferieplan read unit by unit; see the module docstring for the year rules.

    notes: what the reader already reported about the document, kept first among the warnings.
    """
    walk = _Walk(units, Spans(source, school_year))
    if school_year is None:
        headings = (school_year_heading(" ".join(t)) for t in walk.texts)
        walk.spans.school_year = next((y for y in headings if y is not None), None) or _first_stated_year(
            walk.texts
        )
    walk.spans.result.warnings.extend(notes or [])
    walk.run()
    return walk.spans.result


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
