"""Page set-up, sidebar (database, user, recent changes) and navigation between the views."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from planner.dates import format_long
from planner.store import StaleEdit, StoreError
from planner.ui import (
    calendar_view,
    conflicts_view,
    import_view,
    points_view,
    subscribe_view,
    wheel_view,
)
from planner.ui.state import (
    AppContext,
    current_version,
    env_db_path,
    env_feed_base_url,
    flash,
    local_time,
    open_store,
    show_flashes,
    today,
)

VIEWS: dict[str, tuple[str, Callable[[AppContext], None]]] = {
    "Årshjul": ("aarshjul", wheel_view.render),
    "Kalender": ("kalender", calendar_view.render),
    "Punkter": ("punkter", points_view.render),
    "Konflikter": ("konflikter", conflicts_view.render),
    "Import": ("import", import_view.render),
    "Abonnement og eksport": ("abonnement", subscribe_view.render),
}
ICONS = {"Årshjul": ":material/donut_large:", "Kalender": ":material/calendar_month:",
         "Punkter": ":material/list_alt:", "Konflikter": ":material/warning:", "Import": ":material/upload_file:",
         "Abonnement og eksport": ":material/ios_share:"}  # fmt: skip

CSS = """
<style>
  .block-container { padding-top: 2.2rem; max-width: 1400px; }
  [data-testid="stSidebar"] .stRadio label p { font-size: 1.02rem; }
  .small-muted { color: #5b6770; font-size: 0.85rem; }
</style>
"""


def _initial_view() -> None:
    if "view" in st.session_state:
        return
    wanted = st.query_params.get("side")
    for label, (slug, _render) in VIEWS.items():
        if slug == wanted:
            st.session_state["view"] = label
            return
    st.session_state["view"] = "Årshjul"


def _sidebar(ctx_version: int, db_path: str) -> str:
    with st.sidebar:
        st.markdown("### Direktionens årshjul\n<span class='small-muted'>Norddjurs Kommune</span>",
                    unsafe_allow_html=True)  # fmt: skip
        st.radio("Visning", list(VIEWS), key="view", format_func=lambda v: f"{ICONS[v]} {v}",
                 label_visibility="collapsed")  # fmt: skip
        st.divider()
        st.text_input("Dit navn (vises i historikken)", key="actor", placeholder="fx sekretariatet")
        _recent_changes(db_path)
        with st.expander("Indstillinger"):
            st.text_input("Database", key="db_path", help="Stien til SQLite-databasen (PLANNER_DB)")
            st.caption(f"Planversion {ctx_version}")
    return st.session_state["view"]


def _recent_changes(db_path: str) -> None:
    with open_store(db_path) as store:
        changes = store.history(limit=5)
    if not changes:
        return
    with st.expander("Seneste ændringer"):
        for ch in changes:
            mark = " (fortrudt)" if ch.undone else ""
            st.markdown(f"<span class='small-muted'>{local_time(ch.ts)} · "
                        f"{html.escape(ch.actor)}</span><br>{html.escape(ch.summary)}{mark}",
                        unsafe_allow_html=True)  # fmt: skip
        latest = next((c for c in changes if not c.undone and c.action != "undo"), None)
        if latest is not None and st.button("Fortryd seneste ændring", key="undo_latest", icon=":material/undo:",
                                            help=latest.summary):  # fmt: skip
            _undo(db_path, latest.id)


def _undo(db_path: str, change_id: int) -> None:
    try:
        with open_store(db_path) as store:
            store.undo(change_id, actor=st.session_state.get("actor") or "bruger")
        flash("Ændringen er fortrudt.")
    except (StaleEdit, StoreError) as exc:
        flash(f"Kan ikke fortryde: {exc}", "error")
    st.rerun()


def main() -> None:
    st.set_page_config(page_title="Direktionens årshjul", page_icon="🎡", layout="wide",
                       initial_sidebar_state="expanded")  # fmt: skip
    st.markdown(CSS, unsafe_allow_html=True)
    st.session_state.setdefault("db_path", env_db_path())
    st.session_state.setdefault("actor", "")
    _initial_view()
    db_path = st.session_state["db_path"]
    if db_path != env_db_path() and not Path(db_path).is_file():
        # A typo in the sidebar must not silently create a new, empty database.
        st.session_state["db_path"] = env_db_path()
        flash(f"Databasen {db_path} findes ikke; {env_db_path()} bruges.", "error")
        st.rerun()
    try:
        version = current_version(db_path)
    except Exception as exc:  # a wrong path typed in the sidebar must not kill the app
        st.error(f"Databasen {db_path} kan ikke åbnes: {exc}")
        st.session_state["db_path"] = env_db_path()
        return
    view = _sidebar(version, db_path)
    st.query_params["side"] = VIEWS[view][0]
    ctx = AppContext(db_path=db_path, version=version, feed_base_url=env_feed_base_url(), today=today(),
                     actor=(st.session_state.get("actor") or "").strip() or "bruger")  # fmt: skip
    show_flashes()
    if version == 0 and view != "Import":
        st.info("Databasen er tom. Gå til **Import** og indlæs Direktionens dagsordener og referater.")
    VIEWS[view][1](ctx)
    st.caption(f"I dag: {format_long(ctx.today)}")  # also the "page is rendered" marker for browser tests
