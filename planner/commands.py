"""The one place the CLI and the app change the plan.

Every command runs inside `Store.mutate` (one IMMEDIATE transaction, recorded in history, so
it can be undone) and refuses an edit based on an old version of the point (`StaleEdit`).
The commands use `copy_on_write`: they edit only items they got from `find_point` /
`plan.meeting_on` or created themselves, never items reached by iterating the plan's lists.

Contract with the document fold (`planner.sync.fold`): a hand edit of a field records in
`point.edited[field]` what the document said at the time (for "date": `doc_value`), so a later
document that changes the same field becomes a pending choice instead of silently winning.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from planner.auth import PermissionDenied, User, authorize
from planner.calendar.context import CalendarContext, calendar_context, years_around
from planner.calendar.denmark import DEFAULT_CONFIG
from planner.calendar.rhythm import MeetingRhythm
from planner.conflicts.engine import check_dates, diff_conflicts, sort_conflicts
from planner.conflicts.index import Conflict, PlanLookups
from planner.dates import format_long, outside_plan_years
from planner.errors import PlannerError
from planner.logs import timed
from planner.plan import (
    ACTIVITY_RECURRENCES,
    DEFAULT_DURATION_MIN,
    PLANNED_STATUSES,
    POINT_STATUSES,
    RHYTHM_SOURCE,
    Absence,
    Activity,
    Closure,
    Meeting,
    Plan,
    Point,
    Ring,
)
from planner.storage.rows import plan_from_rows
from planner.storage.store import Change, StaleEdit, Store
from planner.sync.identity import point_uid

log = logging.getLogger(__name__)

EDITABLE_FIELDS = ("title", "description", "owner", "participants", "duration_min", "status", "date")
CLOSURE_KINDS = ("closure", "school_holiday", "public_holiday", "no_meeting_day")
# Statuses a point leaves when someone gives it a date: it is back in the plan.
_REVIVED_BY_DATE = ("afventer dato", "ikke længere i planen", "aflyst")


class PlanError(PlannerError, ValueError):
    """A command that cannot be carried out; the message is Danish and says why."""


class NotFound(PlanError):
    pass


class NotAllowed(PlanError):
    """The user's role does not allow the command (see `planner.auth`)."""


Actor = User | str


def check(actor: Actor, permission: str) -> str:
    """Every command's permission check (`planner.auth.authorize`); returns who to record in history."""
    try:
        return authorize(actor, permission)
    except PermissionDenied as exc:
        raise NotAllowed(str(exc)) from None


@dataclass
class MoveResult:
    point: Point
    old_date: date | None
    new_date: date | None
    created: list[Conflict] = field(default_factory=list)
    removed: list[Conflict] = field(default_factory=list)
    change_id: int | None = None
    created_meeting: bool = False


# --- pure steps on a working copy --------------------------------------------------------------


def find_point(plan: Plan, point_id: int) -> Point:
    p = plan.point(point_id)
    if p is None:
        raise NotFound(f"punkt {point_id} findes ikke")
    return p


def check_version(p: Point, expected_version: int | None) -> None:
    if expected_version is not None and p.version != expected_version:
        raise StaleEdit(
            f"punkt {p.id} er ændret af en anden siden du hentede det (version {p.version}, "
            f"du havde {expected_version}); hent planen igen og prøv igen"
        )


def ensure_meeting(
    plan: Plan,
    d: date,
    rhythm: MeetingRhythm,
    create_meeting: bool = True,
    closed: Callable[[date], object] | None = None,
) -> bool:
    """Make sure a meeting exists on `d`; True when one was created.

    An open rhythm day (`closed(d)` falsy) is the rhythm's own meeting, stored now that it has
    a point (source RHYTHM_SOURCE, see planner.calendar.meetings_ahead); a rhythm weekday that is closed
    (a holiday) gets a meeting added by hand, as on any other day.
    """
    if plan.meeting_on(d) is not None:
        return False
    if d.weekday() == rhythm.weekday:
        source = RHYTHM_SOURCE if closed is not None and not closed(d) else "bruger"
        plan.meetings.append(
            Meeting(date=d, start=rhythm.start, end=rhythm.end, origin="rhythm", source=source)
        )
        return True
    if not create_meeting:
        raise PlanError(
            f"der er intet møde {format_long(d)}, og Direktionen mødes om {rhythm.weekday_name}en; "
            f"vælg en {rhythm.weekday_name} eller opret et ekstra møde"
        )
    plan.meetings.append(
        Meeting(date=d, start=rhythm.start, end=rhythm.end, origin="manual", source="bruger", extra=True)
    )
    return True


def in_plan_years(*dates: date | None) -> None:
    """Refuse a date the holiday calendar cannot answer for: one such date would break every check."""
    reason = outside_plan_years(*dates)
    if reason:
        raise PlanError(reason)


def set_date(
    plan: Plan,
    p: Point,
    new_date: date | None,
    rhythm: MeetingRhythm,
    create_meeting: bool = True,
    by_hand: bool = True,
    closed: Callable[[date], object] | None = None,
) -> bool:
    """Give `p` a new date in place; returns whether a meeting was created (`closed`: see ensure_meeting)."""
    in_plan_years(new_date)
    created = False
    if new_date is not None:
        created = ensure_meeting(plan, new_date, rhythm, create_meeting, closed)
    if new_date == p.date:
        return created
    if by_hand:
        p.edited["date"] = _iso(p.doc_value)
    old = p.date
    p.date = new_date
    p.start = None  # the time a timetable stated was for the old meeting; on the new one it is computed
    p.sequence += 1  # ICS SEQUENCE: calendar clients replace the old occurrence
    if new_date is None:
        p.status = "afventer dato"
    elif p.status in _REVIVED_BY_DATE:
        p.status = "planlagt"
    if old is not None:
        drop_empty_meeting(plan, old)
    return created


def drop_empty_meeting(plan: Plan, d: date) -> None:
    """Remove a meeting that only existed because a point was moved there and is now empty.

    Without this, trying a date and moving back would leave a stray meeting (and its
    warnings) behind; document meetings are never touched. An emptied rhythm meeting goes back to
    being the rhythm's (planner.calendar.meetings_ahead shows it again, unstored).
    """
    m = plan.meeting_on(d)
    if m is None or m.source not in ("bruger", RHYTHM_SOURCE) or m.origin not in ("rhythm", "manual"):
        return
    if not any(q.date == d for q in plan.points):
        plan.meetings.remove(m)


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _context(plan: Plan, config_path: Path | str, *dates: date | None) -> CalendarContext:
    return calendar_context(plan, config_path, also=dates)


_MOVE_FACTS = "commands.move_point"


@dataclass
class _PlanFacts:
    """What a move needs to know about the whole plan, kept between moves (`Store.memo`, per
    plan version): the conflict lookups, updated for the moved point, and the years of the
    spans a move never changes (events, closures, absences)."""

    lookups: PlanLookups
    span_years: frozenset[int]

    @classmethod
    def of(cls, plan: Plan) -> _PlanFacts:
        years: set[int] = set()
        for span in (*plan.events, *plan.closures, *plan.absences):
            years.update(range(span.start.year, span.end.year + 1))
        return cls(PlanLookups(plan), frozenset(years))

    def context(self, plan: Plan, config_path: Path | str, *dates: date | None) -> CalendarContext:
        """calendar_context(plan, config_path, also=dates), without reading every point for its year."""
        found = {
            *self.lookups.years(),
            *self.span_years,
            *(m.date.year for m in plan.meetings),
            *(d.year for d in dates if d is not None),
        }
        return calendar_context(plan, config_path, years=years_around(found))


# --- commands ----------------------------------------------------------------------------------


def move_point(
    store: Store,
    point_id: int,
    new_date: date | None,
    *,
    expected_version: int | None = None,
    actor: Actor = "bruger",
    create_meeting: bool = True,
    today: date | None = None,
    config_path: Path | str = DEFAULT_CONFIG,
) -> MoveResult:
    """Move a point to `new_date` (None: back to "afventer dato") and report what that did to the conflicts."""
    in_plan_years(new_date)
    who = check(actor, "edit")

    kept: dict[str, object] = {}

    def change(plan: Plan) -> MoveResult:
        p = find_point(plan, point_id)
        check_version(p, expected_version)
        old = p.date
        facts = store.memo(_MOVE_FACTS, plan.version) or _PlanFacts.of(plan)
        ctx = facts.context(plan, config_path, old, new_date)
        scope = ([old, new_date], [point_id])
        before = check_dates(plan, ctx, *scope, today=today, lookups=facts.lookups)
        created_meeting = set_date(plan, p, new_date, ctx.rhythm, create_meeting, closed=ctx.closure_on)
        facts.lookups.refile(p)
        after = check_dates(plan, ctx, *scope, today=today, lookups=facts.lookups)
        created, removed = diff_conflicts(before, after)
        meeting = plan.meeting_on(new_date) if created_meeting and new_date else None
        kept.update(plan=plan, facts=facts)
        return MoveResult(p, old, new_date, created, removed, None, created_meeting), meeting

    where = format_long(new_date) if new_date else "afventer dato"
    (result, meeting), change_id = store.mutate(
        change, who, "move", f"flyt punkt {point_id} til {where}", copy_on_write=True
    )
    # The facts now describe the plan this move wrote (its version is the plan's after the write).
    store.put_memo(_MOVE_FACTS, kept["plan"].version, kept["facts"])
    if meeting is not None:
        # The meeting got its id when it was written, after the conflicts named it.
        result.created = sort_conflicts(_with_meeting_id(c, meeting.id) for c in result.created)
    result.change_id = change_id
    result.point = reload_point(store, point_id)
    return result


def _with_meeting_id(c: Conflict, meeting_id: int | None) -> Conflict:
    if "meeting:None" not in c.items:
        return c
    return replace(c, items=tuple(f"meeting:{meeting_id}" if i == "meeting:None" else i for i in c.items))


def update_point(
    store: Store,
    point_id: int,
    *,
    expected_version: int | None = None,
    actor: Actor = "bruger",
    create_meeting: bool = True,
    config_path: Path | str = DEFAULT_CONFIG,
    **fields,
) -> Point:
    """Edit fields of a point by hand (see EDITABLE_FIELDS); the date goes through the same path as a move."""
    who = check(actor, "edit")
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise PlanError(
            f"kan ikke ændre {', '.join(sorted(unknown))}; mulige felter: {', '.join(EDITABLE_FIELDS)}"
        )
    clean = {k: _validate(k, v) for k, v in fields.items()}

    def change(plan: Plan) -> None:
        p = find_point(plan, point_id)
        check_version(p, expected_version)
        for name, value in clean.items():
            if name == "date":
                continue
            if getattr(p, name) != value:
                _edit_by_hand(p, name, value)
        if "date" in clean:
            ctx = _context(plan, config_path, clean["date"])
            set_date(plan, p, clean["date"], ctx.rhythm, create_meeting, closed=ctx.closure_on)
        elif clean.get("status") == "planlagt" and p.date is None:
            raise PlanError("et punkt uden dato kan ikke være «planlagt»; giv det en dato")
        if p.date is not None and p.status == "afventer dato":
            raise PlanError("et punkt med dato kan ikke «afvente dato»; flyt det til backlog i stedet")

    names = ", ".join(sorted(clean))
    store.mutate(change, who, "edit", f"ret punkt {point_id} ({names})", copy_on_write=True)
    return reload_point(store, point_id)


@dataclass
class MarkDoneResult:
    before: date
    points: list[Point] = field(default_factory=list)  # as they were marked (status "behandlet")
    change_id: int | None = None  # None: nothing was still planned before `before`


def passed_points(plan: Plan, before: date) -> list[Point]:
    """The points the past-planned rule reports on `before`: still planned on a day that has passed."""
    return sorted(
        (p for p in plan.points if p.date is not None and p.date < before and p.status in PLANNED_STATUSES),
        key=lambda p: (p.date, p.id or 0),
    )


def mark_done(store: Store, before: date, *, actor: Actor = "bruger") -> MarkDoneResult:
    """Mark every point still planned before `before` as "behandlet", as one change (one undo).

    Each is a hand edit of the status, so a later document fold leaves it alone (see the module
    docstring), and history keeps every point's before and after.
    """
    who = check(actor, "edit")

    def change(plan: Plan) -> list[Point]:
        marked = []
        for found in passed_points(plan, before):
            p = find_point(plan, found.id)  # the writable copy, not the shared item
            _edit_by_hand(p, "status", "behandlet")
            marked.append(p)
        return marked

    marked, change_id = store.mutate(
        change,
        who,
        "mark-done",
        f"passerede punkter før {before.isoformat()} markeret som behandlet",
        copy_on_write=True,
    )
    return MarkDoneResult(before, marked, change_id)


def add_point(
    store: Store,
    title: str,
    date: date | None = None,
    *,
    actor: Actor = "bruger",
    create_meeting: bool = True,
    config_path: Path | str = DEFAULT_CONFIG,
    **fields,
) -> Point:
    """A new point typed in by hand (origin "manual", source "bruger")."""
    who = check(actor, "edit")
    in_plan_years(date)
    clean = {k: _validate(k, v) for k, v in {"title": title, **fields}.items() if k != "date"}
    unknown = set(clean) - set(EDITABLE_FIELDS)
    if unknown:
        raise PlanError(f"ukendte felter: {', '.join(sorted(unknown))}")

    def change(plan: Plan) -> Point:
        p = Point(
            uid=point_uid(clean["title"], date, "bruger"),
            title=clean["title"],
            date=None,
            origin="manual",
            source="bruger",
            status="afventer dato",
        )
        taken = {q.uid for q in plan.points}
        while p.uid in taken:
            p.uid = point_uid(clean["title"], date, p.uid)
        for name, value in clean.items():
            setattr(p, name, value)
        if p.status != "afventer dato" and date is None:
            raise PlanError("et punkt uden dato kan kun have status «afventer dato»")
        plan.points.append(p)
        if date is not None:
            ctx = _context(plan, config_path, date)
            set_date(plan, p, date, ctx.rhythm, create_meeting, by_hand=False, closed=ctx.closure_on)
            p.sequence = 0  # a new point has no earlier version in anyone's calendar
        return p

    point, _ = store.mutate(change, who, "add", f"nyt punkt: {clean['title']}", copy_on_write=True)
    return reload_point(store, point.id)


def delete_point(
    store: Store, point_id: int, *, expected_version: int | None = None, actor: Actor = "bruger"
) -> None:
    """Remove a point. A point from a document is cancelled instead ("aflyst", kept by hand) —
    deleting it would only make the next document fold add it again."""
    who = check(actor, "edit")

    def change(plan: Plan) -> str:
        p = find_point(plan, point_id)
        check_version(p, expected_version)
        if p.origin == "manual" and not p.doc_date:
            plan.points.remove(p)
            if p.date is not None:
                drop_empty_meeting(plan, p.date)
            return p.title
        _edit_by_hand(p, "status", "aflyst")
        return p.title

    store.mutate(change, who, "delete", f"slet punkt {point_id}", copy_on_write=True)


def resolve_merge(
    store: Store,
    point_id: int,
    keep: str,
    *,
    expected_version: int | None = None,
    actor: Actor = "bruger",
    config_path: Path | str = DEFAULT_CONFIG,
) -> Point:
    """Settle every pending document change of a point: keep="mine" or keep="document"."""
    who = check(actor, "edit")
    if keep not in ("mine", "document"):
        raise PlanError("vælg --keep mine (behold min ændring) eller --keep document (brug dokumentets)")

    def change(plan: Plan) -> None:
        p = find_point(plan, point_id)
        check_version(p, expected_version)
        pending = sorted(k for k in p.edited if k.startswith("pending:"))
        if not pending:
            raise PlanError(f"punkt {point_id} har ingen ændring fra et dokument, der venter på en afgørelse")
        for key in pending:
            name = key.removeprefix("pending:")
            theirs = p.edited.pop(key)
            if keep == "mine":
                p.edited[name] = theirs  # the document's new value is now the known base
                continue
            p.edited.pop(name, None)
            if name == "date":
                new = date.fromisoformat(theirs) if theirs else None
                ctx = _context(plan, config_path, new)
                set_date(plan, p, new, ctx.rhythm, True, by_hand=False, closed=ctx.closure_on)
            elif name in EDITABLE_FIELDS:
                setattr(p, name, _from_edited(name, theirs))

    label = "behold min ændring" if keep == "mine" else "brug dokumentets"
    store.mutate(change, who, "resolve", f"punkt {point_id}: {label}", copy_on_write=True)
    return reload_point(store, point_id)


def add_absence(
    store: Store,
    person: str,
    start: date,
    end: date | None = None,
    note: str | None = None,
    *,
    actor: Actor = "bruger",
) -> Absence:
    who = check(actor, "edit")
    person = (person or "").strip()
    if not person:
        raise PlanError("skriv hvem der er fraværende")
    end = end or start
    in_plan_years(start, end)
    if end < start:
        raise PlanError(f"fraværet slutter ({format_long(end)}) før det begynder ({format_long(start)})")

    def change(plan: Plan) -> Absence:
        a = Absence(person, start, end, "bruger", note)
        plan.absences.append(a)
        return a

    absence, _ = store.mutate(
        change, who, "absence", f"fravær: {person} {start.isoformat()}–{end.isoformat()}", copy_on_write=True
    )
    return absence


def add_closure(
    store: Store,
    label: str,
    start: date,
    end: date | None = None,
    kind: str = "closure",
    *,
    actor: Actor = "bruger",
) -> Closure:
    who = check(actor, "holidays")
    label = (label or "").strip()
    if not label:
        raise PlanError("skriv en betegnelse for lukningen, fx «Vinterferie»")
    if kind not in CLOSURE_KINDS:
        raise PlanError(f"ukendt type {kind!r}; mulige: {', '.join(CLOSURE_KINDS)}")
    end = end or start
    in_plan_years(start, end)
    if end < start:
        raise PlanError(f"lukningen slutter ({format_long(end)}) før den begynder ({format_long(start)})")

    def change(plan: Plan) -> Closure:
        c = Closure(label, start, end, kind, "bruger")
        plan.closures.append(c)
        return c

    closure, _ = store.mutate(
        change, who, "closure", f"lukning: {label} {start.isoformat()}–{end.isoformat()}", copy_on_write=True
    )
    return closure


def undo(store: Store, change_id: int | None = None, actor: Actor = "bruger") -> Change | None:
    """Undo a change (default: the latest); None when there is nothing to undo."""
    return store.undo(change_id, actor=check(actor, "edit"))


def import_documents(store: Store, results: list, actor: Actor = "import") -> list:
    """Fold parsed documents into the plan (`planner.sync.importer.import_documents`), if the role allows it."""
    from planner.sync.importer import import_documents as fold_documents

    who = check(actor, "import")
    with timed(log, "%d dokumenter flettet ind i planen", len(results)):
        return fold_documents(store, results, actor=who)


def import_ferieplan(
    store: Store,
    source: str,
    periods: list[tuple[str, date, date, str]],
    summary: str,
    actor: Actor = "bruger",
) -> tuple[dict[str, int], int | None]:
    """Replace the closures from one published ferieplan (`source`) by `periods` (label, start, end, kind).

    Rows from an earlier import of the same file are kept when unchanged (stable ids, small
    history); the rest are replaced by what the file says now. Returns the counts and the change id.
    """
    who = check(actor, "holidays")
    in_plan_years(*(d for _label, start, end, _kind in periods for d in (start, end)))

    def replace_periods(plan: Plan) -> dict[str, int]:
        old = [c for c in plan.closures if c.source == source]
        keep, todo = [], list(periods)
        for c in old:
            key = (c.label, c.start, c.end, c.kind)
            if key in todo:
                todo.remove(key)
                keep.append(c)
        kept = {id(c) for c in keep}
        removed = [c for c in old if id(c) not in kept]
        plan.closures = [c for c in plan.closures if c.source != source or id(c) in kept]
        plan.closures += [Closure(label, start, end, kind, source) for label, start, end, kind in todo]
        return {"added": len(todo), "removed": len(removed), "kept": len(keep)}

    return store.mutate(replace_periods, who, "ferieplan", summary)


def backup(store: Store, dest: Path | str, actor: Actor = "bruger") -> Path:
    check(actor, "backup")
    return store.backup(dest)


def restore(store: Store, src: Path | str, actor: Actor = "bruger", keep_copy: bool = True) -> Path | None:
    """Replace the plan with a checked backup; returns the safety copy of the replaced plan (see Store.restore)."""
    check(actor, "restore")
    return store.restore(src, keep_copy=keep_copy)


def rotate_feed(store: Store, name: str, actor: Actor = "bruger") -> str:
    """Give feed `name` a new token (also re-opens a revoked feed); the old link stops working at once."""
    from planner.feeds.catalog import FeedRegistry

    who = check(actor, "feeds")
    try:
        return FeedRegistry(store).rotate(name, who)
    except ValueError as exc:
        raise NotFound(str(exc)) from None


def revoke_feed(store: Store, name: str, actor: Actor = "bruger") -> None:
    """Withdraw feed `name`: its link answers 404 from the next request until the feed is rotated."""
    from planner.feeds.catalog import FeedRegistry

    who = check(actor, "feeds")
    try:
        FeedRegistry(store).revoke(name, who)
    except ValueError as exc:
        raise NotFound(str(exc)) from None


def share_wheel(store: Store, request, actor: Actor = "bruger"):
    """A read-only link to the årshjul `request` shows (`planner.wheel.share`); like a feed link it
    needs the right to manage links, and who made it is in the history (it cannot be undone:
    revoke it instead)."""
    from planner.wheel.share import WheelShares

    who = check(actor, "feeds")
    with store.transaction():
        shared = WheelShares(store).create(request)
        store.record_event(who, "share", f"læselink {shared.id} til årshjulet {request.label()}")
    return shared


def revoke_share(store: Store, ref: str, actor: Actor = "bruger"):
    """Withdraw a read-only wheel link by number or token; None when there is no such link."""
    from planner.wheel.share import WheelShares

    who = check(actor, "feeds")
    with store.transaction():
        shared = WheelShares(store).revoke(ref)
        if shared is not None:
            store.record_event(who, "share", f"læselink {shared.id} tilbagekaldt")
    return shared


def reload_point(store: Store, point_id: int) -> Point:
    """The point as stored (with its new version), without loading the whole plan."""
    row = store.point_row(point_id)
    if row is None:
        raise NotFound(f"punkt {point_id} findes ikke")
    empty: dict[str, list] = {"meetings": [], "events": [], "closures": [], "absences": [], "people": []}
    return plan_from_rows({"points": [row], **empty}).points[0]


# --- field values ------------------------------------------------------------------------------


def _validate(name: str, value):
    if name == "title":
        value = (value or "").strip()
        if not value:
            raise PlanError("titlen må ikke være tom")
    elif name == "description":
        value = value or ""
    elif name == "owner":
        value = (value or "").strip() or None
    elif name == "participants":
        if isinstance(value, str):
            value = [value]
        value = [v.strip() for v in (value or []) if v and v.strip()]
    elif name == "duration_min":
        try:
            value = int(value)
        except (TypeError, ValueError):
            raise PlanError(f"varigheden skal være et helt antal minutter, fik {value!r}") from None
        if not 1 <= value <= 24 * 60:
            raise PlanError(f"varigheden skal være mellem 1 og 1440 minutter, fik {value}")
    elif name == "status":
        if value not in POINT_STATUSES:
            raise PlanError(f"ukendt status {value!r}; mulige: {', '.join(POINT_STATUSES)}")
    elif name == "date" and value is not None and not isinstance(value, date):
        raise PlanError(f"datoen skal være en dato, fik {value!r}")
    return value


def _edit_by_hand(p: Point, name: str, value) -> None:
    """Set a field of `p` by hand. The first hand edit of a field remembers the value it had, the
    document's, for the merge rule (see the module docstring)."""
    if name not in p.edited:
        p.edited[name] = _as_edited(getattr(p, name))
    setattr(p, name, value)


def _as_edited(value) -> str | None:
    """Field values are kept as text in `edited` (a JSON column of strings)."""
    if value is None:
        return None
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _from_edited(name: str, text: str | None):
    if name == "participants":
        return json.loads(text) if text else []
    if name == "duration_min":
        return int(text) if text else DEFAULT_DURATION_MIN
    if name == "owner":
        return text or None
    return text or ""


# --- own rings and their activities (the wheel's user-made rings) -------------------------------

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _ring_name(name: str | None) -> str:
    name = (name or "").strip()
    if not name:
        raise PlanError("skriv et navn til ringen, fx «Budgetproces»")
    if len(name) > 60:
        raise PlanError(f"ringens navn må højst være 60 tegn, fik {len(name)}")
    return name


def _ring_color(color: str | None) -> str:
    color = (color or "").strip()
    if not _COLOR.match(color):
        raise PlanError(f"farven skal skrives som #rrggbb, fx #6a5acd; fik {color!r}")
    return color.lower()


def find_ring(plan: Plan, ring: int | str) -> Ring:
    """A ring by id, or by name (case-insensitive)."""
    found = plan.ring(ring) if isinstance(ring, int) else None
    if found is None and isinstance(ring, str):
        wanted = ring.strip().casefold()
        if wanted.isdigit():
            found = plan.ring(int(wanted))
        if found is None:
            index = next((i for i, r in enumerate(plan.rings) if r.name.casefold() == wanted), None)
            found = plan.ring(plan.rings[index].id) if index is not None else None
    if found is None:
        raise NotFound(f"ringen {ring!r} findes ikke")
    return found


def add_ring(store: Store, name: str, color: str = "#6a5acd", *, actor: Actor = "bruger") -> Ring:
    name, color = _ring_name(name), _ring_color(color)

    who = check(actor, "edit")

    def change(plan: Plan) -> Ring:
        if any(r.name.casefold() == name.casefold() for r in plan.rings):
            raise PlanError(f"der findes allerede en ring, der hedder «{name}»")
        ring = Ring(name, color, position=max((r.position for r in plan.rings), default=0) + 1)
        plan.rings.append(ring)
        return ring

    ring, _ = store.mutate(change, who, "ring", f"ny ring: {name}", copy_on_write=True)
    return ring


def update_ring(
    store: Store,
    ring: int | str,
    *,
    name: str | None = None,
    color: str | None = None,
    expected_version: int | None = None,
    actor: Actor = "bruger",
) -> Ring:
    new_name = _ring_name(name) if name is not None else None
    new_color = _ring_color(color) if color is not None else None

    who = check(actor, "edit")

    def change(plan: Plan) -> Ring:
        r = find_ring(plan, ring)
        if expected_version is not None and r.version != expected_version:
            raise StaleEdit(f"ringen «{r.name}» er ændret af en anden; hent planen igen")
        if new_name and any(o.id != r.id and o.name.casefold() == new_name.casefold() for o in plan.rings):
            raise PlanError(f"der findes allerede en ring, der hedder «{new_name}»")
        r.name = new_name or r.name
        r.color = new_color or r.color
        return r

    result, _ = store.mutate(change, who, "ring", f"ret ring {ring}", copy_on_write=True)
    return result


def delete_ring(store: Store, ring: int | str, *, actor: Actor = "bruger") -> str:
    """Remove a ring and its activities (one change: undo brings both back)."""

    who = check(actor, "edit")

    def change(plan: Plan) -> str:
        r = find_ring(plan, ring)
        plan.rings.remove(r)
        plan.activities = [a for a in plan.activities if a.ring_id != r.id]
        return r.name

    name, _ = store.mutate(change, who, "ring", f"slet ring {ring}", copy_on_write=True)
    return name


def _activity_fields(title: str | None, start: date | None, end: date | None, recurrence: str | None) -> dict:
    out: dict = {}
    if title is not None:
        out["title"] = (title or "").strip()
        if not out["title"]:
            raise PlanError("aktiviteten skal have en titel")
    if start is not None:
        out["start"] = start
    if end is not None:
        out["end"] = end
    if recurrence is not None:
        if recurrence not in ACTIVITY_RECURRENCES:
            raise PlanError(f"ukendt gentagelse {recurrence!r}; mulige: ingen eller «yearly» (hvert år)")
        out["recurrence"] = recurrence
    return out


def _check_span(a: Activity) -> None:
    in_plan_years(a.start, a.end)
    if a.end < a.start:
        raise PlanError(
            f"aktiviteten slutter ({format_long(a.end)}) før den begynder ({format_long(a.start)})"
        )
    if a.recurrence == "yearly" and (a.end - a.start).days >= 366:
        raise PlanError("en aktivitet, der gentages hvert år, kan højst vare et år")


def add_activity(
    store: Store,
    ring: int | str,
    title: str,
    start: date,
    end: date | None = None,
    *,
    recurrence: str = "",
    note: str = "",
    actor: Actor = "bruger",
) -> Activity:
    clean = _activity_fields(title, start, end or start, recurrence)

    who = check(actor, "edit")

    def change(plan: Plan) -> Activity:
        r = find_ring(plan, ring)
        taken = {a.uid for a in plan.activities}
        uid = point_uid(clean["title"], start, f"ring-{r.id}")
        while uid in taken:
            uid = point_uid(clean["title"], start, uid)
        a = Activity(uid=uid, ring_id=r.id, note=(note or "").strip(), **clean)
        _check_span(a)
        plan.activities.append(a)
        return a

    activity, _ = store.mutate(change, who, "activity", f"ny aktivitet: {clean['title']}", copy_on_write=True)
    return activity


def update_activity(
    store: Store,
    activity_id: int,
    *,
    title: str | None = None,
    start: date | None = None,
    end: date | None = None,
    recurrence: str | None = None,
    note: str | None = None,
    ring: int | str | None = None,
    expected_version: int | None = None,
    actor: Actor = "bruger",
) -> Activity:
    """Edit an activity. Moving its start keeps its length unless a new end is given."""
    clean = _activity_fields(title, start, end, recurrence)

    who = check(actor, "edit")

    def change(plan: Plan) -> Activity:
        a = plan.activity(activity_id)
        if a is None:
            raise NotFound(f"aktivitet {activity_id} findes ikke")
        if expected_version is not None and a.version != expected_version:
            raise StaleEdit(f"aktivitet {activity_id} er ændret af en anden; hent planen igen")
        old = (a.start, a.end)
        if "start" in clean and "end" not in clean:
            clean["end"] = clean["start"] + (a.end - a.start)
        for name, value in clean.items():
            setattr(a, name, value)
        if note is not None:
            a.note = note.strip()
        if ring is not None:
            a.ring_id = find_ring(plan, ring).id
        _check_span(a)
        if (a.start, a.end) != old:
            a.sequence += 1
        return a

    result, _ = store.mutate(change, who, "activity", f"ret aktivitet {activity_id}", copy_on_write=True)
    return result


def delete_activity(store: Store, activity_id: int, *, actor: Actor = "bruger") -> str:
    who = check(actor, "edit")

    def change(plan: Plan) -> str:
        a = plan.activity(activity_id)
        if a is None:
            raise NotFound(f"aktivitet {activity_id} findes ikke")
        plan.activities.remove(a)
        return a.title

    title, _ = store.mutate(change, who, "activity", f"slet aktivitet {activity_id}", copy_on_write=True)
    return title
