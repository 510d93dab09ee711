"""The date scan's shortcuts give what the full scan gives.

`date_places` says where a text's dates may stand whatever the reference date, and the meetings named
in a text are not looked for when no place has a meeting's title before it. Both are checked here
against the full scan, on every paragraph of the example documents and the layout fixtures, read
against reference dates that make some year-less dates impossible (29 February) or implausible.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from planner.dates import date_places, find_dates
from planner.documents import read_document
from planner.parse import named_events

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = [
    ROOT / "data" / "examples",
    ROOT / "tests" / "fixtures" / "layouts",
    ROOT / "tests" / "fixtures" / "named_in_sentences",
]
REFS = [None, date(2025, 1, 15), date(2024, 2, 28), date(2023, 3, 1), date(2031, 12, 31)]
# Texts made to sit on the edges: dates that may not exist, a title reaching back over an impossible date,
# periods, and dates close together.
MADE = [
    "Borgermøde d. 29. februar og KB-seminar 1.-2. marts",
    "Temamøde 31. februar Chefforum d. 3. marts",
    "KB-seminar 30. februar 2025 uge 42 Lederdag d. 5. maj",
    "Husk Chefforum d. 23. jan. og primo marts Borgermøde 4/3",
    "Møde i Økonomiudvalget den 4. februar 2019, ØK 11/2 2031",
    "Dialogmøde med Syddjurs 12.-13. juni 1999 Borgermøde 14. juni",
]


def _texts() -> list[str]:
    texts = list(MADE)
    for folder in FOLDERS:
        for path in sorted(folder.glob("*")):
            if path.suffix.lower() in {".txt", ".md", ".html", ".docx"}:
                texts += [p.text for p in read_document(path.read_bytes(), path.name).paragraphs()]
    return texts


TEXTS = _texts()


def test_the_corpus_holds_dated_meetings():
    assert len(TEXTS) > 500
    assert sum(1 for t in TEXTS if named_events.named_meetings(t, date(2025, 1, 15))) > 20


@pytest.mark.parametrize("ref", REFS, ids=str)
def test_every_date_found_stands_at_a_place(ref):
    for text in TEXTS:
        places = {(start, end): period for start, end, period in date_places(text)}
        for span in find_dates(text, ref)[0]:
            assert (span.pos, span.endpos) in places, (text, span)
            assert places[(span.pos, span.endpos)] == bool(span.fuzzy), (text, span)


@pytest.mark.parametrize("ref", REFS, ids=str)
def test_the_title_screen_passes_every_text_that_names_a_meeting(ref, monkeypatch):
    screened = {text: named_events.named_meetings(text, ref) for text in TEXTS}
    monkeypatch.setattr(named_events, "_may_title_a_date", lambda text: True)
    for text in TEXTS:
        assert named_events.named_meetings(text, ref) == screened[text], text
