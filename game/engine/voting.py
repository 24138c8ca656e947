"""Counting votes: proposals (majority or consensus, arbitre breaks ties) and dilemmas."""

from __future__ import annotations

from game.engine.actions import VoteChoice
from game.engine.catalog import Catalog
from game.engine.events import GameEvent, ProposalDecided
from game.engine.rules import cost_refusal
from game.engine.state import GameState, OpenDilemma, Project, Proposal, ProposalStatus
from game.scenario.models import VoteRule


def _verdict(state: GameState, proposal: Proposal) -> tuple[bool, str]:
    """Whether the table accepted `proposal`, and the French reason when it did not."""
    counts = {c: 0 for c in VoteChoice}
    for ballot in proposal.votes.values():
        counts[ballot.choice] += 1
    pour, contre = counts[VoteChoice.POUR], counts[VoteChoice.CONTRE]
    if state.catalog.pack.scenario.rules.vote_rule == VoteRule.CONSENSUS:
        if contre:
            return False, f"pas de consensus ({contre} contre)"
        return (True, "") if pour else (False, "aucun vote pour")
    if pour > contre:
        return True, ""
    if pour < contre:
        return False, f"rejetée par le vote ({pour} pour, {contre} contre)"
    arbiter = state.catalog.arbiter
    arbiter_ballot = proposal.votes.get(arbiter) if arbiter else None
    if arbiter_ballot is not None and arbiter_ballot.choice is VoteChoice.POUR:
        return True, ""
    if arbiter_ballot is not None and arbiter_ballot.choice is VoteChoice.CONTRE:
        return False, f"égalité ({pour} pour, {contre} contre) tranchée contre par l'arbitre"
    return False, f"égalité ({pour} pour, {contre} contre) sans arbitrage"


def decide_proposals(state: GameState, events: list[GameEvent]) -> GameState:
    """Count every open proposal; fund the accepted ones in order while budget and capacity last."""
    decided: list[Proposal] = []
    for proposal in state.proposals:
        if proposal.status is not ProposalStatus.OPEN:
            decided.append(proposal)
            continue
        accepted, reason = _verdict(state, proposal)
        project: Project | None = None
        if accepted:
            terms = state.catalog.terms(proposal.card, proposal.vector)
            assert terms is not None  # the rules let only known (card, vector) be proposed
            refusal = cost_refusal(state, terms.cost, terms.capacity)
            if refusal:
                accepted, reason = False, "acceptée mais non financée : " + refusal[1]
            else:
                project = Project(
                    card=proposal.card,
                    kind=terms.kind,
                    vector=proposal.vector,
                    started=state.turn,
                    duration=terms.duration,
                    capacity=terms.capacity,
                )
                state = state.model_copy(
                    update={
                        "budget": state.budget - terms.cost,
                        "capacity_left": state.capacity_left - terms.capacity,
                        "projects": (*state.projects, project),
                    }
                )
        counts = {c: 0 for c in VoteChoice}
        for ballot in proposal.votes.values():
            counts[ballot.choice] += 1
        events.append(
            ProposalDecided(
                turn=state.turn,
                proposal=proposal.index,
                card=proposal.card,
                accepted=accepted,
                reason=reason,
                pour=counts[VoteChoice.POUR],
                contre=counts[VoteChoice.CONTRE],
                abstention=counts[VoteChoice.ABSTENTION],
            )
        )
        status = ProposalStatus.FUNDED if accepted else ProposalStatus.REJECTED
        decided.append(proposal.model_copy(update={"status": status, "reason": reason}))
    return state.model_copy(update={"proposals": tuple(decided)})


#: How a dilemma's tie was broken (`DilemmaDecided.tie_break`), as the table reads it.
BY_ARBITER = "arbitre"
BY_FIRST_VOTE = "premier vote"
BY_LOT = "tirage au sort"


def tally_dilemma(
    state: GameState, d: OpenDilemma, value: float
) -> tuple[str, dict[str, int], str]:
    """The winning option, the vote counts and how a tie was broken (`value` is a seeded
    draw, used only by the rules of version 2 or when nobody voted)."""
    return tally(state.catalog, state.rules_version, d, value)


def tally(
    cat: Catalog, rules_version: int, d: OpenDilemma, value: float
) -> tuple[str, dict[str, int], str]:
    """`tally_dilemma` from the pack and the rules version alone."""
    options = [o.id for o in cat.dilemmas[d.dilemma].options]
    counts = {o: 0 for o in options}
    for vote in d.votes.values():
        counts[vote.option] += 1
    best = max(counts.values())
    tied = [o for o in options if counts[o] == best]
    if len(tied) == 1:
        return tied[0], counts, ""
    arbiter = cat.arbiter
    arbiter_vote = d.votes.get(arbiter) if arbiter else None
    if arbiter_vote is not None and arbiter_vote.option in tied:
        return arbiter_vote.option, counts, BY_ARBITER
    if rules_version >= 3 and d.votes:
        first = next(v.option for v in d.votes.values() if v.option in tied)
        return first, counts, BY_FIRST_VOTE
    return tied[int(value * len(tied))], counts, BY_LOT


def needs_draw(state: GameState, d: OpenDilemma) -> bool:
    """Whether deciding `d` draws from the seeded random (always under the rules of
    version 2; from version 3, only when nobody voted)."""
    return state.rules_version < 3 or not d.votes
