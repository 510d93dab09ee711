"""Read-only wheel links: served by the feed server, no closed points, revocable, and in a real browser
(a fresh context, as a colleague opening the link from the intranet) no edit control at all."""

from __future__ import annotations

import functools
import http.server
import json
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path

import pytest

from planner import commands as cmd
from planner.feeds.catalog import StoreFeedProvider
from planner.feeds.server import BackgroundServer
from planner.storage.store import Store
from planner.ui.screenshots import CHROMIUM_ARGS, chromium_path
from planner.wheel.share import PLOTLY_JS

CLOSED_TEXT = "Drøftelse og godkendelse af tidsplan for budgetopfølgninger"


def planner(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "planner.cli", *args], capture_output=True, text=True, timeout=60
    )


def get(url: str) -> tuple[int, dict, str]:
    try:
        with urllib.request.urlopen(url, timeout=20) as resp:
            return resp.status, dict(resp.headers), resp.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read().decode("utf-8")


@pytest.fixture
def shared(imported_db: Path):
    with Store(imported_db) as store:
        assert any(p.closed and p.title.startswith(CLOSED_TEXT) for p in store.load_plan().points)
        ring = cmd.add_ring(store, "Lederdage", "#2e8b57")
        cmd.add_activity(store, ring.id, "Lederdag i Grenaa", date(2025, 1, 21))
    with BackgroundServer(StoreFeedProvider(imported_db, config_path=None)) as server:
        result = planner(
            "share",
            "add",
            "--db",
            str(imported_db),
            "--year",
            "2025",
            "--base-url",
            server.base_url,
            "--json",
        )
        assert result.returncode == 0, result.stderr
        yield server, json.loads(result.stdout), imported_db


def test_the_link_serves_the_wheel_without_closed_points_and_can_be_revoked(shared):
    server, info, db = shared
    status, headers, page = get(info["url"])
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "frame-ancestors *" in headers["Content-Security-Policy"]  # may be embedded in an iframe
    assert "X-Frame-Options" not in headers
    assert "Sommerferie" in page and "Lederdag i Grenaa" in page and "Direktionens årshjul 2025" in page
    assert CLOSED_TEXT not in page and "Lukket punkt" not in page
    status, headers, js = get(f"{server.base_url}/hjul/{PLOTLY_JS}")
    assert status == 200 and "immutable" in headers["Cache-Control"] and len(js) > 1_000_000
    assert get(f"{server.base_url}/hjul/{'x' * 30}")[0] == 404
    listed = json.loads(planner("share", "list", "--db", str(db), "--json").stdout)
    assert [s["token"] for s in listed] == [info["token"]] and not listed[0]["revoked"]
    result = planner("share", "revoke", "--db", str(db), "--", info["token"])  # a token may begin with "-"
    assert result.returncode == 0, result.stderr
    assert get(info["url"])[0] == 404
    assert planner("share", "revoke", "999", "--db", str(db)).returncode == 2


@pytest.mark.browser
def test_a_fresh_browser_finds_no_edit_control_and_no_closed_text(shared, tmp_path):
    path = chromium_path()
    if not path:
        pytest.skip("Debian's chromium (/usr/bin/chromium) is missing: run `make browser-deps`")
    from playwright.sync_api import sync_playwright

    _server, info, _db = shared
    (tmp_path / "intranet.html").write_text(
        f'<h1>Intranet</h1><iframe src="{info["url"]}" width="1200" height="900"></iframe>'
    )
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    intranet = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)  # another origin, as an intranet is
    threading.Thread(target=intranet.serve_forever, daemon=True).start()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1300, "height": 1000}, locale="da-DK")
            page = context.new_page()
            page.goto(info["url"])
            page.locator(".js-plotly-plot .annotation-text", has_text="Sommerferie").wait_for(timeout=30_000)
            text = page.locator("body").inner_text()
            assert "Direktionens årshjul 2025" in text and "Kun til læsning" in text
            assert CLOSED_TEXT not in text and "Lukket punkt" not in page.content()
            edit = "button, input, select, textarea, form, [contenteditable=true], .modebar, a[href]"
            assert page.locator(edit).count() == 0
            # Hovering a week shows its contents; nothing can be dragged or changed.
            assert page.locator(".js-plotly-plot g.trace.bars path").count() > 50
            # Embedded in another page (an intranet page on another origin) the wheel still draws.
            page.goto(f"http://127.0.0.1:{intranet.server_address[1]}/intranet.html")
            frame = page.frame_locator("iframe")
            frame.locator(".annotation-text", has_text="Sommerferie").first.wait_for(timeout=30_000)
            context.close()
        finally:
            browser.close()
            intranet.shutdown()
