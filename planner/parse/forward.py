"""The forward plan ("punkter til næste møde" / "portefølje og tre næstkommende møder") and the
"Punkter som afventer dato" backlog.

The forward plan is a table with one row per Wednesday: the date in one column (headed "Dato",
sometimes after a "Uge" column, sometimes without a header row at all) and the points, holiday
words and absence notes in the next. Inside a forward-plan section the rows may also be
paragraphs or list items that start with the date ("14. aug.: Budgetopfølgning").
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, time, timedelta
from functools import lru_cache

from planner.danish import MONTHS, WEEKDAY_ABBREVIATION_PATTERN, regex_casefold
from planner.dates import (
    HOURS_WITH_KL,
    MONTH_NAMES,
    WEEKDAY_NAMES,
    WEEKDAYS,
    find_dates,
    implausible,
    parse_day_label,
    read_hours,
)
from planner.documents import HEADING, PARA, Block, Paragraph, Position, Table
from planner.parse.cells import (
    ABSENCE,
    ABSENCE_SCREEN,
    ABSENCE_WORDS,
    CellContent,
    is_closure,
    split_cell,
    split_items,
)
from planner.parse.header import resolve_person
from planner.parse.model import AgendaPoint, ForwardRow, Member, ParseWarning
from planner.parse.owners import owner_column, with_owner
from planner.parse.periods import (
    DEFAULT_MEETING_WEEKDAY,
    closure_extent,
    meeting_days,
    names_time,
    no_meetings,
    period,
    says_no_meeting,
    says_no_meetings,
    two_days,
)
from planner.parse.political import body_table_rows, is_cycle_table
from planner.parse.sections import is_case_status, is_part_line
from planner.parse.textprep import CaselessSearch

_SECTION_TITLE = CaselessSearch(
    r"punkter til (?:de )?(?:næste|kommende) møde|næstkommende møder|kommende direktionsmøder|fremtidige møder"
    r"|kommende møder i direktionen|forward plan|mødeplan for direktionen|portefølje"
    r"|direktionens mødeplan|kommende punkter|emner til (?:de )?(?:næste|kommende) møde"
    # a section or lead-in that is only "Kommende møder" / "Mødeplan" (a longer title such as "Kommende møder,
    # aktiviteter samt formål" lists other bodies' meetings)
    r"|^(?:(?:kommende|næste) (?:direktions)?møder|mødeplan|mødeplan for de kommende (?:uger|måneder))\s*:?$"
)
# Other boards' and secretariats' names for the plan ("Fremtidige punkter", "Årshjul for direktionen"), searched
# only in a title that holds one of their words.
_OTHER_TITLE = CaselessSearch(
    r"fremtidige punkter|planlægningsoversigt|årshjul for (?:direktionen|koncernledelsen|chefgruppen)"
    r"|(?:direktionens|koncernledelsens|chefgruppens) årshjul|^årshjul\s*:?$"
    r"|kommende møder i (?:koncernledelsen|chefgruppen)|(?:koncernledelsens|chefgruppens) mødeplan"
)
_OTHER_TITLE_WORDS = ("fremtidige", "planlægning", "årshjul", "koncernledelse", "chefgruppe")
_DATE_HEADERS = {
    "dato",
    "mødedato",
    "møde",
    "dato for møde",
    "direktionsmøde",
    "møder",
    "mødedag",
    "onsdag",
    "hvornår",
}
_WEEK_HEADERS = {"uge", "ugenr", "ugenr.", "uge nr.", "ugenummer"}
# A month column before the date ("Måned | Dato | Punkter", the month cell merged down over its weeks)
_MONTH_HEADERS = {"måned", "md.", "mdr."}
# A column naming who is away from the meeting ("Uge | Dato | Punkter | Afbud"): its cells are absences
_ABSENCE_HEADERS = {*ABSENCE_WORDS, "ferie/fravær", "fravær/ferie"}
_POINT_HEADERS = {
    "punkter",
    "punkt",
    "emne",
    "emner",
    "dagsorden",
    "indhold",
    "punkter til behandling",
    "bemærkninger",
    "hvad",
}
_NOT_POINT_HEADERS = {
    "ansvarlig",
    "sagsansvarlig",
    "ejer",
    "tovholder",
    "hvem",
    "tid",
    "tidspunkt",
    "varighed",
    "bemærkning",
    "bemærkninger",
    "status",
    "tidsforbrug",
    "tidsramme",
    "tidsestimat",
    "forventet tid",
    "minutter",
    "uge",
    "ugenr.",
    "dato",
    *_MONTH_HEADERS,
    *_ABSENCE_HEADERS,
}
_WEEK_LABEL = re.compile(r"^(?:uge\s*)?(\d{1,2})$", re.IGNORECASE)
# "Uge 7-8", "52-1": one row per week of the range, each with the row's content ("Vinterferie").
_WEEK_RANGE = re.compile(r"^(?:uge\s*)?(\d{1,2})\s*[-–]\s*(?:uge\s*)?(\d{1,2})$", re.IGNORECASE)
_LONGEST_WEEK_RANGE = 8
# "Punkter som afventer dato", and as other secretariats name the backlog ("Backlog", "Punkter uden dato",
# "Udestående punkter")
_AWAITING_WORDS = (
    r"(?:(?:Punkter(?:,)? (?:som|der) )?afventer (?:dato|datofastsættelse)|backlog|punkter uden dato"
    r"|udestående punkter)"
)
_AWAITING = re.compile(r"^(?:\d{1,2}\.\s+)?" + _AWAITING_WORDS + r"\s*:?$", re.IGNORECASE)
_AWAITING_STEMS = ("fventer", "backlog", "uden dato", "udestående")
# What may stand before a row's day: a weekday ("Onsdag", "ons."), then "d." or "den".
# "Møde den 11. marts:", "Direktionsmøde d. 18/3:" name the meeting before its day.
_DAY_PREFIX = (
    # the board's own meeting: "Direktionsmøde", "Koncernledelsesmøde", "Chefgruppemøde" (not "Økonomiudvalgsmøde")
    # a weekday cut short may also stand without its dot ("Ons 18/3 – Sygefravær", as e-mails write it)
    r"(?:(?i:" + WEEKDAY_ABBREVIATION_PATTERN + r")(?:dag\s+|\.\s*|\s+(?=\d))"
    r"|(?:[Dd]irektions|[Kk]oncernledelses|[Cc]hefgruppes?)?[Mm]øde\s+)?"
    r"(?:[Dd]\.\s*|[Dd]en\s+)?"
)
_LABEL_START = re.compile(
    r"^(?P<label>" + _DAY_PREFIX + r"\d{1,2}\.?\s*[A-Za-zæøåÆØÅ]{3,}\.?(?:\s+\d{4})?"
    r"|[A-Za-zæøåÆØÅ]{3,}\.?\s+\d{1,2}\.(?:\s+\d{4})?"
    r"|[A-Za-zæøåÆØÅ]{3,}\.?\s+\d{1,2}(?=\s*:)"  # "Dec. 17: Budget", "Januar 7:" (month first, no dot)
    r"|" + _DAY_PREFIX + r"\d{1,2}/\d{1,2}(?:\s+\d{4}|[-/]\d{4}|[-/]\d{2}(?!\d))?"
    r"|" + _DAY_PREFIX + r"(?:\d{1,2}-\d{1,2}-\d{4}|(?:19|20)\d\d-\d\d-\d\d)"  # "21-01-2025", "2025-02-19"
    # "15.01.", "19.02.2025", "22.1:", "8.4 Tema" (no clock has one digit of minutes); never "10.05 Pause"
    r"|" + _DAY_PREFIX + r"\d{1,2}\.\d{1,2}(?:\.(?:\d{4}|\d{2}(?!\d))?|(?=\s*:))"
    r"|" + _DAY_PREFIX + r"\d{1,2}\.\d(?=\s+[A-ZÆØÅ])"
    r"|[Uu]ge\s*\d{1,2}(?:\s*[-–]\s*\d{1,2})?(?:\s*\([^()]{1,25}\))?)"
    # the meeting's hours after the date ("11. marts kl. 8.30-10.00: …") are the row's hours, not a point
    r"(?:,?\s+kl\.?\s*(?P<hours>\d{1,2}(?:[.:]\d{2})?(?:\s*[-–]\s*\d{1,2}(?:[.:]\d{2})?)?))?"
    # After the label: a separator, or (a tab printed as a hair's gap in a PDF) a capital right after its dot;
    # "Uge 52, onsdag d. 24/12", "Uge 3 / ons. 14. jan.": a comma or a slash after the label separates too
    r"(?:\s*[:–—-]\s*|,\s+|\s+/\s+|\s+|$|(?<=\.)(?=[A-ZÆØÅ]))(?P<rest>.*)$"
)
# A line that starts with two days or a period ("4./11. marts", "Onsdag 4. og onsdag 11. marts", "13.-17. april",
# "17/3 og 18/3"), tried only when `_LABEL_START` finds no day or a day followed by "og" (a screen: most lines
# are neither).
_MANY_START = re.compile(
    r"^(?P<label>"
    + _DAY_PREFIX
    + r"\d{1,2}\.\s*(?:[-–/&+]|og)\s*"
    + _DAY_PREFIX
    + r"\d{1,2}\.\s*[A-Za-zæøåÆØÅ]{3,}\.?(?:\s+\d{4})?"
    r"|" + _DAY_PREFIX + r"\d{1,2}/\d{1,2}\s*(?:og|&|\+)\s*" + _DAY_PREFIX + r"\d{1,2}/\d{1,2}(?![\d/])"
    r")(?:\s*[:–—-]\s*|\s+|$)(?P<rest>.*)$"
)
_MANY_FIRST = frozenset("0123456789OoDdMmTtFf")  # a day, a weekday, "d."/"den", "Møde"/"Direktionsmøde"
_MANY_JOINS = ("og ", "& ", "+ ")


def _many_start(text: str, m: re.Match | None, kind: str | None) -> re.Match | None:
    """The match of `_MANY_START` of a line `_LABEL_START` read as no row (`kind` None) or as a day followed
    by "og" ("17/3 og 18/3"); None when the line names no two days or period."""
    if kind is None:
        head = text[:40]
        if text[:1] not in _MANY_FIRST or not (
            "og " in head or "/" in head or "-" in head or "–" in head or "& " in head or "+ " in head
        ):
            return None
    elif m is None or m.group("rest")[:3] not in _MANY_JOINS:
        return None
    many = _MANY_START.match(text)
    return many if many and _label_kind(many.group("label")) else None


_JOIN = re.compile(r"^(og|&|\+)\s+")
_NEXT_WEEK = re.compile(r"^(?:uge\s*)?(\d{1,2})(?!\d)(?:\s*[:–—-]\s*|\s+|$)(?P<rest>.*)$", re.IGNORECASE)
# A line that starts with a day and a joining word or a slash ("7. & 14. marts", "Fre 7/3 + …"): a line meant as
# a row of two meetings. When it gives no row it is said, never passed over.
_UNREAD_DAYS = re.compile(
    r"^(?:(?i:" + WEEKDAY_ABBREVIATION_PATTERN + r")[a-zæøå]*\.?\s+)?(?:[Dd]\.\s*|[Dd]en\s+)?"
    r"\d{1,2}(?:\.\s*(?:og|&|\+|[-–/])|/\d)"
)


def _second_meeting(rest: str, kind: str) -> tuple[str, str, str | None, str] | None:
    """ "og 2. april: X" after a row's first day, "og 15: X" after "Uge 14": (the joining word, the second
    label, its hours, the text after it); None when the text after the first label names no second meeting."""
    join = _JOIN.match(rest)
    if join is None:
        return None
    after = rest[join.end() :]
    if kind == _WEEKLY:
        week = _NEXT_WEEK.match(after)
        return (join.group(1), week.group(1), None, week.group("rest")) if week else None
    second = _LABEL_START.match(after)
    if second is None or _label_kind(second.group("label")) != _DATED:
        return None
    return join.group(1), second.group("label"), second.group("hours"), second.group("rest")


_COUNTED = re.compile(r"^(\d{1,2})\.\s+(\S.*)$")
_COUNTED_ROW = re.compile(r"^\d{1,2}[.)]\s+(?P<row>\d{1,2}[./].*)$")
# "Uge 3 (15.1.)": a week with the meeting's date in brackets; the date is read, a week that disagrees is said.
# "Uge 50 (10. dec.)", and "Uge 51 – 17. december", "Uge 2, ons. 7/1": a week and its meeting's day
_WEEK_WITH_DATE = re.compile(
    r"^[Uu]ge\s*(\d{1,2})\s*(?:\((?P<date>[^()]{1,40})\)"
    r"|[–—:,/-]\s*(?P<after>(?:[A-Za-zæøå]+\.?\s+)?(?:d\.\s*|den\s+)?\d{1,2}[./]\s*[\dA-Za-zæøå][^()]{0,30}))$"
)
# "Lukket punkt: Personalesag", "Lukket sag", "Lukket: Personalesag"
_CLOSED_POINT = re.compile(r"^lukket(?:\s+(?:punkt|sag)\b|\s*:)", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_YEAR_ROW = re.compile(r"(?:19|20)\d\d")
_MONTH_HEADING = re.compile(r"^(?:" + "|".join(MONTH_NAMES) + r")(?:\s+\d{4})?\.?$", re.IGNORECASE)
_SAME_WEEK_DAYS = 6  # two meetings of one week may be listed in either order
_LONGEST_LOOK_BACK_DAYS = 60  # a forward plan may open with the weeks just past, not with last year
_LONGEST_STEP_DAYS = 200  # a forward table's rows are weeks apart; a longer step is a row out of order
_LOOKS_DATED = re.compile(r"^\s*\d{1,2}\.\s*[A-Za-zæøå]")
# A date label with the hours after it: "Onsdag 18. marts 2026 kl. 13.00-15.00", "18/3, kl. 9-12",
# "18. marts 13.00-15.00" (without "kl." only a range of whole clock times).
_LABEL_HOURS = re.compile(
    r"^(?P<label>.+?)(?:,?\s+(?:fra\s+)?(?P<hours>(?:kl\.?|klokken)\s*\d.*)"
    r"|,?\s+(?P<span>\d{1,2}[.:]\d{2}\s*[-–]\s*\d{1,2}[.:]\d{2}))$",
    re.IGNORECASE,
)
# A weekday before a row's date, written out or cut short ("Onsdag", "ons.", "tirs"): the longer forms first.
_WEEKDAY_LEAD = re.compile(f"({WEEKDAY_ABBREVIATION_PATTERN})(?:dag)?(?![a-zæøå])", re.IGNORECASE)


def _weekday_name(word: str) -> str:
    """ "tirs" -> "tirsdag": the full Danish name of a weekday written out or cut short."""
    short = regex_casefold(word)[:3]  # as `_WEEKDAY_LEAD` matched it: "Tırsdag" too
    return next(name for name in WEEKDAY_NAMES if name.startswith(short))


# "(udsat fra 4/3)", "– flyttet fra mødet d. 4. marts": where a point comes from, not part of its title.
_MOVED_FROM = re.compile(
    r"\s*(?:\(\s*|\[\s*|[,–—-]\s+)(?P<note>(?:udsat|udskudt|flyttet|overført)\s+fra\s+"
    r"(?:(?:direktions)?mødet\s+)?(?:(?:d\.|den)\s*)?(?P<when>[^()\[\]]{1,40}?))\s*[)\]]?\s*\.?$",
    re.IGNORECASE,
)
_MOVED_WORDS = ("udsat fra", "udskudt fra", "flyttet fra", "overført fra")
# A column of remarks beside the points: read only for what it says of the meeting ("Aflyst") or of where the
# points come from ("Udsat fra 22/4"); other remarks are not points.
_REMARK_HEADERS = {"bemærkning", "bemærkninger", "status", "note", "noter", "kommentar", "kommentarer"}
_OWNER_HEADERS = {
    "ansvarlig",
    "sagsansvarlig",
    "ejer",
    "tovholder",
    "ansvarlige",
    "ansvarlig direktør",
    "hvem",
}
_TIME_HEADERS = {"tid", "tidspunkt", "kl.", "klokken", "mødetid", "mødetidspunkt", "tidsrum"}
# An owner's, a time's or a remark's column is never points ("Ansvarlig direktør", "Kommentar")
_NOT_POINT_HEADERS |= _OWNER_HEADERS | _TIME_HEADERS | _REMARK_HEADERS


# The hours opening a row's points ("8/4 | kl. 13-15: Budget"): the meeting's hours, then its points.
_HOURS_FIRST = re.compile(HOURS_WITH_KL + r"\s*(?:[:–—-]\s*|$)(?P<rest>.*)$", re.IGNORECASE)


_LONGEST_TIMED_LABEL = 60  # "Onsdag den 18. marts 2026 fra kl. 13.00 til kl. 15.00"


def _may_have_hours(label: str) -> bool:
    """A cheap screen before `_split_hours`: hours after a date hold "kl." or a dash, in a label's length."""
    return len(label) <= _LONGEST_TIMED_LABEL and (
        "kl" in label or "Kl" in label or "-" in label or "–" in label
    )


def _split_hours(label: str) -> tuple[str, tuple[time, time | None] | None]:
    """ "Onsdag 18. marts 2026 kl. 13.00-15.00" -> ("Onsdag 18. marts 2026", (13:00, 15:00)); a label
    without hours comes back as it is."""
    m = _LABEL_HOURS.match(label)
    if not m:
        return label, None
    hours = read_hours(m.group("hours") or m.group("span"))
    return (m.group("label").rstrip(" ,"), hours) if hours else (label, None)


@lru_cache(maxsize=4096)  # a series of agendas repeats its section titles in every document
def is_forward_section(title: str) -> bool:
    lowered = title.lower()
    return _SECTION_TITLE(title, lowered) or (
        any(word in lowered for word in _OTHER_TITLE_WORDS) and _OTHER_TITLE(title, lowered)
    )


_THREE_LETTERS = re.compile(r"[A-Za-zæøå]{3}")


def clear_text_caches() -> None:
    is_forward_section.cache_clear()
    says_no_meetings.cache_clear()


def _is_date_label(text: str, numeric_ok: bool) -> bool:
    if parse_day_label(_dated_label(text) if text[:1] in "Uu" else text) is None:  # "Uge 12 (18/3)"
        if not _may_have_hours(text):
            return False
        text, hours = _split_hours(text)  # "Onsdag 18. marts 2026 kl. 13.00-15.00"
        if hours is None or parse_day_label(_dated_label(text)) is None:
            return False
    return numeric_ok or bool(_THREE_LETTERS.search(text)) or "/" in text


def _dates_across(table: Table) -> list[tuple[str, Position, list[str]]] | None:
    """(date, its position, its points) per column of a table whose first row holds the meetings' dates
    ("12. marts | 19. marts | 26. marts", the next meetings side by side), after a cell of row names
    ("Møde" over "Punkter" and "Afbud") or none; None for any other table."""
    if len(table.rows) < 2:
        return None
    texts = [" ".join(t.split()) for t in table.rows[0].texts()]
    first = 0 if texts and _is_date_label(texts[0], True) else 1
    said = [k for k in range(first, len(texts)) if texts[k]]
    if len(said) < 2 or not all(_is_date_label(texts[k], True) for k in said):
        return None
    out = []
    for k in said:
        cell = table.rows[0].cells[k]
        pieces: list[str] = []
        for row in table.rows[1:]:
            if k >= len(row.cells):
                continue
            name = row.cells[0].text.lower().strip(" :") if first else ""
            if name in _ABSENCE_HEADERS:
                pieces += [_absence_line(p.text) for p in row.cells[k].paragraphs]
            elif name not in _NOT_POINT_HEADERS or name in _POINT_HEADERS:
                pieces += [p.text for p in row.cells[k].paragraphs]
        out.append((texts[k], cell.paragraphs[0].pos if cell.paragraphs else table.rows[0].pos, pieces))
    return out


def _is_title_row(row) -> bool:
    """A row of one text merged across the table (its other cells empty or repeating it, or none: a PDF's
    row of one cell), not a date."""
    said = ""
    for text in row.texts():
        text = " ".join(text.split())
        if text and text != said:
            if said:
                return False  # a second text: a header row or a row of data
            said = text
    first = " ".join(row.cells[0].text.split())
    return bool(said) and not first[:1].isdigit() and first.lower().strip(" :") not in _DATE_HEADERS


def _date_column(table: Table, section_is_forward: bool) -> tuple[int, int, bool] | None:
    """(date column, first data row, dated by week number) of a forward-plan table, or None when the
    table is something else."""
    if not table.rows:
        return None
    if len(table.rows) > 2 and len(table.rows[1].cells) > 1 and _is_title_row(table.rows[0]):
        # "Punkter til næste møde" merged across the table above its header row "Dato | Punkter"
        below = _date_column(Table(table.rows[1:], table.rows[1].pos), section_is_forward)
        if below and below[1] == 1:
            return below[0], 2, below[2]
    header = [t.lower().strip(" :") for t in table.rows[0].texts()]
    for k, text in enumerate(header[:2]):
        if text in _DATE_HEADERS and (
            k == 0 or header[0] in _WEEK_HEADERS or header[0] in _POINT_HEADERS or header[0] in _MONTH_HEADERS
        ):
            return k, 1, False
    if body_table_rows(table) is not None:
        return None  # "Udvalg | Dato": other bodies' meetings, no meetings of the board
    # The date further right, after columns the header names ("Emne | Ansvarlig | Dato")
    for k in range(2, len(header)):
        if header[k] in _DATE_HEADERS:
            named = all(
                h in _POINT_HEADERS or h in _NOT_POINT_HEADERS or h in _WEEK_HEADERS for h in header[:k]
            )
            # "Måned | Uge | Dato | Emne": only the month and the week before the date, the points after it
            calendar = all(h in _MONTH_HEADERS or h in _WEEK_HEADERS for h in header[:k])
            if named and (calendar or any(h in _POINT_HEADERS for h in header[:k])):
                return k, 1, False
            break
    if header and header[0] in _WEEK_HEADERS and len(header) > 1 and header[1] in _POINT_HEADERS:
        return 0, 1, True
    if header and header[0] in ("tid", "kl.", "klokken", "tidspunkt"):
        return None
    if is_cycle_table(table):
        return None  # "Rul | ØK | KB": the political cycle, read as such, not meetings of the board
    width = max(len(r.cells) for r in table.rows)
    for k in range(min(2, width)):
        dated = sum(
            1 for r in table.rows if len(r.cells) > k and _is_date_label(r.cells[k].text, section_is_forward)
        )
        if (dated >= 2 and dated * 2 >= len(table.rows)) or (section_is_forward and dated >= 1):
            return k, 0, False
    return None


def parse_forward(
    blocks: list[Block],
    start: int,
    end: int,
    ref: date | None,
    members: list[Member],
    section_is_forward: bool,
) -> tuple[list[ForwardRow], list[ParseWarning], list[ParseWarning]]:
    """Rows of every forward table between `start` and `end`; returns (rows, warnings, unparsed)."""
    state = _RowState(ref, members)
    joined_until = start  # lines before this index were joined to the row above them
    # The row of the last paragraph that started with its date: a date standing alone on its line takes
    # the paragraphs below it as its points, any row the lines that continue its paragraph (a line
    # break, a wrapped line).
    open_row: ForwardRow | None = None
    open_rows: list[ForwardRow] = []  # every row the last line started (one per week of a period)
    label_only = False
    month_line = ""  # the month a line of its own names ("Januar"), over days written without one
    counted = 0  # the points counted "1.", "2.", … under the date standing alone
    read_table = False  # a forward table has been read: a note below it may close meetings
    listed: date | None = None  # the date of the row the last paragraph made (a table's rows are none)
    # Outside a forward section only the tables are read, and below them a note on meetings ("Ingen møder i
    # juli"): the paragraphs above the first table are passed over.
    first_read = (
        start
        if section_is_forward
        else next((k for k in range(start, end) if isinstance(blocks[k], Table)), end)
    )
    for i in range(first_read, end):
        if i < joined_until:
            continue
        block = blocks[i]
        if open_row is not None and label_only and isinstance(block, Table):
            keyed = _keyed_pieces(block)
            if keyed is not None:
                # "Onsdag den 21. januar" above "Punkter | Budget …" / "Afbud | KBN" (a <dl> per meeting)
                for row in open_rows:
                    state.fill(row, keyed)
                open_row = None
                continue
        # A list right below a dated line is its points too ("Onsdag 12. marts: Budgetseminar" / "- Budget 2026").
        if open_row is not None and not (
            _point_below_date(block) and (label_only or block.broken or block.is_item)
        ):
            open_row = None
        if isinstance(block, Table):
            across = _dates_across(block) if section_is_forward else None
            found = None if across else _date_column(block, section_is_forward)
            if found:
                read_table, listed = True, None
                column, first, by_week = found
                # Another forward table (the minutes' updated plan in an appendix) starts its own run of
                # dates from the meeting: read after the first table's last row, "9. apr." became next year.
                state.previous = None
                state.month = _month_above(blocks, i, start)
                earlier = len(state.rows)
                header = [t.lower().strip(" :") for t in block.rows[first - 1].texts()] if first else []
                # Columns after the date hold the points, except those a header names as something else.
                # A points column before the date ("Punkt | Dato | Ansvarlig") is read too.
                wanted = [k for k in range(column) if k < len(header) and header[k] in _POINT_HEADERS] + [
                    k
                    for k in range(column + 1, max(len(r.cells) for r in block.rows))
                    if not (k < len(header) and header[k] in _NOT_POINT_HEADERS)
                ]
                # A "Tid" column beside the date holds the meeting's hours ("13.00-15.00").
                timed = next((k for k, h in enumerate(header) if h in _TIME_HEADERS and k != column), None)
                owned = next((k for k, h in enumerate(header) if h in _OWNER_HEADERS), None)
                if not header and members and len(wanted) > 1:
                    # no header row: a column after the points that holds only initials or members' names
                    # ("7. januar | Regnskab 2025 | JK") is the points' owners, not more points
                    known = owner_column(block, members)
                    if (
                        known is not None
                        and known > column + 1
                        and known in wanted
                        and _members_only(block, known, members)
                    ):
                        owned = known
                        wanted.remove(known)
                away = next((k for k, h in enumerate(header) if h in _ABSENCE_HEADERS and k != column), None)
                remarked = next(
                    (
                        k
                        for k, h in enumerate(header)
                        if h in _REMARK_HEADERS and k != column and k not in wanted
                    ),
                    None,
                )
                repeated = header[column] if header else None
                for row in block.rows[first:]:
                    cells = row.cells
                    width = len(cells)
                    if width <= column:
                        continue
                    label = cells[column].text
                    if repeated is not None and label.lower().strip(" :") == repeated:
                        continue  # the header row again, as a long table repeats it after a page break
                    pieces = [p.text for k in wanted if k < width for p in cells[k].paragraphs]
                    hours = None if timed is None else _cell_text(row, timed)
                    if away is not None and away < width and cells[away].text.strip():
                        # a line of its own per name ("Kim" / "Lene" with a line break between them)
                        pieces += [_absence_line(p.text) for p in cells[away].paragraphs]
                    if owned is not None or remarked is not None:
                        state.owner, state.remark = _cell_text(row, owned), _cell_text(row, remarked)
                    if column == 1 and not label.strip() and header[:1] and header[0] in _WEEK_HEADERS:
                        # "7-8 | | Vinterferie": a row dated by its week alone, not the row above continued
                        week = cells[0].text
                        if week.strip():
                            state.week_row(week, pieces, row.pos, hours=hours)
                            continue
                    if by_week:
                        state.week_row(label, pieces, row.pos, hours=hours)
                    else:
                        state.row(label, pieces, row.pos, in_table=True, hours=hours)
                state.owner = state.remark = state.month = None
                if earlier:
                    state.rows = supersede(state.rows[:earlier], state.rows[earlier:]) + state.rows[earlier:]
            elif across:
                # "12. marts | 19. marts | 26. marts" over their points: the next meetings side by side
                read_table, listed = True, None
                state.previous = None
                for label, pos, pieces in across:
                    state.row(label, pieces, pos, in_table=True)
            elif section_is_forward and block.rows and not _below_backlog_title(blocks, i, start):
                # A table of the plan's section with no column of meeting days ("Måned | Emne"): said, as it is
                # not read
                first_row = " / ".join(t for t in block.rows[0].texts() if t.strip())[:80]
                state.unparsed.append(
                    ParseWarning(
                        block.pos.line,
                        f"tabel i den fremadrettede plan ikke læst (ingen kolonne med mødedatoer): '{first_row}'",
                        block.pos.page,
                    )
                )
        elif not section_is_forward:
            # "Ingen møder i juli" below a forward table in a section of another title: the plan's note
            rest = no_meetings(block.text) if read_table and "øde" in block.text else None
            if rest is not None:
                state.no_meetings(block.text, rest, block.pos, quiet=False, place=ref)
        else:
            text = block.text
            if (
                month_line
                and text[:1].isdigit()
                and not (open_row is not None and label_only)
                and (day_only := _DAY_ONLY_ROW.match(text))
                and not _starts_row(text)
            ):
                # "14.: Budget 2027" under the line "Januar" (an Årshjul by month): that day of the month
                text = f"{day_only.group('day')}. {month_line}: {day_only.group('rest')}"
            m = _LABEL_START.match(text)
            if m is None and text[:1].isdigit() and (counted_row := _COUNTED_ROW.match(text)):
                # "1. 12. marts: Budget 2026" (a markdown list numbered by hand): the count is no part of the row
                inner = _LABEL_START.match(counted_row.group("row"))
                if inner and _label_kind(inner.group("label")) == _DATED:
                    text, m = counted_row.group("row"), inner
            label, rest, hours = m.group("label", "rest", "hours") if m else ("", "", None)
            if rest and not hours and label[:1] in "Uu":
                # "Uge 7 – onsdag 12. februar" (a week heading with its meeting's day): read as "Uge 7 (…)"
                label, rest, hours = _week_then_day(label, rest)
            kind = _label_kind(label) if m else None
            second = None
            many = _many_start(text, m, kind) if kind != _WEEKLY else None
            if many:
                label, rest, hours, kind = many.group("label"), many.group("rest"), None, _DATED
            elif kind is not None and rest[:1] in "o&+":
                # "26. marts og 2. april: Kommuneplan", "21. maj & 28. maj", "Uge 14 og 15": two meetings, read as
                # "4./11. marts" in a table is (`_RowState.several`)
                second = _second_meeting(rest, kind)
                if second:
                    rest = second[-1]
            if kind is None and len(text) <= 20 and _MONTH_HEADING.match(text):
                # "December 2025" over its meetings (an Årshjul by month): the days below are in that year, and
                # in that month when they name none ("14.: Budget 2027")
                if text[-1:].isdigit():
                    state.month_heading(text)
                month_line = text.rstrip(".").split()[0].lower()
                open_row = None
                continue
            if kind is None and block.kind == HEADING:  # (`is_heading` without its call: asked of every line)
                continue  # a heading is a row only with a date ("### Onsdag 12. marts", its points below)
            if kind is None:
                rest = no_meetings(block.text) if "øde" in block.text else None
                # "Ingen møder i juli" on its own line; under a date alone an unclear one may be a point
                # its year the one at or after the row listed above it; a note below a table speaks of the
                # whole table, read from the meeting
                if rest is not None and state.no_meetings(
                    block.text, rest, block.pos, quiet=open_row is not None, place=listed or ref
                ):
                    open_row = None
                    continue
                if open_row is None and _UNREAD_DAYS.match(text):
                    # "Fre 7. & 14. marts: …": a line that starts with its days but was read as none is said
                    state.unparsed.append(
                        ParseWarning(
                            block.pos.line,
                            f"dato i fremadrettet plan ikke forstået: '{text[:80]}'",
                            block.pos.page,
                        )
                    )
                    continue
                if open_row is not None:
                    text = block.text
                    counted_point = _COUNTED.match(text) if label_only and text[:1].isdigit() else None
                    if counted_point and int(counted_point.group(1)) == counted + 1:
                        # "1. Budget 2027" / "2. Status" under a date alone: the points counted, not numbered headings
                        counted, text = counted + 1, counted_point.group(2)
                    if len(open_rows) > 1 and open_row is open_rows[-1]:
                        state.more_shared(open_rows, text, block.pos)  # under "9. og 16. april", "Uge 20-21"
                    else:
                        state.more(open_row, text)
                continue
            remark = None
            if rest[:1] == "(" and rest[-1:] == ")" and rest.count("(") == 1:
                # "tirsdag 20. januar (flyttet pga. KB)": a remark on the meeting, its points still below it
                remark, rest = rest[1:-1], ""
                state.remark = remark
                if not (is_closure(remark) or _says_absence(remark) or "møde" in remark.lower()):
                    # read neither as a cancellation nor as who is away (a remark naming the meeting is said there)
                    state.warnings.append(
                        ParseWarning(block.pos.line, f"bemærkning ikke læst: '{remark[:80]}'", block.pos.page)
                    )
            pieces = [rest] if rest else []
            if pieces:
                joined_until = _join_wrapped(blocks, i + 1, end, pieces)
            before = len(state.rows)
            # "24. juni – 5. august" is a period; after a colon ("12. marts: 1. april-ændringer …") a point that
            # starts with a date
            dashed = (
                m is not None
                and not many
                and not second
                and ":" not in text[m.end("label") : m.start("rest")]
            )
            until = _span_end(pieces) if kind == _DATED and not hours and dashed else None
            if until:
                # "24. juni – 5. august" / "Sommerferie – ingen møder": a row per week of the period
                until_label, pieces = until
                state.span(label, until_label, pieces, block.pos)
            elif second:
                joiner, also, also_hours, _ = second
                labels = [label, f"uge {also}" if kind == _WEEKLY else also]
                state.several(
                    labels, f"{label} {joiner} {also}", pieces, block.pos, [hours, also_hours or hours]
                )
            elif kind == _DATED:
                state.row(label, pieces, block.pos, hours=hours)
            else:
                state.week_row(label, pieces, block.pos, hours=hours)
            state.remark = None if remark else state.remark
            open_rows = state.rows[before:]
            listed = state.previous
            open_row = open_rows[-1] if open_rows else None
            label_only = not pieces
            counted = 0
    state.close()
    return state.rows, state.warnings, state.unparsed


# The keys of a table of keys and values under a date alone: its points, and who is away.
_KEYED_POINTS = frozenset({"punkter", "punkt", "emner", "emne", "tema", "dagsorden", "indhold"})
_KEYED_ABSENCES = frozenset(ABSENCE_WORDS)


def _keyed_pieces(table: Table) -> list[str] | None:
    """The points and absences of a two-column table of keys and values ("Punkter | Budgetopfølgning",
    "Afbud | KBN") under a date alone; None for any other table."""
    pieces: list[str] = []
    for row in table.rows:
        if len(row.cells) != 2:
            return None
        key = row.cells[0].text.lower().strip(" :")
        if key in _KEYED_POINTS:
            pieces += [p.text for p in row.cells[1].paragraphs]
        elif key in _KEYED_ABSENCES:
            pieces += [f"{key.capitalize()}: {', '.join(p.text for p in row.cells[1].paragraphs)}"]
        else:
            return None
    return pieces


def _span_end(pieces: list[str]) -> tuple[str, list[str]] | None:
    """The end of a period after a row's first date ("24. juni – 5. august", with the points after it
    or none), and the points; None when the row's text is no second date."""
    if not pieces or not pieces[0][:1].isdigit():
        return None
    m = _LABEL_START.match(pieces[0])
    if m is None or _label_kind(m.group("label")) != _DATED or m.group("hours"):
        return None
    after = pieces[0][m.end("label") :]
    if after[:1] == "-" and after[1:2].isalpha():
        return None  # "1. april-ændringer": a word made with the date, not a period's end
    return m.group("label"), [m.group("rest")] if m.group("rest") else []


_HOURS_FIRST_OPENINGS = ("kl", "Kl")  # `_HOURS_FIRST`'s screen: the points start with "kl."


def _hours_first(pieces: list[str]) -> tuple[str | None, list[str]]:
    """ "kl. 13-15: Budget 2027" first in a row's points: the row's hours as written, and the points without
    them; (None, the points) when they do not start with hours that read."""
    m = _HOURS_FIRST.match(pieces[0]) if pieces and pieces[0][:2] in _HOURS_FIRST_OPENINGS else None
    if m is None or read_hours(m.group("hours")) is None:
        return None, pieces
    rest = m.group("rest").strip()
    return m.group("hours"), ([rest] if rest else []) + pieces[1:]


def _absence_line(text: str) -> str:
    """An "Afbud" cell ("JK, LMT") as the row's absence line; a cell that says "Afbud: JK" already is kept."""
    text = " ".join(text.split())
    return text if _says_absence(text) else f"Afbud: {text}"


def _says_absence(text: str) -> bool:
    """ "Afbud: JK", "Kim deltager ikke", "Jonas og Lene er forhindret": a note of who is away, as it stands."""
    return bool(_ABSENCE_LEAD.match(text) or (ABSENCE_SCREEN.search(text) and ABSENCE.match(text)))


_ABSENCE_LEAD = re.compile(rf"^(?:{'|'.join(ABSENCE_WORDS)})\b", re.IGNORECASE)


def _members_only(table: Table, k: int, members: list[Member]) -> bool:
    """Every filled cell of column `k` is a member of the board, by initials or name ("ØK" or "KL" is none)."""
    names = {m.name for m in members}
    return all(
        resolve_person(" ".join(r.cells[k].text.split()).strip(" ."), members) in names
        for r in table.rows
        if len(r.cells) > k and r.cells[k].text.strip()
    )


def _cell_text(row, k: int | None) -> str | None:
    return row.cells[k].text if k is not None and k < len(row.cells) else None


def _point_below_date(block: Block) -> bool:
    """A paragraph or list item that can be a point under a date standing alone ("15. jan." and the
    points as a list below it); a heading, a table, a bold line, a lead-in ending in ":" or a case part
    ("Sagsfremstilling", "Punkter som afventer dato") ends them."""
    if isinstance(block, Table) or block.is_heading or (block.strong and not block.is_item):
        return False
    text = block.text
    return not (text.endswith(":") or is_part_line(block) or is_awaiting_title(text))


def _below_backlog_title(blocks: list[Block], i: int, start: int) -> bool:
    """The table at `i` is the backlog's, under its lead-in ("Punkter som afventer dato:"): the backlog reads it."""
    for k in range(i - 1, start - 1, -1):
        block = blocks[k]
        if isinstance(block, Paragraph) and block.text:
            return is_awaiting_title(block.text)
    return False


def _join_wrapped(blocks: list[Block], j: int, end: int, pieces: list[str]) -> int:
    """Join to the row's last piece the lines that continue it (a row wrapped in a copy from a PDF viewer:
    "26. feb. Status på implementering af ny styrings-" / "model for socialområdet"): lines right below it,
    without a paragraph break, that start in lower case. Returns the index after the last one joined."""
    while j < end:
        block = blocks[j]
        if not (
            isinstance(block, Paragraph) and block.broken and block.kind == PARA and block.text[:1].islower()
        ):
            break
        if _starts_row(block.text):
            break  # "d. 29/1 – Status" is the next row, not this one continued
        last = pieces[-1]
        hyphenated = last.endswith("-") and last[-2:-1].isalpha()
        pieces[-1] = last[:-1] + block.text if hyphenated else f"{last} {block.text}"
        j += 1
    return j


# "14.: Budget 2027", "d. 21. – Strategi": a day without its month, then a colon or a dash, then the points
_DAY_ONLY_ROW = re.compile(r"^(?:d\.\s*|den\s+)?(?P<day>\d{1,2})\.?\s*[:–-]\s*(?P<rest>\S.*)$")
_DAY_ONLY = re.compile(r"^(?:[A-Za-zæøå]+\.?\s+)?(?:d\.\s*|den\s+)?\d{1,2}\.?$")


def _month_above(blocks: list[Block], i: int, start: int) -> str | None:
    """The month a heading right above a table names ("December 2025", "Januar"), or None."""
    above = blocks[i - 1] if i > start else None
    if not isinstance(above, Paragraph) or len(above.text) > 20 or not _MONTH_HEADING.match(above.text):
        return None
    return above.text.rstrip(".").lower()


def _week_then_day(label: str, rest: str) -> tuple[str, str, str | None]:
    """ "Uge 7" and "onsdag 12. februar: Budget" -> ("Uge 7 (onsdag 12. februar)", "Budget", hours): a week
    label followed by its meeting's day is that day (the week is checked against it); else as it came."""
    if not _WEEK_LABEL.match(label) or not (rest[:1].isdigit() or rest[:1] in _WEEKDAY_INITIALS):
        return label, rest, None
    m = _LABEL_START.match(rest)
    day = m.group("label") if m else ""
    if not day or day[:1] in "Uu" or len(day) > 40 or parse_day_label(day) is None:
        return label, rest, None
    return f"{label} ({day})", m.group("rest"), m.group("hours")  # type: ignore[union-attr]


_WEEKDAY_INITIALS = frozenset("MmTtOoFfLlSsDd")  # "onsdag", "ons.", "d. 12/2", "den 12. februar"


def _starts_row(text: str) -> bool:
    m = _LABEL_START.match(text)
    return m is not None and _label_kind(m.group("label")) is not None


_DATED, _WEEKLY = "dated", "weekly"


def _label_kind(label: str) -> str | None:
    """What a row label found by `_LABEL_START` is: a day (`_DATED`), a week or weeks ("Uge 7", "Uge 7-8":
    `_WEEKLY`), or None (no row)."""
    if parse_day_label(_dated_label(label)) is not None:
        return _DATED
    if label[:1] not in "Uu" and (period(label) or two_days(label)):
        return _DATED  # "13.-17. april", "4./11. marts": read as its days by `_RowState.row`
    return _WEEKLY if _WEEK_LABEL.match(label) or _WEEK_RANGE.match(label) else None


def supersede(earlier: list[ForwardRow], later: list[ForwardRow]) -> list[ForwardRow]:
    """The earlier rows whose dates a later forward table does not give again: the later table (the minutes'
    updated plan in an appendix) is the newer word on its dates, and a point it moved is not kept twice."""
    dates = {r.date for r in later if r.date is not None}
    return [r for r in earlier if r.date not in dates] if dates else earlier


def _dated_label(label: str) -> str:
    """The part of a row label that holds its date: "15.1." of "Uge 3 (15.1.)"."""
    m = _WEEK_WITH_DATE.match(label) if label[:1] in "Uu" else None
    return (m.group("date") or m.group("after")) if m else label


def _unclear_closure(label: str, pos: Position) -> ParseWarning:
    """ "Ingen møder i resten af september": a no-meetings note whose days cannot be read closes nothing, said."""
    return ParseWarning(
        pos.line,
        f"'{label}': hvilke møder der ikke holdes, er ikke forstået (skriv en måned, uger eller datoer); "
        "ingen møder er aflyst",
        pos.page,
    )


class _RowState:
    def __init__(self, ref: date | None, members: list[Member]):
        self.ref, self.members = ref, members
        self.previous: date | None = None
        self.rows: list[ForwardRow] = []
        self.owner: str | None = None  # the "Ansvarlig" cell of the table row being read
        self.remark: str | None = None  # its "Bemærkning" cell
        self.month: str | None = None  # "december 2025", the heading above a table whose dates are days only
        self.warnings: list[ParseWarning] = []
        self.unparsed: list[ParseWarning] = []
        # The no-meetings sentences read, closed once the plan's rows are all read (`close`): their days fall
        # on the plan's own weekday, and a row with points below the sentence is seen.
        self.closures: list[tuple[str, list[tuple[date, date]], Position, date | None]] = []

    def row(
        self, label: str, pieces: list[str], pos: Position, in_table: bool = False, hours: str | None = None
    ) -> None:
        """A dated row; `hours` is what the row says of the meeting's hours apart from its label (a "Tid"
        column, the "kl. 13.00-15.00" after a paragraph's date)."""
        label = " ".join(label.split())
        if not label:
            if self.rows and pieces:  # an empty date cell continues the row above (a page break in the table)
                self._fill(self.rows[-1], pieces)
            return
        written = label
        day_month = parse_day_label(_dated_label(label) if label[:1] in "Uu" else label)
        stated = None
        if day_month is None and self.month and _DAY_ONLY.match(label):
            # "ons. 17." in a table under the heading "December 2025": the day of that month
            label = f"{label.rstrip('.')}. {self.month}"
            day_month = parse_day_label(label)
        if day_month is None and _may_have_hours(label):
            bare, stated = _split_hours(label)  # "Onsdag 18. marts 2026 kl. 13.00-15.00"
            if stated:
                label, day_month = bare, parse_day_label(_dated_label(bare))
        if day_month is None:
            if self._many_days(label, pieces, pos, hours):
                return  # "4./11. marts", "23.-27. marts", "Uge 13-14", "Ingen møder i juli"
            # In a forward-plan table every row is a date (or a month heading such as "November 2025"):
            # one that cannot be read is said, with its points.
            if _MONTH_HEADING.match(label) and not pieces:
                return
            year = _YEAR_ROW.fullmatch(label) if not pieces else None
            if year and (self.previous is None or int(year.group(0)) >= self.previous.year):
                # "2025" alone in a row: the rows below are in that year (read forward from its first day)
                start = date(int(year.group(0)), 1, 1)
                if not implausible(start, self.ref):
                    self.previous = max(self.previous or start, start)
                    return
            if in_table or _LOOKS_DATED.match(label):
                lost = f" (punkter: {'; '.join(pieces)[:120]})" if pieces else ""
                self.unparsed.append(
                    ParseWarning(
                        pos.line, f"dato i fremadrettet plan ikke forstået: '{written}'{lost}", pos.page
                    )
                )
            return
        row_date, warning = _row_date(day_month, label, self.previous, self.ref, pos)
        if warning:
            self.warnings.append(warning)
        week = _WEEK_WITH_DATE.match(label) if row_date and label[:1] in "Uu" else None
        if week and row_date and row_date.isocalendar().week != int(week.group(1)):
            said = f"{row_date.day}. {MONTH_NAMES[row_date.month - 1]} {row_date.year}"
            self.warnings.append(
                ParseWarning(
                    pos.line, f"'{label}': {said} ligger i uge {row_date.isocalendar().week}", pos.page
                )
            )
        dated = (
            _dated_label(label) if week else label
        )  # "Uge 7 (onsdag 12. februar)": its weekday is checked too
        lead = _WEEKDAY_LEAD.match(dated) if row_date and dated[:1].isalpha() else None
        if lead and row_date and WEEKDAYS[_weekday_name(lead.group(1))] != row_date.weekday():
            # "Onsdag 18. marts 2025" is a Tuesday: the weekday or the date is wrong; the date is read as written
            self.warnings.append(
                ParseWarning(
                    pos.line,
                    f"'{written}': {row_date.isoformat()} er en {WEEKDAY_NAMES[row_date.weekday()]}, "
                    f"ikke {_weekday_name(lead.group(1))}",
                    pos.page,
                )
            )
        self.previous = row_date or self.previous
        row = ForwardRow(row_date, pos.line, written, page=pos.page)
        if stated is None and not hours and pieces and pieces[0][:2] in _HOURS_FIRST_OPENINGS:
            hours, pieces = _hours_first(pieces)
        if stated or hours:
            self._hours(row, stated, hours, pos)
        content = self._fill(row, pieces)
        if self.remark:
            self._remark(row)
        self.rows.append(row)
        if row.date and (
            (row.closures and any("øde" in c for c in row.closures))
            or (content.points and says_no_meetings(content.points))
        ):
            self._closures_beyond(row, pos)

    def _closures_beyond(self, row: ForwardRow, pos: Position) -> None:
        """ "1. juli | Ingen møder i juli", "12. aug. | Ingen møder i uge 34-35": a closure whose own extent
        reaches past the row: a closure on every meeting day of it, the row's own day included when inside."""
        for text in (*row.closures, *(p.text for p in row.points)):
            rest = no_meetings(text)
            extent = closure_extent(rest, row.date) if rest is not None else []
            label = text.rstrip(".")
            if not extent:
                if rest is not None and names_time(rest):
                    # "Ingen møder i resten af september": the point stays as written, and it is said
                    self.warnings.append(_unclear_closure(label, pos))
                continue
            row.points = tuple(p for p in row.points if p.text != text)
            if label not in row.closures and any(a <= row.date <= b for a, b in extent):  # type: ignore[operator]
                row.closures += (label,)
            self._closed_days(label, extent, pos, after=row.date)

    def _many_days(self, label: str, pieces: list[str], pos: Position, hours: str | None) -> bool:
        """A label naming more than one meeting day: rows for them; False for any other label."""
        # A period with nothing in its cell says nothing of meetings (a ferieplan's "27. juni – 9. august" beside
        # its name): it stays a row not understood.
        if label[:1] in "Uu" and (_WEEK_LABEL.match(label) or (pieces and _WEEK_RANGE.match(label))):
            self.week_row(label, pieces, pos, hours=hours)  # "Uge 13-14" in a "Dato" column
            return True
        days = two_days(label)
        if days:
            self.several(list(days), label, pieces, pos, hours)
            return True
        span = period(label) if pieces else None
        if span:
            self.span(span[0], span[1], pieces, pos, written=label)
            return True
        rest = no_meetings(label)
        if rest is not None:
            self.no_meetings(label, rest, pos, quiet=False, place=self.previous or self.ref)
            return True
        if _MONTH_HEADING.match(label) and pieces:
            content = split_cell(pieces)
            if content.closures and not content.points:
                if all(says_no_meeting(c) for c in content.closures):
                    # "Juli | Ingen møder": every meeting of the month is off
                    extent = closure_extent(label, self.previous or self.ref)
                    for closure in content.closures:
                        self._closed_days(closure, extent, pos)
                    return bool(extent)
                # "Oktober | Efterårsferie": which of the month's meetings the holiday takes is not written
                self.warnings.append(
                    ParseWarning(
                        pos.line,
                        f"'{label}: {'; '.join(content.closures)}': hvilke møder der ikke holdes, er ikke forstået "
                        "(skriv uger eller datoer); ingen møder er aflyst",
                        pos.page,
                    )
                )
                return True
        return False

    def several(
        self,
        labels: list[str],
        written: str,
        pieces: list[str],
        pos: Position,
        hours: str | list[str | None] | None,
    ) -> None:
        """Rows for a label naming two meetings ("4./11. marts", "Uge 10 og 11"). The cell's closures and absences
        hold for both; its points go to the first (the same point twice would be two points to prepare), the
        second is a meeting without points, and that choice is said. `hours`: for all, or for each label; hours
        first in the points ("12. og 19. marts kl. 13-15: …") are every meeting's."""
        if hours is None:
            hours, pieces = _hours_first(pieces)
        each = hours if isinstance(hours, list) else [hours] * len(labels)
        before = len(self.rows)
        for label, own in zip(labels, each, strict=True):
            given = pieces if len(self.rows) == before else []
            if label[:1] in "Uu":
                self.week_row(label, given, pos, hours=own)
            else:
                self.row(label, given, pos, hours=own)
        self._share(self.rows[before:], written, pos)

    def _share(self, made: list[ForwardRow], written: str, pos: Position) -> None:
        """The rows of one label naming several meetings: each gets the first's closures and absences and the
        label as written; points the first row holds alone are said."""
        if not made:
            return
        first = made[0]
        for row in made:
            row.label = written
        for row in made[1:]:
            row.closures, row.absent = first.closures, first.absent
        if first.points:
            self._say_points_on_first(made, pos)

    def more_shared(self, rows: list[ForwardRow], text: str, pos: Position) -> None:
        """A line below a label naming several meetings (two days, a period) standing alone: read as that label's
        cell is (`several`): its closures and absences every meeting's, its points the first's, which is said."""
        first = rows[0]
        had_points = bool(first.points)
        self.more(first, text)
        for row in rows[1:]:
            row.closures, row.absent = first.closures, first.absent
        if first.points and not had_points:
            self._say_points_on_first(rows, pos)

    def _say_points_on_first(self, made: list[ForwardRow], pos: Position) -> None:
        """The warning that the points of a label naming several meetings are the first meeting's."""
        first = made[0]
        written = first.label
        others = ", ".join(_said(r.date) for r in made[1:] if r.date)
        if first.date and others:
            self.warnings.append(
                ParseWarning(
                    pos.line,
                    f"'{written}' nævner flere møder; punkterne er lagt på det første ({_said(first.date)}), "
                    f"{others} er læst som møde uden punkter",
                    pos.page,
                )
            )

    @property
    def weekday(self) -> int:
        """The board's meeting weekday: the document's own meeting day, else Wednesday."""
        return self.ref.weekday() if self.ref else DEFAULT_MEETING_WEEKDAY

    def no_meetings(self, text: str, rest: str, pos: Position, quiet: bool, place: date | None) -> bool:
        """ "Ingen møder i juli": a closure row for every meeting day it covers; one whose days cannot be read
        is said (unless `quiet`: the sentence may then be a point). Returns whether the text was read."""
        label = " ".join(text.split()).rstrip(".")
        extent = closure_extent(rest, place)  # the year at or after its place in the plan (`place`)
        if not extent:
            if not quiet:
                self.warnings.append(_unclear_closure(label, pos))
            return False
        self._closed_days(label, extent, pos)
        return True

    def _closed_days(
        self, label: str, extent: list[tuple[date, date]], pos: Position, after: date | None = None
    ) -> None:
        """Closed once the plan is read (`close`): every meeting day of `extent` after `after` (a row already made)."""
        self.closures.append((label, extent, pos, after))

    def plan_weekday(self) -> int:
        """The weekday most of the plan's dated rows fall on (a tie: the document's, else the earliest); the
        document's meeting weekday when the plan has no dated row, else Wednesday."""
        counts = Counter(r.date.weekday() for r in self.rows if r.date)
        if not counts:
            return self.weekday
        top = max(counts.values())
        tied = [day for day, count in counts.items() if count == top]
        return self.weekday if self.weekday in tied else min(tied)

    def close(self) -> None:
        """A closure row on every meeting day of each no-meetings sentence, on the plan's weekday, after the
        meeting (the agenda's own meeting is held); a sentence that closes no meeting is said."""
        if not self.closures:
            return
        weekday = self.plan_weekday()
        for label, extent, pos, after in self.closures:
            days = [day for start, end in extent for day in meeting_days(start, end, weekday)]
            later = [d for d in days if (after is None or d > after) and (self.ref is None or d > self.ref)]
            for day in later:
                self._close_day(label, day, pos)
            if later or (after and any(a <= after <= b for a, b in extent)):
                continue
            said = " og ".join(_said_extent(a, b) for a, b in extent)
            if days:
                why = f"{said} ligger ikke efter mødet {_said(self.ref)}"
            elif len(extent) == 1 and extent[0][0] == extent[0][1]:
                # "Ingen møder 22. december", a Monday: never closed as written, the day may be mistyped
                why = f"{said} er en {WEEKDAY_NAMES[extent[0][0].weekday()]}, ikke planens mødedag ({WEEKDAY_NAMES[weekday]})"
            else:
                why = f"{said} rummer ingen {WEEKDAY_NAMES[weekday]} (planens mødedag)"
            self.warnings.append(ParseWarning(pos.line, f"'{label}': {why}; ingen møder er aflyst", pos.page))

    def _close_day(self, label: str, day: date, pos: Position) -> None:
        held = next((r for r in self.rows if r.date == day), None)
        if held is None:
            self._insert(ForwardRow(day, pos.line, label, closures=(label,), page=pos.page))
        elif held.points:
            # "Ingen møder i juli" and "8. juli | Budget": the plan says both; the points stay, and it is said
            self.warnings.append(
                ParseWarning(
                    pos.line,
                    f"'{label}', men {_said(day)} har punkter i planen; mødet er ikke aflyst",
                    pos.page,
                )
            )
        elif label not in held.closures:
            held.closures += (label,)

    def _insert(self, row: ForwardRow) -> None:
        """Add a row in date order (a closure read from a note below the table may fall among its rows)."""
        k = len(self.rows)
        while k > 0 and (self.rows[k - 1].date is None or self.rows[k - 1].date > row.date):  # type: ignore[operator]
            k -= 1
        self.rows.insert(k, row)

    def span(
        self, label: str, until_label: str, pieces: list[str], pos: Position, written: str | None = None
    ) -> None:
        """A period ("24. juni – 5. august", "23.-27. marts"): a row on every meeting day inside it (the board's
        weekday, not the period's first day). The cell's closures and absences hold for each, its points go to
        the first (`_share`); a period without a meeting day is read on its first day, and one that cannot be
        read is said, with its first day read."""
        before = len(self.rows)
        self.row(label, pieces, pos)
        first = self.rows[before] if len(self.rows) > before else None
        if first is None or first.date is None:
            return
        del self.rows[before + 1 :]  # "1. juli – 5. august | Ingen møder i juli": the period's own days
        day_month = parse_day_label(_dated_label(" ".join(until_label.split())))
        last, warning = (
            _row_date(day_month, until_label, first.date, self.ref, pos) if day_month else (None, None)
        )
        weeks = (last - first.date).days // 7 if last else -1
        if warning or last is None or weeks < 0 or weeks >= _LONGEST_WEEK_RANGE:
            self.warnings.append(
                ParseWarning(
                    pos.line,
                    f"perioden '{label} – {until_label}' i den fremadrettede plan er ikke forstået; "
                    f"kun {first.date.isoformat()} er læst",
                    pos.page,
                )
            )
            return
        first.label = written or f"{first.label} – {until_label}"
        days = meeting_days(first.date, last, self.weekday)
        if not days:
            if first.points:
                # "23.-24. april | KB-seminar": no meeting day inside; read on its first day, and said
                self.warnings.append(
                    ParseWarning(
                        pos.line,
                        f"perioden '{first.label}' rummer ingen {WEEKDAY_NAMES[self.weekday]}; "
                        f"punkterne er lagt på {_said(first.date)}",
                        pos.page,
                    )
                )
            return
        first.date = days[0]
        for point in first.points:
            point.date = days[0]
        made = [first]
        for day in days[1:]:
            made.append(
                ForwardRow(day, pos.line, first.label, page=pos.page, start=first.start, end=first.end)
            )
        self.rows += made[1:]
        self._share(made, first.label, pos)
        self.previous = made[-1].date

    def _hours(
        self, row: ForwardRow, stated: tuple[time, time | None] | None, hours: str | None, pos: Position
    ) -> None:
        """The row's own hours: from its label, else from `hours`; hours that cannot be read are said."""
        if stated is None and hours and hours.strip():
            stated = read_hours(hours)
            if stated is None:
                self.warnings.append(
                    ParseWarning(
                        pos.line, f"mødetidspunkt ikke forstået: '{' '.join(hours.split())}'", pos.page
                    )
                )
        if stated:
            row.start, row.end = stated

    def week_row(
        self,
        label: str,
        pieces: list[str],
        pos: Position,
        written: str | None = None,
        hours: str | None = None,
    ) -> None:
        """A row labelled by week number ("Uge 51"): the meeting's weekday in that ISO week. `written`: the
        label as the document writes it, when `label` is one week of a range."""
        label = " ".join(label.split())
        m = _WEEK_LABEL.match(label)
        weeks = _WEEK_RANGE.match(label) if not m else None
        if weeks:
            first, last = int(weeks.group(1)), int(weeks.group(2))
            count = (last - first) % 53 + 1
            if count > _LONGEST_WEEK_RANGE:
                self.warnings.append(ParseWarning(pos.line, f"ugyldigt ugeinterval '{label}'", pos.page))
                return
            before = len(self.rows)
            for k in range(count):
                week = (first - 1 + k) % 53 + 1
                if week == 53 and _week_date(53, self.previous, self.ref) is None:
                    continue  # "uge 52-1" in a year of 52 weeks
                given = pieces if len(self.rows) == before else []
                self.week_row(f"uge {week}", given, pos, label, hours)
            self._share(self.rows[before:], written or label, pos)
            return
        if not m:
            if _MONTH_HEADING.match(label) and not any(p.strip() for p in pieces):
                return  # "December 2025" merged across the table: a month heading, not a week
            if label[:1] in "Uu" and _WEEK_WITH_DATE.match(label):
                # "uge 50 (10. dec.)" in an "Uge" column: the bracketed date is read, its week checked
                self.row(label, pieces, pos, in_table=True, hours=hours)
                return
            days = two_days(label, weeks=True)
            if days:
                self.several(list(days), label, pieces, pos, hours)  # "Uge 10 og 11", "10 og 11"
                return
            if not label and self.rows and pieces:
                self._fill(self.rows[-1], pieces)
            elif label:
                self.unparsed.append(
                    ParseWarning(pos.line, f"uge i fremadrettet plan ikke forstået: '{label}'", pos.page)
                )
            return
        row_date = _week_date(int(m.group(1)), self.previous, self.ref)
        label = written or label
        if row_date is None:
            self.warnings.append(ParseWarning(pos.line, f"ugyldig uge '{label}'", pos.page))
        self.previous = row_date or self.previous
        row = ForwardRow(date=row_date, line=pos.line, label=label, page=pos.page)
        if hours:
            self._hours(row, None, hours, pos)
        self._fill(row, pieces)
        if self.remark:
            self._remark(row)
        self.rows.append(row)

    def month_heading(self, text: str) -> None:
        """ "December 2025" standing over the rows below: read forward from that month's first day, as a year
        alone in a row is."""
        month, year = text.rstrip(".").split()
        start = date(int(year), MONTHS[month.lower()], 1)
        if not implausible(start, self.ref) and (self.previous is None or start >= self.previous):
            self.previous = start

    def more(self, row: ForwardRow, text: str) -> None:
        """A point under its row's date, or (starting in lowercase) the wrapped rest of the last point."""
        if text[:1].islower() and row.points:
            row.points[-1].text += " " + text
        else:
            self._fill(row, [text])

    def fill(self, row: ForwardRow, pieces: list[str]) -> None:
        """Points, closures and absences read from below the row's date (a table of keys and values)."""
        self._fill(row, pieces)

    def _fill(self, row: ForwardRow, pieces: list[str]) -> CellContent:
        content = split_cell(pieces)
        # Most cells hold points alone: the closures, absences and owner are looked at only where there are any.
        if content.closures:
            row.closures += content.closures
        if content.absences:
            row.absent += tuple(resolve_person(n, self.members) for n in content.absences)
        texts = content.points
        for name, text in content.short_absences:
            member = self._member(name)
            if member:
                row.absent += (member,)
            else:
                texts += (text,)  # "Status: ferie": no member of that name, so a point as written
        if not texts:
            return content
        owner = " ".join(self.owner.split()) if self.owner else None
        owner = resolve_person(owner, self.members) if owner and owner not in ("-", "–") else None
        points = []
        for text in texts:
            text, point_owner = with_owner(text, owner, self.members)  # "Sundhedspolitik (LMT)"
            point = AgendaPoint(text, row.line, row.date, "forward_plan", page=row.page, owner=point_owner)
            if " fra " in text and any(w in text.lower() for w in _MOVED_WORDS):
                self._moved_from(point, row)
                text = point.text
            # "Lukket punkt: Personalesag" (its first letter screens the pattern: no other letter folds to "l")
            point.closed = text[:1] in "Ll" and bool(_CLOSED_POINT.match(text))
            # A wrong date inside a point ("Møde med KKR d. 31. februar") is said, never read as another.
            for problem in find_dates(text, row.date or self.ref)[1] if _DIGIT.search(text) else ():
                self.warnings.append(ParseWarning(row.line, problem.message, row.page))
            points.append(point)
        row.points += tuple(points)
        return content

    def _member(self, name: str) -> str | None:
        """The member a name or initials as written are ("Kim", "KBN"), or None."""
        resolved = resolve_person(name, self.members)
        return resolved if any(m.name == resolved for m in self.members) else None

    def _remark(self, row: ForwardRow) -> None:
        """A remark cell that cancels the meeting ("Aflyst") is the row's closure; "Udsat fra 22/4" is where its
        points come from."""
        text = " ".join(self.remark.split()) if self.remark else ""
        if not text:
            return
        if is_closure(text):
            row.closures += (text.rstrip("."),)
            return
        if _says_absence(text):
            # "Afbud: LMT", "Kim deltager ikke" in the remarks: who is away, as in the points
            said = split_cell([text])
            row.absent += tuple(resolve_person(n, self.members) for n in said.absences)
            row.absent += tuple(m for m in (self._member(n) for n, _ in said.short_absences) if m)
            return
        lowered = text.lower()
        if row.points and any(w in lowered for w in _MOVED_WORDS):
            for point in row.points:
                if point.note is None:
                    titled = point.text
                    point.text = f"{titled} ({text})"
                    self._moved_from(point, row)
                    if point.note is None:  # no date after all: the remark stays a remark
                        point.text = titled
        elif "møde" in lowered or any(name in lowered for name in WEEKDAY_NAMES):
            # "Mødet holdes torsdag": the meeting may be on another day than the row says; not guessed, said
            self.warnings.append(
                ParseWarning(row.line, f"bemærkning om mødet er ikke læst: '{text[:80]}'", row.page)
            )
        else:
            # "Afholdes virtuelt", "Husk bilag": a remark the plan has no place for is said, not dropped
            self.warnings.append(ParseWarning(row.line, f"bemærkning ikke læst: '{text[:80]}'", row.page))

    def _moved_from(self, point: AgendaPoint, row: ForwardRow) -> None:
        """ "Rekruttering (udsat fra 4/3)": the point is "Rekruttering", put off from 4 March (its note), so the
        plan moves the point it already has instead of adding a second one."""
        m = _MOVED_FROM.search(point.text)
        if not m or m.start() == 0:
            return
        spans, _ = find_dates(m.group("when"), row.date or self.ref, bias="past")
        whole = spans and spans[0].pos == 0 and spans[0].endpos == len(m.group("when").rstrip(" ."))
        if not whole:
            return  # "udsat fra sidste møde", "flyttet fra KB": the text stays as written
        point.text = point.text[: m.start()].rstrip(" ,–—-")
        point.note = f"{m.group('note').split()[0].lower()} fra {spans[0].start.isoformat()}"


def _said(day: date | None) -> str:
    """ "11. marts 2026": a date as a warning says it."""
    return f"{day.day}. {MONTH_NAMES[day.month - 1]} {day.year}" if day else "?"


def _said_extent(start: date, end: date) -> str:
    """ "22. december 2025" or "22. december 2025 – 4. januar 2026": a closure's days as a warning says them."""
    return _said(start) if start == end else f"{_said(start)} – {_said(end)}"


def _row_date(
    day_month: tuple[int, int, int | None], label: str, previous: date | None, ref: date | None, pos: Position
) -> tuple[date | None, ParseWarning | None]:
    day, month, year = day_month
    if year is not None:
        try:
            written = date(year, month, day)
        except ValueError:
            return None, ParseWarning(pos.line, f"ugyldig dato '{label}'", pos.page)
        reason = implausible(written, ref)
        if reason:
            return None, ParseWarning(pos.line, f"'{label}': {reason}", pos.page)
        if previous and (previous - written).days > _SAME_WEEK_DAYS:
            # "18.03.25" below "11.03.26": a year mistyped, or a row out of order; read as written, and said
            return written, ParseWarning(
                pos.line, f"'{label}' kommer før rækken over; læst som {written.isoformat()}", pos.page
            )
        if previous is None and ref and (ref - written).days > _LONGEST_LOOK_BACK_DAYS:
            return written, ParseWarning(
                pos.line, f"'{label}' ligger før mødets dato; læst som {written.isoformat()}", pos.page
            )
        return written, None
    anchor = previous or ((ref - timedelta(days=14)) if ref else None)
    if anchor is None:
        return None, ParseWarning(
            pos.line, f"årstal for '{label}' kan ikke udledes: mødedatoen er ukendt", pos.page
        )
    # A forward table runs forward: the first date on or after the previous row (past December -> next year).
    for candidate_year in (anchor.year, anchor.year + 1, anchor.year + 2):
        try:
            candidate = date(candidate_year, month, day)
        except ValueError:
            continue
        if candidate >= anchor:
            if previous and (candidate - previous).days > _LONGEST_STEP_DAYS:
                # "14. jan." after "21. jan.": read forward, it is next year; say so rather than jump silently.
                return candidate, ParseWarning(
                    pos.line, f"'{label}' kommer før rækken over; læst som {candidate.isoformat()}", pos.page
                )
            return candidate, None
    return None, ParseWarning(
        pos.line, f"ugyldig dato '{label}': {day}. {MONTH_NAMES[month - 1]} findes ikke", pos.page
    )


def _week_date(week: int, previous: date | None, ref: date | None) -> date | None:
    """The meeting weekday of ISO week `week`, the first such date on or after the previous row."""
    if ref is None:
        return None
    anchor = previous or (ref - timedelta(days=7))
    for year in (anchor.year, anchor.year + 1):
        try:
            candidate = date.fromisocalendar(year, week, ref.isoweekday())
        except ValueError:
            continue
        if candidate >= anchor:
            # "Uge 52-1" in a year of 52 weeks: week 53 is next year's December, no week of this plan
            return candidate if (candidate - anchor).days <= _LONGEST_STEP_DAYS else None
    return None


# "Punkter som afventer dato: Arbejdsmiljøstrategi; Regeringens lovprogram": the lead-in with its points after it
_AWAITING_INLINE = re.compile(
    r"^(?:\d{1,2}\.\s+)?" + _AWAITING_WORDS + r"\s*:\s*(?P<rest>\S.*)$",
    re.IGNORECASE,
)


def _may_await(para: Paragraph) -> bool:
    """The screen of `_AWAITING` and `_AWAITING_INLINE`: their first character (a case number, "Punkter",
    "Afventer"; re.IGNORECASE folds no other letter with these), then "afventer" in any case."""
    first = para.text[:1]
    return (first in "PpAaBbUu" or first.isdecimal()) and any(w in para.lower for w in _AWAITING_STEMS)


def _awaiting_inline(para: Paragraph) -> str | None:
    """The points written after the backlog's lead-in on its own line, or None."""
    if not _may_await(para):
        return None
    m = _AWAITING_INLINE.match(para.text)
    return m.group("rest") if m else None


def is_awaiting_title(text: str) -> bool:
    """A heading or line that opens the backlog ("2. Punkter som afventer dato", also in capitals)."""
    # Asked of every paragraph: the pattern's first character first (a case number, "Punkter", "Afventer";
    # re.IGNORECASE folds no other letter with these), then its word in any case.
    first = text[:1]
    return (
        (first in "PpAaBbUu" or first.isdecimal())
        and any(w in text.lower() for w in _AWAITING_STEMS)
        and bool(_AWAITING.match(text))
    )


_NOTHING_WAITS = frozenset({"ingen", "ingen punkter", "-", "–"})
_LONGEST_TYPED_POINT = 120  # a point, not a paragraph of prose


def _typed_below(block: Paragraph) -> bool:
    """A point typed as a plain line right below the backlog's lead-in (a line break, no blank line), as a
    text export writes a list without its bullets."""
    text = block.text
    return (
        block.broken
        and block.kind == PARA
        and not block.strong
        and len(text) <= _LONGEST_TYPED_POINT
        and not text.endswith(":")
        and text.lower().rstrip(".") not in _NOTHING_WAITS
    )


def _backlog_table(table: Table, members: list[Member]) -> list[tuple[Paragraph, str, str | None]]:
    """A backlog laid out as a table: every cell's paragraphs; under a header row ("Punkt | Ansvarlig") only
    the points' columns, each with the row's owner."""
    header = [t.lower().strip(" :") for t in table.rows[0].texts()] if table.rows else []
    named = [h for h in header if h]
    if not named or not all(
        h in _POINT_HEADERS or h in _NOT_POINT_HEADERS or h in _OWNER_HEADERS for h in named
    ):
        owned = owner_column(table, members)  # no header row: an owner column is known by its initials
        if owned is None:
            return [(p, p.text, None) for row in table.rows for c in row.cells for p in c.paragraphs]
        out = []
        for row in table.rows:
            owner = " ".join(row.cells[owned].text.split()) if owned < len(row.cells) else ""
            owner = resolve_person(owner, members) if owner else None
            out += [(p, p.text, owner) for k, c in enumerate(row.cells) if k != owned for p in c.paragraphs]
        return out
    owned = next((k for k, h in enumerate(header) if h in _OWNER_HEADERS), None)
    wanted = [k for k, h in enumerate(header) if h in _POINT_HEADERS]
    out = []
    for row in table.rows[1:]:
        owner = (
            " ".join(row.cells[owned].text.split()) if owned is not None and owned < len(row.cells) else ""
        )
        owner = resolve_person(owner, members) if owner and owner not in ("-", "–") else None
        out += [(p, p.text, owner) for k in wanted if k < len(row.cells) for p in row.cells[k].paragraphs]
    return out


def parse_awaiting(
    blocks: list[Block], start: int, end: int, ref: date | None, members: list[Member] | None = None
) -> list[AgendaPoint]:
    """Items under 'Punkter som afventer dato:' (the backlog); a date hint goes to the note."""
    points: list[AgendaPoint] = []
    read_to = start  # the blocks above this were read as a backlog's points
    for i in range(start, end):
        if i < read_to:
            continue
        block = blocks[i]
        # Asked of every block of every section: `_may_await` written out (the screen of both
        # `is_awaiting_title` and `_awaiting_inline`) passes over all but the lead-in without a call.
        if isinstance(block, Table):
            continue
        first = block.text[:1]
        if not (first in "PpAaBbUu" or first.isdecimal()) or not any(
            w in block.lower for w in _AWAITING_STEMS
        ):
            continue
        if not is_awaiting_title(block.text):
            inline = _awaiting_inline(block)
            if inline and inline.lower().rstrip(".") not in _NOTHING_WAITS:
                points += [
                    _awaiting_point(text, block, ref, None)
                    for text in split_items([inline])
                    if text.lower().rstrip(".") not in _NOTHING_WAITS
                ]
            continue
        j = i + 1
        if is_case_status(blocks, j) and j + 1 < end:
            j += 1  # "2. Punkter som afventer dato" is a case of its own: its "Åben sag" comes first
        counted = 0  # a list numbered "1.", "2.", … as typed (or as a printed <ol> reads)
        while j < end:
            nxt = blocks[j]
            if isinstance(nxt, Table):
                texts = _backlog_table(nxt, members or [])
            elif nxt.is_item:
                # "- Arbejdsmiljøstrategi og" / "  trivselsmåling": an item's wrapped line is the item's
                pieces = [nxt.text]
                j = _join_wrapped(blocks, j + 1, end, pieces) - 1
                texts = [(nxt, pieces[0], None)]
            elif (m := _COUNTED.match(nxt.text)) and int(m.group(1)) == counted + 1:
                counted += 1
                texts = [(nxt, m.group(2), None)]
            elif counted == 0 and not nxt.text[:1].isdigit() and _typed_below(nxt):
                texts = [(nxt, nxt.text, None)]  # "Afventer dato:" / "Evaluering af …" on the lines below it
            else:
                break
            for para, text, owner in texts:
                text, owner = with_owner(text, owner, members or [])  # "Arbejdsmiljøstrategi (LMT)"
                points.append(_awaiting_point(text, para, ref, owner))
            j += 1
        read_to = j
    return points


def _awaiting_point(text: str, para: Paragraph, ref: date | None, owner: str | None) -> AgendaPoint:
    """A point of the backlog; a date in it is a hint, its note."""
    spans, _ = find_dates(text, ref, bias="future")
    hint = spans[0].start.isoformat() if spans else None
    return AgendaPoint(
        text,
        para.pos.line,
        None,
        "awaiting_date",
        note=f"datoforslag {hint}" if hint else None,
        page=para.pos.page,
        owner=owner,
    )
