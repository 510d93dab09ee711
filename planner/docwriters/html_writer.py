"""Blocks to a whole UTF-8 HTML page: headings, paragraphs, nested lists, line breaks and tables.

The page prints well (chromium's print-to-PDF makes the PDF fixtures from it) and reads back with
`planner.documents` to the same blocks: a broken paragraph is a `<br>` inside the previous element,
list items nest as `<ul><li>…<ul><li>`, a table has visible 1px borders.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from planner.documents.model import HEADING, ITEM, Block, Paragraph, Table

_STYLE = (
    "body{font-family:'DejaVu Sans',Arial,sans-serif;font-size:11pt;line-height:1.35;margin:0}"
    "table{border-collapse:collapse;margin:6pt 0}"
    "td{border:1px solid #000;padding:2pt 5pt;vertical-align:top}"
    "td p{margin:0 0 3pt}ul{margin:3pt 0}"
    "@page{size:A4;margin:18mm}"
)
_BULLET = "• "  # a typed bullet, read back as an item where HTML cannot nest one (after a <br>)


def blocks_to_html(blocks: Sequence[Block], title: str) -> str:
    out: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="da">',
        f'<head><meta charset="utf-8"><title>{escape(title)}</title><style>{_STYLE}</style></head>',
        "<body>",
    ]
    pending: list[Paragraph] = []
    for block in blocks:
        if isinstance(block, Table):
            out.append(_paragraphs_html(pending))
            pending = []
            out.append(_table_html(block))
        else:
            pending.append(block)
    out.append(_paragraphs_html(pending))
    out.extend(["</body>", "</html>", ""])
    return "\n".join(part for part in out if part)


def _table_html(table: Table) -> str:
    rows = []
    for row in table.rows:
        cells = "".join(f"<td>{_paragraphs_html(cell.paragraphs)}</td>" for cell in row.cells)
        rows.append(f"<tr>{cells}</tr>")
    return "<table>\n" + "\n".join(rows) + "\n</table>" if rows else ""


def _inline(paragraph: Paragraph, text: str | None = None) -> str:
    body = escape(paragraph.text if text is None else text)
    return f"<strong>{body}</strong>" if paragraph.strong else body


def _paragraphs_html(paragraphs: Sequence[Paragraph]) -> str:
    """Paragraphs as HTML elements; a broken paragraph joins the element before it after a <br>."""
    out: list[str] = []
    open_items: list[bool] = []  # one per open <ul>: whether its last <li> is still open
    close = ""  # the end tag of the open <p> or <hN>
    host: Paragraph | None = None
    for paragraph in paragraphs:
        if paragraph.broken and host is not None:
            text = _BULLET + paragraph.text if paragraph.kind == ITEM and host.kind != ITEM else None
            out.append("<br>" + _inline(paragraph, text))
            continue
        out.append(close)
        close = ""
        target = paragraph.level + 1 if paragraph.kind == ITEM else 0
        while len(open_items) > target:
            out.append("</li></ul>" if open_items.pop() else "</ul>")
        if paragraph.kind == ITEM:
            if len(open_items) == target and open_items[-1]:
                out.append("</li>")
                open_items[-1] = False
            while len(open_items) < target:
                if open_items and not open_items[-1]:  # a deeper list lives inside an item
                    out.append("<li>")
                    open_items[-1] = True
                out.append("<ul>")
                open_items.append(False)
            out.append("\n<li>" + _inline(paragraph))
            open_items[-1] = True
        else:
            tag = f"h{min(max(paragraph.level, 1), 6)}" if paragraph.kind == HEADING else "p"
            out.append(f"\n<{tag}>" + _inline(paragraph))
            close = f"</{tag}>"
        host = paragraph
    out.append(close)
    out.extend("</li></ul>" if is_open else "</ul>" for is_open in reversed(open_items))
    return "".join(out).strip()
