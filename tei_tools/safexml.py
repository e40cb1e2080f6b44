"""Safe parsing of untrusted XML.

Every XML file tei-tools reads (validator, exporters, golden tests) goes through :func:`parse`:

* no DTD is loaded and no entity is resolved, so an external entity (XXE) can read neither a local file
  nor a URL; ``no_network`` forbids any network access outright;
* a document that carries a DOCTYPE declaring entities, or pointing at an external DTD, is refused
  before anything in it is used: that shuts out billion-laughs and quadratic-blow-up bombs as well;
* libxml2's default limits stay on (no ``huge_tree``): nesting deeper than 256 levels and text nodes
  over 10 MB are refused rather than eating memory;
* XInclude is never processed.

Errors come back as :class:`~tei_tools.errors.XMLInputError` naming the file and line.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from .errors import XMLInputError

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"

_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
# How far into a file a DOCTYPE may stand: it must precede the root element, and a prolog longer than
# this is itself suspicious.
_PROLOG_SCAN = 64 * 1024


def make_parser(*, remove_blank_text: bool = False) -> etree.XMLParser:
    """A new lxml parser with every dangerous feature switched off."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=remove_blank_text,
        remove_comments=False,
        collect_ids=False,
    )


def _check_doctype(data: bytes, path: str) -> None:
    head = data[:_PROLOG_SCAN]
    match = _DOCTYPE.search(head)
    if match is None:
        return
    # A DOCTYPE only matters in the prolog, i.e. before the first element start tag.
    first_element = re.search(rb"<[A-Za-z_]", head)
    if first_element is not None and first_element.start() < match.start():
        return
    line = head.count(b"\n", 0, match.start()) + 1
    body = head[match.start():]
    if b"<!ENTITY" in body[: body.find(b">]") + 2 if b">]" in body else len(body)]:
        raise XMLInputError(
            "DOCTYPE declares entities; refused (entity expansion and external entities are not allowed)",
            path=path,
            line=line,
        )
    if re.match(rb"<!DOCTYPE\s+[^\s>\[]+\s+(SYSTEM|PUBLIC)\b", body):
        raise XMLInputError(
            "DOCTYPE points at an external DTD; refused (external resources are never loaded)",
            path=path,
            line=line,
        )


def parse_bytes(data: bytes, path: str = "<bytes>") -> etree._ElementTree:
    """Parse ``data`` safely; raise :class:`XMLInputError` with file and line on any problem."""
    if not data.strip():
        raise XMLInputError("empty file, not XML", path=path)
    _check_doctype(data, path)
    parser = make_parser()
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else None
        message = exc.msg or "not well-formed XML"
        # lxml appends "(<string>, line N)" or ", line N, column M"; we report the position ourselves.
        message = re.sub(r",? \(<string>, line \d+\)$|, line \d+, column \d+$", "", message)
        raise XMLInputError(f"not well-formed XML: {message}", path=path, line=line) from None
    except ValueError as exc:  # e.g. unsupported encoding declarations
        raise XMLInputError(f"cannot parse XML: {exc}", path=path) from None
    tree = root.getroottree()
    docinfo = tree.docinfo
    if docinfo.system_url or docinfo.public_id:
        raise XMLInputError(
            "DOCTYPE points at an external DTD; refused (external resources are never loaded)",
            path=path,
            line=1,
        )
    dtd = docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise XMLInputError("DOCTYPE declares entities; refused", path=path, line=1)
    return tree


def parse_file(path: str | Path) -> etree._ElementTree:
    """Read and parse a file safely. Unreadable files raise :class:`XMLInputError` (exit 2 at the CLI)."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise XMLInputError("no such file", path=name) from None
    except IsADirectoryError:
        raise XMLInputError("is a directory, not a file", path=name) from None
    except OSError as exc:
        raise XMLInputError(f"cannot read file: {exc.strerror or exc}", path=name) from None
    return parse_bytes(data, name)
