"""The duplicate rule: the same point planned twice, told apart from a recurring item.

Comparing every title with every other would be quadratic at 10,000 points, so titles are
normalised once, identical ones grouped, and only titles sharing a rare word (or a prefix)
are compared with the fuzzy similarity of `planner.identity`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from difflib import SequenceMatcher
from functools import lru_cache

from planner.conflict_text import obj, pid, subject, when
from planner.conflicts import Conflict, PlanIndex
from planner.identity import SIMILARITY_THRESHOLD, normalise_title
from planner.plan import Point

# Two similar titles further apart than this are a recurrence (the annual dialogue meeting),
# not the same point planned twice.
DUPLICATE_WINDOW_DAYS = 182
RECURRING_MIN_DATES = 3
# Blocking for the fuzzy title comparison: a word shared by more titles than this says
# little about sameness and would make the comparison quadratic.
_MAX_POSTING = 64


@lru_cache(maxsize=131072)
def title_key(title: str) -> str:
    """The normalised title (memoised: the same titles recur in every check)."""
    return normalise_title(title)


@lru_cache(maxsize=262144)
def similar_keys(a: str, b: str) -> bool:
    """identity.similarity(a, b) >= threshold, with cheap exits first; different numbers differ."""
    if a == b:
        return bool(a)
    if not a or not b:
        return False
    wa, wb = set(a.split()), set(b.split())
    # "Direktionens årshjul 2023" and "... 2024", "Punkt 1" and "Punkt 2" are different points.
    if {w for w in wa if w.isdigit()} != {w for w in wb if w.isdigit()}:
        return False
    only_a, only_b = wa - wb, wb - wa
    # "Opsamling på møde i Dassos …" and "… i KOSU …" read alike but name different bodies: words
    # that differ must be spelling variants of each other, not other words.
    if only_a and only_b and not all(any(_close_words(x, y) for y in only_b) for x in only_a):
        return False
    common = len(wa & wb)
    if common / max(len(wa), len(wb)) >= SIMILARITY_THRESHOLD:
        return True
    if (
        common == min(len(wa), len(wb))
        and common >= 3
        and max(0.85, common / max(len(wa), len(wb))) >= SIMILARITY_THRESHOLD
    ):
        return True
    sm = SequenceMatcher(None, a, b, autojunk=False)
    return (
        sm.real_quick_ratio() >= SIMILARITY_THRESHOLD
        and sm.quick_ratio() >= SIMILARITY_THRESHOLD
        and (sm.ratio() >= SIMILARITY_THRESHOLD)
    )


def _close_words(x: str, y: str) -> bool:
    return x[:3] == y[:3] and SequenceMatcher(None, x, y, autojunk=False).ratio() >= 0.75


class TitleGraph:
    """Normalised titles of planned points, linked when they name the same point."""

    def __init__(self, keys: Iterable[str]):
        self.keys = set(keys)
        self.postings: dict[str, list[str]] = {}
        for k in sorted(self.keys):
            for block in _blocks(k):
                self.postings.setdefault(block, []).append(k)
        self._neighbours: dict[str, list[str]] = {}

    def neighbours(self, key: str) -> list[str]:
        if key not in self._neighbours:
            blocks = sorted(_blocks(key), key=lambda b: (len(self.postings.get(b, ())), b))
            useful = [b for b in blocks if len(self.postings.get(b, ())) <= _MAX_POSTING][:4] or blocks[:1]
            seen: set[str] = set()
            for b in useful:
                seen.update(self.postings.get(b, ()))
            seen.discard(key)
            self._neighbours[key] = sorted(c for c in seen if similar_keys(*sorted((key, c))))
        return self._neighbours[key]

    def component(self, start: str, visited: set[str]) -> list[str]:
        stack, out = [start], []
        visited.add(start)
        while stack:
            k = stack.pop()
            out.append(k)
            for n in self.neighbours(k):
                if n not in visited:
                    visited.add(n)
                    stack.append(n)
        return out


@lru_cache(maxsize=131072)
def _blocks(key: str) -> frozenset[str]:
    words = key.split()
    return frozenset({f"w:{w}" for w in words if len(w) > 1} | ({f"p:{key[:5]}"} if len(key) >= 5 else set()))


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
            clusters = _clusters(sorted((p for k in keys for p in by_key[k]), key=lambda p: (p.date, p.id or 0)), near)
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
        yield Conflict("duplicate", "info",
                       f"{subject(first)} står på {len(dates)} møder ({shown}). Det ligner et fast, "
                       "tilbagevendende punkt; ret det kun, hvis det ikke er meningen.", items, dates[0])  # fmt: skip
        return
    names = "; ".join(sorted({obj(p) for p in cluster}))
    yield Conflict("duplicate", "warning",
                   f"Det samme punkt ser ud til at være planlagt {len(cluster)} gange ({names}): {shown}. "
                   "Slet eller flyt dubletten, hvis det er det samme punkt.", items, dates[0])  # fmt: skip
