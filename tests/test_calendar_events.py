"""Plan ↔ FullCalendar: event dicts out, a dropped event back in."""

from __future__ import annotations

from datetime import date

from planner.calendar.periods import Period
from planner.plan import Absence, Closure, Meeting, Plan, PlanEvent, Point
from planner.ui.calendar_events import (
    calendar_events,
    calendar_options,
    clicked_day,
    clicked_ref,
    parse_drop,
)

FIRST, LAST = date(2025, 1, 1), date(2025, 12, 31)


def plan() -> Plan:
    return Plan(
        points=[
            Point("a", "Budget 2026", date(2025, 3, 5), id=1, owner="Jonas Kroustrup", version=3),
            Point("b", "Behandlet punkt", date(2025, 3, 5), id=2, status="behandlet"),
            Point("c", "Backlog", None, id=3, status="afventer dato"),
            Point("d", "Hemmeligt", date(2025, 3, 12), id=4, closed=True),
            Point("e", "Sidste år", date(2024, 3, 12), id=5),
        ],
        meetings=[Meeting(date(2025, 3, 5), id=1), Meeting(date(2025, 3, 12), id=2, extra=True)],
        events=[
            PlanEvent("k", "KB-seminar", date(2025, 1, 27), date(2025, 1, 28), "political", "upcoming", id=7)
        ],
        closures=[Closure("Vinterferie", date(2025, 2, 12), date(2025, 2, 12), id=1)],
        absences=[Absence("Kim Bruun Nielsen", date(2025, 2, 5), date(2025, 2, 5), id=1)],
    )


def by_id(events):
    return {e["id"]: e for e in events}


def test_points_are_the_only_draggable_events():
    events = by_id(calendar_events(plan(), FIRST, LAST, conflicted={"point:1"}))
    budget = events["point:1"]
    assert budget["start"] == "2025-03-05" and budget["allDay"] and budget["editable"]
    assert budget["extendedProps"] == {"kind": "point", "point_id": 1, "version": 3, "status": "planlagt"}
    assert budget["title"].startswith("⚠ ") and "Jonas Kroustrup" in budget["title"]
    assert events["point:2"]["editable"] is False  # behandlet: history stays put
    assert "point:3" not in events and "point:5" not in events  # backlog, outside the window
    assert events["point:4"]["title"] == "Lukket punkt"
    assert all(not e.get("editable") for k, e in events.items() if not k.startswith("point:"))


def test_context_events():
    events = by_id(
        calendar_events(
            plan(),
            FIRST,
            LAST,
            closures=[
                Period(
                    "Påskeferie", date(2025, 4, 12), date(2025, 4, 21), "school_holiday", "config:norddjurs"
                )
            ],
        )
    )
    assert events["meeting:1"]["title"] == "Direktionsmøde 9–13"
    assert events["meeting:2"]["title"].startswith("Ekstra møde")  # first, so a narrow cell cannot cut it
    assert events["event:7"]["end"] == "2025-01-29"  # FullCalendar's end is exclusive
    assert events["absence:1"]["title"] == "Fravær: Kim Bruun Nielsen"
    backgrounds = [e for e in events.values() if e.get("display") == "background"]
    assert {e["title"] for e in backgrounds} == {"Vinterferie", "Påskeferie"}
    assert next(e for e in backgrounds if e["title"] == "Påskeferie")["end"] == "2025-04-22"


def test_person_filter_keeps_context():
    events = by_id(calendar_events(plan(), FIRST, LAST, person="Jonas Kroustrup"))
    assert [k for k in events if k.startswith("point:")] == ["point:1"]
    assert "meeting:1" in events and "absence:1" not in events


def test_options_are_danish_iso_weeks():
    options = calendar_options(date(2025, 2, 3), "dayGridWeek")
    assert options["locale"]["code"] == "da" and options["firstDay"] == 1 and options["weekNumbers"]
    assert options["editable"] and not options["eventDurationEditable"]
    assert options["initialDate"] == "2025-02-03" and options["initialView"] == "dayGridWeek"
    assert calendar_options(date(2025, 2, 3), "bogus")["initialView"] == "dayGridMonth"
    assert "now" not in options  # the browser's clock, unless the app says which day it is
    assert calendar_options(date(2025, 2, 3), today=date(2026, 12, 2))["now"] == "2026-12-02"


def change(new_start: str, old_start: str = "2025-03-05", ev_id: str = "point:1", version=3) -> dict:
    return {
        "callback": "eventChange",
        "eventChange": {
            "oldEvent": {"id": ev_id, "start": old_start, "allDay": True},
            "event": {"id": ev_id, "start": new_start, "allDay": True, "extendedProps": {"version": version}},
            "relatedEvents": [],
            "view": {"type": "dayGridMonth", "currentStart": "2025-02-28T23:00:00.000Z"},
        },
    }


def test_parse_drop():
    drop = parse_drop(change("2025-03-12"))
    assert drop is not None
    assert (drop.point_id, drop.old_date, drop.new_date, drop.version) == (
        1,
        date(2025, 3, 5),
        date(2025, 3, 12),
        3,
    )
    assert drop.view_type == "dayGridMonth"
    assert drop.view_start == date(2025, 3, 1)  # toISOString of Copenhagen midnight is the day before in UTC
    assert parse_drop(change("2025-03-12T10:00:00+01:00")).new_date == date(2025, 3, 12)
    assert parse_drop(change("2025-03-12", ev_id="meeting:1")) is None
    assert parse_drop(change("not a date")) is None
    assert parse_drop({"callback": "eventClick"}) is None
    assert parse_drop({}) is None and parse_drop(None) is None
    assert parse_drop(change("2025-03-12", version=None)).version is None


def test_clicks():
    click = {"callback": "eventClick", "eventClick": {"event": {"id": "point:1", "start": "2025-03-05"}}}
    assert clicked_ref(click) == "point:1" and clicked_day(click) == date(2025, 3, 5)
    day = {"callback": "dateClick", "dateClick": {"date": "2025-02-11T23:00:00.000Z", "allDay": True}}
    assert clicked_day(day) == date(2025, 2, 12) and clicked_ref(day) is None


def test_a_meeting_added_by_a_user_on_a_wednesday_is_labelled_extra():
    p = plan()
    p.meetings.append(Meeting(date(2025, 3, 19), id=9, origin="rhythm", source="bruger"))
    events = by_id(calendar_events(p, FIRST, LAST))
    assert events["meeting:9"]["title"].startswith("Ekstra møde")
    assert events["meeting:1"]["title"].startswith("Direktionsmøde")


def test_an_overfull_meeting_bar_is_red():
    from planner.ui.details import load_bar

    over = load_bar(255, 180)
    assert "255 af 180 minutter planlagt – 75 minutter for meget" in over and "#c62828" in over
    assert "data-overfull='true'" in over
    fine = load_bar(90, 180)
    assert "#c62828" not in fine and "data-overfull='false'" in fine
