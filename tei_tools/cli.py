"""The ``tei-tools`` command line: a thin click layer over the library.

Sub-commands live in :mod:`tei_tools.commands` and are imported only when called, so that
``tei-tools --version`` and a single ``validate`` start fast. This module is the one place where
library errors (:class:`~tei_tools.errors.TeiToolsError`) become messages and exit codes.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from . import __version__
from .errors import TeiToolsError

# name -> (module, attribute, one-line help). The help is repeated here so that ``--help`` does not
# have to import every command module.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "convert": ("tei_tools.commands.convert", "convert", "Convert plain-text transcriptions to TEI P5."),
    "validate": ("tei_tools.commands.validate", "validate", "Validate TEI files (RELAX NG, then Schematron)."),
    "export": ("tei_tools.commands.export", "export", "Export TEI to HTML, text, transcription or Dublin Core."),
    "schema": ("tei_tools.commands.schema", "schema", "Compile and check the customised schema."),
}


def error_line(err: TeiToolsError) -> str:
    """The one-line rendering of a library error, as printed on stderr."""
    return err.format()


def echo_error(err: TeiToolsError) -> None:
    """Print a library error as one line on stderr (used by commands that go on after an error)."""
    click.echo(error_line(err), err=True)


def _import_without_rnc2rng(name: str) -> Any:
    """Import a command module; while lxml is first imported, hide rnc2rng from it.

    lxml imports rnc2rng at start-up when it is installed (for ``RelaxNG.from_rnc_string``, which
    tei-tools never uses), and rnc2rng builds its parser tables on import: about 0.1 s added to every
    ``convert`` and ``validate``. ``tei-tools schema`` imports rnc2rng itself, so it is unaffected;
    ``sys.modules`` is left as it was found."""
    hide = "lxml.etree" not in sys.modules and "rnc2rng" not in sys.modules
    if hide:
        sys.modules["rnc2rng"] = None  # type: ignore[assignment]  # makes ``import rnc2rng`` fail
    try:
        return importlib.import_module(name)
    finally:
        if hide and "rnc2rng" in sys.modules and sys.modules["rnc2rng"] is None:
            del sys.modules["rnc2rng"]


class LazyGroup(click.Group):
    """A click group whose commands are imported on first use, and which turns library errors into
    one-line messages with the error's exit code."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module = _import_without_rnc2rng(entry[0])
        command: click.Command = getattr(module, entry[1])
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TeiToolsError as err:
            echo_error(err)
            ctx.exit(err.exit_code)
        except KeyboardInterrupt:
            click.echo("tei-tools: interrupted", err=True)
            ctx.exit(130)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="tei-tools")
def cli() -> None:
    """tei-tools: plain-text archival transcriptions to TEI P5, validation, export."""


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="tei-tools")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
