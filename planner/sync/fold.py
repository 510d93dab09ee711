"""Folding documents into the plan, oldest first, without losing what people did by hand.

`apply_document(plan, doc)` is the one step of the fold: a newer document wins over an
older one, points it moves are moved, points that vanished from its horizon are marked
"ikke længere i planen" (never deleted), and a hand-edited field that the document changes
too becomes a pending merge conflict (a hand-edited point the document no longer lists, too).
Documents are folded in `fold_key` order: by meeting date; of one meeting the agenda before its
minutes, and a re-issue of a document after its earlier issue. The store replays the fold in that
order whenever a document arrives out of it, so between meetings the import order never matters.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from operator import itemgetter
from typing import NamedTuple

from planner.parse.model import ParsedDocument
from planner.parse.political_bodies import Body, better_title, canonical_body
from planner.people import participants_in
from planner.plan import (
    PLANNED_STATUSES,
    RHYTHM_SOURCE,
    Absence,
    AgendaBreak,
    Closure,
    Meeting,
    Person,
    Plan,
    PlanEvent,
    Point,
)
from planner.sync.identity import (
    SIMILARITY_THRESHOLD,
    normalise_title,
    normalised_event_uid,
    normalised_point_uid,
    short_title,
    similarity,
)

_BREAKS = re.compile(r"^(pause|frokost|mødet afsluttes|kaffe|velkomst)\b", re.IGNORECASE)
# The rows of a timetable that are breaks of the meeting (kept on the meeting, not as points).
_PAUSES = re.compile(r"^(?:pause|frokost|kaffe)", re.IGNORECASE)


class Wording(NamedTuple):
    """What the fold reads from a point's text: its title, both normalised, and the people it names."""

    title: str
    norm_title: str
    norm_text: str
    participants: tuple[str, ...]
    words: frozenset[str]  # of both normalised forms


class Wordings(dict):
    """text -> Wording, each worked out once per fold: every agenda repeats the forward plan, so a
    ten-year import meets the same few thousand texts tens of thousands of times."""

    def __missing__(self, text: str) -> Wording:
        title = short_title(text)
        norm_title, norm_text = normalise_title(title), normalise_title(text)
        words = frozenset(norm_text.split()) | frozenset(norm_title.split())
        wording = self[text] = Wording(title, norm_title, norm_text, tuple(participants_in(text)), words)
        return wording


@dataclass
class DocPoint:
    """A point as one document states it."""

    text: str
    date: date | None
    origin: str
    status: str
    line: int
    closed: bool = False
    note: str | None = None
    duration_min: int | None = None
    owner: str | None = None
    start: time | None = None  # the clock time the meeting's timetable states
    # Of `text`, from the fold's Wordings: a fold meets the same texts again and again.
    wording: Wording | None = field(default=None, repr=False, compare=False)

    @property
    def title(self) -> str:
        return self.wording.title

    @property
    def norm_title(self) -> str:
        return self.wording.norm_title

    @property
    def norm_text(self) -> str:
        return self.wording.norm_text


@dataclass
class ApplyReport:
    added: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)
    vanished: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    unchanged: int = 0


def _put_in_backlog(out: list[DocPoint], dp: DocPoint, held: date | None) -> None:
    """A case its decision put off without a date ("Punktet blev udsat"): the backlog's point. The same
    title in the document's backlog list or on a later row of its forward plan is that point already
    (the decision's note added); on the decided meeting's own row it leaves that row for the backlog."""
    for other in out:
        if other.norm_title != dp.norm_title or other.origin not in ("awaiting_date", "forward_plan"):
            continue
        if other.origin == "forward_plan" and held is not None and other.date == held:
            other.date, other.origin, other.status = None, "awaiting_date", "afventer dato"
        elif other.origin == "forward_plan" and (other.date is None or held is None or other.date < held):
            continue
        other.note = other.note or dp.note
        return
    out.append(dp)


def _take_off(out: list[DocPoint], dp: DocPoint, held: date | None) -> None:
    """A point a decision took off the plan ("Punktet udgår", "Sygefravær udgår"): the forward plan's first
    row of it from the deciding meeting on is *aflyst*; without one the case itself, at its meeting."""
    rows = [row for row in _plan_rows(out, dp) if held is None or row.date >= held]
    if rows:
        row = min(rows, key=lambda other: other.date)
        row.status, row.note = "aflyst", row.note or dp.note
        return
    dp.status = "aflyst"
    out.append(dp)


def _row_put_off(listed: list[DocPoint], moved: DocPoint, held: date) -> DocPoint | None:
    """The one forward-plan point a decision moves to a later meeting: the same title, on a meeting from the
    one that decided up to the new date. Two or none: the decision names no row (a recurring point keeps
    its other dates)."""
    rows = [row for row in _plan_rows(listed, moved) if held <= row.date < moved.date]
    return rows[0] if len(rows) == 1 else None


def _plan_rows(out: list[DocPoint], named: DocPoint) -> list[DocPoint]:
    """The forward plan's dated points of the document with the title of `named` (a decision's point)."""
    return [
        dp
        for dp in out
        if dp.origin == "forward_plan" and dp.norm_title == named.norm_title and dp.date is not None
    ]


def document_points(doc: ParsedDocument, wordings: Wordings | None = None) -> list[DocPoint]:
    wording = (wordings if wordings is not None else Wordings()).__getitem__
    out: list[DocPoint] = []
    for row in doc.forward_plan:
        # A row whose date could not be read keeps its points, in the backlog, with the label as a hint.
        status, note = (
            ("planlagt", None) if row.date else ("afventer dato", f"ulæselig dato i dokumentet: {row.label}")
        )
        out += [
            DocPoint(
                p.text,
                row.date,
                "forward_plan",
                status,
                p.line,
                p.closed,
                note or p.note,
                owner=p.owner,
                wording=wording(p.text),
            )
            for p in row.points
        ]
    listed = {(dp.norm_title, dp.date): dp for dp in out}
    held = doc.kind == "referat"
    for p in doc.scheduled_by_decision:
        # The minutes of a meeting that put a point off to a later one: it is "udsat", not forgotten.
        postponed = held and p.postponed and p.date and doc.meeting.date and p.date > doc.meeting.date
        status = "udsat" if postponed else "planlagt"
        dp = DocPoint(p.text, p.date, "decision", status, p.line, p.closed, p.note, wording=wording(p.text))
        if p.dropped:
            _take_off(out, dp, doc.meeting.date)
            continue
        same = listed.get((dp.norm_title, dp.date))
        if same is None and postponed:
            # "Status på budget 2026 blev flyttet til mødet den 2. april" in the minutes whose forward plan
            # still lists it on 19 March: the decision is the newer word on that one point.
            same = _row_put_off(out, dp, doc.meeting.date)
            if same is not None:
                if listed.get((same.norm_title, same.date)) is same:
                    del listed[(same.norm_title, same.date)]
                same.date = dp.date
                listed[(same.norm_title, same.date)] = same
        if same is not None:
            # "Punktet blev udskudt til 22. oktober" and the forward plan's 22. okt. row name one
            # point: two would leave a copy behind that the next document marks as vanished.
            same.note = same.note or dp.note
            same.closed = same.closed or dp.closed
            same.status = dp.status if postponed else same.status
            continue
        out.append(dp)
    put_off: list[DocPoint] = []
    for p in doc.awaiting_date:
        dp = DocPoint(
            p.text,
            None,
            "awaiting_date",
            "afventer dato",
            p.line,
            p.closed,
            p.note,
            owner=p.owner,
            wording=wording(p.text),
        )
        (put_off if p.postponed else out).append(dp)
    for dp in put_off:
        _put_in_backlog(out, dp, doc.meeting.date)
    by_text: dict[str, DocPoint] = {}
    for entry in doc.timetable:
        if _BREAKS.match(entry.title) or not entry.title:
            continue
        minutes = None
        if entry.time and entry.end:
            minutes = (entry.end.hour * 60 + entry.end.minute) - (entry.time.hour * 60 + entry.time.minute)
        minutes = minutes if minutes and minutes > 0 else None
        known = by_text.get(entry.title)
        if known:  # the same point resumed after a break: one point, the time added up
            known.duration_min = (known.duration_min or 0) + (minutes or 0) or None
            continue
        dp = DocPoint(
            entry.title,
            doc.meeting.date,
            "timetable",
            "behandlet" if held else "planlagt",
            entry.line,
            entry.closed,
            duration_min=minutes,
            owner=entry.owner,
            start=entry.time,
            wording=wording(entry.title),
        )
        by_text[entry.title] = dp
        out.append(dp)
    return out


def doc_sort_key(doc: ParsedDocument, seq: int = 0) -> tuple:
    """`doc`'s place in the fold; `seq` is its place in the import order (the documents table's id)."""
    return fold_key(doc.meeting.date, doc.kind, doc.issue_rank(), seq)


def fold_key(meeting: date | None, kind: str | None, issue_rank: tuple, seq: int) -> tuple:
    """The order documents are folded in, so the newest word is folded last: by meeting date; of one
    meeting the agenda before its minutes; of one document the issue it states ("Version 2", "Rettet
    udgave", "Udsendt d. …"), and among issues that state nothing the one imported later."""
    return (meeting or date.min, 1 if kind == "referat" else 0, issue_rank, seq)


VANISHED = "ikke længere i planen"


def edited_by_hand(p: Point) -> bool:
    """Has someone changed this point by hand (not only a document's proposal waiting for a choice)?"""
    return any(not key.startswith("pending:") for key in p.edited)


MATCH_WINDOW = timedelta(days=62)  # a document speaks of its own meeting and later ones, not of years ago
_NOT_TIMETABLE = "-"  # FoldIndex.pooled: the point is no timetable's


class FoldIndex:
    """Look-ups the fold needs, kept current as it goes, so a ten-year replay stays linear.

    The match pool (the points a document can mean: undated ones and those dated from its
    `MATCH_WINDOW` on) is indexed by normalised title and by word, and that index follows the
    fold: points added, moved or reworded are refiled, and as the documents' dates advance the
    points that fall out of the window leave it. No document rebuilds it.
    """

    def __init__(self, plan: Plan):
        self.plan = plan
        self.meetings = {m.date: m for m in plan.meetings}
        self.events = {e.uid: e for e in plan.events}
        self.uids = {p.uid for p in plan.points}
        self.by_date: dict[date | None, list[Point]] = {}
        self.dates: list[date] = []
        self.titles: dict[int, tuple] = {}  # id(point) -> (source texts, (text, title, words))
        self.spoken: dict[int, str] = {}  # id(point) -> sha256 of the last document that changed its word
        self.stated: dict[str, int] = {}  # sha256 -> how many points the document states
        self.wordings = Wordings()
        # Every agenda lists the same coming events again: their titles' normal forms and bodies, once.
        self._event_titles: dict[str, str] = {}
        self._bodies: dict[str, Body | None] = {}
        self._similar: dict[tuple[str, str], float] = {}
        # The pool holds the undated points and those dated from `low` (None: no pool yet). Its index:
        # the points filed under each normalised text and title, and under each word.
        self.low: date | None = None
        self.exact: dict[str, dict[int, Point]] = {}
        self.by_word: dict[str, dict[int, Point]] = {}
        # The same split in two: points from no timetable, and timetable points by their date.
        self.off_timetable: dict[str, dict[int, Point]] = {}
        self.timetable: dict[tuple[date | None, str], dict[int, Point]] = {}
        # id(point) -> what it is filed under: (text, title, words), and its date if a timetable's
        self.pooled: dict[int, tuple[tuple[str, str, frozenset[str]], object]] = {}
        # A point's place in the pool's order (undated first, then by date, each date in filing
        # order): the fuzzy match visits candidates in that order, so the first of equals wins.
        self.place: dict[int, int] = {}
        self._filed = 0
        # A point moved by hand is still where its document put it, as far as the documents go.
        self.hand_moved = [p for p in plan.points if "date" in p.edited]
        for p in plan.points:
            self._file(p)

    def _file(self, p: Point) -> None:
        bucket = self.by_date.setdefault(p.date, [])
        bucket.append(p)
        if p.date is not None and len(bucket) == 1:
            insort(self.dates, p.date)
        self._filed += 1
        self.place[id(p)] = self._filed if p.date is None else (p.date.toordinal() << 32) + self._filed

    def spoke(self, p: Point, sha256: str) -> None:
        self.spoken[id(p)] = sha256

    def add_point(self, p: Point) -> None:
        self.plan.points.append(p)
        self.uids.add(p.uid)
        self._file(p)
        self._repool(p)

    def moved(self, p: Point, old: date | None) -> None:
        """After the fold changed `p` (its date was `old`): refile it by date, and in the pool."""
        if old != p.date:
            self.by_date[old].remove(p)
            self._file(p)
        self._repool(p)

    def add_meeting(self, m: Meeting) -> None:
        self.plan.meetings.append(m)
        self.meetings[m.date] = m

    def around(self, first: date | None, last: date | None = None) -> list[Point]:
        """Undated points and points dated from `first` (to `last`): the ones a document can mean."""
        out = list(self.by_date.get(None, ()))
        if first is None:
            return out + [p for d in self.dates for p in self.by_date[d]]
        lo = bisect_left(self.dates, first)
        hi = len(self.dates) if last is None else bisect_right(self.dates, last)
        return out + [p for d in self.dates[lo:hi] for p in self.by_date[d]]

    def stated_as(self, p: Point, dp: DocPoint) -> None:
        """`p` reads as `dp` words it (a new point, or one `dp` reworded): its normalised forms are
        `dp`'s, already worked out."""
        if p.title == dp.title and p.description == (dp.text if dp.text != dp.title else ""):
            forms = (dp.norm_text, dp.norm_title, dp.wording.words)
            self.titles[id(p)] = ((p.description or p.title, p.title), forms)

    def normalised(self, p: Point) -> tuple[str, str, frozenset[str]]:
        key = (p.description or p.title, p.title)
        cached = self.titles.get(id(p))
        if cached is None or cached[0] != key:
            text, title = normalise_title(key[0]), normalise_title(key[1])
            cached = (key, (text, title, frozenset(text.split()) | frozenset(title.split())))
            self.titles[id(p)] = cached
        return cached[1]

    def event_uid(self, title: str, start: date, kind: str) -> str:
        """identity.event_uid, with each title normalised once per fold."""
        normalised = self._event_titles.get(title)
        if normalised is None:
            normalised = self._event_titles[title] = normalise_title(title)
        return normalised_event_uid(normalised, start, kind)

    def similarity(self, a: str, b: str) -> float:
        """identity.similarity, each pair once per fold: a recurring point meets the same candidates again."""
        score = self._similar.get((a, b))
        if score is None:
            score = self._similar[a, b] = similarity(a, b)
        return score

    def body(self, title: str) -> Body | None:
        if title not in self._bodies:
            self._bodies[title] = canonical_body(title)
        return self._bodies[title]

    # --- the pool -------------------------------------------------------------------------

    def pool_from(self, first: date | None) -> None:
        """Make the pool the points a document can mean: undated ones and those dated from `first`
        (None: every point). Only the points between the old and the new start are refiled."""
        first = first or date.min
        if self.low is None:
            self.low = first
            for p in self.around(first):
                self._repool(p)
            return
        lo, hi = sorted((self.low, first))
        self.low = first
        if lo != hi:
            between = self.dates[bisect_left(self.dates, lo) : bisect_left(self.dates, hi)]
            for d in between:
                for p in self.by_date[d]:
                    self._repool(p)

    def _repool(self, p: Point) -> None:
        """File `p` in the pool's index under its present wording if it is in the pool, else take it out."""
        if self.low is None:
            return
        key = id(p)
        filed = self.pooled.get(key)
        wanted = None
        if p.date is None or p.date >= self.low:
            wanted = (self.normalised(p), p.date if p.origin == "timetable" else _NOT_TIMETABLE)
        if filed == wanted:
            return
        by_word = self.by_word
        if filed is not None:
            (text, title, words), meeting = filed
            for k in {text, title}:
                del self.exact[k][key]
            for word in words:
                del by_word[word][key]
            if meeting is _NOT_TIMETABLE:
                for word in words:
                    del self.off_timetable[word][key]
            else:
                for word in words:
                    del self.timetable[meeting, word][key]
            del self.pooled[key]
        if wanted is not None:
            (text, title, words), meeting = wanted
            self.exact.setdefault(title, {})[key] = p
            self.exact.setdefault(text, {})[key] = p
            for word in words:
                by_word.setdefault(word, {})[key] = p
            if meeting is _NOT_TIMETABLE:
                for word in words:
                    self.off_timetable.setdefault(word, {})[key] = p
            else:
                for word in words:
                    self.timetable.setdefault((meeting, word), {})[key] = p
            self.pooled[key] = wanted

    def sharing(
        self, words: frozenset[str], dp: DocPoint
    ) -> list[tuple[Point, tuple[str, str, frozenset[str]]]]:
        """The pool's points that have one of `words` (the whole pool when there are none), each with
        its normalised text, title and words; in no particular order (`place` gives the pool's).

        For a timetable row, the timetable points of other meetings are left out: they can never
        be its point (`_may_match`), and a weekly meeting's timetable repeats the same words."""
        found: dict[int, Point] = {}
        if not words:
            found = {k: p for text in self.exact.values() for k, p in text.items()}
        elif dp.origin == "timetable":
            for word in words:
                found.update(self.off_timetable.get(word, ()))
                found.update(self.timetable.get((dp.date, word), ()))
        else:
            for word in words:
                found.update(self.by_word.get(word, ()))
        pooled = self.pooled
        return [(p, pooled[k][0]) for k, p in found.items()]


def apply_document(
    plan: Plan, doc: ParsedDocument, source: str, index: FoldIndex | None = None
) -> ApplyReport:
    """One fold step: mutate `plan` (a working copy) with what `doc` says."""
    index = index if index is not None and index.plan is plan else FoldIndex(plan)
    report = ApplyReport()
    d_date = doc.meeting.date
    _apply_people(plan, doc)
    _apply_meetings(index, doc, source)
    _apply_closures_and_absences(plan, doc, source)
    _apply_events(index, doc, source)
    matched: set[str] = set()
    # Every point this document adds or changes is matched (taken) at once, so the pool may follow
    # the fold while the document is folded: it never offers such a point again.
    index.pool_from(d_date - MATCH_WINDOW if d_date else None)
    stated = document_points(doc, index.wordings)
    index.stated[doc.sha256] = len(stated)
    for dp in stated:
        target = _exact_match(index.exact, dp, matched) or _best_match(dp, matched, index)
        if target is None:
            point = _new_point(dp, d_date, source, doc.sha256)
            while point.uid in index.uids:
                point.uid = normalised_point_uid(dp.norm_text, dp.date, point.uid)
            index.stated_as(point, dp)
            index.add_point(point)
            index.spoke(point, doc.sha256)
            matched.add(point.uid)
            report.added.append(point.title)
            continue
        matched.add(target.uid)
        if target.doc_date and d_date and d_date < target.doc_date:
            report.unchanged += 1  # an older document never overrides a newer one
            continue
        old = target.date
        _update_point(target, dp, d_date, source, report)
        index.spoke(target, doc.sha256)
        index.stated_as(target, dp)
        index.moved(target, old)
    _mark_vanished(index, doc, matched, report)
    _mark_held(index, doc)
    return report


def _mark_held(index: FoldIndex, doc: ParsedDocument) -> None:
    """The minutes of a meeting account for every point still planned on it: treated there.

    A point the minutes put off has already been moved to its new date by then ("udsat"), so
    what is left on the meeting's day was on the agenda of a meeting that has been held. Points
    typed in by hand and statuses set by hand are the users' own and stay as they are.
    """
    d_date = doc.meeting.date
    if doc.kind != "referat" or d_date is None or doc.fragment:
        return
    for p in index.by_date.get(d_date, ()):
        if p.status in PLANNED_STATUSES and "status" not in p.edited and p.origin != "manual":
            p.status = "behandlet"


def _exact_match(exact: dict[str, dict[int, Point]], dp: DocPoint, taken: set[str]) -> Point | None:
    """The usual case: the same wording as last week. The nearest date wins among equals."""
    found = [
        p
        for key in {dp.norm_title, dp.norm_text}
        for p in exact.get(key, {}).values()
        if p.uid not in taken and _may_match(p, dp)
    ]
    if not found:
        return None
    return min(found, key=lambda p: (abs((p.date - dp.date).days) if p.date and dp.date else 9999, p.uid))


def _may_match(p: Point, dp: DocPoint) -> bool:
    if p.origin == "manual" and p.source == "bruger" and not p.doc_date:
        return False
    return not (dp.origin == "timetable" and p.origin == "timetable" and p.date != dp.date)


def _best_match(dp: DocPoint, taken: set[str], index: FoldIndex) -> Point | None:
    wanted, wanted_title, wanted_words = dp.norm_text, dp.norm_title, dp.wording.words
    # Only points sharing a word can pass the overlap test. The cheap tests go first, over all of
    # them; the few left are scored in pool order, so the first of equals wins.
    passed = []
    for p, (text, title, words) in index.sharing(wanted_words, dp):
        same = text == wanted or title == wanted_title
        if not same and len(wanted_words & words) * 3 < min(len(wanted_words), len(words)):
            continue  # too few words in common to be the same point
        if p.uid in taken or not _may_match(p, dp):
            continue  # a timetable row belongs to its own meeting; hand-made points are not the documents'
        passed.append((index.place[id(p)], p, text, title, same))
    passed.sort(key=itemgetter(0))
    best: tuple[float, int, Point] | None = None
    for _place, p, text, title, same in passed:
        score = 1.0 if same else max(index.similarity(wanted, text), index.similarity(wanted_title, title))
        if score < SIMILARITY_THRESHOLD:
            continue
        distance = abs((p.date - dp.date).days) if p.date and dp.date else 9999
        rank = (score - distance / 10000, -distance)
        if best is None or rank > (best[0], best[1]):
            best = (rank[0], rank[1], p)
    return best[2] if best else None


def _new_point(dp: DocPoint, d_date: date | None, source: str, sha: str) -> Point:
    return Point(
        uid=normalised_point_uid(dp.norm_text, dp.date, sha[:8]),
        title=dp.title,
        description=dp.text if dp.text != dp.title else "",
        date=dp.date,
        owner=dp.owner,
        participants=list(dp.wording.participants),
        duration_min=dp.duration_min or 15,
        status=dp.status,
        origin=dp.origin,
        source=source,
        source_line=dp.line,
        closed=dp.closed,
        note=dp.note,
        doc_date=d_date,
        doc_value=dp.date,
        start=dp.start,
    )


def _update_point(p: Point, dp: DocPoint, d_date: date | None, source: str, report: ApplyReport) -> None:
    old_date = p.date
    p.doc_date = d_date
    if p.edited.get("pending:status") == VANISHED:
        del p.edited["pending:status"]  # the document lists the point again: nothing left to choose
    p.source, p.source_line = source, dp.line
    p.closed = p.closed or dp.closed
    if dp.owner and "owner" not in p.edited:
        p.owner = dp.owner
    if "participants" not in p.edited:
        # Added, never dropped: "X deltager under behandlingen" in the timetable of one document and
        # not in the forward plan of another gives X whichever document is folded first.
        named = [n for n in dp.wording.participants if n not in p.participants]
        if named:
            p.participants = [
                *p.participants,
                *named,
            ]  # a new list: the plan before the fold shares the old one
    if dp.note:
        p.note = dp.note
    if dp.origin == "timetable" and dp.duration_min and "duration_min" not in p.edited:
        p.duration_min = dp.duration_min
    if "title" not in p.edited and dp.origin != "timetable":
        p.title = dp.title  # the newest wording wins
        p.description = dp.text if dp.text != dp.title else ""
    if dp.date is None and p.date is not None and dp.origin == "awaiting_date":
        # The newer document put a scheduled point back in the backlog.
        dp_status = "afventer dato"
    else:
        dp_status = dp.status
    new_value = dp.date if dp.date is not None or dp.origin == "awaiting_date" else p.doc_value
    if new_value != p.doc_value or p.date != new_value:
        if "date" in p.edited:
            if _iso(new_value) != p.edited["date"]:
                p.edited["pending:date"] = _iso(new_value)
                report.conflicts.append(p.title)
        elif p.date != new_value:
            p.date = new_value
            p.sequence += 1
            report.moved.append(p.title)
    p.doc_value = new_value
    _update_start(p, dp, old_date)
    if "status" not in p.edited and p.status != "behandlet":
        if "date" in p.edited and dp_status in ("planlagt", "afventer dato"):
            p.status = "planlagt" if p.date else "afventer dato"  # the hand-set date stands
        elif p.status == "udsat" and dp_status == "planlagt" and p.date == old_date:
            pass  # a later agenda listing the postponed point on its new date: still the postponed point
        else:
            p.status = dp_status if p.date or dp_status != "planlagt" else "afventer dato"
    elif dp_status == "behandlet":
        p.status = "behandlet"


def _update_start(p: Point, dp: DocPoint, old_date: date | None) -> None:
    """A stated time belongs to the meeting whose timetable states it: a timetable that has the point
    on its own meeting gives the time (one without times keeps the known one); a point that is on
    another date now (moved by a document, or kept elsewhere by hand) has no stated time."""
    if dp.origin == "timetable" and p.date == dp.date:
        p.start = dp.start or (p.start if old_date == p.date else None)
    elif p.date != old_date or (dp.origin == "timetable" and p.date != dp.date):
        p.start = None


def _mark_vanished(index: FoldIndex, doc: ParsedDocument, matched: set[str], report: ApplyReport) -> None:
    """Points this document no longer lists whose last word is older: in its forward plan's horizon,
    its backlog, and its own meeting's timetable.

    The fold runs in `fold_key` order, so a point last stated by another document of this same
    meeting (an earlier issue, or the agenda before these minutes) has the older word too.
    """
    d_date = doc.meeting.date
    if d_date is None:
        return
    for p in _dropped_from_forward_plan(index, doc, d_date) + _dropped_from_timetable(index, doc, d_date):
        if p.uid in matched or (p.status not in PLANNED_STATUSES and p.status != "afventer dato"):
            continue
        p.doc_date = d_date
        index.spoke(p, doc.sha256)
        if edited_by_hand(p):
            # Changed by hand and dropped by the document: the user chooses (planner resolve).
            if p.edited.get("status") != VANISHED and p.edited.get("pending:status") != VANISHED:
                p.edited["pending:status"] = VANISHED
                report.conflicts.append(p.title)
            continue
        p.status = VANISHED
        report.vanished.append(p.title)


def _dropped_from_forward_plan(index: FoldIndex, doc: ParsedDocument, d_date: date) -> list[Point]:
    rows = [r.date for r in doc.forward_plan if r.date]
    if not rows:
        return []
    first, last = min(rows), max(rows)
    # the document lists its backlog; a point a decision put off without a date is no list
    has_backlog_list = any(p.origin == "awaiting_date" for p in doc.awaiting_date)
    candidates = index.around(first, last)
    seen = {id(p) for p in candidates}
    candidates += [p for p in index.hand_moved if id(p) not in seen]
    out = []
    for p in candidates:
        if p.doc_date is None or p.doc_date > d_date or p.origin in ("manual", "timetable"):
            continue
        where = p.doc_value if "date" in p.edited else p.date  # a hand move is not the document's word
        in_horizon = where is not None and first <= where <= last
        if in_horizon or (where is None and p.status == "afventer dato" and has_backlog_list):
            out.append(p)
    return out


def _dropped_from_timetable(index: FoldIndex, doc: ParsedDocument, d_date: date) -> list[Point]:
    """Timetable points of this meeting that an earlier agenda of the same meeting listed and a
    re-issued agenda leaves out. Minutes leave nothing out: the meeting was held, and what its
    agenda had is treated there (`_mark_held`), mentioned in the minutes or not."""
    if not doc.timetable or doc.kind == "referat":
        return []
    return [p for p in index.by_date.get(d_date, ()) if p.origin == "timetable" and p.doc_date == d_date]


def _apply_people(plan: Plan, doc: ParsedDocument) -> None:
    """Members in the newest header; a vacant role ("Vakant") is kept as a role without a person."""
    for member in doc.meeting.members:
        same_role = [p for p in plan.people if p.role == member.role]
        if member.name is None:
            if not any(p.vacant for p in same_role):
                plan.people.append(Person("", member.role, vacant=True))
            continue
        for vacancy in [p for p in same_role if p.vacant]:
            plan.people.remove(vacancy)
        known = next((p for p in plan.people if p.name == member.name), None)
        if known:
            known.role = member.role or known.role  # a header of names alone keeps the titles known
        else:
            plan.people.append(Person(member.name, member.role))


def _apply_meetings(index: FoldIndex, doc: ParsedDocument, source: str) -> None:
    plan = index.plan
    header = doc.meeting
    if header.date and not doc.fragment:
        m = index.meetings.get(header.date) or _add_meeting(index, header.date, source)
        _held_by_document(m, source)
        m.start = header.start or m.start
        m.end = header.end or m.end
        m.location = header.location or m.location
        breaks = _timetable_breaks(doc)
        if breaks is not None:
            m.breaks = breaks
        if doc.kind == "referat":
            m.status = "afholdt"
        for name in header.absent:
            _add_absence(plan, name, header.date, source, "fraværende ifølge mødets overskrift")
    elif header.date and header.date not in index.meetings:
        _add_meeting(index, header.date, source)
    for row in doc.forward_plan:
        if row.date is None:
            continue
        existing = index.meetings.get(row.date)
        if row.closures:
            if existing and existing.origin != "manual":
                existing.status = "aflyst"
            continue
        if existing is None:
            existing = _add_meeting(index, row.date, source)
        else:
            _held_by_document(existing, source)
        if row.start and (header.date is None or row.date > header.date):
            # The row's own hours ("18. marts kl. 13.00-15.00") are the meeting's until its own document's
            # header says otherwise (folded later: the fold runs in meeting order). A row of an earlier
            # meeting in a later document does not move that meeting's hours.
            existing.start, existing.end = row.start, row.end or _end_after(row.start, existing)


def _end_after(start: time, meeting: Meeting) -> time:
    """A row that states only when the meeting starts ("kl. 13"): it keeps its length, within the day."""
    minutes = start.hour * 60 + start.minute + max(meeting.minutes, 0)
    return time(min(minutes // 60, 23), minutes % 60 if minutes < 24 * 60 else 59)


def _held_by_document(m: Meeting, source: str) -> None:
    """A document names the meeting: one made from the rhythm or by hand becomes the document's.

    It keeps its id (and so its points and feed UID); the replay (`importer.replay`) builds the
    same meeting from the documents and gives it that id, so the import order does not matter.
    """
    if m.origin != "document" and m.source in ("bruger", RHYTHM_SOURCE):
        m.source, m.extra = source, False
    m.origin = "document"


def _timetable_breaks(doc: ParsedDocument) -> list[AgendaBreak] | None:
    """The breaks of the document's timed timetable (the newest document's replace the meeting's);
    None when the document has no timed timetable, so it says nothing about breaks."""
    if not any(entry.time for entry in doc.timetable):
        return None
    return [
        AgendaBreak(entry.time, entry.end, entry.title)
        for entry in doc.timetable
        if entry.time and _PAUSES.match(entry.title)
    ]


def _add_meeting(index: FoldIndex, d: date, source: str) -> Meeting:
    meeting = Meeting(date=d, start=time(9), end=time(13), origin="document", source=source)
    index.add_meeting(meeting)
    return meeting


def _apply_closures_and_absences(plan: Plan, doc: ParsedDocument, source: str) -> None:
    for row in doc.forward_plan:
        if row.date is None:
            continue
        for label in row.closures:
            if not any(c.label == label and c.contains(row.date) for c in plan.closures):
                plan.closures.append(Closure(label, row.date, row.date, "closure", source))
        for name in row.absent:
            _add_absence(plan, name, row.date, source, "deltager ikke på mødet")


def _add_absence(plan: Plan, name: str, d: date, source: str, note: str) -> None:
    if not any(a.person == name and a.contains(d) for a in plan.absences):
        plan.absences.append(Absence(name, d, d, source, note))


def _apply_events(index: FoldIndex, doc: ParsedDocument, source: str) -> None:
    plan = index.plan
    d_date = doc.meeting.date
    found: list[PlanEvent] = []
    for e in doc.events:
        found.append(
            PlanEvent(
                "",  # the uid: below, once the body is known
                e.title,
                e.start,
                e.end,
                e.category,
                e.status,
                "event",
                source=source,
            )
        )
    for c in doc.political_cycles:
        for kind, title, day in (
            ("oekonomiudvalg", "Økonomiudvalget (ØK)", c.oekonomiudvalg),
            ("kommunalbestyrelse", "Kommunalbestyrelsen (KB)", c.kommunalbestyrelse),
        ):
            if day:
                status = "held" if d_date and day < d_date else "upcoming"
                found.append(PlanEvent("", title, day, day, "political", status, kind, source=source))
    by_uid = index.events
    for event in found:
        body = index.body(event.title)
        if body is not None:
            # One body, one day, one event: "Økonomiudvalgsmøde" in a list and "ØK" in the cycle.
            event.uid, event.kind = index.event_uid(body.title, event.start, body.kind), body.kind
        else:
            event.uid = index.event_uid(event.title, event.start, event.kind)
        known = by_uid.get(event.uid)
        if known is None:
            plan.events.append(event)
            by_uid[event.uid] = event
            continue
        if body is not None:
            known.title = better_title(known.title, event.title, body)
            known.end = max(known.end, event.end)
            if event.category == "political":
                known.category = "political"
        if known.status != event.status and (known.status != "cancelled" or event.status == "cancelled"):
            known.status = (
                event.status if known.status != "held" or event.status == "cancelled" else known.status
            )


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None
