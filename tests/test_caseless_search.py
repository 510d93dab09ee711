"""The fast screens that stand in for case-insensitive and word-bounded patterns answer exactly as the
patterns do, the letters that str.lower() and the regex fold apart included."""

import itertools
import re

from planner.parse.named_events import _abbreviation_word
from planner.parse.political import categorise, is_event_section
from planner.parse.textprep import CaselessSearch

WORDS = r"forudgående|afholdt|politisk|kommende møder|udvalg"
PIECES = [
    "Forudgående",
    "AFHOLDT",
    "afholdt",
    "polİtisk",
    "polıtisk",
    "POLITISK",
    "udvalg",
    "UDVALG",
    "Kommende  møder",
    "kommende møder",
    "ſ",
    "K",
    "Å",
    " ",
    "x",
    "møder",
]


def test_caseless_search_answers_as_the_case_insensitive_pattern():
    search, pattern = CaselessSearch(WORDS), re.compile(WORDS, re.IGNORECASE)
    for parts in itertools.product(PIECES, repeat=2):
        text = "".join(parts)
        assert search(text) == bool(pattern.search(text)), text
        assert search(text, text.lower()) == bool(pattern.search(text)), text


def test_section_titles_and_categories_read_the_same_with_dotted_and_dotless_i():
    assert is_event_section("Politiske møder") and is_event_section("POLİTİSKE MØDER")
    assert not is_event_section("Økonomi")
    assert categorise("Hovedudvalgsmøde") == "other" and categorise("KKR-møde") == "political"


def test_abbreviation_screen_answers_as_the_word_bounded_pattern():
    pattern = re.compile(r"\b(?:KKR|KØF|ØK|ØU|KB|BYR|HU|MED|KL)\b")
    pieces = ["KKR", "KØF", "ØK", "KB", "BYR", "MED", "K", "Ø", "a", "_", "1", "é", "-", " ", "٣"]
    for parts in itertools.product(pieces, repeat=3):
        text = "".join(parts)
        assert _abbreviation_word(text) == bool(pattern.search(text)), text
