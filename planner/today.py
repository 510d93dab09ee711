"""Which day is "today": the Copenhagen clock, or PLANNER_TODAY for demos and tests.

Parsing never asks this module; the app and the CLI read it once per run and pass the day on
to the store, the commands and the views as a parameter, so every test can set it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date, datetime
from zoneinfo import ZoneInfo

TODAY_ENV = "PLANNER_TODAY"
TZ = ZoneInfo("Europe/Copenhagen")


def current_day(environ: Mapping[str, str] = os.environ) -> date:
    """PLANNER_TODAY (an ISO date) when set, else today in Copenhagen; ValueError (Danish) for a bad value."""
    pinned = (environ.get(TODAY_ENV) or "").strip()
    if not pinned:
        return datetime.now(TZ).date()
    try:
        return date.fromisoformat(pinned)
    except ValueError:
        raise ValueError(f"{TODAY_ENV}={pinned!r} er ikke en dato på formen ÅÅÅÅ-MM-DD") from None
