"""The agenda's own times in the real app (Debian's chromium): the Kalender's week view of
15 January 2025 shows the points at the timetable's times and its breaks between them; the month
view leaves the breaks out. "Today" is pinned to that day so the calendar opens on it."""

from __future__ import annotations

import pytest
from test_browser import chromium, page  # noqa: F401  (fixtures: the browser and a page on `server`)

from planner.launch import free_port, prepare_db, running
from planner.ui.screenshots import calendar_frame, wait_idle

pytestmark = pytest.mark.browser

DAY = "2025-01-15"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("browser-times") / "plan.db"
    prepare_db(db)
    with running(db, free_port(), free_port(), extra_env={"PLANNER_TODAY": DAY}, quiet=True) as run:
        yield run, db


def test_week_view_shows_the_agendas_times_and_breaks(page, server):  # noqa: F811
    run, _db = server
    page.goto(f"{run.app_url}/?side=kalender")
    wait_idle(page)
    frame = calendar_frame(page)
    cell = frame.locator(f'td.fc-daygrid-day[data-date="{DAY}"]')
    cell.locator(".fc-daygrid-event", has_text="Beslutningsprotokoller").first.wait_for()
    pause = cell.locator(".fc-daygrid-event", has_text="Pause")
    assert pause.count() == 1 and not pause.is_visible()  # a month cell has no room for breaks
    frame.get_by_role("button", name="Uge").click()
    pause.wait_for(state="visible")
    texts = [t.strip() for t in cell.locator(".fc-daygrid-event").all_inner_texts()]
    timed = [t for t in texts if t[:2].isdigit()]
    assert timed[:4] == [
        "08.15 Prioritering af direktionens vigtigste opgaver i 2025 · Jonas Kroustrup",
        "09.00 Oplæg til Nytårskur for ledere · Lene Mehlsen Thomsen",
        "10.00 Beslutningsprotokoller og dagsordner",
        "11.00–11.05 Pause",
    ]
    assert "12.05–12.30 Frokost" in timed and [t[:5] for t in timed] == sorted(t[:5] for t in timed)
