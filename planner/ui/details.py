"""The details of one week (meeting, points, conflicts, absences): shared by Årshjul and Kalender."""

from __future__ import annotations

import html
from datetime import date, timedelta

import streamlit as st

from planner.calendar.agenda_times import (
    SCHEDULED_STATUSES,
    Span,
    agenda_order,
    break_span,
    clock,
    clock_label,
    danish_clock,
    minutes,
    point_spans,
)
from planner.calendar.meetings_ahead import has_documents, meeting_source
from planner.dates import format_long, format_short
from planner.plan import AgendaBreak, Point
from planner.ui.calendar_events import is_extra
from planner.ui.state import AppContext, goto

SEVERITY_ICONS = {
    "error": ":red[:material/error:]",
    "warning": ":orange[:material/warning:]",
    "info": ":blue[:material/info:]",
}
SEVERITY_SYMBOLS = {"error": "⛔", "warning": "⚠", "info": "ℹ"}  # plain text, for tables
SEVERITY_LABELS = {
    "error": "Fejl",
    "fejl": "Fejl",
    "warning": "Advarsel",
    "advarsel": "Advarsel",
    "info": "Info",
}


def severity_icon(severity: str) -> str:
    return SEVERITY_ICONS.get(str(severity).lower(), SEVERITY_ICONS["warning"])


def severity_symbol(severity: str) -> str:
    return SEVERITY_SYMBOLS.get(str(severity).lower(), "⚠")


def severity_label(severity: str) -> str:
    return SEVERITY_LABELS.get(str(severity).lower(), str(severity).capitalize())


def load_bar(used: int, minutes: int) -> str:
    """How full a meeting is, as a bar that turns red when it is overfull (st.progress cannot)."""
    share = used / max(1, minutes)
    color = "#c62828" if share > 1 else "#e08a1e" if share > 0.9 else "#1b5e8c"
    over = f" – {used - minutes} minutter for meget" if share > 1 else ""
    width = min(100, round(share * 100))
    return (
        f"<div class='load-bar' title='{used} af {minutes} minutter'>"
        f"<div style='font-size:0.9em'>{used} af {minutes} minutter planlagt{over}</div>"
        f"<div style='background:#e6ebf0;border-radius:4px;height:8px'>"
        f"<div data-overfull='{str(share > 1).lower()}' style='width:{width}%;height:8px;border-radius:4px;"
        f"background:{color}'></div></div></div>"
    )


def point_line(p: Point, span: Span | None = None) -> str:
    """One point; with its `span` it starts with its time ("kl. 10.45" stated, "ca. 13.00" computed)."""
    title = ":material/lock: Lukket punkt" if p.closed else html.escape(p.title)
    if span is not None:
        title = f"{clock_label(span)} {title}"
    bits = [f"{p.duration_min} min"]
    if p.owner:
        bits.append(html.escape(p.owner))
    if p.status != "planlagt":
        bits.append(p.status)
    return f"{title} <span class='small-muted'>({', '.join(bits)})</span>"


def render_week(
    ctx: AppContext, monday: date, person: str | None = None, conflicts: list | None = None
) -> None:
    """`conflicts`: a list that covers this week (the wheel's year), else the whole plan's."""
    plan = ctx.plan
    sunday = monday + timedelta(days=6)
    st.subheader(f"Uge {monday.isocalendar().week}, {monday.isocalendar().year}")
    st.caption(f"{format_long(monday)} – {format_long(sunday)}")
    in_week = [
        p
        for p in plan.points
        if p.date
        and monday <= p.date <= sunday
        and p.status in SCHEDULED_STATUSES
        and (not person or p.owner == person or person in p.participants)
    ]
    # With the rhythm's meetings ahead of today: a week no document has reached still has its Wednesday.
    meetings = sorted((m for m in ctx.view_plan.meetings if monday <= m.date <= sunday), key=lambda m: m.date)
    shown_days = set()
    for m in meetings:
        shown_days.add(m.date)
        pts = sorted(
            (p for p in in_week if p.date == m.date), key=lambda p: (p.origin != "timetable", p.id or 0)
        )
        spans = _timed_spans(plan, m)
        pts.sort(key=lambda p: spans[p.uid].start if p.uid in spans else 0)
        used = sum(p.duration_min for p in pts)
        label = "Aflyst direktionsmøde" if m.status == "aflyst" else "Direktionsmøde"
        extra = " · ekstra møde" if is_extra(m) else ""
        if meeting_source(m) == "rhythm" and m.id is None:
            extra = " · planlagt efter den faste rytme (intet dokument endnu)"
        with st.container(border=True):
            st.markdown(f"**{label}** {format_long(m.date)}, kl. {m.start:%H:%M}–{m.end:%H:%M}{extra}")
            if m.status != "aflyst":
                st.markdown(load_bar(used, m.minutes), unsafe_allow_html=True)
            if pts:
                lines = [
                    (spans[p.uid].start if p.uid in spans else 0, f"- {point_line(p, spans.get(p.uid))}")
                    for p in pts
                ]
                lines += [
                    (minutes(b.start), f"- <span class='small-muted'>{_break_text(b)}</span>")
                    for b in m.breaks
                    if spans
                ]
                st.markdown(
                    "\n".join(line for _at, line in sorted(lines, key=lambda x: x[0])), unsafe_allow_html=True
                )
            else:
                st.markdown("<span class='small-muted'>Ingen punkter endnu.</span>", unsafe_allow_html=True)
    loose = [p for p in in_week if p.date not in shown_days]
    if loose:
        with st.container(border=True):
            st.markdown("**Punkter uden møde**")
            st.markdown(
                "\n".join(f"- {format_short(p.date)}: {point_line(p)}" for p in loose), unsafe_allow_html=True
            )
    _week_conflicts(ctx.conflicts if conflicts is None else conflicts, monday, sunday)
    _week_context(ctx, monday, sunday, person)
    week = monday.isocalendar()
    targets = (  # (label, icon, key, view, the target view's widget state)
        (
            "Vis ugen i kalenderen",
            ":material/calendar_month:",
            "cal",
            "Kalender",
            {"cal_focus": monday, "cal_view": "dayGridWeek"},
        ),
        (
            "Vis ugens punkter",
            ":material/list_alt:",
            "pts",
            "Punkter",
            {"pts_year": week.year, "pts_week": week.week},
        ),
    )
    for column, (label, icon, key, view, state) in zip(st.columns(2), targets, strict=True):
        column.button(label, key=f"week_{key}_{monday}", icon=icon, on_click=goto, args=(view,), kwargs=state)


def _timed_spans(plan, m) -> dict[str, Span]:
    """The clock times of the meeting's points, when its timetable states times (else empty: the
    rhythm's 15-minute guesses are not worth showing)."""
    points = [p for p in plan.points if p.date == m.date and p.status in SCHEDULED_STATUSES]
    if not m.breaks and all(p.start is None for p in points):
        return {}
    return point_spans(m, sorted(points, key=agenda_order))


def _break_text(b: AgendaBreak) -> str:
    start, end = break_span(b)
    until = f"–{danish_clock(clock(end))}" if end > start else ""
    return f"kl. {danish_clock(b.start)}{until} {html.escape(b.title)}"


def _week_conflicts(conflicts: list, monday: date, sunday: date) -> None:
    found = [c for c in conflicts if c.date and monday <= c.date <= sunday]
    if not found:
        return
    with st.container(border=True):
        st.markdown(f"**Konflikter ({len(found)})**")
        for c in found:
            st.markdown(f"{severity_icon(c.severity)} {html.escape(c.message)}", unsafe_allow_html=True)


def _week_context(ctx: AppContext, monday: date, sunday: date, person: str | None) -> None:
    plan = ctx.plan
    lines: list[str] = []
    for a in plan.absences:
        if a.start <= sunday and a.end >= monday and (not person or a.person == person):
            lines.append(
                f":orange[:material/person_off:] Fravær: {html.escape(a.person)} ({_span(a.start, a.end)})"
            )
    seen = set()
    for c in [*plan.closures, *ctx.calendar.closures]:
        key = (c.label, c.start, c.end)
        if key in seen or getattr(c, "kind", "") == "school_event" or c.start > sunday or c.end < monday:
            continue
        seen.add(key)
        lines.append(f":orange[:material/beach_access:] {html.escape(c.label)} ({_span(c.start, c.end)})")
    for e in sorted(plan.events, key=lambda e: e.start):
        if e.start <= sunday and e.end >= monday:
            icon = (
                ":violet[:material/account_balance:]"
                if e.category == "political"
                else ":green[:material/push_pin:]"
            )
            cancelled = " – aflyst" if e.status == "cancelled" else ""
            lines.append(f"{icon} {html.escape(e.title)} ({_span(e.start, e.end)}){cancelled}")
    rings = {r.id: r for r in plan.rings}
    for a in sorted(plan.activities, key=lambda a: (a.start, a.id or 0)):
        ring = rings.get(a.ring_id)
        for start, end in a.occurrences(monday, sunday):
            name = html.escape(ring.name) if ring else "Egen ring"
            color = ring.color if ring else "#6a5acd"
            lines.append(
                f"<span style='color:{color}'>●</span> {name}: {html.escape(a.title)} ({_span(start, end)})"
            )
    if lines:
        with st.container(border=True):
            st.markdown("**Også i ugen**")
            st.markdown("<br>".join(lines), unsafe_allow_html=True)


def _span(a: date, b: date) -> str:
    return format_short(a) if a == b else f"{format_short(a)} – {format_short(b)}"


def no_documents_note(ctx: AppContext, first: date, last: date, label: str) -> bool:
    """Say so when no document speaks of [first, last] (a year ahead of the agendas), and point to
    Import; True when it said so. The rhythm's meetings are shown all the same."""
    if has_documents(ctx.plan, first, last):
        return False
    with st.container(border=True):
        st.info(
            f"Der er ingen dagsordener eller referater for {label} endnu. Møderne vises efter den faste "
            "rytme (hver onsdag undtagen ferier og helligdage), og du kan planlægge punkter på dem. "
            "Indlæs årets dokumenter under **Import**.",
            icon=":material/event_upcoming:",
        )
        st.button(
            "Gå til Import",
            key=f"no_docs_import_{label}",
            icon=":material/upload_file:",
            on_click=goto,
            args=("Import",),
        )
    return True
