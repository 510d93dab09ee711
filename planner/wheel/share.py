"""Read-only links to a wheel, served by the feed server: `/hjul/<token>`.

A shared wheel (year, start month, layers, person) lives behind an unguessable token in the
store's `wheel_shares` table, like the feeds. The page is the wheel with its names, hover
text and legend, and nothing else: no edit control, no closed point (only "Lukket punkt"
without its text, as in the internal feed, would still tell too much, so closed points are
left out), no link back into the app. It may be embedded in an intranet page (`<iframe>`).
A revoked token answers 404 like one that never existed.

plotly.js is served once from the feed server (`/hjul/plotly-<version>.min.js`, cached for a
year), so the page itself stays small and works without internet access.
"""

from __future__ import annotations

import html
import json
import re
import threading
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import plotly
import tornado.web

from planner.calendar.context import calendar_context
from planner.dates import format_long
from planner.feeds.server import TOKEN_PATTERN, new_token
from planner.plan import Plan
from planner.storage.store import Store
from planner.storage.wheel_shares import WheelShareTable
from planner.today import copenhagen_today
from planner.wheel.export import WheelRequest
from planner.wheel.figure import build_wheel, wheel_items, wheel_styles, year_span

PLOTLY_JS = f"plotly-{plotly.__version__}.min.js"
_PLOTLY_PATH = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


@dataclass(frozen=True)
class SharedWheel:
    id: int
    token: str
    request: WheelRequest
    created_at: str
    revoked_at: str | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    def url(self, base_url: str) -> str:
        return f"{base_url.rstrip('/')}/hjul/{self.token}"

    def to_json(self, base_url: str) -> dict:
        r = self.request
        return {
            "id": self.id,
            "token": self.token,
            "url": self.url(base_url),
            "year": r.year,
            "start_month": r.start_month,
            "layers": list(r.layers),
            "person": r.person,
            "created_at": self.created_at,
            "revoked": not self.active,
        }


class WheelShares:
    """The store's read-only wheel links (rows in `planner.storage.wheel_shares`)."""

    def __init__(self, store: Store) -> None:
        self.table = WheelShareTable(store)

    def create(self, request: WheelRequest) -> SharedWheel:
        row = self.table.insert(
            new_token(), request.year, request.start_month, json.dumps(list(request.layers)), request.person
        )
        return _shared(row)

    def all(self) -> list[SharedWheel]:
        return [_shared(r) for r in self.table.all()]

    def active(self, token: str) -> SharedWheel | None:
        row = self.table.active(token)
        return _shared(row) if row else None

    def revoke(self, ref: str) -> SharedWheel | None:
        """Revoke by id or token; None when there is no such link."""
        row = self.table.revoke(ref)
        return _shared(row) if row else None


def _shared(row) -> SharedWheel:
    request = WheelRequest(row["year"], row["start_month"], tuple(json.loads(row["layers"])), row["person"])
    return SharedWheel(row["id"], row["token"], request, row["created_at"], row["revoked_at"])


# --- the page ----------------------------------------------------------------------------


def public_plan(plan: Plan) -> Plan:
    """The plan without closed points: a shared wheel is public."""
    return replace(plan, points=[p for p in plan.points if not p.closed])


def wheel_page(plan: Plan, request: WheelRequest, closures, today: date) -> str:
    """The shared wheel as a standalone HTML page (read-only; plotly.js from PLOTLY_JS)."""
    plan = public_plan(plan)
    first, last = year_span(request.year, request.start_month)
    styles = wheel_styles(plan)
    layers = [k for k in styles if not request.layers or k in request.layers]
    # Drawn large (the page gives the wheel at least 820 px), so the names are written for that size.
    items = wheel_items(plan, closures, request.person, (first, last))
    fig = build_wheel(items, first, last, layers, today=today, styles=styles, wheel_px=780)
    fig.update_layout(dragmode=False, height=None, autosize=True)
    title = f"Direktionens årshjul {request.label()}" + (f" · {request.person}" if request.person else "")
    figure = fig.to_json()
    return f"""<!doctype html>
<html lang="da"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>
html, body {{ margin: 0; height: 100%; font-family: sans-serif; background: #fff; color: #1b3a57; }}
header {{ padding: 8px 14px 0; }} h1 {{ font-size: 20px; margin: 0; }}
#hjul {{ width: 100%; height: calc(100% - 60px); min-height: 820px; }}
footer {{ font-size: 12px; color: #555; padding: 0 14px 6px; }}
</style>
<script src="{PLOTLY_JS}"></script>
</head><body>
<header><h1>{html.escape(title)}</h1></header>
<div id="hjul" role="img" aria-label="{html.escape(title)}"></div>
<footer>Kun til læsning · vist {html.escape(format_long(today))}</footer>
<script>
const fig = {figure};
Plotly.newPlot("hjul", fig.data, fig.layout, {{displayModeBar: false, staticPlot: false, editable: false,
  scrollZoom: false, doubleClick: false, responsive: true, locale: "da"}});
</script>
</body></html>
"""


class WheelPages:
    """token → page, rendered from the database and kept per (plan version, token, day)."""

    def __init__(self, db_path: str | Path) -> None:
        self.db_path = Path(db_path)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._cache: dict[tuple[int, str, date], str] = {}

    def _store(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = Store(self.db_path)
        return store

    def page_for_token(self, token: str, today: date) -> str | None:
        store = self._store()
        shared = WheelShares(store).active(token)
        if shared is None:
            return None
        key = (store.plan_version, token, today)
        with self._lock:
            if key in self._cache:
                return self._cache[key]
        plan = store.load_plan()
        page = wheel_page(plan, shared.request, calendar_context(plan).closures, today)
        with self._lock:
            if len(self._cache) > 64:
                self._cache.clear()
            self._cache[key] = page
        return page


class WheelPageHandler(tornado.web.RequestHandler):
    SUPPORTED_METHODS = ("GET", "HEAD")

    def initialize(self, pages: WheelPages) -> None:
        self.pages = pages

    def get(self, token: str) -> None:
        page = self.pages.page_for_token(token, copenhagen_today())
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Referrer-Policy", "no-referrer")  # the token is in the URL
        if page is None:
            self.set_status(404)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish("Ukendt eller tilbagekaldt link til årshjulet\n")
            return
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-cache")
        # Meant to be embedded in an intranet page: any site may frame it; scripts only from here.
        self.set_header(
            "Content-Security-Policy",
            "frame-ancestors *; default-src 'none'; "
            "script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:",
        )
        self.finish(page)

    def head(self, token: str) -> None:
        self.get(token)

    def write_error(self, status_code: int, **kwargs: object) -> None:
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(f"{status_code} {self._reason}\n")


class PlotlyJsHandler(tornado.web.RequestHandler):
    SUPPORTED_METHODS = ("GET", "HEAD")
    _body: bytes | None = None

    def get(self) -> None:
        if PlotlyJsHandler._body is None:
            PlotlyJsHandler._body = _PLOTLY_PATH.read_bytes()
        self.set_header("Content-Type", "text/javascript; charset=utf-8")
        self.set_header("Cache-Control", "public, max-age=31536000, immutable")  # the name holds the version
        self.set_header("X-Content-Type-Options", "nosniff")
        self.finish(PlotlyJsHandler._body)

    def head(self) -> None:
        self.get()


def routes(provider: object) -> list:
    """The feed server's routes for shared wheels, when its provider reads a database."""
    db_path = getattr(provider, "db_path", None)
    if db_path is None:
        return []
    pages = WheelPages(db_path)
    return [
        (rf"/hjul/({TOKEN_PATTERN})", WheelPageHandler, {"pages": pages}),
        ("/hjul/" + re.escape(PLOTLY_JS), PlotlyJsHandler),
    ]
