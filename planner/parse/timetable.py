"""The timed agenda (the `Tid` / `Punkt` table)."""

from __future__ import annotations

import re

from planner.dates import parse_time_range
from planner.model import TimetableEntry
from planner.textprep import Line, normalise_space, strip_html

_HEADER = re.compile(r"^\s*\|?\s*Tid\s*(?:\t|\||\s{2,})\s*\|?\s*Punkt(?:er)?\s*\|?\s*$", re.IGNORECASE)
_ROW = re.compile(
    r"^\s*\|?\s*(?P<time>(?:kl\.\s*)?\d{1,2}[.:]\d{2}(?:\s*[-–]\s*(?:\d{1,2}[.:]\d{2})?)?)\s*(?:\t|\||\s)\s*(?P<title>.*)$"
)
_END = re.compile(r"^\s*(Indstilling|Beslutning|Bilag|Sagsfremstilling|Økonomiske konsekvenser)\b", re.IGNORECASE)


def parse_timetable(lines: list[Line], start: int, end: int) -> list[TimetableEntry]:
    entries: list[TimetableEntry] = []
    i = start
    while i < end:
        if "tid" not in lines[i].lower or not _HEADER.match(lines[i].text):
            i += 1
            continue
        i += 1
        parts: list[str] = []
        current: TimetableEntry | None = None
        while i < end:
            line = lines[i]
            raw = line.raw
            if line.blank:
                i += 1
                continue
            if _END.match(line.text):
                break
            m = _ROW.match(raw.replace("|", "\t", 2) if raw.lstrip().startswith("|") else raw)
            if m:
                if current:
                    entries.append(_finish(current, parts))
                t_start, t_end = parse_time_range(m.group("time"))
                current = TimetableEntry(time=t_start, end=t_end, title="", line=line.no)
                parts = [m.group("title")]
            elif current is not None:
                parts.append(raw)  # a row without a time belongs to the previous one
            else:
                break
            i += 1
        if current:
            entries.append(_finish(current, parts))
    # A row lasts until the next one starts when the document gives no end time.
    for k, entry in enumerate(entries[:-1]):
        if entry.end is None and entries[k + 1].time and entry.time and entries[k + 1].time > entry.time:
            entry.end = entries[k + 1].time
    return entries


def _finish(entry: TimetableEntry, parts: list[str]) -> TimetableEntry:
    cleaned = [normalise_space(strip_html(p).replace("|", " ").replace("**", "")) for p in parts]
    text = ""
    for part in filter(None, cleaned):
        # A word broken across lines ("årsberet-" / "ningen") is joined; "sundheds- og" is not.
        if re.search(r"\w-$", text) and re.match(r"[a-zæøå]", part) and not re.match(r"(og|eller|samt)\b", part):
            text = text[:-1] + part
        else:
            text = f"{text} {part}".strip()
    return TimetableEntry(time=entry.time, end=entry.end, title=text, line=entry.line)
