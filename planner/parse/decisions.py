"""Decisions that schedule agenda points:

- "Til mødet i direktionen den 14. august skal følgende punkter tilføjes: - ..."
- "Punktet blev udskudt til direktionsmøde den 13. september"
- "Borgermødet behandles på møde i direktionen den 31. januar"
- "Punktet bliver forventligt ultimo august eller primo september" (a backlog point with a hint)
- "Punktet blev udsat.", "Sagen udsættes til et senere møde." (a backlog point: put off, no new date)
- "Punktet blev flyttet til mødet i april." (a backlog point with the month as its hint)
"""

from __future__ import annotations

import re
from datetime import date

from planner.danish import MONTH_NAMES, MONTHS, WEEKDAY_NAMES, words_pattern
from planner.dates import find_dates
from planner.documents import ITEM, Block, Paragraph
from planner.parse.model import AgendaPoint, ParseWarning
from planner.parse.textprep import split_sentences

_MOVED_WORDS = (
    "udskudt",
    "udsat",
    "flyttet",
    "overført",
    "udskydes",
    "udsættes",
    "flyttes",
    "rykket",
    "rykkes",
)
# The verbs above as a regex alternation (no word of them is the start of another: their order is free)
_MOVED_ALTERNATION = "|".join(_MOVED_WORDS)
# The weekdays a meeting may be moved to, as written before its day ("flyttes til onsdag den 21. januar")
_WORKDAYS = "|".join(WEEKDAY_NAMES[:5])
_MEETING = (
    r"(?:direktionsmøde(?:t)?|(?:det\s+)?(?:næste\s+)?møde(?:t)?\s+i\s+direktionen|direktionens\s+møde)"
)
# "den 26. marts", "d. 2/4", "den 7.1.2026"
_NUMERIC_DAY = r"\d{1,2}/\d{1,2}(?:\s+\d{4})?|\d{1,2}\.\d{1,2}\.(?:\d{4}(?!\d))?"  # "2/4", "7.1.2026"
_DAY = r"\d{1,2}\.?\s*[A-Za-zæøå]+\.?(?:\s+\d{4})?|" + _NUMERIC_DAY
_DATE_REF = r"(?:den|d\.)\s+(?P<date>" + _DAY + ")"
# A day after the verb without "den" ("udskudt til 7.1.2026", "udsat til 26. marts"), or after its weekday
# ("flyttes til onsdag den 21. januar"): a day of a month only
_DAY_REF = (
    r"(?:(?:"
    + _WORKDAYS
    + r")\s+)?(?:(?:den|d\.)\s+)?(?P<date>\d{1,2}\.\s*[A-Za-zæøå]+\.?(?:\s+\d{4})?|"
    + _NUMERIC_DAY
    + ")"
)
_LIST_INTRO = re.compile(
    r"(?:til|på)\s+" + _MEETING + r"\s+" + _DATE_REF + r".*?(?:punkt(?:er)?|følgende)\b.*:\s*$", re.IGNORECASE
)
# The verb phrase is matched; its subject is the text before it back to the previous full stop. Matching
# the subject inside the pattern would make every pattern quadratic on a long sentence.
# In the board's own decision "Punktet" is its case and a meeting named without its body ("mødet den 26. marts",
# "næste møde d. 2/4") is the board's; a meeting of another body says so ("mødet i Økonomiudvalget").
_BARE_MEETING = r"(?:det\s+)?(?:næste\s+)?møde(?:t)?(?!\s+i\s)"
_MOVED_VERB = r"(?:\b(?:blev|bliver|er|skal)\s+)?\b(?:" + _MOVED_ALTERNATION + r")\s+til\s+"
_TREATED_VERB = (
    r"\b(?:behandles|drøftes|genoptages|tages\s+op|genbehandles)\s+(?:igen\s+)?(?:på|til)\s+(?:et\s+)?"
)
_MOVED = re.compile(_MOVED_VERB + _MEETING + r"\s+" + _DATE_REF, re.IGNORECASE)
_TREATED = re.compile(_TREATED_VERB + _MEETING + r"\s+" + _DATE_REF, re.IGNORECASE)
_MOVED_BARE = re.compile(_MOVED_VERB + _BARE_MEETING + r"\s+" + _DATE_REF, re.IGNORECASE)
_TREATED_BARE = re.compile(_TREATED_VERB + _BARE_MEETING + r"\s+" + _DATE_REF, re.IGNORECASE)
# "Punktet blev udsat til den 26. marts", "Punktet genoptages d. 2/4": in the board's decision a day alone is
# its own meeting's day, as "mødet den 26. marts" is; "… den 18. marts i Økonomiudvalget" is another body's
_NOT_ELSEWHERE = r"(?!\w)(?!\.?(?:\s+\d{4})?,?\s+(?:i|på|af)\s+(?!direktionen\b)\w)"
_MOVED_DAY = re.compile(_MOVED_VERB + _DAY_REF + _NOT_ELSEWHERE, re.IGNORECASE)
_TREATED_DAY = re.compile(
    r"\b(?:behandles|drøftes|genoptages|genbehandles)\s+(?:igen\s+)?" + _DATE_REF + _NOT_ELSEWHERE,
    re.IGNORECASE,
)
# "Udsat til 26. marts." opening the case's decision (or a sentence of it: "Drøftet. Udsat til 26. marts."; the
# case is named only after verdicts): the case is put off to the board's meeting that day
_MOVED_OPENING = re.compile(
    r"(?:^(?:beslutning:\s*)?|(?<=[.!]\s))(?:"
    + _MOVED_ALTERNATION
    + r")\s+til\s+"
    + _DAY_REF
    + _NOT_ELSEWHERE,
    re.IGNORECASE,
)
# "Punktet udsættes til næste møde" (no date): the case goes to the board's next meeting, which the document's
# forward plan gives (`planner.parse.document` sets the date); a date after it is read by _MOVED_BARE
_MOVED_NEXT = re.compile(
    _MOVED_VERB + r"(?:det\s+)?(?:næste|førstkommende|kommende)\s+(?:direktions)?møde(?P<date>)"
    r"(?![\wæøå])(?!\s+i\s)(?!,?\s*(?:d\.|den|dato)?\s*\d)",
    re.IGNORECASE,
)
# "Punktet genoptages på næste møde", "tages op igen på førstkommende møde": as `_MOVED_NEXT`, not put off
_TREATED_NEXT = re.compile(
    r"\b(?:behandles|drøftes|genoptages|tages\s+op|genbehandles)\s+(?:igen\s+)?(?:på|til)\s+"
    r"(?:det\s+)?(?:næste|førstkommende|kommende)\s+(?:direktions)?møde(?P<date>)"
    r"(?![\wæøå])(?!\s+i\s)(?!,?\s*(?:d\.|den|dato)?\s*\d)",
    re.IGNORECASE,
)
_EXPECTED = re.compile(
    r"\bPunktet\s+(?:bliver|forventes|planlægges|kommer)\b[^.]{0,200}?\b(?:primo|medio|ultimo)\b[^.]{0,200}",
    re.IGNORECASE,
)
# "Punktet blev udsat.", "Sagen udsættes til et senere møde", "… udskudt på ubestemt tid": put off with no
# new date. The case leaves this meeting for the backlog; the decision is its note.
_MOVED_UNDATED = re.compile(
    r"(?:\b(?:blev|bliver|er|skal)\s+)?\b(?:udskudt|udsat|flyttet|udskydes|udsættes|flyttes|rykket|rykkes)"
    r"(?:\s*(?:[.;!]|$)|\s+(?:til\s+(?:et\s+)?senere(?:\s+(?:møde|direktionsmøde|tidspunkt|dato))?|på\s+ubestemt\s+tid"
    r"|indtil\s+videre)\b[^.]*)",
    re.IGNORECASE,
)
# "Punktet blev flyttet til mødet i april", "udsat til maj 2025", "udskudt til ultimo april": a month and no
# day, the backlog with the month as its hint (a meeting of another body, "mødet i Økonomiudvalget", is none)
_MOVED_MONTH = re.compile(
    _MOVED_VERB
    + r"(?:(?:et\s+|det\s+)?(?:direktions)?møde(?:t)?\s+i\s+)?(?P<fuzzy>(?:primo|medio|ultimo)\s+)?"
    r"(?P<month>" + words_pattern(MONTH_NAMES) + r")(?![\wæøå])(?:\s+(?P<year>\d{4}))?",
    re.IGNORECASE,
)
# "Punktet genoptages i maj", "drøftes igen på mødet i juni": taken up again in a month, no day (a backlog point
# with the month as its hint, as `_MOVED_MONTH`)
_TREATED_MONTH = re.compile(
    r"\b(?:behandles|drøftes|genoptages|tages\s+op|genbehandles)\s+(?:igen\s+)?(?:(?:på|til|i)\s+)?"
    r"(?:(?:et\s+|det\s+)?(?:direktions)?møde(?:t)?\s+i\s+)?(?P<fuzzy>(?:primo|medio|ultimo)\s+)?"
    r"(?P<month>" + words_pattern(MONTH_NAMES) + r")(?![\wæøå])(?:\s+(?P<year>\d{4}))?"
    # "Punktet behandles i maj i Økonomiudvalget": another body's meeting, no month of the board's
    r"(?!,?\s+(?:i|på|af)\s+(?!direktionen\b)\w)",
    re.IGNORECASE,
)
# "Punktet udgår.", "Sygefravær udgår af planen", "Sagen blev trukket tilbage", "… tages af dagsordenen": the point is
# taken off the plan (*aflyst* on import)
_DROPPED = re.compile(
    r"(?:\b(?:blev|bliver|er|skal)\s+)?\b(?:udgår|udgik|trækkes\s+tilbage|trukket\s+tilbage|tages\s+af\s+(?:dagsordenen|planen)"
    r"|taget\s+af\s+(?:dagsordenen|planen))\b",
    re.IGNORECASE,
)
_DROPPED_WORDS = ("udgår", "udgik", "tilbage", "tages af", "taget af")
_LONGEST_LIST_INTRO = 400
_TREATED_WORDS = ("behandles", "drøftes", "genoptages", "tages op", "genbehandles")
# A decision that opens with taking the case up again ("Genoptages i maj.", "Drøftes igen på næste møde.")
_TAKEN_UP_OPENINGS = ("genoptages", "genbehandles", "behandles igen", "drøftes igen", "tages op igen")
_INLINE_PART = "beslutning:"
_GENERIC_SUBJECT = re.compile(r"^(?:punktet|sagen|det|den|emnet|drøftelsen)$", re.IGNORECASE)


def parse_decisions(
    blocks: list[Block],
    ref: date | None,
    source_note: str,
    case_title: str | None = None,
    plan_points: tuple[str, ...] | None = None,
) -> tuple[list[AgendaPoint], list[AgendaPoint], list[ParseWarning]]:
    """Returns (points scheduled on a date, backlog points with a hint, warnings) from decision text.
    `case_title`: the title of the case the decision belongs to, the point "Punktet" means when no bullet
    above names another. `plan_points`: in the forward plan's own section, the points its plan lists: a
    sentence that opens with one of them ("Status på budget 2026 blev udsat.") is about that point, and a
    sentence that moves something else is said."""
    lines = [b for b in blocks if isinstance(b, Paragraph)]
    scheduled: list[AgendaPoint] = []
    backlog: list[AgendaPoint] = []
    warnings: list[ParseWarning] = []
    topic_line: str | None = None  # the latest bullet; its first sentence is the topic, when needed
    previous_line = ""  # the last sentence of it is computed only when a point refers back to it
    i = 0
    while i < len(lines):
        line = lines[i]
        plain = line.text
        bullet = plain if line.kind == ITEM else None  # (`is_item` without its call: asked of every line)
        if bullet is not None:
            topic_line = bullet
        lowered = plain.lower()
        # "Punktet …", "Sagen …", or a decision that opens with its verb ("Udsat til 26. marts.")
        # ("Beslutning: Flyttet til næste møde.": the verb opens the decision after its inline part name)
        # ("Drøftet. Genoptages i marts.": after the short verdicts)
        opening = _after_verdicts(
            plain[len(_INLINE_PART) :].lstrip() if lowered.startswith(_INLINE_PART) else plain
        ).lower()
        the_case = (
            "punktet" in lowered
            or "sagen" in lowered
            or opening.startswith(_MOVED_WORDS)
            or opening.startswith(_TAKEN_UP_OPENINGS)
        )
        # Each pattern is tried only on a line that holds one of its verbs, asked once a line; the verbs' stems
        # first (every word of `_MOVED_WORDS` holds "uds", "flytte", "overført" or "rykke"; of `_TREATED_WORDS`
        # "behandles", "drøftes" or "tages"): most lines hold none.
        moved = (
            "uds" in lowered or "flytte" in lowered or "overført" in lowered or "rykke" in lowered
        ) and any(w in lowered for w in _MOVED_WORDS)
        treated = ("behandles" in lowered or "drøftes" in lowered or "tages" in lowered) and any(
            w in lowered for w in _TREATED_WORDS
        )
        dropped = any(w in lowered for w in _DROPPED_WORDS)  # "Punktet udgår", "trukket tilbage"
        named_here = False  # the sentence names its own point: no bullet above is its topic
        # "Status på budget 2026 blev udsat.": a point of the plan above, by its name; "Budget 2027 udsættes til
        # 4. marts." (a short title before the verb) in the plan's own decision is that point too
        if (
            plan_points is not None
            and (moved or treated)
            and not the_case
            and ((plan_points and _opens_with_point(plain, plan_points)) or _titled_subject(plain))
        ):
            the_case = named_here = True
        # A decision naming a point of its own ("Status på budget 2026 blev flyttet til mødet den 2. april")
        # is read for the board's meeting it names, as "Punktet …" is.
        if (
            "direktion" not in lowered
            and not the_case
            and not ((moved or treated) and "møde" in lowered)
            and not ((moved or dropped) and plan_points is not None)
        ):
            if plain:
                previous_line = plain
            i += 1
            continue
        intro = (
            _LIST_INTRO.search(plain) if plain.endswith(":") and len(plain) < _LONGEST_LIST_INTRO else None
        )
        if intro:
            when = _date(intro.group("date"), ref, line, warnings)
            j = i + 1
            while j < len(lines) and lines[j].is_item:
                item = lines[j].text
                if item and when:
                    scheduled.append(
                        _decision_point(item, lines[j], when, f"{source_note}, {line.pos.label()}")
                    )
                j += 1
            i = j
            continue
        readings = [(_MOVED, moved, True), (_TREATED, treated, False)] if moved or treated else []
        if readings and "møde" in lowered:
            readings += [(_MOVED_BARE, moved, True), (_TREATED_BARE, treated, False)]
        if readings and the_case:
            if "møde" in lowered:
                readings += [(_MOVED_NEXT, moved, True), (_TREATED_NEXT, treated, False)]
            readings += [(_MOVED_DAY, moved, True), (_TREATED_DAY, treated, False)]
            if opening.startswith(_MOVED_WORDS):
                readings.append((_MOVED_OPENING, moved, True))
        read_before = len(scheduled) + len(backlog) + len(warnings)
        # the bullet above, unless the sentence names its own point (wanted only where a verb moves or treats)
        topic = _first_sentence(topic_line) if readings and topic_line and not named_here else None
        for pattern, said, postponed in readings:
            if not said:
                continue
            # "Beslutning: Punktet blev udskudt …": the part's name before the decision is no subject
            previous_end = len(_INLINE_PART) if lowered.startswith(_INLINE_PART) else 0
            previous_start = previous_end
            for m in pattern.finditer(plain):
                begin = max(previous_end, plain.rfind(".", 0, m.start()) + 1)
                previous_end = m.end()
                phrase = plain[begin : m.end()].strip()
                when = _date(m.group("date"), ref, line, warnings)
                if when:
                    _check_weekday(m.group(0), when, line, warnings)
                subject = plain[begin : m.start()].strip(" ,-")
                # "Punktet" opening the decision is its case; after another sentence it may be the point
                # that sentence names ("Evaluering af HOI. Punktet blev udskudt …"), and that is said.
                here = topic or (case_title if _only_verdicts(plain[previous_start:begin]) else None)
                title = _point_title(subject, here)
                if title and _GENERIC_SUBJECT.match(title):
                    warnings.append(
                        ParseWarning(
                            line.no, f"kan ikke se hvilket punkt der menes: '{phrase}'", line.pos.page
                        )
                    )
                elif title and (when or pattern is _MOVED_NEXT or pattern is _TREATED_NEXT):
                    # (the next meeting's date is set later)
                    note = f"{source_note}, {line.pos.label()}: {phrase}"
                    scheduled.append(_decision_point(title, line, when, note, postponed))
        expected = _EXPECTED.search(plain) if "punktet" in lowered else None
        if expected:
            before = plain[: expected.start()].strip()
            title = _last_sentence(before) or _last_sentence(previous_line)
            if title:
                spans, _ = find_dates(expected.group(0), ref, bias="future")
                hint = ", ".join(s.text for s in spans)
                note = f"{source_note}, {line.pos.label()}: forventet {hint}"
                backlog.append(_decision_point(title, line, None, note))
        if dropped and (the_case or plan_points is not None):
            # the case ("Punktet udgår"), or in the plan's own decision the point it names ("Sygefravær udgår")
            _dropped(line, source_note, case_title, topic_line, scheduled, warnings)
        nothing_read = len(scheduled) + len(backlog) + len(warnings) == read_before
        if the_case and moved and nothing_read:
            _put_off(line, ref, source_note, topic, case_title, backlog, warnings)
        elif plan_points is not None and moved and not the_case and nothing_read:
            # In the plan's own section a sentence moving something that is no point ("Mødet den 18. marts
            # flyttes …") is said, not dropped
            warnings.append(
                ParseWarning(
                    line.no,
                    f"beslutningen flytter noget, der ikke kan læses som et punkt: '{plain[:120]}'; intet er flyttet",
                    line.pos.page,
                )
            )
        elif the_case and treated and nothing_read:
            # "Punktet genoptages i maj": taken up again in a month (a sentence that names none moves nothing)
            _put_off(line, ref, source_note, topic, case_title, backlog, warnings, taken_up=True)
        if plain:
            previous_line = plain
        i += 1
    return _unique(scheduled), backlog, warnings


def _opens_with_point(text: str, points: tuple[str, ...]) -> bool:
    """A sentence of `text` opens with one of `points` and goes on ("Status på budget 2026 blev udsat.")."""
    sentences = [s.strip().lower() for s in split_sentences(text)]
    return any(
        sentence.startswith(point.lower()) and sentence[len(point) : len(point) + 1] in (" ", ",")
        for point in points
        if point
        for sentence in sentences
    )


# "Budget 2027 udsættes til 4. marts": a short title, then the verb that moves it (never the meeting itself)
_TITLED_SUBJECT = re.compile(
    r"^(?:[-–•*]\s*)?(?P<subject>[A-ZÆØÅ][\wæøåÆØÅ/&-]*(?:\s+[\wæøåÆØÅ/&.-]+){0,7}?)\s+(?:blev\s+|bliver\s+|er\s+|skal\s+)?"
    r"(?:" + _MOVED_ALTERNATION + r"|behandles|drøftes|genoptages|tages\s+op"
    r"|genbehandles)\b"
)
_NOT_A_POINT = re.compile(
    r"^(?:møde|mødet|mødets|direktionen|direktionsmødet|det|den|dette|der|næste|alle|punkterne|planen)\b",
    re.IGNORECASE,
)


def _titled_subject(text: str) -> bool:
    """The decision opens with a short title and the verb that moves it ("Budget 2027 udsættes til 4. marts.");
    not the meeting ("Mødet den 18. februar flyttes …") nor a word that names no point."""
    m = _TITLED_SUBJECT.match(text)
    return (
        m is not None
        and not _NOT_A_POINT.match(m.group("subject"))
        and not _GENERIC_SUBJECT.match(m.group("subject"))
    )


def _point_title(subject: str, here: str | None) -> str:
    """The point a decision's sentence is about: its subject, or the case (or bullet) `here` when the subject
    is only "Punktet" or names the same thing."""
    if here and (not subject or _GENERIC_SUBJECT.match(subject) or _same_topic(subject, here)):
        return here
    return subject


def _put_off(
    line: Paragraph,
    ref: date | None,
    source_note: str,
    topic: str | None,
    case_title: str | None,
    backlog: list[AgendaPoint],
    warnings: list[ParseWarning],
    taken_up: bool = False,
) -> None:
    """The case's decision moves it, and no reading above found the board's meeting it goes to: put off with
    no date, or to a month, it is a backlog point; anything else is said, never dropped. `taken_up`: the
    decision takes the case up again ("genoptages"), read only with a month."""
    plain = line.text
    start = len(_INLINE_PART) if plain.lower().startswith(_INLINE_PART) else 0
    if taken_up:
        found = _TREATED_MONTH.search(plain, start)
        if found is None:
            return  # "Sagen drøftes igen." names no time: nothing moved
    else:
        readings = [m for m in (_MOVED_MONTH.search(plain, start), _MOVED_UNDATED.search(plain, start)) if m]
        found = min(readings, key=lambda m: m.start()) if readings else None  # the first the line says
    if found is None:
        sentence = plain[start:].strip()
        warnings.append(
            ParseWarning(
                line.no,
                f"beslutningen flytter punktet, men ikke til et direktionsmøde der kan læses: '{sentence}'; "
                "punktet er ikke flyttet",
                line.pos.page,
            )
        )
        return
    named = _named_point(line, start, found, topic, case_title, warnings)
    if named is None:
        return
    title, phrase = named
    month = found.re is _MOVED_MONTH or found.re is _TREATED_MONTH
    said = f"forventet {_month_hint(found, ref)}" if month else f"{phrase}; ingen ny dato"
    backlog.append(_decision_point(title, line, None, f"{source_note}, {line.pos.label()}: {said}", True))


def _named_point(
    line: Paragraph,
    start: int,
    found: re.Match,
    topic: str | None,
    case_title: str | None,
    warnings: list[ParseWarning],
) -> tuple[str, str] | None:
    """(the point, the phrase) the sentence of `found` is about: its subject, or the case (or bullet) when the
    subject is only "Punktet"; None, and said, when it names no point."""
    plain = line.text
    begin = max(start, plain.rfind(".", 0, found.start()) + 1)
    subject = plain[begin : found.start()].strip(" ,-")
    title = _point_title(subject, topic or (case_title if _only_verdicts(plain[start:begin]) else None))
    phrase = plain[begin : found.end()].strip().rstrip(".")
    if not title or _GENERIC_SUBJECT.match(title):
        warnings.append(
            ParseWarning(line.no, f"kan ikke se hvilket punkt der menes: '{phrase}'", line.pos.page)
        )
        return None
    return title, phrase


def _dropped(
    line: Paragraph,
    source_note: str,
    case_title: str | None,
    topic_line: str | None,
    scheduled: list[AgendaPoint],
    warnings: list[ParseWarning],
) -> None:
    """ "Punktet udgår.", "Sygefravær udgår.": the point taken off the plan, dated later (the deciding meeting)."""
    plain = line.text
    start = len(_INLINE_PART) if plain.lower().startswith(_INLINE_PART) else 0
    found = _DROPPED.search(plain, start)
    if found is None:
        return
    topic = _first_sentence(topic_line) if topic_line else None
    named = _named_point(line, start, found, topic, case_title, warnings)
    if named is None:
        return
    title, phrase = named
    point = _decision_point(title, line, None, f"{source_note}, {line.pos.label()}: {phrase}")
    point.dropped = True
    scheduled.append(point)


def _month_hint(found: re.Match, ref: date | None) -> str:
    """'april 2025' for "til mødet i april" decided in March 2025: the month's next coming, as the decision
    means it; without a reference date the month alone."""
    month_name = found.group("month").lower()
    month = MONTHS[month_name]
    fuzzy = (found.group("fuzzy") or "").strip().lower()
    year = found.group("year") or (str(ref.year + (month < ref.month)) if ref else "")
    return " ".join(part for part in (fuzzy, month_name, year) if part)


# The short verdicts a decision opens with ("Godkendt.", "Drøftet.", "Taget til efterretning."): they name no point.
_VERDICT = re.compile(
    r"^(?:godkendt|drøftet|tiltrådt|anbefalet|vedtaget|behandlet|taget til efterretning|orienteringen blev taget"
    r"|orienteringen taget|direktionen drøftede|ingen bemærkninger)\b",
    re.IGNORECASE,
)
_LONGEST_VERDICT = 60


def _after_verdicts(text: str) -> str:
    """The decision after the short verdicts it opens with ("Drøftet. Genoptages i marts." -> "Genoptages i
    marts."); the text as it is when it opens with none."""
    if not _VERDICT.match(text):
        return text
    sentences = [s.strip() for s in split_sentences(text)]
    k = 0
    while k < len(sentences) and len(sentences[k]) <= _LONGEST_VERDICT and _VERDICT.match(sentences[k]):
        k += 1
    return " ".join(sentences[k:])


def _only_verdicts(text: str) -> bool:
    """Nothing, or only verdicts, before "Punktet" in its paragraph."""
    return all(
        len(sentence) <= _LONGEST_VERDICT and _VERDICT.match(sentence)
        for sentence in (s.strip() for s in split_sentences(text.strip()) if s.strip())
    )


def _decision_point(
    text: str, at: Paragraph, when: date | None, note: str, postponed: bool = False
) -> AgendaPoint:
    """A point a decision names, at the paragraph that names it (without the sentence's full stop)."""
    return AgendaPoint(
        text=text.rstrip("."),
        line=at.no,
        date=when,
        origin="decision",
        note=note,
        page=at.pos.page,
        postponed=postponed,
    )


def _date(text: str, ref: date | None, line: Paragraph, warnings: list[ParseWarning]) -> date | None:
    spans, problems = find_dates(text, ref, bias="future")
    warnings.extend(ParseWarning(line.no, p.message, line.pos.page) for p in problems)
    return spans[0].start if spans else None


_WEEKDAY_BEFORE = re.compile(r"\b(" + _WORKDAYS + r")\s+(?:den\s+|d\.\s*)?\d", re.IGNORECASE)


def _check_weekday(phrase: str, when: date, line: Paragraph, warnings: list[ParseWarning]) -> None:
    """ "flyttes til torsdag den 21. januar" when 21 January is a Wednesday: the day is read as written, and said."""
    m = _WEEKDAY_BEFORE.search(phrase)
    if m and WEEKDAY_NAMES.index(m.group(1).lower()) != when.weekday():
        warnings.append(
            ParseWarning(
                line.no,
                f"'{phrase.strip().rstrip('.')}': {when.isoformat()} er en {WEEKDAY_NAMES[when.weekday()]}, "
                f"ikke {m.group(1).lower()}",
                line.pos.page,
            )
        )


def _first_sentence(text: str) -> str:
    return split_sentences(text)[0] if text else text


def _last_sentence(text: str) -> str | None:
    sentences = split_sentences(text)
    return sentences[-1] if sentences else None


def _same_topic(subject: str, topic: str) -> bool:
    """'Borgermødet' refers to the bullet 'Borgermøde d. 12. marts'."""
    stem = subject.lower().split()[0][:6] if subject.split() else ""
    return len(subject.split()) <= 2 and bool(stem) and stem in topic.lower()


def to_next_meeting(doc_points: list[AgendaPoint], dates: list[date], warnings: list[ParseWarning]) -> None:
    """Date the points a decision put off "til næste møde" with the first of `dates` (the board's meetings
    after this one, as the forward plan lists them); without one the point is dropped and said."""
    for point in [p for p in doc_points if p.date is None and p.origin == "decision" and not p.dropped]:
        if dates:
            point.date = dates[0]
        else:
            doc_points.remove(point)
            warnings.append(
                ParseWarning(
                    point.line,
                    f"'{point.text}' er udsat til næste møde, men dokumentet viser ikke hvornår det er; "
                    "punktet er ikke flyttet",
                    point.page,
                )
            )


def _unique(points: list[AgendaPoint]) -> list[AgendaPoint]:
    seen: set[tuple] = set()
    out = []
    for p in points:
        key = (p.text.lower(), p.date)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out
