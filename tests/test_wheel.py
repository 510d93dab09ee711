"""The year wheel: pure plan → plotly figure."""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go

from planner.calendar.periods import Period
from planner.plan import Absence, Closure, Meeting, Plan, PlanEvent, Point
from planner.wheel.figure import (
    LAYER_LABELS,
    LAYERS,
    build_wheel,
    default_year,
    items_by_week,
    week_details,
    week_slots,
    wheel_items,
    year_span,
)


def plan() -> Plan:
    return Plan(
        points=[
            Point("a", "Budget 2026", date(2025, 3, 5), id=1, owner="Jonas Kroustrup"),
            Point("b", "HOI", date(2025, 3, 5), id=2),
            Point("c", "Afventer", None, id=3, status="afventer dato"),
            Point("d", "Fortrolig sag", date(2025, 3, 12), id=4, closed=True),
            Point("e", "Gammelt", date(2025, 3, 12), id=5, status="ikke længere i planen"),
        ],
        meetings=[Meeting(date(2025, 3, 5), id=1), Meeting(date(2025, 3, 12), id=2, status="aflyst")],
        events=[
            PlanEvent(
                "k",
                "Kommunalbestyrelsen (KB)",
                date(2025, 3, 4),
                date(2025, 3, 4),
                "political",
                "upcoming",
                "kommunalbestyrelse",
                id=1,
            ),
            PlanEvent(
                "s", "Direktionsseminar", date(2025, 1, 8), date(2025, 1, 9), "direction", "held", id=2
            ),
        ],
        closures=[Closure("Vinterferie", date(2025, 2, 12), date(2025, 2, 12), id=1)],
        absences=[Absence("Kim Bruun Nielsen", date(2025, 2, 5), date(2025, 2, 5), id=1)],
    )


def test_year_spans_and_weeks():
    assert year_span(2025) == (date(2025, 1, 1), date(2025, 12, 31))
    assert year_span(2024, 8) == (date(2024, 8, 1), date(2025, 7, 31))
    slots = week_slots(*year_span(2025))
    assert slots[0].monday == date(2024, 12, 30) and slots[0].first == date(2025, 1, 1)
    assert [s.week for s in slots][:2] == [1, 2] and slots[-1].week == 1  # 29 Dec 2025 is in uge 1 of 2026
    assert len(week_slots(*year_span(2020))) == 53  # a 53-week year


def test_items_sorted_into_layers():
    items = wheel_items(
        plan(),
        closures=[
            Period("Påskeferie", date(2025, 4, 12), date(2025, 4, 21), "school_holiday", "config:norddjurs")
        ],
    )
    by_layer = {layer: sorted(it.label for it in items if it.layer == layer) for layer in LAYERS}
    assert "Budget 2026 (Jonas Kroustrup)" in by_layer["points"]
    assert "Lukket punkt" in by_layer["points"] and "Fortrolig sag" not in str(
        by_layer
    )  # closed text never shown
    assert "Afventer" not in str(by_layer) and "Gammelt" not in str(by_layer)
    assert by_layer["political"] == ["Kommunalbestyrelsen (KB)"]
    assert by_layer["other"] == ["Direktionsseminar"]
    assert {"Vinterferie", "Påskeferie", "Fravær: Kim Bruun Nielsen"} <= set(by_layer["absence"])
    assert not any("aflyst" in label.lower() for label in by_layer["points"])  # cancelled meeting left out


def test_person_filter():
    items = wheel_items(plan(), person="Jonas Kroustrup")
    titles = [it.label for it in items if it.layer == "points" and it.weight == 1]
    assert titles == ["Budget 2026 (Jonas Kroustrup)"]
    assert not [it for it in items if it.label.startswith("Fravær")]


def test_multi_week_items_fill_every_week():
    items = wheel_items(
        plan(),
        closures=[
            Period("Påskeferie", date(2025, 4, 12), date(2025, 4, 21), "school_holiday", "config:norddjurs")
        ],
    )
    grouped = items_by_week(items, *year_span(2025))
    weeks = sorted(
        m for (layer, m), found in grouped.items() if any(it.label == "Påskeferie" for it in found)
    )
    assert weeks == [date(2025, 4, 7), date(2025, 4, 14), date(2025, 4, 21)]


def test_figure_rings_hover_and_customdata():
    fig = build_wheel(
        wheel_items(plan()),
        *year_span(2025),
        today=date(2025, 3, 6),
        conflict_weeks=[date(2025, 3, 3)],
        selected_week=date(2025, 3, 3),
    )
    assert isinstance(fig, go.Figure)
    rings = [t for t in fig.data if isinstance(t, go.Barpolar) and t.customdata is not None]
    assert [t.name for t in rings] == [LAYER_LABELS[k] for k in LAYERS]
    points = rings[0]
    i = list(points.customdata).index("2025-03-03")
    assert "uge 10" in points.hovertext[i] and "Budget 2026" in points.hovertext[i]
    assert points.marker.color[i] != points.marker.color[0]  # a busy week is coloured, an empty one is not
    names = [t.name for t in fig.data]
    assert "Konflikt" in names and any(n and n.startswith("I dag") for n in names)
    legend = [t.name for t in fig.data if t.showlegend is not False and t.name]
    assert set(LAYER_LABELS.values()) <= set(legend)


def test_layers_can_be_hidden_and_school_year():
    fig = build_wheel(wheel_items(plan()), *year_span(2024, 8), layers=["points", "absence"])
    rings = [t for t in fig.data if isinstance(t, go.Barpolar) and t.customdata is not None]
    assert [t.name for t in rings] == ["Direktionens punkter", "Ferie og fravær"]
    assert rings[0].customdata[0] == "2024-07-29"  # the week holding 1 August
    texts = [t.text for t in fig.data if getattr(t, "mode", None) == "text"]
    assert any(tuple(tx)[:2] == ("August", "September") for tx in texts)


def test_week_details_and_default_year():
    details = week_details(wheel_items(plan()), date(2025, 3, 3))
    assert [it.label for it in details["points"]][-2:] == ["Budget 2026 (Jonas Kroustrup)", "HOI"]
    assert details["political"][0].label == "Kommunalbestyrelsen (KB)"
    assert default_year(plan(), date(2025, 6, 1)) == 2025
    # Issue #11: today's year even when no document has reached it (the rhythm's meetings are there).
    assert default_year(plan(), date(2026, 11, 23)) == 2026
    assert default_year(plan(), date(2025, 6, 1), start_month=8) == 2024


def test_a_figure_built_unchecked_is_the_checked_one(imported_store):
    """The app draws the wheel with validate=False (plotly's check of every property skipped): the
    values must already be what the check makes of them, or the chart would differ from the print."""
    from planner.calendar.context import calendar_context

    full = imported_store.load_plan()
    closures = calendar_context(full).closures
    today = max(m.date for m in full.meetings)
    for p, year, start_month, layers, person in (
        (plan(), 2025, 1, LAYERS, None),
        (plan(), 2024, 8, ("points", "absence"), None),
        (full, today.year, 1, LAYERS, None),
        (full, today.year - 1, 8, LAYERS, next(p.owner for p in full.points if p.owner)),
    ):
        first, last = year_span(year, start_month)
        items = wheel_items(p, closures, person, (first, last))
        week = week_slots(first, last)[10].monday
        for text in (True, False):
            args = dict(today=today, conflict_weeks=[week], selected_week=week, text=text)
            checked = build_wheel(items, first, last, layers, **args)
            unchecked = build_wheel(items, first, last, layers, **args, validate=False)
            assert unchecked.to_dict() == checked.to_dict()
            assert len(checked.layout.annotations) > (1 if text and p is full else 0)
