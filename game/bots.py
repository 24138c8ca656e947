"""Bot strategies: each picks one of a seat's legal actions (or None when it has none).

- `random`: any legal action, uniformly.
- `greedy`: proposes and supports what raises the weighted gauges most per k€.
- `cautious`: levers and the usage framework first (steps 1 to 4), use cases after.
- `roles`: each seat pursues its own role's secret objective (`game/bots_roles.py`).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping

from game.bots_roles import roles_bot
from game.engine import Action, GameState, legal_actions
from game.engine.actions import ChooseOption, Propose, Ready, Vote, VoteChoice
from game.engine.catalog import Catalog
from game.engine.rules import lever_done
from game.scenario.models import VectorType

Bot = Callable[[GameState, str, random.Random], Action | None]


def _weighted(cat: Catalog, effects: Mapping[str, int]) -> float:
    """The score value of `effects`: weighted gauge changes, budget at 1 point per 20 k€."""
    value = 0.0
    for key, delta in effects.items():
        gauge = cat.gauges.get(key)
        if gauge is not None:
            value += gauge.weight * delta * 100 / (gauge.max - gauge.min)
        elif key == "budget":
            value += delta / 20
    return value


def _turns_after_deploy(state: GameState, duration: int) -> int:
    """Résolutions left after a project funded now deploys (-1: it would never finish)."""
    return state.catalog.pack.scenario.rules.turns - (state.turn + duration - 1)


def card_value(
    state: GameState, card: str, vector: VectorType | None, *, risk_aware: bool = False
) -> float:
    """Rough score value of funding `card` now; negative when it could not finish in time."""
    cat = state.catalog
    terms = cat.terms(card, vector)
    if terms is None:
        return -1.0
    after = _turns_after_deploy(state, terms.duration)
    if after < 0:
        return -1.0
    gain = _weighted(cat, terms.on_deploy) + after * _weighted(cat, terms.per_turn)
    gain += 1.0 * len(terms.unlocks) - terms.cost / 100
    if risk_aware:
        gain -= sum(terms.exposures.values()) * 60 * (after + 1)
        gain += sum(terms.mitigations.values()) * 60 * (after + 1)
    return gain


def _option_value(state: GameState, action: ChooseOption, *, cautious: bool) -> float:
    cat = state.catalog
    dilemma = cat.dilemmas[state.dilemmas[action.dilemma].dilemma]
    option = next(o for o in dilemma.options if o.id == action.option)
    value = _weighted(cat, option.effects)
    value -= sum(e.exposure for e in option.follow_ups.adds_risks) * 40
    if cautious:
        gauges = [d for k, d in option.effects.items() if k in cat.gauges]
        value += min(gauges, default=0) * 2 - 10 * len(option.follow_ups.adds_risks)
        value += 3 * len(option.follow_ups.requires_levers)
    return value


def random_bot(state: GameState, seat: str, rng: random.Random) -> Action | None:
    """Any legal action, uniformly at random."""
    actions = legal_actions(state, seat)
    return rng.choice(actions) if actions else None


def _decide(
    state: GameState,
    seat: str,
    rng: random.Random,
    value: Callable[[Propose], float],
    *,
    cautious: bool,
) -> Action | None:
    actions = legal_actions(state, seat)
    if not actions:
        return None
    proposals = [a for a in actions if isinstance(a, Propose)]
    if proposals:
        best = max(proposals, key=lambda a: (value(a), rng.random()))
        if value(best) > 0:
            return best
    votes = [a for a in actions if isinstance(a, Vote)]
    if votes:
        first = votes[0]
        p = state.proposals[first.proposal]
        wanted = (
            VoteChoice.POUR
            if value(Propose(seat=seat, card=p.card, vector=p.vector)) > 0
            else VoteChoice.CONTRE
        )
        return next(a for a in votes if a.proposal == first.proposal and a.choice is wanted)
    options = [a for a in actions if isinstance(a, ChooseOption)]
    if options:
        return max(
            options, key=lambda a: (_option_value(state, a, cautious=cautious), rng.random())
        )
    return next(a for a in actions if isinstance(a, Ready))


def greedy_bot(state: GameState, seat: str, rng: random.Random) -> Action | None:
    """Propose and support whatever raises the weighted gauges most."""
    return _decide(state, seat, rng, lambda a: card_value(state, a.card, a.vector), cautious=False)


def _framework_done(state: GameState) -> bool:
    """True once every lever of steps 1 to 4 that is unlocked is done or funded."""
    cat = state.catalog
    return all(
        state.project(lever.id) is not None or lever.locked
        for lever in cat.levers.values()
        if lever.step <= 4 and not lever.requirements.levers
    )


def cautious_bot(state: GameState, seat: str, rng: random.Random) -> Action | None:
    """Levers and the usage framework first; use cases only once it stands."""

    framework_done = _framework_done(state)

    def value(a: Propose) -> float:
        base = card_value(state, a.card, a.vector, risk_aware=True)
        if base < 0 and base == -1.0:
            return base
        lever = state.catalog.levers.get(a.card)
        if lever is not None:
            return base + 20 - 3 * lever.step
        if not framework_done:
            return -1.0
        terms = state.catalog.terms(a.card, a.vector)
        needs = terms.requirements.levers if terms else ()
        safe_levers = all(lever_done(state, lv) for lv in needs)
        imported = terms is not None and terms.vector is VectorType.IMPORTEE
        return base - (5 if imported else 0) + (2 if safe_levers else 0)

    return _decide(state, seat, rng, value, cautious=True)


BOTS: dict[str, Bot] = {
    "random": random_bot,
    "greedy": greedy_bot,
    "cautious": cautious_bot,
    "roles": roles_bot,
}
