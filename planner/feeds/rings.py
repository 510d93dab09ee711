"""The own rings in the calendar feeds: one feed per ring ("ring-budgetproces"), all-day items.

A yearly activity is written once per year from its first year to two years past the plan's
last, each occurrence with its own UID, because the feeds carry no RRULE.
"""

from __future__ import annotations

from datetime import date

from planner.feeds import items as fi
from planner.feeds.ics import FeedItem
from planner.plan import Activity, Plan, Ring

FEED_PREFIX = "ring-"
_YEARS_AHEAD = 2


def ring_feed_name(ring: Ring) -> str:
    return f"{FEED_PREFIX}{fi.slug(ring.name)}-{ring.id}"


def ring_items(plan: Plan, ring_id: int) -> list[FeedItem]:
    acts = [a for a in plan.activities if a.ring_id == ring_id]
    if not acts:
        return []
    years = [m.date.year for m in plan.meetings] + [a.start.year for a in plan.activities]
    last = date(max(years) + _YEARS_AHEAD, 12, 31)
    out = []
    for a in sorted(acts, key=lambda a: (a.start, a.id or 0)):
        for start, end in a.occurrences(a.start, last):
            out.append(activity_item(a, start, end))
    return out


def activity_item(a: Activity, start: date, end: date) -> FeedItem:
    local = f"activity-{a.uid}" + (f"-{start.year}" if a.recurrence else "")
    return FeedItem(
        uid=fi.uid(local),
        summary=a.title,
        start=start,
        end=end,
        description=a.note,
        sequence=a.sequence,
        transparent=True,
        categories=("Årshjul",),
    )
