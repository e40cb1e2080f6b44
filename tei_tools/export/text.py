"""Export TEI to its plain reading text.

Every word of ``<text>`` is kept, in reading order; blocks (paragraphs, headings, stamps, opener and
closer lines) are separated by one blank line and ``<lb/>`` becomes a line break. What is not a plain
word is marked in square brackets so that it cannot be mistaken for the document's own text:

==========================  =====================================
TEI                         text
==========================  =====================================
``<del>their cause</del>``  ``[deleted: their cause]``
``<gap/>``                  ``[gap]``, ``[gap: illegible, 2 words]`` (reason, extent, description)
``<pb n="2"/>``             ``[Page 2]`` (a line of its own between blocks)
``<note>...</note>``        ``[...]`` (the note's text)
``<sic>word</sic>``         ``word [sic]``
``<supplied>x</supplied>``  ``[x]``
``<add>x</add>``            ``[added: x]``
==========================  =====================================

The header (title, citation, ...) is not part of the reading text: use the ``html`` or ``dc`` format.

    >>> from tei_tools.safexml import parse_bytes
    >>> tree = parse_bytes(b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><div>'
    ...     b'<head>A<lb/>B</head><p n="2"><label>2.</label> In <gap/> the <del>old</del> way</p>'
    ...     b'</div></body></text></TEI>')
    >>> print(export(tree), end="")
    A
    B
    <BLANKLINE>
    2. In [gap] the [deleted: old] way
"""

from __future__ import annotations

from lxml import etree

from .common import Element, flatten, body_root, local, plain

# Elements whose children are blocks (when they hold no running text of their own).
CONTAINERS = frozenset(
    {"text", "front", "body", "back", "group", "div", "opener", "closer", "floatingText", "lg", "list",
     "listBibl", "postscript", "sp", "table", "row"}
)
# Elements that stand on a line of their own inside a block.
LINE_ELEMENTS = frozenset({"addrLine", "l", "item", "dateline", "salute", "signed", "cell"})
# Elements that are not read at all.
SILENT = frozenset({"milestone", "anchor", "index", "figDesc", "teiHeader"})

LB = "\x00"  # a hard line break, kept apart from the source's layout whitespace until the end
SPLIT = "\x01"  # a block boundary inside a TEI paragraph (page furniture between its two halves)


def export(tree: etree._ElementTree | Element) -> str:
    """The plain reading text of a TEI document, ending with one newline."""
    text = body_root(tree)
    if text is None:
        return ""
    blocks = [b for b in _blocks(text) if b]
    return "\n\n".join(blocks) + "\n" if blocks else ""


def _has_own_text(el: Element) -> bool:
    if el.text and el.text.strip():
        return True
    return any(child.tail and child.tail.strip() for child in el)


def _blocks(container: Element) -> list[str]:
    out: list[str] = []
    for child in container:
        name = local(child)
        if not name or name in SILENT:
            continue
        if name == "pb":
            out.append(_page(child))
        elif name in CONTAINERS and not _has_own_text(child):
            out.extend(_blocks(child))
        else:
            out.append(_block(child))
    return out


def _page(pb: Element) -> str:
    return f"[Page {pb.get('n')}]" if pb.get("n") else "[Page break]"


def _block(el: Element) -> str:
    """One block (or several, when a stamp interrupts a paragraph): the inline content with ``<lb/>``
    as line breaks and layout whitespace collapsed."""
    return "\n\n".join(_lines(chunk) for chunk in _inline(el).split(SPLIT) if _lines(chunk))


def _lines(raw: str) -> str:
    lines = [" ".join(line.split()) for line in raw.split(LB)]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def _inline(el: Element) -> str:
    return flatten(el, _element, LINE_ELEMENTS, LB)


def _element(el: Element) -> str:
    name = local(el)
    if name == "lb":
        return "" if el.get("break") == "no" else LB  # "con-ference": the word stays whole
    if name == "pb":
        return f" {_page(el)} "
    if name in SILENT:
        return ""
    if name == "fw":
        return SPLIT + _inline(el) + SPLIT
    if name == "del":
        return f"[deleted: {_inline(el).strip()}]"
    if name == "gap":
        return _gap(el)
    if name == "note":
        return f"[{_inline(el).strip()}]"
    if name == "sic" and local(el.getparent()) != "choice":
        return f"{_inline(el)} [sic]"
    if name == "ptr":
        return el.get("target", "")
    if name == "supplied":
        return f"[{_inline(el).strip()}]"
    if name == "add":
        return f"[added: {_inline(el).strip()}]"
    if name == "choice":
        return _choice(el)
    if name in CONTAINERS or name in {"p", "ab", "head"}:  # a block inside running text: keep it apart
        return f" {_inline(el)} "
    return _inline(el)


def _gap(el: Element) -> str:
    details = [d for d in (el.get("reason"),) if d and d != "missing"]
    extent = el.get("quantity") or el.get("extent")
    if extent and extent != "unknown":
        details.append(f"{extent} {el.get('unit', '')}".strip())
    desc = plain(next((c for c in el if local(c) == "desc"), None))
    if desc and desc not in details:
        details.append(desc)
    return f"[gap: {', '.join(details)}]" if details else "[gap]"


def _choice(el: Element) -> str:
    """``choice``: the form the document shows, then the editor's in brackets, so that every word
    of the TEI is in the text: ``recnt [sic: recent]``, ``Vsct. [Viscount]``, ``colour [color]``."""
    by_name = {local(c): c for c in el if isinstance(c.tag, str)}
    for shown, other in (("sic", "corr"), ("orig", "reg"), ("abbr", "expan")):
        if shown in by_name:
            text = _inline(by_name[shown])
            alternative = _inline(by_name[other]) if other in by_name else ""
            if shown == "sic":
                return f"{text} [sic: {alternative}]" if alternative else f"{text} [sic]"
            return f"{text} [{alternative}]" if alternative else text
    return "".join(_inline(c) for c in by_name.values())