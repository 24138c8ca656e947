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
from game.engine.actions import ChooseOption
from game.engine.catalog import Catalog
from game.engine.state import ProjectStatus
from game.engine.terms import Terms
from game.scenario.models import Condition, VectorType

#: Weight of one objective condition advanced, in the bots' score points.
PULL = 12.0


def _count(state: GameState, cond: Condition) -> int:
    """The projects that count for `cond` (kept in the bots' memo while its inputs last)."""
    from game.bots import _memo

    counts = _memo(state).counts
    n = counts.get(id(cond))
    if n is None:
        n = counts[id(cond)] = _counted(state, cond)
    return n


def _counted(state: GameState, cond: Condition) -> int:
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


def _pull(state: GameState, cond: Condition, terms: Terms) -> float:
    """What funding a card on `terms` does for one condition: + helps, - hurts."""
    cat = state.catalog
    if cond.lever is not None:
        return PULL if terms.card == cond.lever else 0.0
    if cond.use_case is not None:
        return PULL if terms.card == cond.use_case else 0.0
    if cond.axis is not None or cond.vector is not None:
        use_case = cat.use_cases.get(terms.card)
        if use_case is None:
            return 0.0
        counts = (cond.axis is not None and use_case.axis == cond.axis) or (
            cond.vector is not None and terms.vector == cond.vector
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
        delta = terms.on_deploy.get(cond.gauge, 0) + 2 * terms.per_turn.get(cond.gauge, 0)
        sign = -1 if cond.min is None and cond.max is not None else 1
        return sign * delta * 1.5
    if cond.risk_avoided is not None:
        exposed = terms.exposures.get(cond.risk_avoided, 0.0)
        mitigated = terms.mitigations.get(cond.risk_avoided, 0.0)
        return (mitigated - exposed) * 300
    # budget: every k€ spent below the floor hurts
    turns_left = cat.pack.scenario.rules.turns - state.turn
    spent = terms.cost + terms.running_cost * (turns_left + 1)
    income = cat.pack.scenario.resources.budget_per_turn * turns_left // 3
    projected = state.budget - spent + income
    return -spent / 10 if projected < (cond.min or 0) else 0.0


def objective_value(state: GameState, seat: str, card: str, vector: VectorType | None) -> float:
    """What funding `card` now does for `seat`'s secret objective."""
    cat = state.catalog
    role = cat.roles.get(seat)
    terms = cat.terms(card, vector)
    if role is None or terms is None:
        return 0.0
    return sum(_pull(state, cond, terms) for cond in role.secret.conditions)


def roles_bot(state: GameState, seat: str, rng: random.Random) -> Action | None:
    """A deliberate seat: a risk-aware reading of cards plus its own objective's pull."""
    from game.bots import _decide, card_value

    def value(card: str, vector: VectorType | None) -> float:
        base = card_value(state, card, vector, risk_aware=True, needs=True)
        if base == -1.0:
            return base
        return base + objective_value(state, seat, card, vector)

    def option_bias(a: ChooseOption) -> float:
        return option_pull(state, seat, a)

    # the objective's pull reads the catalog, projects, turn and budget: kept per state
    return _decide(
        state, seat, rng, value, cautious=True, option_bias=option_bias, key=("roles", seat)
    )


def option_pull(state: GameState, seat: str, action: ChooseOption) -> float:
    """What a dilemma option does for `seat`'s objective: its gauges and its budget."""
    from game.bots import per_pack

    cat = state.catalog
    dilemma_id = state.dilemmas[action.dilemma].dilemma
    return per_pack(
        cat,
        ("pull", seat, dilemma_id, action.option),
        lambda: _option_pull(cat, seat, dilemma_id, action.option),
    )


def _option_pull(cat: Catalog, seat: str, dilemma_id: str, option_id: str) -> float:
    role = cat.roles.get(seat)
    if role is None:
        return 0.0
    dilemma = cat.dilemmas[dilemma_id]
    option = next(o for o in dilemma.options if o.id == option_id)
    pull = 0.0
    for cond in role.secret.conditions:
        if cond.gauge is not None:
            pull += option.effects.get(cond.gauge, 0) * 2.0
        elif cond.budget:
            pull += option.effects.get("budget", 0) / 5
        elif cond.risk_avoided is not None:
            added = sum(
                e.exposure for e in option.follow_ups.adds_risks if e.risk == cond.risk_avoided
            )
            pull -= added * 300
    return pull
