"""Importing documents into the store: parse first, then fold into the plan atomically."""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
import weakref
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from planner.collector import cycle_collector_paused
from planner.documents import UnreadableInput, read_path
from planner.parse.document import parse_bytes, parse_text
from planner.parse.model import ParsedDocument
from planner.plan import RHYTHM_SOURCE, Plan, Point
from planner.storage.store import Store, working_copy
from planner.sync.diff import PlanDiff, diff_points
from planner.sync.fold import (
    VANISHED,
    ApplyReport,
    FoldIndex,
    apply_document,
    doc_sort_key,
    edited_by_hand,
)
from planner.sync.identity import normalise_title, point_uid, similarity


@dataclass
class ImportResult:
    source: str
    status: str  # added | unchanged | error
    doc: ParsedDocument | None = None
    report: ApplyReport = field(default_factory=ApplyReport)
    error: str | None = None
    changes: PlanDiff = field(default_factory=PlanDiff)  # this document's part of the import's diff


PARALLEL_FROM = 48  # below this, starting worker processes costs more than it saves


def read_documents(paths: list[str | Path], workers: int | None = None) -> Sequence[ImportResult]:
    """Parse every file; an unreadable one becomes an error result, never an exception.

    Many files are parsed in worker processes (parsing is pure), one per core. Their results come
    back as `ParsedDocuments`: in the order of `paths`, each as soon as it is parsed, so an import
    folds the first documents while the workers still parse the later ones.
    """
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if workers > 1 and len(paths) >= PARALLEL_FROM:
        # Forking a process that runs threads (the app, the feed server) is unsafe: spawn there.
        context = multiprocessing.get_context("fork" if threading.active_count() == 1 else "spawn")
        pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=start_worker, initargs=(os.getpid(),)
        )
        try:
            parsed = pool.map(_read_one, paths, chunksize=16)  # all submitted: the workers have started
        except BaseException:
            pool.shutdown(cancel_futures=True)
            raise
        return ParsedDocuments(pool, parsed, len(paths))
    with cycle_collector_paused():  # the parsed documents kept so far are not walked again after each one
        return [_read_one(path) for path in paths]


class ParsedDocuments(Sequence[ImportResult]):
    """The results of a parse in worker processes, in the order of its files, each one available as
    soon as the workers have sent it: iterating waits for one result at a time, indexing waits for
    them all (`len` is known at once). The workers end (the pool shuts down) when the last result
    has arrived or a worker's error is raised; a sequence dropped before then cancels what is left."""

    def __init__(self, pool: ProcessPoolExecutor, pending: Iterator[ImportResult], count: int):
        self._pool: ProcessPoolExecutor | None = pool
        self._pending = pending
        self._count = count
        self._arrived: list[ImportResult] = []
        self._finalizer = weakref.finalize(self, pool.shutdown, wait=False, cancel_futures=True)

    @property
    def complete(self) -> bool:
        """Have all the results arrived (the workers are done)?"""
        return self._pool is None

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):
        while self._receive():
            pass
        return self._arrived[index]

    def __iter__(self) -> Iterator[ImportResult]:
        k = 0
        while k < len(self._arrived) or self._receive():
            yield self._arrived[k]
            k += 1

    def _receive(self) -> bool:
        """Wait for the next result; False when there is none left."""
        if self._pool is None:
            return False
        try:
            with cycle_collector_paused():  # the results kept so far are not walked again for each one
                result = next(self._pending)
        except StopIteration:
            self._close(cancel=False)
            return False
        except BaseException:
            self._close(cancel=True)
            raise
        self._arrived.append(result)
        return True

    def _close(self, cancel: bool) -> None:
        pool, self._pool = self._pool, None
        self._finalizer.detach()
        pool.shutdown(wait=True, cancel_futures=cancel)


def start_worker(parent: int) -> None:
    """A parse worker's start-up: it ends with the import that started it, and runs without the cycle
    collector. A worker parses and sends each document back and keeps none, and parsing makes no reference
    cycles: the collector would only walk each document just parsed (8 % of a parse), to find nothing."""
    gc.disable()
    die_with_parent(parent)


def die_with_parent(parent: int) -> None:
    """Worker start-up: end this worker when the import that started it is killed.

    A killed parent cannot shut its pool down, and forked workers hold both ends of the task
    pipe, so they would wait for work for ever. On Linux the kernel sends SIGKILL when the
    parent goes (PR_SET_PDEATHSIG); elsewhere a thread watches the parent's pid.
    """
    if not _kill_me_with_parent():
        threading.Thread(target=_watch_parent, args=(parent,), name="parent-watch", daemon=True).start()
    if os.getppid() != parent:  # the parent died before the death signal was armed
        os._exit(1)


def _kill_me_with_parent() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


_PR_SET_PDEATHSIG = 1  # <sys/prctl.h>


def _read_one(path: str | Path) -> ImportResult:
    p = Path(path)
    try:
        data, name = read_path(p)
        return ImportResult(name, "parsed", parse_bytes(data, name))
    except UnreadableInput as exc:
        return ImportResult(p.name, "error", error=str(exc))


@dataclass
class ImportPlan:
    """What importing some documents does, computed on a working copy without writing anything.

    The import view shows it and `import_documents` writes it: one computation, so the preview is
    exactly what the import then does.
    """

    before: Plan  # the store's plan: read it, never edit it
    after: Plan
    todo: list[ImportResult]  # the new documents, in their import order
    diff: PlanDiff = field(default_factory=PlanDiff)  # the whole import
    replayed: bool = False  # a document came out of fold order: the whole fold was replayed


def plan_import(store: Store, results: Sequence[ImportResult]) -> ImportPlan:
    """Fold `results` into the stored plan on a working copy; set each result's report and changes.

    Documents already in the store (or twice in `results`) get the status "unchanged". The new ones
    are folded in `fold_key` order, after the stored documents; when one of them belongs before a
    stored document (an older meeting, an agenda after its minutes, an earlier issue), the whole
    fold is replayed in that order.

    Results still arriving from the parse's workers (`ParsedDocuments`) are folded as they arrive
    when they come in that order (`_plan_as_parsed`); otherwise they are folded once all are there.
    """
    if isinstance(results, ParsedDocuments) and not results.complete:
        planned = _plan_as_parsed(store, results)
        if planned is not None:
            return planned
    seen: set[str] = set()
    todo = [r for r in results if r.status == "parsed" and r.doc is not None and _is_new(store, r, seen)]
    # The store's own plan, read only (the fold edits a working copy): Store.write then copies into
    # its cache only the items the import changed, instead of the whole plan.
    before = store.load_plan(copy=False)
    if not todo:
        return ImportPlan(before, before, [])
    seq = store.next_document_id()
    keyed = sorted(((doc_sort_key(r.doc, seq + i), r) for i, r in enumerate(todo)), key=lambda kr: kr[0])
    replayed = _stored_after(store, keyed[0][0])
    if replayed:
        stored = _stored_documents(store, store.documents())
        docs = [(doc_sort_key(doc, row_id), doc) for row_id, doc in stored] + [
            (key, r.doc) for key, r in keyed
        ]
        after, index = replay(before, docs)
    else:
        after = working_copy(before)
        index = FoldIndex(after)
        for _key, r in keyed:
            apply_document(after, r.doc, r.source, index)
    diff = diff_points(before, after)
    _attribute(diff, after, index, todo)
    return ImportPlan(before, after, todo, diff, replayed)


def _is_new(store: Store, r: ImportResult, seen: set[str]) -> bool:
    """A parsed document neither stored nor met earlier in this import (`seen`, which it joins); any
    other gets the status "unchanged"."""
    if store.has_document(r.doc.sha256) or r.doc.sha256 in seen:
        r.status = "unchanged"
    seen.add(r.doc.sha256)
    return r.status == "parsed"


def _plan_as_parsed(store: Store, results: ParsedDocuments) -> ImportPlan | None:
    """plan_import's fold of documents that are still being parsed: each is folded as it arrives,
    while the workers parse the later ones. That is the fold plan_import does when the documents
    arrive in `fold_key` order after every stored document (the usual case: files named by date).
    The first one out of that order ends it: None, once all have arrived, and plan_import folds
    them all again in order."""
    before = store.load_plan(copy=False)
    seq = store.next_document_id()
    seen: set[str] = set()
    todo: list[ImportResult] = []
    after: Plan | None = None
    index: FoldIndex | None = None
    last: tuple | None = None
    in_order = True
    for r in results:
        if r.status != "parsed" or r.doc is None or not _is_new(store, r, seen):
            continue
        key = doc_sort_key(r.doc, seq + len(todo))
        todo.append(r)
        if not in_order:
            continue
        in_order = not _stored_after(store, key) if last is None else key > last
        if not in_order:
            after = index = None  # plan_import starts again
            continue
        if after is None:
            after = working_copy(before)
            index = FoldIndex(after)
        apply_document(after, r.doc, r.source, index)
        last = key
    if not in_order:
        return None
    if not todo:
        return ImportPlan(before, before, [])
    diff = diff_points(before, after)
    _attribute(diff, after, index, todo)
    return ImportPlan(before, after, todo, diff)


def import_documents(
    store: Store, results: Sequence[ImportResult], actor: str = "import"
) -> Sequence[ImportResult]:
    """Fold parsed documents into the plan in one transaction (all of them or nothing).

    Documents still being parsed (`ParsedDocuments`) are folded as they arrive, before the
    transaction, so the plan stays open to others' changes meanwhile (a read snapshot); if the plan
    changed before the transaction began, they are folded again inside it.
    """
    with cycle_collector_paused():
        planned = None
        if isinstance(results, ParsedDocuments) and not results.complete:
            with store.read_snapshot():
                planned = plan_import(store, results)
        with store.transaction():
            if planned is None or planned.before.version != store.plan_version:
                for r in results if planned is not None else ():
                    if r.status == "unchanged":  # perhaps no longer: another change came first
                        r.status, r.report, r.changes = "parsed", ApplyReport(), PlanDiff()
                planned = plan_import(store, results)
            _write_import(store, planned, actor)
    return results


def _write_import(store: Store, planned: ImportPlan, actor: str) -> None:
    if not planned.todo:
        return
    for r in planned.todo:  # in import order: their ids are the sequence plan_import folded them by
        store.add_document(
            r.source,
            r.doc.sha256,
            r.doc.kind,
            _iso(r.doc.meeting.date),
            r.doc.text,
            r.doc.encoding,
            r.doc.format,
            r.doc.content,
        )
    names = ", ".join(r.source for r in planned.todo)
    who = actor if actor != "import" else names
    store.write(planned.before, planned.after, who, "import", f"import af {names}")
    for r in planned.todo:
        r.status = "added"


def _attribute(diff: PlanDiff, after: Plan, index: FoldIndex, todo: list[ImportResult]) -> None:
    """Give each new document the changes whose points it spoke of last; the rest (a change that
    only the new fold order made, a point gone altogether) goes to the first new document."""
    parts = {r.doc.sha256: PlanDiff() for r in todo}
    rest = todo[0].doc.sha256
    owner = {p.uid: index.spoken.get(id(p), rest) for p in after.points}
    for k, changes in enumerate(diff.lists()):
        for c in changes:  # one pass, in the diff's order: each document's lists stay sorted
            sha = owner.get(c.uid, rest)
            parts[sha if sha in parts else rest].lists()[k].append(c)
    for r in todo:
        r.changes = parts[r.doc.sha256]
        r.report = report_of(r.changes, index.stated.get(r.doc.sha256, 0))


def report_of(changes: PlanDiff, points: int) -> ApplyReport:
    """The per-document summary (titles and counts) of a document's part of the diff."""
    parts = (changes.added, changes.moved, changes.vanished, changes.conflicts)
    titles = [[c.title for c in part] for part in parts]
    unchanged = max(0, points - len(titles[0]) - len(titles[1]) - len(titles[3]))
    return ApplyReport(*titles, unchanged=unchanged)


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _stored_after(store: Store, first_new: tuple) -> bool:
    """Does a stored document belong after `first_new` in the fold? Then the fold must be replayed.

    Only documents of the same meeting need reading (their kind and stated issue decide), and a
    document of a later meeting answers at once.
    """
    meeting = first_new[0] if first_new[0] != date.min else None
    rows = store.documents_from(_iso(meeting))
    if any((row["meeting_date"] or "0001-01-01") > (_iso(meeting) or "0001-01-01") for row in rows):
        return True
    return any(doc_sort_key(doc, row_id) > first_new for row_id, doc in _stored_documents(store, rows))


def _stored_documents(store: Store, rows: list[dict]) -> list[tuple[int, ParsedDocument]]:
    """The stored documents re-read from the bytes they were imported as, with their import sequence."""
    out = []
    for row in rows:
        content = store.document_content(row["sha256"])
        # Documents from before schema version 2 kept only their decoded text.
        if content is None:
            doc = parse_text(row["text"], row["source"])
        else:
            doc = parse_bytes(content, row["source"])
        doc.sha256 = row["sha256"]
        out.append((row["id"], doc))
    return out


def replay(current: Plan, docs: list[tuple[tuple, ParsedDocument]]) -> tuple[Plan, FoldIndex]:
    """The plan the documents (with their fold keys) give when folded in order, with ids, uids and hand
    edits kept; and the fold's index (which document spoke last of each point, FoldIndex.spoken)."""
    fresh = Plan()
    index = FoldIndex(fresh)
    for _key, doc in sorted(docs, key=lambda kd: kd[0]):
        apply_document(fresh, doc, doc.source, index)
    _carry_over(current, fresh)
    return fresh, index


def _carry_over(current: Plan, fresh: Plan) -> None:
    taken: set[int] = set()
    by_uid = {p.uid: p for p in current.points}
    pairs: dict[int, Point] = {}  # index in fresh.points -> the stored point it continues
    for k, p in enumerate(fresh.points):  # first the exact identities ...
        old = by_uid.get(p.uid)
        if old is not None:
            pairs[k] = old
            taken.add(old.id)
    for k, p in enumerate(fresh.points):  # ... then the reworded ones
        if k not in pairs:
            old = _similar(current.points, p, taken)
            if old is not None:
                pairs[k] = old
                taken.add(old.id)
    used = {old.uid for old in pairs.values()}
    for k, p in enumerate(fresh.points):
        old = pairs.get(k)
        if old is None:
            while p.uid in used:
                p.uid = point_uid(p.title, p.date, p.uid)
            used.add(p.uid)
            continue
        _continue_point(p, old)
    _carry_rest(current, fresh, taken)


def _continue_point(p: Point, old: Point) -> None:
    """The replayed point `p` is the stored `old`: keep its identity and what was done by hand."""
    p.id, p.uid, p.version = old.id, old.uid, old.version
    p.owner = old.owner or p.owner
    p.participants = old.participants or p.participants
    if "duration_min" in old.edited:
        p.duration_min = old.duration_min
    for key, base in old.edited.items():
        if key.startswith("pending:"):
            continue
        p.edited[key] = base
        if key == "date":
            if _iso(p.doc_value) != base:
                p.edited["pending:date"] = _iso(p.doc_value)
            if p.date != old.date:
                p.start = None  # kept on another meeting by hand: the timetable's time is not its time there
            p.date = old.date
        elif key in ("title", "status", "description"):
            setattr(p, key, getattr(old, key))
    if p.status == VANISHED and old.status != VANISHED and edited_by_hand(old):
        # As in the fold (sync._mark_vanished): a hand-edited point the documents dropped waits for a choice.
        p.status = old.status
        if old.edited.get("status") != VANISHED:
            p.edited["pending:status"] = VANISHED
    p.sequence = old.sequence + (1 if old.date != p.date else 0)


def _carry_rest(current: Plan, fresh: Plan, taken: set[int]) -> None:
    fresh.points += [p for p in current.points if p.id not in taken and p.origin == "manual"]
    _carry_ids(current.meetings, fresh.meetings, lambda m: m.date)
    # Meetings made by hand or stored from the rhythm (a point was put on them) that no document
    # names are the users'; one a document names is the document's now, with the same id.
    named = {m.date for m in fresh.meetings}
    fresh.meetings += [
        m
        for m in current.meetings
        if m.source in ("bruger", RHYTHM_SOURCE) and m.origin != "document" and m.date not in named
    ]
    _carry_ids(current.events, fresh.events, lambda e: e.uid)
    _carry_ids(current.closures, fresh.closures, lambda c: (c.label, c.start, c.end))
    _carry_ids(current.absences, fresh.absences, lambda a: (a.person, a.start, a.end))
    _carry_ids(current.people, fresh.people, lambda p: (p.name, p.role))
    # What no document says (entered by hand, imported from a ferieplan) is not the fold's to drop.
    kept = {x.id for x in fresh.closures}
    fresh.closures += [c for c in current.closures if _not_from_documents(c.source) and c.id not in kept]
    kept = {x.id for x in fresh.absences}
    fresh.absences += [a for a in current.absences if _not_from_documents(a.source) and a.id not in kept]
    # Own rings and their activities are the users' alone: no document says anything about them.
    fresh.rings, fresh.activities = list(current.rings), list(current.activities)


def _not_from_documents(source: str) -> bool:
    return source == "bruger" or source.startswith("ferieplan:")


def _carry_ids(old_items: list, new_items: list, key) -> None:
    by_key = {key(o): o for o in old_items}
    for item in new_items:
        old = by_key.get(key(item))
        if old is not None:
            item.id = old.id
            if hasattr(item, "version"):
                item.version = old.version
            if hasattr(item, "sequence"):
                item.sequence = old.sequence


def _similar(points: list[Point], p: Point, taken: set[int]) -> Point | None:
    wanted = normalise_title(p.title)
    best = None
    for old in points:
        if old.id in taken or old.origin == "manual":
            continue
        score = similarity(wanted, normalise_title(old.title))
        if score >= 0.82 and (best is None or score > best[0]):
            best = (score, old)
    return best[1] if best else None
