"""Three gaps of the reading layer, each on a document made the way its program makes it.

- A forward plan as an unruled HTML table printed by chromium with the browser's default styles
  (bold, centred <th> row headers in the middle of their rows, a narrow column gap): the PDF gives
  the same forward plan as its HTML (tests/fixtures/readers3/r1_th_rows.*, and the older
  tests/fixtures/unseen/p6_semantic.pdf).
- Word paragraphs laid out in columns with tabs (date, point, person): read as a table.
- Word's text export of a table whose cells hold line breaks in a middle cell and in the last row.

The fixtures are made by tests/fixtures/readers3/make_readers3.py; every expected value below is
read from the document's own text.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from helpers_proc import planner

from planner.parse.document import parse_file

HERE = Path(__file__).parent / "fixtures"
READERS3 = HERE / "readers3"


def cli_plan(path: Path) -> list[tuple]:
    """The forward plan as `planner parse --json` gives it, without its line numbers."""
    done = planner("parse", "--json", path)
    assert done.returncode == 0, done.stderr
    [document] = json.loads(done.stdout)
    return [
        (r["date"], r["label"], r["points"], r["closures"], r["absent"], r["free"])
        for r in document["forward_plan"]
    ]


def rows(path: Path) -> list[tuple]:
    return [
        (r.date, [p.text for p in r.points], list(r.closures), list(r.absent))
        for r in parse_file(path).forward_plan
    ]


def test_an_unruled_th_table_printed_by_chromium_reads_as_its_html():
    pdf = READERS3 / "r1_th_rows.pdf"
    assert rows(pdf) == [
        (
            date(2025, 6, 4),
            ["Budgetopfølgning pr. 30. april", "Status på rekruttering af socialchef"],
            [],
            [],
        ),
        (date(2025, 6, 11), ["Kvalitetsrapport for dagtilbud", "v/ dagtilbudschefen"], [], []),
        (
            date(2025, 6, 18),
            [
                "Drøftelse af den kommende organisering af det specialiserede socialområde og af "
                "samarbejdet med regionen om de tværgående tilbud"
            ],
            [],
            [],
        ),
        (date(2025, 6, 25), [], [], []),
        (date(2025, 7, 2), [], ["Sommerferie"], []),
        (date(2025, 7, 9), ["Evaluering af borgermøder", "Affaldsplan 2026", "Kantineordning"], [], []),
    ]
    assert cli_plan(pdf) == cli_plan(READERS3 / "r1_th_rows.html")


def test_the_semantic_page_printed_by_chromium_gives_the_forward_plan_of_its_html():
    unseen = HERE / "unseen"
    pdf_plan = cli_plan(unseen / "p6_semantic.pdf")
    assert pdf_plan == cli_plan(unseen / "h6_semantic_tbody.html")
    assert [(d, points) for d, _, points, *_ in pdf_plan][:2] == [
        (
            "2025-01-15",
            ["Plan- og udviklingsstrategien", "oplæg ved planchefen", "Status på Kloge Kvadratmeter"],
        ),
        ("2025-01-22", ["Årligt dialogmøde med socialchef1"]),
    ]
