"""The parsed-document model: what one agenda or minutes document says.

Everything here is a plain typed dataclass; `to_json()` gives the public
`planner parse --json` shape (ISO dates, HH:MM times, null where unknown).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

from planner.documents.model import Position

FORMAT_NAMES = {"txt": "tekst", "md": "markdown", "html": "HTML", "docx": "Word", "pdf": "PDF"}


@dataclass(frozen=True)
class ParseWarning:
    line: int
    message: str
    page: int | None = None  # set for paged formats (PDF)
    part: str = ""  # set outside the body: "sidehoved", "vedhæftet fil 'dagsorden.docx'" (see Position)

    def where(self) -> str:
        """Danish position: 'linje 12', 'side 2, linje 12' or 'sidehoved, linje 1'."""
        return Position(self.line, self.page, self.part).label()

    def to_json(self) -> dict:
        out = {"line": self.line, "page": self.page, "message": self.message}
        if self.part:  # only where there is one, so the body's warnings keep their shape
            out["part"] = self.part
        return out


@dataclass(frozen=True)
class Member:
    role: str
    name: str | None  # None for a vacancy ("Kommunaldirektør Vakant")

    @property
    def vacant(self) -> bool:
        return self.name is None

    def to_json(self) -> dict:
        return {"role": self.role, "name": self.name, "vacant": self.vacant}


@dataclass
class MeetingHeader:
    date: date | None = None
    start: time | None = None
    end: time | None = None
    location: str | None = None
    members: list[Member] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    date_line: int | None = None

    def to_json(self) -> dict:
        return {
            "date": iso(self.date),
            "start": hhmm(self.start),
            "end": hhmm(self.end),
            "location": self.location,
            "members": [m.to_json() for m in self.members],
            "absent": list(self.absent),
        }


@dataclass
class AgendaPoint:
    """One agenda point as a document states it."""

    text: str
    line: int
    date: date | None = None
    origin: str = "forward_plan"  # forward_plan | awaiting_date | decision | timetable
    closed: bool = False
    note: str | None = None  # where a decision-sourced point came from
    page: int | None = None
    postponed: bool = False  # a decision moved it away from the document's own meeting ("udskudt til")
    owner: str | None = None  # the row's "Ansvarlig" / "Sagsansvarlig" column, when the table has one
    dropped: bool = (
        False  # a decision took it off the plan ("Punktet udgår"); its date is the deciding meeting's
    )

    def to_json(self) -> dict:
        out = {
            "text": self.text,
            "date": iso(self.date),
            "origin": self.origin,
            "line": self.line,
            "closed": self.closed,
            "note": self.note,
            "owner": self.owner,
        }
        if self.dropped:
            out["dropped"] = True  # added only where it is so: every other point reads as before
        return out


@dataclass
class ForwardRow:
    date: date | None
    line: int
    label: str  # the date cell as written ("14. aug.")
    # Tuples: a parse keeps a row per week of every document, and an empty tuple is one shared object
    # that the cycle collector never walks (an empty list is a new object it walks at every collection).
    points: tuple[AgendaPoint, ...] = ()
    closures: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    page: int | None = None
    # The meeting's own hours when the row states them ("18. marts kl. 13.00-15.00", a "Tid" column).
    start: time | None = None
    end: time | None = None

    @property
    def free(self) -> bool:
        return not (self.points or self.closures)

    def to_json(self) -> dict:
        return {
            "date": iso(self.date),
            "label": self.label,
            "line": self.line,
            "page": self.page,
            "points": [p.text for p in self.points],
            "closures": list(self.closures),
            "absent": list(self.absent),
            "free": self.free,
            "start": hhmm(self.start),
            "end": hhmm(self.end),
            # each point with its note ("udsat fra 2026-03-04") and owner (an "Ansvarlig" column)
            "point_details": [p.to_json() for p in self.points],
        }


@dataclass
class PoliticalCycle:
    label: str  # "juni"
    oekonomiudvalg: date | None
    kommunalbestyrelse: date | None
    line: int

    def to_json(self) -> dict:
        return {
            "label": self.label,
            "oekonomiudvalg": iso(self.oekonomiudvalg),
            "kommunalbestyrelse": iso(self.kommunalbestyrelse),
            "line": self.line,
        }


@dataclass
class Event:
    """A dated meeting or activity named in the document (committee, seminar, KKR...)."""

    title: str
    start: date
    end: date
    category: str  # political | direction | other
    status: str  # held | upcoming | cancelled
    line: int
    section: str | None = None
    page: int | None = None
    named_by: tuple[str, ...] = ()  # the points that name this meeting ("KB-seminar d. 27. januar")

    def to_json(self) -> dict:
        return {
            "title": self.title,
            "start": iso(self.start),
            "end": iso(self.end),
            "category": self.category,
            "status": self.status,
            "line": self.line,
            "named_by": list(self.named_by),
        }


@dataclass
class TimetableEntry:
    time: time | None
    end: time | None
    title: str
    line: int
    closed: bool = False
    owner: str | None = None  # the case's "Sagsansvarlig", when the point has its own section
    page: int | None = None

    def to_json(self) -> dict:
        return {
            "time": hhmm(self.time),
            "end": hhmm(self.end),
            "title": self.title,
            "line": self.line,
            "closed": self.closed,
            "owner": self.owner,
        }


@dataclass
class ClosedCase:
    """A closed case ("Lukket sag") or a closed attachment: its text must never reach a feed."""

    title: str
    line: int
    kind: str = "case"  # case | attachment

    def to_json(self) -> dict:
        return {"title": self.title, "line": self.line, "kind": self.kind}


@dataclass
class CaseOwner:
    """The "Sagsansvarlig" of one agenda section."""

    section: str
    owner: str
    line: int

    def to_json(self) -> dict:
        return {"section": self.section, "owner": self.owner, "line": self.line}


@dataclass(frozen=True)
class DocumentIssue:
    """Which issue of its document this is, as the document itself says ("Rettet udgave", "Version 2",
    "Udsendt d. 10. januar 2025"): a re-issue of the same agenda is folded after the earlier one."""

    line: int
    version: int | None = None  # "Version 2", "2. udgave"
    issued: date | None = None  # "Udsendt d. 10. januar 2025"
    corrected: bool = False  # "Rettet udgave", "Revideret dagsorden"
    page: int | None = None

    def rank(self) -> tuple[int, date]:
        """Later issues rank higher; a correction without a number counts as the second version."""
        return (self.version or (2 if self.corrected else 1), self.issued or date.min)

    def to_json(self) -> dict:
        return {
            "version": self.version,
            "issued": iso(self.issued),
            "corrected": self.corrected,
            "line": self.line,
            "page": self.page,
        }


UNSTATED_ISSUE_RANK = (1, date.min)  # a document that says nothing about its issue: the first one


@dataclass
class ParsedDocument:
    source: str
    kind: str | None  # dagsorden | referat | None (fragment)
    meeting: MeetingHeader
    fragment: bool = False
    format: str = "txt"  # txt | md | html | docx | pdf
    pages: int | None = None
    forward_plan: list[ForwardRow] = field(default_factory=list)
    awaiting_date: list[AgendaPoint] = field(default_factory=list)
    scheduled_by_decision: list[AgendaPoint] = field(default_factory=list)
    political_cycles: list[PoliticalCycle] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    timetable: list[TimetableEntry] = field(default_factory=list)
    closed_cases: list[ClosedCase] = field(default_factory=list)
    closed_attachments: int = 0
    case_owners: list[CaseOwner] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)
    unparsed: list[ParseWarning] = field(default_factory=list)
    issue: DocumentIssue | None = None  # what the document says of its own issue or version
    encoding: str = "utf-8"
    sha256: str = ""
    text: str = field(default="", repr=False)  # a plain rendering of the document for people; not in JSON
    content: bytes = field(
        default=b"", repr=False
    )  # the document as imported, kept for re-folding; not in JSON

    def format_label(self) -> str:
        """Danish: 'Word', 'PDF, 3 sider', 'PDF, 1 side'."""
        name = FORMAT_NAMES.get(self.format, self.format)
        return f"{name}, {self.pages} {'side' if self.pages == 1 else 'sider'}" if self.pages else name

    def issue_rank(self) -> tuple[int, date]:
        return self.issue.rank() if self.issue else UNSTATED_ISSUE_RANK

    def to_json(self) -> dict:
        return {
            "source": self.source,
            "kind": self.kind,
            "fragment": self.fragment,
            "format": self.format,
            "pages": self.pages,
            "meeting": self.meeting.to_json(),
            "forward_plan": [r.to_json() for r in self.forward_plan],
            "awaiting_date": [p.text for p in self.awaiting_date],
            "awaiting_date_details": [p.to_json() for p in self.awaiting_date],
            "scheduled_by_decision": [p.to_json() for p in self.scheduled_by_decision],
            "political_cycles": [c.to_json() for c in self.political_cycles],
            "events": [e.to_json() for e in self.events],
            "timetable": [t.to_json() for t in self.timetable],
            "closed_cases": [c.to_json() for c in self.closed_cases],
            "closed_attachments": self.closed_attachments,
            "case_owners": [c.to_json() for c in self.case_owners],
            "warnings": [w.to_json() for w in self.warnings],
            "unparsed": [w.to_json() for w in self.unparsed],
            "issue": self.issue.to_json() if self.issue else None,
            "encoding": self.encoding,
            "sha256": self.sha256,
        }


def iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def hhmm(t: time | None) -> str | None:
    return t.strftime("%H:%M") if t else None
