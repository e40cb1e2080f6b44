"""Export TEI to one standalone, accessible HTML5 reading edition.

The page needs nothing but itself: the CSS is inline, there are no scripts, fonts or images. It shows
the title and a metadata panel read from the header, then the text: the classification marking, the
heading, paragraphs with their printed numbers in a left margin column, deletions struck through
(``<del>``), stamps as boxed blocks (class ``stamp``) that keep their line breaks, page breaks as
separators reading "Page N", gaps and editorial notes as markers that explain themselves on hover
(``title``) and, for notes, in a numbered list at the end. Links (``ref``, ``ptr``) stay live when
they point at http(s), mailto or a fragment.

The page is built as an lxml tree, so every piece of text from the TEI is escaped by the serializer.

    >>> from tei_tools.safexml import parse_bytes
    >>> tree = parse_bytes(b'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en"><text><body>'
    ...     b'<p>1 &lt; 2 <del>not</del></p></body></text></TEI>')
    >>> page = export(tree)
    >>> page.startswith('<!DOCTYPE html>') and '<html lang="en">' in page
    True
    >>> '<p class="para">1 &lt; 2 <del title="Struck through in the original">not</del></p>' in page
    True
"""

from __future__ import annotations

import re

from lxml import etree

from .. import __version__
from .common import XML_ID, XML_LANG, Element, Header, body_root, local, plain, read_header, root_of
from .html_style import CSS

H = etree.Element  # an HTML element (no namespace)

SAFE_LINK = re.compile(r"^(https?:|mailto:|#)", re.IGNORECASE)
ISO_DATE = re.compile(r"^-?\d{4}(-\d{2}(-\d{2})?)?$")

CONTAINERS = {"front", "body", "back", "group", "div", "opener", "closer", "floatingText", "postscript"}
BLOCKS = {"p", "ab", "head", "fw", "seg", "dateline", "salute", "signed", "address", "note", "stamp",
          "lg", "list", "quote", "byline", "docAuthor", "trailer", "label", "table", "bibl"}
GAP_REASONS = {
    "missing": "Text missing from the copy",
    "illegible": "Illegible in the original",
    "redacted": "Redacted in the released copy",
    "omitted": "Omitted by the transcriber",
}
INLINE_TAGS = {"hi": "span", "q": "q", "title": "cite", "foreign": "i", "emph": "em", "term": "i",
               "mentioned": "i", "code": "code", "gi": "code", "val": "code", "abbr": "abbr"}
HI_TAGS = {"italic": "i", "bold": "b", "underline": "u", "sup": "sup", "superscript": "sup",
           "sub": "sub", "subscript": "sub", "strikethrough": "s"}
BLOCK_TAGS = {"html", "head", "body", "header", "main", "section", "article", "aside", "div", "p", "h1",
              "h2", "h3", "h4", "h5", "h6", "dl", "dt", "dd", "ul", "ol", "li", "hr", "meta", "title",
              "style", "footer", "nav", "blockquote"}


def export(tree: etree._ElementTree | Element) -> str:
    """A complete HTML5 page for a TEI document."""
    return _Page(tree).render()


def _el(parent: Element | None, tag: str, text: str | None = None, **attrs: str) -> Element:
    el = H(tag) if parent is None else etree.SubElement(parent, tag)
    for key, value in attrs.items():
        el.set(key.rstrip("_").replace("_", "-"), value)
    if text is not None:
        el.text = text
    return el


def _append_text(parent: Element, text: str | None) -> None:
    """Add text at the end of ``parent`` (after its last child, if any)."""
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


class _Page:
    """One export: the page under construction, its ids and its numbered notes."""

    def __init__(self, tree: etree._ElementTree | Element) -> None:
        self.root = root_of(tree)
        self.header: Header = read_header(self.root)
        self.ids: set[str] = set()
        self.notes: list[tuple[str, str, Element | str]] = []  # (note id, ref id, content)
        self.header_notes = self.header.editorial_notes
        self.depth = 2

    # -- page ---------------------------------------------------------------------------------------

    def render(self) -> str:
        h = self.header
        lang = h.lang or "und"
        html = _el(None, "html", lang=lang)
        head = _el(html, "head")
        _el(head, "meta", charset="utf-8")
        _el(head, "meta", name="viewport", content="width=device-width, initial-scale=1")
        _el(head, "meta", name="generator", content=f"tei-tools {__version__}")
        _el(head, "title", h.title or "Untitled document")
        _el(head, "style", CSS)
        body = _el(html, "body")
        _el(body, "a", "Skip to the text", href="#text", class_="skip")
        masthead = _el(body, "header", class_="masthead")
        if h.distributor:
            _el(masthead, "p", h.distributor, class_="series")
        title = _el(masthead, "h1")
        if h.title_el is not None:
            self.inline_into(title, h.title_el)
        else:
            title.text = "Untitled document"
        self.metadata(body)
        main = _el(body, "main", id="text", lang=lang)
        self.ids.add("text")
        article = _el(main, "article", class_="document")
        text = body_root(self.root)
        if text is None or not any(local(h2) == "head" for h2 in text.iter()):
            _el(article, "h2", "Text", class_="visually-hidden")
        if text is not None:
            self.blocks_into(article, text)
        self.notes_section(body)
        footer = _el(body, "footer", class_="colophon")
        _el(footer, "p", f"Reading edition generated from TEI by tei-tools {__version__}.")
        _layout(html)
        return etree.tostring(html, method="html", encoding="unicode", doctype="<!DOCTYPE html>") + "\n"

    def metadata(self, body: Element) -> None:
        h = self.header
        rows: list[tuple[str, str | Element | list[str]]] = []
        if h.date:
            rows.append(("Date", "__date__"))
        if h.repository:
            rows.append(("Archive", h.repository))
        if h.shelfmark:
            rows.append(("Reference", h.shelfmark + (f" (formerly {h.former})" if h.former else "")))
        if h.summary_el is not None:
            rows.append(("Summary", h.summary_el))
        if h.original_language:
            rows.append(("Original language", h.original_language))
        for resp, names in _group(h.responsibilities):
            rows.append((_resp_label(resp), ", ".join(names)))
        if h.url:
            rows.append(("URL", "__url__"))
        if h.citation_el is not None:
            rows.append(("Citation", h.citation_el))
        if h.licence_el is not None:
            rows.append(("Licence", h.licence_el))
        if h.contents:
            rows.append(("Contents", h.contents))
        rows += [(label or "Note", text or items) for label, text, items in h.other_sections]
        if not rows:
            return
        panel = _el(body, "section", class_="metadata", aria_labelledby="about")
        _el(panel, "h2", "About this document", id="about")
        self.ids.add("about")
        dl = _el(panel, "dl")
        for label, value in rows:
            _el(dl, "dt", label)
            dd = _el(dl, "dd")
            if value == "__date__":
                attrs = {"datetime": h.date_iso} if h.date_iso and ISO_DATE.match(h.date_iso) else {}
                _el(dd, "time", h.date, **attrs)
            elif value == "__url__":
                self.link(dd, h.url or "", h.url or "")
            elif isinstance(value, list):
                ul = _el(dd, "ul")
                for item in value:
                    _el(ul, "li", item)
            elif isinstance(value, str):
                dd.text = value
            else:
                self.inline_into(dd, value)

    def notes_section(self, body: Element) -> None:
        if not self.notes:
            return
        section = _el(body, "section", class_="notes", aria_labelledby="notes-title")
        _el(section, "h2", "Notes", id="notes-title")
        ol = _el(section, "ol")
        for note_id, ref_id, content in self.notes:
            li = _el(ol, "li", id=note_id)
            if isinstance(content, str):
                li.text = content + " "
            else:
                self.inline_into(li, content)
                _append_text(li, " ")
            _el(li, "a", "\u21a9", href=f"#{ref_id}", class_="back", aria_label="Back to the text")

    # -- helpers ------------------------------------------------------------------------------------

    def new_id(self, base: str) -> str:
        candidate, n = base, 1
        while candidate in self.ids:
            n += 1
            candidate = f"{base}-{n}"
        self.ids.add(candidate)
        return candidate

    def copy_id(self, source: Element, target: Element) -> None:
        xml_id = source.get(XML_ID)
        if xml_id and xml_id not in self.ids:
            self.ids.add(xml_id)
            target.set("id", xml_id)
        if source.get(XML_LANG):
            target.set("lang", source.get(XML_LANG, ""))

    def link(self, parent: Element, target: str, text: str | None) -> Element:
        if SAFE_LINK.match(target.strip()):
            return _el(parent, "a", text, href=target.strip())
        return _el(parent, "span", text, class_="link", title=target)

    def note_marker(self, parent: Element, content: Element | str) -> None:
        number = len(self.notes) + 1
        note_id, ref_id = self.new_id(f"note-{number}"), self.new_id(f"note-ref-{number}")
        self.notes.append((note_id, ref_id, content))
        text = content if isinstance(content, str) else plain(content, skip=())
        sup = _el(parent, "sup", class_="note-ref")
        _el(sup, "a", f"[{number}]", href=f"#{note_id}", id=ref_id, title=text, aria_describedby=note_id)

    def header_note_markers(self, parent: Element, source: Element) -> None:
        """Markers for header notes (``notesStmt/note[@target]``) that point at ``source``."""
        for text in self.header_notes.get(source.get(XML_ID, ""), []):
            self.note_marker(parent, text)

    # -- blocks -------------------------------------------------------------------------------------

    def blocks_into(self, parent: Element, container: Element) -> None:
        for child in container:
            name = local(child)
            if not name:
                continue
            if name == "pb":
                self.page_break(parent, child)
            elif name == "milestone":
                if child.get("rend") == "hr" or child.get("unit") == "section":
                    self.copy_id(child, _el(parent, "hr", class_="rule"))
                    if self.header_notes.get(child.get(XML_ID, "")):
                        self.header_note_markers(_el(parent, "p", class_="rule-note"), child)
            elif name in CONTAINERS and not _has_own_text(child):
                box = _el(parent, "section" if name == "div" else "div", class_=name)
                self.copy_id(child, box)
                nested = int(name == "div" and parent.tag == "section")  # a sub-division: one heading level down
                self.depth += nested
                self.blocks_into(box, child)
                self.depth -= nested
            else:
                self.block(parent, child)

    def page_break(self, parent: Element, pb: Element) -> None:
        label = f"Page {pb.get('n')}" if pb.get("n") else "Page break"
        sep = _el(parent, "div", class_="pb", role="separator", aria_label=label)
        self.copy_id(pb, sep)
        _el(sep, "span", label, aria_hidden="true")

    def block(self, parent: Element, el: Element) -> None:
        name = local(el)
        if name == "head":
            out = _el(parent, f"h{min(self.depth, 6)}", class_="doc-head")
        elif name == "seg" and el.get("type") == "classification":
            out = _el(parent, "p", class_="classification")
        elif name == "fw":
            kind = el.get("type") or "fw"
            out = _el(parent, "div", class_=("stamp" if kind == "stamp" else f"fw fw-{kind}"), role="note")
            if kind == "stamp":
                out.set("aria-label", "Stamp")
            if el.get("place"):
                out.set("class", out.get("class", "") + f" place-{el.get('place')}")
            if kind == "stamp" and len(el) == 1 and local(el[0]) == "stamp" and not _has_own_text(el):
                self.copy_id(el, out)
                el = el[0]
        elif name == "stamp":
            out = _el(parent, "div", class_="stamp", role="note", aria_label="Stamp")
        elif name == "p":
            out = _el(parent, "p", class_="para")
            if el.get("n") and not (len(el) and local(el[0]) == "label" and not (el.text or "").strip()):
                _el(out, "span", f"[{el.get('n')}]", class_="para-num", title="Paragraph number supplied")
        elif name == "note":
            out = _el(parent, "aside", class_="note-block", role="note")
        elif name == "list":
            out = _el(parent, "ul")
            for item in el:
                if local(item) == "item":
                    self.inline_into(_el(out, "li"), item)
            self.copy_id(el, out)
            return
        else:
            out = _el(parent, "p" if name not in {"address", "lg", "quote"} else "div", class_=f"tei-{name}")
        self.copy_id(el, out)
        self.inline_into(out, el, first_label=(name == "p"))
        self.header_note_markers(out, el)

    # -- inlines ------------------------------------------------------------------------------------

    def inline_into(self, parent: Element, el: Element, *, first_label: bool = False) -> None:
        _append_text(parent, el.text)
        for index, child in enumerate(el):
            if isinstance(child.tag, str):
                is_label = first_label and index == 0 and not (el.text or "").strip()
                self.inline(parent, child, number_label=is_label)
            _append_text(parent, child.tail)

    def inline(self, parent: Element, el: Element, *, number_label: bool = False) -> None:
        name = local(el)
        if not name:
            self.inline_into(_el(parent, "span"), el)
            return
        if name == "lb":
            if el.get("break") != "no":  # a line end inside a hyphenated word is not shown
                _el(parent, "br")
            return
        if name == "pb":
            label = f"Page {el.get('n')}" if el.get("n") else "Page break"
            self.copy_id(el, _el(parent, "span", f"[{label}]", class_="pb-inline", role="separator",
                                 aria_label=label))
            return
        if name == "gap":
            self.gap(parent, el)
            return
        if name == "note":
            self.note_marker(parent, el)
            return
        if name in {"ref", "ptr"}:
            target = el.get("target", "").split()[0] if el.get("target", "").split() else ""
            out = self.link(parent, target, None if name == "ref" else target)
        elif name == "label" and number_label:
            out = _el(parent, "span", class_="para-num")
        elif name == "del":
            out = _el(parent, "del", title="Struck through in the original")
        elif name == "add":
            out = _el(parent, "ins", class_="add", title=_add_title(el))
        elif name == "sic":
            out = _el(parent, "span", class_="sic")
            self.copy_id(el, out)
            self.inline_into(out, el)
            _el(parent, "abbr", " [sic]", class_="sic-mark", title="Thus in the original")
            return
        elif name == "supplied":
            out = _el(parent, "span", class_="supplied", title="Supplied by the editor")
        elif name == "unclear":
            out = _el(parent, "span", class_="unclear", title="Uncertain reading")
        elif name == "fw" and el.get("type") == "stamp":  # a stamp interrupting a paragraph: a box of its own
            out = _el(parent, "span", class_=f"stamp place-{el.get('place', 'inline')}", role="note", aria_label="Stamp")
            if len(el) == 1 and local(el[0]) == "stamp" and not _has_own_text(el):
                self.copy_id(el, out)
                el = el[0]
        elif name == "fw":
            out = _el(parent, "span", class_=f"fw fw-{el.get('type', 'fw')}", role="note")
        elif name == "stamp":
            out = _el(parent, "span", class_="stamp stamp-inline", role="note", aria_label="Stamp")
        elif name == "date" and el.get("when") and ISO_DATE.match(el.get("when", "")):
            out = _el(parent, "time", datetime=el.get("when", ""))
        elif name == "hi":
            out = _el(parent, HI_TAGS.get(el.get("rend", ""), "span"))
        elif name in INLINE_TAGS:
            out = _el(parent, INLINE_TAGS[name])
        elif name == "choice":
            self.choice(parent, el)
            return
        else:
            out = _el(parent, "span", class_=f"tei-{name}")
        self.copy_id(el, out)
        self.inline_into(out, el)
        self.header_note_markers(parent, el)

    def gap(self, parent: Element, el: Element) -> None:
        reason = el.get("reason", "")
        words = [GAP_REASONS.get(reason, "Text not transcribed" + (f" ({reason})" if reason else ""))]
        extent = el.get("quantity") or el.get("extent")
        if extent and extent != "unknown":
            words.append(f"{extent} {el.get('unit', '')}".strip())
        elif el.get("extent") == "unknown":
            words.append("extent unknown")
        desc = plain(next((c for c in el if local(c) == "desc"), None))
        title = f"{words[0]} ({', '.join(words[1:])})" if len(words) > 1 else words[0]
        if desc:
            title += f": {desc}"
        title = " ".join([title + "."] + self.header_notes.get(el.get(XML_ID, ""), []))
        out = _el(parent, "abbr", "[\u2026]", class_=f"gap gap-{reason or 'unknown'}", title=title)
        self.copy_id(el, out)
        self.header_note_markers(parent, el)

    def choice(self, parent: Element, el: Element) -> None:
        parts = {local(c): c for c in el if isinstance(c.tag, str)}
        for shown, other in (("sic", "corr"), ("orig", "reg"), ("abbr", "expan")):
            if shown in parts:
                hint = plain(parts[other]) if other in parts else ""
                out = _el(parent, "span", class_=f"choice {shown}")
                if hint:
                    out.set("title", hint)
                self.inline_into(out, parts[shown])
                if shown == "sic":
                    _el(parent, "abbr", " [sic]", class_="sic-mark", title="Thus in the original")
                return
        for child in parts.values():
            self.inline(parent, child)


def _has_own_text(el: Element) -> bool:
    return bool((el.text or "").strip()) or any((c.tail or "").strip() for c in el)


def _group(pairs: list[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    grouped: dict[str, list[str]] = {}
    for resp, name in pairs:
        grouped.setdefault(resp, []).append(name)
    return list(grouped.items())


def _resp_label(resp: str) -> str:
    low = resp.lower()
    if low.startswith("contributed"):
        return "Contributed by"
    if low.startswith("translat"):
        return "Translated by"
    return resp[:1].upper() + resp[1:] if resp else "Responsibility"


def _add_title(el: Element) -> str:
    hand = el.get("hand", "").lstrip("#")
    return f"Added ({hand})" if hand else "Added in the original"


def _layout(root: Element) -> None:
    """Put block-level elements on lines of their own (only where whitespace cannot show)."""
    for el in root.iter():
        if el.tag in BLOCK_TAGS and len(el) and not (el.text or "").strip() and all(
            c.tag in BLOCK_TAGS and not (c.tail or "").strip() for c in el
        ):
            el.text = "\n"
            for child in el:
                child.tail = "\n"

