"""Blocks to a Word document (.docx) with python-docx, using Word's built-in styles.

Headings get "Heading N", list items "List Bullet"/"List Bullet 2"/… ("List Number" when the item
has its own marker), a broken paragraph becomes a line break (w:br) inside the previous paragraph,
a strong paragraph is bold, and a table is a real Word table in the "Table Grid" style whose cells
hold their paragraphs. Read back with `planner.documents`, the same blocks come out.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

import docx
from docx.oxml.ns import qn
from docx.table import _Cell
from docx.text.paragraph import Paragraph as WordParagraph

from planner.documents.model import HEADING, ITEM, Block, Paragraph, Table

_MAX_STYLED_LIST_LEVEL = 2  # the built-in styles go to "List Bullet 3"; deeper levels add an explicit w:ilvl
_BULLET = "• "  # a typed bullet, read back as an item where Word cannot nest one (after a line break)
_KEPT_TABLE_STYLES = frozenset({"TableNormal", "TableGrid"})


def blocks_to_docx(blocks: Sequence[Block], title: str) -> bytes:
    document = docx.Document()
    document.core_properties.title = title
    _drop_unused_styles(document)
    pending: list[Paragraph] = []
    for block in blocks:
        if isinstance(block, Table):
            _write_paragraphs(document, pending)
            pending = []
            _write_table(document, block)
        else:
            pending.append(block)
    _write_paragraphs(document, pending)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _write_table(document, table: Table) -> None:
    if not table.rows:
        return
    width = max(len(row.cells) for row in table.rows) or 1
    word_table = document.add_table(rows=len(table.rows), cols=width)
    word_table.style = document.styles["Table Grid"]
    for row, word_row in zip(table.rows, word_table.rows, strict=True):
        for cell, word_cell in zip(row.cells, word_row.cells, strict=False):
            _write_paragraphs(word_cell, cell.paragraphs)


def _write_paragraphs(container, paragraphs: Iterable[Paragraph]) -> None:
    """Paragraphs into the document or a cell; a cell's own first (empty) paragraph is used first."""
    spare: WordParagraph | None = container.paragraphs[0] if isinstance(container, _Cell) else None
    host: tuple[WordParagraph, Paragraph] | None = None
    for paragraph in paragraphs:
        if paragraph.broken and host is not None:
            word_paragraph, first = host
            word_paragraph.add_run().add_break()
            text = paragraph.text
            if paragraph.kind == ITEM and first.kind != ITEM:
                text = _BULLET + text
            word_paragraph.add_run(text).bold = paragraph.strong or None
            continue
        if spare is not None:
            word_paragraph, spare = spare, None
            word_paragraph.style = _style_name(paragraph)
        else:
            word_paragraph = container.add_paragraph(style=_style_name(paragraph))
        if paragraph.kind == ITEM and paragraph.level > _MAX_STYLED_LIST_LEVEL:
            _set_list_level(word_paragraph, paragraph.level)
        word_paragraph.add_run(paragraph.text).bold = paragraph.strong or None
        host = (word_paragraph, paragraph)


def _style_name(paragraph: Paragraph) -> str:
    if paragraph.kind == HEADING:
        return f"Heading {min(max(paragraph.level, 1), 9)}"
    if paragraph.kind == ITEM:
        base = "List Number" if paragraph.marker else "List Bullet"
        depth = min(paragraph.level, _MAX_STYLED_LIST_LEVEL)
        return base if depth == 0 else f"{base} {depth + 1}"
    return "Normal"


def _set_list_level(word_paragraph: WordParagraph, level: int) -> None:
    """An explicit list level on the paragraph (w:numPr/w:ilvl), for levels deeper than the styles go."""
    style_num = word_paragraph.style.element.pPr.numPr
    num_pr = word_paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = min(level, 8)
    num_pr.get_or_add_numId().val = style_num.numId.val


def _drop_unused_styles(document) -> None:
    """python-docx's template carries a hundred table styles and a copy of them all (stylesWithEffects):
    a 350 kB styles part that Word's own new documents do not have. Keep what we use."""
    styles = document.styles.element
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:type")) == "table" and style.get(qn("w:styleId")) not in _KEPT_TABLE_STYLES:
            styles.remove(style)
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            document.part.drop_rel(rel_id)
