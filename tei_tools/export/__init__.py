"""Exporters: one module per format behind a small registry.

Every exporter reads TEI (any document the project's schema accepts, hand-corrected files included),
never the converter's model. A format module has one entry point, ``export(tree) -> str``, and is
imported only when its format is asked for.

    >>> from tei_tools.safexml import parse_bytes
    >>> tree = parse_bytes(b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>'
    ...                    b'<p>Hello <del>old</del> world</p></body></text></TEI>')
    >>> print(export(tree, "text"), end="")
    Hello [deleted: old] world
    >>> export(tree, "pdf")
    Traceback (most recent call last):
    ...
    tei_tools.errors.UsageError: error: unknown export format 'pdf' (known: dc, html, text, transcription)
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from lxml import etree

from ..errors import UsageError, XMLInputError


@dataclass(frozen=True)
class Format:
    """A registered export format: where its module lives, what it is, how its files are named."""

    name: str
    module: str
    description: str
    extension: str  # for output files written into a folder


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("html", "tei_tools.export.html", "a standalone, accessible HTML5 reading edition", ".html"),
        Format("text", "tei_tools.export.text", "the plain reading text", ".text.txt"),
        Format("transcription", "tei_tools.export.transcription",
               "the plain-text transcription format tei-tools converts", ".transcription.txt"),
        Format("dc", "tei_tools.export.dc", "an OAI-DC (Dublin Core) record", ".dc.xml"),
    )
}


def known_formats() -> list[str]:
    """The registered format names, sorted."""
    return sorted(FORMATS)


def get_format(name: str) -> Format:
    """The registered :class:`Format` called ``name``; an unknown name is a :class:`UsageError`."""
    try:
        return FORMATS[name]
    except KeyError:
        known = ", ".join(known_formats())
        raise UsageError(f"unknown export format {name!r} (known: {known})") from None


def export(tree: etree._ElementTree | etree._Element, fmt: str) -> str | bytes:
    """Export a parsed TEI document (see :mod:`tei_tools.safexml`) to the format ``fmt``."""
    module = importlib.import_module(get_format(fmt).module)
    # XInclude is never processed (nothing is read from disk or network); an include left out of an
    # export silently would lose text, so such a document is refused.
    include = next(iter(tree.iter("{http://www.w3.org/2001/XInclude}*")), None)
    if include is not None:
        raise XMLInputError("XInclude is not processed; refused (nothing is included from disk or network)",
                            line=include.sourceline)
    result: str | bytes = module.export(tree)
    return result
