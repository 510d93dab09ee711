"""The same political meeting named twice on one date is one event: in the plan, the wheel, the
calendar and the feeds, with one UID whatever the import order.

The pairs are read from the documents themselves ("Økonomiudvalget (ØK)" from a cycle and
"Økonomiudvalgsmøde" from a list; "KØF" and "Kommunaløkonomisk Forum" in one list), never typed
in here; both plans, real SQLite, the feeds read back by vobject.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from ics_clients import parse_with_vobject

from planner.feeds.catalog import build_feeds, calendar_periods, render_feeds
from planner.parse.document import parse_file
from planner.parse.political_bodies import canonical_body
from planner.storage.store import Store
from planner.sync.identity import event_uid
from planner.sync.importer import import_documents, read_documents
from planner.ui.calendar_events import calendar_events
from planner.wheel.figure import wheel_items

STAMP = datetime(2025, 1, 6, 7, 30, tzinfo=UTC)
CYCLE_TITLES = ("Økonomiudvalget (ØK)", "Kommunalbestyrelsen (KB)")


def named_twice(files: list[Path]) -> dict[tuple[str, date], set[str]]:
    """(body, date) → the different names the documents give one body's meeting that day."""
    names: dict[tuple[str, date], set[str]] = {}
    for f in files:
        doc = parse_file(f)
        titled = [(e.title, e.start) for e in doc.events]
        for c in doc.political_cycles:
            titled += [
                (t, d)
                for t, d in zip(CYCLE_TITLES, (c.oekonomiudvalg, c.kommunalbestyrelse), strict=True)
                if d
            ]
        for title, day in titled:
            body = canonical_body(title)
            if body is not None:
                names.setdefault((body.title, day), set()).add(title)
    return {key: titles for key, titles in names.items() if len(titles) > 1}


def load(db: Path):
    with Store(db) as store:
        return store.load_plan()


def body_of(title: str) -> str | None:
    body = canonical_body(title.removeprefix("Aflyst: "))
    return body.title if body else None


def test_the_documents_name_the_issues_pairs(example_files):
    twice = named_twice(example_files)
    bodies = {body for body, _ in twice}
    assert bodies == {"Økonomiudvalget (ØK)", "Kommunalbestyrelsen (KB)", "Kommunaløkonomisk Forum (KØF)"}
    assert any({"KØF", "Kommunaløkonomisk Forum"} <= names for names in twice.values())


def test_one_event_per_body_and_date_in_the_plan_wheel_calendar_and_feeds(plan_db, plan_files):
    twice = named_twice(plan_files)
    assert twice, "each plan names a political meeting twice"
    plan = load(plan_db)
    wheel = wheel_items(plan)
    feeds = {
        name: parse_with_vobject(ics)["events"]
        for name, ics in render_feeds(build_feeds(plan, calendar_periods(plan)), STAMP).items()
    }
    for (body, day), names in twice.items():
        events = [e for e in plan.events if e.start == day and body_of(e.title) == body]
        assert len(events) == 1, (body, day, [e.title for e in events])
        (event,) = events
        assert event.title in names
        assert event.uid == event_uid(body, day, canonical_body(body).kind)
        assert [it.ref for it in wheel if it.start == day and body_of(it.label) == body] == [
            f"event:{event.id}"
        ]
        shown = calendar_events(plan, day, day)
        assert [ev["id"] for ev in shown if body_of(ev["title"]) == body] == [f"event:{event.id}"]
        for name, items in feeds.items():
            same = [
                ev
                for ev in items
                if ev["start"][:10] == day.isoformat() and body_of(ev["summary"] or "") == body
            ]
            assert len(same) <= 1, (name, body, day, [ev["summary"] for ev in same])
        assert any(
            ev["start"][:10] == day.isoformat() and body_of(ev["summary"] or "") == body
            for items in feeds.values()
            for ev in items
        )


@pytest.mark.parametrize("order", ["reversed", "one by one"])
def test_the_merged_events_uid_and_name_do_not_depend_on_the_import_order(
    plan_db, plan_files, tmp_path, order
):
    wanted = sorted((e.uid, e.title, e.start, e.end, e.kind, e.status) for e in load(plan_db).events)
    db = tmp_path / "other.db"
    with Store(db) as store:
        files = list(reversed(plan_files))
        batches = [files] if order == "reversed" else [[f] for f in files]
        for batch in batches:
            assert all(r.status == "added" for r in import_documents(store, read_documents(batch)))
    assert sorted((e.uid, e.title, e.start, e.end, e.kind, e.status) for e in load(db).events) == wanted


def test_a_theme_meeting_is_not_the_bodys_meeting():
    for title in (
        "KB-temamøde",
        "Kommunalbestyrelsestemamøde",
        "Temamøde for Kommunalbestyrelsen",
        "Økonomiudvalgets studietur",
        "Børne- og Ungdomsudvalgsmøde",
    ):
        assert canonical_body(title) is None, title
    for title, body in (
        ("Økonomiudvalgsmøde (teknisk budget)", "Økonomiudvalget (ØK)"),
        ("Kommunalbestyrelsesmøde (1. behandling)", "Kommunalbestyrelsen (KB)"),
        ("KØF", "Kommunaløkonomisk Forum (KØF)"),
    ):
        assert body_of(title) == body
