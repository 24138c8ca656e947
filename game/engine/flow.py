"""Turn and phase changes live here only: moves never advance the phase themselves.

`PHASES` is the whole flow of a game, one row per phase: what happens on entering it,
what happens when it closes, its timer, and the phases that may follow it (the first
one whose `when` holds is entered, so empty phases are skipped).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter

from game.engine.branches import with_branches
from game.engine.effects import apply_effects
from game.engine.events import (
    BudgetGranted,
    DilemmaDecided,
    DilemmaOpened,
    EventRevealed,
    GameEnded,
    GameEvent,
    GameStarted,
    PhaseChanged,
)
from game.engine.phase import Phase
from game.engine.resolution import resolve_turn, unlock
from game.engine.rng import draw, weighted_choice
from game.engine.running import pay_running_costs
from game.engine.scoring import final_scores, needs_met
from game.engine.state import (
    GameState,
    OpenDilemma,
    ProjectStatus,
    Seat,
    Timer,
)
from game.engine.voting import decide_proposals, needs_draw, tally_dilemma
from game.scenario.models import Timers

#: Something that happens as a phase begins or ends: the new state, events appended.
Step = Callable[[GameState, list[GameEvent]], GameState]


def open_dilemma(
    state: GameState, dilemma: str, *, source: str, events: list[GameEvent]
) -> GameState:
    """Open `dilemma` for this turn's dilemmes phase, once per game."""
    if dilemma not in state.catalog.dilemmas or any(d.dilemma == dilemma for d in state.dilemmas):
        return state
    index = len(state.dilemmas)
    events.append(DilemmaOpened(turn=state.turn, index=index, dilemma=dilemma, source=source))
    new = OpenDilemma(index=index, turn=state.turn, dilemma=dilemma, source=source)
    return state.model_copy(update={"dilemmas": (*state.dilemmas, new)})


def reveal_event(
    state: GameState, event_id: str, *, injected: bool, events: list[GameEvent]
) -> GameState:
    """Reveal event `event_id`: it leaves the deck, its effects apply, its dilemma opens."""
    event = state.catalog.events[event_id]
    events.append(EventRevealed(turn=state.turn, event=event_id, injected=injected))
    state = state.model_copy(
        update={
            "drawn_events": (*state.drawn_events, event_id),
            "current_events": (*state.current_events, event_id),
        }
    )
    effects = with_branches(state, event.effects, event.branches, source=event_id, events=events)
    state = apply_effects(state, effects, source=event_id, events=events)
    if event.dilemma:
        state = open_dilemma(state, event.dilemma, source=event_id, events=events)
    return state


def _draw_event(state: GameState, events: list[GameEvent]) -> GameState:
    eligible = [
        e
        for e in state.catalog.pack.events
        if e.id not in state.drawn_events
        and e.weight > 0
        and e.min_turn <= state.turn
        and (e.max_turn is None or state.turn <= e.max_turn)
    ]
    if not eligible:
        return state
    chosen, rng = weighted_choice(state.rng, [e.id for e in eligible], [e.weight for e in eligible])
    state = state.model_copy(update={"rng": rng})
    return reveal_event(state, chosen, injected=False, events=events)


def _start_turn(state: GameState, events: list[GameEvent]) -> GameState:
    resources = state.catalog.pack.scenario.resources
    turn = state.turn + 1
    busy = sum(p.capacity for p in state.projects if p.status is ProjectStatus.IN_PROGRESS)
    budget = state.budget + resources.budget_per_turn
    capacity = max(0, resources.capacity_per_turn - busy)
    events.append(
        BudgetGranted(turn=turn, amount=resources.budget_per_turn, budget=budget, capacity=capacity)
    )
    seats = tuple(s.model_copy(update={"proposals_made": 0}) for s in state.seats)
    state = state.model_copy(
        update={
            "turn": turn,
            "budget": budget,
            "capacity_left": capacity,
            "seats": seats,
            "current_events": (),
            "proposals": (),
        }
    )
    state = pay_running_costs(state, events)
    return _draw_event(state, events)


def _game_started(state: GameState, events: list[GameEvent]) -> GameState:
    events.append(GameStarted(turn=0))
    return state


def _count_votes(state: GameState, events: list[GameEvent]) -> GameState:
    """Votes are counted; a funded use case or lever may open its dilemma for this turn."""
    state = decide_proposals(state, events)
    for p in state.proposals:
        card = state.catalog.card(p.card)
        if p.status == "funded" and card is not None and card.dilemma:
            state = open_dilemma(state, card.dilemma, source=p.card, events=events)
    return state


def _decide_dilemmas(state: GameState, events: list[GameEvent]) -> GameState:
    """Every dilemma still open is decided: by the votes cast, by lot if nobody voted."""
    for d in state.dilemmas:
        if d.chosen is None:
            state = decide_dilemma(state, d.index, events)
    return state


def _final_scores(state: GameState, events: list[GameEvent]) -> GameState:
    team, scores, met = final_scores(state)
    needs = needs_met(state)
    events.append(
        GameEnded(
            turn=state.turn, team_score=team, scores=scores, objectives_met=met, needs_met=needs
        )
    )
    return state.model_copy(
        update={"team_score": team, "scores": scores, "objectives_met": met, "needs_met": needs}
    )


def _has_proposals(state: GameState) -> bool:
    return bool(state.proposals)


def _has_open_dilemmas(state: GameState) -> bool:
    return any(d.chosen is None for d in state.dilemmas)


def _last_turn_played(state: GameState) -> bool:
    return state.turn >= state.catalog.pack.scenario.rules.turns


def _always(state: GameState) -> bool:
    return True


def _no_timer(timers: Timers) -> int:
    return 0


@dataclass(frozen=True)
class PhaseRow:
    """One phase of the flow (see the module docstring)."""

    then: tuple[Phase, ...]  # the phases that may follow, first match wins
    when: Callable[[GameState], bool] = _always  # whether this phase is entered at all
    enter: Step | None = None
    close: Step | None = None
    timer: Callable[[Timers], int] = _no_timer  # seconds, 0: no timer


PHASES: dict[Phase, PhaseRow] = {
    Phase.LOBBY: PhaseRow(then=(Phase.EVENEMENT,), close=_game_started),
    Phase.EVENEMENT: PhaseRow(
        then=(Phase.PROPOSITIONS,), enter=_start_turn, timer=attrgetter("event")
    ),
    Phase.PROPOSITIONS: PhaseRow(
        then=(Phase.VOTE, Phase.DILEMMES, Phase.RESOLUTION), timer=attrgetter("proposals")
    ),
    Phase.VOTE: PhaseRow(
        then=(Phase.DILEMMES, Phase.RESOLUTION),
        when=_has_proposals,
        close=_count_votes,
        timer=attrgetter("vote"),
    ),
    Phase.DILEMMES: PhaseRow(
        then=(Phase.RESOLUTION,),
        when=_has_open_dilemmas,
        close=_decide_dilemmas,
        timer=attrgetter("dilemmas"),
    ),
    Phase.RESOLUTION: PhaseRow(
        then=(Phase.FIN, Phase.EVENEMENT), enter=resolve_turn, timer=attrgetter("resolution")
    ),
    Phase.FIN: PhaseRow(then=(), when=_last_turn_played, enter=_final_scores),
}


def _enter(state: GameState, phase: Phase, at: float, events: list[GameEvent]) -> GameState:
    row = PHASES[phase]
    seats = tuple(s.model_copy(update={"ready": False}) if s.ready else s for s in state.seats)
    state = state.model_copy(update={"phase": phase, "seats": seats})
    if row.enter is not None:
        state = row.enter(state, events)
    seconds = row.timer(state.catalog.pack.scenario.rules.timers)
    deadline = at + seconds if seconds else None
    if state.paused:
        timer = Timer(deadline=None, remaining=float(seconds) if seconds else None)
    else:
        timer = Timer(deadline=deadline)
    events.append(PhaseChanged(turn=state.turn, phase=phase, deadline=timer.deadline))
    return state.model_copy(update={"timer": timer})


def _next_phase(state: GameState) -> Phase:
    """The first phase after the current one that is entered now."""
    return next(p for p in PHASES[state.phase].then if PHASES[p].when(state))


def everyone_voted(state: GameState, index: int) -> bool:
    """True when dilemma `index` is still open and, under the rules of version 3 on, every
    occupied seat has chosen an option: it is decided at once."""
    d = state.dilemmas[index]
    if state.rules_version < 3 or d.chosen is not None:
        return False
    occupied = [s.role for s in state.seats if s.occupied]
    return bool(occupied) and all(role in d.votes for role in occupied)


def decide_dilemma(state: GameState, index: int, events: list[GameEvent]) -> GameState:
    """Decide dilemma `index` from its votes (see `tally_dilemma`) and apply its option."""
    d = state.dilemmas[index]
    dilemma = state.catalog.dilemmas[d.dilemma]
    value = 0.0
    if needs_draw(state, d):
        value, rng = draw(state.rng)
        state = state.model_copy(update={"rng": rng})
    option_id, counts, tie_break = tally_dilemma(state, d, value)
    events.append(
        DilemmaDecided(
            turn=state.turn,
            index=index,
            dilemma=d.dilemma,
            option=option_id,
            votes=counts,
            tie_break=tie_break,
        )
    )
    dilemmas = tuple(
        x.model_copy(update={"chosen": option_id}) if x.index == index else x
        for x in state.dilemmas
    )
    state = state.model_copy(update={"dilemmas": dilemmas})
    option = next(o for o in dilemma.options if o.id == option_id)
    state = apply_effects(state, option.effects, source=d.dilemma, events=events)
    follow = option.follow_ups
    if follow.adds_risks:
        state = state.model_copy(
            update={"extra_exposures": state.extra_exposures + follow.adds_risks}
        )
    state = unlock(state, follow.unlocks, by=d.dilemma, events=events)
    if follow.requires_levers and d.source in state.catalog.use_cases:
        obligations = dict(state.obligations)
        obligations[d.source] = tuple(
            dict.fromkeys(obligations.get(d.source, ()) + follow.requires_levers)
        )
        state = state.model_copy(update={"obligations": obligations})
    return state


def advance(state: GameState, at: float, events: list[GameEvent]) -> GameState:
    """Close the current phase and enter the next one (skipping empty ones)."""
    close = PHASES[state.phase].close
    if close is not None:
        state = close(state, events)
    return _enter(state, _next_phase(state), at, events)


def end_game(state: GameState, at: float, events: list[GameEvent]) -> GameState:
    """Stop the game now: scores are computed and objectives revealed."""
    return _enter(state, Phase.FIN, at, events)


def all_ready(state: GameState) -> bool:
    """True when at least one seat is occupied and every occupied seat is ready."""
    return seats_ready(state.seats)


def seats_ready(seats: tuple[Seat, ...]) -> bool:
    """True when at least one of `seats` is occupied and every occupied one is ready."""
    occupied = [s for s in seats if s.occupied]
    return bool(occupied) and all(s.ready for s in occupied)
