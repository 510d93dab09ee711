"""A meeting named by its own name inside a sentence of the agenda is an event (issue 10: "Der afholdes
KB-seminar 22.-23. januar"), linked to the line that names it; a common noun with a date is not one
("opsamling … til deltagerne den 24. januar"), and neither is the board's own meeting ("Til mødet i
Direktionen den 15. januar")."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from planner.parse.document import parse_file
from planner.parse.political_bodies import canonical_body
from planner.storage.store import Store
from planner.sync.importer import import_documents, read_documents

FIXTURE = Path(__file__).parent / "fixtures" / "named_in_sentences" / "norddjurs_2025_01_08_dagsorden.txt"


def events() -> dict[tuple[str, date, date], tuple[str, list[str]]]:
    doc = parse_file(FIXTURE)
    assert doc.meeting.date == date(2025, 1, 8)
    return {(e.title, e.start, e.end): (e.category, [t[:30] for t in e.named_by]) for e in doc.events}


def test_meetings_named_inside_sentences_are_events_with_the_line_that_names_them():
    assert events() == {
        ("KB-seminar", date(2025, 1, 22), date(2025, 1, 23)): (
            "political",
            ["Der afholdes KB-seminar 22.-23"],
        ),
        ("Chefforum", date(2025, 1, 23), date(2025, 1, 23)): (
            "direction",
            ["Husk Chefforum d. 23. jan. kl."],
        ),
        ("Møde i Økonomiudvalget", date(2025, 2, 4), date(2025, 2, 4)): (
            "political",
            ["Resultatet af høringen behandl"],
        ),
        ("Økonomiudvalgets møde", date(2025, 2, 4), date(2025, 2, 4)): (
            "political",
            ["Budgetopfølgningen drøftes i D"],
        ),
        ("Borgermøde", date(2025, 3, 12), date(2025, 3, 12)): (
            "political",
            ["Borgermøde d. 12. marts i Auni"] * 2,
        ),
    }


def test_a_common_noun_or_the_boards_own_meeting_with_a_date_is_no_event():
    found = events()
    assert not [k for k in found if k[1] == date(2025, 1, 24)]  # "opsamling og evaluering til deltagerne"
    assert not [k for k in found if k[1] in (date(2025, 1, 15), date(2025, 1, 29))]  # Direktionen's own


def test_the_two_names_of_one_committee_meeting_are_one_event_in_the_plan(tmp_path):
    """ "møde i Økonomiudvalget" and "Økonomiudvalgets møde" on 4 February: one ØK meeting in the stored plan."""
    with Store(tmp_path / "plan.db") as store:
        assert [r.status for r in import_documents(store, read_documents([FIXTURE]))] == ["added"]
        on_the_day = [e for e in store.load_plan().events if e.start == date(2025, 2, 4)]
    assert [e.kind for e in on_the_day] == ["oekonomiudvalg"]
    assert canonical_body("Kommunalbestyrelsens møde").title == "Kommunalbestyrelsen (KB)"
    assert canonical_body("Møde i Direktionen") is None and canonical_body("KB-temamøde") is None
