"""The names on the wheel: what is written where, shortened how, and that it reaches the figure."""

from __future__ import annotations

from datetime import date

from planner.plan import Activity, Closure, Plan, PlanEvent, Point, Ring
from planner.wheel.figure import build_wheel, ring_bands, wheel_items, wheel_styles, year_span
from planner.wheel.labels import along_angle, fit, radial_angle


def plan() -> Plan:
    return Plan(
        points=[
            Point("a", "Budget 2026", date(2025, 3, 5), id=1, owner="Jonas Kroustrup"),
            Point("b", "HOI", date(2025, 3, 5), id=2),
            Point(
                "c", "Ny model for sygefravær 1-3-10 og opfølgning på handleplanen", date(2025, 2, 5), id=3
            ),
            Point("d", "Fortrolig sag om en medarbejder", date(2025, 3, 12), id=4, closed=True),
        ],
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
                "o",
                "Økonomiudvalget (ØK)",
                date(2025, 3, 6),
                date(2025, 3, 6),
                "political",
                "upcoming",
                "oekonomiudvalg",
                id=2,
            ),
        ],
        closures=[Closure("Sommerferie", date(2025, 6, 28), date(2025, 8, 10), id=1)],
        rings=[Ring("Budgetproces", "#b8860b", 1, id=1)],
        activities=[Activity("x", 1, "Budgetseminar", date(2025, 9, 1), date(2025, 9, 1), "yearly", id=1)],
    )


def labels(fig) -> dict[str, dict]:
    return {a.text: a for a in fig.layout.annotations if a.xref == "x" and "Årshjul" not in a.text}


def test_fit_shortens_at_a_word_with_an_ellipsis():
    assert fit("HOI", 100, 10) == "HOI"
    short = fit("Ny model for sygefravær 1-3-10 og opfølgning", 100, 10)
    assert short.endswith("…") and len(short) <= 100 / (10 * 0.52)
    assert short == "Ny model for…"  # cut where a word ends, not inside "sygefravær"
    assert fit("Sygefravær", 12, 10) == ""  # too little room: nothing rather than "S…"


def test_angles_never_put_text_upside_down():
    assert radial_angle(45) == -45 and radial_angle(270) == 0  # right half reads outwards, left inwards
    for theta in range(0, 360, 5):
        assert -90 <= radial_angle(theta) <= 90
        assert -90 <= along_angle(theta) <= 90


def test_the_wheel_writes_names_on_every_ring():
    p = plan()
    fig = build_wheel(
        wheel_items(p), *year_span(2025), layers=list(wheel_styles(p)), styles=wheel_styles(p), wheel_px=1000
    )
    written = labels(fig)
    # Two points in one week: both titles when they fit, the owner only in the hover.
    assert "Budget 2026, HOI" in written
    assert "Jonas Kroustrup" in written["Budget 2026, HOI"].hovertext
    # A long title is shortened, the full title is in the hover.
    sick = next(t for t in written if t.startswith("Ny model"))
    assert sick.endswith("…") and "handleplanen" in written[sick].hovertext
    assert "KB, ØK" in written  # abbreviations of the political meetings
    summer = written["Sommerferie"]  # six weeks: written along the ring, once
    assert summer.textangle not in (None, 0) or abs(summer.y) > abs(summer.x)
    assert any(t.startswith("Budgetse") for t in written)  # an own ring's activity (yearly, from 2025)
    assert "Lukket punkt" in written and not any("Fortrolig" in t for t in written)


def test_a_smaller_wheel_writes_shorter_names():
    p = plan()
    small = labels(build_wheel(wheel_items(p), *year_span(2025), wheel_px=500))
    big = labels(build_wheel(wheel_items(p), *year_span(2025), wheel_px=1000))
    assert sum(map(len, small)) < sum(map(len, big))
    assert any(t.endswith("…") or "+" in t for t in small)


def test_text_sits_inside_its_ring():
    p = plan()
    styles = wheel_styles(p)
    fig = build_wheel(wheel_items(p), *year_span(2025), layers=list(styles), styles=styles, wheel_px=1000)
    bands = {b.layer: b for b in ring_bands(list(styles))}
    political = bands["political"]
    ann = labels(fig)["KB, ØK"]
    radius = (ann.x**2 + ann.y**2) ** 0.5
    assert political.inner < radius < political.outer


def test_without_text_and_school_year():
    p = plan()
    fig = build_wheel(wheel_items(p), *year_span(2024, 8), text=False)
    assert labels(fig) == {}
    fig = build_wheel(wheel_items(p), *year_span(2024, 8), wheel_px=1000)
    assert "Sommerferie" in labels(fig)  # its July part, at the end of the school year
    assert "Budgetseminar" not in labels(fig)  # a yearly activity does not repeat before its first year


def test_items_of_one_year_are_those_of_the_whole_plan_inside_it():
    p = plan()
    first, last = year_span(2025)
    whole = [it for it in wheel_items(p) if it.end >= first and it.start <= last]
    assert wheel_items(p, span=(first, last)) == whole
    assert wheel_items(p, span=year_span(2030)) == [it for it in wheel_items(p) if it.start.year == 2030]
