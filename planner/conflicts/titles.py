"""Title keys for comparing points: normalised titles, their similarity, and a graph of similar
titles that avoids comparing every title with every other."""

from __future__ import annotations

from collections.abc import Iterable
from difflib import SequenceMatcher
from functools import lru_cache

from planner.sync.identity import SIMILARITY_THRESHOLD, normalise_title

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
