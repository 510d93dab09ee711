"""Word documents (.docx): the body XML walked in order, styles resolved, into normalised blocks.

The body is walked element by element with lxml (paragraphs, tables, content controls, custom XML),
so nothing Word shows is skipped, and it is fast: no python-docx object is built per paragraph or run.

- Text: the runs' `w:t`, also inside hyperlinks, insertions, smart tags, simple fields and content
  controls; never deleted text (nor a row deleted as a tracked change), hidden text (`w:vanish`), nor
  the placeholder an empty content control shows. A tab is a space (but see tab tables below), a non-breaking
  hyphen "-", a line break (`w:br`,
  not a page or column break) starts a `broken` paragraph.
- Headings: "Heading N"/"Overskrift N"/"Title"/"Titel" styles, and any style or paragraph with an
  outline level. A numbered heading ("1. Økonomi") keeps its number in its text, as Word shows it.
- List items: a `w:numPr` on the paragraph or its style, or a list style ("List Bullet 2",
  "Listeafsnit"); level = `w:ilvl`; a numbered item's number is its marker. Typed bullets ("• x",
  "- x") become items too (`inline.paragraphs_from_text`).
- A paragraph whose every run is bold is `strong`.
- Tables: a row per `w:tr`, a cell per `w:tc`; a cell merged across n columns is followed by n-1
  empty cells; a cell merged down over several rows is read in each of them (Word shows it there);
  a nested table is flattened into its cell's paragraphs, except in a layout table of one column (a
  frame around the forward plan) or of one row whose first cell holds a table of two or more rows and
  columns (the plan beside a note), whose content is read cell by cell as if it stood in the body.
- Tab tables: two or more paragraphs in a row laid out in columns with the same number of tabs
  ("29. jan.<tab>Punkt<tab>Ansvarlig", a header line among them) are a table, a cell per tab
  (`tab_rows`); a single such paragraph stays a paragraph.
- Text boxes: read after the paragraph that anchors them (the copy in mc:Fallback is not read twice).
- Positions: `line` counts every paragraph in document order (empty ones and those in cells and text
  boxes too).
- The first page's header, when someone typed a number in it (a letterhead with the meeting's date), is
  read before the body, its lines counted in the part "sidehoved" (`docx_page_header`). Footers are not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from planner.documents.docx_package import Package
from planner.documents.docx_page_header import PAGE_HEADER, first_page_header
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
    in_part,
)
from planner.documents.tab_rows import row_cells, tab_runs

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = _W + "val"

# Body-level elements.
_P, _TBL, _TR, _TC = _W + "p", _W + "tbl", _W + "tr", _W + "tc"
_SDT, _SDT_CONTENT, _CUSTOM_XML = _W + "sdt", _W + "sdtContent", _W + "customXml"
_ALT_CHUNK = _W + "altChunk"
_SDT_PR, _SHOWING_PLACEHOLDER, _DATE_PICKER = _W + "sdtPr", _W + "showingPlcHdr", _W + "date"
_DEL = _W + "del"
# Shapes in a run that may hold a text box (w:txbxContent); mc:Fallback repeats the mc:Choice's box.
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SHAPES = frozenset({_W + "drawing", _W + "pict", _W + "object", _MC + "AlternateContent"})
_TEXT_BOX, _FALLBACK = _W + "txbxContent", _MC + "Fallback"
_ALTERNATE, _CHOICE = _MC + "AlternateContent", _MC + "Choice"
_SYM, _VANISH = _W + "sym", _W + "vanish"
# Bullets of the Symbol and Wingdings fonts as w:sym writes them (F0B7 "•", F0A7 "▪", F0D8 "➢", …).
_SYMBOL_BULLETS = frozenset({"F0B7", "F0A7", "F06C", "F06E", "F0D8", "F076", "F0FC", "B7", "2022"})
# Inline elements whose runs are read; anything else in a paragraph (w:del, w:moveFrom, w:pPr,
# bookmarks, proofing marks, drawings) is not text.
_RUN = _W + "r"
_RUN_HOLDERS = frozenset(
    _W + tag
    for tag in (
        "hyperlink",
        "ins",
        "smartTag",
        "fldSimple",
        "customXml",
        "moveTo",
        "dir",
        "bdo",
        "sdtContent",
    )
)
_T, _TAB, _PTAB, _BR, _CR = _W + "t", _W + "tab", _W + "ptab", _W + "br", _W + "cr"
_NO_BREAK_HYPHEN = _W + "noBreakHyphen"
_PPR, _PSTYLE, _OUTLINE, _NUM_PR = _W + "pPr", _W + "pStyle", _W + "outlineLvl", _W + "numPr"
_RPR, _RSTYLE, _B = _W + "rPr", _W + "rStyle", _W + "b"
_SECTION_BREAKS = frozenset({"page", "column"})
_RESTART, _DOWN, _ACROSS = "restart", "down", "across"  # how a table cell takes part in a merge

_FALSE = frozenset({"0", "false", "off", "none"})
_HEADING_NAME = re.compile(r"^(?:heading|overskrift)\s*([1-9])$", re.IGNORECASE)
_TITLE_NAME = re.compile(r"^(?:title|titel)$", re.IGNORECASE)
# Word's list styles in English and Danish: "List Bullet 2", "List Number", "Opstilling m. punkttegn 2".
_LIST_NAME = re.compile(
    r"^(?:list(?: bullet| number| paragraph)?|listeafsnit|opstilling(?: m\. (?:punkttegn|tal))?)\s*([1-9])?$",
    re.IGNORECASE,
)


def read(data: bytes, source: str, sha256: str) -> Document:
    package = Package(data, source)
    body = package.body()
    styles = _Styles(package.part("styles"))
    reader = _Reader(styles, _Numbering(package))
    blocks = reader.blocks(body)
    warnings = [ReadWarning(pos, message) for pos, message in reader.warnings]
    header = first_page_header(package, body)
    if header is not None:
        # Before the body, as it stands on the page, its lines counted in a part of their own.
        header_reader = _Reader(styles, _Numbering(package))
        # A letterhead laid out as a table (logo | name and date) is lines of the header, never a plan.
        header_blocks: list[Block] = flat_paragraphs(header_reader.blocks(header))
        header_warnings = [ReadWarning(pos, message) for pos, message in header_reader.warnings]
        in_part(header_blocks, header_warnings, PAGE_HEADER)
        blocks[:0] = header_blocks
        warnings[:0] = header_warnings
    return Document(source, "docx", blocks, sha256, warnings=warnings)


def _on(element: etree._Element | None) -> bool | None:
    """A Word toggle property (w:b): None when absent, else whether it is switched on."""
    if element is None:
        return None
    return element.get(_VAL, "true").lower() not in _FALSE


def _placeholder(sdt: etree._Element) -> bool:
    """An empty content control shows its placeholder ("Klik eller tryk her for at skrive tekst."): a
    prompt to the writer, not text of the document. An empty date picker is read as it shows: a date
    cell left at "Klik eller tryk for at angive en dato." must be said, not taken for an empty cell
    (whose points would go to the row above)."""
    for part in sdt:
        if part.tag == _SDT_PR:
            return part.find(_SHOWING_PLACEHOLDER) is not None and part.find(_DATE_PICKER) is None
    return False


def _choice(alternate: etree._Element) -> etree._Element:
    """The version of mc:AlternateContent that is read: its first mc:Choice (what Word shows), else its
    mc:Fallback. Runs wrapped in it directly in a paragraph (not in a run, where it holds a drawing) would
    otherwise be lost."""
    fallback = alternate
    for version in alternate:
        if version.tag == _CHOICE:
            return version
        if version.tag == _FALLBACK:
            fallback = version
    return fallback


def _grid_table(block: Block) -> bool:
    """A table of two or more rows and columns (not a column of sub-points nested in a cell)."""
    return isinstance(block, Table) and len(block.rows) >= 2 and max(len(r.cells) for r in block.rows) >= 2


def _deleted_row(tr: etree._Element) -> bool:
    return any(prop.find(_DEL) is not None for prop in tr.iterchildren(_W + "trPr"))


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


# --- styles ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Style:
    heading: int = 0  # 1-9 for a heading style
    numbering: tuple[str, int] | None = None  # (numId, ilvl) the style numbers its paragraphs with
    list_level: int | None = None  # the item level of a list style ("List Bullet 2" → 1); None: no list
    bold: bool | None = None  # None: no style in the chain says


@dataclass(frozen=True, slots=True)
class _RawStyle:
    name: str
    based_on: str | None
    outline: int | None
    num_id: str | None
    ilvl: int | None
    bold: bool | None


def _raw_style(style: etree._Element) -> _RawStyle:
    name = based = outline = num_id = ilvl = bold = None
    for child in style:
        tag = child.tag
        if tag == _W + "name":
            name = child.get(_VAL)
        elif tag == _W + "basedOn":
            based = child.get(_VAL)
        elif tag == _W + "pPr":
            for prop in child:
                if prop.tag == _W + "outlineLvl":
                    outline = _int(prop.get(_VAL), 9)
                elif prop.tag == _W + "numPr":
                    num_id, ilvl = _num_pr(prop)
        elif tag == _W + "rPr":
            for prop in child:
                if prop.tag == _W + "b":
                    bold = _on(prop)
    return _RawStyle((name or "").strip(), based, outline, num_id, ilvl, bold)


def _num_pr(num_pr: etree._Element) -> tuple[str | None, int | None]:
    """(numId, ilvl) of a w:numPr; either may be missing."""
    num_id = ilvl = None
    for child in num_pr:
        if child.tag == _W + "numId":
            num_id = child.get(_VAL)
        elif child.tag == _W + "ilvl":
            ilvl = _int(child.get(_VAL))
    return num_id, ilvl


class _Styles:
    """Paragraph and character styles by id, each read and resolved through its `basedOn` chain
    only when a paragraph uses it (a template's styles.xml holds hundreds nobody uses)."""

    def __init__(self, root: etree._Element | None):
        self.elements: dict[str, etree._Element] = {}
        self.resolved: dict[str, _Style] = {}
        self.default_paragraph: str | None = None
        self.default_bold = False
        if root is None:
            return
        defaults = root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}b")
        self.default_bold = bool(_on(defaults))
        for style in root.iterchildren(_W + "style"):
            style_id = style.get(_W + "styleId")
            if not style_id:
                continue
            self.elements.setdefault(style_id, style)
            if style.get(_W + "type") == "paragraph" and style.get(_W + "default") in ("1", "true", "on"):
                self.default_paragraph = style_id

    def __contains__(self, style_id: str | None) -> bool:
        return style_id in self.elements

    def get(self, style_id: str | None) -> _Style:
        """A style by id; an unknown or missing id is the default paragraph style, as in Word."""
        key = style_id if style_id in self.elements else self.default_paragraph
        if key is None or key not in self.elements:
            return _Style()
        return self._resolve(key, set())

    def _resolve(self, style_id: str, seen: set[str]) -> _Style:
        if style_id in self.resolved:
            return self.resolved[style_id]
        raw = _raw_style(self.elements[style_id])
        seen.add(style_id)
        parent = (
            self._resolve(raw.based_on, seen)
            if raw.based_on in self.elements and raw.based_on not in seen
            else _Style()
        )
        heading = parent.heading
        if (m := _HEADING_NAME.match(raw.name)) is not None:
            heading = int(m.group(1))
        elif _TITLE_NAME.match(raw.name):
            heading = 1
        elif raw.outline is not None:
            heading = raw.outline + 1 if raw.outline < 9 else 0
        numbering = parent.numbering
        if raw.num_id is not None:
            numbering = None if raw.num_id == "0" else (raw.num_id, raw.ilvl or 0)
        list_level = parent.list_level
        if (m := _LIST_NAME.match(raw.name)) is not None:
            # "List Bullet 2" is one level in, whatever list it numbers with
            list_level = int(m.group(1)) - 1 if m.group(1) else 0
        elif raw.num_id is not None:
            list_level = None if numbering is None else numbering[1]
        bold = parent.bold if raw.bold is None else raw.bold
        style = _Style(heading, numbering, list_level, bold)
        self.resolved[style_id] = style
        return style


# --- numbering ---------------------------------------------------------------------------------


def _roman(n: int) -> str:
    out = []
    for value, letters in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def _letters(n: int) -> str:
    # Word repeats the letter after z: a … z, aa … zz.
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""


def _format_number(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


@dataclass(frozen=True, slots=True)
class _Level:
    fmt: str  # decimal, lowerLetter, bullet, none, …
    text: str  # "%1.", "%1.%2", "•"
    start: int


_PLACEHOLDER = re.compile(r"%([1-9])")


@dataclass
class _Numbering:
    """Word's list numbering (numbering.xml), read when the first numbered paragraph needs it."""

    package: Package
    levels: dict[str, dict[int, _Level]] | None = None  # numId → ilvl → level
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    def _load(self) -> dict[str, dict[int, _Level]]:
        root = self.package.part("numbering")
        out: dict[str, dict[int, _Level]] = {}
        if root is None:
            return out
        abstract: dict[str, dict[int, _Level]] = {}
        for definition in root.iter(_W + "abstractNum"):
            abstract[definition.get(_W + "abstractNumId", "")] = {
                _int(lvl.get(_W + "ilvl")): self._level(lvl) for lvl in definition.iter(_W + "lvl")
            }
        for num in root.iter(_W + "num"):
            ref = num.find(_W + "abstractNumId")
            levels = dict(abstract.get(ref.get(_VAL, "") if ref is not None else "", {}))
            for override in num.iter(_W + "lvlOverride"):
                ilvl = _int(override.get(_W + "ilvl"))
                lvl, start = override.find(_W + "lvl"), override.find(_W + "startOverride")
                if lvl is not None:
                    levels[ilvl] = self._level(lvl)
                if start is not None and ilvl in levels:
                    old = levels[ilvl]
                    levels[ilvl] = _Level(old.fmt, old.text, _int(start.get(_VAL), 1))
            out[num.get(_W + "numId", "")] = levels
        return out

    @staticmethod
    def _level(lvl: etree._Element) -> _Level:
        fmt, text, start = lvl.find(_W + "numFmt"), lvl.find(_W + "lvlText"), lvl.find(_W + "start")
        return _Level(
            fmt.get(_VAL, "decimal") if fmt is not None else "decimal",
            text.get(_VAL, "") if text is not None else "",
            _int(start.get(_VAL), 1) if start is not None else 1,
        )

    def label(self, num_id: str, ilvl: int) -> str:
        """The number Word shows before this paragraph ("2.", "b)", "1.3"); "" for bullets."""
        if self.levels is None:
            self.levels = self._load()
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else levels[ilvl].start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]  # a new item at this level restarts the levels below it
        level = levels[ilvl]
        if level.fmt in ("bullet", "none"):
            return ""

        def number(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            at = levels.get(k)
            if at is None:
                return ""
            return _format_number(counters.get(k, at.start), at.fmt if k != ilvl else level.fmt)

        return _PLACEHOLDER.sub(number, level.text).strip()


# --- the body ----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Segment:
    """The text between two line breaks of one Word paragraph, and whether all of it is bold."""

    parts: list[str] = field(default_factory=list)
    bold: bool = True
    has_text: bool = False


class _Reader:
    def __init__(self, styles: _Styles, numbering: _Numbering):
        self.styles = styles
        self.numbering = numbering
        self.default_style = styles.get(None)
        self.default_bold = (
            styles.default_bold if self.default_style.bold is None else self.default_style.bold
        )
        self.line = 0  # paragraphs seen so far, in document order
        self.shapes = False  # the paragraph being read anchors a drawing that may hold a text box
        self.warnings: list[tuple[Position, str]] = []
        # id of a paragraph typed with tabs → the paragraph (kept alive, so its id is never reused) and
        # its text with the tabs
        self.tabbed: dict[int, tuple[Paragraph, str]] = {}

    def blocks(self, body: etree._Element) -> list[Block]:
        out: list[Block] = []
        self._container(body, out, in_cell=False)
        return self._tab_tables(out) if self.tabbed else out

    def _tab_tables(self, blocks: list[Block]) -> list[Block]:
        """Runs of paragraphs laid out in columns with tabs made tables (see `tab_rows`): "29. jan.<tab>
        Punkt<tab>Ansvarlig" is a date, a point and a person, not one paragraph."""
        tabbed = self.tabbed
        lines = [
            entry[1] if isinstance(b, Paragraph) and (entry := tabbed.get(id(b))) and entry[0] is b else None
            for b in blocks
        ]
        runs = tab_runs(lines)
        if not runs:
            return blocks
        out: list[Block] = []
        done = 0
        for start, end, tabs in runs:
            out += blocks[done:start]
            rows = []
            for block, raw in zip(blocks[start:end], lines[start:end], strict=True):
                pos, strong = block.pos, block.strong  # type: ignore[union-attr]
                cells = [Cell(paragraphs_from_text(text, pos)) for text in row_cells(raw or "", tabs)]
                for cell in cells:
                    for paragraph in cell.paragraphs:
                        paragraph.strong = strong
                rows.append(Row(cells, pos))
            out.append(Table(rows, rows[0].pos))
            done = end
        return out + blocks[done:]

    def _container(self, parent: etree._Element, out: list, in_cell: bool) -> None:
        """The paragraphs and tables of the body, a cell or a content control, in order."""
        for child in parent:
            tag = child.tag
            if tag == _P:
                out.extend(self._paragraph(child))
            elif tag == _TBL:
                table = self._table(child)
                if table is None:
                    continue
                if isinstance(table, list):  # a one-column frame around a table: its content is the body
                    if in_cell:
                        out.extend(flat_paragraphs(table))
                    else:
                        out.extend(table)
                elif in_cell:  # a table inside a cell: its paragraphs join the cell
                    out.extend(flat_paragraphs([table]))
                else:
                    out.append(table)
            elif tag == _SDT:
                if _placeholder(child):
                    self.line += sum(1 for _ in child.iter(_P))  # its paragraphs still count as lines
                    continue
                for part in child:
                    if part.tag == _SDT_CONTENT:
                        self._container(part, out, in_cell)
            elif tag == _CUSTOM_XML:
                self._container(child, out, in_cell)
            elif tag == _ALTERNATE:
                # Paragraphs or a table in two versions (mc:Choice for new readers, mc:Fallback for old):
                # one is read, the other's paragraphs still count as lines.
                choice = _choice(child)
                for version in child:
                    if version is choice:
                        self._container(version, out, in_cell)
                    else:
                        self.line += sum(1 for _ in version.iter(_P))
            elif tag == _ALT_CHUNK:
                self.warnings.append(
                    (Position(self.line + 1), "indlejret indhold (altChunk) i dokumentet kan ikke læses")
                )

    # --- tables ------------------------------------------------------------------------------

    def _table(self, tbl: etree._Element) -> Table | list[Block] | None:
        """The table; or, for a layout table, the blocks inside it, cell by cell, so the inner table is
        read as a table: a table of one column whose cells hold a table (a frame drawn around the
        forward plan), or of one row whose first cell holds a table of two or more rows and columns
        (the plan beside a note; a label first and a table after it is a row of data)."""
        pos = Position(self.line + 1)
        rows: list[Row] = []
        framed: list[Block] = []  # the content of a one-column table, tables kept
        one_column = True
        merged_down: dict[int, Cell] = {}  # column → the first cell of a vertical merge running there
        first_cell: list[Block] = []  # the blocks of the first row's first cell
        for tr in self._children(tbl, _TR):
            if _deleted_row(tr):  # a tracked deletion of the whole row: gone once the changes are accepted
                self.line += sum(1 for _ in tr.iter(_P))
                continue
            row_pos = Position(self.line + 1)
            cells: list[Cell] = []
            for prop in tr.iterchildren(_W + "trPr"):
                for before in prop.iterchildren(_W + "gridBefore"):
                    # the row starts some grid columns in: keep the columns aligned
                    cells.extend(Cell() for _ in range(min(_int(before.get(_VAL)), 63)))
            for tc in self._children(tr, _TC):
                column = len(cells)
                one_column = one_column and column == 0
                inside: list[Block] = []
                self._container(tc, inside, in_cell=False)  # tables kept: a layout table's are the body's
                framed += inside
                if not rows and column == 0:
                    first_cell = inside
                paragraphs = flat_paragraphs(inside)
                span, merge = self._merge(tc)
                if merge == _DOWN:
                    # Word shows one cell over the merged rows: each row reads what it shows (a
                    # "Juleferie" merged over two weeks is both weeks); text left in the hidden
                    # continuation cell is not shown, so not read.
                    top = merged_down.get(column)
                    cells.append(Cell.merged_down(top))
                elif merge == _ACROSS:
                    cells.append(Cell())
                else:
                    cells.append(Cell(paragraphs))
                    if merge == _RESTART:
                        merged_down[column] = cells[-1]
                    else:
                        merged_down.pop(column, None)
                cells.extend(Cell() for _ in range(span - 1))
            one_column = one_column and len(cells) <= 1
            if cells:
                rows.append(Row(cells, row_pos))
        if (one_column and any(isinstance(b, Table) for b in framed)) or (
            len(rows) == 1 and any(_grid_table(b) for b in first_cell)
        ):
            return framed
        return Table(rows, pos) if rows else None

    @staticmethod
    def _merge(tc: etree._Element) -> tuple[int, str]:
        """(columns the cell spans, how it takes part in a merge: "", _RESTART, _DOWN or _ACROSS)."""
        span, merge = 1, ""
        first = tc[0] if len(tc) else None
        if first is None or first.tag != _W + "tcPr":  # w:tcPr, when there, is the cell's first child
            return span, merge
        for prop in first:
            if prop.tag == _W + "gridSpan":
                span = min(max(_int(prop.get(_VAL), 1), 1), 63)
            elif prop.tag == _W + "vMerge":
                merge = _RESTART if prop.get(_VAL, "continue") == "restart" else _DOWN
            elif prop.tag == _W + "hMerge" and prop.get(_VAL, "continue") == "continue":
                merge = _ACROSS  # Word 2003's horizontal merge: the cell is part of the one to its left
        return span, merge

    def _children(self, parent: etree._Element, tag: str):
        """Rows of a table or cells of a row, also when a content control or custom XML wraps them."""
        for child in parent:
            if child.tag == tag:
                yield child
            elif child.tag == _SDT:
                for part in child.iterchildren(_SDT_CONTENT):
                    yield from self._children(part, tag)
            elif child.tag == _CUSTOM_XML:
                yield from self._children(child, tag)

    # --- paragraphs --------------------------------------------------------------------------

    def _paragraph(self, p: etree._Element) -> list[Paragraph]:
        self.shapes = False
        out = self._paragraph_text(p)
        if self.shapes:
            out += self._text_boxes(p)
        return out

    def _text_boxes(self, p: etree._Element) -> list[Block]:
        """The text boxes anchored in a paragraph, read after it as a person reads the page ("Bemærk:
        mødet flyttes …" in a box beside the text). Their paragraphs count as lines, the copy Word keeps
        for older readers (mc:Fallback) too, but that copy is not read again."""
        out: list[Block] = []
        boxes = list(p.iter(_TEXT_BOX))
        for box in boxes:
            if any(a in boxes for a in box.iterancestors(_TEXT_BOX)):
                continue  # a box inside a box: read with the paragraph that anchors it there
            if next(box.iterancestors(_FALLBACK), None) is not None:
                self.line += sum(1 for _ in box.iter(_P))
                continue
            self._container(box, out, in_cell=True)  # a table in a box: lines of the box, in a cell too
        return out

    def _paragraph_text(self, p: etree._Element) -> list[Paragraph]:
        self.line += 1
        style = self.default_style
        outline: int | None = None
        num_pr: tuple[str | None, int | None] | None = None
        segments = [_Segment()]
        paragraph_bold = self.default_bold
        for child in p:  # w:pPr comes first, so the runs know the paragraph style
            tag = child.tag
            if tag == _RUN:
                self._run(child, segments, paragraph_bold)
            elif tag == _PPR:
                for prop in child:
                    if prop.tag == _PSTYLE:
                        style = self.styles.get(prop.get(_VAL))
                        paragraph_bold = self.default_bold if style.bold is None else style.bold
                    elif prop.tag == _OUTLINE:
                        outline = _int(prop.get(_VAL), 9)
                    elif prop.tag == _NUM_PR:
                        num_pr = _num_pr(prop)
            elif tag in _RUN_HOLDERS:
                self._inline(child, segments, paragraph_bold)
            elif tag == _SDT:
                self._inline_sdt(child, segments, paragraph_bold)
            elif tag == _ALTERNATE:
                self._inline(_choice(child), segments, paragraph_bold)
        heading, numbering, list_level = style.heading, style.numbering, style.list_level
        if outline is not None:
            heading = outline + 1 if outline < 9 else 0  # 9 is "body text": not a heading
        if num_pr is not None:
            num_id, ilvl = num_pr
            if num_id is None:
                num_id = numbering[0] if numbering else "0"
            level_here = ilvl if ilvl is not None else (numbering[1] if numbering else 0)
            numbering = None if num_id == "0" else (num_id, level_here)  # numId 0: numbering switched off
            if numbering is None:
                list_level = None
            elif ilvl is not None or list_level is None:
                list_level = level_here
        # Counted before the empty check: Word numbers an empty list paragraph too.
        label = self.numbering.label(*numbering) if numbering is not None else ""
        if not any(s.has_text for s in segments):
            return []  # an empty paragraph still counts as a line
        kind, level = PARA, 0
        if heading:
            kind, level = HEADING, min(heading, 6)
        elif list_level is not None:
            kind, level = ITEM, min(list_level, 8)
        pos = Position(self.line)
        out: list[Paragraph] = []
        for segment in segments:
            if not segment.has_text:
                continue
            text = "".join(segment.parts)
            if kind == HEADING:  # a numbered heading shows its number first, as in Word's own text export
                folded = fold(f"{label} {text}" if label and not out else text)
                made = [Paragraph(folded, pos, HEADING, level, bool(out))] if folded else []
            else:
                made = paragraphs_from_text(text, pos, kind, level, bool(out))
                if made and kind == ITEM and not out:
                    made[0].marker = label
                if made and segment.bold and len(made) == 1:
                    made[0].strong = True
            out.extend(made)
        if len(out) == 1 and len(segments) == 1 and kind == PARA and out[0].kind == PARA and "\t" in text:
            self.tabbed[id(out[0])] = (out[0], text)
        return out

    def _inline(self, parent: etree._Element, segments: list[_Segment], style_bold: bool) -> None:
        for child in parent:
            tag = child.tag
            if tag == _RUN:
                self._run(child, segments, style_bold)
            elif tag in _RUN_HOLDERS:
                self._inline(child, segments, style_bold)
            elif tag == _SDT:
                self._inline_sdt(child, segments, style_bold)
            elif tag == _ALTERNATE:
                self._inline(_choice(child), segments, style_bold)

    def _inline_sdt(self, sdt: etree._Element, segments: list[_Segment], style_bold: bool) -> None:
        if _placeholder(sdt):
            return
        for child in sdt:
            if child.tag == _SDT_CONTENT:
                self._inline(child, segments, style_bold)

    def _run(self, r: etree._Element, segments: list[_Segment], style_bold: bool) -> None:
        bold = style_bold
        for child in r:
            tag = child.tag
            if tag == _T:
                text = child.text
                if text:
                    segment = segments[-1]
                    segment.parts.append(text)
                    if not text.isspace():
                        segment.has_text = True
                        segment.bold = segment.bold and bold
            elif tag == _RPR:  # always first in the run
                vanish = child.find(_VANISH)
                if vanish is not None and _on(vanish):
                    return  # hidden text (Skjult): Word does not show or print it
                bold = self._run_bold(child, style_bold)
            elif tag in (_TAB, _PTAB):
                segments[-1].parts.append("\t")  # a space in a paragraph (fold); a cell in a tab table
            elif tag == _BR:
                if child.get(_W + "type") in _SECTION_BREAKS:
                    segments[-1].parts.append(" ")
                else:
                    segments.append(_Segment())
            elif tag == _CR:
                segments.append(_Segment())
            elif tag == _NO_BREAK_HYPHEN:
                segments[-1].parts.append("-")
            elif tag == _SYM:
                # A symbol inserted from a font (Insert → Symbol): a typed bullet when it is one of the
                # bullet glyphs of Symbol and Wingdings, otherwise nothing to read.
                if child.get(_W + "char", "").upper().lstrip("0") in _SYMBOL_BULLETS:
                    segments[-1].parts.append("•")
            elif tag in _SHAPES:
                self.shapes = True

    def _run_bold(self, rpr: etree._Element, style_bold: bool) -> bool:
        """Direct bold wins over the run's character style, which wins over the paragraph style."""
        char_style: str | None = None
        for prop in rpr:
            if prop.tag == _B:
                return bool(_on(prop))
            if prop.tag == _RSTYLE:
                char_style = prop.get(_VAL)
        if char_style in self.styles:
            bold = self.styles.get(char_style).bold
            if bold is not None:
                return bold
        return style_bold
