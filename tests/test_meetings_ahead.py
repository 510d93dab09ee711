"""Issue #11, part 2: the Wednesday rhythm gives the meetings of the next 12 months, ahead of the
documents; a point put on one stores it, a later document makes it the document's, and the
replay keeps it. Real calendar config, real example documents, a real SQLite file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from planner import commands
from planner.calendar.context import calendar_context
from planner.calendar.meetings_ahead import (
    ahead_span,
    has_documents,
    meeting_rows,
    meeting_source,
    rhythm_meetings,
)
from planner.conflicts.engine import check_plan
from planner.plan import RHYTHM_SOURCE, Closure, Meeting, Plan
from planner.storage.store import Store
from planner.sync.fold import doc_sort_key
from planner.sync.importer import _stored_documents, import_documents, read_documents, replay

AGENDA_2027 = Path(__file__).parent / "fixtures" / "ahead" / "dagsorden_2027-03-03.md"
HOI = "Evaluering af Helhedsorienteret Indsats (HOI)"  # 5 March 2025 in the examples
AFTER_ALL = date(2026, 12, 2)  # a Wednesday after every example document


def ahead(plan: Plan, today: date) -> list[date]:
    ctx = calendar_context(plan, also=ahead_span(today))
    return [m.date for m in rhythm_meetings(plan, ctx, today)]


@pytest.mark.parametrize(
    ("today", "last"),
    [
        (date(2026, 12, 2), date(2027, 12, 31)),
        (date(2025, 1, 31), date(2026, 1, 31)),
        (date(2024, 2, 29), date(2025, 2, 28)),
        (date(2025, 7, 1), date(2026, 7, 31)),
    ],
)
def test_the_span_is_at_least_twelve_months(today: date, last: date) -> None:
    assert ahead_span(today) == (today, last)
    assert last >= today.replace(year=today.year + 1, day=min(today.day, 28))


@pytest.mark.parametrize(
    ("today", "day", "meets", "why"),
    [
        (date(2026, 12, 2), date(2026, 12, 2), True, "today itself is a Wednesday"),
        (date(2026, 12, 2), date(2026, 11, 25), False, "the past is the documents' business"),
        (date(2026, 12, 2), date(2026, 12, 16), True, "an ordinary Wednesday"),
        (date(2026, 12, 2), date(2026, 12, 23), False, "juleferie"),
        (date(2026, 12, 2), date(2026, 12, 30), False, "juleferie across New Year"),
        (date(2026, 12, 2), date(2027, 1, 6), True, "the first Wednesday of the new year"),
        (date(2026, 12, 2), date(2027, 2, 17), False, "vinterferie uge 7"),
        (date(2026, 12, 2), date(2027, 3, 24), False, "påskeferie"),
        (date(2026, 12, 2), date(2027, 7, 14), False, "sommerferie"),
        (date(2026, 12, 2), date(2027, 10, 20), False, "efterårsferie uge 42"),
        (date(2026, 12, 2), date(2027, 12, 15), True, "within 12 months and the rest of that month"),
        (date(2026, 12, 2), date(2028, 1, 5), False, "beyond the horizon"),
        (date(2024, 12, 2), date(2025, 1, 1), False, "Nytårsdag, a public holiday on a Wednesday"),
        (date(2029, 1, 10), date(2029, 5, 2), True, "an ordinary Wednesday in May 2029"),
        (
            date(2029, 1, 10),
            date(2030, 1, 2),
            False,
            "Nytårsdag-week juleferie 2029/30 across the year boundary",
        ),
        (date(2029, 1, 10), date(2029, 6, 6), True, "the Wednesday after Grundlovsdag"),
        (date(2030, 1, 1), date(2030, 6, 5), False, "Grundlovsdag, a no-meeting day by the config"),
    ],
)
def test_rhythm_meetings_ahead(today: date, day: date, meets: bool, why: str) -> None:
    assert (day in ahead(Plan(), today)) is meets, why


def test_every_rhythm_meeting_is_an_open_wednesday_in_the_span() -> None:
    today = AFTER_ALL
    ctx = calendar_context(Plan(), also=ahead_span(today))
    found = rhythm_meetings(Plan(), ctx, today)
    first, last = ahead_span(today)
    assert 40 <= len(found) <= 53
    for m in found:
        assert m.date.weekday() == 2 and first <= m.date <= last and ctx.closure_on(m.date) is None
        assert (m.id, m.origin, meeting_source(m), m.start.hour, m.end.hour) == (
            None,
            "rhythm",
            "rhythm",
            9,
            13,
        )


def test_document_closures_and_stored_meetings_win_over_the_rhythm() -> None:
    plan = Plan(
        closures=[Closure("Lederseminar", date(2027, 3, 3), date(2027, 3, 3), "closure", "bruger")],
        meetings=[
            Meeting(
                date(2027, 4, 8), id=1, origin="document", source="x.txt"
            ),  # Thursday: the week's meeting
            Meeting(date(2027, 5, 5), id=2, origin="document", source="x.txt", status="aflyst"),
        ],
    )
    found = ahead(plan, AFTER_ALL)
    assert date(2027, 3, 3) not in found  # a closure typed in (or a document's holiday row)
    assert date(2027, 4, 7) not in found  # that week's meeting is on Thursday
    assert date(2027, 5, 5) not in found  # a cancelled meeting stays cancelled
    assert date(2027, 3, 10) in found and date(2027, 4, 14) in found


def test_rows_count_points_and_name_sources(imported_store: Store) -> None:
    plan = imported_store.load_plan()
    ctx = calendar_context(plan, also=ahead_span(AFTER_ALL))
    rows = meeting_rows(plan, ctx, AFTER_ALL, date(2025, 3, 5), date(2027, 1, 6))
    assert rows[0].date == date(2025, 3, 5) and rows[0].source == "document" and rows[0].points >= 1
    assert {r.source for r in rows if r.date < AFTER_ALL} == {"document"}
    assert {r.source for r in rows if r.date >= AFTER_ALL} == {"rhythm"}
    assert not has_documents(plan, date(2026, 1, 1), date(2026, 12, 31))
    assert has_documents(plan, date(2025, 1, 1), date(2025, 12, 31))


def stored_meeting(store: Store, d: date) -> Meeting | None:
    return store.load_plan().meeting_on(d)


def test_a_point_on_a_rhythm_meeting_stores_it_and_undo_and_moving_away_give_it_back(
    imported_store: Store,
) -> None:
    store = imported_store
    hoi = next(p for p in store.load_plan().points if p.title == HOI)
    target = date(2027, 3, 10)
    assert stored_meeting(store, target) is None
    result = commands.move_point(store, hoi.id, target, create_meeting=False, today=AFTER_ALL)
    assert result.created_meeting and result.change_id is not None
    assert not [c for c in result.created if c.rule in ("off-rhythm", "closure", "public-holiday")]
    m = stored_meeting(store, target)
    assert (m.origin, m.source, m.extra) == ("rhythm", RHYTHM_SOURCE, False)
    plan = store.load_plan()
    row = next(
        r
        for r in meeting_rows(
            plan, calendar_context(plan, also=ahead_span(AFTER_ALL)), AFTER_ALL, target, target
        )
    )
    assert (row.source, row.points, row.id) == ("rhythm", 1, m.id)
    commands.undo(store, result.change_id)
    assert stored_meeting(store, target) is None
    assert target in ahead(store.load_plan(), AFTER_ALL)  # the rhythm's meeting again, unstored
    commands.move_point(store, hoi.id, target, today=AFTER_ALL)
    commands.move_point(store, hoi.id, date(2025, 3, 5), today=AFTER_ALL)
    assert stored_meeting(store, target) is None  # moved away: nothing left behind


def test_a_closed_wednesday_is_still_an_extra_meeting(imported_store: Store) -> None:
    hoi = next(p for p in imported_store.load_plan().points if p.title == HOI)
    commands.move_point(imported_store, hoi.id, date(2027, 2, 17), today=AFTER_ALL)  # vinterferie
    m = stored_meeting(imported_store, date(2027, 2, 17))
    assert (m.source, meeting_source(m)) == ("bruger", "extra")


def fingerprint(plan: Plan) -> list[tuple]:
    return sorted((m.date, m.id, m.origin, m.source, m.extra, m.status) for m in plan.meetings)


def test_a_later_document_makes_the_rhythm_meeting_its_own(imported_store: Store) -> None:
    store = imported_store
    hoi = next(p for p in store.load_plan().points if p.title == HOI)
    commands.move_point(store, hoi.id, date(2027, 3, 10), today=AFTER_ALL)
    added = commands.add_point(store, "Drøftelse af kantineordning", date(2027, 3, 17))
    kept = {d: stored_meeting(store, d).id for d in (date(2027, 3, 10), date(2027, 3, 17))}
    results = import_documents(store, read_documents([AGENDA_2027]))
    assert [r.status for r in results] == ["added"]
    plan = store.load_plan()
    for d, meeting_id in kept.items():
        m = plan.meeting_on(d)
        assert (m.id, m.origin, m.source, meeting_source(m)) == (
            meeting_id,
            "document",
            AGENDA_2027.name,
            "document",
        )
    assert plan.point(hoi.id).date == date(2027, 3, 10)  # the hand-made move stands
    assert plan.point(added.id).date == date(2027, 3, 17)
    # No conflict about those meetings themselves: they are ordinary Wednesdays now held by a document.
    about = {f"meeting:{i}" for i in kept.values()}
    assert not [c for c in check_plan(plan, calendar_context(plan), today=AFTER_ALL) if about & set(c.items)]
    # The replay (an older document imported late) builds the same meetings with the same ids.
    assert fingerprint(_replayed(plan, store)) == fingerprint(plan)


def test_the_replay_keeps_rhythm_meetings_no_document_names(imported_store: Store) -> None:
    store = imported_store
    hoi = next(p for p in store.load_plan().points if p.title == HOI)
    commands.move_point(store, hoi.id, date(2027, 3, 31), today=AFTER_ALL)
    plan = store.load_plan()
    again = _replayed(plan, store)
    assert fingerprint(again) == fingerprint(plan)
    assert again.point(hoi.id).date == date(2027, 3, 31)


def test_a_document_row_over_a_rhythm_date_is_the_same_in_any_import_order(tmp_path, example_files) -> None:
    """Folding in order (the new agenda last) and replaying (an old document after it) agree."""
    plans = []
    for name, order in (("in_order", [*example_files, AGENDA_2027]), ("late", [AGENDA_2027, *example_files])):
        with Store(tmp_path / f"{name}.db") as store:
            for path in order:
                import_documents(store, read_documents([path]))
            plans.append(store.load_plan())
    strip = [sorted((m.date, m.origin, m.source, m.status) for m in p.meetings) for p in plans]
    assert strip[0] == strip[1]
    assert any(d == date(2027, 3, 10) for d, *_ in strip[0])
    assert date(2027, 3, 24) not in [d for d, *_ in strip[0]]  # the Påskeferie row: no meeting


def test_the_direktion_feed_has_a_rhythm_meeting_once_it_has_a_point(imported_store: Store) -> None:
    """Deliberate: empty rhythm meetings stay out of the feeds (a rolling year of empty Wednesdays
    would be noise); one with a point is a stored meeting, with the UID a document will keep."""
    from planner.feeds.catalog import build_feed, feed_specs
    from planner.feeds.items import meeting_uid

    store = imported_store
    hoi = next(p for p in store.load_plan().points if p.title == HOI)
    commands.move_point(store, hoi.id, date(2027, 3, 10), today=AFTER_ALL)
    plan = store.load_plan()
    direktion = build_feed(plan, next(s for s in feed_specs(plan) if s.name == "direktion"))
    uids = {item.uid: item for item in direktion.items}
    item = uids[meeting_uid(date(2027, 3, 10))]
    assert HOI in item.description and item.start.date() == date(2027, 3, 10)
    assert meeting_uid(date(2027, 3, 17)) not in uids  # by rhythm only: not in the feed


def _replayed(plan, store: Store):
    """The plan the stored documents give when replayed in fold order, onto `plan`."""
    docs = [(doc_sort_key(doc, row_id), doc) for row_id, doc in _stored_documents(store, store.documents())]
    return replay(plan, docs)[0]
