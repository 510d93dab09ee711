"""Recognising the same agenda point across documents whose wording drifts a little."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from difflib import SequenceMatcher

from planner.parse.textprep import split_sentences

SIMILARITY_THRESHOLD = 0.82

_STOP = {"af", "og", "i", "på", "til", "for", "med", "den", "det", "de", "en", "et", "om", "d", "ved"}
_PUNCTUATION = re.compile(r"[^\wæøå ]+")  # compiled once: an import normalises every point's title many times


def normalise_title(title: str) -> str:
    text = title.lower().replace("–", " ").replace("-", " ")
    text = _PUNCTUATION.sub(" ", text)
    words = [w for w in text.split() if w not in _STOP]
    return " ".join(words)


# Where a title runs straight into its description ("Direktionsseminar Direktionen mødes ...",
# "... i 2025 Specialkonsulent X deltager"): a sentence subject or a job title starts the description.
_DESCRIPTION_STARTS = {
    "Direktionen",
    "Punktet",
    "Der",
    "Det",
    "Den",
    "De",
    "På",
    "I",
    "Som",
    "Materialet",
    "Borgmester",
    "Borgmesteren",
    "Bilag",
    "Referencegruppen",
    "Sagen",
}
_ROLE = re.compile(r"^(?:[A-ZÆØÅ][\wæøå-]*)(?:konsulent|chef|direktør|leder|sekretær)\b")
_NO_CUT_AFTER = {
    "af",
    "og",
    "i",
    "på",
    "til",
    "for",
    "med",
    "om",
    "ved",
    "fra",
    "hos",
    "mellem",
    "samt",
    "–",
    "-",
}


def short_title(text: str, limit: int = 120) -> str:
    """The first sentence of a point's text, cut where the description begins, as its title."""
    first = split_sentences(text)[0] if text.strip() else text
    first = first.rstrip(".").strip()
    words = first.split(" ")
    for k in range(1, len(words)):
        word = words[k].rstrip(",")
        if (word in _DESCRIPTION_STARTS or _ROLE.match(word)) and words[k - 1].lower() not in _NO_CUT_AFTER:
            first = " ".join(words[:k]).rstrip(" ,–-")
            break
    if len(first) > limit:
        first = first[: limit - 1].rsplit(" ", 1)[0] + "…"
    return first


def similarity(a: str, b: str) -> float:
    """Similarity of two normalised titles: word overlap, or the character ratio for small rewordings."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    wa, wb = set(a.split()), set(b.split())
    common = len(wa & wb)
    overlap = common / max(len(wa), len(wb))
    # "Evaluering af HOI" inside a longer merged row still counts as the same point.
    if common == min(len(wa), len(wb)) and common >= 3:
        return max(overlap, 0.85)
    if overlap >= SIMILARITY_THRESHOLD or overlap < 0.34:
        return overlap  # clearly the same or clearly different: no character comparison needed
    matcher = SequenceMatcher(None, a[:160], b[:160], autojunk=False)
    if matcher.real_quick_ratio() < SIMILARITY_THRESHOLD or matcher.quick_ratio() < SIMILARITY_THRESHOLD:
        return overlap
    return max(matcher.ratio(), overlap)


def point_uid(title: str, first_date: date | None, salt: str = "") -> str:
    return normalised_point_uid(normalise_title(title), first_date, salt)


def normalised_point_uid(normalised: str, first_date: date | None, salt: str = "") -> str:
    """point_uid of a title already normalised (normalise_title)."""
    key = f"{normalised}|{first_date.isoformat() if first_date else '-'}|{salt}"
    return "p-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def event_uid(title: str, start: date, kind: str) -> str:
    return normalised_event_uid(normalise_title(title), start, kind)


def normalised_event_uid(normalised: str, start: date, kind: str) -> str:
    """event_uid of a title already normalised (normalise_title)."""
    key = f"{kind}|{normalised}|{start.isoformat()}"
    return "e-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
