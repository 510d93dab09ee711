"""People named in agenda text: participants ("Specialkonsulent X deltager") and owners."""

from __future__ import annotations

import re

from planner.parse.textprep import split_sentences

_ROLE_SUFFIX = re.compile(
    r"(?:konsulent|chef|direktør|leder|borgmester|sekretær|rådgiver|formand|medarbejder|specialist)$",
    re.IGNORECASE,
)
_NAME_RUN = re.compile(r"(?:[A-ZÆØÅ][\wæøåÆØÅ.-]*)(?:\s+(?:[A-ZÆØÅ][\wæøåÆØÅ.-]*))*")
_VERB = re.compile(r"\b(?:deltager|deltog|deltage|inviteres|præsenterer|orienterer)\b", re.IGNORECASE)
_NOT_NAMES = {"Direktionen", "Bilag", "Borgmester", "Ledelsessekretariatet", "Punktet", "Fra", "Gæster"}


def participants_in(text: str) -> list[str]:
    """Names of the people the text says take part ("... deltager under behandlingen")."""
    found: list[str] = []
    for sentence in split_sentences(text):
        verb = _VERB.search(sentence)
        if not verb:
            continue
        for m in _NAME_RUN.finditer(sentence[: verb.start()]):
            words = [w.strip(".,") for w in m.group(0).split()]
            while words and (_ROLE_SUFFIX.search(words[0]) or words[0] in _NOT_NAMES):
                words = words[1:]
            if len(words) >= 2 and " ".join(words) not in found:
                found.append(" ".join(words))
        if re.match(r"^\s*Borgmester(?:en)?\b", sentence) and "Borgmester" not in found:
            found.append("Borgmester")
    return found


def same_person(a: str, b: str) -> bool:
    """'Kim Bruun' and 'Kim Bruun Nielsen' are the same person; 'Kim Tommy Jensen' is not."""
    wa, wb = a.lower().split(), b.lower().split()
    if not wa or not wb:
        return False
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return long_[: len(short)] == short or (len(short) >= 2 and all(w in long_ for w in short))
