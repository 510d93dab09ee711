"""Page geometry: glyphs into lines, ruling lines into table grids, aligned gaps into unruled tables."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import compress, pairwise
from operator import eq, itemgetter, not_, sub

from planner.documents.pdf_page import Glyph, Segment

_SNAP = 2.0  # ruling lines closer than this (points) are the same line
_MIN_CELL = 4.0  # narrower or lower bands are double borders, not cells
WIDE_GAP = 1.5  # a gap of this many line heights separates columns ("14. aug.      Årlig dialogmøde")
GUTTER_GAP = 0.9  # a gap of this many line heights may be the gutter between two columns of a page
_LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb06": "st"}
)
_LIGATURE_CHARS = frozenset("\ufb00\ufb01\ufb02\ufb03\ufb04\ufb06")
_MARKER = re.compile(r"^(?:[•●▪■◦○–\-·*o\uf0b7\uf0a7\uf076\uf0d8➢►]|\d{1,2}[.)]|[a-zA-Z][.)])$")
BULLETS = frozenset("•●▪■◦○–-·*\uf0b7\uf0a7\uf076\uf0d8➢►")


@dataclass(slots=True, eq=False)
class Line:
    """One visual line of text in one region (the page body or a table cell)."""

    glyphs: list[Glyph]
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    height: float
    bold: bool
    first_word: float  # the width of its first word: would it have fitted on the line above?
    page: int
    starts: list[int] = field(default_factory=list)  # glyph indexes where a column starts after a wide gap
    no: int = 0  # 1-based line number on its page
    marker_gap: int = 0  # glyph index after a wide gap that follows a leading marker ("15.", "1)", "•")
    words: list[int] = field(default_factory=list)  # glyph indexes where a word starts, after the first
    gutters: list[int] = field(default_factory=list)  # glyph indexes after a gap wider than GUTTER_GAP

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2


def make_lines(glyphs: list[Glyph], page: int) -> list[Line]:
    """Glyphs grouped into lines (a glyph whose middle lies inside a line's box belongs to it), top down."""
    if not glyphs:
        return []
    # Sorted by their middles, doubled (top + bottom: the same order, and no rounding in the halving
    # left out), the lines are runs of that order: found by bisection, not glyph by glyph.
    n = len(glyphs)
    twice = [g.top + g.bottom for g in glyphs]
    order = sorted(range(n), key=twice.__getitem__)
    mids = list(map(twice.__getitem__, order))
    ordered = list(map(glyphs.__getitem__, order))
    lines: list[Line] = []
    i = 0
    while i < n:
        first = ordered[i]
        # The line takes the glyphs after its first whose middle lies within the first one's top and
        # bottom; the middles ascend, so one below the top (a glyph box upside down) ends it at once.
        j = i + 1
        if j < n and mids[j] >= 2 * first.top:
            j = bisect_right(mids, 2 * first.bottom, j)
        group = ordered[i:j] if j - i == 1 else sorted(ordered[i:j], key=_X0)
        lines.append(_line(_single(group), page))
        i = j
    return lines


_X0 = itemgetter(1)  # Glyph.x0
_TEXT = itemgetter(0)  # Glyph.text


def _single(glyphs: list[Glyph]) -> list[Glyph]:
    """Without the copies some printers draw over a glyph, a hair's breadth to the side, to fake bold."""
    # Most lines have none: the first copy is looked for among neighbours with the same text before
    # a new list is made.
    texts = list(map(_TEXT, glyphs))
    for k in compress(range(1, len(glyphs)), map(eq, texts[1:], texts)):
        g, last = glyphs[k], glyphs[k - 1]
        if abs(g.x0 - last.x0) < 0.3 * max(0.5, last.x1 - last.x0):
            break
    else:
        return glyphs
    out = glyphs[:k]
    for g in glyphs[k + 1 :]:
        last = out[-1]
        if g.text == last.text and abs(g.x0 - last.x0) < 0.3 * max(0.5, last.x1 - last.x0):
            continue
        out.append(g)
    return out


def _line(glyphs: list[Glyph], page: int) -> Line:
    # Field by field (a line has dozens of glyphs, a page thousands): the loops run in C.
    texts, x0s, x1s, tops, bottoms, bolds, spaces = zip(*glyphs, strict=False)  # every Glyph has its seven
    n = len(texts)
    heights = sorted(map(sub, bottoms, tops))
    height = heights[n // 2]
    space_gap = 0.15 * height
    wide_gap = WIDE_GAP * height
    gutter_gap = GUTTER_GAP * height
    gaps = list(map(sub, x0s[1:], x1s))  # gaps[k - 1]: the gap before glyph k
    gutters = [k for k, gap in enumerate(gaps, 1) if gap > gutter_gap]
    starts: list[int] = []
    marker_gap = 0
    for k in gutters:
        if gaps[k - 1] > wide_gap:
            if not starts and not marker_gap and _MARKER.match("".join(texts[:k])):
                marker_gap = k  # a list marker ("1)", "•"), or the first line of a wrapped date ("15.")
            else:
                starts.append(k)  # a column starts here
    words = [
        k for k, space, gap in zip(range(1, n), spaces[1:], gaps, strict=True) if space or gap > space_gap
    ]
    text = " ".join(["".join(texts[a:b]) for a, b in pairwise((0, *words, n))]) if words else "".join(texts)
    if _LIGATURE_CHARS.intersection(text):
        text = text.translate(_LIGATURES)
    x0 = x0s[0]
    first_word = (x0s[words[0]] if words else x1s[-1]) - x0
    # Bold when every letter or digit is (a line of only punctuation is not bold)
    bold = any(map(str.isalnum, texts)) and (
        all(bolds) or not any(map(str.isalnum, compress(texts, map(not_, bolds))))
    )
    line = Line(glyphs, text, x0, max(x1s), min(tops), max(bottoms), height, bold, first_word, page, starts)
    line.marker_gap = marker_gap
    line.words, line.gutters = words, gutters
    return line


def split_columns(line: Line) -> list[Line]:
    """The pieces of a line between its wide gaps, each a line of its own."""
    if not line.starts:
        return [line]
    bounds = [0, *line.starts, len(line.glyphs)]
    pieces = []
    for a, b in pairwise(bounds):
        piece = _line(line.glyphs[a:b], line.page)
        piece.starts, piece.no = [], line.no
        pieces.append(piece)
    return pieces


# --- ruled tables --------------------------------------------------------------------------


@dataclass(slots=True)
class GridRow:
    top: float
    bottom: float
    xs: list[float]  # cell boundaries, left to right
    open_top: bool = False  # no rule above: the row began on the page before
    open_bottom: bool = False  # no rule below: the row goes on on the next page
    # per cell: no rule above it, the cell above has the same edges: one cell merged down over both rows
    merged_above: list[bool] = field(default_factory=list)


@dataclass(slots=True)
class Grid:
    """A ruled table on one page: rows of cells bounded by ruling lines."""

    x0: float
    top: float
    x1: float
    bottom: float
    rows: list[GridRow]
    tops: list[float] = field(default_factory=list)  # each row's top, for bisection (a glyph's cell)

    def __post_init__(self) -> None:
        self.tops = [row.top for row in self.rows]


def find_grids(rulings: list[Segment]) -> list[Grid]:
    horizontal = _merge([s for s in rulings if s.y0 == s.y1], vertical=False)
    vertical = _merge([s for s in rulings if s.x0 == s.x1], vertical=True)
    if not horizontal or not vertical:
        return []
    parent = list(range(len(horizontal) + len(vertical)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(horizontal):
        for j, v in enumerate(vertical):
            if h.x0 - _SNAP <= v.x0 <= h.x1 + _SNAP and v.y0 - _SNAP <= h.y0 <= v.y1 + _SNAP:
                parent[find(i)] = find(len(horizontal) + j)
    components: dict[int, tuple[list[Segment], list[Segment]]] = {}
    for i, h in enumerate(horizontal):
        components.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vertical):
        components.setdefault(find(len(horizontal) + j), ([], []))[1].append(v)
    grids = [g for hs, vs in components.values() if hs and vs and (g := _grid(hs, vs)) is not None]
    return sorted(grids, key=lambda g: g.top)


def _grid(hs: list[Segment], vs: list[Segment]) -> Grid | None:
    ys = _cluster(sorted(h.y0 for h in hs))
    # Cell borders running past the last rule: a row split by a page break (no rule at the break).
    v_top, v_bottom = min(v.y0 for v in vs), max(v.y1 for v in vs)
    open_top, open_bottom = v_top < ys[0] - _MIN_CELL, v_bottom > ys[-1] + _MIN_CELL
    ys = [v_top] * open_top + ys + [v_bottom] * open_bottom
    rows: list[GridRow] = []
    for top, bottom in pairwise(ys):
        if bottom - top < _MIN_CELL:
            continue
        mid = (top + bottom) / 2
        xs = _cluster(sorted(v.x0 for v in vs if v.y0 - _SNAP <= mid <= v.y1 + _SNAP))
        xs = [x for k, x in enumerate(xs) if k == 0 or x - xs[k - 1] >= _MIN_CELL]
        if len(xs) >= 2:
            rows.append(GridRow(top, bottom, xs))
    if not rows or sum(len(r.xs) - 1 for r in rows) < 2:  # one framed box is not a table
        return None
    for above, row in pairwise(rows):
        row.merged_above = [
            _same_edge(a, above.xs) and _same_edge(b, above.xs) and not _ruled(hs, row.top, (a + b) / 2)
            for a, b in pairwise(row.xs)
        ]
    rows[0].open_top = open_top and rows[0].top == v_top
    rows[-1].open_bottom = open_bottom and rows[-1].bottom == v_bottom
    return Grid(min(r.xs[0] for r in rows), rows[0].top, max(r.xs[-1] for r in rows), rows[-1].bottom, rows)


def _same_edge(x: float, xs: list[float]) -> bool:
    return any(abs(x - e) <= _SNAP for e in xs)


def _ruled(hs: list[Segment], y: float, x: float) -> bool:
    """A horizontal rule runs at height y through x."""
    return any(abs(h.y0 - y) <= _SNAP and h.x0 - _SNAP <= x <= h.x1 + _SNAP for h in hs)


def _merge(segments: list[Segment], vertical: bool) -> list[Segment]:
    """Collinear pieces (a border drawn cell by cell) joined into one segment."""
    if vertical:
        keyed = sorted((s.x0, s.y0, s.y1) for s in segments)
    else:
        keyed = sorted((s.y0, s.x0, s.x1) for s in segments)
    out: list[list[float]] = []
    for at, a, b in keyed:
        for run in reversed(out[-8:]):
            if abs(run[0] - at) <= _SNAP and a <= run[2] + _SNAP:
                run[2] = max(run[2], b)
                break
        else:
            out.append([at, a, b])
    if vertical:
        return [Segment(at, a, at, b) for at, a, b in out]
    return [Segment(a, at, b, at) for at, a, b in out]


def _cluster(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in values:
        if out and v - out[-1] <= _SNAP:
            continue
        out.append(v)
    return out


# --- unruled tables ------------------------------------------------------------------------


@dataclass(slots=True, eq=False)
class Columns:
    """An unruled table: lines whose wide gaps line up; each row is a list of cells, each a list of lines."""

    rows: list[list[list[Line]]]
    xs: list[float]  # where each column starts
    first: Line
    right: float | None = None  # where the last column's full lines end, when known (else the page's)


def find_columns(lines: list[Line]) -> list[Line | Columns]:
    """Runs of two or more lines split at the same x by a wide gap become an unruled table."""
    out: list[Line | Columns] = []
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        if not line.starts:
            wrapped = _wrapped_labels(lines, i) if line.marker_gap else None
            if wrapped is not None:
                out.append(wrapped[0])
                i = wrapped[1]
                continue
            out.append(line)
            i += 1
            continue
        pieces = split_columns(line)
        xs = [p.x0 for p in pieces]
        rows = [[[p] for p in pieces]]
        split_rows = 1
        j = i + 1
        while j < n and lines[j].page == line.page and lines[j].top - lines[j - 1].bottom < 2.5 * line.height:
            nxt = lines[j]
            nxt_pieces = split_columns(nxt)
            cols = [_column(p.x0, xs) for p in nxt_pieces]
            if len(nxt_pieces) > 1 and None not in cols and cols == sorted(set(cols)):  # a new row
                row: list[list[Line]] = [[] for _ in xs]
                for p, c in zip(nxt_pieces, cols, strict=True):
                    row[c].append(p)
                rows.append(row)
                split_rows += 1
            elif len(nxt_pieces) == 1 and cols[0] is not None and cols[0] > 0:  # more text in a later column
                rows[-1][cols[0]].append(nxt_pieces[0])
            elif (
                len(nxt_pieces) == 1
                and cols[0] == 0
                and nxt.x1 < xs[1] - 2
                and j + 1 < n
                and lines[j + 1].starts
            ):
                rows.append([[nxt_pieces[0]]] + [[] for _ in xs[1:]])  # a row with only its first cell
            else:
                break
            j += 1
        if split_rows >= 2:
            out.append(Columns(rows, xs, line))
            i = j
        else:
            out.append(line)
            i += 1
    return out


def cut_of(line: Line, a: int, b: int) -> Line:
    """Glyphs a..b of a line as a line of their own, with their own wide gaps (a column of the page)."""
    piece = _line(line.glyphs[a:b], line.page)
    piece.no = line.no
    return piece


def piece_of(line: Line, a: int, b: int) -> Line:
    piece = _line(line.glyphs[a:b], line.page)
    piece.starts, piece.marker_gap, piece.no = [], 0, line.no
    return piece


def _wrapped_labels(lines: list[Line], i: int) -> tuple[Columns, int] | None:
    """An unruled two-column table whose first column is too narrow for its labels: "15." on the
    row's first line, "jan." under it (chromium squeezes an unstyled table's first column). The "15."
    looks like a list marker, but a marker never has a line of its own below it: at least two labels
    go on on the next line. Returns the table and the index of the first line after it."""
    line = lines[i]
    x0, colx = line.x0, line.glyphs[line.marker_gap].x0
    rows: list[list[list[Line]]] = []
    label_open = False  # the row's label so far is only its number: the next first-column text ends it
    continued = 0
    j = i
    while j < len(lines):
        nxt = lines[j]
        if j > i and (nxt.page != line.page or nxt.top - lines[j - 1].bottom >= 2.5 * line.height):
            break
        if abs(nxt.x0 - colx) <= _X_SAME and not nxt.starts and not nxt.marker_gap and rows:
            rows[-1][1].append(nxt)  # more text in the second column
        elif abs(nxt.x0 - x0) > _X_SAME:
            break
        elif nxt.marker_gap and not nxt.starts and abs(nxt.glyphs[nxt.marker_gap].x0 - colx) <= _X_SAME:
            rows.append(
                [[piece_of(nxt, 0, nxt.marker_gap)], [piece_of(nxt, nxt.marker_gap, len(nxt.glyphs))]]
            )
            label_open = True
        elif (len(nxt.starts) == 1 and abs(nxt.glyphs[nxt.starts[0]].x0 - colx) <= _X_SAME) or (
            not nxt.starts and not nxt.marker_gap and nxt.x1 < colx - 2
        ):
            cut = nxt.starts[0] if nxt.starts else len(nxt.glyphs)
            first, rest = piece_of(nxt, 0, cut), [piece_of(nxt, cut, len(nxt.glyphs))] if nxt.starts else []
            if label_open and rows:
                rows[-1][0].append(first)
                rows[-1][1].extend(rest)
                continued += 1
            else:
                rows.append([[first], rest])
            label_open = False
        else:
            break
        j += 1
    if len(rows) < 2 or continued < 2:
        return None
    return Columns(rows, [x0, colx], line), j


_X_SAME = 3.0  # points: two lines starting this close start at the same x


def _column(x: float, xs: list[float]) -> int | None:
    for k, start in enumerate(xs):
        if abs(x - start) <= 3.0:
            return k
    return None
