"""Text documents: Word's plain-text export and markdown exports of the same documents.

- A line with tabs is a table row (Word writes a cell per tab; a leading tab is an empty first
  cell); rows that follow each other, blank lines between allowed, form one table.
- `| a | b |` lines are a markdown table (the `|---|` rule is skipped).
- `#`…`######` start a heading; `- `, `* `, `• `, `1) ` start a list item, indented = nested.
- `**bold**`, `*italic*`, `__x__` and inline HTML are removed; a cell's HTML (`<p>`, `<ul><li>`,
  `<br>`) is read with the HTML reader; two or more spaces in a cell are a lost line break.
- Each line is a paragraph; one that follows a non-blank line directly is `broken` (a line
  break, not a paragraph break).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import islice
from operator import methodcaller

from planner.documents.html_reader import blocks_from_html
from planner.documents.html_reader import read_text as read_html_text
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
    one_line,
)
from planner.documents.sniff import is_html_text
from planner.documents.tab_rows import tab_cells
from planner.documents.text_decode import decode

_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*)$")
_RULE = re.compile(r"^ {0,3}(?:-[ \t]*){3,}$|^ {0,3}(?:\*[ \t]*){3,}$|^ {0,3}(?:_[ \t]*){3,}$")
_PIPE_ROW = re.compile(r"^\s*(?:[-*][ \t]+)?\|")
_PIPE_RULE_CHARS = frozenset("|-: \t")
_BULLET = re.compile(r"^(?P<indent>[ ]*)(?P<mark>[-*•–·▪]|\d{1,2}\))[ \t]+(?=\S)")
# Emphasis spans are bounded so a line full of asterisks stays linear.
_BOLD = re.compile(r"(\*\*|__)(?=[^\s*_])([^\n]{1,300}?)(?<=\S)\1")
# The look-behind stands after the opening "*" (it checks the character before it): a pattern that opens with
# a literal is skipped to it by the regex engine, one that opens with a look-behind is tried at every position.
_ITALIC = re.compile(r"\*(?<![\w*]\*)(?=[^\s*])([^*\n]{1,300}?)(?<=\S)\*(?![\w*])")
# "_Aflyst – KB-seminar_" (a wiki's italics): not inside a word ("mødets_dato_2025" stays as written)
_UNDERSCORE_ITALIC = re.compile(r"_(?<![\w_]_)(?=[^\s_])([^_\n]{1,300}?)(?<=\S)_(?![\w_])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_TAG = re.compile(r"<(?:/?[a-zA-Z][a-zA-Z0-9]{0,10})(?:\s[^<>]{0,500})?/?>")
_HTML_LINE = re.compile(
    r"^\s*<(?:p|div|ul|ol|li|h[1-6]|table|tr|td|br|section|span|b|strong)\b", re.IGNORECASE
)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,10});")
_LOST_BREAK = re.compile(r"[ \u00a0]{2,}")
MAX_LINE = 20_000  # characters; a longer line is cut with a warning (no real paragraph is that long)


def read(data: bytes, source: str, sha256: str) -> Document:
    decoded = decode(data, source)
    # Only line feeds end a line (str.splitlines also splits at form feeds, which PDF-to-text
    # extractions put at every page break, and every line number after them would be wrong).
    text = decoded.text
    by_line_feeds = text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
    lines = by_line_feeds.split("\n")
    if is_html_text(by_line_feeds, lines, source):
        return read_html_text(decoded.text, source, sha256, decoded.encoding, decoded.warnings)
    warnings = list(decoded.warnings)
    long_lines = lines if len(decoded.text) > MAX_LINE else ()  # a shorter text has no long line
    for k, line in enumerate(long_lines):
        if len(line) > MAX_LINE:
            lines[k] = line[:MAX_LINE]
            warnings.append(
                ReadWarning(
                    Position(k + 1),
                    f"linjen har {len(line):,} tegn; kun de første {MAX_LINE:,} er læst".replace(",", "."),
                )
            )
    _unwrap_mail_head(lines, text)
    fmt = "md" if _looks_like_markdown(lines, text) else "txt"
    return Document(
        source,
        fmt,
        read_lines(lines, text, warnings),
        sha256,
        decoded.encoding,
        warnings=warnings,
        plain=decoded.text,
    )


# An e-mail's head as a mail program writes it above a forwarded or pasted body (Outlook: "Fra:", "Sendt:",
# "Til:", "Cc:", "Emne:"). Who sent it to whom is not part of the document; the subject is its title; the
# sending date stays, for the grammar reads "Sendt: 10. januar 2025" as the date, not the meeting's
# (a head that calls it "Dato:" or "Date:" says "Sendt:", or the header would take it for the meeting's date).
_MAIL_FIELD = re.compile(
    r"^\s*(?P<key>fra|from|sendt|sent|dato|date|til|to|cc|bcc|emne|subject)\s*:", re.IGNORECASE
)
_MAIL_DROPPED = {"fra", "from", "til", "to", "cc", "bcc"}
_MAIL_SUBJECT = {"emne", "subject"}
_MAIL_SENT = {"dato", "date", "sent"}
_REPLY_PREFIX = re.compile(r"^(?:(?:sv|vs|re|fw|fwd|videresend)\s*:\s*)+", re.IGNORECASE)


def _unwrap_mail_head(lines: list[str], text: str) -> None:
    """Blank the sender and recipients of a leading e-mail head and leave its subject as a plain line (in
    place, so every line keeps its number). A head needs a sender and a subject among its first lines.
    `text`: the lines' text."""
    first = next((k for k, line in enumerate(lines[:20]) if line.strip()), None)
    if first is None or not _MAIL_FIELD.match(lines[first]):
        return  # no head (most documents), known before the text's start is lowered below
    head = text[:2_000].lower()
    if "emne" not in head and "subject" not in head:
        return  # no subject named near the start
    fields: list[tuple[int, str, int]] = []
    k = first
    while k < len(lines) and k - first < 10:
        m = _MAIL_FIELD.match(lines[k])
        if not m:
            break
        fields.append((k, m.group("key").lower(), m.end()))
        k += 1
    keys = {key for _, key, _ in fields}
    if not (keys & {"fra", "from"} and keys & _MAIL_SUBJECT):
        return
    for line, key, end in fields:
        if key in _MAIL_DROPPED:
            lines[line] = ""
        elif key in _MAIL_SUBJECT:
            lines[line] = _REPLY_PREFIX.sub("", lines[line][end:].strip())
        elif key in _MAIL_SENT:
            lines[line] = "Sendt: " + lines[line][end:].strip()


_PAGE_NUMBER = re.compile(r"^\s*(?:\S.{0,80}\s)?(?:Side|side|Page)\s+\d{1,4}\s*(?:af|/|of)\s*\d{1,4}\s*$")


# A superset of `_PAGE_NUMBER`'s lines ("Side"/"side" hold "ide"), tried where the text holds "ide".
_SIDE_NUMBER_AT = re.compile(r"ide\s+\d{1,4}\s*(?:af|/|of)\s*\d")


def _has_side_number(text: str) -> bool:
    """Whether `text` holds "Side 2 af 3" anywhere: the pattern tried at each "ide" str.find finds (a document
    holds a few), a little cheaper than the pattern's own search of the whole text."""
    at = text.find("ide")
    while at != -1:
        if _SIDE_NUMBER_AT.match(text, at):
            return True
        at = text.find("ide", at + 1)
    return False


def _page_furniture(lines: list[str], text: str) -> set[int]:
    """Lines a PDF-to-text extraction repeats on every page: 'Norddjurs Kommune Side 2 af 3' and the
    running head that follows each page number ('Direktionen 11-09-2024'). `text`: the lines' text."""
    if "Page" not in text and not _has_side_number(text):
        return set()  # no "Side 2 af 3" anywhere (most documents)
    numbers = [k for k, line in enumerate(lines) if "ide" in line and _PAGE_NUMBER.match(line)]
    if not numbers:
        return set()
    out = set(numbers)
    heads: dict[str, list[int]] = {}
    for k in numbers:
        j = k + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        if j < len(lines):
            heads.setdefault(lines[j].strip(), []).append(j)
    for where in heads.values():
        if len(where) >= 2:
            out.update(where)
    return out


def read_lines(lines: list[str], text: str, warnings: list[ReadWarning] | None = None) -> list[Block]:
    """The blocks of a text's lines (`text`: the text they were split from, searched whole where that is
    cheaper than line by line); doubts about a line are added to `warnings`."""
    blocks: list[Block] = []
    previous_was_text = False
    furniture = _page_furniture(lines, text)
    positions = _positions(len(lines))
    # A for loop, not an index stepped by hand: it runs for every line of every document. A table reads its
    # own lines, and the loop goes on after them (`_pass_over`). The tests go from the most common line down.
    numbered = enumerate(lines)
    for i, raw in numbered:
        if not raw:  # an empty line (a third of a document's lines), known without asking `_line_kind`
            previous_was_text = False
            continue
        if furniture and i in furniture:
            continue
        kind = _line_kind(raw)
        if kind.__class__ is not str and kind.__class__ is not tuple and kind is not _HTML:
            if kind is _BLANK:
                previous_was_text = False
                continue
            if kind is _TAB_LINE:
                _pass_over(numbered, i, _tab_table(lines, i, blocks, warnings, furniture))
                previous_was_text = False
                continue
            if kind is _PIPE_LINE:
                _pass_over(numbered, i, _pipe_table(lines, i, blocks))
                previous_was_text = False
                continue
            end = _bare_pipe_table(lines, i, blocks)  # a line holding a pipe: a row without outer pipes?
            if end > i:
                _pass_over(numbered, i, end)
                previous_was_text = False
                continue
            kind = kind.own  # text that holds a pipe
        if kind.__class__ is str:  # a plain line: its folded text
            blocks.append(Paragraph(kind, positions[i], PARA, 0, previous_was_text))
        elif kind is _HTML:
            blocks.extend(blocks_from_html(raw, i + 1))
        elif len(kind) == 1:  # a marked line's shapes; most are one paragraph (a bullet, a heading)
            t, para_kind, level, takes_break, mark, strong = kind[0]
            broken = takes_break and previous_was_text
            blocks.append(Paragraph(t, positions[i], para_kind, level, broken, mark, strong))
        else:
            blocks.extend(_at_line(kind, positions[i], previous_was_text))
        previous_was_text = True
    return blocks


def _pass_over(numbered: Iterator[tuple[int, str]], i: int, end: int) -> None:
    """Advance `numbered`, standing at line `i`, to just before line `end` (a block read lines `i` to `end`)."""
    next(islice(numbered, end - i - 1, end - i - 1), None)


# What a line is before where it stands is known: blank (or a rule), a row of a pipe or a tab table, a line
# of HTML, a line with markup, a bullet or a number, kept as the shapes of the paragraphs it reads as (see
# `_line_shapes`), or else a plain line, kept as its folded text (either of the last two held by a
# `_HoldsPipe` when the line holds a pipe). A series of agendas repeats most of its lines, so this is kept by
# the line's text.
_BLANK = object()  # blank, or a markdown rule
_PIPE_LINE = object()  # a row of a `| a | b |` table
_TAB_LINE = object()  # a row of a tab-separated table
_HTML = object()  # a line of HTML, whose blocks may be tables: read anew at its position


class _HoldsPipe:
    """A line of text or markup that holds a pipe: the first row of a table without outer pipes, or else the
    line its own kind (`own`) says. Kept apart so a line without one is known by a single test."""

    __slots__ = ("own",)

    def __init__(self, own: object):
        self.own = own


@lru_cache(maxsize=32_768)
def _line_kind(raw: str) -> object:
    stripped = raw.lstrip()
    if not stripped or (stripped[0] in _RULE_STARTS and _RULE.match(raw)):
        return _BLANK
    if "|" in raw and _PIPE_ROW.match(raw):
        return _PIPE_LINE
    if "\t" in raw:
        return _TAB_LINE
    if stripped[0] not in _ITEM_STARTS and not _has_markup(raw):
        own: object = _spaces_folded(stripped)
    elif stripped[0] == "<" and _HTML_LINE.match(raw):
        own = _HTML
    else:
        own = _line_shapes(raw)
    return _HoldsPipe(own) if "|" in raw else own


_RULE_STARTS = frozenset("-*_")  # a rule's first character (the screen before `_RULE`)


def _spaces_folded(text: str) -> str:
    """`text` with every run of white space one space, trimmed. Text folded already (its only white space
    single spaces between words: every white space character but the space is unprintable) is its own
    result, found at half the cost of the split and join. Unlike `fold`, invisible characters stay."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def _has_markup(text: str) -> bool:
    """Whether `text` holds a character markup needs. An `in` test a character, each a memchr: a character
    class's search reads every character at several times the cost of all seven."""
    return (
        "*" in text or "#" in text or "<" in text or "_" in text or "&" in text or "\\" in text or "•" in text
    )


_ITEM_STARTS = frozenset("-*•–·▪0123456789")


# --- shapes: what a line or a table row reads as, apart from where it stands ----------------------------
# A series of agendas repeats most of its lines (the boilerplate, the political cycle, the forward plan rolled
# on by a week), so the paragraphs a line reads as are kept by the line's text, without positions, and the
# blocks are made from them at each line's own position. Only HTML, whose blocks may be tables, is read anew.

ParagraphShape = tuple[str, str, int, bool, str, bool]  # text, kind, level, broken, marker, strong
SHAPE_CACHE_SIZE = 32_768  # distinct lines; a ten-year archive of agendas holds about 25,000


def _shapes(paragraphs: list[Paragraph]) -> tuple[ParagraphShape, ...]:
    """The paragraphs without their positions."""
    return tuple([(p.text, p.kind, p.level, p.broken, p.marker, p.strong) for p in paragraphs])


def _line_shapes(raw: str) -> tuple[ParagraphShape, ...]:
    """The paragraphs a marked line (not HTML, not a table's row) reads as, read as if it followed a line of
    text: the first paragraph's `broken` says whether it takes the line break before it (a bullet or a
    heading does not), and only the first can (`_line_blocks`), so one reading serves both places."""
    return _shapes(_line_blocks(raw, _NOWHERE, True))  # type: ignore[arg-type]


# A table cell: its paragraphs' shapes and its text (`Cell.text`, which the grammar reads for every cell).
CellShape = tuple[tuple[ParagraphShape, ...], str]
RowShape = tuple[CellShape, ...]  # a table row's cells


@lru_cache(maxsize=SHAPE_CACHE_SIZE)
def _row_shapes(raw: str) -> RowShape | None:
    """The cells of a tab-separated row as paragraph shapes; None when a cell's HTML must be read at its line."""
    cells = [_cell_shapes(text) for text in tab_cells(raw)]
    if None in cells:
        return None
    while len(cells) > 1 and not cells[-1][0]:  # type: ignore[index]
        cells.pop()  # a trailing cell that held only markup
    return tuple(cells)  # type: ignore[arg-type]


@lru_cache(maxsize=SHAPE_CACHE_SIZE)
def _pipe_row_shapes(body: str) -> RowShape | None:
    """The cells of a pipe table's row (its line without the outer pipes) as paragraph shapes; None when a
    cell's HTML must be read at its line."""
    cells = tuple(_cell_shapes(text.replace("\\|", "|")) for text in _BARE_PIPE.split(body))
    return None if None in cells else cells  # type: ignore[return-value]


def _cell_shapes(text: str) -> CellShape | None:
    """The paragraphs of a table cell's text as shapes, and the cell's text; None when its HTML gives a
    paragraph a line of its own (a <pre> with line breaks). The HTML reader's positions are the fragment's
    first line plus what it counts, so a cell read as line 0 whose paragraphs all stand at line 0 stands
    wholly on the line it is read at."""
    paragraphs = cell_paragraphs(text, _NOWHERE)
    if "<" in text and any(p.pos != _NOWHERE for p in paragraphs):
        return None
    return _shapes(paragraphs), one_line(paragraphs)


def _row_at(shapes: RowShape, pos: Position) -> Row:
    """A row made from its shapes at `pos`. A cell of one paragraph (most are) is made without a
    comprehension, which is a call of its own, and a document has many cells. Each cell's text is known
    from its shape (a cell's next lines, which change it, come after: see `_tab_table`)."""
    cells = []
    for paragraphs, text in shapes:
        if len(paragraphs) == 1:
            t, kind, level, broken, mark, strong = paragraphs[0]
            cell = Cell([Paragraph(t, pos, kind, level, broken, mark, strong)])
        else:
            cell = Cell(_at(paragraphs, pos))
        cell.text = text
        cells.append(cell)
    return Row(cells, pos)


def clear_shape_cache() -> None:
    """Forget every line read so far (a benchmark's repeats must each read from scratch)."""
    _line_kind.cache_clear()
    _row_shapes.cache_clear()
    _pipe_row_shapes.cache_clear()


_NOWHERE = Position(0)
# The positions of the first lines, made once: a position is an immutable value, so every document's line 12
# can be the same object (one fewer object per block to make and free).
_SHARED_LINES = 4_000
_LINE_POSITIONS = tuple(Position(k) for k in range(_SHARED_LINES))
_INDEX_POSITIONS = _LINE_POSITIONS[1:]  # a line's position by its index in the text's lines


def _line_position(line: int) -> Position:
    return _LINE_POSITIONS[line] if line < _SHARED_LINES else Position(line)


def _positions(count: int) -> Sequence[Position]:
    """The positions of a text's `count` lines by their index (line 1 at 0)."""
    if count < _SHARED_LINES:
        return _INDEX_POSITIONS
    return _INDEX_POSITIONS + tuple(Position(k + 1) for k in range(len(_INDEX_POSITIONS), count))


def _at_line(shapes: tuple[ParagraphShape, ...], pos: Position, after_text: bool) -> list[Paragraph]:
    """A marked line's paragraphs from its shapes (`_line_shapes`) at `pos`; `after_text`: the line follows a
    line of text."""
    paragraphs = _at(shapes, pos)
    if paragraphs:
        paragraphs[0].broken = paragraphs[0].broken and after_text
    return paragraphs


def _at(shapes: tuple[ParagraphShape, ...], pos: Position) -> list[Paragraph]:
    return [
        Paragraph(t, pos, kind, level, broken, mark, strong)
        for t, kind, level, broken, mark, strong in shapes
    ]


def _line_blocks(raw: str, pos: Position, broken: bool) -> list[Block]:
    """The paragraphs of a line `_line_kind` calls marked (a plain line is its folded text, read there).
    `broken` (the line follows a line of text) goes to the first paragraph at most."""
    text = raw.lstrip()
    first = text[:1]
    if first.isdigit() and ")" not in raw and not _has_markup(raw):
        # "1. Område: ...", "12.45": a number is a list item only as "1)"; what the path below gives
        return [Paragraph(fold(raw), pos, broken=broken)]
    # Each pattern below needs its own first character: "#", "<", a bullet or a digit, "**" or "<b>".
    heading = _HEADING.match(raw) if first == "#" else None
    if heading:
        text = clean_inline(heading.group(2).rstrip(" \t#"))
        return [Paragraph(text, pos, HEADING, len(heading.group(1)))] if text else []
    if first == "<" and _HTML_LINE.match(raw):
        return blocks_from_html(raw, pos.line)
    bullet = _BULLET.match(raw) if first in _ITEM_STARTS else None
    if bullet:
        level = (len(bullet.group("indent")) + 1) // 2
        mark = bullet.group("mark")
        text = clean_inline(raw[bullet.end() :])
        if not text:
            return []
        return [Paragraph(text, pos, ITEM, level, False, mark if mark[:1].isdigit() else "")]
    strong = first in ("*", "<") and _whole_bold(raw)
    paragraphs = paragraphs_from_text(clean_inline(raw), pos, broken=broken)
    if strong and len(paragraphs) == 1:
        paragraphs[0].strong = True
    return paragraphs  # type: ignore[return-value]


def _whole_bold(raw: str) -> bool:
    s = raw.strip()
    return (s.startswith("**") and s.endswith("**") and s.count("**") == 2 and len(s) > 4) or (
        s.lower().startswith(("<b>", "<strong>")) and s.lower().endswith(("</b>", "</strong>"))
    )


def clean_inline(text: str) -> str:
    """Inline markdown emphasis, escapes, tags and entities removed; white space folded."""
    if "<" in text and _TAG.search(text):
        text = " ".join(p.text for p in flat_paragraphs(blocks_from_html(text)))
    elif "&" in text and _ENTITY.search(text):
        text = html.unescape(text)
    if "*" in text or "_" in text:
        text = _BOLD.sub(r"\2", text)
        text = _ITALIC.sub(r"\1", text)
        if "_" in text:
            text = _UNDERSCORE_ITALIC.sub(r"\1", text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    return fold(text)


# --- tables --------------------------------------------------------------------------------


def _tab_table(
    lines: list[str],
    i: int,
    blocks: list[Block],
    warnings: list[ReadWarning] | None = None,
    furniture: set[int] | frozenset[int] = frozenset(),
) -> int:
    rows: list[Row] = []
    n = len(lines)
    positions = _positions(n)
    width = _TableWidth(lines, i)
    tabs = width.tabs
    broken_cells = False  # a cell of this table holds a line break: the export writes them as lines
    while i < n:
        if furniture and i in furniture and rows:
            i += 1  # "Norddjurs Kommune<TAB>Side 2 af 3" at a page break inside the table: not a row
            continue
        raw = lines[i]
        if not raw or raw.isspace():  # blank (strip would copy a row that ends in a tab)
            k = _after_blanks(lines, i + 1)
            if k < n and "\t" in lines[k] and not ("|" in lines[k] and _PIPE_ROW.match(lines[k])):
                i = k  # a blank line inside the table (a page break in the export)
                continue
            break
        if "\t" not in raw:
            k = _continued_cell_end(lines, i) if rows else i
            if k == i:
                if warnings is not None and broken_cells:
                    _after_last_row(lines, i, warnings)
                break
            broken_cells = True
            last = rows[-1].cells
            if len(last) == 1:
                last.append(Cell())  # the row's last cell was empty before its line break
            for j in range(i, k):
                last[-1].paragraphs.extend(map(_broken, cell_paragraphs(lines[j], _line_position(j + 1))))
            vars(last[-1]).pop("text", None)  # the text its row's shape gave it, before these lines
            i = k
            continue
        pos = positions[i]
        if raw.count("\t") < tabs:
            end = _broken_row_end(lines, i, width)
            if end:
                rows.append(_broken_row(lines, i, end))
                broken_cells = True
                i = end
                continue
        shapes = _row_shapes(raw)
        if shapes is None:
            row = Row([Cell(cell_paragraphs(text, pos)) for text in raw.split("\t")], pos)
            _trim_trailing_empty_columns([row])
        else:
            row = _row_at(shapes, pos)
        rows.append(row)
        i += 1
    blocks.append(Table(rows, rows[0].pos))
    return i


def _after_blanks(lines: list[str], k: int) -> int:
    """The first line from `k` on that is not blank (`len(lines)` when none is)."""
    n = len(lines)
    while k < n and not lines[k].strip():
        k += 1
    return k


class _TableWidth:
    """The number of tabs of a tab table's whole rows (the most among its lines, measured as the table
    starts), and the first words its whole rows start with (found only when a row with fewer tabs asks)."""

    def __init__(self, lines: list[str], i: int):
        self.lines, self.start = lines, i
        self._rows: list[str] = []
        self.tabs = self._measure()
        self._first_words: set[str] | None = None
        self._digit_first = False

    def _measure(self) -> int:
        # The table runs on over lines without a tab, and over blank lines that a row follows.
        rows = self._rows
        after_blank = False
        for line in islice(self.lines, self.start, None):
            if not line or line.isspace():
                after_blank = True
            elif "\t" in line:
                after_blank = False
                rows.append(line)
            elif after_blank:
                break
        tabs = list(map(_TAB_COUNT, rows))
        # the widest rows seen twice (a row broken over lines and a row with merged cells have fewer tabs;
        # one line with a stray tab more does not make the table wider)
        return max((t for t in set(tabs) if tabs.count(t) >= 2), default=max(tabs))

    def starts_row(self, text: str) -> bool:
        """`text` starts the way the table's whole rows start: a row of its own, not a cell's next line."""
        words = text.split()
        if not words:
            return True  # an empty first cell: a row whose first column is empty
        if self._first_words is None:
            self._first_words = set()
            tabs = self.tabs
            for line in self._rows:
                if line.count("\t") == tabs:
                    first = line.split("\t", 1)[0].split()
                    if first:
                        self._first_words.add(first[0].lower())
                        self._digit_first = self._digit_first or first[0][:1].isdigit()
        first = words[0]
        return first.lower() in self._first_words or (self._digit_first and first[:1].isdigit())


def _broken_row_end(lines: list[str], i: int, width: _TableWidth) -> int:
    """The end of the lines from `i` that are one row broken by a line break inside one of its cells, or 0.

    Word's text export writes a cell's paragraphs as lines: "28. maj<tab>Budgetseminar", then "Status på
    HOI<tab>Lene Mehlsen Thomsen" — the row's tabs spread over its lines. The lines from a row with fewer
    tabs than the table's whole rows, with lines without a tab between, are one row when their tabs add up
    to a whole row's exactly, and the line that completes it does not start as the table's rows start
    ("2. jul.<tab>Sommerferie" under "25. jun.<tab>Sommerafslutning" are two rows with merged cells)."""
    tabs, n = lines[i].count("\t"), len(lines)
    k = i + 1
    while k < n and k - i <= _CONTINUED_LINES and lines[k].strip():
        line = lines[k]
        if "\t" not in line:
            if _starts_other_block(line):
                return 0
            k += 1
            continue
        tabs += line.count("\t")
        if tabs > width.tabs or width.starts_row(line.split("\t", 1)[0]):
            return 0
        if tabs == width.tabs:
            return k + 1
        k += 1
    return 0


def _broken_row(lines: list[str], i: int, end: int) -> Row:
    """One row from its lines: each line's text before its first tab goes on the cell the line above ended in."""
    cells: list[list[Paragraph]] = [[]]
    for k in range(i, end):
        pos = _line_position(k + 1)
        for c, text in enumerate(lines[k].split("\t")):
            if c:
                cells.append([])
            more = cell_paragraphs(text, pos)
            if c == 0 and k > i:
                more = [_broken(p) for p in more]
            cells[-1].extend(more)
    row = Row([Cell(paragraphs) for paragraphs in cells], _line_position(i + 1))
    _trim_trailing_empty_columns([row])
    return row


def _after_last_row(lines: list[str], i: int, warnings: list[ReadWarning]) -> None:
    """Lines without a tab right under the last row of a tab table whose cells hold line breaks elsewhere,
    with a blank line or the end after them: a second line of the row's last cell, or text under the
    table? Read as text, and said."""
    k = _tabless_run_end(lines, i)
    if k is None or k == i or (k < len(lines) and lines[k].strip()):
        return
    for j in range(i, k):
        warnings.append(
            ReadWarning(
                _line_position(j + 1),
                f"'{fold(lines[j])}' står lige under tabellens sidste række uden tabulator: en linje mere i "
                "rækkens sidste celle eller tekst under tabellen? Læst som tekst under tabellen",
            )
        )


_TAB_COUNT = methodcaller("count", "\t")
_CONTINUED_LINES = 4  # a cell's own line breaks in Word's text export: a few lines, never a page
_NUMBERED_HEADING = re.compile(r"^\s*\d{1,2}\.\s+[A-ZÆØÅ]")


def _continued_cell_end(lines: list[str], i: int) -> int:
    """The end of the lines from `i` that continue the last cell of the row above, or `i` when none do.

    Word's text export writes a line break inside a cell as a line end: "21. maj<tab>Budgetseminar", then
    "Status på HOI" alone, then the next row. Lines without a tab count as the cell's when they stand
    directly between two rows with the same number of tabs (no blank line, no numbered heading)."""
    k = _tabless_run_end(lines, i)
    if (
        k is None
        or k == i
        or k >= len(lines)
        or "\t" not in lines[k]
        or not lines[k].strip()  # a line of tabs alone is blank: no row follows
        or lines[k].count("\t") != lines[i - 1].count("\t")
    ):
        return i
    return k


def _tabless_run_end(lines: list[str], i: int) -> int | None:
    """The end of the lines from `i` that hold text and no tab (a cell's own line breaks: a few lines at
    most), or None when one of them starts a block of its own (a numbered heading, a pipe table)."""
    k, n = i, len(lines)
    while k < n and k - i < _CONTINUED_LINES and lines[k].strip() and "\t" not in lines[k]:
        if _starts_other_block(lines[k]):
            return None
        k += 1
    return k


def _starts_other_block(line: str) -> bool:
    """A line without a tab that is never a table cell's next line: a numbered heading or a pipe table's row."""
    return bool(_NUMBERED_HEADING.match(line) or ("|" in line and _PIPE_ROW.match(line)))


def _broken(p: Paragraph) -> Paragraph:
    """`p` as a cell's next line after a line break."""
    return Paragraph(p.text, p.pos, p.kind, p.level, True, p.marker, p.strong)


def _pipe_table(lines: list[str], i: int, blocks: list[Block]) -> int:
    rows: list[Row] = []
    n = len(lines)
    while i < n and "|" in lines[i] and _PIPE_ROW.match(lines[i]):
        raw = lines[i]
        if not _is_pipe_rule(raw):
            rows.append(_pipe_row(_pipe_body(_OUTER_PIPE.sub("", raw.rstrip())), i))
        i += 1
    rows = [r for r in rows if any(not c.empty for c in r.cells)] or rows
    if rows:
        blocks.append(Table(rows, rows[0].pos))
    return i


_BARE_PIPE = re.compile(r"(?<!\\)\|")


def _bare_pipe_table(lines: list[str], i: int, blocks: list[Block]) -> int:
    """A markdown table written without its outer pipes ("Møde | Tema" / "--- | ---" / "15/1 | Budget"): two or
    more lines in a row with the same number of cell separators. Returns the index after it, or `i` when the
    line is text that holds a pipe."""
    width = _pipe_count(lines[i])
    bodies: list[tuple[int, str]] = []
    j = i
    while (
        width
        and j < len(lines)
        and "|" in lines[j]
        and "\t" not in lines[j]
        and not _PIPE_ROW.match(lines[j])
    ):
        if _pipe_count(lines[j]) != width:
            break
        bodies.append((j, _pipe_body(lines[j])))
        j += 1
    if len(bodies) < 2:
        return i
    rows = [_pipe_row(body, k) for k, body in bodies if not _is_pipe_rule(body)]
    if rows:
        blocks.append(Table(rows, rows[0].pos))
    return j


def _pipe_row(body: str, index: int) -> Row:
    """The row of a pipe table's line `index` from its body (the line without its outer pipes)."""
    pos = _line_position(index + 1)
    shapes = _pipe_row_shapes(body)
    if shapes is None:
        return Row([_cell(text.replace("\\|", "|"), pos) for text in _BARE_PIPE.split(body)], pos)
    return _row_at(shapes, pos)


_OUTER_PIPE = re.compile(r"^\s*(?:[-*][ \t]+)?\|")  # a row's opening pipe ("| a |", "- | a |")


def _pipe_body(raw: str) -> str:
    body = raw.strip()
    return body[:-1] if body.endswith("|") and not body.endswith("\\|") else body


def _pipe_count(raw: str) -> int:
    return len(_BARE_PIPE.findall(_pipe_body(raw)))


def _trim_trailing_empty_columns(rows: list[Row]) -> None:
    for row in rows:
        while len(row.cells) > 1 and row.cells[-1].empty:
            row.cells.pop()


def _cell(text: str, pos: Position) -> Cell:
    return Cell(cell_paragraphs(text, pos))


def cell_paragraphs(text: str, pos: Position) -> list[Paragraph]:
    """A cell of a text table: its HTML read as HTML, lost line breaks (2+ spaces) restored."""
    if not text.strip():
        return []
    if "<" in text and _TAG.search(text):
        return flat_paragraphs(blocks_from_html(text, pos.line))
    out: list[Paragraph] = []
    for k, piece in enumerate(_LOST_BREAK.split(text.strip()) if "  " in text else [text]):
        if not _has_markup(piece):
            first = piece.lstrip()[:1]
            if first not in _ITEM_STARTS:
                folded = _spaces_folded(piece)  # a plain piece: no markup, no bullet
                if folded:
                    out.append(Paragraph(folded, pos, broken=k > 0))
                continue
            if first.isdigit() and ")" not in piece:
                # "18. maj", "12.45": a number is a list item only as "1)"; what the path below gives
                out.append(Paragraph(fold(piece), pos, broken=k > 0))
                continue
        cleaned = clean_inline(piece)
        if cleaned:
            out.extend(paragraphs_from_text(cleaned, pos, broken=k > 0))
    return out


def _is_pipe_rule(raw: str) -> bool:
    """A markdown table rule: `|---|:--:|`."""
    stripped = raw.strip()
    return "|" in stripped and "--" in stripped and _PIPE_RULE_CHARS.issuperset(stripped)


def _looks_like_markdown(lines: list[str], text: str) -> bool:
    """Whether the first lines hold a markdown heading, a pipe table's rule or a bold line. `text`: the text
    the lines were split from (and then blanked or cut in places), searched whole rather than joined again."""
    # One character of each marker: a character's search is a memchr, two characters' a slower search.
    if "#" not in text and "|" not in text and "*" not in text:
        return False  # none of the three markers below: a plain text export (most documents)
    head = lines[:400]
    return any(
        ("#" in ln and _HEADING.match(ln))
        or ("|" in ln and _is_pipe_rule(ln))
        or ln.lstrip().startswith("**")
        for ln in head
    )
