"""The conflict rules as the pure functions they are: in-memory plans, no SQLite, no store.

Each case builds a minimal plan that triggers one rule and a near-identical plan that does not,
and checks the rule id and the items of what `check_plan` reports for that rule. Dates are real
Danish ones: 2025 Wednesdays (Direktionen's rhythm), Christmas Day 2025-12-25 (public holiday),
uge 7 2025 (Vinterferie in the bundled Norddjurs calendar) and juleaftensdag 2025-12-24 (a
no-meeting day in that calendar).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest

from planner.calendar.context import calendar_context
from planner.conflicts.engine import check_plan
from planner.conflicts.rules import RULES
from planner.plan import Absence, Closure, Meeting, Plan, PlanEvent, Point

WED = date(2025, 3, 5)  # an ordinary Wednesday: no holiday, no school holiday
NEXT_WED = date(2025, 3, 12)
EARLY = date(2025, 1, 1)  # "today" before every date used, so nothing is in the past


def pt(pid: int, d: date | None, title: str = "Status på budget 2026", **kw) -> Point:
    return Point(uid=f"p{pid}", title=title, date=d, id=pid, **kw)


@dataclass(frozen=True)
class Case:
    rule: str
    build: Callable[[bool], Plan]  # build(True): triggers the rule; build(False): near-identical, does not
    items: set[tuple[str, ...]]  # Conflict.items expected for the triggering plan
    today: Callable[[bool], date] = lambda _trigger: EARLY


def _public_holiday_point(trigger: bool) -> Plan:
    return Plan(points=[pt(1, date(2025, 12, 25) if trigger else date(2025, 12, 3))])


def _public_holiday_meeting(trigger: bool) -> Plan:
    return Plan(meetings=[Meeting(date(2025, 12, 25) if trigger else date(2025, 12, 3), id=4)])


def _closure_point_plan(trigger: bool) -> Plan:
    return Plan(
        points=[pt(1, WED if trigger else NEXT_WED)],
        closures=[Closure("Lukket for kursus", WED, WED, id=1)],
    )


def _closure_meeting_plan(trigger: bool) -> Plan:
    # A held meeting in a closure is history: the closure rule leaves it alone.
    return Plan(
        meetings=[Meeting(WED, id=2, status="planlagt" if trigger else "afholdt")],
        closures=[Closure("Lukket for kursus", WED, WED, id=1)],
    )


def _winter_holiday_point(trigger: bool) -> Plan:
    # Uge 7 2025 is Vinterferie (10.–16. februar) in the bundled calendar; the 19th is uge 8.
    return Plan(points=[pt(1, date(2025, 2, 12) if trigger else date(2025, 2, 19))])


def _no_meeting_day_point(trigger: bool) -> Plan:
    # Juleaftensdag (Wednesday 24 December 2025) is a no-meeting day, not a public holiday.
    return Plan(points=[pt(1, date(2025, 12, 24) if trigger else date(2025, 12, 10))])


def _absence(person: str = "Anne Hansen") -> Absence:
    return Absence(person, date(2025, 3, 3), date(2025, 3, 7), note="ferie", id=7)


def _absent_owner(trigger: bool) -> Plan:
    return Plan(points=[pt(1, WED if trigger else NEXT_WED, owner="Anne Hansen")], absences=[_absence()])


def _absent_owner_other_person(trigger: bool) -> Plan:
    return Plan(
        points=[pt(1, WED, owner="Anne Hansen")],
        absences=[_absence("Anne Hansen" if trigger else "Bo Jensen")],
    )


def _absent_participant(trigger: bool) -> Plan:
    return Plan(
        points=[pt(1, WED if trigger else NEXT_WED, owner="Bo Jensen", participants=["Anne Hansen"])],
        absences=[_absence()],
    )


def _deadline(trigger: bool) -> Plan:
    # Deadline 1 March 2025: the meeting of 5 March is after it, 26 February before it.
    return Plan(
        points=[
            pt(
                1,
                WED if trigger else date(2025, 2, 26),
                title="Høringssvar om skolestruktur",
                description="Frist: 1. marts 2025",
            )
        ]
    )


def _follow_up_dated(trigger: bool) -> Plan:
    # The temadag is Monday 10 March 2025: 5 March is before it, 12 March after.
    return Plan(points=[pt(1, WED if trigger else NEXT_WED, title="Opsamling på temadag d. 10. marts 2025")])


def _follow_up_same_day(trigger: bool) -> Plan:
    # Same day counts as too early (Direktionen meets in the morning); the next Wednesday is fine.
    return Plan(points=[pt(1, WED if trigger else NEXT_WED, title="Opsamling på temadag d. 5. marts 2025")])


def _follow_up_event(trigger: bool) -> Plan:
    # No date in the title: the rule finds the event by its title.
    return Plan(
        points=[pt(1, WED if trigger else NEXT_WED, title="Opsamling på KL's Topmøde")],
        events=[
            PlanEvent("e5", "KL's Topmøde", date(2025, 3, 10), date(2025, 3, 11), "other", "upcoming", id=5)
        ],
    )


def _preparation_dated(trigger: bool) -> Plan:
    return Plan(
        points=[pt(1, NEXT_WED if trigger else WED, title="Forberedelse af budgetseminar d. 10. marts 2025")]
    )


def _preparation_event(trigger: bool) -> Plan:
    # The rule looks for the next event not yet over at the point's date, so the late case is a
    # point on the event's first day (Wednesday 12 March, the event runs 12-13 March).
    return Plan(
        points=[pt(1, NEXT_WED if trigger else WED, title="Oplæg til KL's Topmøde")],
        events=[PlanEvent("e5", "KL's Topmøde", NEXT_WED, date(2025, 3, 13), "other", "upcoming", id=5)],
    )


def _overfull_meeting(trigger: bool) -> Plan:
    # 09.00–13.00 is 240 min: 3 × 90 = 270 is too much, 90 + 90 + 60 = 240 just fits.
    durations = (90, 90, 90) if trigger else (90, 90, 60)
    return Plan(
        points=[
            pt(i, WED, title=t, duration_min=m)
            for i, (t, m) in enumerate(zip(("Budget", "Klima", "Skoler"), durations, strict=True), 1)
        ],
        meetings=[Meeting(WED, id=3)],
    )


def _overfull_rhythm_day(trigger: bool) -> Plan:
    # No stored meeting: the rhythm's 09.00–13.00 is the capacity, and no meeting is named.
    durations = (150, 100) if trigger else (150, 90)
    return Plan(
        points=[
            pt(1, WED, title="Budget", duration_min=durations[0]),
            pt(2, WED, title="Klima", duration_min=durations[1]),
        ]
    )


def _duplicate(trigger: bool) -> Plan:
    # 5 March and 2 April are within the 182-day window; 5 March and 8 October 2025 (217 days) are not.
    return Plan(
        points=[
            pt(1, WED, title="Strategi for klimatilpasning"),
            pt(2, date(2025, 4, 2) if trigger else date(2025, 10, 8), title="Strategi for klimatilpasning"),
        ]
    )


def _past_planned(_trigger: bool) -> Plan:
    return Plan(points=[pt(1, WED)])


def _past_planned_treated(trigger: bool) -> Plan:
    # A point already treated at its meeting is history, not left behind.
    return Plan(points=[pt(1, WED, status="planlagt" if trigger else "behandlet")])


def _political_same_day(trigger: bool) -> Plan:
    return Plan(
        meetings=[Meeting(WED, id=2)],
        events=[
            PlanEvent(
                "e9",
                "Økonomiudvalgsmøde",
                WED if trigger else date(2025, 3, 4),
                WED if trigger else date(2025, 3, 4),
                "political",
                "upcoming",
                kind="oekonomiudvalg",
                id=9,
            )
        ],
    )


def _off_rhythm(trigger: bool) -> Plan:
    # Thursday 6 March 2025 instead of Wednesday 5 March.
    return Plan(meetings=[Meeting(date(2025, 3, 6) if trigger else WED, id=4, extra=trigger)])


def _merge_conflict(trigger: bool) -> Plan:
    # "pending:title": the document changed a title that was also edited by hand; a plain "title"
    # entry only records the hand edit.
    key = "pending:title" if trigger else "title"
    return Plan(points=[pt(1, WED, edited={key: "Status på budget 2026 (revideret)"})])


CASES = {
    "public-holiday point on Christmas Day": Case("public-holiday", _public_holiday_point, {("point:1",)}),
    "public-holiday meeting on Christmas Day": Case(
        "public-holiday", _public_holiday_meeting, {("meeting:4",)}
    ),
    "closure from plan, point": Case("closure", _closure_point_plan, {("point:1",)}),
    "closure from plan, meeting (held one ignored)": Case("closure", _closure_meeting_plan, {("meeting:2",)}),
    "closure: vinterferie uge 7": Case("closure", _winter_holiday_point, {("point:1",)}),
    "closure: juleaftensdag no-meeting day": Case("closure", _no_meeting_day_point, {("point:1",)}),
    "absent-owner": Case("absent-owner", _absent_owner, {("point:1", "absence:7")}),
    "absent-owner, someone else absent": Case(
        "absent-owner", _absent_owner_other_person, {("point:1", "absence:7")}
    ),
    "absent-participant": Case("absent-participant", _absent_participant, {("point:1", "absence:7")}),
    "deadline": Case("deadline", _deadline, {("point:1",)}),
    "follow-up-order, dated": Case("follow-up-order", _follow_up_dated, {("point:1",)}),
    "follow-up-order, same day": Case("follow-up-order", _follow_up_same_day, {("point:1",)}),
    "follow-up-order, event": Case("follow-up-order", _follow_up_event, {("point:1", "event:5")}),
    "preparation-order, dated": Case("preparation-order", _preparation_dated, {("point:1",)}),
    "preparation-order, event": Case("preparation-order", _preparation_event, {("point:1", "event:5")}),
    "overfull meeting": Case("overfull", _overfull_meeting, {("meeting:3",)}),
    "overfull rhythm day": Case("overfull", _overfull_rhythm_day, {()}),
    "duplicate": Case("duplicate", _duplicate, {("point:1", "point:2")}),
    "past-planned, today after": Case(
        "past-planned",
        _past_planned,
        {("point:1",)},
        today=lambda trigger: date(2025, 3, 6) if trigger else WED,  # the meeting day itself is not past
    ),
    "past-planned, treated": Case(
        "past-planned", _past_planned_treated, {("point:1",)}, today=lambda _t: date(2025, 3, 6)
    ),
    "political-same-day": Case("political-same-day", _political_same_day, {("meeting:2", "event:9")}),
    "off-rhythm": Case("off-rhythm", _off_rhythm, {("meeting:4",)}),
    "merge-conflict": Case("merge-conflict", _merge_conflict, {("point:1",)}),
}


def _found(case: Case, trigger: bool) -> set[tuple[str, ...]]:
    plan = case.build(trigger)
    conflicts = check_plan(plan, calendar_context(plan), today=case.today(trigger))
    return {c.items for c in conflicts if c.rule == case.rule}


@pytest.mark.parametrize("name", sorted(CASES))
def test_rule_triggers(name: str) -> None:
    case = CASES[name]
    assert _found(case, True) == set(case.items)


@pytest.mark.parametrize("name", sorted(CASES))
def test_rule_quiet_on_near_identical_plan(name: str) -> None:
    assert _found(CASES[name], False) == set()


def test_every_rule_function_has_a_case() -> None:
    # Rule function -> the rule ids it emits; a new rule in RULES must get a case here.
    ids_of = {
        "rule_closure": {"public-holiday", "closure"},
        "rule_absence": {"absent-owner", "absent-participant"},
        "rule_order": {"deadline", "follow-up-order", "preparation-order"},
        "rule_overfull": {"overfull"},
        "rule_duplicate": {"duplicate"},
        "rule_past_planned": {"past-planned"},
        "rule_political_same_day": {"political-same-day"},
        "rule_off_rhythm": {"off-rhythm"},
        "rule_merge_conflict": {"merge-conflict"},
    }
    assert {r.__name__ for r in RULES} == set(ids_of)
    covered = {c.rule for c in CASES.values()}
    assert set().union(*ids_of.values()) == covered
