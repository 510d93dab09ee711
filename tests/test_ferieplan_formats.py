"""The ferieplan grammar beyond one line per holiday: month headings, year lines, school-year forms,
reversed ranges, positions on pages, the same plan in every format, and no catastrophic regexes."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest
from helpers_proc import planner

from planner.calendar.ferieplan import FerieplanError, parse_document, parse_ferieplan
from planner.cli.holidays import where
from planner.documents import Document, Paragraph, Position, Table, read_document
from planner.documents.model import Cell, Row

FIXTURES = Path(__file__).parent / "fixtures" / "ferieplan"


def _spans(text: str, school_year: int | None = None, name: str = "t.txt") -> list[tuple[str, date, date]]:
    result = parse_ferieplan(text, name, school_year=school_year)
    assert result.unparsed == [] and result.warnings == [], (result.unparsed, result.warnings)
    return [(p.label, p.start, p.end) for p in result.periods]


@pytest.mark.parametrize(
    "heading", ["Skoleåret 24-25", "skoleåret 24/25", "Ferieplan 24-25", "2024/25", "Skoleår 2024/2025"]
)
def test_school_year_forms(heading: str) -> None:
    assert _spans(f"{heading}\nEfterårsferie uge 42\nVinterferie uge 7") == [
        ("Efterårsferie", date(2024, 10, 14), date(2024, 10, 20)),
        ("Vinterferie", date(2025, 2, 10), date(2025, 2, 16)),
    ]


def test_two_digit_range_without_a_school_year_word_is_not_a_heading() -> None:
    # "24-25" alone could be the 24th and 25th of a month: no school year is taken from it.
    with pytest.raises(FerieplanError, match="skoleåret er ukendt"):
        parse_ferieplan("24-25\nEfterårsferie uge 42", "t.txt")


MONTH_GROUPED = [
    ("Oktober\n16. – 20. Efterårsferie", [("Efterårsferie", date(2024, 10, 16), date(2024, 10, 20))]),
    ("Maj\n20. 2. pinsedag", [("2. pinsedag", date(2025, 5, 20), date(2025, 5, 20))]),
    (
        "MAJ:\n1. 1. maj\n29.-30. Kr. Himmelfart",
        [
            ("1. maj", date(2025, 5, 1), date(2025, 5, 1)),
            ("Kr. Himmelfart", date(2025, 5, 29), date(2025, 5, 30)),
        ],
    ),
    ("Oktober\nEfterårsferie\n14.-18.", [("Efterårsferie", date(2024, 10, 14), date(2024, 10, 18))]),
    (
        "December 2024\n23.-31. Juleferie\nJanuar\n1.-3. Juleferie",
        [
            ("Juleferie", date(2024, 12, 23), date(2024, 12, 31)),
            ("Juleferie", date(2025, 1, 1), date(2025, 1, 3)),
        ],
    ),
    (
        "Juni\n27. Sidste skoledag\n28. juni – 10. august Sommerferie",
        [
            ("Sidste skoledag", date(2025, 6, 27), date(2025, 6, 27)),
            ("Sommerferie", date(2025, 6, 28), date(2025, 8, 10)),
        ],
    ),
    ("- Oktober\n- 16. – 20. Efterårsferie", [("Efterårsferie", date(2024, 10, 16), date(2024, 10, 20))]),
]


@pytest.mark.parametrize(("text", "expected"), MONTH_GROUPED, ids=[t[:25] for t, _ in MONTH_GROUPED])
def test_month_grouped_lists(text: str, expected: list) -> None:
    assert _spans(text, school_year=2024) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("20. 2. pinsedag", "dato uden måned"),  # no month heading: never 20 February
        ("16. – 20. Efterårsferie", "dato uden måned"),
        ("Maj\nFridag\n20. 2. Skolefest", "20.2. står under overskriften 'maj'"),
        ("Efterårsferie uge 42-41", "uge 42-41: slutugen ligger før startugen"),
        ("Vinterferie uge 7-6", "uge 7-6: slutugen ligger før startugen"),
        ("Fridag 20.10.-14.10.", "slutdato 14.10. ligger før startdato 20.10."),
        ("Efterårsferie 20. oktober - 14. oktober 2025", "slutdato 14.10. ligger før startdato 20.10."),
        ("Skoleår 12.8.2024 - 27.6.2025", "perioden 12.08.2024 – 27.06.2025 er længere end 10 uger"),
        ("Ferie uge 10-30", "uge 10-30 er længere end 10 uger"),
    ],
)
def test_a_date_is_never_silently_wrong(text: str, fragment: str) -> None:
    result = parse_ferieplan(text, "t.txt", school_year=2024)
    assert result.periods == []
    assert [note.text for note in result.warnings] == [fragment]


def test_short_ranges_still_cross_new_year() -> None:
    assert _spans("Juleferie uge 51-1\nJuleferie 21.12.-2.1.", school_year=2024) == [
        ("Juleferie", date(2024, 12, 16), date(2025, 1, 5)),
        ("Juleferie", date(2024, 12, 21), date(2025, 1, 2)),
    ]


def test_month_headings_run_forward_across_other_headings() -> None:
    result = parse_ferieplan("December 2024\n23.-31. Juleferie\n## Fridage\nJanuar\n2. Fridag", "t.md")
    assert [(p.label, p.start, p.end) for p in result.periods] == [
        ("Juleferie", date(2024, 12, 23), date(2024, 12, 31)),
        ("Fridag", date(2025, 1, 2), date(2025, 1, 2)),
    ]
    assert result.unparsed == [(Position(3), "Fridage")]  # a heading with no date of its own is reported


def test_year_line_sets_the_year_of_what_follows() -> None:
    # The year line wins over the school-year rule (which would put February in 2025).
    assert _spans("2024\nVinterferie uge 7\nEfterårsferie\n14.-18. oktober", school_year=2024) == [
        ("Vinterferie", date(2024, 2, 12), date(2024, 2, 18)),
        ("Efterårsferie", date(2024, 10, 14), date(2024, 10, 18)),
    ]
    # …and with nothing else to go by, it is all the plan needs.
    assert _spans("År 2026:\nVinterferie\nuge 7") == [("Vinterferie", date(2026, 2, 9), date(2026, 2, 15))]


def test_a_school_year_heading_ends_the_year_line() -> None:
    text = "2023\nEfterårsferie uge 42\nSkoleåret 2024/25\nVinterferie uge 7"
    assert [p.start for p in parse_ferieplan(text, "t.txt").periods] == [
        date(2023, 10, 16),
        date(2025, 2, 10),
    ]


# The same plan as Word's text export (tabs), markdown (pipes), an HTML table and an HTML list.
SAME_PLAN = {
    "plan.txt": "Ferieplan 2024/25\nFerie\tUge\tDato\nEfterårsferie\t42\t\nJuleferie\t\t21.12.-2.1.\n",
    "plan.md": "# Ferieplan 2024/25\n\n| Ferie | Uge | Dato |\n|---|---|---|\n| Efterårsferie | 42 | |\n"
    "| Juleferie | | 21.12.-2.1. |\n",
    "plan.html": "<h1>Ferieplan 2024/25</h1><table><tr><th>Ferie</th><th>Uge</th><th>Dato</th></tr>"
    "<tr><td>Efterårsferie</td><td>42</td><td></td></tr>"
    "<tr><td>Juleferie</td><td></td><td>21.12.-<br>2.1.</td></tr></table>",
    "liste.html": "<h2>Ferieplan 2024/25</h2><ul><li><b>Efterårsferie</b>: uge 42</li>"
    "<li>Juleferie<br>21.12.–2.1.</li></ul>",
}


@pytest.mark.parametrize("name", sorted(SAME_PLAN))
def test_every_format_gives_the_same_plan(name: str) -> None:
    assert _spans(SAME_PLAN[name], name=name) == [
        ("Efterårsferie", date(2024, 10, 14), date(2024, 10, 20)),
        ("Juleferie", date(2024, 12, 21), date(2025, 1, 2)),
    ]


def _pdf_like_document() -> Document:
    # What a PDF reader produces: blocks with pages. Built by hand until the PDF reader lands;
    # the grammar sees only blocks, so nothing else is needed for PDF.
    on = Position
    return Document(
        "plan.pdf",
        "pdf",
        [
            Paragraph("Ferieplan 2024/25", on(1, 1)),
            Paragraph("Efterårsferie uge 42", on(2, 1)),
            Paragraph("Se også skolens hjemmeside", on(1, 2)),
            Table(
                [
                    Row(
                        [Cell([Paragraph("Fridag", on(2, 2))]), Cell([Paragraph("31. februar", on(2, 2))])],
                        on(2, 2),
                    )
                ],
                on(2, 2),
            ),
        ],
        sha256="0",
        pages=2,
    )


def test_positions_carry_the_page() -> None:
    result = parse_document(_pdf_like_document())
    assert [(p.label, p.start) for p in result.periods] == [("Efterårsferie", date(2024, 10, 14))]
    assert result.unparsed == [(Position(1, 2), "Se også skolens hjemmeside")]
    assert [note.pos for note in result.warnings] == [Position(2, 2)]
    assert [where("plan.pdf", note.pos) for note in result.warnings] == ["plan.pdf: side 2, linje 2"]
    assert where("plan.txt", Position(7)) == "plan.txt:7"


def test_unknown_school_year_error_names_page_and_line() -> None:
    document = _pdf_like_document()
    document.blocks = document.blocks[1:]
    with pytest.raises(FerieplanError, match=r"^plan\.pdf, side 1, linje 2: skoleåret er ukendt"):
        parse_document(document)


def test_reader_warnings_are_kept() -> None:
    document = read_document("Ferieplan 2024/25\nEfterårsferie uge 42\n".encode("cp1252"), "plan.txt")
    result = parse_document(document)
    assert [n.text for n in result.warnings] == [w.message for w in document.warnings]


def test_cli_reads_an_html_plan_and_reports_positions(empty_db):
    plan = FIXTURES / "skoleaar_2024-25.html"
    result = planner("holidays", "import", plan, "--db", empty_db, "--dry-run", "--json")
    assert result.returncode == 0, result.stderr
    periods = [{k: p[k] for k in ("label", "start", "end", "kind")} for p in json.loads(result.stdout)]
    assert {
        "label": "Juleferie",
        "start": "2024-12-21",
        "end": "2025-01-02",
        "kind": "school_holiday",
    } in periods
    assert len(periods) == 7
    assert "skoleaar_2024-25.html:6: ikke forstået: Norddjurs Kommunes folkeskoler" in result.stderr
    assert "skoleaar_2024-25.html:18: advarsel: uge 42-41: slutugen ligger før startugen" in result.stderr


# --- no catastrophic backtracking -----------------------------------------------------------
# Speed is measured by `make bench`, not here. These tests are a hang guard: every line shape
# below takes well under a second when the patterns are linear, while one exponential or
# quadratic pattern (the old dot-leader label pattern: 38 s at 38 dots) makes a 100,000-character
# line run for minutes. A subprocess with a 10 s timeout tells the two apart without timing
# anything, and it can be killed, which a thread stuck in the regex engine cannot.

RUNS = {
    "dots": ".",
    "spaces": " ",
    "tabs": "\t",
    "dashes": "-",
    "digits": "7",
    "dot-space": ". ",
    "day-dash": "1-",
}
SHAPES = [
    "{run}",
    "Store bededag {run} afskaffet fra 2024",
    "Efterårsferie {run} uge 42",
    "12{run}",
    "{run}12. maj",
]
_GUARD = """
from planner.documents import Position
from planner.calendar.ferieplan import Unit, parse_ferieplan, parse_units
run = ({run!r} * 100_000)[:100_000]
for shape in {shapes!r}:
    line = shape.replace("{{run}}", run)
    parse_units([Unit((line,), Position(1))], "lang.txt", 2024)  # the grammar on its own
    if {through_reader!r} and not (line[0].isspace() and line.strip()):
        parse_ferieplan(line, "lang.txt", 2024)  # read as a text file first
print("ok")
"""


def _guarded(run: str, shapes: list[str], through_reader: bool) -> subprocess.CompletedProcess:
    code = textwrap.dedent(_GUARD.format(run=run, shapes=shapes, through_reader=through_reader))
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=10)


@pytest.mark.parametrize("name", sorted(RUNS))
def test_long_lines_never_hang(name: str) -> None:
    result = _guarded(RUNS[name], SHAPES, through_reader=True)
    assert result.stdout.strip() == "ok", result.stderr


def test_leading_white_space_through_the_text_reader() -> None:
    # The text reader's markdown table rule was once quadratic on leading white space (190 s here).
    code = "from planner.calendar.ferieplan import parse_ferieplan\nparse_ferieplan(' ' * 100_000 + '12. maj', 'x.txt', 2024)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=10)
    assert result.returncode == 0, result.stderr
