"""`planner holidays import` (a published ferieplan) and `planner holidays list`."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from planner.calendar.periods import KINDS, Period, period_text
from planner.cli import CommandError, add_command, cli_actor, open_store

KIND_LABELS = {
    "school_holiday": "skoleferie",
    "school_event": "skoledag (lukker ikke)",
    "public_holiday": "helligdag",
    "no_meeting_day": "mødefri dag",
    "closure": "lukket",
}
FERIEPLAN_PREFIX = "ferieplan:"


def register(sub) -> None:
    p = sub.add_parser("holidays", help="ferieplaner og lukkedage")
    hsub = p.add_subparsers(dest="holidays_command", metavar="KOMMANDO", required=True)

    q = add_command(
        hsub,
        "import",
        cmd_import,
        help="læs en skoles eller kommunes ferieplan (Word, PDF, HTML eller tekst)",
        json=True,
    )
    q.add_argument("file", metavar="FIL")
    q.add_argument("--dry-run", action="store_true", help="vis perioderne uden at gemme dem")
    q.add_argument(
        "--school-year", type=int, metavar="ÅÅÅÅ", help="skoleårets første år (fx 2025 for 2025/26)"
    )

    q = add_command(
        hsub,
        "list",
        cmd_list,
        help="lukkedage og ferier i et år (dokumenter, ferieplaner, helligdage)",
        json=True,
    )
    q.add_argument("--year", type=int, metavar="ÅR", help="år (standard: i år)")


# --- import ---------------------------------------------------------------------------------


def read_ferieplan(path: Path, school_year: int | None):
    """The periods of a ferieplan in any format the reading layer reads (text, HTML, Word, PDF)."""
    from planner.calendar.ferieplan import parse_document
    from planner.documents import read_document, read_path

    if school_year is not None and not 1900 <= school_year <= 2200:
        raise CommandError(f"--school-year {school_year}: angiv skoleårets første år, fx 2025 for 2025/26")
    data, name = read_path(path)
    document = read_document(data, name)
    return parse_document(document, school_year=school_year)


def where(name: str, pos) -> str:
    """'plan.txt:12', or for paged documents 'plan.pdf: side 2, linje 12'."""
    return f"{name}: {pos.label()}" if pos.page else f"{name}:{pos.line}"


def _period_json(p: Period) -> dict:
    return {"label": p.label, "start": p.start.isoformat(), "end": p.end.isoformat(), "kind": p.kind}


def _dry_run_json(periods: list[tuple[Period, object]], result) -> list[dict]:
    """The dry run's periods, each with where it stood and the warnings given for that line.

    The dry run's JSON is a list of periods (a public interface), so the warnings travel with the
    period of their line: "uge 42 (20.-24. oktober)" says there that the week disagrees. A warning
    on a line that gave no period (a date that does not exist) has no period to go with; it is on
    stderr only (the real import's JSON lists every warning).
    """
    by_line: dict[tuple, list[str]] = {}
    for pos, message in result.warnings:
        by_line.setdefault((pos.page, pos.line), []).append(message)
    out = []
    for p, pos in periods:
        entry = _period_json(p)
        entry["line"], entry["page"] = pos.line, pos.page
        entry["warnings"] = by_line.get((pos.page, pos.line), [])
        out.append(entry)
    return out


def _report_unread(name: str, result) -> None:
    """Nothing is dropped silently: every line not understood goes to stderr."""
    for pos, text in result.unparsed:
        print(f"{where(name, pos)}: ikke forstået: {text.strip()}", file=sys.stderr)
    for pos, message in result.warnings:
        print(f"{where(name, pos)}: advarsel: {message}", file=sys.stderr)


def cmd_import(args) -> int:
    from planner.commands import import_ferieplan

    path = Path(args.file)
    result = read_ferieplan(path, args.school_year)
    name = path.name
    source = FERIEPLAN_PREFIX + name
    _report_unread(name, result)
    placed = _unique(list(zip(result.periods, result.positions, strict=True)))
    periods = [p for p, _ in placed]
    if not periods:
        raise CommandError(f"{name}: ingen ferieperioder fundet")
    if args.dry_run:
        if args.json:
            print(json.dumps(_dry_run_json(placed, result), ensure_ascii=False, indent=2))
        else:
            print(f"{name}: {len(periods)} perioder (prøvekørsel, intet gemt)")
            for p in periods:
                print("  " + _period_line(p))
            _count_reported(result)
        return 0

    wanted = [(p.label, p.start, p.end, p.kind) for p in periods]

    summary = f"ferieplan {name}: {len(periods)} perioder"
    with open_store(args, create=True) as store:
        counts, change_id = import_ferieplan(store, source, wanted, summary, actor=cli_actor(args))
        version = store.plan_version
    if args.json:
        print(
            json.dumps(
                {
                    "source": source,
                    "change_id": change_id,
                    "plan_version": version,
                    **counts,
                    "periods": [_period_json(p) for p in periods],
                    "unparsed": [
                        {"line": pos.line, "page": pos.page, "text": text} for pos, text in result.unparsed
                    ],
                    "warnings": [
                        {"line": pos.line, "page": pos.page, "message": m} for pos, m in result.warnings
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    if change_id is None:
        print(f"{name}: {len(periods)} perioder – allerede gemt, ingen ændringer")
    else:
        print(
            f"{name}: {counts['added']} nye, {counts['removed']} fjernet, {counts['kept']} uændrede "
            f"perioder (ændring #{change_id}, planversion {version})"
        )
    for p in periods:
        print("  " + _period_line(p))
    _count_reported(result)
    return 0


def _count_reported(result) -> None:
    """Below the periods, how many lines went to stderr: a warning is easy to miss above a long list."""
    if result.unparsed:
        print(f"  {len(result.unparsed)} linjer blev ikke forstået (se ovenfor)")
    if result.warnings:
        count = len(result.warnings)
        print(f"  {count} {'advarsel' if count == 1 else 'advarsler'} (se ovenfor)")


def _unique(placed: list[tuple[Period, object]]) -> list[tuple[Period, object]]:
    """Each period once, where it first stood."""
    seen, out = set(), []
    for p, pos in placed:
        key = (p.label, p.start, p.end, p.kind)
        if key not in seen:
            seen.add(key)
            out.append((p, pos))
    return out


def _period_line(p: Period, with_source: bool = False) -> str:
    span = period_text(p.start, p.end)
    days = f" ({p.days} dage)" if p.days > 1 else ""
    tail = f"  [{KIND_LABELS.get(p.kind, p.kind)}" + (f", {_source_label(p.source)}]" if with_source else "]")
    return f"{span:<25} {p.label}{days}{tail}"


def _source_label(source: str) -> str:
    if source == "holidays":
        return "lov"
    if source.startswith("config:"):
        return f"kommunens kalender ({source.removeprefix('config:')})"
    if source.startswith("document:"):
        return f"dokument {source.removeprefix('document:')}"
    return source


# --- list -----------------------------------------------------------------------------------


def stored_periods(plan, warn=None) -> list[Period]:
    """The plan's closure rows as periods: imported ferieplans and rows from agenda documents."""
    out = []
    for c in plan.closures:
        source = c.source if c.source.startswith(FERIEPLAN_PREFIX) else f"document:{c.source or 'ukendt'}"
        if c.source == "bruger":
            source = "bruger"
        kind = c.kind if c.kind in KINDS else "closure"
        try:
            out.append(Period(c.label, c.start, c.end, kind, source))
        except ValueError as exc:  # a reversed span in the database: say so, do not crash
            if warn:
                warn(f"lukkeperiode {c.id} springes over: {exc}")
    return out


def cmd_list(args) -> int:
    from planner.calendar.denmark import all_closures

    year = args.year or date.today().year
    if not 1900 <= year <= 2200:
        raise CommandError(f"--year {year}: ugyldigt år")
    with open_store(args, reading=True) as store:
        plan = store.load_plan()

    def warn(message: str) -> None:
        print(f"planner: {message}", file=sys.stderr)

    first, last = date(year, 1, 1), date(year, 12, 31)
    stored = [p for p in stored_periods(plan, warn) if p.start <= last and p.end >= first]
    periods = all_closures([year], document_periods=stored)
    periods = [p for p in periods if p.start <= last and p.end >= first]
    if args.json:
        print(json.dumps([p.to_json() for p in periods], ensure_ascii=False, indent=2))
        return 0
    if not periods:
        print(f"Ingen lukkedage kendt for {year}.")
        return 0
    print(f"Lukkedage og ferier {year}:")
    for p in periods:
        print("  " + _period_line(p, with_source=True))
    return 0
