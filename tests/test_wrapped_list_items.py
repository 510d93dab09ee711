"""A markdown list item whose text runs on to the next line ("- Arbejdsmiljøstrategi og" / "  trivselsmåling") is one
point, in the backlog as in the forward plan. Before, the backlog read the second line as a point of its own
(stop 23's report)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from planner.parse.document import parse_file

DOCUMENT = Path(__file__).parent / "fixtures" / "wrapped_items" / "direktion_2025_01_08_wrapped_list_items.md"


def test_a_wrapped_backlog_item_is_one_point():
    doc = parse_file(DOCUMENT)
    assert [(p.text, p.line) for p in doc.awaiting_date] == [("Arbejdsmiljøstrategi og trivselsmåling", 20)]


def test_wrapped_forward_plan_items_are_one_point_each():
    doc = parse_file(DOCUMENT)
    assert [(r.date, [p.text for p in r.points]) for r in doc.forward_plan] == [
        (date(2025, 1, 15), ["Budgetproces 2026 med oplæg fra økonomichefen om rammerne", "Sygefravær"]),
        (date(2025, 1, 22), ["Sundhedspolitik, første udkast"]),
    ]
    assert doc.unparsed == []
