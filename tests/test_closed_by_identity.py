"""A forward-plan row that names a closed case ("Lukket sag") is closed in every point split from it,
and no public feed carries a trace of it (issue 15, defect 2)."""

from __future__ import annotations

from pathlib import Path

from helpers_proc import planner

from planner.parse.document import parse_bytes

AGENDA = """Direktionen

DAGSORDEN

Dato: Onsdag den 15. januar 2025

Start kl.: 9:00

Slut kl.: 12:00

Medlemmer: Kommunaldirektør Jonas Kroustrup

4. Budgetopfølgning

Åben sag

Sagsfremstilling

Budgettet drøftes.

5. Køb af ejendom Kirkestien 1

Lukket sag

6. Eventuelt, herunder punkter til næste møde

Åben sag

Dato\tPunkter
22. jan.\tKøb af ejendom Kirkestien 1 Direktionen drøfter købsaftalen
29. jan.\tBudgetopfølgning pr. 31. december
"""


def test_every_point_split_from_a_row_naming_a_closed_case_is_closed():
    doc = parse_bytes(AGENDA.encode(), "dagsorden.txt")
    row = doc.forward_plan[0]
    assert len(row.points) >= 2  # the run-on row is split into points …
    assert all(p.closed for p in row.points)  # … and every one of them is closed
    assert not any(p.closed for p in doc.forward_plan[1].points)


def test_no_public_feed_carries_the_closed_row(tmp_path: Path):
    source = tmp_path / "dagsorden.txt"
    source.write_text(AGENDA, encoding="utf-8")
    db = tmp_path / "plan.db"
    assert planner("import", source, "--db", db).returncode == 0
    out = tmp_path / "feeds"
    result = planner("export", "--db", db, "--out", out)
    assert result.returncode == 0, result.stderr
    public = [p for p in out.glob("*.ics") if "intern" not in p.name]
    assert public
    for feed in public:
        text = feed.read_text(encoding="utf-8")
        assert "Kirkestien" not in text and "købsaftalen" not in text, feed.name
        assert "Lukket punkt" not in text, feed.name
    assert any("Budgetopfølgning pr. 31. december" in p.read_text(encoding="utf-8") for p in public)
