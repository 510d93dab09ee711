"""`planner serve`, `planner feeds` and `planner export`: the calendar subscription feeds."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

from planner.cli import (
    CommandError,
    add_command,
    add_db_option,
    add_json_option,
    cli_actor,
    open_store,
    run_change,
    settings_of,
)


def register(sub) -> None:
    p = add_command(sub, "serve", cmd_serve, help="server kalender-feeds til Outlook, Google og Apple")
    p.add_argument("--host", default="127.0.0.1", help="adresse at lytte på (standard: 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (standard: 8765, eller feed_port i indstillingsfilen)")
    p.add_argument(
        "--base-url",
        metavar="ADRESSE",
        help=f"offentlig adresse i de viste links (standard: ${_env()} eller http://HOST:PORT)",
    )

    p = add_command(sub, "feeds", cmd_feeds, help="vis kalender-feeds og deres abonnementslinks", json=True)
    p.add_argument(
        "--base-url",
        metavar="ADRESSE",
        help=f"adresse i linkene (standard: ${_env()} eller http://127.0.0.1:8765)",
    )
    # Options may come before or after the action (`planner feeds --db X rotate NAME`); SUPPRESS
    # keeps the action's own defaults from overwriting the ones given before it.
    actions = p.add_subparsers(dest="feeds_command", metavar="HANDLING")
    q = actions.add_parser("list", help="vis kalender-feeds og deres links (som 'planner feeds')")
    _action_options(q, links="adresse i linkene")
    q.set_defaults(func=cmd_feeds)
    q = actions.add_parser("rotate", help="giv en kalender et nyt link; det gamle virker ikke længere")
    q.add_argument("name", metavar="NAVN", help="kalenderens navn (se 'planner feeds')")
    _action_options(q, links="adresse i linket")
    q.set_defaults(func=cmd_rotate)
    q = actions.add_parser(
        "revoke", help="træk en kalenders link tilbage (404), til den får et nyt med 'rotate'"
    )
    q.add_argument("name", metavar="NAVN", help="kalenderens navn (se 'planner feeds')")
    _action_options(q)
    q.set_defaults(func=cmd_revoke)

    p = add_command(sub, "export", cmd_export, help="skriv alle kalender-feeds som .ics-filer", json=True)
    p.add_argument("--out", required=True, metavar="MAPPE", help="mappen filerne skrives i")
    p.add_argument("--public", action="store_true", help="udelad den interne kalender")


def _action_options(q: argparse.ArgumentParser, links: str | None = None) -> None:
    """--db, --as, --json (and --base-url when the action shows `links`) on an action of
    `planner feeds`, which may also stand before the action."""
    add_db_option(q, nested=True)
    if links:
        q.add_argument(
            "--base-url",
            default=argparse.SUPPRESS,
            metavar="ADRESSE",
            help=f"{links} (standard: ${_env()} eller http://127.0.0.1:8765)",
        )
    add_json_option(q, nested=True)


def _env() -> str:
    from planner.feeds.catalog import BASE_URL_ENV

    return BASE_URL_ENV


def base_url(args, default: str) -> str:
    """--base-url, else the configured public address ($PLANNER_FEED_BASE_URL), else `default`."""
    url = args.base_url or settings_of(args).feed_base_url or default
    if not url.startswith(("http://", "https://")):
        raise CommandError(f"ugyldig adresse {url!r}: skal begynde med http:// eller https://")
    return url.rstrip("/")


def _print_feeds(infos, out=sys.stdout) -> None:
    for info in infos:
        label = " (intern: lukkede punkter vises som 'Lukket punkt')" if info.internal else ""
        print(f"{info.calname} [{info.name}]{label}", file=out)
        if info.revoked:
            print("  linket er trukket tilbage (planner feeds rotate NAVN giver et nyt)", file=out)
            continue
        print(f"  {info.url}", file=out)
        print(f"  {info.webcal_url}", file=out)


def cmd_rotate(args) -> int:
    from planner.commands import rotate_feed
    from planner.feeds.catalog import DEFAULT_BASE_URL, FeedRegistry

    url = base_url(args, DEFAULT_BASE_URL)
    with open_store(args) as store:
        rotate_feed(store, args.name, actor=cli_actor(args))
        info = next(i for i in FeedRegistry(store).urls(url) if i.name == args.name)
    if args.json:
        print(json.dumps(info.to_json(), ensure_ascii=False, indent=2))
    else:
        print(f"{info.calname}: nyt link. Det gamle virker ikke længere; abonnenter skal bruge det nye.")
        print(f"  {info.url}")
        print(f"  {info.webcal_url}")
    return 0


def cmd_revoke(args) -> int:
    from planner.commands import revoke_feed

    run_change(args, revoke_feed, args.name)
    if args.json:
        print(json.dumps({"name": args.name, "revoked": True}, ensure_ascii=False, indent=2))
    else:
        print(
            f"{args.name}: linket er trukket tilbage og giver 404. 'planner feeds rotate {args.name}' "
            f"giver kalenderen et nyt link."
        )
    return 0


def cmd_feeds(args) -> int:
    from planner.feeds.catalog import DEFAULT_BASE_URL, FeedRegistry

    url = base_url(args, DEFAULT_BASE_URL)
    with open_store(args, reading=True) as store:
        infos = FeedRegistry(store).urls(url)
    if args.json:
        print(json.dumps([i.to_json() for i in infos], ensure_ascii=False, indent=2))
    else:
        _print_feeds(infos)
        print("\nAbonnér i Outlook: Tilføj kalender → Fra internettet, og indsæt et af linkene.")
    return 0


def cmd_serve(args) -> int:
    from planner.auth import login_configured, refuse_open_address
    from planner.feeds.catalog import FeedRegistry, StoreFeedProvider
    from planner.feeds.server import run_server

    if args.port is None:
        args.port = settings_of(args).feed_port
    if not 0 <= args.port <= 65535:
        raise CommandError(f"ugyldig port {args.port}")
    login = login_configured(settings_of(args).secrets_files)
    refusal = refuse_open_address(args.host, "Feed-serveren", login)
    if refusal:
        raise CommandError(refusal)
    url = base_url(args, f"http://{args.host}:{args.port}")
    with open_store(args, reading=True) as store:
        infos = FeedRegistry(store).urls(url)
        db_path = store.path
    # The links hold secret tokens: a server's output ends up in logs, so it names the feeds only.
    print(f"Kalender-feeds på {url}/feeds/….ics: " + ", ".join(info.name for info in infos), flush=True)
    print("Se abonnementslinkene med 'planner feeds'.", flush=True)
    provider = StoreFeedProvider(db_path)
    try:  # until SIGTERM (a service manager) or Ctrl-C, which end it cleanly
        run_server(provider, host=args.host, port=args.port)
    except OSError as exc:
        raise CommandError(f"kan ikke lytte på {args.host}:{args.port}: {exc.strerror or exc}") from None
    finally:
        provider.close()
    return 0


def cmd_export(args) -> int:
    from planner.feeds.catalog import build_feeds, calendar_periods, load_snapshot, render_feeds

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise CommandError(f"{out}: findes og er ikke en mappe")
    with open_store(args, reading=True) as store:
        plan, _ = load_snapshot(store)
    feeds = [f for f in build_feeds(plan, calendar_periods(plan)) if not (args.public and f.internal)]
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, body in render_feeds(feeds, datetime.now(UTC)).items():
        path = out / f"{name}.ics"
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(body)
        os.replace(tmp, path)
        written.append(
            {"name": name, "path": str(path), "bytes": len(body), "events": body.count(b"BEGIN:VEVENT")}
        )
    if args.json:
        print(json.dumps({"plan_version": plan.version, "files": written}, ensure_ascii=False, indent=2))
    else:
        for w in written:
            print(f"{w['path']}: {w['events']} begivenheder")
    return 0
