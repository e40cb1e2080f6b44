"""Export the TEI header as an OAI-DC record (simple Dublin Core, as harvested over OAI-PMH).

The record is an ``oai_dc:dc`` element holding only the fifteen ``dc:`` elements, each plain text,
in the order below (the OAI-DC schema allows any order and any repetition):

=================  ===================================================================
``dc:title``        ``titleStmt/title``
``dc:contributor``  every ``respStmt`` name (contributor, translator, encoder)
``dc:publisher``    ``publicationStmt/publisher``
``dc:date``         the ISO date of ``creation/date`` (``@when``, or ``notBefore/notAfter``)
``dc:type``         ``Text`` (DCMI Type Vocabulary)
``dc:format``       ``application/tei+xml``
``dc:identifier``   the document's URI (``publicationStmt/idno[@type='URI']``)
``dc:source``       the citation, then archive and shelfmark
``dc:language``     ISO 639 codes: the text's (``TEI/@xml:lang``), then the original's
``dc:description``  the summary
``dc:rights``       the licence
=================  ===================================================================

    >>> from tei_tools.safexml import parse_bytes
    >>> tree = parse_bytes(b'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en"><teiHeader><fileDesc>'
    ...     b'<titleStmt><title>A brief</title></titleStmt></fileDesc></teiHeader></TEI>')
    >>> print(export(tree))  # doctest: +ELLIPSIS
    <?xml version="1.0" encoding="UTF-8"?>
    <oai_dc:dc ...>
      <dc:title>A brief</dc:title>
      <dc:type>Text</dc:type>
      <dc:format>application/tei+xml</dc:format>
      <dc:language>en</dc:language>
    </oai_dc:dc>
    <BLANKLINE>
"""

from __future__ import annotations

from lxml import etree

from .common import Element, Header, read_header

OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC_NS = "http://purl.org/dc/elements/1.1/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{OAI_DC_NS} http://www.openarchives.org/OAI/2.0/oai_dc.xsd"

# The fifteen elements of the Dublin Core Metadata Element Set, version 1.1.
DC_ELEMENTS = (
    "title", "creator", "subject", "description", "publisher", "contributor", "date", "type", "format",
    "identifier", "source", "language", "relation", "coverage", "rights",
)
DCMI_TYPE = "Text"
MEDIA_TYPE = "application/tei+xml"


def export(tree: etree._ElementTree | Element) -> str:
    """An OAI-DC record for a TEI document, as an XML string with a declaration."""
    record = etree.Element(
        f"{{{OAI_DC_NS}}}dc", nsmap={"oai_dc": OAI_DC_NS, "dc": DC_NS, "xsi": XSI_NS}
    )
    record.set(f"{{{XSI_NS}}}schemaLocation", SCHEMA_LOCATION)
    for name, value in _fields(read_header(tree)):
        if name not in DC_ELEMENTS:  # pragma: no cover - a programming error, not an input error
            raise ValueError(f"not a Dublin Core element: {name}")
        etree.SubElement(record, f"{{{DC_NS}}}{name}").text = value
    body = etree.tostring(record, encoding="unicode", pretty_print=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body


def _fields(h: Header) -> list[tuple[str, str]]:
    fields: list[tuple[str, str | None]] = [("title", h.title)]
    seen: set[str] = set()
    for _resp, name in h.responsibilities:
        if name not in seen:
            seen.add(name)
            fields.append(("contributor", name))
    fields += [
        ("publisher", h.publisher),
        ("date", h.date_iso),
        ("type", DCMI_TYPE),
        ("format", MEDIA_TYPE),
        ("identifier", h.url),
        ("source", h.citation),
    ]
    if h.repository and (not h.citation or h.repository not in h.citation):
        fields.append(("source", ", ".join(x for x in (h.repository, h.shelfmark) if x)))
    languages = []
    for code in (h.lang, h.original_language_code):
        if code and code not in languages:
            languages.append(code)
    fields += [("language", code) for code in languages]
    fields += [("description", h.summary), ("rights", h.licence)]
    return [(name, value) for name, value in fields if value]
