"""The agenda's sections, found from the document's own structure.

A section starts at a numbered heading ("3. Punkter til behandling") — a heading block, a bold
line or a plain paragraph — when the document marks it as a case ("Åben sag" / "Lukket sag"
right below), lists it in its table of contents, or sets it as a heading. A heading with a
case marker starts a section even without a number. Without any of these, the headings of the
document's most used level are its sections. Parts inside a section (Sagsfremstilling,
Indstilling, Beslutning i Direktionen, …) are found by their names.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from planner.danish import MONTHS
from planner.dates import parse_day_label
from planner.documents import HEADING, ITEM, PARA, Block, Paragraph, Table

_CASE_STATUS = re.compile(r"^(åben|lukket)\s+(?:sag|punkt)$", re.IGNORECASE)
# "Punkt 3 - Åben", "Pkt. 4 – Lukket" (EG/Acadre-style minutes): the number and the case marker on one line,
# the title on the line below.
_NUMBER_WITH_STATUS = re.compile(
    r"^(?:Punkt|Pkt\.?)\s*(\d{1,3})\s*[-–—:,]?\s*\(?(åben|lukket)(?:\s+(?:sag|punkt))?\)?"
    r"(?:\s*[:–—-]\s*(?P<title>\S.*))?$",  # "Punkt 3 – Lukket: Personalesag": the title on the same line
    re.IGNORECASE,
)
_NUMBERED = re.compile(r"^(?:(?:Pkt|Punkt)\.?\s+)?(\d{1,2})\.\s+(\S.*)$", re.IGNORECASE)
# "Punkt 3: Budget 2026" (Prisme/FirstAgenda/eDoc exports): the case number after "Punkt", then a colon or dash
_PUNKT_NUMBERED = re.compile(r"^(?:Punkt|Pkt\.?)\s*(\d{1,3})\s*(?P<colon>:|[–—-])\s*(\S.*)$", re.IGNORECASE)
_DECISION = re.compile(
    r"^Beslutning(?:\s+i\s+(?:Direktionen|direktionen))?(?:\s+(?:den|d\.))?\s*(.*)$", re.IGNORECASE
)
_APPENDIX = re.compile(r"^(Bilagsoversigt|Underskriftsside|Underskrifter)\.*:?$", re.IGNORECASE)
_TOC = re.compile(r"^(Indholdsfortegnelse|Indhold)\s*:?$", re.IGNORECASE)
_TOC_INITIALS = frozenset("Iiİı")  # the letters `_TOC`'s first one matches, as re.IGNORECASE folds
_TOC_ENTRY = re.compile(r"^(?:(\d{1,2})\.\s+)?(.+?)(?:(?:\s*[.…]{2,}\s*|\s+)(\d{1,3}))?$")
_TOC_LEADERS = re.compile(r"[.…]{3,}\s*\d{0,3}$|^\d{1,2}\.\s+.+\s\d{1,3}$")
_PART = re.compile(
    r"^(Sagsgang|Sagsfremstilling|Indstilling|Baggrund|Sagsansvarlig|Økonomiske konsekvenser|Bilag|Beslutning"
    r"|Resumé|Resume|Beslutningskompetence|Lovgrundlag|Høring|Tidsplan|Kommunikation)\b",
    re.IGNORECASE,
)
_NON_WORDS = re.compile(r"[\W_]+")
_WORDS_ONLY = re.compile(r"^[\wæøåÆØÅ ]+:?$")
_DATE_CHARS_ONLY = re.compile(r"^[\d\s.\-/a-zæøå]*$")
_LONGEST_HEADING = 160
_LONGEST_PART = 80  # "Beslutning i Direktionen den 24-01-2024" and friends


@dataclass
class Section:
    number: int | None
    title: str
    heading: int  # index into the block list
    closed: bool
    start: int  # first body block index
    end: int  # exclusive
    decision_start: int | None = None  # index of the "Beslutning i Direktionen" block
    parts: dict[str, int] = field(default_factory=dict)

    def proposal(self, blocks: list[Block]) -> list[Block]:
        stop = self.decision_start if self.decision_start is not None else self.end
        return blocks[self.start : stop]

    def decision(self, blocks: list[Block]) -> list[Block]:
        return [] if self.decision_start is None else blocks[self.decision_start : self.end]


def find_sections(blocks: list[Block]) -> list[Section]:
    # One pass over the blocks picks, by their first letters, the paragraphs that may open a section or a
    # table of contents and those that may name a part or an appendix: the steps below read only these.
    openers: list[int] = []
    named: list[int] = []
    for i, block in enumerate(blocks):
        if isinstance(block, Paragraph):
            first = block.text[:1]
            if first in _OPENER_INITIALS:
                openers.append(i)
            if first in _BODY_INITIALS and block.kind != ITEM:
                named.append(i)
    toc_titles, toc_blocks = _table_of_contents(blocks, openers)
    starts: dict[int, bool] = {}  # heading index -> closed
    titled_below: set[int] = set()  # headings "Punkt 3 - Åben" whose title is the next line
    for i in openers:
        block = blocks[i]
        # Only a line that starts as a case number, a case marker or a numbered heading can start a section.
        if (first := block.text[:1]) not in _SECTION_INITIALS or i in toc_blocks:  # type: ignore[union-attr]
            continue
        if first in "Pp" and block.kind != ITEM and (status := _status_heading(block.text)):
            starts[i] = status.closed
            titled_below.add(i)
            continue
        if first in _STATUS_INITIALS and _is_case_status_text(block.text):
            heading = _heading_before(blocks, i, toc_blocks)
            if heading is not None:
                starts[heading] = block.text.lower().startswith("lukket")
            continue
        # "3. Punkter til behandling" as a heading; "Punkt 3: Budget" typed above its "Sag nr."
        if (
            i not in starts
            and first in _HEADING_INITIALS
            and (_numbered_heading(block, toc_titles) or (first in "Pp" and _typed_case_line(blocks, i)))
        ):
            starts[i] = False
    if not starts:
        starts = dict.fromkeys(_headings_of_main_level(blocks, toc_blocks), False)
    ordered = sorted(starts)
    sections: list[Section] = []
    for k, heading in enumerate(ordered):
        limit = ordered[k + 1] if k + 1 < len(ordered) else len(blocks)
        marker = heading + 1 if is_case_status(blocks, heading + 1) else heading
        text = blocks[heading].text  # type: ignore[union-attr]
        numbered = _numbered(text) or (_punkt_numbered(text) if text[:1] in "Pp" else None)
        number, title = (numbered.number, numbered.title.strip()) if numbered else (None, text)
        if heading in titled_below:
            status = _status_heading(text)
            number, title = status.number, status.title  # type: ignore[union-attr]
            below = blocks[heading + 1] if heading + 1 < limit else None
            if not title and isinstance(below, Paragraph) and not below.is_item and not is_part_line(below):
                title, marker = below.text, heading + 1
        # It ends at the next section's heading, or earlier at an appendix `_read_body` finds on its way.
        section = Section(number, title.rstrip(".").strip(), heading, starts[heading], marker + 1, limit)
        _read_body(blocks, section, named[bisect_left(named, heading + 1) : bisect_left(named, limit)])
        sections.append(section)
    return sections


def is_case_status(blocks: list[Block], i: int) -> bool:
    """blocks[i] is a case's status line under its heading ("Åben sag", "Lukket punkt")."""
    return i < len(blocks) and isinstance(blocks[i], Paragraph) and _is_case_status_text(blocks[i].text)


# The lines a section's grammar reads are kept by text, as `_numbered` and friends read them: a series of
# agendas repeats its headings, case markers and part names in every document.
_TEXT_CACHE_SIZE = 8192


class _Numbered(NamedTuple):
    """ "3. Punkter til behandling" (`_NUMBERED`) or "Punkt 3: Budget 2026" (`_PUNKT_NUMBERED`)."""

    number: int
    title: str  # the rest of the line, as written


class _StatusHeading(NamedTuple):
    """ "Punkt 3 - Åben", "Punkt 3 – Lukket: Personalesag" (`_NUMBER_WITH_STATUS`)."""

    number: int
    closed: bool
    title: str  # "" when the title is the line below


@lru_cache(maxsize=_TEXT_CACHE_SIZE)
def _is_case_status_text(text: str) -> bool:
    return _CASE_STATUS.match(text) is not None


@lru_cache(maxsize=_TEXT_CACHE_SIZE)
def _numbered(text: str) -> _Numbered | None:
    m = _NUMBERED.match(text)
    return _Numbered(int(m.group(1)), m.group(2)) if m else None


@lru_cache(maxsize=_TEXT_CACHE_SIZE)
def _punkt_numbered(text: str) -> _Numbered | None:
    m = _PUNKT_NUMBERED.match(text)
    return _Numbered(int(m.group(1)), m.group(3)) if m else None


@lru_cache(maxsize=_TEXT_CACHE_SIZE)
def _status_heading(text: str) -> _StatusHeading | None:
    m = _NUMBER_WITH_STATUS.match(text)
    return (
        _StatusHeading(int(m.group(1)), m.group(2).lower() == "lukket", m.group("title") or "") if m else None
    )


_HEADING_INITIALS = frozenset("0123456789Pp")  # "3. Punkter til behandling", "Pkt. 3. …", "Punkt 3. …"
# "Åben sag", "Lukket sag": the letters re.IGNORECASE folds with their first ones (the Ångström sign is an Å)
_STATUS_INITIALS = frozenset("ÅåLl\u212b")
_SECTION_INITIALS = _HEADING_INITIALS | _STATUS_INITIALS


def _names_a_month(title: str) -> bool:
    """ "juni", "juni – 5. august", "jan. 2026": the rest of a day's date after its number."""
    words = title.split(maxsplit=3)
    if words[0] == "og" and len(words) >= 3 and words[1][:1].isdigit():
        words = words[2:]  # "5. og 12. marts": two days of one month
    return words[0].rstrip(".,:").lower() in MONTHS


def _numbered_heading(block: Paragraph, toc_titles: set[str]) -> bool:
    text = block.text
    if text[:1] not in _HEADING_INITIALS or block.kind == ITEM or len(text) > _LONGEST_HEADING:
        return False
    numbered = _numbered(text)
    if not numbered:
        # "Punkt 3: Budget" as a heading or a bold line (typed on a plain line: `_typed_case_line`)
        return (
            (block.kind == HEADING or block.strong) and text[:1] in "Pp" and _punkt_numbered(text) is not None
        )
    if _key(numbered.title) in toc_titles:
        return True
    # "**10. juni**" is a day heading the points below it, no case numbered 10
    return (block.kind == HEADING or (block.strong and not text.endswith(":"))) and not _names_a_month(
        numbered.title
    )


# What stands under a case typed on a plain line: its case number, its text, its proposal or its decision
_CASE_BODY_STARTS = ("sag nr", "sagsnr", "sagsfremstilling", "indstilling", "beslutning", "journalnr")


def _typed_case_line(blocks: list[Block], i: int) -> bool:
    """ "Punkt 3: Budget 2026" typed on a plain line is a case when its case number or a part follows
    ("Sag nr. 25/1021", "Indstilling: …", "Beslutning: …"); a list of such lines is an agenda's list."""
    block = blocks[i]
    if block.kind != PARA or block.text[1:2] not in "uUkK" or i + 1 >= len(blocks):  # "Punkt", "Pkt."
        return False
    below = blocks[i + 1]
    return (
        isinstance(below, Paragraph)
        and below.text[:1] in "SsIiBbJj"
        and below.lower.startswith(_CASE_BODY_STARTS)
        and _punkt_numbered(block.text) is not None
    )


def _heading_before(blocks: list[Block], marker: int, skip: set[int]) -> int | None:
    """The heading is the nearest numbered block above the marker (case numbers may sit between)."""
    fallback = None
    for j in range(marker - 1, max(-1, marker - 5), -1):  # case numbers may sit between, four blocks at most
        block = blocks[j]
        if j in skip or isinstance(block, Table):
            break
        if _numbered(block.text) and not block.is_item:
            return j
        if fallback is None and not block.is_item:
            fallback = j
    return fallback


def _table_of_contents(blocks: list[Block], openers: list[int]) -> tuple[set[str], set[int]]:
    """Titles listed under "Indholdsfortegnelse" and the blocks that make up that list (`openers`: the
    paragraphs that may open it, by their first letters)."""
    titles: set[str] = set()
    members: set[int] = set()
    for i in openers:
        block = blocks[i]
        if block.text[:1] not in _TOC_INITIALS or not _TOC.match(block.text):  # type: ignore[union-attr]
            continue
        j = i + 1
        while j < len(blocks):
            nxt = blocks[j]
            if isinstance(nxt, Table):
                for row in nxt.rows:
                    _add_toc_title(row.cells[0].text if row.cells else "", titles)
                members.add(j)
                j += 1
                continue
            if nxt.is_heading or len(nxt.text) >= _LONGEST_HEADING or not _TOC_LEADERS.search(nxt.text):
                break
            _add_toc_title(nxt.text, titles)
            members.add(j)
            j += 1
        if members:
            break
    return titles, members


def _add_toc_title(text: str, titles: set[str]) -> None:
    key = _toc_entry_key(text)
    if key is not None:
        titles.add(key)


# A series of agendas repeats its table of contents and headings: what they read as is kept by text.
@lru_cache(maxsize=8192)
def _toc_entry_key(text: str) -> str | None:
    """The key of a numbered table-of-contents entry ("3. Punkter til behandling ..... 5"), else None."""
    if len(text) > _LONGEST_HEADING:
        return None  # a table-of-contents entry is a heading's length; longer cells are not entries
    m = _TOC_ENTRY.match(text.strip())
    return _key(m.group(2)) if m and m.group(1) else None


def clear_text_caches() -> None:
    _toc_entry_key.cache_clear()
    _key.cache_clear()
    _is_case_status_text.cache_clear()
    _numbered.cache_clear()
    _punkt_numbered.cache_clear()
    _status_heading.cache_clear()
    _body_line.cache_clear()


@lru_cache(maxsize=8192)
def _key(title: str) -> str:
    return _NON_WORDS.sub(" ", title.lower()).strip()


def _headings_of_main_level(blocks: list[Block], skip: set[int]) -> list[int]:
    """No numbered sections: the headings of the most used level (under the title) are the sections."""
    headings = [
        (i, b.level)
        for i, b in enumerate(blocks)
        if i not in skip
        and isinstance(b, Paragraph)
        and b.is_heading
        and not _PART.match(b.text)
        and not _APPENDIX.match(b.text)
        and not _TOC.match(b.text)
        and not _dated_heading(b.text)
    ]
    if len(headings) < 2:
        return []
    levels = Counter(level for _, level in headings[1:])
    main = min(levels, key=lambda lv: (-levels[lv], lv))
    return [i for i, level in headings if level == main]


_WEEK_OR_TWO_DAYS = re.compile(
    r"^(?:uge\s*\d{1,2}\b|\d{1,2}\.?\s+og\s+\d{1,2}\.\s*[a-zæøå]{3})", re.IGNORECASE
)


def _dated_heading(text: str) -> bool:
    """A heading that is a meeting's day or week ("Onsdag 12. marts", "Uge 7 – onsdag 12. februar", "5. og
    12. marts"): a row of the plan with its points below it, never a section of the agenda."""
    return parse_day_label(text) is not None or bool(_WEEK_OR_TWO_DAYS.match(text))


# The first letters of every part name below (and of "Beslutning"): other paragraphs are passed over unread.
_PART_INITIALS = frozenset("SIBØRHTKLsibørhtklıİſ\u212a")  # with the letters IGNORECASE also folds


def _read_body(blocks: list[Block], section: Section, named: list[int]) -> None:
    """One pass over the paragraphs below a section's heading that may name a part or an appendix (`named`,
    up to its `end` as set; no list items): the section ends at an appendix ("Bilagsoversigt",
    "Underskrifter"), and its parts (Sagsfremstilling, Indstilling, Beslutning i Direktionen, …) are found by
    their names from its first body block on."""
    for j in named:
        block = blocks[j]
        line = _body_line(block.text)  # type: ignore[union-attr]
        if line is None:
            continue
        if line.appendix:
            section.end = j
            return
        if j < section.start:
            continue
        if line.decision and section.decision_start is None:
            section.decision_start = j
        if line.part and (line.bare or block.kind == HEADING or block.strong):
            section.parts.setdefault(line.part, j)


class _BodyLine(NamedTuple):
    """What a line of a section's body (not a list item) says to `_read_body`."""

    appendix: bool  # "Bilagsoversigt", "Underskrifter": the section ends here
    decision: bool  # the decision's heading ("Beslutning i Direktionen den …", "Beslutning: Godkendt.")
    part: str | None  # the part it names ("indstilling"), counted when bare or set as a heading or bold
    bare: bool  # the part's name on its own line (`_bare_part`)


_BODY_INITIALS = _PART_INITIALS | frozenset("BbUu")
_OPENER_INITIALS = _SECTION_INITIALS | _TOC_INITIALS


@lru_cache(maxsize=_TEXT_CACHE_SIZE)
def _body_line(text: str) -> _BodyLine | None:
    """None for a line that is neither an appendix nor a part (most lines)."""
    first = text[:1]
    if first in "BbUu" and _APPENDIX.match(text):
        return _BodyLine(True, False, None, False)
    if first not in _PART_INITIALS:
        return None
    if len(text) > _LONGEST_PART and not (first in "Bb" and _inline_decision(text)):
        return None
    # A decision's heading opens with "Beslutning" (re.IGNORECASE folds no other letter with its "B").
    decision = first in "Bb" and _is_decision_text(text)
    pm = _PART.match(text)
    if not decision and not pm:
        return None
    return _BodyLine(False, decision, pm.group(1).lower() if pm else None, bool(pm) and _bare_part(text))


def is_part_line(block: Paragraph) -> bool:
    """A case part's own line ("Sagsfremstilling", "Indstilling:", "Beslutning i Direktionen den …",
    "Beslutning: Godkendt.")."""
    if block.kind == ITEM or block.text[:1] not in _PART_INITIALS:
        return False
    line = _body_line(block.text)
    return line is not None and (
        line.decision or (line.part is not None and (line.bare or block.kind == HEADING or block.strong))
    )


def _bare_part(text: str) -> bool:
    """A part name on its own line ("Indstilling", "Bilag:", "Beslutning i Direktionen den 07-08-2024")."""
    return bool(_WORDS_ONLY.match(text)) or bool(_DECISION.match(text) and " i " in text.lower())


def _inline_decision(text: str) -> bool:
    """ "Beslutning: Punktet blev udskudt …": the decision's part name and its text on one line."""
    return text[:11].lower() == "beslutning:" and len(text) > 11


def is_decision_heading(block: Paragraph) -> bool:
    if block.text[:1] in "Bb" and _inline_decision(block.text) and not block.is_item:
        return True
    return _decision_heading_text(block.text)


def _is_decision_text(text: str) -> bool:
    """`is_decision_heading` of a line that is no list item."""
    return (text[:1] in "Bb" and _inline_decision(text)) or _decision_heading_text(text)


def _decision_heading_text(text: str) -> bool:
    """ "Beslutning i Direktionen den 24-01-2024", "Beslutning:" alone on its line, the decision below it."""
    m = _DECISION.match(text)
    if not m or len(text) > _LONGEST_PART:
        return False
    rest = m.group(1).removeprefix(":")
    return text.lower().startswith("beslutning i") or not rest or bool(_DATE_CHARS_ONLY.match(rest))


def decision_date_text(block: Paragraph) -> str | None:
    """The date after "Beslutning i Direktionen den"; "" for an inline decision ("Beslutning: Udsat til …"),
    whose dates are the decision's, not the meeting's."""
    m = _DECISION.match(block.text)
    if not m or not is_decision_heading(block):
        return None
    return "" if _inline_decision(block.text) else m.group(1).removeprefix(":")
