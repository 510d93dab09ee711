"""Dated meetings named inside agenda points and timetable rows.

"Borgermøde d. 12. marts", "Der afholdes KB-seminar 22.-23. januar", "Chefforum d. 23. feb.",
"Opsamling på møde i Dassos d. 13. september": the meeting becomes an event of the plan (its
category from its name) and remembers the points that name it, so the rules about follow-ups
and preparation can relate the two.
"""

from __future__ import annotations

import re
from datetime import date

from planner.dates import find_dates
from planner.model import Event, ParsedDocument
from planner.parse.political import categorise

# The head word of a meeting: a compound ending in one of these, or a known abbreviation.
_MEETING_WORD = re.compile(
    r"^(?:[\wæøåÆØÅ-]*(?:møde|møder|seminar|forum|konference|kur|arrangement|samling|topmøde|temadag|lederdag"
    r"|dialogmøde|miljødag|årsmøde|workshop|festival|messe|reception|receptionen|seminaret|mødet))$",
    re.IGNORECASE,
)
_MEETING_ABBREVIATION = re.compile(r"^(?:KKR|KØF|ØK|ØU|KB|BYR|HU|MED|KL)$")  # capitals only: "med" is a word
_OWN_MEETING = re.compile(r"^direktions(?:møde|mødet|møder)$", re.IGNORECASE)  # the plan's own meetings
_STOP_BEFORE = {
    "på", "til", "om", "i", "fra", "efter", "før", "inden", "under", "ved", "jf.", "af", "afholdes", "afholdt",
    "holdes", "der", "det", "den", "de", "er", "var", "blev", "bliver", "drøfter", "behandler", "forbereder",
    "deltager", "og", "samt", "eller", "for", "mødes", "mødtes", "med", "evaluerer", "inviteres", "præsenterer",
}  # fmt: skip
_PREFIX_WORDS = {"årligt", "årlig", "ekstraordinært", "ekstraordinær", "fælles", "virtuelt", "fysisk", "åbent",
                 "internt", "halvårligt", "kvartalsvis", "månedligt", "næste", "første", "andet"}  # fmt: skip
_DATE_WORDS = {"d.", "den", "d"}
_GENERIC = {"møde", "mødet", "møder", "møderne", "seminar", "seminaret", "konference", "konferencen", "arrangement",
            "arrangementet", "samling", "samlingen", "forum"}  # fmt: skip
_MAX_WORDS_BEFORE = 8
_WINDOW = 160  # characters before a date that may name its meeting
NAMED_ONLY = "nævnt i punkt"  # the section of an event known only because a point names it


def named_meetings(text: str, ref: date | None) -> list[tuple[str, date, date]]:
    """(title, start, end) of every dated meeting the text names."""
    if not any(ch.isdigit() for ch in text):
        return []
    spans, _ = find_dates(text, ref)
    out = []
    for span in spans:
        if span.fuzzy:
            continue  # "uge 42", "primo marts": a period, not a meeting date
        title = _title_before(text[max(0, span.pos - _WINDOW) : span.pos])
        if title:
            out.append((title, span.start, span.end))
    return out


def _title_before(before: str) -> str | None:
    sentence = re.split(r"[.;:!?]\s|[()]", before)[-1]
    words = sentence.split()
    while words and words[-1].lower() in _DATE_WORDS:
        words.pop()
    words = words[-_MAX_WORDS_BEFORE:]
    head = None
    for k in range(len(words) - 1, -1, -1):
        word = words[k].strip(",")
        if (_MEETING_WORD.match(word) or _MEETING_ABBREVIATION.match(word)) and not _OWN_MEETING.match(word):
            head = k
            break
        if k < len(words) - 4:
            break  # the meeting word stands close to its date
    if head is None:
        return None
    start = head
    while start > 0:
        previous = words[start - 1].strip(",")
        if previous.lower() in _STOP_BEFORE or previous.endswith(","):
            break
        if not (previous[:1].isupper() or previous.lower() in _PREFIX_WORDS or previous.endswith("-")):
            break
        start -= 1
    title = " ".join(words[start:]).strip(" ,-–")
    if title.lower() in _GENERIC:
        return None  # "til mødet d. 15. august", "mødes til seminar d. 8.-9. august": which meeting is unsaid
    return title[:1].upper() + title[1:] if title else None


def link_named_events(doc: ParsedDocument, ref: date | None) -> None:
    """Add the meetings that points and timetable rows name to `doc.events`, linked to those points."""
    texts: list[tuple[str, int, int | None]] = [(t.title, t.line, t.page) for t in doc.timetable]
    texts += [(p.text, p.line, p.page) for r in doc.forward_plan for p in r.points]
    texts += [(p.text, p.line, p.page) for p in doc.awaiting_date + doc.scheduled_by_decision]
    by_date: dict[tuple[date, date], list[Event]] = {}
    for event in doc.events:
        by_date.setdefault((event.start, event.end), []).append(event)
    for text, line, page in texts:
        for title, start, end in named_meetings(text, ref):
            known = _same_meeting(by_date.get((start, end), []), title)
            if known is None:
                status = "held" if ref and end < ref else "upcoming"
                known = Event(title, start, end, categorise(title), status, line, NAMED_ONLY, page=page)
                by_date.setdefault((start, end), []).append(known)
                doc.events.append(known)
            if text not in known.named_by:
                known.named_by.append(text)
    doc.events.sort(key=lambda e: (e.start, e.line))


def _same_meeting(candidates: list[Event], title: str) -> Event | None:
    """The listed event on the same dates that this title names ("KB-temamøde om budget" ~ "KB-temamøde")."""
    words = _words(title)
    for event in candidates:
        other = _words(event.title)
        if words and other and (words <= other or other <= words):
            return event
    return None


def _words(title: str) -> set[str]:
    return {w for w in re.findall(r"[a-zæøå0-9]+", title.lower()) if len(w) > 2 and w not in _GENERIC}
