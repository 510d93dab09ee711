"""The SQLite store: one class, an explicit schema version, every write recorded in history.

Every change goes through `Store.write()`, which diffs a working copy of the plan against
the stored rows, writes the changed rows in one IMMEDIATE transaction, bumps the plan
version and records before/after of each row so any change can be undone.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote, urlencode

from planner.collector import cycle_collector_paused
from planner.errors import PlannerError
from planner.logs import timed
from planner.plan import Plan
from planner.storage.plan_copy import CowPlan, next_cache, paired_changes, working_copy
from planner.storage.rows import TABLES, TableSpec, rows_of
from planner.storage.schema import SCHEMA_VERSION, migrate, schema_tables

log = logging.getLogger(__name__)


class StaleEdit(PlannerError):
    """The edit was based on an older version of the item than the one stored."""


class StoreError(PlannerError):
    """The database cannot do what was asked (a newer schema, a bad backup, …)."""


@dataclass(frozen=True)
class Change:
    id: int
    ts: str
    actor: str
    action: str
    summary: str
    items: list[dict]
    undone: bool


@dataclass(frozen=True)
class ChangeSummary:
    """A change as a list of recent changes shows it: without its (possibly huge) before/after items."""

    id: int
    ts: str
    actor: str
    action: str
    summary: str
    undone: bool
    has_items: bool  # False for a change that records nothing to restore (it cannot be undone)


def describe_fault(exc: sqlite3.Error) -> str:
    """One Danish line for what SQLite reports about the database file itself."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return "databasen er beskadiget eller ikke en planner-database; gendan en sikkerhedskopi med 'planner restore'"
    if name.startswith("SQLITE_READONLY"):
        return "databasen er skrivebeskyttet (filen eller mappen); den kan læses, men ikke ændres"
    if name.startswith("SQLITE_FULL"):
        return "disken er fuld; intet er ændret"
    if name.startswith("SQLITE_CANTOPEN"):
        return "databasen kan ikke åbnes (findes mappen, og må du læse og skrive i den?)"
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return "databasen er optaget af en anden proces; prøv igen om lidt"
    if name.startswith("SQLITE_IOERR"):
        return "læse- eller skrivefejl på disken; intet er ændret"
    return f"databasefejl ({exc})"


def cannot_write(exc: sqlite3.Error) -> bool:
    """The database can perhaps be read, but not written (read-only file or directory)."""
    return (getattr(exc, "sqlite_errorname", "") or "").startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN"))


def _uri(path: Path, **params: str) -> str:
    return f"file:{quote(str(path.absolute()))}?{urlencode(params)}"


def _connect_read_only(path: Path, timeout: float) -> sqlite3.Connection:
    """A read-only connection, also in a read-only directory where SQLite cannot create its
    -shm file: then the file is opened as immutable, which is right only when no -wal file
    holds changes the main file lacks (a cleanly closed database has none)."""
    if not path.is_file():
        raise StoreError("databasen findes ikke")
    options = {"timeout": timeout, "isolation_level": None, "check_same_thread": False, "uri": True}
    conn = sqlite3.connect(_uri(path, mode="ro"), **options)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        if not cannot_write(exc):
            raise
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise StoreError(
            f"{wal.name} har ændringer, som ikke er skrevet ind i databasen, og mappen er "
            "skrivebeskyttet; åbn den én gang der, hvor den kan skrives"
        )
    return sqlite3.connect(_uri(path, mode="ro", immutable="1"), **options)


def open_for_reading(path: str | Path | None = None) -> Store:
    """A Store for reading: read-write when it can be, else read-only (a read-only file or
    directory), so the plan can still be shown there. Writing through it raises SQLITE_READONLY."""
    try:
        return Store(path)
    except sqlite3.OperationalError as exc:
        if not cannot_write(exc):
            raise
    return Store(path, readonly=True)


class Store:
    def __init__(self, path: str | Path, timeout: float = 30.0, readonly: bool = False):
        """Open (and create or migrate) the database; `readonly`: open it read-only, never create
        or migrate anything (see open_for_reading)."""
        self.path = Path(path)  # the caller's settings say which (planner.settings); never a silent default
        self.readonly = readonly
        self._new_documents: list[int] = []  # documents added in the open transaction (see write())
        # (plan_version, plan) last read or written. The cached plan is never edited and never
        # handed out: load_plan() copies it, mutate() copies only what a change touches.
        self._cache: tuple[int, Plan] | None = None
        # Things callers derive from the plan of one version (see memo()); dropped with the cache.
        self._memos: dict[str, tuple[int, object]] = {}
        if readonly:
            self.conn = _connect_read_only(self.path, timeout)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(
                self.path, timeout=timeout, isolation_level=None, check_same_thread=False
            )
        try:
            self._setup(timeout)
        except BaseException:
            self.conn.close()
            raise

    def _setup(self, timeout: float) -> None:
        self.conn.row_factory = sqlite3.Row
        if not self.readonly:
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
        self.conn.execute("PRAGMA foreign_keys=ON")
        # Only take the write lock when there is something to migrate: a reader (history, backup,
        # the feed server) must not queue behind busy writers just to open the database.
        if not self._schema_current():
            if self.readonly:
                raise StoreError(
                    "databasen er skrivebeskyttet og skal først opgraderes eller oprettes af en "
                    "planner, der kan skrive i den"
                )
            with self.transaction():
                migrate(self.conn)

    def _schema_current(self) -> bool:
        try:
            row = self.conn.execute(
                "SELECT (SELECT value FROM meta WHERE key='schema_version'), "
                "(SELECT value FROM meta WHERE key='plan_version')"
            ).fetchone()
        except sqlite3.OperationalError:  # a new file: no meta table yet
            return False
        return row[0] == str(SCHEMA_VERSION) and row[1] is not None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- transactions ---------------------------------------------------------------------

    @contextmanager
    def read_snapshot(self) -> Iterator[None]:
        """Reads inside see one consistent state: a deferred transaction (a snapshot under WAL,
        never blocking writers), or the transaction already open."""
        own = not self.conn.in_transaction
        if own:
            self.conn.execute("BEGIN")
        try:
            yield
        finally:
            if own and self.conn.in_transaction:  # a damaged file may have ended it already
                self.conn.execute("COMMIT")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE: writers queue on the busy timeout instead of failing mid-way."""
        if self.conn.in_transaction:
            yield self.conn
            return
        self.conn.execute("BEGIN IMMEDIATE")
        self._new_documents = []
        committed = self._cache  # a committed plan (never edited in place), checked by version on use
        try:
            yield self.conn
        except BaseException:
            self._new_documents = []
            self._cache = committed  # the cache may hold what is now rolled back
            self._memos.clear()  # memos may have been taken and updated for the rolled-back change
            if self.conn.in_transaction:  # some errors (SQLITE_FULL, ...) have rolled back already
                self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # --- reading --------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        return int(self.meta("schema_version") or 0)

    @property
    def plan_version(self) -> int:
        return int(self.meta("plan_version") or 0)

    def has_change(self, change_id: int) -> bool:
        """Is there a history entry with this id?"""
        return self.conn.execute("SELECT 1 FROM history WHERE id=?", (change_id,)).fetchone() is not None

    def point_row(self, point_id: int) -> dict | None:
        """One point's stored row, without loading the whole plan."""
        row = self.conn.execute("SELECT * FROM points WHERE id=?", (point_id,)).fetchone()
        return dict(row) if row is not None else None

    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row["value"] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
            (key, value),
        )

    def load_plan(self, *, copy: bool = True) -> Plan:
        """The stored plan. Reading 10,000 rows is slow, so the last plan read or written is kept
        and handed out (as a copy) while the plan version in the database is unchanged.

        `copy=False` hands out the kept plan itself, for a reader that never edits it (the app's
        shared read-only plan): copying 10,000 points costs more than a tenth of a second."""
        plan = self._stored_plan()
        return working_copy(plan) if copy else plan

    def _stored_plan(self) -> Plan:
        """The cached plan itself when it is current, else a fresh read (then cached). Read-only:
        it is shared with the cache, so callers copy before editing."""
        own = not self.conn.in_transaction
        if own:
            self.conn.execute("BEGIN")  # deferred: the version and the rows from one snapshot
        try:
            version = self.plan_version
            if self._cache is not None and self._cache[0] == version:
                return self._cache[1]
            plan = self._read_plan()
        finally:
            if own and self.conn.in_transaction:
                self.conn.execute("COMMIT")
        plan.version = version
        self._cache = (version, plan)
        return plan

    def memo(self, key: str, version: int) -> object | None:
        """Take what `put_memo` stored under `key` for plan `version` (None when there is none).

        The entry is removed: the caller owns it now and may update it in place, then put it
        back for the version its change produced. Memos are dropped when a transaction rolls
        back, so they never describe a plan that was not committed.
        """
        found = self._memos.pop(key, None)
        return found[1] if found is not None and found[0] == version else None

    def put_memo(self, key: str, version: int, value: object) -> None:
        self._memos[key] = (version, value)

    def _read_plan(self) -> Plan:
        # Plain tuples, not sqlite3.Row or a dict per row: 10,000s of rows. The objects they become
        # hold no reference cycles, so the cycle collector need not walk the heap while they are made.
        with timed(log, "planen læst fra %s", self.path, level=logging.DEBUG), cycle_collector_paused():
            return Plan(**{spec.name: spec.items(self._tuples(spec.select)) for spec in TABLES})

    def _tuples(self, sql: str) -> sqlite3.Cursor:
        cur = self.conn.cursor()
        cur.row_factory = None
        return cur.execute(sql)

    def documents(self) -> list[dict]:
        """Every imported document's row, with its text (kept by content hash, see add_document)."""
        return [dict(r) for r in self.conn.execute(f"{_DOCUMENTS} ORDER BY meeting_date, id")]

    def next_document_id(self) -> int:
        """The id the next imported document gets: its place in the import order."""
        return int(self.conn.execute("SELECT coalesce(max(id), 0) + 1 FROM documents").fetchone()[0])

    def documents_from(self, meeting_date: str | None) -> list[dict]:
        """Documents of meetings on or after `meeting_date` (an undated document counts as the earliest)."""
        return [
            dict(r)
            for r in self.conn.execute(
                f"{_DOCUMENTS} WHERE coalesce(meeting_date, '0001-01-01') >= ? ORDER BY meeting_date, id",
                (meeting_date or "0001-01-01",),
            )
        ]

    def has_document(self, sha256: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE sha256=?", (sha256,)).fetchone() is not None

    # --- writing --------------------------------------------------------------------------

    def write(
        self,
        before: Plan,
        after: Plan,
        actor: str,
        action: str,
        summary: str,
        expected_version: int | None = None,
    ) -> int | None:
        """Store `after` where it differs from `before`; returns the history id (None: nothing changed)."""
        with self.transaction():
            if expected_version is not None and self.plan_version != expected_version:
                raise StaleEdit("planen er ændret af en anden siden du hentede den")
            now = _now()
            items = self._write_diff(before, after, now)
            # Documents added in this transaction belong to the change, so undoing an import
            # forgets the documents too and they can be imported again.
            for doc_id in self._new_documents:
                items.append(
                    {
                        "table": "documents",
                        "id": doc_id,
                        "before": None,
                        "after": self._get_raw("documents", doc_id),
                    }
                )
            self._new_documents = []
            if not items:
                return None
            change_id = self._record(actor, action, summary, items, now)
            cached = self._cache[1] if self._cache is not None else None
            after.version = self.plan_version
            if before is cached:
                # The items the diff found unchanged are the cache's own: copy only the rest.
                self._cache = (after.version, next_cache(before, after))
            else:
                self._cache = (after.version, working_copy(after))
            return change_id

    def _write_diff(self, before: Plan, after: Plan, now: str) -> list[dict]:
        """Write the items of `after` that differ from `before`; only those are turned into rows."""
        items: list[dict] = []
        for spec in TABLES:
            old_list, new_list = getattr(before, spec.name), getattr(after, spec.name)
            paired = paired_changes(old_list, new_list)
            if paired is not None:  # same items in the same places: only those replaced can differ
                old_items = {o.id: o for o, _ in paired}
                changed = [n for o, n in paired if o.__dict__ != n.__dict__]
                gone = []
            else:
                old_items = {o.id: o for o in old_list if o.id is not None}
                seen: set[int] = set()
                changed = []
                for obj in new_list:
                    if obj.id is not None:
                        seen.add(obj.id)
                        old = old_items.get(obj.id)
                        if old is not None and (old is obj or old.__dict__ == obj.__dict__):
                            continue
                    changed.append(obj)
                gone = [old_items[i] for i in old_items.keys() - seen]
            if not changed and not gone:
                continue
            old_rows = {
                r["id"]: r for r in rows_of(spec, [old_items[o.id] for o in changed if o.id in old_items])
            }
            new_rows: list[tuple[object, int]] = []  # (item, its place in items)
            for obj in changed:
                if obj.id is None:
                    new_rows.append((obj, len(items)))
                    items.append({})  # filled in by _insert_all, in this place: undo replays items in order
                    continue
                row = spec.row(obj)
                rid = row["id"]
                if not _differs(old_rows.get(rid), row, spec):
                    continue
                prior = self._get(spec, rid)
                if _differs(prior, old_rows.get(rid) or {}, spec, with_version=True):
                    raise StaleEdit(f"{spec.label} {rid} er ændret af en anden; hent planen igen")
                self._update(spec, row, now)
                _touch(obj, now, bump=True)
                items.append({"table": spec.name, "id": rid, "before": prior, "after": self._get(spec, rid)})
            if new_rows:
                self._insert_all(spec, new_rows, items, now)
            for old in gone:
                prior = self._get(spec, old.id)
                if prior is not None:
                    self.conn.execute(f"DELETE FROM {spec.name} WHERE id=?", (old.id,))
                    items.append({"table": spec.name, "id": old.id, "before": prior, "after": None})
        return items

    def _insert_all(self, spec: TableSpec, new_rows: list[tuple[object, int]], items: list, now: str) -> None:
        """Insert new rows in one executemany (an import inserts tens of thousands) and fill in their
        history items. Each row gets the id SQLite would give it one INSERT at a time (the largest
        id so far plus one: the tables have no AUTOINCREMENT), so ids stay as they always were."""
        first = self.conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {spec.name}").fetchone()[0]
        id_at = spec.columns.index("id")
        table = []
        for rid, (obj, place) in enumerate(new_rows, start=first):
            values = spec.values(obj, now)
            values[id_at] = rid
            table.append(values)
            obj.id = rid
            _touch(obj, now, bump=False)
            # The row as stored, without reading it back.
            items[place] = {
                "table": spec.name,
                "id": rid,
                "before": None,
                "after": dict(zip(spec.columns, values, strict=True)),
            }
        self.conn.executemany(
            f"INSERT INTO {spec.name}({','.join(spec.columns)}) VALUES({','.join('?' * len(spec.columns))})",
            table,
        )

    def _update(self, spec: TableSpec, row: dict, now: str) -> None:
        cols = [c for c in spec.columns if c != "id"]
        values = [now if c == "updated_at" else row.get(c) for c in cols]
        if "version" in spec.columns:
            values[cols.index("version")] = int(row.get("version") or 0) + 1
        self.conn.execute(
            f"UPDATE {spec.name} SET {','.join(c + '=?' for c in cols)} WHERE id=?", [*values, row["id"]]
        )

    def _get(self, spec: TableSpec, rid: int) -> dict | None:
        return self._get_raw(spec.name, rid)

    def _get_raw(self, table: str, rid: int) -> dict | None:
        row = self.conn.execute(f"SELECT * FROM {table} WHERE id=?", (rid,)).fetchone()
        return dict(row) if row else None

    def _put_raw(self, table: str, rid: int, row: dict | None) -> None:
        """Restore a row exactly as it was (used by undo)."""
        if row is None:
            self.conn.execute(f"DELETE FROM {table} WHERE id=?", (rid,))
            return
        if table == "documents" and "text" in row:
            # A history item from before schema version 6 holds the document's text in its row.
            self._keep_text(row["sha256"], row["text"])
            row = {k: v for k, v in row.items() if k != "text"}
        cols = list(row)
        # Never INSERT OR REPLACE: that would silently delete another row sharing a unique key (uid, sha256).
        updates = ",".join(f"{c}=excluded.{c}" for c in cols if c != "id")
        self.conn.execute(
            f"INSERT INTO {table}({','.join(cols)}) VALUES({','.join('?' * len(cols))}) "
            f"ON CONFLICT(id) DO UPDATE SET {updates}",
            [row[c] for c in cols],
        )

    def _record(self, actor: str, action: str, summary: str, items: list[dict], now: str) -> int:
        version = self.plan_version + 1
        self.set_meta("plan_version", str(version))
        self.set_meta("last_modified", now)
        cur = self.conn.execute(
            "INSERT INTO history(ts, actor, action, summary, items, undone, plan_version) VALUES(?,?,?,?,?,0,?)",
            (now, actor, action, summary, json.dumps(items, ensure_ascii=False, default=str), version),
        )
        return int(cur.lastrowid)

    def record_event(self, actor: str, action: str, summary: str) -> int:
        """A change outside the plan's rows (a feed token rotated or revoked): in history for the
        audit trail, and a new plan version so every reader (the feed server's token cache
        included) looks again. It has no rows, so there is nothing to undo."""
        with self.transaction():
            return self._record(actor, action, summary, [], _now())

    def mutate(self, change, actor: str, action: str, summary: str, *, copy_on_write: bool = False):
        """Load, change and store in one IMMEDIATE transaction, so concurrent writers never lose a write.

        `change(plan)` edits the working copy in place and may return a value, which is returned
        together with the history id.

        With `copy_on_write` the working copy is a `CowPlan`: its lists are its own, but an item
        is copied only when `plan.point(id)` or `plan.meeting_on(d)` hands it out. The change
        must then edit only items it got that way or created itself, never one reached by
        iterating a list (those are shared with the store's cache). The commands keep to this;
        a 10-year plan is then not copied item by item on every edit.
        """
        with self.transaction():
            before = self._stored_plan()
            after = CowPlan.over(before) if copy_on_write else working_copy(before)
            result = change(after)
            change_id = self.write(before, after, actor, action, summary)
            return result, change_id

    # --- history and undo -----------------------------------------------------------------

    def history(self, item: tuple[str, int] | None = None, limit: int | None = None) -> list[Change]:
        if item is None and limit:  # no filter on the items: the newest `limit` rows are the answer
            rows = self.conn.execute("SELECT * FROM history ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        else:
            rows = self.conn.execute("SELECT * FROM history ORDER BY id DESC").fetchall()
        out = []
        for r in rows:
            items = json.loads(r["items"])
            if item and not any(i["table"] == item[0] and i["id"] == item[1] for i in items):
                continue
            out.append(
                Change(r["id"], r["ts"], r["actor"], r["action"], r["summary"], items, bool(r["undone"]))
            )
            if limit and len(out) >= limit:
                break
        return out

    def recent_changes(self, limit: int) -> list[ChangeSummary]:
        """The newest `limit` changes without reading their items: an import of ten years of
        documents stores megabytes of them, and a list of summaries needs none."""
        rows = self.conn.execute(
            "SELECT id, ts, actor, action, summary, undone, items != '[]' AS has_items "
            "FROM history ORDER BY id DESC LIMIT ?",
            (limit,),
        ).fetchall()
        return [
            ChangeSummary(
                r["id"],
                r["ts"],
                r["actor"],
                r["action"],
                r["summary"],
                bool(r["undone"]),
                bool(r["has_items"]),
            )
            for r in rows
        ]

    def undo(self, change_id: int | None = None, actor: str = "bruger") -> Change | None:
        """Undo one change (default: the latest not undone). The undo is itself a change in history."""
        with self.transaction():
            if change_id is None:
                row = self.conn.execute(
                    "SELECT * FROM history WHERE undone=0 AND action!='undo' AND items!='[]' "
                    "ORDER BY id DESC LIMIT 1"
                ).fetchone()
            else:
                row = self.conn.execute("SELECT * FROM history WHERE id=?", (change_id,)).fetchone()
            if row is None:
                return None
            if row["undone"]:
                raise StoreError(f"ændring {row['id']} er allerede fortrudt")
            if row["items"] == "[]":
                raise StoreError(f"ændring {row['id']} ({row['summary']}) kan ikke fortrydes")
            items = json.loads(row["items"])
            for it in items:
                current = self._get_raw(it["table"], it["id"])
                if _as_compared(it["table"], current) != _as_compared(it["table"], it["after"]):
                    raise StaleEdit(
                        f"ændring {row['id']} kan ikke fortrydes: {it['table']} {it['id']} er ændret siden"
                    )
            now = _now()
            reverse = []
            for it in reversed(items):
                try:
                    self._put_raw(it["table"], it["id"], it["before"])
                except sqlite3.IntegrityError as exc:
                    raise StaleEdit(
                        f"ændring {row['id']} kan ikke fortrydes: {it['table']} {it['id']} "
                        f"strider mod data tilføjet siden ({exc})"
                    ) from None
                reverse.append(
                    {"table": it["table"], "id": it["id"], "before": it["after"], "after": it["before"]}
                )
            self.conn.execute("UPDATE history SET undone=1 WHERE id=?", (row["id"],))
            # Undoing an undo is a redo: a change of its own that a later plain undo() finds again.
            if row["action"] == "undo":
                action, summary = "redo", f"gentag: {row['summary'].removeprefix('fortryd: ')}"
            else:
                action, summary = "undo", f"fortryd: {row['summary']}"
            new_id = self._record(actor, action, summary, reverse, now)
            return Change(new_id, now, actor, action, summary, reverse, False)

    # --- documents ------------------------------------------------------------------------

    def add_document(
        self,
        source: str,
        sha256: str,
        kind: str | None,
        meeting_date: str | None,
        text: str,
        encoding: str,
        fmt: str = "txt",
        content: bytes | None = None,
    ) -> int:
        cur = self.conn.execute(
            "INSERT INTO documents(source, sha256, kind, meeting_date, imported_at, encoding, format) "
            "VALUES(?,?,?,?,?,?,?)",
            (source, sha256, kind, meeting_date, _now(), encoding, fmt),
        )
        self._keep_text(sha256, text)
        if content is not None:
            # Content-addressed and immutable: undoing an import removes the document row, not its bytes.
            self.conn.execute(
                "INSERT OR IGNORE INTO document_content(sha256, data) VALUES(?, ?)", (sha256, content)
            )
        self._new_documents.append(int(cur.lastrowid))
        return int(cur.lastrowid)

    def _keep_text(self, sha256: str, text: str) -> None:
        """A document's text, kept by its content hash (schema version 6): its row and the history
        item of its import refer to it by the hash; undoing the import removes the row, not the text.
        The text is a rendering of the bytes: the newest import's rendering is the one kept."""
        self.conn.execute(
            "INSERT INTO document_text(sha256, text) VALUES(?, ?) "
            "ON CONFLICT(sha256) DO UPDATE SET text=excluded.text WHERE text IS NOT excluded.text",
            (sha256, text),
        )

    def document_content(self, sha256: str) -> bytes | None:
        """The bytes a document was imported from (None for documents imported before schema version 2)."""
        row = self.conn.execute("SELECT data FROM document_content WHERE sha256=?", (sha256,)).fetchone()
        return bytes(row[0]) if row else None

    # --- backup ---------------------------------------------------------------------------

    def backup(self, dest: str | Path) -> Path:
        """A consistent copy while others write (SQLite online backup API)."""
        dest = Path(dest)
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_suffix(dest.suffix + ".tmp")
        target = sqlite3.connect(tmp)
        try:
            self.conn.backup(target)
        except BaseException:
            target.close()
            tmp.unlink(missing_ok=True)  # a half-written copy (a full disk) is no copy
            raise
        target.close()
        os.replace(tmp, dest)
        return dest

    def restore(self, src: str | Path, keep_copy: bool = True) -> Path | None:
        """Replace the plan with the backup `src`, after checking it (see check_backup).

        With `keep_copy` the plan it replaces is first backed up next to the database; that
        copy's path is returned, so the restore can itself be undone by restoring the copy.
        """
        src = Path(src)
        check_backup(src)
        safety = None
        if keep_copy:
            safety = _safety_path(self.path)
            try:
                self.backup(safety)
            except (OSError, sqlite3.Error) as exc:
                reason = exc.strerror if isinstance(exc, OSError) else describe_fault(exc)
                raise StoreError(
                    f"{safety}: kan ikke gemme en kopi af den nuværende plan ({reason}); intet er gendannet"
                ) from None
        # The restored plan must get a version no client has seen, or an edit based on the
        # replaced plan could pass the expected_version check.
        previous = self.plan_version
        # Feed tokens are not plan data: the links people subscribe to stay, and a link revoked
        # since the backup stays revoked.
        feeds = [dict(r) for r in self.conn.execute("SELECT * FROM feeds")]
        source = _connect_read_only(src, timeout=30)
        try:
            source.backup(self.conn)
        finally:
            source.close()
        with self.transaction():
            migrate(self.conn)
            self.set_meta("plan_version", str(max(previous, self.plan_version) + 1))
            self.conn.execute("DELETE FROM feeds")
            for row in feeds:
                self.conn.execute(
                    f"INSERT INTO feeds({','.join(row)}) VALUES({','.join('?' * len(row))})",
                    list(row.values()),
                )
        return safety


def check_backup(src: Path) -> None:
    """Raise StoreError unless `src` is a sound plan this version can read: it opens as SQLite,
    PRAGMA integrity_check is ok, its schema version is one this planner knows and it has every
    table and column of that version."""
    if not src.is_file():
        raise StoreError(f"{src}: filen findes ikke")
    try:
        conn = _connect_read_only(src, timeout=5)
    except StoreError as exc:
        raise StoreError(f"{src}: {exc}") from None
    except sqlite3.Error as exc:
        raise StoreError(f"{src}: kan ikke åbnes ({describe_fault(exc)})") from None
    try:
        _check_backup(src, conn)
    except sqlite3.DatabaseError as exc:
        name = getattr(exc, "sqlite_errorname", "") or ""
        if name.startswith("SQLITE_NOTADB"):
            raise StoreError(f"{src}: ikke en planner-database (filen er ikke en SQLite-database)") from None
        if name.startswith("SQLITE_CORRUPT"):
            raise StoreError(
                f"{src}: filen er beskadiget (integritetstjekket fejler); intet gendannet"
            ) from None
        raise StoreError(f"{src}: kan ikke læses ({describe_fault(exc)})") from None
    finally:
        conn.close()


def _check_backup(src: Path, conn: sqlite3.Connection) -> None:
    problems = [row[0] for row in conn.execute("PRAGMA integrity_check(3)")]
    if problems != ["ok"]:
        first = " ".join(str(problems[0]).split())[:160]
        raise StoreError(f"{src}: filen er beskadiget (integritetstjek: {first}); intet er gendannet")
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "meta" not in tables:
        raise StoreError(f"{src}: ikke en planner-database (ingen meta-tabel med skemaversion)")
    row = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    stated = str(row[0]).strip() if row else ""
    if not stated.isdigit() or int(stated) < 1:
        raise StoreError(f"{src}: ikke en planner-database (ingen gyldig skemaversion)")
    if int(stated) > SCHEMA_VERSION:
        raise StoreError(f"{src}: skemaversion {stated} er nyere end denne planner kender ({SCHEMA_VERSION})")
    missing = []
    for table, columns in schema_tables(int(stated)).items():
        if table not in tables:
            missing.append(table)
            continue
        have = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
        missing += [f"{table}.{c}" for c in sorted(columns - have)]
    if missing:
        shown = ", ".join(missing[:6]) + (" …" if len(missing) > 6 else "")
        raise StoreError(f"{src}: ikke en planner-database med skemaversion {stated} (mangler {shown})")


def _safety_path(db: Path) -> Path:
    """A new file next to the database, named after it and the time: plan-inden-gendannelse-….db."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    suffix = db.suffix or ".db"
    candidate = db.with_name(f"{db.stem}-inden-gendannelse-{stamp}{suffix}")
    n = 2
    while candidate.exists():
        candidate = db.with_name(f"{db.stem}-inden-gendannelse-{stamp}-{n}{suffix}")
        n += 1
    return candidate


def _touch(obj, now: str, bump: bool) -> None:
    """Mirror on the item what the database did to its row (version bump, time stamp)."""
    if bump and hasattr(obj, "version"):
        obj.version += 1
    if hasattr(obj, "updated_at"):
        obj.updated_at = now


def _differs(old: dict | None, new: dict, spec: TableSpec, with_version: bool = False) -> bool:
    if old is None:
        return True
    skip = ("updated_at",) if with_version else ("updated_at", "version")
    return any(old.get(c) != new.get(c) for c in spec.columns if c not in skip)


def _as_compared(table: str, row: dict | None) -> dict | None:
    """A row as undo's check compares it with the history item's: without its time stamp, and a
    document without its text (kept by content hash; in a history item from before schema version 6)."""
    if row is None:
        return None
    left_out = ("updated_at", "text") if table == "documents" else ("updated_at",)
    return {k: v for k, v in row.items() if k not in left_out}


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


# A document's row with its text (kept by content hash in document_text since schema version 6).
_DOCUMENTS = "SELECT documents.*, document_text.text FROM documents LEFT JOIN document_text USING (sha256)"


def plan_version_of(path: Path) -> int:
    """The plan version stored in a database file (a backup copy: the live plan may have moved on)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT value FROM meta WHERE key='plan_version'").fetchone()
        return int(row[0]) if row else 0
    finally:
        conn.close()
