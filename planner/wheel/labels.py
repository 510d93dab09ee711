"""Where the names go on the wheel: a pure layout of short labels in the rings.

A printed wheel must be readable without hovering, so every ring writes what it holds:

- an item that lasts two weeks or more (a holiday, a budget phase) is written *along* its arc,
  centred on the part of the ring it covers;
- every other week writes its most important item *across* the ring (radially), with "+2"
  when it holds more. Text on the left half reads inwards, so none is upside down.

Text that does not fit is shortened at a word boundary with "…"; a week too narrow for even
small text gets no label (its hover and the week details still list everything). Sizes are
estimated from the font size: an average character is about 0.56 em wide in the sans-serif
font plotly uses, which errs on the safe side for Danish titles.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

CHAR_EM = 0.52  # average character width / font size
MIN_FONT_PX = 7.0
ALONG_MIN_DAYS = 8  # items this long are written along the ring
_PAD_PX = 2.5


@dataclass(frozen=True)
class Band:
    """A ring: its layer key and its radii (in the wheel's radial units)."""

    layer: str
    inner: float
    outer: float

    @property
    def middle(self) -> float:
        return (self.inner + self.outer) / 2


@dataclass(frozen=True)
class Label:
    layer: str
    text: str  # what is written (maybe shortened)
    full: str  # the whole text, for hover
    r: float  # radial position of the text's centre
    theta: float  # degrees, clockwise from the top
    angle: float  # plotly textangle: degrees clockwise from horizontal
    size: float  # font px
    along: bool  # written along the ring (else across it)

    @property
    def xy(self) -> tuple[float, float]:
        t = math.radians(self.theta)
        return self.r * math.sin(t), self.r * math.cos(t)


class Labelled:
    """What the layout needs to know about an item (a WheelItem fits)."""

    layer: str
    start: date
    end: date
    label: str
    weight: float
    text: str


def fit(text: str, width_px: float, font_px: float) -> str:
    """`text` cut to `width_px` at `font_px`, at a word boundary when that keeps most of it."""
    room = int(width_px / (font_px * CHAR_EM))
    if len(text) <= room:
        return text
    if room < 4:
        return ""
    cut = text[: room - 1].rstrip()
    space = cut.rfind(" ")
    if space >= 0.6 * (room - 1):
        cut = cut[:space]
    return cut.rstrip(" ,.;:–-(") + "…"


def radial_angle(theta: float) -> float:
    """Text across the ring: reading outwards on the right half, inwards on the left."""
    t = theta % 360
    return t - 90 if t < 180 else t - 270


def along_angle(theta: float) -> float:
    """Text along the ring: never upside down (the bottom half reads counter-clockwise)."""
    t = theta % 360
    if 90 < t < 270:
        return t - 180
    return t - 360 if t >= 270 else t


def layout_labels(
    bands: Sequence[Band],
    slots: Sequence,  # WeekSlot: .monday, .first, .last
    grouped: Mapping[tuple[str, date], Sequence],  # (layer, monday) -> items of that week
    items: Sequence,  # every item of the span (for the long ones)
    first: date,
    last: date,
    px_per_unit: float,
    font_px: float = 10.0,
) -> list[Label]:
    total = (last - first).days + 1

    def theta(d: date, frac: float = 0.0) -> float:
        return ((d - first).days + frac) / total * 360.0

    out: list[Label] = []
    for band in bands:
        taken = _along(band, items, first, last, theta, total, px_per_unit, font_px, out)
        _across(band, slots, grouped, taken, theta, total, px_per_unit, font_px, out)
    return out


def _along(
    band: Band,
    items: Sequence,
    first: date,
    last: date,
    theta: Callable,
    total: int,
    px: float,
    font_px: float,
    out: list[Label],
) -> set[date]:
    """Long items written along the ring; returns the Mondays they cover (no other label there)."""
    thickness = (band.outer - band.inner) * px
    size = min(font_px, thickness * 0.7)
    covered: set[date] = set()
    if size < MIN_FONT_PX:
        return covered
    spans: list[tuple[float, float]] = []
    long_items = [
        it
        for it in items
        if it.layer == band.layer
        and it.end >= first
        and it.start <= last
        and (min(it.end, last) - max(it.start, first)).days + 1 >= ALONG_MIN_DAYS
    ]
    long_items.sort(key=lambda it: (-(it.end - it.start).days, it.start, it.label))
    for it in long_items:
        a, b = theta(max(it.start, first)), theta(min(it.end, last), 1.0)
        if any(a < hi and lo < b for lo, hi in spans):
            continue
        # The text sits on the middle radius, but its ends stand out of the curve: measure on the inner side.
        width = math.radians(b - a) * (band.middle - (band.outer - band.inner) * 0.25) * px - _PAD_PX * 2
        text = fit(_wheel_text(it), width, size)
        if not text:
            continue
        spans.append((a, b))
        mid = (a + b) / 2
        out.append(Label(band.layer, text, it.label, band.middle, mid, along_angle(mid), size, True))
        monday = max(it.start, first)
        while monday <= min(it.end, last):
            covered.add(_monday(monday))
            monday = date.fromordinal(monday.toordinal() + 7)
    return covered


def _across(
    band: Band,
    slots: Sequence,
    grouped: Mapping,
    taken: set[date],
    theta: Callable,
    total: int,
    px: float,
    font_px: float,
    out: list[Label],
) -> None:
    length = (band.outer - band.inner) * px - _PAD_PX * 2
    for slot in slots:
        if slot.monday in taken:
            continue
        found = [it for it in grouped.get((band.layer, slot.monday), ()) if it.weight >= 1]
        if not found:
            continue
        days = (slot.last - slot.first).days + 1
        # The room across the wedge, at the inner edge of the text's middle line.
        wide = math.radians(days / total * 360.0) * band.middle * px
        size = min(font_px, wide * 0.78)
        if size < MIN_FONT_PX:
            continue
        found.sort(key=lambda it: (it.start, it.label))
        text = _joined([_wheel_text(it) for it in found], length, size)
        if not text and size > MIN_FONT_PX:  # smaller type rather than no text
            size = MIN_FONT_PX
            text = _joined([_wheel_text(it) for it in found], length, size)
        if not text:
            continue
        mid = theta(slot.first, days / 2)
        full = "\n".join(it.label for it in found)
        out.append(Label(band.layer, text, full, band.middle, mid, radial_angle(mid), size, False))


def _joined(texts: list[str], width_px: float, font_px: float) -> str:
    """As many of the names as fit, joined by ", ", then "+n" for the rest ("ØK, KB +2")."""
    shown: list[str] = []
    for k, name in enumerate(texts):
        rest = len(texts) - k - 1
        more = f" +{rest}" if rest else ""
        candidate = ", ".join([*shown, name]) + more
        if fit(candidate, width_px, font_px) == candidate:
            shown.append(name)
            continue
        if shown:  # the rest as a count
            return ", ".join(shown) + f" +{len(texts) - k}"
        cut = fit(name, width_px - len(more) * font_px * CHAR_EM, font_px)
        return cut + more if len(cut) >= 4 else ""
    return ", ".join(shown)


_ABBREVIATION = re.compile(r"\(([A-ZÆØÅ]{2,5})\)")


def _wheel_text(item) -> str:
    """The wheel's short text: an item's abbreviation when it has one ("Økonomiudvalget (ØK)" → "ØK")."""
    text = getattr(item, "text", "") or item.label
    found = _ABBREVIATION.search(text)
    return found.group(1) if found else text


def _monday(d: date) -> date:
    return date.fromordinal(d.toordinal() - d.weekday())
