"""Rules of version 3: dilemmas decided once every seat voted, ties without lot, votes that
change until the seat is ready, projects flagged when they could not finish in time."""

from __future__ import annotations

import pytest

from game.engine import IllegalAction, Phase, RefusalCode, apply, legal_actions, player_view
from game.engine.actions import ChooseOption, Propose, Ready, Vote, VoteChoice
from game.engine.events import DilemmaDecided
from game.scenario.models import VectorType
from tests.engine_helpers import ROLES, all_ready, play, quiet_pack, started

IMPORTEE = VectorType.IMPORTEE


def _at_dilemmas(seats: tuple[str, ...] = ROLES):
    """Turn 1, dilemmes phase, « Dire aux usagers qu'ils parlent à une IA ? » open."""
    state = started(seats=seats)
    state = play(state, Propose(seat=seats[-1], card="chatbot-usagers", vector=IMPORTEE))
    state = all_ready(state)
    for seat in seats[:-1]:
        state = play(state, Vote(seat=seat, proposal=0, choice=VoteChoice.POUR))
    state = all_ready(state)
    assert state.phase is Phase.DILEMMES and state.dilemmas[0].chosen is None
    return state


def _choose(state, seat, option):
    state, events = apply(state, ChooseOption(seat=seat, dilemma=0, option=option))
    return state, [e for e in events if isinstance(e, DilemmaDecided)]


def test_a_dilemma_is_decided_on_the_vote_that_completes_it_and_the_phase_stays():
    state = _at_dilemmas()
    for seat in ROLES[:-1]:
        state, decided = _choose(state, seat, "annoncer")
        assert decided == [] and state.dilemmas[0].chosen is None
    rng_before = state.rng
    state, decided = _choose(state, "drh", "discret")
    # 3 « annoncer » against 1: decided now, no draw, the table still reads it
    assert [(d.option, d.votes, d.tie_break) for d in decided] == [
        ("annoncer", {"annoncer": 3, "discret": 1}, "")
    ]
    assert state.dilemmas[0].chosen == "annoncer" and state.rng == rng_before
    assert state.phase is Phase.DILEMMES
    assert player_view(state, "dpo").dilemmas[0].expert_view  # readable at once
    assert legal_actions(state, "dpo") == (Ready(seat="dpo"),)


def test_a_tie_goes_to_the_arbiter_when_it_voted_for_one_of_the_tied_options():
    state = _at_dilemmas()
    for seat, option in (("dpo", "annoncer"), ("dgs", "discret"), ("elu", "annoncer")):
        state, _ = _choose(state, seat, option)
    state, decided = _choose(state, "drh", "discret")
    assert (decided[0].option, decided[0].tie_break) == ("discret", "arbitre")


def test_a_tie_without_the_arbiter_goes_to_the_earliest_vote_never_to_lot():
    state = _at_dilemmas(seats=("dpo", "elu"))  # the DGS (arbiter) is not at the table
    rng_before = state.rng
    state, _ = _choose(state, "elu", "discret")
    state, decided = _choose(state, "dpo", "annoncer")
    assert (decided[0].option, decided[0].tie_break) == ("discret", "premier vote")
    assert state.rng == rng_before


def test_a_changed_vote_counts_from_when_it_was_changed():
    state = _at_dilemmas(seats=("dpo", "elu", "drh"))
    state, _ = _choose(state, "dpo", "annoncer")
    state, _ = _choose(state, "elu", "discret")
    state, _ = _choose(state, "dpo", "discret")  # changed: now after the élu·e's
    state, _ = _choose(state, "dpo", "annoncer")  # and back: the earliest is the élu·e's
    assert state.dilemmas[0].chosen is None
    state = all_ready(state)  # the DRH never voted: decided at the phase's close
    decided = [e for e in state.feed if isinstance(e, DilemmaDecided)]
    assert (decided[-1].option, decided[-1].tie_break) == ("discret", "premier vote")


def test_at_the_phase_close_the_majority_of_votes_cast_decides():
    state = _at_dilemmas()
    state, _ = _choose(state, "elu", "discret")
    rng_before = state.rng
    state = all_ready(state)  # three seats never voted
    decided = [e for e in state.feed if isinstance(e, DilemmaDecided)]
    assert (decided[-1].option, decided[-1].tie_break) == ("discret", "")
    assert state.rng.counter > rng_before.counter  # the résolution's draws only
    assert state.phase is Phase.RESOLUTION


def test_only_a_dilemma_nobody_voted_on_is_drawn_by_lot():
    state = _at_dilemmas()
    state = all_ready(state)
    decided = [e for e in state.feed if isinstance(e, DilemmaDecided)]
    assert decided[-1].tie_break == "tirage au sort"
    assert decided[-1].votes == {"annoncer": 0, "discret": 0}


def test_a_dilemma_vote_can_change_until_ready_then_is_frozen():
    state = _at_dilemmas()
    state, _ = _choose(state, "dpo", "annoncer")
    offered = [a for a in legal_actions(state, "dpo") if isinstance(a, ChooseOption)]
    assert [a.option for a in offered] == ["discret"]  # the other choice only
    with pytest.raises(IllegalAction) as same:
        _choose(state, "dpo", "annoncer")
    assert same.value.code is RefusalCode.ALREADY_VOTED
    state, _ = _choose(state, "dpo", "discret")
    assert state.dilemmas[0].votes["dpo"].option == "discret"
    state = play(state, Ready(seat="dpo"))
    with pytest.raises(IllegalAction) as frozen:
        _choose(state, "dpo", "annoncer")
    assert frozen.value.code is RefusalCode.ALREADY_READY
    assert "votre vote est figé" in frozen.value.message


def test_a_decided_dilemma_takes_no_more_votes():
    state = _at_dilemmas()
    for seat in ROLES:
        state, _ = _choose(state, seat, "annoncer")
    with pytest.raises(IllegalAction) as caught:
        _choose(state, "dpo", "discret")
    assert "déjà tranché" in caught.value.message


def test_a_proposal_vote_can_change_until_the_seat_is_ready():
    state = started()
    state = play(state, Propose(seat="elu", card="chatbot-usagers", vector=IMPORTEE))
    state = all_ready(state)
    assert state.phase is Phase.VOTE
    state = play(state, Vote(seat="dpo", proposal=0, choice=VoteChoice.CONTRE))
    offered = {a.choice for a in legal_actions(state, "dpo") if isinstance(a, Vote)}
    assert offered == {VoteChoice.POUR, VoteChoice.ABSTENTION}
    state = play(state, Vote(seat="dpo", proposal=0, choice=VoteChoice.POUR))
    assert state.proposals[0].votes["dpo"].choice is VoteChoice.POUR
    # the proposer may go back on its own « pour » too
    state = play(state, Vote(seat="elu", proposal=0, choice=VoteChoice.ABSTENTION))
    state = play(state, Ready(seat="dpo"))
    with pytest.raises(IllegalAction) as frozen:
        apply(state, Vote(seat="dpo", proposal=0, choice=VoteChoice.CONTRE))
    assert frozen.value.code is RefusalCode.ALREADY_READY
    assert "figé" in frozen.value.message


def _at_turn(turn: int):
    state = started(quiet_pack())
    while state.turn < turn or state.phase is not Phase.PROPOSITIONS:
        state = all_ready(state)
    return state


def test_a_project_that_could_not_finish_before_the_end_is_flagged_before_the_vote():
    # the mini pack lasts 3 turns: at turn 3 a 1-turn project still deploys (in that
    # turn's résolution), a 2-turn one would not
    state = _at_turn(3)
    market = {c.card: c for c in player_view(state, "elu").market}
    vectors = {v.type: v.too_late for v in market["chatbot-usagers"].vectors}
    assert vectors == {VectorType.IMPORTEE: False, VectorType.ETAGERE: True}
    assert not market["chatbot-usagers"].too_late  # one vector still finishes
    assert market["gouvernance-donnees"].too_late and not market["cartographie"].too_late
    state = play(state, Propose(seat="dpo", card="gouvernance-donnees"))
    state = play(state, Propose(seat="elu", card="cartographie"))
    assert [p.too_late for p in player_view(state, "drh").proposals] == [True, False]


def test_at_turn_two_a_two_turn_project_is_not_flagged():
    state = _at_turn(2)
    state = play(state, Propose(seat="dpo", card="gouvernance-donnees"))
    assert not player_view(state, "drh").proposals[0].too_late
    # and it does deploy in the last résolution
    state = all_ready(state)
    state = play(state, *(Vote(seat=s, proposal=0, choice=VoteChoice.POUR) for s in ROLES[:1]))
    state = all_ready(state)
    while state.phase is not Phase.FIN:
        state = all_ready(state)
    assert state.project("gouvernance-donnees").status == "deployed"
