"""The document proper: from the classification marking to the last stamp.

A single pass cuts the lines into blocks (runs of non-blank lines); each block is classified on its
own (:func:`_classify`), then by its position (front matter before the ``---`` rule or the first
paragraph, the body, trailing closers); a last pass joins paragraphs broken mid-sentence and places
page breaks. Every decision that is a guess is reported through ``warn``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..model import (
    Block,
    Classification,
    Furniture,
    Gap,
    Heading,
    Inline,
    Interruption,
    LineBlock,
    LineBreak,
    PageBreak,
    Paragraph,
    Rule,
    Stamp,
    Str,
)
from .inlines import parse_inlines

Warn = Callable[[int | None, str, str], None]

LEVELS = (
    "TOP SECRET", "STRICTLY SECRET", "STRICTLY CONFIDENTIAL", "SECRET", "CONFIDENTIAL", "RESTRICTED",
    "UNCLASSIFIED", "LIMITED OFFICIAL USE", "OFFICIAL USE ONLY",
)
_LEVEL = "|".join(LEVELS).replace(" ", r"\s+")
_CAVEAT = r"(?:\s*(?://|-|–|—|,)?\s*(?:NOFORN|EYES\s+ONLY|NODIS|EXDIS|LIMDIS|PERSONAL|FOR\s+\w+\s+EYES\s+ONLY))*"
# Prefixes that stand before a level in a marking: "FOR OFFICIAL USE ONLY", "PERSONAL AND CONFIDENTIAL",
# "NATO SECRET", "COSMIC TOP SECRET".
_PREFIX = r"(?:(?:FOR|PERSONAL\s+AND|STRICTLY\s+PERSONAL\s+AND|NATO|COSMIC)\s+)?"
_CLASS_LINE = re.compile(rf"^{_PREFIX}(?:{_LEVEL}){_CAVEAT}$", re.IGNORECASE)
_CLASS_AT_END = re.compile(rf"^(?P<before>\S.*?\S)(?:\s{{3,}}|\t+)(?P<cls>(?:{_LEVEL}){_CAVEAT})$")
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
_PAGE = re.compile(r"^PAGE\s+(?P<n>\d{1,4})\b.*$")
_NUMBER = re.compile(r"^(?P<label>(?P<n>\d{1,3})\.|\((?P<pn>\d{1,3})\))(?=\s+\S)")
_ROUTING = re.compile(r"^(?:FROM|TO|INFO|CC|SUBJECT|SUBJ|REF|From|To|Info|Subject|Copy to|Ref)\s*:\s*\S")
# Of the routing lines, those that name a sender or an addressee (an address, TEI addrLine).
_ADDRESS = re.compile(r"^(?:FROM|TO|INFO|CC|From|To|Info|Cc|Copy to|COPY TO)\s*:\s*\S")
_DATELINE = re.compile(
    r"^[A-Z][\w .'’-]{1,40},\s+(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\.?,?\s+\d{4}|[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4})\.?$"
)
_SALUTE = re.compile(r"^(?:Dear|My dear|Dear Comrade|Respected|Esteemed)\b.{0,80}[,:!]$")
_VALEDICTION = re.compile(
    r"^(?:Yours|Sincerely|Respectfully|Faithfully|(?:With\s+)?(?:best|comradely|kind|fraternal|warm|warmest|cordial)\s+"
    r"(?:regards|greetings|wishes)|With respect)\b.{0,40}[,.!]?$",
    re.I,
)
_SIGNATURE_MARK = re.compile(r"^(?:\[signature\]|\(signed\)|/s/)\s*", re.IGNORECASE)


def _is_caps_name(text: str) -> bool:
    """A signature in capitals: initials and one to three capitalised words (``A. GROMYKO``,
    ``W. GOMUŁKA``, ``[signature] T. GEDE``), any alphabet, at most 40 characters."""
    words = _SIGNATURE_MARK.sub("", text).rstrip(".").split()
    if not words or len(text) > 40:
        return False
    initials = 0
    while initials < len(words) - 1 and len(words[initials]) == 2 and words[initials][0].isupper() and words[initials][1] == ".":
        initials += 1
    names = [w.strip("'’-") for w in words[initials:]]
    return 1 <= len(names) <= 3 and initials <= 3 and all(len(n) >= 2 and n.isupper() and n.replace("-", "").replace("'", "").isalpha() for n in names)
_SIGNED_MARK = re.compile(r"^(?:\[signature\]|\(signed\)|/s/|\(Signature\))", re.I)
# A distribution line: "copies made" anywhere, or one of the openings. Two patterns, because one
# alternation of anchored and unanchored branches costs a search at every position of a long paragraph.
_DISTRIBUTION_ANYWHERE = re.compile(r"copies (?:made|printed|typed)", re.I)
_DISTRIBUTION_START = re.compile(r"copy no\.|\w+ copies\b|distribution\s*:|typed in \d+ copies|sent to\s*:|cop(?:y|ies) to\b|cc\s*:", re.I)
_STAMP_WORDS = re.compile(
    r"\b(?:COPY|RETAINED|RECEIVED|REGISTRY|REGISTERED|RECORDS|ARCHIVES?|ARCHIW\w*|ARCHIV\w*|АРХИВ\w*|DECLASSIFIED|"
    r"SANITIZED|AUTHORITY|FILED|ENTERED|INCOMING|OUTGOING|SECTION|ZESPÓŁ|SYGN\.|FOND|FONDS|REG\.|NO\.)"
)
_RETENTION = re.compile(r"RETAINED|PUBLIC RECORDS ACT|THIS IS A COPY")
_BRACKET_STAMP = re.compile(r"^\[(?:Stamp|STAMP|stamp)\s*:(?P<body>.*)\]$", re.S)
# A soft line end inside a hyphenated word; the marker is a control character, which decoding refuses
# in any input, so it cannot clash with the text.
_HYPHEN_END = re.compile(r"[^\W\d_]-$")
HYPHEN_BREAK = "\x1f"
_POSTSCRIPT = re.compile(r"^(?:P\.\s?(?:P\.\s?)*S\.|PS:|Postscript:)", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^(?:[-*•–]\s|\(?[a-z0-9]{1,2}\)\s|[a-z]\.\s)")
_COLUMNS = re.compile(r"\S {3,}\S")
# Datelines, salutations, valedictions and distribution notes are short lines.
_SHORT_LINE = 160
_SENTENCE_END = frozenset(".!?:;\"'’”)]»…")


def _ends_sentence(text: str) -> bool:
    """True when ``text`` (right-stripped) ends with sentence punctuation. (A character test, not a
    regex search: ``re.search("[...]$")`` would try every position of a long paragraph.)"""
    return text[-1:] in _SENTENCE_END


@dataclass
class RawBlock:
    """Consecutive non-blank lines: (line number, text) with trailing spaces kept."""

    lines: list[tuple[int, str]]

    @property
    def line(self) -> int:
        return self.lines[0][0]

    @property
    def stripped(self) -> list[str]:
        return [t.strip() for _, t in self.lines]

    def text(self) -> str:
        """The block's text: hard line breaks (two trailing spaces or a tab) become
        ``\\n``, soft wraps one space, as in Markdown."""
        parts: list[str] = []
        last = len(self.lines) - 1
        accurate = self.line_accurate()
        for k, (_, t) in enumerate(self.lines):
            body = t.strip()
            if k < last:
                hard = t.endswith("  ") or t.endswith("\t") or accurate
                if not hard and _HYPHEN_END.search(body) and self.lines[k + 1][1].lstrip()[:1].islower():
                    parts.append(body + HYPHEN_BREAK)  # "con-" / "ference": one word over two lines
                else:
                    parts.append(body + ("\n" if hard else " "))
            else:
                parts.append(body)
        return "".join(parts)

    def line_accurate(self) -> bool:
        """A list (every line starts with a bullet or an item letter) or a table (every line holds a
        ``|`` or a run of three spaces between words): its line ends are kept as line breaks."""
        texts = [t.strip() for _, t in self.lines]
        return len(texts) > 1 and (
            all(_LIST_ITEM.match(t) for t in texts) or all("|" in t or _COLUMNS.search(t) for t in texts)
        )

    def hard_lines(self) -> bool:
        return len(self.lines) > 1 and all(t.endswith("  ") or t.endswith("\t") for _, t in self.lines[:-1])


def blocks_of(lines: list[str], first: int) -> list[RawBlock]:
    """Cut ``lines`` (the first of which is line ``first``, 1-based) into blocks."""
    out: list[RawBlock] = []
    current: list[tuple[int, str]] = []
    for k, line in enumerate(lines):
        if _RULE.match(line) and line.strip():
            # a rule is a block of its own, even with no blank line around it ("Heading" / "---")
            if current:
                out.append(RawBlock(current))
            out.append(RawBlock([(first + k, line)]))
            current = []
        elif line.strip():
            current.append((first + k, line))
        elif current:
            out.append(RawBlock(current))
            current = []
    if current:
        out.append(RawBlock(current))
    return out


def _collapse_spaced(text: str) -> str | None:
    """``C O N F I D E N T I A L`` -> ``CONFIDENTIAL``; ``T O P  S E C R E T`` -> ``TOP SECRET``."""
    if not re.fullmatch(r"(?:[A-Za-z] ){2,}[A-Za-z](?:\s{2,}(?:[A-Za-z] )*[A-Za-z])*", text):
        return None
    return " ".join(word.replace(" ", "") for word in re.split(r"\s{2,}", text))


def classification_of(text: str) -> str | None:
    """The normalised level when ``text`` (one line) is a classification marking, else ``None``."""
    t = text.strip()
    candidate = _collapse_spaced(t) or t
    if not _CLASS_LINE.match(candidate):
        return None
    if candidate != candidate.upper() and candidate != candidate.title() and not candidate[:1].isupper():
        return None
    unprefixed = re.sub(rf"^{_PREFIX}", "", candidate, flags=re.IGNORECASE)
    for level in LEVELS:
        if re.match(level.replace(" ", r"\s+"), unprefixed, re.IGNORECASE):
            return level
    return None  # pragma: no cover


def _is_all_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and not any(c.islower() for c in letters)


# ---------------------------------------------------------------------------------------------------
# Block classification


def _lines_inlines(block: RawBlock, warn: Warn) -> list[tuple[Inline, ...]]:
    return [_inl(t.strip(), n, warn) for n, t in block.lines]


def _inl(text: str, line: int, warn: Warn) -> tuple[Inline, ...]:
    return parse_inlines(text, lambda code, msg: warn(line, code, msg))


def _stamp_from_brackets(block: RawBlock, warn: Warn) -> Stamp | None:
    joined = "\n".join(block.stripped)
    m = _BRACKET_STAMP.match(joined)
    if not m or "]" in m["body"] or "[" in m["body"]:
        return None
    body_lines = [ln.strip() for ln in m["body"].strip().split("\n")]
    if len(body_lines) == 1 and " / " in body_lines[0]:
        body_lines = [part.strip() for part in body_lines[0].split(" / ")]
    lines = [_inl(t, block.line + k, warn) for k, t in enumerate(body_lines) if t]
    upper = m["body"].upper()
    kind = "received" if "RECEIVED" in upper else "registry" if "REGISTR" in upper else "other"
    return Stamp(lines=lines, line=block.line, kind=kind)


def _caps_stamp(block: RawBlock, warn: Warn) -> Stamp | None:
    texts = block.stripped
    if len(texts) < 2 or not all(_is_all_caps(t) and len(t) <= 60 for t in texts):
        return None
    joined = " ".join(texts)
    if not _STAMP_WORDS.search(joined) or any(_ROUTING.match(t) for t in texts):
        return None
    # ALL-CAPS archival stamps stand at the foot of a page in the copy-text: each closes a page.
    return Stamp(
        lines=_lines_inlines(block, warn),
        line=block.line,
        kind="archival",
        subtype="retention" if _RETENTION.search(joined) else None,
        closes_page=True,
    )


def _numbered(block: RawBlock, warn: Warn, last_number: list[int]) -> Paragraph:
    text = block.text()
    m = _NUMBER.match(text)
    if m:
        number = int(m["n"] or m["pn"])
        if number > last_number[0]:
            last_number[0] = number
            rest = text[m.end():]
            return Paragraph(_inl(rest, block.line, warn), block.line, number=number, label=m["label"])
        warn(block.line, "paragraph-number",
             f"paragraph number {m['label']} does not ascend (the last was {last_number[0]}): kept as text, not as @n")
    return Paragraph(_inl(text, block.line, warn), block.line)


def _is_distribution(text: str) -> bool:
    return bool(_DISTRIBUTION_ANYWHERE.search(text) or _DISTRIBUTION_START.match(text))


def _line_kind(block: RawBlock) -> str | None:
    """The kind of a line-accurate block (routing, dateline, salutation, signature, distribution)."""
    texts = block.stripped
    if all(_ADDRESS.match(t) for t in texts):
        return "address"
    if len(texts) == 1 and len(texts[0]) <= _SHORT_LINE:  # a long line is running text
        t = texts[0]
        if _DATELINE.match(t):
            return "dateline"
        if _SALUTE.match(t):
            return "salute"
        if _is_distribution(t):
            return "closer"
        if _VALEDICTION.match(t):
            return "salute"
    if len(texts) > 1 and block.hard_lines() and _is_distribution(texts[0]):
        return "closer"  # "5 copies" / "1st copy: Comrade Ulbricht" / ...
    return None


def _is_signature(block: RawBlock) -> bool:
    texts = block.stripped
    if len(texts) > 3:
        return False
    if _SIGNED_MARK.match(texts[0]):
        return True
    if len(texts) > 1 and _is_caps_name(texts[-1]):
        # a title over the name: "Chairman of the Council of Ministers" / "N. KHRUSHCHEV"
        return all(len(t) <= 80 and not t.endswith(".") for t in texts[:-1]) and block.hard_lines()
    return all(_is_caps_name(t) for t in texts) and classification_of(texts[0]) is None


def _is_prose(block: RawBlock) -> bool:
    """A block that reads as running prose (not a heading line)."""
    text = block.text()
    if _NUMBER.match(text):
        return True
    if block.hard_lines():
        return False
    words = len(text.split())
    return words >= 25 or (words >= 10 and _ends_sentence(text) and not _is_all_caps(text))


# ---------------------------------------------------------------------------------------------------
# Reading the body


def _front(block: RawBlock, warn: Warn) -> list[Block]:
    """A block before the rule / the first paragraph: classification, routing, heading lines."""
    texts = block.stripped
    level = classification_of(texts[0])
    if level is not None:
        out: list[Block] = [Classification(texts[0], block.line, normalized=level)]
        if len(block.lines) > 1:
            out.extend(_front(RawBlock(block.lines[1:]), warn))
        return out
    if len(texts) == 1:
        m = _CLASS_AT_END.match(texts[0])
        if m and m["cls"] == m["cls"].upper() and classification_of(m["cls"]):
            before = _inl(m["before"], block.line, warn)
            return [Classification(m["cls"], block.line, before=before, normalized=classification_of(m["cls"]) or "")]
    if block.hard_lines():
        return _front_lines(block, warn)
    kind = _line_kind(block)
    if kind is not None:
        return [LineBlock(kind, _lines_inlines(block, warn), block.line)]
    lines = [_inl(part, block.line + k, warn) for k, part in enumerate(block.text().split("\n"))]
    return [Heading(lines, block.line)]


def _front_lines(block: RawBlock, warn: Warn) -> list[Block]:
    """A line-accurate block of front matter. A routing block (``To:``/``From:`` lines, with
    ``Subject: ...``, ``Extra Urgent``, ``No. 1147`` among them) is one opener; any other block is cut
    into datelines and runs of heading lines."""
    texts = block.stripped
    if any(_ADDRESS.match(t) for t in texts):  # a routing block: one opener
        marks = tuple(bool(_ADDRESS.match(t)) for t in texts)
        return [LineBlock("address", _lines_inlines(block, warn), block.line, address=marks)]
    runs: list[tuple[str, list[tuple[int, str]]]] = []
    for (line, _), text in zip(block.lines, texts):
        if len(text) <= _SHORT_LINE and _DATELINE.match(text):
            kind = "dateline"
        else:
            kind = "heading"
        if runs and runs[-1][0] == kind and kind != "dateline":
            runs[-1][1].append((line, text))
        else:
            runs.append((kind, [(line, text)]))
    out: list[Block] = []
    for kind, rows in runs:
        lines = [_inl(text, line, warn) for line, text in rows]
        out.append(Heading(lines, rows[0][0]) if kind == "heading" else LineBlock(kind, lines, rows[0][0]))
    return out


def _body(block: RawBlock, warn: Warn, last_number: list[int]) -> list[Block]:
    """A block after the front matter."""
    texts = block.stripped
    if len(texts) == 1:
        t = texts[0]
        if _RULE.match(t):
            return [Rule(block.line)]
        if classification_of(t):
            return [Furniture(t, "classification", block.line)]
        m = _PAGE.match(t)
        if m:
            return [PageBreak(int(m["n"]), block.line, inferred=False), Furniture(t, "header", block.line)]
    stamp = _stamp_from_brackets(block, warn) or _caps_stamp(block, warn)
    if stamp is not None:
        return [stamp]
    if _NUMBER.match(block.text()):
        return [_numbered(block, warn, last_number)]
    if _is_signature(block):
        return [LineBlock("signed", _lines_inlines(block, warn), block.line)]
    kind = _line_kind(block)
    if kind is not None:
        return [LineBlock(kind, _lines_inlines(block, warn), block.line)]
    text = block.text()
    return [Paragraph(_inl(text, block.line, warn), block.line, postscript=bool(_POSTSCRIPT.match(text)))]


def _quiet(line: int | None, code: str, message: str) -> None:
    """A ``warn`` that says nothing, for probing a block before it is read."""


def read_body(lines: list[str], first: int, warn: Warn) -> list[Block]:
    """Read the document lines (the first is line ``first``) into model blocks."""
    raw = blocks_of(lines, first)
    if not raw:
        return []
    rule_at = next((k for k, b in enumerate(raw) if len(b.lines) == 1 and _RULE.match(b.lines[0][1])), None)
    if rule_at is None:
        # only a probe: the block is read (and warned about) once, below
        front_end = next(
            (k for k, b in enumerate(raw) if _is_prose(b) or _stamp_from_brackets(b, _quiet) or _caps_stamp(b, _quiet)),
            None,
        )
        if front_end is None:
            front_end = 1 if len(raw) > 1 and not _NUMBER.match(raw[0].text()) else 0
    else:
        front_end = rule_at
    blocks: list[Block] = []
    for block in raw[:front_end]:
        blocks.extend(_front(block, warn))
    headings = [b for b in blocks if isinstance(b, Heading)]
    if rule_at is None and headings:
        lines_of = f"{headings[0].line}-{headings[-1].line + len(headings[-1].lines) - 1}"
        warn(headings[0].line, "no-rule", f"no '---' rule after the heading: lines {lines_of} taken as the heading")
    last_number = [0]
    for block in raw[front_end:]:
        blocks.extend(_body(block, warn, last_number))
    _place_furniture(blocks)
    blocks = _join_broken(blocks, warn)
    _trailing_signature(blocks, warn)
    return _place_page_breaks(blocks, warn)


_NAME_LINE = re.compile(r"^(?:[A-ZÀ-ÞĀ-Ž\u0400-\u042F][\w.'’-]*\.?\s+){1,3}[A-ZÀ-ÞĀ-Ž\u0400-\u042F][\w'’-]+$")


def _trailing_signature(blocks: list[Block], warn: Warn) -> None:
    """A short last paragraph that reads as a name (``József Kálmán`` / ``Chargé d'Affaires a.i.``),
    with nothing but stamps and page furniture after it, is a signature."""
    for k in range(len(blocks) - 1, -1, -1):
        block = blocks[k]
        if isinstance(block, _INTERRUPTING):
            continue
        if not isinstance(block, Paragraph) or block.number is not None:
            return
        rows: list[list[Inline]] = [[]]
        for node in block.content:
            if isinstance(node, LineBreak):
                rows.append([])
            else:
                rows[-1].append(node)
        if len(rows) > 3 or not all(len(r) == 1 and isinstance(r[0], Str) for r in rows):
            return
        texts = [r[0].text.strip() for r in rows]  # type: ignore[union-attr]
        if _NAME_LINE.match(texts[0]) and all(len(t) <= 60 for t in texts):
            blocks[k] = LineBlock("signed", [tuple(r) for r in rows], block.line)
            warn(block.line, "signature", f"last lines taken as a signature: {texts[0]}")
        return


def _place_furniture(blocks: list[Block]) -> None:
    """A repeated classification line just before a printed page break stands at the foot of the
    page; one just after a page header stands at the head of the next."""
    for k, block in enumerate(blocks):
        if isinstance(block, Furniture) and block.kind == "classification":
            before = blocks[k - 1] if k else None
            after = blocks[k + 1] if k + 1 < len(blocks) else None
            if isinstance(after, PageBreak):
                block.place = "bottom"
            elif isinstance(before, Furniture) and before.kind == "header":
                block.place = "top"


def _ends_open(p: Paragraph) -> bool:
    if not p.content or not isinstance(p.content[-1], Str):
        return False
    text = p.content[-1].text.rstrip()
    return bool(text) and not _ends_sentence(text)


def _first_word(p: Paragraph) -> str:
    if p.content and isinstance(p.content[0], Str):
        words = p.content[0].text.split()
        return words[0] if words else ""
    return ""


_INTERRUPTING = (Furniture, Stamp, PageBreak)


def _join_broken(blocks: list[Block], warn: Warn) -> list[Block]:
    """Join a paragraph that stops mid-sentence with its continuation (a ``gap`` when nothing stands
    between them, the page furniture inline when something does)."""
    # Linear: the paragraph being joined is gathered in ``content`` instead of being spliced back into
    # ``blocks`` (a copy of the whole list per join, quadratic on long documents).
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        i += 1
        if not (isinstance(block, Paragraph) and _ends_open(block)):
            out.append(block)
            continue
        content: list[Inline] = list(block.content)
        last: Paragraph = block  # the part whose end decides whether the next paragraph continues
        while _ends_open(last):
            j = i
            while j < len(blocks) and isinstance(blocks[j], _INTERRUPTING):
                j += 1
            nxt = blocks[j] if j < len(blocks) else None
            if not (isinstance(nxt, Paragraph) and nxt.number is None and nxt.label is None):
                break
            between = tuple(blocks[i:j])
            word = _first_word(nxt)
            tail = content[-1].text.rstrip() if isinstance(content[-1], Str) else ""
            hyphen = tail.endswith("-")
            continues = word[:1].islower() or (bool(between) and (hyphen or (word.isupper() and tail.isupper())))
            if not continues:
                break
            if between:
                middle: tuple[Inline, ...] = (Str("\n"), Interruption(between, hyphen), Str("\n"))
                warn(nxt.line, "joined", f"paragraph from line {block.line} continues on line {nxt.line} after page furniture: joined into one paragraph")
            else:
                middle = (Str(" "), Gap("missing", line=nxt.line), Str(" "))
                warn(nxt.line, "gap", f"paragraph from line {block.line} breaks off mid-sentence and resumes on line {nxt.line}: joined with a gap")
            content.extend(middle)
            content.extend(nxt.content)
            last = nxt
            i = j + 1
        out.append(block if last is block else Paragraph(tuple(content), block.line, block.number, block.label))
    return out


def _place_page_breaks(blocks: list[Block], warn: Warn) -> list[Block]:
    """Printed page numbers stand; without them, each page-closing stamp starts a new page."""

    def walk(items: list[Block]) -> list[Block]:
        found: list[Block] = []
        for b in items:
            found.append(b)
            if isinstance(b, Paragraph):
                for node in b.content:
                    if isinstance(node, Interruption):
                        found.extend(node.blocks)
        return found

    everything = walk(blocks)
    printed = [b for b in everything if isinstance(b, PageBreak) and not b.inferred]
    if printed:
        if printed[0].number > 1:
            return [PageBreak(printed[0].number - 1, blocks[0].line if blocks else 0)] + blocks
        return blocks
    closing = [b for b in everything if isinstance(b, Stamp) and b.closes_page]
    if not closing:
        return blocks
    page = [1]
    last_text = max((k for k, b in enumerate(blocks) if not isinstance(b, (Stamp, Furniture))), default=-1)

    def after_stamps(items: list[Block], top: bool) -> list[Block]:
        result: list[Block] = []
        for k, b in enumerate(items):
            if isinstance(b, Paragraph) and any(isinstance(n, Interruption) for n in b.content):
                content = tuple(
                    Interruption(tuple(after_stamps(list(n.blocks), False)), n.hyphenated) if isinstance(n, Interruption) else n
                    for n in b.content
                )
                b = Paragraph(content, b.line, b.number, b.label)
            result.append(b)
            if isinstance(b, Stamp) and b.closes_page:
                # At the top level, only when some text follows (not just more stamps and furniture).
                if not top or k < last_text:
                    page[0] += 1
                    result.append(PageBreak(page[0], b.line))
                    warn(b.line, "page-break", f"page break (page {page[0]}) inferred after the archival stamp on line {b.line}")
        return result

    return [PageBreak(1, blocks[0].line)] + after_stamps(blocks, True)
