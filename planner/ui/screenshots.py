"""`make screenshots`: a PNG of every view, taken in Debian's chromium through Playwright.

    python -m planner.ui.screenshots --out screenshots [--today 2025-01-20]

Starts the app on free ports with a temporary database of the example documents, so the
pictures show what a new user sees after `make run`.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from planner.launch import free_port, prepare_db, running

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWS = [
    ("aarshjul", "01-aarshjul"),
    ("kalender", "02-kalender"),
    ("punkter", "03-punkter"),
    ("konflikter", "04-konflikter"),
    ("import", "05-import"),
    ("abonnement", "06-abonnement"),
]


def chromium_path() -> str | None:
    return CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")


def wait_idle(page, timeout: float = 30_000) -> None:
    """Until Streamlit has finished running the script and rendered."""
    page.wait_for_selector("[data-testid='stApp']", timeout=timeout)
    page.get_by_text("I dag:", exact=False).last.wait_for(timeout=timeout)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0",
        timeout=timeout,
    )
    page.wait_for_timeout(600)


def calendar_frame(page):
    # While Streamlit reruns, the old calendar stays on the page (marked stale) beside the new one.
    return page.frame_locator(
        "[data-testid='stElementContainer'][data-stale='false'] iframe[title='streamlit_calendar.calendar']"
    ).last


def take(app_url: str, out: Path, chromium: str) -> list[Path]:
    from playwright.sync_api import sync_playwright

    shots: list[Path] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(
                viewport={"width": 1440, "height": 1400}, locale="da-DK", timezone_id="Europe/Copenhagen"
            )
            for slug, name in VIEWS:
                page.goto(f"{app_url}/?side={slug}")
                wait_idle(page)
                if slug == "aarshjul":
                    page.wait_for_selector(".js-plotly-plot .barlayer, .js-plotly-plot", timeout=30_000)
                    page.wait_for_timeout(1200)
                if slug == "kalender":
                    calendar_frame(page).locator(".fc-daygrid-event").first.wait_for(timeout=30_000)
                    page.wait_for_timeout(800)
                path = out / f"{name}.png"
                page.screenshot(path=str(path), full_page=True)
                shots.append(path)
            shots.append(_import_preview(page, app_url, out))
        finally:
            browser.close()
    return shots


def _import_preview(page, app_url: str, out: Path) -> Path:
    """Upload a Word agenda and a PDF the plan does not hold yet, and show what importing them would do."""
    page.goto(f"{app_url}/?side=import")
    wait_idle(page)
    fixtures = Path(__file__).resolve().parents[2] / "tests" / "fixtures"
    files = [
        fixtures / "second_plan" / "molsbjerg_2025-10-29_dagsorden.docx",
        fixtures / "formats" / "003_25d10c653db21bc1.pdf",
    ]
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
        [str(f) for f in files if f.exists()]
    )
    page.get_by_text("Nye punkter").first.wait_for(timeout=30_000)
    wait_idle(page)
    path = out / "08-import-forhaandsvisning.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def _printed_wheel(db: Path, out: Path) -> Path:
    """The wheel as `planner wheel` prints it (A3), as a PNG: the text must be readable without hovering."""
    from datetime import date

    from planner.calendar.context import calendar_context
    from planner.storage.store import Store
    from planner.wheel.export import PAPERS, WheelRequest, print_figure, write_wheel
    from planner.wheel.figure import default_year

    with Store(db) as store:
        plan = store.load_plan()
    year = default_year(plan, date.today())
    fig = print_figure(plan, WheelRequest(year), date.today(), PAPERS["a3"], calendar_context(plan).closures)
    return write_wheel(fig, out / "07-aarshjul-udskrift.png", "png")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m planner.ui.screenshots")
    parser.add_argument("--out", default="screenshots")
    parser.add_argument("--today", help="fastlås 'i dag' (ISO-dato), fx 2025-01-20")
    args = parser.parse_args(argv)
    chromium = chromium_path()
    if chromium is None:
        print("planner.ui.screenshots: chromium mangler (kør `make browser-deps`)", file=sys.stderr)
        return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    extra = {"PLANNER_TODAY": args.today} if args.today else {}
    with tempfile.TemporaryDirectory(prefix="aarshjul-shots-") as tmp:
        db = Path(tmp) / "plan.db"
        prepare_db(db)
        with running(db, free_port(), free_port(), extra_env=extra, quiet=True) as run:
            shots = take(run.app_url, out, chromium)
        shots.append(_printed_wheel(db, out))
    for path in shots:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
