"""What one PDF page holds: its glyphs (text, box, bold) and its ruling lines, read with PDFium.

PDFium (pypdfium2, the engine pdfplumber itself installs for rendering) is used directly because it
reads a page's text in C: pdfminer, under pdfplumber's `page.chars`, takes about 0.1 s per page of a
printed agenda, ten times the budget (see the PDF notes in README). Coordinates are turned top-down
(y grows downwards, as a reader sees a page), in points.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import eq
from typing import NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

_BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demibold", "demi")
_FORCE_BOLD = 1 << 18  # the font descriptor's ForceBold flag
_THIN = 3.0  # a path thinner than this (points) is a ruling line, however it was drawn
_MARK_MIN, _MARK_MAX = 1.5, 8.0  # a small square-ish shape beside text is a drawn list bullet
_SKIP_CHARS = frozenset("\r\n")
# PDFium marks a hyphen at a line end (a word split over two lines) with \x02 or \ufffe; a soft
# hyphen is only drawn there, and U+2010 is a hyphen too.
_HYPHENS = frozenset("\x02\ufffe\u00ad\u2010")


class _Handle(ctypes.c_void_p):
    """A PDFium handle returned as itself: a plain `c_void_p` result would come back as an int, and an
    untyped int argument is passed as a C int (32 bits), too narrow for a pointer."""


def _plain(function, restype):
    """The same PDFium C function, called without argument types and without letting go of Python's
    lock: pypdfium2's typed pointers cost a Python object per call, even plain typed arguments are
    converted one by one (`from_param`), and releasing and taking back the lock costs more than
    these calls themselves; a page can need ten thousand of them. Every argument is passed as a
    ctypes object (a buffer, `byref`, a handle from `_handle`) or as a small int (a C int)."""
    address = ctypes.cast(function, ctypes.c_void_p).value
    return ctypes.PYFUNCTYPE(restype)(address)


_loose_char_box = _plain(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int)
_is_generated = _plain(pdfium_c.FPDFText_IsGenerated, ctypes.c_int)
_font_info = _plain(pdfium_c.FPDFText_GetFontInfo, ctypes.c_ulong)
_font_size = _plain(pdfium_c.FPDFText_GetFontSize, ctypes.c_double)
_char_matrix = _plain(pdfium_c.FPDFText_GetMatrix, ctypes.c_int)
_char_origin = _plain(pdfium_c.FPDFText_GetCharOrigin, ctypes.c_int)
_object_at = _plain(pdfium_c.FPDFPage_GetObject, _Handle)
_object_type = _plain(pdfium_c.FPDFPageObj_GetType, ctypes.c_int)
_object_bounds = _plain(pdfium_c.FPDFPageObj_GetBounds, ctypes.c_int)
_NAME_SIZE = 256
_NAME_SIZE_ARG = ctypes.c_ulong(_NAME_SIZE)  # the buffer's length is an unsigned long: passed typed
_new_glyph = tuple.__new__


def _handle(handle):
    """A PDFium handle as an argument made once for many calls: a reference to the memory it points
    at is passed as that address, and unlike a `c_void_p` it needs no new object per call."""
    return ctypes.byref(ctypes.c_char.from_address(ctypes.cast(handle, ctypes.c_void_p).value))


class Glyph(NamedTuple):
    """One character as drawn; `top`/`bottom` are the font's line box (equal for a line's glyphs)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    bold: bool
    space_before: bool  # a space character (real or PDFium's) separates it from the glyph before


class Segment(NamedTuple):
    """A horizontal (y0 == y1) or vertical (x0 == x1) ruling line."""

    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(slots=True)
class PageContent:
    number: int  # 1-based
    width: float
    height: float
    glyphs: list[Glyph] = field(default_factory=list)
    rulings: list[Segment] = field(default_factory=list)
    image_only: bool = False  # no text, but a picture: a scanned page


def read_page(document: pdfium.PdfDocument, index: int) -> PageContent:
    page = document[index]
    try:
        width, height = page.get_size()
        if page.get_rotation() in (90, 270):
            # The size is given as the page is shown, turned; its text and lines stay in the page's own
            # space, where they read left to right: measure them in that space.
            width, height = height, width
        content = PageContent(index + 1, width, height)
        textpage = page.get_textpage()
        try:
            content.glyphs = _glyphs(textpage, height)
        finally:
            textpage.close()
        if content.glyphs:  # rulings and drawn bullets only matter around text
            content.rulings, marks = _paths(page, height)
            content.glyphs.extend(marks)
        else:
            content.image_only = _has_image(page)
        return content
    finally:
        page.close()


def _glyphs(textpage: pdfium.PdfTextPage, height: float) -> list[Glyph]:
    handle = textpage.raw
    count = pdfium_c.FPDFText_CountChars(handle)
    if count <= 0:
        return []
    buffer = ctypes.create_string_buffer(2 * (count + 1))
    written = pdfium_c.FPDFText_GetText(
        handle, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort))
    )
    text = buffer.raw[: 2 * max(0, written - 1)].decode("utf-16-le", errors="replace")
    if len(text) != count:  # characters outside the BMP: one code unit each is not guaranteed, ask per char
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(handle, k) or 0xFFFD) for k in range(count))
    box = pdfium_c.FS_RECTF()
    box_ref = ctypes.byref(box)
    box_values = memoryview(box).cast("B").cast("f")  # left, top, right, bottom: read in one step
    matrix = pdfium_c.FS_MATRIX()
    matrix_ref = ctypes.byref(matrix)
    matrix_values = memoryview(matrix).cast("B").cast("f")  # a, b, c, d, e, f
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    origin_x_ref, origin_y_ref = ctypes.byref(origin_x), ctypes.byref(origin_y)
    text_handle = _handle(handle)
    name = ctypes.create_string_buffer(_NAME_SIZE)
    flags = ctypes.c_int()
    flags_ref = ctypes.byref(flags)
    bold_by_font: dict[tuple[bytes, int], bool] = {}
    out: list[Glyph] = []
    turned: list[Glyph] = []  # glyphs of text drawn turned (a note up the margin), read only on a turned page
    plain: set[str] = set()  # characters seen that are none of those looked at below
    bold = turned_run = False
    space = False
    top = bottom = 0.0
    last_low = last_x1 = -1e9  # far from any glyph: the first one looks its font up
    for k, ch in enumerate(text):
        if ch not in plain:
            if ch in _SKIP_CHARS:
                continue
            if ch == " " or ch.isspace():
                # PDFium invents spaces where a printer placed each glyph on its own; the gap decides those.
                space = space or not _is_generated(text_handle, k)
                continue
            if ch in _HYPHENS:
                ch = "-"
            elif ch < " " or ch == "\ufffd":  # a control code, or a glyph the font cannot map to a character
                continue
            else:
                plain.add(ch)
        if not _loose_char_box(text_handle, k, box_ref):
            _fallback_box(handle, k, box)
        x0, _, x1, low = box_values
        # Font look-ups cost calls: only where a new word or run may start.
        if space or not (-3.0 <= low - last_low <= 3.0 and -1.0 <= x0 - last_x1 <= 1.0):
            _font_info(text_handle, k, name, _NAME_SIZE_ARG, flags_ref)
            font, font_flags = name.value, flags.value
            bold = bold_by_font.get((font, font_flags))  # type: ignore[assignment]
            if bold is None:
                lowered = font.lower().decode("latin-1")
                bold = any(b in lowered for b in _BOLD_NAMES) or bool(font_flags & _FORCE_BOLD)
                bold_by_font[font, font_flags] = bold
            # The top and bottom of a word's line box, from its baseline and its type size as printed.
            # Fonts' own line boxes cannot be trusted: some writers' fonts give each glyph its own
            # height (11pt text in boxes of 6 to 8pt). The size is the font size scaled by the text
            # matrix (a browser sets 11pt as 14.67 units at 0.75).
            size = _font_size(text_handle, k)
            if _char_matrix(text_handle, k, matrix_ref):
                ma, mb, mc, md, _, _ = matrix_values
                size *= abs(ma * md - mb * mc) ** 0.5
                turned_run = abs(mb) > 0.2 * abs(ma)
            else:  # upright, as PDFium gives no matrix
                turned_run = False
            if size < 1.0 or not _char_origin(text_handle, k, origin_x_ref, origin_y_ref):
                top, bottom = height - box.top, height - box.bottom  # no usable size: the font's own box
            else:
                baseline = height - origin_y.value
                top, bottom = baseline - 0.8 * size, baseline + 0.25 * size
        if turned_run:  # its letters stand one under the other: each would be a line of its own
            turned.append(_new_glyph(Glyph, (ch, x0, x1, top, bottom, bold, space)))
            space = False
            continue
        out.append(_new_glyph(Glyph, (ch, x0, x1, top, bottom, bold, space)))
        last_low, last_x1 = low, x1
        space = False
    # A page whose text is mostly turned (drawn turned as a whole) is read as it is drawn.
    return out if len(turned) <= len(out) else out + turned


def _has_image(page: pdfium.PdfPage) -> bool:
    handle = _handle(page.raw)
    count = pdfium_c.FPDFPage_CountObjects(page.raw)
    return any(_object_type(_object_at(handle, k)) == pdfium_c.FPDF_PAGEOBJ_IMAGE for k in range(count))


def _fallback_box(handle, k: int, box) -> None:
    """The glyph's own box, where the font has no line box."""
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    pdfium_c.FPDFText_GetCharBox(handle, k, left, right, bottom, top)
    box.left, box.right, box.bottom, box.top = left.value, right.value, bottom.value, top.value


def _paths(page: pdfium.PdfPage, height: float) -> tuple[list[Segment], list[Glyph]]:
    """Ruling lines, and list bullets drawn as shapes (browsers draw a disc, not a "•" character)."""
    out: list[Segment] = []
    marks: list[Glyph] = []
    handle = _handle(page.raw)
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    refs = ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top)
    # A printed page can hold one text object per glyph, and a path is one object in fifty: every
    # object's type is asked for in C (`map`), and only the paths are looked at here.
    count = pdfium_c.FPDFPage_CountObjects(page.raw)
    types = map(_object_type, map(_object_at, repeat(handle, count), range(count)))
    for k in compress(range(count), map(eq, types, repeat(pdfium_c.FPDF_PAGEOBJ_PATH))):
        obj = _object_at(handle, k)
        if not _object_bounds(obj, *refs):
            continue
        w, h = right.value - left.value, top.value - bottom.value
        if _MARK_MIN < w <= _MARK_MAX and _MARK_MIN < h <= _MARK_MAX and abs(w - h) <= 1.0:
            mid = height - (top.value + bottom.value) / 2
            # The box of a text line around it, so the bullet joins the line it stands in.
            marks.append(Glyph("•", left.value, right.value, mid - 1.3 * h, mid + 1.3 * h, False, True))
        elif w <= _THIN and h > _THIN:
            x = (left.value + right.value) / 2
            out.append(Segment(x, height - top.value, x, height - bottom.value))
        elif h <= _THIN and w > _THIN:
            y = height - (top.value + bottom.value) / 2
            out.append(Segment(left.value, y, right.value, y))
        elif w > _THIN and h > _THIN:
            out.extend(_path_edges(obj, height))
    return out, marks


def _path_edges(obj: _Handle, height: float) -> list[Segment]:
    """The straight horizontal and vertical edges of a larger path (a stroked cell, a grid drawn in one path)."""
    handle = ctypes.cast(obj, pdfium_c.FPDF_PAGEOBJECT)
    n = pdfium_c.FPDFPath_CountSegments(handle)
    if n <= 0 or n > 2000:
        return []
    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(handle, matrix):
        return []
    a, b, c, d, e, f = matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f
    x, y = ctypes.c_float(), ctypes.c_float()
    points: list[tuple[int, float, float, bool]] = []
    for s in range(n):
        seg = pdfium_c.FPDFPath_GetPathSegment(handle, s)
        pdfium_c.FPDFPathSegment_GetPoint(seg, x, y)
        px, py = a * x.value + c * y.value + e, b * x.value + d * y.value + f
        points.append(
            (
                pdfium_c.FPDFPathSegment_GetType(seg),
                px,
                height - py,
                bool(pdfium_c.FPDFPathSegment_GetClose(seg)),
            )
        )
    out: list[Segment] = []
    start = previous = None
    for kind, px, py, closes in points:
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO or previous is None:
            start = previous = (px, py)
            continue
        if kind == pdfium_c.FPDF_SEGMENT_LINETO:
            _edge(previous, (px, py), out)
        previous = (px, py)
        if closes and start is not None:
            _edge(previous, start, out)
            previous = start
    return out


def _edge(p: tuple[float, float], q: tuple[float, float], out: list[Segment]) -> None:
    (x0, y0), (x1, y1) = p, q
    if abs(y0 - y1) < 0.5 and abs(x1 - x0) > _THIN:
        out.append(Segment(min(x0, x1), y0, max(x0, x1), y0))
    elif abs(x0 - x1) < 0.5 and abs(y1 - y0) > _THIN:
        out.append(Segment(x0, min(y0, y1), x0, max(y0, y1)))
