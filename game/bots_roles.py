"""The `roles` strategy: each seat pursues its own role's secret objective.

On top of a risk-aware reading of each card (the cautious bot's `card_value`), a seat
adds what a card does for the conditions of its objective and opposes what would
break them: the élu·e pushes visible services, the DPO fights exposure to the risks
it must avoid, the DGS guards the budget. Tables of such seats show which objectives
pull against each other.
"""

from __future__ import annotations

import random

from game.engine import Action, GameState
from game.engine.actions import Propose
from game.engine.rules import vector_of
from game.engine.state import ProjectStatus
from game.scenario.models import Condition, Lever, UseCase, Vector

#: Weight of one objective condition advanced, in the bots' score points.
PULL = 12.0


def _count(state: GameState, cond: Condition) -> int:
    cat = state.catalog
    n = 0
    for p in state.projects:
        if p.vector is None or p.status is ProjectStatus.SUSPENDED:
            continue
        use_case = cat.use_cases[p.card]
        if cond.axis is not None and use_case.axis == cond.axis:
            n += 1
        if cond.vector is not None and p.vector == cond.vector:
            n += 1
    return n


def _pull(state: GameState, cond: Condition, card: UseCase | Lever, vector: Vector | None) -> float:
    """What funding `card` (by `vector`) does for one condition: + helps, - hurts."""
    if cond.lever is not None:
        return PULL if card.id == cond.lever else 0.0
    if cond.use_case is not None:
        return PULL if card.id == cond.use_case else 0.0
    if cond.axis is not None or cond.vector is not None:
        if vector is None:
            return 0.0
        assert isinstance(card, UseCase)
        counts = (cond.axis is not None and card.axis == cond.axis) or (
            cond.vector is not None and vector.type == cond.vector
        )
        if not counts:
            return 0.0
        have = _count(state, cond)
        if cond.max is not None and have >= cond.max:
            return -2 * PULL
        if cond.min is None or have < cond.min:
            return PULL * 0.75
        return 0.0
    if cond.gauge is not None:
        effects = vector.on_deploy if vector else getattr(card, "effects", {})
        delta = effects.get(cond.gauge, 0)
        sign = -1 if cond.min is None and cond.max is not None else 1
        return sign * delta * 1.5
    if cond.risk_avoided is not None:
        exposures = vector.risks if vector else ()
        mitigations = vector.mitigations if vector else getattr(card, "mitigations", ())
        exposed = sum(e.exposure for e in exposures if e.risk == cond.risk_avoided)
        mitigated = sum(m.reduction for m in mitigations if m.risk == cond.risk_avoided)
        return (mitigated - exposed) * 300
    # budget: every k€ spent below the floor hurts
    cost = vector.cost if vector else getattr(card, "cost", 0)
    floor = cond.min or 0
    turns_left = state.catalog.pack.scenario.rules.turns - state.turn
    projected = state.budget - cost + turns_left * 50
    return -cost / 10 if projected < floor else 0.0


def objective_value(state: GameState, seat: str, card: str, vector: object) -> float:
    """What funding `card` now does for `seat`'s secret objective."""
    cat = state.catalog
    role = cat.roles.get(seat)
    if role is None:
        return 0.0
    use_case = cat.use_cases.get(card)
    target: UseCase | Lever = use_case if use_case is not None else cat.levers[card]
    v = vector_of(use_case, vector) if use_case is not None else None  # type: ignore[arg-type]
    return sum(_pull(state, cond, target, v) for cond in role.secret.conditions)


def roles_bot(state: GameState, seat: str, rng: random.Random) -> Action | None:
    """A deliberate seat: a risk-aware reading of cards plus its own objective's pull."""
    from game.bots import _decide, card_value

    def value(a: Propose) -> float:
        base = card_value(state, a.card, a.vector, risk_aware=True)
        if base == -1.0:
            return base
        return base + objective_value(state, seat, a.card, a.vector)

    return _decide(state, seat, rng, value, cautious=True)
