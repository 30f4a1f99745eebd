"""Located content errors, reported together like Jinja's: ``file:line:col: key.path: message``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in the content, with where it is and what was expected."""

    path: str
    """File path relative to the project root (or as given)."""
    line: int
    """1-based line; 0 when the problem concerns a whole file that has no lines."""
    column: int
    """1-based column."""
    key_path: str
    """Dotted path to the value, e.g. ``events[3].date``; '' for a file-level problem."""
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        return f"{where}: {self.key_path}: {self.message}" if self.key_path else f"{where}: {self.message}"


class ContentErrors(Exception):
    """Raised once, after validation, with every error of the run."""

    def __init__(self, errors: list[ContentError]) -> None:
        self.errors = sorted(set(errors))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.errors)
        lines = [str(error) for error in self.errors]
        lines.append(f"{count} error{'s' if count != 1 else ''} found; nothing was built.")
        return "\n".join(lines)
