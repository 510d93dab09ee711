"""Hostile input: every document, however long or strange its lines, is read in bounded time and
never raises anything but a Danish UnreadableInput.

Speed itself is measured by `make bench`; here a hang guard (a worker thread with a generous limit)
catches catastrophic backtracking, which grows by orders of magnitude rather than by percent.
"""

from __future__ import annotations

import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.documents import UnreadableInput
from planner.parse.document import parse_bytes

HEADER = (
    "Direktionen\n\nDAGSORDEN\n\nDato: Onsdag den 15. januar 2025\n\n"
    "1. Eventuelt, herunder punkter til næste møde\n\nÅben sag\n\nDato\tPunkter\n14. aug.\t"
)
CLASSES = {
    "dots": ".",
    "spaces": " ",
    "tabs": "\t",
    "tags": "<div",
    "dashes": "-",
    "digits": "1",
    "pipes": "|",
    "stars": "*",
    "comments": "<!--",
    "dated": "12. marts ",
    "meeting": "Borgermøde d. 3. maj ",
    "bullets": "• ",
    "hashes": "#",
    "ampersands": "&",
    "colons": ": ",
    "parens": "(",
    "breaks": "<br>",
    "decision": "udskudt til ",
}
HANG_GUARD_S = (
    20  # catastrophic backtracking takes minutes at this size; a linear pass takes well under a second
)


def parse_within_guard(data: bytes, name: str):
    result: dict = {}

    def work() -> None:
        try:
            result["doc"] = parse_bytes(data, name)
        except UnreadableInput as exc:
            result["unreadable"] = exc
        except BaseException as exc:
            result["error"] = exc

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    worker.join(HANG_GUARD_S)
    assert not worker.is_alive(), f"{name}: parsing did not finish within {HANG_GUARD_S} s"
    assert "error" not in result, f"{name}: {result.get('error')!r}"
    return result.get("doc")


def line_of(unit: str, length: int = 100_000) -> str:
    return (unit * (length // len(unit) + 1))[:length]


@pytest.mark.parametrize("name", sorted(CLASSES))
@pytest.mark.parametrize("where", ["cell", "paragraph", "decision"])
def test_a_100000_character_line_of_one_class_is_read(name, where):
    line = line_of(CLASSES[name])
    text = {
        "cell": HEADER + line + "\n",
        "paragraph": HEADER + "\n\n" + line + "\n",
        "decision": HEADER + "\n\nBeslutning i Direktionen den 15-01-2025\n\nPunktet blev " + line + "\n",
    }[where]
    doc = parse_within_guard(text.encode(), f"{name}.txt")
    assert doc.meeting.date is not None  # the rest of the document is still read
    assert any("kun de første" in w.message for w in doc.warnings)  # and the cut is said, with its line


@pytest.mark.parametrize("name", ["tags", "comments", "breaks", "ampersands", "dashes"])
def test_an_html_page_with_100000_characters_of_one_class_is_read(name):
    page = f"<!doctype html><html><body><h1>Direktionen</h1><p>Dato: 15. januar 2025</p><p>{line_of(CLASSES[name])}"
    doc = parse_within_guard(page.encode(), f"{name}.html")
    assert doc.format == "html"


def test_a_decision_sentence_of_21_kb_without_full_stops_is_read():
    sentence = " ".join(["Punktet om budget og drøftelse af emner blev udskudt til senere"] * 330)
    text = HEADER + "\n\nBeslutning i Direktionen den 15-01-2025\n\n" + sentence + "\n"
    parse_within_guard(text.encode(), "beslutning.txt")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_any_bytes_are_read_or_refused_in_danish(data):
    parse_within_guard(data, "fuzz.bin")


ALPHABET = st.sampled_from(
    [
        *"abcæøå ABC.:;-–•|*#<>/&()\t\n0123456789",
        "Dato:",
        "Åben sag",
        "Lukket sag",
        " d. ",
        "uge ",
        "Rul juni: ØK d. 11/6 2024, KB d. 18/6 2024",
        "<li>",
        "<td>",
        "<table>",
        "<tr>",
        "<p>",
        "</p>",
        "**",
        "## ",
        "| ",
        "Beslutning i Direktionen den ",
        "Punkter som afventer dato:",
        "14. aug.",
        "31. februar",
        "primo marts",
        "Kim Bruun deltager ikke på mødet",
        "Efterårsferie",
        "9.00",
    ]
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ALPHABET, max_size=400).map("".join))
def test_any_text_made_of_the_grammar_s_own_words_is_read(text):
    for name in ("fuzz.txt", "fuzz.html", "fuzz.md"):
        doc = parse_within_guard(text.encode(), name)
        if doc is not None:
            doc.to_json()  # the public shape is always serialisable


def test_a_document_over_the_size_bound_is_refused_in_danish():
    from planner.documents import MAX_TEXT_BYTES

    data = b"Direktionen\n" + b"x" * MAX_TEXT_BYTES
    with pytest.raises(UnreadableInput, match=r"stor.txt: filen er for stor \(20,0 MB\); højst 20 MB"):
        parse_bytes(data, "stor.txt")


def test_a_pipe_or_device_is_refused_before_reading(tmp_path):
    import os

    from planner.documents import read_path

    fifo = tmp_path / "dagsorden.txt"
    os.mkfifo(fifo)
    with pytest.raises(UnreadableInput, match="er ikke en almindelig fil"):
        read_path(fifo)
    with pytest.raises(UnreadableInput, match="er ikke en almindelig fil"):
        read_path("/dev/zero")
