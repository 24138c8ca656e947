"""Scenario packs by name: folders under the configured roots (no paths from clients)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from game.protocol import SCENARIO_NAME_PATTERN
from game.scenario import Pack, load_pack

_NAME = re.compile(SCENARIO_NAME_PATTERN)


class UnknownScenarioError(LookupError):
    """No pack folder of that name under any root (or the name is not a plain name)."""


class ScenarioLibrary:
    """Loads packs by folder name from a list of root folders, once each."""

    def __init__(self, roots: Sequence[Path]) -> None:
        self._roots = tuple(Path(r) for r in roots)
        self._packs: dict[str, Pack] = {}

    def path(self, name: str) -> Path:
        """The folder of pack `name`; raises UnknownScenarioError."""
        if not _NAME.fullmatch(name):
            raise UnknownScenarioError(name)
        for root in self._roots:
            folder = root / name
            if (folder / "scenario.yaml").is_file():
                return folder
        raise UnknownScenarioError(name)

    def pack(self, name: str) -> Pack:
        """The loaded pack `name` (raises UnknownScenarioError or PackError)."""
        if name not in self._packs:
            self._packs[name] = load_pack(self.path(name))
        return self._packs[name]

    def names(self) -> list[str]:
        """Every pack name available, sorted."""
        found = {
            p.parent.name
            for root in self._roots
            if root.is_dir()
            for p in root.glob("*/scenario.yaml")
            if _NAME.fullmatch(p.parent.name)
        }
        return sorted(found)
