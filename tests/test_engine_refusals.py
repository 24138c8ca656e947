"""Every refusal of the rules carries a RefusalCode (its wire value unchanged)."""

from __future__ import annotations

import pytest
from engine_helpers import ROLES, mini_pack, started

from game.engine import IllegalAction, RefusalCode, apply, new_game
from game.engine.actions import (
    InjectEvent,
    PhaseTimeout,
    Propose,
    Ready,
    StartGame,
    Vote,
    VoteChoice,
)
from game.engine.rules import propose_refusal
from game.scenario.models import VectorType

REFUSED = [
    (Propose(seat="dpo", card="inconnue"), RefusalCode.UNKNOWN_CARD),
    (Propose(seat="dpo", card="aipd", vector=VectorType.INTERNE), RefusalCode.UNKNOWN_VECTOR),
    (Propose(seat="dpo", card="chatbot-usagers"), RefusalCode.UNKNOWN_VECTOR),
    (Propose(seat="dpo", card="analyse-cv", vector=VectorType.INTERNE), RefusalCode.LOCKED),
    (Propose(seat="personne", card="aipd"), RefusalCode.UNKNOWN_SEAT),
    (Vote(seat="dpo", proposal=0, choice=VoteChoice.POUR), RefusalCode.WRONG_PHASE),
    (StartGame(), RefusalCode.ALREADY_STARTED),
    (InjectEvent(event="inconnu"), RefusalCode.UNKNOWN_EVENT),
    (PhaseTimeout(at=0), RefusalCode.TOO_EARLY),
]


@pytest.mark.parametrize(("action", "code"), REFUSED, ids=lambda x: getattr(x, "type", x))
def test_an_illegal_action_is_refused_with_its_refusal_code(action, code):
    with pytest.raises(IllegalAction) as err:
        apply(started(), action)
    assert err.value.code is code
    assert err.value.message  # the French side


def test_the_predicates_return_refusal_codes_too():
    state = started()
    state, _ = apply(state, Ready(seat="dpo"))
    refusal = propose_refusal(state, "dpo", "aipd", None)
    assert refusal is not None and refusal[0] is RefusalCode.ALREADY_READY


def test_an_unknown_seat_at_the_table_is_refused_with_its_code():
    with pytest.raises(IllegalAction) as err:
        new_game(mini_pack(), seed=1, seats=(*ROLES, "personne"))
    assert err.value.code is RefusalCode.UNKNOWN_SEAT


def test_the_codes_keep_their_wire_values():
    assert RefusalCode.BUDGET == "budget" and f"{RefusalCode.WRONG_PHASE}" == "wrong_phase"
    assert len({c.value for c in RefusalCode}) == len(RefusalCode)
