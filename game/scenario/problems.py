"""Problems found in a pack, and how to point at the place they were written."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.scenario.yamlsafe import Document, Path_


@dataclass(frozen=True)
class Problem:
    """One problem found in a pack, printed as `file:line:column: path: message`."""

    file: str
    line: int
    column: int
    path: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        kind = "attention : " if self.warning else ""
        return f"{self.file}:{self.line}:{self.column}: {self.path}: {kind}{self.message}"


class PackError(Exception):
    """A pack that cannot be loaded; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def path_text(stem: str, path: Path_, doc: Document | None) -> str:
    """Readable path such as `cas_usage[2].vecteurs[1].cout` (list items counted from 1)."""
    text = stem
    for end, part in enumerate(path):
        if part == "[key]":
            continue
        parent = path[:end]
        if isinstance(part, int) and doc is not None and parent in doc.sequences:
            text += f"[{part + 1}]"
            continue
        text += f".{part}"
    return text


class Locator:
    """Builds problems placed at a path of one of the pack's files."""

    def __init__(self, root: Path, names: dict[str, str], docs: dict[str, Document]) -> None:
        self.root = root
        self.names = names
        self.docs = docs

    def problem(
        self,
        key: str,
        path: Path_,
        message: str,
        *,
        warning: bool = False,
        position: tuple[int, int] | None = None,
    ) -> Problem:
        """A problem at `path` inside the file of `key` (e.g. "cas_usage")."""
        doc = self.docs.get(key)
        line, column = doc.position(path) if doc is not None else (1, 1)
        if position is not None:
            line, column = position
        file = str(self.root / self.names[key])
        return Problem(file, line, column, path_text(key, path, doc), message, warning)

    def line_of(self, key: str, path: Path_) -> int:
        """Line where `path` of file `key` is written (1 if unknown)."""
        doc = self.docs.get(key)
        return doc.position(path)[0] if doc is not None else 1
