"""Abonnement og eksport: feed URLs (https + webcal) to copy, ICS downloads and the Excel export."""

from __future__ import annotations

import html
from functools import partial

import streamlit as st

from planner.commands import PlanError, revoke_feed, rotate_feed
from planner.docwriters.excel import plan_workbook
from planner.ui import danish
from planner.ui.state import AppContext, flash, load_context, load_plan

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@st.cache_resource(max_entries=4, show_spinner=False)
def _ics_files(db_path: str, version: int) -> dict[str, tuple[str, bytes]]:
    """name → (calendar name, .ics bytes), rendered once per plan version."""
    from planner.feeds.catalog import build_feeds, calendar_periods, render_feeds

    plan = load_plan(db_path, version)
    feeds = build_feeds(plan, calendar_periods(plan))
    bodies = render_feeds(feeds)  # one renderer: an event several feeds share is serialised once
    return {f.name: (f.calname, bodies[f.name]) for f in feeds}


def _ics_body(db_path: str, version: int, name: str) -> bytes:
    return _ics_files(db_path, version)[name][1]


@st.cache_resource(max_entries=4, show_spinner=False)
def _excel(db_path: str, version: int) -> bytes:
    return plan_workbook(load_plan(db_path, version), load_context(db_path, version).closures)


def _feed_infos(ctx: AppContext) -> list:
    from planner.feeds.catalog import FeedRegistry

    with ctx.store() as store:
        return FeedRegistry(store).urls(ctx.feed_base_url)


def render(ctx: AppContext) -> None:
    danish.use()
    st.header("Abonnement og eksport")
    tab_sub, tab_ics, tab_xlsx = st.tabs(
        [":material/rss_feed: Abonnér i Outlook", ":material/event: ICS-filer", ":material/table_view: Excel"]
    )
    with tab_sub:
        _subscriptions(ctx)
    with tab_ics:
        _downloads(ctx)
    with tab_xlsx:
        _excel_export(ctx)


def _subscriptions(ctx: AppContext) -> None:
    st.markdown(
        "Abonnér på kalenderen, så ændringer automatisk kommer med i Outlook, Google eller Apple Kalender.\n\n"
        "**Outlook:** *Tilføj kalender → Abonnér fra internettet*, og indsæt adressen. "
        "**Apple/Outlook på Mac:** klik på webcal-linket. Kalenderen opdateres typisk hver time."
    )
    infos = _feed_infos(ctx)
    if not ctx.feed_base_url.startswith("https://"):
        st.caption(
            f"Adresserne bygger på {ctx.feed_base_url} (sæt PLANNER_FEED_BASE_URL til den offentlige "
            "https-adresse, når kalenderserveren er sat op)."
        )
    for info in infos:
        with st.container(border=True):
            lock = " :material/lock: intern – del den ikke uden for Direktionen" if info.internal else ""
            st.markdown(
                f"**{html.escape(info.calname)}**{lock}  \n"
                f"<span class='small-muted'>{html.escape(info.description)}</span>",
                unsafe_allow_html=True,
            )
            if ctx.may("feeds"):
                _token_buttons(ctx, info)
            if info.revoked:
                st.warning("Linket er trukket tilbage: kalenderprogrammer får ikke længere opdateringer.")
                continue
            st.caption("Adresse til Outlook (Abonnér fra internettet) og Google Kalender (Fra webadresse)")
            st.code(info.url, language=None)
            danish.copy_button(info.url, "Kopiér adressen")
            st.caption(
                f"webcal-adresse (Apple Kalender, Outlook på Mac) · [åbn i kalenderprogrammet]({info.webcal_url})"
            )
            st.code(info.webcal_url, language=None)
            danish.copy_button(info.webcal_url, "Kopiér webcal-adressen")


def _token_buttons(ctx: AppContext, info) -> None:
    """Rotate (a new link, the old one dead at once) or revoke a feed's link; sekretariat only."""
    c1, c2, _ = st.columns([1, 1, 2])
    if c1.button(
        "Nyt link",
        key=f"rotate_{info.name}",
        icon=":material/autorenew:",
        width="stretch",
        help="Giver kalenderen et nyt link; det gamle holder op med at virke med det samme",
    ):
        _token_action(
            ctx, rotate_feed, info, f"{info.calname} har fået et nyt link. Send det til abonnenterne."
        )
    if not info.revoked and c2.button(
        "Træk linket tilbage",
        key=f"revoke_{info.name}",
        icon=":material/link_off:",
        width="stretch",
        help="Linket giver 404, indtil kalenderen får et nyt",
    ):
        _token_action(ctx, revoke_feed, info, f"Linket til {info.calname} er trukket tilbage.")


def _token_action(ctx: AppContext, action, info, done: str) -> None:
    try:
        with ctx.store() as store:
            action(store, info.name, actor=ctx.actor)
    except PlanError as exc:
        flash(str(exc), "error")
    else:
        flash(done)
    st.rerun()


def _downloads(ctx: AppContext) -> None:
    st.markdown(
        "Hent en kalenderfil én gang (ændringer kommer ikke med automatisk – brug abonnement til det)."
    )
    from planner.feeds.catalog import feed_specs

    cols = st.columns(3)
    for i, spec in enumerate(feed_specs(ctx.plan)):
        # The file is made when the button is clicked (a 10-year plan takes a moment).
        cols[i % 3].download_button(
            spec.calname,
            icon=":material/download:",
            file_name=f"{spec.name}.ics",
            mime="text/calendar",
            data=partial(_ics_body, ctx.db_path, ctx.version, spec.name),
            on_click="ignore",
            key=f"ics_{spec.name}",
            width="stretch",
        )


def _excel_export(ctx: AppContext) -> None:
    st.markdown(
        "Hele planen som Excel-ark: ét ark pr. lag (punkter, møder, politiske møder, ferie og fravær, "
        "andre aktiviteter) med rigtige datoer og filtre."
    )
    st.download_button(
        "Hent Excel-fil",
        icon=":material/download:",
        data=partial(_excel, ctx.db_path, ctx.version),
        file_name=f"direktionens-aarshjul-v{ctx.version}.xlsx",
        mime=XLSX_MIME,
        key="xlsx_download",
        type="primary",
        on_click="ignore",
    )
