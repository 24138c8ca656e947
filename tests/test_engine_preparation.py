"""The rules that make preparation pay: si/sinon branches, running costs, the order of
the method's steps, the collectivité's needs. One test per rule, on the mini pack."""

from __future__ import annotations

from engine_helpers import ROLES, all_ready, mini_pack, play, quiet_pack, replace_card, started

from game.engine import Phase, apply
from game.engine.actions import Propose, Vote, VoteChoice
from game.engine.events import BranchTaken, CardDeployed, RunningCostsPaid, UseCaseSuspended
from game.engine.flow import reveal_event
from game.engine.scoring import gauge_score, needs_met, team_score
from game.engine.state import ProjectStatus, SuspensionCause
from game.scenario.models import Branch, Condition, Consequences, StepOrder, VectorType

ETAGERE = VectorType.ETAGERE


def fund(state, card, vector=None, seat="elu"):
    """Propose `card` now (propositions phase), everybody votes for, on to the résolution."""
    state = play(state, Propose(seat=seat, card=card, vector=vector))
    state = all_ready(state)
    for s in ROLES:
        proposal = len(state.proposals) - 1
        if s not in state.proposals[proposal].votes:
            state = play(state, Vote(seat=s, proposal=proposal, choice=VoteChoice.POUR))
    while state.phase is not Phase.RESOLUTION:
        state = all_ready(state)
    return state


def next_propositions(state):
    """From anywhere, to the next turn's propositions phase; returns (state, events)."""
    events = []
    while state.phase is not Phase.PROPOSITIONS or not events:
        for seat in state.seats:
            if seat.occupied and not seat.ready:
                state, new = apply(state, _ready(seat.role))
                events += new
        if state.phase is Phase.FIN:
            break
    return state, events


def _ready(role):
    from game.engine.actions import Ready

    return Ready(seat=role)


MAPPED = Branch(
    when=(Condition(lever="cartographie"),),
    then={"confiance": 4},
    otherwise={"confiance": -2},
    because="cartographié vos usages",
    for_lack="cartographie",
)


def test_a_risk_hurts_less_when_the_table_had_done_the_lever_its_branch_names():
    # fuite-donnees certain, the mini pack's consequence is confiance -8, budget -10
    def with_branch(pack):
        risk = next(r for r in pack.risks if r.id == "fuite-donnees")
        cons = Consequences(effects=risk.consequences.effects, branches=(MAPPED,))
        return replace_card(pack, "risks", "fuite-donnees", base_probability=1.0, consequences=cons)

    pack = with_branch(quiet_pack())
    unprepared = fund(started(pack), "tri-courriels", ETAGERE)
    assert unprepared.gauges["confiance"] == 50 - 8 - 2  # « faute de cartographie »
    prepared = fund(started(pack), "cartographie")
    # the lever is done in the same résolution, before the risks are drawn
    assert prepared.gauges["confiance"] == 50 + 2 - 8 + 4  # lever +2, risk -8, branch +4
    taken = [e for e in prepared.feed if isinstance(e, BranchTaken)]
    assert taken and taken[-1].held and taken[-1].text == "cartographié vos usages"


def test_an_event_branch_reads_what_the_table_had_done_when_it_struck():
    # « calme-plat » in the mini pack: si gouvernance-donnees et données ≥ 30,
    # alors données +2, sinon budget -5
    state = started(mini_pack())
    events: list = []
    hit = reveal_event(state, "calme-plat", injected=True, events=events)
    assert hit.budget == state.budget - 5
    assert [e.held for e in events if isinstance(e, BranchTaken)] == [False]
    ready = fund(state, "gouvernance-donnees")  # two turns: données 25 + 15
    while ready.project("gouvernance-donnees").status is not ProjectStatus.DEPLOYED:
        ready, _ = next_propositions(ready)
    events = []
    spared = reveal_event(ready, "calme-plat", injected=True, events=events)
    assert spared.budget == ready.budget and spared.gauges["donnees"] == ready.gauges["donnees"] + 2
    assert [e.held for e in events if isinstance(e, BranchTaken)] == [True]


def test_running_costs_come_off_the_budget_at_the_start_of_each_turn():
    pack = quiet_pack()
    pack = replace_card(pack, "levers", "cartographie", running_cost=30)
    state = fund(started(pack), "cartographie")
    budget_after_funding = state.budget
    state, events = next_propositions(state)
    paid = [e for e in events if isinstance(e, RunningCostsPaid)]
    assert paid and paid[0].amount == 30
    granted = pack.scenario.resources.budget_per_turn
    assert state.budget == budget_after_funding + granted - 30


def test_a_card_whose_running_cost_cannot_be_paid_is_suspended_then_resumes():
    grant = quiet_pack().scenario.resources.budget_per_turn
    funded = fund(started(quiet_pack()), "cartographie")
    cost = funded.budget + grant + 1  # one k€ more than turn 2 brings
    pack = replace_card(quiet_pack(), "levers", "cartographie", running_cost=cost)
    state = fund(started(pack), "cartographie")
    state, events = next_propositions(state)  # turn 2: it cannot be paid
    project = state.project("cartographie")
    assert project.status is ProjectStatus.SUSPENDED
    assert project.suspended_by is SuspensionCause.UNPAID
    assert any(isinstance(e, UseCaseSuspended) for e in events)
    assert state.budget == funded.budget + grant  # nothing was taken
    state, events = next_propositions(state)  # turn 3: two grants cover it
    assert state.project("cartographie").status is ProjectStatus.DEPLOYED
    assert state.budget == funded.budget + 2 * grant - cost


def test_a_generative_use_case_deployed_before_steps_1_and_4_has_raised_exposures():
    pack = quiet_pack(
        step_order=(StepOrder(steps=(1, 4), generative_only=False, increase=0.5, lesson="."),)
    )
    early = fund(started(pack), "tri-courriels", ETAGERE)
    project = early.project("tri-courriels")
    assert project.missing_steps == (1, 4) and project.exposure_factor == 2.0
    deployed = [e for e in early.feed if isinstance(e, CardDeployed) and e.card == "tri-courriels"]
    assert deployed[0].missing_steps == (1, 4)


def test_the_same_use_case_after_the_mapping_and_the_framework_keeps_its_exposures():
    pack = quiet_pack(
        step_order=(StepOrder(steps=(1, 4), generative_only=False, increase=0.5, lesson="."),)
    )
    state = fund(started(pack), "cartographie")
    state, _ = next_propositions(state)
    state = fund(state, "cadre-usage")
    state, _ = next_propositions(state)
    state = fund(state, "tri-courriels", ETAGERE)
    project = state.project("tri-courriels")
    assert project.missing_steps == () and project.exposure_factor == 1.0


def test_only_generative_use_cases_are_concerned_when_the_rule_says_so():
    pack = quiet_pack(
        step_order=(StepOrder(steps=(1, 4), generative_only=True, increase=0.5, lesson="."),)
    )
    state = fund(started(pack), "tri-courriels", ETAGERE)  # not marked ia_generative
    assert state.project("tri-courriels").exposure_factor == 1.0


def test_a_use_case_that_answers_a_stated_need_adds_the_need_s_points():
    pack = quiet_pack()
    state = fund(started(pack), "tri-courriels", ETAGERE)
    assert needs_met(state) == {"accueil-sature": False}
    assert team_score(state) == gauge_score(state)
    pack = replace_card(pack, "use_cases", "tri-courriels", needs=("accueil-sature",))
    state = fund(started(pack), "tri-courriels", ETAGERE)
    assert needs_met(state) == {"accueil-sature": True}
    assert team_score(state) == round(gauge_score(state) + 4, 2)
