"""Splitting one forward-plan cell into agenda points, closures and absence notes.

A cell arrives as its paragraphs and list items (the reader has already separated what the
document separated); here a paragraph that still holds several points is split: a typed
"- a - b" list, a "Opsamling på møde i:" prefix that distributes over the items after it, and
a run-on text whose line breaks were lost in extraction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from planner.dates import MONTHS
from planner.parse.textprep import split_sentences

CLOSURE_WORDS = re.compile(
    r"^(?:(?:vinter|påske|sommer|efterårs|efterårs-|jule|pinse|kristi himmelfarts?|himmelfarts|skole|høst)ferie"
    r"|ferie|helligdag|juleaften(?:sdag)?|nytårsaften(?:sdag)?|grundlovsdag|store bededag|kr\.? himmelfart(?:sdag)?"
    # the public holidays by their own names, as the calendar writes them ("25. dec.: Juledag")
    r"|(?:anden |2\. )?(?:jule|påske|pinse)dag|nytårsdag|skærtorsdag|langfredag"
    r"|kristi himmelfartsdag|2\. pinsedag|pinse|påske|jul|nytår|1\. maj"
    r"|intet (?:direktions)?møde|ingen (?:direktions)?møder?|mødet (?:er )?aflyst|aflyst|mødefri|lukket)\b",
    re.IGNORECASE,
)
_ABSENCE_VERBS = (
    r"(?:deltager ikke|er fraværende|har afbud|er forhindret|melder afbud|er på ferie|holder ferie|er fraværende"
    r"|deltager ikke i mødet|er ikke til stede|er på kursus|er syg|er sygemeldt|er bortrejst|holder fri|har fri"
    r"|fraværende)"
)
# The words that say who is away, as a cell's label ("Afbud: LMT") or a column's header ("Fravær"): every
# reader of absences builds on these.
ABSENCE_WORDS = ("afbud", "fravær", "fraværende", "ferie")
_NAME_WORD = r"[A-ZÆØÅ][\wæøåÆØÅ.-]*"
# "Lene (ferie)", "Lene på kursus", "JK holder fri": why, after a name under an absence label (bare words only there:
# "Status på kursus" alone is a point)
ABSENCE_REASON_WORDS = (
    r"\s+(?:er\s+)?(?:på\s+(?:kursus|ferie|barsel)|syg(?:emeldt)?|holder\s+(?:fri|ferie)|har\s+fri|bortrejst)"
)
_REASON = r"(?:\s*\([^()]{1,40}\)|" + ABSENCE_REASON_WORDS + r")?"
_ONE_NAME = _NAME_WORD + r"(?:\s+" + _NAME_WORD + r"){0,3}"
ABSENCE = re.compile(
    # "Ferie: JKR", "Afbud: Kim Bruun, LMT", "Afbud: Lene (ferie)": a label and the names (or initials) of who
    # is away
    r"^(?:(?:"
    + "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in ABSENCE_WORDS)
    + r")\s*:\s*(?P<names>"
    + _NAME_WORD
    + _REASON
    + r"(?:(?:\s+|\s*,\s*|\s+og\s+)"
    + _NAME_WORD
    + _REASON
    + r"){0,7})"
    # "Kim Bruun deltager ikke", "Jonas og Lene deltager ikke", "JK, LMT og KBN er forhindret"
    + r"|(?:[Aa]fbud|[Ff]ravær) fra\s+(?P<name1>[^.,;]{2,60}?)|(?P<name2>"
    + _ONE_NAME
    + r"(?:(?:\s*,\s*|\s+og\s+)"
    + _ONE_NAME
    + r"){0,4})\s+"
    + _ABSENCE_VERBS
    + r"(?:\s+(?:på|i|til)\s+(?:mødet|møde[t]?|direktionsmødet))?"
    # "Kim: ferie", "Lene – ferie", "KBN ferie": a name, and the word for why, with a colon or dash between;
    + r"|(?P<name3>"
    + _NAME_WORD
    + r"(?:\s+"
    + _NAME_WORD
    + r"){0,2})(?:(?:\s*:\s*|\s+[–-]\s+|(?<=[A-ZÆØÅ]{2})\s+)(?i:ferie|afbud|fraværende|på kursus|kursus|syg)"
    # "Kim på ferie": the name and where they are (a member's name only, as above: "Status på kursus" is a point)
    + r"|\s+(?i:på ferie|på kursus|på barsel)))\s*\.?$",
)
_NAME_LIST_SPLIT = re.compile(r",|\s+og\s+")
# The whole board named as who is away: the meeting is not held
_WHOLE_BOARD = frozenset({"direktionen", "koncernledelsen", "chefgruppen", "alle", "hele direktionen"})
_REASONS = re.compile(r"\s*\([^()]*\)|" + ABSENCE_REASON_WORDS)
# Every ABSENCE holds one of these (a screen: most sentences are points).
ABSENCE_SCREEN = re.compile("ikke|ravær|fbud|forhindret|erie|kursus|syg|bortrejst| fri|barsel")
# Words that start a new point when a cell's line breaks were lost in extraction.
_STARTERS = {
    "Direktionen",
    "Punktet",
    "Status",
    "Opsamling",
    "Opfølgning",
    "Evaluering",
    "Drøftelse",
    "Orientering",
    "Forberedelse",
    "Oplæg",
    "Program",
    "Årligt",
    "Årlig",
    "Godkendelse",
    "Behandling",
    "Temamøde",
    "Ny",
    "Nye",
    "Genbehandling",
    "Velkomstarrangement",
    "Gennemgang",
    "Budget",
    "Budgetopfølgning",
}
# A job title is followed by a name: "socialchef Marie-Louise Eskerod Ifversen".
_TITLE_SUFFIXES = ("chef", "direktør", "konsulent", "leder", "borgmester", "sekretær", "rådgiver", "formand")
_CONNECTORS = {
    "ved",
    "med",
    "og",
    "af",
    "for",
    "til",
    "fra",
    "i",
    "på",
    "hos",
    "v.",
    "om",
    "mellem",
    "samt",
    "eller",
    "jf.",
    "fx",
    "chef",
    "direktør",
    "konsulent",
    "d.",
    "den",
    "mod",
    "under",
    "efter",
    "før",
    "inden",
}
_DASH_LIST = re.compile(r"^(?P<head>[^:]{1,200}):\s+[-–]\s+(?P<rest>.*)$")
_DASH_SPLIT = re.compile(r"\s[-–]\s+")


@dataclass(frozen=True)
class CellContent:
    points: tuple[str, ...] = ()
    closures: tuple[str, ...] = ()
    absences: tuple[str, ...] = ()  # names as written
    # "Kim: ferie", "KBN ferie": (name as written, the text) of notes that are an absence only when the name is
    # a member's ("Status: ferie" is a point); the caller, who knows the members, decides
    short_absences: tuple[tuple[str, str], ...] = ()


CELL_CACHE_SIZE = 16_384  # distinct forward-plan cells; a series of agendas rolls the same cells on weekly


def split_cell(pieces: list[str]) -> CellContent:
    """The cell's paragraphs in order -> its points, closures and absences."""
    return _split_cell(tuple(pieces))


@lru_cache(maxsize=CELL_CACHE_SIZE)
def _split_cell(pieces: tuple[str, ...]) -> CellContent:
    points: list[str] = []
    closures: list[str] = []
    absences: list[str] = []
    short: list[tuple[str, str]] = []
    for piece in split_items(list(pieces)):
        rest: list[str] = []
        if ". " in piece and is_closure(piece):
            # "Mødet er aflyst pga. KL-konference": one closure and its reason
            closures.append(piece.rstrip("."))
            continue
        # "Erik Dalsgaard deltager ikke på mødet. Status på vejplanen": a note and a point in one sentence run.
        sentences = split_sentences(piece) if ". " in piece else [piece]
        if ("–" in piece or " - " in piece) and ABSENCE_SCREEN.search(piece):
            # "Sygefravær – Kim deltager ikke": a point, a dash, and who is away
            sentences = [part for sentence in sentences for part in _absence_after_dash(sentence)]
        if piece.endswith(")") and ABSENCE_SCREEN.search(piece):
            # "Sygefravær (Kim fraværende)", "Strategi 2030 (afbud: Lene)": a point and who is away in brackets
            sentences = [part for sentence in sentences for part in _absence_in_brackets(sentence)]
        kept = -1  # the index of the last sentence kept in `rest`
        for k, sentence in enumerate(sentences):
            absence = ABSENCE.match(sentence) if ABSENCE_SCREEN.search(sentence) else None
            if absence and absence.group("name3"):
                short.append((absence.group("name3"), sentence.rstrip(".")))
            elif absence and (absence.group("names") or absence.group("name2")):
                names = _REASONS.sub("", absence.group("names") or absence.group("name2"))
                said = [n.strip() for n in _NAME_LIST_SPLIT.split(names) if n.strip()]
                if all(n.lower() in _WHOLE_BOARD for n in said):
                    closures.append(
                        sentence.rstrip(".")
                    )  # "Direktionen holder fri": no meeting, nobody's absence
                else:
                    absences.extend(said)
            elif absence:
                absences.append(absence.group("name1").strip())
            elif is_closure(sentence):
                closures.append(sentence.rstrip("."))
            else:
                rest.append(sentence)
                kept = k
                continue
            if kept == k - 1 >= 0:
                # "Sygefravær. Lene deltager ikke": the full stop parted the point from the note taken out
                rest[-1] = rest[-1].rstrip(".")
        if rest:
            # Without ". " the piece is one sentence: `rest` is [piece] and either branch gives the piece.
            points.append(piece if len(rest) == len(sentences) else " ".join(rest))
    return CellContent(tuple(points), tuple(closures), tuple(absences), tuple(short))


def _absence_after_dash(sentence: str) -> list[str]:
    """ "Sygefravær – Kim deltager ikke" -> ["Sygefravær", "Kim deltager ikke"]; any other sentence alone."""
    parts = _DASH_SPLIT.split(sentence)
    if len(parts) > 1 and parts[-1] and ABSENCE.match(parts[-1]):
        head = sentence[: len(sentence) - len(parts[-1])].rstrip(" –-")
        return [head, parts[-1]] if head else [parts[-1]]
    return [sentence]


_LAST_BRACKETS = re.compile(r"\s*\((?P<inner>[^()]{2,60})\)$")


def _absence_in_brackets(sentence: str) -> list[str]:
    """ "Sygefravær (Kim fraværende)" -> ["Sygefravær", "Kim fraværende"]; any other sentence alone."""
    m = _LAST_BRACKETS.search(sentence)
    if m is None or not ABSENCE.match(m.group("inner").strip()):
        return [sentence]
    head = sentence[: m.start()].rstrip(" –-")
    return [head, m.group("inner").strip()] if head else [m.group("inner").strip()]


def clear_cell_cache() -> None:
    _split_cell.cache_clear()


# "Vinterferie – intet møde", "Juleferie, mødet er aflyst": the closure said twice is still the closure.
_TAIL_WORDS = {
    "uge",
    "d",
    "den",
    "til",
    "og",
    "intet",
    "ingen",
    "møde",
    "møder",
    "mødet",
    "er",
    "aflyst",
    *MONTHS,
}


# The closure words that say there is no meeting; after them, a dash, colon, comma or bracket gives the reason.
_NO_MEETING = re.compile(r"intet|ingen|mødet|aflyst|mødefri", re.IGNORECASE)
_NO_MEETING_LAST = re.compile(
    r"(?:\s[–—-]|[,:])\s*(?:intet\s+(?:direktions)?møde|ingen\s+(?:direktions)?møder?|mødet\s+(?:er\s+)?aflyst)"
    r"\s*\.?$|\(\s*(?:intet\s+(?:direktions)?møde|ingen\s+(?:direktions)?møder?)\s*\)\s*\.?$",
    re.IGNORECASE,
)
_REASON_AFTER = re.compile(r"\s*(?:[–—:,(-]|pga\.|på grund af\b|grundet\b)", re.IGNORECASE)


def is_closure(text: str) -> bool:
    """'Efterårsferie', 'Vinterferie (uge 7)', 'Juleferie 24.-26. dec.': the whole text is the closure, with
    at most its dates after it. 'Ferie og fraværsregistrering' or 'Lukket punkt: Personalesag' are points."""
    m = CLOSURE_WORDS.match(text)
    if not m:
        # "KB-seminar – intet møde", "Temadag, mødet er aflyst": the reason first, then that there is no meeting
        return "øde" in text and _NO_MEETING_LAST.search(text) is not None
    if _NO_MEETING.match(m.group(0)) and _REASON_AFTER.match(text, m.end()):
        return True  # "Intet møde – påskeferie", "Aflyst (KB-seminar)": no meeting, and why
    for token in text[m.end() :].split():
        word = token.strip(".,:;()–-").lower()
        if (
            word
            and not word.replace(".", "").replace("-", "").replace("–", "").isdigit()
            and word not in _TAIL_WORDS
        ):
            return False
    return True


_SEMICOLON_POINTS = re.compile(r";\s+(?=[A-ZÆØÅ])")  # "Digitalisering (KBN); Sygefravær (LMT)"


def split_items(pieces: list[str]) -> list[str]:
    """Separate the points of a cell whose paragraphs may still hold several points each."""
    pieces = [p for p in (" ".join(x.split()) for x in pieces) if p and p not in ("-", "–")]
    if any(";" in p for p in pieces):
        pieces = [q for p in pieces for q in (_SEMICOLON_POINTS.split(p) if ";" in p else (p,))]
    explicit = len(pieces) > 1
    items: list[str] = []
    prefix: str | None = None  # "Opsamling på møde i:" distributes over the items that follow
    for piece in pieces:
        head, parts = _split_dash_list(piece)
        explicit = explicit or len(parts) > 1
        if head is None and len(parts) == 1 and parts[0].endswith(":"):
            prefix = parts[0][:-1].strip()
            continue
        lead = head or prefix
        items.extend(f"{lead} {p}" if lead else p for p in parts)
    if prefix and not items:
        items.append(prefix)
    if not explicit and len(items) == 1:
        items = split_run_on(items[0])
    return [i for i in items if i]


def _split_dash_list(piece: str) -> tuple[str | None, list[str]]:
    """'Opsamling på møde i: - Dassos d. 13. september - KOSU ...' -> ('Opsamling på møde i', [...])."""
    m = _DASH_LIST.match(piece) if ":" in piece else None
    if m:
        return m.group("head").strip(), _dash_parts(m.group("rest"))
    if piece.startswith(("- ", "– ")):
        return None, _dash_parts(piece[2:])
    return None, [piece]


def _dash_parts(text: str) -> list[str]:
    return [p for p in (" ".join(x.split()) for x in _DASH_SPLIT.split(text)) if p]


def split_run_on(text: str) -> list[str]:
    """A cell whose line breaks were lost: split before a capitalised word that starts a new point.

    Danish capitalises proper names, not nouns, so a capital after a lowercase word
    (that is not a connector such as 'ved' or 'med') usually begins a new point.
    """
    words = text.split(" ")
    items: list[list[str]] = [[]]
    for k, word in enumerate(words):
        if k > 0 and word[:1].isupper() and _starts_new_item(words[k - 1], word):
            items.append([])
        items[-1].append(word)
    return [" ".join(w) for w in items if w]


def _starts_new_item(prev: str, word: str) -> bool:
    if (
        not prev
        or prev[-1:] in ",:;(–-"
        or prev.lower() in _CONNECTORS
        or prev.lower().endswith(_TITLE_SUFFIXES)
    ):
        return False
    if word.isupper() or word[:2].isupper() or any(ch.isdigit() for ch in word):
        return False  # acronyms (CDEU, HOI, IT-strategi) and codes stay inside the point
    if word.rstrip(".,") in _STARTERS:
        return prev[-1:] not in "."  # "...mødet. Ny model" is already split on the double space
    return prev[:1].islower() and prev[-1:].isalnum()
