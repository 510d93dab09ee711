"""`planner history`, `planner revert`, `planner backup` and `planner restore`."""

from __future__ import annotations

import json
import shlex
import sqlite3
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from planner.cli import CommandError, add_command, cli_actor, open_store

TZ = ZoneInfo("Europe/Copenhagen")

# --item accepts "12" (a point) or "table:id" with an English or Danish table word.
TABLE_ALIASES = {
    "point": "points",
    "points": "points",
    "punkt": "points",
    "punkter": "points",
    "meeting": "meetings",
    "meetings": "meetings",
    "møde": "meetings",
    "møder": "meetings",
    "event": "events",
    "events": "events",
    "begivenhed": "events",
    "begivenheder": "events",
    "closure": "closures",
    "closures": "closures",
    "lukkeperiode": "closures",
    "ferie": "closures",
    "absence": "absences",
    "absences": "absences",
    "fravær": "absences",
    "person": "people",
    "people": "people",
    "personer": "people",
    "document": "documents",
    "documents": "documents",
    "dokument": "documents",
    "dokumenter": "documents",
}

TABLE_LABELS = {
    "points": "punkt",
    "meetings": "møde",
    "events": "begivenhed",
    "closures": "lukkeperiode",
    "absences": "fravær",
    "people": "person",
    "documents": "dokument",
}

FIELD_LABELS = {
    "title": "titel",
    "description": "beskrivelse",
    "date": "dato",
    "owner": "ansvarlig",
    "participants": "deltagere",
    "duration_min": "varighed (min)",
    "status": "status",
    "origin": "oprindelse",
    "source": "kilde",
    "source_line": "linje",
    "closed": "lukket",
    "note": "note",
    "doc_date": "dokumentdato",
    "doc_value": "dokumentets dato",
    "start": "start",
    "end": "slut",
    "location": "sted",
    "extra": "ekstra",
    "category": "kategori",
    "kind": "type",
    "label": "navn",
    "person": "person",
    "name": "navn",
    "role": "rolle",
    "vacant": "vakant",
    "meeting_date": "mødedato",
    "imported_at": "importeret",
    "encoding": "tegnsæt",
    "breaks": "pauser",
}

ACTION_LABELS = {
    "import": "import",
    "move": "flyt",
    "edit": "ret",
    "delete": "slet",
    "add": "tilføj",
    "undo": "fortryd",
    "redo": "gentag",
    "ferieplan": "ferieplan",
    "feed": "kalenderlink",
    "resolve": "løs konflikt",
    "absence": "fravær",
    "closure": "lukning",
    "mark-done": "markér behandlet",
}

# Bookkeeping fields: never shown as a change in the readable output.
HIDDEN_FIELDS = {"id", "uid", "updated_at", "version", "sequence", "edited", "sha256", "text"}
# Text of a closed (confidential) point: never shown, neither readable nor in --json.
CLOSED_FIELDS = {"title", "description", "note"}
CLOSED_NAME = "Lukket punkt"


def register(sub) -> None:
    p = add_command(
        sub,
        "history",
        cmd_history,
        help="vis ændringshistorikken (import, flyt, ret, slet, fortryd)",
        json=True,
    )
    p.add_argument("--item", metavar="ID", help="kun ændringer af ét punkt (id) eller fx 'meeting:3'")
    p.add_argument("--limit", type=int, metavar="N", help="højst N ændringer (de nyeste)")

    p = add_command(
        sub, "revert", cmd_revert, help="fortryd en bestemt ændring (id fra 'planner history')", json=True
    )
    p.add_argument("change_id", type=int, metavar="ÆNDRING")

    p = add_command(
        sub, "backup", cmd_backup, help="tag en sikkerhedskopi af databasen (også mens planen bruges)"
    )
    p.add_argument("dest", metavar="FIL")

    p = add_command(sub, "restore", cmd_restore, help="erstat databasen med en sikkerhedskopi")
    p.add_argument("src", metavar="FIL")


# --- history --------------------------------------------------------------------------------


def parse_item(text: str) -> tuple[str, int]:
    table, sep, rid = text.strip().rpartition(":")
    table = TABLE_ALIASES.get(table.lower()) if sep else "points"
    if table is None:
        raise CommandError(f"--item {text}: ukendt tabel (brug fx 12, point:12 eller meeting:3)")
    try:
        return table, int(rid)
    except ValueError:
        raise CommandError(f"--item {text}: id skal være et tal (fx 12 eller meeting:3)") from None


def local_time(ts: str) -> datetime:
    """A history timestamp (UTC, ISO) in Danish time."""
    return datetime.fromisoformat(ts.replace("Z", "+00:00")).astimezone(TZ)


def item_name(table: str, row: dict | None) -> str:
    """What a person calls the row: a point's title, a meeting's date and so on."""
    if not row:
        return "?"
    if table == "points":
        return CLOSED_NAME if row.get("closed") else str(row.get("title") or "")
    if table == "meetings":
        return f"Direktionsmøde {row.get('date')}"
    if table == "events":
        return str(row.get("title") or "")
    if table == "closures":
        span = (
            row.get("start") if row.get("start") == row.get("end") else f"{row.get('start')}–{row.get('end')}"
        )
        return f"{row.get('label')} ({span})"
    if table == "absences":
        return f"{row.get('person')} ({row.get('start')}–{row.get('end')})"
    if table == "people":
        return " ".join(x for x in (row.get("role"), row.get("name") or "(vakant)") if x)
    if table == "documents":
        return str(row.get("source") or "")
    return str(row.get("id"))


def item_changes(table: str, before: dict | None, after: dict | None) -> dict[str, list]:
    """field -> [before, after] for every field that differs (updated_at left out)."""
    closed = table == "points" and bool((before or {}).get("closed") or (after or {}).get("closed"))
    fields = [k for k in {**(before or {}), **(after or {})} if k != "updated_at"]
    out = {}
    for key in fields:
        old, new = (before or {}).get(key), (after or {}).get(key)
        if old == new:
            continue
        if closed and key in CLOSED_FIELDS:
            old, new = (None if old is None else "(skjult)"), (None if new is None else "(skjult)")
        if key == "text" and table == "documents":
            old, new = (
                (None if old is None else f"({len(old)} tegn)"),
                (None if new is None else f"({len(new)} tegn)"),
            )
        out[key] = [old, new]
    return out


def change_json(change) -> dict:
    return {
        "id": change.id,
        "ts": local_time(change.ts).isoformat(timespec="seconds"),
        "actor": change.actor,
        "action": change.action,
        "summary": change.summary,
        "undone": change.undone,
        "items": [
            {
                "table": it["table"],
                "id": it["id"],
                "name": item_name(it["table"], it["after"] or it["before"]),
                "changes": item_changes(it["table"], it["before"], it["after"]),
            }
            for it in change.items
        ],
    }


def _value(key: str, value) -> str:
    if value is None or value == "":
        return "–"
    if key in ("closed", "extra", "vacant"):
        return "ja" if value else "nej"
    if key == "participants" and isinstance(value, str):
        try:
            return ", ".join(json.loads(value)) or "–"
        except ValueError:
            return value
    return str(value)


def format_change(change, max_items: int | None = 40) -> list[str]:
    when = local_time(change.ts).strftime("%Y-%m-%d %H:%M:%S")
    action = ACTION_LABELS.get(change.action, change.action)
    head = f"#{change.id}  {when}  {action}  kilde: {change.actor}"
    lines = [head + ("  [fortrudt]" if change.undone else ""), f"    {change.summary}"]
    shown = change.items if max_items is None else change.items[:max_items]
    for it in shown:
        table, before, after = it["table"], it["before"], it["after"]
        label = TABLE_LABELS.get(table, table)
        name = item_name(table, after or before)
        if before is None:
            when = f" ({after['date']})" if table == "points" and after.get("date") else ""
            lines.append(f"    + {label} {it['id']} «{name}»{when} oprettet")
            continue
        if after is None:
            lines.append(f"    - {label} {it['id']} «{name}» slettet")
            continue
        lines.append(f"    ~ {label} {it['id']} «{name}»")
        for key, (old, new) in item_changes(table, before, after).items():
            if key in HIDDEN_FIELDS:
                continue
            lines.append(f"        {FIELD_LABELS.get(key, key)}: {_value(key, old)} → {_value(key, new)}")
    if len(change.items) > len(shown):
        lines.append(f"    … og {len(change.items) - len(shown)} flere (brug --item ID eller --json)")
    return lines


def cmd_history(args) -> int:
    item = parse_item(args.item) if args.item else None
    if args.limit is not None and args.limit < 1:
        raise CommandError("--limit skal være mindst 1")
    with open_store(args, reading=True) as store:
        changes = store.history(item=item, limit=args.limit)
    if item:  # only that item's rows: an import touching 200 rows stays readable
        changes = [_only(c, item) for c in changes]
    if args.json:
        print(json.dumps([change_json(c) for c in changes], ensure_ascii=False, indent=2, default=str))
        return 0
    if not changes:
        print("Ingen ændringer" + (f" af {TABLE_LABELS[item[0]]} {item[1]}" if item else "") + ".")
        return 0
    for i, change in enumerate(changes):
        if i:
            print()
        print("\n".join(format_change(change)))
    return 0


def _only(change, item: tuple[str, int]):
    return replace(change, items=[it for it in change.items if (it["table"], it["id"]) == item])


# --- revert ---------------------------------------------------------------------------------


def cmd_revert(args) -> int:
    from planner.commands import undo
    from planner.storage.store import StaleEdit

    with open_store(args) as store:
        if not store.has_change(args.change_id):
            raise CommandError(f"ændring {args.change_id} findes ikke (se 'planner history')")
        try:
            change = undo(store, args.change_id, actor=cli_actor(args))
        except StaleEdit as exc:
            raise CommandError(f"{exc}; fortryd de senere ændringer først") from None
        version = store.plan_version
    if change is None:  # vanished between the check and the undo
        raise CommandError(f"ændring {args.change_id} findes ikke")
    if args.json:
        print(
            json.dumps(
                {**change_json(change), "reverted": args.change_id, "plan_version": version},
                ensure_ascii=False,
                indent=2,
                default=str,
            )
        )
    else:
        print(f"Ændring {args.change_id} er fortrudt (ny ændring #{change.id}, planversion {version}).")
        print("\n".join(format_change(change, max_items=20)))
    return 0


# --- backup / restore -----------------------------------------------------------------------


def cmd_backup(args) -> int:
    from planner.commands import backup
    from planner.storage.store import describe_fault, plan_version_of

    dest = Path(args.dest)
    if dest.is_dir():
        raise CommandError(f"{dest}: er en mappe; angiv et filnavn")
    with open_store(args, reading=True) as store:
        if dest.exists() and dest.resolve() == store.path.resolve():
            raise CommandError(f"{dest}: er selve databasen")
        try:
            written = backup(store, dest, actor=cli_actor(args))
        except OSError as exc:
            raise CommandError(f"{dest}: kan ikke skrives ({exc.strerror or exc})") from None
        except sqlite3.Error as exc:  # the copy, not the plan: a full disk, a read-only folder
            raise CommandError(f"{dest}: kan ikke skrives ({describe_fault(exc)})") from None
        version = plan_version_of(written)
    print(f"Sikkerhedskopi gemt: {written} (planversion {version})")
    return 0


def cmd_restore(args) -> int:
    from planner.cli import db_path
    from planner.commands import restore

    src = Path(args.src)
    if not src.is_file():
        raise CommandError(f"{src}: filen findes ikke" if not src.exists() else f"{src}: er ikke en fil")
    had_plan = db_path(args).exists()  # a new database has nothing worth a safety copy
    with open_store(args, create=True) as store:
        if src.resolve() == store.path.resolve():
            raise CommandError(f"{src}: er selve databasen")
        safety = restore(store, src, actor=cli_actor(args), keep_copy=had_plan)
        version = store.plan_version
    if safety is not None:
        print(
            f"Den hidtidige plan er gemt i {safety} (fortryd med: planner restore {shlex.quote(str(safety))})"
        )
    print(f"Gendannet fra {src} (planversion {version})")
    return 0
