"""The built-in schema: where it lives, how the ``.rng`` is compiled from the ``.rnc``, and whether
the checked-in ``.rng`` is stale.

``schemas/archival.rnc`` is the source; ``schemas/archival.rng`` is generated from it with rnc2rng and
checked in, so that validating never needs rnc2rng. ``schemas/archival.sch`` holds the Schematron rules.
The package reaches them through ``tei_tools/schemas``, a link to ``../schemas``, so the same path
works in a checkout and once installed::

    >>> builtin_paths().rng.name
    'archival.rng'
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import SchemaError

SCHEMA_DIR = (Path(__file__).parent / "schemas").resolve()  # in a checkout: the top-level schemas/
SCHEMA_NAME = "archival"


class StaleSchemaError(SchemaError):
    """The checked-in ``.rng`` differs from what its ``.rnc`` compiles to (exit 1: a failed check)."""

    exit_code = 1


@dataclass(frozen=True)
class SchemaPaths:
    """The three files of a schema: the compact source, the compiled grammar, the Schematron rules."""

    rnc: Path
    rng: Path
    sch: Path


def builtin_paths(directory: Path | None = None) -> SchemaPaths:
    """Paths of the built-in schema files (in ``directory`` if given, for tests and ``--schema-dir``)."""
    base = SCHEMA_DIR if directory is None else directory
    return SchemaPaths(
        rnc=base / f"{SCHEMA_NAME}.rnc",
        rng=base / f"{SCHEMA_NAME}.rng",
        sch=base / f"{SCHEMA_NAME}.sch",
    )


def compile_rnc(source: Path) -> str:
    """Compile a RELAX NG compact file to RELAX NG XML text with rnc2rng.

    The output is deterministic (same input, same bytes), which is what lets :func:`is_stale` compare
    texts. Raises :class:`SchemaError` when rnc2rng is missing or the source does not parse.
    """
    try:
        import rnc2rng
        from rnc2rng.parser import ParseError
    except ImportError:  # pragma: no cover - rnc2rng is in the test extra
        raise SchemaError(
            "rnc2rng is not installed; install it with: pip install 'tei-tools[schema]'"
        ) from None
    try:
        text = source.read_text(encoding="utf-8")
    except OSError as exc:
        raise SchemaError(f"cannot read schema source: {exc.strerror or exc}", path=str(source)) from None
    try:
        tree = rnc2rng.loads(text)
    except ParseError as exc:
        line = getattr(exc, "line", None)
        raise SchemaError(f"cannot compile RELAX NG compact syntax: {exc}", path=str(source), line=line) from None
    xml = rnc2rng.dumps(tree).rstrip("\n") + "\n"
    declaration, newline, rest = xml.partition("\n")
    note = f"<!-- Generated from {source.name} by `tei-tools schema compile` (rnc2rng). Do not edit. -->"
    return f"{declaration}{newline}{note}\n{rest}"


def is_stale(paths: SchemaPaths | None = None) -> bool:
    """True when the checked-in ``.rng`` is missing or differs from what its ``.rnc`` compiles to."""
    paths = paths or builtin_paths()
    expected = compile_rnc(paths.rnc)
    try:
        current = paths.rng.read_text(encoding="utf-8")
    except FileNotFoundError:
        return True
    return current != expected


def compile_schema(paths: SchemaPaths | None = None, *, check: bool = False) -> bool:
    """Compile ``paths.rnc`` into ``paths.rng``; return True when the file changed.

    With ``check=True`` nothing is written: a stale ``.rng`` raises :class:`StaleSchemaError`.
    """
    paths = paths or builtin_paths()
    expected = compile_rnc(paths.rnc)
    try:
        current: str | None = paths.rng.read_text(encoding="utf-8")
    except FileNotFoundError:
        current = None
    if current == expected:
        return False
    if check:
        raise StaleSchemaError(
            f"{paths.rng.name} is stale: it differs from what {paths.rnc.name} compiles to; "
            "run `tei-tools schema compile`",
            path=str(paths.rng),
        )
    try:
        paths.rng.write_text(expected, encoding="utf-8")
    except OSError as exc:
        raise SchemaError(f"cannot write compiled schema: {exc.strerror or exc}", path=str(paths.rng)) from None
    return True
