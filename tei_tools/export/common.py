"""Reading TEI for the exporters: names, plain text, and the header fields every format shows.

Exporters read TEI, never the converter's model, so that a file corrected by hand exports like one the
converter wrote. This module only *reads*: it knows where the contract (``docs/encoding.md``) puts each
piece of metadata, and where a hand-made encoding may put it instead (``msDesc`` or ``notesStmt``,
``availability/licence`` or ``availability/p``). Every lookup tolerates absence.

    >>> from tei_tools.safexml import parse_bytes
    >>> tree = parse_bytes(b'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en"><teiHeader>'
    ...     b'<fileDesc><titleStmt><title>A <hi>brief</hi></title></titleStmt></fileDesc></teiHeader>'
    ...     b'<text><body><p>x</p></body></text></TEI>')
    >>> header = read_header(tree)
    >>> header.title, header.lang
    ('A brief', 'en')
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from ..errors import XMLInputError
from ..safexml import TEI_NS, XML_NS

T = f"{{{TEI_NS}}}"
XML_LANG = f"{{{XML_NS}}}lang"
XML_ID = f"{{{XML_NS}}}id"
NS = {"t": TEI_NS}

Element = etree._Element


def local(el: Element) -> str:
    """The local name of a TEI element; "" for comments and processing instructions."""
    if not isinstance(el.tag, str):
        return ""
    return etree.QName(el).localname if el.tag.startswith(T) else ""


def find(el: Element | None, *paths: str) -> Element | None:
    """The first match of the first XPath that matches (``t:`` bound to TEI), or None. (Never chain
    lookups with ``or``: an lxml element without children is false.)"""
    if el is None:
        return None
    for path in paths:
        found = el.xpath(path, namespaces=NS)
        if found:
            return found[0]
    return None


def find_all(el: Element | None, path: str) -> list[Element]:
    """All matches of an XPath with the ``t:`` prefix bound to TEI."""
    if el is None:
        return []
    return list(el.xpath(path, namespaces=NS))


def flatten(el: Element, render: Callable[[Element], str], line_elements: frozenset[str], lb: str) -> str:
    """The text of ``el`` with each child element rendered by ``render``; ``lb`` between consecutive
    line-like children (``addrLine``, ...). Shared by the exporters that write plain text."""
    parts = [el.text or ""]
    children = [c for c in el if isinstance(c.tag, str)]
    for child in el:
        if isinstance(child.tag, str):
            parts.append(render(child))
            if local(child) in line_elements and child is not children[-1]:
                parts.append(lb)
        parts.append(child.tail or "")
    return "".join(parts)


def squash(text: str) -> str:
    """Collapse runs of whitespace to one space and strip the ends."""
    return " ".join(text.split())


def plain(el: Element | None, *, skip: tuple[str, ...] = ("note",)) -> str:
    """The reading text of ``el``: its words with whitespace collapsed, ``lb`` read as a space,
    elements named in ``skip`` (editorial notes by default) left out."""
    if el is None:
        return ""
    parts: list[str] = []

    def walk(node: Element) -> None:
        for child in node:
            name = local(child)
            if name in skip or not isinstance(child.tag, str):
                pass
            elif name == "lb":
                parts.append("" if child.get("break") == "no" else " ")
            elif name == "q":
                parts.append("\u201c" + plain(child, skip=skip) + "\u201d")
            else:
                if child.text:
                    parts.append(child.text)
                walk(child)
            if child.tail:
                parts.append(child.tail)

    if el.text:
        parts.append(el.text)
    walk(el)
    return squash("".join(parts))


def root_of(tree: etree._ElementTree | Element, path: str | None = None) -> Element:
    """The ``TEI`` root of a parsed tree; anything else is an :class:`XMLInputError`."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    if root.tag != f"{T}TEI":
        raise XMLInputError(
            f"not a TEI document: the root element is <{etree.QName(root).localname}>"
            f" (expected <TEI> in the namespace {TEI_NS})",
            path=path,
        )
    return root


@dataclass
class Header:
    """The metadata an exporter shows, read from ``teiHeader``. Strings are whitespace-collapsed;
    ``*_el`` fields keep the element for formats that render mixed content (HTML)."""

    lang: str | None = None  # TEI/@xml:lang, the language of the text
    title: str = ""
    title_el: Element | None = None
    date: str | None = None  # as printed
    date_iso: str | None = None  # @when, or "notBefore/notAfter"
    url: str | None = None
    licence: str | None = None
    licence_el: Element | None = None
    publisher: str | None = None
    distributor: str | None = None
    repository: str | None = None
    shelfmark: str | None = None
    former: str | None = None
    summary: str | None = None
    summary_el: Element | None = None
    original_language: str | None = None  # name, e.g. "Russian"
    original_language_code: str | None = None  # ISO 639, e.g. "ru"
    text_language: str | None = None  # name from langUsage, e.g. "English"
    citation: str | None = None  # the citation without its URL
    citation_el: Element | None = None
    contents: list[str] = field(default_factory=list)
    responsibilities: list[tuple[str, str]] = field(default_factory=list)  # (resp, name)
    other_sections: list[tuple[str, str, list[str]]] = field(default_factory=list)  # (label, text, items)
    has_metadata: bool = True  # False when the converter found no metadata block in the transcription
    editorial_notes: dict[str, list[str]] = field(default_factory=dict)  # target id -> notes


def _first_text(el: Element | None, *paths: str) -> tuple[str | None, Element | None]:
    for path in paths:
        found = find(el, path)
        if found is not None and plain(found):
            return plain(found), found
    return None, None


def _iso(date: Element | None) -> str | None:
    if date is None:
        return None
    when = date.get("when")
    if when:
        return when
    lo, hi = date.get("notBefore") or date.get("from"), date.get("notAfter") or date.get("to")
    if lo and hi:
        return f"{lo}/{hi}"
    return lo or hi


def read_header(tree: etree._ElementTree | Element) -> Header:
    """Gather the header fields of a TEI document (see :class:`Header`)."""
    root = root_of(tree)
    teih = find(root, "t:teiHeader")
    file_desc = find(teih, "t:fileDesc")
    h = Header(lang=root.get(XML_LANG))
    title = find(file_desc, "t:titleStmt/t:title[@type='main']", "t:titleStmt/t:title")
    if title is not None:
        h.title, h.title_el = plain(title), title

    date = find(
        teih, "t:profileDesc/t:creation/t:date", "t:fileDesc/t:sourceDesc/t:msDesc/t:history/t:origin/t:origDate"
    )
    if date is not None:
        h.date, h.date_iso = plain(date) or None, _iso(date)

    pub = find(file_desc, "t:publicationStmt")
    h.url = plain(find(pub, "t:idno[@type='URI']")) or None
    h.licence, h.licence_el = _first_text(pub, "t:availability/t:licence", "t:availability/t:p")
    h.publisher = plain(find(pub, "t:publisher")) or None
    h.distributor = plain(find(pub, "t:distributor")) or None

    source = find(file_desc, "t:sourceDesc")
    ident = find(source, "t:msDesc/t:msIdentifier")
    h.repository = plain(find(ident, "t:repository")) or None
    h.shelfmark = plain(find(ident, "t:idno")) or None
    h.former = plain(find(ident, "t:altIdentifier/t:idno")) or None

    notes = find(file_desc, "t:notesStmt")
    h.summary, h.summary_el = _first_text(
        teih, "t:fileDesc/t:sourceDesc/t:msDesc/t:msContents/t:summary",
        "t:fileDesc/t:notesStmt/t:note[@subtype='summary']", "t:profileDesc/t:abstract", ".//t:summary",
    )
    text_lang = find(
        teih, "t:fileDesc/t:sourceDesc//t:textLang", "t:profileDesc/t:langUsage/t:language[@role='original']",
        "t:fileDesc/t:notesStmt/t:note[@type='original-language']",
        "t:fileDesc/t:notesStmt/t:note[@subtype='original-language']",
    )
    if text_lang is not None:
        h.original_language = plain(text_lang) or None
        h.original_language_code = text_lang.get("mainLang") or text_lang.get("ident") or None
    h.text_language = plain(find(teih, "t:profileDesc/t:langUsage/t:language[not(@role='original')]")) or None

    bibl = find(source, "t:bibl[@type='citation']", "t:bibl")
    if bibl is not None:
        h.citation, h.citation_el = plain(bibl, skip=("note", "ref")) or None, bibl
        if h.url is None:
            h.url = next((r.get("target") for r in find_all(bibl, ".//t:ref[@target]")), None)

    # The "Contents" of a record: surrogates (scans) in msDesc, the other items in a note.
    h.contents = [plain(p) for p in find_all(source, "t:msDesc/t:additional/t:surrogates/t:p") if plain(p)]
    h.contents += [plain(n) for n in find_all(notes, "t:note[@type='contents']//t:item") if plain(n)]
    h.contents += [plain(n) for n in find_all(notes, "t:note[@subtype='contents']") if plain(n)]
    for resp_stmt in find_all(file_desc, "t:titleStmt/t:respStmt"):
        resp = plain(find(resp_stmt, "t:resp"))
        for name in find_all(resp_stmt, "t:persName | t:name | t:orgName"):
            if plain(name):
                h.responsibilities.append((resp, plain(name)))
    for note in find_all(notes, "t:note[@type='metadata'][t:label]"):
        if note.get("subtype") != "contents":
            items = [plain(i) for i in find_all(note, "t:list/t:item")]
            h.other_sections.append((plain(find(note, "t:label")), plain(note, skip=("note", "label", "list")), items))
    for keywords in find_all(root, "t:teiHeader/t:profileDesc/t:textClass/t:keywords"):
        h.other_sections.append(("Keywords", "", [plain(t) for t in find_all(keywords, "t:term")]))
    source_p = plain(find(source, "t:p"))
    h.has_metadata = not source_p.startswith("A plain-text transcription with no metadata block")
    for note in find_all(notes, "t:note[@target]"):
        for target in note.get("target", "").split():
            h.editorial_notes.setdefault(target.lstrip("#"), []).append(plain(note))
    return h


def body_root(tree: etree._ElementTree | Element) -> Element | None:
    """The ``text`` element of the document (front, body and back), or None."""
    return find(root_of(tree), "t:text")
