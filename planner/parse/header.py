"""The document header: kind, date, times, place, members and absent members."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planner.dates import find_dates, parse_time_range
from planner.model import MeetingHeader, Member, ParseWarning
from planner.textprep import Line, normalise_space

_KEYS = {
    "sted": "location", "mødested": "location", "lokale": "location",
    "dato": "date", "mødedato": "date",
    "start kl.": "start", "start kl": "start", "start": "start", "mødestart": "start",
    "slut kl.": "end", "slut kl": "end", "slut": "end", "mødeslut": "end",
    "tid": "time", "tidspunkt": "time", "mødetidspunkt": "time", "kl.": "time",
    "medlemmer": "members", "deltagere": "members",
    "fraværende": "absent", "afbud": "absent", "fravær": "absent",
}  # fmt: skip
_KEY_RE = re.compile(
    r"(?:^|(?<=\s))(?P<key>" + "|".join(re.escape(k) for k in sorted(_KEYS, key=len, reverse=True)) + r")\s*:",
    re.IGNORECASE,
)
_LIST_MARK = re.compile(r"^[-*]\s+")
_KIND = re.compile(r"^\s*(referat|dagsorden|beslutningsprotokol)\s*$", re.IGNORECASE)
_VACANT = re.compile(r"^(vakant|ledig|ikke besat)\.?$", re.IGNORECASE)
_HEADER_END = re.compile(r"^\s*(Indholdsfortegnelse|Indhold)\s*$", re.IGNORECASE)


@dataclass
class HeaderResult:
    kind: str | None
    meeting: MeetingHeader
    end_index: int  # lines before this index belong to the header
    warnings: list[ParseWarning] = field(default_factory=list)
    unparsed: list[ParseWarning] = field(default_factory=list)


def parse_header(lines: list[Line], stop: int) -> HeaderResult:
    """Read key/value header lines before index `stop` (the first section)."""
    kind = None
    values: dict[str, list[tuple[int, str]]] = {}
    current: str | None = None
    end_index = stop
    unparsed: list[ParseWarning] = []
    for i, line in enumerate(lines[:stop]):
        text = line.text.strip()
        text = _LIST_MARK.sub("", text)  # markdown list header ("- Sted: ...")
        if _HEADER_END.match(text):
            end_index = i
            break
        if not text:
            current = None
            continue
        km = _KIND.match(text)
        if km:
            kind = "referat" if km.group(1).lower() != "dagsorden" else "dagsorden"
            continue
        keys = list(_KEY_RE.finditer(text))
        if keys and (keys[0].start() == 0 or not text[: keys[0].start()].strip()):
            for k, m in enumerate(keys):
                value_end = keys[k + 1].start() if k + 1 < len(keys) else len(text)
                current = _KEYS[m.group("key").lower()]
                values.setdefault(current, []).append((line.no, text[m.end() : value_end].strip()))
        elif current in ("location", "members", "absent"):
            values[current].append((line.no, text))
        elif text.lower() not in ("direktionen",):
            unparsed.append(ParseWarning(line.no, f"overskriftslinje ikke forstået: {normalise_space(text)[:80]}"))
    meeting = MeetingHeader()
    warnings: list[ParseWarning] = []
    for no, value in values.get("date", []):
        spans, problems = find_dates(value, None)
        for p in problems:
            warnings.append(ParseWarning(no, p.message))
        if spans and meeting.date is None:
            meeting.date = spans[0].start
            meeting.date_line = no
        # Older layouts put the time on the date line: "Dato : 12. september 2007 Start kl. : 9.00"
    for key in ("start", "end"):
        for _no, value in values.get(key, []):
            start, _ = parse_time_range(value)
            if start:
                setattr(meeting, key, start)
    for _no, value in values.get("time", []):
        start, end = parse_time_range(value)
        meeting.start = meeting.start or start
        meeting.end = meeting.end or end
    location = [v for _, v in values.get("location", []) if v]
    meeting.location = ", ".join(location) if location else None
    meeting.members = [m for _, v in values.get("members", []) for m in parse_members(v)]
    absent_raw = [name for _, v in values.get("absent", []) for name in _split_names(v)]
    meeting.absent = [resolve_person(n, meeting.members) for n in absent_raw]
    return HeaderResult(kind, meeting, end_index, warnings, unparsed)


def parse_members(value: str) -> list[Member]:
    """'Kommunaldirektør Jonas Kroustrup' -> Member(role, name); several may share a line."""
    out = []
    for chunk in re.split(r"\s{2,}|,|;", value):
        chunk = normalise_space(chunk)
        if not chunk:
            continue
        role, name = split_role(chunk)
        if not name:
            out.append(Member(role="", name=role))
        elif _VACANT.match(name.strip()):
            out.append(Member(role=role, name=None))
        else:
            out.append(Member(role=role, name=name.strip()))
    return out


_ROLE_WORD = re.compile(r"(direktør|chef|borgmester|sekretær|konsulent|formand|leder)$", re.IGNORECASE)


def split_role(chunk: str) -> tuple[str, str]:
    """'Teknisk direktør Ole Olsen' -> ('Teknisk direktør', 'Ole Olsen'); a role ends in a title word."""
    words = chunk.split(" ")
    for k, word in enumerate(words[:4]):
        if _ROLE_WORD.search(word):
            return " ".join(words[: k + 1]), " ".join(words[k + 1 :])
    return words[0], " ".join(words[1:])


def _split_names(value: str) -> list[str]:
    parts = re.split(r",|;|\s+og\s+|\s{2,}", value)
    return [normalise_space(p).rstrip(".") for p in parts if normalise_space(p) and p.strip() != "-"]


def resolve_person(short: str, members: list[Member]) -> str:
    """'Kim Bruun' -> 'Kim Bruun Nielsen' when exactly one member's name starts with (or contains) it."""
    wanted = short.split()
    if not wanted:
        return short
    # A role may precede the name ("Velfærdsdirektør Lene Mehlsen Thomsen").
    for member in members:
        if member.name and member.role and short.lower() == f"{member.role} {member.name}".lower():
            return member.name
    candidates = []
    for member in members:
        if not member.name:
            continue
        tokens = member.name.split()
        lowered = [t.lower() for t in tokens]
        want = [w.lower() for w in wanted]
        if lowered[: len(want)] == want or all(w in lowered for w in want):
            candidates.append(member.name)
    if len(candidates) == 1:
        return candidates[0]
    return short
