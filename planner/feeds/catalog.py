"""The plan's calendar subscription feeds: which feeds exist, what each holds, tokens, serving.

`feed_specs` / `build_feed` / `build_feeds` are pure (plan in, `ics.Feed` out);
`FeedRegistry` keeps one secret token per feed name in the store's `feeds`
table; `StoreFeedProvider` is the `feedserver.FeedProvider` that renders a
feed from the database on demand and caches it per plan version.

Public feeds carry no trace of a closed point: it is neither an item, nor a line
in its meeting's list of points, nor a gap in the other points' times. Only the
internal feed shows it, as "Lukket punkt" (`ics.Feed` and the meeting
descriptions write nothing else about it).
"""

from __future__ import annotations

import hmac
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import compress
from pathlib import Path
from typing import Generic, TypeVar

from planner.calendar.context import closure_period, configured_periods, plan_years
from planner.calendar.denmark import DEFAULT_CONFIG, holiday_key, merge_closures
from planner.calendar.periods import Period
from planner.feeds import items as fi
from planner.feeds.address import BASE_URL_ENV as BASE_URL_ENV  # public here too (planner.cli.feeds)
from planner.feeds.address import DEFAULT_BASE_URL as DEFAULT_BASE_URL
from planner.feeds.ics import Feed, FeedItem, FeedRenderer
from planner.feeds.rings import FEED_PREFIX, ring_feed_name, ring_items
from planner.feeds.server import RenderedFeed, new_token
from planner.people import same_person
from planner.plan import Absence, Meeting, Plan, PlanEvent, Point
from planner.storage.feed_tokens import FeedTokenTable
from planner.storage.store import Store, open_for_reading

T = TypeVar("T")
_CYCLE_TITLES = {"oekonomiudvalg": "økonomiudvalgsmøde", "kommunalbestyrelse": "kommunalbestyrelsesmøde"}


@dataclass(frozen=True)
class FeedSpec:
    name: str  # url-safe slug, the exported file name without ".ics"
    calname: str  # Danish calendar name shown in Outlook/Google/Apple
    description: str
    internal: bool = False
    person: str | None = None  # for "person-..." feeds


def feed_specs(plan: Plan) -> list[FeedSpec]:
    specs = [
        FeedSpec("direktion", "Direktionen – møder", "Direktionens møder med planlagte punkter"),
        FeedSpec("punkter", "Direktionen – punkter", "Punkter på Direktionens møder"),
        FeedSpec(
            "politik",
            "Direktionen – politiske møder",
            "Økonomiudvalg, Kommunalbestyrelse og andre politiske møder",
        ),
        FeedSpec("ferie", "Direktionen – ferie og fravær", "Ferier, helligdage, mødefri dage og fravær"),
    ]
    seen: set[str] = set()
    for person in plan.people:
        if person.vacant or not person.name:
            continue
        name = f"person-{fi.slug(person.name)}"
        if name in seen:
            continue
        seen.add(name)
        specs.append(
            FeedSpec(
                name,
                f"Direktionen – {person.name}",
                f"{person.name}s møder, punkter og fravær",
                person=person.name,
            )
        )
    for ring in sorted(plan.rings, key=lambda r: (r.position, r.id or 0)):  # the wheel's own rings
        specs.append(
            FeedSpec(ring_feed_name(ring), f"Årshjul – {ring.name}", f"Ringen «{ring.name}» i årshjulet")
        )
    specs.append(
        FeedSpec(
            "intern",
            "Direktionen – intern",
            "Alle punkter og møder (lukkede punkter uden tekst)",
            internal=True,
        )
    )
    return specs


# --- contents -----------------------------------------------------------------------------


def build_feed(
    plan: Plan,
    spec: FeedSpec,
    calendar: Sequence[Period] | None = None,
    contents: FeedContents | None = None,
) -> Feed:
    """The feed `spec` describes; `calendar`: holiday periods to add to "ferie" (and "intern");
    `contents`: the plan's items as already built for its other feeds (`build_feeds`)."""
    ctx = FeedContents(plan) if contents is None else contents
    assert ctx.plan is plan, "contents of another plan"
    internal = spec.internal
    if internal:
        items = [
            *ctx.meetings(internal),
            *ctx.points(internal),
            *ctx.events(),
            *ctx.closures(calendar),
            *ctx.absences(),
        ]
    elif spec.person is not None:
        items = [
            *ctx.meetings(internal, spec.person),
            *ctx.points(internal, spec.person),
            *ctx.absences(spec.person),
        ]
    elif spec.name == "direktion":
        items = [*ctx.meetings(internal), *ctx.events({"direction"})]
    elif spec.name == "punkter":
        items = ctx.points(internal)
    elif spec.name == "politik":
        items = ctx.events({"political"})
    elif spec.name == "ferie":
        items = [*ctx.closures(calendar), *ctx.absences()]
    elif spec.name.startswith(FEED_PREFIX):
        ring = next(r for r in plan.rings if ring_feed_name(r) == spec.name)
        items = ring_items(plan, ring.id)
    else:
        raise ValueError(f"ukendt kalender {spec.name!r}")
    return Feed(spec.name, spec.calname, spec.description, fi.dedupe(items), internal=spec.internal)


def build_feeds(plan: Plan, calendar: Sequence[Period] | None = None) -> list[Feed]:
    """Every feed of the plan; an item several feeds show is built once (`FeedContents`)."""
    contents = FeedContents(plan)
    return [build_feed(plan, spec, calendar, contents) for spec in feed_specs(plan)]


def render_feeds(
    feeds: Iterable[Feed], dtstamp: datetime | None = None, renderer: FeedRenderer | None = None
) -> dict[str, bytes]:
    """name -> bytes, all with the same DTSTAMP; an item several feeds share is serialised once."""
    stamp = dtstamp or datetime.now(UTC)
    renderer = renderer or FeedRenderer()
    return {feed.name: renderer.render(feed, dtstamp=stamp) for feed in feeds}


class FeedContents:
    """The items of one plan's feeds, each built once however many feeds show it.

    A point is in "punkter", "intern" and its people's feeds, a meeting in "direktion", "intern"
    and the feed of everyone not absent that day: each is built at the first feed that needs it
    and the others take the same item. Meetings and points come in two views: the internal one,
    and the public one, where closed points take neither a line nor a time (see the module doc).
    Read-only over a plan that does not change while it is in use (one per plan version).
    """

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.meetings_by_date = plan.meetings_by_date()
        self._ordered: list[Point] | None = None
        self._full_agenda: dict[date, list[Point]] | None = None
        self._views: dict[bool, _View] = {}
        self._absent: dict[date, list[str]] = {}
        self._events: _Built[PlanEvent] | None = None
        self._absences: _Built[Absence] | None = None
        self._closures: tuple[Sequence[Period] | None, list[FeedItem]] | None = None

    def agenda_ordered(self) -> list[Point]:
        if self._ordered is None:
            self._ordered = fi.agenda_ordered(self.plan)
        return self._ordered

    def full_agenda(self) -> dict[date, list[Point]]:
        """`fi.agenda(plan)`: closed points included."""
        if self._full_agenda is None:
            self._full_agenda = fi.agenda(self.plan, True, self.agenda_ordered())
        return self._full_agenda

    def view(self, with_closed: bool) -> _View:
        view = self._views.get(with_closed)
        if view is None:
            view = self._views[with_closed] = _View(self, with_closed)
        return view

    def absent_on(self, d: date) -> list[str]:
        """`fi.absent_on(plan, d)`, for every meeting's date worked out at once."""
        if not self._absent:
            # Each absence finds the meeting dates it covers by bisection, instead of each
            # meeting testing every absence.
            days = sorted(self.meetings_by_date)
            names: dict[date, set[str]] = {}
            for a in self.plan.absences:
                for day in days[bisect_left(days, a.start) : bisect_right(days, a.end)]:
                    names.setdefault(day, set()).add(a.person)
            self._absent = {day: sorted(names.get(day, ())) for day in days}
        absent = self._absent.get(d)
        return fi.absent_on(self.plan, d) if absent is None else absent

    def meetings(self, with_closed: bool, person: str | None = None) -> list[FeedItem]:
        built = self.view(with_closed).meeting_items()
        if person is None:
            return list(built.items)
        return built.where(lambda m: not any(same_person(person, a) for a in self.absent_on(m.date)))

    def points(self, with_closed: bool, person: str | None = None) -> list[FeedItem]:
        built = self.view(with_closed).point_items()
        if person is None:
            return list(built.items)
        return built.where(lambda p: any(same_person(person, n) for n in [p.owner or "", *p.participants]))

    def events(self, categories: set[str] | None = None) -> list[FeedItem]:
        if self._events is None:
            # A political cycle date ("Økonomiudvalget (ØK)") is usually also listed as a meeting
            # ("Økonomiudvalgsmøde (teknisk budget)") on the same day; show the more specific one.
            listed: dict[date, set[str]] = {}
            for e in self.plan.events:
                if e.kind == "event":
                    listed.setdefault(e.start, set()).add(e.title.lower())
            shown = [
                e
                for e in sorted(self.plan.events, key=lambda e: (e.start, e.uid))
                if not (
                    (prefix := _CYCLE_TITLES.get(e.kind))
                    and any(t.startswith(prefix) for t in listed.get(e.start, ()))
                )
            ]
            self._events = _Built(shown, [fi.event_item(e) for e in shown])
        if categories is None:
            return list(self._events.items)
        return self._events.where(lambda e: e.category in categories)

    def closures(self, calendar: Sequence[Period] | None) -> list[FeedItem]:
        if self._closures is None or self._closures[0] is not calendar:
            self._closures = (calendar, [fi.closure_item(p) for p in ferie_periods(self.plan, calendar)])
        return list(self._closures[1])

    def absences(self, person: str | None = None) -> list[FeedItem]:
        if self._absences is None:
            absences = sorted(self.plan.absences, key=lambda a: (a.start, a.person))
            self._absences = _Built(absences, [fi.absence_item(a) for a in absences])
        if person is None:
            return list(self._absences.items)
        return self._absences.where(lambda a: same_person(person, a.person))


class _View:
    """Meetings and points as the internal (`with_closed`) or the public feeds show them."""

    def __init__(self, contents: FeedContents, with_closed: bool) -> None:
        plan = contents.plan
        self.contents = contents
        full = contents.full_agenda()
        self.agenda = full if with_closed else fi.agenda(plan, False, contents.agenda_ordered())
        self.slots = fi.point_slots(plan, with_closed, contents.meetings_by_date, full)
        self._meetings: _Built[Meeting] | None = None
        self._points: _Built[Point] | None = None

    def meeting_items(self) -> _Built[Meeting]:
        if self._meetings is None:
            c = self.contents
            meetings = sorted(c.plan.meetings, key=lambda m: m.date)
            items = [
                fi.meeting_item(c.plan, m, self.agenda.get(m.date, []), self.slots, c.absent_on(m.date))
                for m in meetings
            ]
            self._meetings = _Built(meetings, items)
        return self._meetings

    def point_items(self) -> _Built[Point]:
        if self._points is None:
            c = self.contents
            points = [p for day in self.agenda.values() for p in day]
            self._points = _Built(
                points, [fi.point_item(c.plan, p, self.slots, c.meetings_by_date) for p in points]
            )
        return self._points


@dataclass(frozen=True)
class _Built(Generic[T]):
    """Items built for a feed and what each was built from, side by side (two lists, not a
    list of pairs: fewer objects for the garbage collector to walk)."""

    sources: list[T]
    items: list[FeedItem]

    def where(self, keep: Callable[[T], bool]) -> list[FeedItem]:
        """The items whose source `keep` accepts, in order."""
        return list(compress(self.items, map(keep, self.sources)))


# --- holidays -----------------------------------------------------------------------------


def ferie_periods(plan: Plan, calendar: Sequence[Period] | None) -> list[Period]:
    """Closures for the "ferie" feed: the plan's own, plus `calendar` periods when given.

    A document row "Efterårsferie" on one Wednesday only says there is no meeting
    that day; when a calendar period for the same holiday covers it, the full
    holiday is shown instead. Otherwise documents win (see merge_closures).
    """
    docs = [closure_period(c) for c in plan.closures]
    if not calendar:
        return sorted(set(docs), key=lambda p: (p.start, p.end, p.label, p.kind))
    known = [p for p in calendar if p.closes]
    docs = [
        d
        for d in docs
        if not any(
            c.kind != "public_holiday"
            and holiday_key(c.label) == holiday_key(d.label)
            and c.start <= d.start
            and d.end <= c.end
            for c in known
        )
    ]
    return merge_closures(known, docs)


def calendar_periods(plan: Plan, config_path: Path | str = DEFAULT_CONFIG) -> list[Period]:
    """Public holidays, school holidays and no-meeting days for the years the plan covers."""
    return configured_periods(plan_years(plan, margin=0), config_path)


# --- tokens -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedInfo:
    name: str
    calname: str
    token: str | None  # None: revoked
    url: str | None
    webcal_url: str | None
    internal: bool
    description: str = ""

    @property
    def revoked(self) -> bool:
        return self.token is None

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "calname": self.calname,
            "description": self.description,
            "internal": self.internal,
            "token": self.token,
            "url": self.url,
            "webcal_url": self.webcal_url,
            "revoked": self.revoked,
        }


def webcal(url: str) -> str:
    for scheme in ("https://", "http://"):
        if url.startswith(scheme):
            return "webcal://" + url[len(scheme) :]
    return url


class FeedRegistry:
    """One unguessable token per feed name, kept in the store's `feeds` table.

    A token stays until the secretariat rotates it (a new token, the old link is dead) or
    revokes it (no token works until the next rotation). Both are recorded in history and
    bump the plan version, so the feed server's token cache looks again on the next request.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.table = FeedTokenTable(store)

    def ensure(self, specs: Sequence[FeedSpec]) -> dict[str, str | None]:
        """name -> token (None when revoked) for every spec, creating missing tokens (safe with
        concurrent processes)."""
        tokens = self.table.tokens()
        missing = [(spec.name, spec.internal) for spec in specs if spec.name not in tokens]
        if missing:  # take the write lock only when there is something to write
            self.table.add_missing(missing, new_token)
            tokens = self.table.tokens()
        return {spec.name: tokens[spec.name] for spec in specs}

    def name_for_token(self, token: str) -> str | None:
        """The feed a token opens. Every live token is compared in constant time, without stopping
        at the first match, so response times say nothing about how much of a guess was right."""
        given = token.encode("utf-8", "replace")
        found = None
        for name, live in self.table.live():
            if hmac.compare_digest(given, live.encode("utf-8")):
                found = name
        return found

    def _known(self, name: str) -> None:
        specs = feed_specs(self.store.load_plan())
        if name not in {s.name for s in specs}:
            names = ", ".join(s.name for s in specs)
            raise ValueError(f"kalenderen {name!r} findes ikke; mulige: {names}")
        self.ensure(specs)

    def rotate(self, name: str, actor: str) -> str:
        """A new token for `name` (a revoked feed is opened again); returns it."""
        self._known(name)
        token = new_token()
        self.table.set_token(
            name, token, False, actor, f"kalender {name}: nyt link (det gamle virker ikke længere)"
        )
        return token

    def revoke(self, name: str, actor: str) -> None:
        self._known(name)
        # A fresh random token too, so the old one is gone from the database, not just disabled.
        self.table.set_token(name, new_token(), True, actor, f"kalender {name}: link trukket tilbage")

    def urls(self, base_url: str, specs: Sequence[FeedSpec] | None = None) -> list[FeedInfo]:
        specs = feed_specs(self.store.load_plan()) if specs is None else specs
        tokens = self.ensure(specs)
        base = base_url.rstrip("/")
        out = []
        for spec in specs:
            token = tokens[spec.name]
            url = f"{base}/feeds/{token}.ics" if token else None
            out.append(
                FeedInfo(
                    spec.name,
                    spec.calname,
                    token,
                    url,
                    webcal(url) if url else None,
                    spec.internal,
                    spec.description,
                )
            )
        return out


# --- serving ------------------------------------------------------------------------------


def load_snapshot(store: Store) -> tuple[Plan, datetime | None]:
    """The plan and its meta last_modified read in one consistent read transaction."""
    with store.read_snapshot():
        plan = store.load_plan()
        stamp = store.meta("last_modified")
    return plan, fi.parse_utc(stamp)


class StoreFeedProvider:
    """`feedserver.FeedProvider` over a SQLite store, re-rendering only when the plan version changes.

    Another process (the app, the CLI) writing to the database bumps plan_version;
    the next request sees it and renders afresh. A request for an unchanged plan
    costs one meta read: tokens already seen at that plan version are remembered
    (rotating or revoking a token, like a restore, bumps the version). The renderer
    outlives plan versions: after a change only the events that changed are serialised.
    """

    def __init__(self, db_path: str | Path, config_path: Path | str | None = DEFAULT_CONFIG) -> None:
        self.db_path = Path(db_path)
        self.config_path = config_path  # None: no school/public holidays in "ferie"
        self._local = threading.local()
        self._lock = threading.Lock()
        self._stores: list[Store] = []
        self._version: int | None = None
        self._specs: dict[str, FeedSpec] = {}  # the feeds of plan version _version
        self._contents: FeedContents | None = None  # their items, built as the feeds are asked for
        self._feeds: dict[str, Feed] = {}
        self._rendered: dict[str, RenderedFeed] = {}
        self._last_modified: datetime | None = None
        self._calendar: tuple[tuple[int, ...], list[Period]] | None = None
        self._names: dict[str, str] = {}  # token -> feed name, looked up at plan version _version
        self.renderer = FeedRenderer()  # used under _lock only

    def _store(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = open_for_reading(self.db_path)  # a read-only folder still serves its feeds
            self._local.store = store
            with self._lock:
                self._stores.append(store)
        return store

    def close(self) -> None:
        with self._lock:
            for store in self._stores:
                store.close()
            self._stores.clear()

    def feed_for_token(self, token: str) -> RenderedFeed | None:
        store = self._store()
        version = store.plan_version
        with self._lock:
            if version == self._version:
                rendered = self._rendered.get(self._names.get(token, ""))
                if rendered is not None:
                    return rendered
        name = FeedRegistry(store).name_for_token(token)
        if name is None:
            return None
        with self._lock:
            if version == self._version:
                self._names[token] = name
                if name in self._rendered:
                    return self._rendered[name]
        plan, stamp = load_snapshot(store)
        with self._lock:
            if plan.version != self._version:
                self._refresh(plan, stamp)
            feed = self._feed(name)
            if feed is None:
                return None  # a token for a feed that no longer exists (a person who left)
            if version == self._version:
                self._names[token] = name
            rendered = self._rendered.get(name)
            if rendered is None:
                assert self._last_modified is not None
                body = self.renderer.render(feed, dtstamp=datetime.now(UTC))
                rendered = RenderedFeed.build(body, self._last_modified, feed.filename)
                self._rendered[name] = rendered
            return rendered

    def _refresh(self, plan: Plan, stamp: datetime | None) -> None:
        # Called with the lock held. A restore bumps the version without touching
        # last_modified; never let Last-Modified stand still while the content changes.
        previous = self._last_modified
        if stamp is None or (previous is not None and stamp <= previous):
            stamp = datetime.now(UTC) if previous is not None else (stamp or datetime.now(UTC))
        self._version = plan.version
        self._last_modified = stamp
        # Only what is asked for is built: after an edit the first request waits for its own
        # feed, not for all of them (the items they share are built once, by the first).
        self._specs = {spec.name: spec for spec in feed_specs(plan)}
        self.renderer.retain(self._specs)
        self._contents = FeedContents(plan)
        self._feeds = {}
        self._rendered = {}
        self._names = {}

    def _feed(self, name: str) -> Feed | None:
        # Called with the lock held, after _refresh.
        feed = self._feeds.get(name)
        spec = self._specs.get(name)
        if feed is None and spec is not None:
            assert self._contents is not None
            plan = self._contents.plan
            feed = build_feed(plan, spec, self._calendar_for(plan), self._contents)
            self._feeds[name] = feed
        return feed

    def _calendar_for(self, plan: Plan) -> list[Period] | None:
        if self.config_path is None:
            return None
        years = plan_years(plan, margin=0)
        if self._calendar is None or self._calendar[0] != years:
            self._calendar = (years, calendar_periods(plan, self.config_path))
        return self._calendar[1]
