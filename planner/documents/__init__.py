"""Reading documents: bytes in, one normalised `Document` (blocks with positions) out.

One reader per format, chosen by content (see `sniff`). Everything a format knows —
tabs, pipes, tags, markdown markers, Word styles, PDF lines — stays in its reader.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

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
    UnreadableInput,
)
from planner.documents.sniff import DOCX, HTML, MIME, PDF, READ_FORMATS, sniff

__all__ = [
    "HEADING",
    "ITEM",
    "MAX_PACKED_BYTES",
    "MAX_TEXT_BYTES",
    "PARA",
    "READ_FORMATS",
    "Block",
    "Cell",
    "Document",
    "Paragraph",
    "Position",
    "ReadWarning",
    "Row",
    "Table",
    "UnreadableInput",
    "read_document",
    "read_path",
]


# The largest documents read. An agenda is a few hundred kilobytes of text; Word and PDF files carry
# images too. Anything larger is refused before it is read, so one file cannot exhaust the memory.
MAX_TEXT_BYTES = 20 * 1024 * 1024
MAX_PACKED_BYTES = 100 * 1024 * 1024


def _megabytes(size: int) -> str:
    """'20,1': Danish decimal comma, one decimal (so a file just over the bound does not read as equal to it)."""
    return f"{size / 2**20:.1f}".replace(".", ",")


def read_document(data: bytes, source: str) -> Document:
    """Read any supported document; raises UnreadableInput (a Danish one-line message) when it cannot."""
    if not data.strip():
        raise UnreadableInput(f"{source}: filen er tom")
    fmt = sniff(data, source)
    limit = MAX_PACKED_BYTES if fmt in (DOCX, PDF, MIME) else MAX_TEXT_BYTES
    if len(data) > limit:
        raise UnreadableInput(
            f"{source}: filen er for stor ({_megabytes(len(data))} MB); højst {limit // 2**20} MB læses"
        )
    digest = hashlib.sha256(data).hexdigest()
    if fmt == DOCX:
        from planner.documents import docx_reader

        return docx_reader.read(data, source, digest)
    if fmt == PDF:
        from planner.documents import pdf_reader

        return pdf_reader.read(data, source, digest)
    if fmt == MIME:
        from planner.documents import mime_reader

        return mime_reader.read(data, source, digest)
    if fmt == HTML:
        from planner.documents import html_reader

        return html_reader.read(data, source, digest)
    from planner.documents import text_reader

    return text_reader.read(data, source, digest)


def read_path(path: str | Path) -> tuple[bytes, str]:
    """The bytes of a file and the name to report it by; UnreadableInput when it cannot be read."""
    p = Path(path)
    if not p.exists():
        raise UnreadableInput(f"{path}: filen findes ikke")
    if p.is_dir():
        raise UnreadableInput(f"{path}: er en mappe, ikke en fil")
    try:
        if not p.is_file():  # a pipe or a device (/dev/zero) would be read without end
            raise UnreadableInput(f"{path}: er ikke en almindelig fil")
        size = p.stat().st_size
        if size > MAX_PACKED_BYTES:  # refused before a byte is read (the format's own bound comes after)
            raise UnreadableInput(
                f"{path}: filen er for stor ({_megabytes(size)} MB); højst "
                f"{MAX_PACKED_BYTES // 2**20} MB læses"
            )
        return p.read_bytes(), p.name
    except OSError as exc:
        raise UnreadableInput(f"{path}: kan ikke læses ({exc.strerror})") from None
