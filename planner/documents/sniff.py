"""Which format a document is in, decided by its content (magic bytes), the name only as a hint."""

from __future__ import annotations

import io
import re
import zipfile

from planner.documents.model import UnreadableInput
from planner.documents.text_decode import utf16_without_bom

TEXT, MARKDOWN, HTML, DOCX, PDF, MIME = "txt", "md", "html", "docx", "pdf", "mime"

READ_FORMATS = "Word (.docx), PDF, HTML og tekst (.txt, .md)"
_SAVE_AS = (
    f"Læste formater: {READ_FORMATS}. Gem dokumentet som .docx eller PDF (Filer → Gem som) og importér igen."
)

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_XML_STARTS = frozenset((b"<", b"\xef", b" ", b"\t", b"\r", b"\n"))  # how an XML file's first byte may be
# A .docx saved with a password is an OLE file holding the encrypted package as a stream of this name.
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_HTML_BLOCK_TAG = re.compile(r"<(?:h[1-6]|p|div|table|ul|ol|section|article)\b", re.I)


def sniff(data: bytes, source: str) -> str:
    """The reader to use for these bytes; formats we cannot read raise UnreadableInput with a Danish hint."""
    head = data[:4096]
    if head.lstrip()[:5] == b"%PDF-":
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return _zip_format(data, source)
    if head.startswith(_OLE):
        if _ENCRYPTED_PACKAGE in data:
            raise UnreadableInput(
                f"{source}: dokumentet er beskyttet med en adgangskode (krypteret) og kan ikke læses. Fjern "
                "adgangskoden i Word (Filer → Oplysninger → Beskyt dokument → Krypter med adgangskode) og importér igen."
            )
        raise UnreadableInput(f"{source}: et ældre Word-dokument (.doc) kan ikke læses. {_SAVE_AS}")
    if head.lstrip().startswith(b"{\\rtf"):
        raise UnreadableInput(f"{source}: RTF-dokumenter kan ikke læses. {_SAVE_AS}")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return TEXT  # UTF-16 text with a byte-order mark
    if is_mime(head):
        return MIME  # a web archive (.mht) or an e-mail saved as a file (.eml)
    if b"\x00" in head and not _text_with_stray_zeros(data, head):
        raise UnreadableInput(f"{source}: filen er binær og ikke i et kendt format. {_SAVE_AS}")
    if head[:1] in _XML_STARTS and head.lstrip(b"\xef\xbb\xbf \t\r\n")[:5] == b"<?xml":
        if b"schemas.microsoft.com/office/2006/xmlPackage" in head:
            return DOCX  # Word's "Word XML-dokument": the .docx package's parts in one XML file
        if b"schemas.microsoft.com/office/word/2003/wordml" in head:
            raise UnreadableInput(f"{source}: et Word 2003 XML-dokument kan ikke læses. {_SAVE_AS}")
    if _HTML_START.match(head):
        return HTML
    return TEXT


# Bytes below 0x20 that text holds: tab, line feed, vertical tab, form feed, carriage return, escape.
_TEXT_CONTROLS = frozenset(b"\t\n\x0b\x0c\r\x1b")


def _text_with_stray_zeros(data: bytes, head: bytes) -> bool:
    """UTF-16 text without a byte-order mark, or text with a few stray zero bytes (padding at its end, a
    damaged line): read as text, the zeros removed with a warning (`text_decode`). A binary file has
    control bytes all through its first kilobytes."""
    if utf16_without_bom(data) is not None:
        return True
    body = head.rstrip(b"\x00\x1a") if len(data) <= len(head) else head
    controls = sum(1 for b in body if b < 0x20 and b not in _TEXT_CONTROLS)
    return controls <= min(16, len(body) // 200)


# A MIME head: header lines ("Name: value", continuation lines indented) up to the first blank line, one
# of them MIME-Version. A text agenda pasted from an e-mail starts with "Fra:"/"Emne:", never with that.
_HEADER_LINE = re.compile(rb"^[A-Za-z][A-Za-z0-9-]{0,60}:")


def is_mime(head: bytes) -> bool:
    """Whether the first bytes are the head of a MIME message (an .mht web archive or an .eml e-mail)."""
    # A MIME file starts with a header line: most documents are answered without searching their head.
    if not _HEADER_LINE.match(head) or (b"ime-" not in head and b"IME-" not in head):
        return False
    block = re.split(rb"\r?\n[ \t]*\r?\n", head.lstrip(b"\r\n"), maxsplit=1)[0]
    lines = block.splitlines()
    if not lines or not _HEADER_LINE.match(lines[0]):
        return False
    names = {line.split(b":", 1)[0].strip().lower() for line in lines if _HEADER_LINE.match(line)}
    return b"mime-version" in names and b"content-type" in names


def is_html_text(text: str, lines: list[str], name: str) -> bool:
    """Text without a doctype is still an HTML page or fragment when its blocks are tags: lines that start
    (after white space) with a block's tag. `lines`: the text split at its line feeds."""
    if name.lower().endswith((".html", ".htm", ".xhtml")):
        return True
    # Tagged lines first, found from each "<" in the text (a text document has a few, or none) rather than by
    # a test of every line; a text document is then answered without counting its lines.
    tagged = 0
    at = text.find("<")
    while at != -1:
        if _HTML_BLOCK_TAG.match(text, at) and not text[text.rfind("\n", 0, at) + 1 : at].strip():
            tagged += 1
        at = text.find("<", at + 1)
    return tagged >= 3 and tagged * 3 >= sum(1 for ln in lines if ln.strip())


def holds_word_document(names: list[str]) -> bool:
    """Whether a zip's file names are a Word document's (before any XML is read): Word's own
    main part, or a package with relationships and a part under word/ (its main part named otherwise)."""
    lower = {n.lower() for n in names}
    return "word/document.xml" in lower or (
        "_rels/.rels" in lower and any(n.startswith("word/") and n.endswith(".xml") for n in lower)
    )


def _zip_format(data: bytes, source: str) -> str:
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        # NotImplementedError: a damaged header can claim a zip version Python cannot read
        raise UnreadableInput(
            f"{source}: filen ligner et Word-dokument, men er beskadiget (ikke et gyldigt zip-arkiv)"
        ) from None
    if holds_word_document(names):
        return DOCX
    lower = [n.lower() for n in names]
    if any(n.startswith("xl/") for n in lower):
        raise UnreadableInput(f"{source}: et Excel-regneark (.xlsx) kan ikke læses. {_SAVE_AS}")
    if any(n.startswith("ppt/") for n in lower):
        raise UnreadableInput(f"{source}: en PowerPoint-præsentation (.pptx) kan ikke læses. {_SAVE_AS}")
    if "content.xml" in names:
        raise UnreadableInput(f"{source}: OpenDocument-filer (.odt) kan ikke læses. {_SAVE_AS}")
    raise UnreadableInput(f"{source}: et zip-arkiv, ikke et dokument. {_SAVE_AS}")
