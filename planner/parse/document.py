"""One document in, one ParsedDocument out: the grammar over the reader's blocks, in order.

The reading layer (`planner.documents`) turns bytes of any format into blocks; everything here
reads blocks only. Each part of the grammar runs on its own: a part that fails leaves a warning
with its position and the other parts are still read.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from planner.collector import cycle_collector_paused
from planner.danish import MONTH_NAMES
from planner.dates import clear_date_cache, find_dates, nearest_year
from planner.documents import HEADING, Block, Document, Paragraph, Position, Table, read_document, read_path
from planner.documents.model import MAIL, PAGE_HEADER
from planner.documents.text_reader import clear_shape_cache
from planner.parse.cells import clear_cell_cache
from planner.parse.decisions import parse_decisions, to_next_meeting
from planner.parse.forward import (
    clear_text_caches as clear_forward_caches,
)
from planner.parse.forward import (
    is_awaiting_title,
    is_forward_section,
    parse_awaiting,
    parse_forward,
    supersede,
)
from planner.parse.header import HeaderResult, parse_header, resolve_person, split_role
from planner.parse.header import clear_text_caches as clear_header_caches
from planner.parse.issue import read_issue
from planner.parse.model import (
    AgendaPoint,
    CaseOwner,
    ClosedCase,
    MeetingHeader,
    Member,
    ParsedDocument,
    ParseWarning,
)
from planner.parse.named_events import clear_text_caches as clear_named_event_caches
from planner.parse.named_events import link_named_events, meeting_line_screen
from planner.parse.political import clear_text_caches as clear_event_caches
from planner.parse.political import (
    cycle_table_lines,
    dedupe_events,
    is_cycle_line,
    is_event_section,
    parse_cycles,
    parse_events,
)
from planner.parse.sections import Section, decision_date_text, find_sections
from planner.parse.sections import clear_text_caches as clear_section_caches
from planner.parse.timetable import clear_text_caches as clear_timetable_caches
from planner.parse.timetable import parse_timetable, timetable_starts

_CLOSED_ATTACHMENT = re.compile(
    r"^(?:\d{1,3}\.?\s*(?:-\s*\d*)?\s*)?\(?\s*Lukket(?:\s+bilag)?\s*\)?\s*(?P<title>.{0,300})$", re.I
)
_CLOSED_CASE_LINE = re.compile(r"lukket\s+(sag|punkt)", re.IGNORECASE)
_EMPTY_PARENTHESES = re.compile(r"\(\s*\)")
_YEAR_IN_NAME = re.compile(r"(?<!\d)(20\d{2})(?!\d)")


def parse_file(path: str | Path) -> ParsedDocument:
    data, name = read_path(path)
    return parse_bytes(data, str(path) if name != Path(path).name else name)


def parse_bytes(data: bytes, source: str) -> ParsedDocument:
    """Read a document of any supported format and parse it; UnreadableInput when it cannot be read."""
    with cycle_collector_paused():
        doc = parse_document(read_document(data, source))
    doc.content = data
    return doc


def clear_caches() -> None:
    """Forget every text read so far. The reader and the grammar keep what they made of a text by the
    text, because a series of agendas repeats most of its lines; a benchmark's repeats must each read
    from scratch."""
    clear_date_cache()
    clear_shape_cache()
    clear_named_event_caches()
    clear_event_caches()
    clear_cell_cache()
    clear_section_caches()
    clear_forward_caches()
    clear_timetable_caches()
    clear_header_caches()
    _significant.cache_clear()
    _case_owner.cache_clear()


def parse_text(text: str, source: str) -> ParsedDocument:
    return parse_bytes(text.encode("utf-8"), source)


def parse_document(document: Document) -> ParsedDocument:
    blocks = document.blocks
    source = document.source
    warnings: list[ParseWarning] = [
        ParseWarning(w.pos.line, w.message, w.pos.page, w.pos.part) for w in document.warnings
    ]
    read_count = len(warnings)  # the reader's own findings, in their parts already
    unparsed: list[ParseWarning] = []

    def guarded(part: str, where: Position, work: Callable[[], None]) -> None:
        """Run one part of the grammar; a failure is a warning at its position, never the whole document."""
        try:
            work()
        except Exception as exc:  # one unreadable part must not take the rest of the document with it
            warnings.append(
                ParseWarning(
                    where.line, f"{part} kunne ikke læses ({type(exc).__name__}); resten er læst", where.page
                )
            )

    sections: list[Section] = []
    guarded("afsnittene", Position(1), lambda: sections.extend(find_sections(blocks)))
    # Without sections (an e-mail, a pasted fragment) a line that names the forward plan ("Punkter til
    # kommende møder:") ends the header and opens the plan.
    plan_only = None if sections else _forward_plan_line(blocks)
    first = sections[0].heading if sections else (plan_only.heading if plan_only else len(blocks))
    header_box: list[HeaderResult] = []
    guarded("mødehovedet", Position(1), lambda: header_box.append(parse_header(blocks, first)))
    header = header_box[0] if header_box else HeaderResult(None, MeetingHeader(), 0)
    doc = ParsedDocument(
        source=source,
        kind=header.kind,
        meeting=header.meeting,
        format=document.format,
        pages=document.pages,
        encoding=document.encoding,
        sha256=document.sha256,
    )
    doc.text = document.as_text()
    warnings.extend(header.warnings)
    unparsed.extend(header.unparsed)
    ref = _reference_date(doc, header, blocks, source, warnings)
    guarded("udgaven", Position(1), lambda: setattr(doc, "issue", read_issue(header.issue_lines, ref)))
    if doc.kind is None:
        has_decision = any(s.decision_start is not None for s in sections)
        doc.kind = "referat" if has_decision else ("dagsorden" if sections else None)
    members = doc.meeting.members

    paragraphs = document.paragraphs()
    says_punktet = _names_the_case(doc.text)  # a screen for the decisions of cases without parts (below)
    guarded("lukkede sager", Position(1), lambda: doc.closed_cases.extend(_closed_cases(sections, blocks)))
    doc.closed_attachments = sum(1 for c in doc.closed_cases if c.kind == "attachment")

    tables = [i for i, block in enumerate(blocks) if isinstance(block, Table)]

    def cycles() -> None:
        found, problems = parse_cycles(paragraphs + cycle_table_lines([blocks[i] for i in tables]), ref)
        doc.political_cycles.extend(found)
        warnings.extend(problems)

    guarded("den politiske rul", Position(1), cycles)

    # An Årshjul by month: the plan's title over sections that are each a month ("December 2025", "Januar"):
    # each is a part of the plan, read from its heading (the year it may name)
    by_month = bool(sections) and _plan_title_above(blocks, sections[0].heading)
    monthly = {id(s) for s in sections if by_month and _MONTH_TITLE.match(s.title)}
    regions = [
        (s.heading if id(s) in monthly else s.start, s.end, s)
        for s in sections or ([plan_only] if plan_only else [])
    ] or [(header.end, len(blocks), None)]
    events = []
    # Outside a forward section `parse_forward` reads tables only (`tables`): a section without one is not
    # read for rows.
    timed = timetable_starts(blocks)
    planned: set[int] = set()  # sections whose lines gave forward-plan rows
    event_lists: set[int] = set()  # sections read as meeting lists
    for start, end, section in regions:
        where = _position(blocks, section.heading if section else start)
        title = section.title if section else ""
        forward = is_forward_section(title) or id(section) in monthly

        def forward_part(start=start, end=end, forward=forward, section=section) -> None:
            rows, row_warnings, row_unparsed = parse_forward(blocks, start, end, ref, members, forward)
            if rows and section is not None:
                planned.add(id(section))
            # A second forward plan (the minutes' updated plan in its own section) is the newer word on its
            # dates; a dated table in another kind of section replaces nothing.
            if forward and doc.forward_plan and rows:
                doc.forward_plan[:] = supersede(doc.forward_plan, rows)
            doc.forward_plan.extend(rows)
            warnings.extend(row_warnings)
            unparsed.extend(row_unparsed)

        def events_part(section=section, title=title) -> None:
            has_tables = _any_between(tables, section.start, section.end)  # "Udvalg | Dato" tables
            for part in (section.proposal(blocks), section.decision(blocks)):
                found, problems, lost = parse_events(part, ref, title, has_tables)
                events.extend(found)
                warnings.extend(problems)
                unparsed.extend(lost)

        def bare_decision(section: Section) -> None:
            held = doc.meeting.date
            note = f"Beslutning i Direktionen den {held.isoformat()}" if held else "Beslutning i Direktionen"
            body = blocks[section.start : section.end]
            if not any(isinstance(b, Paragraph) and _names_the_case(b.text) for b in body):
                return  # only "Punktet blev udskudt …" is read here (a screen: most cases say nothing of it)
            scheduled, backlog, problems = parse_decisions(body, ref, note, section.title)
            doc.scheduled_by_decision.extend(scheduled)
            doc.awaiting_date.extend(backlog)
            warnings.extend(problems)

        def decisions_part(section=section) -> None:
            heading = blocks[section.decision_start]
            note = f"Beslutning i Direktionen {_decision_label(heading, ref)}".rstrip()
            # "Punktet" in a case's decision is that case; in the forward plan's section it names none.
            forward_here = is_forward_section(section.title)
            case = None if forward_here else section.title
            # the plan's points, which a decision in the plan's own section may name ("… blev udsat")
            listed = tuple(p.text for r in doc.forward_plan for p in r.points) if forward_here else None
            scheduled, backlog, problems = parse_decisions(section.decision(blocks), ref, note, case, listed)
            doc.scheduled_by_decision.extend(scheduled)
            doc.awaiting_date.extend(backlog)
            warnings.extend(problems)

        if forward or _any_between(tables, start, end):
            guarded("den fremadrettede plan", where, forward_part)
        # A section headed "Punkter som afventer dato" is read from its heading.
        backlog_start = section.heading if section and is_awaiting_title(title) else start
        guarded(
            "punkter som afventer dato",
            where,
            lambda start=backlog_start, end=end: doc.awaiting_date.extend(
                parse_awaiting(blocks, start, end, ref, members)
            ),
        )
        guarded(
            "tidsplanen",
            where,
            lambda start=start, end=end: doc.timetable.extend(parse_timetable(blocks, start, end, timed)),
        )
        # "Kommende møder" may be either: the Direktion's own plan (its lines are rows) or a list of other
        # bodies' meetings (no line is a row).
        if section and is_event_section(title) and not (forward and id(section) in planned):
            event_lists.add(id(section))
            guarded("mødelisten", where, events_part)
        if section and section.decision_start is not None:
            guarded("beslutningen", _position(blocks, section.decision_start), decisions_part)
        elif (
            section
            and doc.kind == "referat"
            and not section.parts
            and says_punktet
            and not is_forward_section(section.title)
        ):
            # Minutes that write the decision right under the case, without "Beslutning": its body is the decision.
            guarded("beslutningen", where, lambda section=section: bare_decision(section))
    doc.events = dedupe_events(events)
    for p in doc.scheduled_by_decision:
        if p.dropped:
            p.date = doc.meeting.date  # "Punktet udgår": taken off at the deciding meeting
    if any(p.date is None and not p.dropped for p in doc.scheduled_by_decision):
        # "Punktet udsættes til næste møde": the first meeting after this one that the plan holds
        held = doc.meeting.date
        ahead = sorted(
            r.date
            for r in doc.forward_plan
            if r.date and held and r.date > held and (r.points or not r.closures)
        )
        to_next_meeting(doc.scheduled_by_decision, ahead, warnings)
    _drop_postponed(doc)
    agenda_lines = _agenda_lines(sections, blocks, [s for s in sections if id(s) in event_lists])
    guarded("møder nævnt i punkterne", Position(1), lambda: link_named_events(doc, ref, agenda_lines))
    guarded(
        "sagsansvarlige", Position(1), lambda: doc.case_owners.extend(case_owners(sections, blocks, members))
    )
    _assign_owners(doc)
    _mark_closed(doc)
    if doc.meeting.date is None:
        first = _position(blocks, 0)
        reason = (
            "årstal er udledt af dokumentets øvrige datoer"
            if ref
            else "år kan ikke udledes for datoer uden årstal"
        )
        warnings.append(ParseWarning(first.line, f"mødedato ikke fundet; {reason}", first.page, first.part))
    if document.part:  # an e-mail's attachment: the grammar's findings are in it too
        warnings[read_count:] = [_in_part(w, document.part) for w in warnings[read_count:]]
        unparsed = [_in_part(w, document.part) for w in unparsed]
    doc.warnings = sorted(warnings, key=_reading_order)
    doc.unparsed = sorted(unparsed, key=_reading_order)
    return doc


def _agenda_lines(
    sections: list[Section], blocks: list[Block], meeting_lists: list[Section]
) -> list[tuple[str, int, int | None]]:
    """The headings and lines that may name a meeting as they start, for `link_named_events`: meeting lists
    (`meeting_lists`, in the order of `sections`) are read as events already, so their blocks are passed over."""
    lines = [
        (s.title, blocks[s.heading].pos.line, blocks[s.heading].pos.page)
        for s in sections
        if meeting_line_screen(s.title)
    ]
    # The blocks between the meeting lists, read range by range (sections never overlap)
    ranges = [(0, len(blocks))]
    for listed in meeting_lists:
        ranges[-1:] = [(ranges[-1][0], listed.start), (listed.end, len(blocks))]
    for start, stop in ranges:
        lines += [
            (b.text, b.pos.line, b.pos.page)
            for b in blocks[start:stop]
            if isinstance(b, Paragraph)
            and b.kind != HEADING
            and meeting_line_screen(b.text)
            and not is_cycle_line(b.text)  # its ØK and KB are the cycle's, read above
        ]
    return lines


def _in_part(warning: ParseWarning, part: str) -> ParseWarning:
    """The grammar's finding, placed in the part the whole document was read from."""
    if warning.part.startswith(part):
        return warning
    return replace(warning, part=f"{part}, {warning.part}" if warning.part else part)


def _reading_order(w: ParseWarning) -> tuple:
    """Findings as a person meets them: the e-mail's own first, then a page header's, then by page and line."""
    return (w.part != MAIL, not w.part.endswith(PAGE_HEADER), w.page or 0, w.line)


def _any_between(indices: list[int], start: int, end: int) -> bool:
    """A sorted index list holds one from `start` up to (not including) `end`."""
    k = bisect_left(indices, start)
    return k < len(indices) and indices[k] < end


def _names_the_case(text: str) -> bool:
    """The text says "Punktet" or "Sagen", as a decision about its case does."""
    return "unktet" in text or "sagen" in text or "Sagen" in text


def _drop_postponed(doc: ParsedDocument) -> None:
    """A listed point the decision postpones ("Punktet blev udskudt til … 22. oktober", "Punktet blev udsat")
    was not treated at this meeting: it is the decision's point on its new date or in the backlog, not a
    timetable entry here."""
    moved = {p.text.lower() for p in doc.scheduled_by_decision if p.date != doc.meeting.date or p.dropped}
    moved |= {p.text.lower() for p in doc.awaiting_date if p.postponed}
    if moved:
        doc.timetable = [
            t for t in doc.timetable if t.time is not None or t.title.rstrip(".").lower() not in moved
        ]


_MONTH_TITLE = re.compile(r"^(?:" + "|".join(MONTH_NAMES) + r")(?:\s+\d{4})?$", re.IGNORECASE)


def _plan_title_above(blocks: list[Block], first: int) -> bool:
    """A heading above the first section names the forward plan ("Årshjul for Direktionen")."""
    return any(
        isinstance(b, Paragraph) and b.is_heading and is_forward_section(_CASE_NUMBER.sub("", b.text))
        for b in blocks[:first]
    )


def _position(blocks: list[Block], index: int) -> Position:
    return blocks[index].pos if 0 <= index < len(blocks) else Position(1)


# --- the reference date: the meeting's own date, or the best the document offers -----------------


_FORWARD_LINE_LENGTH = 80  # a line that names the plan, not a sentence that mentions it


def _forward_plan_line(blocks: list[Block]) -> Section | None:
    """The forward plan of a document without sections, opened by a short line that names it."""
    for i, block in enumerate(blocks):
        if not isinstance(block, Paragraph) or len(block.text) > _FORWARD_LINE_LENGTH:
            continue
        text = block.text
        if text[:1].isdigit() and ("øde" in text or "unkter" in text) and len(text) <= _NUMBERED_PLAN_LINE:
            text = _CASE_NUMBER.sub("", text)  # "2. Kommende møder" typed on a plain line, no section found
        if is_forward_section(text):
            return Section(None, text.rstrip(" :"), i, False, i + 1, len(blocks))
    return None


_CASE_NUMBER = re.compile(r"^\d{1,2}\.\s+")
_NUMBERED_PLAN_LINE = (
    40  # "12. Kommende direktionsmøder:" and no longer (a dated row is not screened further)
)


def _reference_date(
    doc: ParsedDocument, header: HeaderResult, blocks: list[Block], source: str, warnings: list[ParseWarning]
) -> date | None:
    """The date every year-less date in the document is read against (never today's date)."""
    if doc.meeting.date:
        return doc.meeting.date
    doc.fragment = True
    decided = _decision_date(blocks)
    if header.undated:
        day, month, weekday, pos = header.undated
        year = _year_for(day, month, weekday, decided or _first_explicit_date(blocks), source)
        if year:
            doc.meeting.date = date(year, month, day)
            doc.meeting.date_line = pos.line
            doc.fragment = False
            return doc.meeting.date
        warnings.append(
            ParseWarning(
                pos.line, "mødedatoen har intet årstal, og dokumentet nævner ikke året", pos.page, pos.part
            )
        )
    if decided:
        doc.meeting.date, doc.meeting.date_line = decided
        return decided[0]
    # No meeting date anywhere: the document's own dates still give year-less dates their year, but
    # none of them is taken for the meeting's date.
    named = _year_in_name(source)
    explicit = _first_explicit_date(blocks)
    if explicit and (named is None or explicit[0].year == named):
        return explicit[0]
    return date(named, 7, 1) if named else None


def _decision_date(blocks: list[Block]) -> tuple[date, int] | None:
    for block in blocks:
        if isinstance(block, Paragraph) and "beslutning" in block.lower:
            rest = decision_date_text(block)
            if rest:
                spans, _ = find_dates(rest, None)
                explicit = [s for s in spans if s.explicit_year]
                if explicit:
                    return explicit[0].start, block.pos.line
    return None


def _first_explicit_date(blocks: list[Block]) -> tuple[date, int] | None:
    for block in blocks:
        paragraphs = (
            [p for r in block.rows for c in r.cells for p in c.paragraphs]
            if isinstance(block, Table)
            else [block]
        )
        for para in paragraphs:
            if not any(ch.isdigit() for ch in para.text):
                continue
            spans, _ = find_dates(para.text, None)
            for span in spans:
                if span.explicit_year:
                    return span.start, para.pos.line
    return None


def _year_in_name(source: str) -> int | None:
    m = _YEAR_IN_NAME.search(Path(source).name)
    return int(m.group(1)) if m else None


def _year_for(
    day: int, month: int, weekday: int | None, near: tuple[date, int] | None, source: str
) -> int | None:
    """The year of 'Onsdag den 4. marts': the one near the document's other dates (or its file name's year)
    in which that day exists and, when a weekday is written, falls on it."""
    anchor = near[0] if near else None
    named = _year_in_name(source)
    if anchor is None and named:
        anchor = date(named, 7, 1)
    if anchor is None:
        return None
    first = nearest_year(day, month, anchor)
    for year in (first, anchor.year, anchor.year - 1, anchor.year + 1):
        if year is None:
            continue
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if weekday is None or candidate.weekday() == weekday:
            return year
    return None


def _decision_label(block: Block, ref: date | None) -> str:
    rest = (decision_date_text(block) if isinstance(block, Paragraph) else None) or ""
    spans, _ = find_dates(rest, ref)
    return f"den {spans[0].start.isoformat()}" if spans else " ".join(rest.split())


# --- closed cases and owners ----------------------------------------------------------------


def _closed_cases(sections: list[Section], blocks: list[Block]) -> list[ClosedCase]:
    closed = [ClosedCase(s.title, blocks[s.heading].pos.line, "case") for s in sections if s.closed]
    for block in blocks:
        if isinstance(block, Table):
            if not _may_mark_closed(block):
                continue
            for row in block.rows:
                if not _says_lukket("".join([c.text for c in row.cells[:3]])):
                    continue  # no "Lukket" in the first cells (most rows)
                texts = row.texts()
                if any(t.strip().lower() in ("lukket", "lukket bilag", "(lukket bilag)") for t in texts[:3]):
                    title = next((t for t in texts[2:] if t and not t.startswith("(")), "")
                    closed.append(ClosedCase(" ".join(title.split()), row.pos.line, "attachment"))
            continue
        if "ukket" not in block.text or _CLOSED_CASE_LINE.search(block.text):
            continue
        m = _CLOSED_ATTACHMENT.match(block.text)
        if m:
            title = " ".join(_EMPTY_PARENTHESES.sub("", m.group("title")).split()).strip(" -")
            closed.append(ClosedCase(title, block.pos.line, "attachment"))
    return closed


def _may_mark_closed(table: Table) -> bool:
    """Some cell among the first three of a row holds "ukket" ("Lukket"), as a closed attachment's row does:
    one test for the table (its cells joined apart by newlines, so no match spans two cells)."""
    return _says_lukket("\n".join([c.text for row in table.rows for c in row.cells[:3]]))


_KELVIN_SIGN = "\u212a"  # "K", the one letter outside ASCII that lower-cases to a letter of "ukket"


def _says_lukket(text: str) -> bool:
    """`"ukket" in text.lower()`, without lower-casing every letter of a whole table (costly outside ASCII):
    no other letter outside ASCII lower-cases to one of "ukket", so the ASCII letters of its Latin-1 bytes
    (every other character one byte that is none of them) find the same."""
    if _KELVIN_SIGN in text:
        return "ukket" in text.lower()
    return b"ukket" in text.encode("latin-1", "replace").lower()


def _without_caseworker(text: str) -> str:
    """'Jonas Kroustrup - sagsbehandler: Charlotte …' -> 'Jonas Kroustrup' (a find, not a pattern: linear)."""
    at = text.lower().find("sagsbehandler")
    return text if at < 0 else text[:at].rstrip(" ;,.-")


_OWNER_SPLIT = re.compile(r"(?<!-)\s+og\s+|;|,")  # "Teknik- og miljødirektør" is one title


def case_owners(sections: list[Section], blocks: list[Block], members: list[Member]) -> list[CaseOwner]:
    """'Kommunaldirektør Jonas Kroustrup og Stabschef ...; Sagsbehandler: ...' -> 'Jonas Kroustrup'."""
    out = []
    board: tuple[tuple[str, str | None], ...] | None = None  # the members, as `_case_owner` is keyed
    for section in sections:
        at = section.parts.get("sagsansvarlig")
        if at is None:
            continue
        if board is None:
            board = tuple((m.role, m.name) for m in members)
        text = next((b.text for b in blocks[at + 1 : section.end] if isinstance(b, Paragraph)), "")
        owner = _case_owner(text, board)
        if owner:
            out.append(CaseOwner(section.title, owner, blocks[at].pos.line))
    return out


@lru_cache(maxsize=4096)  # a series of agendas names the same owners, under the same members
def _case_owner(text: str, board: tuple[tuple[str, str | None], ...]) -> str:
    """The owner a "Sagsansvarlig" line names, as the members `board` ((role, name) each) know them; "" for none."""
    first = _OWNER_SPLIT.split(_without_caseworker(text))[0].strip(" .")
    first = first.split(":", 1)[-1].strip()  # "Fagområdedirektør: Kim Bruun Nielsen"
    _role, name = split_role(first)
    name = name if name and name[:1].isupper() else first
    return resolve_person(name, [Member(role, person) for role, person in board]) if name else ""


def _assign_owners(doc: ParsedDocument) -> None:
    owners = [(_significant(c.section), c.owner) for c in doc.case_owners]
    if not owners:
        return
    for entry in doc.timetable:
        words = _significant(entry.title)
        for wanted, owner in owners:
            if wanted and len(wanted & words) / len(wanted) >= 0.6:
                entry.owner = owner
                break


_WORD4 = re.compile(r"[a-zæøå0-9]{4,}")


@lru_cache(maxsize=16_384)  # titles recur in every agenda of a series
def _significant(text: str) -> frozenset[str]:
    return frozenset(_WORD4.findall(text.lower()))


def _names_closed(words: frozenset[str], cases: list[frozenset[str]]) -> bool:
    return any(wanted and len(wanted & words) / len(wanted) >= 0.75 for wanted in cases)


def _mark_closed(doc: ParsedDocument) -> None:
    # Only closed cases close a point; a closed attachment's title is simply never exported.
    cases = [_significant(c.title) for c in doc.closed_cases if c.title and c.kind == "case"]
    if not cases:
        return
    for entry in doc.timetable:
        entry.closed = _names_closed(_significant(entry.title), cases)
    for row in doc.forward_plan:
        # A row that names a closed case closes every point split from it.
        row_closed = _names_closed(_significant(" ".join([p.text for p in row.points])), cases)
        for point in row.points:
            point.closed = row_closed or _names_closed(_significant(point.text), cases)
    points: list[AgendaPoint] = doc.awaiting_date + doc.scheduled_by_decision
    for point in points:
        point.closed = _names_closed(_significant(point.text), cases)
