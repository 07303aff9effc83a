"""The errors a user can cause. The CLI prints them; anything else is a bug."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the data, at a 1-based line and column of a file; a warning does not stop a build."""

    file: str
    line: int
    column: int
    message: str
    severity: str = "error"

    def __post_init__(self) -> None:
        # A message quotes the data; hidden or direction-changing characters in it would garble the terminal.
        visible = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in self.message)
        object.__setattr__(self, "message", visible)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message}"


class GeneratorError(Exception):
    """An error caused by the user's input or setup: reported without a traceback."""


class DataError(GeneratorError):
    """The data file has problems; every one found is listed."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(sorted(problems, key=lambda p: (p.file, p.line, p.column)))
        count = len(self.problems)
        file = self.problems[0].file if self.problems else "data"
        super().__init__(f"{count} {'error' if count == 1 else 'errors'} in {file}")


class OutputError(GeneratorError):
    """The output folder cannot be written safely: something in the way, no permission or space, a symbolic
    link, another build writing. The message is one line naming the path, the cause and the fix."""
