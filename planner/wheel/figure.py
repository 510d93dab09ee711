"""The year wheel (årshjul): plan → plotly figure. Pure; the app caches the result.

The wheel is read clockwise from the top. Each ISO week is a wedge whose angle is
proportional to the days it covers inside the year (January–December or the school
year August–July); each layer is a ring. A wedge's colour strength shows how busy the
week is in that layer, and its hover text lists what is in it.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import plotly.graph_objects as go

from planner.calendar.meetings_ahead import meeting_ref
from planner.dates import MONTH_NAMES, format_long, format_short
from planner.plan import SCHEDULED_STATUSES, Plan
from planner.wheel.labels import Band, Label, layout_labels

LAYERS: tuple[str, ...] = ("points", "political", "absence", "other")
LAYER_LABELS: dict[str, str] = {
    "points": "Direktionens punkter",
    "political": "Politiske møder",
    "absence": "Ferie og fravær",
    "other": "Andre aktiviteter",
}
LAYER_COLORS: dict[str, str] = {
    "points": "#1b5e8c",
    "political": "#8e3b8a",
    "absence": "#e08a1e",
    "other": "#2e8b57",
}
EMPTY_COLOR = "#eef1f4"
TODAY_COLOR = "#d62728"
CONFLICT_COLOR = "#c62828"
_GAP = 1.2
_MAX_HOVER_LINES = 10


@dataclass(frozen=True)
class WheelItem:
    layer: str  # one of LAYERS
    start: date
    end: date  # inclusive
    label: str  # Danish, one line
    ref: str = ""  # "point:12", "meeting:3", "event:7", "closure:2", "absence:1", "period:…"
    weight: float = 1.0  # how much it adds to the week's colour strength
    text: str = ""  # what the wheel writes (default: label), e.g. a point's title without its owner


@dataclass(frozen=True)
class WeekSlot:
    monday: date
    first: date  # the part of the week inside the wheel's span
    last: date

    @property
    def week(self) -> int:
        return self.monday.isocalendar().week

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)


def year_span(year: int, start_month: int = 1) -> tuple[date, date]:
    """The wheel's first and last day: a calendar year or a school year from August."""
    first = date(year, start_month, 1)
    last = date(year + 1, start_month, 1) - timedelta(days=1) if start_month != 1 else date(year, 12, 31)
    return first, last


def week_slots(first: date, last: date) -> list[WeekSlot]:
    monday = first - timedelta(days=first.weekday())
    out = []
    while monday <= last:
        out.append(WeekSlot(monday, max(monday, first), min(monday + timedelta(days=6), last)))
        monday += timedelta(days=7)
    return out


def monday_of(d: date) -> date:
    return d - timedelta(days=d.weekday())


def wheel_items(
    plan: Plan, closures: Iterable = (), person: str | None = None, span: tuple[date, date] | None = None
) -> list[WheelItem]:
    """Everything the wheel can show, as one flat list (closures: extra `Period`s, e.g. holidays).

    `span` (first, last): only what touches those days; one year of a 10-year plan is a tenth of it.
    """
    lo, hi = span or (date.min, date.max)
    items: list[WheelItem] = []
    for p in plan.points:
        if p.date is None or not lo <= p.date <= hi or p.status not in SCHEDULED_STATUSES:
            continue
        if person and p.owner != person and person not in p.participants:
            continue
        title = "Lukket punkt" if p.closed else p.title
        owner = f" ({p.owner})" if p.owner else ""
        items.append(WheelItem("points", p.date, p.date, f"{title}{owner}", f"point:{p.id}", text=title))
    for m in plan.meetings:
        if m.status == "aflyst" or not lo <= m.date <= hi:
            continue
        label = f"Direktionsmøde {m.start:%H:%M}–{m.end:%H:%M}" + (" (ekstra)" if m.extra else "")
        items.append(WheelItem("points", m.date, m.date, label, meeting_ref(m), weight=0.25))
    for e in plan.events:
        if e.status == "cancelled" or e.end < lo or e.start > hi:
            continue
        layer = "political" if e.category == "political" else "other"
        items.append(WheelItem(layer, e.start, e.end, e.title, f"event:{e.id}"))
    seen: set[tuple[str, date, date]] = set()
    for c in plan.closures:
        if c.end < lo or c.start > hi:
            continue
        seen.add((c.label, c.start, c.end))
        items.append(WheelItem("absence", c.start, c.end, c.label, f"closure:{c.id}"))
    for period in closures:
        key = (period.label, period.start, period.end)
        if (
            key in seen
            or getattr(period, "kind", "") == "school_event"
            or period.end < lo
            or period.start > hi
        ):
            continue
        seen.add(key)
        items.append(WheelItem("absence", period.start, period.end, period.label, f"period:{period.start}"))
    for a in plan.absences:
        if (person and a.person != person) or a.end < lo or a.start > hi:
            continue
        items.append(WheelItem("absence", a.start, a.end, f"Fravær: {a.person}", f"absence:{a.id}"))
    items.extend(it for it in activity_items(plan) if it.end >= lo and it.start <= hi)
    return items


def ring_layer(ring_id: int | None) -> str:
    return f"ring:{ring_id}"


def activity_items(plan: Plan) -> list[WheelItem]:
    """The own rings' activities, a yearly one once per year the plan covers (and two more)."""
    if not plan.activities:
        return []
    years = [m.date.year for m in plan.meetings] + [a.start.year for a in plan.activities]
    first, last = date(min(years) - 1, 1, 1), date(max(years) + 2, 12, 31)
    out = []
    for a in plan.activities:
        for start, end in a.occurrences(first, last):
            out.append(WheelItem(ring_layer(a.ring_id), start, end, a.title, f"activity:{a.id}"))
    return out


def wheel_styles(plan: Plan) -> dict[str, tuple[str, str]]:
    """Layer key → (Danish label, colour): the fixed layers, then the own rings in their order."""
    # The own rings come right inside the Direktion's ring: further out there is more room for text.
    styles = {"points": (LAYER_LABELS["points"], LAYER_COLORS["points"])}
    for r in sorted(plan.rings, key=lambda r: (r.position, r.id or 0)):
        styles[ring_layer(r.id)] = (r.name, r.color)
    styles.update({layer: (LAYER_LABELS[layer], LAYER_COLORS[layer]) for layer in LAYERS[1:]})
    return styles


def items_by_week(
    items: Iterable[WheelItem], first: date, last: date
) -> dict[tuple[str, date], list[WheelItem]]:
    """(layer, monday) → items touching that week, limited to [first, last]."""
    out: dict[tuple[str, date], list[WheelItem]] = defaultdict(list)
    for it in items:
        if it.end < first or it.start > last:
            continue
        monday = monday_of(max(it.start, first))
        stop = min(it.end, last)
        while monday <= stop:
            out[(it.layer, monday)].append(it)
            monday += timedelta(days=7)
    return out


def week_range_text(slot: WeekSlot) -> str:
    a, b = slot.monday, slot.sunday
    if a.month == b.month:
        return f"{a.day}.–{format_short(b)}"
    if a.year != b.year:
        return f"{format_short(a)} – {format_short(b)}"
    return f"{format_short(a).rsplit(' ', 1)[0]} – {format_short(b)}"


def _hover(slot: WeekSlot, label: str, found: Sequence[WheelItem]) -> str:
    head = f"<b>uge {slot.week}</b> · {week_range_text(slot)}<br><i>{label}</i>"
    if not found:
        return head + "<br>(intet)"
    ordered = sorted(found, key=lambda it: (it.start, it.weight >= 1, it.label))
    lines = [f"• {it.start.day}/{it.start.month} {_clip(it.label)}" for it in ordered[:_MAX_HOVER_LINES]]
    if len(ordered) > _MAX_HOVER_LINES:
        lines.append(f"… og {len(ordered) - _MAX_HOVER_LINES} mere")
    return head + "<br>" + "<br>".join(lines)


def _clip(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# Ring thickness per layer (radial units): the Direktion's points are written most, so widest.
_THICKNESS = {"points": 30.0, "political": 19.0, "absence": 19.0, "other": 17.0}
_OWN_THICKNESS = 20.0
_HOLE = 18.0
APP_HEIGHT_PX = 660


def ring_bands(shown: Sequence[str]) -> list[Band]:
    """The rings from the outside in: the first layer is the outermost ring."""
    bands, r = [], _HOLE
    for layer in reversed(shown):
        thick = _THICKNESS.get(layer, _OWN_THICKNESS)
        bands.append(Band(layer, r, r + thick))
        r += thick + _GAP
    return list(reversed(bands))


def outer_radius(shown: Sequence[str]) -> float:
    bands = ring_bands(shown)
    return (bands[0].outer if bands else _HOLE) + _GAP


def build_wheel(
    items: Sequence[WheelItem],
    first: date,
    last: date,
    layers: Sequence[str] = LAYERS,
    today: date | None = None,
    conflict_weeks: Iterable[date] = (),
    selected_week: date | None = None,
    styles: Mapping[str, tuple[str, str]] | None = None,
    text: bool = True,
    wheel_px: float | None = None,
    font_px: float = 10.0,
    validate: bool = True,
) -> go.Figure:
    """The figure: one barpolar trace per layer (customdata = the week's Monday as ISO text), with
    the names written on the rings (`text`). `wheel_px`: the wheel's diameter on screen or paper,
    which decides how much text fits (default: the app's chart).

    `validate=False` skips plotly's check of every property, most of the drawing time (and more on
    a process's first figure, which imports a checker per property), for a figure that is only
    shown: every value here is already in the form the check gives it (tests/test_wheel.py
    compares), but a figure made so keeps later changes unchecked too (`height=None` would be
    written as null instead of removing the height)."""
    styles = dict(styles or {layer: (LAYER_LABELS[layer], LAYER_COLORS[layer]) for layer in LAYERS})
    total = (last - first).days + 1

    def angle(d: date, frac: float = 0.0) -> float:
        return ((d - first).days + frac) / total * 360.0

    slots = week_slots(first, last)
    grouped = items_by_week(items, first, last)
    traces: list[dict] = []
    shown = [layer for layer in styles if layer in layers]
    bands = ring_bands(shown)
    outer = outer_radius(shown)
    reach = outer + 24  # the month names end here
    for band in bands:
        layer = band.layer
        label, color = styles[layer]
        thetas, widths, colors, hovers, custom = [], [], [], [], []
        for slot in slots:
            found = grouped.get((layer, slot.monday), [])
            weight = sum(it.weight for it in found)
            thetas.append(angle(slot.first) + ((slot.last - slot.first).days + 1) / total * 180.0)
            widths.append(((slot.last - slot.first).days + 1) / total * 360.0)
            # Pale enough for dark text to stay readable on the busiest week.
            strength = min(0.62, 0.22 + 0.12 * weight) if text else min(1.0, 0.35 + 0.22 * weight)
            if selected_week is not None and slot.monday == selected_week:
                strength = 0.8 if text else 1.0
            colors.append(_rgba(color, strength) if weight else EMPTY_COLOR)
            hovers.append(_hover(slot, label, found))
            custom.append(slot.monday.isoformat())
        line_colors = ["#222" if selected_week == s.monday else "white" for s in slots]
        line_widths = [2.5 if selected_week == s.monday else 0.6 for s in slots]
        traces.append(
            _barpolar(
                r=[band.outer - band.inner] * len(slots),
                base=[band.inner] * len(slots),
                theta=thetas,
                width=widths,
                marker=dict(color=colors, line=dict(color=line_colors, width=line_widths)),
                name=label,
                legendgroup=layer,
                customdata=custom,
                hovertext=hovers,
                hoverinfo="text",
                showlegend=False,
            )
        )
        # A legend entry with a solid swatch (the ring's own swatch would be grey when the first week is empty).
        traces.append(
            _scatterpolar(
                r=[None],
                theta=[None],
                mode="markers",
                name=label,
                legendgroup=layer,
                marker=dict(color=color, size=14, symbol="square"),
                hoverinfo="skip",
            )
        )
    traces.append(_week_ring(slots, outer, angle, total, selected_week))
    traces += _month_ring(first, last, outer + 7.5, angle)
    conflict_weeks = sorted(set(conflict_weeks))
    if conflict_weeks:
        cw = [s for s in slots if s.monday in conflict_weeks]
        traces.append(
            _scatterpolar(
                r=[outer + 1.0] * len(cw),
                theta=[angle(s.first) + ((s.last - s.first).days + 1) / total * 180 for s in cw],
                mode="markers",
                marker=dict(color=CONFLICT_COLOR, size=8, symbol="diamond"),
                name="Konflikt",
                hovertext=[f"uge {s.week}: konflikt – se detaljer" for s in cw],
                hoverinfo="text",
                customdata=[s.monday.isoformat() for s in cw],
            )
        )
    if today is not None and first <= today <= last:
        t = angle(today, 0.5)
        traces.append(
            _scatterpolar(
                r=[_HOLE - 4, outer + 13.5],
                theta=[t, t],
                mode="lines+text",
                text=["", "i dag"],
                textposition="top center",
                textfont=dict(color=TODAY_COLOR, size=13),
                line=dict(color=TODAY_COLOR, width=3),
                name=f"I dag ({format_long(today)})",
                hovertext=[f"I dag: {format_long(today)}"] * 2,
                hoverinfo="text",
            )
        )
    fig = go.Figure(data=traces, _validate=validate)
    _never_dim(fig)
    title = f"{first.year}" if first.month == 1 else f"{first.year}/{str(last.year)[2:]}"
    annotations = [
        dict(
            text=f"<b>Årshjul</b><br>{title}",
            x=0,
            y=0,
            xref="x",
            yref="y",
            showarrow=False,
            font=dict(size=16 if _HOLE * 2 < 40 else 20, color="#1b3a57"),
        )
    ]
    if text:
        diameter = wheel_px or (APP_HEIGHT_PX - 90)  # the legend takes the rest
        labels = layout_labels(bands, slots, grouped, items, first, last, diameter / 2 / reach, font_px)
        annotations += [_annotation(lb) for lb in labels]
    # A hidden cartesian plane over the polar one, with the same centre and scale: the labels are
    # annotations in its coordinates, because only annotations can be rotated.
    axis = dict(visible=False, range=[-reach, reach], fixedrange=True)
    fig.update_layout(
        polar=dict(
            hole=0.0,
            bgcolor="white",
            radialaxis=dict(visible=False, range=[0, reach]),
            angularaxis=dict(visible=False, rotation=90, direction="clockwise"),
        ),
        xaxis=dict(axis, scaleanchor="y", scaleratio=1, constrain="range"),
        yaxis=dict(axis, constrain="range"),
        showlegend=True,
        legend=dict(orientation="h", yanchor="top", y=-0.02, xanchor="center", x=0.5, font=dict(size=13)),
        margin=dict(l=10, r=10, t=10, b=10),
        height=APP_HEIGHT_PX,
        paper_bgcolor="white",
        plot_bgcolor="rgba(0,0,0,0)",
        annotations=annotations,
        hoverlabel=dict(bgcolor="white", font=dict(size=12), align="left"),
        dragmode="zoom",  # in a polar plot only "zoom" turns a click into a selection (plotly.js)
    )
    return fig


# The traces are plain dicts, made into plotly objects by the figure at once (see build_wheel).
def _barpolar(**props) -> dict:
    return dict(type="barpolar", **props)


def _scatterpolar(**props) -> dict:
    return dict(type="scatterpolar", **props)


def _annotation(label: Label) -> dict:
    x, y = label.xy
    return dict(
        x=x,
        y=y,
        xref="x",
        yref="y",
        text=html.escape(label.text),
        textangle=(label.angle + 180) % 360 - 180,  # in [-180, 180), as plotly's validator writes it
        showarrow=False,
        xanchor="center",
        yanchor="middle",
        captureevents=False,
        font=dict(size=round(label.size, 1), color="#14202b"),
        hovertext=html.escape(label.full).replace("\n", "<br>"),
    )


def _rgba(hex_color: str, alpha: float) -> str:
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha:.2f})"


def _never_dim(fig: go.Figure) -> None:
    """Clicking a week selects it (st.plotly_chart on_select); plotly would then dim everything else."""
    for trace in fig.data:
        if isinstance(trace, go.Barpolar):
            trace.unselected = dict(marker=dict(opacity=1))
            trace.selected = dict(marker=dict(opacity=1))
        elif isinstance(trace, go.Scatterpolar):
            color = trace.textfont.color if trace.textfont and trace.textfont.color else "#444"
            trace.unselected = dict(marker=dict(opacity=1), textfont=dict(color=color))
            trace.selected = dict(marker=dict(opacity=1), textfont=dict(color=color))


def _week_ring(slots: list[WeekSlot], radius: float, angle, total: int, selected) -> dict:
    thetas = [angle(s.first) + ((s.last - s.first).days + 1) / total * 180 for s in slots]
    return _scatterpolar(
        r=[radius + 4.3] * len(slots),
        theta=thetas,
        mode="text",
        text=[f"<b>{s.week}</b>" if s.monday == selected else str(s.week) for s in slots],
        textfont=dict(size=9, color="#444"),
        hoverinfo="skip",
        showlegend=False,
    )


def _month_ring(first: date, last: date, radius: float, angle) -> list[dict]:
    starts, d = [], first
    while d <= last:
        starts.append(d)
        d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    traces = []
    for i, m in enumerate(starts):
        nxt = starts[i + 1] if i + 1 < len(starts) else last + timedelta(days=1)
        traces.append(
            _barpolar(
                r=[6],
                base=[radius],
                theta=[(angle(m) + angle(nxt)) / 2],
                width=[angle(nxt) - angle(m)],
                marker=dict(color="#dfe7ef" if i % 2 else "#c9d6e3", line=dict(color="white", width=1)),
                hoverinfo="skip",
                showlegend=False,
            )
        )
    traces.append(
        _scatterpolar(
            r=[radius + 6.5] * len(starts),
            textposition=[
                _outward(
                    angle(m)
                    + (angle(starts[i + 1] if i + 1 < len(starts) else last + timedelta(days=1)) - angle(m))
                    / 2
                )
                for i, m in enumerate(starts)
            ],
            theta=[
                (angle(m) + angle(starts[i + 1] if i + 1 < len(starts) else last + timedelta(days=1))) / 2
                for i, m in enumerate(starts)
            ],
            mode="text",
            text=[MONTH_NAMES[m.month - 1].capitalize() for m in starts],
            textfont=dict(size=13, color="#1b3a57"),
            hoverinfo="skip",
            showlegend=False,
        )
    )
    return traces


def _outward(theta: float) -> str:
    """Text position pointing away from the centre for a clockwise-from-top angle."""
    t = theta % 360
    vertical = "top" if t < 45 or t > 315 else "bottom" if 135 < t < 225 else "middle"
    horizontal = "right" if 20 < t < 160 else "left" if 200 < t < 340 else "center"
    return f"{vertical} {horizontal}"


def week_details(items: Iterable[WheelItem], monday: date) -> dict[str, list[WheelItem]]:
    """Layer → the items of the week starting `monday`, sorted by date."""
    sunday = monday + timedelta(days=6)
    out: dict[str, list[WheelItem]] = {layer: [] for layer in LAYERS}
    for it in items:
        if it.start <= sunday and it.end >= monday:
            out.setdefault(it.layer, []).append(it)
    for layer in out:
        out[layer].sort(key=lambda it: (it.start, it.weight >= 1, it.label))
    return out


def default_year(plan: Plan, today: date, start_month: int = 1) -> int:
    """Today's (school) year, also when no document has reached it yet: the rhythm's meetings are
    there, and the view says that the year has no documents (`plan` is kept for the callers)."""
    return today.year if today.month >= start_month else today.year - 1
