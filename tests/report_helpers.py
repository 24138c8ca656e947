"""Games written for the report tests: chosen player names and justifications.

`seeded_game` plays the mini scenario with random legal actions, like
`game.randomplay`, but lets a test pick each seat's name (or leave a seat
empty, or occupied without a name) and the justification of every vote.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from itertools import cycle
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from game.engine import Action, Phase, legal_actions
from game.engine.actions import AdvancePhase, OccupySeat
from game.log import GameLog
from game.scenario import load_pack
from game.scenario.models import Pack

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "packs" / "mini"


def mini_pack(turns: int = 2) -> Pack:
    """The mini scenario, `turns` turns long."""
    pack = load_pack(MINI)
    rules = pack.scenario.rules.model_validate(
        {**pack.scenario.rules.model_dump(by_alias=True), "tours": turns}
    )
    scenario = pack.scenario.model_validate(
        {**pack.scenario.model_dump(by_alias=True), "regles": rules.model_dump(by_alias=True)}
    )
    return Pack.model_validate({**pack.model_dump(by_alias=True), "scenario": scenario})


def _justified(action: Action, text: str) -> Action:
    return type(action).model_validate({**action.model_dump(), "justification": text})


def seeded_game(
    names: Mapping[str, str],
    justifications: Sequence[str] = ("",),
    *,
    seed: int = 1,
    turns: int = 2,
) -> GameLog:
    """A whole game of the mini scenario: `names` maps each seated role to its player name
    (an empty name: seated without a name); votes use `justifications` in turn."""
    log = GameLog.new(mini_pack(turns), seed=seed, created_at=1_700_000_000.0)
    for role, name in names.items():
        log.append(OccupySeat(seat=role, name=name))
    rng = random.Random(seed)
    texts = cycle(justifications)
    seated = list(names)
    for _ in range(5000):
        if log.state.phase is Phase.FIN:
            return log
        choices = [(s, acts) for s in seated if (acts := legal_actions(log.state, s))]
        if not choices:
            log.append(AdvancePhase())
            continue
        _seat, actions = rng.choice(choices)
        others = [a for a in actions if a.type != "ready"]
        if others and rng.random() > 0.2:
            action = rng.choice(others)
        else:
            action = next(a for a in actions if a.type == "ready")
        if action.type in ("vote", "choose_option"):
            action = _justified(action, next(texts))
        log.append(action)
    raise RuntimeError("the game did not end")


def markdown() -> MarkdownIt:
    """A Markdown renderer as permissive as the viewers trainees use: GitHub-like
    (tables, strikethrough, bare links made live) with raw HTML allowed."""
    return MarkdownIt("gfm-like", {"html": True, "linkify": True}).enable("table")


def walk(tokens: Sequence[Token]) -> list[Token]:
    """Every token, children included."""
    out: list[Token] = []
    for token in tokens:
        out.append(token)
        out += walk(token.children or [])
    return out


def inline_texts(tokens: Sequence[Token]) -> list[str]:
    """The plain text a reader sees in each inline run (paragraph, cell, heading…)."""
    texts = []
    for token in tokens:
        if token.type != "inline":
            continue
        parts = []
        for child in token.children or []:
            if child.type in ("text", "text_special", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
        texts.append("".join(parts))
    return texts


def one_line(text: str) -> str:
    """`text` as the report shows it on one line: its lines joined by single spaces."""
    return " ".join(part.strip() for part in text.splitlines() if part.strip())
