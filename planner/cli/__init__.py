"""The `planner` command line: a thin layer over the library, stable names, `--json` for scripts."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback

from planner.textprep import UnreadableInput

# Each module adds its own sub-commands with register(subparsers).
COMMAND_MODULES = ("documents", "plan", "feeds", "history", "holidays", "wheel")


class CommandError(Exception):
    """A user error: printed as one line, exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="planner", description="Årshjul og mødeplan for Direktionen")
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO", required=True)
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"planner.cli.{name}")
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except (CommandError, UnreadableInput) as exc:
        print(f"planner: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `planner points | head`: the reader left, that is fine
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as exc:  # a bug must still not dump a traceback on a user
        if os.environ.get("PLANNER_DEBUG"):
            traceback.print_exc()
        print(f"planner: intern fejl: {type(exc).__name__}: {exc} (sæt PLANNER_DEBUG=1 for detaljer)", file=sys.stderr)
        return 1


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", help="SQLite-databasen (standard: $PLANNER_DB eller data/planner.db)")


def open_store(args):
    from planner.store import Store, StoreError

    try:
        return Store(args.db)
    except (StoreError, RuntimeError, OSError) as exc:
        raise CommandError(f"{args.db or 'databasen'}: {exc}") from None
    except Exception as exc:  # sqlite3.DatabaseError: not a database file
        raise CommandError(f"{args.db or 'databasen'}: kan ikke åbnes som database ({exc})") from None


if __name__ == "__main__":
    sys.exit(main())
