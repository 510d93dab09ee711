"""The page header of a Word document's first page: not read, but said when it holds typed numbers.

Headers and footers are page furniture (the municipality's name, "Side 1 af 3") and are not read. Some
templates, though, put the meeting itself in the header ("Direktionen – møde 5. marts 2025"): then the
meeting's date is lost unless the warning says where it stands. Text that fields make (PAGE, NUMPAGES,
DATE: today's date when printed) is not typed by anyone and does not count.
"""

from __future__ import annotations

from lxml import etree

from planner.documents.docx_package import Package
from planner.documents.inline import fold
from planner.documents.model import Position, ReadWarning

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_SHOWN = 80  # characters of the header quoted in the warning


def unread_page_header(package: Package, body: etree._Element) -> ReadWarning | None:
    """A warning when the first page's header holds typed text with a digit (a date, a meeting number)."""
    header = _first_page_header(package, body)
    if header is None:
        return None
    text = fold(" ".join(_typed_text(header)))
    if not any(c.isdigit() for c in text):
        return None
    shown = text if len(text) <= _SHOWN else text[: _SHOWN + 1].rsplit(" ", 1)[0] + " …"
    return ReadWarning(
        Position(1),
        f"sidehovedet læses ikke: '{shown}'; står mødets dato, tid eller sted kun dér, "
        "så skriv dem også i selve dokumentet",
    )


def _first_page_header(package: Package, body: etree._Element) -> etree._Element | None:
    section = next(body.iter(_W + "sectPr"), None)  # the first section's properties, where they stand
    if section is None:
        return None
    title_page = section.find(_W + "titlePg")
    first = title_page is not None and title_page.get(_W + "val", "true").lower() not in ("0", "false", "off")
    refs = {ref.get(_W + "type", "default"): ref.get(_R_ID) for ref in section.iter(_W + "headerReference")}
    rel_id = refs.get("first") if first else refs.get("default")
    part = package.by_id.get(rel_id or "")
    return package.xml(part) if part and package.has(part) else None


def _typed_text(header: etree._Element):
    """The header's w:t text in order, without the results of fields."""
    depth = 0  # complex fields open (w:fldChar begin … end), nested fields counted
    for element in header.iter(_W + "t", _W + "fldChar", _W + "fldSimple"):
        tag = element.tag
        if tag == _W + "fldChar":
            kind = element.get(_W + "fldCharType")
            depth += kind == "begin"
            depth -= kind == "end" and depth > 0
        elif tag == _W + "t" and not depth and next(element.iterancestors(_W + "fldSimple"), None) is None:
            yield element.text or ""
