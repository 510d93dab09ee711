"""One document in, one ParsedDocument out: the parsing pipeline in order."""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date
from pathlib import Path

from planner.dates import find_dates
from planner.model import AgendaPoint, CaseOwner, ClosedCase, ParsedDocument, ParseWarning
from planner.parse.decisions import parse_decisions
from planner.parse.forward import is_forward_section, parse_awaiting, parse_forward_table
from planner.parse.header import parse_header, resolve_person, split_role
from planner.parse.political import dedupe_events, is_event_section, parse_cycles, parse_events
from planner.parse.sections import Section, decision_date_text, find_sections
from planner.parse.timetable import parse_timetable
from planner.textprep import Line, UnreadableInput, decode, normalise_space, split_lines

_CLOSED_ATTACHMENT = re.compile(
    r"^\s*(?:-\s*)?(?:\d+\.?\s*(?:-\s*\d*)?\s*)?(?:\t|\s)*(?:\(?\s*Lukket\s+bilag\s*\)?|Lukket)(?:\s*\t\s*|\s+)?(?P<title>.*)$",
    re.IGNORECASE,
)


def parse_file(path: str | Path) -> ParsedDocument:
    p = Path(path)
    if not p.exists():
        raise UnreadableInput(f"{path}: filen findes ikke")
    if p.is_dir():
        raise UnreadableInput(f"{path}: er en mappe, ikke en fil")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise UnreadableInput(f"{path}: kan ikke læses ({exc.strerror})") from None
    return parse_bytes(data, str(path))


def parse_bytes(data: bytes, source: str) -> ParsedDocument:
    decoded = decode(data, source)
    doc = parse_text(decoded.text, source)
    doc.encoding = decoded.encoding
    doc.sha256 = decoded.sha256
    doc.text = decoded.text
    if decoded.warning:
        doc.warnings.insert(0, ParseWarning(1, decoded.warning))
    return doc


def parse_text(text: str, source: str) -> ParsedDocument:
    lines = split_lines(text)
    sections = find_sections(lines)
    first_section = sections[0].heading_line if sections else len(lines)
    header = parse_header(lines, first_section)
    doc = ParsedDocument(source=source, kind=header.kind, meeting=header.meeting)
    doc.warnings.extend(header.warnings)
    doc.unparsed.extend(header.unparsed)
    ref = _reference_date(doc, lines)
    if header.meeting.date is None:
        doc.fragment = True
        if ref:
            doc.meeting.date = ref
        else:
            doc.warnings.append(ParseWarning(1, "mødedato ikke fundet; år kan ikke udledes for datoer uden årstal"))
    if doc.kind is None:
        has_decision = any(s.decision_start is not None for s in sections)
        doc.kind = "referat" if has_decision else ("dagsorden" if sections else None)
    members = doc.meeting.members

    doc.closed_cases = _closed_cases(sections, lines)
    doc.closed_attachments = sum(1 for c in doc.closed_cases if c.kind == "attachment")
    cycles, cycle_warnings = parse_cycles(lines, ref)
    doc.political_cycles = cycles
    doc.warnings.extend(cycle_warnings)

    bounds = [(s.start, s.end, s) for s in sections] or [(header.end_index, len(lines), None)]
    # Where the table headings are: a section without one is not scanned for that table at all.
    marks = _keyword_lines(lines)
    events = []
    for start, end, section in bounds:
        title = section.title if section else ""
        forward = is_forward_section(title)
        if forward or _any_between(marks["dato"], start, end):
            rows, row_warnings, row_unparsed = parse_forward_table(lines, start, end, ref, members, forward)
            doc.forward_plan.extend(rows)
            doc.warnings.extend(row_warnings)
            doc.unparsed.extend(row_unparsed)
        if _any_between(marks["afventer"], start, end):
            doc.awaiting_date.extend(parse_awaiting(lines, start, end, ref))
        if _any_between(marks["tid"], start, end):
            doc.timetable.extend(parse_timetable(lines, start, end))
        if section and is_event_section(title) and not forward:
            found, warnings, unparsed = parse_events(section.proposal(lines), ref, title)
            found2, warnings2, unparsed2 = parse_events(section.decision(lines), ref, title)
            events.extend(found + found2)
            doc.warnings.extend(warnings + warnings2)
            doc.unparsed.extend(unparsed + unparsed2)
        if section and section.decision_start is not None:
            note = f"Beslutning i Direktionen {_decision_label(lines[section.decision_start], ref)}"
            scheduled, backlog, warnings = parse_decisions(section.decision(lines), ref, note)
            doc.scheduled_by_decision.extend(scheduled)
            doc.awaiting_date.extend(backlog)
            doc.warnings.extend(warnings)
    doc.events = dedupe_events(events)
    doc.case_owners = case_owners(sections, lines, members)
    _assign_owners(doc)
    _mark_closed(doc)
    doc.warnings.sort(key=lambda w: w.line)
    doc.unparsed.sort(key=lambda w: w.line)
    return doc


_CASEWORKER = re.compile(r"[;,.]?\s*-?\s*sagsbehandler\b.*$", re.IGNORECASE)


def case_owners(sections: list[Section], lines: list[Line], members) -> list[CaseOwner]:
    """'Kommunaldirektør Jonas Kroustrup og Stabschef ...; Sagsbehandler: ...' -> 'Jonas Kroustrup'."""
    out = []
    for section in sections:
        at = section.parts.get("sagsansvarlig")
        if at is None:
            continue
        text = next((ln.plain for ln in lines[at + 1 : section.end] if not ln.blank), "")
        first = re.split(r"\s+og\s+|;|,", _CASEWORKER.sub("", text))[0].strip(" .")
        first = first.split(":", 1)[-1].strip()  # "Fagområdedirektør: Kim Bruun Nielsen"
        _role, name = split_role(first)
        name = name if name and name[:1].isupper() else first
        if name:
            out.append(CaseOwner(section.title, resolve_person(name, members), lines[at].no))
    return out


def _assign_owners(doc: ParsedDocument) -> None:
    owners = [(_significant(c.section), c.owner) for c in doc.case_owners]
    for entry in doc.timetable:
        words = _significant(entry.title)
        for wanted, owner in owners:
            if wanted and len(wanted & words) / len(wanted) >= 0.6:
                entry.owner = owner
                break


def _keyword_lines(lines: list[Line]) -> dict[str, list[int]]:
    return {word: [i for i, line in enumerate(lines) if word in line.lower] for word in ("dato", "afventer", "tid")}


def _any_between(indexes: list[int], start: int, end: int) -> bool:
    k = bisect_left(indexes, start)
    return k < len(indexes) and indexes[k] < end


def _reference_date(doc: ParsedDocument, lines: list[Line]) -> date | None:
    if doc.meeting.date:
        return doc.meeting.date
    for line in lines:
        rest = decision_date_text(line)
        if rest:
            spans, _ = find_dates(rest, None)
            explicit = [s for s in spans if s.explicit_year]
            if explicit:
                doc.meeting.date_line = line.no
                return explicit[0].start
    return None


def _decision_label(line: Line, ref: date | None) -> str:
    rest = decision_date_text(line) or ""
    spans, _ = find_dates(rest, ref)
    return f"den {spans[0].start.isoformat()}" if spans else normalise_space(rest)


def _closed_cases(sections: list[Section], lines: list[Line]) -> list[ClosedCase]:
    closed = [ClosedCase(s.title, lines[s.heading_line].no, "case") for s in sections if s.closed]
    for line in lines:
        text = line.text
        if "lukket" not in line.lower or re.search(r"lukket\s+(sag|punkt)", text, re.IGNORECASE):
            continue
        m = _CLOSED_ATTACHMENT.match(text)
        if m:
            title = normalise_space(re.sub(r"\(\s*\)", "", m.group("title"))).strip(" -")
            closed.append(ClosedCase(title, line.no, "attachment"))
    return closed


_WORD4 = re.compile(r"[a-zæøå0-9]{4,}")


def _significant(text: str) -> set[str]:
    return set(_WORD4.findall(text.lower()))


def _names_closed(words: set[str], cases: list[set[str]]) -> bool:
    return any(wanted and len(wanted & words) / len(wanted) >= 0.75 for wanted in cases)


def _mark_closed(doc: ParsedDocument) -> None:
    # Only closed cases close a point; a closed attachment's title is simply never exported.
    cases = [_significant(c.title) for c in doc.closed_cases if c.title and c.kind == "case"]
    if not cases:
        return
    for entry in doc.timetable:
        entry.closed = _names_closed(_significant(entry.title), cases)
    points: list[AgendaPoint] = [p for r in doc.forward_plan for p in r.points]
    for point in points + doc.awaiting_date + doc.scheduled_by_decision:
        point.closed = _names_closed(_significant(point.text), cases)
