"""Kalender: FullCalendar month/week views; drag a point to another meeting to move it."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date, timedelta

import streamlit as st
from streamlit_calendar import calendar as fullcalendar

from planner.commands import PlanError, undo
from planner.conflicts.groups import move_changes
from planner.dates import format_long
from planner.storage.store import StaleEdit, StoreError
from planner.ui import details
from planner.ui.calendar_events import (
    CALENDAR_CSS,
    Drop,
    calendar_events,
    calendar_options,
    clicked_day,
    clicked_ref,
    parse_drop,
)
from planner.ui.state import AppContext, conflict_refs, flash, goto, load_context, load_view_plan
from planner.wheel.figure import monday_of

STALE_MESSAGE = (
    "Punktet er blevet ændret af en anden, efter du hentede kalenderen, så din flytning er "
    "ikke gemt. Kalenderen viser nu de nyeste data – prøv igen, hvis det stadig er nødvendigt."
)


@dataclass
class LastMove:
    """What the user just did, for the result panel and its "Fortryd" button."""

    change_id: int | None
    title: str
    old_date: date | None
    new_date: date
    created: list[tuple[str, str]] = field(default_factory=list)  # (severity, message)
    removed: list[tuple[str, str]] = field(default_factory=list)
    created_meeting: bool = False
    still: list[tuple[str, str]] = field(default_factory=list)  # a rule found before and after the move


@st.cache_resource(max_entries=8, show_spinner=False)
def _events(
    db_path: str,
    version: int,
    first: date,
    last: date,
    person: str | None,
    conflicted: frozenset[str],
    day: date,
) -> list[dict]:
    # The rhythm's meetings of the 12 months after `day` are drop targets like the documents' ones.
    plan = load_view_plan(db_path, version, day, False)
    return calendar_events(
        plan, first, last, load_context(db_path, version, day).closures, conflicted, person
    )


def _remount(focus: date | None = None, view: str | None = None) -> None:
    """A new component key: the calendar redraws from the data (snaps a refused drop back)."""
    st.session_state["cal_nonce"] = st.session_state.get("cal_nonce", 0) + 1
    if focus is not None:
        st.session_state["cal_focus"] = focus
    if view is not None:
        st.session_state["cal_view"] = view


def render(ctx: AppContext) -> None:
    st.header("Kalender")
    st.session_state.setdefault("cal_focus", ctx.today)  # today's month and week, documents or not
    st.session_state.setdefault("cal_view", "dayGridMonth")
    st.session_state.setdefault("cal_nonce", 0)
    _toolbar(ctx)
    focus_year = st.session_state["cal_focus"].year
    details.no_documents_note(ctx, date(focus_year, 1, 1), date(focus_year, 12, 31), str(focus_year))
    _pending_panel(ctx)
    _last_move_panel(ctx)
    focus: date = st.session_state["cal_focus"]
    first, last = (
        focus - timedelta(days=200),
        focus + timedelta(days=400),
    )  # navigating further: "Gå til dato"
    person = st.session_state.get("cal_person")
    person = None if person in (None, "Alle") else person
    conflicted = frozenset(conflict_refs(ctx.conflicts))
    events = _events(ctx.db_path, ctx.version, first, last, person, conflicted, ctx.today)
    if not ctx.may("edit"):  # a point's own "editable" wins over the calendar's option
        events = [{**e, "editable": False} for e in events]
    key = f"cal_{st.session_state['cal_nonce']}"
    value = fullcalendar(
        events=events,
        options=calendar_options(focus, st.session_state["cal_view"], ctx.may("edit"), ctx.today),
        custom_css=CALENDAR_CSS,
        callbacks=["eventChange", "eventClick", "dateClick"],
        key=key,
    )
    moving = "Træk et punkt til et andet møde for at flytte det. " if ctx.may("edit") else ""
    st.caption(
        f"{moving}Røde felter er ferie og lukkedage; "
        "⚠ markerer punkter med konflikter. Klik på et punkt eller en dag for detaljer."
    )
    drop = parse_drop(value)
    if drop is not None and ctx.may("edit"):
        _handle_drop(ctx, drop)
        return
    _clicked(ctx, value)


def _toolbar(ctx: AppContext) -> None:
    c1, c2, _ = st.columns([1.2, 1.5, 3])
    # Empty rather than the date the calendar opened on: after ◀ ▶ in the calendar that date would be
    # stale (the component does not report its month), and picking it again would do nothing.
    picked = c1.date_input(
        "Gå til dato", value=None, format="DD.MM.YYYY", key=f"cal_goto_{st.session_state['cal_nonce']}"
    )
    if isinstance(picked, date):
        _remount(focus=picked)
        st.rerun()
    plan = ctx.plan
    people = sorted({p.name for p in plan.people if p.name} | {p.owner for p in plan.points if p.owner})
    c2.selectbox("Person", ["Alle", *people], key="cal_person")


def _handle_drop(ctx: AppContext, drop: Drop) -> None:
    plan = ctx.plan
    point = plan.point(drop.point_id)
    _remount(focus=drop.view_start or drop.new_date, view=drop.view_type)
    if point is None:
        flash("Punktet findes ikke længere – det er slettet af en anden.", "error")
        st.rerun()
    if drop.version is not None and drop.version != point.version:
        flash(STALE_MESSAGE, "error")
        st.rerun()
    # A meeting only the rhythm has planned is a meeting: the move stores it (commands.ensure_meeting).
    meeting = ctx.view_plan.meeting_on(drop.new_date)
    if meeting is None or meeting.status == "aflyst":
        st.session_state["cal_pending"] = drop
        st.session_state.pop("cal_last", None)
        st.rerun()
    move(ctx, drop, create_meeting=False)


def move(ctx: AppContext, drop: Drop, create_meeting: bool) -> None:
    """Move the point now (commands.move_point), remember the result for the panel, and rerun."""
    from planner.commands import move_point

    st.session_state.pop("cal_pending", None)
    by_rhythm = ctx.view_plan.meeting_on(drop.new_date) is not None  # stored by the move, not "extra"
    try:
        with ctx.store() as store:
            res = move_point(
                store,
                drop.point_id,
                drop.new_date,
                expected_version=drop.version,
                actor=ctx.actor,
                create_meeting=create_meeting,
                today=ctx.today,
            )
    except StaleEdit:
        flash(STALE_MESSAGE, "error")
        st.rerun()
    except (StoreError, ValueError, KeyError, LookupError) as exc:  # NotAllowed is a ValueError too
        flash(f"Punktet kunne ikke flyttes: {exc}", "error")
        st.rerun()
    changes = move_changes(res.created, res.removed)  # no rule listed as both new and solved
    st.session_state["cal_last"] = LastMove(
        change_id=res.change_id,
        title=res.point.title,
        old_date=res.old_date,
        new_date=res.new_date,
        created=[(c.severity, c.message) for c in changes.new],
        removed=[(c.severity, c.message) for c in changes.solved],
        created_meeting=bool(res.created_meeting) and not by_rhythm,
        still=[(c.severity, c.message) for c in changes.still],
    )
    st.rerun()


def _pending_panel(ctx: AppContext) -> None:
    drop: Drop | None = st.session_state.get("cal_pending")
    if drop is None:
        return
    point = ctx.plan.point(drop.point_id)
    if point is None:
        st.session_state.pop("cal_pending", None)
        return
    closed = ctx.calendar.closure_on(drop.new_date)
    cancelled = ctx.plan.meeting_on(drop.new_date) is not None
    with st.container(border=True):
        if cancelled:
            st.warning(
                f"Direktionsmødet {format_long(drop.new_date)} er aflyst. Vil du alligevel flytte "
                f"«{point.title}» dertil?"
            )
        else:
            st.warning(
                f"Der er intet direktionsmøde {format_long(drop.new_date)}. Vil du oprette et ekstra møde "
                f"og flytte «{point.title}» dertil?"
            )
        if closed is not None:
            st.markdown(
                f":orange[:material/warning:] Bemærk: dagen er lukket – **{html.escape(closed.label)}**."
            )
        c1, c2, _ = st.columns([1.3, 1.3, 3])
        if c1.button(
            "Flyt alligevel" if cancelled else "Opret ekstra møde", key="cal_create_meeting", type="primary"
        ):
            move(ctx, drop, create_meeting=True)
        if c2.button("Annullér", key="cal_cancel_move"):
            st.session_state.pop("cal_pending", None)
            _remount()
            st.rerun()


def _last_move_panel(ctx: AppContext) -> None:
    last: LastMove | None = st.session_state.get("cal_last")
    if last is None:
        return
    with st.container(border=True):
        old = format_long(last.old_date) if last.old_date else "afventer dato"
        made = " Der er oprettet et ekstra møde." if last.created_meeting else ""
        st.success(f"«{last.title}» er flyttet fra {old} til {format_long(last.new_date)}.{made}")
        for severity, message in last.created:
            st.markdown(f"{details.severity_icon(severity)} **Ny konflikt:** {html.escape(message)}")
        for _severity, message in last.removed:
            st.markdown(f":green[:material/check_circle:] **Løst:** {html.escape(message)}")
        for severity, message in last.still:
            st.markdown(f"{details.severity_icon(severity)} **Stadig:** {html.escape(message)}")
        if not last.created and not last.removed and not last.still:
            st.caption("Flytningen gav ingen nye konflikter.")
        c1, c2, _ = st.columns([1, 1, 4])
        if last.change_id is not None and c1.button(
            "Fortryd", key="cal_undo", type="primary", icon=":material/undo:"
        ):
            _undo(ctx, last)
        if c2.button("Luk", key="cal_close_last"):
            st.session_state.pop("cal_last", None)
            st.rerun()


def _undo(ctx: AppContext, last: LastMove) -> None:
    try:
        with ctx.store() as store:
            undo(store, last.change_id, actor=ctx.actor)
        flash(f"Flytningen af «{last.title}» er fortrudt.")
    except (PlanError, StaleEdit, StoreError) as exc:
        flash(f"Flytningen kan ikke fortrydes: {exc}", "error")
    st.session_state.pop("cal_last", None)
    _remount()
    st.rerun()


def _clicked(ctx: AppContext, value: object) -> None:
    ref = clicked_ref(value)
    day = clicked_day(value)
    if ref and ref.startswith("point:"):
        point = ctx.plan.point(int(ref.split(":")[1]))
        if point is not None and point.date and ctx.may("edit"):
            st.button(
                "Redigér punktet",
                key="cal_edit_point",
                icon=":material/edit:",
                on_click=goto,
                args=("Punkter",),
                kwargs={"pts_pick": point.id, "pts_year": "Alle", "pts_week": "Alle"},
            )
        if point is not None and point.date:
            day = point.date
    if day is not None:
        details.render_week(ctx, monday_of(day))
