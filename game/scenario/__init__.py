"""Scenario packs: typed models, YAML loading with file:line errors, JSON Schema."""

from game.scenario.loader import PackError, Problem, check_pack, load_pack
from game.scenario.models import Pack

__all__ = ["Pack", "PackError", "Problem", "check_pack", "load_pack"]
