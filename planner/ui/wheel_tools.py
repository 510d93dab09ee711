"""Under the wheel: print and export, read-only links, and the own rings with their activities."""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from planner import commands as cmd
from planner.dates import format_long
from planner.storage.store import StaleEdit
from planner.ui import danish
from planner.ui.state import AppContext, flash
from planner.wheel.export import PAPERS, ExportError, WheelRequest, print_figure, wheel_bytes

_MIME = {"pdf": "application/pdf", "png": "image/png", "svg": "image/svg+xml"}


def render_print_and_share(ctx: AppContext, request: WheelRequest) -> None:
    danish.use()
    with st.expander("Udskriv, eksportér og del", icon=":material/print:"):
        c1, c2, c3 = st.columns([1, 1, 2])
        paper = c1.selectbox(
            "Papir", ["a3", "a4"], format_func=lambda k: f"{k.upper()} på tværs", key="wheel_paper"
        )
        fmt = c2.selectbox("Format", ["pdf", "png", "svg"], format_func=str.upper, key="wheel_format")
        if c3.button("Lav fil", icon=":material/draft:", key="wheel_make_file"):
            with st.spinner("Tegner årshjulet …"):
                # As on screen: with the rhythm's meetings ahead of today.
                fig = print_figure(ctx.view_plan, request, ctx.today, PAPERS[paper], ctx.calendar.closures)
                try:
                    st.session_state["wheel_file"] = (fmt, wheel_bytes(fig, fmt), request.label())
                except ExportError as exc:
                    st.error(str(exc))
        made = st.session_state.get("wheel_file")
        if made:
            kind, data, label = made
            st.download_button(
                f"Hent årshjul {label} ({kind.upper()})",
                data,
                f"aarshjul-{label.replace('/', '-')}.{kind}",
                mime=_MIME[kind],
                icon=":material/download:",
                key="wheel_download",
            )
        st.divider()
        _shares(ctx, request)


def _shares(ctx: AppContext, request: WheelRequest) -> None:
    from planner.wheel.share import WheelShares

    st.markdown(
        "**Læselink** – årshjulet uden redigering og uden lukkede punkter; kan indlejres på intranettet."
    )
    if st.button("Opret læselink til dette hjul", icon=":material/link:", key="wheel_share_new"):
        _run(lambda store: cmd.share_wheel(store, request, actor=ctx.actor), "Læselinket er oprettet", ctx)
    with ctx.store() as store:
        shares = [s for s in WheelShares(store).all() if s.active]
    for s in shares:
        url = s.url(ctx.feed_base_url)
        row = st.columns([4, 1])
        who = f" · {s.request.person}" if s.request.person else ""
        row[0].markdown(f"Årshjul {s.request.label()}{who}")
        row[0].code(f'<iframe src="{url}" width="100%" height="800"></iframe>', language="html")
        with row[0]:
            danish.copy_button(url, "Kopiér linket")
        if row[1].button("Tilbagekald", key=f"wheel_share_revoke_{s.id}", icon=":material/link_off:"):
            _run(
                lambda store, s=s: cmd.revoke_share(store, str(s.id), actor=ctx.actor),
                "Læselinket er tilbagekaldt; adressen virker ikke længere",
                ctx,
            )


def render_own_rings(ctx: AppContext, week: date) -> None:
    plan = ctx.plan
    with st.expander("Egne ringe og aktiviteter", icon=":material/donut_large:"):
        with st.form("ring_new", clear_on_submit=True, border=False):
            c1, c2, c3 = st.columns([3, 1, 1.2])
            name = c1.text_input("Ny ring", placeholder="fx Budgetproces, MED-møder, Lederdage")
            color = c2.color_picker("Farve", "#6a5acd")
            c3.markdown("&nbsp;")
            if c3.form_submit_button("Tilføj ring", icon=":material/add:"):
                _run(
                    lambda store: cmd.add_ring(store, name, color, actor=ctx.actor),
                    f"Ringen «{name.strip()}» er tilføjet",
                    ctx,
                )
        if not plan.rings:
            st.caption("Ingen egne ringe endnu.")
            return
        rings = {r.id: r for r in plan.rings}
        with st.form("activity_new", clear_on_submit=True, border=True):
            st.markdown(f"**Ny aktivitet** (forslag: uge {week.isocalendar().week})")
            c1, c2 = st.columns([1, 2])
            ring_id = c1.selectbox("Ring", list(rings), format_func=lambda i: rings[i].name)
            title = c2.text_input("Titel")
            c3, c4, c5 = st.columns([1, 1, 1])
            start = c3.date_input("Fra", week + timedelta(days=2), format="DD.MM.YYYY")
            end = c4.date_input("Til", week + timedelta(days=2), format="DD.MM.YYYY")
            yearly = c5.checkbox("Hvert år")
            if st.form_submit_button("Tilføj aktivitet", icon=":material/add:"):
                _run(
                    lambda store: cmd.add_activity(
                        store,
                        ring_id,
                        title,
                        start,
                        end,
                        recurrence="yearly" if yearly else "",
                        actor=ctx.actor,
                    ),
                    f"Aktiviteten «{title.strip()}» er tilføjet",
                    ctx,
                )
        for a in sorted(plan.activities, key=lambda a: (a.start, a.id or 0)):
            ring = rings.get(a.ring_id)
            row = st.columns([4, 1.2, 0.9, 0.9])
            span = (
                format_long(a.start) if a.start == a.end else f"{format_long(a.start)} – {format_long(a.end)}"
            )
            row[0].markdown(
                f"**{ring.name if ring else '?'}**: {a.title} · {span}"
                + (" · hvert år" if a.recurrence else "")
            )
            moved = row[1].date_input(
                "Flyt til", a.start, key=f"act_move_{a.id}", format="DD.MM.YYYY", label_visibility="collapsed"
            )
            if moved != a.start:
                _run(
                    lambda store, a=a, moved=moved: cmd.update_activity(
                        store, a.id, start=moved, expected_version=a.version, actor=ctx.actor
                    ),
                    f"«{a.title}» er flyttet til {format_long(moved)}",
                    ctx,
                )
            with row[2].popover("Ret", icon=":material/edit:"):
                _edit_activity(ctx, a, rings)
            if row[3].button("Slet", key=f"act_delete_{a.id}", icon=":material/delete:"):
                _run(
                    lambda store, a=a: cmd.delete_activity(store, a.id, actor=ctx.actor),
                    f"«{a.title}» er slettet",
                    ctx,
                )
        ring_id = st.selectbox(
            "Slet en ring",
            [None, *rings],
            format_func=lambda i: "vælg …" if i is None else rings[i].name,
            key="ring_delete_pick",
        )
        if ring_id is not None and st.button(
            f"Slet ringen «{rings[ring_id].name}» og dens aktiviteter", key="ring_delete"
        ):
            _run(
                lambda store: cmd.delete_ring(store, ring_id, actor=ctx.actor),
                "Ringen er slettet (kan fortrydes)",
                ctx,
            )


def _edit_activity(ctx: AppContext, a, rings: dict) -> None:
    with st.form(f"act_edit_{a.id}_{a.version}", border=False):
        ids = list(rings)
        ring_id = st.selectbox(
            "Ring",
            ids,
            index=ids.index(a.ring_id) if a.ring_id in ids else 0,
            format_func=lambda i: rings[i].name,
            key=f"act_ring_{a.id}",
        )
        title = st.text_input("Titel", a.title, key=f"act_title_{a.id}")
        c1, c2 = st.columns(2)
        start = c1.date_input("Fra", a.start, format="DD.MM.YYYY", key=f"act_start_{a.id}")
        end = c2.date_input("Til", a.end, format="DD.MM.YYYY", key=f"act_end_{a.id}")
        yearly = st.checkbox("Hvert år", a.recurrence == "yearly", key=f"act_yearly_{a.id}")
        note = st.text_input("Note", a.note, key=f"act_note_{a.id}")
        if st.form_submit_button("Gem", type="primary"):
            _run(
                lambda store: cmd.update_activity(
                    store,
                    a.id,
                    title=title,
                    start=start,
                    end=end,
                    recurrence="yearly" if yearly else "",
                    note=note,
                    ring=ring_id,
                    expected_version=a.version,
                    actor=ctx.actor,
                ),
                f"«{title.strip()}» er gemt",
                ctx,
            )


def _run(action, message: str, ctx: AppContext) -> None:
    try:
        with ctx.store() as store:
            action(store)
    except (cmd.PlanError, StaleEdit) as exc:
        st.error(str(exc))
        return
    flash(message)
    st.rerun()
