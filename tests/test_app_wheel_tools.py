"""The wheel's tools in the app (AppTest on a real database): own rings and activities, read-only
links, and the export file; and the owner field that no longer offers "Add: …"."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planner.storage.store import Store
from planner.ui.screenshots import chromium_path
from tests.test_app import ROOT, db  # noqa: F401  (the fixture)


def app() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()


def stored(db_path: Path):
    with Store(db_path) as store:
        return store.load_plan()


def test_own_ring_and_activity_from_the_wheel(db):  # noqa: F811
    at = app()
    assert not at.exception
    ring_name = next(t for t in at.text_input if t.label == "Ny ring")
    ring_name.set_value("Budgetproces")
    next(b for b in at.button if b.label == "Tilføj ring").click().run()
    assert not at.exception, [e.value for e in at.exception]
    plan = stored(db)
    assert [r.name for r in plan.rings] == ["Budgetproces"]
    assert "Budgetproces" in [o for o in at.pills(key="wheel_layers").options]
    next(t for t in at.text_input if t.label == "Titel").set_value("Budgetseminar")
    next(d for d in at.date_input if d.label == "Fra").set_value(date(2025, 3, 10))
    next(d for d in at.date_input if d.label == "Til").set_value(date(2025, 3, 12))
    next(b for b in at.button if b.label == "Tilføj aktivitet").click().run()
    assert not at.exception, [e.value for e in at.exception]
    acts = stored(db).activities
    assert [(a.title, a.start, a.end) for a in acts] == [
        ("Budgetseminar", date(2025, 3, 10), date(2025, 3, 12))
    ]
    at.date_input(key=f"act_move_{acts[0].id}").set_value(date(2025, 4, 7)).run()
    moved = stored(db).activities[0]
    assert (moved.start, moved.end) == (date(2025, 4, 7), date(2025, 4, 9))
    at.button(key=f"act_delete_{acts[0].id}").click().run()
    assert stored(db).activities == []


def test_read_only_link_create_and_revoke(db):  # noqa: F811
    at = app()
    at.button(key="wheel_share_new").click().run()
    assert not at.exception
    code = [c.value for c in at.code]
    assert any('<iframe src="https://kalender.example.dk/hjul/' in c for c in code), code
    revoke = next(b for b in at.button if b.key and b.key.startswith("wheel_share_revoke_"))
    revoke.click().run()
    assert not any("/hjul/" in c.value for c in at.code)


@pytest.mark.skipif(not chromium_path(), reason="Debian's chromium is needed")
def test_export_file_from_the_app(db):  # noqa: F811
    at = app()
    at.selectbox(key="wheel_format").set_value("pdf")
    at.button(key="wheel_make_file").click().run()
    assert not at.exception, [e.value for e in at.exception]
    kind, data, label = at.session_state["wheel_file"]
    assert kind == "pdf" and data.startswith(b"%PDF") and label == "2025"


def test_owner_field_offers_no_english_add_option(db):  # noqa: F811
    at = app()
    at.sidebar.radio(key="view").set_value("Punkter").run()
    owner = at.selectbox(key="pa_owner")
    assert not getattr(owner.proto, "accept_new_options", False)
    at.text_input(key="pa_title").set_value("Nyt punkt om MED")
    at.text_input(key="pa_new_owner").set_value("Ny Person")
    next(b for b in at.button if b.label == "Tilføj punkt").click().run()
    assert any(p.title == "Nyt punkt om MED" and p.owner == "Ny Person" for p in stored(db).points)


def test_edit_an_activity_and_see_it_in_the_week(db):  # noqa: F811
    from planner import commands as cmd

    with Store(db) as store:
        ring = cmd.add_ring(store, "Lederdage", "#2e8b57")
        a = cmd.add_activity(store, ring.id, "Lederdag", date(2025, 1, 21))
    at = app()
    at.text_input(key=f"act_title_{a.id}").set_value("Lederdag i Grenaa")
    at.date_input(key=f"act_end_{a.id}").set_value(date(2025, 1, 22))
    at.checkbox(key=f"act_yearly_{a.id}").check()
    next(b for b in at.button if b.label == "Gem").click().run()
    assert not at.exception, [e.value for e in at.exception]
    saved = stored(db).activities[0]
    assert (saved.title, saved.end, saved.recurrence) == ("Lederdag i Grenaa", date(2025, 1, 22), "yearly")
    # Today (20 January 2025) is in uge 4: the week details list the activity.
    assert any("Lederdage" in m.value and "Lederdag i Grenaa" in m.value for m in at.markdown)
