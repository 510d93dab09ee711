"""Conflicts as people read them: grouped by rule with counts, and what a move changed.

Pure and shared by `planner check`, `planner move` and the app, so the command line and the
app name and count the same groups.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from planner.conflicts.engine import sort_conflicts
from planner.conflicts.index import SEVERITIES, Conflict

RULE_LABELS = {
    "public-holiday": "Helligdag",
    "closure": "Ferie eller lukket dag",
    "absent-owner": "Ansvarlig er fraværende",
    "absent-participant": "Deltager er fraværende",
    "follow-up-order": "Opfølgning før begivenheden",
    "preparation-order": "Forberedelse efter begivenheden",
    "deadline": "Efter fristen",
    "overfull": "For mange punkter",
    "duplicate": "Dobbelt punkt",
    "past-planned": "Planlagt i fortiden",
    "political-same-day": "Samme dag som politisk møde",
    "off-rhythm": "Uden for mødedagen",
    "merge-conflict": "Din ændring mod dokumentet",
}
NO_CONFLICTS = "Ingen konflikter i planen."
_RANK = {s: i for i, s in enumerate(SEVERITIES)}
# "3 advarsler", "1 advarsel": Danish nouns per severity, singular and plural.
_NOUNS = {
    "error": ("fejl", "fejl"),
    "warning": ("advarsel", "advarsler"),
    "info": ("til orientering", "til orientering"),
}


def rule_label(rule: str) -> str:
    return RULE_LABELS.get(rule, rule.replace("-", " ").capitalize())


def count_text(n: int, severity: str) -> str:
    """'52 advarsler', '1 fejl', '2 til orientering'."""
    one, many = _NOUNS[severity]
    return f"{n} {one if n == 1 else many}"


@dataclass
class ConflictGroup:
    rule: str
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def label(self) -> str:
        return rule_label(self.rule)

    @property
    def count(self) -> int:
        return len(self.conflicts)

    @property
    def severity(self) -> str:
        """The worst severity in the group (a rule may warn about a meeting and err about a point)."""
        return min((c.severity for c in self.conflicts), key=_RANK.__getitem__)

    def counts_text(self) -> str:
        """'52 advarsler' or, for a mixed group, '2 fejl, 1 advarsel'."""
        parts = []
        for sev in SEVERITIES:
            n = sum(1 for c in self.conflicts if c.severity == sev)
            if n:
                parts.append(count_text(n, sev))
        return ", ".join(parts)


def group_by_rule(conflicts: Iterable[Conflict]) -> list[ConflictGroup]:
    """One group per rule, the worst first (errors, then warnings, then information), then the
    largest; each group keeps the conflicts in date order."""
    groups: dict[str, ConflictGroup] = {}
    for c in sort_conflicts(conflicts):
        groups.setdefault(c.rule, ConflictGroup(c.rule)).conflicts.append(c)
    return sorted(groups.values(), key=lambda g: (_RANK[g.severity], -g.count, g.label))


@dataclass
class MoveChanges:
    """What a move did to the conflicts, one line per rule: new, solved, or still there."""

    new: list[Conflict] = field(default_factory=list)
    solved: list[Conflict] = field(default_factory=list)
    still: list[Conflict] = field(default_factory=list)  # the rule was found both before and after

    @property
    def unchanged(self) -> bool:
        return not (self.new or self.solved or self.still)


def move_changes(created: Iterable[Conflict], removed: Iterable[Conflict]) -> MoveChanges:
    """Created and removed conflicts of a move, with no rule listed as both new and solved.

    A point moved from one passed meeting to another is "planlagt i fortiden" before and after:
    the exact diff has it removed on the old date and created on the new one. Such a rule is
    reported once, as still there, with the conflicts it has now.
    """
    created, removed = list(created), list(removed)
    both = {c.rule for c in created} & {c.rule for c in removed}
    return MoveChanges(
        new=[c for c in created if c.rule not in both],
        solved=[c for c in removed if c.rule not in both],
        still=[c for c in created if c.rule in both],
    )
