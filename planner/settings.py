"""The planner's settings, read once: defaults, then a settings file, then the environment.

The command line builds one `Settings` in `planner.cli.main`, the app one per page run in
`planner.ui.shell.main`, the launcher one in `planner.launch.main`; everything below them gets
what it needs passed down and never reads the environment itself.

    PLANNER_SETTINGS=/etc/aarshjul/planner.toml     # optional: a TOML file with any of the keys below
    PLANNER_DB=data/planner.db                      # db
    PLANNER_ROLES=data/roles.toml                   # roles
    PLANNER_FEED_BASE_URL=https://kalender.norddjurs.dk   # feed_base_url
    PLANNER_TODAY=2025-01-20                        # today (demos and tests pin the app's "i dag")
    PLANNER_DEBUG=1                                 # debug (tracebacks for internal errors)

The settings file may also set `app_port` and `feed_port` (what `make run` listens on) and
`secrets_files` (where the identity provider's `[auth]` section is looked for).
"""

from __future__ import annotations

import logging
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date
from pathlib import Path
from typing import Final

from planner.errors import PlannerError

log = logging.getLogger(__name__)

PACKAGE_DIR: Final = Path(__file__).resolve().parent
# The project checkout (data/, .streamlit/); in a plain `pip install .` a folder that may not exist.
PROJECT_DIR: Final = PACKAGE_DIR.parent
# Shipped inside the package, so an installed planner finds it wherever it runs.
BUNDLED_CALENDAR: Final = PACKAGE_DIR / "data" / "calendar" / "norddjurs.toml"

DEFAULT_DB: Final = Path("data/planner.db")

SETTINGS_ENV: Final = "PLANNER_SETTINGS"
# Environment variable -> settings key.
ENVIRONMENT: Final = {
    "PLANNER_DB": "db",
    "PLANNER_ROLES": "roles",
    "PLANNER_FEED_BASE_URL": "feed_base_url",
    "PLANNER_TODAY": "today",
    "PLANNER_DEBUG": "debug",
}


class SettingsError(PlannerError):
    """A settings file or value that cannot be used; the message names the file or variable."""


def _default_secrets_files() -> tuple[Path, ...]:
    """Where Streamlit looks for secrets.toml by default (the project's own first)."""
    return (PROJECT_DIR / ".streamlit" / "secrets.toml", Path.home() / ".streamlit" / "secrets.toml")


@dataclass(frozen=True)
class Settings:
    db: Path = DEFAULT_DB
    roles: Path = PROJECT_DIR / "data" / "roles.toml"
    feed_base_url: str | None = None  # None: not configured (each user says what it falls back to)
    app_port: int = 8501
    feed_port: int = 8765
    # The identity provider's configuration ([auth] in a secrets.toml), for the launcher and `planner serve`.
    secrets_files: tuple[Path, ...] = field(default_factory=_default_secrets_files)
    today: date | None = None  # None: the real date in Copenhagen
    debug: bool = False
    source: Path | None = None  # the settings file these came from, if any

    @classmethod
    def load(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Defaults, then the file named by $PLANNER_SETTINGS, then the other PLANNER_* variables."""
        environ = os.environ if environ is None else environ
        settings = cls()
        file = environ.get(SETTINGS_ENV)
        if file:
            settings = settings.with_values(_read_file(Path(file)), where=file, source=Path(file))
        for name, key in ENVIRONMENT.items():
            if environ.get(name):  # one at a time, so a message names the variable
                settings = settings.with_values({key: environ[name]}, where=f"miljøvariablen {name}")
        return settings

    def with_values(self, values: Mapping[str, object], where: str, source: Path | None = None) -> Settings:
        known = {f.name for f in fields(self)} - {"source"}
        changes: dict[str, object] = {}
        for key, value in values.items():
            if key not in known:
                raise SettingsError(
                    f"{where}: ukendt indstilling {key!r}; mulige: {', '.join(sorted(known))}"
                )
            changes[key] = _convert(key, value, where)
        if source is not None:
            changes["source"] = source
        return replace(self, **changes)


def _read_file(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SettingsError(f"{path}: indstillingsfilen kan ikke læses ({exc.strerror or exc})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: indstillingsfilen er ikke gyldig TOML ({exc})") from None


def _convert(key: str, value: object, where: str) -> object:
    if key in ("db", "roles"):
        return Path(str(value))
    if key == "secrets_files":
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list):
            raise SettingsError(f"{where}: secrets_files skal være en liste af filnavne")
        return tuple(Path(str(v)) for v in items)
    if key in ("app_port", "feed_port"):
        try:
            port = int(str(value))
        except ValueError:
            port = -1
        if not 0 <= port <= 65535:
            raise SettingsError(f"{where}: {key} = {value!r} er ikke en port (0–65535)")
        return port
    if key == "debug":
        return value is True or str(value).strip().lower() not in ("", "0", "false", "nej", "no")
    if key == "today":
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            # A pinned "today" is for demos; a typo must not stop the app, so it runs on the real date.
            log.warning("%s: today = %r er ikke en dato (ÅÅÅÅ-MM-DD); dagens dato bruges", where, value)
            return None
    return str(value).rstrip("/") if key == "feed_base_url" else str(value)
