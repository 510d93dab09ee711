"""MIME documents: Word's "Webside, enkelt fil" (.mht, .mhtml) and e-mails saved as files (.eml).

Both are a MIME message: the document is its HTML part (or, without one, its plain-text part), under a
transfer encoding (quoted-printable, base64) and in the part's own character set. That part is read by
the HTML or text reader; pictures, themes and other parts are not text. A file attached to an e-mail
(an agenda sent as a .docx or PDF) is not read: a warning names it, so it can be saved and imported on
its own. Lines in messages count in the part that is read, not in the MIME file.
"""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage

from planner.documents.model import Document, Position, ReadWarning, UnreadableInput


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
                attached.append(name)
            continue
        # the first HTML part, else the first plain-text part
        better = kind == "text/html" and (body is None or body.get_content_type() != "text/html")
        if better or (kind == "text/plain" and body is None):
            body = part
    if body is None:
        raise UnreadableInput(
            f"{source}: filen er en MIME-fil (e-mail eller webarkiv) uden tekst, der kan læses"
        )
    raw = body.get_payload(decode=True) or b""
    charset = body.get_content_charset() or "utf-8"
    try:
        text = raw.decode(charset)
        warnings: list[ReadWarning] = []
    except (LookupError, UnicodeDecodeError):
        text = raw.decode("cp1252", errors="replace")
        warnings = [ReadWarning(Position(1), f"tegnsættet '{charset}' kunne ikke bruges; læst som cp1252")]
    for name in attached:
        warnings.append(
            ReadWarning(
                Position(1), f"den vedhæftede fil '{name}' er ikke læst; gem den og importér den for sig"
            )
        )
    if body.get_content_type() == "text/html":
        from planner.documents.html_reader import read_text as read_html

        return read_html(text, source, sha256, charset, warnings)
    from planner.documents.text_reader import read as read_plain

    document = read_plain(text.encode("utf-8"), source, sha256)
    document.warnings[:0] = warnings
    return document
