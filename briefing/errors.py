"""Located content errors, reported together like Jinja's: ``file:line:col: key.path: message``."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.limits import MAX_ERRORS_SHOWN


@dataclass(frozen=True, order=True)
class Location:
    """Where something was written in the content: the one location type of the package
    (errors, the status report and the records' `origin` all use it)."""

    path: str
    """File path relative to the project root (or as given)."""
    line: int
    """1-based line; 0 when the problem concerns a whole file that has no lines."""
    column: int
    """1-based column."""
    key_path: str = ""
    """Dotted path to the value, e.g. ``events[3].date``; '' for a whole file."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"

    def described(self, message: str) -> str:
        """``file:line:col: key.path: message``, without the key path when there is none."""
        return f"{self}: {self.key_path}: {message}" if self.key_path else f"{self}: {message}"


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in the content, with where it is and what was expected."""

    location: Location
    message: str

    def __str__(self) -> str:
        return self.location.described(self.message)


class ContentErrors(Exception):
    """Raised once, after validation, with every error of the run."""

    def __init__(self, errors: list[ContentError]) -> None:
        self.errors = sorted(set(errors))
        super().__init__(self.report())

    def report(self, shown: int = MAX_ERRORS_SHOWN) -> str:
        """Every error, one a line, up to `shown` of them; then how many there were."""
        count = len(self.errors)
        lines = [str(error) for error in self.errors[:shown]]
        if count > shown:
            lines.append(f"... and {count - shown} more (the first are usually the causes of the rest)")
        lines.append(f"{count} error{'s' if count != 1 else ''} found; nothing was built.")
        return "\n".join(lines)
