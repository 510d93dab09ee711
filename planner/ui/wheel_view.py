"""Årshjul: the year wheel with layers, person filter and the details of a chosen week."""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from planner.dates import format_long
from planner.ui import details, wheel_tools
from planner.ui.state import AppContext, load_context, load_plan, load_view_plan
from planner.wheel.export import WheelRequest
from planner.wheel.figure import (
    WeekSlot,
    build_wheel,
    default_year,
    monday_of,
    week_range_text,
    week_slots,
    wheel_items,
    wheel_styles,
    year_span,
)

START_MONTHS = {"Januar": 1, "August (skoleår)": 8}


@st.cache_resource(max_entries=16, show_spinner=False)
def _items(db_path: str, version: int, person: str | None, span: tuple[date, date], day: date):
    # The rhythm's meetings ahead of `day` are on the wheel too (planner.calendar.meetings_ahead).
    plan = load_view_plan(db_path, version, day, False)
    return wheel_items(plan, load_context(db_path, version, day).closures, person, span)


@st.cache_resource(max_entries=4, show_spinner=False)
def _styles(db_path: str, version: int) -> dict:
    return wheel_styles(load_plan(db_path, version))


@st.cache_resource(max_entries=16, show_spinner="Tegner årshjulet …")
def _figure(
    db_path: str,
    version: int,
    person: str | None,
    year: int,
    start_month: int,
    layers: tuple[str, ...],
    day: date,
    conflict_weeks: tuple[date, ...],
    selected: date | None,
):
    first, last = year_span(year, start_month)
    items = _items(db_path, version, person, (first, last), day)
    return build_wheel(
        items,
        first,
        last,
        layers,
        today=day,
        conflict_weeks=conflict_weeks,
        selected_week=selected,
        styles=_styles(db_path, version),
        validate=False,  # only shown (st.plotly_chart), never changed
    )


def _years(ctx: AppContext, start_month: int) -> list[int]:
    dated = [p.date for p in ctx.plan.points if p.date] + [m.date for m in ctx.plan.meetings]
    now = ctx.today.year
    lo = min([d.year for d in dated] + [now]) - 1
    hi = max([d.year for d in dated] + [now]) + 1
    return list(range(lo, hi + 1))


def render(ctx: AppContext) -> None:
    plan = ctx.plan
    st.header("Årshjul")
    c1, c2, c4, _ = st.columns([1.5, 0.8, 1.6, 2.5])
    st.session_state.setdefault("wheel_start", "Januar")
    kind = c1.segmented_control("Året starter i", list(START_MONTHS), key="wheel_start")
    start_month = START_MONTHS.get(kind or "Januar", 1)
    years = _years(ctx, start_month)
    st.session_state.setdefault("wheel_year", default_year(plan, ctx.today, start_month))
    if st.session_state["wheel_year"] not in years:
        st.session_state["wheel_year"] = years[-1]
    year = c2.selectbox(
        "År",
        years,
        key="wheel_year",
        format_func=lambda y: str(y) if start_month == 1 else f"{y}/{str(y + 1)[2:]}",
    )
    styles = _styles(ctx.db_path, ctx.version)
    st.session_state.setdefault("wheel_layers", list(styles))
    st.session_state["wheel_layers"] = [k for k in st.session_state["wheel_layers"] if k in styles]
    layers = (
        st.pills(
            "Lag",
            list(styles),
            selection_mode="multi",
            key="wheel_layers",
            format_func=lambda k: styles[k][0],
        )
        or []
    )
    people = sorted({p.name for p in plan.people if p.name} | {p.owner for p in plan.points if p.owner})
    person = c4.selectbox("Person", ["Alle", *people], key="wheel_person")
    person = None if person == "Alle" else person
    first, last = year_span(year, start_month)
    details.no_documents_note(
        ctx, first, last, f"{year}" if start_month == 1 else f"{year}/{str(year + 1)[2:]}"
    )
    selected = _selected_week(ctx, first, last)
    # Only the conflicts of this year and of the chosen week (which may reach into the year before
    # or after): the whole plan's check waits for a view that shows all of it.
    conflicts = ctx.conflicts_between(min(first, selected), max(last, selected + timedelta(days=6)))
    conflict_weeks = tuple(sorted({monday_of(c.date) for c in conflicts if first <= c.date <= last}))
    fig = _figure(
        ctx.db_path,
        ctx.version,
        person,
        year,
        start_month,
        tuple(layers),
        ctx.today,
        conflict_weeks,
        selected,
    )
    left, right = st.columns([3.6, 2])
    with left:
        event = st.plotly_chart(
            fig,
            key=f"wheel_chart_{year}_{start_month}",
            on_select="rerun",
            selection_mode="points",
            config={"displayModeBar": False},
            width="stretch",
        )
        picked = _picked_week(event)
        # The chart keeps its selection across reruns: act on a new click only, so the ◀ ▶ buttons
        # and the week list are not overruled by an old click.
        if picked is not None and picked != st.session_state.get("wheel_clicked"):
            st.session_state["wheel_clicked"] = picked
            if picked != selected:
                st.session_state["wheel_week"] = picked
                st.rerun()
        st.caption(
            "Klik på en uge i hjulet for at se detaljerne. Farvestyrken viser, hvor travl ugen er; "
            "◆ markerer en uge med konflikter."
        )
        request = WheelRequest(year, start_month, tuple(layers), person)
        wheel_tools.render_print_and_share(ctx, request)
        wheel_tools.render_own_rings(ctx, selected)
    with right:
        _week_picker(first, last)
        week = st.session_state["wheel_week"]
        details.render_week(ctx, week, person, conflicts if week == selected else None)


def _selected_week(ctx: AppContext, first: date, last: date) -> date:
    week = st.session_state.get("wheel_week")
    if not isinstance(week, date) or not (first - timedelta(days=6) <= week <= last):
        week = monday_of(_nearest_meeting(ctx, first, last))
        st.session_state["wheel_week"] = week
    return week


def _nearest_meeting(ctx: AppContext, first: date, last: date) -> date:
    """Today when it is in the wheel's year, else the meeting closest to today in that year."""
    if first <= ctx.today <= last:
        return ctx.today
    days = [m.date for m in ctx.view_plan.meetings if first <= m.date <= last and m.status != "aflyst"]
    return min(days, key=lambda d: abs((d - ctx.today).days)) if days else first


def _picked_week(event) -> date | None:
    try:
        points = event.selection.points  # type: ignore[union-attr]
    except AttributeError:
        points = (event or {}).get("selection", {}).get("points", []) if isinstance(event, dict) else []
    for pt in points or []:
        custom = pt.get("customdata")
        if isinstance(custom, list):
            custom = custom[0] if custom else None
        if isinstance(custom, str):
            try:
                return date.fromisoformat(custom)
            except ValueError:
                continue
    return None


def _week_picker(first: date, last: date) -> None:
    slots = week_slots(first, last)
    mondays = [s.monday for s in slots]
    current = st.session_state["wheel_week"]
    if current not in mondays:
        current = mondays[0]
    idx = mondays.index(current)
    b1, mid, b2 = st.columns([1, 4, 1])
    if b1.button("", icon=":material/chevron_left:", key="wheel_prev", help="Forrige uge", disabled=idx == 0):
        st.session_state["wheel_week"] = mondays[idx - 1]
        st.rerun()
    if b2.button(
        "",
        icon=":material/chevron_right:",
        key="wheel_next",
        help="Næste uge",
        disabled=idx == len(mondays) - 1,
    ):
        st.session_state["wheel_week"] = mondays[idx + 1]
        st.rerun()
    chosen = mid.selectbox(
        "Uge",
        mondays,
        index=idx,
        key=f"wheel_week_pick_{first}_{current}",
        label_visibility="collapsed",
        format_func=lambda m: f"uge {m.isocalendar().week} · {week_range_text(WeekSlot(m, m, m))}",
    )
    if chosen != current:
        st.session_state["wheel_week"] = chosen
        st.rerun()


def week_title(monday: date) -> str:
    return (
        f"Uge {monday.isocalendar().week} · {format_long(monday)} – {format_long(monday + timedelta(days=6))}"
    )
