"""The Streamlit app through AppTest, on a real temporary database of the example documents."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planner.storage.store import Store
from planner.sync.importer import import_documents, read_documents

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "data" / "examples").glob("*.txt"))
HOI = "Evaluering af Helhedsorienteret Indsats (HOI)"
VIEWS = ["Årshjul", "Kalender", "Punkter", "Konflikter", "Import", "Abonnement og eksport"]


def make_db(path: Path, files: list[Path]) -> Path:
    with Store(path) as store:
        results = import_documents(store, read_documents(files))
        assert all(r.status == "added" for r in results), [(r.source, r.status, r.error) for r in results]
    return path


@pytest.fixture
def db(tmp_path, monkeypatch) -> Path:
    path = make_db(tmp_path / "plan.db", EXAMPLES)
    monkeypatch.setenv("PLANNER_DB", str(path))
    monkeypatch.setenv("PLANNER_TODAY", "2025-01-20")
    monkeypatch.setenv("PLANNER_FEED_BASE_URL", "https://kalender.example.dk")
    return path


def app() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    return at.run()


def goto(at: AppTest, view: str) -> AppTest:
    at.sidebar.radio(key="view").set_value(view).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [e.value for e in at.error]
    parts += [s.value for s in at.success] + [w.value for w in at.warning] + [i.value for i in at.info]
    return "\n".join(str(p) for p in parts)


def point_id(db: Path, title: str) -> int:
    with Store(db) as store:
        return next(p.id for p in store.load_plan().points if p.title == title)


def test_every_view_renders(db):
    at = app()
    assert not at.exception
    for view in VIEWS:
        goto(at, view)
        assert any(h.value == view for h in at.header), f"{view}: no header"
        assert not at.error, [e.value for e in at.error]


def test_wheel_week_details_and_layers(db):
    at = goto(app(), "Årshjul")
    assert at.selectbox(key="wheel_year").value == 2025  # PLANNER_TODAY is in 2025
    assert "Uge 4, 2025" in [s.value for s in at.subheader]  # today's week is opened below the wheel
    at.button(key="wheel_next").click().run()
    assert "Uge 5, 2025" in [s.value for s in at.subheader]
    assert "Direktionsmøde" in texts(at)
    at.selectbox(key="wheel_person").set_value("Kim Bruun Nielsen").run()
    assert not at.exception
    at.button(key="week_cal_2025-01-27").click().run()
    assert at.sidebar.radio(key="view").value == "Kalender"
    assert not at.exception


def test_edit_point_through_form_changes_db(db):
    pid = point_id(db, HOI)
    at = goto(app(), "Punkter")
    at.selectbox(key="pts_pick").set_value(pid).run()
    with Store(db) as store:
        version = store.load_plan().point(pid).version
    k = f"{pid}_{version}"
    at.text_input(key=f"pe_title_{k}").set_value("Evaluering af HOI (revideret)")
    at.selectbox(key=f"pe_owner_{k}").set_value("Jonas Kroustrup")
    at.number_input(key=f"pe_duration_{k}").set_value(45)
    at.button(key=f"pe_save_{k}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    with Store(db) as store:
        p = store.load_plan().point(pid)
    assert (p.title, p.owner, p.duration_min, p.date) == (
        "Evaluering af HOI (revideret)",
        "Jonas Kroustrup",
        45,
        date(2025, 3, 5),
    )
    assert p.version > version
    assert "er gemt" in texts(at)


def test_stale_form_is_refused(db):
    """Two browsers: the second save is based on an old version and must not overwrite the first."""
    from planner.commands import update_point

    pid = point_id(db, HOI)
    at = goto(app(), "Punkter")
    at.selectbox(key="pts_pick").set_value(pid).run()
    with Store(db) as store:
        version = store.load_plan().point(pid).version
        update_point(store, pid, expected_version=version, actor="kollega", owner="Lene Mehlsen Thomsen")
    k = f"{pid}_{version}"
    at.text_input(key=f"pe_title_{k}").set_value("Min titel")
    at.button(key=f"pe_save_{k}").click().run()
    assert "ændret af en anden" in texts(at)
    with Store(db) as store:
        p = store.load_plan().point(pid)
    assert (p.title, p.owner) == (HOI, "Lene Mehlsen Thomsen")


def test_add_and_delete_point(db):
    at = goto(app(), "Punkter")
    at.text_input(key="pa_title").set_value("Drøftelse af kantineordning")
    at.date_input(key="pa_date").set_value(date(2025, 2, 19))
    at.button(key="pa_add").click().run()
    assert not at.exception
    with Store(db) as store:
        p = next(p for p in store.load_plan().points if p.title == "Drøftelse af kantineordning")
    assert p.date == date(2025, 2, 19) and p.origin == "manual"
    at.selectbox(key="pts_pick").set_value(p.id).run()
    at.checkbox(key=f"del_sure_{p.id}").check().run()
    at.button(key=f"del_{p.id}").click().run()
    with Store(db) as store:
        assert store.load_plan().point(p.id) is None


def test_conflict_listed_after_move_into_vinterferie(db):
    pid = point_id(db, HOI)
    at = goto(app(), "Konflikter")
    # Before the move no conflict card puts HOI in vinterferie; after it one does.
    cards = [m.value for m in at.markdown if HOI in m.value]
    assert not any("vinterferie" in c.lower() for c in cards), cards
    at = goto(at, "Punkter")
    at.selectbox(key="pts_pick").set_value(pid).run()
    with Store(db) as store:
        version = store.load_plan().point(pid).version
    at.date_input(key=f"pe_date_{pid}_{version}").set_value(date(2025, 2, 12))
    at.button(key=f"pe_save_{pid}_{version}").click().run()
    with Store(db) as store:
        assert store.load_plan().point(pid).date == date(2025, 2, 12)
    at = goto(at, "Konflikter")
    cards = [m.value for m in at.markdown if HOI in m.value]
    assert any("vinterferie" in c.lower() for c in cards), cards
    # one click from the conflict to the point, with its week selected
    open_key = next(
        b.key for b in at.button if b.key and b.key.startswith("cf_open_closure") and f"point:{pid}" in b.key
    )
    at.button(key=open_key).click().run()
    assert at.sidebar.radio(key="view").value == "Punkter"
    assert at.selectbox(key="pts_pick").value == pid
    assert at.selectbox(key="pts_week").value == 7


def test_import_view_shows_diff_before_commit(tmp_path, monkeypatch):
    path = make_db(tmp_path / "three.db", EXAMPLES[:3])
    monkeypatch.setenv("PLANNER_DB", str(path))
    monkeypatch.setenv("PLANNER_TODAY", "2025-01-20")
    with Store(path) as store:
        before = store.plan_version
    at = goto(app(), "Import")
    last = EXAMPLES[3]
    at.file_uploader[0].set_value([(last.name, last.read_bytes(), "text/plain")]).run()
    assert not at.exception, [e.value for e in at.exception]
    metrics = {m.label: m.value for m in at.metric}
    assert int(metrics["Nye punkter"]) > 0
    assert any(last.name in e.label for e in at.expander)
    assert "Nye punkter" in texts(at)
    with Store(path) as store:
        assert store.plan_version == before  # nothing stored yet
    at.button(key="imp_commit").click().run()
    assert not at.exception
    with Store(path) as store:
        assert store.plan_version == before + 1
        assert len(store.documents()) == 4
    assert "importeret" in texts(at)


def test_subscribe_view_has_feed_urls_ics_and_excel(db):
    at = goto(app(), "Abonnement og eksport")
    codes = [c.value for c in at.code]
    assert any(c.startswith("https://kalender.example.dk/feeds/") and c.endswith(".ics") for c in codes)
    assert any(c.startswith("webcal://kalender.example.dk/feeds/") for c in codes)
    buttons = at.get("download_button")
    labels = [b.proto.label for b in buttons]
    assert "Hent Excel-fil" in labels
    assert any("møder" in label for label in labels)


def test_undo_latest_from_sidebar(db):
    from planner.commands import move_point

    pid = point_id(db, HOI)
    with Store(db) as store:
        move_point(store, pid, date(2025, 3, 12), actor="test")
    at = app()
    at.sidebar.button(key="undo_latest").click().run()
    with Store(db) as store:
        assert store.load_plan().point(pid).date == date(2025, 3, 5)
    assert "fortrudt" in texts(at)


def test_the_browser_cannot_choose_the_database(db, tmp_path):
    """The database is configuration (PLANNER_DB): no field for it, and session state cannot steer it."""
    from planner.commands import move_point

    other = make_db(tmp_path / "other.db", EXAMPLES[:1])
    with Store(db) as store:  # the two plans now have different versions
        move_point(store, point_id(db, HOI), date(2025, 3, 12), actor="test")
        version = store.plan_version
    with Store(other) as store:
        assert store.plan_version != version
    at = app()
    assert not at.exception
    assert [t.label for t in at.sidebar.text_input] == []
    at.session_state["db_path"] = str(other)
    at.run()
    assert not at.exception
    assert f"Planversion {version}" in texts(at)


def test_single_user_mode_says_so_and_records_the_os_user(db):
    import getpass

    at = goto(app(), "Punkter")
    assert "Enkeltbrugertilstand" in texts(at)
    assert at.sidebar.button(key="undo_latest")  # the local operator may do everything
    at.sidebar.button(key="undo_latest").click().run()
    assert not at.exception
    with Store(db) as store:
        assert store.history()[0].actor == f"{getpass.getuser()} <os:{getpass.getuser()}>"


def test_single_user_mode_refuses_a_network_address(db):
    from streamlit import config

    before = config.get_option("server.address")
    config.set_option("server.address", "0.0.0.0")
    try:
        at = app()
    finally:
        config.set_option("server.address", before)
    assert not at.exception
    assert "vil ikke lytte på 0.0.0.0" in texts(at)
    assert "I dag:" not in texts(at) and len(at.sidebar.radio) == 0


def test_feed_links_rotated_and_revoked_in_the_app(db):
    from planner.feeds.catalog import FeedRegistry

    def links() -> dict[str, str | None]:
        with Store(db) as store:
            return {i.name: i.token for i in FeedRegistry(store).urls("https://kalender.example.dk")}

    at = goto(app(), "Abonnement og eksport")
    before = links()
    at.button(key="rotate_direktion").click().run()
    assert not at.exception
    after = links()
    assert after["direktion"] != before["direktion"] and after["punkter"] == before["punkter"]
    assert after["direktion"] in texts(at) + "".join(str(c.value) for c in at.code)
    at.button(key="revoke_punkter").click().run()
    assert links()["punkter"] is None
    assert "Linket er trukket tilbage" in texts(at)
    assert before["punkter"] not in "".join(str(c.value) for c in at.code)
