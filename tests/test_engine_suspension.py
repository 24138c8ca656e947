"""Why a deployed use case is suspended is a field of its project, not its French wording."""

from __future__ import annotations

from engine_helpers import ROLES, all_ready, play, quiet_pack, replace_card, started

from game.engine import Phase
from game.engine.actions import ChooseOption, Propose, Vote, VoteChoice
from game.engine.state import ProjectStatus, SuspensionCause
from game.scenario.models import VectorType


def _fund(state, card, vector=None):
    """From propositions: `card` proposed and voted by all; on to the next phase."""
    state = play(state, Propose(seat="elu", card=card, vector=vector))
    state = all_ready(state)
    for seat in ROLES:
        if seat not in state.proposals[0].votes:
            state = play(state, Vote(seat=seat, proposal=0, choice=VoteChoice.POUR))
    return all_ready(state)


def _to(state, phase):
    while state.phase is not phase:
        state = all_ready(state)
    return state


def _waiting_for_training():
    """tri-courriels deployed, then suspended by a dilemma until « formation-agents » is done."""
    pack = replace_card(quiet_pack(), "use_cases", "tri-courriels", dilemma="greve-numerique")
    state = _fund(started(pack), "tri-courriels", VectorType.ETAGERE)
    for seat in ROLES:
        state = play(state, ChooseOption(seat=seat, dilemma=0, option="dialogue"))
    return all_ready(state)


def test_a_use_case_waiting_for_a_lever_is_suspended_by_an_obligation_and_resumes():
    state = _waiting_for_training()
    project = state.project("tri-courriels")
    assert project.status is ProjectStatus.SUSPENDED
    assert project.suspended_by is SuspensionCause.OBLIGATION
    state = _fund(_to(state, Phase.PROPOSITIONS), "formation-agents")
    assert state.project("formation-agents").status is ProjectStatus.DEPLOYED
    project = state.project("tri-courriels")
    assert project.status is ProjectStatus.DEPLOYED
    assert (project.suspended_by, project.suspended_reason) == (None, "")


def test_the_cause_decides_the_resumption_not_the_wording():
    state = _to(_waiting_for_training(), Phase.PROPOSITIONS)
    project = state.project("tri-courriels")
    reworded = project.model_copy(update={"suspended_reason": "attend la formation"})
    projects = tuple(reworded if p.card == project.card else p for p in state.projects)
    state = _fund(state.model_copy(update={"projects": projects}), "formation-agents")
    assert state.project("tri-courriels").status is ProjectStatus.DEPLOYED


def test_a_use_case_suspended_by_a_risk_stays_suspended_when_its_levers_are_done():
    state = _to(_waiting_for_training(), Phase.PROPOSITIONS)
    project = state.project("tri-courriels")
    by_risk = project.model_copy(update={"suspended_by": SuspensionCause.RISK})
    projects = tuple(by_risk if p.card == project.card else p for p in state.projects)
    state = _fund(state.model_copy(update={"projects": projects}), "formation-agents")
    assert state.project("tri-courriels").status is ProjectStatus.SUSPENDED


def test_a_risk_that_suspends_a_use_case_says_so():
    pack = replace_card(quiet_pack(), "risks", "fuite-donnees", base_probability=1.0)
    state = _to(_fund(started(pack), "tri-courriels", VectorType.ETAGERE), Phase.RESOLUTION)
    project = state.project("tri-courriels")
    assert project.status is ProjectStatus.SUSPENDED
    assert project.suspended_by is SuspensionCause.RISK
