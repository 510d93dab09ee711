"""`planner meetings`: Direktionen's meetings, from the documents, the Wednesday rhythm and by hand.

The rhythm reaches 12 months ahead of today (`planner.calendar.meetings_ahead`), so the list shows the
meetings no document has mentioned yet. Today is `--today`, else $PLANNER_TODAY, else the clock.
"""

from __future__ import annotations

import json
from datetime import date

from planner.cli import CommandError, add_command, add_today_option, open_store, settings_of

SOURCE_DA = {"document": "dokument", "rhythm": "rytme", "extra": "ekstra"}


def register(sub) -> None:
    p = add_command(
        sub,
        "meetings",
        cmd_meetings,
        help="vis møderne: fra dokumenterne, efter den faste rytme og ekstra møder",
        json=True,
    )
    p.add_argument("--from", dest="first", metavar="DATO", help="første dato (standard: i dag)")
    p.add_argument("--to", dest="last", metavar="DATO", help="sidste dato (standard: 12 måneder frem)")
    add_today_option(p)


def _day(text: str, option: str, ref: date) -> date:
    from planner.cli.plan import parse_user_date
    from planner.dates import outside_plan_years

    try:
        found = parse_user_date(text, ref)
    except CommandError as exc:
        raise CommandError(f"{option}: {exc}") from None
    if found is None:
        raise CommandError(
            f"{option}: '{text}' er ikke en dato; skriv fx 2025-02-12 eller '12. februar 2025'"
        )
    reason = outside_plan_years(found)
    if reason:
        raise CommandError(f"{option}: {reason}")
    return found


def _today(args) -> date:
    from planner.today import current_day

    if args.today:
        return args.today
    return current_day(settings_of(args))


def cmd_meetings(args) -> int:
    from planner.calendar.context import calendar_context
    from planner.calendar.meetings_ahead import ahead_span, meeting_rows
    from planner.dates import format_long

    today = _today(args)
    horizon = ahead_span(today)
    first = _day(args.first, "--from", today) if args.first else today
    last = _day(args.last, "--to", first) if args.last else max(horizon[1], first)
    if last < first:
        raise CommandError(f"--to ({format_long(last)}) ligger før --from ({format_long(first)})")
    with open_store(args, reading=True) as store:
        plan = store.load_plan()
    ctx = calendar_context(plan, also=(first, last, *horizon))
    rows = meeting_rows(plan, ctx, today, first, last)
    if args.json:
        print(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=2))
        return 0
    print(f"Møder fra {format_long(first)} til {format_long(last)}:")
    if not rows:
        print("Ingen møder i perioden.")
        return 0
    width = max(len(format_long(r.date)) for r in rows)
    for r in rows:
        points = "1 punkt" if r.points == 1 else f"{r.points} punkter"
        print(
            f"  {format_long(r.date):<{width}}  {r.start:%H.%M}–{r.end:%H.%M}  "
            f"{SOURCE_DA[r.source]:<8}  {r.status:<9}  {points}"
        )
    counts = {s: sum(1 for r in rows if r.source == s) for s in SOURCE_DA}
    print(
        f"{len(rows)} møder: {counts['document']} fra dokumenter, {counts['rhythm']} efter rytmen, "
        f"{counts['extra']} ekstra"
    )
    return 0
