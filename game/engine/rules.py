"""Legality predicates: each returns None when allowed, else (RefusalCode, French reason).

`legal_actions` and `apply` share these, so what a view offers is exactly what
`apply` accepts.
"""

from __future__ import annotations

from functools import lru_cache

from game.engine.actions import VoteChoice
from game.engine.catalog import Catalog
from game.engine.errors import RefusalCode
from game.engine.phase import Phase
from game.engine.state import GameState, OpenDilemma, ProjectStatus, Proposal, ProposalStatus
from game.engine.terms import Card, CardKind, kind_of
from game.scenario.models import Requirements, VectorType

Refusal = tuple[RefusalCode, str] | None

#: What a card already funded and finished is, by kind.
_DONE: dict[CardKind, str] = {"use_case": "déjà déployé", "lever": "déjà réalisé"}
#: Why a card cannot be taken with the vector asked, by kind.
_NO_SUCH_VECTOR: dict[CardKind, str] = {
    "use_case": "choisissez un vecteur de déploiement proposé par la carte",
    "lever": "un levier n'a pas de vecteur de déploiement",
}


def card_of(state: GameState, card: str) -> Card | None:
    """The use case or lever with id `card`, or None."""
    return state.catalog.card(card)


def is_unlocked(state: GameState, card: Card) -> bool:
    """True when the card is not locked or something unlocked it."""
    return not card.locked or card.id in state.unlocked


def lever_done(state: GameState, lever: str) -> bool:
    """True once lever `lever` is completed."""
    project = state.project(lever)
    return project is not None and project.status is ProjectStatus.DEPLOYED


def requirements_refusal(state: GameState, req: Requirements) -> Refusal:
    """Why `req` does not hold now (gauge thresholds, levers done), or None."""
    cat = state.catalog
    for gauge, threshold in req.gauges.items():
        value = state.gauges.get(gauge, 0)
        if value < threshold:
            label = cat.gauges[gauge].label if gauge in cat.gauges else gauge
            return (
                RefusalCode.REQUIREMENT,
                f"il faut « {label} » ≥ {threshold} (actuellement {value})",
            )
    for lever in req.levers:
        if not lever_done(state, lever):
            return (
                RefusalCode.REQUIREMENT,
                f"il faut d'abord réaliser le levier « {cat.card_title(lever)} »",
            )
    return None


def unlockers(state: GameState, card: str) -> tuple[str, ...]:
    """Titles of the levers and dilemma options that unlock `card`."""
    return _unlockers(state.catalog, card)


@lru_cache(maxsize=4096)
def _unlockers(cat: Catalog, card: str) -> tuple[str, ...]:
    """`unlockers`, cached per pack: it scans every lever and dilemma."""
    names = [lever.title for lever in cat.levers.values() if card in lever.unlocks]
    for dilemma in cat.dilemmas.values():
        names += [
            f"{dilemma.title} → {opt.label}"
            for opt in dilemma.options
            if card in opt.follow_ups.unlocks
        ]
    return tuple(names)


def card_refusal(state: GameState, card: Card) -> Refusal:
    """Why `card` cannot be proposed this turn whatever the vector or seat, or None."""
    refusal = locked_or_funded_refusal(state, card)
    if refusal is not None:
        return refusal
    for p in state.proposals:
        if p.card == card.id and p.status is ProposalStatus.OPEN:
            return RefusalCode.ALREADY_PROPOSED, "déjà proposée ce tour-ci"
    return None


def locked_or_funded_refusal(state: GameState, card: Card) -> Refusal:
    """The part of `card_refusal` that does not look at the proposals: why `card` is
    locked or already funded, or None."""
    if not is_unlocked(state, card):
        names = unlockers(state, card.id)
        hint = f" : se débloque avec « {names[0]} »" if names else ""
        return RefusalCode.LOCKED, f"carte verrouillée{hint}"
    project = state.project(card.id)
    if project is not None:
        if project.status is ProjectStatus.IN_PROGRESS:
            return RefusalCode.ALREADY_FUNDED, "projet déjà en cours"
        return RefusalCode.ALREADY_FUNDED, _DONE[project.kind]
    return None


def too_late(state: GameState, turn: int, duration: int) -> bool:
    """True when a project funded in turn `turn` taking `duration` turns would not deploy
    before the game ends (it advances once per résolution, the funding turn's included)."""
    return turn + duration - 1 > state.catalog.pack.scenario.rules.turns


def cost_refusal(state: GameState, cost: int, capacity: int) -> Refusal:
    """Why a project of this cost and capacity cannot be afforded now, or None."""
    if cost > state.budget:
        return (
            RefusalCode.BUDGET,
            f"budget insuffisant ({cost} k€ demandés, {state.budget} k€ disponibles)",
        )
    if capacity > state.capacity_left:
        return (
            RefusalCode.CAPACITY,
            f"capacité insuffisante ({capacity} points demandés, {state.capacity_left} libres)",
        )
    return None


def seat_refusal(state: GameState, seat: str) -> Refusal:
    """Why `seat` may not act now at all, or None."""
    s = state.seat(seat)
    if s is None:
        return RefusalCode.UNKNOWN_SEAT, f"siège inconnu : {seat}"
    if not s.occupied:
        return RefusalCode.EMPTY_SEAT, "ce siège est vide"
    if state.phase is Phase.FIN:
        return RefusalCode.GAME_OVER, "la partie est terminée"
    if state.paused:
        return RefusalCode.PAUSED, "la partie est en pause"
    if s.ready:
        return RefusalCode.ALREADY_READY, "vous avez déjà indiqué être prêt·e pour cette phase"
    return None


def propose_seat_refusal(state: GameState, seat: str) -> Refusal:
    """Why `seat` may not propose anything now (phase, seat, quota), or None."""
    refusal = seat_refusal(state, seat)
    if refusal:
        return refusal
    if state.phase is not Phase.PROPOSITIONS:
        return RefusalCode.WRONG_PHASE, "on ne propose qu'en phase de propositions"
    s = state.seat(seat)
    assert s is not None
    if s.proposals_made >= state.catalog.pack.scenario.rules.max_proposals_per_seat:
        return RefusalCode.NO_PROPOSALS_LEFT, "vous avez fait toutes vos propositions pour ce tour"
    return None


def option_refusal(state: GameState, card: Card, vector: VectorType | None) -> Refusal:
    """Why `card` (already past `card_refusal`) may not be taken with `vector` now, or None."""
    terms = state.catalog.terms(card.id, vector)
    if terms is None:
        return RefusalCode.UNKNOWN_VECTOR, _NO_SUCH_VECTOR[kind_of(card)]
    return requirements_refusal(state, terms.requirements) or cost_refusal(
        state, terms.cost, terms.capacity
    )


def propose_card_refusal(state: GameState, card_id: str, vector: VectorType | None) -> Refusal:
    """Why the table may not take `card_id` (with `vector`) now, whoever proposes it, or None."""
    card = card_of(state, card_id)
    if card is None:
        return RefusalCode.UNKNOWN_CARD, f"carte inconnue : {card_id}"
    return card_refusal(state, card) or option_refusal(state, card, vector)


def propose_refusal(
    state: GameState, seat: str, card_id: str, vector: VectorType | None
) -> Refusal:
    """Why `seat` may not propose `card_id` (with `vector`) now, or None."""
    return propose_seat_refusal(state, seat) or propose_card_refusal(state, card_id, vector)


def votes_change(state: GameState) -> bool:
    """True when a seat may change its vote until it is ready (rules 3 on)."""
    return state.rules_version >= 3


def _frozen_refusal(state: GameState, seat: str, voted: bool) -> Refusal:
    """Why a ready `seat` that has `voted` may not vote again (its ballot is frozen)."""
    s = state.seat(seat)
    if voted and s is not None and s.occupied and s.ready and state.phase is not Phase.FIN:
        return (
            RefusalCode.ALREADY_READY,
            "votre vote est figé : vous avez indiqué être prêt·e pour cette phase",
        )
    return None


def vote_refusal(
    state: GameState, seat: str, proposal: int, choice: VoteChoice | None = None
) -> Refusal:
    """Why `seat` may not vote `choice` (None: any) on proposal `proposal` now, or None."""
    p = next((p for p in state.proposals if p.index == proposal), None)
    refusal = _frozen_refusal(state, seat, p is not None and seat in p.votes)
    refusal = refusal or seat_refusal(state, seat)
    if refusal:
        return refusal
    if state.phase is not Phase.VOTE:
        return RefusalCode.WRONG_PHASE, "on ne vote qu'en phase de vote"
    return ballot_refusal(p, seat, choice, changes=votes_change(state))


def ballot_refusal(
    p: Proposal | None, seat: str, choice: VoteChoice | None = None, *, changes: bool = False
) -> Refusal:
    """Why `seat` (free to vote now) may not vote `choice` (None: any) on proposal `p`, or
    None. With `changes`, a seat that voted may vote another choice."""
    if p is None or p.status is not ProposalStatus.OPEN:
        return RefusalCode.UNKNOWN_PROPOSAL, "cette proposition n'est pas soumise au vote"
    ballot = p.votes.get(seat)
    if ballot is None:
        return None
    if not changes:
        return RefusalCode.ALREADY_VOTED, "vous avez déjà voté sur cette proposition"
    if choice is not None and ballot.choice is choice:
        return (
            RefusalCode.ALREADY_VOTED,
            f"c'est déjà votre vote (« {_CHOICE_LABELS[choice]} ») : choisissez-en un autre",
        )
    return None


_CHOICE_LABELS = {
    VoteChoice.POUR: "pour",
    VoteChoice.CONTRE: "contre",
    VoteChoice.ABSTENTION: "abstention",
}


def choose_refusal(state: GameState, seat: str, dilemma: int, option: str) -> Refusal:
    """Why `seat` may not vote `option` on open dilemma `dilemma` now, or None."""
    d = next((d for d in state.dilemmas if d.index == dilemma), None)
    refusal = _frozen_refusal(state, seat, d is not None and seat in d.votes)
    refusal = refusal or seat_refusal(state, seat)
    if refusal:
        return refusal
    if state.phase is not Phase.DILEMMES:
        return RefusalCode.WRONG_PHASE, "on ne tranche les dilemmes qu'en phase de dilemmes"
    refusal = dilemma_ballot_refusal(d, seat, option, changes=votes_change(state))
    if refusal or d is None:
        return refusal
    options = state.catalog.dilemmas[d.dilemma].options
    if option not in {o.id for o in options}:
        return RefusalCode.UNKNOWN_OPTION, f"option inconnue : {option}"
    return None


def dilemma_ballot_refusal(
    d: OpenDilemma | None, seat: str, option: str | None = None, *, changes: bool = False
) -> Refusal:
    """Why `seat` (free to vote now) may not choose `option` (None: any) on dilemma `d`, or
    None. With `changes`, a seat that chose may choose another option until it is decided."""
    if d is None:
        return RefusalCode.UNKNOWN_DILEMMA, "ce dilemme n'est pas ouvert"
    if d.chosen is not None:
        return RefusalCode.UNKNOWN_DILEMMA, "ce dilemme est déjà tranché : son vote est clos"
    vote = d.votes.get(seat)
    if vote is None:
        return None
    if not changes:
        return RefusalCode.ALREADY_VOTED, "vous avez déjà choisi une option pour ce dilemme"
    if option is not None and vote.option == option:
        return RefusalCode.ALREADY_VOTED, "c'est déjà votre choix : choisissez une autre option"
    return None


def facilitator_refusal(state: GameState, kind: str) -> Refusal:
    """Why the facilitator action of type `kind` is not possible now, or None."""
    if state.phase is Phase.FIN:
        return RefusalCode.GAME_OVER, "la partie est terminée"
    if kind == "start_game":
        if state.phase is Phase.LOBBY:
            return None
        return RefusalCode.ALREADY_STARTED, "partie déjà lancée"
    if kind == "pause":
        return (RefusalCode.ALREADY_PAUSED, "la partie est déjà en pause") if state.paused else None
    if kind == "resume":
        return None if state.paused else (RefusalCode.NOT_PAUSED, "la partie n'est pas en pause")
    if state.phase is Phase.LOBBY and kind in {"advance_phase", "inject_event"}:
        return RefusalCode.NOT_STARTED, "la partie n'a pas commencé"
    return None
