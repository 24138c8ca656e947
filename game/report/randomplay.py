"""Seeded random play of whole games, to make realistic logs for tests and benchmarks.

Each step picks an occupied seat at random and one of its legal actions
(« prêt » less often, so that tables propose and vote); votes and dilemma
choices carry a written justification drawn from `JUSTIFICATIONS`.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from game.engine import Action, Phase, legal_actions
from game.engine.actions import AdvancePhase, ChooseOption, OccupySeat, Vote
from game.log import GameLog
from game.scenario.models import Pack

JUSTIFICATIONS = (
    "Les agents attendent cet outil depuis longtemps.",
    "Trop cher pour ce semestre, il faut d'abord un cadre.",
    "Sans cartographie des usages, on avance à l'aveugle.",
    "Priorité à la confiance des usagers : transparence d'abord.",
    "Je m'abstiens : le coût de fonctionnement n'est pas chiffré.",
    "",
)
NAMES = ("Camille", "Dominique", "Sacha", "Alix", "Yannick", "Morgane", "Noa", "Claude")
READY_WEIGHT = 0.2
MAX_STEPS = 5000


def with_turns(pack: Pack, turns: int) -> Pack:
    """A copy of `pack` whose games last `turns` turns."""
    scenario = pack.scenario
    rules = scenario.rules.model_copy(update={"turns": turns})
    return pack.model_copy(update={"scenario": scenario.model_copy(update={"rules": rules})})


def _justify(action: Action, rng: random.Random, extra: list[str]) -> Action:
    """Give votes a justification; the first ones use up `extra`, in order."""
    if isinstance(action, Vote | ChooseOption):
        text = extra.pop(0) if extra else rng.choice(JUSTIFICATIONS)
        return action.model_copy(update={"justification": text})
    return action


def _pick(actions: Sequence[Action], rng: random.Random) -> Action:
    others = [a for a in actions if a.type != "ready"]
    if others and rng.random() > READY_WEIGHT:
        return rng.choice(others)
    return next(a for a in actions if a.type == "ready")


def play_random_game(
    pack: Pack,
    *,
    seed: int,
    players: int | None = None,
    extra_justifications: Sequence[str] = (),
    start: float = 1_700_000_000.0,
) -> GameLog:
    """Play one seeded game to the end with random legal actions; return its log.

    The first votes carry `extra_justifications` in order, the others a random stock one.
    """
    rng = random.Random(seed)
    extra = list(extra_justifications)
    roles = [r.id for r in pack.scenario.roles]
    seated = roles if players is None else roles[:players]
    log = GameLog.new(pack, seed=seed, created_at=start)
    clock = start
    for i, role in enumerate(seated):
        clock += 5
        log.append(OccupySeat(seat=role, name=NAMES[i % len(NAMES)], at=clock))
    for _ in range(MAX_STEPS):
        if log.state.phase is Phase.FIN:
            return log
        clock += rng.uniform(2, 30)
        choices = [
            (seat, actions) for seat in seated if (actions := legal_actions(log.state, seat))
        ]
        if not choices:
            log.append(AdvancePhase(at=clock))
            continue
        _seat, actions = rng.choice(choices)
        action = _justify(_pick(actions, rng), rng, extra)
        log.append(action.model_copy(update={"at": clock}))
    raise RuntimeError("random game did not end")
