"""Sentence-level helpers the grammar shares (no format knowledge: the readers in
`planner.documents` have already turned every format into plain paragraphs)."""

from __future__ import annotations

import re

__all__ = ["CaselessSearch", "split_sentences"]


# A period ends a sentence only before a capital and after a real word, not after "d.", "evt." or "bl.a.".
_ABBREVIATIONS = {
    "d",
    "ca",
    "evt",
    "bl.a",
    "jf",
    "kl",
    "nr",
    "pkt",
    "inkl",
    "ekskl",
    "mht",
    "vedr",
    "mv",
    "fx",
    "dvs",
    "st",
    "v",
    "a",
    "f.eks",
    "pba",
    "osv",
}
_PERIOD = re.compile(r"\.\s+(?=[A-ZÆØÅ])")


def split_sentences(text: str) -> list[str]:
    out, begin = [], 0
    for m in _PERIOD.finditer(text):
        word = text[begin : m.start()].rsplit(None, 1)[-1].lower() if text[begin : m.start()].strip() else ""
        if word in _ABBREVIATIONS or (word.isdigit() and len(word) <= 2):
            continue  # "d. 7. Januar", "pkt. 3. Punktet": a day or a number, not a sentence end ("i 2026. Punktet" is)
        out.append(text[begin : m.start() + 1].strip())
        begin = m.end()
    out.append(text[begin:].strip())
    return [s for s in out if s]


# str.lower() folds every letter as re.IGNORECASE does, except ı, İ and ſ (which the regex takes for i and s,
# and İ lower-cases to two characters): a text holding one of them is searched with the flag.
_UNFOLDED = re.compile("[ıİſ]")


class CaselessSearch:
    """Whether `re.search(pattern, text, re.IGNORECASE)` finds anything, answered on the lower-cased text
    without the flag where that gives the same answer. A case-insensitive alternation is tried at every
    position of a text; the same alternation on lower-cased text skips straight to its words' first letters."""

    def __init__(self, pattern: str):
        assert pattern == pattern.lower(), "the words must be written in lower case"
        self.caseless = re.compile(pattern, re.IGNORECASE)
        self.lowered = re.compile(pattern)

    def __call__(self, text: str, lowered: str | None = None) -> bool:
        """`lowered`: `text.lower()`, when the caller has it already."""
        if _UNFOLDED.search(text):
            return bool(self.caseless.search(text))
        return bool(self.lowered.search(text.lower() if lowered is None else lowered))
