"""A realistic synthetic archive for the benchmark: ten years of weekly agendas and minutes
made from the real example documents, dates shifted week by week and points varied.

The same meeting date gets the same points in every document that covers it (as in real
life, where the forward plan repeats week after week), with a few points moving.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from planner.dates import MONTH_NAMES, find_dates
from planner.parse.document import parse_text
from planner.parse.model import ParsedDocument

EXAMPLES = Path(__file__).resolve().parents[2] / "data" / "examples"
TEMPLATES = ("000_cd4edc4b618f9f5a.txt", "002_22e19539ae1485f7.txt")  # a referat and a dagsorden

TOPICS = (
    "Budgetopfølgning {month}",
    "Budget {year} – proces",
    "Status på Helhedsorienteret Indsats (HOI)",
    "Opsamling på møde i KKR d. {day}",
    "Evaluering af råderumsprocessen",
    "Årligt dialogmøde med socialchef",
    "Årligt dialogmøde med skole- og dagtilbudschef",
    "Direktionens årshjul {year}",
    "Plan- og udviklingsstrategien",
    "Forberedelse af møde i Koncernledelsen d. {day}",
    "Ny model for sygefravær",
    "Arbejdsmiljødag d. {day}",
    "KB-håndbogen",
    "Regeringens lovprogram",
    "Digitaliseringsstrategi {year}",
    "Klimahandlingsplan – status",
    "Velkomstarrangement for nye medarbejdere",
    "Udmøntningsplan {year}",
    "Kattegatalliancen – handleplan",
    "Borgermøde om budget",
    "Lederdag {year}",
    "APV for direktionen",
    "Status på Skovskolens udvidelse",
    "Opfølgning på borgerarrangementer",
    "Trivselsmåling {year}",
    "Sundhedspolitik – høring",
    "Beskæftigelsesplan {year}",
    "Styringsmodel for Socialområdet",
    "Kommunalvalg – forberedelse",
    "Indkøbspolitik – revision",
)
HOLIDAY_WEEKS = {
    7: "Vinterferie",
    42: "Efterårsferie",
    52: "Juleferie",
    28: "Sommerferie",
    29: "Sommerferie",
    30: "Sommerferie",
}
ROWS_AHEAD = 20
_RUL = re.compile(r"\bRul ([a-zæøå]+):")


@dataclass(frozen=True)
class ArchiveDoc:
    name: str
    meeting: date
    text: str


def points_for(day: date, rng_seed: int = 7) -> list[str]:
    """The points planned for one meeting date: the same in every document that lists that date."""
    rng = random.Random(day.toordinal() * 31 + rng_seed)
    count = rng.choice((0, 0, 1, 1, 2, 2, 3))
    later = day + timedelta(days=rng.randint(1, 20))
    fields = {
        "month": MONTH_NAMES[day.month - 1],
        "year": day.year,
        "day": f"{later.day}. {MONTH_NAMES[later.month - 1]}",
    }
    return [rng.choice(TOPICS).format(**fields) for _ in range(count)]


def _label(d: date) -> str:
    name = MONTH_NAMES[d.month - 1]
    return f"{d.day}. {name if len(name) <= 4 else name[:3] + '.'}"


def _forward_rows(meeting: date, issue: int) -> list[str]:
    rows = []
    for k in range(1, ROWS_AHEAD + 1):
        day = meeting + timedelta(weeks=k)
        holiday = HOLIDAY_WEEKS.get(day.isocalendar().week)
        if holiday:
            rows.append(f"{_label(day)}\t{holiday}")
            continue
        points = points_for(day)
        # A point now and then moves a week as the plan is reworked.
        if points and random.Random(issue * 1000 + k).random() < 0.05:
            points = points[:-1]
        if random.Random(day.toordinal() + issue).random() < 0.03:
            points.append("Kim Bruun deltager ikke på mødet.")
        rows.append(f"{_label(day)}\t" + "  ".join(points))
    return rows


def _shift_line(line: str, ref: date, delta: timedelta) -> str:
    spans, _ = find_dates(line, ref)
    for span in reversed(spans):
        new = span.start + delta
        text = span.text
        if "/" in text:
            repl = f"{new.day}/{new.month} {new.year}"
        elif "-" in text and text[:2].isdigit() and text.count("-") == 2:
            repl = f"{new.day:02d}-{new.month:02d}-{new.year}"
        elif span.fuzzy:
            continue
        else:
            prefix = "d. " if text.startswith("d.") else ("den " if text.startswith("den") else "")
            year = f" {new.year}" if span.explicit_year else ""
            end = span.end + delta
            body = f"{new.day}. {MONTH_NAMES[new.month - 1]}"
            if span.is_range:
                body = f"{new.day}.-{end.day}. {MONTH_NAMES[end.month - 1]}"
            repl = prefix + body + year
        line = line[: span.pos] + repl + line[span.endpos :]
    rul = _RUL.search(line)
    if rul and spans:
        first = spans[0].start + delta
        line = line[: rul.start(1)] + MONTH_NAMES[first.month - 1] + line[rul.end(1) :]
    return line


@lru_cache(maxsize=4)
def _template(name: str) -> tuple[str, ParsedDocument]:
    source = (EXAMPLES / name).read_text(encoding="utf-8")
    return source, parse_text(source, name)


def render(template: str, meeting: date, issue: int) -> str:
    source, doc = _template(template)
    ref = doc.meeting.date
    delta = meeting - ref
    table = {row.line for row in doc.forward_plan}
    lines = source.splitlines()
    out: list[str] = []
    emitted = False
    for no, line in enumerate(lines, start=1):
        if no in table:
            if not emitted:
                out.extend(_forward_rows(meeting, issue))
                emitted = True
            continue
        if line.startswith("\t") and no - 1 in table:
            continue
        out.append(_shift_line(line, ref, delta))
    return "\n".join(out) + "\n"


def build_archive(years: int = 10, first: date = date(2016, 1, 6)) -> list[ArchiveDoc]:
    """Two documents per Wednesday (agenda and minutes): about 1,040 documents for ten years."""
    docs = []
    weeks = years * 52
    for k in range(weeks):
        meeting = first + timedelta(weeks=k)
        if meeting.isocalendar().week in HOLIDAY_WEEKS:
            continue
        for template in TEMPLATES:
            kind = "referat" if template.startswith("000") else "dagsorden"
            docs.append(
                ArchiveDoc(f"{meeting.isoformat()}_{kind}.txt", meeting, render(template, meeting, k))
            )
    return docs


def write_archive(directory: Path, years: int = 10) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for doc in build_archive(years):
        path = directory / doc.name
        path.write_text(doc.text, encoding="utf-8")
        paths.append(path)
    return paths
