"""PDF documents as a person sees them: ruled tables as tables, the rest as headings, paragraphs and items.

- Ruled tables (cells bounded by ruling lines) become `Table` blocks; each cell's lines become the
  cell's paragraphs. A table that goes on as the first thing on the next page, with the same
  columns, is one table.
- Lines whose wide gaps line up over two or more lines ("14. aug.      Årlig dialogmøde") are an
  unruled table.
- Page furniture, lines repeated in the top or bottom band of most pages ("Side 3 af 12" with the
  digits ignored), is dropped.
- A block's position is its page and the 1-based number of its first line on that page.
- A PDF without any text (a scan) and an encrypted or damaged PDF are `UnreadableInput`; one page
  that cannot be read is a warning, and the other pages are read.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import pairwise

import pypdfium2 as pdfium

from planner.collector import cycle_collector_paused
from planner.documents.model import (
    Block,
    Cell,
    Document,
    Paragraph,
    Position,
    ReadWarning,
    Row,
    Table,
    UnreadableInput,
)
from planner.documents.pdf_aligned import find_aligned_tables
from planner.documents.pdf_gutter import Segment, split_gutters
from planner.documents.pdf_layout import Columns, Grid, Line, find_columns, find_grids, make_lines
from planner.documents.pdf_page import PageContent, read_page
from planner.documents.pdf_paragraphs import Flow, Region, Style, numbered_lines
from planner.documents.pdf_plain_table import find_plain_tables

_FURNITURE_BAND = 0.12  # the top and bottom eighth of a page hold its header and footer
_MAX_CELL_PADDING = 8.0  # points; Word's default is 0.19 cm
_DIGITS = re.compile(r"\d+")
_PDFIUM_PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD


@dataclass(slots=True, eq=False)
class _PageTable:
    """A ruled table as found on one page: per row, per cell, its lines."""

    grid: Grid
    cells: list[list[list[Line]]]
    page: int


def read(data: bytes, source: str, sha256: str) -> Document:
    # Tens of thousands of glyphs and lines, none of them in a reference cycle: the cycle collector,
    # run every 700 new objects, would walk them again and again (see planner.collector).
    with cycle_collector_paused():
        return _read(data, source, sha256)


def _read(data: bytes, source: str, sha256: str) -> Document:
    pdf = _open(data, source)
    try:
        count = len(pdf)
        warnings: list[ReadWarning] = []
        pages: list[PageContent] = []
        for index in range(count):
            try:
                pages.append(read_page(pdf, index))
            except Exception:  # one broken page must not lose the others
                warnings.append(
                    ReadWarning(
                        Position(1, index + 1),
                        "siden er beskadiget og kunne ikke læses; de øvrige sider er læst",
                    )
                )
    finally:
        pdf.close()
    if count == 0 or len(warnings) == count:
        raise UnreadableInput(f"{source}: PDF'en er beskadiget og kan ikke læses")
    if not any(page.glyphs for page in pages):
        raise UnreadableInput(
            f"{source}: PDF'en indeholder ingen tekst (en scanning?) og kan ikke læses. "
            "Gem dokumentet som PDF fra Word, eller kør tekstgenkendelse (OCR) på scanningen."
        )
    warnings += [
        ReadWarning(Position(1, page.number), "siden er et billede uden tekst (en scanning?) og er ikke læst")
        for page in pages
        if page.image_only
    ]
    warnings.sort(key=lambda w: w.pos.page or 0)
    return Document(source, "pdf", _blocks(pages), sha256, pages=count, warnings=warnings)


def _open(data: bytes, source: str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == _PDFIUM_PASSWORD_ERROR:
            raise UnreadableInput(
                f"{source}: PDF'en er krypteret (beskyttet med adgangskode) og kan ikke læses. "
                "Gem den uden adgangskode og importér igen."
            ) from None
        raise UnreadableInput(f"{source}: PDF'en er beskadiget og kan ikke læses") from None


# --- pages into a sequence of lines and tables -------------------------------------------------


def _blocks(pages: list[PageContent]) -> list[Block]:
    sequence: list[Line | _PageTable] = []
    body_lines: list[Line] = []
    per_page: list[tuple[PageContent, list[Line], list[_PageTable]]] = []
    for page in pages:
        body, tables = _split_page(page)
        per_page.append((page, body, tables))
    furniture = _furniture(per_page)
    for _page, body, tables in per_page:
        kept = [ln for ln in body if id(ln) not in furniture]
        _number_lines(body, tables)
        items: list[tuple[float, int, Line | _PageTable]] = [(ln.top, 0, ln) for ln in kept]
        items += [(t.grid.top, 1, t) for t in tables]
        sequence.extend(item for _, _, item in sorted(items, key=lambda it: (it[0], it[1])))
        body_lines.extend(kept)
    style = Style.of(
        body_lines + [ln for t in sequence if isinstance(t, _PageTable) for ln in _cell_lines(t)]
    )
    return _assemble(sequence, body_lines, style, max(page.width for page in pages))


def _split_page(page: PageContent) -> tuple[list[Line], list[_PageTable]]:
    grids = find_grids(page.rulings) if page.rulings else []
    if not grids:
        return make_lines(page.glyphs, page.number), []
    body_glyphs = []
    cell_glyphs: list[dict[tuple[int, int], list]] = [{} for _ in grids]
    # `Grid.cell_of` taken apart, so most glyphs cost only the test against each grid's box
    boxes = [
        (grid.x0, grid.x1, grid.top, grid.bottom, grid.tops, grid.rows, found)
        for grid, found in zip(grids, cell_glyphs, strict=True)
    ]
    # A glyph mostly follows one in the same cell: inside that cell's bounds it goes there at once,
    # where no two grids' boxes overlap (else the first grid holding it takes it, as below).
    alone = not any(
        a.x0 <= b.x1 and b.x0 <= a.x1 and a.top <= b.bottom and b.top <= a.bottom
        for i, a in enumerate(grids)
        for b in grids[i + 1 :]
    )
    inf = float("inf")
    left = right = above = below = bottom_of = inf  # the last cell's bounds: none yet
    last: list = []
    highest, lowest = min(grid.top for grid in grids), max(grid.bottom for grid in grids)
    for g in page.glyphs:
        y = (g.top + g.bottom) / 2
        if y < highest or y > lowest:  # above or below every table
            body_glyphs.append(g)
            continue
        x = (g.x0 + g.x1) / 2
        if left <= x < right and above <= y < below and y <= bottom_of:
            last.append(g)
            continue
        for x0, x1, top, bottom, tops, rows, found in boxes:
            if x0 <= x <= x1 and top <= y <= bottom:
                r = bisect_right(tops, y) - 1
                if r < 0 or y > rows[r].bottom:
                    continue
                xs = rows[r].xs
                c = bisect_right(xs, x) - 1
                if c < 0 or c >= len(xs) - 1:
                    continue
                at = r, c
                cells = found.get(at)
                if cells is None:
                    cells = found[at] = [g]
                else:
                    cells.append(g)
                if alone:  # the cell's bounds, as the bisections above find them
                    left, right, above, bottom_of, last = xs[c], xs[c + 1], tops[r], rows[r].bottom, cells
                    below = tops[r + 1] if r + 1 < len(tops) else inf
                break
        else:
            body_glyphs.append(g)
    tables = []
    for grid, found in zip(grids, cell_glyphs, strict=True):
        cells = [
            [make_lines(found.get((r, c), []), page.number) for c in range(len(row.xs) - 1)]
            for r, row in enumerate(grid.rows)
        ]
        tables.append(_PageTable(grid, cells, page.number))
    return make_lines(body_glyphs, page.number), tables


def _cell_lines(table: _PageTable) -> list[Line]:
    return [ln for row in table.cells for cell in row for ln in cell]


def _number_lines(body: list[Line], tables: list[_PageTable]) -> None:
    """Every line on the page, in and out of tables, numbered top down; side-by-side cells share a number."""
    lines = sorted(body + [ln for t in tables for ln in _cell_lines(t)], key=lambda ln: ln.mid)
    no, last_mid, last_height = 0, None, 0.0
    for line in lines:
        if last_mid is None or line.mid - last_mid > 0.5 * min(last_height, line.height):
            no += 1
            last_mid, last_height = line.mid, line.height
        line.no = no


def _furniture(per_page: list[tuple[PageContent, list[Line], list[_PageTable]]]) -> set[int]:
    """Lines in the top or bottom band repeated on most pages (digits ignored): headers and footers; and
    a page number ("Side 1 af 1") in either band, which a document of one page does not repeat."""
    seen: dict[tuple[str, str], set[int]] = {}
    candidates: list[tuple[tuple[str, str], Line]] = []
    numbered: set[int] = set()
    for page, body, _tables in per_page:
        band = _FURNITURE_BAND * page.height
        for line in body:
            where = "top" if line.bottom < band else "bottom" if line.top > page.height - band else ""
            if where:
                key = (where, _DIGITS.sub("#", " ".join(line.text.lower().split())))
                seen.setdefault(key, set()).add(page.number)
                candidates.append((key, line))
                if "ide " in line.text and _PAGE_OF.match(line.text):
                    numbered.add(id(line))
    if len(per_page) < 2:
        return numbered
    most = len(per_page) // 2 + 1
    return numbered | {id(line) for key, line in candidates if len(seen[key]) >= most}


# "Side 3 af 12", "Norddjurs Kommune Side 3 af 12": a page number, page furniture wherever it repeats or not
_PAGE_OF = re.compile(r"^\s*(?:\S.{0,80}\s)?(?:Side|side)\s+\d{1,4}\s*(?:af|/)\s*\d{1,4}\s*$")


# --- blocks ------------------------------------------------------------------------------------


def _assemble(
    sequence: list[Line | _PageTable], body_lines: list[Line], style: Style, width: float
) -> list[Block]:
    plain = [ln for ln in body_lines if not ln.starts]
    right = _right_edge(plain, width)
    flow = Flow(style, Region(right, headings=True))
    out: list[Block | _TableBuild] = []
    run: list[Line] = []  # body lines since the last table, checked for unruled columns together
    building: _TableBuild | None = None
    for item in [*sequence, None]:
        if isinstance(item, Line):
            run.append(item)
            continue
        if run:
            for piece in _unruled_tables(run, style):
                if isinstance(piece, Segment):  # a column of the page starts: lines flow in it alone
                    flow.end()
                    out.extend(flow.take())
                    flow.region = Region(
                        piece.right or right, headings=True, estimated=piece.right is not None
                    )
                    flow.indent.xs.clear()  # a list's levels are measured within its column
                elif isinstance(piece, Columns):
                    flow.end()
                    out.extend(flow.take())
                    out.append(_columns_table(piece, style, right))
                else:
                    flow.add(piece)
            flow.end()
            out.extend(flow.take())
            flow.region = Region(right, headings=True)
            building, run = None, []
        if item is None:
            break
        if building is not None and _continues(building.last, item):
            building.extend(item)
        else:
            building = _TableBuild([], item)
            building.extend(item)
            out.append(building)
    blocks: list[Block] = []
    for block in out:
        if isinstance(block, _TableBuild):
            rows = _table_rows(block, style)
            if rows:
                blocks.append(Table(rows, rows[0].pos))
        else:
            blocks.append(block)
    return blocks


def _unruled_tables(run: list[Line], style: Style) -> list[Line | Columns | Segment]:
    """Tables without rules among body lines: those told by alignment and type first (their bold headers
    and plain text may also stand a wide gap apart), then those told by wide gaps among the rest. A page
    in two columns is read column by column (each `Segment` starts lines that flow on their own)."""
    out: list[Line | Columns | Segment] = []
    for segment in split_gutters(run):
        if out or segment.right is not None:
            out.append(segment)
        lines: list[Line] = []
        for piece in [*find_aligned_tables(segment.lines, style), None]:
            if isinstance(piece, Line):
                lines.append(piece)
                continue
            out.extend(_plain_then_wide(lines, style) if lines else [])
            lines = []
            if piece is not None:
                out.append(piece)
    return out


def _plain_then_wide(lines: list[Line], style: Style) -> list[Line | Columns]:
    """Tables in plain type with a narrow gap, then tables with wide gaps among the rest."""
    out: list[Line | Columns] = []
    pending: list[Line] = []
    for piece in [*find_plain_tables(lines, style.leading_of), None]:
        if isinstance(piece, Line):
            pending.append(piece)
            continue
        out.extend(find_columns(pending) if pending else [])
        pending = []
        if piece is not None:
            out.append(piece)
    return out


@dataclass(slots=True, eq=False)
class _TableBuild:
    """A ruled table being gathered over one or more pages: per row, its cell boundaries and cell lines."""

    rows: list[tuple[list[float], list[list[Line]], list[bool]]]  # (edges, lines per cell, merged down)
    last: _PageTable

    def extend(self, part: _PageTable) -> None:
        new_rows = [
            (row.xs, cells, row.merged_above) for row, cells in zip(part.grid.rows, part.cells, strict=True)
        ]
        split_row = self.rows and self.last.grid.rows[-1].open_bottom and part.grid.rows[0].open_top
        if not split_row and self.rows and new_rows and _texts(new_rows[0][1]) == _texts(self.rows[0][1]):
            new_rows = new_rows[
                1:
            ]  # the header row, repeated at the top of the page ("Gentag overskriftsrække")
        if self.rows and new_rows and _goes_on(self.rows[-1][1], new_rows[0][1]):
            split_row = True  # also under a repeated header row
        if (
            split_row and new_rows and len(self.rows[-1][1]) == len(new_rows[0][1])
        ):  # one row broken by the page break
            for cell, more in zip(self.rows[-1][1], new_rows[0][1], strict=True):
                cell.extend(more)
            new_rows = new_rows[1:]
        self.rows.extend(new_rows)
        self.last = part


def _goes_on(last: list[list[Line]], first: list[list[Line]]) -> bool:
    """The first row on the new page has nothing in its first cell and more in the others, under a row
    with a first cell: the rest of that row, which a printer (LibreOffice) closed with a rule at the page
    break and opened again on the next page."""
    return len(last) == len(first) > 1 and bool(last[0]) and not first[0] and any(first[1:])


def _texts(cells: list[list[Line]]) -> list[str]:
    return [" ".join(ln.text for ln in lines) for lines in cells]


def _right_edge(lines: list[Line], width: float) -> float:
    """Where full lines of running text end: the rightmost line end, when several lines reach it
    (justified text); the rightmost line end too when the text is set in a column clearly narrower
    than the page and wraps there (`_wraps_at`: ragged right, an HTML page with a max-width); else,
    with too few lines to tell, the page's width less the left margin (margins are mostly even)."""
    right = max((ln.x1 for ln in lines), default=0.0)
    if sum(1 for ln in lines if ln.x1 > right - 2.0) >= 3:
        return right
    page_right = max(right, width - min((ln.x0 for ln in lines), default=0.0))
    if right < page_right - _NARROW * width and _wraps_at(lines, right):
        return right
    return page_right


_NARROW = 0.15  # text ending this much of the page's width short of the right margin is a narrower column
_WRAPPED_PAIRS = 3  # lines seen wrapping at a column's edge before it is believed


def _wraps_at(lines: list[Line], right: float) -> bool:
    """Whether running text wraps at `right`: three or more lines, each followed on the next line (same
    type, same left edge, normal leading) by a word that starts in lowercase and would not have fitted
    before `right`: sentences running on, not a list of short lines (those start with capitals)."""
    wrapped = 0
    for above, line in pairwise(lines):
        if (
            line.text[:1].islower()
            and line.page == above.page
            and abs(line.x0 - above.x0) <= 3.0
            and abs(line.height - above.height) < 0.5
            and 0 < line.top - above.top < 1.6 * above.height
            and above.x1 + 0.25 * above.height + line.first_word > right - 1.0
        ):
            wrapped += 1
            if wrapped >= _WRAPPED_PAIRS:
                return True
    return False


def _continues(before: _PageTable, after: _PageTable) -> bool:
    """The table on the next page goes on with the same columns: one table split by the page break.
    Same outer edges, and every column edge of its first row is a column edge of the table before
    (a merged cell there has fewer edges)."""
    if after.page != before.page + 1:
        return False
    edges = [x for row in before.grid.rows for x in row.xs]
    first = after.grid.rows[0].xs
    return (
        abs(before.grid.x0 - after.grid.x0) <= 2.0
        and abs(before.grid.x1 - after.grid.x1) <= 2.0
        and all(any(abs(x - e) <= 2.0 for e in edges) for x in first)
    )


def _table_rows(build: _TableBuild, style: Style) -> list[Row]:
    rows: list[Row] = []
    above: list[Cell] = []
    above_lines: list[list[Line]] = []  # the lines of each cell above, of all the rows it is merged over
    above_run: list[list[Cell]] = []  # the cells of each column's merged run, from its first row down
    for xs, cells, merged in build.rows:
        out_cells = [Cell(_cell_paragraphs(lines, xs[c], xs[c + 1], style)) for c, lines in enumerate(cells)]
        lines_here = [list(lines) for lines in cells]
        run = [[cell] for cell in out_cells]
        # A cell merged down over several rows (no rule between them) is read in each of them, as the
        # Word and HTML readers do: a "Juleferie" over two weeks is both weeks.
        for c, down in enumerate(merged):
            if down and c < len(above) and c < len(out_cells):
                if out_cells[c].empty:
                    out_cells[c] = Cell.merged_down(above[c])
                    lines_here[c] = above_lines[c]
                    run[c] = [*above_run[c], out_cells[c]]
                elif above[c].empty:
                    above[c].paragraphs[:] = Cell.merged_down(out_cells[c]).paragraphs
                else:
                    # Text wrapped across the rows the cell spans ("Budgetseminar" / "(to dage)"): one cell
                    lines_here[c] = above_lines[c] + lines_here[c]
                    joined = _cell_paragraphs(lines_here[c], xs[c], xs[c + 1], style)
                    for cell in above_run[c]:
                        cell.paragraphs[:] = Cell.merged_down(Cell(joined)).paragraphs
                    out_cells[c] = Cell.merged_down(Cell(joined))
                    run[c] = [*above_run[c], out_cells[c]]
        above, above_lines, above_run = out_cells, lines_here, run
        if all(cell.empty for cell in out_cells):
            continue
        first = min((ln for lines in cells for ln in lines), key=lambda ln: (ln.page, ln.no))
        rows.append(Row(out_cells, Position(first.no, first.page)))
    return rows


def _cell_paragraphs(
    lines: list[Line], x0: float, x1: float, style: Style, estimated: bool = False
) -> list[Paragraph]:
    if not lines:
        return []
    # The right padding mirrors the left, but a cell holding only a list starts its text further in.
    pad = 0.0 if estimated else min(_MAX_CELL_PADDING, max(0.0, min(ln.x0 for ln in lines) - x0))
    flow = Flow(style, Region(x1 - pad, estimated=estimated), numbered_lines(lines))
    for line in lines:
        flow.add(line)
    flow.end()
    return flow.out


def _columns_table(columns: Columns, style: Style, right: float) -> Table:
    rows: list[Row] = []
    edges = [*columns.xs[1:], columns.right or right]
    estimated = [False] * (len(edges) - 1) + [columns.right is not None]
    for row in columns.rows:
        cells = [
            Cell(_cell_paragraphs(lines, columns.xs[c], edges[c], style, estimated=estimated[c]))
            for c, lines in enumerate(row)
        ]
        first = min((ln for lines in row for ln in lines), key=lambda ln: ln.no)
        rows.append(Row(cells, Position(first.no, first.page)))
    return Table(rows, rows[0].pos)
