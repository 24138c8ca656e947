"""`si` / `sinon`: effects of events and risks that depend on what the table has done."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from game.engine.events import BranchTaken, GameEvent
from game.engine.scoring import condition_met
from game.engine.state import GameState
from game.scenario.models import Branch


def with_branches(
    state: GameState,
    effects: Mapping[str, int],
    branches: Sequence[Branch],
    *,
    source: str,
    events: list[GameEvent],
) -> dict[str, int]:
    """`effects` plus what each branch adds in `state`; one `BranchTaken` per branch.

    Branches are judged on the state before any of these effects apply, so a gauge
    threshold reads what the table had built when the blow came.
    """
    total = dict(effects)
    for branch in branches:
        held = all(condition_met(state, cond) for cond in branch.when)
        extra = branch.then if held else branch.otherwise
        for key, delta in extra.items():
            total[key] = total.get(key, 0) + delta
        events.append(
            BranchTaken(
                turn=state.turn,
                source=source,
                held=held,
                text=branch.because if held else branch.for_lack,
                effects=dict(extra),
            )
        )
    return total
