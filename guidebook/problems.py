"""Collect input problems and report them together as `file:line: key: message`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one input file."""

    file: str
    line: int
    key: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        key = f" {self.key}:" if self.key else ""
        tag = "" if self.severity == "error" else f" [{self.severity}]"
        return f"{where}:{key} {self.message}{tag}"


class InputError(Exception):
    """Raised with every problem found, so the user can fix them all in one pass."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class Problems:
    """An accumulator of problems with a `raise_if_any` gate."""

    items: list[Problem] = field(default_factory=list)

    def add(self, file: Path | str, line: int, key: str, message: str, severity: str = "error") -> None:
        """Record one problem."""
        self.items.append(Problem(str(file), line, key, message, severity))

    def extend(self, other: list[Problem]) -> None:
        """Record several problems."""
        self.items.extend(other)

    @property
    def errors(self) -> list[Problem]:
        """Return the problems that stop a build."""
        return [p for p in self.items if p.severity == "error"]

    def raise_if_any(self) -> None:
        """Raise InputError if any error was recorded."""
        if self.errors:
            raise InputError(self.errors)


def relpath(path: Path, root: Path) -> str:
    """Return path relative to root when possible, for messages."""
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)
