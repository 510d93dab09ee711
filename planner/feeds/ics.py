"""RFC 5545 rendering of the planner's subscription feeds, built with the icalendar library.

Every VEVENT is an `icalendar.Event`, the VTIMEZONE an `icalendar.Timezone`; icalendar escapes
the text, writes the dates and parameters, and its folding rule folds the lines (applied on bytes
here, see `_Line`). The VTIMEZONE is the compact RRULE form Outlook reads reliably, not the long
RDATE list libraries generate from the tz database.

What keeps it fast is `FeedRenderer`: it keeps each item's serialised VEVENT, keyed by the item
itself (its uid, its SEQUENCE and every field that reaches the feed), so an item that several
feeds share (a point is in "punkter", "intern" and its owner's feed) is serialised once, and
after a change only the items that changed are serialised again. It also keeps each feed as last
assembled, so a render after a change compares the items with the last ones and moves only the
events that changed into place, instead of sorting and joining every event afresh. DTSTAMP, the
one value that differs from render to render, is kept out of the stored bytes and written in at
render time.

The module is pure: it knows nothing about the store. Callers build `Feed` objects and get bytes back.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime, timedelta
from itertools import chain, compress, repeat
from operator import attrgetter, eq, not_
from zoneinfo import ZoneInfo

import icalendar
from icalendar import vCategory, vDate, vDatetime, vDuration, vInt, vRecur, vText, vUTCOffset
from icalendar.parser import Contentline

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
_FOLDED = re.compile(r"\r\n[ \t]")
_REFRESH = timedelta(hours=1)
# icalendar folds a line once it reaches 75 octets (each part at most 74, a continuation line
# starts with a space); shorter lines it returns unchanged.
_FOLD_AT = 75
# Events are serialised with this DTSTAMP and cut in two around it (see FeedRenderer).
_PLACEHOLDER_STAMP = datetime(1970, 1, 1, tzinfo=UTC)
_PLACEHOLDER_LINE = b"\r\nDTSTAMP:19700101T000000Z\r\n"
_CALENDAR_END = b"END:VCALENDAR\r\n"

# Europe/Copenhagen as two yearly rules (EU rules since 1996; DTSTART in 1970 as Thunderbird
# writes it): (observance, TZNAME, offset from, offset to, first switch, month).
_OBSERVANCES = (
    (icalendar.TimezoneDaylight, "CEST", 1, 2, datetime(1970, 3, 29, 2), 3),
    (icalendar.TimezoneStandard, "CET", 2, 1, datetime(1970, 10, 25, 3), 10),
)


@dataclass(frozen=True, slots=True)
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
    # Every field above as one tuple, taken once: FeedRenderer's cache key (see _item_key).
    cache_key: tuple = field(init=False, repr=False, compare=False)

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
        object.__setattr__(self, "cache_key", _item_key(self))

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)


# An item's cache key: all its fields as one tuple (a field added later is part of it by itself).
# Equal keys mean equal events: times compare as instants and are written in Copenhagen time.
# A plain tuple, so the lookup hashes and compares in C (datetimes and strings keep their hash).
_item_key = attrgetter(*(f.name for f in fields(FeedItem) if f.init))
_cache_key = attrgetter("cache_key")
_uid = attrgetter("uid")


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


def copenhagen_timezone() -> icalendar.Timezone:
    """The VTIMEZONE every feed carries: Europe/Copenhagen as two yearly RRULEs."""
    tz = icalendar.Timezone()
    tz["TZID"] = vText(TZID)
    tz["X-LIC-LOCATION"] = vText(TZID)
    for kind, name, offset_from, offset_to, first, month in _OBSERVANCES:
        observance = kind()
        observance["TZOFFSETFROM"] = vUTCOffset(timedelta(hours=offset_from))
        observance["TZOFFSETTO"] = vUTCOffset(timedelta(hours=offset_to))
        observance["TZNAME"] = vText(name)
        observance["DTSTART"] = vDatetime(first)
        observance["RRULE"] = vRecur({"FREQ": "YEARLY", "BYMONTH": month, "BYDAY": "-1SU"})
        tz.add_component(observance)
    return tz


class _Line(Contentline):
    """icalendar's content line, folded by icalendar's rule, worked out on the line's bytes.

    icalendar folds by walking every character in Python, which costs a millisecond on a meeting
    with a long list of points. The rule is the same here, applied with slices: a part holds at
    most 74 octets (a continuation line adds its space), ends on a character boundary, and never
    ends in the escape characters "\\" or "^" (they move to the next part). A test holds it
    byte for byte to icalendar's own folding.
    """

    __slots__ = ()

    def to_ical(self) -> bytes:
        data = self.encode("utf-8")
        size = len(data)
        if size < _FOLD_AT:
            return data
        parts, start = [], 0
        while size - start >= _FOLD_AT:
            end = start + _FOLD_AT - 1
            while data[end] & 0xC0 == 0x80:  # inside a UTF-8 sequence: back to its first byte
                end -= 1
            if data[end - 1] in b"\\^":
                end -= 1
            parts.append(data[start:end])
            start = end
        parts.append(data[start:])
        return b"\r\n ".join(parts)


class _QuickLines:
    """Mixin for the components serialised at the top (calendar, event): their lines are `_Line`s.

    Every value here is one of icalendar's property types, so the line is put together from its
    own `to_ical()` and its parameters' without icalendar's generic conversions for plain values.
    """

    # `sorted` shadows the builtin because icalendar names it so.
    def content_line(self, name: str, value: object, sorted: bool = True) -> Contentline:
        if isinstance(value, bytes):  # BEGIN/END: the component's name, already serialised
            return _Line(f"{name}:{value.decode('ascii')}")
        text = _text(value.to_ical())
        params = _text(value.params.to_ical(sorted=sorted)) if value.params else ""
        return _Line(f"{name};{params}:{text}" if params else f"{name}:{text}")


def _text(ical: bytes | str) -> str:
    return ical.decode("utf-8") if isinstance(ical, bytes) else ical  # vUTCOffset gives str


class _Event(_QuickLines, icalendar.Event):
    pass


class _Calendar(_QuickLines, icalendar.Calendar):
    pass


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11) as icalendar escapes it, control characters removed."""
    return vText(_clean(value)).to_ical().decode("utf-8")


def fold_line(line: str) -> str:
    """One content line folded at 75 octets by icalendar (never inside a UTF-8 sequence)."""
    return _Line(line).to_ical().decode("utf-8")


def unfold(text: str) -> str:
    """Undo RFC 5545 folding (for checks that must see whole content lines)."""
    return _FOLDED.sub("", text)


def _clean(value: str) -> str:
    return _CONTROL.sub("", value) if _CONTROL.search(value) else value


def event_component(item: FeedItem, dtstamp: datetime) -> icalendar.Event:
    """`item` as an icalendar VEVENT, properties in the order Outlook and the tests expect."""
    event = _Event()
    event["UID"] = vText(item.uid)
    event["DTSTAMP"] = vDatetime(dtstamp.astimezone(UTC))
    if isinstance(item.start, datetime):
        assert isinstance(item.end, datetime)
        event["DTSTART"] = vDatetime(item.start.astimezone(_COPENHAGEN))
        # RFC 5545: a timed event without DTEND ends at DTSTART; an equal
        # DTEND would violate "MUST be later than DTSTART".
        if item.end > item.start:
            event["DTEND"] = vDatetime(item.end.astimezone(_COPENHAGEN))
    else:
        event["DTSTART"] = vDate(item.start, {"VALUE": "DATE"})
        event["DTEND"] = vDate(item.end + timedelta(days=1), {"VALUE": "DATE"})  # exclusive
    if item.closed:
        # Nothing the caller wrote about a closed case may reach the feed.
        event["SUMMARY"] = vText(CLOSED_SUMMARY)
        event["CLASS"] = vText("CONFIDENTIAL")
    else:
        event["SUMMARY"] = vText(_clean(item.summary))
        if item.description:
            event["DESCRIPTION"] = vText(_clean(item.description))
        if item.location:
            event["LOCATION"] = vText(_clean(item.location))
        categories = [_clean(c) for c in item.categories if c]
        if categories:
            event["CATEGORIES"] = vCategory(categories)
    if item.status:
        event["STATUS"] = vText(item.status)
    event["SEQUENCE"] = vInt(item.sequence)
    if item.last_modified is not None:
        event["LAST-MODIFIED"] = vDatetime(item.last_modified.astimezone(UTC))
    event["TRANSP"] = vText("TRANSPARENT" if item.transparent else "OPAQUE")
    busy = vText(item.busy_status or ("FREE" if item.transparent else "BUSY"))
    event["X-MICROSOFT-CDO-BUSYSTATUS"] = busy
    event["X-MICROSOFT-CDO-INTENDEDSTATUS"] = busy
    return event


def calendar_component(feed: Feed) -> icalendar.Calendar:
    """The feed's VCALENDAR with its properties and VTIMEZONE, without events."""
    cal = _Calendar()
    cal["VERSION"] = vText("2.0")
    cal["PRODID"] = vText(PRODID)
    cal["CALSCALE"] = vText("GREGORIAN")
    cal["METHOD"] = vText("PUBLISH")
    cal["X-WR-CALNAME"] = vText(_clean(feed.calname))
    cal["X-WR-CALDESC"] = vText(_clean(feed.description))
    cal["X-WR-TIMEZONE"] = vText(TZID)
    cal["REFRESH-INTERVAL"] = vDuration(_REFRESH, params={"VALUE": "DURATION"})
    cal["X-PUBLISHED-TTL"] = vDuration(_REFRESH)
    # Always present: X-WR-TIMEZONE names it, and clients that honour that
    # property expect the definition in the same file.
    cal.add_component(copenhagen_timezone())
    return cal


# One serialised event: (sort key, VEVENT up to DTSTAMP, VEVENT after DTSTAMP). Entries sort as
# events appear in a feed: by start, then UID (then the bytes, for two items alike in both).
_Entry = tuple[str, bytes, bytes]
# Past this many events that changed since a feed's last render, assembling the feed afresh
# (one sort) is cheaper than moving each one into place.
_PATCH_LIMIT = 64


@dataclass(slots=True)
class _Assembled:
    """One feed as last rendered, kept so that the next render only moves what changed.

    `pieces` is the body ready for one `b"".join`: the calendar head, then head, DTSTAMP line and
    tail of each event in feed order, then END:VCALENDAR. Event i's three pieces are at 1+3i..3+3i,
    so the DTSTAMP lines are every third piece from 2 (written in at each render).
    """

    keys: dict[str, tuple]  # uid -> cache key of the item shown
    entries: dict[str, _Entry]  # uid -> its serialised event
    order: list[_Entry]  # the events in feed order (sorted)
    pieces: list[bytes]


class FeedRenderer:
    """Serialises feeds, keeping each event's bytes and each feed's assembled body for the next render.

    Events are kept under their item's key (`FeedItem.cache_key`): its uid, its SEQUENCE and every
    field that reaches the feed, so any change to what an item shows makes a new key, and nothing
    else is needed to know when to serialise again; an event several feeds share is serialised
    once. At most `capacity` events are kept (the 10-year plan's feeds hold about 32,000
    different ones); past that the oldest serialised go first, so old versions age out.

    Each feed (by name) is also kept as last assembled (`_Assembled`). The next render compares
    each item with the one of the same uid last time (a dictionary look-up by uid and a tuple
    comparison, all in C, with no hashing of the items' texts) and moves only the events that
    changed, came or went into place in the sorted body; after one moved point that is a handful
    of events out of 24,000. The DTSTAMP, the one value that differs from render to render, is
    written in at render time.

    One renderer per owner (the feed server's provider, one export): not thread-safe, the
    owner serialises calls.
    """

    def __init__(self, capacity: int = 100_000) -> None:
        self.capacity = capacity
        self._events: OrderedDict[tuple, _Entry] = OrderedDict()
        self._calendars: dict[tuple[str, str], bytes] = {}
        self._feeds: dict[str, _Assembled] = {}
        self.serialised = 0  # events serialised so far (cache misses)

    def __len__(self) -> int:
        return len(self._events)

    def retain(self, names: Iterable[str]) -> None:
        """Forget the assembled body of every feed not named (a feed that no longer exists)."""
        keep = set(names)
        for name in [n for n in self._feeds if n not in keep]:
            del self._feeds[name]

    def render(self, feed: Feed, dtstamp: datetime | None = None) -> bytes:
        """`feed` as one VCALENDAR; byte-identical for equal feeds except DTSTAMP."""
        if dtstamp is None:
            dtstamp = datetime.now(UTC)
        elif dtstamp.utcoffset() is None:
            raise ValueError("dtstamp must be tz-aware")
        stamp = b"DTSTAMP:" + vDatetime(dtstamp.astimezone(UTC)).to_ical() + b"\r\n"
        items = _visible(feed)
        # Once per item on every render, so done in C (map) where it can be.
        uids = list(map(_uid, items))
        calendar = self._calendar(feed)
        kept = self._feeds.get(feed.name)
        if kept is None or not self._patch(kept, items, uids):
            kept = self._assemble(feed.name, calendar, items, uids, kept)
        if kept is None:  # a feed that repeats a UID: not kept, rendered whole
            return self._render_whole(calendar, items, stamp)
        pieces = kept.pieces
        pieces[0] = calendar  # the feed's name and description may have changed
        pieces[2::3] = repeat(stamp, len(kept.order))
        return b"".join(pieces)

    def _patch(self, kept: _Assembled, items: list[FeedItem], uids: list[str]) -> bool:
        """Bring `kept` up to `items` by moving the events that changed; False: assemble afresh."""
        # eq(key, None) is False: a new uid.
        same = list(map(eq, map(_cache_key, items), map(kept.keys.get, uids)))
        changed = list(compress(range(len(items)), map(not_, same)))
        if not changed and len(items) == len(kept.keys):
            # Every uid found with its key and as many as before: the same events, unless the feed
            # repeats a uid (then one of the old ones is missing), which a set of the uids tells.
            return len(set(uids)) == len(uids)
        uid_set = set(uids)
        if len(uid_set) != len(uids) or len(changed) > _PATCH_LIMIT:
            return False
        gone = kept.keys.keys() - uid_set
        if len(gone) + len(changed) > _PATCH_LIMIT:
            return False
        for uid in gone:
            self._take_out(kept, kept.entries.pop(uid))
            del kept.keys[uid]
        for i in changed:
            uid, key = uids[i], items[i].cache_key
            old = kept.entries.get(uid)
            if old is not None:
                self._take_out(kept, old)
            entry = self._events.get(key) or self._serialise(key, items[i])
            at = bisect_left(kept.order, entry)
            kept.order.insert(at, entry)
            kept.pieces[1 + 3 * at : 1 + 3 * at] = (entry[1], b"", entry[2])
            kept.keys[uid] = key
            kept.entries[uid] = entry
        return True

    @staticmethod
    def _take_out(kept: _Assembled, entry: _Entry) -> None:
        at = bisect_left(kept.order, entry)
        assert kept.order[at] is entry, entry[0]
        del kept.order[at]
        del kept.pieces[1 + 3 * at : 4 + 3 * at]

    def _assemble(
        self,
        name: str,
        calendar: bytes,
        items: list[FeedItem],
        uids: list[str],
        kept: _Assembled | None,
    ) -> _Assembled | None:
        """The feed sorted and laid out afresh (events kept from `kept` where the item is unchanged)."""
        self._feeds.pop(name, None)
        if len(set(uids)) != len(uids):
            return None
        keys = list(map(_cache_key, items))
        events = self._lookup(items, uids, keys, kept)
        order = sorted(events)
        pieces = [calendar]
        pieces += chain.from_iterable((head, b"", tail) for _, head, tail in order)
        pieces.append(_CALENDAR_END)
        kept = _Assembled(
            dict(zip(uids, keys, strict=True)), dict(zip(uids, events, strict=True)), order, pieces
        )
        self._feeds[name] = kept
        return kept

    def _render_whole(self, calendar: bytes, items: list[FeedItem], stamp: bytes) -> bytes:
        """The feed assembled for this render only, as a feed that repeats a UID is."""
        events = self._lookup(items, [], list(map(_cache_key, items)), None)
        events.sort()
        body = chain.from_iterable((head, stamp, tail) for _, head, tail in events)
        return b"".join(chain((calendar,), body, (_CALENDAR_END,)))

    def _lookup(
        self, items: list[FeedItem], uids: list[str], keys: list[tuple], kept: _Assembled | None
    ) -> list[_Entry]:
        """Each item's event: kept from the feed's last render when the item is unchanged there,
        else from the cache, else serialised."""
        if kept is None:
            events: list[_Entry | None] = list(map(self._events.get, keys))
        else:
            known, entries = kept.keys, kept.entries
            events = [entries[u] if known.get(u) == k else None for u, k in zip(uids, keys, strict=True)]
        if None in events:
            cache = self._events
            for i, entry in enumerate(events):
                if entry is None:
                    events[i] = cache.get(keys[i]) or self._serialise(keys[i], items[i])
        return events  # type: ignore[return-value]  (no None left)

    def _serialise(self, key: tuple, item: FeedItem) -> _Entry:
        """(sort key, VEVENT up to DTSTAMP, VEVENT after DTSTAMP), kept under `key`."""
        data = event_component(item, _PLACEHOLDER_STAMP).to_ical(sorted=False)
        head, found, tail = data.partition(_PLACEHOLDER_LINE)
        # A continuation line starts with a space, so the placeholder is found only as its own line.
        assert found, item.uid
        entry = (_sort_key(item), head + b"\r\n", tail)
        events = self._events
        events[key] = entry
        self.serialised += 1
        if len(events) > self.capacity:
            events.popitem(last=False)  # the oldest
        return entry

    def _calendar(self, feed: Feed) -> bytes:
        key = (feed.calname, feed.description)
        head = self._calendars.get(key)
        if head is None:
            data = calendar_component(feed).to_ical(sorted=False)
            assert data.endswith(_CALENDAR_END)
            head = self._calendars[key] = data[: -len(_CALENDAR_END)]
        return head


def render_feed(feed: Feed, dtstamp: datetime | None = None, renderer: FeedRenderer | None = None) -> bytes:
    """Serialize `feed` as one VCALENDAR; byte-identical for equal feeds except DTSTAMP.

    Without a `renderer` nothing is kept for the next call.
    """
    return (renderer or FeedRenderer()).render(feed, dtstamp)


def _visible(feed: Feed) -> list[FeedItem]:
    if feed.internal:
        return list(feed.items)
    return [item for item in feed.items if not item.closed]


def _sort_key(item: FeedItem) -> str:
    """Start (UTC, fixed width) then UID, as one string: sorting compares one string per pair."""
    start = item.start
    if not isinstance(start, datetime):
        # An all-day item sorts as if it began at local midnight.
        start = datetime(start.year, start.month, start.day, tzinfo=_COPENHAGEN)
    return start.astimezone(UTC).strftime("%Y%m%d%H%M%S%f") + item.uid
