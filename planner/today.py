"""Which day is "today": the Copenhagen clock, or the `today` setting (PLANNER_TODAY) for demos and tests.

Parsing never asks this module; the app and the CLI read it once per run and pass the day on
to the store, the commands and the views as a parameter, so every test can set it.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from planner.settings import Settings

TZ = ZoneInfo("Europe/Copenhagen")


def copenhagen_today() -> date:
    """Today by the clock in Copenhagen (not the machine's time zone)."""
    return datetime.now(TZ).date()


def current_day(settings: Settings | None = None) -> date:
    """The pinned day of the settings when set, else today in Copenhagen."""
    pinned = (settings if settings is not None else Settings.load()).today
    return pinned if pinned is not None else copenhagen_today()
