"""Copies of a plan for editing: a full working copy, and a copy-on-write view over the
store's cached plan that copies only the items a command touches."""

from __future__ import annotations

from datetime import date
from operator import is_not

from planner.plan import Activity, Meeting, Plan, Point, Ring
from planner.storage.rows import TABLES


def working_copy(plan: Plan) -> Plan:
    """A copy to edit: every item copied, its lists and dicts too (much faster than deepcopy)."""
    return Plan(
        points=[_clone(p, participants=list(p.participants), edited=dict(p.edited)) for p in plan.points],
        meetings=[_clone(m) for m in plan.meetings],
        events=[_clone(e) for e in plan.events],
        closures=[_clone(c) for c in plan.closures],
        absences=[_clone(a) for a in plan.absences],
        people=[_clone(p) for p in plan.people],
        rings=[_clone(r) for r in plan.rings],
        activities=[_clone(a) for a in plan.activities],
        version=plan.version,
    )


def _clone(item, **fresh):
    copy_ = object.__new__(type(item))
    copy_.__dict__.update(item.__dict__)
    copy_.__dict__.update(fresh)
    return copy_


def _copy_item(item):
    """One item copied as working_copy copies it (a point's lists and dicts too)."""
    if isinstance(item, Point):
        return _clone(item, participants=list(item.participants), edited=dict(item.edited))
    return _clone(item)


class CowPlan(Plan):
    """A working copy that shares unchanged items with the plan it was made from.

    The lists are the copy's own (append, remove and reassign freely), but the items in them
    are the original's until `point()` or `meeting_on()` hands one out: that replaces it in the
    list by a private copy first. See `Store.mutate(copy_on_write=True)` for the contract.
    """

    @classmethod
    def over(cls, base: Plan) -> CowPlan:
        plan = cls(
            points=list(base.points),
            meetings=list(base.meetings),
            events=list(base.events),
            closures=list(base.closures),
            absences=list(base.absences),
            people=list(base.people),
            rings=list(base.rings),
            activities=list(base.activities),
            version=base.version,
        )
        plan._base = base
        plan._shared = {}
        return plan

    def _own(self, table: str, items: list, i: int):
        item = items[i]
        base = getattr(self._base, table)
        if i < len(base) and base[i] is item:  # the usual case: still in its place, still shared
            shared = True
        else:
            known = self._shared.get(table)
            if known is None:
                known = self._shared[table] = {id(o) for o in base}
            shared = id(item) in known
        if shared:
            item = items[i] = _copy_item(item)
        return item

    def point(self, point_id: int) -> Point | None:
        for i, p in enumerate(self.points):
            if p.id == point_id:
                return self._own("points", self.points, i)
        return None

    def ring(self, ring_id: int) -> Ring | None:
        for i, r in enumerate(self.rings):
            if r.id == ring_id:
                return self._own("rings", self.rings, i)
        return None

    def activity(self, activity_id: int) -> Activity | None:
        for i, a in enumerate(self.activities):
            if a.id == activity_id:
                return self._own("activities", self.activities, i)
        return None

    def meeting_on(self, d: date) -> Meeting | None:
        for i, m in enumerate(self.meetings):
            if m.date == d:
                return self._own("meetings", self.meetings, i)
        return None


def paired_changes(old: list, new: list) -> list[tuple] | None:
    """(old, new) for every place where `new` holds another object than `old`, when each such
    pair is the same row (same id); None when the lists do not line up that way."""
    if len(old) != len(new):
        return None
    if not any(map(is_not, old, new)):  # in C: most tables are untouched
        return []
    pairs = [(o, n) for o, n in zip(old, new, strict=True) if o is not n]
    if any(n.id is None or n.id != o.id for o, n in pairs):
        return None
    return pairs


def _replaced_at(old: list, new: list) -> list[int]:
    return [i for i, (o, n) in enumerate(zip(old, new, strict=True)) if o is not n]


def next_cache(before: Plan, after: Plan) -> Plan:
    """The plan to cache after writing `after` over the cached `before`: `before`'s own item
    wherever `after` holds an equal one, a fresh copy of every other item (never `after`'s own
    objects, which the caller keeps)."""
    tables = {}
    for spec in TABLES:
        old_list, new_list = getattr(before, spec.name), getattr(after, spec.name)
        paired = paired_changes(old_list, new_list)
        if paired is not None:
            if not paired:
                tables[spec.name] = old_list  # nothing in it changed; the cache never edits lists
                continue
            # Outside the pairs, `after` holds `before`'s own objects.
            out = list(old_list)
            for i, (o, n) in zip(_replaced_at(old_list, new_list), paired, strict=True):
                out[i] = o if o.__dict__ == n.__dict__ else _copy_item(n)
            tables[spec.name] = out
            continue
        old_items = {o.id: o for o in old_list if o.id is not None}
        out = []
        for n in new_list:
            o = old_items.get(n.id) if n.id is not None else None
            out.append(o if o is not None and (o is n or o.__dict__ == n.__dict__) else _copy_item(n))
        tables[spec.name] = out
    return Plan(**tables, version=after.version)
