"""Konflikter: every conflict with its explanation and a one-click way to the item."""

from __future__ import annotations

import html
from collections import Counter
from datetime import date

import streamlit as st

from planner.dates import format_long
from planner.ui import details
from planner.ui.state import AppContext, goto
from planner.wheel import monday_of

RULE_LABELS = {
    "public-holiday": "Helligdag",
    "closure": "Ferie eller lukket dag",
    "absent-owner": "Ansvarlig er fraværende",
    "absent-participant": "Deltager er fraværende",
    "order": "Rækkefølge",
    "overfull": "For mange punkter",
    "duplicate": "Dobbelt punkt",
    "past-planned": "Planlagt i fortiden",
    "political-same-day": "Samme dag som politisk møde",
    "off-rhythm": "Uden for mødedagen",
    "merge-conflict": "Din ændring mod dokumentet",
}
SEVERITY_ORDER = ("error", "warning", "info")
PAGE = 50


def rule_label(rule: str) -> str:
    return RULE_LABELS.get(rule, rule.replace("-", " ").capitalize())


def render(ctx: AppContext) -> None:
    st.header("Konflikter")
    conflicts = ctx.conflicts
    if not conflicts:
        st.success("Ingen konflikter i planen.")
        return
    counts = Counter(c.severity for c in conflicts)
    cols = st.columns(4)
    for col, sev in zip(cols, SEVERITY_ORDER, strict=False):
        col.metric(f"{details.severity_icon(sev)} {details.severity_label(sev)}", counts.get(sev, 0))
    c1, c2, c3 = st.columns([2, 3, 2])
    # Pills rather than multiselects: Streamlit's multiselect offers an English "Select all".
    sevs = c1.pills("Alvor", list(SEVERITY_ORDER), selection_mode="multi", default=["error", "warning"],
                    key="cf_sev", format_func=details.severity_label) or []  # fmt: skip
    rules = sorted({c.rule for c in conflicts})
    chosen_rules = c2.pills("Type (ingen valgt = alle)", rules, selection_mode="multi", key="cf_rules",
                            format_func=rule_label) or []  # fmt: skip
    ahead = any((c.date or date.max) >= ctx.today for c in conflicts)
    upcoming = c3.toggle("Kun fra i dag og frem", value=ahead, key="cf_upcoming",
                         help="Skjul konflikter i møder, der har været holdt")  # fmt: skip
    shown = [c for c in conflicts if (not sevs or c.severity in sevs)
             and (not chosen_rules or c.rule in chosen_rules)
             and (not upcoming or (c.date or date.max) >= ctx.today)]  # fmt: skip
    shown = list({c.key: c for c in shown}.values())
    st.caption(f"Viser {min(len(shown), st.session_state.get('cf_limit', PAGE))} af {len(shown)} konflikter")
    for c in shown[: st.session_state.get("cf_limit", PAGE)]:
        _card(ctx, c)
    if len(shown) > st.session_state.get("cf_limit", PAGE):
        st.button("Vis flere", key="cf_more",
                  on_click=lambda: st.session_state.update(cf_limit=st.session_state.get("cf_limit", PAGE) + PAGE))  # fmt: skip


def _card(ctx: AppContext, c) -> None:
    i = f"{c.rule}_{'_'.join(c.items)}_{c.date}"  # stable: the same conflict keeps its buttons
    with st.container(border=True):
        head, buttons = st.columns([5, 2])
        when = f"{format_long(c.date)} · uge {c.date.isocalendar().week}" if c.date else "uden dato"
        head.markdown(f"{details.severity_icon(c.severity)} **{rule_label(c.rule)}** "
                      f"<span class='small-muted'>· {details.severity_label(c.severity)} · {when}</span>",
                      unsafe_allow_html=True)  # fmt: skip
        head.markdown(html.escape(c.message))
        point_ids = [int(ref.split(":")[1]) for ref in c.items if ref.startswith("point:")]
        if point_ids:
            p = ctx.plan.point(point_ids[0])
            buttons.button("Åbn punktet", icon=":material/edit:", key=f"cf_open_{i}", width="stretch", on_click=goto,
                           args=("Punkter",), kwargs=_point_state(p))  # fmt: skip
        if c.date:
            buttons.button("Vis i kalenderen", icon=":material/calendar_month:", key=f"cf_cal_{i}", width="stretch", on_click=goto,
                           args=("Kalender",), kwargs={"cal_focus": c.date, "cal_view": "dayGridWeek",
                                                       "cal_nonce": st.session_state.get("cal_nonce", 0) + 1})  # fmt: skip
            buttons.button("Vis ugen i årshjulet", icon=":material/donut_large:", key=f"cf_wheel_{i}", width="stretch", on_click=goto,
                           args=("Årshjul",), kwargs=_wheel_state(c.date))  # fmt: skip


def _point_state(p) -> dict:
    if p is None:
        return {}
    state = {"pts_pick": p.id, "pts_owner": "Alle", "pts_search": "",
             "pts_status": sorted({"planlagt", "afventer dato", p.status})}  # fmt: skip
    if p.date:
        state.update(pts_year=p.date.isocalendar().year, pts_week=p.date.isocalendar().week)
    else:
        state.update(pts_year="Alle", pts_week="Alle")
    return state


def _wheel_state(d: date) -> dict:
    school = str(st.session_state.get("wheel_start") or "").startswith("August")
    year = (d.year if d.month >= 8 else d.year - 1) if school else d.year
    return {"wheel_year": year, "wheel_week": monday_of(d)}
