"""Bot strategies: each picks one of a seat's legal actions (or None when it has none).

- `random`: any legal action, uniformly.
- `greedy`: proposes and supports what raises the weighted gauges most per k€.
- `cautious`: levers and the usage framework first (steps 1 to 4), use cases after.
- `roles`: each seat pursues its own role's secret objective (`game/bots_roles.py`).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Hashable, Mapping

from game.bots_roles import roles_bot
from game.engine import Action, GameState, legal_actions
from game.engine.actions import ChooseOption, Propose, Ready, Vote, VoteChoice
from game.engine.catalog import Catalog
from game.engine.phase import Phase
from game.engine.resolution import early_deployment
from game.engine.rules import ballot_refusal, lever_done, propose_seat_refusal, seat_refusal
from game.engine.scoring import condition_met, needs_met
from game.engine.state import Proposal
from game.engine.terms import Terms
from game.engine.view import table_options
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


class _Memo:
    """What the bots worked out from one state's card-value inputs, kept while they last.

    A deliberate bot values every card of the market: each card's exposures judged the
    same few risks' branches again, and each use case recounted the needs met and the
    method's steps done. What `card_value` reads of a state is its turn, projects,
    fired risks, gauges and budget (the catalog aside): states in a row that share
    them (a vote, a seat getting ready) share these values, the very same floats. The
    key holds the objects it names by identity, so their ids cannot be reused.
    """

    __slots__ = ("cards", "counts", "early", "gauges", "key", "needs", "risks", "state", "values")

    def __init__(self) -> None:
        self.state: GameState | None = None
        self.key: tuple[object, ...] = ()
        self.gauges: dict[str, int] | None = None  # the last state's, whose items the key holds
        self.risks: dict[str, float] = {}
        self.needs: dict[str, bool] | None = None
        self.early: dict[bool | None, float] = {}
        self.cards: dict[tuple[str, VectorType | None, bool, bool], float] = {}
        #: each strategy's value of a (card, vector), by (strategy key, card, vector)
        self.values: dict[tuple[Hashable, str, VectorType | None], float] = {}
        #: projects counted for an objective condition (game.bots_roles), by its id: the
        #: condition belongs to the catalog's pack, which the key holds
        self.counts: dict[int, int] = {}


_MEMO = _Memo()
#: (on_deploy, per_turn) weighted, by the identity of the catalog's Terms objects.
_TERMS_GAIN: dict[int, tuple[object, float, float]] = {}


def _memo(state: GameState) -> _Memo:
    memo = _MEMO
    if memo.state is state:
        return memo
    key = memo.key
    gauges = state.gauges
    same = (
        len(key) == 6
        and key[0] is state.catalog
        and key[1] is state.projects
        and key[2] is state.risks_fired
        and key[3] == state.turn
        and key[4] == state.budget
        # the same dict (unchanged gauges are shared from state to state), or equal items
        and (memo.gauges is gauges or key[5] == tuple(gauges.items()))
    )
    if not same:
        memo.key = (
            state.catalog,
            state.projects,
            state.risks_fired,
            state.turn,
            state.budget,
            tuple(gauges.items()),
        )
        memo.risks, memo.needs, memo.early, memo.cards = {}, None, {}, {}
        memo.values, memo.counts = {}, {}
    memo.gauges = gauges
    memo.state = state
    return memo


def _terms_gain(cat: Catalog, terms: Terms) -> tuple[float, float]:
    hit = _TERMS_GAIN.get(id(terms))
    if hit is None or hit[0] is not terms:
        if len(_TERMS_GAIN) > 100_000:
            _TERMS_GAIN.clear()
        hit = _TERMS_GAIN[id(terms)] = (
            terms,
            _weighted(cat, terms.on_deploy),
            _weighted(cat, terms.per_turn),
        )
    return hit[1], hit[2]


_NEED_POINTS: dict[int, tuple[Catalog, dict[str, int]]] = {}


def _need_points(cat: Catalog) -> dict[str, int]:
    """Each stated need's points, by need id (once per catalog)."""
    hit = _NEED_POINTS.get(id(cat))
    if hit is None or hit[0] is not cat:
        if len(_NEED_POINTS) > 64:
            _NEED_POINTS.clear()
        hit = _NEED_POINTS[id(cat)] = (cat, {n.id: n.points for n in cat.pack.scenario.needs})
    return hit[1]


def risk_cost(state: GameState, risk: str) -> float:
    """What `risk` firing now would cost in score points (its branches judged now)."""
    memo = _memo(state)
    cost = memo.risks.get(risk)
    if cost is None:
        cost = memo.risks[risk] = _risk_cost(state, risk)
    return cost


def _risk_cost(state: GameState, risk: str) -> float:
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
    cards = _memo(state).cards
    key = (card, vector, risk_aware, needs)
    value = cards.get(key)
    if value is None:
        value = cards[key] = _card_value(state, card, vector, risk_aware, needs)
    return value


def _card_value(
    state: GameState, card: str, vector: VectorType | None, risk_aware: bool, needs: bool
) -> float:
    cat = state.catalog
    terms = cat.terms(card, vector)
    if terms is None:
        return -1.0
    after = _turns_after_deploy(state, terms.duration)
    if after < 0:
        return -1.0
    money = terms.cost + terms.running_cost * after
    on_deploy, per_turn = _terms_gain(cat, terms)
    gain = on_deploy + after * per_turn
    gain += 1.0 * len(terms.unlocks) - money / 100
    if risk_aware:
        # the factor depends on the steps done and, of the card, only on whether it is a
        # generative use case (levers: 1.0)
        use_case = cat.use_cases.get(card)
        key = None if use_case is None else use_case.generative
        early = _memo(state).early
        factor = early.get(key)
        if factor is None:
            factor = early[key] = early_deployment(state, card)[1]
        turns = after + 1
        for risk, exposure in terms.exposures.items():
            gain -= exposure * factor * turns * RISK_AVERSION * risk_cost(state, risk)
        for risk, reduction in terms.mitigations.items():
            gain += reduction * turns * RISK_AVERSION * risk_cost(state, risk)
    if needs and card in cat.use_cases:
        memo = _memo(state)
        met = memo.needs
        if met is None:
            met = memo.needs = needs_met(state)
        points = _need_points(cat)
        gain += sum(points[n] for n in cat.use_cases[card].needs if not met.get(n, True))
    return gain


#: Values that depend on the pack alone, by (id of the pack, key): (pack, value).
_PER_PACK: dict[tuple[int, Hashable], tuple[object, float]] = {}


def per_pack(cat: Catalog, key: Hashable, compute: Callable[[], float]) -> float:
    """`compute()`, kept for the catalog's pack and `key` (what it reads of the state must
    be named by `key`). The entry holds the pack, so its id cannot be reused."""
    pack = cat.pack
    hit = _PER_PACK.get((id(pack), key))
    if hit is None or hit[0] is not pack:
        if len(_PER_PACK) > 100_000:
            _PER_PACK.clear()
        hit = _PER_PACK[(id(pack), key)] = (pack, compute())
    return hit[1]


def _option_value(state: GameState, action: ChooseOption, *, cautious: bool) -> float:
    dilemma_id = state.dilemmas[action.dilemma].dilemma
    return per_pack(
        state.catalog,
        ("option", dilemma_id, action.option, cautious),
        lambda: _pack_option_value(state.catalog, dilemma_id, action.option, cautious),
    )


def _pack_option_value(cat: Catalog, dilemma_id: str, option_id: str, cautious: bool) -> float:
    dilemma = cat.dilemmas[dilemma_id]
    option = next(o for o in dilemma.options if o.id == option_id)
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


def _unvoted(state: GameState, seat: str) -> list[Proposal] | None:
    """In the vote phase, the proposals of the Vote actions `legal_actions` offers `seat`
    that `_first_ballot` keeps, in order: the open ones it has not voted on (then it is
    offered every choice on each, and Ready). None when it may not act at all.

    The vote phase is most of a bot game's decisions; this spares listing every ballot
    of every proposal to keep the first ones.
    """
    if seat_refusal(state, seat) is not None:
        return None
    return [p for p in state.proposals if seat not in p.votes and ballot_refusal(p, seat) is None]


_VOTE_CHOICES = tuple(VoteChoice)
_Option = tuple[str, VectorType | None]


def _proposition_options(state: GameState, seat: str) -> tuple[_Option, ...] | None:
    """In the propositions phase, the (card, vector) of the Propose actions `legal_actions`
    offers `seat`, in order (it is offered Ready after them); None when it may not act.
    Deciding from them spares building and filtering the Propose actions."""
    if seat_refusal(state, seat) is not None:
        return None
    if propose_seat_refusal(state, seat) is not None:
        return ()
    return table_options(state)


def _propose(seat: str, option: _Option) -> Propose:
    """The Propose action of `option`, as `legal_actions` builds it."""
    card, vector = option
    if vector is None:  # a lever
        return Propose(seat=seat, card=card)
    return Propose(seat=seat, card=card, vector=vector)


def random_bot(state: GameState, seat: str, rng: random.Random) -> Action | None:
    """Any legal action, uniformly at random, but a ballot is cast once (as every bot does:
    `game.randomplay` is the table whose people change their minds)."""
    if state.phase is Phase.PROPOSITIONS:
        options = _proposition_options(state, seat)
        if options is None:
            return None
        # the same list as legal_actions: each option's Propose, then Ready
        pick = rng.choice([*options, None])
        return Ready(seat=seat) if pick is None else _propose(seat, pick)
    if state.phase is Phase.VOTE:
        unvoted = _unvoted(state, seat)
        if unvoted is None:
            return None
        # the same list as below: each unvoted proposal's choices in order, then Ready
        picks: list[tuple[int, VoteChoice] | None] = [
            (p.index, c) for p in unvoted for c in _VOTE_CHOICES
        ]
        picks.append(None)
        ballot = rng.choice(picks)
        if ballot is None:
            return Ready(seat=seat)
        return Vote(seat=seat, proposal=ballot[0], choice=ballot[1])
    actions = [a for a in legal_actions(state, seat) if _first_ballot(state, seat, a)]
    return rng.choice(actions) if actions else None


#: A strategy's value of funding a card (with a vector) now.
Value = Callable[[str, VectorType | None], float]


def _kept_values(state: GameState, key: Hashable, value: Value) -> Value:
    """`value`, kept in the state's memo under `key`: for strategies whose value reads
    nothing of the state but the memo's inputs (and what `key` names, e.g. the seat)."""
    values = _memo(state).values

    def kept(card: str, vector: VectorType | None) -> float:
        k = (key, card, vector)
        v = values.get(k)
        if v is None:
            v = values[k] = value(card, vector)
        return v

    return kept


def _vote_decision(state: GameState, seat: str, value: Value) -> Action | None:
    """`_decide` in the vote phase: the first proposal not voted on yet, pour if its card
    is worth funding; else Ready."""
    unvoted = _unvoted(state, seat)
    if unvoted is None:
        return None
    if not unvoted:
        return Ready(seat=seat)
    p = unvoted[0]
    wanted = VoteChoice.POUR if value(p.card, p.vector) > 0 else VoteChoice.CONTRE
    return Vote(seat=seat, proposal=p.index, choice=wanted)


def _proposition_decision(
    state: GameState, seat: str, rng: random.Random, value: Value
) -> Action | None:
    """`_decide` in the propositions phase: the option of best value with a jitter, if it
    is worth funding; else Ready."""
    options = _proposition_options(state, seat)
    if options is None:
        return None
    if options:
        scored = [(v + rng.random() * JITTER, v, o) for o in options for v in (value(*o),)]
        _, best_value, best = max(scored, key=lambda t: t[0])
        if best_value > 0:
            return _propose(seat, best)
    return Ready(seat=seat)


def _decide(
    state: GameState,
    seat: str,
    rng: random.Random,
    value: Value,
    *,
    cautious: bool,
    option_bias: Callable[[ChooseOption], float] | None = None,
    key: Hashable = None,
) -> Action | None:
    """The deliberate bots' choice; with `key`, `value` is kept per state (`_kept_values`)."""
    if key is not None:
        value = _kept_values(state, key, value)
    if state.phase is Phase.VOTE:
        return _vote_decision(state, seat, value)
    if state.phase is Phase.PROPOSITIONS:
        return _proposition_decision(state, seat, rng, value)
    actions = legal_actions(state, seat)
    if not actions:
        return None
    proposals = [a for a in actions if isinstance(a, Propose)]
    if proposals:
        scored = [
            (v + rng.random() * JITTER, v, a) for a in proposals for v in (value(a.card, a.vector),)
        ]
        _, best_value, best = max(scored, key=lambda t: t[0])
        if best_value > 0:
            return best
    # a bot votes once: the other choices offered on a ballot it cast would change it
    votes = [
        a for a in actions if isinstance(a, Vote) and seat not in state.proposals[a.proposal].votes
    ]
    if votes:
        first = votes[0]
        p = state.proposals[first.proposal]
        wanted = VoteChoice.POUR if value(p.card, p.vector) > 0 else VoteChoice.CONTRE
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
    return _decide(
        state, seat, rng, lambda c, v: card_value(state, c, v), cautious=False, key="greedy"
    )


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

    started: list[bool] = []

    def ready() -> bool:  # once per decision, when a use case is valued
        if not started:
            started.append(_steps_started(state) >= _prerequisite_steps(state))
        return started[0]

    def value(card: str, vector: VectorType | None) -> float:
        base = card_value(state, card, vector, risk_aware=True, needs=True)
        if base == -1.0:
            return base
        lever = state.catalog.levers.get(card)
        if lever is not None:
            return base + (20 - 3 * lever.step if lever.step <= 4 else 2)
        if not ready():
            return -1.0
        terms = state.catalog.terms(card, vector)
        required = terms.requirements.levers if terms else ()
        safe_levers = all(lever_done(state, lv) for lv in required)
        imported = terms is not None and terms.vector is VectorType.IMPORTEE
        return base - (5 if imported else 0) + (2 if safe_levers else 0)

    # the value reads the catalog, projects and card values only: kept per state
    return _decide(state, seat, rng, value, cautious=True, key="cautious")


BOTS: dict[str, Bot] = {
    "random": random_bot,
    "greedy": greedy_bot,
    "cautious": cautious_bot,
    "roles": roles_bot,
}
