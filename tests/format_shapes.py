"""Comparing the blocks of one document read from different formats (text, Word, HTML, PDF).

Positions differ between formats by nature; what must agree is each paragraph's kind, level, text
and `broken`, and each table's cells. Two differences are the formats' own, not the readers':

- A Word or HTML table is a grid, so a row has every column; a text row ends at its last tab.
  Trailing empty cells are therefore left out of the comparison.
- Text written under a list item after a line break belongs to that item in Word and HTML (a
  `w:br` or `<br>` inside the item); the text reader reads the wrapped line as a plain paragraph.
  A broken plain paragraph right after an item is compared as a continuation of that item.
"""

from __future__ import annotations

from pathlib import Path

from planner.documents import ITEM, PARA, Block, Paragraph, Table

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "data" / "examples"
FORMATS = ROOT / "tests" / "fixtures" / "formats"


def paragraph_shapes(paragraphs: list[Paragraph], strong: bool = False) -> list[tuple]:
    out: list[tuple] = []
    for p in paragraphs:
        kind, level = p.kind, p.level
        if p.broken and kind == PARA and out and out[-1][0] == ITEM:
            kind, level = ITEM, out[-1][1]
        out.append((kind, level, p.text, p.broken, p.strong) if strong else (kind, level, p.text, p.broken))
    return out


def block_shape(blocks: list[Block], strong: bool = False) -> list:
    """The comparable content of a document: paragraph tuples, and ('table', rows of cell shapes)."""
    out: list = []
    run: list[Paragraph] = []
    for block in blocks:
        if isinstance(block, Table):
            out.extend(paragraph_shapes(run, strong))
            run = []
            rows = []
            for row in block.rows:
                cells = [paragraph_shapes(cell.paragraphs, strong) for cell in row.cells]
                while cells and not cells[-1]:
                    cells.pop()
                rows.append(cells)
            out.append(("table", rows))
        else:
            run.append(block)
    out.extend(paragraph_shapes(run, strong))
    return out
