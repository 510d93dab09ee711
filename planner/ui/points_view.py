"""Punkter: every agenda point in a filterable table; add, edit, delete and schedule the backlog."""

from __future__ import annotations

import html
from datetime import date

import pandas as pd
import streamlit as st

from planner.calendar.agenda_times import clock_label, plan_spans, timed_days
from planner.dates import format_long
from planner.plan import POINT_STATUSES, Point
from planner.storage.store import StaleEdit, StoreError
from planner.ui import details
from planner.ui.agenda_download import render_downloads
from planner.ui.state import AppContext, conflict_refs, flash

STALE = (
    "Punktet er ændret af en anden, siden du åbnede det. Dine ændringer er ikke gemt; "
    "formularen viser nu de nyeste oplysninger."
)
NO_OWNER = "(ingen)"
ALL = "Alle"


def _people(ctx: AppContext) -> list[str]:
    plan = ctx.plan
    return sorted({p.name for p in plan.people if p.name} | {p.owner for p in plan.points if p.owner})


def _filtered(ctx: AppContext) -> list[Point]:
    year, week = st.session_state.get("pts_year", ALL), st.session_state.get("pts_week", ALL)
    owner = st.session_state.get("pts_owner", ALL)
    statuses = st.session_state.get("pts_status") or list(POINT_STATUSES)
    needle = (st.session_state.get("pts_search") or "").strip().lower()
    out = []
    for p in ctx.plan.points:
        if p.status not in statuses:
            continue
        if year != ALL and (p.date is None or p.date.isocalendar().year != year):
            continue
        if week != ALL and (p.date is None or p.date.isocalendar().week != week):
            continue
        if (owner == NO_OWNER and p.owner) or (owner not in (ALL, NO_OWNER) and p.owner != owner):
            continue
        if needle and needle not in p.title.lower() and needle not in (p.description or "").lower():
            continue
        out.append(p)
    return sorted(out, key=lambda p: (p.date or date.max, p.id or 0))


def render(ctx: AppContext) -> None:
    st.header("Punkter")
    plan = ctx.plan
    this_year = ctx.today.isocalendar().year
    years = sorted({p.date.isocalendar().year for p in plan.points if p.date} | {this_year})
    st.session_state.setdefault("pts_status", ["planlagt", "udsat", "afventer dato"])
    st.session_state.setdefault("pts_year", this_year)  # today's year, documents or not
    if st.session_state.get("pts_year", ALL) not in (ALL, *years):
        st.session_state["pts_year"] = ALL
    c1, c2, c3, c5 = st.columns([1, 1, 1.6, 2.4])
    c1.selectbox("År", [ALL, *years], key="pts_year")
    c2.selectbox(
        "Uge", [ALL, *range(1, 54)], key="pts_week", format_func=lambda w: w if w == ALL else f"uge {w}"
    )
    c3.selectbox("Ansvarlig", [ALL, NO_OWNER, *_people(ctx)], key="pts_owner")
    c5.text_input("Søg i titel", key="pts_search", placeholder="fx budget")
    st.pills(
        "Status", list(POINT_STATUSES), selection_mode="multi", key="pts_status"
    )  # no English "Select all"
    chosen = st.session_state.get("pts_year", ALL)
    if chosen != ALL:
        details.no_documents_note(
            ctx, date.fromisocalendar(chosen, 1, 1), date.fromisocalendar(chosen + 1, 1, 1), str(chosen)
        )
    points = _filtered(ctx)
    refs = conflict_refs(ctx.conflicts)
    _table(points, refs, ctx.may("see_closed"), ctx.may("edit"), _clock_labels(ctx.plan, points))
    render_downloads(ctx)
    if not ctx.may("edit"):
        st.caption(
            f"Du har rollen «{getattr(ctx.actor, 'role', '')}» og kan læse planen, men ikke ændre den."
        )
        return
    left, right = st.columns([3, 2], gap="large")
    with left:
        _edit(ctx, points, refs)
    with right:
        _add(ctx)
        _backlog(ctx)


def _clock_labels(plan, points: list[Point]) -> dict[str, str]:
    """uid -> "kl. 10.45" (the agenda's time) or "ca. 13.00" (computed), on days with a timetable."""
    dated = [p.date for p in points if p.date]
    if not dated:
        return {}
    timed = timed_days(plan)
    spans = plan_spans(plan, min(dated), max(dated))
    return {p.uid: clock_label(spans[p.uid]) for p in points if p.date in timed and p.uid in spans}


def _table(
    points: list[Point], refs: dict[str, list], see_closed: bool, editable: bool, clocks: dict[str, str]
) -> None:
    rows = [
        {
            "id": p.id,
            "Dato": p.date,
            "Uge": p.date.isocalendar().week if p.date else None,
            "Kl.": clocks.get(p.uid, ""),
            "Titel": "[lukket] " + p.title if p.closed and see_closed else p.title,
            "Ansvarlig": p.owner or "",
            "Min.": p.duration_min,
            "Status": p.status,
            "Konflikter": " ".join(
                details.severity_symbol(c.severity) for c in refs.get(f"point:{p.id}", [])
            ),
            "Kilde": p.source,
        }
        for p in points
    ]
    frame = pd.DataFrame(
        rows,
        columns=["id", "Dato", "Uge", "Kl.", "Titel", "Ansvarlig", "Min.", "Status", "Konflikter", "Kilde"],
    )
    st.caption(f"{len(points)} punkter" + (" · vælg en række for at redigere" if editable else ""))
    event = st.dataframe(
        frame,
        key="pts_table",
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        height=380,
        column_config={
            "id": st.column_config.NumberColumn("Nr.", width="small", format="%d"),
            "Dato": st.column_config.DateColumn("Dato", format="DD.MM.YYYY", width="small"),
            "Uge": st.column_config.NumberColumn("Uge", width="small", format="%d"),
            "Kl.": st.column_config.TextColumn(
                "Kl.", width="small", help="kl.: dagsordenens tid; ca.: beregnet"
            ),
            "Titel": st.column_config.TextColumn("Titel", width="large"),
            "Ansvarlig": st.column_config.TextColumn(
                "Ansvarlig", width="medium"
            ),  # full names, not "Jonas Krou"
            "Min.": st.column_config.NumberColumn("Min.", width="small", format="%d"),
        },
        width="stretch",
    )
    rows_sel = getattr(getattr(event, "selection", None), "rows", None) or []
    if rows_sel and rows_sel[0] < len(points):
        chosen = points[rows_sel[0]].id
        if st.session_state.get("pts_table_last") != chosen:
            st.session_state["pts_table_last"] = chosen
            st.session_state["pts_pick"] = chosen


MAX_PICK = 500  # options in the point picker; the filters narrow a 10-year plan down


def _label(p: Point) -> str:
    when = p.date.strftime("%d.%m.%Y") if p.date else "afventer dato"
    return f"{when} · {p.title[:80]} (nr. {p.id})"


def _edit(ctx: AppContext, points: list[Point], refs: dict[str, list]) -> None:
    st.subheader("Redigér punkt")
    labels = {p.id: _label(p) for p in points[:MAX_PICK]}
    picked = st.session_state.get("pts_pick")
    if picked is not None and picked not in labels:
        extra = ctx.plan.point(picked)
        if extra is not None:
            labels = {picked: _label(extra), **labels}
    ids = list(labels)
    if len(points) > MAX_PICK:
        st.caption(
            f"Listen viser de første {MAX_PICK} af {len(points)} punkter – brug filtrene eller vælg i tabellen."
        )
    if not ids:
        st.info("Ingen punkter passer til filtrene.")
        return
    if picked not in ids:
        st.session_state["pts_pick"] = ids[0]
    pid = st.selectbox("Punkt", ids, key="pts_pick", format_func=lambda i: labels.get(i, str(i)))
    p = ctx.plan.point(pid)
    if p is None:
        return
    for c in refs.get(f"point:{p.id}", []):
        st.markdown(f"{details.severity_icon(c.severity)} {html.escape(c.message)}")
    _merge_buttons(ctx, p)
    people = _people(ctx)
    # The version this browser opened the form at: a save is checked against it, so an edit made
    # meanwhile in another browser is refused instead of overwritten.
    seen = st.session_state.setdefault(f"pe_seen_{p.id}", p.version)
    if seen != p.version:
        st.warning("Punktet er ændret af en anden, siden du åbnede det. Gemmer du nu, bliver det afvist.")
        st.button(
            "Hent den nyeste version",
            key=f"pe_reload_{p.id}",
            icon=":material/refresh:",
            on_click=st.session_state.pop,
            args=(f"pe_seen_{p.id}",),
        )
    k = f"{p.id}_{seen}"
    with st.form(f"edit_{k}"):
        title = st.text_input("Titel", value=p.title, key=f"pe_title_{k}")
        c1, c2 = st.columns(2)
        new_date = c1.date_input(
            "Dato (tom = afventer dato)", value=p.date, format="DD.MM.YYYY", key=f"pe_date_{k}"
        )
        status = c2.selectbox(
            "Status",
            list(POINT_STATUSES),
            index=list(POINT_STATUSES).index(p.status) if p.status in POINT_STATUSES else 0,
            key=f"pe_status_{k}",
        )
        owners = [NO_OWNER, *people] + ([p.owner] if p.owner and p.owner not in people else [])
        # A list of the known people plus a separate field for a new one: a selectbox that accepts new
        # options offers "Add: Kim" above "Kim Bruun Nielsen", so Enter would create a new person.
        owner = c1.selectbox(
            "Ansvarlig", owners, index=owners.index(p.owner) if p.owner else 0, key=f"pe_owner_{k}"
        )
        new_owner = c2.text_input(
            "… eller en ny ansvarlig", key=f"pe_new_owner_{k}", placeholder="fulde navn"
        )
        duration = c2.number_input(
            "Varighed (minutter)",
            min_value=5,
            max_value=480,
            step=5,
            value=int(p.duration_min),
            key=f"pe_duration_{k}",
        )
        description = st.text_area("Beskrivelse", value=p.description or "", height=80, key=f"pe_desc_{k}")
        extra = st.checkbox(
            "Opret et ekstra møde, hvis der ikke er møde på den nye dato", value=True, key=f"pe_extra_{k}"
        )
        saved = st.form_submit_button("Gem ændringer", type="primary", key=f"pe_save_{k}")
    note = f" · note: {p.note}" if p.note else ""
    st.caption(
        f"Kilde: {p.source or '—'}"
        + (f", linje {p.source_line}" if p.source_line else "")
        + f" · version {p.version}{note}"
    )
    if saved:
        owner = new_owner.strip() or owner
        fields = {
            "title": title.strip() or p.title,
            "status": status,
            "duration_min": int(duration),
            "owner": None if owner in (NO_OWNER, None, "") else owner,
            "description": description,
        }
        changed = {name: v for name, v in fields.items() if getattr(p, name) != v}
        _save(ctx, p, seen, changed, new_date if isinstance(new_date, date) else None, extra)
    _delete(ctx, p, seen)


def _save(ctx: AppContext, p: Point, seen: int, changed: dict, new_date: date | None, extra: bool) -> None:
    from planner.commands import update_point

    if new_date != p.date:
        changed["date"] = new_date
        if new_date is None and changed.get("status") == "planlagt":
            changed.pop("status")
    if not changed:
        st.info("Ingen ændringer at gemme.")
        return
    try:
        with ctx.store() as store:
            update_point(store, p.id, expected_version=seen, actor=ctx.actor, create_meeting=extra, **changed)
    except StaleEdit:
        st.session_state.pop(f"pe_seen_{p.id}", None)
        flash(STALE, "error")
        st.rerun()
    except (StoreError, ValueError, KeyError) as exc:
        st.error(f"Punktet kunne ikke gemmes: {exc}")
        return
    st.session_state.pop(f"pe_seen_{p.id}", None)
    flash(f"«{changed.get('title', p.title)}» er gemt.")
    st.rerun()


def _merge_buttons(ctx: AppContext, p: Point) -> None:
    pending = [k for k in p.edited if k.startswith("pending:")]
    if not pending:
        return
    c1, c2 = st.columns(2)
    for keep, label, col in (("mine", "Behold min ændring", c1), ("document", "Brug dokumentets værdi", c2)):
        if col.button(label, key=f"merge_{keep}_{p.id}"):
            from planner.commands import resolve_merge

            try:
                with ctx.store() as store:
                    resolve_merge(store, p.id, keep=keep)
                flash("Konflikten mellem din ændring og dokumentet er løst.")
            except (StaleEdit, StoreError, ValueError) as exc:
                flash(f"Kunne ikke løse konflikten: {exc}", "error")
            st.rerun()


def _delete(ctx: AppContext, p: Point, seen: int) -> None:
    with st.expander("Slet punkt"):
        sure = st.checkbox(f"Ja, slet «{p.title}»", key=f"del_sure_{p.id}")
        if st.button("Slet punktet", key=f"del_{p.id}", disabled=not sure):
            from planner.commands import delete_point

            try:
                with ctx.store() as store:
                    delete_point(store, p.id, expected_version=seen, actor=ctx.actor)
            except StaleEdit:
                flash(STALE, "error")
                st.rerun()
            except (StoreError, ValueError) as exc:  # NotAllowed (a role without the right) included
                flash(str(exc), "error")
                st.rerun()
            gone = p.origin == "manual" and not p.doc_date
            what = "slettet" if gone else "aflyst (det kommer fra et dokument og bliver stående som aflyst)"
            if gone:
                st.session_state.pop("pts_pick", None)
            flash(f"«{p.title}» er {what}. Du kan fortryde under «Seneste ændringer» i sidepanelet.")
            st.rerun()


def _add(ctx: AppContext) -> None:
    st.subheader("Nyt punkt")
    with st.form("add_point", clear_on_submit=True):
        title = st.text_input("Titel", key="pa_title")
        c1, c2 = st.columns(2)
        when = c1.date_input("Dato (tom = afventer dato)", value=None, format="DD.MM.YYYY", key="pa_date")
        duration = c2.number_input(
            "Varighed (minutter)", min_value=5, max_value=480, step=5, value=15, key="pa_duration"
        )
        c3, c4 = st.columns(2)
        owner = c3.selectbox("Ansvarlig", [NO_OWNER, *_people(ctx)], key="pa_owner")
        new_owner = c4.text_input("… eller en ny ansvarlig", key="pa_new_owner", placeholder="fulde navn")
        added = st.form_submit_button("Tilføj punkt", key="pa_add")
    if added:
        if not title.strip():
            st.error("Skriv en titel.")
            return
        from planner.commands import add_point

        fields = {"duration_min": int(duration), "actor": ctx.actor}
        owner = new_owner.strip() or owner
        if owner and owner != NO_OWNER:
            fields["owner"] = owner
        try:
            with ctx.store() as store:
                add_point(store, title.strip(), when if isinstance(when, date) else None, **fields)
        except (StoreError, ValueError) as exc:
            st.error(f"Punktet kunne ikke tilføjes: {exc}")
            return
        where = format_long(when) if isinstance(when, date) else "listen «afventer dato»"
        flash(f"«{title.strip()}» er tilføjet ({where}).")
        st.rerun()


def _backlog(ctx: AppContext) -> None:
    waiting = [p for p in ctx.plan.points if p.status == "afventer dato"]
    st.subheader(f"Afventer dato ({len(waiting)})")
    if not waiting:
        st.caption("Ingen punkter venter på en dato.")
        return
    for p in sorted(waiting, key=lambda p: p.id or 0)[:30]:
        st.button(
            p.title[:70],
            key=f"backlog_{p.id}",
            icon=":material/push_pin:",
            help="Åbn punktet og giv det en dato",
            on_click=_pick,
            args=(p.id,),
        )


def _pick(point_id: int) -> None:
    st.session_state["pts_pick"] = point_id
    for key in ("pts_year", "pts_week", "pts_owner"):
        st.session_state[key] = ALL
