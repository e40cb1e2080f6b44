"""The transcription reader: plain text in, :class:`~tei_tools.model.Document` out.

It knows nothing of XML. :func:`read` takes decoded text (newlines normalised) and a
:class:`~tei_tools.report.Report` to which it adds a warning for every guess it makes.
"""

from __future__ import annotations

from ..languages import ENGLISH
from ..model import Document
from ..report import Report
from .body import read_body
from .metadata import check_metadata, read_metadata


def read(text: str, report: Report) -> Document:
    """Read a whole transcription."""
    lines = text.split("\n")
    meta, start = read_metadata(lines, report.warn)
    first_text = next((k for k in range(start, len(lines)) if lines[k].strip()), None)
    check_metadata(meta, report.warn, (first_text or start) + 1 if not meta.present else 1)
    blocks = read_body(lines[start:], start + 1, report.warn)
    if not blocks:
        report.warn(start + 1 if start < len(lines) else None, "no-text", "no document text after the metadata block")
    # The text is English unless it says otherwise: Wilson Center documents in another original
    # language are published as English translations.
    return Document(metadata=meta, blocks=blocks, text_language=ENGLISH)
