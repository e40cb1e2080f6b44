"""The TEI writer: :class:`~tei_tools.model.Document` in, a TEI P5 ``lxml`` tree out.

It knows nothing of the transcription syntax. One function per model type (``block_*`` for blocks,
``inline_*`` for inlines, ``header_*`` for the parts of the teiHeader).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from urllib.parse import urlparse

from lxml import etree

from . import __version__
from .model import (
    Added,
    Block,
    Classification,
    Deleted,
    Document,
    EditorialNote,
    Furniture,
    Gap,
    Heading,
    Highlight,
    Inline,
    Interruption,
    LineBlock,
    LineBreak,
    Metadata,
    PageBreak,
    Section,
    Paragraph,
    Rule,
    Sic,
    Stamp,
    StampMark,
    Str,
    Supplied,
)

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
HAND_ID = "hand-1"
DEFAULT_SCHEMA_HREF = "../schemas/archival"


def E(tag: str, attrs: dict[str, str | None] | None = None, *children: etree._Element | str | None) -> etree._Element:
    """Make a TEI element; ``None`` attributes are left out, strings become text."""
    el = etree.Element(f"{{{TEI_NS}}}{tag}", nsmap={None: TEI_NS} if tag == "TEI" else None)
    for key, value in (attrs or {}).items():
        if value is not None:
            el.set(key, value)
    for child in children:
        append(el, child)
    return el


def append(parent: etree._Element, child: etree._Element | str | None) -> None:
    """Append an element or text to ``parent`` (text goes to ``.text`` or the last child's tail)."""
    if child is None:
        return
    if isinstance(child, str):
        if not child:
            return
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + child
        else:
            parent.text = (parent.text or "") + child
    else:
        parent.append(child)


# ---------------------------------------------------------------------------------------------------
# Inlines


def inlines(parent: etree._Element, nodes: Iterable[Inline]) -> etree._Element:
    """Append ``nodes`` to ``parent``; return ``parent``."""
    for node in nodes:
        INLINE[type(node)](parent, node)  # type: ignore[operator]
    return parent


def inline_str(parent: etree._Element, node: Str) -> None:
    append(parent, node.text)


def inline_linebreak(parent: etree._Element, node: LineBreak) -> None:
    append(parent, E("lb", {"break": "no"} if node.hyphenated else None))


def inline_deleted(parent: etree._Element, node: Deleted) -> None:
    append(parent, inlines(E("del", {"rend": "strikethrough"}), node.content))


def inline_highlight(parent: etree._Element, node: Highlight) -> None:
    append(parent, inlines(E("hi", {"rend": node.rend}), node.content))


def inline_gap(parent: etree._Element, node: Gap) -> None:
    attrs: dict[str, str | None] = {"reason": node.reason}
    if node.quantity:
        attrs.update(quantity=node.quantity, unit=node.unit)
    elif node.reason == "missing":
        attrs["extent"] = "unknown"
    gap = E("gap", attrs)
    if node.printed:
        append(gap, E("desc", None, node.printed))
    append(parent, gap)


def inline_sic(parent: etree._Element, node: Sic) -> None:
    append(parent, E("sic", None, node.word))


def inline_supplied(parent: etree._Element, node: Supplied) -> None:
    append(parent, E("supplied", None, node.text))


def inline_added(parent: etree._Element, node: Added) -> None:
    append(parent, inlines(E("add", {"hand": f"#{HAND_ID}"}), node.content))


def inline_note(parent: etree._Element, node: EditorialNote) -> None:
    append(parent, E("note", {"type": "editorial"}, node.text))


def inline_stamp(parent: etree._Element, node: StampMark) -> None:
    """A bracketed stamp inside a line: a ``stamp`` in running text; elsewhere (a heading, an opener)
    wrapped as page furniture, ``fw type="stamp"``."""
    stamp = inlines(E("stamp", {"type": node.kind}), node.content)
    append(parent, stamp if etree.QName(parent).localname == "p" else E("fw", {"type": "stamp"}, stamp))


def inline_interruption(parent: etree._Element, node: Interruption) -> None:
    for block in node.blocks:
        el = BLOCK[type(block)](block)  # type: ignore[operator]
        if node.hyphenated and el.tag == f"{{{TEI_NS}}}pb":
            el.set("break", "no")
        append(parent, el)


INLINE = {
    Str: inline_str, LineBreak: inline_linebreak, Deleted: inline_deleted, Highlight: inline_highlight,
    Gap: inline_gap, Sic: inline_sic, Supplied: inline_supplied, Added: inline_added,
    EditorialNote: inline_note, StampMark: inline_stamp, Interruption: inline_interruption,
}


def lines(parent: etree._Element, rows: Sequence[Sequence[Inline]]) -> etree._Element:
    """Append line-accurate rows separated by ``lb``."""
    for k, row in enumerate(rows):
        if k:
            append(parent, E("lb"))
        inlines(parent, row)
    return parent


# ---------------------------------------------------------------------------------------------------
# Blocks


def block_classification(block: Classification) -> etree._Element:
    seg = E("seg", {"type": "classification", "subtype": _slug(block.normalized) if block.normalized else None}, block.text)
    if block.before:
        head = inlines(E("head"), block.before)
        append(head, " ")
        append(head, seg)
        return head
    return E("opener", None, seg)


def block_heading(block: Heading) -> etree._Element:
    return lines(E("head"), block.lines)


def block_rule(block: Rule) -> etree._Element:
    return E("milestone", {"unit": "section", "rend": "hr"})


def block_paragraph(block: Paragraph) -> etree._Element:
    p = E("p", {"n": str(block.number) if block.number is not None else None})
    if block.label:
        append(p, E("label", None, block.label))
    return inlines(p, block.content)


def block_lineblock(block: LineBlock) -> etree._Element:
    """A line-accurate block before the first paragraph (TEI's model.divTop)."""
    if block.kind == "address":
        return _routing(block)
    if block.kind == "signed":  # a signature before any paragraph: TEI allows it inside an opener
        return E("opener", None, lines(E("signed"), block.lines))
    tag = {"dateline": "dateline", "salute": "salute"}.get(block.kind, "opener")
    return lines(E(tag), block.lines)


def _routing(block: LineBlock) -> etree._Element:
    """A routing block: the sender and addressee lines as ``address/addrLine``, other lines as
    text, ``lb`` between the parts."""
    opener = E("opener")
    marks = block.address or (True,) * len(block.lines)
    k = 0
    while k < len(block.lines):
        start = k
        while k < len(block.lines) and marks[k] == marks[start]:
            k += 1
        if start:
            append(opener, E("lb"))
        rows = block.lines[start:k]
        if marks[start]:
            append(opener, E("address", None, *[inlines(E("addrLine"), row) for row in rows]))
        else:
            lines(opener, rows)
    return opener


def block_stamp(block: Stamp) -> etree._Element:
    stamp = lines(E("stamp", {"type": block.kind, "subtype": block.subtype}), block.lines)
    return E("fw", {"type": "stamp", "place": "bottom" if block.closes_page else None}, stamp)


def block_pagebreak(block: PageBreak) -> etree._Element:
    return E("pb", {"n": str(block.number)})


def block_furniture(block: Furniture) -> etree._Element:
    return E("fw", {"type": block.kind, "place": block.place or ("top" if block.kind == "header" else None)}, block.text)


BLOCK = {
    Classification: block_classification, Heading: block_heading, Rule: block_rule,
    Paragraph: block_paragraph, LineBlock: block_lineblock, Stamp: block_stamp,
    PageBreak: block_pagebreak, Furniture: block_furniture,
}

# What may stand before the first paragraph of a div (TEI model.divTop) and after the last
# (model.divBottom); page furniture (model.global) may stand anywhere.
_GLOBAL = (Stamp, PageBreak, Furniture, Rule)


def body(blocks: list[Block]) -> etree._Element:
    """The ``div`` of the document: front matter, paragraphs, a closer for trailing signatures,
    valedictions and distribution notes (stamps and page breaks among them stay outside it)."""
    div = E("div", {"type": "document"})
    paragraphs = [k for k, b in enumerate(blocks) if isinstance(b, Paragraph)]
    # trailing "P.S." paragraphs are postscripts, after the closing matter
    ps_start = len(blocks)
    for k in reversed(paragraphs[1:]):
        if not blocks[k].postscript:  # type: ignore[union-attr]
            break
        ps_start = k
    paragraphs = [k for k in paragraphs if k < ps_start]
    first = paragraphs[0] if paragraphs else len(blocks)
    last = paragraphs[-1] if paragraphs else len(blocks)
    closer: etree._Element | None = None
    for k, block in enumerate(blocks):
        if k >= ps_start and isinstance(block, Paragraph):
            if etree.QName(div[-1]).localname != "postscript":
                div.append(E("postscript"))
            div[-1].append(block_paragraph(block))
            continue
        if isinstance(block, LineBlock) and k > last and paragraphs:
            if closer is None or div[-1] is not closer:  # page furniture between: a closer of its own
                closer = E("closer")
                div.append(closer)
            elif len(closer) or (closer.text or "").strip():
                append(closer, E("lb"))
            tag = {"signed": "signed", "dateline": "dateline", "salute": "salute"}.get(block.kind)
            append(closer, lines(E(tag), block.lines) if tag else None)
            if tag is None:
                lines(closer, block.lines)
            continue
        if isinstance(block, LineBlock) and first < k < last:
            el = lines(E("p"), block.lines)
        elif isinstance(block, Classification) and k > first:
            el = E("fw", {"type": "classification"}, block.text)
        else:
            el = BLOCK[type(block)](block)  # type: ignore[operator]
        div.append(el)  # stamps and page breaks after a closer are page furniture, not closing matter
    return div


# ---------------------------------------------------------------------------------------------------
# Header


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


def header_title(meta: Metadata, fallback: str) -> etree._Element:
    # A title the metadata block does not give is marked as supplied, so that nobody (no exporter
    # either) takes it for the document's own.
    supplied = None if meta.title else "supplied"
    stmt = E("titleStmt", None, E("title", {"type": "main", "subtype": supplied}, meta.title or fallback))
    for name in meta.contributors:
        stmt.append(E("respStmt", None, E("resp", None, "contributed the document to the Digital Archive"), E("persName", None, name)))
    for name in meta.translators:
        stmt.append(E("respStmt", None, E("resp", None, "translated by"), E("persName", None, name)))
    return stmt


def header_publication(meta: Metadata) -> etree._Element:
    stmt = E("publicationStmt")
    if meta.publisher:
        stmt.append(E("publisher", None, E("orgName", None, meta.publisher)))
    if meta.distributor:
        stmt.append(E("distributor", None, E("orgName", None, meta.distributor)))
    if meta.url and not len(stmt):
        stmt.append(E("distributor", None, urlparse(meta.url).netloc or meta.url))
    if not len(stmt):
        stmt.append(E("p", None, "Not published: converted by tei-tools from a plain-text transcription."))
        return stmt
    if meta.url:
        stmt.append(E("idno", {"type": "URI"}, meta.url))
    if meta.licence:
        stmt.append(E("availability", None, E("licence", None, meta.licence)))
    return stmt


def header_notes(meta: Metadata) -> etree._Element | None:
    notes: list[etree._Element] = []
    if meta.original_language is not None and (meta.archive is None or not meta.original_language.code):
        notes.append(E("note", {"type": "original-language"}, meta.original_language.name))
    others = meta.contents if meta.archive is None else [c for c in meta.contents if not _is_surrogate(c)]
    if others:
        notes.append(E("note", {"type": "contents"}, _list(others)))
    for section in meta.extra:
        if _is_keywords(section):
            continue  # in profileDesc/textClass
        note = E("note", {"type": "metadata", "subtype": _slug(section.label)}, E("label", None, section.label))
        if section.text:
            append(note, " " + section.text)
        if section.items:
            note.append(_list(section.items))
        notes.append(note)
    return E("notesStmt", None, *notes) if notes else None


def _is_surrogate(item: str) -> bool:
    """A "Contents" item that is a reproduction of the original (a scan), not a translation or a
    transcript: only those are surrogates (msDesc/additional/surrogates)."""
    return bool(re.search(r"\b(?:scan|scanned|facsimile|image|photocop\w*|microfilm)\b", item, re.IGNORECASE))


def _is_keywords(section: Section) -> bool:
    """A "Keywords" section given as bullets: TEI's textClass/keywords, not a note."""
    return section.label.lower() == "keywords" and bool(section.items) and not section.text


def _list(items: list[str]) -> etree._Element:
    return E("list", None, *[E("item", None, item) for item in items])


def header_source(meta: Metadata) -> etree._Element:
    source = E("sourceDesc")
    if meta.citation or meta.url:
        bibl = E("bibl", {"type": "citation"}, meta.citation)
        if meta.url:
            if meta.citation:
                append(bibl, E("lb"))
            append(bibl, E("ref", {"target": meta.url}, meta.url))
        source.append(bibl)
    if meta.archive is not None and meta.archive.idno:
        ident = E("msIdentifier", None, E("repository", None, meta.archive.repository), E("idno", {"type": "shelfmark"}, meta.archive.idno))
        if meta.archive.former:
            ident.append(E("altIdentifier", {"type": "former"}, E("idno", None, meta.archive.former)))
        ms = E("msDesc", None, ident)
        contents = E("msContents")
        if meta.summary:
            contents.append(E("summary", None, meta.summary))
        if meta.original_language is not None and meta.original_language.code:
            contents.append(E("textLang", {"mainLang": meta.original_language.code}, meta.original_language.name))
        if meta.subject:
            contents.append(E("msItem", None, E("title", {"type": "desc"}, meta.subject)))
        if len(contents):
            ms.append(contents)
        scans = [item for item in meta.contents if _is_surrogate(item)]
        if scans:
            ms.append(E("additional", None, E("surrogates", None, *[E("p", None, item) for item in scans])))
        source.append(ms)
    if not len(source):
        text = "A plain-text transcription with no metadata block." if not meta.present else "A plain-text transcription; its metadata block gives no citation."
        source.append(E("p", None, text))
    return source


def header_encoding() -> etree._Element:
    return E(
        "encodingDesc", None,
        E("appInfo", None, E("application", {"ident": "tei-tools", "version": __version__}, E("label", None, "tei-tools"))),
        E("projectDesc", None, E("p", None,
          "Converted automatically by tei-tools from a plain-text (Markdown-flavoured) transcription. The metadata "
          "block of the transcription is encoded in this header; the document text in the body.")),
        E("editorialDecl", None,
          E("correction", None, E("p", None, "No corrections: the text is given as transcribed.")),
          E("normalization", None, E("p", None, "No normalization of spelling, capitalization or punctuation.")),
          E("interpretation", None, E("p", None,
            "Markdown markup is interpreted: ~~...~~ as del, --- as milestone, trailing double spaces as lb. "
            "Printed paragraph numbers are kept in label and repeated in p/@n. Editorial brackets become sic, gap, "
            "supplied, add or note. Page breaks not printed in the copy are inferred from page-closing archival "
            "stamps; a paragraph broken off mid-sentence is one p with a gap. Each inference is reported as a "
            "warning by the converter.")),
        ),
    )


def header_profile(meta: Metadata, doc: Document, has_hand: bool) -> etree._Element:
    profile = E("profileDesc")
    if meta.summary and (meta.archive is None or not meta.archive.idno):
        profile.append(E("abstract", None, E("p", None, meta.summary)))
    if meta.date is not None:
        d = meta.date
        profile.append(E("creation", None, E("date", {"when": d.when, "notBefore": d.not_before, "notAfter": d.not_after}, d.printed)))
    profile.append(E("langUsage", None, E("language", {"ident": doc.text_language.code}, doc.text_language.name)))
    for section in meta.extra:
        if _is_keywords(section):
            terms = [E("term", None, item) for item in section.items]
            profile.append(E("textClass", None, E("keywords", None, *terms)))
    if has_hand:
        profile.append(E("handNotes", None, E("handNote", {XML_ID: HAND_ID, "scope": "minor"},
                                               "Handwritten additions, marked [handwritten: ...] in the transcription.")))
    return profile


def _has_hand(blocks: Iterable[Block]) -> bool:
    def walk(nodes: Iterable[Inline]) -> bool:
        for n in nodes:
            if isinstance(n, Added):
                return True
            inner = getattr(n, "content", None)
            if isinstance(inner, tuple) and walk(inner):
                return True
            if isinstance(n, Interruption) and _has_hand(n.blocks):
                return True
        return False

    for b in blocks:
        rows: list[Sequence[Inline]] = []
        if isinstance(b, Paragraph):
            rows = [b.content]
        elif isinstance(b, (Heading, LineBlock, Stamp)):
            rows = list(b.lines)
        elif isinstance(b, Classification):
            rows = [b.before]
        if any(walk(r) for r in rows):
            return True
    return False


# ---------------------------------------------------------------------------------------------------
# The document


def write_tei(doc: Document, *, fallback_title: str = "Untitled transcription", schema_href: str = DEFAULT_SCHEMA_HREF) -> etree._ElementTree:
    """The whole TEI document for ``doc``, with ``xml-model`` instructions pointing at ``schema_href``
    (``.rng`` and ``.sch`` are appended)."""
    meta = doc.metadata
    root = E("TEI", {XML_LANG: doc.text_language.code})
    file_desc = E("fileDesc", None, header_title(meta, fallback_title), header_publication(meta), header_notes(meta), header_source(meta))
    root.append(E("teiHeader", None, file_desc, header_encoding(), header_profile(meta, doc, _has_hand(doc.blocks))))
    if doc.blocks:
        main = body(doc.blocks)
    else:
        # Only metadata: the document text is missing altogether, and the TEI says so.
        main = E("div", {"type": "document"}, E("p", None, E("gap", {"reason": "missing", "extent": "unknown"})))
    root.append(E("text", None, E("body", None, main)))
    indent(root)
    tree = root.getroottree()
    for schematypens, ext in (("http://relaxng.org/ns/structure/1.0", "rng"), ("http://purl.oclc.org/dsdl/schematron", "sch")):
        pi = etree.ProcessingInstruction(
            "xml-model", f'href="{schema_href}.{ext}" type="application/xml" schematypens="{schematypens}"'
        )
        root.addprevious(pi)
    return tree


# Elements whose children are all elements (never mixed content): only these are indented, so that
# no whitespace is ever added inside running text.
_STRUCTURAL = {
    "TEI", "teiHeader", "fileDesc", "titleStmt", "respStmt", "publicationStmt", "publisher", "distributor",
    "availability", "notesStmt", "sourceDesc", "msDesc", "msIdentifier", "altIdentifier", "msContents",
    "additional", "surrogates", "msItem", "encodingDesc", "appInfo", "application", "projectDesc", "editorialDecl",
    "correction", "normalization", "interpretation", "profileDesc", "creation", "langUsage", "abstract",
    "handNotes", "textClass", "keywords", "text", "body", "div", "list", "fw", "closer", "postscript",
}


def indent(el: etree._Element, level: int = 0) -> None:
    """Pretty-print structural elements only (two spaces per level)."""
    local = etree.QName(el).localname
    if local not in _STRUCTURAL or not len(el):
        return
    if (el.text and el.text.strip()) or any(child.tail and child.tail.strip() for child in el):
        return  # mixed content: leave as it is
    pad = "\n" + "  " * (level + 1)
    el.text = pad
    for child in el:
        child.tail = pad
        indent(child, level + 1)
    el[-1].tail = "\n" + "  " * level
