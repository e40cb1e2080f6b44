"""Inline markup of a transcription: ``~~deletions~~``, ``**bold**``, and editorial brackets.

The input is the text of one block with hard line breaks as ``\\n``; the output a tuple of model
inlines. Nothing is dropped: unbalanced markers stay as literal text (with a warning), unknown
brackets become editorial notes (with a warning).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..model import (
    Added,
    Deleted,
    EditorialNote,
    Gap,
    Highlight,
    Inline,
    LineBreak,
    Sic,
    StampMark,
    Str,
    Supplied,
)

Warn = Callable[[str, str], None]

_TOKEN = re.compile(r"~~|\*\*|\[|\]|\n|\x1f")  # \x1f: a soft line end inside a hyphenated word
_REDACTED = re.compile(
    r"^(?P<printed>(?:(?P<q1>\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<u1>lines?|words?|paragraphs?|pages?|sentences?)"
    r"(?:\s*\((?P<q2>\d+)\s+(?P<u2>lines?)[^)]*\))?[^\]]*?)\s+not\s+declassified)$",
    re.IGNORECASE,
)
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_UNITS = {"line": "lines", "word": "words", "paragraph": "paragraphs", "page": "pages", "sentence": "sentences"}
_LABELLED = re.compile(r"^(?P<label>handwritten|handwriting|manuscript|stamp)\s*:\s*(?P<body>.*)$", re.IGNORECASE | re.S)
_SUPPLIED = re.compile(r"^[A-Z\u0400-\u04FF][\w\u0400-\u04FF'.-]*(?:\s+[A-Z\u0400-\u04FF][\w\u0400-\u04FF'.-]*){0,3}$")


def bracket(content: str, attached: bool, warn: Warn) -> Inline | Str:
    """The model node for one ``[...]`` whose inner text is ``content``.

    ``attached`` is true when the bracket follows a letter directly (``Petrov[ich]``)."""
    stripped = " ".join(content.split())
    lowered = stripped.lower()
    if stripped.isdigit():  # a footnote marker, "[1]": kept as printed
        warn("footnote", f"footnote marker [{stripped}] kept as text")
        return Str(f"[{stripped}]")
    if lowered == "sic" or lowered == "sic!":
        return Sic(word="", printed=stripped)
    if lowered in {"illegible", "illeg.", "illeg", "unreadable", "indecipherable"}:
        return Gap(reason="illegible", printed=stripped)
    if stripped in {"...", "…", ". . ."}:
        return Gap(reason="omitted", printed=stripped)
    m = _REDACTED.match(stripped)
    if m:
        if m["q2"]:
            quantity, unit = m["q2"], m["u2"]
        else:
            quantity, unit = m["q1"], m["u1"]
        quantity = str(_NUMBERS.get(quantity.lower(), quantity))
        unit = _UNITS.get(unit.lower().rstrip("s"), "lines")
        return Gap(reason="redacted", printed=stripped, quantity=quantity, unit=unit)
    m = _LABELLED.match(content.strip())
    if m:
        inner = parse_inlines(m["body"], warn)
        if m["label"].lower() == "stamp":
            upper = m["body"].upper()
            kind = "received" if "RECEIVED" in upper else "registry" if "REGISTR" in upper else "other"
            return StampMark(content=inner, label=m["label"], kind=kind)
        return Added(content=inner, label=m["label"])
    if attached and stripped and re.fullmatch(r"[\w\u0400-\u04FF'-]+", stripped):
        return Supplied(text=stripped)
    if _SUPPLIED.match(stripped) and ":" not in stripped:
        return Supplied(text=stripped)
    if lowered in {"signature", "signed", "seal", "stamp"}:
        return Gap(reason="omitted", printed=stripped)
    if ":" not in stripped:
        warn("bracket", f"unrecognised bracketed text [{stripped}] kept as an editorial note")
    return EditorialNote(text=stripped)


def _append_text(out: list[Inline], text: str) -> None:
    if not text:
        return
    if out and isinstance(out[-1], Str):
        out[-1] = Str(out[-1].text + text)
    else:
        out.append(Str(text))


def _attach_sic(out: list[Inline], node: Sic) -> None:
    """``[sic]`` marks the word before it: move that word into the :class:`Sic` node.

    The space between the word and the bracket belongs to the bracket notation and is not kept."""
    if out and isinstance(out[-1], Str):
        # the word, without the quotation marks or brackets that open before it
        m = re.search(r"[\"'“‘«(]*(\S+)\s*$", out[-1].text)
        if m:
            head = out[-1].text[: m.start(1)]
            out.pop()
            if head:
                out.append(Str(head))
            out.append(Sic(word=m.group(1), printed=node.printed))
            return
    out.append(node)


def parse_inlines(text: str, warn: Warn) -> tuple[Inline, ...]:
    """Parse the inline markup of ``text`` (hard breaks as ``\\n``)."""
    out: list[Inline] = []
    stack: list[tuple[str, list[Inline]]] = []  # open ~~ / ** spans
    current = out
    pos = 0
    n = len(text)
    while pos < n:
        m = _TOKEN.search(text, pos)
        if m is None:
            _append_text(current, text[pos:])
            break
        _append_text(current, text[pos : m.start()])
        tok = m.group()
        pos = m.end()
        if tok == "\n":
            current.append(LineBreak())
        elif tok == "\x1f":
            current.append(LineBreak(hyphenated=True))
        elif tok in ("~~", "**"):
            if stack and stack[-1][0] == tok and all(isinstance(n, Str) and not n.text.strip() for n in current):
                # "~~~~" or "~~ ~~": an empty span is no deletion; keep the markers as they are
                inner = "".join(n.text for n in current if isinstance(n, Str))
                _, current = stack.pop()
                warn("unbalanced", f"empty '{tok}...{tok}' span kept as literal text")
                _append_text(current, tok + inner + tok)
            elif stack and stack[-1][0] == tok:
                _, parent = stack.pop()
                span = tuple(current)
                node: Inline = Deleted(span) if tok == "~~" else Highlight(span, "bold")
                current = parent
                current.append(node)
            elif text.find(tok, pos) != -1:
                stack.append((tok, current))
                current = []
            else:
                warn("unbalanced", f"unbalanced '{tok}' kept as literal text")
                _append_text(current, tok)
        elif tok == "[":
            close = text.find("]", pos)
            nested = text.find("[", pos)
            if close == -1 or (nested != -1 and nested < close):
                warn("unbalanced", "unbalanced '[' kept as literal text")
                _append_text(current, "[")
                continue
            attached = m.start() > 0 and text[m.start() - 1].isalpha()
            node = bracket(text[pos:close], attached, warn)
            if isinstance(node, Sic):
                _attach_sic(current, node)
            elif isinstance(node, Str):
                _append_text(current, node.text)
            else:
                current.append(node)
            pos = close + 1
        else:  # a stray ']'
            warn("unbalanced", "unbalanced ']' kept as literal text")
            _append_text(current, "]")
    while stack:  # unclosed span at end (only when the closer was consumed elsewhere)
        tok, parent = stack.pop()
        warn("unbalanced", f"unbalanced '{tok}' kept as literal text")
        content = current
        current = parent
        _append_text(current, tok)
        for node in content:
            if isinstance(node, Str):
                _append_text(current, node.text)
            else:
                current.append(node)
    return tuple(out)
