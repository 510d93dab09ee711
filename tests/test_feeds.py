"""The plan's feeds, built from the four example documents in a real SQLite store.

Every feed is rendered and read back by two independent parsers (ical.js, as in
Thunderbird, and vobject), which resolve times through the file's own VTIMEZONE.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from ics_clients import comparable, parse_with_icaljs, parse_with_vobject, require_icaljs

from planner import commands
from planner.feeds.catalog import (
    FeedRegistry,
    build_feed,
    build_feeds,
    calendar_periods,
    feed_specs,
    render_feeds,
)
from planner.feeds.ics import CLOSED_SUMMARY, render_feed, unfold
from planner.feeds.server import new_token
from planner.plan import SCHEDULED_STATUSES
from planner.storage.store import Store
from planner.sync.importer import import_documents, read_documents

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "data" / "examples").glob("*.txt"))
STAMP = datetime(2025, 1, 6, 7, 30, tzinfo=UTC)
PUBLIC = (
    "direktion",
    "punkter",
    "politik",
    "ferie",
    "person-lene-mehlsen-thomsen",
    "person-kim-bruun-nielsen",
    "person-jonas-kroustrup",
)
CLOSED_TEXTS = (
    "Tidsplan for budgetopfølgninger i 2025",
    "Drøftelse og godkendelse af tidsplan for budgetopfølgninger i 2025",
    "ændret opfølgning som følge af ændring af overførselsadgang",
    "Oplæg til borgermøde d. 12. marts",
    "Notat til Direktionen vedr. retningslinjer",
    "Bettina Andersen",  # the closed point's only participant
)
CLOSED_POINT = "Drøftelse og godkendelse af tidsplan for budgetopfølgninger"
MOVED_TITLE = "Ny model for sygefravær 1-3-10"
KIM_ABSENT = {date(2025, 2, 5), date(2025, 5, 14), date(2025, 6, 4)}


def import_examples(path: Path) -> Path:
    assert len(EXAMPLES) == 4
    with Store(path) as store:
        results = import_documents(store, read_documents(EXAMPLES))
        assert all(r.status in ("added", "unchanged") for r in results), [r.error for r in results]
    return path


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return import_examples(tmp_path / "plan.db")


def render_all(db_path: Path, dtstamp: datetime = STAMP) -> dict[str, bytes]:
    with Store(db_path) as store:
        plan = store.load_plan()
    return render_feeds(build_feeds(plan, calendar_periods(plan)), dtstamp)


@pytest.fixture
def rendered(db: Path) -> dict[str, bytes]:
    return render_all(db)


def events_by_uid(ics: bytes) -> dict[str, dict]:
    return {ev["uid"]: ev for ev in parse_with_vobject(ics)["events"]}


def point_id(db_path: Path, title_start: str) -> int:
    with Store(db_path) as store:
        return next(p.id for p in store.load_plan().points if p.title.startswith(title_start))


def move_point(db_path: Path, pid: int, new: date | None) -> None:
    """Move as the app and `planner move` do (commands.move_point bumps SEQUENCE)."""
    with Store(db_path) as store:
        commands.move_point(store, pid, new, actor="test")


def texts(parsed: dict) -> list[str]:
    return [ev[k] or "" for ev in parsed["events"] for k in ("summary", "description", "location")] + [
        " ".join(ev["categories"]) for ev in parsed["events"]
    ]


def raw_text(ics: bytes) -> str:
    """Unfolded and unescaped, so a phrase split by folding or escaping is still found."""
    text = unfold(ics.decode("utf-8"))
    return text.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\")


# --- the feeds that exist -------------------------------------------------------------------


def test_feed_specs(db: Path) -> None:
    with Store(db) as store:
        specs = feed_specs(store.load_plan())
    names = [s.name for s in specs]
    assert names == [*PUBLIC, "intern"]
    assert [s.name for s in specs if s.internal] == ["intern"]
    kim = next(s for s in specs if s.name == "person-kim-bruun-nielsen")
    assert kim.person == "Kim Bruun Nielsen" and "Kim Bruun Nielsen" in kim.calname


# --- both parsers read every feed -----------------------------------------------------------


def test_every_feed_parses_with_vobject_with_its_vtimezone_and_unique_uids(
    rendered: dict[str, bytes],
) -> None:
    for name, ics in rendered.items():
        parsed = parse_with_vobject(ics)
        tzids = set(re.findall(r"TZID=([^:;]+)", unfold(ics.decode())))
        assert tzids <= set(parsed["timezones"]), name
        uids = [ev["uid"] for ev in parsed["events"]]
        assert len(uids) == len(set(uids)), f"{name}: duplicate UIDs"
        assert uids and all(u.endswith("@aarshjul.norddjurs") for u in uids), name
        for ev in parsed["events"]:
            if "T" in ev["start"]:
                assert ev["start_tzid"] is not None, f"{name}: {ev['uid']} not resolved through VTIMEZONE"


def test_icaljs_reads_every_feed_like_vobject(rendered: dict[str, bytes]) -> None:
    require_icaljs()
    for name, ics in rendered.items():
        js = parse_with_icaljs(ics)
        assert js["timezones"] == ["Europe/Copenhagen"], name
        assert all(ev["start_tzid"] == "Europe/Copenhagen" for ev in js["events"] if "T" in ev["start"]), name
        assert js["calendar"]["x-wr-calname"].startswith("Direktionen – "), name
        assert comparable(js) == comparable(parse_with_vobject(ics)), name


# --- meetings -------------------------------------------------------------------------------


def test_meetings_at_nine_copenhagen_in_winter_and_summer(rendered: dict[str, bytes]) -> None:
    events = events_by_uid(rendered["direktion"])
    winter = events["meeting-2025-01-22@aarshjul.norddjurs"]
    summer = events["meeting-2025-06-11@aarshjul.norddjurs"]
    assert (winter["start"], winter["end"]) == ("2025-01-22T08:00:00Z", "2025-01-22T12:00:00Z")
    assert (summer["start"], summer["end"]) == ("2025-06-11T07:00:00Z", "2025-06-11T11:00:00Z")
    assert winter["summary"] == "Direktionsmøde" and winter["status"] == "CONFIRMED"
    assert "uge 4" in winter["description"] and "onsdag 22. januar 2025" in winter["description"]
    assert "Digitalt registreringssystem" in winter["description"]
    first = events["meeting-2025-01-15@aarshjul.norddjurs"]
    assert first["location"] == "Mødelokale 250, rådhuset"
    # The header says kl. 10.00, but the meeting's timetable opens at 8.15: the event holds its agenda.
    assert first["start"] == "2025-01-15T07:15:00Z" and "kl. 08.15–13.00" in first["description"]
    # A public feed does not even hint at the closed point; the internal one lists it unnamed.
    assert CLOSED_SUMMARY not in first["description"]
    internal = events_by_uid(rendered["intern"])["meeting-2025-01-15@aarshjul.norddjurs"]
    assert f"- 11.05 {CLOSED_SUMMARY}" in internal["description"]  # at the time the timetable states
    # Kim's absence is named on the meeting.
    assert "Fraværende: Kim Bruun Nielsen" in events["meeting-2025-02-05@aarshjul.norddjurs"]["description"]


def test_cancelled_meeting_is_status_cancelled(db: Path) -> None:
    with Store(db) as store:
        store.mutate(
            lambda plan: setattr(plan.meeting_on(date(2025, 3, 12)), "status", "aflyst"),
            actor="test",
            action="cancel",
            summary="aflys",
        )
    events = events_by_uid(render_all(db)["direktion"])
    cancelled = events["meeting-2025-03-12@aarshjul.norddjurs"]
    assert cancelled["status"] == "CANCELLED" and cancelled["transp"] == "TRANSPARENT"
    assert events["meeting-2025-03-19@aarshjul.norddjurs"]["status"] == "CONFIRMED"


# --- points ---------------------------------------------------------------------------------


def test_points_sit_inside_their_meeting(db: Path, rendered: dict[str, bytes]) -> None:
    with Store(db) as store:
        plan = store.load_plan()
    events = events_by_uid(rendered["punkter"])
    meetings = events_by_uid(rendered["direktion"])
    all_day = []
    scheduled = [p for p in plan.points if p.date and p.status in SCHEDULED_STATUSES and not p.closed]
    assert {f"{p.uid}@aarshjul.norddjurs" for p in scheduled} == set(events)
    for p in scheduled:
        ev = events[f"{p.uid}@aarshjul.norddjurs"]
        if plan.meeting_on(p.date) is None:  # no meeting row that day: an all-day item
            assert (ev["start"], ev["end"]) == (p.date.isoformat(), (p.date + timedelta(days=1)).isoformat())
            all_day.append(p)
        else:
            meeting = meetings[f"meeting-{p.date}@aarshjul.norddjurs"]
            assert meeting["start"] <= ev["start"] < ev["end"] <= meeting["end"], p.title
        assert ev["sequence"] == p.sequence
    assert [p.title for p in all_day] == ["Borgermøde d. 12. marts"]  # decided for 31 January 2024
    # Backlog points (no date) are in no feed.
    backlog = [p for p in plan.points if p.date is None]
    assert backlog
    for ics in rendered.values():
        assert not any(f"{p.uid}@" in ics.decode() for p in backlog)


def test_point_description_and_slots(rendered: dict[str, bytes]) -> None:
    events = parse_with_vobject(rendered["punkter"])["events"]
    by_summary = {ev["summary"]: ev for ev in events}
    first = by_summary["Direktionens årshjul 2023"]  # several; any one: 09:00 on its meeting
    assert first["start"].endswith("T07:00:00Z") or first["start"].endswith("T08:00:00Z")
    kattegat = by_summary["Status og godkendelse af handleplan i Kattegatalliancen"]
    assert "Deltagere: Kattegatalliancen Chefkonsulent Lene Helbo Bachmann" in kattegat["description"]
    assert "Kilde: 002_22e19539ae1485f7.txt, linje 119" in kattegat["description"]
    # Two points share this title: the one a decision scheduled says so under its source; the
    # timetable row's own text is its description, without a note.
    borgermode = [ev["description"] for ev in events if ev["summary"] == "Borgermøde d. 12. marts"]
    decided = [d for d in borgermode if "Note: Beslutning i Direktionen den 2024-01-24, linje 47" in d]
    assert len(borgermode) == 2 and len(decided) == 1
    assert "Kilde: 003_25d10c653db21bc1.txt" in decided[0]
    assert decided[0].index("Kilde:") < decided[0].index("Note:")
    # Two forward-plan points on 22 January 2025 follow each other in 15-minute slots.
    jan22 = sorted(ev["start"] for ev in by_summary.values() if ev["start"].startswith("2025-01-22"))
    assert jan22 == ["2025-01-22T08:00:00Z", "2025-01-22T08:15:00Z", "2025-01-22T08:30:00Z"]


# --- closed points --------------------------------------------------------------------------


def test_closed_text_never_appears_in_any_feed(rendered: dict[str, bytes]) -> None:
    for name, ics in rendered.items():
        haystack = raw_text(ics).lower() + "\n".join(texts(parse_with_vobject(ics))).lower()
        for text in CLOSED_TEXTS:
            assert text.lower() not in haystack, f"{name} leaks {text!r}"


def test_internal_feed_shows_closed_point_as_lukket_punkt(db: Path, rendered: dict[str, bytes]) -> None:
    uid = f"{next_uid(db, CLOSED_POINT)}@aarshjul.norddjurs"
    internal = events_by_uid(rendered["intern"])
    assert internal[uid]["summary"] == CLOSED_SUMMARY and internal[uid]["description"] is None
    assert internal[uid]["start"] == "2025-01-15T10:05:00Z"  # 11.05, as the timetable states
    for name in PUBLIC:
        assert uid not in events_by_uid(rendered[name]), name


def test_feeds_built_together_are_the_feeds_built_one_by_one(db: Path) -> None:
    # build_feeds builds each item once and hands it to every feed that shows it; a public feed
    # must still get the public view (no closed point in a meeting's list, nor in its times).
    with Store(db) as store:
        plan = store.load_plan()
    calendar = calendar_periods(plan)
    together = build_feeds(plan, calendar)
    one_by_one = [build_feed(plan, spec, calendar) for spec in feed_specs(plan)]
    assert together == one_by_one
    by_name = {f.name: f for f in together}
    assert set(PUBLIC) | {"intern"} <= set(by_name)
    closed_line = f"- 11.05 {CLOSED_SUMMARY}"
    assert any(closed_line in item.description for item in by_name["intern"].items)
    for name in PUBLIC:
        assert not any(CLOSED_SUMMARY in item.description for item in by_name[name].items), name


def next_uid(db_path: Path, title_start: str) -> str:
    with Store(db_path) as store:
        return next(p.uid for p in store.load_plan().points if p.title.startswith(title_start))


# --- political meetings ---------------------------------------------------------------------


def test_politik(rendered: dict[str, bytes]) -> None:
    events = parse_with_vobject(rendered["politik"])["events"]
    assert events and all("T" not in ev["start"] for ev in events)
    summaries = {(ev["summary"], ev["start"]) for ev in events}
    assert ("Kommunalbestyrelsen (KB)", "2025-02-18") in summaries
    assert ("Økonomiudvalget (ØK)", "2025-02-04") not in summaries  # listed as "Økonomiudvalgsmøde" that day
    assert ("Økonomiudvalgsmøde", "2025-02-04") in summaries
    cancelled = [ev for ev in events if ev["status"] == "CANCELLED"]
    assert [(ev["summary"], ev["start"]) for ev in cancelled] == [("Gruppeformandsmøde", "2023-09-05")]
    seminar = next(ev for ev in events if ev["summary"] == "Kommunalbestyrelsesseminar")
    assert (seminar["start"], seminar["end"]) == ("2025-01-27", "2025-01-29")  # exclusive DTEND


def test_all_day_ranges_have_exclusive_dtend(rendered: dict[str, bytes]) -> None:
    text = unfold(rendered["direktion"].decode())
    seminar = re.search(
        r"DTSTART;VALUE=DATE:20250108\r\nDTEND;VALUE=DATE:(\d+)\r\nSUMMARY:Direktionsseminar", text
    )
    assert seminar and seminar.group(1) == "20250110"
    for name, ics in rendered.items():
        for ev in parse_with_vobject(ics)["events"]:
            if "T" not in ev["start"]:
                assert ev["end"] > ev["start"], f"{name}: {ev['uid']}"


# --- holidays and absences ------------------------------------------------------------------


def test_holidays_are_transparent(rendered: dict[str, bytes]) -> None:
    events = parse_with_vobject(rendered["ferie"])["events"]
    holidays = [ev for ev in events if "fravær" not in ev["summary"]]
    assert holidays and all(ev["transp"] == "TRANSPARENT" and ev["busystatus"] == "FREE" for ev in holidays)
    spans = {(ev["summary"], ev["start"], ev["end"]) for ev in holidays}
    assert ("Efterårsferie", "2024-10-14", "2024-10-21") in spans  # the whole week, not just the Wednesday
    assert ("Vinterferie", "2025-02-10", "2025-02-17") in spans
    assert any(s == "2024-12-25" for _, s, _ in spans)  # juledag, from the holidays package
    assert ("Grundlovsdag", "2025-06-05", "2025-06-06") in spans
    assert not any(s == e for _, s, e in spans)


def test_ferie_without_calendar_has_the_documents_closures(db: Path) -> None:
    with Store(db) as store:
        plan = store.load_plan()
    spec = next(s for s in feed_specs(plan) if s.name == "ferie")
    feed = build_feed(plan, spec)
    closures = sorted(((i.summary, i.start) for i in feed.items if i.transparent), key=lambda x: x[1])
    assert closures == [
        ("Efterårsferie", date(2023, 10, 18)),
        ("Efterårsferie", date(2024, 10, 16)),
        ("Vinterferie", date(2025, 2, 12)),
        ("Påskeferie", date(2025, 4, 16)),
    ]


def test_absences_are_out_of_office(rendered: dict[str, bytes]) -> None:
    events = parse_with_vobject(rendered["ferie"])["events"]
    absences = [ev for ev in events if ev["summary"] == "Kim Bruun Nielsen – fravær"]
    assert {date.fromisoformat(ev["start"]) for ev in absences} == KIM_ABSENT
    for ev in absences:
        assert ev["busystatus"] == "OOF" and ev["transp"] == "OPAQUE"
        assert date.fromisoformat(ev["end"]) == date.fromisoformat(ev["start"]) + timedelta(days=1)


def test_person_feeds(rendered: dict[str, bytes]) -> None:
    kim = events_by_uid(rendered["person-kim-bruun-nielsen"])
    lene = events_by_uid(rendered["person-lene-mehlsen-thomsen"])
    for d in KIM_ABSENT:
        assert f"meeting-{d}@aarshjul.norddjurs" not in kim
        assert f"meeting-{d}@aarshjul.norddjurs" in lene
    assert "meeting-2025-01-22@aarshjul.norddjurs" in kim
    assert sum(ev["busystatus"] == "OOF" for ev in kim.values()) == 3
    assert not any(ev["busystatus"] == "OOF" for ev in lene.values())


# --- stability and determinism --------------------------------------------------------------


def uid_sets(rendered: dict[str, bytes]) -> dict[str, set[str]]:
    return {name: set(events_by_uid(ics)) for name, ics in rendered.items()}


def without_last_modified(ics: bytes) -> bytes:
    return re.sub(rb"LAST-MODIFIED:[^\r]*\r\n", b"", ics)


def test_deterministic_byte_identical(db: Path, rendered: dict[str, bytes]) -> None:
    assert render_all(db) == rendered
    with Store(db) as store:
        plan = store.load_plan()
        spec = feed_specs(plan)[0]
        cal = calendar_periods(plan)
        assert render_feed(build_feed(plan, spec, cal), STAMP) == render_feed(
            build_feed(plan, spec, cal), STAMP
        )


def test_uids_stable_across_reimport(db: Path, rendered: dict[str, bytes], tmp_path: Path) -> None:
    with Store(db) as store:
        version = store.plan_version
        results = import_documents(store, read_documents(EXAMPLES))
        assert {r.status for r in results} == {"unchanged"} and store.plan_version == version
    assert render_all(db) == rendered
    fresh = render_all(import_examples(tmp_path / "again.db"))
    assert uid_sets(fresh) == uid_sets(rendered)
    # Apart from LAST-MODIFIED (the rows' write time) a fresh import gives the same bytes.
    assert {n: without_last_modified(b) for n, b in fresh.items()} == {
        n: without_last_modified(b) for n, b in rendered.items()
    }


def test_move_keeps_uid_bumps_sequence_and_shows_new_date(db: Path, rendered: dict[str, bytes]) -> None:
    pid = point_id(db, MOVED_TITLE)
    uid = f"{next_uid(db, MOVED_TITLE)}@aarshjul.norddjurs"
    before = events_by_uid(rendered["punkter"])[uid]
    assert before["start"] == "2025-02-05T08:00:00Z"
    move_point(db, pid, date(2025, 2, 19))
    after_all = render_all(db)
    after = events_by_uid(after_all["punkter"])[uid]
    assert after["start"] == "2025-02-19T08:00:00Z" and after["end"] == "2025-02-19T08:15:00Z"
    assert after["sequence"] > before["sequence"]
    assert uid_sets(after_all) == uid_sets(rendered)
    meetings = events_by_uid(after_all["direktion"])
    assert MOVED_TITLE in meetings["meeting-2025-02-19@aarshjul.norddjurs"]["description"]
    assert MOVED_TITLE not in (meetings["meeting-2025-02-05@aarshjul.norddjurs"]["description"] or "")
    if ics_available():
        moved = {ev["uid"]: ev for ev in parse_with_icaljs(after_all["punkter"])["events"]}[uid]
        assert moved["start"] == "2025-02-19T08:00:00Z" and moved["sequence"] == after["sequence"]


def ics_available() -> bool:
    from ics_clients import icaljs_missing_reason

    return icaljs_missing_reason() is None


# --- tokens ---------------------------------------------------------------------------------


def test_registry_tokens_are_unguessable_and_stable(db: Path) -> None:
    with Store(db) as store:
        first = FeedRegistry(store).urls("https://kalender.norddjurs.dk/")
    with Store(db) as store:
        again = FeedRegistry(store).urls("https://kalender.norddjurs.dk")
    assert first == again
    tokens = [i.token for i in first]
    assert len(set(tokens)) == len(tokens) == len(PUBLIC) + 1
    assert all(len(t) >= len(new_token()) and re.fullmatch(r"[A-Za-z0-9_-]{22,}", t) for t in tokens)
    direktion = first[0]
    assert direktion.name == "direktion" and not direktion.internal
    assert direktion.url == f"https://kalender.norddjurs.dk/feeds/{direktion.token}.ics"
    assert direktion.webcal_url == f"webcal://kalender.norddjurs.dk/feeds/{direktion.token}.ics"
    assert [i.name for i in first if i.internal] == ["intern"]


def test_point_moved_to_the_backlog_leaves_every_feed(db: Path, rendered: dict[str, bytes]) -> None:
    uid = f"{next_uid(db, MOVED_TITLE)}@aarshjul.norddjurs"
    assert uid in events_by_uid(rendered["punkter"])
    move_point(db, point_id(db, MOVED_TITLE), None)
    for name, ics in render_all(db).items():
        assert uid not in events_by_uid(ics), name


def test_point_moved_to_a_new_day_gets_a_meeting_in_summer_time(db: Path) -> None:
    uid = f"{next_uid(db, MOVED_TITLE)}@aarshjul.norddjurs"
    move_point(db, point_id(db, MOVED_TITLE), date(2025, 7, 16))  # no meeting row yet
    after = render_all(db)
    point = events_by_uid(after["punkter"])[uid]
    assert (point["start"], point["end"]) == ("2025-07-16T07:00:00Z", "2025-07-16T07:15:00Z")
    assert (
        MOVED_TITLE
        in events_by_uid(after["direktion"])["meeting-2025-07-16@aarshjul.norddjurs"]["description"]
    )
