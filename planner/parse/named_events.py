"""Dated meetings named inside agenda points and timetable rows.

"Borgermøde d. 12. marts", "Der afholdes KB-seminar 22.-23. januar", "Chefforum d. 23. feb.",
"Opsamling på møde i Dassos d. 13. september": the meeting becomes an event of the plan (its
category from its name) and remembers the points that name it, so the rules about follow-ups
and preparation can relate the two.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import lru_cache

from planner.dates import dates_in
from planner.parse.model import Event, ParsedDocument
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
    "på",
    "til",
    "om",
    "i",
    "fra",
    "efter",
    "før",
    "inden",
    "under",
    "ved",
    "jf.",
    "af",
    "afholdes",
    "afholdt",
    "holdes",
    "der",
    "det",
    "den",
    "de",
    "er",
    "var",
    "blev",
    "bliver",
    "drøfter",
    "behandler",
    "forbereder",
    "deltager",
    "og",
    "samt",
    "eller",
    "for",
    "mødes",
    "mødtes",
    "med",
    "evaluerer",
    "inviteres",
    "præsenterer",
    "husk",
    "bemærk",
    "se",
    "ny",
    "nyt",
}
_PREFIX_WORDS = {
    "årligt",
    "årlig",
    "ekstraordinært",
    "ekstraordinær",
    "fælles",
    "virtuelt",
    "fysisk",
    "åbent",
    "internt",
    "halvårligt",
    "kvartalsvis",
    "månedligt",
    "næste",
    "første",
    "andet",
}
_DATE_WORDS = {"d.", "den", "d"}
_GENERIC = {
    "møde",
    "mødet",
    "møder",
    "møderne",
    "seminar",
    "seminaret",
    "konference",
    "konferencen",
    "arrangement",
    "arrangementet",
    "samling",
    "samlingen",
    "forum",
}
_MAX_WORDS_BEFORE = 8
_DATE_WORD_AT_END = re.compile(r"\b[dD]\.\s*$")
_CLAUSE_BREAK = re.compile(r"[.;:!?]\s|[()]|\s[–—-]\s")
_WORD = re.compile(r"[a-zæøå0-9]+")
_DIGIT = re.compile(r"\d")
_START_WORDS = 3  # "2. Borgermøde d. 12. marts": a line names a meeting when it starts with one
_MEETING_SUFFIXES = (
    "møde",
    "mødet",
    "møder",
    "seminar",
    "seminaret",
    "forum",
    "konference",
    "kur",
    "arrangement",
    "samling",
    "topmøde",
    "temadag",
    "lederdag",
    "miljødag",
    "workshop",
    "festival",
    "messe",
    "reception",
)


@lru_cache(maxsize=65_536)  # called for every word of the lines screened; words repeat
def _is_meeting_word(word: str) -> bool:
    """ "Borgermøde", "KB-seminar,", "(KKR)": a word that names a kind of meeting (a screen's test)."""
    bare = word.strip(",;:()")
    return bare.lower().endswith(_MEETING_SUFFIXES) or bool(
        bare.isupper() and _MEETING_ABBREVIATION.match(bare)
    )


def _meeting_before_date(words: list[str]) -> int | None:
    """Index of the first word that is a meeting word followed by a date ("Borgermøde d. 12."), else None.
    A cheap screen run before any date scan; the grammar proper is in `named_meetings`."""
    for k, word in enumerate(words[:-1]):
        if not _is_meeting_word(word):
            continue
        for following in words[k + 1 : k + 6]:  # "møde i Dassos d. 13.", "dialogmøde med X d. 1."
            if following[:1].isdigit():
                return k
            if following.endswith((".", ":", ";")) and following not in ("d.", "jf.", "v."):
                break
    return None


_MEETING_NEAR_START = re.compile(
    r"(?i:møde|seminar|forum|konference|kur\b|arrangement|samling|temadag|lederdag|miljødag|workshop|festival"
    r"|messe|reception)|\b(?:KKR|KØF|ØK|ØU|KB|BYR|HU|MED|KL)\b"
)
# The same screen without re.IGNORECASE, run on lower-cased text: a case-insensitive alternation tries every
# branch at every position and cost more than the rest of the meeting search together.
_MEETING_NEAR_START_LOWER = re.compile(
    r"møde|seminar|forum|konference|kur\b|arrangement|samling|temadag|lederdag|miljødag|workshop|festival"
    r"|messe|reception"
)
# An abbreviation as a word, its leading \b checked in `_abbreviation_word`: a pattern that opens with \b is
# tried at every position of a text, one that opens with these capitals is skipped to them.
_ABBREVIATION_THEN_BOUNDARY = re.compile(r"(?:KKR|KØF|ØK|ØU|KB|BYR|HU|MED|KL)\b")
# A cheap superset of `_meeting_before_date`'s meeting words (it compares `str.lower()` suffixes): each of
# `_MEETING_SUFFIXES` holds one of these ("topmøde", "mødet" hold "møde"), searched for as substrings, which is
# several times faster than one alternation of them all (tried at each of the many letters they start with):
# the suffixes that hold no other one.
_MEETING_WORD_PARTS = tuple(
    suffix
    for suffix in _MEETING_SUFFIXES
    if not any(other != suffix and other in suffix for other in _MEETING_SUFFIXES)
)


def _holds_meeting_word_part(lowered: str) -> bool:
    return any(map(lowered.__contains__, _MEETING_WORD_PARTS))  # map: no generator's frame to resume


_ABBREVIATION_ANYWHERE = re.compile(r"KKR|KØF|ØK|ØU|KB|BYR|HU|MED|KL")
_WINDOW = 160  # characters before a date that may name its meeting
NAMED_ONLY = "nævnt i punkt"  # the section of an event known only because a point names it


def named_meetings(text: str, ref: date | None) -> list[tuple[str, date, date]]:
    """(title, start, end) of every dated meeting the text names."""
    if not _may_name_meeting(text):
        return []
    spans, _ = dates_in(text, ref)
    out = []
    previous_end = 0
    for span in spans:
        before = text[max(previous_end, span.pos - _WINDOW) : span.pos]
        previous_end = span.endpos  # a title never reaches back over another date
        if span.fuzzy:
            continue  # "uge 42", "primo marts": a period, not a meeting date
        title = _title_before(before)
        if title:
            out.append((title, span.start, span.end))
    return out


# The screens and the title below read the text alone; a series of agendas repeats its points and lines, so
# their answers are kept by text (the dates, read against each document's own date, are not).
TEXT_CACHE_SIZE = 32_768


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _may_name_meeting(text: str) -> bool:
    """False when `text` cannot name a dated meeting: no digit, no meeting word, or none with a date after it."""
    if not _DIGIT.search(text) or not (
        _ABBREVIATION_ANYWHERE.search(text) or _holds_meeting_word_part(text.lower())
    ):
        return False  # no date or no meeting word: the word-by-word screen below cannot find one
    return _meeting_before_date(text.split()) is not None  # most texts have no meeting word with a date after


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _title_before(before: str) -> str | None:
    # "Chefforum d. 15/4": the date's own "d." before it ends no clause
    sentence = _CLAUSE_BREAK.split(_DATE_WORD_AT_END.sub("", before))[-1]
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


def link_named_events(
    doc: ParsedDocument, ref: date | None, lines: list[tuple[str, int, int | None]] = ()
) -> None:
    """Add the meetings that points and timetable rows name to `doc.events`, linked to those points.

    `lines` are the document's other agenda lines (section headings, paragraphs; a line that
    `meeting_line_screen` says names none may be left out): one names a meeting
    when it starts with it ("Byrådsmøde 29-maj-2002 – dagsordenen lukkes …", "2. Borgermøde d. 12. marts"),
    or names it by its own name inside a sentence ("Der afholdes KB-seminar 22.-23. januar").
    """
    texts: list[tuple[str, int, int | None]] = [(t.title, t.line, t.page) for t in doc.timetable]
    texts += [(p.text, p.line, p.page) for r in doc.forward_plan for p in r.points]
    texts += [(p.text, p.line, p.page) for p in doc.awaiting_date + doc.scheduled_by_decision]
    known_texts: dict[str, list[tuple[str, date, date]]] = {}

    def meetings(text: str) -> list[tuple[str, date, date]]:
        """named_meetings, once per text: a document repeats its points (plan, decision, timetable)."""
        found = known_texts.get(text)
        if found is None:
            found = known_texts[text] = named_meetings(text, ref)
        return found

    named: list[tuple[str, int, int | None, list[tuple[str, date, date]]]] = [
        (text, line, page, meetings(text))
        for text, line, page in texts
        if _may_name_meeting(text)  # most points name none: no call of `meetings` for them
    ]
    for text, line, page in lines:
        screen = meeting_line_screen(text)  # kept by text; the caller may have screened the lines with it
        if screen == NO_MEETING:
            continue  # most lines: no meeting word with a date after it
        if screen == _MAY_START and _starts_with_meeting(text, meetings):
            named.append((text, line, page, meetings(text)))
        elif sentences := _sentences_naming_meetings(text):
            # Inside a sentence only a meeting named by its own name counts ("Der afholdes KB-seminar
            # 22.-23. januar"): "sendes til deltagerne den 24. januar" names none.
            found = [
                m for sentence in sentences for m in meetings(sentence) if _written_as_a_name(sentence, m[0])
            ]
            if found:
                named.append((text, line, page, found))
    by_date: dict[tuple[date, date], list[Event]] = {}
    for event in doc.events:
        by_date.setdefault((event.start, event.end), []).append(event)
    for text, line, page, found in named:
        for title, start, end in found:
            known = _same_meeting(by_date.get((start, end), []), title)
            if known is None:
                status = "held" if ref and end < ref else "upcoming"
                known = Event(title, start, end, categorise(title), status, line, NAMED_ONLY, page=page)
                by_date.setdefault((start, end), []).append(known)
                doc.events.append(known)
            if text not in known.named_by:
                known.named_by += (text,)
    doc.events.sort(key=lambda e: (e.start, e.page or 0, e.line))


# What `meeting_line_screen` says an agenda line may hold: no meeting (false), a meeting named in a
# sentence only, or a meeting and its date at its start (or also one in a sentence).
NO_MEETING, _IN_A_SENTENCE, _MAY_START = 0, 1, 2


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def meeting_line_screen(text: str) -> int:
    """What an agenda line may hold for `link_named_events`, by the cheap screens alone (kept by text, as a
    series of agendas repeats its lines)."""
    if _may_start_with_meeting(text[:_WINDOW]):
        return _MAY_START
    return _IN_A_SENTENCE if _sentences_naming_meetings(text) else NO_MEETING


def _starts_with_meeting(text: str, meetings: Callable[[str], list[tuple[str, date, date]]]) -> bool:
    """The line starts with the meeting whose date follows (its screen, `_may_start_with_meeting`, passed)."""
    head = text[:_WINDOW]
    found = meetings(head)
    return bool(found) and text.lower().startswith(found[0][0].lower())


def _written_as_a_name(text: str, title: str) -> bool:
    """The meeting `title` stands in `text` with a capital, as a proper name does ("KB-seminar",
    "Chefforum", "møde i Økonomiudvalget"), not as a common noun ("opsamling", "mødet i direktionen")."""
    words = _words(title)
    if words and words <= _THE_BOARD:
        return False  # "mødet i Direktionen den 18. oktober": the plan's own meeting, not another one
    at = text.lower().find(title.lower())
    return at >= 0 and any(word[:1].isupper() for word in text[at : at + len(title)].split())


_THE_BOARD = frozenset({"direktionen", "direktion", "direktionens"})


def _capital_near_meeting_word(words: list[str]) -> bool:
    """A word with a capital (not a word a title stops at) among the eight words before a meeting word that a
    date follows, or between the two: where a meeting written as a name stands. A screen before the date scan."""
    for k, word in enumerate(words[:-1]):
        if not _is_meeting_word(word):
            continue
        date_at = next((j for j in range(k + 1, min(k + 7, len(words))) if words[j][:1].isdigit()), None)
        if date_at is not None and any(
            w[:1].isupper() and w.lower() not in _STOP_BEFORE for w in words[max(0, k - 8) : date_at]
        ):
            return True
    return False


# A sentence ends at a period after a word of two letters or more and before a capital ("… 22.-23. januar.
# Direktionen …"), never inside a date ("d. 5. Februar"), a time or "kl. 10". A meeting's title never reaches
# over a period (`_CLAUSE_BREAK`), nor does a date, so a paragraph's meetings are its sentences' meetings.
# The pattern opens with the period, which the regex engine skips to; the two letters are looked behind from
# there (opened with the look-behind, it was tried at every position and cost more than the rest of the screen).
_SENTENCE_END = re.compile(r"\.(?<=[^\W\d_]{2}\.)\s+(?=[A-ZÆØÅ])")


def _sentences(text: str) -> list[str]:
    """`text` split at its sentence ends, each sentence with its period, the white space between left out."""
    out = []
    start = 0
    for end in _SENTENCE_END.finditer(text):
        out.append(text[start : end.start() + 1])  # up to and with the period
        start = end.end()
    out.append(text[start:])
    return out


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _sentences_naming_meetings(text: str) -> tuple[str, ...]:
    """The sentences of `text` that may name a meeting by its name: a meeting word with a date after it and a
    capital near it. A series of agendas repeats its sentences more than its paragraphs, so each sentence's
    meetings are then read from a text the date caches have seen."""
    if not _DIGIT.search(text):
        return ()  # no date: most lines
    return tuple(s for s in _sentences(text) if _may_name_meeting_by_name(s))


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _may_name_meeting_by_name(sentence: str) -> bool:
    return _may_name_meeting(sentence) and _capital_near_meeting_word(sentence.split())


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _may_start_with_meeting(head: str) -> bool:
    """False when `head` does not start with a meeting word and a date within its first words."""
    if not _DIGIT.search(head):
        return False
    # The first words before the near-start screen: a handful of cached word tests cost less than its regex.
    first = _meeting_before_date(head.split(None, _START_WORDS + 3)[: _START_WORDS + 3])
    return first is not None and first < _START_WORDS and _meeting_word_near_start(head[:60])


def clear_text_caches() -> None:
    _may_name_meeting.cache_clear()
    _sentences_naming_meetings.cache_clear()
    _is_meeting_word.cache_clear()
    _may_name_meeting_by_name.cache_clear()
    _may_start_with_meeting.cache_clear()
    meeting_line_screen.cache_clear()
    _title_before.cache_clear()
    _words.cache_clear()


def _meeting_word_near_start(start: str) -> bool:
    """`_MEETING_NEAR_START.search(start)`, answered on lower-cased text where that gives the same answer."""
    if "İ" in start or "ı" in start or "ſ" in start:  # the only letters str.lower() and the regex fold apart
        return bool(_MEETING_NEAR_START.search(start))
    return bool(_MEETING_NEAR_START_LOWER.search(start.lower())) or _abbreviation_word(start)


def _abbreviation_word(text: str) -> bool:
    r"""`re.search(r"\b(?:KKR|…|KL)\b", text)`: a match counts where no word character (\w) stands before it.
    A match passed over for one hides no other: every position inside it follows a capital."""
    for m in _ABBREVIATION_THEN_BOUNDARY.finditer(text):
        before = text[m.start() - 1] if m.start() else " "
        if not (before.isalnum() or before == "_"):
            return True
    return False


def _same_meeting(candidates: list[Event], title: str) -> Event | None:
    """The listed event on the same dates that this title names ("KB-temamøde om budget" ~ "KB-temamøde")."""
    words = _words(title)
    for event in candidates:
        other = _words(event.title)
        if words and other and (words <= other or other <= words):
            return event
    return None


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _words(title: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(title.lower()) if len(w) > 2 and w not in _GENERIC)
