"""``tei-tools export``: TEI files to HTML, plain text, transcription or Dublin Core (a thin click layer).

One input and no ``-o``: the result goes to stdout. One input and ``-o FILE``: to that file. Several
inputs, a folder among the inputs, or ``-o`` naming an existing folder: one file per input in that
folder, named after the input with the format's extension (``.html``, ``.text.txt``, ``.transcription.txt``, ``.dc.xml``: never the ``.txt`` of a
transcription beside it). A file
that cannot be read or exported is reported on stderr and the others are still exported; the exit
code is then the highest error code met.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..cli import echo_error
from ..errors import TeiToolsError, UsageError
from ..export import FORMATS, export as export_tree, get_format, known_formats
from ..safexml import parse_file
from ..textio import write_atomic

FORMAT_HELP = "; ".join(f"{name}: {FORMATS[name].description}" for name in known_formats())


def expand_inputs(inputs: tuple[Path, ...]) -> tuple[list[Path], bool]:
    """The TEI files named by ``inputs`` (folders give their ``*.xml`` files, sorted, but not the
    ``*.dc.xml`` records this command writes), and whether any input was a folder."""
    files: list[Path] = []
    had_folder = False
    for path in inputs:
        if path.is_dir():
            had_folder = True
            # Dublin Core records exported into the same folder are not TEI inputs
            found = sorted(p for p in path.glob("*.xml") if p.is_file() and not p.name.endswith(".dc.xml"))
            if not found:
                raise UsageError(f"no TEI files (*.xml) in folder {path}")
            files.extend(found)
        else:
            files.append(path)
    return files, had_folder


def plan_outputs(files: list[Path], output: Path | None, had_folder: bool, extension: str) -> list[Path | None]:
    """Where each input's export goes (``None``: stdout). Raises :class:`UsageError` on a bad combination."""
    folder_mode = output is not None and (
        len(files) > 1 or had_folder or output.is_dir() or str(output).endswith(("/", "\\"))
    )
    if output is None:
        if len(files) > 1 or had_folder:
            raise UsageError("several inputs or a folder: give an output folder with -o DIR")
        return [None]
    if not folder_mode:
        return [output]
    targets = [output / (f.name[: -len(".xml")] if f.name.endswith(".xml") else f.stem) for f in files]
    targets = [t.with_name(t.name + extension) for t in targets]
    seen: dict[Path, Path] = {}
    for source, target in zip(files, targets):
        if target in seen:
            raise UsageError(f"{seen[target]} and {source} would both be exported to {target}")
        seen[target] = source
    return list(targets)


def write_output(target: Path, result: str | bytes) -> None:
    """Write one export atomically (a temporary file, then a rename)."""
    write_atomic(target, result if isinstance(result, bytes) else result.encode("utf-8"))


@click.command("export")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--to", "fmt", required=True, metavar="FORMAT", help=f"The output format. {FORMAT_HELP}.")
@click.option("-o", "--output", default=None,
              help="Output file (one input) or folder (several inputs, or a folder of inputs).")
@click.pass_context
def export(ctx: click.Context, inputs: tuple[Path, ...], fmt: str, output: str | None) -> None:
    """Export TEI files to another format (html, text, transcription, dc)."""
    spec = get_format(fmt)
    files, had_folder = expand_inputs(inputs)
    # "-o DIR/" names a folder even before it exists (pathlib would drop the slash)
    targets = plan_outputs(files, None if output is None else Path(output), had_folder or (output or "").endswith(("/", "\\")), spec.extension)
    for source, target in zip(files, targets):
        if target is not None and target.exists() and target.resolve() == source.resolve():
            raise UsageError(f"refusing to overwrite the input file {source}")
    worst, done = 0, 0
    for source, target in zip(files, targets):
        try:
            result = export_tree(parse_file(source), fmt)
            if target is None:
                if isinstance(result, bytes):
                    click.get_binary_stream("stdout").write(result)
                else:
                    click.echo(result, nl=False)
            else:
                write_output(target, result)
            done += 1
        except TeiToolsError as err:
            if err.path is None:
                err.path = str(source)
            echo_error(err)
            worst = max(worst, err.exit_code)
    if output is not None and len(targets) > 1:
        click.echo(f"exported {done} of {len(targets)} files to {output} ({fmt})", err=True)
    if worst:
        ctx.exit(worst)
