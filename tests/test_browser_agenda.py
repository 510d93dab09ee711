"""The agenda table button in the real app (Debian's chromium): download the Word file, read its rows back.

Today is pinned to 3 February 2025 (see tests/test_browser.py), so the table starts at the next
meeting, 5 February, where Kim Bruun Nielsen is absent, and has Vinterferie on 12 February.
"""

from __future__ import annotations

from datetime import date

import docx
import pytest

from planner.docwriters.agenda_table import agenda_table
from planner.storage.store import Store
from planner.ui.screenshots import wait_idle
from tests.test_browser import TODAY, chromium, download, page, server  # noqa: F401  (fixtures)
from tests.test_browser_danish import ENGLISH, shown_text

pytestmark = pytest.mark.browser


def test_agenda_table_button_downloads_the_word_table(page, server, tmp_path):  # noqa: F811
    run, db = server
    page.goto(f"{run.app_url}/?side=punkter")
    wait_idle(page)
    page.get_by_text("Tabel til næste dagsorden").click()
    page.get_by_role("button", name="Hent tabellen (Word)").wait_for()
    shown = shown_text(page)
    assert "Første møde" in shown and not [word for word in ENGLISH if word in shown]
    path = download(page, "Hent tabellen (Word)", tmp_path)
    assert path.name == "punkter-til-naeste-moede-2025-02-05.docx"

    (table,) = docx.Document(str(path)).tables
    rows = [[[p.text for p in cell.paragraphs if p.text] for cell in row.cells] for row in table.rows]
    assert rows[0] == [["Dato"], ["Punkter"]]
    assert rows[1] == [
        ["5. feb."],
        ["Kim Bruun Nielsen deltager ikke på mødet", "Ny model for sygefravær 1-3-10"],
    ]
    assert rows[2] == [["12. feb."], ["Vinterferie"]]
    # every row is the plan's, as the model of the table says for that database
    with Store(db) as store:
        expected = agenda_table(store.load_plan(), date.fromisoformat(TODAY))
    assert [r[0] for r in rows[1:]] == [[row.label] for row in expected.rows]
    assert [r[1] for r in rows[1:]] == [list(row.entries) for row in expected.rows]
    assert len(rows) == 1 + 13
