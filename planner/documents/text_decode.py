"""Bytes to text for the text formats: UTF-8 (with or without BOM), UTF-16 (with or without BOM), else
cp1252 with a warning; then the characters no reader should see are put right (see `_repair`).

- UTF-16 without a byte-order mark (some export tools write it) is known by its zero bytes: every
  second byte of Danish text is zero.
- NUL bytes (a file padded with zero bytes, a damaged line) and a DOS end-of-file mark are removed, with
  any other control characters of that text; those inside the text with a warning naming the line.
  Word's hyphen marks in text taken out of a .doc are typography: \x1e is "-", \x1f nothing.
- UTF-8 text that was once read as cp1252 and saved again ("nÃ¦ste mÃ¸de" for "næste møde") is
  turned back, with a warning: the section titles the grammar looks for would not be found.
- Zero-width spaces, soft hyphens and word joiners are removed and a non-breaking hyphen is a hyphen
  (text copied out of web pages and e-mails); Unicode's line and paragraph separators are white space,
  and end a line where the text holds those characters too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planner.documents.model import Position, ReadWarning, UnreadableInput


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warnings: list[ReadWarning] = field(default_factory=list)


def decode(data: bytes, source: str) -> Decoded:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Notepad's "Unicode" is UTF-16 with a BOM
        return _repair(_utf16(data, "utf-16", source), "utf-16", [])
    elif (without_bom := utf16_without_bom(data)) is not None:
        return _repair(_utf16(data, without_bom, source), "utf-16", [])
    try:
        return _repair(data.decode("utf-8"), "utf-8", [], data)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise UnreadableInput(f"{source}:{line}: hverken UTF-8 eller cp1252") from None
        message = f"ikke gyldig UTF-8 (første fejl i linje {line}); læst som cp1252"
        return _repair(text, "cp1252", [ReadWarning(Position(1), message)], data)


def _utf16(data: bytes, codec: str, source: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        raise UnreadableInput(f"{source}: ugyldig UTF-16-tekst") from None


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the bytes are UTF-16 text without a byte-order mark, else None:
    of the first bytes, nearly every second one is zero (the high byte of a Latin letter) and the others
    are not."""
    if len(data) < 16 or data.find(b"\x00", 0, 4096) == -1:
        return None
    head = data[:4096]
    head = head[: len(head) // 2 * 2]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    pairs = len(head) // 2
    if odd * 10 >= pairs * 8 and even * 20 <= pairs:
        return "utf-16-le"
    if even * 10 >= pairs * 8 and odd * 20 <= pairs:
        return "utf-16-be"
    return None


# Control characters no text means (tab, line feed, carriage return, vertical tab and form feed are text).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
# Zero bytes (anywhere) and the DOS end-of-file mark (at the end) screen the pass over the text: they are
# what damaged and old files hold. A screen for every control byte (a memchr each) cost more than the
# decoding itself, so a lone other control character stays (it folds to nothing or shows as it is); once
# the pass runs, all of them are removed.
# Word's non-breaking (\x1e) and optional (\x1f) hyphen in text taken out of a .doc are typography.
_WORD_HYPHENS = {0x1E: "-", 0x1F: None}
_TRAILING_CONTROL = "\x00\x1a"  # zero padding, and the DOS end-of-file mark
# Characters a reader should not see: invisible ones are dropped, the rest are what they stand for.
_ODD = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u2011\u2028\u2029]")
# The ones text holds in practice screen the pass (each `in` is a search where the text has wide characters,
# such as a dash). The joiners (U+200C, U+200D, U+2060), rare in Danish text, and the line and paragraph
# separators (white space to `str.split`) are put right only beside these.
_ODD_SCREEN = tuple("\u00ad\u200b\ufeff\u2011")
# Their last byte in UTF-8 (the same byte is the soft hyphen and a quote mark in cp1252): searched in the bytes,
# half the size of the text when it holds a dash.
_ODD_BYTES = (b"\xad", b"\x8b", b"\xbf", b"\x91")
_ODD_AS = {"\u2011": "-", "\u2028": "\n", "\u2029": "\n"}
# UTF-8 read as cp1252: a lead byte's character followed by the characters cp1252 gives the continuation
# bytes 0x80-0xBF ("Ã¦" is "æ", "â€“" is "–").
_CONTINUATION = "".join(bytes([b]).decode("cp1252", "ignore") for b in range(0x80, 0xC0))
_MOJIBAKE = re.compile(
    f"[\u00c2-\u00df][{_CONTINUATION}]|[\u00e0-\u00ef][{_CONTINUATION}]{{2}}|[\u00f0-\u00f4][{_CONTINUATION}]{{3}}"
)


def _repair(text: str, encoding: str, warnings: list[ReadWarning], data: bytes | None = None) -> Decoded:
    """The decoded text put right. Each check is screened by `in` tests (a memchr each, and free for a
    character wider than any in the text): three regex passes over every document cost 6 % of the parse."""
    if (data is None or b"\x00" in data or data.endswith(b"\x1a")) and _CONTROL.search(text) is not None:
        text = _without_controls(text, warnings)
    if encoding != "cp1252" and "Ã" in text:  # "æ", "ø", "å" mangled: a Danish text has one of them
        text = _unmangled(text, warnings)
    if (data is None or any(b in data for b in _ODD_BYTES)) and any(c in text for c in _ODD_SCREEN):
        text = _ODD.sub(lambda m: _ODD_AS.get(m.group(), ""), text)
    return Decoded(text, encoding, warnings)


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + text.count("\r", 0, index) - text.count("\r\n", 0, index) + 1


def _without_controls(text: str, warnings: list[ReadWarning]) -> str:
    if "\x1e" in text or "\x1f" in text:
        text = text.translate(_WORD_HYPHENS)
    body = text.rstrip(_TRAILING_CONTROL + " \t\r\n")
    inner = [m.start() for m in _CONTROL.finditer(body)]
    if inner:
        first = inner[0]
        name = "NUL-tegn" if body[first] == "\x00" else f"styretegn (kode {ord(body[first])})"
        what = (
            f"{len(inner)} styretegn i teksten er fjernet (det første er et {name})"
            if len(inner) > 1
            else (f"et {name} i teksten er fjernet")
        )
        warnings.append(ReadWarning(Position(_line_of(body, first)), f"{what}; filen kan være beskadiget"))
    return _CONTROL.sub("", text)


def _unmangled(text: str, warnings: list[ReadWarning]) -> str:
    """UTF-8 that was read as cp1252 and saved again, turned back ("nÃ¦ste" → "næste")."""
    first: list[int] = []

    def back(m: re.Match[str]) -> str:
        try:
            fixed = m.group().encode("cp1252").decode("utf-8")
        except UnicodeError:
            return m.group()
        if not first:
            first.append(m.start())
        return fixed

    repaired = _MOJIBAKE.sub(back, text)
    if first:
        warnings.append(
            ReadWarning(
                Position(_line_of(text, first[0])),
                "teksten er gemt med forkert tegnkodning (fx 'Ã¦' for 'æ', 'Ã¸' for 'ø'); "
                "tegnene er rettet tilbage",
            )
        )
    return repaired
