"""Seeded random play of whole games, to make realistic logs for tests and benchmarks.

Players sit down one by one, then each step picks an occupied seat at random and
one of its legal actions (« prêt » less often, so that tables propose and vote);
votes and dilemma choices carry a written justification drawn from
`JUSTIFICATIONS`. When no seat can act the facilitator moves the phase on.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from game.driver import play
from game.engine import Action, GameState, Phase, legal_actions
from game.engine.actions import AdvancePhase, ChooseOption, OccupySeat, Vote
from game.log import GameLog, revised
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


class RandomTable:
    """People at a table: `seated` sit down 5 s apart, then a random seat that can act
    does one of its legal actions every 2 to 30 s; votes carry a justification, the
    first ones `extra_justifications` in order."""

    def __init__(
        self, seated: Sequence[str], *, extra_justifications: Sequence[str] = (), clock: float
    ) -> None:
        self.seated = list(seated)
        self.extra = list(extra_justifications)
        self.clock = clock
        self._arrivals: list[Action] = []
        for i, role in enumerate(self.seated):
            self.clock += 5
            self._arrivals.append(OccupySeat(seat=role, name=NAMES[i % len(NAMES)], at=self.clock))

    def __call__(self, state: GameState, rng: random.Random) -> Action:
        if self._arrivals:
            return self._arrivals.pop(0)
        self.clock += rng.uniform(2, 30)
        choices = [
            (seat, actions) for seat in self.seated if (actions := legal_actions(state, seat))
        ]
        if not choices:
            return AdvancePhase(at=self.clock)
        _seat, actions = rng.choice(choices)
        action = self._justify(_pick(actions, rng), rng)
        return revised(action, at=self.clock)

    def _justify(self, action: Action, rng: random.Random) -> Action:
        """Give votes a justification; the first ones use up `extra`, in order."""
        if isinstance(action, Vote | ChooseOption):
            text = self.extra.pop(0) if self.extra else rng.choice(JUSTIFICATIONS)
            return revised(action, justification=text)
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
    roles = [r.id for r in pack.scenario.roles]
    seated = roles if players is None else roles[:players]
    table = RandomTable(seated, extra_justifications=extra_justifications, clock=start)
    log = play(pack, table, seed, seats=(), created_at=start, max_steps=len(seated) + MAX_STEPS)
    if log.state.phase is not Phase.FIN:
        raise RuntimeError("random game did not end")
    return log
