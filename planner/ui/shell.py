"""Page set-up, login, sidebar (user, recent changes) and navigation between the views.

With an identity provider in `.streamlit/secrets.toml` (`[auth]`, see README: Login og roller)
every visitor must log in with `st.login`, and their role comes from `planner.auth.RoleConfig`.
Without one the app runs in single-user mode for the person at this machine, and refuses to
serve at all when Streamlit listens on a network address. The database location is
configuration (`planner.settings`: PLANNER_DB), never something the browser can choose.
"""

from __future__ import annotations

import html
from importlib import import_module

import streamlit as st

from planner.auth import RoleConfig, User, login_configured_in, refuse_open_address
from planner.commands import undo
from planner.dates import format_long
from planner.errors import PlannerError
from planner.feeds.address import DEFAULT_BASE_URL
from planner.settings import Settings
from planner.ui import danish
from planner.ui.state import (
    AppContext,
    current_version,
    flash,
    local_time,
    open_store,
    show_flashes,
    today,
)

# label -> (slug in the address, module in planner.ui with its `render(ctx)`). A view's module is
# imported when it is first shown: the first page after a restart need not wait for pandas
# (Punkter), openpyxl (Abonnement og eksport) or the document readers (Import).
VIEWS: dict[str, tuple[str, str]] = {
    "Årshjul": ("aarshjul", "wheel_view"),
    "Kalender": ("kalender", "calendar_view"),
    "Punkter": ("punkter", "points_view"),
    "Konflikter": ("konflikter", "conflicts_view"),
    "Import": ("import", "import_view"),
    "Abonnement og eksport": ("abonnement", "subscribe_view"),
}
ICONS = {
    "Årshjul": ":material/donut_large:",
    "Kalender": ":material/calendar_month:",
    "Punkter": ":material/list_alt:",
    "Konflikter": ":material/warning:",
    "Import": ":material/upload_file:",
    "Abonnement og eksport": ":material/ios_share:",
}

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
    for label, (slug, _module) in VIEWS.items():
        if slug == wanted:
            st.session_state["view"] = label
            return
    st.session_state["view"] = "Årshjul"


def _auth_section() -> dict | None:
    try:
        if not st.secrets.load_if_toml_exists():
            return None
        auth = st.secrets.get("auth")
    except Exception:  # an unreadable secrets.toml: no login, so loopback only (checked below)
        return None
    return auth.to_dict() if hasattr(auth, "to_dict") else auth


def _provider(auth: dict) -> str | None:
    """The `[auth.NAME]` provider to log in with, or None for the one written directly in `[auth]`."""
    named = [k for k, v in auth.items() if isinstance(v, dict) and v.get("client_id")]
    return None if auth.get("client_id") or not named else named[0]


def _login_page(auth: dict) -> None:
    st.title("Direktionens årshjul")
    st.markdown("Norddjurs Kommune · log ind med din kommunale konto for at se planen.")
    st.button("Log ind", type="primary", icon=":material/login:", on_click=st.login, args=(_provider(auth),))


@st.cache_resource(max_entries=2, show_spinner=False)
def _role_config(path: str, stamp: float | None) -> RoleConfig:
    """Read once per version of the file: an edited roles file applies from the next page view."""
    return RoleConfig.load(path)


def roles(settings: Settings) -> RoleConfig:
    path = settings.roles
    try:
        stamp = path.stat().st_mtime
    except OSError:
        stamp = None
    return _role_config(str(path), stamp)


def current_user(settings: Settings) -> User | None:
    """Who is using the app, or None after showing why they cannot (login page, no access, …)."""
    auth = _auth_section()
    if login_configured_in(auth):
        if not st.user.is_logged_in:
            _login_page(auth)
            return None
        claims = st.user.to_dict()
        try:
            user = roles(settings).user_from_claims(claims)
        except ValueError as exc:  # a broken roles file: nobody gets a role by accident
            st.error(f"Rollerne kan ikke læses: {exc}")
            return None
        if user is None:
            who = html.escape(str(claims.get("email") or claims.get("name") or claims.get("sub") or ""))
            st.error(f"Du er logget ind som {who}, men har ingen rolle i årshjulet. Spørg sekretariatet.")
            st.button("Log ud", on_click=st.logout)
            return None
        return user
    refusal = refuse_open_address(str(st.get_option("server.address") or ""), "Årshjulet", login=False)
    if refusal:
        st.error(refusal)
        return None
    try:
        return roles(settings).cli_user()
    except ValueError as exc:
        st.error(f"Rollerne kan ikke læses: {exc}")
        return None


def _sidebar(ctx_version: int, db_path: str, user: User, single_user: bool) -> str:
    with st.sidebar:
        st.markdown(
            "### Direktionens årshjul\n<span class='small-muted'>Norddjurs Kommune</span>",
            unsafe_allow_html=True,
        )
        st.radio(
            "Visning",
            list(VIEWS),
            key="view",
            format_func=lambda v: f"{ICONS[v]} {v}",
            label_visibility="collapsed",
        )
        st.divider()
        st.markdown(
            f"**{html.escape(user.name)}** · {html.escape(user.role)}"
            + (f"<br><span class='small-muted'>{html.escape(user.ident)}</span>" if user.ident else ""),
            unsafe_allow_html=True,
        )
        if single_user:
            st.caption(
                "Enkeltbrugertilstand: intet login er sat op, så årshjulet kører kun på denne maskine "
                "(127.0.0.1), og alle ændringer registreres under din brugerkonto."
            )
        else:
            st.button("Log ud", key="logout", icon=":material/logout:", on_click=st.logout)
        _recent_changes(db_path, user)
        st.caption(f"Planversion {ctx_version}")
    return st.session_state["view"]


def _recent_changes(db_path: str, user: User) -> None:
    with open_store(db_path) as store:
        changes = store.recent_changes(limit=5)
    if not changes:
        return
    with st.expander("Seneste ændringer"):
        for ch in changes:
            mark = " (fortrudt)" if ch.undone else ""
            st.markdown(
                f"<span class='small-muted'>{local_time(ch.ts)} · "
                f"{html.escape(ch.actor)}</span><br>{html.escape(ch.summary)}{mark}",
                unsafe_allow_html=True,
            )
        latest = next((c for c in changes if not c.undone and c.action != "undo" and c.has_items), None)
        if (
            latest is not None
            and user.may("edit")
            and st.button(
                "Fortryd seneste ændring", key="undo_latest", icon=":material/undo:", help=latest.summary
            )
        ):
            _undo(db_path, latest.id, user)


def _undo(db_path: str, change_id: int, user: User) -> None:
    try:
        with open_store(db_path) as store:
            undo(store, change_id, actor=user)
        flash("Ændringen er fortrudt.")
    except PlannerError as exc:
        flash(f"Kan ikke fortryde: {exc}", "error")
    st.rerun()


def main() -> None:
    st.set_page_config(
        page_title="Direktionens årshjul", page_icon="🎡", layout="wide", initial_sidebar_state="expanded"
    )
    st.markdown(CSS, unsafe_allow_html=True)
    danish.use()  # Danish in place of Streamlit's untranslatable English, on every page
    try:
        settings = Settings.load()  # once per page run, passed down from here
    except PlannerError as exc:
        st.error(f"Indstillingerne kan ikke læses: {exc}")
        return
    user = current_user(settings)
    if user is None:
        return
    single_user = not login_configured_in(_auth_section())
    _initial_view()
    db_path = str(settings.db)
    try:
        version = current_version(db_path)
    except Exception:  # the details stay in the server's log, never in the browser
        st.error("Databasen kan ikke åbnes. Kontakt den, der driver årshjulet.")
        raise
    view = _sidebar(version, db_path, user, single_user)
    st.query_params["side"] = VIEWS[view][0]
    ctx = AppContext(
        db_path=db_path,
        version=version,
        feed_base_url=settings.feed_base_url or DEFAULT_BASE_URL,
        today=settings.today or today(),
        actor=user,
    )
    show_flashes()
    if version == 0 and view != "Import":
        st.info("Databasen er tom. Gå til **Import** og indlæs Direktionens dagsordener og referater.")
    import_module(f"planner.ui.{VIEWS[view][1]}").render(ctx)
    st.caption(f"I dag: {format_long(ctx.today)}")  # also the "page is rendered" marker for browser tests
