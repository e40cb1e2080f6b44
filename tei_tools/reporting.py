"""Render validation results: plain text (jing's style), JSON, JUnit XML, GitHub workflow commands.

Each format is one function from a list of :class:`~tei_tools.validation.FileResult` to a string;
:data:`FORMATS` maps the ``--format`` names to them. The summary line is separate
(:func:`summary_line`), so that machine formats stay clean on stdout.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lxml import etree

from .validation import FileResult, Problem


@dataclass(frozen=True)
class Summary:
    files: int
    invalid: int
    unreadable: int
    errors: int
    warnings: int

    @classmethod
    def of(cls, results: Sequence[FileResult]) -> Summary:
        return cls(
            files=len(results),
            invalid=sum(1 for r in results if not r.valid and not r.unreadable),
            unreadable=sum(1 for r in results if r.unreadable),
            errors=sum(len(r.errors) for r in results if not r.unreadable),
            warnings=sum(len(r.warnings) for r in results),
        )

    @property
    def exit_code(self) -> int:
        """2 when a file could not be read, 1 when one is invalid, else 0."""
        if self.unreadable:
            return 2
        return 1 if self.invalid else 0


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def summary_line(results: Sequence[FileResult]) -> str:
    """``N files, M invalid, K errors`` (plus warnings and unreadable files when there are any)."""
    s = Summary.of(results)
    parts = [_plural(s.files, "file"), f"{s.invalid} invalid", _plural(s.errors, "error")]
    if s.warnings:
        parts.append(_plural(s.warnings, "warning"))
    if s.unreadable:
        parts.append(f"{s.unreadable} unreadable")
    return ", ".join(parts)


# -- text ------------------------------------------------------------------------------------------


def format_text(results: Sequence[FileResult]) -> str:
    """One ``file:line:col: severity: message`` line per problem; nothing for a clean file."""
    lines = [problem.format() for result in results for problem in result.problems]
    return "".join(line + "\n" for line in lines)


# -- JSON ------------------------------------------------------------------------------------------


def result_to_dict(result: FileResult) -> dict[str, object]:
    return {
        "file": result.file,
        "valid": result.valid,
        "unreadable": result.unreadable,
        "errors": [p.to_dict() for p in result.errors],
        "warnings": [p.to_dict() for p in result.warnings],
    }


def format_json(results: Sequence[FileResult]) -> str:
    """A JSON array with one object per file: ``file``, ``valid``, ``unreadable``, ``errors``,
    ``warnings`` (each problem with ``line``, ``column``, ``severity``, ``source``, ``rule``,
    ``message``)."""
    return json.dumps([result_to_dict(r) for r in results], indent=2, ensure_ascii=False) + "\n"


# -- JUnit XML -------------------------------------------------------------------------------------


def format_junit(results: Sequence[FileResult]) -> str:
    """JUnit XML: one ``testcase`` per file, a ``failure`` for an invalid file, an ``error`` for an
    unreadable one. Warnings go to ``system-out``."""
    s = Summary.of(results)
    suites = etree.Element("testsuites", name="tei-tools validate")
    suite = etree.SubElement(
        suites,
        "testsuite",
        name="tei-tools validate",
        tests=str(s.files),
        failures=str(s.invalid),
        errors=str(s.unreadable),
        skipped="0",
    )
    for result in results:
        case = etree.SubElement(suite, "testcase", classname="tei-tools.validate", name=result.file)
        if result.unreadable:
            problem = result.problems[0]
            node = etree.SubElement(case, "error", message=problem.message, type="unreadable")
            node.text = problem.format()
        elif result.errors:
            message = f"{_plural(len(result.errors), 'error')}: {result.errors[0].message}"
            node = etree.SubElement(case, "failure", message=message, type="invalid")
            node.text = "\n".join(p.format() for p in result.errors)
        if result.warnings:
            out = etree.SubElement(case, "system-out")
            out.text = "\n".join(p.format() for p in result.warnings)
    return etree.tostring(suites, encoding="unicode", pretty_print=True)


# -- GitHub workflow commands ----------------------------------------------------------------------


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_command(problem: Problem) -> str:
    """``::error file=F,line=L,col=C,title=T::message`` (``::warning`` for warnings)."""
    props = [f"file={_escape_property(problem.file)}"]
    if problem.line is not None:
        props.append(f"line={problem.line}")
        if problem.col:
            props.append(f"col={problem.col}")
    title = f"tei-tools {problem.rule}" if problem.rule else f"tei-tools {problem.source}"
    props.append(f"title={_escape_property(title)}")
    message = f"[{problem.rule}] {problem.message}" if problem.rule else problem.message
    return f"::{problem.severity} {','.join(props)}::{_escape_data(message)}"


def format_github(results: Sequence[FileResult]) -> str:
    """GitHub Actions workflow commands: each problem becomes an annotation on its file and line."""
    return "".join(github_command(p) + "\n" for result in results for p in result.problems)


FORMATS: dict[str, Callable[[Sequence[FileResult]], str]] = {
    "text": format_text,
    "json": format_json,
    "junit": format_junit,
    "github": format_github,
}
