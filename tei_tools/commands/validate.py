"""``tei-tools validate PATH...``: a thin click layer over :mod:`tei_tools.batch` and
:mod:`tei_tools.reporting`."""

from __future__ import annotations

import sys

import click

from ..batch import PARALLEL_THRESHOLD, default_jobs, expand_paths, iter_validate
from ..reporting import FORMATS, Summary, format_text, summary_line
from ..validation import FileResult


@click.command("validate")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(sorted(FORMATS)),
    default="text",
    show_default=True,
    help="text: file:line:col: error: message; json; junit (CI test reports); github (annotations).",
)
@click.option(
    "--schema",
    type=click.Path(dir_okay=False, exists=True),
    help="Validate against this RELAX NG schema (e.g. tei_all.rng) instead of the built-in one; "
    "the built-in Schematron rules are then not run.",
)
@click.option(
    "--schematron",
    type=click.Path(dir_okay=False, exists=True),
    help="Also run this ISO Schematron file (default: the built-in rules, unless --schema is given).",
)
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Worker processes [default: all cores].")
@click.option("--quiet", "-q", is_flag=True, help="No summary line on stderr.")
def validate(
    paths: tuple[str, ...],
    output_format: str,
    schema: str | None,
    schematron: str | None,
    jobs: int | None,
    quiet: bool,
) -> None:
    """Validate TEI files (files, folders, globs): RELAX NG, then Schematron.

    Exit status: 0 when every file is valid, 1 when any is invalid, 2 for usage errors or files
    that cannot be read.
    """
    files = expand_paths(paths)
    jobs = default_jobs() if jobs is None else jobs
    results: list[FileResult] = []
    stream = output_format == "text"
    show_progress = sys.stderr.isatty() and len(files) >= PARALLEL_THRESHOLD
    iterator = iter_validate(files, schema=schema, schematron=schematron, jobs=jobs)
    if show_progress:
        with click.progressbar(iterator, length=len(files), label="Validating", file=sys.stderr) as bar:
            results.extend(bar)
        stream = False
    else:
        for result in iterator:
            results.append(result)
            if stream:
                click.echo(format_text([result]), nl=False)
    if not stream:
        click.echo(FORMATS[output_format](results), nl=False)
    if not quiet:
        click.echo(summary_line(results), err=True)
    click.get_current_context().exit(Summary.of(results).exit_code)
