"""Mapping between the plan's dataclasses and SQLite rows (ISO text dates, JSON lists).

One table, one `TableSpec`: its columns in SQL order, the dataclass a row becomes, and how the
columns that are not stored as they are (dates, clock times, flags, JSON) are converted.
"""

from __future__ import annotations

import json
import operator
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date, time
from functools import cached_property
from typing import Any, get_type_hints

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


def _json(value: list | dict) -> str:
    if not value:  # most points name no participants and have no hand edits
        return "[]" if isinstance(value, list) else "{}"
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _loads(text: str) -> list | dict:
    # Most points have no participants and no field edited by hand: those skip the JSON parser.
    if text == "[]":
        return []
    if text == "{}":
        return {}
    return json.loads(text)


def _breaks_json(breaks: list[AgendaBreak]) -> str:
    return json.dumps(
        [{"start": _t(b.start), "end": _ot(b.end), "title": b.title} for b in breaks], ensure_ascii=False
    )


def _breaks_of(text: str | None) -> list[AgendaBreak]:
    return [
        AgendaBreak(time.fromisoformat(b["start"]), _pt(b["end"]), b["title"])
        for b in json.loads(text or "[]")
    ]


@dataclass(frozen=True)
class Conversion:
    """A column not stored as its field is: `to_row` makes the SQLite value, `from_row` the field's."""

    to_row: Callable[[Any], Any]
    from_row: Callable[[Any], Any]


DAY = Conversion(_d, _pd)
# How a field is stored follows its type: a day is ISO text, a clock time "HH:MM", a flag 0/1,
# lists and dicts JSON. A field of any other type is stored as it is.
BY_TYPE: dict[Any, Conversion] = {
    date: DAY,
    date | None: DAY,
    time: Conversion(_t, time.fromisoformat),
    time | None: Conversion(_ot, _pt),
    bool: Conversion(int, bool),
    list[str]: Conversion(_json, _loads),
    dict[str, str | None]: Conversion(_json, _loads),
    list[AgendaBreak]: Conversion(_breaks_json, _breaks_of),  # an old row without the column: no breaks
}
STAMP = Conversion(str, lambda value: value or "")  # updated_at: read, never written (the store stamps it)


@dataclass(frozen=True)
class TableSpec:
    name: str
    label: str  # Danish, for messages
    columns: tuple[str, ...]
    kind: type  # the dataclass of a row

    @cached_property
    def conversions(self) -> dict[str, Conversion]:
        """The columns not stored as they are, by their field's type (BY_TYPE)."""
        types = get_type_hints(self.kind)
        out = {c: BY_TYPE[types[c]] for c in self.columns if types.get(c) in BY_TYPE}
        if "updated_at" in types:
            out["updated_at"] = STAMP
        return out

    @cached_property
    def _written(self) -> tuple[str, ...]:
        """The columns a row is written with: all but updated_at, which the store stamps."""
        return tuple(c for c in self.columns if c != "updated_at")

    @cached_property
    def _values(self) -> operator.attrgetter:
        return operator.attrgetter(*self._written)

    @cached_property
    def _to_row(self) -> tuple[tuple[str, Callable], ...]:
        return tuple((c, conv.to_row) for c, conv in self.conversions.items() if c in self._written)

    @cached_property
    def _read(self) -> tuple[str, ...]:
        """The columns that are fields of `kind`."""
        names = {f.name for f in fields(self.kind)}
        return tuple(c for c in self.columns if c in names)

    @cached_property
    def _from_row(self) -> tuple[tuple[str, Callable], ...]:
        return tuple((c, conv.from_row) for c, conv in self.conversions.items() if c in self._read)

    def row(self, item) -> dict:
        """The row of one item; `_obj` keeps the item for the store's bookkeeping."""
        row = dict(zip(self._written, self._values(item), strict=True))
        for column, to_row in self._to_row:
            row[column] = to_row(row[column])
        row["_obj"] = item
        return row

    @cached_property
    def _to_row_at(self) -> tuple[tuple[int, Callable], ...]:
        return tuple((self._written.index(c), to_row) for c, to_row in self._to_row)

    @cached_property
    def _stamp_at(self) -> int | None:
        return self.columns.index("updated_at") if "updated_at" in self.columns else None

    def values(self, item, stamp: str) -> list:
        """The values of `columns`, in their order, that store a new item, stamped `stamp`: `row`
        without the dict, for an INSERT (an import inserts tens of thousands)."""
        values = list(self._values(item))
        for at, to_row in self._to_row_at:
            values[at] = to_row(values[at])
        if self._stamp_at is not None:
            values.insert(self._stamp_at, stamp)
        return values

    def item(self, row: dict):
        """The dataclass of one row (a column the row lacks reads as None)."""
        values = {c: row.get(c) for c in self._read}
        for column, from_row in self._from_row:
            values[column] = from_row(values[column])
        return self.kind(**values)

    @cached_property
    def _in_field_order(self) -> tuple[str, ...]:
        """`_read` in the order of the fields of `kind`."""
        return tuple(f.name for f in fields(self.kind) if f.name in self._read)

    @cached_property
    def select(self) -> str:
        """The query that reads the whole table for `items`: the columns that are fields, by id."""
        columns = ", ".join(f'"{c}"' for c in self._in_field_order)
        return f"SELECT {columns} FROM {self.name} ORDER BY id"

    def items(self, rows: Iterable[Sequence]) -> list:
        """The dataclasses of rows read by `select`, as plain tuples: what `item` makes of each,
        without a dict per row (a whole plan is 10,000s of rows). When every field is a column,
        a row is passed by position, a fifth faster than by name."""
        names, kind = self._in_field_order, self.kind
        by_position = names == tuple(f.name for f in fields(kind) if f.init)
        converted = tuple((names.index(c), from_row) for c, from_row in self._from_row)
        out = []
        for row in rows:
            values = list(row)
            for i, from_row in converted:
                values[i] = from_row(values[i])
            out.append(kind(*values) if by_position else kind(**dict(zip(names, values, strict=True))))
        return out


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
    Point,
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
    Meeting,
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
    PlanEvent,
)
CLOSURES = TableSpec(
    "closures", "lukkeperiode", ("id", "label", "start", "end", "kind", "source", "updated_at"), Closure
)
ABSENCES = TableSpec(
    "absences", "fravær", ("id", "person", "start", "end", "source", "note", "updated_at"), Absence
)
PEOPLE = TableSpec("people", "person", ("id", "name", "role", "vacant", "updated_at"), Person)
RINGS = TableSpec("rings", "ring", ("id", "name", "color", "position", "version", "updated_at"), Ring)
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
    Activity,
)
TABLES = (POINTS, MEETINGS, EVENTS, CLOSURES, ABSENCES, PEOPLE, RINGS, ACTIVITIES)


def rows_from_plan(plan: Plan) -> dict[str, list[dict]]:
    return {spec.name: rows_of(spec, getattr(plan, spec.name)) for spec in TABLES}


def plan_from_rows(rows: dict[str, list[dict]]) -> Plan:
    """The plan of these rows; a table that is not given is empty (one point can be rebuilt alone)."""
    return Plan(**{spec.name: [spec.item(r) for r in rows.get(spec.name, [])] for spec in TABLES})


def rows_of(spec: TableSpec, items: list) -> list[dict]:
    """Rows for just these items of one table (the rest of the plan is not converted)."""
    return [spec.row(item) for item in items]
