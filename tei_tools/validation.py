"""Validate TEI documents: RELAX NG, then Schematron, with positions for every problem.

A :class:`Validator` compiles its schemas once and can then check any number of trees, files or byte
strings; ``tei-tools validate`` and ``tei-tools convert --validate`` both use it::

    >>> validator = Validator()
    >>> validator.validate_bytes(b'<TEI/>', "bad.xml").problems[0].format()
    'bad.xml:1:0: error: root element is not TEI in the TEI namespace (found <TEI> in no namespace); expected <TEI xmlns="http://www.tei-c.org/ns/1.0">'

Problems read like jing's (``file:line:col: error: message``); a Schematron problem names its rule
(``[p-n-ascending]``). Warnings (heuristic Schematron rules) never make a file invalid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree, isoschematron

from .errors import SchemaError, XMLInputError
from .safexml import TEI_NS, XML_NS, make_parser, parse_bytes
from .schema import builtin_paths

SVRL_NS = "http://purl.oclc.org/dsdl/svrl"
WARNING_ROLES = {"warning", "warn", "info", "information"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file. ``source`` is ``xml`` (parsing), ``relaxng``, ``schematron`` or
    ``io`` (unreadable); ``rule`` is the Schematron assert's id."""

    file: str
    line: int | None
    col: int | None
    severity: str
    message: str
    source: str
    rule: str | None = None

    def format(self) -> str:
        """``file:line:col: severity: [rule] message``, leaving out what is unknown."""
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        rule = f"[{self.rule}] " if self.rule else ""
        return f"{where}: {self.severity}: {rule}{self.message}"

    def to_dict(self) -> dict[str, object]:
        return {
            "line": self.line,
            "column": self.col,
            "severity": self.severity,
            "source": self.source,
            "rule": self.rule,
            "message": self.message,
        }


@dataclass(frozen=True)
class FileResult:
    """The outcome for one file. ``unreadable`` files (missing, a directory, no permission) are not
    "invalid": the command line ends with exit 2 for them."""

    file: str
    problems: tuple[Problem, ...] = field(default_factory=tuple)
    unreadable: bool = False

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def valid(self) -> bool:
        return not self.unreadable and not self.errors


def _load_xml(path: Path, what: str) -> etree._ElementTree:
    try:
        return etree.parse(str(path), make_parser())
    except OSError as exc:
        raise SchemaError(f"cannot read {what}: {exc}", path=str(path)) from None
    except etree.XMLSyntaxError as exc:
        raise SchemaError(f"{what} is not well-formed XML: {exc.msg}", path=str(path), line=exc.lineno) from None


def load_relaxng(path: Path) -> etree.RelaxNG:
    """Compile a RELAX NG (XML syntax) schema; :class:`SchemaError` when it cannot be."""
    try:
        return etree.RelaxNG(_load_xml(path, "RELAX NG schema"))
    except etree.RelaxNGParseError as exc:
        raise SchemaError(f"cannot compile RELAX NG schema: {exc}", path=str(path)) from None


def load_schematron(path: Path) -> isoschematron.Schematron:
    """Compile an ISO Schematron schema; :class:`SchemaError` when it cannot be."""
    try:
        return isoschematron.Schematron(_load_xml(path, "Schematron schema"), store_report=True)
    except (etree.SchematronParseError, etree.XSLTParseError) as exc:
        raise SchemaError(f"cannot compile Schematron schema: {exc}", path=str(path)) from None


def _clean_relaxng_message(message: str) -> str:
    # libxml2 spells elements with their namespace in braces only sometimes; keep the local name.
    return re.sub(r"\{" + re.escape(TEI_NS) + r"\}", "", message).strip()


# libxml2 follows a precise message with vaguer ones about the same spot; those are dropped when the
# line has another message.
_CASCADES = (
    re.compile(r"^Expecting an element \S+, got nothing$"),
    re.compile(r"^Element \S+ has extra content: \S+$"),
    re.compile(r"^Element \S+ failed to validate content$"),
)
_INVALID_ATTRIBUTE = re.compile(r"^Invalid attribute (\S+) for element (\S+)$")
_BAD_ATTRIBUTES = re.compile(r"^Element (\S+) failed to validate attributes$")


def _is_cascade(message: str) -> bool:
    return any(pattern.match(message) for pattern in _CASCADES)


def _element_at(tree: etree._ElementTree, line: int | None, localname: str) -> etree._Element | None:
    if line is None:
        return None
    for element in tree.iter(etree.Element):
        if element.sourceline == line and etree.QName(element).localname == localname:
            return element
    return None


def _explain(tree: etree._ElementTree, line: int | None, message: str) -> str:
    """Add the offending attribute values that libxml2 leaves out of its attribute messages."""
    match = _INVALID_ATTRIBUTE.match(message)
    if match:
        attribute, element_name = match.groups()
        element = _element_at(tree, line, element_name)
        if element is not None:
            for key, value in element.attrib.items():
                if etree.QName(key).localname != attribute:
                    continue
                if key == f"{{{XML_NS}}}id" and len(tree.xpath("//*[@xml:id = $v]", v=value)) > 1:
                    return f'{message}: xml:id "{value}" is used more than once'
                return f'{message}: value "{value}" is not allowed here'
        return message
    match = _BAD_ATTRIBUTES.match(message)
    if match:
        element = _element_at(tree, line, match.group(1))
        if element is not None and len(element.attrib):
            shown = " ".join(f'{etree.QName(k).localname}="{v}"' for k, v in element.attrib.items())
            return f"{message} ({shown}): a required attribute is missing or a value is not allowed"
    return message


class Validator:
    """RELAX NG plus Schematron, compiled once.

    With no arguments: the built-in archival schema (``archival.rng`` and ``archival.sch``), and the
    root must be ``TEI`` in the TEI namespace. With ``schema``: that RELAX NG file alone (for example
    ``tei_all.rng``), plus ``schematron`` when given.
    """

    def __init__(self, schema: str | Path | None = None, schematron: str | Path | None = None) -> None:
        builtin = builtin_paths()
        self.builtin = schema is None
        self.schema_path = builtin.rng if schema is None else Path(schema)
        sch_path = Path(schematron) if schematron is not None else (builtin.sch if self.builtin else None)
        self.schematron_path = sch_path
        self._relaxng = load_relaxng(self.schema_path)
        self._schematron = load_schematron(sch_path) if sch_path is not None else None

    # -- entry points --------------------------------------------------------------------------

    def validate_tree(self, tree: etree._ElementTree | etree._Element, name: str = "<tree>") -> list[Problem]:
        """Every problem in an already parsed document (cheap: the schemas are compiled already)."""
        if isinstance(tree, etree._Element):
            tree = tree.getroottree()
        root = tree.getroot()
        if self.builtin and root.tag != f"{{{TEI_NS}}}TEI":
            return [self._root_problem(root, name)]
        problems = self._relaxng_problems(tree, name)
        if self._schematron is not None:
            problems.extend(self._schematron_problems(tree, name))
        problems.sort(key=lambda p: (p.line or 0, p.col or 0))
        return problems

    def validate_bytes(self, data: bytes, name: str = "<bytes>") -> FileResult:
        """Parse ``data`` safely and validate it. Malformed or hostile XML is an invalid file."""
        try:
            tree = parse_bytes(data, name)
        except XMLInputError as err:
            problem = Problem(name, err.line, 0 if err.line else None, "error", err.message, "xml")
            return FileResult(name, (problem,))
        return FileResult(name, tuple(self.validate_tree(tree, name)))

    def validate_file(self, path: str | Path) -> FileResult:
        """Read and validate one file; a file that cannot be read comes back ``unreadable``."""
        name = str(path)
        try:
            data = Path(path).read_bytes()
        except FileNotFoundError:
            return _unreadable(name, "no such file")
        except IsADirectoryError:
            return _unreadable(name, "is a directory, not a file")
        except OSError as exc:
            return _unreadable(name, f"cannot read file: {exc.strerror or exc}")
        return self.validate_bytes(data, name)

    # -- the two passes ------------------------------------------------------------------------

    @staticmethod
    def _root_problem(root: etree._Element, name: str) -> Problem:
        qname = etree.QName(root)
        where = f'in namespace "{qname.namespace}"' if qname.namespace else "in no namespace"
        message = (
            f"root element is not TEI in the TEI namespace (found <{qname.localname}> {where}); "
            f'expected <TEI xmlns="{TEI_NS}">'
        )
        return Problem(name, root.sourceline, 0, "error", message, "relaxng")

    def _relaxng_problems(self, tree: etree._ElementTree, name: str) -> list[Problem]:
        if self._relaxng.validate(tree):
            return []
        entries = [(entry.line or None, entry.column, _clean_relaxng_message(entry.message))
                   for entry in self._relaxng.error_log]
        problems = []
        seen: set[tuple[int | None, str]] = set()
        for line, column, message in entries:
            if _is_cascade(message) and sum(1 for other in entries if other[0] == line) > 1:
                continue
            message = _explain(tree, line, message)
            if (line, message) in seen:
                continue
            seen.add((line, message))
            problems.append(Problem(name, line, column if line else None, "error", message, "relaxng"))
        return problems

    def _schematron_problems(self, tree: etree._ElementTree, name: str) -> list[Problem]:
        assert self._schematron is not None
        self._schematron.validate(tree)
        report = self._schematron.validation_report
        problems = []
        for node in report.iter(f"{{{SVRL_NS}}}failed-assert", f"{{{SVRL_NS}}}successful-report"):
            text = node.findtext(f"{{{SVRL_NS}}}text") or node.get("test", "")
            role = (node.get("role") or "error").lower()
            severity = "warning" if role in WARNING_ROLES else "error"
            line = _line_of(tree, node.get("location", ""))
            problems.append(
                Problem(name, line, 0 if line else None, severity, " ".join(text.split()), "schematron", node.get("id"))
            )
        return problems


def _unreadable(name: str, message: str) -> FileResult:
    return FileResult(name, (Problem(name, None, None, "error", message, "io"),), unreadable=True)


def _line_of(tree: etree._ElementTree, location: str) -> int | None:
    """The source line of the node an SVRL ``@location`` XPath points at (None when unknown)."""
    if not location:
        return None
    try:
        found = tree.xpath(location)
    except etree.XPathError:
        return None
    if not isinstance(found, list) or not found:
        return None
    node = found[0]
    if not isinstance(node, etree._Element):  # an attribute or text node: use its element
        getparent = getattr(node, "getparent", None)
        node = getparent() if getparent is not None else None
    if node is None:
        return None
    return node.sourceline or None
