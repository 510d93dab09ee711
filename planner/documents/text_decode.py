"""Bytes to text for the text formats: UTF-8 (with or without BOM), else cp1252 with a warning."""

from __future__ import annotations

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
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError:
            raise UnreadableInput(f"{source}: ugyldig UTF-16-tekst") from None
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise UnreadableInput(f"{source}:{line}: hverken UTF-8 eller cp1252") from None
        message = f"ikke gyldig UTF-8 (første fejl i linje {line}); læst som cp1252"
        return Decoded(text, "cp1252", [ReadWarning(Position(1), message)])
