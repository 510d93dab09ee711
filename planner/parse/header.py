"""The document header: kind, date, times, place, members and absent members.

Fields come as "Key: value" paragraphs, several on one flattened line ("Møde nr. : 3 Sted :
Rådhuset Dato : 12. september 2007 Start kl. : 9.00"), as a two-column table, or as list
items; a value may continue on the next lines (members one per line).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import pairwise

from planner.danish import MONTH_NAMES, WEEKDAY_NAMES, words_pattern
from planner.dates import HOURS_WITH_KL, find_dates, iso_date, parse_time_range, read_hours
from planner.documents import Block, Paragraph, Position, Table
from planner.documents.model import PAGE_HEADER
from planner.parse.cells import ABSENCE_REASON_WORDS
from planner.parse.issue import is_issue_line
from planner.parse.model import MeetingHeader, Member, ParseWarning
from planner.parse.political import is_cycle_line

_KEYS = {
    "sted": "location",
    "mødested": "location",
    "lokale": "location",
    "mødelokale": "location",
    "dato": "date",
    "mødedato": "date",
    "dato og tid": "date",
    "dato og tidspunkt": "date",
    "start kl.": "start",
    "start kl": "start",
    "start": "start",
    "mødestart": "start",
    "starttidspunkt": "start",
    "slut kl.": "end",
    "slut kl": "end",
    "slut": "end",
    "mødeslut": "end",
    "sluttidspunkt": "end",
    "tid": "time",
    "tidspunkt": "time",
    "mødetidspunkt": "time",
    "mødetid": "time",
    "kl.": "time",
    "klokken": "time",
    "medlemmer": "members",
    "deltagere": "members",
    "deltagere i mødet": "members",
    "fraværende": "absent",
    "afbud": "absent",
    "fravær": "absent",
    "afbud fra": "absent",
    "fraværende med afbud": "absent",
    "fraværende uden afbud": "absent",
    # as other secretariats name the field in the minutes
    "deltog ikke": "absent",
    "ikke til stede": "absent",
    "forhindret": "absent",
    # Who takes the minutes or chairs the meeting: read as a field, so the names are neither members nor absent.
    "referent": "minutes_by",
    "mødeleder": "minutes_by",
    "ordstyrer": "minutes_by",
    "møde nr.": "number",
    "møde nr": "number",
    "mødenummer": "number",
}
_KEY_RE = re.compile(
    r"(?:^|(?<=\s))(?P<key>"
    + "|".join(re.escape(k) for k in sorted(_KEYS, key=len, reverse=True))
    + r")\s{0,3}:",
    re.IGNORECASE,
)
_LONGEST_KEY = 30
_KIND = re.compile(r"^(referat|dagsorden|beslutningsprotokol|mødereferat)\b", re.IGNORECASE)
_KIND_ANYWHERE = re.compile(r"\b(referat|dagsorden|beslutningsprotokol|mødereferat)\b", re.IGNORECASE)
_KIND_AFTER_DASH = re.compile(r"–\s*(referat|dagsorden|beslutningsprotokol|mødereferat)\s*$", re.IGNORECASE)
_VACANT = re.compile(r"^(vakant|ledig|ikke besat)\.?$", re.IGNORECASE)
_FOOTER = re.compile(r"\s*\b(?:[A-ZÆØÅ][a-zæøå]+\s+Kommune|Direktionen)\s*$")
_NAME = re.compile(r"^[A-ZÆØÅ][\wæøåÆØÅ.'-]*(?:\s+[A-ZÆØÅ][\wæøåÆØÅ.'-]*){0,4}$")
_TOC = re.compile(r"^(?:Indholdsfortegnelse|Indhold)\s*:?$", re.IGNORECASE)
_IGNORED = re.compile(
    r"^(?:direktionen|direktionsmødet?|koncernledelse(?:n|smødet?)?|chefgruppe(?:n|mødet?)?|ledergruppen?"
    r"|indkaldelse|[a-zæøå ]*kommune|side \d+( af \d+)?"
    r"|(?:møde)?forum\s*:\s*[^:\d]{0,60})$",  # "Mødeforum: Koncernledelsen": the board, nothing to read
    re.IGNORECASE,
)
_ROLE_WORD = re.compile(r"(direktør|chef|borgmester|sekretær|konsulent|formand|leder)$", re.IGNORECASE)
# Members are separated by commas or semicolons, or by "og" before the next member's title.
_MEMBER_SPLIT = re.compile(
    r",|;|(?<!-)\s+og\s+(?=[\wæøåÆØÅ-]*(?:direktør|chef|borgmester|sekretær|formand)\b)", re.IGNORECASE
)


@dataclass
class HeaderResult:
    kind: str | None
    meeting: MeetingHeader
    end: int  # blocks before this index were read as the header
    warnings: list[ParseWarning] = field(default_factory=list)
    unparsed: list[ParseWarning] = field(default_factory=list)
    undated: tuple[int, int, int | None, Position] | None = (
        None  # day, month, weekday, where: a date without year
    )
    title_lines: list[Paragraph] = field(default_factory=list)
    issue_lines: list[Paragraph] = field(default_factory=list)  # "Rettet udgave", "Udsendt d. 10. januar"


def _header_lines(blocks: list[Block], stop: int) -> Iterator[tuple[int, Paragraph | None]]:
    """The header's paragraphs; a key/value table contributes one line per row, a table without any key
    row stands as None (after the header's fields it is the document's body: a forward table). Made as they
    are read: the header often ends early (at a table of contents), its table unread."""
    for i, block in enumerate(blocks[:stop]):
        if isinstance(block, Table):
            across = _keys_across(block)
            if across is not None:
                yield from ((i, line) for line in across)
                continue
            keyed = False
            for row in block.rows:
                texts = [t for t in row.texts() if t]
                if texts and _KEY_RE.match(texts[0] if ":" in texts[0] else texts[0] + ":"):
                    keyed = True
                    first = texts[0] if texts[0].rstrip().endswith(":") else texts[0] + ":"
                    values = [p for c in row.cells[1:] for p in c.paragraphs]
                    head = f"{first} {values[0].text}" if values else first
                    yield i, Paragraph(head, row.pos)
                    yield from ((i, Paragraph(p.text, p.pos, broken=True)) for p in values[1:])
            if not keyed and len(block.rows) >= 2:
                yield i, None
            continue
        yield i, block


def _keys_across(table: Table) -> list[Paragraph] | None:
    """A letterhead table with its keys across a row and their values in the last row below them
    ("Dato | Tid | Sted" over "Onsdag den 8. januar 2025 | Kl. 9-11 | Rådhuset"): one "key: value" line per
    column; None for any other table."""
    if len(table.rows) < 2:
        return None
    keys, values = table.rows[-2], table.rows[-1]
    cells = keys.cells
    if len(cells) < 2 or len(values.cells) != len(cells):
        return None
    names = [c.text.strip().rstrip(" :") for c in cells]
    if any(len(n) > _LONGEST_KEY or n.lower() not in _KEYS for n in names):
        return None
    lines: list[Paragraph] = []
    for name, cell in zip(names, values.cells, strict=True):
        paragraphs = [p for p in cell.paragraphs if p.text]
        if paragraphs:
            lines.append(Paragraph(f"{name}: {paragraphs[0].text}", paragraphs[0].pos))
            lines.extend(Paragraph(p.text, p.pos, broken=True) for p in paragraphs[1:])
    return lines


# The opening and closing words of a letter or an e-mail: a greeting, the covering sentence, the sign-off (short
# and without a digit: "Hermed dagsorden til mødet onsdag d. 15/1 kl. 9-13" holds the meeting's own facts)
_LONGEST_LETTER_LINE = 60
_DIGIT = re.compile(r"\d")
_LETTER = re.compile(
    r"(?:hej|hejsa|kære|goddag|god\s+dag|hermed|vedhæftet|vedlagt|i\s+kan\s+hermed|venlig(?:st)?\s+hilsen"
    r"|med\s+venlig\s+hilsen|mvh|de\s+bedste\s+hilsner|bedste\s+hilsner)\b",
    re.IGNORECASE,
)


def parse_header(blocks: list[Block], stop: int) -> HeaderResult:
    """Read key/value header paragraphs before block index `stop` (the first section)."""
    kind = None
    values: dict[str, list[tuple[Position, str]]] = {}
    current: str | None = None
    unparsed: list[ParseWarning] = []
    titles: list[Paragraph] = []
    issues: list[Paragraph] = []
    prose: list[Paragraph] = []  # longer lines of the title block: a meeting date may stand in a sentence
    end = stop
    seen_key = False
    in_page_header = saw_page_header = False
    part = ""  # the part of the lines so far: "" in every format but Word and e-mail (a cheap screen)
    for i, para in _header_lines(blocks, stop):
        if para is not None and para.pos.part != part:
            part = para.pos.part
            if in_page_header != _in_page_header(para.pos):
                # A Word page header stands before the body: the body is read afresh after it, as if
                # alone (a "Dato:" of the letterhead neither ends the body's title block nor runs on).
                in_page_header = not in_page_header
                seen_key, current, saw_page_header = False, None, True
        if para is None:
            if seen_key and stop == len(blocks):
                end = (
                    i  # no sections: a table of no keys after the fields ("Uge | Dato | Punkter") is the body
                )
                break
            continue
        text = para.text
        if text[:1] in _TOC_INITIALS and _TOC.match(text):
            end = i
            break
        fields = _fields(text) if ":" in text else ()
        if fields:
            seen_key = True
            for current, value in fields:
                values.setdefault(current, []).append((para.pos, value))
            continue
        if (
            (para.is_heading or para.strong)
            and len(text) <= _LONGEST_KEY
            and text.lower().rstrip(" :") in _KEYS
        ):
            # "Mødedato" / "Deltagere" as a heading with the value below it (an HTML export's field headings)
            current = _KEYS[text.lower().rstrip(" :")]
            values.setdefault(current, [])
            seen_key = True
            continue
        issue = is_issue_line(text)
        if issue:
            issues.append(para)
        km = _KIND.match(text) or (_KIND_ANYWHERE.search(text) if issue else None)  # "Rettet dagsorden"
        if km is None and "–" in text and len(text) < 60:
            km = _KIND_AFTER_DASH.search(text)  # "Direktionen – referat"
        if km and len(text) < 120:
            # "Dagsorden og referat" (EG/Acadre's title for the minutes) is the minutes
            kind = (
                "dagsorden"
                if km.group(1).lower() == "dagsorden" and "referat" not in text.lower()
                else "referat"
            )
            titles.append(para)
            current = None
            continue
        if issue:
            current = None
            continue
        if current and _continues(current, para, values):
            values[current].append((para.pos, text))
            continue
        current = None
        if _IGNORED.match(text):
            continue
        if seen_key and (para.is_heading or len(text) > 200):
            end = i
            break
        if not seen_key and (para.is_heading or para.strong or len(text) < 120):
            titles.append(para)  # "Direktionen", "Dagsorden til møde i Direktionen onsdag den 4. marts 2026"
            if para.is_heading or para.strong or find_dates(text, None)[0]:
                continue
        elif not seen_key and len(text) <= _LONGEST_PROSE:
            # "Der indkaldes hermed til møde i direktionen, som afholdes onsdag den 4. marts …"
            prose.append(para)
        if is_cycle_line(text):
            continue  # "Rul januar: ØK d. 7/1 2025, …" under the fields of a document without sections: the cycle
        # "Hej alle", "Hermed dagsordenen …" of the e-mail (or letter) the agenda came in: said as what it is
        letter = len(text) <= _LONGEST_LETTER_LINE and _LETTER.match(text) and not _DIGIT.search(text)
        said = "brevtekst (ikke en del af dokumentet)" if letter else "overskriftslinje ikke forstået"
        unparsed.append(ParseWarning(para.pos.line, f"{said}: {text[:80]}", para.pos.page, para.pos.part))
    meeting = MeetingHeader()
    warnings: list[ParseWarning] = []
    if saw_page_header:
        body, page = _DateSources.split(values, titles, prose)
    else:  # the usual case, every format but Word: all is the body
        body = _DateSources(values.get("date", []), values.get("time", []), titles, prose)
        page = _NO_PAGE_HEADER
    undated = body.read(meeting, warnings, unparsed)
    if saw_page_header and page.lines:
        undated = _with_page_header_date(body, page, meeting, undated, warnings, unparsed)
    for key in ("start", "end"):
        for _pos, value in values.get(key, []):
            start, _ = parse_time_range(value)
            if start:
                setattr(meeting, key, start)
    for _pos, value in [*body.time, *body.date, *page.time, *page.date]:  # the body's hours first
        start, end_time = parse_time_range(_after_date(value))
        if start is None and "kl" in value.lower():
            found = _HOURS_IN.search(_after_date(value))  # "kl. 9-11": whole hours, no minutes
            stated = read_hours(found.group("hours")) if found else None
            start, end_time = stated or (None, None)
        meeting.start = meeting.start or start
        meeting.end = meeting.end or end_time
    location = [_strip_footer(v) for _, v in values.get("location", []) if _strip_footer(v)]
    meeting.location = ", ".join(location) if location else None
    meeting.members = [m for _, v in values.get("members", []) for m in parse_members(v)]
    for pos, value in values.get("absent", []):
        for name in _absent_names(value):
            if _PART_OF_THE_MEETING.search(name):
                # "Lene Mehlsen Thomsen deltog fra punkt 3": there for part of the meeting, not away; said
                warnings.append(
                    ParseWarning(
                        pos.line, f"delvis deltagelse er ikke læst som fravær: '{name[:80]}'", pos.page
                    )
                )
            else:  # "KBN (ferie)": the name, without why
                meeting.absent.append(resolve_person(_ABSENCE_REASON.sub("", name) or name, meeting.members))
    return HeaderResult(kind, meeting, end, warnings, unparsed, undated, titles, issues)


_TOC_INITIALS = frozenset("Iiİı")  # the letters `_TOC`'s first one matches, as re.IGNORECASE folds


@lru_cache(maxsize=4096)  # a series of agendas repeats its header's lines
def _fields(text: str) -> tuple[tuple[str, str], ...]:
    """("date", "12. september 2007"), … of the fields a line holds ("Møde nr. : 3 Sted : Rådhuset Dato : 12.
    september 2007"); none when no key opens it (the case-insensitive search for all keys is costly)."""
    keys = list(_KEY_RE.finditer(text)) if _KEY_RE.match(text) else []
    return tuple(
        (
            _KEYS[m.group("key").lower()],
            text[m.end() : keys[k + 1].start() if k + 1 < len(keys) else len(text)].strip(),
        )
        for k, m in enumerate(keys)
    )


def _in_page_header(pos: Position) -> bool:
    return pos.part.endswith(PAGE_HEADER)  # "sidehoved", or "vedhæftet fil 'x.docx', sidehoved"


@dataclass(frozen=True)
class _DateSources:
    """Where a meeting's date may be written: date and time fields, title lines, prose of the title block."""

    date: list[tuple[Position, str]]
    time: list[tuple[Position, str]]
    titles: list[Paragraph]
    prose: list[Paragraph]

    @classmethod
    def split(cls, values: dict, titles: list[Paragraph], prose: list[Paragraph]):
        """(the body's, the Word page header's)"""
        parts = []
        for wanted in (False, True):
            parts.append(
                cls(
                    [e for e in values.get("date", []) if _in_page_header(e[0]) == wanted],
                    [e for e in values.get("time", []) if _in_page_header(e[0]) == wanted],
                    [p for p in titles if _in_page_header(p.pos) == wanted],
                    [p for p in prose if _in_page_header(p.pos) == wanted],
                )
            )
        return parts[0], parts[1]

    @property
    def lines(self) -> list[Position]:
        return [pos for pos, _ in self.date + self.time] + [p.pos for p in self.titles + self.prose]

    def read(self, meeting: MeetingHeader, warnings: list[ParseWarning], unparsed: list[ParseWarning]):
        """The date fields, else the time fields ("Tidspunkt: 4. marts 2026, kl. 9-11"), else the titles."""
        undated = _read_date(self.date, meeting, warnings)
        if meeting.date is None and undated is None and self.time:
            undated = _read_date(self.time, meeting, warnings)
        if meeting.date is None and undated is None:
            undated = _date_from_titles(self.titles, self.prose, meeting, warnings, unparsed)
        return undated


_NO_PAGE_HEADER = _DateSources([], [], [], [])


def _with_page_header_date(
    body: _DateSources,
    page: _DateSources,
    meeting: MeetingHeader,
    undated,
    warnings: list[ParseWarning],
    unparsed: list[ParseWarning],
):
    """A date in a Word page header is the meeting's only when the body gives none (a template that dates
    the meeting in its header). A letterhead's own date ("Dato: 24. februar 2025" of its journal block,
    the day the letter was written) never beats the body's "Dato:"/"Mødedato:" or dated title; when the
    two differ, both are said with where they stand. Returns the year-less date that stands."""
    found = MeetingHeader()
    found_warnings: list[ParseWarning] = []
    found_unparsed = list(unparsed)
    found_undated = page.read(found, found_warnings, found_unparsed)
    if meeting.date is None and undated is None:
        meeting.date, meeting.date_line = found.date, found.date_line
        meeting.start, meeting.end = meeting.start or found.start, meeting.end or found.end
        warnings.extend(found_warnings)
        unparsed[:] = found_unparsed
        return found_undated
    header_day = _day_and_month(found.date, found_undated)
    body_day = _day_and_month(meeting.date, undated)
    if header_day is None or body_day is None or _same_day(header_day, body_day):
        return undated
    part = page.lines[0].part
    header_line = found.date_line if found.date else found_undated[3].line
    body_at = Position(meeting.date_line, None, body.lines[0].part) if meeting.date else undated[3]
    warnings.append(
        ParseWarning(
            header_line,
            f"sidehovedets dato {header_day[3]} ({_line_label(Position(header_line, None, part))}) er ikke "
            f"mødets dato; mødet er læst som {body_day[3]} ({_line_label(body_at)})",
            None,
            part,
        )
    )
    return undated


def _day_and_month(day: date | None, undated) -> tuple[int, int, int | None, str] | None:
    """(day, month, year or None, as said in Danish: "onsdag 5. marts 2025", "5. marts") of a date found."""
    if day is not None:
        weekday, month = WEEKDAY_NAMES[day.weekday()], MONTH_NAMES[day.month - 1]
        return day.day, day.month, day.year, f"{weekday} {day.day}. {month} {day.year}"
    if undated is not None:
        return undated[0], undated[1], None, f"{undated[0]}. {MONTH_NAMES[undated[1] - 1]}"
    return None


def _same_day(one: tuple[int, int, int | None, str], other: tuple[int, int, int | None, str]) -> bool:
    """The same day and month, and the same year when both have one."""
    years = {one[2], other[2]} - {None}
    return one[:2] == other[:2] and len(years) <= 1


_VALUE_BELOW = {
    "date": lambda text: any(c.isdigit() for c in text),
    "start": lambda text: parse_time_range(text)[0] is not None,
    "end": lambda text: parse_time_range(text)[0] is not None,
    "time": lambda text: parse_time_range(text)[0] is not None,
    "location": lambda text: ":" not in text,
}


def _continues(key: str, para: Paragraph, values: dict) -> bool:
    """Does a paragraph without a key continue the value of `key` (a wrapped location, the next member)?"""
    if para.is_heading:
        return False
    if key in _VALUE_BELOW and not any(value for _, value in values.get(key, [])):
        # "Dato:" alone on its line and the value on the next (a <dl>, a PDF of one, a Word list)
        return len(para.text) < 120 and _VALUE_BELOW[key](para.text)
    if key not in ("location", "members", "absent"):
        return False
    if para.broken:
        return True
    if key == "absent" and para.is_item:  # "Fraværende:" with its names as a list
        return bool(_NAME.match(para.text)) or _is_role(split_role(para.text)[0])
    if key == "members":
        role, name = split_role(para.text)
        return _is_role(role) and bool(name)
    return False


def _read_date(entries, meeting: MeetingHeader, warnings: list[ParseWarning]):
    undated = None
    for pos, value in entries:
        spans, problems = find_dates(value, None)
        for p in problems:
            if "årstal mangler" in p.message and undated is None:
                undated = _day_month(value, pos)
                if undated:
                    continue
            warnings.append(ParseWarning(pos.line, p.message, pos.page, pos.part))
        if not spans and not problems and meeting.date is None and "-" in value:
            iso = iso_date(value.split(maxsplit=1)[0]) if value else None  # "Mødedato: 2025-02-26"
            if iso:
                meeting.date, meeting.date_line = iso, pos.line
                continue
        if spans and meeting.date is None:
            meeting.date = spans[0].start
            meeting.date_line = pos.line
    return None if meeting.date else undated


# How a date in the title block relates to the meeting, by the words before and after it.
_MEETING_CUE = re.compile(r"møde|afholdes|holdes|finder sted|indkald|dagsorden|referat", re.IGNORECASE)
_SENT_CUE = re.compile(
    r"sendt|udsend|offentliggjort|dateret|oprettet|udskrevet|printet|journal", re.IGNORECASE
)
_OTHER_CUE = re.compile(
    # "flyttet til den 11. marts" is where the meeting is: only "… fra" points away from it
    r"aflyst|(?:udsat|udskudt|flyttet)\s+fra|forrige|sidste|seneste|tidligere|næste|rettet|revideret|opdateret"
    r"|frist",
    re.IGNORECASE,
)
_OTHER_AFTER = re.compile(
    r"^[^.;–]{0,40}?\b(?:blev|er|var)\s+(?:aflyst|udsat|udskudt|flyttet)", re.IGNORECASE
)
# "kl. 8.30-10.00", "klokken 9 til 12", "kl. 9": the hours as `read_hours` reads them
_HOURS_AFTER = re.compile(r"^,?\s*(?:fra\s+)?" + HOURS_WITH_KL, re.IGNORECASE)  # right after a date
_HOURS_IN = re.compile(HOURS_WITH_KL, re.IGNORECASE)
_LONE_YEAR = re.compile(r"(?<![\d.,/-])((?:19|20)\d\d)(?![\d.,/-]\d)")
_LONGEST_PROSE = 600
_MEETING, _PLAIN, _OTHER, _SENT = range(4)  # ranks of a title date: lower is better
_RANK_WORD = {_MEETING: "mødets", _PLAIN: "", _OTHER: "en anden", _SENT: "udsendelsens"}


@dataclass(frozen=True)
class _TitleDate:
    rank: int
    day: date | None  # None: a day and month without a year
    para: Paragraph
    text: str  # the date as written
    hours: str | None = None  # "kl. 8.30-10.00" right after it
    undated: tuple[int, int, int | None, Position] | None = None


def _date_from_titles(
    titles: list[Paragraph],
    prose: list[Paragraph],
    meeting: MeetingHeader,
    warnings: list[ParseWarning],
    unparsed: list[ParseWarning],
):
    """The meeting's date from the title block's lines: the date the words around it tie to the meeting
    ("Referat af Direktionens møde onsdag den 4. marts 2026", "…, der afholdes den 11/3-2026 kl. 9"), never
    a date they tie to something else ("Sendt 2. marts 2026", "mødet 25. februar blev aflyst"). Without
    such words the first date of the titles is the meeting's, as before; two meeting dates that disagree
    are said. The line that dates the meeting is understood: its entry in `unparsed` goes. Returns a date
    without a year (day, month, weekday, where) when that is all there is."""
    found = [c for para in titles for c in _title_dates(para)]
    # A longer sentence of the title block gives the meeting's date only in words that say so.
    found += [c for para in prose for c in _title_dates(para) if c.rank == _MEETING]
    usable = [c for c in found if c.rank != _SENT]
    if not usable:
        for c in found:  # only a date of sending: it is not the meeting's date
            warnings.append(
                ParseWarning(
                    c.para.pos.line,
                    f"'{c.text}' er dokumentets udsendelsesdato, ikke mødets dato",
                    c.para.pos.page,
                    c.para.pos.part,
                )
            )
        return None
    best = min(usable, key=lambda c: c.rank)  # the first of the best rank
    if best.day is None:
        return best.undated
    meeting.date, meeting.date_line = best.day, best.para.pos.line
    where = best.para.pos
    unparsed[:] = [u for u in unparsed if u.line != where.line or u.part != where.part]
    rivals = [c for c in usable if c.rank == best.rank and c.day is not None and c.day != best.day]
    if rivals:
        other = rivals[0]
        warnings.append(
            ParseWarning(
                best.para.pos.line,
                f"mødedatoen er tvetydig: '{best.text}' og '{other.text}' ({_line_label(other.para.pos)}); "
                f"læst som {best.day.isoformat()}",
                best.para.pos.page,
                best.para.pos.part,
            )
        )
    stated = read_hours(best.hours) if best.hours else None
    if stated:
        meeting.start = meeting.start or stated[0]
        meeting.end = meeting.end or stated[1]
    return None


def _line_label(pos: Position) -> str:
    """'linje 3', or 'sidehoved, linje 1' outside the body."""
    return f"{pos.part}, linje {pos.line}" if pos.part else f"linje {pos.line}"


def _title_dates(para: Paragraph) -> list[_TitleDate]:
    text = para.text
    if not any(ch.isdigit() for ch in text):
        return []
    spans, problems = find_dates(text, None)
    out = []
    last = 0
    for span in spans:
        if span.fuzzy:
            continue  # "uge 10" or "primo marts" is no meeting's day
        after = text[span.endpos : span.endpos + 60]
        hours = _HOURS_AFTER.match(after)
        rank = _rank(text[max(last, span.pos - 60) : span.pos], span.text, after, hours is not None)
        out.append(_TitleDate(rank, span.start, para, span.text, hours.group("hours") if hours else None))
        last = span.endpos
    for problem in problems:
        if "årstal mangler" not in problem.message:
            continue
        found = _day_month(problem.text, para.pos)
        if not found:
            continue
        after = text[problem.pos + len(problem.text) :]
        hours = _HOURS_AFTER.match(after)
        rank = _rank(
            text[max(0, problem.pos - 60) : problem.pos], problem.text, after[:60], hours is not None
        )
        # "4. marts kl. 8.30-10.00 2026": the year after the hours
        year = _LONE_YEAR.match(after[hours.end() :].lstrip(" ,")) if hours else None
        day = _dated(found, int(year.group(1))) if year else None
        out.append(_TitleDate(rank, day, para, problem.text, hours.group("hours") if hours else None, found))
    return out  # the dates with a year first, as a line's dated day has always won over a year-less one


def _rank(before: str, written: str, after: str, timed: bool) -> int:
    if _SENT_CUE.search(before):
        return _SENT
    if _OTHER_CUE.search(before) or _OTHER_AFTER.match(after):
        return _OTHER
    weekday = written[:1].isalpha() and not written.lower().startswith(("d.", "den"))
    return _MEETING if timed or weekday or _MEETING_CUE.search(before) else _PLAIN


def _dated(found: tuple[int, int, int | None, Position], year: int) -> date | None:
    day, month, weekday, _pos = found
    try:
        candidate = date(year, month, day)
    except ValueError:
        return None
    return candidate if weekday is None or candidate.weekday() == weekday else None


_DAY_MONTH = re.compile(
    r"(?:(?P<wd>"
    + words_pattern(WEEKDAY_NAMES)
    + r")\s+)?(?:den\s+|d\.\s*)?(?P<d>\d{1,2})\.?\s*(?P<m>[a-zæøå]+)",
    re.IGNORECASE,
)


def _day_month(text: str, pos: Position) -> tuple[int, int, int | None, Position] | None:
    """'Onsdag den 4. marts' -> (4, 3, 2, pos): a meeting date whose year must come from elsewhere."""
    from planner.dates import WEEKDAYS, month_number

    m = _DAY_MONTH.search(text)
    if not m:
        return None
    month = month_number(m.group("m"))
    if month is None:
        return None
    weekday = WEEKDAYS.get(m.group("wd").lower()) if m.group("wd") else None
    return int(m.group("d")), month, weekday, pos


def _after_date(value: str) -> str:
    """The part of a date field after the date itself ('Den 09.01.2020 kl. 13:00' -> 'kl. 13:00')."""
    spans, _ = find_dates(value, None)
    return (
        value[spans[0].endpos :]
        if spans
        else ("" if re.search(r"\d{1,2}\.\d{1,2}\.\d{2,4}", value) else value)
    )


def _strip_footer(value: str) -> str:
    if "Kommune" in value or "Direktionen" in value:  # what every `_FOOTER` match holds (a cheap screen)
        value = _FOOTER.sub("", value)
    return value.strip(" ,;")


_OWN_INITIALS = re.compile(r"\s*\([A-ZÆØÅ]{2,4}\)$")


def parse_members(value: str) -> list[Member]:
    """'Kommunaldirektør Jonas Kroustrup' -> Member(role, name); several may share a line."""
    return [Member(role=role, name=name) for role, name in _members(value)]


@lru_cache(maxsize=1024)  # a series of agendas lists the same members in every header
def _members(value: str) -> tuple[tuple[str, str | None], ...]:
    """(role, name) of each member `value` lists, as `parse_members` makes them (kept as plain values: a
    Member is made afresh for each document, which may change it)."""
    return tuple((m.role, m.name) for m in _read_members(value))


def clear_text_caches() -> None:
    _members.cache_clear()
    _fields.cache_clear()
    _absent_names.cache_clear()


def _read_members(value: str) -> list[Member]:
    out = []
    for chunk in (c for part in _MEMBER_SPLIT.split(_strip_footer(value)) for c in _unglue_members(part)):
        chunk = " ".join(chunk.split())
        if chunk.endswith(")"):
            chunk = _OWN_INITIALS.sub("", chunk)  # "Jonas Kroustrup (JK)": the initials are the name's own
        if not chunk or _IGNORED.match(chunk):
            continue
        role, name = split_role(chunk)
        if name and not _is_role(role) and _NAME.match(chunk):
            # "Jonas Kroustrup, Lene Mehlsen Thomsen": names without titles; the first name is no role
            out.append(Member(role="", name=chunk))
        elif not name:
            out.append(Member(role="", name=role))
        elif _VACANT.match(name.strip()):
            out.append(Member(role=role, name=None))
        else:
            out.append(Member(role=role, name=name.strip()))
    return out


def _unglue_members(chunk: str) -> list[str]:
    """'Kommunaldirektør Jonas Kroustrup Velfærdsdirektør Lene Mehlsen Thomsen' (a PDF copied as text joins
    the lines of a member list): a capitalised title after a name starts the next member."""
    words = chunk.split()
    if len(words) < 4 or not _ROLE_WORD.search(words[0]):
        return [chunk]
    cuts = [
        k
        for k in range(2, len(words) - 1)
        if words[k][:1].isupper()
        and _ROLE_WORD.search(words[k])
        and words[k - 1][:1].isupper()
        and not _ROLE_WORD.search(words[k - 1])
    ]
    if not cuts:
        return [chunk]
    bounds = [0, *cuts, len(words)]
    return [" ".join(words[a:b]) for a, b in pairwise(bounds)]


def _is_role(role: str) -> bool:
    return any(_ROLE_WORD.search(word) for word in role.split()[:4])


def split_role(chunk: str) -> tuple[str, str]:
    """'Teknisk direktør Ole Olsen' -> ('Teknisk direktør', 'Ole Olsen'); a role ends in a title word, or
    runs on through its domain: 'Direktør for Børn og Kultur Pia Winther' -> ('Direktør for Børn og Kultur', …)."""
    words = chunk.split(" ")
    for k, word in enumerate(words[:4]):
        if _ROLE_WORD.search(word):
            end = k + 1
            if end + 1 < len(words) and words[end].lower() in ("for", "i", "på", "ved"):
                end += 2  # "for Børn"
                while (
                    end + 1 < len(words) - 1
                    and words[end].lower() in ("og", "&")
                    and words[end + 1][:1].isupper()
                ):
                    end += 2  # "og Kultur", keeping at least one word for the name
            return " ".join(words[:end]), " ".join(words[end:])
    return words[0], " ".join(words[1:])


_ABSENCE_LEAD = re.compile(r"^\s*(?:afbud|fravær)(?:\s+fra\s+|\s*:\s*)", re.IGNORECASE)


def split_names(value: str) -> list[str]:
    value = _ABSENCE_LEAD.sub("", value)  # "Fraværende: Afbud fra Lene Mehlsen Thomsen"
    parts = re.split(r",|;|(?<!-)\s+og\s+", _strip_footer(value))  # "Teknik- og miljødirektør" is one title
    names = [" ".join(p.split()).rstrip(".") for p in parts]
    return [n for n in names if n and n not in ("-", "–") and not _IGNORED.match(n) and n.lower() != "ingen"]


@lru_cache(maxsize=1024)  # a series of agendas repeats its "Fraværende:" lines (most often empty)
def _absent_names(value: str) -> tuple[str, ...]:
    return tuple(split_names(value))


# "Lene deltog fra punkt 3", "Kim (gik kl. 11)", "JK deltog under punkt 2-4": there for part of the meeting
_PART_OF_THE_MEETING = re.compile(
    r"\b(?:deltog|deltager|kom|gik|forlod\s+mødet)\s+(?:fra|til|under|efter|før|kl\.|i\s+punkt)",
    re.IGNORECASE,
)
# "Lene (kursus)", "Lene på kursus", "Kim er syg": why, after the name
_ABSENCE_REASON = re.compile(r"\s*\([^()]*\)$|" + ABSENCE_REASON_WORDS + r"\.?$", re.IGNORECASE)


def resolve_person(short: str, members: list[Member]) -> str:
    """'Kim Bruun' -> 'Kim Bruun Nielsen' when exactly one member's name starts with (or contains) it."""
    wanted = short.split()
    if not wanted:
        return short
    if 2 <= len(short) <= 4 and short.isalpha() and short.isupper():
        # Initials ("KBN", "LMT"): the one member whose name's initials they are
        initialled = [
            m.name for m in members if m.name and "".join(w[:1] for w in m.name.split()).upper() == short
        ]
        return initialled[0] if len(initialled) == 1 else short
    # A role may precede the name ("Velfærdsdirektør Lene Mehlsen Thomsen").
    short_lower = short.lower()
    for member in members:
        if member.name and member.role and short_lower == f"{member.role} {member.name}".lower():
            return member.name
    role, name = split_role(short)
    if name and _is_role(role):
        wanted = name.split()
    want = [w.lower() for w in wanted]
    candidates = []
    for member in members:
        if not member.name:
            continue
        lowered = member.name.lower().split()  # as the words lower-cased one by one
        if lowered[: len(want)] == want or all(w in lowered for w in want):
            candidates.append(member.name)
    if len(candidates) == 1:
        return candidates[0]
    return short
