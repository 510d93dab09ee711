"""Unruled two-column tables told apart by alignment and type, not by a wide gap.

A browser prints an unruled HTML table with its default styles: bold `<th>` row headers, centred in
their column and set vertically in the middle of their row, and a gap of a few points before the
second column, no wider than a space ("Onsdag 22. januar Årligt dialogmøde"). Such a table is seen by
- its second column: two or more lines that turn from bold to plain type at the same x, or a bold
  line beside a plain one half a line off (a wrapped header in the middle of its row), that x being a
  channel no line of the table crosses;
- its first column: bold cells, all starting, ending or centred at one x;
- its rows: when a header follows a line of its row's text as closely as wrapped lines follow each
  other, the headers sit in the middle of their rows (a row reaches as far below its header's middle
  as above it); otherwise each row begins at its header; a header's wrapped lines follow each other by
  the leading, rows stand further apart (their padding);
- a bold line among plain ones, or a line centred over the whole table, between rows ("Februar
  2025", a `colspan` row) is a row of its own;
- a table that ends its page goes on with the lines at the top of the next page that fit it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from planner.documents.pdf_layout import Columns, Line, piece_of
from planner.documents.pdf_paragraphs import Style

_X_SAME = 1.5  # points: starts or middles this close are one alignment
_X_EXACT = 0.75  # points: lines of one column start this close (a centred line starts anywhere)
_ROW_PADDING = 1.5  # points: rows stand apart by their padding and spacing (3 points by default) more
# than a cell's wrapped lines stand apart (the leading)
_MAX_GAP = 2.5  # line heights of white space between two lines of one table


def find_aligned_tables(run: list[Line], style: Style) -> list[Line | Columns]:
    """`run` with every aligned table among its lines made a `Columns` (`style`: the document's normal
    leading, which tells a cell's wrapped lines from the next row)."""
    seeds = _seeds(run, 0)
    if len(seeds) < 2:
        return list(run)  # fewer than two lines turning from bold to plain or beside one (most documents)
    out: list[Line | Columns] = []
    i = 0
    while i < len(run):
        found = _table_at(run, i, style, [s for s in seeds if min(s[0], s[1]) >= i])
        if found is None:
            out += run[i:]
            break
        start, end, table = found
        out += run[i:start]
        out.append(table)
        i = end
    return out


def _seeds(run: list[Line], i: int) -> list[tuple[int, int, float, Line]]:
    """Where the table's second column shows: (index of the header's line, of the text's line, the x the
    text starts at, the header) for each line that turns from bold to plain type after a word break, and
    each pair of a bold line and a plain line side by side at a half line's offset (a header in the
    middle of its row, between two lines of its text)."""
    out: list[tuple[int, int, float, Line]] = []
    for k in range(i, len(run)):
        line = run[k]
        lead = _bold_lead(line)
        if lead:
            out.append((k, k, line.glyphs[lead].x0, piece_of(line, 0, lead)))
        elif k > i and (pair := _side_by_side(run[k - 1], line)) is not None:
            head, text = pair
            out.append(
                (k - 1 if head is run[k - 1] else k, k - 1 if text is run[k - 1] else k, text.x0, head)
            )
    return out


def _side_by_side(a: Line, b: Line) -> tuple[Line, Line] | None:
    """(the bold line, the plain line) when `a` and `b` overlap in height, the bold one to the left."""
    if a.page != b.page or b.top - a.top >= 0.75 * a.height or abs(a.height - b.height) >= 0.6:
        return None
    for head, text in ((a, b), (b, a)):
        if head.bold and not text.bold and head.x1 < text.x0 - 1.0:
            return head, text
    return None


def _bold_lead(line: Line) -> int:
    """The glyph index where a line that opens in bold words goes on in plain type after a word
    break ("Onsdag 22. januar | Årligt …"); 0 when it does not."""
    glyphs = line.glyphs
    first = glyphs[0]
    if not (first.bold and first.text.isalnum()):
        return 0
    space = 0.15 * line.height
    last_bold = 0
    for k, g in enumerate(glyphs):
        if not g.text.isalnum():
            continue
        if g.bold:
            last_bold = k
            continue
        for j in range(last_bold + 1, k + 1):  # the word break after the last bold letter
            if glyphs[j].space_before or glyphs[j].x0 - glyphs[j - 1].x1 > space:
                return j
        return 0
    return 0


@dataclass(slots=True, eq=False)
class _Row:
    header: list[Line] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)
    top: float = 0.0
    bottom: float = 0.0
    spanning: bool = False


def _table_at(
    run: list[Line], i: int, style: Style, seeds: list[tuple[int, int, float, Line]]
) -> tuple[int, int, Columns] | None:
    """The first table among run[i:] as (its first line, the line after it, the table), or None."""
    block = _blocks(run)
    tried: set[tuple[int, float]] = set()
    for _, k, x2, _ in seeds:
        if (block[k], round(x2)) in tried:
            continue
        tried.add((block[k], round(x2)))
        near = [s for s in seeds if abs(s[2] - x2) <= _X_SAME and block[s[1]] == block[k]]
        if len(near) < 2 or not _column_aligned(near):
            continue
        found = _grow(run, i, near, x2, style)
        if found is not None:
            return found
    return None


def _blocks(run: list[Line]) -> list[int]:
    """For each line, the number of the block of lines it stands in: lines that follow each other closely
    on one page (a table's lines all stand in one)."""
    out = [0] * len(run)
    for k in range(1, len(run)):
        out[k] = out[k - 1] + (not _follows(run[k - 1], run[k]))
    return out


def _column_aligned(seeds: list[tuple[int, int, float, Line]]) -> bool:
    """The plain text stands at one x because a column puts it there, not because bold labels of one
    width run on into it ("Punkt 1: …", "Punkt 2: …" are paragraphs): headers of different widths,
    or a header beside its text on a line of its own."""
    gaps = [x2 - head.x1 for _, _, x2, head in seeds]
    return max(gaps) - min(gaps) > 1.0 or any(h != t for h, t, _, _ in seeds)


def _follows(above: Line, below: Line) -> bool:
    return (
        below.page == above.page
        and below.top - above.bottom < _MAX_GAP * above.height
        and abs(below.height - above.height) < 0.6
    )


def _grow(
    run: list[Line], i: int, seeds: list[tuple[int, int, float, Line]], x2: float, style: Style
) -> tuple[int, int, Columns] | None:
    heads = [head for _, _, _, head in seeds]
    # the first column's cells start, end or are centred at one x (left, right or centre aligned)
    edges = [
        (edge, [edge(h) for h in heads])
        for edge in (_start, _end, _middle)
        if _spread([edge(h) for h in heads])
    ]
    if not edges:
        return None

    def header_fits(piece: Line) -> bool:
        return any(abs(edge(piece) - xs[0]) <= _X_SAME for edge, xs in edges)

    def kind(line: Line) -> str:
        lead = _bold_lead(line)
        if lead and line.glyphs[lead].x0 >= x2 - _X_SAME and line.glyphs[lead - 1].x1 < x2:
            return "split" if header_fits(piece_of(line, 0, lead)) else ""
        if line.x0 >= x2 - _X_SAME:
            return "right"
        if line.bold and line.x1 < x2 and header_fits(line):
            return "left"
        return ""

    first = min(min(h, t) for h, t, _, _ in seeds)
    last = max(max(h, t) for h, t, _, _ in seeds)
    if any(not kind(run[j]) for j in range(first, last + 1)):
        return None
    while first > i and _follows(run[first - 1], run[first]) and kind(run[first - 1]):
        first -= 1
    while last + 1 < len(run) and _follows(run[last], run[last + 1]) and kind(run[last + 1]):
        last += 1
    lines = run[first : last + 1]
    found = _rows(lines, [kind(ln) for ln in lines], x2, style)
    if found is None:
        return None
    rows, begin, used, middle = found
    if sum(1 for r in rows if r.header and not r.spanning) < 2:
        return None
    end = first + used
    # The table goes on at the top of the next page when it was the last thing on its page.
    while used == len(lines) and end < len(run) and run[end].page == run[end - 1].page + 1 and kind(run[end]):
        more = end + 1
        while more < len(run) and _follows(run[more - 1], run[more]) and kind(run[more]):
            more += 1
        lines = run[end:more]
        # headers seen in the middle of their rows stay so; else the new page's lines may show it
        found = _rows(lines, [kind(ln) for ln in lines], x2, style, True if middle else None)
        if found is None:
            break
        if found[1]:  # the last row's text going on above the page's first header (rows begin at headers)
            rows[-1].body += lines[: found[1]]
        rows += found[0]
        used, middle = found[2], found[3]
        end += used
    cells = [[r.header, r.body] for r in rows]
    left = min(min(ln.x0 for ln in r.header) for r in rows if r.header)
    right = max((ln.x1 for r in rows if not r.spanning for ln in r.body), default=x2)
    return first + begin, end, Columns(cells, [left, x2], run[first + begin], right + 1.0)


def _start(line: Line) -> float:
    return line.x0


def _end(line: Line) -> float:
    return line.x1


def _middle(line: Line) -> float:
    return (line.x0 + line.x1) / 2


def _spread(xs: list[float]) -> bool:
    return max(xs) - min(xs) <= _X_SAME


def _rows(
    lines: list[Line], kinds: list[str], x2: float, style: Style, middle: bool | None = None
) -> tuple[list[_Row], int, int, bool] | None:
    """The rows of the table's lines, the index of the first line they hold and of the line after the
    last (lines before the first row or after the last row's band that cannot be told to belong to
    it are left as text around it)."""
    height = lines[0].height
    parts: list[tuple[Line | None, Line | None]] = []  # per line: (its first-column piece, its second)
    for line, kind in zip(lines, kinds, strict=True):
        if kind == "split":
            lead = _bold_lead(line)
            parts.append((piece_of(line, 0, lead), piece_of(line, lead, len(line.glyphs))))
        elif kind == "left":
            parts.append((line, None))
        else:
            parts.append((None, line))
    # a second-column line that starts where no other does, centred over the whole table: a row of its own
    rights = [p for _, p in parts if p is not None]
    aligned = [
        p
        for p in rights
        if abs(p.x0 - x2) <= _X_EXACT or any(q is not p and abs(q.x0 - p.x0) <= _X_EXACT for q in rights)
    ]
    # (a bold line among plain ones, or one centred over the whole table)
    table_left = min(h.x0 for h, _ in parts if h is not None)
    table_mid = (table_left + max((p.x1 for p in aligned), default=x2)) / 2
    plain = not any(p.bold for p in aligned)
    spanning = {
        id(p)
        for h, p in parts
        if h is None
        and p is not None
        and p not in aligned
        and ((p.bold and plain) or abs((p.x0 + p.x1) / 2 - table_mid) <= 2.0)
    }
    leading = _leading(parts, height, style.leading_of(height))
    # header lines: where a header cell starts (a wrapped header's further lines follow it closely,
    # with the second column's lines of its row perhaps between them)
    starts: list[bool] = []
    previous: Line | None = None
    for line, (head, _) in zip(lines, parts, strict=True):
        starts.append(
            head is not None and (previous is None or line.top - previous.top > leading + _ROW_PADDING)
        )
        if head is not None:
            previous = line
    if middle is None:  # as on the table's page before, on a page it goes on to
        middle = _middle_aligned(lines, parts, starts, spanning, leading)
    rows: list[_Row] = []
    current: _Row | None = None
    begin = used = 0
    for k, (line, (head, body)) in enumerate(zip(lines, parts, strict=True)):
        if body is not None and id(body) in spanning:
            current = None
            rows.append(_Row([body], [], line.top, line.bottom, True))
            used = k + 1
            continue
        if head is not None and starts[k]:
            if current is not None and not current.header and middle:
                current.header = [head]  # the row's text so far stood above its header
            else:
                current = _Row([head], [], line.top)
                rows.append(current)
            current.bottom = _band_bottom(current, lines, parts, k, starts)
        elif head is not None and current is not None:
            current.header.append(head)
        elif body is not None and current is not None and current.header:
            if middle and line.top + line.bottom > 2 * current.bottom + 0.3 * height:
                current = _Row([], [], line.top)  # below the row's band: the next row's text
                rows.append(current)
        elif body is not None and (current is None or not current.header) and middle:
            if current is None:
                current = _Row([], [], line.top)
                rows.append(current)
        elif current is None:
            begin = k + 1  # text before the first header of a table whose rows begin at their headers
            continue
        if body is not None and current is not None:
            current.body.append(body)
        if current is not None and current.header:
            used = k + 1
    while rows and not rows[-1].header:
        rows.pop()  # text after the last row's band: not the table's
    return (rows, begin, used, middle) if rows else None


def _leading(parts, height: float, normal: float | None) -> float:
    """The step from one line of a cell to the next: the smallest step seen twice between consecutive
    lines of one column (rounded to a quarter point), or the document's `normal` leading when smaller
    (a table whose rows are one line each shows only its row steps)."""
    steps: dict[float, int] = {}
    for column in (0, 1):
        tops = [part[column].top for part in parts if part[column] is not None]
        for a, b in pairwise(tops):
            if 0.8 * height < b - a < 1.5 * height:
                step = round((b - a) * 4) / 4
                steps[step] = steps.get(step, 0) + 1
    seen = [step for step, count in steps.items() if count >= 2] + ([normal] if normal else [])
    return min(seen) if seen else 1.1 * height


def _middle_aligned(lines: list[Line], parts, starts: list[bool], spanning: set[int], leading: float) -> bool:
    """Headers in the middle of their rows: some header follows a line of the second column alone as
    closely as a wrapped line follows the line above it (the same row: rows are apart by their padding,
    and a row whose header is at its top has nothing of its own above the header)."""
    for k in range(1, len(lines)):
        above_head, above_body = parts[k - 1]
        if (
            starts[k]
            and above_head is None
            and above_body is not None
            and id(above_body) not in spanning
            and lines[k].top - lines[k - 1].top <= leading + _ROW_PADDING
        ):
            return True
    return False


def _band_bottom(row: _Row, lines: list[Line], parts, k: int, starts: list[bool]) -> float:
    """Where a row ends when its header sits in its middle: as far below the header's middle as the
    row's top is above it (the header's middle taken over its wrapped lines, which may have lines of
    the second column between them)."""
    end = k
    for j in range(k + 1, len(lines)):
        if starts[j]:
            break
        if parts[j][0] is not None:
            end = j
    middle = (lines[k].top + lines[end].bottom) / 2
    return 2 * middle - row.top
