"""The words and dates of a published ferieplan, read from the text of one unit (a paragraph or a row).

A unit arrives as its cells' texts: one for a paragraph, one per cell for a table row. Nothing
here knows about tabs, pipes, tags or files; the reading layer (`planner.documents`) has removed
them. Cells are scanned one after another, so no date is ever read across a cell boundary.

Every pattern here is linear in the length of its input: no nested quantifiers, and anything
that trims the end of a label is a backwards loop, not a regex anchored at `$` (a dot leader of
38 dots once took 38 s). `tests/test_ferieplan_formats.py` guards this with 100,000-character lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from planner.danish import MONTHS, WEEKDAY_TWO_LETTERS, WEEKDAY_WORDS, words_pattern

# Words after "12." that are not months, so they never raise an unknown-month warning.
NOT_MONTHS = {*WEEKDAY_WORDS, "og", "til", "uge", "uger", "dag", "dage", "kl", "klasse"} | {
    "skoledag",
    "pinsedag",
    "påskedag",
    "juledag",
}

_MONTH_RE = words_pattern(MONTHS)
_WEEKDAY_RE = words_pattern(WEEKDAY_WORDS)
_WEEKDAY_DOTTED = "|".join(rf"\b{w}\." for w in WEEKDAY_TWO_LETTERS)  # "lø.", never "lø"

# Labels that may contain digits ("1. maj", "2. pinsedag") are matched first so
# the date scanner never starts inside them.
KNOWN_LABEL = re.compile(
    r"(?:1\.?\s*maj|(?:[12]\.|første|anden)\s*(?:pinse|påske|jule)dag|kr(?:isti|\.)?\s*himmelfart\w*"
    r"|store\s+bededag|skærtorsdag|langfredag"
    r"|(?:sommer|efterårs|høst|jule|vinter|påske|pinse)ferie|pinse\w*|grundlovsdag"
    r"|skolestart|første\s+skoledag|sidste\s+skoledag|fridag\w*|juleaften\w*|nytårsaften\w*)",
    re.IGNORECASE,
)
# School days with something on: they close nothing ("Motionsdag: fredag 10. oktober" is no holiday).
SCHOOL_EVENT = re.compile(
    r"skolestart|første\s+skoledag|sidste\s+skoledag|motionsdag|idrætsdag|juleafslutning|skolefest"
    r"|forældremøde|skole-hjem|lejrskole|temauge|emneuge|terminsprøve|dimission|translokation",
    re.IGNORECASE,
)
DATE_START = re.compile(
    rf"(?:\b(?:{_WEEKDAY_RE})\b\.?|{_WEEKDAY_DOTTED})\s*(?:den\s+|d\.\s*)?(?=\d)"
    r"|\buge\s*\d"
    r"|(?<![\d.])\d{1,2}\s?[./]\s?\d{1,2}(?!\d)"
    r"|(?<![\d.])\d{1,2}\.?\s*(?:-|til\b|og\b|,|&)\s*\d"
    rf"|(?<![\d.])\d{{1,2}}\.?\s*(?:{_MONTH_RE})\b"
    r"|(?<![\d.])\d{1,2}\.\s*[a-zæøå]{3,}"
    # A day and a word before a dash or a year is a date even without the dot: "30 March - 6 April" is
    # read (and its month reported), never left in the label while "6 April" becomes the holiday.
    r"|(?<![\d.])\d{1,2}\s+[a-zæøå]{3,}\.?(?=\s*(?:-|til\b|\d{4}))",
    re.IGNORECASE,
)
# "2024/2025", "2024-25", and with a word that says so: "skoleåret 24-25", "Ferieplan 24/25".
# A full stop may end the sentence: "… i skoleåret 2025-26." ("2024-25.10" is no school year).
_SCHOOL_YEAR = re.compile(r"(?<![\d.])(\d{4})\s*[/-]\s*(\d{4}|\d{2})(?!\d|\.\d)")
_SCHOOL_YEAR_SHORT = re.compile(r"(?<![\d.])(\d{2})\s*[/-]\s*(\d{2})(?!\d|\.\d)")
_HEADING_WORDS = re.compile(r"ferie|fridag|skoleår", re.IGNORECASE)
_SHORT_HEADING_WORDS = re.compile(r"skoleår|ferieplan", re.IGNORECASE)
# A line that is only a year ("2024", "År 2024:") sets the year of what follows.
_YEAR_LINE = re.compile(r"(?:år\s+)?(\d{4})\s*:?", re.IGNORECASE)
# A line that is only a month ("Oktober", "Maj 2025:") heads a month-grouped list.
_MONTH_LINE = re.compile(rf"({_MONTH_RE})\.?(?:\s+(\d{{4}}))?\s*:?", re.IGNORECASE)
# The day or days that open a line of a month-grouped list: "16. - 20. Efterårsferie", "20. 2. pinsedag".
_LEADING_DAYS = re.compile(
    r"(\d{1,2})\.(?:\s*(?:-|til)\s*(\d{1,2})\.?)?\s+(?=\S)|(\d{1,2})\.?\s*-\s*(\d{1,2})\.?\s+(?=\S)"
)
_MONTH_WORD_START = re.compile(rf"(?:{_MONTH_RE})\b", re.IGNORECASE)

WEEK_COLUMNS = {"uge", "ugenr", "ugenr.", "ugenummer"}
_BARE_WEEKS = re.compile(r"\d{1,2}(?:\s*-\s*\d{1,2})?")
_TABLE_HEADER_CELLS = {
    "ferie",
    "fridage",
    "ferie/fridage",
    "ferie og fridage",
    "periode",
    "dato",
    "datoer",
    "uge",
    "ugenr",
    "ugenr.",
    "bemærkning",
    "bemærkninger",
    "fra",
    "til",
    "første fridag",
    "sidste fridag",
    "første feriedag",
    "sidste feriedag",
    "antal dage",
    "antal fridage",
    "antal skoledage",
    "antal feriedage",
    "dage",
    "hvad",
    "hvornår",
    "begivenhed",
    "ugenummer",
    "ugedag",
    "måned",
    "ferie/fridag",
}

# A year may end a sentence ("12. marts 2025."), but "2025.10" is no year.
_TOKEN = re.compile(
    r"(?P<paren>\([^)]*\)?)"
    # "uge 42-43", "uge 52 og 1"; never "uge 42 – 13. til 17. oktober", where 13. is a day
    r"|(?P<week>uge\s*(?P<w1>\d{1,2})(?:\s*(?P<wj>-|til|og|,|&)\s*(?:uge\s*)?(?P<w2>\d{1,2})"
    rf"(?!\d|\.\s*(?:\d|-|til\b|(?:{_MONTH_RE})\b)))?"
    r"(?:\s*,?\s*(?P<wy>\d{4})(?!\d|\.\d))?)"
    r"|(?P<clock>kl\.?\s*\d{1,2}(?:[.:]\d{2})?)"
    r"|(?P<num>(?P<nd>\d{1,2})\s?[./]\s?(?P<nm>\d{1,2})(?:[./-](?P<ny>\d{4}|\d{2})(?!\d|[./]\d))?\.?)"
    r"|(?P<dayonly>(?P<dd>\d{1,2})\.?(?=\s*(?:-|til\b|og\b|,|&)\s*\d))"
    r"|(?P<text>(?P<td>\d{1,2})\.?\s*(?P<tm>[a-zæøå]+)\.?(?:\s*(?P<ty>\d{4})(?!\d|\.\d))?)"
    r"|(?P<bareday>(?P<bd>\d{1,2})\.(?=\s|$|[,;)]))"  # the end of "16.-20.", under a month heading
    r"|(?P<year>\d{4})(?!\d|\.\d)"
    r"|(?P<sep>-|til(?:\s+og\s+med)?\b|t\.o\.m\.?|tom\b)"
    r"|(?P<list>og\b|,|&|\+|;)"
    rf"|(?P<weekday>(?:{_WEEKDAY_RE})\b\.?|{_WEEKDAY_DOTTED})"
    r"|(?P<filler>den\b|d\.|fra(?:\s+og\s+med)?\b|f\.o\.m\.?|inkl\.?|incl\.?|begge\s+dage\b|[.:)])",
)
_WORD = re.compile(r"\S+")
_DAY_KINDS = frozenset({"num", "text", "dayonly", "bareday", "year"})  # tokens that end a written day
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_TAIL_CHARS = frozenset(" :,(-…")
# and the verbs of a plan written as sentences: "Efterårsferien ligger i uge 42 …", "Juleferien er fra …"
_TAIL_WORDS = (
    "fra og med",
    "fra",
    "den",
    "d.",
    "ligger i",
    "falder i",
    "ligger",
    "begynder",
    "starter",
    "er",
)


@dataclass
class Atom:
    """One day as written; month and year may be missing and are filled in from the context."""

    day: int
    month: int | None
    year: int | None
    weekday: int | None = None
    stated_year: bool = False  # the year was written, not inferred
    numeric: bool = False  # the month was written as a number ("20.2."), not as a word
    unknown_month: bool = False  # "17. oktobre": reported; the range it belongs to gives no period


@dataclass
class Scanned:
    """What one unit (plus any continuation units) says about dates."""

    groups: list[list[Atom]] = field(default_factory=list)  # one or two atoms: a day or a range
    weeks: list[tuple[int, int, int | None]] = field(default_factory=list)  # (from, to, year)
    leftover: list[str] = field(default_factory=list)
    bad_months: list[str] = field(default_factory=list)
    dangling: bool = False  # ends with "-": the range continues in the next unit

    def extend(self, other: Scanned) -> None:
        self.groups += other.groups
        self.weeks += other.weeks
        self.leftover += other.leftover
        self.bad_months += other.bad_months
        self.dangling = other.dangling


def normalise(text: str) -> str:
    """Typography made plain: odd spaces become spaces, every kind of dash a hyphen."""
    return " ".join(_DASHES.sub("-", text.replace("\u200b", "")).split())  # split() knows every space


def school_year_heading(text: str) -> int | None:
    """The first year of a school-year heading ("Ferieplan 2024/2025", "skoleåret 24-25"), else None."""
    m = _SCHOOL_YEAR.search(text)
    if m:
        first, second = int(m[1]), int(m[2])
        words = _HEADING_WORDS
    else:
        m = _SCHOOL_YEAR_SHORT.search(text)
        if not m or not _SHORT_HEADING_WORDS.search(text):  # "24-25" alone is a range of days
            return None
        first, second = 2000 + int(m[1]), int(m[2])
        words = _SHORT_HEADING_WORDS
    if second != first + 1 and second != (first + 1) % 100:
        return None
    rest = text.replace(m[0], " ")
    if DATE_START.search(rest):  # "Skoleåret 2024/25 starter 12. august" is a dated row
        return None
    alone = not rest.strip(" \t:-")
    return first if alone or words.search(text) else None


def year_line(text: str) -> int | None:
    m = _YEAR_LINE.fullmatch(text)
    return int(m[1]) if m and 1990 <= int(m[1]) <= 2100 else None


def month_line(text: str) -> tuple[int, int | None] | None:
    """(month, year or None) when the text is only a month name ("Oktober", "Maj 2025")."""
    m = _MONTH_LINE.fullmatch(text)
    return (MONTHS[m[1].lower()], int(m[2]) if m[2] else None) if m else None


def table_header(cells: Sequence[str]) -> list[str] | None:
    """The column names of a table's header row ("Ferie", "Uge", "Dato"), else None."""
    names = [c.strip().lower().rstrip(":") for c in cells]
    filled = [c for c in names if c]
    # One cell ("Fridage") is a section label that dated lines may follow, not a table.
    return names if len(filled) > 1 and all(c in _TABLE_HEADER_CELLS for c in filled) else None


def apply_columns(cells: Sequence[str], columns: Sequence[str]) -> list[str]:
    """A bare "42" under a "Uge" column means week 42, not the 42nd of something; a "5" under "Antal
    dage" is a count the header names, read as nothing else."""
    out = list(cells)
    for j, (cell, column) in enumerate(zip(cells, columns, strict=False)):
        if column in WEEK_COLUMNS and _BARE_WEEKS.fullmatch(cell):
            out[j] = f"uge {cell}"
        elif column.startswith("antal ") and cell.isdigit():
            out[j] = ""
    return out


def split_label(cells: Sequence[str]) -> tuple[str, list[str] | None]:
    """(label, the cells from the first date on); None for the cells when the unit holds no date."""
    parts: list[str] = []
    for k, cell in enumerate(cells):
        known = KNOWN_LABEL.match(cell) if not parts else None
        m = DATE_START.search(cell, known.end() if known else 0)
        if m:
            parts.append(cell[: m.start()])
            return clean_label(" ".join(parts)), [cell[m.start() :], *cells[k + 1 :]]
        parts.append(cell)
    return clean_label(" ".join(parts)), None


def leading_days(cell: str) -> tuple[list[Atom], str] | None:
    """A month-grouped line: ([days], label text) for "16. - 20. Efterårsferie" or "20. 2. pinsedag".

    Only when what follows the days is a label: not a month ("16. oktober"), not another date
    ("16.10."), unless it is a label that holds digits itself ("2. pinsedag", "1. maj").
    """
    if KNOWN_LABEL.match(cell):
        return None
    m = _LEADING_DAYS.match(cell)
    if not m:
        return None
    rest = cell[m.end() :]
    if not KNOWN_LABEL.match(rest) and (
        DATE_START.match(rest) or _MONTH_WORD_START.match(rest) or rest[0] in "-/.,&" or rest[0].isdigit()
    ):
        return None
    first, last = (m[1], m[2]) if m[1] else (m[3], m[4])
    atoms = [Atom(int(first), None, None)] + ([Atom(int(last), None, None)] if last else [])
    return atoms, rest


def clean_label(text: str) -> str:
    """The label without what leads into its date: "Juleferie: fra og med", "Pinse ......"."""
    s = " ".join(text.split())
    low = s.lower()
    end = len(s)
    while end:
        if s[end - 1] in _TAIL_CHARS:
            end -= 1
            continue
        if s[end - 1] == "." and end >= 2 and s[end - 2] == ".":  # a dot leader, not "Kr."
            while end and s[end - 1] == ".":
                end -= 1
            continue
        for word in _TAIL_WORDS:
            start = end - len(word)
            if start >= 0 and low.startswith(word, start) and (start == 0 or not low[start - 1].isalnum()):
                end = start
                break
        else:
            break
    return s[:end].strip()


def scan(cells: Sequence[str], in_parenthesis: bool = False) -> Scanned:
    """The dates, weeks and leftover words of a unit's cells, read cell by cell.

    A parenthesis is read on its own: "uge 42 (13.-17. oktober)" states its dates there, and they
    are the unit's dates. One that holds no date ("(begge dage inkl.)") is passed over; one that
    holds a date among other words ("(første skoledag 10. august)") names something else and is
    reported as ignored text, never added to the holiday.
    """
    out = Scanned()
    current: list[Atom] = []
    joined = False  # the last token was a range separator
    weekday: int | None = None
    last_kind = ""
    tail_word = False  # words came after the last separator: "28. juni – første skoledag" does not go on
    for text in cells:
        pos, low = 0, text.lower()
        while pos < len(low):
            if low[pos].isspace():
                pos += 1
                continue
            m = _TOKEN.match(low, pos)
            if not m:
                word = _WORD.match(low, pos)
                out.leftover.append(text[pos : word.end()])
                pos, tail_word = word.end(), True
                continue
            pos, kind, tail_word = m.end(), m.lastgroup, False
            atom = None
            if kind == "paren" and not in_parenthesis:
                current, joined = _read_parenthesis(m[0], out), False
                continue
            if kind == "week":
                first, last, year = int(m["w1"]), int(m["w2"] or m["w1"]), int(m["wy"]) if m["wy"] else None
                if m["wj"] in ("og", ",", "&") and not (last == first + 1 or (first >= 52 and last == 1)):
                    out.weeks += [(first, first, year), (last, last, year)]  # "uge 7 og 9": two weeks
                else:
                    out.weeks.append((first, last, year))  # "uge 52 og 1" is the two weeks in a row
            elif kind == "num":
                year = _full_year(m["ny"])
                atom = Atom(int(m["nd"]), int(m["nm"]), year, stated_year=year is not None, numeric=True)
            elif kind == "dayonly" or kind == "bareday":
                atom = Atom(int(m["dd"] or m["bd"]), None, None)
            elif kind == "text":
                if m["tm"] in MONTHS:
                    year = int(m["ty"]) if m["ty"] else None
                    atom = Atom(int(m["td"]), MONTHS[m["tm"]], year, stated_year=year is not None)
                elif m["tm"] in NOT_MONTHS:
                    out.leftover.append(m[0])
                else:
                    out.bad_months.append(text[m.start() : m.end()].strip())
                    atom = Atom(int(m["td"]), None, None, unknown_month=True)  # keeps its range together
            elif kind == "year" and current and current[-1].year is None:
                current[-1].year, current[-1].stated_year = int(m["year"]), True
            elif kind == "year":
                out.leftover.append(m[0])
            elif kind == "sep":
                joined = bool(current)
            elif kind == "list":
                current, joined = [], False
            elif kind == "weekday":
                word = m[0].rstrip(".")
                weekday = WEEKDAY_WORDS[word] if word in WEEKDAY_WORDS else WEEKDAY_TWO_LETTERS.index(word)
            if atom is None:
                last_kind = kind if kind not in ("filler", "paren", "clock", "weekday") else last_kind
                continue
            atom.weekday, weekday = weekday, None
            # Two dates side by side without "-" are a from/to table row; a third starts anew.
            if current and len(current) == 1 and (joined or last_kind in _DAY_KINDS):
                current.append(atom)
            else:
                current = [atom]
                out.groups.append(current)
            joined, last_kind = False, kind
    out.dangling = joined and not tail_word
    return out


def _read_parenthesis(written: str, out: Scanned) -> list[Atom]:
    """Add what a parenthesis says to `out` (see `scan`); a new range starts after it."""
    inner = scan([written[1:].removesuffix(")")], in_parenthesis=True)
    if inner.groups or inner.weeks or inner.bad_months:
        if inner.leftover:
            out.leftover.append(written)
        else:
            out.groups += inner.groups
            out.weeks += inner.weeks
            out.bad_months += inner.bad_months
    return []


def _full_year(text: str | None) -> int | None:
    return None if text is None else int(text) + (2000 if len(text) == 2 else 0)
