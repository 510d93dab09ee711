"""The timed agenda: a table headed `Tid` / `Punkt`, or rows that start with a clock time.

A row without a time continues the row above (a cell broken over a page); a row lasts until
the next one starts when the document gives no end time.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from planner.dates import parse_time_range
from planner.documents import Block, Paragraph, Position, Table
from planner.parse.model import TimetableEntry

_TIME_HEADERS = {"tid", "kl.", "klokken", "tidspunkt", "tidsplan"}
_TITLE_HEADERS = {"punkt", "punkter", "emne", "dagsordenspunkt", "indhold", "aktivitet"}
_TIME_CELL = re.compile(r"^(?:kl\.\s*)?\d{1,2}[.:]\d{2}(?:\s*[-–]\s*(?:\d{1,2}[.:]\d{2})?)?$")
_TIME_START = re.compile(
    r"^(?P<time>(?:kl\.\s*)?\d{1,2}[.:]\d{2}(?:\s*[-–]\s*(?:\d{1,2}[.:]\d{2})?)?)\s+(?P<title>\S.*)$"
)
_HEADER_LINE = re.compile(r"^Tid\s+Punkt(?:er)?$", re.IGNORECASE)
_LIST_INTRO = re.compile(
    r"^(?:Direktionen\s+(?:har|havde)\s+)?følgende\s+(?:øvrige\s+)?punkter\s+(?:til\s+behandling|behandles)\s*:$",
    re.IGNORECASE,
)
_HYPHEN_END = re.compile(r"\w-$")
_LOWER_START = re.compile(r"^[a-zæøå]")
_CONJUNCTION = re.compile(r"^(?:og|eller|samt)\b")
# A series of agendas times its points alike ("8.15", "9.00-10.00"): each clock text is read once.
_time_range = lru_cache(maxsize=1024)(parse_time_range)


def clear_text_caches() -> None:
    _time_range.cache_clear()


def timetable_starts(blocks: list[Block]) -> list[int]:
    """The blocks a timed agenda may start at: a table, or a paragraph that may be a "Tid Punkt" line or a
    list's lead-in. A document's sections are then read at these alone."""
    # The screen of `_HEADER_LINE` ("Tid Punkt") and `_LIST_INTRO` ("Direktionen har følgende …:", "Følgende …:"):
    # their first letters, in either case (re.IGNORECASE folds no other letter with these), and the lead-in's
    # closing colon. Asked of every block of every document, so written out here rather than called.
    return [
        i
        for i, block in enumerate(blocks)
        if type(block) is Table
        or (first := block.text[:1]) in _TIME_HEADER_INITIALS
        or (first in _LIST_INTRO_INITIALS and _ends_in_colon(block.text))
    ]


_TIME_HEADER_INITIALS = frozenset("Tt")  # "Tid Punkt"
_LIST_INTRO_INITIALS = frozenset("DdFf")  # "Direktionen har følgende …:", "Følgende …:"


def _ends_in_colon(text: str) -> bool:
    """`_LIST_INTRO`'s ":$": a colon at the end, or before a newline that ends the text."""
    return text.endswith((":", ":\n"))


def parse_timetable(blocks: list[Block], start: int, end: int, starts: list[int]) -> list[TimetableEntry]:
    """The timed agenda between `start` and `end`; `starts`: `timetable_starts(blocks)`."""
    first = bisect_left(starts, start)
    if first == len(starts) or starts[first] >= end:
        return []  # asked of every section: most have no table and no line a timed agenda starts at
    entries: list[TimetableEntry] = []
    listed: list[TimetableEntry] = []  # "Direktionen har følgende punkter til behandling:" and its items
    i = start  # the first block not yet read
    for k in starts[first : bisect_left(starts, end, first)]:
        if k < i:
            continue  # a row of a timetable read from a block above
        block = blocks[k]
        i = k + 1
        if isinstance(block, Table):
            if _is_timetable(block):
                _table_rows(block, entries)
        elif block.text[:1] in "Tt" and _HEADER_LINE.match(block.text):
            i = _paragraph_rows(blocks, k + 1, end, entries)
        elif not listed and _ends_in_colon(block.text) and _LIST_INTRO.match(block.text):
            i = _listed_points(blocks, k + 1, end, listed)
    if not entries:
        entries = listed  # a list of the points treated, without times, where there is no timed table
    # A row lasts until the next one starts when the document gives no end time.
    for k, entry in enumerate(entries[:-1]):
        if entry.end is None and entries[k + 1].time and entry.time and entries[k + 1].time > entry.time:
            entry.end = entries[k + 1].time
    return entries


def _listed_points(blocks: list[Block], i: int, end: int, out: list[TimetableEntry]) -> int:
    while i < end and isinstance(blocks[i], Paragraph) and blocks[i].is_item:
        item = blocks[i]
        out.append(
            TimetableEntry(time=None, end=None, title=item.text, line=item.pos.line, page=item.pos.page)
        )
        i += 1
    return i


def _is_timetable(table: Table) -> bool:
    header = [t.lower().strip(" :") for t in table.rows[0].texts()] if table.rows else []
    if len(header) >= 2 and header[0] in _TIME_HEADERS and header[1] in _TITLE_HEADERS:
        return True
    timed = len([r for r in table.rows if r.cells and _TIME_CELL.match(r.cells[0].text)])
    return timed >= 3 and timed * 2 >= len(table.rows)


def _table_rows(table: Table, entries: list[TimetableEntry]) -> None:
    current: tuple[TimetableEntry, list[str]] | None = None
    for row in table.rows:
        cells = row.cells
        first = cells[0].text if cells else ""
        if _TIME_CELL.match(first):
            if current:
                entries.append(_finish(*current))
            current = (_entry(first, row.pos), [p.text for c in cells[1:] for p in c.paragraphs])
        elif current is not None and not first:
            # a row without a time belongs to the previous one
            current[1].extend([p.text for c in cells[1:] for p in c.paragraphs])
    if current:
        entries.append(_finish(*current))


def _paragraph_rows(blocks: list[Block], i: int, end: int, entries: list[TimetableEntry]) -> int:
    current: tuple[TimetableEntry, list[str]] | None = None
    while i < end:
        block = blocks[i]
        if isinstance(block, Table):
            break
        m = _TIME_START.match(block.text)
        if m:
            if current:
                entries.append(_finish(*current))
            current = (_entry(m.group("time"), block.pos), [m.group("title")])
        elif current is not None and block.broken:
            current[1].append(block.text)
        else:
            break
        i += 1
    if current:
        entries.append(_finish(*current))
    return i


def _entry(time_text: str, pos: Position) -> TimetableEntry:
    start, end = _time_range(time_text)
    return TimetableEntry(time=start, end=end, title="", line=pos.line, page=pos.page)


def _finish(entry: TimetableEntry, parts: list[str]) -> TimetableEntry:
    if len(parts) == 1:  # most rows: the title on one line, nothing to join
        entry.title = " ".join(parts[0].split())
        return entry
    text = ""
    for part in filter(None, (" ".join(p.split()) for p in parts)):
        # A word broken across lines ("årsberet-" / "ningen") is joined; "sundheds- og" is not.
        # `_HYPHEN_END` ends in "-$": screened by the text's end (searched, it is tried at every position)
        if (
            text.endswith(("-", "-\n"))
            and _HYPHEN_END.search(text)
            and _LOWER_START.match(part)
            and not _CONJUNCTION.match(part)
        ):
            text = text[:-1] + part
        else:
            text = f"{text} {part}".strip()
    entry.title = text
    return entry
