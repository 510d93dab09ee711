"""The next agenda's forward-plan table (`planner.docwriters.agenda_table`) as Word, HTML or text.

All three have the secretariat's layout: the heading, one line that dates the table, a two-column
table (Dato | Punkter) with one row per meeting day, each holiday, absence note and point on its
own line in the cell, empty rows kept, and then "Punkter som afventer dato:" with the backlog as a
list. Read back by `planner.parse`, each gives the same rows and backlog.

- Word: a real table in "Table Grid" with a bold header row that repeats on every page.
- HTML: a page whose table has its borders inline-styled, so a copy pasted into Word or Outlook
  keeps its lines (neither keeps a <style> sheet).
- Text: tab-separated rows like Word's own text export; several lines of one cell are written
  as typed bullets ("• a • b"), which Word and the reader both take as a list.
"""

from __future__ import annotations

import io
from html import escape

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from planner.docwriters.agenda_table import (
    AWAITING_HEADING,
    CASE_MARKER,
    DATE_HEADER,
    HEADING,
    POINTS_HEADER,
    AgendaTable,
)
from planner.docwriters.docx_writer import _drop_unused_styles

FORMATS = ("docx", "html", "text")
_DATE_WIDTH, _POINTS_WIDTH = Cm(2.6), Cm(13.4)


def render(table: AgendaTable, fmt: str) -> bytes:
    if fmt == "docx":
        return table_to_docx(table)
    if fmt == "html":
        return table_to_html(table).encode("utf-8")
    if fmt == "text":
        return table_to_text(table).encode("utf-8")
    raise ValueError(f"unknown format {fmt!r}")


# --- Word ---------------------------------------------------------------------------------------


def table_to_docx(table: AgendaTable) -> bytes:
    document = docx.Document()
    document.core_properties.title = HEADING
    _drop_unused_styles(document)
    document.add_paragraph(HEADING, style="Heading 2")
    document.add_paragraph(CASE_MARKER)
    document.add_paragraph(table.intro)
    word_table = document.add_table(rows=1 + len(table.rows), cols=2)
    word_table.style = document.styles["Table Grid"]
    word_table.autofit = False
    header = word_table.rows[0]
    _repeat_as_header(header)
    for cell, text in zip(header.cells, (DATE_HEADER, POINTS_HEADER), strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for row, word_row in zip(table.rows, word_table.rows[1:], strict=True):
        date_cell, points_cell = word_row.cells
        date_cell.paragraphs[0].add_run(row.label)
        for k, entry in enumerate(row.entries):
            paragraph = points_cell.paragraphs[0] if k == 0 else points_cell.add_paragraph()
            paragraph.add_run(entry)
    for word_row in word_table.rows:  # Word reads the cell widths, LibreOffice the grid: set both
        word_row.cells[0].width, word_row.cells[1].width = _DATE_WIDTH, _POINTS_WIDTH
    word_table.columns[0].width, word_table.columns[1].width = _DATE_WIDTH, _POINTS_WIDTH
    document.add_paragraph()
    document.add_paragraph(AWAITING_HEADING)
    for title in table.awaiting:
        document.add_paragraph(title, style="List Bullet")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _repeat_as_header(word_row) -> None:
    """The header row repeats at the top of every page the table runs onto (w:tblHeader)."""
    tr_pr = word_row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


# --- HTML ---------------------------------------------------------------------------------------

_BODY = "font-family:Calibri,Arial,sans-serif;font-size:11pt"
_TABLE = "border-collapse:collapse;border:1px solid #000;width:16cm"
_CELL = "border:1px solid #000;padding:2pt 5pt;vertical-align:top;text-align:left"
_LINE = "margin:0"


def table_to_html(table: AgendaTable) -> str:
    rows = [
        f'<tr><th style="{_CELL};width:2.6cm">{DATE_HEADER}</th><th style="{_CELL}">{POINTS_HEADER}</th></tr>'
    ]
    for row in table.rows:
        lines = "".join(f'<p style="{_LINE}">{escape(e)}</p>' for e in row.entries)
        rows.append(f'<tr><td style="{_CELL}">{escape(row.label)}</td><td style="{_CELL}">{lines}</td></tr>')
    items = "".join(f"<li>{escape(title)}</li>" for title in table.awaiting)
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="da">',
            f'<head><meta charset="utf-8"><title>{escape(HEADING)}</title></head>',
            f'<body style="{_BODY}">',
            f"<h2>{escape(HEADING)}</h2>",
            f"<p>{CASE_MARKER}</p>",
            f"<p>{escape(table.intro)}</p>",
            f'<table style="{_TABLE}">',
            *rows,
            "</table>",
            f"<p>{escape(AWAITING_HEADING)}</p>",
            f"<ul>{items}</ul>" if items else "",
            "</body>",
            "</html>",
            "",
        ]
    )


# --- text ---------------------------------------------------------------------------------------


def table_to_text(table: AgendaTable) -> str:
    lines = [HEADING, "", CASE_MARKER, "", table.intro, "", f"{DATE_HEADER}\t{POINTS_HEADER}"]
    for row in table.rows:
        entries = [_one_line(e) for e in row.entries]
        cell = entries[0] if len(entries) == 1 else " ".join(f"• {e}" for e in entries)
        lines.append(f"{row.label}\t{cell}")
    lines += ["", AWAITING_HEADING, ""]
    lines += [f"- {_one_line(title)}" for title in table.awaiting]
    return "\n".join(lines) + "\n"


def _one_line(text: str) -> str:
    """A tab or line break inside a title would end its cell or its row: fold all white space."""
    return " ".join(text.split())


# --- reading it back ----------------------------------------------------------------------------

_SUFFIX = {"docx": "docx", "html": "html", "text": "txt"}


def unreadable_rows(table: AgendaTable, data: bytes, fmt: str) -> list[str]:
    """Danish notes on the rows an import of `data` would not read as written (empty when all are).

    The grammar splits a cell whose line breaks were lost at a capital after a lowercase word, so a
    title typed by hand such as "Status på projekt Åben Land" would come back as two points; the
    user is told, rather than finding it out at the next import."""
    from planner.parse.document import parse_bytes

    doc = parse_bytes(data, f"punkter-til-naeste-moede.{_SUFFIX[fmt]}")
    read = {r.date: (list(r.closures), list(r.absent), [p.text for p in r.points]) for r in doc.forward_plan}
    notes = []
    for row in table.rows:
        wanted = (list(row.holidays), list(row.absent), list(row.points))
        got = read.get(row.date)
        if got != wanted:
            shown = "; ".join(got[2]) if got else "ingenting"
            notes.append(f"{row.label}: skrevet '{'; '.join(row.entries)}', læses ved import som '{shown}'")
    if [p.text for p in doc.awaiting_date] != list(table.awaiting):
        notes.append("punkter som afventer dato læses ikke tilbage som skrevet")
    return notes
