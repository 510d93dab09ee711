"""The Danish calendar words, in one place: month and weekday names and the abbreviations people write.

Every reader of Danish dates (`planner.dates` for agendas, `planner.calendar.ferieplan` for published
holiday plans) takes its vocabulary from here, so a month spelled one way is read the same
everywhere. Keys are lower case and without a trailing dot ("sept." is looked up as "sept").
"""

from __future__ import annotations

from types import MappingProxyType

MONTH_NAMES = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)
MONTH_ABBREVIATIONS = MappingProxyType(
    {
        1: ("jan",),
        2: ("feb", "febr"),
        3: ("mar", "mart"),
        4: ("apr",),
        5: (),
        6: ("jun",),
        7: ("jul",),
        8: ("aug",),
        9: ("sep", "sept"),
        10: ("okt",),
        11: ("nov",),
        12: ("dec",),
    }
)
# English month names left in a Danish document (a template's field, a copy from an English calendar): the
# month they name, as the writer meant it ("5. March 2025"). Those spelled as in Danish are there already.
ENGLISH_MONTH_NAMES = MappingProxyType(
    {"january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "october": 10}
)
# Every written form of a month -> its number (1-12).
MONTHS = MappingProxyType(
    {name: n for n, name in enumerate(MONTH_NAMES, start=1)}
    | {short: n for n, shorts in MONTH_ABBREVIATIONS.items() for short in shorts}
    | dict(ENGLISH_MONTH_NAMES)
)

WEEKDAY_NAMES = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
WEEKDAY_ABBREVIATIONS = MappingProxyType(
    {
        0: ("man",),
        1: ("tirs", "tir"),
        2: ("ons",),
        3: ("tors", "tor"),
        4: ("fre", "fred"),
        5: ("lør",),
        6: ("søn",),
    }
)
# The abbreviations as one regex alternation, the longer forms first ("fred" before "fre"), for the patterns
# that read a weekday before a date.
WEEKDAY_ABBREVIATION_PATTERN = "|".join(
    sorted(
        {short for shorts in WEEKDAY_ABBREVIATIONS.values() for short in shorts}, key=lambda s: (-len(s), s)
    )
)
# The two-letter forms calendars print ("lø. 11.10. – sø. 19.10."), by weekday number. Only with their
# full stop are they weekdays: bare, "to", "on", "ti" and "sø" are ordinary words.
WEEKDAY_TWO_LETTERS = ("ma", "ti", "on", "to", "fr", "lø", "sø")
# Full weekday names -> Monday-based number (0-6), as `date.weekday()` counts.
WEEKDAYS = MappingProxyType({name: n for n, name in enumerate(WEEKDAY_NAMES)})
# The short form the command line writes in lists ("ons 15. jan. 2025").
WEEKDAY_SHORT = ("man", "tir", "ons", "tor", "fre", "lør", "søn")
# Full names and abbreviations ("lør. 21. dec.", as tables in published holiday plans write them).
WEEKDAY_WORDS = MappingProxyType(
    dict(WEEKDAYS) | {short: n for n, shorts in WEEKDAY_ABBREVIATIONS.items() for short in shorts}
)

# A case-insensitive pattern takes "ı" for "i" where casefold() keeps it, and casefold() turns "İ" into "i"
# and a combining dot: a weekday such a pattern matched, folded by `regex_casefold`, is one of the names above.
_REGEX_FOLDS = str.maketrans({"ı": "i", "\u0307": ""})


def regex_casefold(word: str) -> str:
    """`word` folded as a case-insensitive pattern matches it ("TİRSDAG", "tırsdag" -> "tirsdag"; "ſøndag" ->
    "søndag")."""
    return word.casefold().translate(_REGEX_FOLDS)


# The months an årshjul may start in, by name: the calendar year or the school year.
WHEEL_START_MONTHS = MappingProxyType({MONTH_NAMES[0]: 1, MONTH_NAMES[7]: 8})


def words_pattern(words) -> str:
    """A regex alternation of `words`, longest first so 'sept' wins over 'sep'."""
    return "|".join(sorted(words, key=len, reverse=True))
