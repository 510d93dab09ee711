"""Conflict rules on the plan built from the real example documents (real SQLite, no mocks)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from planner import commands
from planner.calendar.context import calendar_context
from planner.conflicts.engine import check_dates, check_plan, conflicts_for_point, diff_conflicts
from planner.conflicts.index import Conflict
from planner.conflicts.rules import text_refs
from planner.plan import Meeting, Plan, PlanEvent, Point

BEFORE_ALL = date(2023, 1, 1)  # "today" before every point, so past-planned stays quiet


def point(plan: Plan, fragment: str) -> Point:
    found = [p for p in plan.points if fragment in p.title]
    assert len(found) == 1, [p.title for p in found]
    return found[0]


def check(store, today: date = BEFORE_ALL) -> list[Conflict]:
    plan = store.load_plan()
    return check_plan(plan, calendar_context(plan), today=today)


def rules_for(conflicts, point_id: int) -> set[str]:
    return {c.rule for c in conflicts_for_point(conflicts, point_id)}


def by_rule(conflicts, rule: str) -> list[Conflict]:
    return [c for c in conflicts if c.rule == rule]


# --- calendar context ------------------------------------------------------------------------


def test_calendar_context_merges_document_rows_over_config(imported_store):
    plan = imported_store.load_plan()
    ctx = calendar_context(plan)
    assert {2023, 2024, 2025} <= set(ctx.years)
    # The agenda's own "12. feb.: Vinterferie" row confirms the config's uge 7 (10–16 Feb 2025).
    feb12 = ctx.closure_on(date(2025, 2, 12))
    assert feb12 is not None and feb12.label == "Vinterferie" and feb12.from_document
    feb11 = ctx.closure_on(date(2025, 2, 11))
    assert (
        feb11 is not None
        and feb11.label == "Vinterferie"
        and (feb11.start, feb11.end) == (date(2025, 2, 10), date(2025, 2, 16))
    )
    assert ctx.closure_on(date(2025, 2, 17)) is None
    assert ctx.public_holiday_on(date(2025, 5, 29)).label == "Kristi himmelfartsdag"
    assert ctx.closure_on(date(2024, 12, 27)).label == "Juleferie"  # config, no document says otherwise
    assert ctx.rhythm.weekday == 2
    assert calendar_context(plan) == ctx  # pure and deterministic


# --- the plan as imported ----------------------------------------------------------------------


def test_imported_plan_has_expected_findings_and_no_errors(imported_store):
    conflicts = check(imported_store)
    assert not [c for c in conflicts if c.severity == "error"], conflicts
    off = by_rule(conflicts, "off-rhythm")
    assert [c.date for c in off] == [date(2025, 4, 3)]
    assert off[0].severity == "info" and "torsdag 3. april 2025" in off[0].message
    overfull = by_rule(conflicts, "overfull")
    assert [c.date for c in overfull] == [date(2025, 1, 15)]  # 255 min. planned in 10.00–13.00
    assert not by_rule(conflicts, "political-same-day")  # ØK and KB meet on Tuesdays
    assert not by_rule(conflicts, "follow-up-order") and not by_rule(conflicts, "preparation-order")
    assert not by_rule(conflicts, "merge-conflict")


def test_conflicts_are_sorted_and_serialisable(imported_store):
    conflicts = check(imported_store, today=date(2025, 1, 1))
    keys = [(c.date or date.max) for c in conflicts]
    assert keys == sorted(keys)
    payload = conflicts[0].to_json()
    assert set(payload) == {"rule", "severity", "message", "items", "date"}
    assert isinstance(payload["items"], list) and isinstance(payload["date"], str)


# --- 1. closures and public holidays -----------------------------------------------------------


def test_moving_hoi_into_the_documents_vinterferie_is_an_error_and_moving_back_removes_it(imported_store):
    hoi = point(imported_store.load_plan(), "Evaluering af Helhedsorienteret Indsats (HOI)")
    assert hoi.date == date(2025, 3, 5)
    result = commands.move_point(imported_store, hoi.id, date(2025, 2, 12), today=BEFORE_ALL)
    errors = [c for c in result.created if c.severity == "error"]
    assert [(c.rule, c.items) for c in errors] == [("closure", (f"point:{hoi.id}",))]
    assert errors[0].message == (
        "Punktet «Evaluering af Helhedsorienteret Indsats (HOI)» ligger onsdag 12. februar 2025 (uge 7) "
        "i Vinterferie. Flyt det til et møde uden for ferien."
    )
    assert "closure" in rules_for(check(imported_store), hoi.id)

    back = commands.move_point(imported_store, hoi.id, date(2025, 3, 5), today=BEFORE_ALL)
    assert ("closure", (f"point:{hoi.id}",)) in {(c.rule, c.items) for c in back.removed}
    assert not back.created
    assert "closure" not in rules_for(check(imported_store), hoi.id)


def test_the_whole_vinterferie_week_is_closed_not_only_the_documents_wednesday(imported_store):
    """The forward plan's row marks Wednesday 12 Feb; the configured uge 7 says the week is a holiday."""
    hoi = point(imported_store.load_plan(), "HOI")
    result = commands.move_point(
        imported_store, hoi.id, date(2025, 2, 11), today=BEFORE_ALL
    )  # an extra meeting
    assert ("closure", "error") in {(c.rule, c.severity) for c in result.created}
    assert "Vinterferie" in next(c.message for c in result.created if c.rule == "closure")


@pytest.mark.parametrize(
    "day, name", [(date(2025, 5, 29), "Kristi himmelfartsdag"), (date(2025, 6, 9), "Anden pinsedag")]
)
def test_point_on_a_public_holiday(imported_store, day, name):
    hoi = point(imported_store.load_plan(), "HOI")
    result = commands.move_point(imported_store, hoi.id, day, today=BEFORE_ALL)
    rules = {(c.rule, c.severity) for c in result.created}
    assert ("public-holiday", "error") in rules
    assert ("public-holiday", "warning") in rules  # the extra meeting created on the holiday
    assert name in next(c.message for c in result.created if c.severity == "error")


def test_point_on_an_ordinary_wednesday_has_no_closure(imported_store):
    hoi = point(imported_store.load_plan(), "HOI")
    result = commands.move_point(imported_store, hoi.id, date(2025, 3, 12), today=BEFORE_ALL)
    assert not result.created


def test_closed_point_is_never_named(imported_store):
    closed = next(p for p in imported_store.load_plan().points if p.closed and p.status == "planlagt")
    result = commands.move_point(imported_store, closed.id, date(2025, 2, 12), today=BEFORE_ALL)
    msg = next(c.message for c in result.created if c.rule == "closure" and c.severity == "error")
    assert msg.startswith(f"Lukket punkt (id {closed.id})")
    assert closed.title not in msg


# --- 2. absences -------------------------------------------------------------------------------


def test_kim_bruun_nielsens_spring_absences_are_known(imported_store):
    plan = imported_store.load_plan()
    days = sorted(a.start for a in plan.absences if a.person == "Kim Bruun Nielsen")
    assert days == [date(2025, 2, 5), date(2025, 5, 14), date(2025, 6, 4)]


def test_point_owned_by_kim_bruun_on_his_absence_is_an_error(imported_store):
    hoi = point(imported_store.load_plan(), "HOI")
    commands.update_point(imported_store, hoi.id, owner="Kim Bruun")  # short form matches "Kim Bruun Nielsen"
    result = commands.move_point(imported_store, hoi.id, date(2025, 5, 14), today=BEFORE_ALL)
    owner = by_rule(result.created, "absent-owner")
    assert len(owner) == 1 and owner[0].severity == "error"
    assert owner[0].items[0] == f"point:{hoi.id}" and owner[0].items[1].startswith("absence:")
    assert "fraværende onsdag 14. maj 2025 (uge 20)" in owner[0].message
    ok = commands.move_point(imported_store, hoi.id, date(2025, 5, 21), today=BEFORE_ALL)
    assert "absent-owner" in {c.rule for c in ok.removed} and not by_rule(ok.created, "absent-owner")


def test_other_owner_is_not_flagged(imported_store):
    hoi = point(imported_store.load_plan(), "HOI")
    commands.update_point(imported_store, hoi.id, owner="Kim Tommy Jensen")
    result = commands.move_point(imported_store, hoi.id, date(2025, 5, 14), today=BEFORE_ALL)
    assert not by_rule(result.created, "absent-owner")


def test_absent_participant_is_a_warning(imported_store):
    hoi = point(imported_store.load_plan(), "HOI")
    commands.update_point(imported_store, hoi.id, participants=["Kim Bruun Nielsen"])
    result = commands.move_point(imported_store, hoi.id, date(2025, 6, 4), today=BEFORE_ALL)
    found = by_rule(result.created, "absent-participant")
    assert len(found) == 1 and found[0].severity == "warning"


def test_absence_added_by_hand_is_used(imported_store):
    hoi = point(imported_store.load_plan(), "HOI")
    commands.update_point(imported_store, hoi.id, owner="Jonas Kroustrup")
    assert "absent-owner" not in rules_for(check(imported_store), hoi.id)
    commands.add_absence(imported_store, "Jonas Kroustrup", date(2025, 3, 3), date(2025, 3, 7), note="ferie")
    assert "absent-owner" in rules_for(check(imported_store), hoi.id)


# --- 3. order --------------------------------------------------------------------------------


def test_dassos_follow_up_before_the_meeting_is_flagged(imported_store):
    dassos = point(imported_store.load_plan(), "Opsamling på møde i Dassos d. 13. september")
    assert dassos.date == date(2024, 9, 18)
    assert "follow-up-order" not in rules_for(check(imported_store), dassos.id)
    result = commands.move_point(imported_store, dassos.id, date(2024, 9, 11), today=BEFORE_ALL)
    found = by_rule(result.created, "follow-up-order")
    assert len(found) == 1 and found[0].severity == "error" and found[0].date == date(2024, 9, 11)
    back = commands.move_point(imported_store, dassos.id, date(2024, 9, 18), today=BEFORE_ALL)
    assert by_rule(back.removed, "follow-up-order") and not by_rule(back.created, "follow-up-order")


def test_follow_up_of_an_event_by_title(imported_store):
    # "Opsamling på direktionseminar" (sic) follows Direktionsseminar 8.–9. August 2024.
    p = point(imported_store.load_plan(), "Opsamling på direktionseminar")
    result = commands.move_point(imported_store, p.id, date(2024, 8, 7), today=BEFORE_ALL)
    found = by_rule(result.created, "follow-up-order")
    assert len(found) == 1 and any(i.startswith("event:") for i in found[0].items)


def test_preparation_after_its_dated_event_is_flagged(imported_store):
    prep = point(imported_store.load_plan(), "Forberedelse af møde i Koncernledelsen den 20. februar")
    ok = commands.move_point(imported_store, prep.id, date(2025, 2, 19), today=BEFORE_ALL)
    assert not by_rule(ok.created, "preparation-order")
    late = commands.move_point(imported_store, prep.id, date(2025, 2, 26), today=BEFORE_ALL)
    assert [c.severity for c in by_rule(late.created, "preparation-order")] == ["error"]


def test_preparation_after_its_event_by_title_is_flagged(imported_store):
    # "Oplæg til Nytårskur for ledere" (15 Jan) prepares the event "Nytårskur for ledere" 21 Jan 2025.
    p = point(imported_store.load_plan(), "Oplæg til Nytårskur for ledere")
    result = commands.move_point(imported_store, p.id, date(2025, 1, 22), today=BEFORE_ALL)
    found = by_rule(result.created, "preparation-order")
    assert len(found) == 1 and "Nytårskur for ledere" in found[0].message


def test_deadline_in_the_points_own_text(imported_store):
    p = commands.add_point(
        imported_store, "Høringssvar om budgetproces skal afgives senest 1. marts", date(2025, 2, 26)
    )
    assert "deadline" not in rules_for(check(imported_store), p.id)
    result = commands.move_point(imported_store, p.id, date(2025, 3, 5), today=BEFORE_ALL)
    assert [c.severity for c in by_rule(result.created, "deadline")] == ["error"]


def test_text_refs_resolve_years_from_the_documents_date():
    refs = text_refs("Opsamling på møde i Dassos d. 13. september", "", date(2024, 9, 18))
    assert [(r.kind, r.start) for r in refs] == [("follow-up", date(2024, 9, 13))]
    assert text_refs("Status på udviklingsprocessen på Socialområdet", "", date(2023, 9, 27))[0].start is None
    assert [
        r.kind for r in text_refs("Frist", "Indstillingen skal være klar inden 1. april", date(2025, 1, 15))
    ] == ["deadline"]
    assert text_refs("Plan- og udviklingsstrategien", "", date(2023, 10, 4)) == ()


# --- 4. overfull -------------------------------------------------------------------------------


def test_overfull_meeting(imported_store):
    day = date(2025, 2, 19)  # one rhythm meeting, 09.00–13.00, nothing planned yet
    assert not [c for c in check(imported_store) if c.date == day]
    for i in range(4):
        commands.add_point(imported_store, f"Temadrøftelse nummer {i + 1}", day, duration_min=60)
    assert not by_rule([c for c in check(imported_store) if c.date == day], "overfull")  # exactly 240
    extra = commands.add_point(imported_store, "Kort orientering om status", day, duration_min=15)
    found = by_rule(check(imported_store), "overfull")
    ours = [c for c in found if c.date == day]
    assert len(ours) == 1 and ours[0].severity == "warning" and "255 min." in ours[0].message
    moved = commands.move_point(imported_store, extra.id, date(2025, 2, 26), today=BEFORE_ALL)
    assert by_rule(moved.removed, "overfull")


# --- 5. duplicates and past points ---------------------------------------------------------------


def test_recurring_identical_item_is_only_info(imported_store):
    dup = by_rule(check(imported_store), "duplicate")
    aarshjul = [c for c in dup if "Direktionens årshjul 2023" in c.message]
    assert len(aarshjul) == 1 and aarshjul[0].severity == "info" and len(aarshjul[0].items) == 4
    # Similar wording about different bodies is not a duplicate.
    assert not [c for c in dup if "Dassos" in c.message or "Klyngestyregruppen" in c.message]
    assert not [c for c in dup if c.severity == "warning"]


def test_same_point_planned_twice_is_a_warning(imported_store):
    hoi = point(imported_store.load_plan(), "HOI")
    twin = commands.add_point(
        imported_store, "Evaluering af Helhedsorienteret Indsats (HOI)", date(2025, 3, 19)
    )
    found = [c for c in by_rule(check(imported_store), "duplicate") if f"point:{twin.id}" in c.items]
    assert len(found) == 1 and found[0].severity == "warning"
    assert found[0].items == tuple(sorted((f"point:{hoi.id}", f"point:{twin.id}")))
    # A year later it is a recurrence, not a duplicate.
    commands.move_point(imported_store, twin.id, date(2026, 3, 18), today=BEFORE_ALL)
    assert not [c for c in by_rule(check(imported_store), "duplicate") if f"point:{twin.id}" in c.items]


def test_past_planned(imported_store):
    hoi = point(imported_store.load_plan(), "HOI")
    assert "past-planned" in rules_for(check(imported_store, today=date(2025, 3, 6)), hoi.id)
    assert "past-planned" not in rules_for(check(imported_store, today=date(2025, 3, 5)), hoi.id)
    commands.update_point(imported_store, hoi.id, status="behandlet")
    assert "past-planned" not in rules_for(check(imported_store, today=date(2025, 3, 6)), hoi.id)


def test_backlog_points_take_no_part(imported_store):
    hoi = point(imported_store.load_plan(), "HOI")
    commands.update_point(imported_store, hoi.id, owner="Kim Bruun Nielsen")
    commands.move_point(imported_store, hoi.id, None)
    assert not conflicts_for_point(check(imported_store, today=date(2030, 1, 1)), hoi.id)


# --- 6. information and merges -------------------------------------------------------------------


def test_meeting_on_a_kb_day_is_info(imported_store):
    hoi = point(imported_store.load_plan(), "HOI")
    result = commands.move_point(imported_store, hoi.id, date(2025, 2, 18), today=BEFORE_ALL)  # KB, a Tuesday
    same_day = by_rule(result.created, "political-same-day")
    assert len(same_day) == 1 and same_day[0].severity == "info"
    assert "Kommunalbestyrelsen (KB)" in same_day[0].message
    assert any(i.startswith("event:") for i in same_day[0].items)
    assert by_rule(result.created, "off-rhythm")[0].severity == "info"


def test_pending_document_change_is_a_merge_conflict(imported_store):
    hoi = point(imported_store.load_plan(), "HOI")
    commands.move_point(imported_store, hoi.id, date(2025, 3, 12))

    def document_moved_it(plan):  # what sync.apply_document records when a newer agenda moves it too
        plan.point(hoi.id).edited["pending:date"] = "2025-03-19"

    imported_store.mutate(document_moved_it, "import", "import", "test")
    found = by_rule(check(imported_store), "merge-conflict")
    assert len(found) == 1 and found[0].severity == "warning"
    assert "onsdag 19. marts 2025" in found[0].message and f"resolve {hoi.id}" in found[0].message


# --- helpers -----------------------------------------------------------------------------------


def test_diff_conflicts_compares_by_rule_items_and_date():
    a = Conflict("closure", "error", "x", ("point:1",), date(2025, 2, 12))
    a2 = Conflict("closure", "error", "reworded", ("point:1",), date(2025, 2, 12))
    b = Conflict("closure", "error", "x", ("point:1",), date(2025, 2, 19))
    created, removed = diff_conflicts([a], [a2, b])
    assert created == [b] and removed == []
    assert conflicts_for_point([a, b], 1) == [a, b] and conflicts_for_point([a], 2) == []


def test_check_dates_equals_the_matching_part_of_check_plan(imported_store):
    plan = imported_store.load_plan()
    ctx = calendar_context(plan)
    today = date(2024, 10, 1)
    full = check_plan(plan, ctx, today=today)
    for day in (date(2025, 1, 15), date(2023, 10, 4), date(2025, 4, 3), date(2024, 9, 18)):
        ids = [p.id for p in plan.points if p.date == day][:1]
        scoped = check_dates(plan, ctx, [day], ids, today=today)
        expected = [c for c in full if c.date == day or any(f"point:{i}" in c.items for i in ids)]
        assert {c.key for c in scoped} >= {c.key for c in expected}
        # Anything extra is a conflict that the full check has too (same component of duplicates).
        assert {c.key for c in scoped} <= {c.key for c in full}


def test_checking_the_days_of_one_year_finds_exactly_the_full_checks_conflicts_of_that_year(imported_store):
    """What the Årshjul does on its first screen (planner.ui.state.load_conflicts_between)."""
    plan = imported_store.load_plan()
    ctx = calendar_context(plan)
    today = date(2024, 10, 1)
    full = check_plan(plan, ctx, today=today)
    years = sorted({c.date.year for c in full if c.date})
    assert len(years) >= 2 and len(full) >= 5
    for first, last in [(date(y, 1, 1), date(y, 12, 31)) for y in years] + [
        (date(2024, 8, 1), date(2025, 7, 31))
    ]:
        days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        scoped = [c for c in check_dates(plan, ctx, days, today=today) if c.date and first <= c.date <= last]
        expected = [c for c in full if c.date and first <= c.date <= last]
        assert [c.key for c in scoped] == [c.key for c in expected]
        assert [c.message for c in scoped] == [c.message for c in expected]


# --- speed: a ten-year plan --------------------------------------------------------------------


def ten_year_plan(source: Plan, years: int = 10, per_meeting: int = 20) -> Plan:
    """~500 meetings and ~10,000 points with the example plan's wording, events and absences."""
    titles = sorted({p.title for p in source.points if not p.closed})
    plan = Plan(events=list(source.events), closures=list(source.closures), absences=list(source.absences))
    first = date(2025, 1, 1) + timedelta(days=(2 - date(2025, 1, 1).weekday()) % 7)
    pid = 0
    for week in range(years * 52):
        d = first + timedelta(weeks=week)
        plan.meetings.append(Meeting(date=d, id=week + 1))
        for k in range(per_meeting):
            pid += 1
            title = titles[(week * per_meeting + k) % len(titles)]
            if k % 3 == 0:
                title = f"{title} {d.year}"
            plan.points.append(
                Point(
                    uid=f"p{pid}",
                    title=title,
                    date=d,
                    id=pid,
                    owner="Kim Bruun Nielsen" if k == 0 else None,
                    duration_min=10,
                    doc_value=d,
                    doc_date=d,
                )
            )
    plan.events.append(
        PlanEvent(
            "e-x",
            "Kommunalbestyrelsen (KB)",
            first,
            first,
            "political",
            "upcoming",
            "kommunalbestyrelse",
            id=9999,
        )
    )
    return plan


def test_incremental_recheck_of_a_ten_year_plan_equals_a_full_check(imported_store):
    """Speed is measured by `make bench`; here only that the quick re-check gives the full check's answer."""
    plan = ten_year_plan(imported_store.load_plan())
    assert len(plan.points) >= 10_000 and len(plan.meetings) >= 500
    ctx = calendar_context(plan)
    full = check_plan(plan, ctx, today=date(2025, 1, 1))
    assert full
    p = plan.points[1234]
    old, new = p.date, p.date + timedelta(weeks=7)
    before = check_dates(plan, ctx, [old, new], [p.id], today=date(2025, 1, 1))
    commands.set_date(plan, p, new, ctx.rhythm)
    after = check_dates(plan, ctx, [old, new], [p.id], today=date(2025, 1, 1))
    created, removed = diff_conflicts(before, after)
    full_after = check_plan(plan, ctx, today=date(2025, 1, 1))
    assert (created, removed) == diff_conflicts(full, full_after)
