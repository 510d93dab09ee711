"""An owner column known by what it holds: a table without a header row ("Sygefravær | LMT") whose column
holds only initials, the board's members or "Dir." is the points' owners, not more points."""

from __future__ import annotations

import re

from planner.documents import Table
from planner.parse.header import resolve_person
from planner.parse.model import Member

# "JK", "LMT", "KBN/JK", "JK og LMT"
_INITIALS = re.compile(r"[A-ZÆØÅ]{2,4}(?:\s*(?:[/,&+]|og)\s*[A-ZÆØÅ]{2,4})*")
_BOARD_WORDS = frozenset({"dir", "direktionen", "direktion", "alle", "hele direktionen"})
_LONGEST_OWNER = 60  # a name with a title, not a point


def looks_like_owner(text: str, members: list[Member]) -> bool:
    """Initials, a member's name or role, or the board itself ("Dir.")."""
    owner = " ".join(text.split()).strip(" .")
    if not owner or len(owner) > _LONGEST_OWNER:
        return False
    if _INITIALS.fullmatch(owner) or owner.lower() in _BOARD_WORDS:
        return True
    if not owner[:1].isupper():
        return False
    lowered = owner.lower()
    return any(
        (m.name and (m.name.lower() == lowered or resolve_person(owner, [m]) == m.name))
        or (m.role and m.role.lower() == lowered)
        for m in members
    )


def owner_column(table: Table, members: list[Member]) -> int | None:
    """The column after the first whose every filled cell is an owner; None when there is none (or every
    column is one: then nothing tells the points from the owners)."""
    width = max((len(r.cells) for r in table.rows), default=0)
    if width < 2:
        return None
    for k in range(1, width):
        filled = [r.cells[k].text for r in table.rows if len(r.cells) > k and r.cells[k].text.strip()]
        if filled and all(looks_like_owner(t, members) for t in filled):
            points = [r.cells[0].text for r in table.rows if r.cells and r.cells[0].text.strip()]
            if points and not all(looks_like_owner(t, members) for t in points):
                return k
    return None


# "Arbejdsmiljøstrategi (LMT)", "Digitalisering (ansvarlig: Kim)", "Status på IT (v/ Jonas Kroustrup)": a member of
# the board in brackets at the end of a point names its owner
_OWNER_IN_BRACKETS = re.compile(
    r"\((?:(?:ansvarlig|ansv\.?|v/|v\.|ved)\s*:?\s*)?(?P<who>[^()]{2,60})\)\.?", re.IGNORECASE
)


# "Budget 2027 v/ KBN", "Sygefravær, ansvarlig: Lene": a member after "v/" or "ansvarlig" at the end of a point
_OWNER_MARKED = re.compile(
    r"(?:\s*,\s*|\s+)(?:ansvarlig\s*:|ansv\.\s*:?|v/|v\.)\s*(?P<who>[A-ZÆØÅ][^()/,;:]{1,59})\.?$",
    re.IGNORECASE,
)


def owner_in_brackets(text: str, members: list[Member]) -> tuple[str, str] | None:
    """(the point without the brackets, the member) when `text` ends with a member in brackets (or after "v/" or
    "ansvarlig:" without them), else None: "Skolestruktur (2. behandling)" and "(Kim deltager)" name no owner."""
    if not members:
        return None
    if not text.endswith((")", ").")):
        # "Budget 2027 v/ KBN", "Rekruttering, ansvarlig: Lene": named after its marker, without brackets
        found = _OWNER_MARKED.search(text) if ("v" in text or "nsv" in text) else None
        title = text[: found.start()].rstrip() if found else ""
    else:
        opening = text.rfind("(")  # the last brackets only, matched from their start: linear in the text
        found = _OWNER_IN_BRACKETS.fullmatch(text, opening) if opening > 0 else None
        title = text[:opening].rstrip() if found else ""
    if not title:
        return None
    member = resolve_person(" ".join(found.group("who").split()), members)
    return (title, member) if any(m.name == member for m in members) else None


def with_owner(text: str, owner: str | None, members: list[Member]) -> tuple[str, str | None]:
    """A point's text and owner: the owner a column gave, or else a member the text ends with
    ("Sundhedspolitik (LMT)" -> "Sundhedspolitik", Lene), or the text as it is without one."""
    said = None if owner else owner_in_brackets(text, members)
    return said or (text, owner)
