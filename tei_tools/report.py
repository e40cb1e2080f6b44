"""The conversion report: every doubtful decision the converter made, with the line it concerns."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Diagnostic:
    """One warning about one spot of the input. ``code`` is a stable identifier for filtering."""

    line: int | None
    code: str
    message: str
    severity: str = "warning"

    def format(self, path: str) -> str:
        """``path:line: warning: message [code]``, the compiler style used on stderr."""
        where = f"{path}:{self.line}" if self.line else path
        return f"{where}: {self.severity}: {self.message} [{self.code}]"

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class Report:
    """The warnings of one conversion, in the order they were found."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def warn(self, line: int | None, code: str, message: str) -> None:
        self.diagnostics.append(Diagnostic(line, code, message))

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(sorted(self.diagnostics, key=lambda d: (d.line or 0)))

    def __len__(self) -> int:
        return len(self.diagnostics)
