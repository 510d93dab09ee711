"""Agendas and minutes of the Direktion's family that were read wrongly, or not at all, without a word.

Each fixture in tests/fixtures/unseen7/ (made by make_unseen7.py) holds one family of such layouts: members
written without their titles ("Deltagere: Jonas Kroustrup, Lene Mehlsen Thomsen, …", whose first names were
read as titles, so no initials or first names resolved); a "Fravær" column saying who is away as people
write it ("Lene (ferie)", "Kim deltager ikke", "Kim" and "Lene" on two lines) and a "Bemærkninger" column
saying it; absence sentences naming several people ("Jonas og Lene deltager ikke") or standing after a
point and a dash ("Budget 2026 – Kim deltager ikke"); a point that cancels the meeting ("KB-seminar – intet
møde"); an "Uge" column with the meeting's date in brackets ("uge 50 (10. dec.)"); the backlog written on
its lead-in's line; a wiki's italics with underscores; a decision putting the case off to a day without
naming the meeting ("Punktet blev udsat til den 26. marts") or to the next meeting; the political cycle typed under the fields
of a document without sections, with dates without "d." and two cycles on one line; the plan's title merged
over its header row and an "Ansvarlig direktør" column; the next meetings side by side, a column each; dated
lines numbered by hand ("1. 12. marts: Budget 2026"); and absences written short ("Kim: ferie", "KBN ferie").
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from helpers_parsed import FIXTURES, JONAS, KIM, LENE, D, fixture_reader, rows, said
from helpers_proc import plan_state, planner_as_user

from planner.parse.document import parse_bytes

UNSEEN = FIXTURES / "unseen7"
doc = fixture_reader(UNSEEN)


def run(*args, db: Path | None = None) -> subprocess.CompletedProcess:
    return planner_as_user(*args, db=db)


def test_members_written_without_titles_are_whole_names_and_the_plan_resolves_them():
    d = doc("direktion_2025_03_05_names_without_titles.md")
    assert [(m.role, m.name) for m in d.meeting.members] == [("", JONAS), ("", LENE), ("", KIM)]
    # "Afbud: KBN" and "Kim deltager ikke" are Kim Bruun Nielsen once the names are read whole
    assert rows(d)[:2] == [
        (D(2025, 3, 12), ["Budget 2026"], [], [KIM]),
        (D(2025, 3, 19), ["Strategi 2030"], [], [KIM]),
    ]
    assert not any("overskriftslinje" in m for m in said(d))


def test_a_wiki_line_in_underscore_italics_is_read_without_its_underscores():
    d = doc("direktion_2025_03_05_names_without_titles.md")
    # "_Aflyst – KB-seminar_" cancels the meeting; it was a point with its underscores
    assert rows(d)[2] == (D(2025, 3, 26), [], ["Aflyst – KB-seminar"], [])
    assert d.awaiting_date and [p.text for p in d.awaiting_date] == ["Arbejdsmiljøstrategi"]


def test_an_absence_column_reads_reasons_sentences_and_one_name_per_line():
    d = doc("direktion_2025_01_08_absence_column_forms.docx")
    assert rows(d) == [
        (D(2025, 1, 15), ["Budget 2026"], [], [LENE]),  # "Lene (ferie)" was a point "Afbud: Lene (ferie)"
        (
            D(2025, 1, 22),
            ["Sygefravær"],
            [],
            [KIM],
        ),  # "Kim deltager ikke" was a point "Afbud: Kim deltager ikke"
        (D(2025, 1, 29), ["Strategi 2030"], [], [KIM, LENE]),  # "Kim" / "Lene" was one name "Kim Lene"
        (D(2025, 2, 5), ["Rekruttering"], [], [JONAS]),  # in "Bemærkninger": was dropped without a word
        (D(2025, 2, 12), [], ["KB-seminar – intet møde"], []),  # was a point on a meeting that is not held
    ]
    assert said(d) == []


def test_absence_sentences_naming_several_people_or_after_a_dash_and_the_backlog_on_its_lead_in():
    d = doc("direktion_2025_01_29_absence_sentences.txt")
    assert rows(d) == [
        (D(2025, 2, 5), ["Budget 2026"], [], [KIM]),
        (D(2025, 2, 12), [], [], [JONAS, LENE]),
        (D(2025, 2, 19), ["Sygefravær"], [], [JONAS, LENE, KIM]),  # the full stop parted point and note
        (D(2025, 2, 26), [], [], []),
    ]
    # "Punkter som afventer dato: Strategi 2030; Regeringens lovprogram" on one line was lost without a word
    assert [(p.text, p.line) for p in d.awaiting_date] == [
        ("Strategi 2030", 23),
        ("Regeringens lovprogram", 23),
    ]
    assert said(d) == []


def test_a_week_column_with_the_date_in_brackets_is_read_across_new_year_and_a_wrong_week_is_said():
    d = doc("direktion_2025_12_03_uge_column_dated.docx")
    assert rows(d) == [
        (D(2025, 12, 10), ["Budgetopfølgning"], [], []),
        (D(2025, 12, 17), ["Julefrokost"], [], [KIM]),
        (D(2025, 12, 24), [], ["Juleferie"], []),
        (D(2025, 12, 31), [], ["Juleferie"], []),  # 31 December 2025 lies in week 1 of 2026
        (D(2026, 1, 7), ["Strategi 2030"], [], []),
        (D(2026, 1, 14), ["Rekruttering"], [], []),
    ]
    # Each row was "uge i fremadrettet plan ikke forstået"; now only the week that disagrees is said
    assert said(d) == ["'uge 4 (14. jan.)': 14. januar 2026 ligger i uge 3"]
    assert d.warnings[0].line == 27


def test_a_decision_putting_the_case_off_to_a_day_moves_it_to_the_boards_meeting_that_day():
    d = doc("referat_2025_03_12_udsat_til_den.txt")
    # "Punktet behandles den 18. marts i Økonomiudvalget" is another body's meeting: not the board's
    # "Udsat til 2. april." and "Sagen blev udsat til den 9. april" say the same of their cases
    assert [(p.text, p.date, p.postponed) for p in d.scheduled_by_decision] == [
        ("Rekruttering af ny ungechef", D(2025, 3, 26), True),
        ("Sundhedsaftale", D(2025, 4, 2), True),
        ("Arbejdsmiljøstrategi", D(2025, 4, 9), True),
        # "Punktet udsættes til næste møde": the plan's next meeting (19 March has none: KL-konference)
        ("Sygefravær", D(2025, 3, 26), True),
    ]
    assert said(d) == []


def test_cycle_lines_under_the_fields_of_a_document_without_sections_are_the_cycle_only():
    d = doc("direktion_2025_01_08_rul_lines_no_sections.txt")
    assert [(c.label, c.oekonomiudvalg, c.kommunalbestyrelse) for c in d.political_cycles] == [
        ("januar", D(2025, 1, 7), D(2025, 1, 14)),
        ("februar", D(2025, 2, 4), D(2025, 2, 18)),
        ("marts", D(2025, 3, 4), D(2025, 3, 18)),  # the second cycle of line 6 was not read
    ]
    # "ØK 4/2 2025" (without "d.") was also an event "ØK", and every cycle line "overskriftslinje ikke forstået"
    assert d.events == []
    assert said(d) == []


def test_the_import_stores_the_absences_and_the_cancelled_meeting_of_the_absence_column(tmp_path):
    db = tmp_path / "plan.db"
    proc = run("import", UNSEEN / "direktion_2025_01_08_absence_column_forms.docx", db=db)
    assert proc.returncode == 0, proc.stderr
    state = plan_state(db, ("absences", "closures"))
    away = sorted((a["person"], a["start"]) for a in state["absences"])
    assert away == sorted(
        [
            (LENE, "2025-01-15"),
            (KIM, "2025-01-22"),
            (KIM, "2025-01-29"),
            (LENE, "2025-01-29"),
            (JONAS, "2025-02-05"),
        ]
    )
    assert [(c["label"], c["start"]) for c in state["closures"]] == [
        ("KB-seminar – intet møde", "2025-02-12")
    ]
    parsed = json.loads(
        run("parse", "--json", UNSEEN / "direktion_2025_03_05_names_without_titles.md").stdout
    )
    assert [m["name"] for m in parsed[0]["meeting"]["members"]] == [JONAS, LENE, KIM]


def test_underscores_inside_words_and_file_names_stay_as_written():
    from planner.documents.text_reader import clean_inline

    assert clean_inline("_Aflyst – KB-seminar_") == "Aflyst – KB-seminar"
    assert clean_inline("Bilag: referat_2025_03_12.docx") == "Bilag: referat_2025_03_12.docx"
    assert clean_inline("snake_case og _kursiv_ her") == "snake_case og kursiv her"


def test_a_title_row_merged_over_the_header_row_and_an_owner_column_are_no_rows_and_no_points():
    d = doc("direktion_2025_03_05_title_row_owner_column.docx")
    assert rows(d) == [
        (D(2025, 3, 12), ["Budget 2026"], [], []),  # "KBN" of "Ansvarlig direktør" was a second point
        (D(2025, 3, 19), ["Sygefravær"], [], []),
        (D(2025, 3, 26), [], [], []),
    ]
    assert [[p.owner for p in r.points] for r in d.forward_plan] == [[KIM], [LENE], []]
    # "Punkter til næste møde" and "Mødedato" were each "dato i fremadrettet plan ikke forstået"
    assert said(d) == []


def test_the_next_meetings_side_by_side_are_a_column_each():
    d = doc("direktion_2025_03_05_meetings_across.docx")
    assert rows(d) == [
        (D(2025, 3, 12), ["Budget 2026", "Sygefravær"], [], [KIM]),  # "Afbud | KBN"
        (D(2025, 3, 19), ["Strategi 2030"], [], []),
        (D(2025, 3, 26), [], ["Påskeferie"], []),
    ]
    assert said(d) == []
    page = doc("direktion_2025_03_05_meetings_across.html")  # without the column of row names
    assert rows(page) == [
        (D(2025, 3, 12), ["Budget 2026"], [], ["Kim"]),
        (D(2025, 3, 19), ["Strategi 2030"], [], []),
        (D(2025, 3, 26), [], ["Intet møde – påskeferie"], []),
    ]
    assert said(page) == []


def test_dated_lines_numbered_by_hand_are_rows():
    d = doc("direktion_2025_03_05_counted_dated_lines.md")
    # "1. 12. marts: Budget 2026" was read as nothing at all, without a word
    assert rows(d) == [
        (D(2025, 3, 12), ["Budget 2026"], [], []),
        (D(2025, 3, 19), ["Sygefravær"], [], []),
        (D(2025, 3, 26), ["Strategi 2030"], [], []),
    ]


def test_absences_written_short_are_read_only_for_a_member():
    d = doc("direktion_2025_01_29_absence_shorthand.txt")
    assert rows(d) == [
        (D(2025, 2, 5), ["Budget 2026"], [], [KIM]),  # "Budget 2026. Kim er på kursus"
        (D(2025, 2, 12), [], [], [KIM]),  # "Kim: ferie"
        (D(2025, 2, 19), [], [], [LENE]),  # "Lene – ferie"
        (D(2025, 2, 26), [], [], [KIM]),  # "KBN ferie"
        (D(2025, 3, 5), ["Status: ferie"], [], []),  # no member is called "Status"
    ]


def test_members_with_their_initials_in_brackets_are_named_without_them():
    d = doc("direktion_2025_12_03_names_with_initials.txt")
    # "Jonas Kroustrup (JK)" was the name with "(JK)" in it (and "Lene" a title), so no initials resolved
    assert [(m.role, m.name) for m in d.meeting.members] == [
        ("Kommunaldirektør", JONAS),
        ("", LENE),
        ("", KIM),
    ]
    assert rows(d) == [
        (D(2025, 12, 10), ["Budgetopfølgning"], [], [LENE]),
        (D(2025, 12, 17), ["Julefrokost"], [], [JONAS, KIM]),
    ]


def test_a_case_put_off_to_the_next_meeting_without_a_plan_is_said():
    text = (UNSEEN / "referat_2025_03_12_udsat_til_den.txt").read_text(encoding="utf-8")
    alone = text[: text.index("6. Punkter til næste møde")]  # the minutes without their forward plan
    d = parse_bytes(alone.encode("utf-8"), "referat_2025_03_12.txt")
    assert [p.text for p in d.scheduled_by_decision] == [
        "Rekruttering af ny ungechef",
        "Sundhedsaftale",
        "Arbejdsmiljøstrategi",
    ]
    assert said(d) == [
        "'Sygefravær' er udsat til næste møde, men dokumentet viser ikke hvornår det er; punktet er ikke flyttet"
    ]
