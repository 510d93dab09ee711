"""Konflikter: every conflict with its explanation and a one-click way to the item."""

from __future__ import annotations

import html
from collections import Counter
from datetime import date

import streamlit as st

from planner.commands import PlanError, mark_done, passed_points, undo
from planner.conflicts.groups import NO_CONFLICTS, group_by_rule, rule_label
from planner.dates import format_long
from planner.storage.store import StaleEdit, StoreError
from planner.ui import details
from planner.ui.state import AppContext, flash, goto
from planner.wheel.figure import monday_of

SEVERITY_ORDER = ("error", "warning", "info")
PAGE = 50


def render(ctx: AppContext) -> None:
    st.header("Konflikter")
    _mark_done_panel(ctx)
    conflicts = ctx.conflicts
    if not conflicts:
        st.success(NO_CONFLICTS)
        return
    counts = Counter(c.severity for c in conflicts)
    cols = st.columns(4)
    for col, sev in zip(cols, SEVERITY_ORDER, strict=False):
        col.metric(f"{details.severity_icon(sev)} {details.severity_label(sev)}", counts.get(sev, 0))
    c1, c2, c3 = st.columns([2, 3, 2])
    # Pills rather than multiselects: Streamlit's multiselect offers an English "Select all".
    sevs = (
        c1.pills(
            "Alvor",
            list(SEVERITY_ORDER),
            selection_mode="multi",
            default=["error", "warning"],
            key="cf_sev",
            format_func=details.severity_label,
        )
        or []
    )
    per_rule = Counter(c.rule for c in conflicts)
    rules = sorted(per_rule, key=rule_label)
    chosen_rules = (
        c2.pills(
            "Type (ingen valgt = alle)",
            rules,
            selection_mode="multi",
            key="cf_rules",
            format_func=lambda r: f"{rule_label(r)} ({per_rule[r]})",
        )
        or []
    )
    ahead = any((c.date or date.max) >= ctx.today for c in conflicts)
    upcoming = c3.toggle(
        "Kun fra i dag og frem",
        value=ahead,
        key="cf_upcoming",
        help="Skjul konflikter i møder, der har været holdt",
    )
    shown = [
        c
        for c in conflicts
        if (not sevs or c.severity in sevs)
        and (not chosen_rules or c.rule in chosen_rules)
        and (not upcoming or (c.date or date.max) >= ctx.today)
    ]
    shown = list({c.key: c for c in shown}.values())
    if not shown:
        st.info(f"Ingen konflikter med de valgte filtre ({len(conflicts)} i alt i planen).")
        return
    groups = group_by_rule(shown)
    st.caption(
        f"{len(shown)} konflikter i {len(groups)} typer: " + ", ".join(f"{g.label} {g.count}" for g in groups)
    )
    limit = st.session_state.get("cf_limit", PAGE)
    for g in groups:
        icon = details.severity_icon(g.severity)
        opened = len(groups) == 1 or g.severity == "error"
        with st.expander(f"{icon} {g.label} · {g.counts_text()}", expanded=opened):
            for c in g.conflicts[:limit]:
                _card(ctx, c)
            if g.count > limit:
                st.caption(f"Viser {limit} af {g.count}.")
    if any(g.count > limit for g in groups):
        st.button(
            "Vis flere",
            key="cf_more",
            on_click=lambda: st.session_state.update(cf_limit=st.session_state.get("cf_limit", PAGE) + PAGE),
        )


def _mark_done_panel(ctx: AppContext) -> None:
    """One click marks every passed, still planned point as treated; one click undoes it."""
    last = st.session_state.get("cf_marked")
    if last is not None:
        with st.container(border=True):
            st.success(f"{last[1]} passerede punkter er markeret som behandlet.")
            u1, u2, _ = st.columns([1, 1, 4])
            if u1.button("Fortryd", key="cf_mark_undo", type="primary", icon=":material/undo:"):
                _undo_mark_done(ctx, last[0])
            if u2.button("Luk", key="cf_mark_close"):
                st.session_state.pop("cf_marked", None)
                st.rerun()
    passed = passed_points(ctx.plan, ctx.today)
    if not passed or not ctx.may("edit"):
        return
    with st.container(border=True):
        st.markdown(
            f"**{len(passed)} punkter** står stadig som planlagt på møder, der har været holdt, uden at et "
            "referat har sagt, hvad der skete med dem."
        )
        if st.button(
            f"Markér {len(passed)} passerede punkter som behandlet",
            key="cf_mark_done",
            icon=":material/done_all:",
        ):
            try:
                with ctx.store() as store:
                    result = mark_done(store, ctx.today, actor=ctx.actor)
            except (PlanError, StaleEdit, StoreError) as exc:
                flash(f"Punkterne kunne ikke markeres: {exc}", "error")
                st.rerun()
            if result.change_id is None:  # someone else got there first
                flash("Ingen passerede punkter står længere som planlagt; intet ændret.", "info")
            else:
                st.session_state["cf_marked"] = (result.change_id, len(result.points))
            st.rerun()


def _undo_mark_done(ctx: AppContext, change_id: int | None) -> None:
    try:
        with ctx.store() as store:
            undo(store, change_id, actor=ctx.actor)
        flash("Markeringen som behandlet er fortrudt.")
    except (PlanError, StaleEdit, StoreError) as exc:
        flash(f"Markeringen kan ikke fortrydes: {exc}", "error")
    st.session_state.pop("cf_marked", None)
    st.rerun()


def _card(ctx: AppContext, c) -> None:
    i = f"{c.rule}_{'_'.join(c.items)}_{c.date}"  # stable: the same conflict keeps its buttons
    with st.container(border=True):
        head, buttons = st.columns([5, 2])
        when = f"{format_long(c.date)} · uge {c.date.isocalendar().week}" if c.date else "uden dato"
        head.markdown(
            f"{details.severity_icon(c.severity)} **{rule_label(c.rule)}** "
            f"<span class='small-muted'>· {details.severity_label(c.severity)} · {when}</span>",
            unsafe_allow_html=True,
        )
        head.markdown(html.escape(c.message))
        # (label, icon, key, view, the target view's widget state)
        targets: list[tuple[str, str, str, str, dict]] = []
        point_ids = [int(ref.split(":")[1]) for ref in c.items if ref.startswith("point:")]
        if point_ids:
            state = _point_state(ctx.plan.point(point_ids[0]))
            targets.append(("Åbn punktet", ":material/edit:", "open", "Punkter", state))
        if c.date:
            calendar_state = {
                "cal_focus": c.date,
                "cal_view": "dayGridWeek",
                "cal_nonce": st.session_state.get("cal_nonce", 0) + 1,
            }
            targets.append(
                ("Vis i kalenderen", ":material/calendar_month:", "cal", "Kalender", calendar_state)
            )
            targets.append(
                ("Vis ugen i årshjulet", ":material/donut_large:", "wheel", "Årshjul", _wheel_state(c.date))
            )
        for label, icon, key, view, state in targets:
            buttons.button(
                label,
                icon=icon,
                key=f"cf_{key}_{i}",
                width="stretch",
                on_click=goto,
                args=(view,),
                kwargs=state,
            )


def _point_state(p) -> dict:
    if p is None:
        return {}
    state = {
        "pts_pick": p.id,
        "pts_owner": "Alle",
        "pts_search": "",
        "pts_status": sorted({"planlagt", "udsat", "afventer dato", p.status}),
    }
    if p.date:
        state.update(pts_year=p.date.isocalendar().year, pts_week=p.date.isocalendar().week)
    else:
        state.update(pts_year="Alle", pts_week="Alle")
    return state


def _wheel_state(d: date) -> dict:
    school = str(st.session_state.get("wheel_start") or "").startswith("August")
    year = (d.year if d.month >= 8 else d.year - 1) if school else d.year
    return {"wheel_year": year, "wheel_week": monday_of(d)}
