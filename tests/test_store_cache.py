"""The store hands out its last plan instead of re-reading it: that cache must always equal the file."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

import pytest

from planner import commands
from planner.storage.store import StaleEdit, Store


def state(plan) -> dict:
    """Everything in the plan, comparable (updated_at included: the cache must mirror it too)."""
    return {
        table: sorted((asdict(item) for item in getattr(plan, table)), key=lambda d: str(d.get("id")))
        for table in ("points", "meetings", "events", "closures", "absences", "people")
    }


def fresh_read(db) -> dict:
    with Store(db) as other:
        return state(other.load_plan())


def hoi_id(store) -> int:
    return next(
        p.id for p in store.load_plan().points if p.title.startswith("Evaluering af Helhedsorienteret")
    )


def test_cached_plan_equals_the_file_after_every_kind_of_change(imported_db):
    store = Store(imported_db)
    pid = hoi_id(store)
    steps = [
        lambda: commands.move_point(store, pid, date(2025, 2, 12)),
        lambda: commands.move_point(store, pid, date(2025, 2, 13)),  # a Thursday: an extra meeting
        lambda: commands.update_point(store, pid, owner="Kim Bruun Nielsen", duration_min=45),
        lambda: commands.add_point(store, "Nyt punkt fra sekretariatet", date(2025, 3, 12)),
        lambda: commands.move_point(store, pid, None),
        lambda: commands.undo(store),
        lambda: commands.undo(store),
        lambda: commands.add_absence(store, "Lene Mehlsen Thomsen", date(2025, 3, 12)),
    ]
    for step in steps:
        step()
        assert state(store.load_plan()) == fresh_read(imported_db)
    store.close()


def test_a_refused_edit_leaves_cache_and_file_as_they_were(imported_db):
    store = Store(imported_db)
    pid = hoi_id(store)
    seen = store.load_plan().point(pid).version
    with Store(imported_db) as colleague:  # another process moves it first
        commands.move_point(colleague, pid, date(2025, 3, 12))
    before = fresh_read(imported_db)
    with pytest.raises(StaleEdit):
        commands.move_point(store, pid, date(2025, 2, 12), expected_version=seen)
    assert fresh_read(imported_db) == before
    assert state(store.load_plan()) == before  # the cache follows the colleague's write, not the refused one
    store.close()


def test_edits_in_another_process_are_seen_on_the_next_read(imported_db):
    store = Store(imported_db)
    pid = hoi_id(store)
    store.load_plan()  # fill the cache
    with Store(imported_db) as colleague:
        commands.move_point(colleague, pid, date(2025, 3, 19))
    assert store.load_plan().point(pid).date == date(2025, 3, 19)
    store.close()
