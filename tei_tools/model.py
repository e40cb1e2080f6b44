"""The document model: what a transcription says, independent of any format.

Readers (:mod:`tei_tools.reader`) produce it; writers (:mod:`tei_tools.teiwriter`) consume it; the two
never meet otherwise. One line of comment per case. Every node that comes from the source carries the
1-based ``line`` it started on, so that warnings and errors can point back into the transcription.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

# ---------------------------------------------------------------------------------------------------
# Inlines: the content of paragraphs, heading lines, stamp lines.


@dataclass(frozen=True)
class Str:
    """Plain text, exactly as transcribed."""

    text: str


@dataclass(frozen=True)
class LineBreak:
    """A hard line break inside a block (trailing double space, or a line of a line-accurate block),
    or, ``hyphenated``, a soft line end inside a word broken with a hyphen (``con-`` / ``ference``)."""

    hyphenated: bool = False


@dataclass(frozen=True)
class Deleted:
    """Struck-through text (``~~...~~``)."""

    content: tuple["Inline", ...]


@dataclass(frozen=True)
class Highlight:
    """Emphasised text (``**bold**`` inside the document)."""

    content: tuple["Inline", ...]
    rend: str


@dataclass(frozen=True)
class Gap:
    """Text missing from the copy: a mid-sentence break, ``[...]``, ``[illegible]``, a redaction.

    ``printed`` is the bracket text as transcribed (kept as a description), or "" when nothing was
    printed (an inferred gap)."""

    reason: str  # missing | illegible | redacted | omitted
    printed: str = ""
    quantity: str | None = None  # e.g. "2"
    unit: str | None = None  # lines | words | chars | pages | paragraphs
    line: int = 0


@dataclass(frozen=True)
class Sic:
    """A ``[sic]`` mark: the preceding word is reproduced as in the original."""

    word: str
    printed: str  # "[sic]" as transcribed


@dataclass(frozen=True)
class Supplied:
    """Text supplied by the editor in brackets: ``Ivanov [Khrushchev]``, ``Petrov[ich]``."""

    text: str


@dataclass(frozen=True)
class Added:
    """A handwritten addition, ``[handwritten: ...]``."""

    content: tuple["Inline", ...]
    label: str  # the printed label, e.g. "handwritten"


@dataclass(frozen=True)
class EditorialNote:
    """Any other bracketed editorial remark, kept verbatim (``[Translator's note: ...]``)."""

    text: str  # without the brackets


@dataclass(frozen=True)
class StampMark:
    """A bracketed stamp within running text: ``[Stamp: RECEIVED 12 MAY 1959]``."""

    content: tuple["Inline", ...]
    label: str
    kind: str = "other"  # received | registry | other


@dataclass(frozen=True)
class Interruption:
    """Page furniture, stamps and page breaks standing between the two halves of one paragraph."""

    blocks: tuple["Block", ...]
    hyphenated: bool = False  # the paragraph breaks inside a hyphenated word (``RECEI-`` / ``VED``)


Inline = Union[Str, LineBreak, Deleted, Highlight, Gap, Sic, Supplied, Added, EditorialNote, StampMark, Interruption]

# ---------------------------------------------------------------------------------------------------
# Blocks: the document body, in reading order.


@dataclass
class Classification:
    """A security classification marking (``SECRET``), with any text printed before it on its line."""

    text: str
    line: int
    before: tuple[Inline, ...] = ()  # "MEMORANDUM FOR THE RECORD" in "MEMORANDUM ...   SECRET"
    normalized: str = ""  # "CONFIDENTIAL" for "C O N F I D E N T I A L"


@dataclass
class Heading:
    """The heading block, one entry per printed line."""

    lines: list[tuple[Inline, ...]]
    line: int


@dataclass
class Rule:
    """A horizontal rule (``---``)."""

    line: int


@dataclass
class Paragraph:
    """A paragraph; ``number`` is the printed number (``2`` for ``2.`` or ``(2)``), ``label`` as printed."""

    content: tuple[Inline, ...]
    line: int
    number: int | None = None
    label: str | None = None
    postscript: bool = False  # "P.S. ...", "P.P.S. ..."


@dataclass
class LineBlock:
    """A line-accurate block (routing or address block, opener or closer lines): ``kind`` says which."""

    kind: str  # address | dateline | salute | signed | closer | opener | note
    lines: list[tuple[Inline, ...]]
    line: int
    # for kind "address": which lines name a sender or addressee (empty: all of them); the others
    # (``Subject: ...``, ``Extra Urgent``) are lines of the same routing block
    address: tuple[bool, ...] = ()


@dataclass
class Stamp:
    """An archival stamp block (ALL-CAPS retention stamp or ``[Stamp: ...]``), one entry per line."""

    lines: list[tuple[Inline, ...]]
    line: int
    kind: str = "archival"  # archival | received | registry | other
    subtype: str | None = None  # retention, ...
    closes_page: bool = False


@dataclass
class PageBreak:
    """A page break: printed (telegram ``PAGE 02``) or inferred from a page-closing stamp."""

    number: int
    line: int
    inferred: bool = True


@dataclass
class Furniture:
    """Running page furniture (``PAGE 02 MOSCOW 01234 251530Z``, a repeated classification line)."""

    text: str
    kind: str  # header | classification | pageNum
    line: int
    place: str | None = None  # top | bottom, where known


Block = Union[Classification, Heading, Rule, Paragraph, LineBlock, Stamp, PageBreak, Furniture]

# ---------------------------------------------------------------------------------------------------
# Metadata: the block before the document, as read, plus what could be derived from it.


@dataclass
class DateValue:
    """A date as printed, and its ISO reading (``when``, or a ``not_before``/``not_after`` range)."""

    printed: str
    when: str | None = None
    not_before: str | None = None
    not_after: str | None = None


@dataclass
class Language:
    """A language as named in the transcription and its ISO 639 code (``None`` when unknown)."""

    name: str
    code: str | None


@dataclass
class Archive:
    """The holding archive and the document's reference in it, pulled out of the citation."""

    repository: str
    idno: str | None = None
    former: str | None = None
    collection: str | None = None


@dataclass
class Section:
    """A labelled metadata section (``**Label:**``) that tei-tools has no special use for."""

    label: str
    text: str
    items: list[str] = field(default_factory=list)
    line: int = 0


@dataclass
class Metadata:
    """Everything the metadata block says. Missing parts are ``None`` or empty."""

    present: bool = False
    date: DateValue | None = None
    title: str | None = None
    citation: str | None = None
    url: str | None = None
    summary: str | None = None
    original_language: Language | None = None
    contents: list[str] = field(default_factory=list)
    extra: list[Section] = field(default_factory=list)
    # derived from the citation
    archive: Archive | None = None
    subject: str | None = None  # "Subject: '...'" in the citation: what the archive's file says it is
    licence: str | None = None
    contributors: list[str] = field(default_factory=list)
    translators: list[str] = field(default_factory=list)
    publisher: str | None = None
    distributor: str | None = None


@dataclass
class Document:
    """A whole transcription: metadata and the body blocks in reading order."""

    metadata: Metadata
    blocks: list[Block]
    text_language: Language
