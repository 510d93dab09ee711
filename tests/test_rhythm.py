"""Direktionen's weekly rhythm: planned dates, closures, DST and off-rhythm meetings."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.calendar.denmark import all_closures
from planner.calendar.periods import Period
from planner.calendar.rhythm import (
    MeetingRhythm,
    meeting_window,
    off_rhythm,
    planned_meeting_dates,
    rhythm_from_mapping,
)

RHYTHM = MeetingRhythm()


def _wednesdays(first: date, last: date) -> list[date]:
    d = first + timedelta(days=(2 - first.weekday()) % 7)
    out = []
    while d <= last:
        out.append(d)
        d += timedelta(weeks=1)
    return out


def test_spring_2025_minus_vinterferie_and_paaskeferie() -> None:
    closures = all_closures([2025])
    got = planned_meeting_dates(RHYTHM, date(2025, 1, 1), date(2025, 6, 30), closures)
    skipped = sorted(set(_wednesdays(date(2025, 1, 1), date(2025, 6, 30))) - set(got))
    assert skipped == [
        date(2025, 1, 1),  # Nytårsdag (and juleferie)
        date(2025, 2, 12),  # vinterferie uge 7
        date(2025, 4, 16),  # påskeferie
    ]
    assert got[0] == date(2025, 1, 8)
    assert got[-1] == date(2025, 6, 25)


def test_no_closures_gives_every_wednesday() -> None:
    got = planned_meeting_dates(RHYTHM, date(2025, 3, 1), date(2025, 3, 31), [])
    assert got == [date(2025, 3, 5), date(2025, 3, 12), date(2025, 3, 19), date(2025, 3, 26)]
    assert planned_meeting_dates(RHYTHM, date(2025, 3, 31), date(2025, 3, 1), []) == []


def test_school_events_do_not_cancel_meetings() -> None:
    event = Period("Skolestart", date(2025, 8, 13), date(2025, 8, 13), "school_event", "ferieplan:x")
    assert date(2025, 8, 13) in planned_meeting_dates(RHYTHM, date(2025, 8, 1), date(2025, 8, 31), [event])


def test_configurable_weekday() -> None:
    thursdays = MeetingRhythm(weekday=3)
    got = planned_meeting_dates(thursdays, date(2025, 5, 1), date(2025, 5, 31), all_closures([2025]))
    # 29 May is Kristi himmelfartsdag; 1 May stays because 1. maj is off by default.
    assert got == [date(2025, 5, 1), date(2025, 5, 8), date(2025, 5, 15), date(2025, 5, 22)]


@pytest.mark.parametrize(
    ("day", "utc_hour"),
    [
        (date(2025, 3, 26), 8),  # CET, UTC+1
        (date(2025, 4, 2), 7),  # CEST after the 30 March change, UTC+2
        (date(2025, 10, 22), 7),  # still CEST
        (date(2025, 10, 29), 8),  # back to CET after 26 October
    ],
)
def test_meeting_window_is_dst_correct(day: date, utc_hour: int) -> None:
    start, end = meeting_window(RHYTHM, day)
    assert (start.hour, end.hour) == (9, 13)
    assert start.tzinfo is not None
    assert (start - start.utcoffset()).hour == utc_hour
    assert end - start == timedelta(hours=4)


def test_off_rhythm() -> None:
    assert off_rhythm(date(2025, 1, 16), RHYTHM)  # a Thursday
    assert not off_rhythm(date(2025, 1, 15), RHYTHM)
    assert not off_rhythm(date(2025, 1, 16), MeetingRhythm(weekday=3))


def test_rhythm_from_mapping() -> None:
    r = rhythm_from_mapping({"weekday": "Torsdag", "start": "8.30", "end": "12:00"})
    assert r == MeetingRhythm(weekday=3, start=time(8, 30), end=time(12, 0))
    assert rhythm_from_mapping({}) == MeetingRhythm()
    assert rhythm_from_mapping({"start": time(10, 0)}).start == time(10, 0)


@pytest.mark.parametrize(
    "raw",
    [{"weekday": 7}, {"start": "14:00"}, {"timezone": "Europe/Aarhus"}, {"start": "9"}, {"dag": "onsdag"}],
)
def test_rhythm_rejects_bad_values(raw: dict) -> None:
    with pytest.raises(ValueError, match="meeting_rhythm"):
        rhythm_from_mapping(raw)


@settings(max_examples=60, deadline=None)
@given(
    first=st.dates(min_value=date(2023, 1, 1), max_value=date(2027, 6, 30)),
    span=st.integers(min_value=0, max_value=400),
    weekday=st.integers(min_value=0, max_value=4),
)
def test_every_planned_date_is_on_rhythm_and_open(first: date, span: int, weekday: int) -> None:
    last = first + timedelta(days=span)
    rhythm = MeetingRhythm(weekday=weekday)
    closures = all_closures(range(first.year, last.year + 1))
    got = planned_meeting_dates(rhythm, first, last, closures)
    assert got == sorted(set(got))
    for d in got:
        assert first <= d <= last
        assert not off_rhythm(d, rhythm)
        assert not any(p.contains(d) for p in closures)
    # Nothing open was skipped: every missing rhythm day is inside some closure.
    for d in (first + timedelta(days=i) for i in range(span + 1)):
        if d.weekday() == weekday and d not in got:
            assert any(p.contains(d) for p in closures)
