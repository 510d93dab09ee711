"""MIME documents: Word's "Webside, enkelt fil" (.mht, .mhtml) and e-mails saved as files (.eml).

Both are a MIME message: the document is its HTML part (or, without one, its plain-text part), under a
transfer encoding (quoted-printable, base64) and in the part's own character set. That part is read by
the HTML or text reader; pictures, themes and other parts are not text. Lines in messages count in the
part that is read, not in the MIME file.

An e-mail often carries the agenda as an attached file (.docx, .pdf, .html, .txt) under a short cover
note ("Hermed dagsordenen til mødet"). Then the attachment is the document, read by its own reader, its
positions in the part "vedhæftet fil 'navn'":
- an attachment whose name says it is the agenda or the minutes ("Dagsorden 4. marts.docx",
  "referat.pdf", "Direktionsmøde 5. marts.docx") is read before any other, even when the message text is
  long; of several, the name that says what the mail sends wins (`_named_order`);
- else, when the message text is a cover note (no table and little text), the first attachment that
  can be read is;
- else the message text is the document (an agenda written in the mail, a report attached).
Every attachment not read is named in a warning (with why, when it could not be read), so it can be
saved and imported on its own. A picture shown in the message (a signature's image001.png: an image part
inline or with a Content-ID) is no attachment: it is neither read nor named.
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
_AGENDA_WORD = re.compile(r"dagsorden|agenda|mødeindkaldelse", re.IGNORECASE)
_MINUTES_WORD = re.compile(r"referat|beslutningsprotokol", re.IGNORECASE)
_BOARD_WORD = re.compile(r"direktion", re.IGNORECASE)
# A supporting document: "Bilag 2 - …", "bilag.pdf", "Appendix A"; or the minutes of another body sent
# along ("Referat MED 12.02.2025", "Referat fra HovedMED", "Referat Økonomiudvalget"). MED is written in
# capitals: the word "med" ("Dagsorden med bilag") is no body.
_SUPPORTING = re.compile(
    r"(?i:bilag|appendi(?:x|ks))|(?<![A-Za-zÆØÅæøå])(?:Hoved|Lokal|Område|Center)?MED(?![a-zæøå])"
)
_WITH_ITS = re.compile(r"(?:med|og|inkl\.?|incl\.?|samt|\+|&)[\s_-]*$", re.IGNORECASE)
_OTHER_BODY = re.compile(r"udvalg|byråd|kommunalbestyrelse|bestyrelse|samråd|forum", re.IGNORECASE)
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
        if _shown_in_message(part):
            continue
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
    says_minutes = _says_minutes(str(message.get("Subject") or ""), text_document)
    chosen, warnings = _attachment(attached, text_document, source, sha256, says_minutes)
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


def _shown_in_message(part: EmailMessage) -> bool:
    """A picture the message shows in its text (a signature's logo, image001.png): an image part that is
    inline or that the HTML refers to by its Content-ID. Not an attachment anyone sent to be read."""
    if part.get_content_maintype() != "image":
        return False
    disposition = part.get_content_disposition()  # a picture sent "attachment" is named as any other
    return disposition == "inline" or (disposition is None and part.get("Content-ID") is not None)


def _says_minutes(subject: str, text_document: Document | None) -> bool:
    """Does the mail send minutes ("Referat af direktionsmødet 5. marts")? Its subject and text name
    minutes and not an agenda; a mail naming both ("dagsorden og referat") sends the agenda."""
    text = subject
    if text_document is not None and _cover_note(text_document):
        text += " " + " ".join(p.text for p in flat_paragraphs(text_document.blocks))
    return bool(_MINUTES_WORD.search(text)) and not _AGENDA_WORD.search(text)


def _named_order(names: list[str], candidates: list[int], says_minutes: bool) -> list[int]:
    """The attachments whose names say they are this meeting's agenda or minutes, best first.

    The rule, by name:
    1. a supporting document is not the agenda when another attachment names the agenda or the board:
       a name with "bilag"/"appendix", or the minutes of another body ("Referat MED 12.02.2025",
       "Referat Økonomiudvalget" without "direktion"), goes when such another attachment stands
       ("Dagsorden direktionen 5. marts 2025.docx");
    2. of the rest, a name with the word of what the mail sends comes first: "dagsorden" (agenda,
       mødeindkaldelse), or "referat" (beslutningsprotokol) when the subject or cover note says minutes
       and not an agenda; then a name of the board only ("Direktionsmøde 5. marts.docx"); then the other
       word; in attachment order within each.
    A name of the board only counts beside a name of the agenda or minutes: alone ("Rapport om
    direktionens trivsel.docx" under an agenda written in the mail) it is no agenda. Without another
    such attachment the names are read in attachment order, as before."""
    named = [k for k in candidates if _AGENDA_NAME.search(names[k])]
    if not named:
        return named
    main = [k for k in candidates if not _supporting(names[k])]
    main = [k for k in main if _AGENDA_NAME.search(names[k]) or _BOARD_WORD.search(names[k])]
    if not any(_AGENDA_WORD.search(names[k]) or _BOARD_WORD.search(names[k]) for k in main):
        return named
    wanted, other = (_MINUTES_WORD, _AGENDA_WORD) if says_minutes else (_AGENDA_WORD, _MINUTES_WORD)

    def rank(k: int) -> int:
        if wanted.search(names[k]):
            return 0
        return 2 if other.search(names[k]) else 1

    return sorted(main, key=rank)


def _supporting(name: str) -> bool:
    """A "Bilag …" or another body's minutes: see `_named_order`."""
    for found in _SUPPORTING.finditer(name):
        if found.group().isupper() and name.isupper():
            continue  # "DAGSORDEN MED BILAG": in capitals "MED" is the word "with"
        if found.group().lower().startswith("bilag") and _WITH_ITS.search(name[: found.start()]):
            continue  # "Dagsorden med bilag.pdf": the agenda, its appendices bound in
        return True
    return bool(_MINUTES_WORD.search(name) and _OTHER_BODY.search(name) and not _BOARD_WORD.search(name))


def _attachment(
    attached: list[EmailMessage],
    text_document: Document | None,
    source: str,
    sha256: str,
    says_minutes: bool = False,
) -> tuple[Document | None, list[ReadWarning]]:
    """The attachment read as the document (None: the message text is), and the warnings that name
    every attachment not read."""
    names = [part.get_filename() or "" for part in attached]
    candidates = [
        k
        for k, part in enumerate(attached)
        if _DOCUMENT_NAME.search(names[k]) or part.get_content_type() in _DOCUMENT_TYPES
    ]
    agenda_named = _named_order(names, candidates, says_minutes)
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
