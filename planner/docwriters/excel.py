"""Excel export of the plan: one sheet per layer, real dates, frozen header, sensible widths.

Pure apart from writing bytes: `plan_workbook(plan, closures)` returns the .xlsx file content.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import pandas as pd
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from planner.dates import WEEKDAY_NAMES
from planner.plan import SCHEDULED_STATUSES, Plan

DATE_FORMAT = "dd-mm-yyyy"
HEADER_FILL = PatternFill("solid", fgColor="1B5E8C")
HEADER_FONT = Font(bold=True, color="FFFFFF")
MAX_WIDTH = 70
KIND_LABELS = {
    "closure": "Lukket",
    "school_holiday": "Skoleferie",
    "public_holiday": "Helligdag",
    "no_meeting_day": "Mødefri dag",
    "school_event": "Skolebegivenhed",
}
EVENT_STATUS = {"held": "afholdt", "upcoming": "kommende", "cancelled": "aflyst"}


@dataclass(frozen=True)
class Sheet:
    name: str  # ≤ 31 characters (Excel's limit)
    frame: pd.DataFrame
    date_columns: tuple[str, ...] = ()
    wrap_columns: tuple[str, ...] = ()


def _week(d: date | None) -> int | None:
    return d.isocalendar().week if d else None


def _weekday(d: date | None) -> str:
    return WEEKDAY_NAMES[d.weekday()] if d else ""


def sheets(plan: Plan, closures: Iterable = ()) -> list[Sheet]:
    points = sorted(plan.points, key=lambda p: (p.date or date.max, p.id or 0))
    p_rows = [
        {
            "Dato": p.date,
            "Ugedag": _weekday(p.date),
            "Uge": _week(p.date),
            "Titel": "Lukket punkt" if p.closed else p.title,
            "Beskrivelse": "" if p.closed else (p.description or ""),
            "Ansvarlig": p.owner or "",
            "Deltagere": ", ".join(p.participants),
            "Varighed (min)": p.duration_min,
            "Status": p.status,
            "Note": p.note or "",
            "Kilde": p.source,
            "Nr.": p.id,
        }
        for p in points
    ]
    per_day = Counter(p.date for p in plan.points if p.date and p.status in SCHEDULED_STATUSES)
    m_rows = [
        {
            "Dato": m.date,
            "Ugedag": _weekday(m.date),
            "Uge": _week(m.date),
            "Start": m.start.strftime("%H:%M"),
            "Slut": m.end.strftime("%H:%M"),
            "Status": m.status,
            "Ekstra møde": "ja" if m.extra else "",
            "Sted": m.location or "",
            "Punkter": per_day.get(m.date, 0),
        }
        for m in sorted(plan.meetings, key=lambda m: m.date)
    ]

    def events(political: bool) -> list[dict]:
        return [
            {
                "Fra": e.start,
                "Til": e.end,
                "Uge": _week(e.start),
                "Titel": e.title,
                "Status": EVENT_STATUS.get(e.status, e.status),
                "Kilde": e.source,
            }
            for e in sorted(plan.events, key=lambda e: (e.start, e.title))
            if (e.category == "political") == political
        ]

    f_rows = [
        {
            "Fra": a.start,
            "Til": a.end,
            "Uge": _week(a.start),
            "Hvad": f"Fravær: {a.person}",
            "Type": "Fravær",
            "Note": a.note or "",
            "Kilde": a.source,
        }
        for a in plan.absences
    ]
    seen = set()
    for c in [*plan.closures, *closures]:
        key = (c.label, c.start, c.end)
        if key in seen or getattr(c, "kind", "") == "school_event":
            continue
        seen.add(key)
        f_rows.append(
            {
                "Fra": c.start,
                "Til": c.end,
                "Uge": _week(c.start),
                "Hvad": c.label,
                "Type": KIND_LABELS.get(c.kind, c.kind),
                "Note": "",
                "Kilde": c.source,
            }
        )
    f_rows.sort(key=lambda r: (r["Fra"], r["Hvad"]))
    point_cols = [
        "Dato",
        "Ugedag",
        "Uge",
        "Titel",
        "Beskrivelse",
        "Ansvarlig",
        "Deltagere",
        "Varighed (min)",
        "Status",
        "Note",
        "Kilde",
        "Nr.",
    ]
    event_cols = ["Fra", "Til", "Uge", "Titel", "Status", "Kilde"]
    return [
        Sheet(
            "Direktionens punkter",
            pd.DataFrame(p_rows, columns=point_cols),
            ("Dato",),
            ("Titel", "Beskrivelse"),
        ),
        Sheet(
            "Direktionsmøder",
            pd.DataFrame(
                m_rows,
                columns=[
                    "Dato",
                    "Ugedag",
                    "Uge",
                    "Start",
                    "Slut",
                    "Status",
                    "Ekstra møde",
                    "Sted",
                    "Punkter",
                ],
            ),
            ("Dato",),
        ),
        Sheet("Politiske møder", pd.DataFrame(events(True), columns=event_cols), ("Fra", "Til"), ("Titel",)),
        Sheet(
            "Ferie og fravær",
            pd.DataFrame(f_rows, columns=["Fra", "Til", "Uge", "Hvad", "Type", "Note", "Kilde"]),
            ("Fra", "Til"),
        ),
        Sheet(
            "Andre aktiviteter", pd.DataFrame(events(False), columns=event_cols), ("Fra", "Til"), ("Titel",)
        ),
        *([own_rings_sheet(plan)] if plan.rings else []),
    ]


def own_rings_sheet(plan: Plan) -> Sheet:
    """The wheel's own rings: one row per activity (a yearly one once, marked "hvert år")."""
    names = {r.id: r.name for r in plan.rings}
    rows = [
        {
            "Ring": names.get(a.ring_id, ""),
            "Titel": a.title,
            "Fra": a.start,
            "Til": a.end,
            "Uge": _week(a.start),
            "Gentages": "hvert år" if a.recurrence == "yearly" else "",
            "Note": a.note,
            "Nr.": a.id,
        }
        for a in sorted(plan.activities, key=lambda a: (names.get(a.ring_id, ""), a.start, a.id or 0))
    ]
    columns = ["Ring", "Titel", "Fra", "Til", "Uge", "Gentages", "Note", "Nr."]
    return Sheet("Egne ringe", pd.DataFrame(rows, columns=columns), ("Fra", "Til"), ("Titel",))


def plan_workbook(plan: Plan, closures: Iterable = ()) -> bytes:
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        for sheet in sheets(plan, closures):
            frame = sheet.frame.copy()
            for col in sheet.date_columns:
                frame[col] = pd.to_datetime(frame[col])  # real Excel dates, not text
            frame.to_excel(writer, sheet_name=sheet.name[:31], index=False)
            _style(writer.sheets[sheet.name[:31]], sheet)
    return buf.getvalue()


def _style(ws: Worksheet, sheet: Sheet) -> None:
    ws.freeze_panes = "A2"
    columns = list(sheet.frame.columns)
    if columns:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(1, len(sheet.frame) + 1)}"
    for cell in ws[1]:
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(vertical="center")
    for idx, col in enumerate(columns, start=1):
        letter = get_column_letter(idx)
        if col in sheet.date_columns:
            width = 12
            for cell in ws[letter][1:]:
                cell.number_format = DATE_FORMAT
        else:
            values = [str(v) for v in sheet.frame[col].tolist() if v is not None and v == v]
            longest = max([len(col), *(len(v) for v in values[:5000])])
            width = min(MAX_WIDTH, max(8, longest + 2))
        ws.column_dimensions[letter].width = width
        if col in sheet.wrap_columns:
            for cell in ws[letter][1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
