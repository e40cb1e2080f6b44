"""The conversion API: transcription text -> reader -> model -> TEI writer.

    >>> result = convert("SECRET\\n\\n---\\n\\n2. A numbered paragraph.\\n")
    >>> result.tree.xpath("//t:body//t:p/@n", namespaces={"t": "http://www.tei-c.org/ns/1.0"})
    ['2']
    >>> [w.code for w in result.report]
    ['title', 'no-metadata']
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from .errors import ConversionError
from .model import Document, Heading, Str
from .reader import read
from .report import Report
from .teiwriter import DEFAULT_SCHEMA_HREF, write_tei
from .textio import decode, read_input


@dataclass
class ConversionResult:
    """The TEI tree, the model it was written from, and the warnings of the conversion."""

    tree: etree._ElementTree
    document: Document
    report: Report

    def to_bytes(self) -> bytes:
        """The serialised TEI: UTF-8, XML declaration, a final newline; deterministic."""
        return serialize(self.tree)


def _prolog(tree: etree._ElementTree) -> bytes:
    """The XML declaration and each prolog processing instruction, on a line of its own."""
    prolog = []
    node = tree.getroot().getprevious()
    while node is not None:
        prolog.insert(0, etree.tostring(node, encoding="UTF-8"))
        node = node.getprevious()
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + b"".join(p + b"\n" for p in prolog)


def serialize(tree: etree._ElementTree) -> bytes:
    """UTF-8 with an XML declaration, each prolog processing instruction on a line of its own."""
    # One join, not two concatenations: each ``+`` would copy the whole document once more.
    return b"".join((_prolog(tree), etree.tostring(tree.getroot(), encoding="UTF-8"), b"\n"))


def write_serialized(tree: etree._ElementTree, handle: BinaryIO) -> None:
    """Write exactly :func:`serialize`'s bytes to ``handle``, streamed: the whole document is never
    held in memory a second time (this bounds peak memory on very large transcriptions)."""
    handle.write(_prolog(tree))
    with etree.xmlfile(handle, encoding="UTF-8") as xf:
        xf.write(tree.getroot())
    handle.write(b"\n")


def _fallback_title(doc: Document, name: str | None) -> str:
    for block in doc.blocks:
        if isinstance(block, Heading) and block.lines:
            text = " ".join("".join(n.text for n in row if isinstance(n, Str)).strip() for row in block.lines).strip()
            if any(ch.isalpha() for ch in text):  # not a bare reference number like "(10110/56)"
                return text
    if name and name != "-":
        return f"Transcription {Path(name).stem}"
    return "Untitled transcription"


def convert(text: str, *, name: str | None = None, schema_href: str = DEFAULT_SCHEMA_HREF, report: Report | None = None) -> ConversionResult:
    """Convert a transcription (decoded text) to TEI."""
    report = report if report is not None else Report()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text or text.isspace():  # (not ``text.strip()``, which copies the whole text)
        raise ConversionError("empty transcription: nothing to convert", path=name)
    doc = read(text, report)
    del text  # the model holds what is needed: free the source text before the TEI tree is built
    if doc.metadata.title is None:
        title = _fallback_title(doc, name)
        report.warn(None, "title", f"no title in the metadata: used '{title}'")
    else:
        title = doc.metadata.title
    try:
        tree = write_tei(doc, fallback_title=title, schema_href=schema_href)
    except ValueError as exc:  # lxml refuses a string (should have been caught while decoding)
        raise ConversionError(f"cannot write TEI: {exc}", path=name) from None
    return ConversionResult(tree=tree, document=doc, report=report)


def convert_bytes(data: bytes, *, name: str = "<input>", schema_href: str = DEFAULT_SCHEMA_HREF) -> ConversionResult:
    """Decode and convert the bytes of a transcription (BOM, UTF-16, Windows-1252 handled)."""
    report = Report()
    # Neither the bytes nor the decoded text stay referenced here: convert() holds the only reference
    # to the text and frees it once the model is read (peak memory on very large transcriptions).
    box = [decode(data, name, report)]
    del data
    return convert(box.pop(), name=name, schema_href=schema_href, report=report)


def convert_file(path: str, *, schema_href: str = DEFAULT_SCHEMA_HREF) -> ConversionResult:
    """Read and convert one file (``-`` is standard input)."""
    return convert_bytes(read_input(path), name=path, schema_href=schema_href)
