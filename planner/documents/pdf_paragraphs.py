"""Lines into paragraphs, the way a reader sees them on a PDF page.

- A vertical gap larger than the normal leading starts a new paragraph.
- A line continues the paragraph above when that line was full (this line's first word would not
  have fitted on it): a wrapped line, joined with a space ("årsberet-" + "ningen" de-hyphenated
  when the next line starts in lowercase). At the top of a page, a line in other type or a numbered
  heading after a sentence's end starts anew, though the page above ended with a full line.
- A line under a short line, with normal leading, is a manual line break: a new paragraph, `broken`.
- A line starting with a bullet glyph or "1)" starts a list item, its level from its indentation.
- Lines in a clearly larger font are headings (level by size rank, largest = 1); a fully bold
  body-size paragraph is `strong`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from planner.documents.inline import fold, paragraphs_from_text
from planner.documents.model import HEADING, ITEM, PARA, Paragraph, Position
from planner.documents.pdf_layout import BULLETS, Line

_NUMBERED = re.compile(r"^(\d{1,2}\))\s")
_DOT_NUMBERED = re.compile(r"^(\d{1,2}\.)\s+(?=[A-ZÆØÅ])")
_SENTENCE_ENDS = frozenset(".:!?")
_HEADING_RATIO = 1.12  # a line this much taller than body text is a heading
_X_TOLERANCE = 3.0
# "Børne- og Ungdomsudvalget": a hyphen before these words is a shared word ending, never a split word.
_KEEP_HYPHEN_BEFORE = frozenset({"og", "eller", "samt", "til", "and", "or", "&", "el.", "hhv."})


def _size_class(height: float) -> float:
    """Line heights a quarter point apart are one size (heading styles are often 0.5pt apart)."""
    return round(height * 4) / 4


@dataclass(slots=True)
class Style:
    """What is normal in this document: body text height, leading per height, heading sizes."""

    body: float
    leading: dict[float, float]
    heading_levels: dict[float, int]
    floor: float  # the lowest a line of text stands on any page: where full pages end

    @classmethod
    def of(cls, lines: list[Line]) -> Style:
        sizes: Counter[float] = Counter()
        for ln in lines:  # weighted by length: a page of body text outweighs many short headings
            sizes[_size_class(ln.height)] += len(ln.glyphs)
        body = sizes.most_common(1)[0][0] if sizes else 12.0
        steps: dict[float, Counter] = {}
        for a, b in pairwise(lines):
            if a.page == b.page and abs(a.height - b.height) < 0.5:
                dy = b.top - a.top
                if 0.8 * a.height < dy < 2.2 * a.height:
                    steps.setdefault(_size_class(a.height), Counter())[round(dy * 4) / 4] += 1
        # Normal leading is the smallest step seen more than once; larger steps are paragraph spacing.
        leading = {}
        for h, c in steps.items():
            common = sorted(dy for dy, n in c.items() if n >= 2)
            if common and common[0] <= 1.8 * h:  # some writers' line boxes are small: 11pt in 7.5pt
                leading[h] = common[0]
        # Heading sizes, largest first: larger type, and the sizes of bold lines (a bold line standing
        # alone is a heading too, ranked below every larger size).
        sized = {_size_class(ln.height) for ln in lines if ln.height > body * _HEADING_RATIO or ln.bold}
        ranked = sorted(sized, reverse=True)
        floor = max((ln.bottom for ln in lines), default=0.0)
        return cls(body, leading, {h: min(6, k + 1) for k, h in enumerate(ranked)}, floor)

    def leading_of(self, height: float) -> float | None:
        """The normal step from one line to the next of text this tall, when the document shows it."""
        return self.leading.get(_size_class(height))

    def is_heading(self, line: Line) -> bool:
        return line.height > self.body * _HEADING_RATIO

    def heading_level(self, line: Line) -> int:
        return self.heading_levels.get(_size_class(line.height), 1)

    def gap_between(self, above: Line, below: Line) -> bool:
        """More space than normal leading between two lines of one page."""
        dy = below.top - above.top
        normal = self.leading.get(_size_class(above.height))
        if normal is None:
            return dy > 1.35 * above.height
        return dy > normal * 1.15 + 0.5


@dataclass(slots=True)
class Region:
    """Where lines flow: the page body or one table cell; `right` is where its full lines end."""

    right: float
    headings: bool = False  # a bold line standing alone is a heading here (in running text, not in a cell)
    # `right` is only the longest line's end (a cell of an unruled table): a line starting with a capital
    # letter after a line that reached it is taken for a line break, not for a wrapped line
    estimated: bool = False


@dataclass(slots=True)
class _ListIndent:
    """The bullet indentations of the list being read: an item further right than the one above is nested."""

    xs: list[float] = field(default_factory=list)

    def level(self, x: float) -> int:
        while self.xs and self.xs[-1] > x + _X_TOLERANCE:
            self.xs.pop()
        if not self.xs or x > self.xs[-1] + _X_TOLERANCE:
            self.xs.append(x)
        return len(self.xs) - 1


def bullet_of(line: Line) -> tuple[str, str, float] | None:
    """(marker, text after it, x where that text starts) when the line starts with a bullet or '1)'."""
    first = line.glyphs[0]
    if (first.text in BULLETS or first.text == "o") and len(line.glyphs) > 1:
        second = line.glyphs[1]
        gap = second.x0 - first.x1
        # Word's second-level bullet is a Courier "o" followed by a tab: only such a wide gap makes it one.
        if gap > (0.6 if first.text == "o" else 0.15) * line.height or (
            second.space_before and first.text != "o"
        ):
            return "", line.text[1:].lstrip(), second.x0
        return None
    m = _NUMBERED.match(line.text)
    if m:
        k = len(m.group(1).replace(" ", ""))
        if k < len(line.glyphs):
            return m.group(1), line.text[m.end() :], line.glyphs[k].x0
    return None


def numbered_lines(lines: list[Line]) -> frozenset[int]:
    """Lines of a cell that number a list with "1.", "2.", …: two or more, counting up by one, at one x.
    A single "3. Økonomi" or "15. jan." is not a list item; a counted run is."""
    found: list[tuple[int, Line]] = []
    for line in lines:
        m = _DOT_NUMBERED.match(line.text)
        if m:
            found.append((int(m.group(1)[:-1]), line))
    out: set[int] = set()
    run: list[tuple[int, Line]] = []
    for number, line in [*found, (-1, None)]:
        if (
            run
            and line is not None
            and number == run[-1][0] + 1
            and abs(line.x0 - run[-1][1].x0) <= _X_TOLERANCE
        ):
            run.append((number, line))
            continue
        if len(run) >= 2:
            out.update(id(ln) for _, ln in run)
        run = [(number, line)] if line is not None else []
    return frozenset(out)


@dataclass(slots=True, eq=False)
class _Open:
    kind: str
    level: int
    marker: str
    broken: bool
    first: Line
    last: Line
    cont_x: float
    parts: list[str]
    bold: bool


class Flow:
    """Assembles the lines of one region into paragraphs; tables and page ends are fed in order."""

    def __init__(self, style: Style, region: Region, numbered: frozenset[int] = frozenset()):
        self.style = style
        self.region = region
        self.numbered = numbered  # ids of lines that start a "1." item (see numbered_lines)
        self.out: list[Paragraph] = []
        self.open: _Open | None = None
        self.indent = _ListIndent()
        self.standalone: Paragraph | None = (
            None  # the last bold line read as a heading, until a line break follows it
        )

    def add(self, line: Line) -> None:
        current = self.open
        bullet = bullet_of(line)
        if bullet is None and id(line) in self.numbered:
            m = _DOT_NUMBERED.match(line.text)
            if m:
                k = len(m.group(1))
                bullet = (m.group(1), line.text[m.end() :], line.glyphs[min(k, len(line.glyphs) - 1)].x0)
        if current is None:
            self._start(line, bullet, broken=False)
            return
        above = current.last
        same_page = above.page == line.page
        if not same_page and line.page != above.page + 1:  # a page between them could not be read
            self._start(line, bullet, broken=False)
            return
        gap = same_page and self.style.gap_between(above, line)
        full = above.x1 + 0.25 * above.height + line.first_word > self.region.right - 1.0
        if full and self.region.estimated and line.text[:1].isupper():
            full = False
        if (
            not same_page
            and self.style.floor - above.bottom > 0.8 * above.height
            and not line.text[:1].islower()
        ):
            full = False  # the page ended early although the next line would have fitted: a paragraph end
        # An item's lines wrap under its text (a hanging indent) or, typed by hand, under its bullet;
        # a bullet under a bullet is the next item.
        aligned = abs(line.x0 - current.cont_x) <= _X_TOLERANCE or (
            current.kind == ITEM and bullet is None and abs(line.x0 - current.first.x0) <= _X_TOLERANCE
        )
        same_size = abs(line.height - above.height) < 0.6
        if current.kind == HEADING or self.style.is_heading(line):
            if current.kind == HEADING and same_size and not gap and line.bold == above.bold:
                self._join(line)
            else:
                self._start(line, bullet, broken=False)
            return
        continues = aligned and same_size and not gap and full  # a wrapped line, on this page or the next
        if continues and not same_page and _opens_page(above, line):
            continues = False
        if bullet is not None and not continues:
            self._start(line, bullet, broken=False)
            return
        if continues:
            self._join(line)
            return
        broken = same_page and not gap
        if broken and aligned and current.kind == ITEM:  # a line break inside a list item
            self._flush()
            self.open = _Open(
                ITEM, current.level, "", True, line, line, current.cont_x, [line.text], line.bold
            )
            return
        self._start(line, None, broken=broken)

    def _start(self, line: Line, bullet: tuple[str, str, float] | None, broken: bool) -> None:
        self._flush()
        if (
            broken and self.standalone is not None
        ):  # a line break after it: the bold line does not stand alone
            self.standalone.kind, self.standalone.level, self.standalone.strong = PARA, 0, True
        self.standalone = None
        if bullet is None:
            self.indent.xs.clear()  # a paragraph or heading ends the list
        if self.style.is_heading(line):
            self.open = _Open(
                HEADING,
                self.style.heading_level(line),
                "",
                False,
                line,
                line,
                line.x0,
                [line.text],
                line.bold,
            )
        elif bullet is not None:
            marker, text, text_x = bullet
            level = self.indent.level(line.x0)
            self.open = _Open(ITEM, level, marker, False, line, line, text_x, [text], line.bold)
        else:
            self.open = _Open(PARA, 0, "", broken, line, line, line.x0, [line.text], line.bold)

    def _join(self, line: Line) -> None:
        current = self.open
        assert current is not None
        if len(current.parts) == 1 and current.kind == PARA and line.x0 < current.cont_x:
            current.cont_x = line.x0  # a first-line indent: the paragraph's lines start further left
        current.parts.append(line.text)
        current.last = line
        current.bold = current.bold and line.bold

    def take(self) -> list[Paragraph]:
        """The paragraphs finished since the last call."""
        done, self.out = self.out, []
        return done

    def end(self) -> None:
        """A table or the end of the region: no line after it continues the open paragraph."""
        self._flush()

    def _flush(self) -> None:
        current, self.open = self.open, None
        if current is None:
            return
        text = join_lines(current.parts)
        pos = Position(current.first.no, current.first.page)
        if current.kind == HEADING:
            folded = fold(text)
            if folded:
                self.out.append(Paragraph(folded, pos, HEADING, current.level))
            return
        paragraphs = paragraphs_from_text(text, pos, current.kind, current.level, current.broken)
        if paragraphs and current.kind == ITEM:
            paragraphs[0].marker = current.marker
        if current.bold and len(paragraphs) == 1 and current.kind == PARA:
            paragraph = paragraphs[0]
            if self.region.headings and len(current.parts) == 1 and not current.broken:
                paragraph.kind, paragraph.level = HEADING, self.style.heading_level(current.first)
                self.standalone = paragraph
            else:
                paragraph.strong = True
        self.out.extend(paragraphs)


def _opens_page(above: Line, line: Line) -> bool:
    """Whether the first line of a page starts a paragraph of its own although the page above ended
    with a full line: after a sentence's end, a line in other type (a bold case heading under plain
    text) or a numbered heading ("2. Punkter til kommende møder"). A paragraph running on over the page
    break goes on in its own type, and rarely with a number after a full stop."""
    first = line.text[:1]
    if above.text[-1:] not in _SENTENCE_ENDS or not (first.isupper() or first.isdigit()):
        return False
    return line.bold != above.bold or _DOT_NUMBERED.match(line.text) is not None


def join_lines(parts: list[str]) -> str:
    """Wrapped lines joined: with a space, or without the hyphen of a word split at the line end."""
    text = parts[0]
    for part in parts[1:]:
        if text.endswith("-") and len(text) > 1 and text[-2].isalnum():
            word = part.split(" ", 1)[0]
            if word.lower() in _KEEP_HYPHEN_BEFORE:
                text += " " + part  # "Børne-" + "og Ungdomsudvalget"
            elif word[:1].islower() and text[-2].islower():
                text = text[:-1] + part  # "årsberet-" + "ningen"
            else:
                text += part  # "KB-" + "håndbogen", "2023-" + "2026": a compound broken at its hyphen
        else:
            text += " " + part
    return text
