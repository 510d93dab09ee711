"""The greeting and covering words of the e-mail an agenda came in ("Hej alle", "Hermed dagsordenen til onsdag.")
are reported as the letter's text, not as header lines the grammar failed to understand (stop 23's report); a
covering line with the meeting's facts in it is not the letter's ("… onsdag d. 15/1 kl. 9-13")."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from planner.parse.document import parse_file

MAIL = Path(__file__).parent / "fixtures" / "letter_text" / "dagsorden_i_mailens_tekst.eml"


def test_the_mails_greeting_is_said_to_be_letter_text():
    [doc] = [parse_file(MAIL)]
    assert doc.meeting.date == date(2026, 3, 4)
    assert [(w.line, w.message) for w in doc.unparsed] == [
        (1, "brevtekst (ikke en del af dokumentet): Hej alle"),
        (3, "brevtekst (ikke en del af dokumentet): Hermed dagsordenen til onsdag. Husk at læse bilagene."),
    ]
    assert [(r.date, [p.text for p in r.points]) for r in doc.forward_plan] == [
        (date(2026, 3, 11), ["Budgetopfølgning 1"]),
        (date(2026, 3, 18), ["Sygefravær og trivsel"]),
    ]


def test_a_covering_line_with_the_meetings_facts_is_not_called_letter_text(tmp_path):
    text = MAIL.read_bytes().replace(b"Hej alle", b"Hermed dagsorden til m\xc3\xb8det onsdag d. 4/3 kl. 9-13")
    mail = tmp_path / MAIL.name
    mail.write_bytes(text)
    doc = parse_file(mail)
    assert (doc.unparsed[0].line, doc.unparsed[0].message) == (
        1,
        "overskriftslinje ikke forstået: Hermed dagsorden til mødet onsdag d. 4/3 kl. 9-13",
    )
