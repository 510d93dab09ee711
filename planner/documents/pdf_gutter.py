"""A page laid out in two columns of text: each column read on its own, the left one first.

A holiday plan printed in two columns (autumn to Christmas on the left, spring on the right, or two
"Ferie | Dato" tables side by side) gives lines that run across the gutter: read as they stand, each
holiday meets the other column's dates. The columns are seen by their gutter: a white channel at
least about a line high wide that no line of a block of lines crosses, with text on both sides that
is wide (each side a third of the block's width or more; the gap after a table's narrow date column
is no gutter). A table of two wide columns whose lines pair up row by row on both sides stays a
table, unless each side is itself a table (its own wide gaps: two tables side by side) or a list (a
bulleted list set in two columns).
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.documents.pdf_layout import BULLETS, Line, cut_of

_MIN_SIDE = 0.35  # each column holds at least this share of the block's width
_MAX_STEP = 3.0  # line heights of white space between two lines of one block of columns


@dataclass(slots=True, frozen=True)
class Segment:
    """Lines that flow on their own: the page's body, or one column of a block in two columns, whose
    full lines end at `right` (the longest line's end; None: the page's right edge)."""

    lines: list[Line]
    right: float | None = None


def split_gutters(run: list[Line]) -> list[Segment]:
    """`run` in reading order, as segments that each flow on their own: a block of two columns
    gives its left column's lines, then its right column's (lines standing across the gutter are
    cut in two)."""
    if not any(ln.gutters for ln in run):
        return [Segment(run)]  # no gap as wide as a gutter (most documents)
    segments: list[Segment] = []
    done = i = 0  # run[done:i]: lines read as they stand, not yet in a segment
    while i < len(run):
        found = _block_at(run, i, done) if run[i].gutters else None
        if found is None:
            i += 1
            continue
        first, end, left, right = found
        if first > done:
            segments.append(Segment(run[done:first]))
        segments += [Segment(side, max(ln.x1 for ln in side)) for side in (left, right)]
        done = i = end
    if done < len(run):
        segments.append(Segment(run[done:]))
    return segments


def _block_at(run: list[Line], k: int, lo: int) -> tuple[int, int, list[Line], list[Line]] | None:
    """The block of two columns whose gutter runs through a gap of line k (it may start further up,
    not above line `lo`): (its first line, the line after its last, the left column's lines, the
    right column's)."""
    line = run[k]
    for g in line.gutters:
        channel: tuple[float, float] | None = (line.glyphs[g - 1].x1, line.glyphs[g].x0)
        first = last = k
        while first > lo and _near(run[first - 1], run[first]):
            wider = _through(run[first - 1], channel)
            if wider is None:
                break
            channel, first = wider, first - 1
        while last + 1 < len(run) and _near(run[last], run[last + 1]):
            wider = _through(run[last + 1], channel)
            if wider is None:
                break
            channel, last = wider, last + 1
        if channel is None:
            continue
        first, last = _overlap(run, first, last, (channel[0] + channel[1]) / 2)
        sides = _sides(run[first : last + 1], channel)
        if sides is not None:
            return first, last + 1, *sides
    return None


def _overlap(run: list[Line], first: int, last: int, mid: float) -> tuple[int, int]:
    """The block without the lines on one side only above the other column's first line or below its
    last: a paragraph under both columns, as wide as one of them ("Skolens kontor har lukket."), is
    text under the columns, not the end of the left one."""
    tops: dict[bool, float] = {}
    bottoms: dict[bool, float] = {}
    for line in run[first : last + 1]:
        for right in {line.x0 >= mid, line.x1 > mid}:
            tops.setdefault(right, line.top)
            bottoms[right] = line.bottom
    if len(tops) < 2:
        return first, last
    top, bottom = max(tops.values()), min(bottoms.values())
    while first < last and run[first].bottom <= top and _one_side(run[first], mid):
        first += 1
    while last > first and run[last].top >= bottom and _one_side(run[last], mid):
        last -= 1
    return first, last


def _one_side(line: Line, mid: float) -> bool:
    return line.x1 <= mid or line.x0 >= mid


def _near(above: Line, below: Line) -> bool:
    return (
        below.page == above.page
        and below.top >= above.top
        and below.top - above.bottom < _MAX_STEP * max(above.height, below.height)
    )


def _through(line: Line, channel: tuple[float, float] | None) -> tuple[float, float] | None:
    """The channel narrowed to the white space of `line` around it; None when the line crosses it or
    leaves it narrower than a gutter."""
    if channel is None:
        return None
    a, b = channel
    mid = (a + b) / 2
    for glyph in line.glyphs:
        centre = (glyph.x0 + glyph.x1) / 2
        if centre < mid:
            a = max(a, glyph.x1)
        else:
            b = min(b, glyph.x0)
            break
    if b - a < 0.9 * line.height:
        return None
    return a, b


def _sides(lines: list[Line], channel: tuple[float, float] | None) -> tuple[list[Line], list[Line]] | None:
    if channel is None or len(lines) < 3:
        return None
    mid = sum(channel) / 2
    left: list[Line] = []
    right: list[Line] = []
    paired = 0
    for line in lines:
        cut = next((j for j, g in enumerate(line.glyphs) if g.x0 >= mid), len(line.glyphs))
        if cut:
            left.append(line if cut == len(line.glyphs) else cut_of(line, 0, cut))
        if cut < len(line.glyphs):
            right.append(line if cut == 0 else cut_of(line, cut, len(line.glyphs)))
        paired += 0 < cut < len(line.glyphs)
    if len(left) < 2 or len(right) < 2:
        return None
    x0, x1 = min(ln.x0 for ln in left), max(ln.x1 for ln in right)
    width = x1 - x0
    if (
        max(ln.x1 for ln in left) - x0 < _MIN_SIDE * width
        or x1 - min(ln.x0 for ln in right) < _MIN_SIDE * width
    ):
        return None  # a narrow column beside a wide one: a table's columns, not a page's
    if (
        paired == len(lines)
        and not (_tabled(left) and _tabled(right))
        and not (_listed(left) and _listed(right))
    ):
        return None  # every line on both sides, row by row: a table of two wide columns
    return left, right


def _listed(lines: list[Line]) -> bool:
    """Most lines of this side start with a bullet: a list set in two columns."""
    return sum(1 for ln in lines if ln.glyphs[0].text in BULLETS) * 2 > len(lines)


def _tabled(lines: list[Line]) -> bool:
    """Most lines of this side have a wide gap of their own: a table."""
    return sum(1 for ln in lines if ln.gutters) * 2 > len(lines)
