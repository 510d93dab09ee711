"""Hand-written PDF files for the PDF reader's tests: what a browser never prints.

A tiny writer of PDF objects with a correct cross-reference table, so a test can make a page that
is broken, a file that is encrypted, or text set the way Word sets it (typed "•" glyphs in a
standard font, real space characters).
"""

from __future__ import annotations


def build(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF of these objects (numbered from 1; object 1 is the catalog)."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        trailer,
        xref,
    )
    return bytes(out)


def stream(content: bytes) -> bytes:
    return b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"


def page(contents: int, font: int = 3) -> bytes:
    """An A4 page object (parent: object 2) showing content stream object `contents` with font object `font`."""
    return (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (font, contents)
    )


HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def text(lines: list[tuple[int, int, str]], size: int = 11) -> bytes:
    """A content stream setting each (x, y, text) line in Helvetica (WinAnsi: "•" is 0x95); y counts from the bottom."""
    ops = [b"BT /F1 %d Tf" % size]
    ops += [b"1 0 0 1 %d %d Tm (%s) Tj" % (x, y, _literal(s)) for x, y, s in lines]
    ops.append(b"ET")
    return b"\n".join(ops)


def _literal(s: str) -> bytes:
    """A PDF string literal's content: backslash and parentheses escaped."""
    return s.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def pages_pdf(contents: list[bytes | None]) -> bytes:
    """One page per content stream; None makes that page's object something that is not a page at all."""
    count = len(contents)
    kids = b" ".join(b"%d 0 R" % (4 + k) for k in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
        HELVETICA,
    ]
    objects += [page(4 + count + k) if c is not None else b"(not a page)" for k, c in enumerate(contents)]
    objects += [stream(c or b"") for c in contents]
    return build(objects)


def encrypted_pdf() -> bytes:
    """A PDF protected by a user password (standard security handler, revision 2)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        HELVETICA,
        page(5),
        stream(b"BT /F1 11 Tf 72 770 Td (hemmelig) Tj ET"),
        b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -4 >>",
    ]
    file_id = b"<00112233445566778899aabbccddeeff>"
    return build(objects, b"/Encrypt 6 0 R /ID [%s %s]" % (file_id, file_id))
