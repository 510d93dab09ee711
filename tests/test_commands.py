"""Plan commands on real SQLite files built from the example documents."""

from __future__ import annotations

import dataclasses
import tempfile
from datetime import date
from pathlib import Path

import pytest
from conftest import copy_db
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner import commands
from planner.commands import PlanError
from planner.plan import Plan, Point
from planner.storage.store import StaleEdit, Store


def point(plan: Plan, fragment: str) -> Point:
    found = [p for p in plan.points if fragment in p.title]
    assert len(found) == 1, [p.title for p in found]
    return found[0]


def comparable(plan: Plan) -> dict:
    """Everything stored, except the write timestamps."""

    def rows(items):
        return [{k: v for k, v in dataclasses.asdict(x).items() if k != "updated_at"} for x in items]

    return {
        name: rows(getattr(plan, name))
        for name in ("points", "meetings", "events", "closures", "absences", "people")
    }


# --- move --------------------------------------------------------------------------------------


def test_move_records_the_documents_value_and_bumps_sequence(imported_store):
    hoi = point(imported_store.load_plan(), "HOI")
    result = commands.move_point(imported_store, hoi.id, date(2025, 3, 12), expected_version=hoi.version)
    assert (result.old_date, result.new_date) == (date(2025, 3, 5), date(2025, 3, 12))
    assert result.change_id is not None and not result.created_meeting
    stored = imported_store.load_plan().point(hoi.id)
    assert stored.date == date(2025, 3, 12) and stored.status == "planlagt"
    assert stored.edited == {"date": "2025-03-05"}  # what the document said when the user moved it
    assert stored.sequence == hoi.sequence + 1
    assert stored.version == hoi.version + 1 == result.point.version


def test_move_to_the_same_date_changes_nothing(imported_store):
    hoi = point(imported_store.load_plan(), "HOI")
    before = imported_store.plan_version
    result = commands.move_point(imported_store, hoi.id, hoi.date)
    assert result.change_id is None and imported_store.plan_version == before


def test_backlog_and_back(imported_store):
    hoi = point(imported_store.load_plan(), "HOI")
    commands.move_point(imported_store, hoi.id, None)
    assert imported_store.load_plan().point(hoi.id).status == "afventer dato"
    backlog = point(imported_store.load_plan(), "APV for direktionen")
    assert backlog.status == "afventer dato" and backlog.date is None
    result = commands.move_point(imported_store, backlog.id, date(2025, 3, 19))
    stored = imported_store.load_plan().point(backlog.id)
    assert stored.status == "planlagt" and stored.edited == {"date": None}
    assert result.point.date == date(2025, 3, 19)


def test_rhythm_meeting_created_on_a_wednesday_and_removed_when_empty(imported_store):
    hoi = point(imported_store.load_plan(), "HOI")
    day = date(2025, 7, 16)  # a Wednesday without a meeting row
    assert imported_store.load_plan().meeting_on(day) is None
    result = commands.move_point(imported_store, hoi.id, day)
    meeting = imported_store.load_plan().meeting_on(day)
    assert result.created_meeting and meeting.origin == "rhythm" and not meeting.extra
    commands.move_point(imported_store, hoi.id, date(2025, 3, 5))
    assert imported_store.load_plan().meeting_on(day) is None  # it only existed for the move


def test_extra_meeting_only_when_asked(imported_store):
    hoi = point(imported_store.load_plan(), "HOI")
    friday = date(2025, 3, 7)
    with pytest.raises(PlanError, match=r"intet møde fredag 7\. marts 2025"):
        commands.move_point(imported_store, hoi.id, friday, create_meeting=False)
    assert imported_store.load_plan().point(hoi.id).date == date(2025, 3, 5)
    result = commands.move_point(imported_store, hoi.id, friday)
    meeting = imported_store.load_plan().meeting_on(friday)
    assert result.created_meeting and meeting.origin == "manual" and meeting.extra
    assert any(c.rule == "off-rhythm" for c in result.created)
    # The Thursday 3 April meeting exists, so no new meeting is needed there.
    assert not commands.move_point(
        imported_store, hoi.id, date(2025, 4, 3), create_meeting=False
    ).created_meeting


def test_unknown_point(imported_store):
    with pytest.raises(commands.NotFound, match="punkt 9999 findes ikke"):
        commands.move_point(imported_store, 9999, date(2025, 3, 5))


# --- stale edits -------------------------------------------------------------------------------


def test_stale_edit_from_a_second_store_is_refused(imported_db):
    with Store(imported_db) as alice, Store(imported_db) as bob:
        seen = point(alice.load_plan(), "HOI")
        commands.move_point(bob, seen.id, date(2025, 3, 12), expected_version=seen.version)
        after_bob = alice.load_plan()
        with pytest.raises(StaleEdit, match="ændret af en anden"):
            commands.move_point(alice, seen.id, date(2025, 3, 19), expected_version=seen.version)
        with pytest.raises(StaleEdit):
            commands.update_point(alice, seen.id, expected_version=seen.version, title="Ny titel")
        with pytest.raises(StaleEdit):
            commands.delete_point(alice, seen.id, expected_version=seen.version)
        assert comparable(alice.load_plan()) == comparable(after_bob)
        assert alice.load_plan().point(seen.id).date == date(2025, 3, 12)


# --- edit, add, delete -------------------------------------------------------------------------


def test_update_point_records_the_document_values(imported_store):
    hoi = point(imported_store.load_plan(), "HOI")
    p = commands.update_point(
        imported_store,
        hoi.id,
        title="Evaluering af HOI",
        duration_min=45,
        owner="Kim Bruun Nielsen",
        participants=["Lene Helbo Bachmann"],
    )
    assert (p.title, p.duration_min, p.owner, p.participants) == (
        "Evaluering af HOI",
        45,
        "Kim Bruun Nielsen",
        ["Lene Helbo Bachmann"],
    )
    assert p.edited["title"] == "Evaluering af Helhedsorienteret Indsats (HOI)"
    assert p.edited["duration_min"] == "15" and p.edited["owner"] is None
    again = commands.update_point(imported_store, hoi.id, title="Evaluering af HOI-indsatsen")
    assert again.edited["title"] == "Evaluering af Helhedsorienteret Indsats (HOI)"  # still the document's
    moved = commands.update_point(imported_store, hoi.id, date=date(2025, 3, 19))
    assert moved.date == date(2025, 3, 19) and moved.edited["date"] == "2025-03-05" and moved.sequence == 1


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"status": "måske"}, "ukendt status"),
        ({"duration_min": 0}, "mellem 1 og 1440"),
        ({"title": "  "}, "titlen må ikke være tom"),
        ({"colour": "rød"}, "kan ikke ændre colour"),
        ({"duration_min": "lang"}, "helt antal minutter"),
    ],
)
def test_update_point_rejects_bad_values(imported_store, fields, message):
    hoi = point(imported_store.load_plan(), "HOI")
    with pytest.raises(PlanError, match=message):
        commands.update_point(imported_store, hoi.id, **fields)


def test_add_and_delete_manual_point(imported_store):
    p = commands.add_point(
        imported_store, "Drøftelse af ny mødeform", date(2025, 3, 12), owner="Jonas Kroustrup"
    )
    assert p.id is not None and p.origin == "manual" and p.source == "bruger" and p.uid.startswith("p-")
    assert p.status == "planlagt" and p.sequence == 0 and p.edited == {} and p.owner == "Jonas Kroustrup"
    twin = commands.add_point(imported_store, "Drøftelse af ny mødeform", date(2025, 3, 12))
    assert twin.uid != p.uid
    backlog = commands.add_point(imported_store, "Idé til senere")
    assert backlog.status == "afventer dato" and backlog.date is None
    commands.delete_point(imported_store, p.id)
    assert imported_store.load_plan().point(p.id) is None


def test_deleting_a_document_point_cancels_it(imported_store):
    hoi = point(imported_store.load_plan(), "HOI")
    commands.delete_point(imported_store, hoi.id)
    stored = imported_store.load_plan().point(hoi.id)
    assert stored.status == "aflyst" and stored.edited == {"status": "planlagt"}


# --- merges ------------------------------------------------------------------------------------


def _document_moved(store, point_id: int, value: str | None) -> None:
    """What sync.apply_document records when a newer document moves a hand-moved point."""

    def change(plan):
        p = plan.point(point_id)
        p.edited["pending:date"] = value
        p.doc_value = date.fromisoformat(value) if value else None

    store.mutate(change, "import", "import", "test: dokumentet flytter punktet")


def test_resolve_keep_mine(imported_store):
    hoi = point(imported_store.load_plan(), "HOI")
    commands.move_point(imported_store, hoi.id, date(2025, 3, 12))
    _document_moved(imported_store, hoi.id, "2025-03-19")
    p = commands.resolve_merge(imported_store, hoi.id, "mine")
    assert p.date == date(2025, 3, 12) and p.edited == {"date": "2025-03-19"}


def test_resolve_take_the_documents(imported_store):
    hoi = point(imported_store.load_plan(), "HOI")
    commands.move_point(imported_store, hoi.id, date(2025, 3, 12))
    _document_moved(imported_store, hoi.id, "2025-03-19")
    p = commands.resolve_merge(imported_store, hoi.id, "document")
    assert p.date == date(2025, 3, 19) and p.edited == {}
    with pytest.raises(PlanError, match="ingen ændring fra et dokument"):
        commands.resolve_merge(imported_store, hoi.id, "document")
    with pytest.raises(PlanError, match="--keep mine"):
        commands.resolve_merge(imported_store, hoi.id, "begge")


# --- absences, closures, undo ------------------------------------------------------------------


def test_add_absence_and_closure(imported_store):
    a = commands.add_absence(
        imported_store, "Lene Mehlsen Thomsen", date(2025, 3, 3), date(2025, 3, 7), "kursus"
    )
    c = commands.add_closure(imported_store, "Personaledag", date(2025, 3, 12))
    plan = imported_store.load_plan()
    assert any(x.id == a.id and x.source == "bruger" for x in plan.absences)
    assert any(x.id == c.id and x.end == date(2025, 3, 12) and x.source == "bruger" for x in plan.closures)
    with pytest.raises(PlanError, match="slutter"):
        commands.add_absence(imported_store, "X Y", date(2025, 3, 7), date(2025, 3, 3))
    with pytest.raises(PlanError, match="ukendt type"):
        commands.add_closure(imported_store, "Z", date(2025, 3, 7), kind="ferie")


def test_undo_restores_and_reports(imported_store):
    hoi = point(imported_store.load_plan(), "HOI")
    before = comparable(imported_store.load_plan())
    commands.move_point(imported_store, hoi.id, date(2025, 7, 16))  # also creates a meeting
    change = commands.undo(imported_store)
    assert change.action == "undo" and change.summary.startswith("fortryd: flyt punkt")
    assert comparable(imported_store.load_plan()) == before


# --- property: move then undo restores the plan exactly ----------------------------------------

_POINT_IDS = st.integers(min_value=1, max_value=72)
_DATES = st.one_of(
    st.none(),
    st.dates(min_value=date(2023, 1, 1), max_value=date(2026, 12, 31)),
    st.sampled_from(
        [date(2025, 2, 12), date(2025, 5, 14), date(2025, 5, 29), date(2025, 4, 3), date(2024, 9, 11)]
    ),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(point_id=_POINT_IDS, new_date=_DATES, create_meeting=st.booleans())
def test_move_then_undo_restores_the_plan_exactly(imported_db_template, point_id, new_date, create_meeting):
    with tempfile.TemporaryDirectory() as tmp:
        db = copy_db(imported_db_template, Path(tmp) / "plan.db")
        with Store(db) as store:
            before = store.load_plan()
            if before.point(point_id) is None:
                return
            try:
                result = commands.move_point(store, point_id, new_date, create_meeting=create_meeting)
            except PlanError:
                assert not create_meeting
                assert comparable(store.load_plan()) == comparable(before)
                return
            if result.change_id is None:
                assert comparable(store.load_plan()) == comparable(before)
                return
            moved = store.load_plan().point(point_id)
            assert moved.date == new_date
            commands.undo(store)
            assert comparable(store.load_plan()) == comparable(before)


@settings(max_examples=25, deadline=None)
@given(point_id=_POINT_IDS, new_date=_DATES)
def test_move_reports_the_same_diff_as_two_full_checks(imported_db_template, point_id, new_date):
    from planner.calendar.context import calendar_context
    from planner.conflicts.engine import check_plan, diff_conflicts

    today = date(2024, 6, 1)
    with tempfile.TemporaryDirectory() as tmp:
        db = copy_db(imported_db_template, Path(tmp) / "plan.db")
        with Store(db) as store:
            before = store.load_plan()
            if before.point(point_id) is None:
                return
            extra = [new_date] if new_date else []
            ctx = calendar_context(before, also=extra)
            full_before = check_plan(before, ctx, today=today)
            result = commands.move_point(store, point_id, new_date, today=today)
            after = store.load_plan()
            created, removed = diff_conflicts(
                full_before, check_plan(after, calendar_context(after, also=extra), today=today)
            )
            assert [c.key for c in result.created] == [c.key for c in created]
            assert [c.key for c in result.removed] == [c.key for c in removed]


def test_the_strategies_reach_the_cases_they_were_picked_for(imported_store):
    """The sampled dates and ids above are only worth their cost if they still mean, on the example
    plan, what they were picked for; a changed example document must not quietly empty them."""
    from planner.calendar.context import calendar_context

    plan = imported_store.load_plan()
    ctx = calendar_context(plan)
    rhythm = ctx.rhythm.weekday
    # A meeting Wednesday on each side of the summer: a plain move.
    assert date(2025, 5, 14).weekday() == rhythm and plan.meeting_on(date(2025, 5, 14)) is not None
    assert date(2024, 9, 11).weekday() == rhythm and plan.meeting_on(date(2024, 9, 11)) is not None
    # A Wednesday without a meeting, closed by a document (vinterferie): a meeting is created in a closure.
    assert date(2025, 2, 12).weekday() == rhythm and plan.meeting_on(date(2025, 2, 12)) is None
    assert ctx.closure_on(date(2025, 2, 12)) is not None
    # Off the rhythm: a public holiday without a meeting (create_meeting decides), and an extra meeting.
    assert ctx.public_holiday_on(date(2025, 5, 29)) is not None and plan.meeting_on(date(2025, 5, 29)) is None
    assert date(2025, 4, 3).weekday() != rhythm and plan.meeting_on(date(2025, 4, 3)) is not None
    # The ids cover every point of the plan.
    assert {p.id for p in plan.points} == set(range(1, 73))
