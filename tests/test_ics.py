"""Feed rendering: RFC 5545 shape, three independent parsers, closed-case secrecy."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from icalendar.parser import Contentline
from ics_clients import comparable, parse_with_icalendar, parse_with_icaljs, parse_with_vobject

from planner.feeds.ics import (
    CLOSED_SUMMARY,
    Feed,
    FeedItem,
    FeedRenderer,
    escape_text,
    fold_line,
    render_feed,
    unfold,
)

CPH = ZoneInfo("Europe/Copenhagen")
STAMP = datetime(2025, 1, 6, 7, 30, tzinfo=UTC)
LONG_DESCRIPTION = (
    "Dagsorden for direktionsmødet:\n"
    "1. Økonomiopfølgning, budget 2026; herunder anlæg på Ørum Skole og Æblehaven\n"
    "2. Høringssvar vedr. kystbeskyttelse ved Grenaa Strand, Fjellerup og Bønnerup\n"
    "3. Eventuelt – sti: C:\\Dokumenter\\Direktion\\2025; spørgsmål, svar og opfølgning"
)
CLOSED_TEXTS = (
    "Salg af Kattegatvejens grund til Hvidbjerg Entreprenør",
    "Fortroligt: bud på 12.500.000 kr. fra Hvidbjerg",
    "Bestyrelseslokalet Zeta",
    "Forhandlingssag",
)


def meeting(uid: str, day: date, summary: str = "Direktionsmøde", **kw) -> FeedItem:
    return FeedItem(
        uid=uid,
        summary=summary,
        start=datetime(day.year, day.month, day.day, 9, 0, tzinfo=CPH),
        end=datetime(day.year, day.month, day.day, 13, 0, tzinfo=CPH),
        **kw,
    )


ITEMS: tuple[FeedItem, ...] = (
    meeting(
        "meeting-1@aarshjul.norddjurs",
        date(2025, 3, 26),
        description=LONG_DESCRIPTION,
        location="Rådhuset, Torvet 3, 8500 Grenaa; mødelokale 1",
        categories=("Direktionsmøde", "Økonomi, budget"),
        sequence=2,
        last_modified=datetime(2025, 3, 1, 14, 5, 9, tzinfo=CPH),
        status="CONFIRMED",
    ),
    meeting("meeting-2@aarshjul.norddjurs", date(2025, 4, 2), status="TENTATIVE"),
    meeting("meeting-3@aarshjul.norddjurs", date(2025, 10, 22), description="Kort møde"),
    meeting("meeting-4@aarshjul.norddjurs", date(2025, 10, 29), status="CANCELLED", sequence=1),
    FeedItem(
        uid="holiday-efteraar-2025@aarshjul.norddjurs",
        summary="Efterårsferie (uge 42)",
        start=date(2025, 10, 11),
        end=date(2025, 10, 19),
        categories=("Ferie",),
        transparent=True,
    ),
    FeedItem(
        uid="absence-7@aarshjul.norddjurs",
        summary="Kim Bruun Nielsen – fravær",
        start=date(2025, 4, 14),
        end=date(2025, 4, 17),
        busy_status="OOF",
        categories=("Fravær",),
    ),
    meeting(
        "point-42@aarshjul.norddjurs",
        date(2025, 10, 22),
        summary=CLOSED_TEXTS[0],
        description=CLOSED_TEXTS[1],
        location=CLOSED_TEXTS[2],
        categories=(CLOSED_TEXTS[3],),
        closed=True,
    ),
)
CLOSED_UID = "point-42@aarshjul.norddjurs"
EXPECTED_UTC = {
    # 09:00 in Copenhagen is 08:00Z in winter time and 07:00Z in summer time.
    "meeting-1@aarshjul.norddjurs": ("2025-03-26T08:00:00Z", "2025-03-26T12:00:00Z"),
    "meeting-2@aarshjul.norddjurs": ("2025-04-02T07:00:00Z", "2025-04-02T11:00:00Z"),
    "meeting-3@aarshjul.norddjurs": ("2025-10-22T07:00:00Z", "2025-10-22T11:00:00Z"),
    "meeting-4@aarshjul.norddjurs": ("2025-10-29T08:00:00Z", "2025-10-29T12:00:00Z"),
    "holiday-efteraar-2025@aarshjul.norddjurs": ("2025-10-11", "2025-10-20"),
    "absence-7@aarshjul.norddjurs": ("2025-04-14", "2025-04-18"),
    CLOSED_UID: ("2025-10-22T07:00:00Z", "2025-10-22T11:00:00Z"),
}


def feed(internal: bool = True, items: tuple[FeedItem, ...] = ITEMS) -> Feed:
    return Feed(
        name="direktion",
        calname="Direktionen – møder",
        description="Direktionens møder og frister, Norddjurs Kommune",
        items=items,
        internal=internal,
    )


@pytest.fixture(scope="module")
def internal_ics() -> bytes:
    return render_feed(feed(internal=True), dtstamp=STAMP)


@pytest.fixture(scope="module")
def public_ics() -> bytes:
    return render_feed(feed(internal=False), dtstamp=STAMP)


def content_lines(ics: bytes) -> list[str]:
    return unfold(ics.decode("utf-8")).split("\r\n")[:-1]


def vevents(ics: bytes) -> list[list[str]]:
    events, current = [], None
    for line in content_lines(ics):
        if line == "BEGIN:VEVENT":
            current = []
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            current.append(line)
    return events


# --- wire format -------------------------------------------------------------


@pytest.mark.parametrize("internal", [True, False])
def test_crlf_everywhere_and_lines_at_most_75_octets(internal: bool) -> None:
    ics = render_feed(feed(internal), dtstamp=STAMP)
    assert ics.count(b"\n") == ics.count(b"\r\n")
    assert ics.count(b"\r") == ics.count(b"\r\n")
    assert ics.endswith(b"\r\n")
    lines = ics[:-2].split(b"\r\n")
    assert any(line.startswith(b" ") for line in lines), "the long description should force folding"
    for line in lines:
        assert len(line) <= 75, line
        line.decode("utf-8")  # raises if a fold split a multi-byte character


def test_calendar_properties(internal_ics: bytes) -> None:
    lines = content_lines(internal_ics)
    assert lines[:10] == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Norddjurs Kommune//Aarshjul Direktionen//DA",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Direktionen – møder",
        "X-WR-CALDESC:Direktionens møder og frister\\, Norddjurs Kommune",
        "X-WR-TIMEZONE:Europe/Copenhagen",
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
        "X-PUBLISHED-TTL:PT1H",
    ]
    assert lines[-1] == "END:VCALENDAR"
    assert lines.count("BEGIN:VCALENDAR") == 1


def test_vtimezone_is_compact_and_covers_every_tzid(internal_ics: bytes) -> None:
    text = unfold(internal_ics.decode())
    assert text.count("BEGIN:VTIMEZONE") == 1
    assert "RDATE" not in text
    block = text[text.index("BEGIN:VTIMEZONE") : text.index("END:VTIMEZONE")]
    # The rule parts' order is free (RFC 5545 §3.3.10) apart from FREQ, which clients expect first.
    rules = [
        line.removeprefix("RRULE:").split(";") for line in block.split("\r\n") if line.startswith("RRULE:")
    ]
    assert [rule[0] for rule in rules] == ["FREQ=YEARLY", "FREQ=YEARLY"]
    assert [set(rule) for rule in rules] == [
        {"FREQ=YEARLY", "BYMONTH=3", "BYDAY=-1SU"},
        {"FREQ=YEARLY", "BYMONTH=10", "BYDAY=-1SU"},
    ]
    defined = set(re.findall(r"^TZID:([^\r\n]+)", text, re.M))
    used = set(re.findall(r";TZID=([^:;]+)", text))
    assert used == {"Europe/Copenhagen"}
    assert used <= defined


def test_vtimezone_rules_match_tz_database(internal_ics: bytes) -> None:
    import vobject

    file_tz = vobject.readOne(internal_ics.decode()).vtimezone.gettzinfo()
    # Weekly from 1996 (current EU rules) to 2037, plus the hour
    # either side of each transition, must give zoneinfo's local time.
    instant = datetime(1996, 1, 1, tzinfo=UTC)
    probes = []
    while instant.year < 2038:
        probes.append(instant)
        instant += timedelta(days=7, hours=1)
    for year in range(1996, 2038):
        for month in (3, 10):
            last_sunday = max(
                date(year, month, d) for d in range(25, 32) if date(year, month, d).weekday() == 6
            )
            switch = datetime(last_sunday.year, month, last_sunday.day, 1, tzinfo=UTC)
            probes += [switch - timedelta(minutes=1), switch, switch + timedelta(minutes=59)]
    for probe in probes:
        expected = probe.astimezone(CPH)
        got = probe.astimezone(file_tz)
        assert got.replace(tzinfo=None) == expected.replace(tzinfo=None), probe


def test_event_property_order_and_values(internal_ics: bytes) -> None:
    first = vevents(internal_ics)[0]
    names = [re.split(r"[:;]", line, maxsplit=1)[0] for line in first]
    assert names == [
        "UID",
        "DTSTAMP",
        "DTSTART",
        "DTEND",
        "SUMMARY",
        "DESCRIPTION",
        "LOCATION",
        "CATEGORIES",
        "STATUS",
        "SEQUENCE",
        "LAST-MODIFIED",
        "TRANSP",
        "X-MICROSOFT-CDO-BUSYSTATUS",
        "X-MICROSOFT-CDO-INTENDEDSTATUS",
    ]
    assert "DTSTAMP:20250106T073000Z" in first
    assert "DTSTART;TZID=Europe/Copenhagen:20250326T090000" in first
    assert "LAST-MODIFIED:20250301T130509Z" in first
    assert "CATEGORIES:Direktionsmøde,Økonomi\\, budget" in first
    assert "SEQUENCE:2" in first


def test_all_day_items_have_exclusive_date_end_and_busy_flags(internal_ics: bytes) -> None:
    by_uid = {ev[0][4:]: ev for ev in vevents(internal_ics)}
    holiday = by_uid["holiday-efteraar-2025@aarshjul.norddjurs"]
    assert "DTSTART;VALUE=DATE:20251011" in holiday
    assert "DTEND;VALUE=DATE:20251020" in holiday
    assert "TRANSP:TRANSPARENT" in holiday
    assert "X-MICROSOFT-CDO-BUSYSTATUS:FREE" in holiday
    absence = by_uid["absence-7@aarshjul.norddjurs"]
    assert "DTEND;VALUE=DATE:20250418" in absence
    assert "TRANSP:OPAQUE" in absence
    assert "X-MICROSOFT-CDO-BUSYSTATUS:OOF" in absence
    assert "X-MICROSOFT-CDO-INTENDEDSTATUS:OOF" in absence
    assert "X-MICROSOFT-CDO-BUSYSTATUS:BUSY" in by_uid["meeting-2@aarshjul.norddjurs"]


@pytest.mark.parametrize(
    ("start", "end", "expected", "absent"),
    [
        # A one-day all-day item still gets an exclusive DTEND on the next day.
        (
            date(2025, 6, 5),
            date(2025, 6, 5),
            ["DTSTART;VALUE=DATE:20250605", "DTEND;VALUE=DATE:20250606"],
            None,
        ),
        # Other zones are written as Copenhagen wall-clock time.
        (
            datetime(2025, 7, 1, 7, tzinfo=UTC),
            datetime(2025, 7, 1, 8, tzinfo=UTC),
            [
                "DTSTART;TZID=Europe/Copenhagen:20250701T090000",
                "DTEND;TZID=Europe/Copenhagen:20250701T100000",
            ],
            None,
        ),
        # RFC 5545 forbids DTEND == DTSTART for timed events: leave it out.
        (datetime(2025, 5, 7, 12, tzinfo=CPH), datetime(2025, 5, 7, 12, tzinfo=CPH), [], "DTEND"),
    ],
)
def test_single_item_dates(start: date, end: date, expected: list[str], absent: str | None) -> None:
    lines = vevents(render_feed(feed(items=(FeedItem("d@x", "Frist", start, end),)), dtstamp=STAMP))[0]
    assert set(expected) <= set(lines)
    if absent:
        assert not any(line.startswith(absent) for line in lines)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"start": datetime(2025, 1, 1, 9), "end": datetime(2025, 1, 1, 10)},  # naive
        {"start": date(2025, 1, 1), "end": datetime(2025, 1, 1, 10, tzinfo=CPH)},  # mixed
        {"start": date(2025, 1, 2), "end": date(2025, 1, 1)},  # end before start
        {"start": date(2025, 1, 1), "end": date(2025, 1, 1), "status": "MAYBE"},
        {"start": date(2025, 1, 1), "end": date(2025, 1, 1), "busy_status": "AWAY"},
        {"start": date(2025, 1, 1), "end": date(2025, 1, 1), "uid": "a\nb"},
    ],
)
def test_invalid_items_are_rejected(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        FeedItem(**{"uid": "x@y", "summary": "s", **kwargs})


def test_feed_name_must_be_a_slug() -> None:
    with pytest.raises(ValueError):
        Feed(name="../etc", calname="x", description="", items=())


# --- text escaping and folding ---------------------------------------------


def test_escape_text() -> None:
    assert escape_text("a,b;c\\d\ne\r\nf\rg") == "a\\,b\\;c\\\\d\\ne\\nf\\ng"
    assert escape_text("bell\x07 tab\t") == "bell tab\t"
    assert escape_text("plain æøå") == "plain æøå"


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=0, max_size=400) | st.just("æ" * 100 + "€" * 40 + "🙂" * 20))
def test_fold_never_splits_multibyte_characters_and_round_trips(text: str) -> None:
    line = "DESCRIPTION:" + escape_text(text)
    folded = fold_line(line)
    parts = folded.encode("utf-8").split(b"\r\n")
    for part in parts:
        assert len(part) <= 75
        part.decode("utf-8")  # raises if a multi-byte character was split
    assert all(p.startswith(b" ") for p in parts[1:])
    assert unfold(folded) == line


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab\\^,;æ€🙂 "), min_size=60, max_size=400) | st.text(max_size=400))
@example("x" * 61 + "\\" + "y" * 80)  # an escape that would end the first part moves to the next
@example("æ" * 31 + "€" * 30)  # parts end on character boundaries
def test_fold_is_icalendars_folding_byte_for_byte(text: str) -> None:
    line = "DESCRIPTION:" + escape_text(text)
    assert fold_line(line).encode("utf-8") == Contentline(line).to_ical()


# --- determinism -------------------------------------------------------------


def strip_dtstamp(ics: bytes) -> bytes:
    return re.sub(rb"^DTSTAMP:[^\r\n]*\r\n", b"", ics, flags=re.M)


def test_same_feed_same_bytes_apart_from_dtstamp() -> None:
    a = render_feed(feed(), dtstamp=STAMP)
    b = render_feed(feed(items=tuple(reversed(ITEMS))), dtstamp=STAMP)
    c = render_feed(feed())  # "now"
    assert a == b
    assert a != c
    assert strip_dtstamp(a) == strip_dtstamp(c)


def test_items_sorted_by_start_then_uid(internal_ics: bytes) -> None:
    uids = [ev[0][4:] for ev in vevents(internal_ics)]
    assert uids == [
        "meeting-1@aarshjul.norddjurs",
        "meeting-2@aarshjul.norddjurs",
        "absence-7@aarshjul.norddjurs",
        "holiday-efteraar-2025@aarshjul.norddjurs",
        "meeting-3@aarshjul.norddjurs",
        CLOSED_UID,
        "meeting-4@aarshjul.norddjurs",
    ]


# --- the renderer's cache ----------------------------------------------------


def test_renderer_serialises_each_event_once_and_again_only_when_it_changes() -> None:
    renderer = FeedRenderer()
    assert renderer.render(feed(), dtstamp=STAMP) == render_feed(feed(), dtstamp=STAMP)
    assert renderer.serialised == len(ITEMS)
    # The public feed's events are the internal feed's, minus the closed one: nothing new.
    assert renderer.render(feed(internal=False), dtstamp=STAMP) == render_feed(
        feed(internal=False), dtstamp=STAMP
    )
    assert renderer.serialised == len(ITEMS)
    # A later render: the new DTSTAMP in every event, nothing serialised again.
    later = datetime(2025, 2, 1, 12, tzinfo=UTC)
    assert renderer.render(feed(), dtstamp=later) == render_feed(feed(), dtstamp=later)
    assert renderer.serialised == len(ITEMS)
    # One meeting moved a week (SEQUENCE bumped): that event alone is serialised again.
    moved = ITEMS[1]
    moved = replace(
        moved, start=moved.start + timedelta(weeks=1), end=moved.end + timedelta(weeks=1), sequence=1
    )
    items = (ITEMS[0], moved, *ITEMS[2:])
    body = renderer.render(feed(items=items), dtstamp=STAMP)
    assert renderer.serialised == len(ITEMS) + 1
    assert body == render_feed(feed(items=items), dtstamp=STAMP)
    assert "DTSTART;TZID=Europe/Copenhagen:20250409T090000" in content_lines(body)


def test_renderer_tells_apart_versions_with_the_same_uid_and_sequence() -> None:
    # The internal and the public feed describe one meeting differently (the public one without
    # its closed point) under the same UID and SEQUENCE: each feed must get its own text.
    renderer = FeedRenderer()
    internal = replace(ITEMS[2], description="1. Budget\n2. Lukket punkt")
    public = replace(ITEMS[2], description="1. Budget")
    for item, text in ((internal, "1. Budget\\n2. Lukket punkt"), (public, "1. Budget"), (internal, None)):
        body = renderer.render(feed(items=(item,)), dtstamp=STAMP)
        assert body == render_feed(feed(items=(item,)), dtstamp=STAMP)
        if text is not None:
            assert f"DESCRIPTION:{text}" in content_lines(body)
    assert renderer.serialised == 2


def test_renderer_over_capacity_still_renders_every_event() -> None:
    renderer = FeedRenderer(capacity=2)
    for _ in range(2):
        assert renderer.render(feed(), dtstamp=STAMP) == render_feed(feed(), dtstamp=STAMP)
    assert len(renderer) == 2


def pool_item(k: int, version: int, closed: bool) -> FeedItem:
    """Item k of a pool of 120, in one of three versions (moved by a week, or renamed)."""
    day = date(2025, 1, 6) + timedelta(days=k % 40, weeks=version % 2)
    if k % 3 == 0:  # an all-day item
        return FeedItem(uid=f"pool-{k}@x", summary=f"Ferie {k}.{version}", start=day, end=day, closed=closed)
    return meeting(f"pool-{k}@x", day, summary=f"Punkt {k}.{version // 2}", sequence=version, closed=closed)


# Each step: which pool items the feed holds, each in which version and whether closed, then
# internal or public, and the feed's description (the calendar head changes with it).
_STEPS = st.lists(
    st.tuples(
        st.dictionaries(st.integers(0, 119), st.tuples(st.integers(0, 2), st.booleans()), max_size=120),
        st.booleans(),
        st.sampled_from(["Direktionens møder", "Direktionens møder og frister"]),
        st.integers(0, 3),  # 0, 1: repeat an item's uid (a feed the caller did not dedupe)
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=150, deadline=None)
@given(_STEPS)
def test_renderer_that_keeps_feeds_gives_the_bytes_of_a_fresh_render(steps) -> None:
    # One renderer over feeds of one name that gain, lose, change, close and reopen items, in
    # large steps and small, must give every time exactly what a renderer with nothing kept gives.
    renderer = FeedRenderer()
    for chosen, internal, description, repeat_uid in steps:
        items = [pool_item(k, version, closed) for k, (version, closed) in sorted(chosen.items())]
        if repeat_uid == 0 and items:
            items.append(replace(items[0], summary="Samme uid, anden tekst"))
        if repeat_uid == 1 and len(items) > 1:
            items[-1] = items[0]  # one uid twice, as many items as before, none of them changed
        shown = Feed(
            "direktion", "Direktionen – møder", description, tuple(reversed(items)), internal=internal
        )
        assert renderer.render(shown, dtstamp=STAMP) == render_feed(shown, dtstamp=STAMP)


def test_renderer_forgets_the_feeds_it_is_not_told_to_retain() -> None:
    renderer = FeedRenderer()
    for name in ("direktion", "person-x"):
        renderer.render(Feed(name, "D", "", ITEMS), dtstamp=STAMP)
    renderer.retain(["direktion", "punkter"])
    assert sorted(renderer._feeds) == ["direktion"]
    assert renderer.render(Feed("person-x", "D", "", ITEMS[:2]), dtstamp=STAMP) == render_feed(
        Feed("person-x", "D", "", ITEMS[:2]), dtstamp=STAMP
    )


def test_renderer_moves_one_event_without_serialising_the_rest() -> None:
    items = [pool_item(k, 0, k % 7 == 0) for k in range(120)]
    renderer = FeedRenderer()
    renderer.render(Feed("punkter", "P", "", tuple(items)), dtstamp=STAMP)
    before = renderer.serialised
    items[50] = pool_item(50, 1, False)  # moved a week, SEQUENCE bumped
    del items[10]
    moved = Feed("punkter", "P", "", tuple(items))
    later = datetime(2025, 2, 1, 12, tzinfo=UTC)
    body = renderer.render(moved, dtstamp=later)
    assert renderer.serialised == before + 1
    assert body == render_feed(moved, dtstamp=later)
    assert b"pool-10@x" not in body and CLOSED_SUMMARY.encode() not in body


# --- closed cases ------------------------------------------------------------


def closed_fragments() -> set[str]:
    fragments = set(CLOSED_TEXTS)
    fragments |= {escape_text(t) for t in CLOSED_TEXTS}
    # Also each distinctive word, so a partial leak is caught too.
    fragments |= {w for t in CLOSED_TEXTS for w in re.findall(r"\w{6,}", t)}
    return fragments


@pytest.mark.parametrize("internal", [True, False])
def test_closed_text_never_appears(internal: bool) -> None:
    ics = render_feed(feed(internal), dtstamp=STAMP)
    for text in (ics.decode("utf-8"), unfold(ics.decode("utf-8"))):
        for fragment in closed_fragments():
            assert fragment not in text, fragment


def test_internal_feed_shows_closed_item_as_lukket_punkt(internal_ics: bytes) -> None:
    (closed,) = [ev for ev in vevents(internal_ics) if ev[0] == f"UID:{CLOSED_UID}"]
    assert f"SUMMARY:{CLOSED_SUMMARY}" in closed
    assert not any(line.startswith(("DESCRIPTION", "LOCATION", "CATEGORIES")) for line in closed)


def test_public_feed_omits_closed_items(public_ics: bytes) -> None:
    assert CLOSED_UID.encode() not in public_ics
    assert CLOSED_SUMMARY.encode() not in public_ics
    assert len(vevents(public_ics)) == len(ITEMS) - 1


# --- independent parsers -----------------------------------------------------


def expected_views(internal: bool) -> dict[str, tuple[str, str]]:
    return {uid: v for uid, v in EXPECTED_UTC.items() if internal or uid != CLOSED_UID}


def check_parsed(parsed: dict, internal: bool) -> None:
    assert parsed["timezones"] == ["Europe/Copenhagen"]
    assert parsed["calendar"]["method"] == "PUBLISH"
    assert parsed["calendar"]["x-wr-calname"] == "Direktionen – møder"
    events = {ev["uid"]: ev for ev in parsed["events"]}
    assert {uid: (ev["start"], ev["end"]) for uid, ev in events.items()} == expected_views(internal)
    for ev in events.values():
        if "T" in ev["start"]:
            assert ev["start_tzid"] == "Europe/Copenhagen", ev
    first = events["meeting-1@aarshjul.norddjurs"]
    assert first["description"] == LONG_DESCRIPTION
    assert first["location"] == "Rådhuset, Torvet 3, 8500 Grenaa; mødelokale 1"
    assert first["categories"] == ["Direktionsmøde", "Økonomi, budget"]
    assert first["sequence"] == 2
    assert events["absence-7@aarshjul.norddjurs"]["busystatus"] == "OOF"
    holiday = events["holiday-efteraar-2025@aarshjul.norddjurs"]
    assert (holiday["transp"], holiday["busystatus"]) == ("TRANSPARENT", "FREE")
    assert events["meeting-4@aarshjul.norddjurs"]["status"] == "CANCELLED"
    if internal:
        closed = events[CLOSED_UID]
        assert (closed["summary"], closed["description"], closed["location"]) == (CLOSED_SUMMARY, None, None)
        assert closed["categories"] == []


@pytest.mark.parametrize("parse", [parse_with_vobject, parse_with_icalendar])
@pytest.mark.parametrize("internal", [True, False])
def test_python_parsers_read_feed(parse, internal: bool) -> None:
    parsed = parse(render_feed(feed(internal), dtstamp=STAMP))
    check_parsed(parsed, internal)
    assert parsed["calendar"]["refresh-interval"] == "PT1H"


@pytest.mark.node
@pytest.mark.parametrize("internal", [True, False])
def test_icaljs_reads_feed_and_agrees_with_vobject(internal: bool) -> None:
    ics = render_feed(feed(internal), dtstamp=STAMP)
    parsed = parse_with_icaljs(ics)
    check_parsed(parsed, internal)
    assert parsed["calendar_types"]["refresh-interval"] == "duration"
    (tz,) = parsed["timezone_details"]
    assert [(o["kind"], o["tzname"], o["rdate_count"]) for o in tz["observances"]] == [
        ("daylight", "CEST", 0),
        ("standard", "CET", 0),
    ]
    assert comparable(parsed) == comparable(parse_with_vobject(ics)) == comparable(parse_with_icalendar(ics))


@pytest.mark.node
def test_parsers_really_use_the_files_vtimezone(internal_ics: bytes) -> None:
    # With the offsets in the file shifted by an hour both parsers must move
    # the UTC instants, proving they do not fall back on a tz database.
    shifted = internal_ics.replace(b"+0100", b"+0000").replace(b"+0200", b"+0100")
    expected = "2025-03-26T09:00:00Z"
    for parsed in (parse_with_icaljs(shifted), parse_with_vobject(shifted)):
        events = {ev["uid"]: ev for ev in parsed["events"]}
        assert events["meeting-1@aarshjul.norddjurs"]["start"] == expected
    # And the untouched file is read correctly again afterwards.
    assert parse_with_vobject(internal_ics)["events"][0]["start"] == "2025-03-26T08:00:00Z"
