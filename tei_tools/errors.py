"""One exception family for tei-tools.

Every error the library raises on purpose is a :class:`TeiToolsError`. It carries the exit code the
command line should end with and knows how to format itself as one line (``file:line: error: ...``).
The CLI is the only place that turns these into output (see :mod:`tei_tools.cli`).
"""

from __future__ import annotations


class TeiToolsError(Exception):
    """Base class: a message, an optional file and line, and an exit code."""

    exit_code = 1

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def format(self) -> str:
        """One line in the compiler style: ``path:line: error: message``."""
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line is not None else f"{self.path}: "
        return f"{where}error: {self.message}"

    def __str__(self) -> str:
        return self.format()


class UsageError(TeiToolsError):
    """The command was called wrongly (bad option combination, unknown format)."""

    exit_code = 2


class InputError(TeiToolsError):
    """An input file cannot be read or decoded, or is not a transcription at all."""


class ConversionError(TeiToolsError):
    """A transcription was read but cannot be turned into TEI."""


class OutputError(TeiToolsError):
    """An output file or folder cannot be written."""


class XMLInputError(TeiToolsError):
    """A TEI/XML input is not well-formed or is hostile (entities, DTDs, bombs)."""


class SchemaError(TeiToolsError):
    """A schema cannot be read, compiled, or is stale."""

    exit_code = 2
