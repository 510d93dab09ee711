"""What a document says of its own issue: "Rettet udgave", "Version 2", "Udsendt d. 10. januar 2025".

A corrected agenda is often sent again for the same meeting. When it says so in its header, that
statement orders it after the earlier issue, whichever was imported first. Only header lines are
read (before the first section), so a point's text ("Revideret kommissorie") is never taken for one.
"""

from __future__ import annotations

import re
from datetime import date

from planner.dates import find_dates
from planner.documents import Paragraph
from planner.parse.model import DocumentIssue

_CORRECTED = re.compile(
    r"\b(?:rettet|rettede|revideret|reviderede|korrigeret|korrigerede|opdateret|opdaterede|ændret|ændrede)\s+"
    r"(?:udgave|version|dagsorden|referat)\b|^\s*rettelse\b",
    re.IGNORECASE,
)
_VERSION = re.compile(
    r"\bversion\s{0,3}(?:nr\.?\s{0,3})?:?\s{0,3}(?P<n>\d{1,3})\b|\b(?P<ed>\d{1,2})\.\s{0,3}udgave\b",
    re.IGNORECASE,
)
# "Sendt: 10. januar 2025 14:32" heads an e-mail: when it was sent, never the meeting's date.
_ISSUED = re.compile(r"\b(?:udsendt|sendt|rettet|revideret|opdateret|udgivet|fremsendt)\b", re.IGNORECASE)
MAX_ISSUE_LINE = 160  # a header line, not a paragraph of text


def is_issue_line(text: str) -> bool:
    """Does this header line speak of the document's issue (and nothing the header reads otherwise)?"""
    if len(text) > MAX_ISSUE_LINE:
        return False
    return bool(
        _CORRECTED.search(text) or _VERSION.search(text) or (_ISSUED.search(text) and _has_date(text))
    )


def read_issue(lines: list[Paragraph], ref: date | None) -> DocumentIssue | None:
    """The issue the header lines state; `ref` (the meeting date) gives a year-less date its year."""
    version: int | None = None
    issued: date | None = None
    corrected = False
    first: Paragraph | None = None
    for para in lines:
        text = para.text
        found = False
        if _CORRECTED.search(text):
            corrected = found = True
        m = _VERSION.search(text)
        if m:
            version, found = int(m.group("n") or m.group("ed")), True
        word = _ISSUED.search(text)
        if word:
            spans, _ = find_dates(text[word.end() :], ref)
            if spans:
                issued, found = spans[0].start, True
        if found and first is None:
            first = para
    if first is None:
        return None
    return DocumentIssue(first.pos.line, version, issued, corrected, first.pos.page)


def _has_date(text: str) -> bool:
    word = _ISSUED.search(text)
    return bool(word and any(ch.isdigit() for ch in text[word.end() :]))
