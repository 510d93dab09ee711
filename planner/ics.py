"""RFC 5545 rendering of the planner's subscription feeds.

The serializer writes the text directly instead of going through the
icalendar library: that gives exact control over property order, line
folding and the VTIMEZONE (Outlook is picky about all three), and it is
several times faster than building icalendar objects, which matters because
feeds are re-rendered whenever the plan changes.

The module is pure: it knows nothing about the store. Callers build `Feed`
objects and get bytes back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

TZID = "Europe/Copenhagen"
PRODID = "-//Norddjurs Kommune//Aarshjul Direktionen//DA"
CLOSED_SUMMARY = "Lukket punkt"

STATUSES = frozenset({"CONFIRMED", "TENTATIVE", "CANCELLED"})
BUSY_STATUSES = frozenset({"FREE", "TENTATIVE", "BUSY", "OOF", "WORKINGELSEWHERE"})

_COPENHAGEN = ZoneInfo(TZID)
_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
# RFC 5545 TEXT forbids control characters other than HTAB; CR/LF are
# handled separately because they become the "\n" escape.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NEEDS_ESCAPE = re.compile(r"[\\;,\r\n\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# Europe/Copenhagen as two yearly rules (EU rules since 1996; DTSTART in 1970
# as Thunderbird writes it). A compact RRULE form instead of the long RDATE
# list libraries generate: Outlook and Google read it reliably and it keeps
# the feed small.
VTIMEZONE_LINES: tuple[str, ...] = (
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    f"X-LIC-LOCATION:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)


@dataclass(frozen=True)
class FeedItem:
    uid: str  # stable id given by the caller, e.g. "point-42@aarshjul.norddjurs"
    summary: str
    start: date | datetime  # tz-aware datetime for timed items; date = all-day
    end: date | datetime  # all-day: the LAST day inclusive (rendered as exclusive DTEND)
    description: str = ""
    location: str | None = None
    sequence: int = 0  # caller bumps it when date/time changes
    last_modified: datetime | None = None  # tz-aware
    categories: tuple[str, ...] = ()
    transparent: bool = False  # holidays -> TRANSP:TRANSPARENT
    busy_status: str | None = None  # "OOF" for absences
    status: str | None = None  # "CONFIRMED" | "TENTATIVE" | "CANCELLED"
    closed: bool = False  # "Lukket sag": its text must never leak

    def __post_init__(self) -> None:
        # Fail at construction, where the caller's bug is, rather than
        # producing a feed that some client silently misreads.
        timed = isinstance(self.start, datetime)
        if timed != isinstance(self.end, datetime):
            raise ValueError(f"{self.uid}: start and end must both be dates or both datetimes")
        if timed:
            for value in (self.start, self.end):
                if value.tzinfo is None or value.utcoffset() is None:
                    raise ValueError(f"{self.uid}: timed items need tz-aware datetimes")
        if self.end < self.start:
            raise ValueError(f"{self.uid}: end {self.end} is before start {self.start}")
        if self.last_modified is not None and self.last_modified.utcoffset() is None:
            raise ValueError(f"{self.uid}: last_modified must be tz-aware")
        if self.status is not None and self.status not in STATUSES:
            raise ValueError(f"{self.uid}: unknown STATUS {self.status!r}")
        if self.busy_status is not None and self.busy_status not in BUSY_STATUSES:
            raise ValueError(f"{self.uid}: unknown busy status {self.busy_status!r}")
        if not self.uid or _CONTROL.search(self.uid) or "\n" in self.uid or "\r" in self.uid:
            raise ValueError(f"invalid UID {self.uid!r}")
        if self.sequence < 0:
            raise ValueError(f"{self.uid}: SEQUENCE must be non-negative")

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)


@dataclass(frozen=True)
class Feed:
    name: str  # url-safe slug, e.g. "direktion"
    calname: str  # Danish X-WR-CALNAME
    description: str  # X-WR-CALDESC
    items: tuple[FeedItem, ...]
    internal: bool = False  # internal: closed items as "Lukket punkt"; public: omitted

    def __post_init__(self) -> None:
        if not _SLUG.match(self.name):
            raise ValueError(f"feed name must be a url-safe slug, got {self.name!r}")

    @property
    def filename(self) -> str:
        return f"{self.name}.ics"


def escape_text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 §3.3.11)."""
    if not _NEEDS_ESCAPE.search(value):
        return value
    value = _CONTROL.sub("", value)
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold_line(line: str) -> str:
    """Fold one content line at 75 octets without splitting a UTF-8 sequence."""
    if line.isascii():
        if len(line) <= 75:
            return line
        parts = [line[:75]]
        parts.extend(line[i : i + 74] for i in range(75, len(line), 74))
        return "\r\n ".join(parts)
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts = []
    start, limit, size = 0, 75, len(data)
    while start < size:
        end = start + limit
        if end < size:
            # Back up to a lead byte so each chunk is valid UTF-8 on its own.
            while data[end] & 0xC0 == 0x80:
                end -= 1
        else:
            end = size
        parts.append(data[start:end].decode("utf-8"))
        start, limit = end, 74  # continuation lines lose one octet to the leading space
    return "\r\n ".join(parts)


def unfold(text: str) -> str:
    """Undo RFC 5545 folding (for checks that must see whole content lines)."""
    return re.sub(r"\r\n[ \t]", "", text)


def render_feed(feed: Feed, dtstamp: datetime | None = None) -> bytes:
    """Serialize `feed` as one VCALENDAR; byte-identical for equal feeds except DTSTAMP."""
    if dtstamp is None:
        dtstamp = datetime.now(UTC)
    elif dtstamp.utcoffset() is None:
        raise ValueError("dtstamp must be tz-aware")
    stamp_line = "DTSTAMP:" + _utc(dtstamp)

    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:" + PRODID,
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        fold_line("X-WR-CALNAME:" + escape_text(feed.calname)),
        fold_line("X-WR-CALDESC:" + escape_text(feed.description)),
        "X-WR-TIMEZONE:" + TZID,
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
        "X-PUBLISHED-TTL:PT1H",
    ]
    # Always present: X-WR-TIMEZONE names it, and clients that honour that
    # property expect the definition in the same file.
    lines.extend(VTIMEZONE_LINES)
    for item in sorted(_visible(feed), key=_sort_key):
        _event_lines(item, feed.internal, stamp_line, lines)
    lines.append("END:VCALENDAR")
    lines.append("")
    return "\r\n".join(lines).encode("utf-8")


def _visible(feed: Feed) -> list[FeedItem]:
    if feed.internal:
        return list(feed.items)
    return [item for item in feed.items if not item.closed]


def _sort_key(item: FeedItem) -> tuple[datetime, str]:
    start = item.start
    if not isinstance(start, datetime):
        # An all-day item sorts as if it began at local midnight.
        start = datetime(start.year, start.month, start.day, tzinfo=_COPENHAGEN)
    return (start.astimezone(UTC), item.uid)


def _event_lines(item: FeedItem, internal: bool, stamp_line: str, out: list[str]) -> None:
    out.append("BEGIN:VEVENT")
    out.append(fold_line("UID:" + escape_text(item.uid)))
    out.append(stamp_line)
    if isinstance(item.start, datetime):
        assert isinstance(item.end, datetime)
        out.append(f"DTSTART;TZID={TZID}:" + _local(item.start))
        # RFC 5545: a timed event without DTEND ends at DTSTART; an equal
        # DTEND would violate "MUST be later than DTSTART".
        if item.end > item.start:
            out.append(f"DTEND;TZID={TZID}:" + _local(item.end))
    else:
        out.append("DTSTART;VALUE=DATE:" + item.start.strftime("%Y%m%d"))
        out.append("DTEND;VALUE=DATE:" + (item.end + timedelta(days=1)).strftime("%Y%m%d"))

    if item.closed:
        # Nothing the caller wrote about a closed case may reach the feed.
        out.append("SUMMARY:" + CLOSED_SUMMARY)
        out.append("CLASS:CONFIDENTIAL")
    else:
        out.append(fold_line("SUMMARY:" + escape_text(item.summary)))
        if item.description:
            out.append(fold_line("DESCRIPTION:" + escape_text(item.description)))
        if item.location:
            out.append(fold_line("LOCATION:" + escape_text(item.location)))
        categories = [escape_text(c) for c in item.categories if c]
        if categories:
            out.append(fold_line("CATEGORIES:" + ",".join(categories)))
    if item.status:
        out.append("STATUS:" + item.status)
    out.append(f"SEQUENCE:{item.sequence}")
    if item.last_modified is not None:
        out.append("LAST-MODIFIED:" + _utc(item.last_modified))
    out.append("TRANSP:TRANSPARENT" if item.transparent else "TRANSP:OPAQUE")
    busy = item.busy_status or ("FREE" if item.transparent else "BUSY")
    out.append("X-MICROSOFT-CDO-BUSYSTATUS:" + busy)
    out.append("X-MICROSOFT-CDO-INTENDEDSTATUS:" + busy)
    out.append("END:VEVENT")


def _utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _local(value: datetime) -> str:
    return value.astimezone(_COPENHAGEN).strftime("%Y%m%dT%H%M%S")
