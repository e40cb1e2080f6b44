"""Reading a Wilson-Center-style citation: archive and reference, licence, contributors, translators.

The citation itself is always kept verbatim (``sourceDesc/bibl``); this module only pulls parts out.

    >>> c = "\\"Title,\\" April, 1962, History and Public Policy Program Digital Archive, GARF, f. 5446, op. 1, d. 20, l. 3. Translated by Gary Goldberg."
    >>> a = read_citation(c).archive; (a.repository, a.idno)
    ('GARF', 'f. 5446, op. 1, d. 20, l. 3')
    >>> read_citation(c).translators
    ['Gary Goldberg']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Archive

DIGITAL_ARCHIVE = "History and Public Policy Program Digital Archive"
PUBLISHER = "Wilson Center"

# Sentences that follow the archival reference in a citation.
_TAIL = re.compile(
    r"(?<=\.)\s+(?=(?:Translated|Reproduced|Contributed|Obtained|Included|Published|Originally|Donated|"
    r"Courtesy|Made available|Provided|Transcribed|Edited|Also|Originally|Document|Available|Copy|See)\b)"
)
_FORMER = re.compile(r"\s*\((?:formerly|previously|old reference|former reference)\s+([^)]+)\)", re.I)
_SUBJECT = re.compile(r",?\s*Subject:.*$", re.S)
_NAMES = r"((?:[A-Z][a-z]?\.\s*)*[^.]*?(?:\s[A-Z]\.\s*[^.]*?)*)(?:\.(?=\s|$)|$)"
_CONTRIB = re.compile(r"\b[Cc]ontributed by " + _NAMES)
_SUBJECT_TEXT = re.compile(r"\bSubject:\s*['‘“\"](?P<subject>.+?)['’”\"](?=\s*(?:[.,;]|$))")
_TRANSL = re.compile(r"\b(?:Obtained and )?[Tt]ranslated(?: for [A-Z][\w ]*?)? by\s+" + _NAMES)
_LICENCE = re.compile(r"(Reproduced (?:from|with|by)[^.]*(?:\.(?=\S)[^.]*)*\.)")
_NAME_SPLIT = re.compile(r"\s*(?:,\s*and\s+|\s+and\s+|,\s*|;\s*|\s*&\s*)")


@dataclass
class CitationParts:
    """What a citation tells beyond its verbatim text."""

    archive: Archive | None = None
    subject: str | None = None
    licence: str | None = None
    contributors: list[str] = field(default_factory=list)
    translators: list[str] = field(default_factory=list)
    publisher: str | None = None
    distributor: str | None = None


def _names(text: str) -> list[str]:
    return [n.strip() for n in _NAME_SPLIT.split(text.strip().rstrip(".")) if n.strip()]


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def _strip_end(part: str) -> str:
    """Trailing punctuation off, but not the dot of an abbreviation ("ő.e.", "f.")."""
    part = part.strip().rstrip(",;").rstrip()
    if part.endswith("."):
        last = part.split()[-1] if part.split() else ""
        if not ("." in last[:-1] or (len(last) <= 3 and last[:-1].isalpha())):
            part = part[:-1].rstrip()
    return part


def _archive(part: str) -> Archive | None:
    """Split ``"GARF, f. 5446, op. 1"`` into repository and reference."""
    part = _strip_end(_SUBJECT.sub("", part))
    former = None
    m = _FORMER.search(part)
    if m:
        former = m.group(1).strip()
        part = _strip_end(part[: m.start()] + part[m.end():])
    if not part or not part[0].isupper():
        return None
    segments = [s.strip() for s in part.split(",") if s.strip()]
    first = segments[0]
    if _has_digit(first):
        words = first.split()
        for i, word in enumerate(words):
            if _has_digit(word):
                break
        if i == 0:
            return None
        repository = " ".join(words[:i])
        idno = ", ".join([" ".join(words[i:])] + segments[1:])
    else:
        repository = first
        rest = segments[1:]
        if not rest or not any(_has_digit(s) for s in rest):
            return None
        idno = ", ".join(rest)
    if len(repository) > 120 or len(repository.split()) > 14:
        return None
    return Archive(repository=repository, idno=idno or None, former=former)


def read_citation(citation: str) -> CitationParts:
    """Pull out of a citation what tei-tools puts into the header."""
    text = " ".join(citation.split())
    parts = CitationParts()
    if DIGITAL_ARCHIVE in text:
        parts.publisher = PUBLISHER
        parts.distributor = DIGITAL_ARCHIVE
        after = text.split(DIGITAL_ARCHIVE, 1)[1].lstrip(" ,")
        tail = _TAIL.search(after)
        archival = after[: tail.start()] if tail else after
        parts.archive = _archive(archival)
    m = _SUBJECT_TEXT.search(text)
    if m:
        parts.subject = m["subject"].strip()
    m = _LICENCE.search(text)
    if m:
        parts.licence = m.group(1).strip()
    for m in _CONTRIB.finditer(text):
        parts.contributors.extend(_names(m.group(1)))
    for m in _TRANSL.finditer(text):
        parts.translators.extend(_names(m.group(1)))
    return parts
