"""`legal_actions` offers exactly the candidates `apply`'s own predicates accept, in order.

`legal_actions` keeps what it worked out from one state for the next ones (the
table's options per card-side inputs, each seat's actions per the inputs they read):
after every action of whole bot games, played in order with those caches warm, every
seat's actions equal the ones found by checking every candidate alone.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from game.bots import BOTS
from game.driver import BotRounds, play
from game.engine import GameState, legal_actions
from game.engine.actions import Action, ChooseOption, Propose, Ready, Vote, VoteChoice
from game.engine.rules import choose_refusal, propose_refusal, seat_refusal, vote_refusal
from game.engine.terms import vector_types
from game.playtest import table_seats
from game.scenario import load_pack

PACKS = Path(__file__).parent.parent / "scenarios"


def _reference(state: GameState, seat: str) -> list[Action]:
    """Every candidate action of `seat`, each checked alone by the rules `apply` uses."""
    if seat_refusal(state, seat) is not None:
        return []
    cat = state.catalog
    out: list[Action] = []
    for card in (*cat.use_cases.values(), *cat.levers.values()):
        if cat.card(card.id) is not card:
            continue
        for vector in vector_types(card):
            if propose_refusal(state, seat, card.id, vector) is None:
                out.append(Propose(seat=seat, card=card.id, vector=vector))
    for p in state.proposals:
        for choice in VoteChoice:
            if vote_refusal(state, seat, p.index, choice) is None:
                out.append(Vote(seat=seat, proposal=p.index, choice=choice))
    for d in state.dilemmas:
        for option in cat.dilemmas[d.dilemma].options:
            if choose_refusal(state, seat, d.index, option.id) is None:
                out.append(ChooseOption(seat=seat, dilemma=d.index, option=option.id))
    out.append(Ready(seat=seat))
    return out


def _states(pack: str, strategy: str, seed: int) -> list[GameState]:
    loaded = load_pack(PACKS / pack)
    states: list[GameState] = []
    seats = table_seats(loaded, seed)
    log = play(
        loaded,
        BotRounds(BOTS[strategy]),
        seed,
        seats=seats,
        watch=lambda _a, state, _e: states.append(state),
    )
    return [log.state, *states]


@pytest.mark.parametrize(
    ("pack", "strategy", "seed"),
    [
        ("ville-moyenne", "random", 3),
        ("ville-moyenne", "roles", 4),
        ("intercommunalite", "cautious", 2),
        ("decouverte", "greedy", 5),
    ],
)
def test_every_seat_is_offered_what_the_rules_accept_after_every_action(pack, strategy, seed):
    states = _states(pack, strategy, seed)
    roles = [s.role for s in states[0].seats]
    order = random.Random(seed)
    for state in states[1:]:
        seats = [*roles, "inconnu"]
        order.shuffle(seats)  # seats asked in any order share what was kept
        for seat in seats:
            got = [a.model_dump() for a in legal_actions(state, seat)]
            assert got == [a.model_dump() for a in _reference(state, seat)], (state.seq, seat)
