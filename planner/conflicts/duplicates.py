"""The duplicate rule: the same point planned twice, told apart from a recurring item.

Comparing every title with every other would be quadratic at 10,000 points, so titles are
normalised once, identical ones grouped, and only titles sharing a rare word (or a prefix)
are compared with the fuzzy similarity of `planner.sync.identity`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from planner.conflicts.index import Conflict, PlanIndex
from planner.conflicts.titles import (
    DUPLICATE_WINDOW_DAYS,
    RECURRING_MIN_DATES,
    TitleGraph,
    title_key,
)
from planner.conflicts.wording import obj, pid, subject, when
from planner.plan import Point


def rule_duplicate(idx: PlanIndex) -> Iterator[Conflict]:
    by_key = idx.planned_by_key
    graph = idx.lookups.title_graph() if idx.lookups is not None else TitleGraph(by_key)
    if idx.scope.everything:
        seeds = sorted(by_key)
    else:
        seeds = []
        for p in idx.in_scope:
            key = title_key(p.title)
            # A point that is not planned yet is not a node, but the components it touches are
            # the ones a change to it can merge or split.
            seeds.extend([key] if key in by_key else graph.neighbours(key))
        seeds = sorted(set(seeds))
    # A change at date d can only split or merge clusters reaching within the window of d, so a
    # scoped check emits just those (and the full check's diff agrees with it).
    near = None if idx.scope.everything else _windows(idx)
    visited: set[str] = set()
    for seed in seeds:
        if seed in visited or seed not in by_key:
            continue
        keys = graph.component(seed, visited)
        if idx.lookups is not None:  # the same clusters from check to check until one changes
            clusters = idx.lookups.by_titles(keys, _clusters)
        else:
            clusters = _clusters(
                sorted((p for k in keys for p in by_key[k]), key=lambda p: (p.date, p.id or 0)), near
            )
        for first, last, conflicts in clusters:
            if near is None or _touches(first, last, near):
                yield from conflicts


def _clusters(
    points: list[Point], near: list[tuple[date, date]] | None = None
) -> list[tuple[date, date, tuple[Conflict, ...]]]:
    """(first date, last date, conflicts) of each run of points with no gap over the window;
    with `near`, the conflicts only of the runs that touch it."""
    runs: list[list[Point]] = []
    cluster: list[Point] = []
    for p in points:
        if cluster and (p.date - cluster[-1].date).days > DUPLICATE_WINDOW_DAYS:
            runs.append(cluster)
            cluster = []
        cluster.append(p)
    runs.append(cluster)
    out = []
    for run in runs:
        first, last = run[0].date, run[-1].date
        wanted = near is None or _touches(first, last, near)
        out.append((first, last, tuple(_duplicate_conflict(run)) if wanted else ()))
    return out


def _windows(idx: PlanIndex) -> list[tuple[date, date]]:
    days = set(idx.scope.dates or ())
    days.update(p.date for p in idx.in_scope if p.date is not None)
    span = timedelta(days=DUPLICATE_WINDOW_DAYS)
    return [(d - span, d + span) for d in days]


def _touches(first: date, last: date, windows: list[tuple[date, date]]) -> bool:
    return any(first <= hi and lo <= last for lo, hi in windows)


def _duplicate_conflict(cluster: list[Point]) -> Iterator[Conflict]:
    if len(cluster) < 2:
        return
    dates = sorted({p.date for p in cluster})
    items = tuple(sorted(pid(p) for p in cluster))
    first = cluster[0]
    shown = ", ".join(when(d) for d in dates[:4]) + (
        f" og {len(dates) - 4} andre datoer" if len(dates) > 4 else ""
    )
    same_text = len({title_key(p.title) for p in cluster}) == 1
    # Rows of each meeting's own timetable ("Beslutningsprotokoller og dagsordener") are a standing
    # item from the first repeat: each belongs to its meeting, as the sync keeps them apart too.
    standing = all(p.origin == "timetable" for p in cluster)
    if same_text and (len(dates) >= RECURRING_MIN_DATES or standing) and len(dates) == len(cluster):
        yield Conflict(
            "duplicate",
            "info",
            f"{subject(first)} står på {len(dates)} møder ({shown}). Det ligner et fast, "
            "tilbagevendende punkt; ret det kun, hvis det ikke er meningen.",
            items,
            dates[0],
        )
        return
    names = "; ".join(sorted({obj(p) for p in cluster}))
    yield Conflict(
        "duplicate",
        "warning",
        f"Det samme punkt ser ud til at være planlagt {len(cluster)} gange ({names}): {shown}. "
        "Slet eller flyt dubletten, hvis det er det samme punkt.",
        items,
        dates[0],
    )
