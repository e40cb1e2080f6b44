"""Reading transcriptions from bytes, and writing output files atomically.

Decoding: UTF-8 (with or without BOM) and UTF-16 with BOM are read as they are; text that is not
UTF-8 is decoded as Windows-1252 with a warning; NUL bytes mean binary data and are refused. Line
endings are normalised to ``\\n``. Characters that XML 1.0 cannot hold (C0 controls other than tab
and newline) are refused with their line number: silently dropping them would lose text.
"""

from __future__ import annotations

import codecs
import os
import re
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from .errors import InputError, OutputError
from .report import Report

_BAD_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def decode(data: bytes, path: str, report: Report) -> str:
    """Decode a transcription's bytes to text with ``\\n`` line endings."""
    if data.startswith(codecs.BOM_UTF8):
        text = _strict(data[3:], "utf-8", path)
    elif data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        text = _strict(data, "utf-16", path)
    else:
        if b"\x00" in data:
            line = data[: data.index(b"\x00")].count(b"\n") + 1
            raise InputError("binary data (NUL byte), not a text transcription", path=path, line=line)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            text = data.decode("cp1252", errors="strict") if _is_cp1252(data) else None  # type: ignore[assignment]
            if text is None:
                raise InputError(f"not UTF-8 and not Windows-1252 text (byte 0x{data[exc.start]:02x})", path=path, line=line) from None
            report.warn(line, "encoding", "not valid UTF-8: decoded as Windows-1252 (Latin-1); check accented letters")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    m = _BAD_XML_CHARS.search(text)
    if m:
        line = text.count("\n", 0, m.start()) + 1
        raise InputError(f"control character U+{ord(m.group()):04X} is not allowed in XML", path=path, line=line)
    return text


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"invalid {encoding.upper()} text: {exc.reason}", path=path, line=line) from None


_TMP_COUNTER = itertools.count()


def _open_temp(folder: Path, name: str) -> tuple[int, str]:
    """Create a new temporary file beside the target. ``os.open`` with mode 0o666 lets the umask give
    the usual permissions (``mkstemp`` would make it private, 0o600); the name is unique per process
    and ``O_EXCL`` refuses to reuse an existing file."""
    while True:
        tmp = str(folder / f".{name}.{os.getpid()}.{next(_TMP_COUNTER)}.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), tmp
        except FileExistsError:
            continue


def _is_cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def read_input(path: str) -> bytes:
    """The bytes of an input file (``-`` is standard input); errors name the file."""
    if path == "-":
        import sys

        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=path) from None
    except IsADirectoryError:
        raise InputError("is a directory", path=path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None


def write_atomic(path: str | Path, data: bytes | Callable[[BinaryIO], None]) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename, so that
    a failure (or Ctrl-C) never leaves a partial or clobbered file. ``data`` may be a function that
    writes to the open file (to stream a large output). The file gets the usual permissions
    (``0o666`` less the umask), not the private ``0o600`` of a temporary file."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = _open_temp(folder, target.name)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", path=str(target)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            if callable(data):
                data(handle)
            else:
                handle.write(data)
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write: {exc.strerror or exc}", path=str(target)) from None
        raise
