"""The bots' per-state memo gives the values computed from nothing remembered.

`card_value` and the risk costs are kept while a state's card-value inputs (turn,
projects, fired risks, gauges, budget) stay the same; a missing input in that key
would make a bot choose from a stale value. At every state of a roles-bot game and a
cautious one, every card's value with the memo warm equals the value computed cold.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from game import bots
from game.driver import BotRounds
from game.engine import GameState, apply, new_game
from game.engine.phase import Phase
from game.scenario import load_pack

ROOT = Path(__file__).resolve().parent.parent
PACK = load_pack(ROOT / "scenarios" / "ville-moyenne")


def _states(strategy: str, seed: int) -> list[GameState]:
    seats = tuple(r.id for r in PACK.scenario.roles)
    state = new_game(PACK, seed=seed, seats=())
    from game.engine.actions import OccupySeat

    for role in seats:
        state, _ = apply(state, OccupySeat(seat=role))
    policy, rng, out = BotRounds(bots.BOTS[strategy]), random.Random(seed), [state]
    while state.phase is not Phase.FIN and len(out) < 400:
        state, _ = apply(state, policy(state, rng))
        out.append(state)
    return out


def _values(state: GameState) -> list[float]:
    cat = state.catalog
    out = []
    for (card, vector), _terms in sorted(cat._terms.items(), key=lambda kv: str(kv[0])):
        for risk_aware in (False, True):
            out.append(bots.card_value(state, card, vector, risk_aware=risk_aware, needs=True))
    out += [bots.risk_cost(state, r) for r in sorted(cat.risks)]
    return out


@pytest.mark.parametrize(("strategy", "seed"), [("roles", 4), ("cautious", 7)])
def test_warm_values_equal_cold_ones_at_every_state(strategy: str, seed: int) -> None:
    states = _states(strategy, seed)
    assert len(states) > 100
    for state in states:
        warm = _values(state)  # the memo holds the previous state's inputs
        bots._MEMO.__init__()  # type: ignore[misc]
        assert _values(state) == warm


def test_each_input_of_the_key_changes_the_values_it_should() -> None:
    # A state and its copies with one input changed: the warm memo (holding the
    # state's values) gives each copy the values computed cold; for the turn at least,
    # they differ from the state's own (so a key without it would be caught).
    states = _states("roles", 4)
    state = next(s for s in states if s.phase is Phase.PROPOSITIONS and s.turn == 2)
    gauge = next(iter(state.gauges))
    copies = {
        "turn": state.model_copy(update={"turn": state.turn + 1}),
        "budget": state.model_copy(update={"budget": state.budget - 40}),
        "gauges": state.model_copy(update={"gauges": {**state.gauges, gauge: 0}}),
        "projects": state.model_copy(update={"projects": ()}),
        "risks_fired": state.model_copy(update={"risks_fired": ()}),
    }
    base = _values(state)
    for name, changed in copies.items():
        _values(state)  # the memo holds the state's inputs
        warm = _values(changed)
        bots._MEMO.__init__()  # type: ignore[misc]
        assert warm == _values(changed), name
    assert _values(copies["turn"]) != base


class _Cold:
    """A bot that forgets every value kept before each decision."""

    def __init__(self, strategy: str) -> None:
        self.bot = bots.BOTS[strategy]

    def __call__(self, state: GameState, seat: str, rng: random.Random) -> object:
        bots._MEMO.__init__()  # type: ignore[misc]
        return self.bot(state, seat, rng)


@pytest.mark.parametrize(("strategy", "seed"), [("greedy", 3), ("cautious", 5), ("roles", 6)])
def test_a_game_played_with_the_memo_warm_is_the_game_played_cold(strategy: str, seed: int) -> None:
    # each strategy's own values (the objective's pull, the method's steps) are kept per
    # state too: deciding from nothing remembered plays the same game
    from game.driver import play
    from game.playtest import table_seats

    seats = table_seats(PACK, seed)
    warm = play(PACK, BotRounds(bots.BOTS[strategy]), seed, seats=seats)
    cold = play(PACK, BotRounds(_Cold(strategy)), seed, seats=seats)  # type: ignore[arg-type]
    assert [r["action"] for r in warm.records] == [r["action"] for r in cold.records]
    assert warm.state.state_hash() == cold.state.state_hash()


def test_dilemma_option_values_kept_per_pack_equal_the_values_computed_cold() -> None:
    from game.bots_roles import _option_pull, option_pull
    from game.engine import legal_actions
    from game.engine.actions import ChooseOption

    seen = 0
    for state in _states("roles", 4) + _states("cautious", 7):
        for seat in [s.role for s in state.seats]:
            for a in legal_actions(state, seat):
                if not isinstance(a, ChooseOption):
                    continue
                seen += 1
                dilemma = state.dilemmas[a.dilemma].dilemma
                for cautious in (False, True):
                    cold = bots._pack_option_value(state.catalog, dilemma, a.option, cautious)
                    assert bots._option_value(state, a, cautious=cautious) == cold
                cold_pull = _option_pull(state.catalog, seat, dilemma, a.option)
                assert option_pull(state, seat, a) == cold_pull
    assert seen > 10
