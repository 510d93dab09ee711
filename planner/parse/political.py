"""The political meeting cycle ("Rul juni: ØK d. 11/6 2024, KB d. 18/6 2024") and the dated
meetings listed around it (committees, seminars, KKR, Direktionsseminar, ...)."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from planner.dates import MONTHS, dates_in
from planner.documents import ITEM, Block, Paragraph, Table
from planner.parse.model import Event, ParseWarning, PoliticalCycle
from planner.parse.textprep import CaselessSearch

_CYCLE = re.compile(
    r"\bRul\s+(?P<label>[A-Za-zæøåÆØÅ]+)\s*:?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_OEK = re.compile(
    r"\b(?:ØK|ØU|Økonomiudvalg(?:et|smøde)?)\b\s*(?:d\.|den)?\s*(?P<date>[^,;]{1,60})", re.IGNORECASE
)
_KB = re.compile(
    r"\b(?:KB|BYR|BR|Kommunalbestyrelse(?:n|smøde)?|Byråd(?:et|smøde)?)\b\s*(?:d\.|den)?\s*(?P<date>[^,;]{1,60})",
    re.IGNORECASE,
)
_EVENT_SECTION = CaselessSearch(
    r"beslutningsprotokol|politisk|udvalg|dagsordener|kommende møder|mødekalender|møder og aktiviteter"
)
_HELD_PREFIX = re.compile(
    r"^(?:der\s+(?:blev\s+)?(?:afholdt|afholdes|holdes|er)\s+|der\s+var\s+|afholdt\s+|afholdes\s+)",
    re.IGNORECASE,
)
# `_HELD_PREFIX`'s first letters ("der", "afholdt"), as IGNORECASE folds them
_HELD_INITIALS = frozenset("DdAa")
_CANCELLED = re.compile(r"\b(?:var|er|blev|bliver)\s+aflyst\b|\baflyst\b", re.IGNORECASE)
_POLITICAL = re.compile(
    r"udvalg|kommunalbestyrels|byråd|gruppeformand|\bKKR\b|borgermøde|\bØK\b|\bØU\b|\bKB\b|\bBYR\b|regionsråd|"
    r"politisk|borgmest",
    re.IGNORECASE,
)
_STAFF = re.compile(r"hovedudvalg|\bMED\b|\bHU\b", re.IGNORECASE)
_DIRECTION = re.compile(
    r"direktion|koncernledelse|\bKCL\b|chefforum|lederdag|ledere\b|ledersamling", re.IGNORECASE
)


_OEK_OR_KB = re.compile(r"\b(ØK|ØU|KB|BYR|BR|Økonomiudvalg\w*|Kommunalbestyrelse\w*|Byråd\w*)\b")
_PAST_HINT = CaselessSearch(r"forudgående|afholdt")
_LIST_HEAD_END = re.compile(r"(:|\bfor|\bi)$")
_TRAILING_PREFIX = re.compile(r"\s+(?:d\.|den)$")
_PARENTHESIS = re.compile(r"\s*(\([^)]*\))")
_NON_WORD = re.compile(r"[^a-zæøå0-9]+")
_SENTENCE_END = re.compile(r"(?<=[.;])\s")


# A table of the cycle: "Rul | ØK | KB", a month per row ("Marts | 10/3 | 24/3").
_CYCLE_TABLE_FIRST = frozenset({"rul", "politisk rul", "måned"})
_CYCLE_TABLE_BODIES = frozenset(
    {"øk", "øu", "kb", "byr", "br", "økonomiudvalget", "kommunalbestyrelsen", "byrådet"}
)


def is_cycle_table(table: Table) -> bool:
    """The table lays out the political cycle: its header is "Rul" (or "Måned") and the bodies."""
    if not table.rows or not table.rows[0].cells or table.rows[0].cells[0].text[:1] not in "RrMmPp":
        return False  # a screen: "Rul", "Måned", "Politisk rul" (most tables start otherwise)
    header = [t.lower().strip(" :") for t in table.rows[0].texts()]
    return (
        len(header) >= 2
        and header[0] in _CYCLE_TABLE_FIRST
        and all(h in _CYCLE_TABLE_BODIES for h in header[1:] if h)
        and any(header[1:])
    )


def cycle_table_lines(blocks: list[Block]) -> list[Paragraph]:
    """Each row of a cycle table as the line a secretary would type: "Rul marts: ØK 10/3, KB 24/3"."""
    lines: list[Paragraph] = []
    for block in blocks:
        if not isinstance(block, Table) or not is_cycle_table(block):
            continue
        bodies = block.rows[0].texts()
        for row in block.rows[1:]:
            texts = row.texts()
            if not texts or not texts[0].strip():
                continue
            dates = [
                f"{b.strip()} {t.strip()}" for b, t in zip(bodies[1:], texts[1:], strict=False) if t.strip()
            ]
            lines.append(Paragraph(f"Rul {texts[0].strip()}: {', '.join(dates)}", row.pos))
    return lines


def is_event_section(title: str) -> bool:
    return _EVENT_SECTION(title)


def parse_cycles(
    paragraphs: list[Paragraph], ref: date | None
) -> tuple[list[PoliticalCycle], list[ParseWarning]]:
    cycles: list[PoliticalCycle] = []
    warnings: list[ParseWarning] = []
    seen: set[tuple] = set()
    for line in paragraphs:
        text = line.text
        if not ("ul" in text or "UL" in text):
            continue  # "Rul", "rul", "RUL" (a line without "ul" or "UL" is not searched)
        lowered = text.lower()
        if "rul" not in lowered:
            continue  # "skulle", "Kultur": no cycle (`_cycle_parts` needs "rul")
        for segment in _NEXT_CYCLE.split(text) if lowered.count("rul ") > 1 else (text,):
            _read_cycle(segment, line, ref, cycles, warnings, seen)
    return cycles, warnings


# "Rul oktober: ØK 30/9, KB 7/10; Rul november: ØK 28/10, KB 4/11": two cycles on one line
_NEXT_CYCLE = re.compile(r"[;,.]?\s+(?=rul\s+[a-zæøå]+\.?\s*:)", re.IGNORECASE)


def _read_cycle(
    text: str,
    line: Paragraph,
    ref: date | None,
    cycles: list[PoliticalCycle],
    warnings: list[ParseWarning],
    seen: set[tuple],
) -> None:
    """The cycle one line (or one part of a line) gives, with what is wrong with it."""
    parts = _cycle_parts(text)
    if parts is None:
        return
    written_label, oek_text, kb_text = parts
    oek = _first_date(oek_text, ref)
    kb = _first_date(kb_text, ref)
    label = written_label.lower()
    key = (label, oek, kb)
    if oek is None and kb is None:
        warnings.append(
            ParseWarning(line.no, f"politisk rul uden læsbare datoer: '{text[:80]}'", line.pos.page)
        )
        return
    if key in seen:
        return
    seen.add(key)
    cycles.append(PoliticalCycle(label=label, oekonomiudvalg=oek, kommunalbestyrelse=kb, line=line.no))
    month = MONTHS.get(label)
    if month is None:
        warnings.append(
            ParseWarning(line.no, f"'Rul {written_label}': ukendt måned i etiketten", line.pos.page)
        )
    elif all(d is None or d.month != month for d in (oek, kb)):
        found = ", ".join(d.isoformat() for d in (oek, kb) if d)
        warnings.append(
            ParseWarning(
                line.no,
                f"'Rul {label}' passer ikke med datoerne ({found}); datoerne er brugt",
                line.pos.page,
            )
        )


def is_cycle_line(text: str) -> bool:
    """ "Rul marts: ØK 4.3.2025, KB 18.3.2025": a line of the political cycle (read by `parse_cycles`)."""
    return ("ul" in text or "UL" in text) and _cycle_parts(text) is not None


@lru_cache(maxsize=4096)  # the cycle lines recur in every agenda of a series
def _cycle_parts(text: str) -> tuple[str, str | None, str | None] | None:
    """('juni', 'd. 11/6 2024', 'd. 18/6 2024') of "Rul juni: ØK d. 11/6 2024, KB d. 18/6 2024": the label as
    written and the texts after ØK and KB; None when the line is no cycle."""
    if "rul" not in text.lower():
        return None
    m = _CYCLE.search(text)
    if not m or not _OEK_OR_KB.search(m.group("rest")):
        return None
    rest = m.group("rest")
    oek, kb = _OEK.search(rest), _KB.search(rest)
    return m.group("label"), oek.group("date") if oek else None, kb.group("date") if kb else None


def _first_date(text: str | None, ref: date | None) -> date | None:
    if not text:
        return None
    spans, _ = dates_in(text, ref)
    return spans[0].start if spans else None


def parse_events(
    blocks: list[Block], ref: date | None, section_title: str, has_tables: bool = True
) -> tuple[list[Event], list[ParseWarning], list[ParseWarning]]:
    """Dated meetings in lists and 'Der blev afholdt ...' sentences of an event section."""
    events: list[Event] = []
    warnings: list[ParseWarning] = []
    unparsed: list[ParseWarning] = []
    subsection = section_title
    past_section = "forudgående" in section_title.lower() or "afholdt" in section_title.lower()
    # Short dated lines right under a lead-in ("Politiske møder:" / "ØK 7/1" / "KB 14/1"): a list typed
    # without bullets.
    under_lead_in = False
    for line in _with_body_tables(blocks) if has_tables else blocks:
        if not isinstance(line, Paragraph):
            continue
        plain = line.text
        lowered = plain.lower()  # not `line.lower`: each line is read here once, and the method is cheaper
        if "rul" in lowered and _CYCLE.search(plain):
            continue
        cancelled = "aflyst" in lowered
        bullet = plain if line.is_item else None
        if (
            bullet is None
            and under_lead_in
            and len(plain) < 90
            and plain[-1:] not in ":."
            and _DIGIT.search(plain)
        ):
            bullet = plain
        under_lead_in = (bullet is not None and under_lead_in) or plain.endswith(":")
        sentence = (
            None
            if bullet is not None
            else (plain if cancelled or (plain[:1] in _HELD_INITIALS and _HELD_PREFIX.match(plain)) else None)
        )
        if bullet is None and sentence is None:
            if plain.endswith(":") or (len(plain) < 90 and not plain.endswith(".")):
                subsection = plain
                past_section = _PAST_HINT(subsection, lowered)
            continue
        text = bullet if bullet is not None else sentence
        bias = "past" if past_section or "forudgående" in lowered or "afholdt" in lowered else "nearest"
        spans, problems = dates_in(text, ref, bias)
        if problems:
            warnings.extend(ParseWarning(line.no, p.message, line.pos.page) for p in problems)
        if not spans:
            if bullet is not None and not _LIST_HEAD_END.search(text) and not problems:
                unparsed.append(
                    ParseWarning(line.no, f"punkt uden dato i mødeliste: '{text[:80]}'", line.pos.page)
                )
            continue
        span = spans[0]
        title = _event_title(text, span.pos, span.endpos)
        if not title:
            unparsed.append(ParseWarning(line.no, f"mødelinje uden titel: '{text[:80]}'", line.pos.page))
            continue
        status = (
            "cancelled"
            if cancelled and _CANCELLED.search(text)
            else ("held" if ref and span.end < ref else "upcoming")
        )
        events.append(
            Event(
                title=title,
                start=span.start,
                end=span.end,
                category=_listed_category(title, subsection, section_title),
                status=status,
                line=line.no,
                section=subsection,
                page=line.pos.page,
            )
        )
    return events, warnings, unparsed


# A table of other bodies' meetings: "Udvalg | Dato" (a table per month in the political calendar)
BODY_TABLE_FIRST = frozenset({"udvalg", "forum", "mødeforum", "organ", "politisk udvalg", "udvalg/råd"})


def body_table_rows(table: Table) -> int | None:
    """The first row of other bodies' meetings in a table of them: 1 under an "Udvalg | Dato" header, 0 in a
    table without a header whose every row names a political body before its day ("Økonomiudvalget | 10.
    marts", a committee list typed with tabs); None for any other table."""
    if not table.rows or not table.rows[0].cells:
        return None
    if table.rows[0].cells[0].text.lower().strip(" :") in BODY_TABLE_FIRST:
        return 1
    if len(table.rows) < 2:
        return None
    for row in table.rows:
        first = row.cells[0].text if len(row.cells) > 1 else ""
        if (
            not first.strip()
            or _DIGIT.search(first)
            or not _POLITICAL.search(first)
            or _DIRECTION.search(first)
        ):
            return None
        if not _DIGIT.search(row.cells[1].text):
            return None
    return 0


_DIGIT = re.compile(r"\d")


def _with_body_tables(blocks: list[Block]) -> list[Block]:
    """The blocks, with each row of an "Udvalg | Dato" table as the list item a secretary would type
    ("Økonomiudvalget 10. december")."""
    if not any(isinstance(b, Table) for b in blocks):
        return blocks
    out: list[Block] = []
    for block in blocks:
        if not isinstance(block, Table) or not block.rows or not block.rows[0].cells:
            out.append(block)
            continue
        first = body_table_rows(block)
        if first is None:
            continue
        for row in block.rows[first:]:
            text = " ".join(t.strip() for t in row.texts() if t.strip())
            if text:
                out.append(Paragraph(text, row.pos, kind=ITEM))
    return out


def _listed_category(title: str, subsection: str, section_title: str) -> str:
    """A meeting's category by its name; one listed under "Politiske møder" whose name does not say it
    (a committee's local abbreviation: "BSU 8/1") is political by the list."""
    category = categorise(title)
    if (
        category == "other"
        and title.isupper()
        and len(title) <= 6
        and ("olitisk" in subsection or "olitisk" in section_title)
    ):
        return "political"
    return category


_DIGIT = re.compile(r"\d")
TEXT_CACHE_SIZE = 16_384  # titles and lines of meeting lists; a series of agendas repeats them


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _event_title(text: str, pos: int, endpos: int) -> str:
    before = _HELD_PREFIX.sub("", text[:pos]).strip()
    before = _TRAILING_PREFIX.sub("", before).strip(" ,;:")
    after = text[endpos:]
    extra = _PARENTHESIS.match(after)
    if not before:  # "d. 13. januar; kommunaldirektør og borgmester ..."
        before = _SENTENCE_END.split(after.strip(" ;:"), maxsplit=1)[0].strip(" .;")
        return " ".join(before.split())
    if extra:
        before = f"{before} {extra.group(1)}"
    return " ".join(before.split())


# The three patterns above without re.IGNORECASE, for lower-cased titles: a case-insensitive alternation
# tries every branch at every position. str.lower() folds every letter as the regex does except ı, İ
# and ſ, so a title with one of those is read with the patterns above.
_STAFF_LOWER = re.compile(r"hovedudvalg|\bmed\b|\bhu\b")
_DIRECTION_LOWER = re.compile(r"direktion|koncernledelse|\bkcl\b|chefforum|lederdag|ledere\b|ledersamling")
_POLITICAL_LOWER = re.compile(
    r"udvalg|kommunalbestyrels|byråd|gruppeformand|\bkkr\b|borgermøde|\bøk\b|\bøu\b|\bkb\b|\bbyr\b|regionsråd|"
    r"politisk|borgmest"
)
_UNFOLDED = re.compile("[ıİſ]")


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def categorise(title: str) -> str:
    if _UNFOLDED.search(title):
        staff, direction, political = _STAFF, _DIRECTION, _POLITICAL
    else:
        staff, direction, political = _STAFF_LOWER, _DIRECTION_LOWER, _POLITICAL_LOWER
        title = title.lower()
    if staff.search(title):
        return "other"
    if direction.search(title):
        return "direction"
    if political.search(title):
        return "political"
    return "other"


def clear_text_caches() -> None:
    _event_title.cache_clear()
    categorise.cache_clear()
    _cycle_parts.cache_clear()
    _norm_title.cache_clear()


def dedupe_events(events: list[Event]) -> list[Event]:
    """The same meeting appears in Sagsfremstilling and in Beslutning; keep one, with the latest status."""
    by_key: dict[tuple, Event] = {}
    for event in events:
        key = (_norm_title(event.title), event.start, event.end)
        known = by_key.get(key)
        if known is None:
            by_key[key] = event
        elif event.status == "cancelled" and known.status != "cancelled":
            by_key[key] = Event(
                known.title,
                known.start,
                known.end,
                known.category,
                "cancelled",
                known.line,
                known.section,
                page=known.page,
            )
    return sorted(by_key.values(), key=lambda e: (e.start, e.page or 0, e.line))


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _norm_title(title: str) -> str:
    return _NON_WORD.sub(" ", title.lower()).strip()
