"""The `planner` command line: a thin layer over the library, stable names, `--json` for scripts."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sqlite3
import sys
import traceback
from pathlib import Path

from planner.cli.danish_argparse import DanishArgumentParser
from planner.errors import PlannerError
from planner.settings import Settings

log = logging.getLogger("planner")

# Each module adds its own sub-commands with register(subparsers).
COMMAND_MODULES = ("documents", "plan", "meetings", "feeds", "history", "holidays", "wheel", "agenda")
JSON_HELP = "maskinlæsbart output"  # --json, unless a command says more


class CommandError(PlannerError):
    """A user error: printed as one line, exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = DanishArgumentParser(prog="planner", description="Årshjul og mødeplan for Direktionen")
    parser.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=0,
        help="fortæl hvad der sker og hvor længe det tager (-vv: flere detaljer)",
    )
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO", required=True)
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"planner.cli.{name}")
        module.register(sub)
    _verbose_everywhere(parser)
    return parser


def _verbose_everywhere(parser: argparse.ArgumentParser) -> None:
    """`planner -v import …` and `planner import … -v` both work: every sub-command knows -v too
    (SUPPRESS: a sub-command without it leaves the global count alone)."""
    for action in parser._subparsers._group_actions if parser._subparsers else ():
        for sub in set(action.choices.values()):
            sub.add_argument(
                "-v", "--verbose", action="count", default=argparse.SUPPRESS, help=argparse.SUPPRESS
            )
            _verbose_everywhere(sub)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    configure_logging(args.verbose)
    settings = None
    try:
        args.settings = settings = Settings.load()
        return int(args.func(args) or 0)
    except PlannerError as exc:  # the user's or the data's fault: one Danish line
        print(f"planner: {exc}", file=sys.stderr)
        return 2
    except sqlite3.Error as exc:  # the database file itself: damaged, read-only, a full disk, …
        from planner.storage.store import describe_fault

        print(f"planner: {db_path(args)}: {describe_fault(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `planner points | head`: the reader left, that is fine
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as exc:  # a bug must still not dump a traceback on a user
        if settings is not None and settings.debug:
            traceback.print_exc()
        print(
            f"planner: intern fejl: {type(exc).__name__}: {exc} (sæt PLANNER_DEBUG=1 for detaljer)",
            file=sys.stderr,
        )
        return 1


def configure_logging(verbosity: int) -> None:
    """Quiet by default (warnings only, on stderr); -v says what is done and how long it took, -vv more."""
    level = logging.WARNING if verbosity <= 0 else logging.INFO if verbosity == 1 else logging.DEBUG
    logging.basicConfig(level=logging.WARNING, format="planner: %(message)s", stream=sys.stderr, force=True)
    logging.getLogger("planner").setLevel(level)  # the libraries below stay at warnings


def add_command(
    sub, name: str, func, help: str, *, json: bool | str = False, db: bool = True
) -> argparse.ArgumentParser:
    """The sub-command `name`, run by `func(args)`: with --db and --as (unless `db` is False) and,
    where `json` is set, --json (True: the usual help text; a text: its own)."""
    parser = sub.add_parser(name, help=help)
    if db:
        add_db_option(parser)
    if json:
        add_json_option(parser, JSON_HELP if json is True else json)
    parser.set_defaults(func=func)
    return parser


def add_db_option(parser: argparse.ArgumentParser, nested: bool = False) -> None:
    """--db and --as. `nested`: on a sub-command of a command that has them too, where argparse
    would otherwise let the sub-command's default (None) overwrite `planner feeds --db X rotate`."""
    default = argparse.SUPPRESS if nested else None
    parser.add_argument(
        "--db",
        default=default,
        metavar="FIL",
        help="SQLite-databasen (standard: $PLANNER_DB eller data/planner.db)",
    )
    parser.add_argument(
        "--as",
        dest="as_name",
        metavar="NAVN",
        default=default,
        help="registrér ændringen i NAVNs navn (kræver rollen sekretariat; standard: din OS-bruger)",
    )


def add_today_option(parser: argparse.ArgumentParser) -> None:
    """--today: the day to count from instead of $PLANNER_TODAY or the clock (for tests and for planning
    ahead); None when not given."""
    parser.add_argument(
        "--today", type=iso_date_argument, metavar="DATO", help="dagens dato (ÅÅÅÅ-MM-DD), til test"
    )


def iso_date_argument(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' er ikke en dato på formen ÅÅÅÅ-MM-DD") from None


def add_json_option(parser: argparse.ArgumentParser, help: str = JSON_HELP, nested: bool = False) -> None:
    """--json: the command prints JSON for scripts instead of Danish text (`nested`: as add_db_option)."""
    default = argparse.SUPPRESS if nested else False
    parser.add_argument("--json", action="store_true", default=default, help=help)


def cli_actor(args):
    """Who the history records: the OS user (its role from the roles file), or --as NAME if allowed."""
    from planner.auth import PermissionDenied, RoleConfig

    try:
        return RoleConfig.load(settings_of(args).roles).cli_user(getattr(args, "as_name", None))
    except (PermissionDenied, ValueError) as exc:
        raise CommandError(str(exc)) from None


def run_change(args, command, *values, create: bool = False, **options):
    """One change through the command layer, recorded under the CLI user:
    `command(store, *values, actor=…, **options)` on the store of `--db`; its result."""
    with open_store(args, create=create) as store:
        return command(store, *values, actor=cli_actor(args), **options)


def settings_of(args) -> Settings:
    """The settings `main` read once (a command called without `main` reads them itself)."""
    settings = getattr(args, "settings", None)
    return settings if settings is not None else Settings.load()


def db_path(args) -> Path:
    db = getattr(args, "db", None)
    return Path(db) if db else settings_of(args).db


def open_store(args, *, create: bool = False, reading: bool = False):
    """The store for `--db`. Only commands that add to a plan may `create` a missing database;
    the others say it does not exist, so a mistyped path creates nothing. `reading` commands
    fall back to a read-only connection when the file or its directory cannot be written."""
    from planner.storage.store import Store, StoreError, describe_fault, open_for_reading

    path = db_path(args)
    log.info("database: %s%s", path, " (læses)" if reading else "")
    if not create and not path.exists():
        raise CommandError(
            f"{path}: databasen findes ikke (tjek --db eller $PLANNER_DB; "
            "en ny plan oprettes med 'planner import')"
        )
    if path.exists() and not path.is_file():
        raise CommandError(f"{path}: er ikke en fil")
    try:
        return open_for_reading(path) if reading else Store(path)
    except (StoreError, RuntimeError) as exc:
        raise CommandError(f"{path}: {exc}") from None
    except OSError as exc:
        raise CommandError(f"{path}: kan ikke oprettes ({exc.strerror or exc})") from None
    except sqlite3.Error as exc:
        raise CommandError(f"{path}: {describe_fault(exc)}") from None


if __name__ == "__main__":
    sys.exit(main())
