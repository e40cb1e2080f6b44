"""Export TEI back to the plain-text transcription format that ``tei-tools convert`` reads.

The output is what a transcriber would have typed: a metadata block (bold date and bold title, then
``**Citation:**`` with the URL in ``<...>``, ``**Summary:**``, ``**Original Language:**``,
``**Contents:**`` bullets and any other ``**Label:**`` section), then the document: the classification
marking, the heading with hard line breaks (two trailing spaces), the ``---`` rule, paragraphs with
their printed labels (``2.``), ``~~deletions~~``, editorial brackets (``[illegible]``, ``word [sic]``,
``[Khrushchev]``, ``[handwritten: ...]``, ``[Stamp: ...]``), and stamps as ALL-CAPS lines.

A paragraph broken mid-sentence (a ``<gap reason="missing"/>`` with nothing printed) is written as the
converter found it: two blocks separated by a blank line. Page breaks the converter inferred from a
page-closing stamp are not written (the stamp brings them back).

The round trip ``convert(export(convert(x)))`` gives the TEI of ``convert(x)``; the tests check it on
every seed and on the test corpus.

    >>> from tei_tools.safexml import parse_bytes
    >>> tree = parse_bytes(b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><div>'
    ...     b'<head>A<lb/>B</head><p n="2"><label>2.</label> The <del rend="strikethrough">old</del> way</p>'
    ...     b'</div></body></text></TEI>')
    >>> print(export(tree), end="")
    A  
    B
    <BLANKLINE>
    2. The ~~old~~ way
"""

from __future__ import annotations

import textwrap

from lxml import etree

from .common import Element, flatten, Header, body_root, find, local, plain, read_header, root_of

LB = "\x00"  # a hard line break, kept apart from layout whitespace until the end
SOFT = "\x03"  # a line end inside a hyphenated word (lb break="no"): a plain newline in the output
CONTAINERS = frozenset({"text", "front", "body", "back", "group", "div", "floatingText", "opener", "closer", "postscript"})
LINE_ELEMENTS = frozenset({"addrLine", "l", "item"})
TITLE_WIDTH = 64
SPLIT = "\x01"  # between two blocks that TEI holds in one paragraph (a gap, or a stamp mid-paragraph)
WIDE = "\x02"  # the wide space between a heading's text and its classification marking


def export(tree: etree._ElementTree | Element) -> str:
    """The transcription of a TEI document, ending with one newline."""
    root = root_of(tree)
    parts = _metadata(root, read_header(root))
    text = body_root(root)
    if text is not None:
        parts.extend(b for b in _blocks(text) if b)
    return "\n\n".join(parts) + "\n" if parts else ""


# -- metadata ---------------------------------------------------------------------------------------


def _metadata(root: Element, h: Header) -> list[str]:
    if not h.has_metadata:
        return []
    bold: list[str] = []
    if h.date:
        bold.append(f"**{h.date}**")
    if h.title and not _is_fallback_title(root, h.title):
        wrapped = textwrap.wrap(h.title, TITLE_WIDTH, break_long_words=False, break_on_hyphens=False)
        bold.append("**" + "  \n".join(wrapped) + "**")
    out = ["  \n".join(bold)] if bold else []
    if h.citation or h.url:
        lines = [line for line in (h.citation, f"<{h.url}>" if h.url else None) if line]
        out += ["**Citation:**", "  \n".join(lines)]
    if h.summary:
        out += ["**Summary:**", h.summary]
    if h.original_language:
        out += ["**Original Language:**", h.original_language]
    if h.contents:
        out += ["**Contents:**", _bullets(h.contents)]
    for label, text, items in h.other_sections:
        out += [f"**{label}:**"] + [part for part in (text, _bullets(items)) if part]
    return out


def _bullets(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def _is_fallback_title(root: Element, title: str) -> bool:
    """Whether the title is one the converter supplied (``subtype="supplied"``) because the metadata
    block had none: leaving it out gives the same title back."""
    return find(root, "t:teiHeader/t:fileDesc/t:titleStmt/t:title[@subtype='supplied']") is not None


# -- blocks -----------------------------------------------------------------------------------------


def _has_own_text(el: Element) -> bool:
    return bool((el.text or "").strip()) or any((c.tail or "").strip() for c in el)


def _blocks(container: Element) -> list[str]:
    out: list[str] = []
    for child in container:
        name = local(child)
        if not name or name == "pb":
            continue
        if name == "milestone":
            out.append("---")
        elif name == "closer":
            out.extend(_closer(child))
        elif name in CONTAINERS and not _has_own_text(child):
            out.extend(_blocks(child))
        else:
            out.append(_block(_element(child) if name in {"fw", "stamp"} else _inline(child)))
    return out


def _lines(raw: str) -> list[str]:
    """Split inline output at hard breaks, collapsing the TEI's layout whitespace in each line."""
    lines = [" ".join(line.split()).replace(WIDE, "   ").replace(SOFT, "\n") for line in raw.split(LB)]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _block(raw: str) -> str:
    """One or more blocks (split where TEI joined them) with hard breaks as two trailing spaces."""
    return "\n\n".join("  \n".join(_lines(chunk)) for chunk in raw.split(SPLIT) if _lines(chunk))


def _closer(closer: Element) -> list[str]:
    """A closer holds one block per signature, salutation or dateline, and the lines of other
    closing blocks; an ``lb`` next to one of the former separates blocks."""
    out: list[str] = []
    current = [closer.text or ""]
    for child in closer:
        name = local(child)
        if name in {"signed", "salute", "dateline"}:
            out.append(_block("".join(current)))
            out.append(_block(_inline(child)))
            current = []
        elif name == "lb" and not "".join(current).strip():
            pass  # the separator after a block
        elif name:
            current.append(_element(child))
        current.append(child.tail or "")
    out.append(_block("".join(current)))
    return [b for b in out if b]


def _stamp(el: Element) -> str:
    """A stamp block: ALL-CAPS archival lines as they stand, any other stamp in ``[Stamp: ...]``."""
    raw = _inline(el)
    lines = _lines(raw)
    caps = len(lines) >= 2 and all(line == line.upper() for line in lines)
    if caps and el.get("type") in (None, "archival"):
        return raw
    return "[Stamp: " + LB.join(lines) + "]"


# -- inlines ----------------------------------------------------------------------------------------


def _inline(el: Element) -> str:
    return flatten(el, _element, LINE_ELEMENTS, LB)


def _element(el: Element) -> str:
    name = local(el)
    if name == "lb":
        return SOFT if el.get("break") == "no" else LB
    if name == "pb":
        return " "
    if name == "fw" and local(el.getparent()) not in {"p", "div", "body", "closer"}:
        # a stamp inside a heading or opener line: written where it stands, "[Stamp: ...]"
        return "".join(_stamp(c) for c in el if local(c) == "stamp") or _inline(el)
    if name == "fw":  # page furniture: a block of its own, even inside a paragraph
        stamps = [c for c in el if local(c) == "stamp"]
        inner = SPLIT.join(_stamp(c) for c in stamps) if stamps and not _has_own_text(el) else _inline(el)
        return SPLIT + (_stamp(el) if el.get("type") == "stamp" and not stamps else inner) + SPLIT
    if name == "seg" and el.get("type") == "classification" and local(el.getparent()) == "head":
        return WIDE + _inline(el)
    if name in {"milestone", "anchor"}:
        return ""
    if name == "ptr":
        return f"<{el.get('target', '')}>"
    if name == "del":
        return f"~~{_inline(el)}~~"
    if name == "hi" and el.get("rend") == "bold":
        return f"**{_inline(el)}**"
    if name == "gap":
        return _gap(el)
    if name == "sic":
        return f"{_inline(el)} [sic]"
    if name == "supplied":
        return f"[{_inline(el)}]"
    if name == "note":
        return f"[{_inline(el).strip()}]"
    if name == "add":
        return f"[handwritten: {_inline(el).strip()}]"
    if name == "stamp":
        if local(el.getparent()) in {"body", "div"}:
            return SPLIT + _stamp(el) + SPLIT
        return f"[Stamp: {_inline(el).strip()}]"
    if name == "choice":
        shown = find(el, "t:sic", "t:orig", "t:abbr")
        return _element(shown) if shown is not None else _inline(el)
    return _inline(el)


def _gap(el: Element) -> str:
    desc = plain(find(el, "t:desc"))
    if desc:
        return f"[{desc}]"
    reason = el.get("reason", "missing")
    if reason == "missing" and el.get("extent", "unknown") == "unknown" and not el.get("quantity"):
        return SPLIT  # the blank-line break of a paragraph interrupted mid-sentence
    if reason == "illegible":
        return "[illegible]"
    if reason == "redacted" and el.get("quantity"):
        return f"[{el.get('quantity')} {el.get('unit', 'lines')} not declassified]"
    return "[...]"
