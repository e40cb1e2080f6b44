"""tei-tools: plain-text archival transcriptions to TEI P5, validation against a customised schema,
export to other archive platforms.

The library API (the command line is a thin layer over it)::

    >>> from tei_tools import convert
    >>> result = convert("SECRET\\n\\n---\\n\\n2. A numbered paragraph.\\n")
    >>> result.tree.getroot().tag
    '{http://www.tei-c.org/ns/1.0}TEI'

Heavier modules are imported lazily so that ``tei-tools --version`` starts fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["__version__", "convert", "convert_file", "ConversionResult"]

if TYPE_CHECKING:  # pragma: no cover
    from .conversion import ConversionResult, convert, convert_file


def __getattr__(name: str) -> Any:
    if name in {"convert", "convert_file", "ConversionResult"}:
        from . import conversion as _convert

        return getattr(_convert, name)
    raise AttributeError(name)
