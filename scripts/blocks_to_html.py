"""Render a document's blocks as a simple HTML page, and print it to PDF (a test helper).

    python scripts/blocks_to_html.py data/examples/*.txt --out tests/fixtures/pdf/examples

Each text document is read with the text reader, its blocks rendered the way a secretary's
word processor would lay them out (a line break stays a line break, a list a list, a table a
ruled table), and printed with chromium. The PDF reader's tests then check that the PDF gives
back the same blocks as the text file. This is not the product's HTML writer.
"""

from __future__ import annotations

import argparse
import html
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from print_pdf import print_pdf

from planner.documents import HEADING, ITEM, Block, Paragraph, Table, read_document

STYLE = """
@page { size: A4; margin: 2cm; }
body { font-family: 'Liberation Sans', Arial, sans-serif; font-size: 11pt; line-height: 1.25; }
p { margin: 0 0 0.8em 0; }
/* Headings as a word processor sets them: bold and larger than body text, each level its own size. */
h1, h2, h3, h4, h5, h6 { font-weight: bold; margin: 0.6em 0 0.5em 0; }
h1 { font-size: 18pt; } h2 { font-size: 16pt; } h3 { font-size: 14pt; }
h4 { font-size: 13pt; } h5 { font-size: 12.75pt; } h6 { font-size: 12.5pt; }
ul { margin: 0 0 0.8em 0; }
.cont { margin-top: -0.8em; }
table { border-collapse: collapse; margin: 0 0 0.8em 0; }
td { border: 0.75pt solid #000; padding: 2pt 5pt; vertical-align: top; }
td p { margin: 0 0 0.5em 0; }
td p:last-child { margin-bottom: 0; }
"""


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _line(p: Paragraph) -> str:
    text = _esc(p.text)
    if p.kind == ITEM and p.marker:
        text = f"{_esc(p.marker)} {text}"
    return f"<b>{text}</b>" if p.strong else text


def _cell_html(paragraphs: list[Paragraph]) -> str:
    """A cell's paragraphs: a line break stays a <br>, an item gets its typed bullet."""
    parts: list[str] = []
    for p in paragraphs:
        text = _line(p)
        if p.kind == ITEM and p.broken and parts:
            parts[-1] += f" • {text}"  # typed inline after the previous item, as in the source
            continue
        if p.kind == ITEM and not p.marker:
            text = f"• {text}"
        if p.broken and parts:
            parts[-1] += f"<br>{text}"
        else:
            parts.append(text)
    return "".join(f"<p>{part}</p>" for part in parts)


def _table_html(table: Table) -> str:
    width = max(len(row.cells) for row in table.rows)
    rows = []
    for row in table.rows:
        cells = [_cell_html(cell.paragraphs) for cell in row.cells]
        cells += [""] * (width - len(cells))
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return "<table>" + "".join(rows) + "</table>"


def blocks_to_html(blocks: list[Block], title: str = "") -> str:
    out: list[str] = []
    depth = 0  # open <ul> elements

    def close_lists() -> None:
        nonlocal depth
        while depth:
            out.append("</ul>")
            depth -= 1

    for block in blocks:
        if isinstance(block, Table):
            close_lists()
            out.append(_table_html(block))
            continue
        if block.kind == ITEM and not block.broken:
            while depth > block.level + 1:
                out.append("</ul>")
                depth -= 1
            while depth < block.level + 1:
                out.append("<ul>")
                depth += 1
            style = f" style=\"list-style-type: '{_esc(block.marker)} '\"" if block.marker else ""
            out.append(f"<li{style}>{_esc(block.text)}</li>")
            continue
        if block.kind == ITEM:  # an inline bullet typed after the previous paragraph
            if out and out[-1].endswith(("</p>", "</li>")):
                end = out[-1].rindex("</")
                out[-1] = out[-1][:end] + f" • {_line(block)}" + out[-1][end:]
                continue
            out.append(f"<p>• {_line(block)}</p>")
            continue
        if block.kind == HEADING:
            close_lists()
            level = min(6, max(1, block.level))
            out.append(f"<h{level}>{_esc(block.text)}</h{level}>")
            continue
        if block.broken and out and out[-1].endswith("</p>"):
            out[-1] = out[-1][: -len("</p>")] + f"<br>{_line(block)}</p>"
            continue
        if block.broken and depth:  # a line break after a list item: back at the margin, no gap
            close_lists()
            out.append(f'<p class="cont">{_line(block)}</p>')
            continue
        close_lists()
        out.append(f"<p>{_line(block)}</p>")
    close_lists()
    body = "\n".join(out)
    return (
        f'<!doctype html>\n<html lang="da"><head><meta charset="utf-8"><title>{_esc(title)}</title>'
        f"<style>{STYLE}</style></head>\n<body>\n{body}\n</body></html>\n"
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, required=True, help="folder for the .html and .pdf files")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for path in args.files:
        document = read_document(path.read_bytes(), path.name)
        page = args.out / f"{path.stem}.html"
        page.write_text(blocks_to_html(document.blocks, path.name), encoding="utf-8")
        print_pdf(page, page.with_suffix(".pdf"))
        print(page.with_suffix(".pdf"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
