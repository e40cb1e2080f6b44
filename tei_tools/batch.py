"""Validate many files: expand the paths given on the command line, then run a :class:`Validator` over
them, in parallel for large batches.

Each worker process compiles the schemas once (a ``Pool`` initializer; with the ``fork`` start method
the workers simply inherit the parent's compiled schemas), never once per file. Results come back in
the order the files were given.
"""

from __future__ import annotations

import glob
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .errors import UsageError
from .validation import FileResult, Validator

# Below this many files, starting processes costs more than it saves.
PARALLEL_THRESHOLD = 20
XML_SUFFIXES = (".xml", ".tei")
_GLOB_CHARS = set("*?[")


def expand_paths(arguments: Iterable[str]) -> list[str]:
    """Files, folders (every ``*.xml``/``*.tei`` below, sorted) and globs, in the order given.

    A path that does not exist is kept, so that it is reported as unreadable; a glob that matches
    nothing is a usage error.
    Raises :class:`UsageError` when nothing at all is given.
    """
    files: list[str] = []
    seen: set[str] = set()

    def add(name: str) -> None:
        if name not in seen:
            seen.add(name)
            files.append(name)

    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            for found in sorted(p for p in path.rglob("*") if p.suffix.lower() in XML_SUFFIXES and p.is_file()):
                add(str(found))
        elif not path.exists() and _GLOB_CHARS & set(argument):
            matches = sorted(glob.glob(argument, recursive=True))
            if not matches:
                raise UsageError("no file matches this pattern", path=argument)
            for match in matches:
                if Path(match).is_dir():
                    continue
                add(match)
        else:
            add(argument)
    if not files:
        raise UsageError("no files to validate (give files, folders or globs)")
    return files


def default_jobs() -> int:
    return os.cpu_count() or 1


# -- worker side ---------------------------------------------------------------------------------

_WORKER: Validator | None = None


def _init_worker(schema: str | None, schematron: str | None) -> None:
    global _WORKER
    if _WORKER is None:  # inherited through fork: already compiled
        _WORKER = Validator(schema, schematron)


def _validate_one(path: str) -> FileResult:
    assert _WORKER is not None
    return _WORKER.validate_file(path)


# -- parent side ---------------------------------------------------------------------------------


def iter_validate(
    paths: list[str],
    *,
    schema: str | Path | None = None,
    schematron: str | Path | None = None,
    jobs: int | None = None,
    validator: Validator | None = None,
) -> Iterator[FileResult]:
    """Yield one :class:`FileResult` per path, in order. Schema errors raise before any file is read."""
    global _WORKER
    jobs = default_jobs() if jobs is None else jobs
    if jobs < 1:
        raise UsageError(f"--jobs must be at least 1, not {jobs}")
    validator = validator or Validator(schema, schematron)
    if jobs == 1 or len(paths) < PARALLEL_THRESHOLD:
        for path in paths:
            yield validator.validate_file(path)
        return
    method = multiprocessing.get_start_method(allow_none=False)
    # Let forked workers inherit the compiled schemas instead of compiling them again.
    _WORKER = validator if method == "fork" else None
    try:
        init_args = (
            None if schema is None else str(schema),
            None if schematron is None else str(schematron),
        )
        with multiprocessing.Pool(min(jobs, len(paths)), initializer=_init_worker, initargs=init_args) as pool:
            chunk = max(1, min(16, len(paths) // (jobs * 4)))
            yield from pool.imap(_validate_one, paths, chunksize=chunk)
    finally:
        _WORKER = None


def validate_paths(
    arguments: Iterable[str],
    *,
    schema: str | Path | None = None,
    schematron: str | Path | None = None,
    jobs: int | None = None,
    on_result: Callable[[FileResult], None] | None = None,
) -> list[FileResult]:
    """Expand ``arguments`` and validate every file; ``on_result`` is called as each one finishes."""
    results = []
    for result in iter_validate(expand_paths(arguments), schema=schema, schematron=schematron, jobs=jobs):
        if on_result is not None:
            on_result(result)
        results.append(result)
    return results
