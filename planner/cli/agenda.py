"""`planner agenda-table`: the next agenda's "Eventuelt, herunder punkter til næste møde" table.

The plan writes the forward-plan table the secretariat used to retype: Word (a real table), HTML
or tab-separated text, from the next meeting after today (or --from) through --weeks more weeks.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from planner.cli import CommandError, add_command, add_today_option, open_store, settings_of
from planner.today import current_day

_SUFFIXES = {".docx": "docx", ".html": "html", ".htm": "html", ".txt": "text"}


def register(sub) -> None:
    from planner.docwriters.agenda_table import DEFAULT_WEEKS
    from planner.docwriters.agenda_writers import FORMATS

    p = add_command(
        sub,
        "agenda-table",
        cmd_agenda_table,
        help="skriv tabellen 'punkter til næste møde' til næste dagsorden",
        json="maskinlæsbart resumé, når der skrives til en fil",
    )
    p.add_argument(
        "--from",
        dest="first",
        metavar="DATO",
        help="første møde i tabellen: ÅÅÅÅ-MM-DD eller '14. august 2024' (standard: næste møde efter i dag)",
    )
    p.add_argument(
        "--weeks",
        type=_weeks,
        default=DEFAULT_WEEKS,
        metavar="N",
        help=f"antal uger efter det første møde (standard: {DEFAULT_WEEKS})",
    )
    p.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="docx (Word-tabel), html eller text (tabulatorer); standard: filens endelse",
    )
    p.add_argument("--out", metavar="FIL", help="filen der skrives (standard for html og text: skærmen)")
    add_today_option(p)


def _weeks(text: str) -> int:
    from planner.docwriters.agenda_table import MAX_WEEKS

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' er ikke et helt antal uger") from None
    if not 0 <= value <= MAX_WEEKS:
        raise argparse.ArgumentTypeError(f"antal uger skal være mellem 0 og {MAX_WEEKS}, ikke {value}")
    return value


def _format(args) -> str:
    if args.format:
        return args.format
    suffix = Path(args.out).suffix.lower() if args.out else ""
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    where = f"{args.out}: " if args.out else ""
    raise CommandError(
        f"{where}vælg --format docx, html eller text (eller en fil, der ender på .docx, .html, .txt)"
    )


def cmd_agenda_table(args) -> int:
    from planner.cli.plan import parse_user_date
    from planner.docwriters.agenda_table import agenda_table
    from planner.docwriters.agenda_writers import render, unreadable_rows

    fmt = _format(args)
    if fmt == "docx" and not args.out:
        raise CommandError("Word-formatet skrives til en fil: angiv --out, fx --out punkter.docx")
    today = args.today or current_day(settings_of(args))
    first = None
    if args.first:
        first = parse_user_date(args.first, today)
        if first is None:
            raise CommandError(f"--from '{args.first}': angiv datoen for det første møde, fx 2024-08-14")
    with open_store(args, reading=True) as store:
        plan = store.load_plan()
    table = agenda_table(plan, today, first, args.weeks)
    data = render(table, fmt)
    for note in unreadable_rows(table, data, fmt):
        print(f"planner: advarsel: {note}", file=sys.stderr)
    if not args.out:
        sys.stdout.write(data.decode("utf-8"))
        return 0
    out = Path(args.out)
    try:
        out.write_bytes(data)
    except OSError as exc:
        raise CommandError(f"{out}: kan ikke skrives ({exc.strerror or exc})") from None
    points = sum(len(r.points) for r in table.rows)
    if args.json:
        print(
            json.dumps(
                {
                    "file": str(out),
                    "format": fmt,
                    "from": table.first.isoformat(),
                    "to": table.last.isoformat(),
                    "rows": len(table.rows),
                    "points": points,
                    "awaiting_date": len(table.awaiting),
                },
                ensure_ascii=False,
            )
        )
    else:
        span = f"{table.rows[0].label} – {table.rows[-1].label}, " if table.rows else ""
        print(
            f"Tabellen med punkter til næste møde ({span}{len(table.rows)} rækker, {points} punkter, "
            f"{len(table.awaiting)} afventer dato) er skrevet til {out}"
        )
    return 0
