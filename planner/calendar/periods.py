"""A dated span that blocks (or marks) days in the calendar.

Every calendar source — the `holidays` package, the municipal config, an
imported ferieplan or a parsed agenda document — is reduced to `Period`, so
the conflict engine only ever compares one shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

# Kinds that close a day for Direktionen's regular meeting. "school_event"
# (Skolestart, Sidste skoledag) is a marker a ferieplan states but the
# administration works on those days, so it never blocks a meeting.
CLOSURE_KINDS: Final = frozenset({"school_holiday", "public_holiday", "no_meeting_day", "closure"})
KINDS: Final = CLOSURE_KINDS | {"school_event"}


@dataclass(frozen=True)
class Period:
    label: str  # Danish, as shown to the user ("Efterårsferie")
    start: date
    end: date  # inclusive: a one-day period has start == end
    kind: str  # see KINDS
    source: str  # "config:norddjurs" | "holidays" | "ferieplan:<file>" | "document:<file>"

    def __post_init__(self) -> None:
        # Fail at construction so a reversed span never silently matches nothing.
        if self.end < self.start:
            raise ValueError(f"Period {self.label!r}: end {self.end} is before start {self.start}")
        if self.kind not in KINDS:
            raise ValueError(f"Period {self.label!r}: unknown kind {self.kind!r}")

    def contains(self, d: date) -> bool:
        return self.start <= d <= self.end

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end

    @property
    def closes(self) -> bool:
        return self.kind in CLOSURE_KINDS

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def dates(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range(self.days)]

    @property
    def from_document(self) -> bool:
        # Imported files describe what actually happened; the config only guesses.
        return self.source.startswith(("ferieplan:", "document:"))

    def to_json(self) -> dict:
        return {
            "label": self.label,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "kind": self.kind,
            "source": self.source,
        }


def period_text(start: date, end: date) -> str:
    """Danish: '13.10.2025 – 17.10.2025', or one date for a single day."""
    return f"{start:%d.%m.%Y}" if start == end else f"{start:%d.%m.%Y} – {end:%d.%m.%Y}"
