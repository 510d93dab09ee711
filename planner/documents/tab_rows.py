"""Lines laid out in columns with tabs, as the text and Word readers both meet them.

- A tab starts the next cell; a leading tab is an empty first cell; the empty cells after the last
  text are dropped (Word ends many rows with a tab).
- In a Word document, where tabs move text to tab stops rather than separate cells, a run of two or
  more paragraphs with the same number of tabs (one or more) is a table: "29. jan.<tab>Punkt<tab>
  Ansvarlig" under a header line "Dato<tab>Punkt<tab>Ansvarlig". A paragraph of the run with more tabs
  than the others typed two tabs to reach a stop ("5. feb.<tab><tab>Punkt"): its empty cells between
  texts are dropped until it has as many as the others. A line starting with a list marker and a tab
  ("•<tab>Punkt", "1.<tab>Indledning") is a list item, not a row.
"""

from __future__ import annotations

import re
from collections import Counter

_MARKER_CELL = re.compile(r"^(?:[-–•*·▪◦●o]|\d{1,2}[.)]|[a-zA-Z][.)])$")


def tab_cells(raw: str) -> list[str]:
    """The cells of a tab-separated line, trailing empty cells dropped (one cell at least)."""
    cells = raw.split("\t")
    while len(cells) > 1 and not cells[-1].strip():
        cells.pop()
    return cells


def is_tab_row(raw: str) -> bool:
    """A line that may be a row of a table laid out with tabs (a tab after text, not after a list marker)."""
    if "\t" not in raw.strip(" "):
        return False
    first = raw.split("\t", 1)[0].strip()
    return not _MARKER_CELL.match(first)


def tab_runs(lines: list[str | None]) -> list[tuple[int, int, int]]:
    """The runs of `lines` that are tables: (start, end, tabs) for each run of consecutive tab rows
    (None: a line that cannot be one) holding two or more rows with the same number of tabs, `tabs`."""
    out: list[tuple[int, int, int]] = []
    k, n = 0, len(lines)
    while k < n:
        if lines[k] is None or not is_tab_row(lines[k]):
            k += 1
            continue
        end = k
        while end < n and lines[end] is not None and is_tab_row(lines[end]):
            end += 1
        counts = Counter(line.count("\t") for line in lines[k:end])  # type: ignore[union-attr]
        tabs, seen = counts.most_common(1)[0]
        if seen >= 2:
            out.append((k, end, tabs))
        k = end
    return out


def row_cells(raw: str, tabs: int) -> list[str]:
    """The cells of a row of a table with `tabs` tabs per row: doubled tabs that reach a tab stop dropped
    until the row has as many cells as the others."""
    cells = raw.split("\t")
    extra = len(cells) - 1 - tabs
    k = 1
    while extra > 0 and k < len(cells) - 1:
        if not cells[k].strip():
            del cells[k]
            extra -= 1
        else:
            k += 1
    return tab_cells("\t".join(cells))
