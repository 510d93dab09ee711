"""Mapping between the plan's dataclasses and SQLite rows (ISO text dates, JSON lists)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, time

from planner.plan import (
    Absence,
    Activity,
    AgendaBreak,
    Closure,
    Meeting,
    Person,
    Plan,
    PlanEvent,
    Point,
    Ring,
)


@dataclass(frozen=True)
class TableSpec:
    name: str
    label: str  # Danish, for messages
    columns: tuple[str, ...]


POINTS = TableSpec(
    "points",
    "punkt",
    (
        "id",
        "uid",
        "title",
        "description",
        "date",
        "owner",
        "participants",
        "duration_min",
        "status",
        "origin",
        "source",
        "source_line",
        "closed",
        "note",
        "version",
        "sequence",
        "doc_date",
        "doc_value",
        "edited",
        "updated_at",
        "start",
    ),
)
MEETINGS = TableSpec(
    "meetings",
    "møde",
    (
        "id",
        "date",
        "start",
        "end",
        "location",
        "origin",
        "status",
        "source",
        "extra",
        "version",
        "sequence",
        "updated_at",
        "breaks",
    ),
)
EVENTS = TableSpec(
    "events",
    "begivenhed",
    (
        "id",
        "uid",
        "title",
        "start",
        "end",
        "category",
        "status",
        "kind",
        "source",
        "sequence",
        "version",
        "updated_at",
    ),
)
CLOSURES = TableSpec(
    "closures", "lukkeperiode", ("id", "label", "start", "end", "kind", "source", "updated_at")
)
ABSENCES = TableSpec("absences", "fravær", ("id", "person", "start", "end", "source", "note", "updated_at"))
PEOPLE = TableSpec("people", "person", ("id", "name", "role", "vacant", "updated_at"))
RINGS = TableSpec("rings", "ring", ("id", "name", "color", "position", "version", "updated_at"))
ACTIVITIES = TableSpec(
    "activities",
    "aktivitet",
    (
        "id",
        "uid",
        "ring_id",
        "title",
        "start",
        "end",
        "recurrence",
        "note",
        "version",
        "sequence",
        "updated_at",
    ),
)
TABLES = (POINTS, MEETINGS, EVENTS, CLOSURES, ABSENCES, PEOPLE, RINGS, ACTIVITIES)


def _d(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _pd(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _t(value: time) -> str:
    return value.strftime("%H:%M")


def _ot(value: time | None) -> str | None:
    return value.strftime("%H:%M") if value else None


def _pt(value: str | None) -> time | None:
    return time.fromisoformat(value) if value else None


def _breaks_json(breaks: list[AgendaBreak]) -> str:
    return json.dumps(
        [{"start": _t(b.start), "end": _ot(b.end), "title": b.title} for b in breaks], ensure_ascii=False
    )


def _breaks_of(text: str | None) -> list[AgendaBreak]:
    return [
        AgendaBreak(time.fromisoformat(b["start"]), _pt(b["end"]), b["title"])
        for b in json.loads(text or "[]")
    ]


def rows_from_plan(plan: Plan) -> dict[str, list[dict]]:
    return {
        "points": [
            {
                "id": p.id,
                "uid": p.uid,
                "title": p.title,
                "description": p.description,
                "date": _d(p.date),
                "owner": p.owner,
                "participants": json.dumps(p.participants, ensure_ascii=False),
                "duration_min": p.duration_min,
                "status": p.status,
                "origin": p.origin,
                "source": p.source,
                "source_line": p.source_line,
                "closed": int(p.closed),
                "note": p.note,
                "version": p.version,
                "sequence": p.sequence,
                "doc_date": _d(p.doc_date),
                "doc_value": _d(p.doc_value),
                "edited": json.dumps(p.edited, ensure_ascii=False, sort_keys=True),
                "start": _ot(p.start),
                "_obj": p,
            }
            for p in plan.points
        ],
        "meetings": [
            {
                "id": m.id,
                "date": _d(m.date),
                "start": _t(m.start),
                "end": _t(m.end),
                "location": m.location,
                "origin": m.origin,
                "status": m.status,
                "source": m.source,
                "extra": int(m.extra),
                "version": m.version,
                "sequence": m.sequence,
                "breaks": _breaks_json(m.breaks),
                "_obj": m,
            }
            for m in plan.meetings
        ],
        "events": [
            {
                "id": e.id,
                "uid": e.uid,
                "title": e.title,
                "start": _d(e.start),
                "end": _d(e.end),
                "category": e.category,
                "status": e.status,
                "kind": e.kind,
                "source": e.source,
                "sequence": e.sequence,
                "version": e.version,
                "_obj": e,
            }
            for e in plan.events
        ],
        "closures": [
            {
                "id": c.id,
                "label": c.label,
                "start": _d(c.start),
                "end": _d(c.end),
                "kind": c.kind,
                "source": c.source,
                "_obj": c,
            }
            for c in plan.closures
        ],
        "absences": [
            {
                "id": a.id,
                "person": a.person,
                "start": _d(a.start),
                "end": _d(a.end),
                "source": a.source,
                "note": a.note,
                "_obj": a,
            }
            for a in plan.absences
        ],
        "people": [
            {"id": p.id, "name": p.name, "role": p.role, "vacant": int(p.vacant), "_obj": p}
            for p in plan.people
        ],
        "rings": [
            {
                "id": r.id,
                "name": r.name,
                "color": r.color,
                "position": r.position,
                "version": r.version,
                "_obj": r,
            }
            for r in plan.rings
        ],
        "activities": [
            {
                "id": a.id,
                "uid": a.uid,
                "ring_id": a.ring_id,
                "title": a.title,
                "start": _d(a.start),
                "end": _d(a.end),
                "recurrence": a.recurrence,
                "note": a.note,
                "version": a.version,
                "sequence": a.sequence,
                "_obj": a,
            }
            for a in plan.activities
        ],
    }


def plan_from_rows(rows: dict[str, list[dict]]) -> Plan:
    plan = Plan()
    for r in rows["points"]:
        plan.points.append(
            Point(
                id=r["id"],
                uid=r["uid"],
                title=r["title"],
                description=r["description"],
                date=_pd(r["date"]),
                owner=r["owner"],
                participants=json.loads(r["participants"]),
                duration_min=r["duration_min"],
                status=r["status"],
                origin=r["origin"],
                source=r["source"],
                source_line=r["source_line"],
                closed=bool(r["closed"]),
                note=r["note"],
                version=r["version"],
                sequence=r["sequence"],
                doc_date=_pd(r["doc_date"]),
                doc_value=_pd(r["doc_value"]),
                edited=json.loads(r["edited"]),
                updated_at=r["updated_at"] or "",
                start=_pt(r.get("start")),
            )
        )
    for r in rows["meetings"]:
        plan.meetings.append(
            Meeting(
                id=r["id"],
                date=_pd(r["date"]),
                start=time.fromisoformat(r["start"]),
                end=time.fromisoformat(r["end"]),
                location=r["location"],
                origin=r["origin"],
                status=r["status"],
                source=r["source"],
                extra=bool(r["extra"]),
                version=r["version"],
                sequence=r["sequence"],
                breaks=_breaks_of(r.get("breaks")),
            )
        )
    for r in rows["events"]:
        plan.events.append(
            PlanEvent(
                id=r["id"],
                uid=r["uid"],
                title=r["title"],
                start=_pd(r["start"]),
                end=_pd(r["end"]),
                category=r["category"],
                status=r["status"],
                kind=r["kind"],
                source=r["source"],
                sequence=r["sequence"],
                version=r["version"],
            )
        )
    plan.closures = [
        Closure(r["label"], _pd(r["start"]), _pd(r["end"]), r["kind"], r["source"], r["id"])
        for r in rows["closures"]
    ]
    plan.absences = [
        Absence(r["person"], _pd(r["start"]), _pd(r["end"]), r["source"], r["note"], r["id"])
        for r in rows["absences"]
    ]
    plan.people = [Person(r["name"], r["role"], bool(r["vacant"]), r["id"]) for r in rows["people"]]
    # .get: callers that rebuild a single point pass only the tables they have.
    plan.rings = [
        Ring(r["name"], r["color"], r["position"], r["id"], r["version"]) for r in rows.get("rings", [])
    ]
    plan.activities = [
        Activity(
            uid=r["uid"],
            ring_id=r["ring_id"],
            title=r["title"],
            start=_pd(r["start"]),
            end=_pd(r["end"]),
            recurrence=r["recurrence"],
            note=r["note"],
            id=r["id"],
            version=r["version"],
            sequence=r["sequence"],
        )
        for r in rows.get("activities", [])
    ]
    return plan


def rows_of(spec: TableSpec, items: list) -> list[dict]:
    """Rows for just these items of one table (the rest of the plan is not converted)."""
    partial = Plan(**{spec.name: items})
    return rows_from_plan(partial)[spec.name]
