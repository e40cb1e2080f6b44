"""``tei-tools schema``: compile the built-in RELAX NG compact schema and check it is in sync."""

from __future__ import annotations

from pathlib import Path

import click

from ..schema import builtin_paths, compile_schema


@click.group("schema")
def schema() -> None:
    """Compile and check the customised schema (schemas/archival.rnc -> archival.rng)."""


@schema.command("compile")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 when the .rng is stale.")
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="Folder holding archival.rnc/.rng [default: the package's schemas/].",
)
def compile_command(check: bool, directory: Path | None) -> None:
    """Compile archival.rnc to archival.rng with rnc2rng (needs: pip install 'tei-tools[schema]')."""
    paths = builtin_paths(directory)
    changed = compile_schema(paths, check=check)
    if check:
        click.echo(f"{paths.rng}: up to date", err=True)
    elif changed:
        click.echo(f"{paths.rng}: written", err=True)
    else:
        click.echo(f"{paths.rng}: already up to date", err=True)


@schema.command("path")
def path_command() -> None:
    """Print where the built-in schema files are (for editors and other validators)."""
    paths = builtin_paths()
    for path in (paths.rnc, paths.rng, paths.sch):
        click.echo(str(path.resolve()))
