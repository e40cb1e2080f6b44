"""``tei-tools convert INPUT... [-o OUTPUT]``: a thin click layer over :mod:`tei_tools.convert_batch`."""

from __future__ import annotations

import json
import sys

import click

from ..cli import echo_error
from ..convert_batch import default_jobs, plan, run
from ..teiwriter import DEFAULT_SCHEMA_HREF


@click.command("convert")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", help="Output file (one input) or folder (several inputs or folders).")
@click.option("-q", "--quiet", is_flag=True, help="Do not print warnings.")
@click.option("--report", "report_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="How warnings are printed on stderr: file:line: warning: ... lines, or one JSON object per input.")
@click.option("--validate", is_flag=True, help="Validate each output against the project's schema; fail if invalid.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Worker processes for large batches [default: all cores].")
@click.option("--schema-href", default=DEFAULT_SCHEMA_HREF, show_default=True,
              help="Where the xml-model instructions point (without .rng/.sch).")
def convert(inputs: tuple[str, ...], output: str | None, quiet: bool, report_format: str, validate: bool,
            jobs: int | None, schema_href: str) -> None:
    """Convert plain-text transcriptions to TEI P5.

    One INPUT and no -o writes the TEI to standard output; '-' reads standard input. Folders give
    their *.txt files. Exit status: 0 on success (warnings allowed), 1 if any input failed (the
    others are still converted), 2 on usage errors.
    """
    pairs = plan(inputs, output)
    failed = 0
    for outcome in run(pairs, jobs=jobs or default_jobs(), schema_href=schema_href, validate=validate):
        name = "<stdin>" if outcome.source == "-" else outcome.source
        if report_format == "json":
            record = {
                "file": name,
                "output": outcome.target if outcome.ok else None,
                "ok": outcome.ok,
                "error": outcome.error.format() if outcome.error else None,
                "warnings": [d.as_dict() for d in outcome.diagnostics],
            }
            click.echo(json.dumps(record, ensure_ascii=False), err=True)
        elif not quiet:
            for diagnostic in outcome.diagnostics:
                click.echo(diagnostic.format(name), err=True)
        if outcome.error is not None:
            failed += 1
            if report_format != "json":
                echo_error(outcome.error)
        elif outcome.data is not None:
            sys.stdout.buffer.write(outcome.data)
            sys.stdout.flush()
    sys.exit(1 if failed else 0)
