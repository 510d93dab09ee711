"""The real app in Debian's chromium: drag points in the FullCalendar iframe, reload, read the ICS feed.

One app (Streamlit subprocess + feed server) for the module, on free ports and a temporary
database of the example documents; "today" is pinned to 3 February 2025 so the calendar opens
on February 2025 (uge 5–9, vinterferie on the 12th).
"""

from __future__ import annotations

import os
import re
import urllib.request
from datetime import date
from pathlib import Path

import pytest

from planner.feeds.catalog import FeedRegistry
from planner.launch import free_port, prepare_db, running
from planner.storage.store import Store
from planner.ui.screenshots import CHROMIUM_ARGS, calendar_frame, chromium_path, wait_idle

pytestmark = pytest.mark.browser

TODAY = "2025-02-03"
SICK = "Ny model for sygefravær 1-3-10"  # 2025-02-05 in the examples
AFTALE = "Aftalestyringsstyring"  # 2025-01-29
VELKOMST = "Velkomstarrangement for nye medarbejdere"  # 2025-01-29


def _need_chromium() -> str:
    path = chromium_path()
    if path:
        return path
    message = "Debian's chromium (/usr/bin/chromium) is missing: run `make browser-deps`"
    if os.environ.get("CI"):
        pytest.fail(message + " (CI is set, so the browser tests may not be skipped)")
    pytest.skip(message)


@pytest.fixture(scope="module")
def chromium():
    path = _need_chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - dev dependency
        if os.environ.get("CI"):
            pytest.fail("playwright (python) is not installed")
        pytest.skip("playwright (python) is not installed")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("browser") / "plan.db"
    prepare_db(db)
    with running(db, free_port(), free_port(), extra_env={"PLANNER_TODAY": TODAY}, quiet=True) as run:
        yield run, db


@pytest.fixture
def page(chromium, server):
    context = chromium.new_context(
        viewport={"width": 1400, "height": 1100}, locale="da-DK", timezone_id="Europe/Copenhagen"
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


# Streamlit's own message when a click reaches the server with the id of a download button that a
# rerun has just replaced (its "deferred" file); the button shows it and a user clicks again.
_REPLACED_BUTTON = "Failed to generate file for download"


def download(page, button: str, folder: Path) -> Path:
    """Click a download button once the app is idle, and save what the browser downloads.

    When no file comes, the test fails with what the page said instead; one more click only after
    Streamlit's replaced-button message, as a user would.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in (1, 2):
        wait_idle(page)
        try:
            with page.expect_download(timeout=60_000) as info:
                page.get_by_role("button", name=button).click()
        except PlaywrightTimeout:
            said = page.locator("[data-testid='stMain']").inner_text()
            if attempt == 1 and _REPLACED_BUTTON in said:
                continue
            raise AssertionError(f"no download from {button!r}; the page said:\n{said}") from None
        path = folder / info.value.suggested_filename
        info.value.save_as(path)
        return path
    raise AssertionError("unreachable")


def point(db: Path, title: str):
    with Store(db) as store:
        return next(p for p in store.load_plan().points if p.title == title)


def open_calendar(page, app_url: str):
    page.goto(f"{app_url}/?side=kalender")
    wait_idle(page)
    frame = calendar_frame(page)
    frame.locator(".fc-daygrid-event").first.wait_for()
    return frame


def event_in(frame, day: str, title: str):
    return frame.locator(f'td.fc-daygrid-day[data-date="{day}"] .fc-daygrid-event', has_text=title)


def stable_box(page, locator) -> dict:
    """The element's box once the layout has settled (fonts, the iframe resizing itself)."""
    box = locator.bounding_box()
    for _ in range(20):
        page.wait_for_timeout(100)
        again = locator.bounding_box()
        if again == box:
            break
        box = again
    assert box, "element not on screen"
    return box


def drag(page, frame, title: str, to_day: str) -> None:
    """A real mouse drag: press on the event, move in steps (FullCalendar needs a few px), release."""
    source = stable_box(page, frame.locator(".fc-daygrid-event", has_text=title).first)
    target = stable_box(page, frame.locator(f'td.fc-daygrid-day[data-date="{to_day}"]'))
    x, y = source["x"] + source["width"] / 2, source["y"] + source["height"] / 2
    page.mouse.move(x, y)
    page.wait_for_timeout(100)
    page.mouse.down()
    page.mouse.move(x + 8, y + 8, steps=4)
    page.mouse.move(target["x"] + target["width"] / 2, target["y"] + target["height"] * 0.75, steps=15)
    page.mouse.up()


def feed_text(db: Path, base_url: str, name: str) -> str:
    with Store(db) as store:
        info = next(i for i in FeedRegistry(store).urls(base_url) if i.name == name)
    with urllib.request.urlopen(info.url, timeout=10) as resp:
        assert resp.status == 200
        return resp.read().decode("utf-8")


def vevent_for(ics: str, title: str) -> str:
    unfolded = ics.replace("\r\n ", "")
    for block in unfolded.split("BEGIN:VEVENT")[1:]:
        if re.search(r"^SUMMARY:" + re.escape(title) + r"\r?$", block, re.M):
            return block
    raise AssertionError(f"{title!r} is not in the feed")


def test_drag_to_another_meeting_persists_and_reaches_the_feed(page, server):
    run, db = server
    before = point(db, SICK)
    assert before.date == date(2025, 2, 5)
    frame = open_calendar(page, run.app_url)
    assert event_in(frame, "2025-02-05", SICK).count() == 1
    drag(page, frame, SICK, "2025-02-19")
    page.get_by_text("er flyttet fra onsdag 5. februar 2025 til onsdag 19. februar 2025").wait_for()
    after = point(db, SICK)
    assert after.date == date(2025, 2, 19) and after.version > before.version
    page.reload()
    wait_idle(page)
    frame = calendar_frame(page)
    event_in(frame, "2025-02-19", SICK).wait_for()
    assert event_in(frame, "2025-02-05", SICK).count() == 0
    event = vevent_for(feed_text(db, run.feed_base_url, "punkter"), SICK)
    assert re.search(r"^DTSTART[^:\r\n]*:20250219", event, re.M), event
    assert f"SEQUENCE:{after.sequence}" in event


def test_drop_into_vinterferie_asks_and_shows_the_conflict(page, server):
    run, db = server
    frame = open_calendar(page, run.app_url)
    drag(page, frame, AFTALE, "2025-02-12")
    page.get_by_text("Der er intet direktionsmøde onsdag 12. februar 2025").wait_for()
    assert point(db, AFTALE).date == date(2025, 1, 29)  # nothing stored before the user decides
    page.get_by_role("button", name="Opret ekstra møde").click()
    page.get_by_text("er flyttet fra onsdag 29. januar 2025 til onsdag 12. februar 2025").wait_for()
    conflict = page.locator("p", has_text="Ny konflikt").filter(has_text=AFTALE)
    conflict.first.wait_for()
    assert "ferie" in conflict.first.inner_text().lower()
    assert point(db, AFTALE).date == date(2025, 2, 12)
    with Store(db) as store:
        assert store.load_plan().meeting_on(date(2025, 2, 12)) is not None
    # Fortryd puts it back
    page.get_by_role("button", name="Fortryd").click()
    page.get_by_text("er fortrudt").wait_for()
    assert point(db, AFTALE).date == date(2025, 1, 29)


def test_drag_of_a_point_someone_else_moved_is_refused(page, server):
    from planner.commands import move_point

    run, db = server
    frame = open_calendar(page, run.app_url)
    event_in(frame, "2025-01-29", VELKOMST).wait_for()
    with Store(db) as store:  # another user moves it while this browser shows the old plan
        move_point(store, point(db, VELKOMST).id, date(2025, 2, 26), actor="kollega")
    drag(page, frame, VELKOMST, "2025-02-19")
    page.get_by_text("ændret af en anden").first.wait_for()
    assert point(db, VELKOMST).date == date(2025, 2, 26)
    frame = calendar_frame(page)
    event_in(frame, "2025-02-26", VELKOMST).wait_for()  # fresh data shown


def test_clicking_a_week_in_the_wheel_opens_its_details(page, server):
    run, _db = server
    page.goto(f"{run.app_url}/?side=aarshjul")
    wait_idle(page)
    page.get_by_role("heading", name="Uge 6, 2025").wait_for()  # today's week (3 February) is open
    bars = page.locator(".js-plotly-plot g.trace.bars").first.locator("path")
    box = bars.nth(14).bounding_box()  # the 15th week of the outer ring ("Direktionens punkter")
    assert box
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.get_by_role("heading", name="Uge 15, 2025").wait_for()
    page.get_by_text("onsdag 9. april 2025").first.wait_for()


def test_excel_download_opens(page, server, tmp_path):
    from openpyxl import load_workbook

    run, _db = server
    page.goto(f"{run.app_url}/?side=abonnement")
    wait_idle(page)
    page.get_by_role("tab", name="Excel").click()
    path = download(page, "Hent Excel-fil", tmp_path)
    assert path.suffix == ".xlsx"
    assert load_workbook(path).sheetnames[0] == "Direktionens punkter"
