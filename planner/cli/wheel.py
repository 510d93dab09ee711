"""`planner wheel` (print the årshjul), `planner ring`, `planner activity` and `planner share`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from planner.cli import CommandError, add_command, cli_actor, open_store, run_change, settings_of
from planner.danish import WHEEL_START_MONTHS
from planner.errors import PlannerError
from planner.today import current_day


def register(sub) -> None:
    p = add_command(
        sub, "wheel", cmd_wheel, help="skriv årshjulet som PDF, PNG eller SVG (A3/A4 på tværs)", json=True
    )
    p.add_argument("--year", type=int, required=True, metavar="ÅR", help="året (skoleår: året det begynder)")
    p.add_argument(
        "--start",
        choices=tuple(WHEEL_START_MONTHS),
        default="januar",
        help="året begynder i januar eller august",
    )
    p.add_argument("--format", choices=("pdf", "png", "svg"), default=None, help="standard: filens endelse")
    p.add_argument("--out", required=True, metavar="FIL", help="filen der skrives")
    p.add_argument(
        "--paper", choices=("a3", "a4"), default="a3", help="papirstørrelse på tværs (standard: a3)"
    )
    p.add_argument("--person", help="kun denne persons punkter og fravær")
    p.add_argument(
        "--layers",
        metavar="LAG",
        help="lag adskilt af komma: points,political,absence,other eller en egen rings navn",
    )

    ring = sub.add_parser("ring", help="egne ringe i årshjulet").add_subparsers(
        dest="ring_command", required=True
    )
    p = add_command(ring, "add", cmd_ring_add, help="tilføj en ring", json=True)
    p.add_argument("name", metavar="NAVN")
    p.add_argument("--color", default="#6a5acd", metavar="FARVE", help="farve som #rrggbb")
    add_command(ring, "list", cmd_ring_list, help="vis de egne ringe", json=True)
    p = add_command(ring, "edit", cmd_ring_edit, help="ret en ring")
    p.add_argument("ring", metavar="RING", help="ringens nummer eller navn")
    p.add_argument("--name", metavar="NAVN")
    p.add_argument("--color", metavar="FARVE")
    p = add_command(ring, "delete", cmd_ring_delete, help="slet en ring og dens aktiviteter")
    p.add_argument("ring", metavar="RING")

    act = sub.add_parser("activity", help="aktiviteter på de egne ringe").add_subparsers(
        dest="activity_command", required=True
    )
    p = add_command(
        act, "add", cmd_activity_add, help="tilføj en aktivitet (én dag eller en periode)", json=True
    )
    p.add_argument("ring", metavar="RING", help="ringens nummer eller navn")
    p.add_argument("title", metavar="TITEL")
    p.add_argument("start", metavar="FRA", help="ÅÅÅÅ-MM-DD eller '12. februar 2025'")
    p.add_argument("end", metavar="TIL", nargs="?", help="sidste dag (standard: samme dag)")
    p.add_argument("--yearly", action="store_true", help="gentages hvert år")
    p.add_argument("--note", default="")
    p = add_command(act, "list", cmd_activity_list, help="vis aktiviteterne", json=True)
    p.add_argument("--ring", help="kun denne ring")
    p = add_command(act, "edit", cmd_activity_edit, help="ret eller flyt en aktivitet", json=True)
    p.add_argument("activity_id", type=int, metavar="AKTIVITET")
    p.add_argument("--title", metavar="TITEL")
    p.add_argument("--start", metavar="DATO", help="ny første dag (længden bevares, medmindre --end gives)")
    p.add_argument("--end", metavar="DATO")
    p.add_argument("--ring", help="flyt til en anden ring")
    p.add_argument("--yearly", choices=("ja", "nej"), help="gentages hvert år")
    p.add_argument("--note")
    p = add_command(act, "delete", cmd_activity_delete, help="slet en aktivitet")
    p.add_argument("activity_id", type=int, metavar="AKTIVITET")

    share = sub.add_parser("share", help="læselinks til årshjulet").add_subparsers(
        dest="share_command", required=True
    )
    p = add_command(share, "add", cmd_share_add, help="opret et læselink til et årshjul", json=True)
    p.add_argument("--year", type=int, required=True, metavar="ÅR")
    p.add_argument("--start", choices=tuple(WHEEL_START_MONTHS), default="januar")
    p.add_argument("--person")
    p.add_argument("--layers", metavar="LAG")
    p.add_argument(
        "--base-url", metavar="ADRESSE", help="adressen i linket (standard: $PLANNER_FEED_BASE_URL)"
    )
    p = add_command(share, "list", cmd_share_list, help="vis læselinks", json=True)
    p.add_argument("--base-url", metavar="ADRESSE")
    p = add_command(share, "revoke", cmd_share_revoke, help="tilbagekald et læselink (nummer eller token)")
    p.add_argument("ref", metavar="LINK")


def _date(text: str | None, what: str) -> date | None:
    from planner.cli.plan import parse_user_date

    if text is None:
        return None
    value = parse_user_date(text, None)
    if value is None:
        raise CommandError(f"{what}: '{text}' er ikke en dato")
    return value


def _request(args, store):
    from planner.wheel.export import WheelRequest, parse_layers

    if not 1900 <= args.year <= 2200:
        raise CommandError(f"--year {args.year}: skriv et årstal, fx 2025")
    plan = store.load_plan()
    try:
        layers = parse_layers(args.layers, plan)
    except PlannerError as exc:
        raise CommandError(f"--layers: {exc}") from None
    return plan, WheelRequest(args.year, WHEEL_START_MONTHS[args.start], layers, args.person)


def cmd_wheel(args) -> int:
    from planner.calendar.context import calendar_context
    from planner.wheel.export import PAPERS, print_figure, write_wheel

    out = Path(args.out)
    fmt = args.format or out.suffix.lower().lstrip(".")
    if fmt not in ("pdf", "png", "svg"):
        raise CommandError(
            f"{out}: vælg --format pdf, png eller svg (eller en fil, der ender på .pdf, .png, .svg)"
        )
    with open_store(args) as store:
        plan, request = _request(args, store)
    fig = print_figure(
        plan, request, current_day(settings_of(args)), PAPERS[args.paper], calendar_context(plan).closures
    )
    write_wheel(fig, out, fmt)
    if args.json:
        print(
            json.dumps(
                {
                    "file": str(out),
                    "format": fmt,
                    "paper": args.paper,
                    "year": request.year,
                    "start_month": request.start_month,
                    "layers": list(request.layers),
                    "person": request.person,
                },
                ensure_ascii=False,
            )
        )
    else:
        print(
            f"Årshjulet {request.label()} er skrevet til {out} ({fmt.upper()}, {args.paper.upper()} på tværs)"
        )
    return 0


def _ring_json(r) -> dict:
    return {"id": r.id, "name": r.name, "color": r.color, "position": r.position}


def cmd_ring_add(args) -> int:
    from planner.commands import add_ring

    ring = run_change(args, add_ring, args.name, args.color)
    print(
        json.dumps(_ring_json(ring), ensure_ascii=False)
        if args.json
        else f"Ring {ring.id} «{ring.name}» er oprettet"
    )
    return 0


def cmd_ring_list(args) -> int:
    with open_store(args) as store:
        plan = store.load_plan()
    rings = sorted(plan.rings, key=lambda r: (r.position, r.id))
    if args.json:
        print(json.dumps([_ring_json(r) for r in rings], ensure_ascii=False))
        return 0
    counts = {r.id: sum(1 for a in plan.activities if a.ring_id == r.id) for r in rings}
    for r in rings:
        print(f"{r.id:>4}  {r.color}  {r.name} ({counts[r.id]} aktiviteter)")
    if not rings:
        print('Ingen egne ringe endnu: planner ring add "Budgetproces"')
    return 0


def cmd_ring_edit(args) -> int:
    from planner.commands import update_ring

    ring = run_change(args, update_ring, args.ring, name=args.name, color=args.color)
    print(f"Ring {ring.id} hedder nu «{ring.name}» ({ring.color})")
    return 0


def cmd_ring_delete(args) -> int:
    from planner.commands import delete_ring

    name = run_change(args, delete_ring, args.ring)
    print(f"Ringen «{name}» og dens aktiviteter er slettet (planner undo fortryder)")
    return 0


def _activity_json(a, plan) -> dict:
    ring = plan.ring(a.ring_id)
    return {
        "id": a.id,
        "uid": a.uid,
        "ring_id": a.ring_id,
        "ring": ring.name if ring else None,
        "title": a.title,
        "start": a.start.isoformat(),
        "end": a.end.isoformat(),
        "recurrence": a.recurrence,
        "note": a.note,
        "version": a.version,
    }


def cmd_activity_add(args) -> int:
    from planner.commands import add_activity

    start = _date(args.start, "FRA")
    end = _date(args.end, "TIL")
    with open_store(args) as store:
        a = add_activity(
            store,
            args.ring,
            args.title,
            start,
            end,
            recurrence="yearly" if args.yearly else "",
            note=args.note,
            actor=cli_actor(args),
        )
        plan = store.load_plan()
    if args.json:
        print(json.dumps(_activity_json(a, plan), ensure_ascii=False))
    else:
        print(f"Aktivitet {a.id} «{a.title}» er tilføjet ({_span(a)})")
    return 0


def _span(a) -> str:
    from planner.dates import format_long

    text = format_long(a.start) if a.start == a.end else f"{format_long(a.start)} – {format_long(a.end)}"
    return text + (", hvert år" if a.recurrence == "yearly" else "")


def cmd_activity_list(args) -> int:
    from planner.commands import find_ring

    with open_store(args) as store:
        plan = store.load_plan()
    acts = plan.activities
    if args.ring:
        ring = find_ring(plan, args.ring)
        acts = [a for a in acts if a.ring_id == ring.id]
    acts = sorted(acts, key=lambda a: (a.start, a.id))
    if args.json:
        print(json.dumps([_activity_json(a, plan) for a in acts], ensure_ascii=False))
        return 0
    for a in acts:
        ring = plan.ring(a.ring_id)
        print(f"{a.id:>4}  {ring.name if ring else '?'}: {a.title} ({_span(a)})")
    return 0


def cmd_activity_edit(args) -> int:
    from planner.commands import update_activity

    recurrence = None if args.yearly is None else ("yearly" if args.yearly == "ja" else "")
    with open_store(args) as store:
        a = update_activity(
            store,
            args.activity_id,
            title=args.title,
            start=_date(args.start, "--start"),
            end=_date(args.end, "--end"),
            recurrence=recurrence,
            note=args.note,
            ring=args.ring,
            actor=cli_actor(args),
        )
        plan = store.load_plan()
    print(
        json.dumps(_activity_json(a, plan), ensure_ascii=False)
        if args.json
        else f"Aktivitet {a.id} «{a.title}»: {_span(a)}"
    )
    return 0


def cmd_activity_delete(args) -> int:
    from planner.commands import delete_activity

    title = run_change(args, delete_activity, args.activity_id)
    print(f"Aktiviteten «{title}» er slettet (planner undo fortryder)")
    return 0


def _base(args) -> str:
    from planner.cli.feeds import base_url
    from planner.feeds.catalog import DEFAULT_BASE_URL

    return base_url(args, DEFAULT_BASE_URL)


def cmd_share_add(args) -> int:
    from planner.commands import share_wheel

    base = _base(args)
    with open_store(args) as store:
        _plan, request = _request(args, store)
        shared = share_wheel(store, request, actor=cli_actor(args))
    if args.json:
        print(json.dumps(shared.to_json(base), ensure_ascii=False))
    else:
        print(f"Læselink {shared.id} til årshjulet {request.label()}:\n  {shared.url(base)}")
        print(f'  Indlejring: <iframe src="{shared.url(base)}" width="100%" height="800"></iframe>')
    return 0


def cmd_share_list(args) -> int:
    from planner.wheel.share import WheelShares

    base = _base(args)
    with open_store(args) as store:
        shares = WheelShares(store).all()
    if args.json:
        print(json.dumps([s.to_json(base) for s in shares], ensure_ascii=False))
        return 0
    for s in shares:
        state = "tilbagekaldt" if not s.active else "aktiv"
        who = f", {s.request.person}" if s.request.person else ""
        print(f"{s.id:>4}  {s.request.label()}{who} ({state})  {s.url(base)}")
    return 0


def cmd_share_revoke(args) -> int:
    from planner.commands import revoke_share

    with open_store(args) as store:
        shared = revoke_share(store, args.ref, actor=cli_actor(args))
    if shared is None:
        raise CommandError(f"læselink {args.ref!r} findes ikke")
    print(f"Læselink {shared.id} er tilbagekaldt; adressen svarer nu 404")
    return 0
