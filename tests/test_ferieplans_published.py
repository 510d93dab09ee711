"""Holiday plans as Danish schools and municipalities publish them (text, Markdown, HTML, Word, PDF):
every period each document states, pinned, with the lines not read and the warnings it gives.

Each fixture once read a date wrong, lost a row or left a wrong label; the comment above it says how.
The dates are the ones the documents state (2025/26: efterårsferie 11.–19. oktober, juleferie
20. december – 4. januar, …; 2026/27: week 53 of 2026 exists, so juleferie is "uge 52-53").
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from helpers_proc import planner

from planner.calendar.ferieplan import parse_document, parse_ferieplan
from planner.documents import read_document

FIXTURES = Path(__file__).parent / "fixtures" / "ferieplans"
H, E = "school_holiday", "school_event"

# file -> (periods as (label, start, end, kind), unparsed line numbers, warnings as (line, message))
EXPECTED = {
    # Første feriedag | Sidste feriedag | Antal skoledage, and a dated approval note below: the note was
    # a holiday "Ferieplanen er godkendt af Børne- og Skoleudvalget" on 12.03.2026 (its "2025." ends a
    # sentence and was not read as the year); each count was "ignored text".
    "antal_dage_godkendt_2025-26.html": (
        [
            ("Efterårsferie", date(2025, 10, 13), date(2025, 10, 17), H),
            ("Juleferie", date(2025, 12, 22), date(2026, 1, 2), H),
            ("Vinterferie", date(2026, 2, 9), date(2026, 2, 13), H),
            ("Påskeferie", date(2026, 3, 30), date(2026, 4, 6), H),
            ("Sommerferie", date(2026, 6, 29), date(2026, 8, 7), H),
        ],
        [9],
        [],
    ),
    # Word: the two-school-year table under a merged title row. The second column's weeks were read in
    # the first school year, and the duplicates then dropped: 2026/27's efterårs- and vinterferie lost.
    "flettet_titel_to_skoleaar_2025-27.docx": (
        [
            ("Efterårsferie", date(2025, 10, 13), date(2025, 10, 19), H),
            ("Efterårsferie", date(2026, 10, 12), date(2026, 10, 18), H),
            ("Juleferie", date(2025, 12, 22), date(2026, 1, 2), H),
            ("Juleferie", date(2026, 12, 21), date(2027, 1, 1), H),
            ("Vinterferie", date(2026, 2, 9), date(2026, 2, 15), H),
            ("Vinterferie", date(2027, 2, 15), date(2027, 2, 21), H),
            ("Sommerferie", date(2026, 6, 27), date(2026, 8, 9), H),
            ("Sommerferie", date(2027, 6, 26), date(2027, 8, 8), H),
        ],
        [1, 2],
        [],
    ),
    # A <dl> list: "d. 20/12 – d. 4/1", "14.-15.5.", weeks with dates in a parenthesis; a Påskeferie
    # copied with the autumn's dates is a warning, never stored.
    "definitionsliste_2025-26.html": (
        [
            ("Efterårsferie", date(2025, 10, 13), date(2025, 10, 19), H),
            ("Juleferie", date(2025, 12, 20), date(2026, 1, 4), H),
            ("Vinterferie", date(2026, 2, 9), date(2026, 2, 13), H),
            ("Kr. Himmelfart", date(2026, 5, 14), date(2026, 5, 15), H),
            ("Sommerferie", date(2026, 6, 26), date(2026, 8, 9), H),
        ],
        [],
        [
            (
                6,
                "'Påskeferie' 13.10.2025 – 17.10.2025 kan ikke være påskeferie (uden for årstiden); perioden er"
                " ikke læst",
            ),
            (8, "ignoreret tekst: 'efter skoletid'"),
        ],
    ),
    # "Ferie/fridag | Skoleåret 2025/26 | Skoleåret 2026/27" with weeks and dates, printed to PDF by
    # chromium (the PDF reader's table) and as the HTML it was printed from.
    "to_skoleaar_2025-27.pdf": (
        [
            ("Efterårsferie", date(2025, 10, 13), date(2025, 10, 19), H),
            ("Efterårsferie", date(2026, 10, 12), date(2026, 10, 18), H),
            ("Juleferie", date(2025, 12, 22), date(2026, 1, 2), H),
            ("Juleferie", date(2026, 12, 21), date(2027, 1, 1), H),
            ("Vinterferie", date(2026, 2, 9), date(2026, 2, 15), H),
            ("Vinterferie", date(2027, 2, 15), date(2027, 2, 21), H),
            ("Påskeferie", date(2026, 3, 30), date(2026, 4, 6), H),
            ("Påskeferie", date(2027, 3, 22), date(2027, 3, 29), H),
            ("Sommerferie", date(2026, 6, 27), date(2026, 8, 9), H),
            ("Sommerferie", date(2027, 6, 26), date(2027, 8, 8), H),
        ],
        [1],
        [],
    ),
    "to_skoleaar_tabel_2025-27.html": (
        [
            ("Efterårsferie", date(2025, 10, 13), date(2025, 10, 19), H),
            ("Efterårsferie", date(2026, 10, 12), date(2026, 10, 18), H),
            ("Juleferie", date(2025, 12, 22), date(2026, 1, 2), H),
            ("Juleferie", date(2026, 12, 21), date(2027, 1, 1), H),
            ("Vinterferie", date(2026, 2, 9), date(2026, 2, 15), H),
            ("Vinterferie", date(2027, 2, 15), date(2027, 2, 21), H),
            ("Påskeferie", date(2026, 3, 30), date(2026, 4, 6), H),
            ("Påskeferie", date(2027, 3, 22), date(2027, 3, 29), H),
            ("Sommerferie", date(2026, 6, 27), date(2026, 8, 9), H),
            ("Sommerferie", date(2027, 6, 26), date(2027, 8, 8), H),
        ],
        [2],
        [],
    ),
    # Weeks with dates in one line: "uge 42 – 13. til 17. oktober" was week 42-13 and 17 October alone;
    # "Pinse: 2. pinsedag mandag 25. maj" names its day (no warning); a label with a year, with weeks.
    "blandet_2025-26.txt": (
        [
            ("Efterårsferie", date(2025, 10, 13), date(2025, 10, 17), H),
            ("Juleferie 2025", date(2025, 12, 22), date(2026, 1, 4), H),
            ("Vinterferie 2026", date(2026, 2, 9), date(2026, 2, 15), H),
            ("Påskeferie: skærtorsdag", date(2026, 4, 2), date(2026, 4, 6), H),
            ("Kr. himmelfartsferie", date(2026, 5, 14), date(2026, 5, 17), H),
            ("Pinse", date(2026, 5, 25), date(2026, 5, 25), H),
            ("Grundlovsdag", date(2026, 6, 5), date(2026, 6, 5), H),
            ("Sommerferie", date(2026, 6, 27), date(2026, 8, 9), H),
            ("Fridag", date(2026, 5, 15), date(2026, 5, 15), H),
            ("Skolen holder lukket", date(2025, 12, 24), date(2025, 12, 26), H),
        ],
        [],  # "Fridag: fredag efter Kr. Himmelfart" is Easter + 40
        [],
    ),
    # Cells with line breaks: "Juleferie<br>(uge 52 og 1)" is weeks 52 and 1, which the dates fill.
    "celler_med_linjeskift_2025-26.html": (
        [
            ("Efterårsferie", date(2025, 10, 11), date(2025, 10, 19), H),
            ("Juleferie", date(2025, 12, 20), date(2026, 1, 4), H),
            ("Vinterferie", date(2026, 2, 9), date(2026, 2, 13), H),
            ("Påskeferie", date(2026, 3, 28), date(2026, 4, 6), H),
            ("Sommerferie", date(2026, 6, 27), date(2026, 8, 9), H),
        ],
        [],
        [],
    ),
    # Word, bold labels above their dates: "Sommerferie 2025" names the year of its dates (was read as
    # 2026, with two weekday warnings).
    "aarstal_i_overskrift_2025-26.docx": (
        [
            ("Sommerferie 2025", date(2025, 6, 28), date(2025, 8, 10), H),
            ("Første skoledag", date(2025, 8, 11), date(2025, 8, 11), E),
            ("Efterårsferie", date(2025, 10, 11), date(2025, 10, 19), H),
            ("Juleferie", date(2025, 12, 20), date(2026, 1, 4), H),
            ("Vinterferie", date(2026, 2, 7), date(2026, 2, 15), H),
            ("Påskeferie", date(2026, 3, 28), date(2026, 4, 6), H),
            ("Kristi himmelfart", date(2026, 5, 14), date(2026, 5, 15), H),
            ("Pinse", date(2026, 5, 25), date(2026, 5, 25), H),
            ("Grundlovsdag", date(2026, 6, 5), date(2026, 6, 5), H),
            ("Sidste skoledag", date(2026, 6, 26), date(2026, 6, 26), E),
            ("Sommerferie 2026", date(2026, 6, 27), date(2026, 8, 9), H),
        ],
        [2],
        [],
    ),
    # "Første skoledag efter sommerferien: mandag den 10. august" below the summer holiday is the next
    # August (was 10.08.2025, a Sunday).
    "efter_sommerferien_2025-26.txt": (
        [
            ("Første skoledag", date(2025, 8, 11), date(2025, 8, 11), E),
            ("Efterårsferie", date(2025, 10, 11), date(2025, 10, 19), H),
            ("Juleferie", date(2025, 12, 20), date(2026, 1, 4), H),
            ("Vinterferie", date(2026, 2, 7), date(2026, 2, 15), H),
            ("Påskeferie", date(2026, 3, 28), date(2026, 4, 6), H),
            ("Kr. Himmelfartsferie", date(2026, 5, 14), date(2026, 5, 17), H),
            ("2. pinsedag", date(2026, 5, 25), date(2026, 5, 25), H),
            ("Grundlovsdag", date(2026, 6, 5), date(2026, 6, 5), H),
            ("Sidste skoledag før sommerferien", date(2026, 6, 26), date(2026, 6, 26), E),
            ("Sommerferie", date(2026, 6, 27), date(2026, 8, 9), H),
            ("Første skoledag efter sommerferien", date(2026, 8, 10), date(2026, 8, 10), E),
        ],
        [],
        [],
    ),
    # English dates left in: "30 March - 6 April" was Påskeferie on 6 April alone, "30 March" left in its
    # label. English month names are read as the month they name (planner.danish.ENGLISH_MONTH_NAMES); the
    # month-first "December 22, 2025 - January 2, 2026" is a warning, never a period.
    "engelske_datoer_2025-26.txt": (
        [
            ("Efterårsferie / Autumn break", date(2025, 10, 13), date(2025, 10, 17), H),
            ("Vinterferie / Winter break", date(2026, 2, 9), date(2026, 2, 15), H),
            ("Påskeferie / Easter", date(2026, 3, 30), date(2026, 4, 6), H),
            ("Sommerferie / Summer", date(2026, 6, 27), date(2026, 8, 9), H),
        ],
        [],
        [(4, "dato uden måned")],
    ),
    # A Første fridag | Sidste fridag table (the HTML the PDF below was printed from).
    "foerste_sidste_fridag_2026-27.html": (
        [
            ("Efterårsferie", date(2026, 10, 10), date(2026, 10, 18), H),
            ("Juleferie", date(2026, 12, 19), date(2027, 1, 3), H),
            ("Vinterferie", date(2027, 2, 13), date(2027, 2, 21), H),
            ("Påskeferie", date(2027, 3, 20), date(2027, 3, 29), H),
            ("Kr. himmelfartsferie", date(2027, 5, 6), date(2027, 5, 9), H),
            ("Pinseferie", date(2027, 5, 15), date(2027, 5, 17), H),
            ("Grundlovsdag", date(2027, 6, 5), date(2027, 6, 5), H),
            ("Sommerferie", date(2027, 6, 26), date(2027, 8, 8), H),
            ("Fridage udover ferierne", date(2027, 5, 7), date(2027, 5, 7), H),
        ],
        [],
        [],
    ),
    # The same table printed to PDF by chromium.
    "foerste_sidste_fridag_2026-27.pdf": (
        [
            ("Efterårsferie", date(2026, 10, 10), date(2026, 10, 18), H),
            ("Juleferie", date(2026, 12, 19), date(2027, 1, 3), H),
            ("Vinterferie", date(2027, 2, 13), date(2027, 2, 21), H),
            ("Påskeferie", date(2027, 3, 20), date(2027, 3, 29), H),
            ("Kr. himmelfartsferie", date(2027, 5, 6), date(2027, 5, 9), H),
            ("Pinseferie", date(2027, 5, 15), date(2027, 5, 17), H),
            ("Grundlovsdag", date(2027, 6, 5), date(2027, 6, 5), H),
            ("Sommerferie", date(2027, 6, 26), date(2027, 8, 8), H),
            ("Fridage udover ferierne", date(2027, 5, 7), date(2027, 5, 7), H),
        ],
        [],
        [],
    ),
    # A Markdown Fra | Til table and "Fridag: fredag efter Kr. Himmelfart" below it (Easter + 40: it was
    # a line not read).
    "fra_til_tabel_2025-26.md": (
        [
            ("Efterårsferie", date(2025, 10, 11), date(2025, 10, 19), H),
            ("Juleferie", date(2025, 12, 20), date(2026, 1, 4), H),
            ("Vinterferie", date(2026, 2, 7), date(2026, 2, 15), H),
            ("Påskeferie", date(2026, 3, 28), date(2026, 4, 6), H),
            ("Kr. himmelfart", date(2026, 5, 14), date(2026, 5, 17), H),
            ("Sommerferie", date(2026, 6, 27), date(2026, 8, 9), H),
            ("Fridag", date(2026, 5, 15), date(2026, 5, 15), H),
            ("Grundlovsdag", date(2026, 6, 5), date(2026, 6, 5), H),
        ],
        [],
        [],
    ),
    # Dated lines under "Fridage i skoleåret": "10. august 2026 – første skoledag" named every day below
    # it (all stored as school days), and its dash swallowed the next line.
    "fridage_liste_2026-27.txt": (
        [
            ("første skoledag", date(2026, 8, 10), date(2026, 8, 10), E),
            ("Fridage", date(2026, 10, 12), date(2026, 10, 16), H),
            ("Fridage", date(2026, 12, 21), date(2027, 1, 3), H),
            ("Fridage", date(2027, 1, 8), date(2027, 1, 8), H),
            ("Fridage", date(2027, 2, 15), date(2027, 2, 21), H),
            ("Fridage", date(2027, 3, 22), date(2027, 3, 29), H),
            ("Fridage", date(2027, 5, 7), date(2027, 5, 7), H),
            ("Fridage", date(2027, 5, 17), date(2027, 5, 17), H),
        ],
        [],
        [],
    ),
    # Abbreviated months ("13.-17. okt.", "5. jun.").
    "korte_maaneder_2025-26.txt": (
        [
            ("Skolestart", date(2025, 8, 11), date(2025, 8, 11), E),
            ("Efterårsferie", date(2025, 10, 13), date(2025, 10, 17), H),
            ("Juleferie", date(2025, 12, 22), date(2026, 1, 2), H),
            ("Vinterferie", date(2026, 2, 9), date(2026, 2, 13), H),
            ("Påskeferie", date(2026, 3, 30), date(2026, 4, 6), H),
            ("Kr. himmelfart", date(2026, 5, 14), date(2026, 5, 15), H),
            ("2. pinsedag", date(2026, 5, 25), date(2026, 5, 25), H),
            ("Grundlovsdag", date(2026, 6, 5), date(2026, 6, 5), H),
            ("Sidste skoledag", date(2026, 6, 26), date(2026, 6, 26), E),
            ("Sommerferie", date(2026, 6, 27), date(2026, 8, 9), H),
        ],
        [],
        [],
    ),
    # Two-letter weekdays ("lø. 11.10. – sø. 19.10."): they were left in the labels ("Efterårsferie: lø.")
    # with a warning per line.
    "korte_ugedage_2025-26.txt": (
        [
            ("Første skoledag", date(2025, 8, 11), date(2025, 8, 11), E),
            ("Efterårsferie", date(2025, 10, 11), date(2025, 10, 19), H),
            ("Juleferie", date(2025, 12, 20), date(2026, 1, 4), H),
            ("Vinterferie", date(2026, 2, 7), date(2026, 2, 15), H),
            ("Påskeferie", date(2026, 3, 28), date(2026, 4, 6), H),
            ("Kr. himmelfart", date(2026, 5, 14), date(2026, 5, 17), H),
            ("2. pinsedag", date(2026, 5, 25), date(2026, 5, 25), H),
            ("Grundlovsdag", date(2026, 6, 5), date(2026, 6, 5), H),
            ("Sommerferie", date(2026, 6, 27), date(2026, 8, 9), H),
        ],
        [],
        [],
    ),
    # Måned | Dato | Ferie/fridag, a row with its month cell empty, "(uge 42)" after the label.
    "maaned_tabel_2026-27.html": (
        [
            ("Første skoledag", date(2026, 8, 10), date(2026, 8, 10), E),
            ("Efterårsferie", date(2026, 10, 12), date(2026, 10, 16), H),
            ("Juleferie", date(2026, 12, 21), date(2026, 12, 31), H),
            ("Juleferie", date(2027, 1, 1), date(2027, 1, 1), H),
            ("Vinterferie", date(2027, 2, 15), date(2027, 2, 19), H),
            ("Påskeferie", date(2027, 3, 22), date(2027, 3, 29), H),
            ("Kr. himmelfart og fredag efter", date(2027, 5, 6), date(2027, 5, 7), H),
            ("2. pinsedag", date(2027, 5, 17), date(2027, 5, 17), H),
            ("Sidste skoledag", date(2027, 6, 25), date(2027, 6, 25), E),
        ],
        [],
        [],
    ),
    # Bold labels in a list; "i skoleåret 2025-26." ends a sentence (was read as a date without a month).
    "punktliste_2025-26.md": (
        [
            ("Efterårsferie", date(2025, 10, 11), date(2025, 10, 19), H),
            ("Juleferie", date(2025, 12, 20), date(2026, 1, 4), H),
            ("Vinterferie", date(2026, 2, 7), date(2026, 2, 15), H),
            ("Påskeferie", date(2026, 3, 28), date(2026, 4, 6), H),
            ("Kr. himmelfartsferie", date(2026, 5, 14), date(2026, 5, 17), H),
            ("Pinse", date(2026, 5, 25), date(2026, 5, 25), H),
            ("Grundlovsdag", date(2026, 6, 5), date(2026, 6, 5), H),
            ("Fridag", date(2026, 5, 15), date(2026, 5, 15), H),
            ("Sommerferie", date(2026, 6, 27), date(2026, 8, 9), H),
        ],
        [15],
        [],
    ),
    # Tabs, a week column and day/month dates across New Year ("22/12 2025 - 2/1 2026").
    "skraastreg_2025-26.txt": (
        [
            ("Efterårsferie", date(2025, 10, 13), date(2025, 10, 17), H),
            ("Juleferie", date(2025, 12, 22), date(2026, 1, 2), H),
            ("Vinterferie", date(2026, 2, 9), date(2026, 2, 13), H),
            ("Påskeferie", date(2026, 3, 28), date(2026, 4, 6), H),
            ("Kr. himmelfart", date(2026, 5, 14), date(2026, 5, 15), H),
            ("Grundlovsdag", date(2026, 6, 5), date(2026, 6, 5), H),
            ("Sommerferie", date(2026, 6, 29), date(2026, 8, 7), H),
        ],
        [],
        [],
    ),
    # The summer before the school year first, weeks only, week 53 of 2026.
    "sommer_foerst_2026-27.txt": (
        [
            ("Sidste skoledag før sommerferien", date(2026, 6, 26), date(2026, 6, 26), E),
            ("Sommerferie", date(2026, 6, 27), date(2026, 8, 9), H),
            ("Første skoledag", date(2026, 8, 10), date(2026, 8, 10), E),
            ("Efterårsferie", date(2026, 10, 12), date(2026, 10, 18), H),
            ("Juleferie", date(2026, 12, 21), date(2027, 1, 3), H),
            ("Vinterferie", date(2027, 2, 15), date(2027, 2, 21), H),
            ("Påskeferie", date(2027, 3, 20), date(2027, 3, 29), H),
            ("Sommerferie", date(2027, 6, 26), date(2027, 8, 8), H),
        ],
        [],
        [],
    ),
    # "oktobre", "febuar", 31. november, 30. februar: one warning each, no period, no noise.
    "stavefejl_2025-26.txt": (
        [
            ("Juleferie", date(2025, 12, 22), date(2026, 1, 2), H),
            ("Påskeferie", date(2026, 3, 30), date(2026, 4, 6), H),
            ("Sommerferie", date(2026, 6, 27), date(2026, 8, 9), H),
        ],
        [],
        [
            (3, "ukendt måned i '17. oktobre'"),
            (4, "datoen findes ikke: 31.11.2025"),
            (6, "ukendt måned i '13. febuar'"),
            (7, "datoen findes ikke: 30.2.2026"),
        ],
    ),
    # Headings and paragraphs in two CSS columns (the source of the PDF below).
    "to_kolonner_2025-26.html": (
        [
            ("Efterårsferie", date(2025, 10, 11), date(2025, 10, 19), H),
            ("Juleferie", date(2025, 12, 20), date(2026, 1, 4), H),
            ("Vinterferie", date(2026, 2, 7), date(2026, 2, 15), H),
            ("Påskeferie", date(2026, 3, 28), date(2026, 4, 6), H),
            ("Kr. Himmelfart", date(2026, 5, 14), date(2026, 5, 17), H),
            ("Pinse", date(2026, 5, 25), date(2026, 5, 25), H),
            ("Grundlovsdag", date(2026, 6, 5), date(2026, 6, 5), H),
            ("Sommerferie", date(2026, 6, 27), date(2026, 8, 9), H),
        ],
        [20],
        [],
    ),
    # Ferie/fridag | 2025/26 | 2026/27: each column in its own school year (the two columns were read as
    # one range, Pinse backwards, the second Grundlovsdag lost).
    "to_skoleaar_2025-27.html": (
        [
            ("Første skoledag", date(2025, 8, 11), date(2025, 8, 11), E),
            ("Første skoledag", date(2026, 8, 10), date(2026, 8, 10), E),
            ("Efterårsferie", date(2025, 10, 11), date(2025, 10, 19), H),
            ("Efterårsferie", date(2026, 10, 10), date(2026, 10, 18), H),
            ("Juleferie", date(2025, 12, 20), date(2026, 1, 4), H),
            ("Juleferie", date(2026, 12, 19), date(2027, 1, 3), H),
            ("Vinterferie", date(2026, 2, 7), date(2026, 2, 15), H),
            ("Vinterferie", date(2027, 2, 13), date(2027, 2, 21), H),
            ("Påskeferie", date(2026, 3, 28), date(2026, 4, 6), H),
            ("Påskeferie", date(2027, 3, 20), date(2027, 3, 29), H),
            ("Kr. himmelfart", date(2026, 5, 14), date(2026, 5, 17), H),
            ("Kr. himmelfart", date(2027, 5, 6), date(2027, 5, 9), H),
            ("Pinse", date(2026, 5, 25), date(2026, 5, 25), H),
            ("Pinse", date(2027, 5, 17), date(2027, 5, 17), H),
            ("Grundlovsdag", date(2026, 6, 5), date(2026, 6, 5), H),
            ("Grundlovsdag", date(2027, 6, 5), date(2027, 6, 5), H),
            ("Sidste skoledag", date(2026, 6, 26), date(2026, 6, 26), E),
            ("Sidste skoledag", date(2027, 6, 25), date(2027, 6, 25), E),
            ("Sommerferie", date(2026, 6, 27), date(2026, 8, 9), H),
            ("Sommerferie", date(2027, 6, 26), date(2027, 8, 8), H),
        ],
        [4, 5, 20],
        [],
    ),
    # A week with its dates: the dates win, a week that disagrees is a warning ("uge 42 (13.-17. oktober)"
    # was the whole week).
    "uge_og_datoer_2025-26.txt": (
        [
            ("Efterårsferie", date(2025, 10, 13), date(2025, 10, 17), H),
            ("Juleferie", date(2025, 12, 20), date(2026, 1, 4), H),
            ("Vinterferie", date(2026, 2, 10), date(2026, 2, 14), H),
            ("Påskeferie", date(2026, 4, 6), date(2026, 4, 10), H),
            ("Sommerferie", date(2026, 6, 27), date(2026, 8, 9), H),
        ],
        [],
        [
            (
                6,
                "ugenummeret passer ikke med datoerne: uge 14 er 30.03.2026 – 05.04.2026, datoerne siger 06.04.2026 – 10.04.2026; datoerne er brugt",
            ),
            (7, "ignoreret tekst: '(første skoledag 10. august)'"),
        ],
    ),
    # Weekday-led ranges with "d." ("lørdag d. 11. oktober - søndag d. 19. oktober").
    "ugedage_d_2025-26.txt": (
        [
            ("Efterårsferie", date(2025, 10, 11), date(2025, 10, 19), H),
            ("Juleferie", date(2025, 12, 20), date(2026, 1, 4), H),
            ("Vinterferie", date(2026, 2, 7), date(2026, 2, 15), H),
            ("Påskeferie", date(2026, 3, 28), date(2026, 4, 6), H),
            ("Kristi himmelfart", date(2026, 5, 14), date(2026, 5, 17), H),
            ("Pinse", date(2026, 5, 25), date(2026, 5, 25), H),
            ("Grundlovsdag", date(2026, 6, 5), date(2026, 6, 5), H),
            ("Sommerferie", date(2026, 6, 27), date(2026, 8, 9), H),
        ],
        [7],
        [],
    ),
    # Word table Ferie | Uge | Bemærkning: "52-53 | fri fra lørdag den 19. december" is 19 December to the
    # weeks' end (was 19 December alone).
    "uger_bemaerkning_2026-27.docx": (
        [
            ("Efterårsferie", date(2026, 10, 12), date(2026, 10, 18), H),
            ("Juleferie", date(2026, 12, 19), date(2027, 1, 3), H),
            ("Vinterferie", date(2027, 2, 15), date(2027, 2, 21), H),
            ("Påskeferie", date(2027, 3, 22), date(2027, 4, 4), H),
            ("Sommerferie", date(2027, 6, 28), date(2027, 8, 15), H),
            ("Kristi himmelfartsferie", date(2027, 5, 6), date(2027, 5, 9), H),
            ("2. pinsedag", date(2027, 5, 17), date(2027, 5, 17), H),
            ("Grundlovsdag", date(2027, 6, 5), date(2027, 6, 5), H),
        ],
        [2, 22],
        [(9, "ignoreret tekst: 'Eleverne har fri'"), (15, "ignoreret tekst: 'Skærtorsdag 2. påskedag'")],
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_published_plan(name: str) -> None:
    periods, unparsed_lines, warnings = EXPECTED[name]
    result = parse_document(read_document((FIXTURES / name).read_bytes(), name))
    assert [(p.label, p.start, p.end, p.kind) for p in result.periods] == periods
    assert [note.pos.line for note in result.unparsed] == unparsed_lines
    assert [(note.pos.line, note.text) for note in result.warnings] == warnings


def test_every_plan_is_pinned() -> None:
    plans = {p.name for p in FIXTURES.iterdir() if p.suffix != ".py"}
    assert plans == set(EXPECTED) | {TWO_COLUMNS_PDF}


TWO_COLUMNS_PDF = "to_kolonner_2025-26.pdf"


def test_a_two_column_pdf_gives_no_wrong_holiday() -> None:
    # The PDF reader reads the two columns across ("Vinterferie" beside "Fredag 5. juni"). Whatever it
    # makes of them, no holiday may land on another holiday's dates: each period read is one the
    # document states (its HTML source, pinned above), and the rest are warnings or lines not read.
    stated = {(p[0], p[1], p[2]) for p in EXPECTED["to_kolonner_2025-26.html"][0]}
    result = parse_document(read_document((FIXTURES / TWO_COLUMNS_PDF).read_bytes(), TWO_COLUMNS_PDF))
    assert {(p.label, p.start, p.end) for p in result.periods} <= stated
    assert len(result.periods) + len(result.unparsed) + len(result.warnings) >= len(stated)


def test_the_cli_imports_a_two_school_year_table_into_a_real_database(empty_db) -> None:
    plan = FIXTURES / "to_skoleaar_2025-27.html"
    dry = planner("holidays", "import", plan, "--db", empty_db, "--dry-run", "--json")
    assert dry.returncode == 0, dry.stderr
    stored = planner("holidays", "import", plan, "--db", empty_db, "--json")
    assert stored.returncode == 0, stored.stderr
    payload = json.loads(stored.stdout)
    expected = [(label, f"{s:%Y-%m-%d}", f"{e:%Y-%m-%d}") for label, s, e, _ in EXPECTED[plan.name][0]]
    assert [(p["label"], p["start"], p["end"]) for p in json.loads(dry.stdout)] == expected
    assert [(p["label"], p["start"], p["end"]) for p in payload["periods"]] == expected
    assert payload["added"] == len(expected) == 20


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("Vinterferie: fredag 5. juni", "'Vinterferie' 05.06.2026 kan ikke være vinterferie"),
        ("Efterårsferie: 14.-17. maj", "'Efterårsferie' 14.05.2026 – 17.05.2026 kan ikke være efterårsferie"),
        ("- Juleferie: 25. maj", "'Juleferie' 25.05.2026 kan ikke være juleferie"),
        ("Grundlovsdag: 5. juli", "'Grundlovsdag' 05.07.2026 kan ikke være grundlovsdag"),
        ("Efterårsferie: lø. 12.10. – sø. 19.10.", "12.10.2025 er en søndag, ikke lørdag"),
    ],
)
def test_a_holiday_on_a_date_it_cannot_have_is_a_warning(line: str, message: str) -> None:
    result = parse_ferieplan(f"Ferieplan 2025/26\n{line}\n", "plan.txt")
    assert [(note.pos.line, note.text[: len(message)]) for note in result.warnings] == [(2, message)]
    if "kan ikke være" in message:
        assert result.periods == []  # never stored on a date the document cannot mean


def test_holidays_in_their_season_and_across_new_year_are_read() -> None:
    text = (
        "Ferieplan 2025/26\nJuleferie: 20. december – 4. januar\nPinse: 25. maj\nKr. himmelfart 14.-17. maj\n"
    )
    result = parse_ferieplan(text, "plan.txt")
    assert [(p.start, p.end) for p in result.periods] == [
        (date(2025, 12, 20), date(2026, 1, 4)),
        (date(2026, 5, 25), date(2026, 5, 25)),
        (date(2026, 5, 14), date(2026, 5, 17)),
    ]
    assert result.warnings == []


def test_a_year_that_ends_a_sentence_is_the_year() -> None:
    # Without the year (the school year 2026/27 would say 2027) it is Saturday 5 June 2027.
    result = parse_ferieplan("Ferieplan 2026/27\nGrundlovsdag: fredag 5. juni 2026.\n", "plan.txt")
    assert [(p.start, p.end) for p in result.periods] == [(date(2026, 6, 5), date(2026, 6, 5))]
    assert result.warnings == []


def test_school_days_with_something_on_close_nothing() -> None:
    text = (
        "Ferieplan 2025/26\nMotionsdag: fredag 10. oktober\nPædagogisk dag (eleverne har fri): mandag 3. november"
        "\nJuleafslutning: fredag 19. december\n"
    )
    result = parse_ferieplan(text, "plan.txt")
    assert [(p.label, p.start, p.kind) for p in result.periods] == [
        ("Motionsdag", date(2025, 10, 10), E),
        ("Pædagogisk dag (eleverne har fri)", date(2025, 11, 3), H),
        ("Juleafslutning", date(2025, 12, 19), E),
    ]
