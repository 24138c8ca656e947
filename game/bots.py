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
from game.engine.resolution import early_deployment
from game.engine.rules import lever_done
from game.engine.scoring import condition_met, needs_met
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


#: Score points of whim in a bot's choice of what to propose or which option to take:
#: two tables that follow the same strategy do not bring exactly the same cards.
JITTER = 3.0

#: How much more than its expected cost a deliberate bot fears a risk.
RISK_AVERSION = 3.0


def risk_cost(state: GameState, risk: str) -> float:
    """What `risk` firing now would cost in score points (its branches judged now)."""
    cat = state.catalog
    consequences = cat.risks[risk].consequences
    effects = dict(consequences.effects)
    for branch in consequences.branches:
        held = all(condition_met(state, c) for c in branch.when)
        for key, delta in (branch.then if held else branch.otherwise).items():
            effects[key] = effects.get(key, 0) + delta
    return max(0.0, -_weighted(cat, effects)) + (2.0 if consequences.suspends_use_case else 0.0)


def _turns_after_deploy(state: GameState, duration: int) -> int:
    """Résolutions left after a project funded now deploys (-1: it would never finish)."""
    return state.catalog.pack.scenario.rules.turns - (state.turn + duration - 1)


def card_value(
    state: GameState,
    card: str,
    vector: VectorType | None,
    *,
    risk_aware: bool = False,
    needs: bool = False,
) -> float:
    """Rough score value of funding `card` now; negative when it could not finish in time.

    Every bot counts the money (one-off and running, as the market shows it);
    `risk_aware` also counts exposures (raised when it would deploy before the
    method's steps) and mitigations; `needs` the stated needs it would answer.
    """
    cat = state.catalog
    terms = cat.terms(card, vector)
    if terms is None:
        return -1.0
    after = _turns_after_deploy(state, terms.duration)
    if after < 0:
        return -1.0
    money = terms.cost + terms.running_cost * after
    gain = _weighted(cat, terms.on_deploy) + after * _weighted(cat, terms.per_turn)
    gain += 1.0 * len(terms.unlocks) - money / 100
    if risk_aware:
        factor = early_deployment(state, card)[1]
        turns = after + 1
        for risk, exposure in terms.exposures.items():
            gain -= exposure * factor * turns * RISK_AVERSION * risk_cost(state, risk)
        for risk, reduction in terms.mitigations.items():
            gain += reduction * turns * RISK_AVERSION * risk_cost(state, risk)
    if needs and card in cat.use_cases:
        met = needs_met(state)
        points = {n.id: n.points for n in cat.pack.scenario.needs}
        gain += sum(points[n] for n in cat.use_cases[card].needs if not met.get(n, True))
    return gain


def _option_value(state: GameState, action: ChooseOption, *, cautious: bool) -> float:
    cat = state.catalog
    dilemma = cat.dilemmas[state.dilemmas[action.dilemma].dilemma]
    option = next(o for o in dilemma.options if o.id == action.option)
    value = _weighted(cat, option.effects)
    if cautious:  # greedy ignores the risks an option adds
        value -= sum(e.exposure for e in option.follow_ups.adds_risks) * 40
        gauges = [d for k, d in option.effects.items() if k in cat.gauges]
        value += min(gauges, default=0) * 2 - 10 * len(option.follow_ups.adds_risks)
        value += 3 * len(option.follow_ups.requires_levers)
    return value


def _first_ballot(state: GameState, seat: str, action: Action) -> bool:
    """False for a vote or an option that would change a ballot `seat` already cast."""
    if isinstance(action, Vote):
        return seat not in state.proposals[action.proposal].votes
    if isinstance(action, ChooseOption):
        return seat not in state.dilemmas[action.dilemma].votes
    return True


def random_bot(state: GameState, seat: str, rng: random.Random) -> Action | None:
    """Any legal action, uniformly at random, but a ballot is cast once (as every bot does:
    `game.randomplay` is the table whose people change their minds)."""
    actions = [a for a in legal_actions(state, seat) if _first_ballot(state, seat, a)]
    return rng.choice(actions) if actions else None


def _decide(
    state: GameState,
    seat: str,
    rng: random.Random,
    value: Callable[[Propose], float],
    *,
    cautious: bool,
    option_bias: Callable[[ChooseOption], float] | None = None,
) -> Action | None:
    actions = legal_actions(state, seat)
    if not actions:
        return None
    proposals = [a for a in actions if isinstance(a, Propose)]
    if proposals:
        scored = [(value(a) + rng.random() * JITTER, a) for a in proposals]
        best = max(scored, key=lambda pair: pair[0])[1]
        if value(best) > 0:
            return best
    # a bot votes once: the other choices offered on a ballot it cast would change it
    votes = [
        a for a in actions if isinstance(a, Vote) and seat not in state.proposals[a.proposal].votes
    ]
    if votes:
        first = votes[0]
        p = state.proposals[first.proposal]
        wanted = (
            VoteChoice.POUR
            if value(Propose(seat=seat, card=p.card, vector=p.vector)) > 0
            else VoteChoice.CONTRE
        )
        return next(a for a in votes if a.proposal == first.proposal and a.choice is wanted)
    options = [a for a in actions if isinstance(a, ChooseOption) and _first_ballot(state, seat, a)]
    if options:
        bias = option_bias or (lambda _a: 0.0)
        return max(
            options,
            key=lambda a: (
                _option_value(state, a, cautious=cautious) + bias(a) + rng.random() * JITTER
            ),
        )
    return next(a for a in actions if isinstance(a, Ready))


def greedy_bot(state: GameState, seat: str, rng: random.Random) -> Action | None:
    """Propose and support whatever raises the weighted gauges most."""
    return _decide(state, seat, rng, lambda a: card_value(state, a.card, a.vector), cautious=False)


def _prerequisite_steps(state: GameState) -> set[int]:
    """The steps a cautious table wants started before any use case: the scenario's
    step-order rules name them (steps 1 to 4 when it has none)."""
    rules = state.catalog.pack.scenario.rules.step_order
    return {step for rule in rules for step in rule.steps} or {1, 2, 3, 4}


def _steps_started(state: GameState) -> set[int]:
    """The steps of the method that have a lever done or under way."""
    levers = state.catalog.levers
    return {levers[p.card].step for p in state.projects if p.card in levers}


def cautious_bot(state: GameState, seat: str, rng: random.Random) -> Action | None:
    """The method: map, equip, organise, set the framework (steps 1 to 4); then deploy
    what answers the collectivité's needs, by the safer vectors."""

    ready = _steps_started(state) >= _prerequisite_steps(state)

    def value(a: Propose) -> float:
        base = card_value(state, a.card, a.vector, risk_aware=True, needs=True)
        if base == -1.0:
            return base
        lever = state.catalog.levers.get(a.card)
        if lever is not None:
            return base + (20 - 3 * lever.step if lever.step <= 4 else 2)
        if not ready:
            return -1.0
        terms = state.catalog.terms(a.card, a.vector)
        required = terms.requirements.levers if terms else ()
        safe_levers = all(lever_done(state, lv) for lv in required)
        imported = terms is not None and terms.vector is VectorType.IMPORTEE
        return base - (5 if imported else 0) + (2 if safe_levers else 0)

    return _decide(state, seat, rng, value, cautious=True)


BOTS: dict[str, Bot] = {
    "random": random_bot,
    "greedy": greedy_bot,
    "cautious": cautious_bot,
    "roles": roles_bot,
}
