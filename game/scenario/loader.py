"""Load a pack folder into a validated `Pack` (minimal version, to be hardened)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from game.scenario.models import Pack

FILES = {
    "scenario": "scenario.yaml",
    "cas_usage": "cas_usage.yaml",
    "leviers": "leviers.yaml",
    "risques": "risques.yaml",
    "dilemmes": "dilemmes.yaml",
    "evenements": "evenements.yaml",
}


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


def load_pack(path: Path | str) -> Pack:
    """Load and validate the pack in folder `path`; raise `PackError` listing every problem."""
    root = Path(path)
    data: dict[str, Any] = {}
    for key, name in FILES.items():
        file = root / name
        if not file.exists():
            continue
        with file.open(encoding="utf-8") as fh:
            data[key] = yaml.safe_load(fh)
    try:
        return Pack.model_validate(data)
    except ValidationError as exc:
        problems = [
            Problem("?", 0, 0, ".".join(str(p) for p in err["loc"]), err["msg"])
            for err in exc.errors()
        ]
        raise PackError(problems) from exc
