"""Independent parsers for the planner's .ics output, shared by the feed tests.

Each `parse_with_*` function reads calendar bytes with a different parser and
returns the same plain shape, so tests can compare the parsers against each
other and against expectations:

    {"calendar": {"x-wr-calname": "...", ...},        # calendar props, lower-case names
     "timezones": ["Europe/Copenhagen", ...],
     "events": [EventView, ...]}                       # in file order

An EventView is a dict with uid, summary, description, location, start, end
(ISO "2025-10-13" for dates, "2025-03-26T08:00:00Z" in UTC for timed values),
start_tzid (the TZID the parser resolved, None for dates or when floating),
sequence, transp, categories, status, busystatus.

ical.js (Thunderbird's parser) and vobject convert to UTC through the
VTIMEZONE in the file, not through the system's tz database, so they check
that our VTIMEZONE is right. icalendar is also offered, for completeness.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

JS_DIR = Path(__file__).resolve().parent / "js"
JS_SCRIPT = JS_DIR / "parse_ics.mjs"
ICALJS_MARKER = JS_DIR / "node_modules" / "ical.js" / "package.json"


def icaljs_missing_reason() -> str | None:
    if shutil.which("node") is None:
        return "node is not installed"
    if not ICALJS_MARKER.exists():
        return f"ical.js is not installed in {JS_DIR}: run `make node-deps`"
    return None


def require_icaljs() -> None:
    """Skip locally, but FAIL under CI, when ical.js cannot run: CI must never skip it silently."""
    reason = icaljs_missing_reason()
    if reason is None:
        return
    if os.environ.get("CI", "").lower() not in {"", "0", "false", "no"}:
        pytest.fail(f"ical.js checks cannot run under CI: {reason}", pytrace=False)
    pytest.skip(reason)


def parse_with_icaljs(ics: bytes | Path) -> dict[str, Any]:
    """Run tests/js/parse_ics.mjs (Mozilla ical.js) and normalise its JSON."""
    require_icaljs()
    if isinstance(ics, Path):
        raw = _run_node(ics)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "feed.ics"
            path.write_bytes(ics)
            raw = _run_node(path)
    events = []
    for ev in raw["events"]:
        start, start_tzid = _js_time(ev["start"])
        end, _ = _js_time(ev["end"])
        events.append(
            {
                "uid": ev["uid"],
                "summary": ev["summary"],
                "description": ev["description"],
                "location": ev["location"],
                "start": start,
                "end": end,
                "start_tzid": start_tzid,
                "sequence": ev["sequence"],
                "transp": ev["transp"],
                "categories": ev["categories"],
                "status": ev["status"],
                "busystatus": ev["busystatus"],
            }
        )
    return {
        "calendar": {name: prop["value"] for name, prop in raw["calendar"].items()},
        "calendar_types": {name: prop["type"] for name, prop in raw["calendar"].items()},
        "timezones": [tz["tzid"] for tz in raw["timezones"]],
        "timezone_details": raw["timezones"],
        "events": events,
    }


def _run_node(path: Path) -> dict[str, Any]:
    proc = subprocess.run(
        ["node", str(JS_SCRIPT), str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if proc.returncode != 0:
        raise AssertionError(f"ical.js failed to parse {path}:\n{proc.stderr}")
    return json.loads(proc.stdout)


def _js_time(info: dict[str, Any] | None) -> tuple[str | None, str | None]:
    if info is None:
        return None, None
    if info["date"] is not None:
        return info["date"], None
    return info["utc"], info["tzid"] if info["resolved"] else None


def parse_with_vobject(ics: bytes) -> dict[str, Any]:
    """Parse with vobject, resolving TZIDs through the file's own VTIMEZONE."""
    import vobject
    from vobject import icalendar as vobject_ical

    text = ics.decode("utf-8")
    # vobject keeps a process-wide tzid registry and prefers an entry that is
    # already there (possibly pytz's). Re-register the tzinfo built from this
    # file's VTIMEZONE before the real parse so the file's rules are the ones
    # being tested.
    first = vobject.readOne(text)
    for vtz in getattr(first, "vtimezone_list", []):
        vobject_ical.registerTzid(vtz.tzid.value, vtz.gettzinfo())
    cal = vobject.readOne(text)

    calendar = {}
    for name, lines in cal.contents.items():
        if name in {"vevent", "vtimezone"}:
            continue
        calendar[name] = _vobject_value(lines[0].value)
    events = []
    for ev in getattr(cal, "vevent_list", []):
        start = ev.dtstart.value
        end = ev.dtend.value if hasattr(ev, "dtend") else None
        categories: list[str] = []
        for line in ev.contents.get("categories", []):
            categories.extend(line.value)
        events.append(
            {
                "uid": _line(ev, "uid"),
                "summary": _line(ev, "summary"),
                "description": _line(ev, "description"),
                "location": _line(ev, "location"),
                "start": _iso(start),
                "end": _iso(end),
                "start_tzid": _vobject_tzid(start),
                "sequence": int(_line(ev, "sequence") or 0),
                "transp": _line(ev, "transp"),
                "categories": categories,
                "status": _line(ev, "status"),
                "busystatus": _line(ev, "x-microsoft-cdo-busystatus"),
            }
        )
    return {
        "calendar": calendar,
        "timezones": [vtz.tzid.value for vtz in getattr(cal, "vtimezone_list", [])],
        "events": events,
    }


def _line(component: Any, name: str) -> str | None:
    lines = component.contents.get(name)
    return None if not lines else lines[0].value


def _vobject_value(value: Any) -> Any:
    return value if isinstance(value, str) else str(value)


def _vobject_tzid(value: date | datetime) -> str | None:
    if not isinstance(value, datetime):
        return None
    # dateutil's tzical classes are what vobject builds from a VTIMEZONE; any
    # other tzinfo would mean the file's definition was not used.
    tz = value.tzinfo
    if tz is None or not type(tz).__module__.startswith("dateutil"):
        return None
    return getattr(tz, "_tzid", None) or "file"


def parse_with_icalendar(ics: bytes) -> dict[str, Any]:
    """Parse with the icalendar library (resolves TZIDs through its own tz database)."""
    import icalendar

    cal = icalendar.Calendar.from_ical(ics)
    calendar = {
        name.lower(): value.to_ical().decode() if hasattr(value, "to_ical") else str(value)
        for name, value in cal.property_items(recursive=False)
    }
    calendar.pop("begin", None)
    calendar.pop("end", None)
    events = []
    for ev in cal.walk("VEVENT"):
        start = ev["DTSTART"].dt
        end = ev["DTEND"].dt if "DTEND" in ev else None
        categories: list[str] = []
        cats = ev.get("CATEGORIES")
        for entry in cats if isinstance(cats, list) else [cats] if cats is not None else []:
            categories.extend(str(c) for c in entry.cats)
        events.append(
            {
                "uid": _str_or_none(ev.get("UID")),
                "summary": _str_or_none(ev.get("SUMMARY")),
                "description": _str_or_none(ev.get("DESCRIPTION")),
                "location": _str_or_none(ev.get("LOCATION")),
                "start": _iso(start),
                "end": _iso(end),
                "start_tzid": ev["DTSTART"].params.get("TZID") if isinstance(start, datetime) else None,
                "sequence": int(ev.get("SEQUENCE", 0)),
                "transp": _str_or_none(ev.get("TRANSP")),
                "categories": categories,
                "status": _str_or_none(ev.get("STATUS")),
                "busystatus": _str_or_none(ev.get("X-MICROSOFT-CDO-BUSYSTATUS")),
            }
        )
    return {
        "calendar": calendar,
        "timezones": [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")],
        "events": events,
    }


def _str_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


def _iso(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise AssertionError(f"parser returned a floating time {value}")
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def comparable(parsed: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """A parse result's events keyed by UID, with the fields every parser reports the same way."""
    keys = (
        "summary",
        "description",
        "location",
        "start",
        "end",
        "sequence",
        "transp",
        "categories",
        "status",
        "busystatus",
    )
    return {ev["uid"]: {k: ev[k] for k in keys} for ev in parsed["events"]}
