"""The bodies a plan names in several ways, so that one meeting is one event.

The same Økonomiudvalg meeting is "Økonomiudvalget (ØK)" in the political cycle ("Rul juni: ØK
d. 11/6") and "Økonomiudvalgsmøde (teknisk budget)" in the list of coming meetings; the same
forum is "KØF" in one line and "Kommunaløkonomisk Forum" in the next. `canonical_body(title)`
names the body behind such a title; the fold (`planner.sync.fold`) then keys the event on that body
and the date, so both names give one event with one UID, whichever document comes first.
Pure, table-driven: a new body is one more row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Body:
    title: str  # the canonical name, also the UID key ("Økonomiudvalget (ØK)": the cycle's own title)
    kind: str  # PlanEvent.kind: oekonomiudvalg | kommunalbestyrelse | event
    names: re.Pattern  # the whole title, lower-cased, without parentheses


_KB = r"kommunalbestyrelse(?:n|ns)?|kommunalbestyrelsesmødet?|kb|kb-møde|byråd(?:et)?|byrådsmødet?|byr"
_OEK = r"økonomiudvalg(?:et)?|økonomiudvalgsmødet?|øk|øu|øk-møde|øu-møde"
_KOEF = r"kommunaløkonomisk forum|køf"
BODIES = (
    Body("Kommunalbestyrelsen (KB)", "kommunalbestyrelse", re.compile(_KB)),
    Body("Økonomiudvalget (ØK)", "oekonomiudvalg", re.compile(_OEK)),
    Body("Kommunaløkonomisk Forum (KØF)", "event", re.compile(_KOEF)),
)
_PARENTHESES = re.compile(r"\(([^()]{0,80})\)")
_ABBREVIATIONS = frozenset({"kb", "byr", "br", "øk", "øu", "køf"})


# "Møde i Økonomiudvalget", "Økonomiudvalgets møde": the body's name inside the words for its meeting.
_MEETING_OF = re.compile(r"(?:møde|mødet) i (?P<body>.+)|(?P<owner>.+?)s? (?:møde|mødet)")


def canonical_body(title: str) -> Body | None:
    """The body whose meeting `title` names, or None ("KB-temamøde" is a theme meeting, not KB's)."""
    bare = " ".join(_PARENTHESES.sub(" ", title.lower()).split())
    meeting_of = _MEETING_OF.fullmatch(bare)
    names = (bare, meeting_of.group("body") or meeting_of.group("owner")) if meeting_of else (bare,)
    return next((b for name in names for b in BODIES if b.names.fullmatch(name)), None)


def _detail(title: str) -> bool:
    """Whether the title says more than the body's name: "(teknisk budget)", "(1. behandling)"."""
    return any(m.group(1).strip().lower() not in _ABBREVIATIONS for m in _PARENTHESES.finditer(title))


def better_title(a: str, b: str, body: Body) -> str:
    """The name to show for one meeting named twice: the one that says most. The choice depends
    only on the two names, never on which came first, so every import order shows the same."""
    return max(a, b, key=lambda t: (_detail(t), t != body.title, len(t), t))
