"""The wheel on paper: PDF (A3 or A4 landscape), PNG and SVG, with title, year, legend and date.

The figure is the app's wheel (`wheel.build_wheel`) laid out for a page. It is drawn by
plotly's own static export (kaleido 1.x), which drives Debian's chromium: the PDF is
Chrome's own print of the SVG, so every name on the wheel is real text in the PDF.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import plotly.graph_objects as go

from planner.danish import WHEEL_START_MONTHS
from planner.dates import format_long
from planner.errors import PlannerError
from planner.plan import Plan
from planner.wheel.figure import LAYERS, build_wheel, wheel_items, wheel_styles, year_span

FORMATS = ("pdf", "png", "svg")
START_MONTHS = WHEEL_START_MONTHS
CHROMIUM = "/usr/bin/chromium"


@dataclass(frozen=True)
class Paper:
    name: str
    width_px: int  # CSS pixels (96 per inch) of a landscape page
    height_px: int
    font_px: float


PAPERS = {
    "a3": Paper("A3", 1587, 1123, 11.0),  # 420 × 297 mm
    "a4": Paper("A4", 1123, 794, 8.5),  # 297 × 210 mm
}
_TOP, _BOTTOM, _SIDE = 62, 34, 20
_LEGEND_PX = 290


class ExportError(PlannerError):
    """The wheel could not be drawn (no browser, a file that cannot be written); Danish message."""


@dataclass(frozen=True)
class WheelRequest:
    """Which wheel: a (school) year, its layers and maybe one person."""

    year: int
    start_month: int = 1
    layers: tuple[str, ...] = ()  # empty: every layer and own ring
    person: str | None = None

    def label(self) -> str:
        return str(self.year) if self.start_month == 1 else f"{self.year}/{str(self.year + 1)[2:]}"


def shown_layers(plan: Plan, request: WheelRequest) -> list[str]:
    styles = wheel_styles(plan)
    return [k for k in styles if not request.layers or k in request.layers]


def print_figure(
    plan: Plan,
    request: WheelRequest,
    printed: date,
    paper: Paper = PAPERS["a3"],
    closures: Sequence = (),
    title: str = "Direktionens årshjul",
) -> go.Figure:
    """The wheel laid out on a landscape page: title and year on top, legend on the right, and
    "udskrevet <date>" at the bottom. No today marker and no selection: it is a document."""
    first, last = year_span(request.year, request.start_month)
    styles = wheel_styles(plan)
    layers = shown_layers(plan, request)
    items = wheel_items(plan, closures, request.person, (first, last))
    diameter = paper.height_px - _TOP - _BOTTOM
    fig = build_wheel(items, first, last, layers, styles=styles, wheel_px=diameter, font_px=paper.font_px)
    fig.update_layout(
        width=paper.width_px,
        height=paper.height_px,
        margin=dict(l=_SIDE, r=_LEGEND_PX, t=_TOP, b=_BOTTOM),
        title=dict(
            text=f"<b>{title} {request.label()}</b>" + (f" · {request.person}" if request.person else ""),
            x=0.02,
            xanchor="left",
            y=1 - 18 / paper.height_px,
            yanchor="top",
            font=dict(size=24, color="#1b3a57"),
        ),
        legend=dict(
            orientation="v",
            x=1.01,
            xanchor="left",
            y=0.5,
            yanchor="middle",
            font=dict(size=14),
            title=dict(text="<b>Ringe</b>", font=dict(size=15)),
        ),
    )
    fig.add_annotation(
        text=f"udskrevet {format_long(printed)}",
        xref="paper",
        yref="paper",
        x=1.0,
        y=0,
        xanchor="right",
        yanchor="top",
        yshift=-8,
        showarrow=False,
        font=dict(size=12, color="#555"),
    )
    return fig


def write_wheel(fig: go.Figure, path: Path | str, fmt: str) -> Path:
    """Write `fig` as pdf, png or svg with plotly's static export (kaleido + Debian's chromium)."""
    if fmt not in FORMATS:
        raise ExportError(f"ukendt format {fmt!r}; mulige: {', '.join(FORMATS)}")
    path = Path(path)
    if not path.parent.is_dir():
        raise ExportError(f"{path}: mappen {path.parent} findes ikke")
    if os.path.exists(CHROMIUM):
        os.environ.setdefault("BROWSER_PATH", CHROMIUM)  # kaleido's choreographer looks here first
    for attempt in (1, 2):
        try:
            fig.write_image(str(path), format=fmt, scale=2 if fmt == "png" else 1)
            break
        except Exception as exc:  # kaleido reports a missing or crashing browser in many ways
            # On a busy machine kaleido's page sometimes runs its script before it has loaded: once more.
            if attempt == 2:
                raise ExportError(
                    f"{path}: årshjulet kunne ikke tegnes ({type(exc).__name__}: {exc}); "
                    "kræver chromium (make browser-deps)"
                ) from None
    return path


def wheel_bytes(fig: go.Figure, fmt: str) -> bytes:
    """The exported file's content (for the app's download buttons)."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="aarshjul-") as tmp:
        out = write_wheel(fig, Path(tmp) / f"aarshjul.{fmt}", fmt)
        return out.read_bytes()


def parse_layers(text: str | None, plan: Plan) -> tuple[str, ...]:
    """--layers "points,political,Budgetproces": layer keys or ring names, comma-separated."""
    if not text:
        return ()
    styles = wheel_styles(plan)
    by_name = {label.casefold(): key for key, (label, _) in styles.items()}
    out = []
    for word in (w.strip() for w in text.split(",")):
        if not word:
            continue
        key = word if word in styles else by_name.get(word.casefold())
        if key is None:
            known = ", ".join([*LAYERS, *(label for k, (label, _) in styles.items() if k not in LAYERS)])
            raise ExportError(f"ukendt lag {word!r}; mulige: {known}")
        out.append(key)
    return tuple(out)
