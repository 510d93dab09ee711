"""Issue #11, part 2, in the real app in Debian's chromium: "today" (PLANNER_TODAY) is after every
example document, the app opens on today's year and week, says that the year has no documents,
and a point is dragged onto a meeting that exists only by the Wednesday rhythm; after a reload it
is still there, and the move can be undone."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from test_browser import _need_chromium, drag, event_in, stable_box

from planner import commands
from planner.launch import free_port, prepare_db, running
from planner.plan import RHYTHM_SOURCE
from planner.storage.store import Store
from planner.ui.screenshots import CHROMIUM_ARGS, calendar_frame, wait_idle

pytestmark = pytest.mark.browser

TODAY = "2026-12-02"  # a Wednesday, after every example document: no document speaks of 2026
KANTINE = "Drøftelse af kantineordning"
FIRST, TARGET = date(2026, 12, 9), date(2026, 12, 16)  # both Wednesdays only the rhythm knows


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("browser-ahead") / "plan.db"
    prepare_db(db)
    with Store(db) as store:  # a point added on a meeting no document has mentioned
        commands.add_point(store, KANTINE, FIRST, actor="sekretariat")
    with running(db, free_port(), free_port(), extra_env={"PLANNER_TODAY": TODAY}, quiet=True) as run:
        yield run, db


@pytest.fixture
def page(server):
    path = _need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        context = browser.new_context(
            viewport={"width": 1400, "height": 1200}, locale="da-DK", timezone_id="Europe/Copenhagen"
        )
        page = context.new_page()
        page.set_default_timeout(30_000)
        try:
            yield page
        finally:
            browser.close()


def meeting(db: Path, d: date):
    with Store(db) as store:
        return store.load_plan().meeting_on(d)


def kantine_date(db: Path) -> date | None:
    with Store(db) as store:
        return next(p.date for p in store.load_plan().points if p.title == KANTINE)


def test_the_wheel_opens_on_todays_year_and_week(page, server):
    run, _db = server
    page.goto(f"{run.app_url}/?side=aarshjul")
    wait_idle(page)
    page.get_by_role("heading", name="Uge 49, 2026").wait_for()  # today's week, not the documents' last year
    page.get_by_text("Der er ingen dagsordener eller referater for 2026 endnu").first.wait_for()
    page.get_by_text("planlagt efter den faste rytme").first.wait_for()  # Wednesday 2 December, by rhythm
    page.get_by_role("button", name="Gå til Import").first.click()
    wait_idle(page)
    page.get_by_role("heading", name="Import", exact=True).wait_for()


def test_drag_onto_a_meeting_that_exists_only_by_rhythm(page, server):
    run, db = server
    assert meeting(db, TARGET) is None and meeting(db, FIRST).source == RHYTHM_SOURCE
    page.goto(f"{run.app_url}/?side=kalender")
    wait_idle(page)
    page.get_by_text("Der er ingen dagsordener eller referater for 2026 endnu").first.wait_for()
    frame = calendar_frame(page)
    # Today's week: the calendar is on December 2026 with today marked, and the rhythm's meetings are there.
    today_cell = frame.locator(f'td.fc-day-today[data-date="{TODAY}"]')
    today_cell.wait_for()
    assert "december 2026" in frame.locator(".fc-toolbar-title").inner_text().lower()
    rhythm = frame.locator(
        f'td.fc-daygrid-day[data-date="{TARGET}"] .meeting-rhythm', has_text="Direktionsmøde"
    )
    rhythm.wait_for()
    assert today_cell.locator(".meeting-rhythm").count() == 1
    assert frame.locator('td.fc-daygrid-day[data-date="2026-12-23"] .meeting').count() == 0  # juleferie
    event_in(frame, FIRST.isoformat(), KANTINE).wait_for()
    stable_box(page, rhythm)
    drag(page, frame, KANTINE, TARGET.isoformat())
    # A meeting is there, so no "Opret ekstra møde" question: the move is made at once.
    page.get_by_text("er flyttet fra onsdag 9. december 2026 til onsdag 16. december 2026").wait_for()
    assert page.get_by_text("Der er oprettet et ekstra møde").count() == 0
    assert kantine_date(db) == TARGET
    stored = meeting(db, TARGET)
    assert (stored.origin, stored.source, stored.extra) == ("rhythm", RHYTHM_SOURCE, False)
    assert meeting(db, FIRST) is None  # emptied: the rhythm's meeting again, no longer stored
    page.reload()
    wait_idle(page)
    frame = calendar_frame(page)
    event_in(frame, TARGET.isoformat(), KANTINE).wait_for()
    assert event_in(frame, FIRST.isoformat(), KANTINE).count() == 0
    frame.locator(f'td.fc-daygrid-day[data-date="{FIRST}"] .meeting-rhythm').wait_for()  # still a meeting
    # The move is in the history and can be undone from the sidebar.
    page.get_by_text("Seneste ændringer").click()
    page.get_by_text("flyt punkt").first.wait_for()
    # A click while the script reruns (the calendar's own rerun after the reload, slow on a busy machine)
    # is lost with the old page: the button is clicked once the app is idle.
    wait_idle(page)
    page.get_by_role("button", name="Fortryd seneste ændring").click()
    for _ in range(300):  # the flash may be gone by the calendar's own rerun: the database says it
        if kantine_date(db) == FIRST:
            break
        page.wait_for_timeout(200)
    assert kantine_date(db) == FIRST and meeting(db, TARGET) is None
    assert meeting(db, FIRST).source == RHYTHM_SOURCE  # the undo brought the stored meeting back too
