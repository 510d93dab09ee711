"""Cached loading for the Streamlit app: everything keyed by (db path, plan_version).

The plan, the calendar context, the conflicts and the wheel figure are computed once per
plan version and shared by all sessions (read-only: every write goes through
planner.commands, which reloads from the database). A rerun costs one meta read.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import streamlit as st

from planner.auth import User, may
from planner.plan import Plan
from planner.storage.store import Store

TZ = ZoneInfo("Europe/Copenhagen")


def today() -> date:
    """Today in Copenhagen; the page's `Settings.today` (PLANNER_TODAY) pins it (see shell)."""
    from planner.today import copenhagen_today

    return copenhagen_today()


def local_time(stamp: str | None) -> str:
    """A stored UTC time stamp as Copenhagen time: "23.11.2026 kl. 02.37"."""
    try:
        when = datetime.fromisoformat((stamp or "").replace("Z", "+00:00"))
    except ValueError:
        return stamp or ""
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(TZ).strftime("%d.%m.%Y kl. %H.%M")


@contextmanager
def open_store(db_path: str) -> Iterator[Store]:
    """A connection per operation: sqlite connections must not be shared between sessions' threads."""
    store = Store(db_path)
    try:
        yield store
    finally:
        store.close()


def current_version(db_path: str) -> int:
    with open_store(db_path) as store:
        return store.plan_version


@st.cache_resource(max_entries=4, show_spinner="Henter planen …")
def load_plan(db_path: str, version: int) -> Plan:
    with open_store(db_path) as store:  # read-only and shared by all sessions: no private copy needed
        return store.load_plan(copy=False)


CLOSED_TITLE = "Lukket punkt"


@st.cache_resource(max_entries=4, show_spinner=False)
def load_reader_plan(db_path: str, version: int) -> Plan:
    """The plan as a `læser` sees it: a closed point's text is replaced by "Lukket punkt" before any
    view gets it, so no filter, search or label can show (or hint at) what it says."""
    plan = load_plan(db_path, version)
    hidden = [
        replace(p, title=CLOSED_TITLE, description="", note=None, edited={}) if p.closed else p
        for p in plan.points
    ]
    return replace(plan, points=hidden)


@st.cache_resource(max_entries=4, show_spinner=False)
def load_context(db_path: str, version: int, day: date | None = None):
    """The calendar around the plan; with `day`, also around the 12 months the rhythm reaches ahead."""
    from planner.calendar.context import calendar_context
    from planner.calendar.meetings_ahead import ahead_span

    return calendar_context(load_plan(db_path, version), also=ahead_span(day) if day else ())


@st.cache_resource(max_entries=4, show_spinner=False)
def load_view_plan(db_path: str, version: int, day: date, reader: bool) -> Plan:
    """The plan the wheel, the calendar and the week details show: the stored plan plus the
    rhythm's meetings of the next 12 months (planner.calendar.meetings_ahead); `reader`: as a læser sees it."""
    from planner.calendar.meetings_ahead import with_rhythm

    plan = load_reader_plan(db_path, version) if reader else load_plan(db_path, version)
    return with_rhythm(plan, load_context(db_path, version, day), day)


@st.cache_resource(max_entries=4, show_spinner="Tjekker konflikter …")
def load_conflicts(db_path: str, version: int, day: date) -> list:
    from planner.conflicts.engine import check_plan

    plan = load_plan(db_path, version)
    return check_plan(plan, load_context(db_path, version), today=day)


@st.cache_resource(max_entries=16, show_spinner="Tjekker konflikter …")
def load_conflicts_between(db_path: str, version: int, day: date, first: date, last: date) -> list:
    """The conflicts dated first..last, exactly those of `load_conflicts` there: the wheel shows
    one year, and checking only its days is a fraction of checking ten years. `check_dates` finds
    every conflict of the full check on those days (and perhaps some dated elsewhere: dropped)."""
    from planner.conflicts.engine import check_dates

    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    found = check_dates(load_plan(db_path, version), load_context(db_path, version), days, today=day)
    return [c for c in found if c.date and first <= c.date <= last]


@dataclass(frozen=True)
class AppContext:
    """What every view needs: where the data is, which version the user sees, and who they are."""

    db_path: str
    version: int
    feed_base_url: str
    today: date
    actor: User | str = "bruger"  # passed to every command, which checks the role

    def may(self, permission: str) -> bool:
        """Whether to show a control; the command layer still decides (planner.auth.authorize)."""
        return may(self.actor, permission)

    @property
    def plan(self) -> Plan:
        if self.may("see_closed"):
            return load_plan(self.db_path, self.version)
        return load_reader_plan(self.db_path, self.version)

    @property
    def view_plan(self) -> Plan:
        """`plan` with the rhythm's meetings ahead of today (not stored; for showing, never for writing)."""
        return load_view_plan(self.db_path, self.version, self.today, not self.may("see_closed"))

    @property
    def calendar(self):
        return load_context(self.db_path, self.version, self.today)

    @property
    def conflicts(self) -> list:
        return load_conflicts(self.db_path, self.version, self.today)

    def conflicts_between(self, first: date, last: date) -> list:
        """The part of `conflicts` dated first..last, found without checking the rest of the plan."""
        return load_conflicts_between(self.db_path, self.version, self.today, first, last)

    def store(self):
        return open_store(self.db_path)


def conflict_refs(conflicts: list) -> dict[str, list]:
    """ "point:12" → the conflicts that name it."""
    out: dict[str, list] = {}
    for c in conflicts:
        for ref in c.items:
            out.setdefault(ref, []).append(c)
    return out


def flash(message: str, kind: str = "success") -> None:
    """A message shown at the top of the next run (survives st.rerun)."""
    st.session_state.setdefault("_flash", []).append((kind, message))


def show_flashes() -> None:
    for kind, message in st.session_state.pop("_flash", []):
        getattr(st, kind, st.info)(message)


def goto(view: str, **state: object) -> None:
    """Switch view from a button callback, setting widget state for the target view."""
    st.session_state["view"] = view
    for key, value in state.items():
        st.session_state[key] = value


def db_exists(db_path: str) -> bool:
    return Path(db_path).is_file()
