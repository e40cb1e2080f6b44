"""The 'nothing lost' check, written independently of the converter.

The words of a transcription's document text (everything after the metadata block) must be the
words of the TEI ``text`` element, in the same order. Markup that the converter interprets rather
than transcribes is taken out of the source first: ``~~``, ``**``, the ``---`` rule, the bracket
notation (``[``, ``]``, and the keywords ``sic``, ``handwritten:``, ``Stamp:``, which become TEI
elements). Words are runs of letters and digits; element boundaries in the TEI count as spaces.
"""

from __future__ import annotations

import re

from lxml import etree

TEI = "{http://www.tei-c.org/ns/1.0}"
_WORD = re.compile(r"\w+")
_RULE_LINE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$", re.M)
_SIC = re.compile(r"\[(?:sic!?)\]", re.I)
_LABEL = re.compile(r"\[\s*(?:handwritten|handwriting|manuscript|stamp)\s*:", re.I)


def source_words(body: str) -> list[str]:
    text = _RULE_LINE.sub(" ", body)
    text = _SIC.sub(" ", text)
    text = _LABEL.sub(" ", text)
    return _WORD.findall(text)


def tei_words(tree: etree._ElementTree | etree._Element) -> list[str]:
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    text = root.find(f"{TEI}text")
    assert text is not None, "no <text> element"
    parts: list[str] = []

    def walk(el: etree._Element) -> None:
        parts.append(" ")
        if el.text:
            parts.append(el.text)
        for child in el:
            if isinstance(child.tag, str):
                walk(child)
            parts.append(" ")
            if child.tail:
                parts.append(child.tail)

    walk(text)
    return _WORD.findall("".join(parts))


def first_difference(expected: list[str], actual: list[str]) -> str:
    """Explain where two word sequences part ways (for assertion messages)."""
    for k, (a, b) in enumerate(zip(expected, actual)):
        if a != b:
            return f"word {k}: source has {expected[max(0, k - 3):k + 4]!r}, TEI has {actual[max(0, k - 3):k + 4]!r}"
    if len(expected) != len(actual):
        k = min(len(expected), len(actual))
        return f"lengths differ at word {k}: source continues {expected[k:k + 6]!r}, TEI continues {actual[k:k + 6]!r}"
    return "no difference"
