"""The rules of a turn, one test per rule, on the mini pack."""

from __future__ import annotations

import pytest
from engine_helpers import ROLES, all_ready, mini_pack, play, quiet_pack, replace_card, started

from game.engine import IllegalAction, Phase, apply, legal_actions, new_game, player_view
from game.engine.actions import (
    AdvancePhase,
    ChooseOption,
    EndGame,
    ExtendTimer,
    InjectEvent,
    Pause,
    PhaseTimeout,
    Propose,
    Ready,
    Resume,
    StartGame,
    Vote,
    VoteChoice,
)
from game.engine.resolution import risk_probability
from game.engine.state import ProjectStatus, ProposalStatus
from game.scenario.models import Mitigation, VectorType, VoteRule

IMPORTEE, ETAGERE = VectorType.IMPORTEE, VectorType.ETAGERE


def vote_all(state, proposal, choice, seats=ROLES):
    for seat in seats:
        if seat not in state.proposals[proposal].votes:
            state = play(state, Vote(seat=seat, proposal=proposal, choice=choice))
    return state


def to_resolution(state):
    """From propositions, everybody ready until the résolution of the turn is shown."""
    while state.phase is not Phase.RESOLUTION and state.phase is not Phase.FIN:
        state = all_ready(state)
    return state


def test_the_game_starts_when_every_occupied_seat_is_ready():
    state = new_game(quiet_pack(), seed=1, seats=("dgs", "dpo"))
    state = play(state, Ready(seat="dgs"))
    assert state.phase is Phase.LOBBY  # the DPO has not said « prêt » yet
    state = play(state, Ready(seat="dpo"))
    assert (state.turn, state.phase) == (1, Phase.EVENEMENT)


def test_the_facilitator_can_start_the_game():
    state = play(new_game(quiet_pack(), seed=1, seats=ROLES), StartGame(at=10))
    assert (state.turn, state.phase) == (1, Phase.EVENEMENT)


def test_a_turn_runs_evenement_propositions_vote_dilemmes_resolution():
    state = started()
    seen = [Phase.EVENEMENT, state.phase]
    state = play(state, Propose(seat="elu", card="chatbot-usagers", vector=IMPORTEE))
    state = all_ready(state)
    seen.append(state.phase)
    state = vote_all(state, 0, VoteChoice.POUR)
    state = all_ready(state)  # the chatbot is funded: its dilemma opens
    seen.append(state.phase)
    state = all_ready(state)
    seen.append(state.phase)
    assert seen == [
        Phase.EVENEMENT,
        Phase.PROPOSITIONS,
        Phase.VOTE,
        Phase.DILEMMES,
        Phase.RESOLUTION,
    ]
    state = all_ready(state)
    assert (state.turn, state.phase) == (2, Phase.EVENEMENT)


def test_phases_with_nothing_to_do_are_skipped():
    state = all_ready(started())  # nobody proposed anything, no dilemma is open
    assert state.phase is Phase.RESOLUTION


def test_budget_is_granted_each_turn_and_unspent_budget_carries_over():
    state = started()
    assert state.budget == 20 + 80
    state = all_ready(to_resolution(state))
    assert state.budget == 20 + 80 + 80


def test_capacity_is_reset_each_turn_minus_the_projects_still_in_progress():
    state = started()
    state = play(state, Propose(seat="dgs", card="gouvernance-donnees"))  # 2 points, 2 turns
    state = all_ready(state)
    state = vote_all(state, 0, VoteChoice.POUR)
    state = all_ready(state)
    assert state.capacity_left == 4 - 2
    state = all_ready(to_resolution(state))
    assert state.capacity_left == 4 - 2  # the project still needs its team next semester


def test_accepted_proposals_are_funded_in_order_and_the_rest_rejected_with_the_reason():
    state = started()  # 100 k€
    state = play(
        state,
        Propose(seat="dgs", card="gouvernance-donnees"),  # 30 k€
        Propose(seat="dpo", card="formation-agents"),  # 20 k€
        Propose(seat="elu", card="tri-courriels", vector=ETAGERE),  # 30 k€
        Propose(seat="drh", card="aipd"),  # 15 k€, but only 4 - 2 - 1 - 1 = 0 points left
    )
    state = all_ready(state)
    for i in range(4):
        state = vote_all(state, i, VoteChoice.POUR)
    state = all_ready(state)
    statuses = [p.status for p in state.proposals]
    assert statuses == [ProposalStatus.FUNDED] * 3 + [ProposalStatus.REJECTED]
    assert "capacité insuffisante" in state.proposals[3].reason
    assert state.budget == 100 - 30 - 20 - 30


def test_a_majority_against_rejects_a_proposal():
    state = started()
    state = play(state, Propose(seat="dpo", card="formation-agents"))
    state = all_ready(state)
    state = vote_all(state, 0, VoteChoice.CONTRE)
    state = all_ready(state)
    assert state.proposals[0].status is ProposalStatus.REJECTED
    assert "1 pour, 3 contre" in state.proposals[0].reason


def test_the_arbitre_breaks_a_tie():
    state = started()
    state = play(state, Propose(seat="dgs", card="formation-agents"))  # the DGS votes pour
    state = all_ready(state)
    state = play(
        state,
        Vote(seat="dpo", proposal=0, choice=VoteChoice.CONTRE),
        Vote(seat="elu", proposal=0, choice=VoteChoice.POUR),
        Vote(seat="drh", proposal=0, choice=VoteChoice.CONTRE),
    )
    state = all_ready(state)
    assert state.proposals[0].status is ProposalStatus.FUNDED  # 2-2, the DGS arbitre was pour


def test_a_tie_without_the_arbitre_is_rejected():
    state = started()
    state = play(state, Propose(seat="dpo", card="formation-agents"))
    state = all_ready(state)
    state = play(
        state,
        Vote(seat="elu", proposal=0, choice=VoteChoice.CONTRE),
        Vote(seat="dgs", proposal=0, choice=VoteChoice.ABSTENTION),
    )
    state = all_ready(state)
    assert state.proposals[0].status is ProposalStatus.REJECTED
    assert "égalité" in state.proposals[0].reason


def test_under_the_consensus_rule_one_vote_against_rejects():
    state = started(quiet_pack(vote_rule=VoteRule.CONSENSUS))
    state = play(state, Propose(seat="dpo", card="formation-agents"))
    state = all_ready(state)
    state = vote_all(state, 0, VoteChoice.POUR, seats=("dgs", "elu"))
    state = play(state, Vote(seat="drh", proposal=0, choice=VoteChoice.CONTRE))
    state = all_ready(state)
    assert state.proposals[0].status is ProposalStatus.REJECTED


def test_a_project_deploys_after_its_duration_and_then_gives_its_per_turn_effects():
    state = started()
    state = play(state, Propose(seat="dgs", card="gouvernance-donnees"))  # 2 turns, donnees +15
    state = all_ready(state)
    state = vote_all(state, 0, VoteChoice.POUR)
    state = to_resolution(all_ready(state))
    assert state.project("gouvernance-donnees").status is ProjectStatus.IN_PROGRESS
    assert state.gauges["donnees"] == 25
    state = to_resolution(all_ready(all_ready(state)))  # turn 2
    assert state.project("gouvernance-donnees").status is ProjectStatus.DEPLOYED
    assert state.gauges["donnees"] == 25 + 15
    state = to_resolution(all_ready(all_ready(state)))  # turn 3: +1 per turn
    assert state.gauges["donnees"] == 25 + 15 + 1


def test_risk_probability_is_base_plus_exposure_minus_mitigation_clamped():
    state = started()
    # base 0.03 + shadow AI 0.10
    assert risk_probability(state, "fuite-donnees")[0] == pytest.approx(0.13)
    pack = replace_card(quiet_pack(), "risks", "fuite-donnees", base_probability=0.9)
    assert risk_probability(started(pack), "fuite-donnees")[0] == 0.95  # clamped


def test_a_mitigating_lever_lowers_the_risk_once_done():
    state = started()
    state = play(state, Propose(seat="dpo", card="cartographie"))
    state = all_ready(state)
    state = vote_all(state, 0, VoteChoice.POUR)
    state = all_ready(to_resolution(all_ready(state)))
    state = play(state, *[])  # turn 2: propose the usage framework
    state = all_ready(state)
    state = play(state, Propose(seat="dpo", card="cadre-usage"))
    state = all_ready(state)
    state = vote_all(state, 0, VoteChoice.POUR)
    state = to_resolution(all_ready(state))
    p, sources, mitigations = risk_probability(state, "fuite-donnees")
    assert p == pytest.approx(0.03)  # 0.03 + 0.10 - 0.10
    assert sources == ["assistant-generatif"] and mitigations == ["cadre-usage"]


def test_a_certain_risk_fires_applies_its_consequences_and_suspends_the_use_case():
    pack = replace_card(quiet_pack(), "risks", "fuite-donnees", base_probability=1.0)
    state = started(pack)
    state = play(state, Propose(seat="elu", card="tri-courriels", vector=ETAGERE))
    state = all_ready(state)
    state = vote_all(state, 0, VoteChoice.POUR)
    state = to_resolution(all_ready(state))
    fired = [f for f in state.risks_fired if f.risk == "fuite-donnees"]
    assert fired and fired[0].suspended == "tri-courriels"
    assert state.project("tri-courriels").status is ProjectStatus.SUSPENDED
    assert state.gauges["confiance"] == 50 - 8


def test_the_same_seed_gives_the_same_game():
    a, b = to_resolution(started(mini_pack(), seed=7)), to_resolution(started(mini_pack(), seed=7))
    assert a.state_hash() == b.state_hash()


def test_funding_a_use_case_with_a_dilemma_opens_it_and_the_expert_view_comes_after_the_vote():
    state = started()
    state = play(state, Propose(seat="elu", card="chatbot-usagers", vector=IMPORTEE))
    state = all_ready(state)
    state = vote_all(state, 0, VoteChoice.POUR)
    state = all_ready(state)
    assert state.phase is Phase.DILEMMES
    assert player_view(state, "dpo").dilemmas[0].expert_view is None
    for seat in ROLES:
        state = play(state, ChooseOption(seat=seat, dilemma=0, option="annoncer"))
    state = all_ready(state)
    view = player_view(state, "dpo")
    expert = state.catalog.dilemmas[view.dilemmas[0].dilemma].expert_view
    assert view.dilemmas[0].chosen == "annoncer" and view.dilemmas[0].expert_view == expert
    assert state.gauges["confiance"] == 50 + 4 - 2  # the option, then the deployment


def test_an_event_can_force_a_dilemma():
    state = started(mini_pack())
    state = play(state, InjectEvent(event="tension-sociale"))
    assert [d.dilemma for d in state.dilemmas] == ["greve-numerique"]


def test_the_shadow_ai_inventory_is_hidden_until_the_mapping_lever_is_done():
    state = started()
    assert player_view(state, "dpo").shadow_ai is None
    state = play(state, Propose(seat="dpo", card="cartographie"))
    state = all_ready(state)
    state = vote_all(state, 0, VoteChoice.POUR)
    state = to_resolution(all_ready(state))
    assert [s.id for s in player_view(state, "elu").shadow_ai] == ["assistant-generatif"]


def test_a_locked_card_is_unlocked_by_its_lever():
    state = started()
    market = {c.card: c for c in player_view(state, "drh").market}
    assert market["analyse-cv"].status == "locked"
    assert "Analyse d'impact (AIPD)" in market["analyse-cv"].reason
    state = play(state, Propose(seat="dpo", card="aipd"))
    state = all_ready(state)
    state = vote_all(state, 0, VoteChoice.POUR)
    state = to_resolution(all_ready(state))
    assert "analyse-cv" in state.unlocked


def test_a_dilemma_option_requiring_a_lever_suspends_the_use_case_until_it_is_done():
    pack = replace_card(quiet_pack(), "use_cases", "tri-courriels", dilemma="greve-numerique")
    state = started(pack)
    state = play(state, Propose(seat="elu", card="tri-courriels", vector=ETAGERE))
    state = all_ready(state)
    state = vote_all(state, 0, VoteChoice.POUR)
    state = all_ready(state)
    for seat in ROLES:
        state = play(state, ChooseOption(seat=seat, dilemma=0, option="dialogue"))
    state = all_ready(state)
    assert state.project("tri-courriels").status is ProjectStatus.SUSPENDED
    assert "Formation des agents" in state.project("tri-courriels").suspended_reason


def test_empty_seats_neither_vote_nor_hold_back_the_phase():
    state = started(seats=("dgs", "dpo"))
    assert legal_actions(state, "elu") == ()  # nobody sits at the élu·e's seat
    state = play(state, Ready(seat="dgs"), Ready(seat="dpo"))
    assert state.phase is Phase.RESOLUTION


def test_ready_is_final_for_the_phase():
    state = play(started(), Ready(seat="dpo"))
    with pytest.raises(IllegalAction) as err:
        apply(state, Propose(seat="dpo", card="aipd"))
    assert err.value.code == "already_ready"


def test_an_illegal_action_raises_a_coded_french_error_and_changes_nothing():
    state = started()
    before = state.state_hash()
    with pytest.raises(IllegalAction) as err:
        apply(state, Vote(seat="dpo", proposal=0, choice=VoteChoice.POUR))
    assert err.value.code == "wrong_phase" and "phase de vote" in err.value.message
    assert state.state_hash() == before


def test_a_paused_game_refuses_seat_actions_and_resume_restores_the_remaining_time():
    state = started()
    state = play(state, Pause(at=100))
    with pytest.raises(IllegalAction) as err:
        apply(state, Ready(seat="dpo"))
    assert err.value.code == "paused"
    remaining = state.timer.remaining
    state = play(state, Resume(at=500))
    assert state.timer.deadline == pytest.approx(500 + remaining)


def test_the_phase_timeout_is_refused_before_the_deadline_and_advances_after():
    state = started()
    deadline = state.timer.deadline
    with pytest.raises(IllegalAction):
        apply(state, PhaseTimeout(at=deadline - 1))
    assert play(state, PhaseTimeout(at=deadline)).phase is Phase.RESOLUTION


def test_the_facilitator_can_extend_the_timer_advance_a_phase_and_end_the_game():
    state = started()
    deadline = state.timer.deadline
    state = play(state, ExtendTimer(seconds=60, at=0))
    assert state.timer.deadline == pytest.approx(deadline + 60)
    state = play(state, AdvancePhase(at=1))
    assert state.phase is Phase.RESOLUTION
    state = play(state, EndGame(at=2))
    assert state.phase is Phase.FIN and state.team_score is not None


def test_the_end_reveals_every_secret_objective_and_scores_them():
    state = started()
    assert set(player_view(state, "dpo").secrets) == set()
    state = play(state, EndGame(at=0))
    view = player_view(state, "dpo")
    assert set(view.secrets) == set(ROLES)
    assert state.objectives_met["dgs"] is True  # 100 k€ left ≥ 60 k€
    assert state.scores["dgs"] == pytest.approx(state.team_score + 10)


def test_the_game_ends_after_the_scenario_number_of_turns():
    state = started()
    for _ in range(3):
        state = all_ready(to_resolution(state))
        state = all_ready(state) if state.phase is not Phase.FIN else state
    assert state.phase is Phase.FIN and state.turn == 3


def test_a_deployed_use_case_can_mitigate_a_risk():
    pack = quiet_pack()
    courriels = next(c for c in pack.use_cases if c.id == "tri-courriels")
    guarded = courriels.vectors[0].model_copy(
        update={"mitigations": (Mitigation(risk="fuite-donnees", reduction=0.05),)}
    )
    state = started(replace_card(pack, "use_cases", "tri-courriels", vectors=(guarded,)))
    state = play(state, Propose(seat="elu", card="tri-courriels", vector=ETAGERE))
    state = all_ready(state)
    state = vote_all(state, 0, VoteChoice.POUR)
    state = to_resolution(all_ready(state))
    p, sources, mitigations = risk_probability(state, "fuite-donnees")
    assert p == pytest.approx(0.03 + 0.10 + 0.05 - 0.05)  # base, shadow AI, exposure, mitigation
    assert sources == ["assistant-generatif", "tri-courriels"]
    assert mitigations == ["tri-courriels"]


def test_funding_a_lever_with_a_dilemma_opens_it():
    pack = replace_card(quiet_pack(), "levers", "formation-agents", dilemma="mention-ia")
    state = started(pack)
    state = play(state, Propose(seat="drh", card="formation-agents"))
    state = all_ready(state)
    state = vote_all(state, 0, VoteChoice.POUR)
    state = all_ready(state)
    assert state.phase is Phase.DILEMMES
    assert [(d.dilemma, d.source) for d in state.dilemmas] == [("mention-ia", "formation-agents")]
