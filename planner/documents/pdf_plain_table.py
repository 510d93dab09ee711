"""Unruled tables in plain type with a narrow gap between columns, seen by where their columns start.

A browser prints an HTML table with its default styles and `<td>` cells only (no bold `<th>` row
headers) as plain lines with a gap of a few points, no wider than a space, before each column; a
cell whose row is taller stands in the middle of its row. Such a table is seen by a channel: an x
where, over three or more lines in a row, every line ends before it, starts at it, or has a word
starting at it (and none runs across it), and that shows as a column:
- lines starting at it while the first column is beside them (a point's second line, the second
  line of a row whose date is set in the middle), or
- three or more lines with a word at it whose first parts end at different x (dates of different
  widths, "4. juni", "11. juni"; running text has one space before every word).
A list item's text after its bullet or number is not a column, nor is a gap a table without rules
already shows as wide (those are read by `find_columns`).

Rows: in each column the lines of one cell follow each other by the leading; a row holds the cells
of all columns that stand beside each other (a cell set in the middle of its row lies within it).
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import pairwise

from planner.documents.pdf_layout import _MARKER, WIDE_GAP, Columns, Line, cut_of

_AT = 1.0  # points: a word or line starting this close to the channel starts at it
_MAX_GAP = 2.5  # line heights of white space between two lines of one table
_ROW_STEP = 1.5  # points more than the leading between two rows (cell padding and spacing)


def find_plain_tables(lines: list[Line], leading_of) -> list[Line | Columns]:
    """`lines` with every plain, narrow-gap table among them made a `Columns` (`leading_of(height)`:
    the document's normal step between lines, or None)."""
    out: list[Line | Columns] = []
    start = 0
    for end in range(1, len(lines) + 1):
        if end < len(lines) and _follows(lines[end - 1], lines[end]):
            continue
        block = lines[start:end]
        out += _tables_in(block, leading_of) if len(block) >= 3 else block
        start = end
    return out


def _follows(above: Line, below: Line) -> bool:
    return (
        below.page == above.page
        and below.top - above.bottom < _MAX_GAP * above.height
        and abs(below.height - above.height) < 0.6
    )


def _tables_in(block: list[Line], leading_of) -> list[Line | Columns]:
    if len(block) < 3:
        return list(block)
    left = min(ln.x0 for ln in block)
    candidates = _candidates(block, left)
    xs = [x for x, _ in candidates]
    for x, (a, b) in candidates:
        found = _table_at(block, a, b, left, x, xs, leading_of)
        if found is not None:
            first, last, (before, table, after) = found
            return [*block[:first], *before, table, *after, *_tables_in(block[last:], leading_of)]
    return list(block)


def _candidates(block: list[Line], left: float) -> list[tuple[float, tuple[int, int]]]:
    """Where a column may start, most used first, each with the first and last line of its run: x where
    three lines, no more than three lines apart, start (right of the block's left edge) or have a word."""
    at: dict[int, list[int]] = {}
    for i, line in enumerate(block):
        xs = {round(line.glyphs[k].x0) for k in line.words}
        if line.x0 > left + line.height:
            xs.add(round(line.x0))
        for x in xs:
            at.setdefault(x, []).append(i)
    out: list[tuple[int, float, tuple[int, int]]] = []
    for x in at:
        if len(at[x]) + len(at.get(x - 1, ())) + len(at.get(x + 1, ())) < 3:
            continue  # the screen: most x are one line's word
        lines = sorted({*at[x], *at.get(x - 1, ()), *at.get(x + 1, ())})
        begin = 0
        for j in range(1, len(lines) + 1):
            if j == len(lines) or lines[j] - lines[j - 1] > 3:
                if j - begin >= 3:
                    out.append((j - begin, float(x), (lines[begin], lines[j - 1])))
                begin = j
    out.sort(key=lambda c: -c[0])
    return [(x, run) for _, x, run in out]


def _role(line: Line, x: float) -> tuple[str, int]:
    """('left', n) a line ending before x, ('right', 0) one starting at or after it, ('split', k) one
    with white space at x and glyph k the first after it (a word at x, or an empty cell there and a
    later column's text), ('', 0) one running across it."""
    if line.x1 < x - _AT:
        return "left", len(line.glyphs)
    if line.x0 >= x - _AT:
        return "right", 0
    for k in line.words:
        g = line.glyphs[k]
        if g.x0 >= x - _AT:
            return ("split", k) if line.glyphs[k - 1].x1 < x - _AT else ("", 0)
    return "", 0


_Found = tuple[list[Line], Columns, list[Line]]  # lines above the table, the table, lines below it


def _table_at(
    block: list[Line], a: int, b: int, left: float, x: float, candidates: list[float], leading_of
) -> tuple[int, int, _Found] | None:
    """The table whose column starts at x among lines a..b (grown up and down while the lines leave
    room at x), as (its first line, the line after its last, what was found)."""
    roles = [_role(ln, x) for ln in block[a : b + 1]]
    if not all(role for role, _ in roles):
        return None
    while a > 0 and (role := _role(block[a - 1], x))[0]:
        roles.insert(0, role)
        a -= 1
    while b + 1 < len(block) and (role := _role(block[b + 1], x))[0]:
        roles.append(role)
        b += 1
    lines = block[a : b + 1]
    if not _a_column(lines, roles, x):
        return None
    table = _build(lines, left, _channels(lines, x, candidates), leading_of)
    return None if table is None else (a, b + 1, table)


def _channels(lines: list[Line], x: float, candidates: list[float]) -> list[float]:
    """x and every other column start that all of the table's lines leave room for (a third column)."""
    out = [x]
    for c in candidates:
        if all(abs(c - o) > 2 * _AT for o in out):
            roles = [_role(ln, c) for ln in lines]
            if all(role for role, _ in roles) and _a_column(lines, roles, c, wide=True):
                out.append(c)
    return sorted(out)


def _a_column(lines: list[Line], roles: list[tuple[str, int]], x: float, wide: bool = False) -> bool:
    """The lines show a column starting at x (`wide`: also when every gap before it is wide)."""
    if len(lines) < 3:
        return False
    splits = [(ln, k) for ln, (role, k) in zip(lines, roles, strict=True) if role == "split"]
    lefts = sum(1 for role, _ in roles if role == "left")
    starting = sum(
        1
        for ln, (role, _) in zip(lines, roles, strict=True)
        if role == "right" and abs(ln.x0 - x) <= _AT and not _bulleted(ln)
    )
    if not splits or lefts + len(splits) < 2 or starting + len(splits) < 2:
        return False
    # a word at x, not a list item's text after its bullet or number (a date's "4." has "juni" below it)
    splits = [
        (ln, k)
        for ln, k in splits
        if abs(ln.glyphs[k].x0 - x) <= _AT and not _MARKER.match("".join(g.text for g in ln.glyphs[:k]))
    ]
    if not splits:
        return False
    if not wide and all(ln.glyphs[k].x0 - ln.glyphs[k - 1].x1 > WIDE_GAP * ln.height for ln, k in splits):
        return False  # a wide gap: a table `find_columns` reads
    if starting and lefts + len(splits) >= 2:
        return True
    ends = [ln.glyphs[k - 1].x1 for ln, k in splits]
    return len(splits) >= 3 and max(ends) - min(ends) > 0.4 * lines[0].height


def _bulleted(line: Line) -> bool:
    """The line starts with a bullet or a list number: a list item, indented, not a column."""
    first = line.glyphs[: line.words[0]] if line.words else line.glyphs
    return bool(_MARKER.match("".join(g.text for g in first)))


def _build(lines: list[Line], left: float, channels: list[float], leading_of) -> _Found | None:
    n = len(channels) + 1
    cells: list[list[list[Line]]] = [[] for _ in range(n)]  # per column, its cells top down
    height = lines[0].height
    step = (leading_of(height) or 1.2 * height) + _ROW_STEP
    last_top: list[float | None] = [None] * n
    for line in lines:
        cuts = sorted({k for role, k in (_role(line, c) for c in channels) if role == "split"})
        bounds = [0, *cuts, len(line.glyphs)]
        for a, b in pairwise(bounds):
            piece = line if (a, b) == (0, len(line.glyphs)) else cut_of(line, a, b)
            column = bisect_right(channels, piece.x0 + _AT)
            previous = last_top[column]
            if previous is None or piece.top - previous > step:
                cells[column].append([])
            cells[column][-1].append(piece)
            last_top[column] = piece.top
    bands = sorted(
        ((cell[0].top, cell[-1].bottom, column, cell) for column in range(n) for cell in cells[column]),
        key=lambda band: band[0],
    )
    rows: list[list[list[Line]]] = []
    spans: list[list[float]] = []
    for top, low, column, cell in bands:
        if not rows or top > spans[-1][1] - 0.3 * height:
            rows.append([[] for _ in range(n)])
            spans.append([top, low])
        spans[-1][1] = max(spans[-1][1], low)
        rows[-1][column].extend(cell)
    before, after = _apart(rows, spans, height)
    if len(rows) < 2 or sum(1 for row in rows if row[0]) < 2:
        return None
    right = max((ln.x1 for row in rows for ln in row[-1]), default=channels[-1])
    first = min((ln for row in rows for cell in row for ln in cell), key=lambda ln: ln.top)
    return before, Columns(rows, [left, *channels], first, right + 1.0), after


def _apart(
    rows: list[list[list[Line]]], spans: list[list[float]], height: float
) -> tuple[list[Line], list[Line]]:
    """Takes off the first and last rows that hold one column only and stand further apart from the
    table than its rows from each other: text above or below it ("Åben sag"). Returns their lines."""
    before: list[Line] = []
    after: list[Line] = []
    while len(rows) > 2:
        gaps = sorted(b[0] - a[1] for a, b in pairwise(spans))
        usual = gaps[len(gaps) // 2] + 0.5 * height
        if not all(rows[0]) and spans[1][0] - spans[0][1] > usual:
            before += [ln for cell in rows.pop(0) for ln in cell]
            spans.pop(0)
        elif not all(rows[-1]) and spans[-1][0] - spans[-2][1] > usual:
            after[:0] = [ln for cell in rows.pop() for ln in cell]
            spans.pop()
        else:
            break
    return sorted(before, key=lambda ln: ln.top), sorted(after, key=lambda ln: ln.top)
