"""Danish calendar facts, checked against the `holidays` package rather than restated."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import holidays
import pytest
from dateutil.easter import easter

from planner.calendar.denmark import (
    DEFAULT_CONFIG,
    CalendarConfigError,
    all_closures,
    closure_on,
    closures_between,
    easter_sundays,
    holiday_key,
    is_closed,
    load_config,
    merge_closures,
    no_meeting_days,
    public_holidays,
    school_holidays,
)
from planner.calendar.periods import Period

YEARS = range(2023, 2028)


def _one(periods: list[Period], label: str, year: int) -> Period:
    found = [p for p in periods if p.label == label and p.start.year == year]
    assert len(found) == 1, (label, year, found)
    return found[0]


@pytest.mark.parametrize("year", YEARS)
def test_public_holidays_match_the_package(year: int) -> None:
    expected = holidays.country_holidays("DK", years=year, language="da")
    got = public_holidays([year])
    assert {(p.start, p.label) for p in got} == set(expected.items())
    assert all(p.kind == "public_holiday" and p.source == "holidays" and p.days == 1 for p in got)


@pytest.mark.parametrize("year", YEARS)
def test_store_bededag_abolished_from_2024(year: int) -> None:
    labels = {p.label for p in public_holidays([year])}
    assert ("Store bededag" in labels) == (year <= 2023)


def test_store_bededag_2023_date() -> None:
    assert _one(public_holidays([2023]), "Store bededag", 2023).start == date(2023, 5, 5)


@pytest.mark.parametrize("year", YEARS)
def test_easter_comes_from_the_package(year: int) -> None:
    assert easter_sundays([year]) == {year: easter(year)}


@pytest.mark.parametrize("year", YEARS)
def test_paaskeferie_is_saturday_before_palm_sunday_to_easter_monday(year: int) -> None:
    p = _one(school_holidays([year]), "Påskeferie", year)
    assert p.start == easter(year) - timedelta(days=8)
    assert p.start.weekday() == 5
    anden_paaskedag = _one(public_holidays([year]), "Anden påskedag", year).start
    assert p.end == anden_paaskedag


@pytest.mark.parametrize("year", YEARS)
def test_no_meeting_days_default(year: int) -> None:
    got = {(p.label, p.start) for p in no_meeting_days([year])}
    assert got == {
        ("Juleaftensdag", date(year, 12, 24)),
        ("Nytårsaftensdag", date(year, 12, 31)),
        ("Grundlovsdag", date(year, 6, 5)),
    }
    assert all(p.kind == "no_meeting_day" for p in no_meeting_days([year]))


def test_no_meeting_days_toggle() -> None:
    assert [(p.label, p.start) for p in no_meeting_days([2025], {"1_maj"})] == [("1. maj", date(2025, 5, 1))]
    assert no_meeting_days([2025], set()) == []
    with_may = no_meeting_days([2025], {"1_maj", "grundlovsdag", "juleaftensdag", "nytaarsaftensdag"})
    assert len(with_may) == 4
    with pytest.raises(ValueError, match="ukendte mødefri dage"):
        no_meeting_days([2025], {"fastelavn"})


def test_school_holiday_examples() -> None:
    periods = school_holidays([2024, 2025])
    vinter = _one(periods, "Vinterferie", 2025)
    assert (vinter.start, vinter.end) == (date(2025, 2, 10), date(2025, 2, 16))
    efteraar = _one(periods, "Efterårsferie", 2024)
    assert (efteraar.start, efteraar.end) == (date(2024, 10, 14), date(2024, 10, 20))
    sommer = _one(periods, "Sommerferie", 2025)
    assert (sommer.start, sommer.end) == (date(2025, 6, 28), date(2025, 8, 10))
    assert all(p.source == "config:norddjurs" and p.kind == "school_holiday" for p in periods)


def test_juleferie_crosses_the_year_and_is_found_from_either_side() -> None:
    jul = _one(school_holidays([2025]), "Juleferie", 2024)  # the one ending 2 Jan 2025
    assert (jul.start, jul.end) == (date(2024, 12, 21), date(2025, 1, 2))
    jul = _one(school_holidays([2025]), "Juleferie", 2025)
    assert (jul.start, jul.end) == (date(2025, 12, 21), date(2026, 1, 2))


def test_default_config_loads() -> None:
    config = load_config(DEFAULT_CONFIG)
    assert config.source == "config:norddjurs"
    assert [r.label for r in config.school_holidays] == [
        "Vinterferie",
        "Påskeferie",
        "Sommerferie",
        "Efterårsferie",
        "Juleferie",
    ]
    assert config.no_meeting_days == {"juleaftensdag", "nytaarsaftensdag", "grundlovsdag"}
    assert (config.rhythm.weekday, f"{config.rhythm.start:%H:%M}") == (2, "09:00")


BAD_RULES = [
    ('label = "Vinterferie"\nweek = 54', "Vinterferie", "week"),
    ('label = "Påskeferie"\neaster_offset = [1, -8]', "Påskeferie", "easter_offset"),
    ('label = "Juleferie"\nfrom = "12-32"\nto = "01-02"', "Juleferie", "12-32"),
    ('label = "Sommerferie"\nfrom = "W26-6"', "Sommerferie", "præcis én"),
    ('label = "Sommerferie"\nfrom = "uge 26"\nto = "W32-7"', "Sommerferie", "uge 26"),
    ('label = "X"\nweek = 7\nfarve = "rød"', "X", "farve"),
    ("week = 7", "school_holidays[1]", "label"),
]


@pytest.mark.parametrize(("rule", "label", "detail"), BAD_RULES)
def test_bad_rule_names_file_and_rule(tmp_path: Path, rule: str, label: str, detail: str) -> None:
    path = tmp_path / "kommune.toml"
    path.write_text(f"[[school_holidays]]\n{rule}\n", encoding="utf-8")
    with pytest.raises(CalendarConfigError) as err:
        school_holidays([2025], path)
    assert str(path) in str(err.value)
    assert label in str(err.value)
    assert detail in str(err.value)


@pytest.mark.parametrize(
    "text",
    [
        "[[school_holidays]\n",
        "[no_meeting_days]\nfastelavn = true\n",
        '[meeting_rhythm]\nweekday = "fredagen"\n',
    ],
)
def test_bad_config_names_file(tmp_path: Path, text: str) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CalendarConfigError, match=r"broken\.toml"):
        load_config(path)


def test_missing_config_names_file(tmp_path: Path) -> None:
    with pytest.raises(CalendarConfigError, match=r"findes-ikke\.toml"):
        load_config(tmp_path / "findes-ikke.toml")


def _doc(label: str, start: date, end: date | None = None) -> Period:
    return Period(label, start, end or start, "school_holiday", "ferieplan:plan.txt")


def test_forward_plan_row_inside_the_config_holiday_confirms_it() -> None:
    config = school_holidays([2024, 2025])
    row = Period("Efterårsferie", date(2024, 10, 16), date(2024, 10, 16), "closure", "document:referat.txt")
    merged = merge_closures(config, [row])  # the Direktion's one-Wednesday row
    efteraar = [p for p in merged if holiday_key(p.label) == "efterårsferie"]
    assert [(p.start, p.end, p.source) for p in efteraar] == [
        (date(2024, 10, 14), date(2024, 10, 20), "config:norddjurs"),  # the whole week stays
        (date(2024, 10, 16), date(2024, 10, 16), "document:referat.txt"),
        (date(2025, 10, 13), date(2025, 10, 19), "config:norddjurs"),
    ]
    assert closure_on(date(2024, 10, 16), merged) == row  # the document names the day itself


def test_ferieplan_inside_the_config_holiday_replaces_it() -> None:
    """A school's published plan states the holiday itself, even when it is shorter than the rule."""
    merged = merge_closures(
        school_holidays([2025]), [_doc("Påskeferie", date(2025, 4, 14), date(2025, 4, 21))]
    )
    assert [(p.start, p.source) for p in merged if p.label == "Påskeferie"] == [
        (date(2025, 4, 14), "ferieplan:plan.txt")
    ]


def test_document_holiday_in_another_week_replaces_config_of_that_year() -> None:
    config = school_holidays([2024, 2025])
    doc = _doc("Efterårsferie", date(2024, 10, 21), date(2024, 10, 25))  # uge 43, not 42
    merged = merge_closures(config, [doc])
    efteraar = [p for p in merged if holiday_key(p.label) == "efterårsferie"]
    assert [(p.start, p.source) for p in efteraar] == [
        (date(2024, 10, 21), "ferieplan:plan.txt"),
        (date(2025, 10, 13), "config:norddjurs"),  # other years keep the config rule
    ]


def test_moved_holiday_replaces_config_without_overlap() -> None:
    merged = merge_closures(
        school_holidays([2025]), [_doc("Vinterferie", date(2025, 2, 17), date(2025, 2, 23))]
    )
    vinter = [p for p in merged if p.label == "Vinterferie"]
    assert [(p.start, p.end) for p in vinter] == [(date(2025, 2, 17), date(2025, 2, 23))]


def test_label_spellings_match() -> None:
    assert holiday_key("Kr. Himmelfart") == holiday_key("Kristi himmelfartsferie")
    assert holiday_key("Efterårsferie (uge 42)") == holiday_key("efterårsferie")
    assert holiday_key("1. maj") == holiday_key("Arbejdernes kampdag")
    assert holiday_key("Juleaftensdag") != holiday_key("Juleferie")


def test_document_cannot_remove_public_holidays_and_unrelated_labels_stay() -> None:
    law = public_holidays([2025])
    config = school_holidays([2025])
    doc = _doc("Fridag", date(2025, 4, 14))  # inside påskeferie, different holiday
    merged = merge_closures(law + config, [_doc("Påske", date(2025, 4, 17), date(2025, 4, 21)), doc])
    assert set(law) <= set(merged)
    assert not any(p.label == "Påskeferie" for p in merged)
    assert doc in merged


def test_closure_on_prefers_documents_then_law_then_short_periods() -> None:
    closures = all_closures([2025])
    assert closure_on(date(2025, 6, 5), closures).label == "Grundlovsdag"
    assert closure_on(date(2025, 4, 18), closures).label == "Langfredag"  # law beats påskeferie
    assert closure_on(date(2025, 4, 15), closures).label == "Påskeferie"
    assert closure_on(date(2025, 3, 5), closures) is None
    doc = _doc("Påskeferie", date(2025, 4, 12), date(2025, 4, 21))
    assert closure_on(date(2025, 4, 18), [*closures, doc]) == doc
    assert is_closed(date(2025, 12, 24), closures)
    assert not is_closed(date(2025, 5, 1), closures)  # 1. maj is off by default


def test_school_events_never_close_a_day() -> None:
    event = Period("Skolestart", date(2025, 8, 11), date(2025, 8, 11), "school_event", "ferieplan:x")
    assert closure_on(date(2025, 8, 11), [event]) is None
    assert closures_between(date(2025, 8, 1), date(2025, 8, 31), [event]) == []


def test_all_closures_uses_documents_and_toggles() -> None:
    doc = _doc("Efterårsferie", date(2025, 10, 18), date(2025, 10, 26))
    closures = all_closures([2025], document_periods=[doc], no_meeting={"1_maj"})
    assert is_closed(date(2025, 5, 1), closures)
    assert not any(p.label == "Juleaftensdag" for p in closures)  # toggled off (juleferie still closes)
    assert not is_closed(date(2025, 10, 13), closures)  # config's uge 42 replaced
    assert closure_on(date(2025, 10, 22), closures) == doc
    between = closures_between(date(2025, 10, 1), date(2025, 10, 31), closures)
    assert between == [doc]


def test_period_validates() -> None:
    with pytest.raises(ValueError, match="before start"):
        Period("X", date(2025, 1, 2), date(2025, 1, 1), "closure", "document:x")
    with pytest.raises(ValueError, match="unknown kind"):
        Period("X", date(2025, 1, 1), date(2025, 1, 1), "ferie", "document:x")
    p = Period("X", date(2025, 1, 1), date(2025, 1, 3), "closure", "document:x")
    assert p.contains(date(2025, 1, 3)) and not p.contains(date(2025, 1, 4))
    assert p.dates() == [date(2025, 1, 1), date(2025, 1, 2), date(2025, 1, 3)]
    assert p.to_json()["end"] == "2025-01-03"
