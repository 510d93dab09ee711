"""Turning document bytes into clean, numbered lines.

Inputs come as plain text extracted from Word, as markdown-ish text
(`##`, `**`, `|` tables) or with HTML fragments from the publishing system.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from functools import cached_property


class UnreadableInput(Exception):
    """The input cannot be read as a document at all (empty, binary, missing)."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    sha256: str
    warning: str | None


def decode(data: bytes, source: str) -> Decoded:
    """UTF-8, falling back to cp1252 with a warning; binary and empty input are refused."""
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip():
        raise UnreadableInput(f"{source}: filen er tom")
    if b"\x00" in data[:4096]:
        raise UnreadableInput(f"{source}: filen er binær (ikke en tekstudtrækning af et referat eller en dagsorden)")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return Decoded(data.decode("utf-8"), "utf-8", digest, None)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise UnreadableInput(f"{source}:{line}: hverken UTF-8 eller cp1252") from None
        return Decoded(text, "cp1252", digest, f"ikke gyldig UTF-8 (første fejl i linje {line}); læst som cp1252")


_TAG = re.compile(r"<[^>]{0,400}>")
_BLOCK_TAG = re.compile(r"<\s*(?:li|/li|p|/p|br\s*/?|/?ul[^>]*|/?ol[^>]*|/?div[^>]*)\s*[^>]*>", re.IGNORECASE)
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)([^*]+?)(?<!\s)\*(?![\w*])")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")


def strip_html(text: str, item_break: str = " ") -> str:
    """Drop tags; list items and paragraphs become `item_break` so callers can split on them."""
    if "<" in text:
        text = _BLOCK_TAG.sub(item_break, text)
        text = _TAG.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    return text


_MARKUP_CHARS = frozenset("<&*_#\u00a0\u200b")


def clean_inline(text: str) -> str:
    """Remove markdown emphasis and headings and HTML, keep the words and tabs."""
    if _MARKUP_CHARS.isdisjoint(text):
        return text.rstrip()
    text = strip_html(text)
    text = _HEADING.sub("", text)
    text = _EMPHASIS.sub(r"\2", text)
    text = _ITALIC.sub(r"\1", text)
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    return text.rstrip()


def normalise_space(text: str) -> str:
    return " ".join(text.split())


@dataclass(eq=False)  # not frozen: a document has thousands of lines and frozen init is slow
class Line:
    no: int  # 1-based line number in the source file
    raw: str
    text: str  # cleaned: no markdown, no HTML, tabs kept
    lower: str = ""  # text.lower(), made once: many passes look for keywords

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @cached_property
    def plain(self) -> str:
        return normalise_space(self.text)


def split_lines(text: str) -> list[Line]:
    out = []
    for no, raw in enumerate(text.splitlines(), start=1):
        text_ = raw.rstrip() if _MARKUP_CHARS.isdisjoint(raw) else clean_inline(raw)
        out.append(Line(no, raw, text_, text_.lower()))
    return out


_BULLET_STARTS = frozenset("-–•*0123456789")
_BULLET = re.compile(r"^\s*(?:[-–•*]|\d+\))\s+")


def bullet_text(line: Line) -> str | None:
    """The text of a bullet line ('- x', ' - x', '• x'), or None."""
    if line.text.lstrip()[:1] not in _BULLET_STARTS:
        return None
    m = _BULLET.match(line.text)
    if not m:
        return None
    return normalise_space(line.text[m.end():])


# A period ends a sentence only before a capital and after a real word, not after "d.", "evt." or "bl.a.".
_ABBREVIATIONS = {"d", "ca", "evt", "bl.a", "jf", "kl", "nr", "pkt", "inkl", "ekskl", "mht", "vedr", "mv", "fx",
                  "dvs", "st", "v", "a", "f.eks", "pba", "osv"}  # fmt: skip
_PERIOD = re.compile(r"\.\s+(?=[A-ZÆØÅ])")


def split_sentences(text: str) -> list[str]:
    out, begin = [], 0
    for m in _PERIOD.finditer(text):
        word = text[begin : m.start()].rsplit(None, 1)[-1].lower() if text[begin : m.start()].strip() else ""
        if word in _ABBREVIATIONS or word.isdigit():
            continue
        out.append(text[begin : m.start() + 1].strip())
        begin = m.end()
    out.append(text[begin:].strip())
    return [s for s in out if s]
