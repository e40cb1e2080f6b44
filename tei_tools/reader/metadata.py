"""The metadata block of a transcription: bold date line, bold title, ``**Label:**`` sections.

:func:`read_metadata` returns the :class:`~tei_tools.model.Metadata` and the index of the first line
of the document proper. A transcription with no metadata block gives ``Metadata(present=False)`` and
index 0.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..citation import read_citation
from ..dates import is_undated, looks_like_date, read_date
from ..languages import lookup
from ..model import Metadata, Section
from .body import classification_of

Warn = Callable[[int | None, str, str], None]

# A section label stands alone on its line: "**Citation:**" (also typed "**Citation**:"). Text after
# it on the same line ("**Note:** this memo ...") is document text in bold, not a label.
LABEL = re.compile(r"^\*\*(?P<label>[^*\n]{1,80}?)(?::\*\*|\*\*\s*:)\s*$")
# The known labels are recognised without their colon too ("**Citation**"), with a warning.
LOOSE_LABEL = re.compile(r"^\*\*(?P<label>citation|summary|original language|contents)\*\*\s*$", re.IGNORECASE)
_RULE_LINE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
_BULLET = re.compile(r"^\s*[-*+]\s+(?P<item>.*?)\s*$")
_URL = re.compile(r"^\s*<(?P<url>https?://[^>\s]+)>\s*$")
_BARE_URL = re.compile(r"^\s*(?P<url>https?://\S+)\s*$")
KNOWN = {"citation", "summary", "original language", "contents"}


def _blank(line: str) -> bool:
    return not line.strip()


def _bold_groups(lines: list[str], i: int) -> tuple[list[tuple[int, str]], int]:
    """Read consecutive bold spans (``**...**``, possibly over several lines) that are not labels."""
    groups: list[tuple[int, str]] = []
    n = len(lines)
    while i < n:
        while i < n and _blank(lines[i]):
            i += 1
        if i >= n or not lines[i].lstrip().startswith("**") or _label(lines[i]) is not None:
            break
        start = i
        parts: list[str] = []
        while i < n and not _blank(lines[i]):
            parts.append(lines[i].strip())
            i += 1
            if len(parts[0]) >= 4 and parts[-1].endswith("**") and (len(parts) > 1 or len(parts[0]) > 4):
                break
        text = " ".join(parts)
        if text.startswith("**"):
            text = text[2:]
        if text.endswith("**"):
            text = text[:-2]
        groups.append((start + 1, " ".join(text.split())))
    return groups, i


def _paragraph(lines: list[str], i: int) -> tuple[list[tuple[int, str]], int]:
    """The lines of one paragraph starting at or after ``i`` (blank lines skipped first)."""
    n = len(lines)
    while i < n and _blank(lines[i]):
        i += 1
    out: list[tuple[int, str]] = []
    while i < n and not _blank(lines[i]):
        out.append((i + 1, lines[i]))
        i += 1
    return out, i


def _bullets(lines: list[str], i: int) -> tuple[list[str], int]:
    """Consecutive ``- item`` lines, blank lines between them allowed."""
    n = len(lines)
    items: list[str] = []
    j = i
    while True:
        k = j
        while k < n and _blank(lines[k]):
            k += 1
        if k < n and _BULLET.match(lines[k]) and not LABEL.match(lines[k].strip()):
            items.append(_BULLET.match(lines[k])["item"])  # type: ignore[index]
            j = k + 1
        else:
            return items, j


def _label(line: str) -> str | None:
    """The label of a section label line, or ``None``."""
    text = line.strip()
    m = LABEL.match(text) or LOOSE_LABEL.match(text)
    return " ".join(m["label"].split()) if m else None


def _looks_like_date_line(text: str, more_groups: bool) -> bool:
    """The first bold line is the date when it reads as one, or when it is short, holds a digit and a
    title follows ("25/03/1959", "Spring 1960": kept as printed, with a warning)."""
    return looks_like_date(text) or (more_groups and len(text) <= 40 and any(ch.isdigit() for ch in text))


def read_metadata(lines: list[str], warn: Warn) -> tuple[Metadata, int]:
    """Read the metadata block at the top of ``lines``; return it and the document's first line index."""
    meta = Metadata()
    i = 0
    n = len(lines)
    while i < n and _blank(lines[i]):
        i += 1
    if i >= n or not lines[i].lstrip().startswith("**"):
        return meta, 0
    meta.present = True
    groups, i = _bold_groups(lines, i)
    if groups and _looks_like_date_line(groups[0][1], len(groups) > 1):
        meta.date = read_date(groups.pop(0)[1])
    if groups:
        meta.title = " ".join(text for _, text in groups)
    # Labels count up to the document: its --- rule or its classification line, whichever comes first.
    label_lines: list[int] = []
    for k in range(i, n):
        text = lines[k].strip()
        if _RULE_LINE.match(text) or (not text.startswith("**") and classification_of(text)):
            break
        if _label(lines[k]) is not None:
            label_lines.append(k)
    if not label_lines:
        return meta, i
    loose = [(j + 1, lines[j]) for j in range(i, label_lines[0]) if not _blank(lines[j])]
    if loose:  # text between the title and the first label: kept, never dropped
        warn(loose[0][0], "metadata", "text in the metadata block without a label: kept in the header as a note")
        meta.extra.append(Section(label="Note", text=" ".join(" ".join(t.split()) for _, t in loose), line=loose[0][0]))
    # Sections run to the next label; the last one is one paragraph or one bullet list.
    for pos, k in enumerate(label_lines):
        label = _label(lines[k]) or ""
        if not LABEL.match(lines[k].strip()):
            warn(k + 1, "label", f"section label '{lines[k].strip()}' has no colon: read as **{label}:**")
        body_start = k + 1
        last = pos == len(label_lines) - 1
        if not last:
            end = label_lines[pos + 1]
            body = [(j + 1, lines[j]) for j in range(body_start, end) if not _blank(lines[j])]
            items = [b.group("item") for _, l in body if (b := _BULLET.match(l))]
            if items and len(items) == len(body):
                text_lines: list[tuple[int, str]] = []
            else:
                text_lines, items = body, []
            i = end
        else:
            items, j = _bullets(lines, body_start)
            if items:
                text_lines = []
                i = j
            else:
                text_lines, i = _paragraph(lines, body_start)
        _store(meta, label, text_lines, items, k + 1, warn)
    return meta, i


def _store(meta: Metadata, label: str, text_lines: list[tuple[int, str]], items: list[str], line: int, warn: Warn) -> None:
    key = label.lower()
    if key == "citation":
        kept = []
        for _, text in text_lines:
            url = _URL.match(text) or _BARE_URL.match(text)
            if url and meta.url is None:
                meta.url = url["url"]
            else:
                kept.append(text.strip())
        meta.citation = " ".join(kept) if kept else None
        if meta.citation:
            parts = read_citation(meta.citation)
            meta.archive = parts.archive
            meta.subject = parts.subject
            meta.licence = parts.licence
            meta.contributors = parts.contributors
            meta.translators = parts.translators
            meta.publisher = parts.publisher
            meta.distributor = parts.distributor
            if parts.archive is None:
                warn(line, "citation", "no archive and reference found in the citation; no msDesc written")
        else:
            warn(line, "citation", "the Citation section is empty")
        if meta.url is None:
            warn(line, "url", "no document URL found in the Citation section")
    elif key == "summary":
        meta.summary = " ".join(" ".join(t.split()) for _, t in text_lines) or None
    elif key == "original language":
        name = " ".join(" ".join(t.split()) for _, t in text_lines)
        if name:
            meta.original_language = lookup(name)
            if meta.original_language.code is None:
                warn(line, "language", f"unknown language '{name}': no ISO 639 code given")
    elif key == "contents":
        meta.contents = items + [" ".join(t.split()) for _, t in text_lines]
    else:
        meta.extra.append(Section(label=label, text=" ".join(" ".join(t.split()) for _, t in text_lines), items=items, line=line))


def check_metadata(meta: Metadata, warn: Warn, first_line: int) -> None:
    """Warnings for what a complete metadata block would have and this one lacks."""
    if not meta.present:
        warn(first_line, "no-metadata", "no metadata block: header built from the file alone (no title, date or citation)")
        return
    if meta.title is None:
        warn(first_line, "no-title", "no bold title line in the metadata block")
    if meta.date is None:
        warn(first_line, "no-date", "no bold date line in the metadata block")
    elif not (meta.date.when or meta.date.not_before) and not is_undated(meta.date.printed):
        warn(first_line, "date", f"cannot normalise the date '{meta.date.printed}'; printed form kept")
    if meta.citation is None:
        warn(first_line, "no-citation", "no Citation section")
