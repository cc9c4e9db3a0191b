"""Problems found in content files, kept structured until they are printed for people."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, at a 1-based line and column."""

    path: str
    line: int
    column: int
    message: str
    # "warning": probably a mistake, worth a look (acsg validate --strict makes it an error).
    level: str = "error"

    def __str__(self) -> str:
        shown = f"warning: {self.message}" if self.level == "warning" else self.message
        return f"{self.path}:{self.line}:{self.column}: {shown}"

    def github(self) -> str:
        """The problem as a GitHub Actions annotation, shown on the changed line of a PR."""
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = self.path.replace(",", "%2C").replace(":", "%3A")
        return f"::{self.level} file={path},line={self.line},col={self.column}::{message}"
