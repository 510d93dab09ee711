"""HTML pages and fragments, read with the standard library's HTML parser (a real tokenizer).

Headings (`<h1>`–`<h6>`) keep their level, `<li>` becomes a list item with its nesting depth,
`<br>` a line break, Word's "Save as web page" list paragraphs (`<![if !supportLists]>` bullets) list
items, `<dl>` a table of two columns (`<dt>` | its `<dd>`s), `<table>` (or `<div>`s with the ARIA roles table, row and cell) a table whose cells keep their own paragraphs and items. A table
inside a cell is flattened into that cell, except in a layout table of one column (a frame around the
page or the forward plan), whose content is read as if it stood in the body. Scripts, styles and the `<head>` are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser

from planner.documents.inline import fold, paragraphs_from_text
from planner.documents.model import (
    HEADING,
    ITEM,
    PARA,
    Block,
    Cell,
    Document,
    Paragraph,
    Position,
    ReadWarning,
    Row,
    Table,
    flat_paragraphs,
)
from planner.documents.text_decode import decode

_SKIP = frozenset(
    {"script", "style", "head", "title", "template", "noscript", "svg", "math", "iframe", "object"}
    # A site's menu is no part of the page's document; text a tracked change deleted (<del>, as Word's
    # "Save as web page" writes it) is gone once the change is accepted, as the Word reader reads it.
    | {"nav", "del"}
)
# Elements hidden on the page (the `hidden` attribute, `display:none`, `visibility:hidden`, and Word's
# `mso-hide:all` for hidden text): a reader of the page never sees them, so neither does the import
# (an old draft kept hidden on an intranet page would otherwise add its dates).
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all", re.IGNORECASE)
_BLOCK = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "header",
        "footer",
        "main",
        "aside",
        "nav",
        "blockquote",
        "pre",
        "address",
        "figure",
        "figcaption",
        "dd",
        "dt",
        "dl",
        "center",
        "form",
        "fieldset",
        "legend",
        "hr",
        "caption",
        "body",
    }
)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
# Elements whose end tag HTML lets out (the next one closes them), and what closes an open <p>.
_OPTIONAL_END = frozenset({"p", "li", "dt", "dd", "td", "th", "tr", "option"})
_P_CLOSERS = frozenset({"table", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6"})
_FURNITURE = frozenset({"header", "footer", "aside"})
_MSO_LEVEL = re.compile(r"mso-list:\s*\w+\s+level(\d)")
_ROLE_HOLDERS = frozenset({"div", "span"})
_ROLES = {
    "table": "table",
    "grid": "table",
    "row": "tr",
    "cell": "td",
    "gridcell": "td",
    "columnheader": "th",
    "rowheader": "th",
}
_LISTS = frozenset({"ul", "ol", "menu", "dir"})
_VOID = frozenset(
    {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "wbr"}
)


@dataclass
class _TableState:
    pos: Position
    rows: list[Row] = field(default_factory=list)
    row: list[Cell] | None = None
    row_pos: Position | None = None
    cell: Cell | None = None
    span: int = 1  # the colspan of the open cell
    rowspan: int = 1  # the rowspan of the open cell
    # column → (rows a cell above still covers, that cell when the column is its first, else None)
    spanned: dict[int, tuple[int, Cell | None]] = field(default_factory=dict)
    # tables flattened into this table's cells: (cell, first paragraph, paragraphs, the table)
    nested: list[tuple[Cell, int, int, Table]] = field(default_factory=list)
    description: bool = False  # a <dl> read as a table


class _Builder(HTMLParser):
    def __init__(self, first_line: int = 1, page: int | None = None, has_main: bool = False):
        super().__init__(convert_charrefs=True)
        self.first_line = first_line
        self.page = page
        self.blocks: list[Block] = []
        self.tables: list[_TableState] = []
        self.buffer: list[str] = []
        self.buffer_pos: Position | None = None
        self.broken = False  # the next paragraph follows a <br>
        self.skip = 0
        self.heading = 0
        self.list_depth = 0
        self.items_open = 0  # <li> elements open
        self.item_emitted = False  # the open <li> has already given a paragraph
        self.bold = 0  # <b> and <strong> elements open
        self.buffer_plain = False  # the buffer holds text outside <b>/<strong>
        # Word's "Save as web page" writes a list paragraph's bullet or number as text between
        # <![if !supportLists]> and <![endif]>: the bullet (a Symbol or Wingdings glyph) makes the
        # paragraph an item, a number stays in its text.
        self.list_marker: list[str] | None = None  # the marker's text while inside that section
        self.word_item = False  # the paragraph being read is a Word list paragraph with a bullet
        self.word_level = 0  # its level ("mso-list:l0 level2" → 1)
        # per open <div>/<span>: the table tag its role stands for
        self.roles: dict[str, list[str | None]] = {}
        # The hidden element being skipped (see `_HIDDEN_STYLE`), and how many elements of its name are
        # open inside it, so its own end tag ends the skip.
        self.hidden_tag: str | None = None
        self.hidden_depth = 0
        self.hidden_text: list[str] | None = None  # the text of a hidden element (not of furniture)
        self.hidden_pos = Position(first_line, page)
        self.warnings: list[ReadWarning] = []
        # A page with a <main> says where its content is: the site's banner, footer and side bars
        # (<header>, <footer>, <aside> outside <main>) are furniture, like its menu.
        self.has_main = has_main
        self.main_open = 0
        # The text of an open <pre> and the line it starts on: preformatted text is read as lines of text
        # (a table typed with tabs, an e-mail pasted into the page), not folded into one paragraph.
        self.pre: list[str] | None = None
        self.pre_line = 0

    # --- positions and output ------------------------------------------------------------
    def _pos(self) -> Position:
        return Position(self.getpos()[0] + self.first_line - 1, self.page)

    def _out(self) -> list[Paragraph] | list[Block]:
        if self.tables and self.tables[-1].cell is not None:
            return self.tables[-1].cell.paragraphs
        return self.blocks

    def flush(self, broken_next: bool = False) -> None:
        text = "".join(self.buffer)
        pos = self.buffer_pos or self._pos()
        strong = not self.buffer_plain
        self.buffer, self.buffer_pos, self.buffer_plain = [], None, False
        if fold(text):
            if self.heading:
                paragraphs = [Paragraph(fold(text), pos, HEADING, self.heading, self.broken)]
            elif self.word_item and not self.items_open:
                paragraphs = paragraphs_from_text(text, pos, ITEM, self.word_level, self.broken)
            elif self.items_open:
                kind = ITEM if not self.item_emitted else PARA
                paragraphs = paragraphs_from_text(text, pos, kind, max(0, self.list_depth - 1), self.broken)
                if kind == PARA:  # a second paragraph in one <li> continues the item
                    for p in paragraphs:
                        p.kind, p.level, p.broken = ITEM, max(0, self.list_depth - 1), True
                self.item_emitted = True
            else:
                paragraphs = paragraphs_from_text(text, pos, PARA, 0, self.broken)
            if strong and not self.heading and len(paragraphs) == 1:  # all of it in <b> or <strong>
                paragraphs[0].strong = True
            self._out().extend(paragraphs)
            self.broken = broken_next
        elif not broken_next:
            self.broken = False
        if not broken_next:
            self.word_item = False

    # --- tables ------------------------------------------------------------------------
    def _close_cell(self) -> None:
        state = self.tables[-1]
        if state.cell is not None:
            self.flush()
            column = len(state.row)  # type: ignore[arg-type]
            state.row.append(state.cell)  # type: ignore[union-attr]
            state.row.extend(Cell() for _ in range(state.span - 1))  # type: ignore[union-attr]
            if state.rowspan > 1:  # the rows below show this cell too, as in Word's merged cells
                for k in range(column, column + state.span):
                    state.spanned[k] = (state.rowspan - 1, state.cell if k == column else None)
            state.cell, state.span, state.rowspan = None, 1, 1

    @staticmethod
    def _skip_spanned(state: _TableState, to_end: bool = False) -> None:
        """The cells a cell above still covers (rowspan), up to the next cell's column: each row reads
        what the merged cell shows in it (a "Juleferie" over two weeks is both weeks), like the Word reader."""
        row = state.row
        while row is not None and (
            len(row) in state.spanned or (to_end and state.spanned and len(row) <= max(state.spanned))
        ):
            column = len(row)
            rows_left, top = state.spanned.pop(column, (0, None))
            row.append(Cell.merged_down(top))
            if rows_left > 1:
                state.spanned[column] = (rows_left - 1, top)

    def _close_row(self) -> None:
        state = self.tables[-1]
        self._close_cell()
        self._skip_spanned(state, to_end=True)
        if state.row is not None:
            if state.row:
                state.rows.append(Row(state.row, state.row_pos or state.pos))
            state.row = None

    def _open_row(self) -> None:
        self._close_row()
        state = self.tables[-1]
        state.row, state.row_pos = [], self._pos()

    def _close_table(self) -> None:
        self._close_row()
        state = self.tables.pop()
        if not state.rows:
            return
        framed = _framed(state)
        if self.tables and self.tables[-1].cell is not None:  # a table inside a cell: flatten into the cell
            outer = self.tables[-1]
            paragraphs = outer.cell.paragraphs  # type: ignore[union-attr]
            start = len(paragraphs)
            paragraphs.extend(p for r in state.rows for c in r.cells for p in c.paragraphs)
            if framed is None:
                outer.nested.append(
                    (outer.cell, start, len(paragraphs) - start, Table(state.rows, state.pos))
                )  # type: ignore[arg-type]
        else:
            self.flush()
            self._out().extend(framed or [Table(state.rows, state.pos)])  # type: ignore[arg-type]

    # --- parser callbacks --------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs) -> None:
        if self.hidden_tag is not None and self._hidden_goes_on(tag):
            self.hidden_depth += tag == self.hidden_tag
        name = tag
        if tag in _ROLE_HOLDERS:
            # A table built of <div>s with ARIA roles (role="table", "row", "cell") is a table.
            role = _ROLES.get(next((v for k, v in attrs if k == "role" and v), "").strip().lower())
            self.roles.setdefault(tag, []).append(role)
            if role is not None and not self.skip:
                if role != "table" and not self.tables:
                    role = None  # a row or cell outside a table is just a block
                else:
                    self.roles[tag][-1] = role
                    tag, attrs = role, []
        if tag in _SKIP:
            self.skip += 1
            return
        if self.skip:
            return
        if name == "main":
            self.main_open += 1
        hidden = name not in _VOID and _hidden(attrs)
        if hidden or (name in _FURNITURE and self.has_main and not self.main_open):
            self.flush()
            self.skip += 1
            self.hidden_tag, self.hidden_depth = name, 1
            # hidden text may be a tab or a fold a script opens: said, never dropped silently
            self.hidden_text = [] if hidden else None
            self.hidden_pos = self._pos()
            return
        if self.pre is not None:
            if tag == "br":
                self.pre.append("\n")
            return
        if tag == "br":
            self.flush(broken_next=True)
        elif tag == "pre":
            self.flush()
            self.pre, self.pre_line = [], self._pos().line
        elif tag in _HEADINGS:
            self.flush()
            self.heading = _HEADINGS[tag]
        elif tag in _LISTS:
            self.flush()
            self.list_depth += 1
        elif tag == "li":
            self.flush()
            self.items_open += 1
            self.item_emitted = False
        elif tag == "table" or tag == "dl":
            self.flush()
            self.tables.append(_TableState(self._pos(), description=tag == "dl"))
        elif tag in ("dt", "dd") and self.tables and self.tables[-1].description:
            # A description list is a table of two columns: "Dato:" | "Onsdag den 8. januar 2025", as a
            # header laid out in a table (each <dd> after the first is one more paragraph of its cell).
            state = self.tables[-1]
            self._close_cell()
            if tag == "dt" or state.row is None:
                self._open_row()
                if tag == "dd":
                    state.row.append(Cell())  # type: ignore[union-attr]
            if tag == "dd" and len(state.row) >= 2:  # type: ignore[arg-type]
                state.cell = state.row.pop()  # type: ignore[union-attr]
            else:
                state.cell = Cell()
            self.broken = False
        elif tag == "tr" and self.tables:
            self._open_row()
        elif tag in ("td", "th") and self.tables:
            state = self.tables[-1]
            if state.row is None:
                self._open_row()
            self._close_cell()
            self._skip_spanned(state)
            state.cell = Cell()
            self.broken = False
            state.span, state.rowspan = _span(attrs, "colspan"), _span(attrs, "rowspan")
        elif tag in ("b", "strong"):
            self.bold += 1
        elif tag in _BLOCK:
            self.flush()
            if tag == "p":
                style = dict(attrs).get("style") or ""
                m = _MSO_LEVEL.search(style) if "mso-list" in style else None
                self.word_level = min(int(m.group(1)) - 1, 8) if m else 0

    def _close_pre(self) -> None:
        text, line = "".join(self.pre or ()), self.pre_line
        self.pre = None
        if text.startswith("\n"):  # a line break right after <pre> is not part of its text
            text, line = text[1:], line + 1
        if "\n" not in text.strip("\n") and "\t" not in text:
            self.handle_data(text)
            self.flush()
            return
        from planner.documents.text_reader import (
            read_lines,
        )  # the text reader reads HTML lines with this module

        blocks = _shifted(read_lines(text.split("\n"), text), line - 1, self.page)
        self._out().extend(
            flat_paragraphs(blocks) if self.tables and self.tables[-1].cell is not None else blocks
        )

    def _hidden_goes_on(self, tag: str) -> bool:
        """Whether a start tag leaves the hidden element open. A hidden paragraph, list item or cell may
        be closed by the next one without an end tag (HTML 4): that start tag ends the skip, so the rest
        of the page is not lost."""
        hidden = self.hidden_tag
        if self.hidden_depth == 1 and (
            (tag == hidden and tag in _OPTIONAL_END)
            or (hidden == "p" and (tag in _BLOCK or tag in _P_CLOSERS))
        ):
            self._end_hidden()
            return False
        return True

    def _end_hidden(self) -> None:
        if self.hidden_text and (text := fold("".join(self.hidden_text))):
            shown = text if len(text) <= 60 else text[:61].rsplit(" ", 1)[0] + " …"
            self.warnings.append(
                ReadWarning(self.hidden_pos, f"skjult tekst på siden er ikke læst: '{shown}'")
            )
        self.hidden_text = None
        self.hidden_tag, self.hidden_depth = None, 0
        self.skip = max(0, self.skip - 1)

    def unknown_decl(self, data: str) -> None:
        """Word's conditional sections: `<![if !supportLists]>` … `<![endif]>` around a list marker."""
        if self.skip:
            return
        words = data.lower().split()
        if words[:1] == ["if"] and "!supportlists" in words:
            self.list_marker = []
        elif words == ["endif"] and self.list_marker is not None:
            marker = fold("".join(self.list_marker))
            self.list_marker = None
            if not marker:
                return
            if marker[0].isalnum() and len(marker) > 1 and marker[-1] in ".)":
                # "1." or "a)": Word's own text shows the number; whether it is bold does not count
                plain, self.buffer_plain = self.buffer_plain, False
                self.handle_data(marker + " ")
                self.buffer_plain = plain
            else:
                self.word_item = True

    def handle_endtag(self, tag: str) -> None:
        if self.hidden_tag == tag:
            self.hidden_depth -= 1
            if not self.hidden_depth:
                self._end_hidden()
                if tag in _ROLE_HOLDERS and self.roles.get(tag):
                    self.roles[tag].pop()
                return
        if tag == "main" and not self.skip:
            self.main_open = max(0, self.main_open - 1)
        if tag in _ROLE_HOLDERS:
            opened = self.roles.get(tag)
            role = opened.pop() if opened else None
            if role is not None and not self.skip:
                tag = role
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if self.pre is not None:
            if tag == "pre":
                self._close_pre()
            return
        if tag in _HEADINGS:
            self.flush()
            self.heading = 0
        elif tag in _LISTS:
            self.flush()
            self.list_depth = max(0, self.list_depth - 1)
        elif tag == "li":
            self.flush()
            self.items_open = max(0, self.items_open - 1)
            self.item_emitted = False
        elif tag in ("table", "dl") and self.tables:
            self._close_table()
        elif tag in ("dt", "dd") and self.tables and self.tables[-1].description:
            self._close_cell()
        elif tag == "tr" and self.tables:
            self._close_row()
        elif tag in ("td", "th") and self.tables:
            self._close_cell()  # a merged cell is followed by empty ones: the columns stay aligned
        elif tag in ("b", "strong"):
            self.bold = max(0, self.bold - 1)
        elif tag in _BLOCK:
            self.flush()

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self.skip:
            if self.hidden_text is not None and self.skip == 1:  # not a script inside the hidden element
                self.hidden_text.append(data)
            return
        if self.pre is not None:
            self.pre.append(data)
            return
        if self.list_marker is not None:
            self.list_marker.append(data)
            return
        if not self.bold and data.strip():
            self.buffer_plain = True
        if self.buffer_pos is None and data.strip():
            line, _col = self.getpos()
            # The data may start with line breaks; the paragraph begins where its first word is.
            lead = len(data) - len(data.lstrip())
            line += data[:lead].count("\n")
            self.buffer_pos = Position(line + self.first_line - 1, self.page)
        self.buffer.append(data)

    def finish(self) -> list[Block]:
        self.close()
        if self.pre is not None:  # a <pre> never closed runs to the end of the page
            self._close_pre()
        self.flush()
        while self.tables:
            self._close_table()
        return self.blocks


def defuse(html: str) -> str:
    """Escape every '<' that cannot open a tag (no '>' before the next '<') and every '<!--' that is never
    closed. The standard parser rescans such text to its end at each '<', which is quadratic on hostile
    input; a real tag always closes before the next one opens, so documents read the same."""
    if "<" not in html:
        return html
    out: list[str] = []
    start = 0
    next_gt = html.find(">")
    next_close = html.find("-->")
    p = html.find("<")
    while p != -1:
        following = html.find("<", p + 1)
        if next_gt != -1 and next_gt < p:
            next_gt = html.find(">", p)
        if html.startswith("<!--", p):
            if next_close != -1 and next_close < p:
                next_close = html.find("-->", p + 4)
            if next_close != -1:  # a comment: '<' inside it is harmless, skip past its end
                following = html.find("<", next_close + 3)
                p = following
                continue
        if next_gt == -1 or (following != -1 and following < next_gt):
            out.append(html[start:p])
            out.append("&lt;")
            start = p + 1
        p = following
    out.append(html[start:])
    return "".join(out)


def _framed(state: _TableState) -> list[Block] | None:
    """A layout table of one column whose cells hold a table (a frame around the page or the forward
    plan): its content as body blocks, the inner tables as tables. None for any other table."""
    if not state.nested or any(len(row.cells) != 1 for row in state.rows):
        return None
    inner = {id(cell): [] for cell, *_ in state.nested}
    for cell, start, count, table in state.nested:
        inner[id(cell)].append((start, count, table))
    out: list[Block] = []
    for row in state.rows:
        cell = row.cells[0]
        k = 0
        for start, count, table in inner.get(id(cell), []):
            out.extend(cell.paragraphs[k:start])
            out.append(table)
            k = start + count
        out.extend(cell.paragraphs[k:])
    return out


def _shifted(blocks: list[Block], by: int, page: int | None) -> list[Block]:
    """Blocks read from lines counted from 1, placed at the lines they stand on in the page."""

    def at(pos: Position) -> Position:
        return Position(pos.line + by, page)

    for block in blocks:
        if isinstance(block, Table):
            block.pos = at(block.pos)
            for row in block.rows:
                row.pos = at(row.pos)
                for paragraph in flat_paragraphs([Table([row], row.pos)]):
                    paragraph.pos = at(paragraph.pos)
        else:
            block.pos = at(block.pos)
    return blocks


def _hidden(attrs) -> bool:
    """An element the page does not show: `hidden`, or a style with display:none and the like."""
    for key, value in attrs:
        if key == "hidden":
            return True
        if key == "style" and value and ("none" in value or "hid" in value) and _HIDDEN_STYLE.search(value):
            return True
    return False


def _span(attrs, name: str) -> int:
    value = (dict(attrs).get(name) or "1").strip()
    return int(value) if value.isdigit() and 1 < int(value) < 50 else 1


def blocks_from_html(html: str, first_line: int = 1, page: int | None = None) -> list[Block]:
    """Blocks of an HTML page or fragment; `first_line` is the line the fragment starts on in its file."""
    return _built(html, first_line, page).finish()


def _built(html: str, first_line: int = 1, page: int | None = None) -> _Builder:
    builder = _Builder(first_line, page, has_main="<main" in html or "<MAIN" in html)
    builder.feed(defuse(html))
    return builder


_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([\w.:-]{1,40})", re.IGNORECASE)
_SINGLE_BYTE = frozenset({b"windows-1252", b"cp1252", b"iso-8859-1", b"iso-8859-15", b"latin1", b"latin-1"})


def read(data: bytes, source: str, sha256: str) -> Document:
    decoded = decode(data, source)
    m = _META_CHARSET.search(data[:4096]) if decoded.encoding == "cp1252" else None
    if m and m.group(1).lower() in _SINGLE_BYTE:
        # The page says it is windows-1252 (or Latin-1, which browsers read as windows-1252): no doubt to report.
        decoded = replace(decoded, warnings=[])
    return read_text(decoded.text, source, sha256, decoded.encoding, decoded.warnings)


def read_text(text: str, source: str, sha256: str, encoding: str = "utf-8", warnings=None) -> Document:
    builder = _built(text)
    blocks = builder.finish()
    return Document(source, "html", blocks, sha256, encoding, warnings=[*(warnings or []), *builder.warnings])
