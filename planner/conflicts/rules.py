"""The conflict rules, one small function each: `rule(idx) -> Iterable[Conflict]`.

Each rule only looks at what `idx.scope` covers (see `planner.conflicts.engine.check_dates`), so the
same code serves the whole-plan check and the quick re-check after a move. Messages are
Danish and always say what to do; a closed point is never named by its title.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from planner.calendar.periods import Period
from planner.calendar.rhythm import WEEKDAY_NAMES_DA, off_rhythm
from planner.conflicts.duplicates import rule_duplicate
from planner.conflicts.index import Conflict, PlanIndex
from planner.conflicts.titles import similar_keys, title_key
from planner.conflicts.wording import obj, pid, subject, when
from planner.dates import find_dates, format_long
from planner.people import same_person
from planner.plan import Point


def _closure_phrase(period: Period) -> str:
    if period.kind == "no_meeting_day":
        return f"på {period.label}, hvor Direktionen ikke holder møde"
    if "ferie" in period.label.lower() or period.kind == "school_holiday":
        return f"i {period.label}"
    return f"på en lukket dag ({period.label})"


# --- 1. closures and public holidays ---------------------------------------------------------


def rule_closure(idx: PlanIndex) -> Iterator[Conflict]:
    ctx = idx.ctx
    for p in idx.scoped_points():
        holiday = ctx.public_holiday_on(p.date)
        if holiday:
            yield Conflict(
                "public-holiday",
                "error",
                f"{subject(p)} ligger {when(p.date)}, som er en helligdag ({holiday.label}). "
                "Flyt det til et andet møde.",
                (pid(p),),
                p.date,
            )
            continue
        closure = ctx.closure_on(p.date)
        if closure:
            yield Conflict(
                "closure",
                "error",
                f"{subject(p)} ligger {when(p.date)} {_closure_phrase(closure)}. "
                f"Flyt det til et møde uden for {'ferien' if 'ferie' in closure.label.lower() else 'lukningen'}.",
                (pid(p),),
                p.date,
            )
    for m in idx.scoped_meetings():
        if m.status == "afholdt":
            continue  # a meeting that was held in a holiday is history, nothing to do about it
        holiday = ctx.public_holiday_on(m.date)
        closure = holiday or ctx.closure_on(m.date)
        if closure is None:
            continue
        rule = "public-holiday" if holiday else "closure"
        where = f"på en helligdag ({holiday.label})" if holiday else _closure_phrase(closure)
        yield Conflict(
            rule,
            "warning",
            f"Mødet {when(m.date)} ligger {where}. Aflys mødet, eller flyt det og dets punkter til en anden dag.",
            (f"meeting:{m.id}",),
            m.date,
        )


# --- 2. absent owner or participant ----------------------------------------------------------


def rule_absence(idx: PlanIndex) -> Iterator[Conflict]:
    for p in idx.scoped_points():
        absent = idx.absences_by_date.get(p.date)
        if not absent:
            continue
        for a in absent:
            why = f" ({a.note})" if a.note else ""
            if p.owner and same_person(a.person, p.owner):
                yield Conflict(
                    "absent-owner",
                    "error",
                    f"{p.owner}, der er ansvarlig for {obj(p)}, er fraværende {when(p.date)}{why}. "
                    f"Flyt punktet til et møde, hvor {p.owner} deltager, eller vælg en anden ansvarlig.",
                    (pid(p), f"absence:{a.id}"),
                    p.date,
                )
            # Checked for the owner too: "X deltager under behandlingen" in a cell that also says X
            # does not attend is a contradiction of its own, shown as a warning beside the error.
            for name in p.participants:
                if same_person(a.person, name):
                    yield Conflict(
                        "absent-participant",
                        "warning",
                        f"{name} skal deltage i {obj(p)}, men er fraværende {when(p.date)}{why}. "
                        "Flyt punktet, eller aftal at en anden deltager.",
                        (pid(p), f"absence:{a.id}"),
                        p.date,
                    )
                    break


# --- 3. order: follow-ups after, preparations before, deadlines kept ------------------------

_FOLLOW_UP = re.compile(
    r"^\s*(?:eventuel(?:t)?\s+|evt\.\s+)?(?P<kw>opsamling på|evaluering af|status på|opfølgning på)\s+(?P<rest>.+)",
    re.IGNORECASE | re.DOTALL,
)
_PREPARATION = re.compile(
    r"^\s*(?:eventuel(?:t)?\s+|evt\.\s+)?(?P<kw>forberedelse af|oplæg til|program for)\s+(?P<rest>.+)",
    re.IGNORECASE | re.DOTALL,
)
_DEADLINE = re.compile(r"\b(?P<kw>senest|deadline|inden|frist(?:en)?(?:\s+er)?)\b[:\s]+", re.IGNORECASE)


@dataclass(frozen=True)
class TextRef:
    """A date a point's own text ties it to."""

    kind: str  # "follow-up" | "preparation" | "deadline"
    what: str  # the referenced thing as written ("møde i Dassos d. 13. september")
    start: date | None  # None: no date in the text, look for a matching event
    end: date | None
    exact: bool  # False for "primo marts", "uge 7": only certain violations are reported


@lru_cache(maxsize=65536)
def text_refs(title: str, description: str, ref: date | None) -> tuple[TextRef, ...]:
    """Follow-up, preparation and deadline references in a point's text (pure, memoised)."""
    out: list[TextRef] = []
    for kind, pattern, bias in (("follow-up", _FOLLOW_UP, "past"), ("preparation", _PREPARATION, "future")):
        m = pattern.match(title)
        if m:
            rest = m.group("rest").strip()
            spans, _ = find_dates(rest, ref, bias)
            spans = [s for s in spans if s.fuzzy != "uge" or s.explicit_year]
            if spans:
                s = spans[0]
                out.append(TextRef(kind, rest, s.start, s.end, s.fuzzy is None))
            else:
                out.append(TextRef(kind, rest, None, None, False))
    for text in (title, description):
        for m in _DEADLINE.finditer(text or ""):
            tail = text[m.end() : m.end() + 40]
            spans, _ = find_dates(tail, ref, "future")
            if spans and spans[0].pos == 0:
                s = spans[0]
                out.append(TextRef("deadline", f"{m.group('kw')} {s.text}", s.start, s.end, s.fuzzy is None))
                return tuple(out)  # the first deadline is the point's own
    return tuple(out)


def _text_ref_date(p: Point) -> date | None:
    # Resolve "13. september" against where the document put the point, not where it is now:
    # a move must not change which year the text means.
    return p.doc_value or p.doc_date or p.date


def rule_order(idx: PlanIndex) -> Iterator[Conflict]:
    events = _EventMatcher(idx)
    for p in idx.scoped_points():
        refs = text_refs(p.title, p.description or "", _text_ref_date(p))
        for r in refs:
            if r.kind == "deadline":
                if p.date > r.end:
                    yield Conflict(
                        "deadline",
                        "error",
                        f"{subject(p)} har frist {format_long(r.end)} ({r.what}), men ligger {when(p.date)}. "
                        "Flyt det til et møde før fristen.",
                        (pid(p),),
                        p.date,
                    )
                continue
            start, end, exact, label, items = r.start, r.end, r.exact, r.what, (pid(p),)
            if start is None:
                event = events.find(r.what, _text_ref_date(p), r.kind)
                if event is None:
                    continue
                start, end, exact = event.start, event.end, True
                label = f"{event.title} {format_long(event.start)}"
                items = (pid(p), f"event:{event.id}")
            if r.kind == "follow-up":
                # Same day counts as before: Direktionen meets in the morning.
                too_early = p.date <= end if exact else p.date < start
                if too_early:
                    yield Conflict(
                        "follow-up-order",
                        "error",
                        f"{subject(p)} følger op på {label}, men ligger før eller samme dag, {when(p.date)}. "
                        "Flyt det til et møde efter begivenheden.",
                        items,
                        p.date,
                    )
            else:
                too_late = p.date >= start if exact else p.date > end
                if too_late:
                    yield Conflict(
                        "preparation-order",
                        "error",
                        f"{subject(p)} forbereder {label}, men ligger samme dag eller efter, {when(p.date)}. "
                        "Flyt det til et møde før begivenheden.",
                        items,
                        p.date,
                    )


class _EventMatcher:
    """Finds the event a follow-up or preparation without a date refers to, by title."""

    def __init__(self, idx: PlanIndex):
        if idx.lookups is not None:  # the events are the same from check to check
            self._by_key = idx.lookups.events_by_key()
            self._cache = idx.lookups.event_candidates
            return
        self._by_key = {}
        for e in idx.plan.events:
            if e.status != "cancelled":
                self._by_key.setdefault(title_key(e.title), []).append(e)
        self._cache = {}

    def candidates(self, what: str) -> list:
        key = title_key(_strip_dates(what))
        if key not in self._cache:
            wanted = set(key.split())
            found = []
            for ekey, evs in self._by_key.items():
                etoks = set(ekey.split())
                if similar_keys(key, ekey) or (etoks and etoks <= wanted and len(ekey) >= 3):
                    found.extend(evs)
            self._cache[key] = sorted(found, key=lambda e: (e.start, e.end, e.id or 0))
        return self._cache[key]

    def find(self, what: str, ref: date | None, kind: str):
        found = self.candidates(what)
        if not found or ref is None:
            return None
        if kind == "follow-up":
            before = [e for e in found if e.start <= ref]
            return before[-1] if before else found[0]
        after = [e for e in found if e.end >= ref]
        return after[0] if after else None


def _strip_dates(text: str) -> str:
    return re.sub(r"\b(?:d\.|den)\s*\d{1,2}\.\s*\w+\.?(?:\s+\d{4})?", " ", text)


# --- 4. overfull meeting ---------------------------------------------------------------------


def rule_overfull(idx: PlanIndex) -> Iterator[Conflict]:
    dates = idx.points_by_date.keys() if idx.scope.everything else (idx.scope.dates or ())
    rhythm = idx.ctx.rhythm
    default_minutes = (rhythm.end.hour * 60 + rhythm.end.minute) - (
        rhythm.start.hour * 60 + rhythm.start.minute
    )
    for d in dates:
        points = idx.points_by_date.get(d)
        if not points or all(p.status == "behandlet" for p in points):
            continue  # nothing left to move: every point was treated there
        m = idx.meetings_by_date.get(d)
        if m is not None and m.status in ("aflyst", "afholdt"):
            continue  # a cancelled meeting is the closure rule's business; a held one is history
        capacity = m.minutes if m else default_minutes
        total = sum(p.duration_min or 0 for p in points)
        if total > capacity:
            span = f"{m.start:%H.%M}–{m.end:%H.%M}" if m else f"{rhythm.start:%H.%M}–{rhythm.end:%H.%M}"
            yield Conflict(
                "overfull",
                "warning",
                f"Mødet {when(d)} har punkter for {total} min., men varer kun {capacity} min. ({span}). "
                f"Flyt punkter for mindst {total - capacity} min. til et andet møde, eller forlæng mødet.",
                (f"meeting:{m.id}",) if m else (),
                d,
            )


# --- 5. points left behind (duplicates: planner.conflicts.duplicates) -------------------------


def rule_past_planned(idx: PlanIndex) -> Iterator[Conflict]:
    # Points of a meeting whose referat was imported are "behandlet" (planner.sync.fold): what is left
    # here is what no referat accounts for.
    for p in idx.scoped_points():
        if p.date < idx.today:
            state = "er udsat til" if p.status == "udsat" else "står stadig som planlagt"
            yield Conflict(
                "past-planned",
                "warning",
                f"{subject(p)} {state} {when(p.date)}, som er passeret. "
                "Markér det som behandlet, eller flyt det til et kommende møde.",
                (pid(p),),
                p.date,
            )


# --- 6. information: political meetings, off-rhythm days, pending merges --------------------


def rule_political_same_day(idx: PlanIndex) -> Iterator[Conflict]:
    for m in idx.scoped_meetings():
        events = idx.political_by_date.get(m.date)
        if not events:
            continue
        titles = sorted({e.title for e in events})
        yield Conflict(
            "political-same-day",
            "info",
            f"Direktionen mødes {when(m.date)} samme dag som {' og '.join(titles)}. "
            "Tjek, at ingen skal være to steder på én gang, eller flyt mødet.",
            (f"meeting:{m.id}", *sorted(f"event:{e.id}" for e in events)),
            m.date,
        )


def rule_off_rhythm(idx: PlanIndex) -> Iterator[Conflict]:
    rhythm = idx.ctx.rhythm
    for m in idx.scoped_meetings():
        if off_rhythm(m.date, rhythm):
            yield Conflict(
                "off-rhythm",
                "info",
                f"Mødet {when(m.date)} ligger en {WEEKDAY_NAMES_DA[m.date.weekday()]}, men Direktionen mødes "
                f"normalt om {rhythm.weekday_name}en. Det er i orden, hvis det er et bevidst ekstra møde; "
                f"ellers flyt det til en {rhythm.weekday_name}.",
                (f"meeting:{m.id}",),
                m.date,
            )


_FIELD_NAMES = {
    "date": "datoen",
    "title": "titlen",
    "status": "status",
    "duration_min": "varigheden",
    "description": "beskrivelsen",
    "owner": "den ansvarlige",
    "participants": "deltagerne",
}


def rule_merge_conflict(idx: PlanIndex) -> Iterator[Conflict]:
    # Every status takes part: a pending choice blocks the document fold whatever the status.
    for p in idx.in_scope:
        if not p.edited:
            continue
        for key in sorted(k for k in p.edited if k.startswith("pending:")):
            field_name = key.removeprefix("pending:")
            theirs = p.edited[key]
            if field_name == "date":
                mine = when(p.date) if p.date else "«afventer dato»"
                doc = when(date.fromisoformat(theirs)) if theirs else "«afventer dato»"
                what = f"er flyttet i hånden til {mine}, men dokumentet siger nu {doc}"
            elif field_name == "status" and theirs == "ikke længere i planen":
                what = "er ændret i hånden, men det nyeste dokument nævner det ikke længere"
            else:
                what = f"har fået {_FIELD_NAMES.get(field_name, field_name)} ændret både i hånden og i dokumentet"
            yield Conflict(
                "merge-conflict",
                "warning",
                f"{subject(p)} {what}. Vælg at beholde din ændring eller tage dokumentets "
                f"(planner resolve {p.id} --keep mine|document).",
                (pid(p),),
                p.date,
            )


RULES = (
    rule_closure,
    rule_absence,
    rule_order,
    rule_overfull,
    rule_duplicate,
    rule_past_planned,
    rule_political_same_day,
    rule_off_rhythm,
    rule_merge_conflict,
)
