"""`planner points`, `check`, `move`, `undo`, `edit`, `add`, `resolve` and `absence add`.

A thin layer: parse arguments, call `planner.commands` / `planner.conflicts.engine`, print Danish
text or `--json`. Every user error becomes one line and exit code 2 (see planner.cli.main).
"""

from __future__ import annotations

import json
import re
from datetime import date

from planner.calendar.agenda_times import Span, clock_label, hhmm, plan_spans
from planner.cli import (
    CommandError,
    add_command,
    add_today_option,
    cli_actor,
    open_store,
    run_change,
    settings_of,
)
from planner.conflicts.groups import NO_CONFLICTS, group_by_rule, move_changes, rule_label
from planner.danish import WEEKDAY_NAMES, WEEKDAY_SHORT, words_pattern
from planner.dates import find_dates, format_long, format_short, week_label
from planner.plan import POINT_STATUSES, Point

_NO_DATE_WORDS = {"backlog", "afventer", "afventer dato", "ingen", "ingen dato", "none", "-"}
_SEVERITY_DA = {"error": "FEJL", "warning": "ADVARSEL", "info": "INFO"}


def register(sub) -> None:
    p = add_command(sub, "points", cmd_points, help="vis punkterne i planen", json=True)
    p.add_argument("--status", choices=POINT_STATUSES, help="kun punkter med denne status")
    p.add_argument("--owner", metavar="NAVN", help="kun punkter med denne ansvarlige")
    p.add_argument("--week", type=int, metavar="UGE", help="kun punkter i denne uge (ISO-ugenummer)")
    p.add_argument("--year", type=int, metavar="ÅR", help="kun punkter i dette år")

    p = add_command(sub, "check", cmd_check, help="find konflikter i planen", json=True)
    p.add_argument("--strict", action="store_true", help="afslut med kode 1, hvis der er fejl")
    add_today_option(p)

    p = add_command(
        sub, "move", cmd_move, help="flyt et punkt til en anden dato (eller 'backlog')", json=True
    )
    p.add_argument("point_id", type=int, metavar="PUNKT")
    p.add_argument("date", metavar="DATO", help="ÅÅÅÅ-MM-DD, '12. februar 2025' eller 'backlog'")
    p.add_argument(
        "--version", type=int, dest="expected_version", metavar="VERSION", help="den version af punktet du så"
    )
    p.add_argument(
        "--no-extra-meeting", action="store_true", help="opret ikke et ekstra møde uden for rytmen"
    )

    p = add_command(
        sub,
        "mark-done",
        cmd_mark_done,
        help="markér alle passerede, stadig planlagte punkter som behandlet",
        json=True,
    )
    p.add_argument(
        "--before",
        metavar="DATO",
        help="punkter før denne dato (standard: i dag); ÅÅÅÅ-MM-DD eller '1. marts 2025'",
    )

    add_command(sub, "undo", cmd_undo, help="fortryd den seneste ændring", json=True)

    p = add_command(sub, "edit", cmd_edit, help="ret et punkt", json=True)
    p.add_argument("point_id", type=int, metavar="PUNKT")
    p.add_argument("--title", metavar="TITEL")
    p.add_argument("--description", metavar="TEKST")
    p.add_argument("--owner", metavar="NAVN")
    p.add_argument("--duration", type=int, metavar="MIN", dest="duration_min")
    p.add_argument("--status", choices=POINT_STATUSES)
    p.add_argument("--participant", action="append", metavar="NAVN", dest="participants", help="kan gentages")
    p.add_argument(
        "--version", type=int, dest="expected_version", metavar="VERSION", help="den version af punktet du så"
    )

    p = add_command(sub, "add", cmd_add, help="tilføj et punkt", json=True)
    p.add_argument("title", metavar="TITEL")
    p.add_argument("--date", metavar="DATO")
    p.add_argument("--owner", metavar="NAVN")
    p.add_argument("--duration", type=int, metavar="MIN", dest="duration_min")

    p = add_command(sub, "resolve", cmd_resolve, help="afgør en konflikt mellem din ændring og et dokument")
    p.add_argument("point_id", type=int, metavar="PUNKT")
    p.add_argument("--keep", choices=("mine", "document"), required=True)

    p = sub.add_parser("absence", help="fravær")
    absence = p.add_subparsers(dest="absence_command", metavar="HANDLING", required=True)
    a = add_command(absence, "add", cmd_absence_add, help="registrér fravær")
    a.add_argument("person", metavar="PERSON")
    a.add_argument("start", metavar="FRA")
    a.add_argument("end", nargs="?", metavar="TIL")
    a.add_argument("--note")


# --- formatting --------------------------------------------------------------------------------


def short_date(d: date | None) -> str:
    """'ons 15. jan. 2025 (uge 3)'."""
    if d is None:
        return "afventer dato"
    return f"{WEEKDAY_SHORT[d.weekday()]} {format_short(d)} ({week_label(d)})"


def point_json(p: Point) -> dict:
    return {
        "id": p.id,
        "uid": p.uid,
        "date": p.date.isoformat() if p.date else None,
        "title": p.title,
        "owner": p.owner,
        "status": p.status,
        "source": p.source,
        "origin": p.origin,
        "duration_min": p.duration_min,
        "participants": p.participants,
        "closed": p.closed,
        "version": p.version,
        "sequence": p.sequence,
        "edited": p.edited,
        "start": hhmm(p.start),  # the time the meeting's timetable states, else null
    }


def point_times(p: Point, span: Span | None) -> dict:
    """Where the point sits in its meeting, stated or computed ("time"/"time_end"; null without a meeting)."""
    return {
        "time": hhmm(span.start_time) if span else None,
        "time_end": hhmm(span.end_time) if span else None,
    }


def _clock_cell(span: Span | None) -> str:
    """The table's time: "kl. 10.45" as the agenda states it, "ca. 13.00" computed, blank without a meeting."""
    return clock_label(span) if span else ""


def _minute(span: Span | None) -> int:
    return span.start if span else 0


def _title(p: Point) -> str:
    return f"[lukket punkt, id {p.id}]" if p.closed else p.title


def _dump(payload) -> None:
    print(json.dumps(payload, ensure_ascii=False, indent=2))


# --- argument parsing ---------------------------------------------------------------------------


def parse_user_date(text: str, ref: date | None) -> date | None:
    """ISO, Danish ("12. februar 2025", "12/2 2025") or a no-date word ("backlog"); else CommandError."""
    cleaned = " ".join(text.strip().lower().split())
    if cleaned in _NO_DATE_WORDS:
        return None
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        pass
    spans, problems = find_dates(text.strip(), ref or date.today(), "nearest")
    if problems:
        raise CommandError(f"'{text}': {problems[0].message}")
    if len(spans) != 1 or spans[0].is_range or spans[0].fuzzy:
        raise CommandError(
            f"'{text}' er ikke én bestemt dato; skriv fx 2025-02-12, '12. februar 2025' eller 'backlog'"
        )
    rest = (text[: spans[0].pos] + text[spans[0].endpos :]).strip(" ,.")
    if rest and not re.fullmatch(f"(?i)({words_pattern(WEEKDAY_NAMES)})?", rest):
        raise CommandError(
            f"'{text}' er ikke én bestemt dato; skriv fx 2025-02-12, '12. februar 2025' eller 'backlog'"
        )
    return spans[0].start


def _given(args, *names: str) -> dict:
    """The options among `names` the user gave (argparse leaves the others None), by field name."""
    return {name: value for name in names if (value := getattr(args, name)) is not None}


def _report_point(args, p: Point, text: str) -> None:
    """The changed point: as JSON with --json, else the Danish line."""
    if args.json:
        _dump(point_json(p))
    else:
        print(text)


# --- commands -----------------------------------------------------------------------------------


def cmd_points(args) -> int:
    from planner.people import same_person

    with open_store(args, reading=True) as store:
        plan = store.load_plan()
    points = plan.points
    if args.status:
        points = [p for p in points if p.status == args.status]
    if args.owner:
        points = [p for p in points if p.owner and same_person(p.owner, args.owner)]
    if args.year is not None:
        # With --week the year is the ISO week's year (uge 1 can start in December).
        points = [
            p
            for p in points
            if p.date and (p.date.isocalendar().year if args.week else p.date.year) == args.year
        ]
    if args.week is not None:
        points = [p for p in points if p.date and p.date.isocalendar().week == args.week]
    spans = plan_spans(plan)
    points = sorted(
        points, key=lambda p: (p.date is None, p.date or date.min, _minute(spans.get(p.uid)), p.id or 0)
    )
    if args.json:
        _dump([{**point_json(p), **point_times(p, spans.get(p.uid))} for p in points])
        return 0
    if not points:
        print("Ingen punkter.")
        return 0
    for p in points:
        owner = f" – {p.owner}" if p.owner else ""
        closed = "[lukket] " if p.closed else ""
        when = _clock_cell(spans.get(p.uid))
        print(f"{p.id:>5}  {short_date(p.date):<26} {when:<9} {p.status:<22} {closed}{p.title}{owner}")
    print(f"{len(points)} punkter")
    return 0


def cmd_check(args) -> int:
    from planner.calendar.context import calendar_context
    from planner.conflicts.engine import check_plan, has_errors

    with open_store(args, reading=True) as store:
        plan = store.load_plan()
    conflicts = check_plan(plan, calendar_context(plan), today=args.today)
    groups = group_by_rule(conflicts)
    if args.json:
        # Added keys, in the same flat list as before: the group's Danish name and size.
        sizes = {g.rule: g.count for g in groups}
        _dump(
            [
                {**c.to_json(), "rule_label": rule_label(c.rule), "rule_count": sizes[c.rule]}
                for c in conflicts
            ]
        )
    elif not conflicts:
        print(NO_CONFLICTS)
    else:
        for g in groups:
            print(f"{g.label} [{g.rule}]: {g.counts_text()}")
            for c in g.conflicts:
                print(f"  {_SEVERITY_DA[c.severity]:<9} {c.message}")
            print()
        counts = {s: sum(1 for c in conflicts if c.severity == s) for s in _SEVERITY_DA}
        print(f"{counts['error']} fejl, {counts['warning']} advarsler, {counts['info']} til orientering")
        summary = ", ".join(f"{g.label} {g.count}" for g in groups)
        print(f"Pr. type: {summary}")
    return 1 if args.strict and has_errors(conflicts) else 0


def cmd_move(args) -> int:
    from planner.commands import move_point

    with open_store(args) as store:
        point = store.load_plan().point(args.point_id)
        if point is None:
            raise CommandError(f"punkt {args.point_id} findes ikke (se 'planner points')")
        new_date = parse_user_date(args.date, point.date or point.doc_date)
        result = move_point(
            store,
            args.point_id,
            new_date,
            expected_version=args.expected_version,
            create_meeting=not args.no_extra_meeting,
            actor=cli_actor(args),
        )
    changes = move_changes(result.created, result.removed)
    if args.json:
        _dump(
            {
                "new": [c.to_json() for c in changes.new],
                "solved": [c.to_json() for c in changes.solved],
                "still": [c.to_json() for c in changes.still],
                "point": point_json(result.point),
                "old_date": result.old_date.isoformat() if result.old_date else None,
                "new_date": result.new_date.isoformat() if result.new_date else None,
                "created": [c.to_json() for c in result.created],
                "removed": [c.to_json() for c in result.removed],
                "change_id": result.change_id,
                "created_meeting": result.created_meeting,
            }
        )
        return 0
    if result.change_id is None:
        print(f"{_title(result.point)} ligger allerede {short_date(result.new_date)}; intet ændret.")
        return 0
    print(
        f"Flyttede {_title(result.point)} fra {short_date(result.old_date)} til {short_date(result.new_date)}."
    )
    if result.created_meeting:
        print(f"Oprettede et møde {format_long(result.new_date)}.")
    for c in changes.new:
        print(f"  + ny {_SEVERITY_DA[c.severity]} [{c.rule}] {c.message}")
    for c in changes.solved:
        print(f"  - løst [{c.rule}] {c.message}")
    for c in changes.still:
        print(f"  = stadig {_SEVERITY_DA[c.severity]} [{c.rule}] {c.message}")
    if changes.unchanged:
        print("  Ingen konflikter ændret.")
    return 0


def cmd_mark_done(args) -> int:
    from planner.commands import mark_done
    from planner.today import current_day

    before = current_day(settings_of(args))
    if args.before:
        before = parse_user_date(args.before, before)
        if before is None:
            raise CommandError(f"'{args.before}' er ikke en dato; skriv fx 2025-03-01 eller '1. marts 2025'")
    result = run_change(args, mark_done, before)
    if args.json:
        _dump(
            {
                "before": before.isoformat(),
                "count": len(result.points),
                "change_id": result.change_id,
                "points": [point_json(p) for p in result.points],
            }
        )
        return 0
    if not result.points:
        print(f"Ingen punkter før {format_long(before)} står stadig som planlagt; intet ændret.")
        return 0
    for p in result.points:
        print(f"{p.id:>5}  {short_date(p.date):<26} {_title(p)}")
    print(
        f"{len(result.points)} passerede punkter før {format_long(before)} er markeret som behandlet. "
        "Fortryd med 'planner undo'."
    )
    return 0


def cmd_undo(args) -> int:
    from planner.commands import undo

    change = run_change(args, undo)
    if change is None:
        if args.json:
            _dump(None)
        else:
            print("Der er intet at fortryde.")
        return 0
    if args.json:
        _dump(
            {"id": change.id, "action": change.action, "summary": change.summary, "items": len(change.items)}
        )
    else:
        print(f"Fortrudt: {change.summary.removeprefix('fortryd: ')} ({len(change.items)} rækker ændret)")
    return 0


def cmd_edit(args) -> int:
    from planner.commands import update_point

    fields = _given(args, "title", "description", "owner", "duration_min", "status", "participants")
    if not fields:
        raise CommandError(
            "intet at ændre; brug fx --title, --owner, --duration, --status eller --participant"
        )
    p = run_change(args, update_point, args.point_id, expected_version=args.expected_version, **fields)
    _report_point(
        args,
        p,
        f"Rettede punkt {p.id}: {_title(p)} ({short_date(p.date)}, {p.status}, {p.duration_min} min.)",
    )
    return 0


def cmd_add(args) -> int:
    from planner.commands import add_point

    fields = _given(args, "owner", "duration_min")
    d = parse_user_date(args.date, None) if args.date else None
    p = run_change(args, add_point, args.title, d, create=True, **fields)
    _report_point(args, p, f"Tilføjede punkt {p.id}: {p.title} ({short_date(p.date)})")
    return 0


def cmd_resolve(args) -> int:
    from planner.commands import resolve_merge

    p = run_change(args, resolve_merge, args.point_id, args.keep)
    choice = "din ændring er beholdt" if args.keep == "mine" else "dokumentets værdi er brugt"
    print(f"Punkt {p.id}: {choice} ({short_date(p.date)}).")
    return 0


def cmd_absence_add(args) -> int:
    from planner.commands import add_absence

    start = parse_user_date(args.start, None)
    end = parse_user_date(args.end, start) if args.end else None
    if start is None or (args.end and end is None):
        raise CommandError("fravær skal have en dato")
    a = run_change(args, add_absence, args.person, start, end, args.note, create=True)
    span = format_long(a.start) + (f" – {format_long(a.end)}" if a.end != a.start else "")
    print(f"Fravær registreret: {a.person}, {span}.")
    return 0
