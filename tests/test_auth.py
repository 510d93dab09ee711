"""Roles and the one permission check, the CLI's user and `--as`, feed tokens rotated and revoked
(against `planner serve` in a subprocess), and the refusal to listen on a network address."""

from __future__ import annotations

import getpass
import json
from datetime import date
from pathlib import Path

import pytest
from helpers_proc import planner
from test_feed_serving import db, request, served  # noqa: F401  (db and served are fixtures)

from planner.auth import PermissionDenied, RoleConfig, User, login_configured, refuse_open_address
from planner.commands import (
    NotAllowed,
    add_absence,
    add_activity,
    add_closure,
    add_point,
    add_ring,
    backup,
    delete_activity,
    delete_point,
    delete_ring,
    import_documents,
    move_point,
    resolve_merge,
    restore,
    revoke_feed,
    revoke_share,
    rotate_feed,
    share_wheel,
    undo,
    update_activity,
    update_point,
    update_ring,
)
from planner.storage.store import Store
from planner.sync.importer import read_documents
from planner.wheel.export import WheelRequest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "data" / "examples").glob("*.txt"))
ME = getpass.getuser()
READER = User("Laila Læser", "laila@norddjurs.dk", "læser")
EDITOR = User("Ebbe Redaktør", "ebbe@norddjurs.dk", "redaktør")
SECRETARY = User("Sif Sekretær", "sif@norddjurs.dk", "sekretariat")
ADMIN = User("Ada Admin", "ada@norddjurs.dk", "administrator")


def first_point(store: Store):
    return next(p for p in store.load_plan().points if p.date and not p.closed)


def test_every_command_refuses_a_role_without_the_right(imported_store, tmp_path):
    store = imported_store
    p = first_point(store)
    version = store.plan_version
    refused = [
        lambda a: move_point(store, p.id, date(2025, 3, 12), actor=a),
        lambda a: update_point(store, p.id, actor=a, title="Nyt navn"),
        lambda a: add_point(store, "Nyt punkt", actor=a),
        lambda a: delete_point(store, p.id, actor=a),
        lambda a: resolve_merge(store, p.id, "mine", actor=a),
        lambda a: add_absence(store, "Kim Bruun Nielsen", date(2025, 3, 12), actor=a),
        lambda a: undo(store, actor=a),
        lambda a: add_ring(store, "Budgetproces", actor=a),
        lambda a: update_ring(store, 1, name="Andet", actor=a),
        lambda a: delete_ring(store, 1, actor=a),
        lambda a: add_activity(store, 1, "Seminar", date(2025, 3, 10), actor=a),
        lambda a: update_activity(store, 1, title="Andet", actor=a),
        lambda a: delete_activity(store, 1, actor=a),
    ]
    for attempt in refused:
        with pytest.raises(NotAllowed, match="«læser»"):
            attempt(READER)
    # The secretariat's and the administrator's commands are refused to an editor.
    for attempt in (
        lambda a: add_closure(store, "Lukket", date(2025, 3, 12), actor=a),
        lambda a: import_documents(store, read_documents(EXAMPLES[:1]), actor=a),
        lambda a: rotate_feed(store, "direktion", actor=a),
        lambda a: revoke_feed(store, "direktion", actor=a),
        lambda a: backup(store, tmp_path / "kopi.db", actor=a),
        lambda a: restore(store, tmp_path / "kopi.db", actor=a),
        lambda a: share_wheel(store, WheelRequest(2025), actor=a),
        lambda a: revoke_share(store, "1", actor=a),
    ):
        with pytest.raises(NotAllowed, match="«redaktør»"):
            attempt(EDITOR)
    with pytest.raises(NotAllowed, match="kræver rollen «administrator»"):
        backup(store, tmp_path / "kopi.db", actor=SECRETARY)
    assert store.plan_version == version and not (tmp_path / "kopi.db").exists()
    # Allowed: the history records the person, not a free-text name.
    move_point(store, p.id, date(2025, 3, 12), actor=EDITOR)
    assert store.history()[0].actor == "Ebbe Redaktør <ebbe@norddjurs.dk>"
    backup(store, tmp_path / "kopi.db", actor=ADMIN)
    assert (tmp_path / "kopi.db").is_file()
    ring = add_ring(store, "Budgetproces", actor=EDITOR)
    assert store.history()[0].actor == "Ebbe Redaktør <ebbe@norddjurs.dk>"
    shared = share_wheel(store, WheelRequest(2025), actor=SECRETARY)
    revoke_share(store, str(shared.id), actor=SECRETARY)
    sif = "Sif Sekretær <sif@norddjurs.dk>"
    assert [(h.actor, h.action) for h in store.history(limit=2)] == [(sif, "share"), (sif, "share")]
    assert [r.name for r in store.load_plan().rings] == [ring.name]


def test_roles_from_claims_and_the_roles_file(tmp_path):
    path = tmp_path / "roles.toml"
    path.write_text(
        'claim = "groups"\ndefault = ""\ncli = "redaktør"\n'
        '[groups]\n"g-read" = "læser"\n"g-edit" = "redaktør"\n'
        '[users]\n"Anne@Norddjurs.dk" = "administrator"\n"kim" = "sekretariat"\n',
        encoding="utf-8",
    )
    roles = RoleConfig.load(path)
    # The highest role among the groups; the user list wins; nobody listed: no access ("").
    assert roles.role_for_claims({"groups": ["g-read", "g-edit", "other"]}) == "redaktør"
    assert roles.role_for_claims({"email": "anne@norddjurs.dk", "groups": ["g-read"]}) == "administrator"
    assert roles.role_for_claims({"email": "x@y.dk", "groups": ["other"]}) is None
    assert roles.role_for_claims({"groups": "sekretariat"}) == "sekretariat"  # app roles named as the roles
    user = roles.user_from_claims({"sub": "abc", "name": "Anne A", "email": "anne@norddjurs.dk"})
    assert user == User("Anne A", "anne@norddjurs.dk", "administrator")
    # The command line: the OS user's role, --as only for the secretariat and up.
    assert roles.cli_user(os_user="kim").role == "sekretariat"
    assert roles.cli_user("Kim Bruun Nielsen", os_user="kim").label == (
        "Kim Bruun Nielsen (registreret af OS-bruger kim)"
    )
    with pytest.raises(PermissionDenied, match="i en andens navn"):
        roles.cli_user("Kim Bruun Nielsen", os_user="someone")  # cli = redaktør
    bad = tmp_path / "bad.toml"
    bad.write_text('[users]\n"x" = "chef"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="chef"):
        RoleConfig.load(bad)
    # No roles file: logged-in users read, the OS user runs a single-user installation.
    assert RoleConfig.load(tmp_path / "none.toml") == RoleConfig()


def test_cli_records_the_os_user_and_as_name(imported_db, tmp_path, monkeypatch):
    p = Store(imported_db).load_plan().points[0]
    result = planner("move", str(p.id), "2025-03-12", "--db", imported_db, "--json")
    assert result.returncode == 0, result.stderr
    history = json.loads(planner("history", "--db", imported_db, "--json", "--limit", "1").stdout)[0]
    assert history["actor"] == f"{ME} <os:{ME}>"
    result = planner("undo", "--db", imported_db, "--as", "Kim Bruun Nielsen")
    assert result.returncode == 0, result.stderr
    history = json.loads(planner("history", "--db", imported_db, "--json", "--limit", "1").stdout)[0]
    assert history["actor"] == f"Kim Bruun Nielsen (registreret af OS-bruger {ME})"
    # A roles file that makes this OS user a reader: every change refused, one Danish line, exit 2.
    roles = tmp_path / "roles.toml"
    roles.write_text(f'[users]\n"{ME}" = "læser"\n', encoding="utf-8")
    monkeypatch.setenv("PLANNER_ROLES", str(roles))
    before = Store(imported_db).plan_version
    for args in (
        ("move", str(p.id), "2025-03-19"),
        ("undo",),
        ("backup", str(tmp_path / "b.db")),
        ("feeds", "revoke", "direktion"),
        ("import", *map(str, EXAMPLES[:1])),
        ("move", str(p.id), "2025-03-19", "--as", "Kim"),
    ):
        result = planner(*args, "--db", imported_db)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert (
            result.stderr.count("\n") == 1 and "«læser»" in result.stderr and "Traceback" not in result.stderr
        )
    assert Store(imported_db).plan_version == before


def test_rotated_and_revoked_tokens_are_404_on_the_next_request(served, db):  # noqa: F811  (fixtures)
    old = served.path("direktion")
    assert request(served.port, old).status == 200
    result = planner("feeds", "rotate", "direktion", "--db", db, "--json")
    assert result.returncode == 0, result.stderr
    rotated = json.loads(result.stdout)
    assert rotated["revoked"] is False and rotated["token"] not in old
    assert request(served.port, old).status == 404  # the old link is dead at once
    assert request(served.port, f"/feeds/{rotated['token']}.ics").status == 200
    result = planner("feeds", "revoke", "direktion", "--db", db)
    assert result.returncode == 0, result.stderr
    assert request(served.port, f"/feeds/{rotated['token']}.ics").status == 404
    assert request(served.port, served.path("punkter")).status == 200  # the other feeds are untouched
    listed = {f["name"]: f for f in json.loads(planner("feeds", "--db", db, "--json").stdout)}
    assert listed["direktion"]["revoked"] is True and listed["direktion"]["url"] is None
    assert rotated["token"] not in planner("feeds", "list", "--db", db).stdout
    with Store(db) as store:  # who did it is in the history; the tokens are not
        changes = [c for c in store.history() if c.action == "feed"]
        assert [c.actor for c in changes] == [f"{ME} <os:{ME}>"] * 2
        assert all(rotated["token"] not in c.summary for c in changes)
        assert (
            store.conn.execute(
                "SELECT count(*) FROM history WHERE items LIKE ?", (f"%{rotated['token']}%",)
            ).fetchone()[0]
            == 0
        )
        with pytest.raises(Exception, match="kan ikke fortrydes"):
            store.undo(changes[0].id)
    # Rotating again opens the feed with a new link.
    # (options before the action work too: they are not overwritten by the action's defaults)
    again = json.loads(planner("feeds", "--db", db, "--json", "rotate", "direktion").stdout)
    assert request(served.port, f"/feeds/{again['token']}.ics").status == 200
    result = planner("feeds", "revoke", "ingen-sådan", "--db", db)
    assert result.returncode == 2 and "findes ikke" in result.stderr


def test_network_address_needs_login(tmp_path, imported_db):
    assert refuse_open_address("127.0.0.1", "X", login=False) is None
    assert refuse_open_address("::1", "X", login=False) is None
    assert refuse_open_address("0.0.0.0", "X", login=True) is None
    assert "vil ikke lytte på 0.0.0.0" in refuse_open_address("0.0.0.0", "X", login=False)
    result = planner("serve", "--db", imported_db, "--host", "0.0.0.0", "--port", "0")
    assert result.returncode == 2 and "vil ikke lytte på 0.0.0.0" in result.stderr
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        '[auth]\nredirect_uri = "https://a/oauth2callback"\ncookie_secret = "s"\n', encoding="utf-8"
    )
    assert not login_configured([secrets])  # no provider yet
    secrets.write_text(
        '[auth]\nredirect_uri = "https://a/oauth2callback"\ncookie_secret = "s"\n'
        '[auth.microsoft]\nclient_id = "c"\nclient_secret = "x"\n'
        'server_metadata_url = "https://login.microsoftonline.com/t/v2.0/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    assert login_configured([secrets])


def test_the_example_roles_file_loads():
    assert RoleConfig.load(ROOT / "data" / "roles.example.toml") == RoleConfig(
        default="læser", cli="administrator"
    )


def test_a_restore_keeps_the_current_feed_links(imported_store, tmp_path):
    from planner.feeds.catalog import FeedRegistry

    store = imported_store
    registry = FeedRegistry(store)
    old = {i.name: i.token for i in registry.urls("http://127.0.0.1")}
    backup(store, tmp_path / "kopi.db", actor=ADMIN)
    revoke_feed(store, "direktion", actor=SECRETARY)
    new = rotate_feed(store, "punkter", actor=SECRETARY)
    restore(store, tmp_path / "kopi.db", actor=ADMIN)
    assert registry.name_for_token(old["direktion"]) is None  # revoked stays revoked
    assert registry.name_for_token(old["punkter"]) is None and registry.name_for_token(new) == "punkter"
    assert registry.name_for_token(old["politik"]) == "politik"


def test_streamlit_run_app_py_listens_on_loopback_only(tmp_path, imported_db):
    """The entry point people use, without the launcher's flags: the project's own config binds it."""
    import os
    import subprocess
    import sys

    from planner.launch import free_port, stop_process, wait_http

    port = free_port()
    env = {**os.environ, "PLANNER_DB": str(imported_db)}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_http(f"http://127.0.0.1:{port}/_stcore/health", 90, proc)
        listening = set()
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            for line in Path(table).read_text().splitlines()[1:]:
                local, state = line.split()[1], line.split()[3]
                address, hex_port = local.rsplit(":", 1)
                if state == "0A" and int(hex_port, 16) == port:
                    listening.add(address)
        assert listening == {"0100007F"}, listening  # 127.0.0.1, and nothing on 0.0.0.0 or ::
    finally:
        stop_process(proc)
