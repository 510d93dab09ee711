"""Sentence-level helpers the grammar shares (no format knowledge: the readers in
`planner.documents` have already turned every format into plain paragraphs)."""

from __future__ import annotations

import re

__all__ = ["split_sentences"]


# A period ends a sentence only before a capital and after a real word, not after "d.", "evt." or "bl.a.".
_ABBREVIATIONS = {"d", "ca", "evt", "bl.a", "jf", "kl", "nr", "pkt", "inkl", "ekskl", "mht", "vedr", "mv", "fx",
                  "dvs", "st", "v", "a", "f.eks", "pba", "osv"}  # fmt: skip
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
