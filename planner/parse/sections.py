"""Finding the numbered agenda sections and their parts (Sagsfremstilling, Beslutning, ...)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planner.textprep import Line, normalise_space

_CASE_STATUS = re.compile(r"^\s*(åben|lukket)\s+sag\s*$", re.IGNORECASE)
_NUMBERED = re.compile(r"^\s*(\d{1,2})\.\s+(\S.*)$")
_DECISION = re.compile(r"^\s*Beslutning i Direktionen(?:\s+(?:den|d\.))?\s*(.*)$", re.IGNORECASE)
_APPENDIX = re.compile(r"^\s*(Bilagsoversigt|Underskriftsside)\s*$", re.IGNORECASE)
_PART = re.compile(
    r"^\s*(Sagsgang|Sagsfremstilling|Indstilling|Baggrund|Sagsansvarlig|Økonomiske konsekvenser|"
    r"Bilag:?|Beslutning i Direktionen.*)\s*$",
    re.IGNORECASE,
)


@dataclass
class Section:
    number: int | None
    title: str
    heading_line: int  # index into the line list
    closed: bool
    start: int  # first body line index
    end: int  # exclusive
    decision_start: int | None = None  # index of "Beslutning i Direktionen" line
    parts: dict[str, int] = field(default_factory=dict)

    def body(self, lines: list[Line]) -> list[Line]:
        return lines[self.start : self.end]

    def proposal(self, lines: list[Line]) -> list[Line]:
        stop = self.decision_start if self.decision_start is not None else self.end
        return lines[self.start : stop]

    def decision(self, lines: list[Line]) -> list[Line]:
        if self.decision_start is None:
            return []
        return lines[self.decision_start : self.end]


_LONGEST_PART = 80  # "Beslutning i Direktionen den 24-01-2024" and friends


def find_sections(lines: list[Line]) -> list[Section]:
    """Sections are recognised by their 'Åben sag' / 'Lukket sag' marker under the heading."""
    markers: list[tuple[int, int, bool]] = []  # (heading index, marker index, closed)
    for i, line in enumerate(lines):
        m = _CASE_STATUS.match(line.text) if line.lower.endswith("sag") else None
        if not m:
            continue
        heading = _heading_before(lines, i)
        if heading is not None:
            markers.append((heading, i, m.group(1).lower() == "lukket"))
    sections: list[Section] = []
    for k, (heading, marker, closed) in enumerate(markers):
        end = markers[k + 1][0] if k + 1 < len(markers) else _appendix_start(lines, marker)
        text = normalise_space(lines[heading].text)
        m = _NUMBERED.match(text)
        number, title = (int(m.group(1)), m.group(2).strip()) if m else (None, text)
        section = Section(number, title.rstrip("."), heading, closed, marker + 1, end)
        for j in range(marker + 1, end):
            if len(lines[j].text) > _LONGEST_PART:
                continue  # part headings are short lines; most lines are prose
            if section.decision_start is None and _DECISION.match(lines[j].text):
                section.decision_start = j
            pm = _PART.match(lines[j].text)
            if pm:
                section.parts.setdefault(pm.group(1).rstrip(":").split(" ")[0].lower(), j)
        sections.append(section)
    return sections


def _heading_before(lines: list[Line], marker: int) -> int | None:
    """The heading is the nearest numbered line above the marker (case numbers may sit between)."""
    seen = 0
    fallback = None
    for j in range(marker - 1, -1, -1):
        if lines[j].blank:
            continue
        seen += 1
        if _NUMBERED.match(lines[j].text):
            return j
        if fallback is None:
            fallback = j
        if seen >= 4:
            break
    return fallback


def _appendix_start(lines: list[Line], after: int) -> int:
    for j in range(after, len(lines)):
        if _APPENDIX.match(lines[j].text):
            return j
    return len(lines)


def decision_date_text(line: Line) -> str | None:
    m = _DECISION.match(line.text)
    return m.group(1) if m else None

