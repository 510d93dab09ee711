"""A board member in brackets at the end of a point is its owner, in the forward plan and in the backlog:
"Arbejdsmiljøstrategi (LMT)", "Sundhedspolitik (Lene)", "Digitalisering (ansvarlig: Kim)", "Status på IT (v/ Jonas
Kroustrup)". Before, the brackets stayed in the title and the point had no owner (stop 23's report). Brackets that
name no member ("(2. behandling)") stay in the title."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from planner.parse.document import parse_file
from planner.storage.store import Store
from planner.sync.importer import import_documents, read_documents

DOCUMENT = (
    Path(__file__).parent / "fixtures" / "owners_in_brackets" / "direktion_2025_01_08_owners_in_brackets.txt"
)
JONAS, LENE, KIM = "Jonas Kroustrup", "Lene Mehlsen Thomsen", "Kim Bruun Nielsen"


def test_a_member_in_brackets_after_a_forward_plan_point_is_its_owner():
    doc = parse_file(DOCUMENT)
    assert [(r.date, [(p.text, p.owner) for p in r.points]) for r in doc.forward_plan] == [
        (date(2025, 1, 15), [("Budgetproces 2026", KIM)]),  # "(KBN)"
        (date(2025, 1, 22), [("Sundhedspolitik", LENE)]),  # "(Lene)"
    ]


def test_a_member_in_brackets_after_a_backlog_point_is_its_owner():
    doc = parse_file(DOCUMENT)
    assert [(p.text, p.owner) for p in doc.awaiting_date] == [
        ("Arbejdsmiljøstrategi", LENE),  # "(LMT)"
        ("Digitalisering", KIM),  # "(ansvarlig: Kim)"
        ("Rekruttering", JONAS),  # "(JK)"
        ("Status på IT", JONAS),  # "(v/ Jonas Kroustrup)"
        ("Skolestruktur (2. behandling)", None),  # no member: the brackets are the title's
    ]


def test_the_owner_reaches_the_plan(tmp_path):
    with Store(tmp_path / "plan.db") as store:
        import_documents(store, read_documents([DOCUMENT]))
        owners = {p.title: p.owner for p in store.load_plan().points}
    assert owners["Arbejdsmiljøstrategi"] == LENE
    assert owners["Budgetproces 2026"] == KIM
    assert owners["Skolestruktur (2. behandling)"] is None
