"""Sentence-level helpers the grammar shares (no format knowledge: the readers in
`planner.documents` have already turned every format into plain paragraphs)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from planner.documents import UnreadableInput
from planner.documents.text_decode import decode as _decode

__all__ = ["Decoded", "UnreadableInput", "decode", "normalise_space", "split_sentences"]


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warning: str | None


def decode(data: bytes, source: str) -> Decoded:
    """Bytes of a text file as text (UTF-8, else cp1252 with a warning); empty and binary input refused."""
    if not data.strip():
        raise UnreadableInput(f"{source}: filen er tom")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableInput(f"{source}: filen er binær (ikke en tekstudtrækning)")
    decoded = _decode(data, source)
    return Decoded(decoded.text, decoded.encoding, decoded.warnings[0].message if decoded.warnings else None)


def normalise_space(text: str) -> str:
    return " ".join(text.split())


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
