"""MIME documents: Word's "Webside, enkelt fil" (.mht, .mhtml) and e-mails saved as files (.eml).

Both are a MIME message: the document is its HTML part (or, without one, its plain-text part), under a
transfer encoding (quoted-printable, base64) and in the part's own character set. That part is read by
the HTML or text reader; pictures, themes and other parts are not text. Lines in messages count in the
part that is read, not in the MIME file.

An e-mail often carries the agenda as an attached file (.docx, .pdf, .html, .txt) under a short cover
note ("Hermed dagsordenen til mødet"). Then the attachment is the document, read by its own reader, its
positions in the part "vedhæftet fil 'navn'":
- an attachment whose name says it is the agenda or the minutes ("Dagsorden 4. marts.docx",
  "referat.pdf") is read before any other (the first such), even when the message text is long;
- else, when the message text is a cover note (no table and little text), the first attachment that
  can be read is;
- else the message text is the document (an agenda written in the mail, a report attached).
Every attachment not read is named in a warning (with why, when it could not be read), so it can be
saved and imported on its own.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import re
from email.message import EmailMessage

from planner.documents.model import (
    MAIL,
    Document,
    Position,
    ReadWarning,
    Table,
    UnreadableInput,
    flat_paragraphs,
    in_part,
)
from planner.documents.sniff import HTML, sniff

# The name of an attachment that is the meeting's agenda or minutes.
_AGENDA_NAME = re.compile(r"dagsorden|referat|agenda|mødeindkaldelse", re.IGNORECASE)
# Formats an attachment may be read in, by its name or its content type.
_DOCUMENT_NAME = re.compile(r"\.(?:docx|pdf|html?|txt|md)$", re.IGNORECASE)
_DOCUMENT_TYPES = frozenset(
    {
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "text/html",
        "text/plain",
        "text/markdown",
    }
)
# A message text this short, without a table, is a cover note, not an agenda.
_COVER_NOTE_CHARS = 600


def attachment_part(name: str) -> str:
    """The part positions in an attachment count in: "vedhæftet fil 'dagsorden.docx'"."""
    return f"vedhæftet fil '{name}'"


def read(data: bytes, source: str, sha256: str) -> Document:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    body, attached = None, []
    for part in message.walk():
        if part.is_multipart():
            continue
        name = part.get_filename()
        kind = part.get_content_type()
        if part.get_content_disposition() == "attachment" or (
            name and kind not in ("text/html", "text/plain")
        ):
            if name:
                attached.append(part)
            continue
        # the first HTML part, else the first plain-text part
        better = kind == "text/html" and (body is None or body.get_content_type() != "text/html")
        if better or (kind == "text/plain" and body is None):
            body = part
    text_document = _read_body(body, source, sha256) if body is not None else None
    chosen, warnings = _attachment(attached, text_document, source, sha256)
    if chosen is not None:
        return chosen
    if text_document is None:
        raise UnreadableInput(
            f"{source}: filen er en MIME-fil (e-mail eller webarkiv) uden tekst, der kan læses"
            + ("; " + "; ".join(w.message for w in warnings) if warnings else "")
        )
    text_document.warnings[:0] = warnings
    return text_document


def _read_body(body: EmailMessage, source: str, sha256: str) -> Document:
    raw = body.get_payload(decode=True) or b""
    charset = body.get_content_charset() or "utf-8"
    try:
        text = raw.decode(charset)
        warnings: list[ReadWarning] = []
    except (LookupError, UnicodeDecodeError):
        text = raw.decode("cp1252", errors="replace")
        warnings = [ReadWarning(Position(1), f"tegnsættet '{charset}' kunne ikke bruges; læst som cp1252")]
    if body.get_content_type() == "text/html":
        from planner.documents.html_reader import read_text as read_html

        return read_html(text, source, sha256, charset, warnings)
    from planner.documents.text_reader import read as read_plain

    document = read_plain(text.encode("utf-8"), source, sha256)
    document.warnings[:0] = warnings
    return document


def _cover_note(document: Document | None) -> bool:
    """A message text that only sends something: no table, and little text."""
    if document is None:
        return True
    if any(isinstance(b, Table) for b in document.blocks):
        return False
    return sum(len(p.text) for p in flat_paragraphs(document.blocks)) < _COVER_NOTE_CHARS


def _attachment(
    attached: list[EmailMessage], text_document: Document | None, source: str, sha256: str
) -> tuple[Document | None, list[ReadWarning]]:
    """The attachment read as the document (None: the message text is), and the warnings that name
    every attachment not read."""
    names = [part.get_filename() or "" for part in attached]
    candidates = [
        k
        for k, part in enumerate(attached)
        if _DOCUMENT_NAME.search(names[k]) or part.get_content_type() in _DOCUMENT_TYPES
    ]
    agenda_named = [k for k in candidates if _AGENDA_NAME.search(names[k])]
    order = agenda_named or (candidates if _cover_note(text_document) else [])
    chosen: Document | None = None
    why: dict[int, str] = {}
    for k in order:
        try:
            chosen = _read_attachment(attached[k], names[k])
        except UnreadableInput as exc:
            why[k] = str(exc).removeprefix(f"{names[k]}: ")
            continue
        chosen_at = k
        break
    warnings = []
    for k, name in enumerate(names):
        if chosen is not None and k == chosen_at:
            continue
        message = (
            f"den vedhæftede fil '{name}' kan ikke læses ({why[k]})"
            if k in why
            else f"den vedhæftede fil '{name}' er ikke læst; gem den og importér den for sig"
        )
        warnings.append(ReadWarning(Position(1), message))
    if chosen is None:
        return None, warnings  # at the message text's first line: it is the document
    if text_document is not None and not _cover_note(text_document):
        warnings.append(
            ReadWarning(
                Position(1),
                f"e-mailens egen tekst er ikke læst: dagsordenen er læst fra den vedhæftede fil '{names[chosen_at]}'",
            )
        )
    # Beside the attachment's own positions, the message's findings say they are the e-mail's.
    warnings = [ReadWarning(w.pos._replace(part=MAIL), w.message) for w in warnings]
    chosen.source, chosen.sha256 = source, sha256  # the file imported is the e-mail
    chosen.part = attachment_part(names[chosen_at])
    in_part(chosen.blocks, chosen.warnings, chosen.part)
    chosen.warnings[:0] = warnings
    return chosen, []


def _read_attachment(part: EmailMessage, name: str) -> Document:
    from planner.documents import read_document

    data = part.get_payload(decode=True) or b""
    if not isinstance(data, bytes):
        raise UnreadableInput(f"{name}: filen er tom")
    charset = part.get_content_charset()
    if part.get_content_maintype() == "text" and charset:
        # A text attachment in the character set its part declares (ISO-8859-1, windows-1252): read as
        # such, not guessed again.
        try:
            text = data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            return read_document(data, name)
        if sniff(data, name) == HTML:
            from planner.documents.html_reader import read_text as read_html

            return read_html(text, name, hashlib.sha256(data).hexdigest(), charset, [])
        document = read_document(text.encode("utf-8"), name)
        document.encoding = charset
        return document
    return read_document(data, name)
