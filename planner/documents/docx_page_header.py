"""The page header of a Word document's first page, read when someone typed a number in it.

Headers and footers are mostly page furniture (the municipality's name, "Side 1 af 3"), but some
templates put the meeting itself in the header ("Direktionen – Dagsorden – 4. marts 2026"): then it is
the only place the meeting's date stands. So the header page 1 shows (the first-page header when the
first section has a different first page, `w:titlePg`; else its default header) is read as blocks
before the body when its typed text holds a digit, each at its own line in the part "sidehoved". A
header of a name and page numbers only, and every footer, is not read: nothing in it is a point or a
date of the meeting.

Text that fields make is not typed by anyone: a date field (DATE, PRINTDATE, SAVEDATE: the day the file
was printed or saved, not the meeting's) and any other field's result is left out; only page numbers
(PAGE, NUMPAGES, SECTIONPAGES) are kept, so "Side 1 af 5" reads as it shows and is known furniture.
"""

from __future__ import annotations

import copy

from lxml import etree

from planner.documents.docx_package import Package
from planner.documents.inline import fold
from planner.documents.model import PAGE_HEADER

__all__ = ["PAGE_HEADER", "first_page_header"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_P = _W + "p"
_PAGE_FIELDS = frozenset({"PAGE", "NUMPAGES", "SECTIONPAGES"})


def first_page_header(package: Package, body: etree._Element) -> etree._Element | None:
    """The first page's header, without the results of fields other than page numbers, when its typed
    text holds a digit; None otherwise (no header, or one of names and page numbers only)."""
    header = _shown_on_first_page(package, body)
    if header is None:
        return None
    typed = copy.deepcopy(header)  # fields are cut from copies: the package's XML stays whole
    _drop_field_results(typed, keep=frozenset())
    if not any(c.isdigit() for c in fold(" ".join(t.text or "" for t in typed.iter(_W + "t")))):
        return None
    shown = copy.deepcopy(header)
    _drop_field_results(shown, keep=_PAGE_FIELDS)
    return shown


def _shown_on_first_page(package: Package, body: etree._Element) -> etree._Element | None:
    section = next(body.iter(_W + "sectPr"), None)  # the first section's properties, where they stand
    if section is None:
        return None
    title_page = section.find(_W + "titlePg")
    first = title_page is not None and title_page.get(_W + "val", "true").lower() not in ("0", "false", "off")
    # The first section has no section before it to link to: a header it does not name is empty.
    refs = {ref.get(_W + "type", "default"): ref.get(_R_ID) for ref in section.iter(_W + "headerReference")}
    rel_id = refs.get("first") if first else refs.get("default")
    part = package.by_id.get(rel_id or "")
    return package.xml(part) if part and package.has(part) else None


def _instruction(field: str) -> str:
    words = field.split()
    return words[0].upper() if words else ""


def _drop_field_results(header: etree._Element, keep: frozenset[str]) -> None:
    """Remove what fields show, except the fields named in `keep`: a simple field (w:fldSimple) whole, a
    complex field's runs from its w:fldChar begin to its end (nested fields inside count with it). A
    paragraph left without a digit by it goes too ("Udskrevet" without the date printed after it)."""
    simple_gone = [
        s for s in header.iter(_W + "fldSimple") if _instruction(s.get(_W + "instr", "")) not in keep
    ]
    depth, kept, doomed = 0, False, []
    instruction: list[str] = []
    for run in list(header.iter(_W + "r")):
        chars = run.findall(_W + "fldChar")
        kinds = [c.get(_W + "fldCharType") for c in chars]
        if "begin" in kinds:
            depth += 1
            if depth == 1:
                instruction, kept = [], False
        if depth:
            for text in run.iter(_W + "instrText"):
                instruction.append(text.text or "")
            if "separate" in kinds and depth == 1:
                kept = _instruction("".join(instruction)) in keep
            if not kept or chars or run.find(_W + "instrText") is not None:
                doomed.append(run)
        if "end" in kinds and depth:
            depth -= 1
    touched = []  # paragraphs that lost a field's result
    for gone in [*simple_gone, *doomed]:
        paragraph = next(gone.iterancestors(_P), None)
        if paragraph is not None and paragraph not in touched:
            touched.append(paragraph)
        parent = gone.getparent()
        if parent is not None:
            parent.remove(gone)
    for paragraph in touched:
        # "Udskrevet <DATE>" without its date is a label of nothing: not a line of the meeting's header
        typed = "".join(t.text or "" for t in paragraph.iter(_W + "t"))
        parent = paragraph.getparent()
        if parent is not None and not any(c.isdigit() for c in typed):
            parent.remove(paragraph)
