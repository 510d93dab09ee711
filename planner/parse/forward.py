"""The forward plan table ("punkter til næste møde" / "portefølje og tre næstkommende møder")
and the "Punkter som afventer dato" backlog."""

from __future__ import annotations

import re
from datetime import date, timedelta

from planner.dates import MONTH_NAMES, find_dates, parse_day_label
from planner.model import AgendaPoint, ForwardRow, Member, ParseWarning
from planner.parse.cells import split_cell
from planner.parse.header import resolve_person
from planner.textprep import Line, bullet_text, normalise_space

_TABLE_HEADER = re.compile(r"^\s*\|?\s*Dato\s*(?:\t|\||\s{2,}|$)(?!\s*:)", re.IGNORECASE)
_ROW = re.compile(
    r"^\s*\|?\s*(?P<label>(?:(?:man|tirs|ons|tors|fre)dag\s+)?(?:d\.\s*|den\s+)?\d{1,2}\.?\s*[A-Za-zæøåÆØÅ]+\.?"
    r"(?:\s+\d{4})?|\d{1,2}[./]\d{1,2}\.?(?:[ .]?\d{2,4})?)(?P<sep>\s*\t|\s*\||\s{2,}|\s*$|\s+)(?P<cell>.*)$",
    re.IGNORECASE,
)
_HEADER_KEY = re.compile(r"^\s*\|?\s*Dato\s*:")
_PIPE_RULE = re.compile(r"^\s*\|?[\s|:-]+\|?\s*$")
_SECTION_TITLE = re.compile(
    r"punkter til (?:næste|kommende) møde|næstkommende møder|kommende direktionsmøder|fremtidige møder", re.IGNORECASE
)
_AWAITING = re.compile(r"^\s*Punkter(?:,)? som afventer dato\s*:?\s*$", re.IGNORECASE)
_TABLE_END = re.compile(
    r"^\s*(Sagsfremstilling|Indstilling|Beslutning|Bilag|Baggrund|Sagsansvarlig|Økonomiske konsekvenser)\b",
    re.IGNORECASE,
)


def is_forward_section(title: str) -> bool:
    return bool(_SECTION_TITLE.search(title))


def parse_forward_table(
    lines: list[Line], start: int, end: int, ref: date | None, members: list[Member],
    section_is_forward: bool,
) -> tuple[list[ForwardRow], list[ParseWarning], list[ParseWarning]]:  # fmt: skip
    """Rows of every forward table between `start` and `end`; returns (rows, warnings, unparsed)."""
    rows: list[ForwardRow] = []
    warnings: list[ParseWarning] = []
    unparsed: list[ParseWarning] = []
    in_table = False
    previous: date | None = None
    i = start
    while i < end:
        line = lines[i]
        text = line.text
        if _TABLE_HEADER.match(text) and not _HEADER_KEY.match(text):
            in_table = True
            i += 1
            continue
        if "|" in text and _PIPE_RULE.match(text):
            i += 1  # markdown table rule "|---|---|"
            continue
        row_match = _ROW.match(text) if (in_table or section_is_forward) else None
        day_month = parse_day_label(row_match.group("label")) if row_match else None
        if row_match and day_month is None and in_table and _looks_like_date_label(row_match.group("label")):
            unparsed.append(ParseWarning(line.no, f"dato i fremadrettet plan ikke forstået: '{row_match.group('label')}'"))
            i += 1
            continue
        if row_match and day_month:
            in_table = True
            row_date, warning = _row_date(day_month, row_match.group("label"), previous, ref, line.no)
            if warning:
                warnings.append(warning)
            previous = row_date or previous
            row = ForwardRow(date=row_date, line=line.no, label=normalise_space(row_match.group("label")))
            cell = row_match.group("cell").strip().strip("|")
            j = i + 1
            # Continuation lines: an empty first column (leading tab) or a wrapped cell.
            while j < end and (lines[j].text.startswith("\t") or lines[j].blank):
                if lines[j].blank:
                    if j + 1 < end and lines[j + 1].text.startswith("\t") and lines[j + 1].text.strip():
                        j += 1
                        continue
                    break
                cell += "\n" + lines[j].text.strip()
                j += 1
            _fill_row(row, cell, members)
            rows.append(row)
            i = j
            continue
        if in_table and not line.blank and (_TABLE_END.match(text) or not row_match):
            in_table = False
        i += 1
    return rows, warnings, unparsed


def _looks_like_date_label(label: str) -> bool:
    return bool(re.match(r"^\s*\d{1,2}\.", label))


def _row_date(
    day_month: tuple[int, int], label: str, previous: date | None, ref: date | None, line_no: int
) -> tuple[date | None, ParseWarning | None]:
    day, month = day_month
    explicit = re.search(r"\b(\d{4})\b", label)
    if explicit:
        try:
            return date(int(explicit.group(1)), month, day), None
        except ValueError:
            return None, ParseWarning(line_no, f"ugyldig dato '{label}'")
    anchor = previous or ((ref - timedelta(days=14)) if ref else None)
    if anchor is None:
        return None, ParseWarning(line_no, f"årstal for '{label}' kan ikke udledes: mødedatoen er ukendt")
    # A forward table runs forward: the first date on or after the previous row (past December -> next year).
    for year in (anchor.year, anchor.year + 1, anchor.year + 2):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= anchor:
            return candidate, None
    return None, ParseWarning(line_no, f"ugyldig dato '{label}': {day}. {MONTH_NAMES[month - 1]} findes ikke")


def _fill_row(row: ForwardRow, cell: str, members: list[Member]) -> None:
    content = split_cell(cell)
    row.closures = content.closures
    row.absent = [resolve_person(n, members) for n in content.absences]
    row.points = [AgendaPoint(text=p, line=row.line, date=row.date, origin="forward_plan") for p in content.points]


def parse_awaiting(lines: list[Line], start: int, end: int, ref: date | None) -> list[AgendaPoint]:
    """Bullets under 'Punkter som afventer dato:' (the backlog); a date hint stays in the text."""
    points: list[AgendaPoint] = []
    i = start
    while i < end:
        if "fventer" not in lines[i].lower or not _AWAITING.match(lines[i].text):
            i += 1
            continue
        j = i + 1
        while j < end and (lines[j].blank or bullet_text(lines[j]) is not None):
            text = bullet_text(lines[j])
            if text:
                spans, _ = find_dates(text, ref, bias="future")
                hint = spans[0].start.isoformat() if spans else None
                points.append(AgendaPoint(text=text, line=lines[j].no, date=None, origin="awaiting_date",
                                          note=f"datoforslag {hint}" if hint else None))  # fmt: skip
            j += 1
        i = j
    return points
