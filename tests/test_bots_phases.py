"""In the vote and propositions phases the bots decide without listing every legal
action: same decisions.

Those phases are most of a bot game's decisions, so the bots read which proposals a
seat has not voted on, and the table's options, instead of filtering `legal_actions`.
At every state of those phases of whole games (and some of them paused), for every
seat, the decision and what was drawn from the random generator equal the ones made
from `legal_actions`, as the bots made them before.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from game import bots
from game.driver import BotRounds, play
from game.engine import Action, GameState, Phase, apply, legal_actions
from game.engine.actions import Pause, Propose, Ready, Vote, VoteChoice
from game.playtest import table_seats
from game.scenario import load_pack

PACKS = Path(__file__).parent.parent / "scenarios"


def _reference_random(state: GameState, seat: str, rng: random.Random) -> Action | None:
    actions = [a for a in legal_actions(state, seat) if bots._first_ballot(state, seat, a)]
    return rng.choice(actions) if actions else None


def _reference_decide(
    state: GameState, seat: str, rng: random.Random, value: bots.Value
) -> Action | None:
    actions = legal_actions(state, seat)
    if not actions:
        return None
    proposals = [a for a in actions if isinstance(a, Propose)]
    if proposals:
        scored = [
            (v + rng.random() * bots.JITTER, v, a)
            for a in proposals
            for v in (value(a.card, a.vector),)
        ]
        _, best_value, best = max(scored, key=lambda t: t[0])
        if best_value > 0:
            return best
    votes = [
        a for a in actions if isinstance(a, Vote) and seat not in state.proposals[a.proposal].votes
    ]
    if votes:
        first = votes[0]
        p = state.proposals[first.proposal]
        wanted = VoteChoice.POUR if value(p.card, p.vector) > 0 else VoteChoice.CONTRE
        return next(a for a in votes if a.proposal == first.proposal and a.choice is wanted)
    return next(a for a in actions if isinstance(a, Ready))


def _phase_states(pack: str, strategy: str, seed: int) -> list[GameState]:
    loaded = load_pack(PACKS / pack)
    states: list[GameState] = []
    play(
        loaded,
        BotRounds(bots.BOTS[strategy]),
        seed,
        seats=table_seats(loaded, seed),
        record=False,
        watch=lambda _a, state, _e: states.append(state),
    )
    kept = [s for s in states if s.phase in (Phase.VOTE, Phase.PROPOSITIONS)]
    return kept + [apply(s, Pause())[0] for s in kept[::9]]


def _dump(action: Action | None) -> object:
    return None if action is None else (action.model_dump(), action.__pydantic_fields_set__)


@pytest.mark.parametrize(
    ("pack", "strategy", "seed"),
    [("ville-moyenne", "random", 2), ("ville-moyenne", "roles", 5), ("decouverte", "greedy", 3)],
)
def test_vote_and_proposition_decisions_are_those_made_from_the_legal_actions(pack, strategy, seed):
    states = _phase_states(pack, strategy, seed)
    assert len(states) > 20
    values: list[Callable[[GameState], bots.Value]] = [
        lambda s: lambda card, vector: bots.card_value(s, card, vector),
        lambda s: lambda card, _vector: 1.0 if len(card) % 2 else -1.0,
    ]
    for n, state in enumerate(states):
        for seat in [*(s.role for s in state.seats), "inconnu"]:
            mine, theirs = random.Random(n), random.Random(n)
            got = bots.random_bot(state, seat, mine)
            assert _dump(got) == _dump(_reference_random(state, seat, theirs)), (n, seat)
            assert mine.getstate() == theirs.getstate()
            for make in values:
                value = make(state)
                mine, theirs = random.Random(n), random.Random(n)
                got = bots._decide(state, seat, mine, value, cautious=True)
                want = _reference_decide(state, seat, theirs, value)
                assert _dump(got) == _dump(want), (n, seat)
                assert mine.getstate() == theirs.getstate()
