"""Import in the real app, in Debian's chromium: a Word agenda and a PDF are uploaded, the view
says in Danish what it reads and what each document gave (with its positions), and "Importér"
puts them in the plan."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from test_browser import _need_chromium

from planner.launch import free_port, prepare_db, running
from planner.storage.store import Store
from planner.ui.screenshots import CHROMIUM_ARGS, wait_idle

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).parent / "fixtures"
WORD = FIXTURES / "second_plan" / "molsbjerg_2025-10-29_dagsorden.docx"
PDF = FIXTURES / "formats" / "003_25d10c653db21bc1.pdf"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    db = tmp_path_factory.mktemp("browser-import") / "plan.db"
    prepare_db(db)
    with running(db, free_port(), free_port(), extra_env={"PLANNER_TODAY": "2025-10-29"}, quiet=True) as run:
        yield run, db


@pytest.fixture
def page(app):
    path = _need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        context = browser.new_context(
            viewport={"width": 1400, "height": 1400}, locale="da-DK", timezone_id="Europe/Copenhagen"
        )
        page = context.new_page()
        page.set_default_timeout(60_000)
        try:
            yield page
        finally:
            browser.close()


def test_word_and_pdf_are_read_shown_and_imported(app, page):
    run, db = app
    with Store(db) as store:
        before = {d["source"] for d in store.documents()}
    page.goto(f"{run.app_url}/?side=import")
    wait_idle(page)
    body = page.locator("[data-testid='stApp']")
    assert "Word (.docx), PDF, HTML og tekst" in body.inner_text()
    dropzone = page.locator("[data-testid='stFileUploaderDropzone']")
    assert "Træk dokumenter hertil" in dropzone.evaluate(
        "e => getComputedStyle(e.querySelector('[data-testid=stFileUploaderDropzoneInstructions] > div'),"
        " '::before').content"
    )
    page.locator("input[type='file']").set_input_files([str(WORD), str(PDF)])
    page.get_by_text("Læst i dokumentet:", exact=False).first.wait_for()
    page.get_by_text(f"{WORD.name} — Dagsorden", exact=False).wait_for()
    page.get_by_text(f"{PDF.name} —", exact=False).wait_for()
    text = body.inner_text()
    pages = len(pdfium.PdfDocument(PDF))  # counted by PDFium itself, not by the reader under test
    assert "(Word; ny)" in text and f"(PDF, {pages} sider; ny)" in text
    assert "rækker i den fremadrettede plan" in text
    page.get_by_role("button", name="Importér 2 dokumenter").click()
    page.get_by_text("2 dokumenter importeret", exact=False).wait_for()
    with Store(db) as store:
        added = {d["source"]: d["format"] for d in store.documents()}
        titles = {p.title for p in store.load_plan().points}
    assert added[WORD.name] == "docx" and added[PDF.name] == "pdf" and not before & {WORD.name, PDF.name}
    assert "Trafiksikkerhedsplan 2026" in titles  # read from the Word agenda's timetable and forward plan
