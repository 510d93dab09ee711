"""The normalised document every reader produces and the grammar reads.

A document is a flat list of blocks in reading order: paragraphs (plain paragraphs,
headings with their level, list items with their depth) and tables (rows of cells, each
cell holding its own paragraphs). Every block knows where it stood in the source: a line,
and for PDF also a page. Nothing in here carries format knowledge: no tabs, pipes, tags,
markdown markers or Word styles survive reading.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import NamedTuple

from planner.errors import PlannerError


class cached_value:
    """functools.cached_property without its lock: Python 3.11 takes an RLock on every first read, which
    cost more than the value itself for the thousands of paragraphs and cells one document holds. Blocks
    are read by one thread."""

    def __init__(self, compute):
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


class UnreadableInput(PlannerError):
    """The input cannot be read as a document at all (empty, binary, missing, an unsupported format)."""


class Position(NamedTuple):
    """Where a block stood: a 1-based line, the 1-based page for paged formats (PDF), and the part of
    the file outside its body the line counts in ("sidehoved": a Word page header; "vedhæftet fil
    'x.docx'": an e-mail's attachment), "" in the body.

    A named tuple, not a frozen dataclass: every line of a document makes one, and a tuple is made
    in a third of the time."""

    line: int
    page: int | None = None
    part: str = ""

    def label(self) -> str:
        """Danish: 'linje 12', 'side 2, linje 12' or 'sidehoved, linje 1'."""
        where = f"side {self.page}, linje {self.line}" if self.page else f"linje {self.line}"
        return f"{self.part}, {where}" if self.part else where

    def __repr__(self) -> str:
        # the part only where there is one: a body's positions read as they always have
        tail = f", part={self.part!r}" if self.part else ""
        return f"Position(line={self.line!r}, page={self.page!r}{tail})"


PAGE_HEADER = "sidehoved"  # the part a Word page header's lines count in (Position.part)
MAIL = "e-mailen"  # the part an e-mail's own findings count in, when an attachment is the document

PARA = "para"
HEADING = "heading"
ITEM = "item"


@dataclass(eq=False)
class Paragraph:
    """One paragraph of text: inline markup removed, white space folded, never empty.

    kind: PARA, HEADING (level 1-6) or ITEM (a list item; level is its nesting depth, 0 at the top).
    broken: the paragraph follows the previous one after a manual line break (Word's
    Shift+Enter, `<br>`, a wrapped line in a text export), not after a paragraph break.
    marker: an item's own enumeration as written ("1)", "a.") when it matters; "" for bullets.
    strong: the whole paragraph is bold (documents often use a bold line as a heading).
    """

    text: str
    pos: Position
    kind: str = PARA
    level: int = 0
    broken: bool = False
    marker: str = ""
    strong: bool = False

    @property
    def no(self) -> int:
        return self.pos.line

    @cached_value
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_item(self) -> bool:
        return self.kind == ITEM

    @property
    def is_heading(self) -> bool:
        return self.kind == HEADING


def one_line(paragraphs: list[Paragraph]) -> str:
    """Paragraphs as one line, as a table cell's text reads."""
    # Most cells hold one paragraph; joining a generator costs more than the join itself.
    return paragraphs[0].text if len(paragraphs) == 1 else " ".join([p.text for p in paragraphs])


@dataclass(eq=False)
class Cell:
    paragraphs: list[Paragraph] = field(default_factory=list)

    @cached_value
    def text(self) -> str:
        """The cell's paragraphs as one line (read once the reader has finished the cell). A reader that
        knows it already may set it (`cell.text = ...`, which stands in for this)."""
        return one_line(self.paragraphs)

    @property
    def empty(self) -> bool:
        return not self.paragraphs

    @staticmethod
    def merged_down(top: Cell | None) -> Cell:
        """The cell a row reads where the cell `top` above it is merged down over it (Word's vertical
        merge, HTML's rowspan): what the merged cell shows there, as copies; empty without `top`."""
        return Cell([copy.copy(p) for p in top.paragraphs]) if top else Cell()


@dataclass(eq=False, slots=True)
class Row:
    cells: list[Cell]
    pos: Position

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


@dataclass(eq=False, slots=True)
class Table:
    rows: list[Row]
    pos: Position


Block = Paragraph | Table


def in_part(blocks: list[Block], warnings: list[ReadWarning], part: str) -> None:
    """Move every position of `blocks` and `warnings` (read from one part of a file: a page header, an
    attachment) into that part, in place; a position already in a part gets the outer part first."""

    def moved(pos: Position) -> Position:
        return pos._replace(part=f"{part}, {pos.part}" if pos.part else part)

    done: set[int] = set()  # a paragraph shown in two places (a merged cell) is moved once
    for block in blocks:
        block.pos = moved(block.pos)
        if isinstance(block, Table):
            for row in block.rows:
                row.pos = moved(row.pos)
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        if id(paragraph) not in done:
                            done.add(id(paragraph))
                            paragraph.pos = moved(paragraph.pos)
    warnings[:] = [ReadWarning(moved(w.pos), w.message) for w in warnings]


def flat_paragraphs(blocks: list[Block]) -> list[Paragraph]:
    """The paragraphs of `blocks` in reading order, a table's row by row and cell by cell."""
    out: list[Paragraph] = []
    for block in blocks:
        if isinstance(block, Table):
            out += [p for row in block.rows for cell in row.cells for p in cell.paragraphs]
        else:
            out.append(block)
    return out


@dataclass(frozen=True, slots=True)
class ReadWarning:
    """Something the reader could not read, or read with a doubt; never a silent loss."""

    pos: Position
    message: str


@dataclass(eq=False)
class Document:
    source: str  # the file name, as the user knows it
    format: str  # txt | md | html | docx | pdf
    blocks: list[Block]
    sha256: str
    encoding: str = "utf-8"
    pages: int | None = None
    warnings: list[ReadWarning] = field(default_factory=list)
    plain: str | None = None  # the document as text, when the format is text already (see as_text)
    # The part of a container file the document was read from: "vedhæftet fil 'dagsorden.docx'" for an
    # agenda attached to an e-mail; its blocks' positions are in it, and so are the grammar's findings.
    part: str = ""

    def paragraphs(self) -> list[Paragraph]:
        """Every paragraph in reading order, those inside table cells included."""
        return flat_paragraphs(self.blocks)

    def as_text(self) -> str:
        """A plain rendering for people (search, the store's text column); the grammar never reads it."""
        if self.plain is not None:
            return self.plain
        out: list[str] = []
        for block in self.blocks:
            if isinstance(block, Table):
                out.extend(" | ".join(c.text for c in row.cells) for row in block.rows)
            elif block.kind == HEADING:
                out.append("#" * max(1, block.level) + " " + block.text)
            elif block.kind == ITEM:
                out.append("  " * block.level + "- " + block.text)
            else:
                out.append(block.text)
        return "\n".join(out)
