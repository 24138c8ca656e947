"""`apply`: check an action against the rules, then produce the next state and its events."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TypeVar

from game.engine import flow
from game.engine.actions import (
    Action,
    AdvancePhase,
    ChooseOption,
    EndGame,
    ExtendTimer,
    InjectEvent,
    LeaveSeat,
    OccupySeat,
    Pause,
    PhaseTimeout,
    Propose,
    Ready,
    Resume,
    SetTimer,
    StartGame,
    Vote,
    VoteChoice,
)
from game.engine.catalog import Catalog
from game.engine.errors import IllegalAction, RefusalCode
from game.engine.events import (
    CardProposed,
    GameEvent,
    OptionChosen,
    Paused,
    SeatChanged,
    SeatReady,
    TimerSet,
    VoteCast,
)
from game.engine.phase import Phase
from game.engine.rules import (
    Refusal,
    choose_refusal,
    facilitator_refusal,
    propose_refusal,
    seat_refusal,
    vote_refusal,
)
from game.engine.state import (
    RULES_VERSION,
    Ballot,
    DilemmaVote,
    GameState,
    Proposal,
    Rng,
    Seat,
    Timer,
)
from game.scenario.models import Pack

FEED_LENGTH = 40

_B = TypeVar("_B", Ballot, DilemmaVote)


# A catalog is derived from its (frozen) pack alone: games of one pack share it (a
# playtest starts a thousand games of the same pack), kept by the pack's identity and
# holding the pack so that its id cannot be reused.
_CATALOGS: dict[int, tuple[Pack, Catalog]] = {}


def catalog_of(pack: Pack) -> Catalog:
    """The catalog of `pack` (one per pack object)."""
    hit = _CATALOGS.get(id(pack))
    if hit is None or hit[0] is not pack:
        if len(_CATALOGS) >= 64:
            _CATALOGS.clear()
        hit = _CATALOGS[id(pack)] = (pack, Catalog(pack))
    return hit[1]


def new_game(
    pack: Pack, *, seed: int, seats: Iterable[str] = (), rules_version: int = RULES_VERSION
) -> GameState:
    """A game in the lobby: every role a seat, the given role ids occupied, played under
    `rules_version` (an older log's rules: `game.log.rules_version_of`)."""
    catalog = catalog_of(pack)
    occupied = set(seats)
    unknown = occupied - set(catalog.roles)
    if unknown:
        raise IllegalAction(
            RefusalCode.UNKNOWN_SEAT, f"rôle inconnu : {', '.join(sorted(unknown))}"
        )
    scenario = pack.scenario
    return GameState(
        catalog=catalog,
        seats=tuple(Seat(role=r.id, occupied=r.id in occupied) for r in scenario.roles),
        gauges={g.id: g.start for g in scenario.gauges},
        gauge_history=({g.id: g.start for g in scenario.gauges},),
        budget=scenario.resources.initial_budget,
        rng=Rng(seed=seed),
        rules_version=rules_version,
    )


def _raise(refusal: Refusal) -> None:
    if refusal is not None:
        raise IllegalAction(*refusal)


def _seats_with(state: GameState, role: str, **update: object) -> tuple[Seat, ...]:
    """The state's seats with seat `role` updated."""
    return tuple(s.model_copy(update=update) if s.role == role else s for s in state.seats)


def _replace_seat(state: GameState, role: str, **update: object) -> GameState:
    return state.model_copy(update={"seats": _seats_with(state, role, **update)})


# The moves that never change the phase return the update of the state's fields
# rather than a new state: `apply` copies the state once, with its seq and feed.
_Update = dict[str, object]


@lru_cache(maxsize=1024)
def _ballot(choice: VoteChoice, justification: str | None = None) -> Ballot:
    """A ballot, without a justification given when None (frozen: equal ballots are
    shared instances)."""
    if justification is None:
        return Ballot(choice=choice)
    return Ballot(choice=choice, justification=justification)


def _maybe_advance(state: GameState, at: float, events: list[GameEvent]) -> GameState:
    if flow.all_ready(state) and state.phase is not Phase.FIN and not state.paused:
        return flow.advance(state, at, events)
    return state


def _propose(state: GameState, a: Propose, events: list[GameEvent]) -> _Update:
    _raise(propose_refusal(state, a.seat, a.card, a.vector))
    index = len(state.proposals)
    proposal = Proposal(
        index=index,
        turn=state.turn,
        seat=a.seat,
        card=a.card,
        vector=a.vector,
        votes={a.seat: _ballot(VoteChoice.POUR)},
    )
    events.append(
        CardProposed(turn=state.turn, proposal=index, seat=a.seat, card=a.card, vector=a.vector)
    )
    seat = state.seat(a.seat)
    assert seat is not None
    return {
        "seats": _seats_with(state, a.seat, proposals_made=seat.proposals_made + 1),
        "proposals": (*state.proposals, proposal),
    }


def _recast(votes: dict[str, _B], seat: str, ballot: _B) -> dict[str, _B]:
    """`votes` with `seat`'s ballot replaced by `ballot`, last in vote order (a changed
    vote counts from when it was changed)."""
    kept = {s: b for s, b in votes.items() if s != seat}
    kept[seat] = ballot
    return kept


def _vote(state: GameState, a: Vote, events: list[GameEvent]) -> _Update:
    _raise(vote_refusal(state, a.seat, a.proposal, a.choice))
    events.append(
        VoteCast(
            turn=state.turn,
            proposal=a.proposal,
            seat=a.seat,
            choice=a.choice,
            justification=a.justification,
        )
    )
    ballot = _ballot(a.choice, a.justification)
    proposals = tuple(
        p.model_copy(update={"votes": _recast(p.votes, a.seat, ballot)})
        if p.index == a.proposal
        else p
        for p in state.proposals
    )
    return {"proposals": proposals}


def _choose(state: GameState, a: ChooseOption, events: list[GameEvent]) -> GameState:
    _raise(choose_refusal(state, a.seat, a.dilemma, a.option))
    events.append(
        OptionChosen(
            turn=state.turn,
            index=a.dilemma,
            seat=a.seat,
            option=a.option,
            justification=a.justification,
        )
    )
    vote = DilemmaVote(option=a.option, justification=a.justification)
    dilemmas = tuple(
        d.model_copy(update={"votes": _recast(d.votes, a.seat, vote)})
        if d.index == a.dilemma
        else d
        for d in state.dilemmas
    )
    state = state.model_copy(update={"dilemmas": dilemmas})
    if flow.everyone_voted(state, a.dilemma):
        state = flow.decide_dilemma(state, a.dilemma, events)
    return state


def _seat_change(state: GameState, a: OccupySeat | LeaveSeat, events: list[GameEvent]) -> GameState:
    if state.seat(a.seat) is None:
        raise IllegalAction(RefusalCode.UNKNOWN_SEAT, f"siège inconnu : {a.seat}")
    occupied = isinstance(a, OccupySeat)
    name = a.name if isinstance(a, OccupySeat) else ""
    events.append(SeatChanged(turn=state.turn, seat=a.seat, occupied=occupied, name=name))
    state = _replace_seat(state, a.seat, occupied=occupied, name=name, ready=False)
    return _maybe_advance(state, a.at, events)


def _timer(
    state: GameState, a: SetTimer | ExtendTimer | Pause | Resume, events: list[GameEvent]
) -> GameState:
    timer = state.timer
    if isinstance(a, Pause):
        remaining = None if timer.deadline is None else max(0.0, timer.deadline - a.at)
        events.append(Paused(turn=state.turn, paused=True))
        return state.model_copy(update={"paused": True, "timer": Timer(remaining=remaining)})
    if isinstance(a, Resume):
        deadline = None if timer.remaining is None else a.at + timer.remaining
        events.append(Paused(turn=state.turn, paused=False))
        state = state.model_copy(update={"paused": False, "timer": Timer(deadline=deadline)})
        return _maybe_advance(state, a.at, events)
    if isinstance(a, SetTimer):
        seconds: float | None = float(a.seconds) if a.seconds else None
    else:
        left = (
            timer.remaining
            if state.paused
            else (None if timer.deadline is None else max(0.0, timer.deadline - a.at))
        )
        seconds = (left or 0.0) + a.seconds
    if state.paused:
        new = Timer(remaining=seconds)
    else:
        new = Timer(deadline=None if seconds is None else a.at + seconds)
    events.append(TimerSet(turn=state.turn, deadline=new.deadline))
    return state.model_copy(update={"timer": new})


def _facilitator(state: GameState, a: Action, events: list[GameEvent]) -> GameState:
    _raise(facilitator_refusal(state, a.type))
    if isinstance(a, StartGame | AdvancePhase):
        return flow.advance(state, a.at, events)
    if isinstance(a, EndGame):
        return flow.end_game(state, a.at, events)
    if isinstance(a, InjectEvent):
        if a.event not in state.catalog.events:
            raise IllegalAction(RefusalCode.UNKNOWN_EVENT, f"événement inconnu : {a.event}")
        if a.event in state.drawn_events:
            raise IllegalAction(RefusalCode.EVENT_DRAWN, "cet événement a déjà été joué")
        return flow.reveal_event(state, a.event, injected=True, events=events)
    assert isinstance(a, SetTimer | ExtendTimer | Pause | Resume)
    return _timer(state, a, events)


def _timeout(state: GameState, a: PhaseTimeout, events: list[GameEvent]) -> GameState:
    if state.phase is Phase.FIN:
        raise IllegalAction(RefusalCode.GAME_OVER, "la partie est terminée")
    if state.paused or state.timer.deadline is None:
        raise IllegalAction(RefusalCode.NO_TIMER, "aucun minuteur ne court")
    if a.at < state.timer.deadline:
        raise IllegalAction(RefusalCode.TOO_EARLY, "le minuteur n'est pas écoulé")
    return flow.advance(state, a.at, events)


def apply(state: GameState, action: Action) -> tuple[GameState, tuple[GameEvent, ...]]:
    """Apply `action`; return the new state and what happened. Raises IllegalAction."""
    events: list[GameEvent] = []
    update: _Update | None = None  # the state's fields a move changed, if not `new`
    new = state
    if isinstance(action, Propose):
        update = _propose(state, action, events)
    elif isinstance(action, Vote):
        update = _vote(state, action, events)
    elif isinstance(action, ChooseOption):
        new = _choose(state, action, events)
    elif isinstance(action, Ready):
        _raise(seat_refusal(state, action.seat))
        events.append(SeatReady(turn=state.turn, seat=action.seat))
        seats = _seats_with(state, action.seat, ready=True)
        if flow.seats_ready(seats) and state.phase is not Phase.FIN and not state.paused:
            new = flow.advance(state.model_copy(update={"seats": seats}), action.at, events)
        else:
            update = {"seats": seats}
    elif isinstance(action, OccupySeat | LeaveSeat):
        new = _seat_change(state, action, events)
    elif isinstance(action, PhaseTimeout):
        new = _timeout(state, action, events)
    else:
        new = _facilitator(state, action, events)
    done = {} if update is None else update
    done["seq"] = state.seq + 1
    done["feed"] = (*new.feed, *events)[-FEED_LENGTH:]
    return new.model_copy(update=done), tuple(events)
