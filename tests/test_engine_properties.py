"""Properties over many seeds: random play always ends, views never leak secrets."""

from __future__ import annotations

import random

import pytest
from engine_helpers import mini_pack, random_game
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import IllegalAction, Phase, apply, legal_actions, new_game, player_view
from game.engine.actions import ChooseOption, Propose, Ready, Vote, VoteChoice

PACK = mini_pack()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=2**31))
def test_random_legal_play_always_reaches_the_end(seed):
    state, played = random_game(PACK, seed)
    assert state.phase is Phase.FIN  # phases and proposals are bounded
    assert len(played) < 2000


def _leaks(view_json: str, state, seat: str) -> list[str]:
    leaks = []
    for role in PACK.scenario.roles:
        if role.id != seat and role.secret.text in view_json:
            leaks.append(role.id)
    if not state.shadow_revealed:
        for shadow in PACK.scenario.collectivite.shadow_ai:
            if shadow.title in view_json or shadow.id in view_json:
                leaks.append(shadow.id)
    return leaks


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=2**31))
def test_no_view_shows_another_seat_secret_nor_the_hidden_shadow_ai(seed):
    rng = random.Random(seed)
    seats = [r.id for r in PACK.scenario.roles]
    state = new_game(PACK, seed=seed, seats=seats)
    while state.phase is not Phase.FIN:
        for seat in seats:
            assert _leaks(player_view(state, seat).model_dump_json(), state, seat) == []
        seat = rng.choice(seats)
        actions = legal_actions(state, seat)
        if actions:
            state, _ = apply(state, rng.choice(actions))
    # at the end every objective is revealed to everyone
    assert PACK.scenario.roles[1].secret.text in player_view(state, "dgs").model_dump_json()


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=10_000),
    kind=st.sampled_from(["propose", "vote", "choose", "ready"]),
    seat=st.sampled_from(["dgs", "dpo", "elu", "drh", "inconnu"]),
    card=st.sampled_from(["aipd", "chatbot-usagers", "analyse-cv", "nope", ""]),
    index=st.integers(min_value=0, max_value=5),
)
def test_a_refused_action_changes_nothing(seed, kind, seat, card, index):
    state, _ = random_game(PACK, seed, max_steps=seed % 60)
    before = state.state_hash()
    action = {
        "propose": Propose(seat=seat, card=card or "x"),
        "vote": Vote(seat=seat, proposal=index, choice=VoteChoice.POUR),
        "choose": ChooseOption(seat=seat, dilemma=index, option=card or "x"),
        "ready": Ready(seat=seat),
    }[kind]
    legal = action in legal_actions(state, seat) if seat != "inconnu" else False
    try:
        apply(state, action)
    except IllegalAction as err:
        assert err.code and err.message  # a machine code and a French message
        assert not legal
    assert state.state_hash() == before  # apply never mutates its input


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_legal_action_offered_is_accepted(seed):
    state, _ = random_game(PACK, seed, max_steps=40)
    for seat in ("dgs", "dpo", "elu", "drh"):
        for action in legal_actions(state, seat):
            apply(state, action)  # never raises
