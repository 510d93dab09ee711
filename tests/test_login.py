"""Login through a real OpenID Connect provider, roles and the audit trail, in Debian's chromium.

A real OIDC provider (the `oidc-provider-mock` package: Authlib's authorization server, with a
one-click login page for its predefined users) listens on 127.0.0.1. The app runs with a
secrets.toml pointing `st.login` at it and a roles file mapping the provider's `groups` claim
to roles. "Today" is pinned to 13 January 2025, so the wheel opens uge 3, whose meeting
(15 January) has the example documents' closed case.
"""

from __future__ import annotations

import json
import secrets
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from helpers_proc import planner
from test_browser import calendar_frame, drag, event_in, wait_idle

from planner.auth import RoleConfig
from planner.commands import NotAllowed, move_point, update_point
from planner.launch import free_port, prepare_db, running
from planner.storage.store import Store

pytestmark = pytest.mark.browser

TODAY = "2025-01-13"
CLOSED_WORDS = "tidsplan for budgetopfølgninger"  # the closed case's title (point on 15 January 2025)
AFTALE = "Aftalestyringsstyring"  # 2025-01-29 in the examples
SICK = "Ny model for sygefravær 1-3-10"  # 2025-02-05
READER = {"sub": "laila", "name": "Laila Læser", "email": "laila@norddjurs.dk", "groups": ["plan-laesere"]}
EDITOR = {
    "sub": "ebbe",
    "name": "Ebbe Redaktør",
    "email": "ebbe@norddjurs.dk",
    "groups": ["plan-redaktoerer"],
}
ROLES_TOML = """
claim = "groups"
default = ""                    # logged in but in no group: no access
[groups]
"plan-laesere" = "læser"
"plan-redaktoerer" = "redaktør"
"""


@pytest.fixture(scope="module")
def oidc_provider() -> Iterator[str]:
    """A real OpenID Connect provider on 127.0.0.1 (its issuer URL)."""
    oidc = pytest.importorskip(
        "oidc_provider_mock", reason="pip install -e '.[dev]' installs oidc-provider-mock"
    )
    import werkzeug.serving

    users = [
        oidc.User(sub=u["sub"], claims={k: v for k, v in u.items() if k != "sub"}) for u in (READER, EDITOR)
    ]
    server = werkzeug.serving.make_server(
        "127.0.0.1", free_port(), oidc.app(user_claims=users), threaded=True
    )
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(10)


@pytest.fixture(scope="module")
def app(tmp_path_factory, oidc_provider):
    home = tmp_path_factory.mktemp("login")
    db = home / "plan.db"
    prepare_db(db)
    app_port = free_port()
    secrets_file = home / "secrets.toml"
    secrets_file.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{app_port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_urlsafe(32)}"\n'
        'client_id = "aarshjul"\n'
        'client_secret = "hemmeligt"\n'
        f'server_metadata_url = "{oidc_provider}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    roles = home / "roles.toml"
    roles.write_text(ROLES_TOML, encoding="utf-8")
    env = {"PLANNER_TODAY": TODAY, "PLANNER_ROLES": str(roles)}
    with running(
        db,
        app_port,
        free_port(),
        extra_env=env,
        quiet=True,
        extra_args=["--secrets.files", str(secrets_file)],
    ) as run:
        yield run, db, roles


@pytest.fixture(scope="module")
def chromium():
    from test_browser import _need_chromium

    from planner.ui.screenshots import CHROMIUM_ARGS

    path = _need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(chromium):
    """A fresh browser profile per test: no login cookie carried over."""
    context = chromium.new_context(
        viewport={"width": 1400, "height": 1100}, locale="da-DK", timezone_id="Europe/Copenhagen"
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def log_in(page, app_url: str, sub: str) -> None:
    """Through the real flow: the app's login page, the provider's page, back with a signed cookie."""
    page.goto(app_url)
    page.get_by_role("button", name="Log ind").click()
    page.get_by_role("button", name=sub, exact=True).click()  # the provider's one-click user
    page.wait_for_url(f"{app_url}/**")
    wait_idle(page)


def the_point(db: Path, title_start: str):
    with Store(db) as store:
        return next(p for p in store.load_plan().points if p.title.startswith(title_start))


def test_a_browser_that_has_not_logged_in_sees_only_the_login_page(page, app):
    run, _db, _roles = app
    for side in ("", "?side=punkter", "?side=import", "?side=abonnement"):
        page.goto(f"{run.app_url}/{side}")
        page.get_by_role("button", name="Log ind").wait_for()
        page.wait_for_timeout(800)
        text = page.locator("[data-testid='stApp']").inner_text()
        assert "log ind med din kommunale konto" in text
        assert "I dag:" not in text and "Punkter" not in text and AFTALE not in text
        assert page.locator("[data-testid='stSidebar']").count() == 0
    with Store(_db) as store:
        assert all(not ch.actor.startswith(("Laila", "Ebbe")) for ch in store.history())


def test_reader_sees_closed_points_as_lukket_punkt_and_cannot_edit(page, app):
    run, db, roles = app
    log_in(page, run.app_url, "laila")
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_text("Laila Læser").wait_for()
    assert "læser" in sidebar.inner_text()
    # The wheel opens today's week: the closed case is there, but only as "Lukket punkt".
    page.get_by_role("heading", name="Uge 3, 2025").wait_for()
    page.get_by_text("Lukket punkt").first.wait_for()
    assert CLOSED_WORDS not in page.content().lower()
    # No edit controls anywhere.
    page.goto(f"{run.app_url}/?side=punkter")
    wait_idle(page)
    page.get_by_text("kan læse planen, men ikke ændre den").wait_for()
    for control in ("Gem ændringer", "Tilføj punkt", "Slet punktet", "Fortryd seneste ændring"):
        assert page.get_by_role("button", name=control).count() == 0, control
    assert page.get_by_text("Redigér punkt").count() == 0
    page.goto(f"{run.app_url}/?side=import")
    wait_idle(page)
    page.get_by_text("kræver rollen «sekretariat»").wait_for()
    page.goto(f"{run.app_url}/?side=abonnement")
    wait_idle(page)
    assert page.get_by_role("button", name="Træk linket tilbage").count() == 0
    # The calendar cannot be dragged in: FullCalendar renders the points as not draggable.
    page.goto(f"{run.app_url}/?side=kalender")
    wait_idle(page)
    frame = calendar_frame(page)
    event_in(frame, "2025-01-29", AFTALE).wait_for()
    assert frame.locator(".fc-event-draggable").count() == 0
    # And the command layer refuses her, whatever the browser does: the same user the app made.
    laila = RoleConfig.load(roles).user_from_claims(READER)
    assert laila is not None and laila.role == "læser"
    aftale = the_point(db, AFTALE)
    with Store(db) as store:
        with pytest.raises(NotAllowed, match="læser"):
            move_point(store, aftale.id, date(2025, 1, 22), actor=laila)
        with pytest.raises(NotAllowed):
            update_point(store, aftale.id, actor=laila, title="Ændret af en læser")
        assert store.history()[0].actor != laila.label
    assert the_point(db, AFTALE).date == date(2025, 1, 29)


def test_editors_move_is_recorded_under_their_name(page, app):
    run, db, _roles = app
    before = the_point(db, SICK)
    assert before.date == date(2025, 2, 5)
    log_in(page, run.app_url, "ebbe")
    page.locator("[data-testid='stSidebar']").get_by_text("Ebbe Redaktør").wait_for()
    page.goto(f"{run.app_url}/?side=kalender")
    wait_idle(page)
    frame = calendar_frame(page)
    frame.locator(".fc-next-button").click()  # January (today) → February, where both meetings fit the screen
    event_in(frame, "2025-02-05", SICK).wait_for()
    drag(page, frame, SICK, "2025-02-19")
    page.get_by_text("er flyttet fra onsdag 5. februar 2025 til onsdag 19. februar 2025").wait_for()
    assert the_point(db, SICK).date == date(2025, 2, 19)
    # The history, as `planner history` shows it, names the logged-in person and their e-mail.
    result = planner("history", "--db", str(db), "--item", str(before.id), "--json")
    assert result.returncode == 0, result.stderr
    latest = json.loads(result.stdout)[0]
    assert latest["action"] == "move"
    assert latest["actor"] == "Ebbe Redaktør <ebbe@norddjurs.dk>"
    # … and so does the app's own list of recent changes.
    page.reload()
    wait_idle(page)
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_text("Seneste ændringer").click()
    sidebar.get_by_text("Ebbe Redaktør <ebbe@norddjurs.dk>").first.wait_for()
    # Logging out ends the session at the provider too (its confirmation page), then only the
    # login page is left.
    sidebar.get_by_role("button", name="Log ud").click()
    page.get_by_role("button", name="End session").click()
    page.get_by_role("button", name="Log ind").wait_for()
    page.goto(f"{run.app_url}/?side=punkter")
    page.get_by_role("button", name="Log ind").wait_for()
    assert page.locator("[data-testid='stSidebar']").count() == 0
