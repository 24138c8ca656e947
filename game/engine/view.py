"""What each seat may see and do: `legal_actions`, `player_view` (what the pack a seat
joins with leaves out, the view carries once revealed: game/engine/public.py)."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from functools import lru_cache
from threading import Lock
from typing import Any, TypeVar, cast

from game.engine.actions import (
    Action,
    AdvancePhase,
    ChooseOption,
    EndGame,
    ExtendTimer,
    InjectEvent,
    Pause,
    Propose,
    Ready,
    Resume,
    SetTimer,
    StartGame,
    Vote,
    VoteChoice,
)
from game.engine.catalog import Catalog
from game.engine.errors import RefusalCode
from game.engine.events import GameEvent, RiskFired
from game.engine.phase import Phase
from game.engine.public import dilemma_text, event_text, lessons
from game.engine.resolution import risk_probabilities
from game.engine.rules import (
    Refusal,
    ballot_refusal,
    card_of,
    card_refusal,
    dilemma_ballot_refusal,
    facilitator_refusal,
    locked_or_funded_refusal,
    option_refusal,
    propose_refusal,
    propose_seat_refusal,
    seat_refusal,
    too_late,
    votes_change,
)
from game.engine.state import (
    GameState,
    OpenDilemma,
    Project,
    ProjectStatus,
    Proposal,
    ProposalStatus,
    RiskFiring,
    Seat,
)
from game.engine.terms import Card, CardKind, kind_of, vector_types
from game.engine.view_models import (
    CardStatus,
    DilemmaText,
    DilemmaView,
    EventText,
    MarketCard,
    MarketVector,
    PlayerView,
    ProposalView,
    RiskLevel,
    SeatView,
)
from game.engine.voting import tally
from game.scenario.models import Dilemma, Event, VectorType

_PROJECT_STATUS = {
    ProjectStatus.IN_PROGRESS: CardStatus.IN_PROGRESS,
    ProjectStatus.DEPLOYED: CardStatus.DEPLOYED,
    ProjectStatus.SUSPENDED: CardStatus.SUSPENDED,
}


# Actions are frozen, so legal_actions hands out shared instances: building and
# validating the same Vote or Propose on every call was most of its cost (and
# pydantic's model_construct is slower still, its default filling runs in Python).
_propose = lru_cache(maxsize=8192)(Propose)
_vote = lru_cache(maxsize=8192)(Vote)
_choose = lru_cache(maxsize=4096)(ChooseOption)
_ready = lru_cache(maxsize=1024)(Ready)
_VOTE_CHOICES = tuple(VoteChoice)


@lru_cache(maxsize=8192)
def _ballots(seat: str, proposal: int) -> tuple[Vote, ...]:
    """The seat's votes on one proposal, one per choice (shared instances)."""
    return tuple(_vote(seat=seat, proposal=proposal, choice=c) for c in _VOTE_CHOICES)


@lru_cache(maxsize=16384)
def _ballots_but(seat: str, proposal: int, cast_choice: VoteChoice | None) -> tuple[Vote, ...]:
    """The seat's votes on one proposal but the choice it cast (shared instances)."""
    return tuple(
        b for b in _ballots(seat, proposal) if cast_choice is None or b.choice is not cast_choice
    )


def _seat_actions(state: GameState, seat: str) -> list[Action]:
    # The seat-wide checks run once, then only the per-card or per-ballot part of the
    # rules' predicates.
    if seat_refusal(state, seat) is not None:
        return []
    actions: list[Action] = []
    cat = state.catalog
    if state.phase is Phase.PROPOSITIONS and propose_seat_refusal(state, seat) is None:
        options = table_options(state)
        actions += _PROPOSALS.get((options,), seat, lambda: _proposals(seat, options))
    elif state.phase is Phase.VOTE:
        changes = votes_change(state)
        for p in state.proposals:
            if ballot_refusal(p, seat, changes=changes) is None:
                mine = p.votes.get(seat)  # a vote cast: the other choices change it
                actions += _ballots_but(seat, p.index, None if mine is None else mine.choice)
    elif state.phase is Phase.DILEMMES:
        changes = votes_change(state)
        for d in state.dilemmas:
            if dilemma_ballot_refusal(d, seat, changes=changes) is None:
                chosen = d.votes.get(seat)
                for o in cat.dilemmas[d.dilemma].options:
                    if chosen is None or o.id != chosen.option:
                        actions.append(_choose(seat=seat, dilemma=d.index, option=o.id))
    actions.append(_ready(seat=seat))
    return actions


def _proposals(seat: str, options: tuple[tuple[str, VectorType | None], ...]) -> tuple[Action, ...]:
    """The seat's Propose action for each of the table's options (shared instances)."""
    return tuple(
        _propose(seat=seat, card=card)  # a lever
        if vector is None
        else _propose(seat=seat, card=card, vector=vector)
        for card, vector in options
    )


def _table_options(state: GameState) -> tuple[tuple[str, VectorType | None], ...]:
    """(card, vector) the table may take now, whoever proposes it (None: a lever)."""
    # card_refusal refuses a card that is open for a vote only once it is unlocked and
    # unfunded, and option_refusal does not look at proposals: the table's options are
    # those of the same state without open proposals, less the cards open for a vote.
    every = _by_inputs(state, "table_options_any", _table_options_any, open_cards=False)
    open_cards = {p.card for p in state.proposals if p.status is ProposalStatus.OPEN}
    if not open_cards:
        return every
    return tuple(o for o in every if o[0] not in open_cards)


def _table_options_any(state: GameState) -> tuple[tuple[str, VectorType | None], ...]:
    """`_table_options` as if no proposal were open."""
    cat = state.catalog
    options: list[tuple[str, VectorType | None]] = []
    every: tuple[Card, ...] = (*cat.use_cases.values(), *cat.levers.values())
    for card in every:
        if card_of(state, card.id) is card and locked_or_funded_refusal(state, card) is None:
            for vector in vector_types(card):
                if option_refusal(state, card, vector) is None:
                    options.append((card.id, vector))
    return tuple(options)


def _table_options_of(state: GameState) -> tuple[tuple[str, VectorType | None], ...]:
    return _by_inputs(state, "table_options", _table_options)


def table_options(state: GameState) -> tuple[tuple[str, VectorType | None], ...]:
    """The (card, vector) the table may take now, whoever proposes it (None: a lever), in
    pack order: in the propositions phase, `legal_actions` offers a seat that may still
    propose one Propose per option, in this order, then Ready."""
    return _per_state(state, "table_options", _table_options_of)


# The facilitator's actions do not depend on the state but for which are allowed: shared
# instances (the server lists them in every table's summary after each change).
_FACILITATOR_FIXED: tuple[Action, ...] = (
    StartGame(),
    Pause(),
    Resume(),
    AdvancePhase(),
    SetTimer(seconds=300),
    ExtendTimer(seconds=60),
    EndGame(),
)
_inject = lru_cache(maxsize=4096)(InjectEvent)


def _facilitator_actions(state: GameState) -> list[Action]:
    actions = [a for a in _FACILITATOR_FIXED if facilitator_refusal(state, a.type) is None]
    if facilitator_refusal(state, "inject_event") is None:
        drawn = state.drawn_events
        actions += [_inject(event=e) for e in state.catalog.events if e not in drawn]
    return actions


def legal_actions(state: GameState, seat: str | None) -> tuple[Action, ...]:
    """Every action `seat` (None: the facilitator) may send now, ready to send."""
    if seat is None:
        return tuple(_facilitator_actions(state))
    return tuple(_seat_actions(state, seat))


# Market entries are frozen and repeat from view to view and seat to seat: shared
# instances spare validating ~100 of them per view (the server builds one view
# per seat after every action).
@lru_cache(maxsize=4096)
def _market_vector(
    vector_type: VectorType, available: bool, reason: str, late: bool = False
) -> MarketVector:
    return MarketVector(type=vector_type, available=available, reason=reason, too_late=late)


@lru_cache(maxsize=16384)
def _market_card(
    card: str,
    kind: CardKind,
    status: CardStatus,
    reason: str,
    vectors: tuple[MarketVector, ...] | None = None,
    late: bool = False,
) -> MarketCard:
    if vectors is None:
        return MarketCard(card=card, kind=kind, status=status, reason=reason, too_late=late)
    return MarketCard(
        card=card, kind=kind, status=status, reason=reason, vectors=vectors, too_late=late
    )


_T = TypeVar("_T")
_KEPT_LOCK = Lock()


class _Kept:
    """Values computed from immutable objects, kept by the identity of those objects.

    A key is the ids of the `held` objects plus a hashable `extra`; the entry holds
    the objects themselves, so no other object can take one of those ids while the
    entry is kept (a matching key is always a hit). The oldest entries go first.
    """

    def __init__(self, size: int) -> None:
        self._size = size
        self._values: dict[tuple[Hashable, ...], tuple[tuple[object, ...], Any]] = {}

    def get(self, held: tuple[object, ...], extra: Hashable, compute: Callable[[], _T]) -> _T:
        """`compute()`, kept for `held` and `extra`."""
        key = (*map(id, held), extra)
        hit = self._values.get(key)
        if hit is not None:
            return cast(_T, hit[1])
        value = compute()
        with _KEPT_LOCK:
            if len(self._values) >= self._size:
                del self._values[next(iter(self._values))]
            self._values[key] = (held, value)
        return value

    def clear(self) -> None:
        """Forget every entry."""
        self._values.clear()


# Views of one state are built for every seat in a row (the server sends one per
# seat after each action): what does not depend on the seat is kept for the last
# states seen.
_MEMO = _Kept(256)


def _per_state(state: GameState, name: Hashable, compute: Callable[[GameState], _T]) -> _T:
    """`compute(state)`, reused while `state` is among the last states seen."""
    return _MEMO.get((state,), name, lambda: compute(state))


# The card side of the market (and the table's proposal options) depends on these
# inputs only: which cards are unlocked, the projects, the cards of open proposals,
# gauges, budget and capacity (see card_refusal and option_refusal). A vote or a seat
# getting ready changes none of them, so states in a row share one computation: kept
# per input key (the catalog and projects by identity). Also what is computed from
# the card side alone, and the risk levels.
_BY_INPUTS = _Kept(16_384)  # a few entries per table: hundreds of tables in turn
# Each seat's Propose actions for one tuple of table options (kept by its identity).
_PROPOSALS = _Kept(16_384)


def _by_inputs(
    state: GameState, name: str, compute: Callable[[GameState], _T], *, open_cards: bool = True
) -> _T:
    """`compute(state)`, shared by every state with the same card-side inputs (without
    `open_cards`, when `compute` does not look at the proposals)."""
    cards = (
        tuple(p.card for p in state.proposals if p.status is ProposalStatus.OPEN)
        if open_cards
        else None
    )
    extra = (
        name,
        state.turn,  # whether a card could still finish (too_late)
        state.unlocked,
        cards,
        tuple(state.gauges.items()),
        state.budget,
        state.capacity_left,
    )
    return _BY_INPUTS.get((state.catalog, state.projects), extra, lambda: compute(state))


# A market card before the seat is known: its final entry, or the card with each
# vector's refusal from the card's side (None: the table may take it) and whether
# its id is shared with another card (only in a pack that failed its checks).
_Options = tuple[tuple[VectorType | None, Refusal], ...]
_Pending = tuple[Card, CardKind, _Options, bool]


def _market_base(state: GameState) -> tuple[MarketCard | _Pending, ...]:
    cat = state.catalog
    all_cards: list[Card] = [*cat.use_cases.values(), *cat.levers.values()]
    projects: dict[str, Project] = {}
    for p in state.projects:
        projects.setdefault(p.card, p)  # the first one, as state.project finds it
    entries: list[MarketCard | _Pending] = []
    for card in all_cards:
        kind = kind_of(card)
        project = projects.get(card.id)
        if project is not None:
            status = _PROJECT_STATUS[project.status]
            entries.append(_market_card(card.id, kind, status, project.suspended_reason))
            continue
        static = card_refusal(state, card)
        if static is not None:
            proposed = static[0] is RefusalCode.ALREADY_PROPOSED
            status = CardStatus.PROPOSED if proposed else CardStatus.LOCKED
            late = all(_late(state, card.id, t) for t in vector_types(card))
            entries.append(_market_card(card.id, kind, status, static[1], None, late))
            continue
        options = tuple((t, option_refusal(state, card, t)) for t in vector_types(card))
        entries.append((card, kind, options, card_of(state, card.id) is not card))
    return tuple(entries)


def _late(state: GameState, card: str, vector: VectorType | None) -> bool:
    """Whether `card` taken with `vector` now would not deploy before the game ends."""
    terms = state.catalog.terms(card, vector)
    return terms is not None and too_late(state, state.turn, terms.duration)


def _market_base_of(state: GameState) -> tuple[MarketCard | _Pending, ...]:
    """The market's card side of `state` (shared by states with the same inputs)."""
    return _by_inputs(state, "market", _market_base)


def _shared_ids(state: GameState) -> bool:
    """Whether a card the table may take shares its id with another (a broken pack)."""
    base = _market_base_of(state)
    return _BY_INPUTS.get(
        (base,), "shared_ids", lambda: any(not isinstance(e, MarketCard) and e[3] for e in base)
    )


def _market(state: GameState, seat: str | None) -> tuple[MarketCard, ...]:
    # The seat part of propose_refusal is the same for every card: computed once. Seats
    # with the same seat part (in most phases: all of them) get the same market.
    seat_part = (
        propose_seat_refusal(state, seat)
        if seat
        else (RefusalCode.FACILITATOR, "l'animateur·rice ne propose pas")
    )
    base = _per_state(state, "market", _market_base_of)
    if seat and _per_state(state, "shared_ids", _shared_ids):
        return _seat_market(state, seat, seat_part, base)  # shared ids: the seat matters
    # Otherwise the market is the card side and the seat part alone.
    return _BY_INPUTS.get(
        (base,), ("seat_market", seat_part), lambda: _seat_market(state, seat, seat_part, base)
    )


def _seat_market(
    state: GameState,
    seat: str | None,
    seat_part: Refusal,
    base: tuple[MarketCard | _Pending, ...],
) -> tuple[MarketCard, ...]:
    cards: list[MarketCard] = []
    for entry in base:
        if isinstance(entry, MarketCard):
            cards.append(entry)
            continue
        card, kind, options, shared_id = entry
        vectors: list[MarketVector] = []
        first_reason = ""
        lates: list[bool] = []
        for t, card_part in options:
            late = _late(state, card.id, t)
            lates.append(late)
            if seat and shared_id:
                refusal = propose_refusal(state, seat, card.id, t)
            else:
                refusal = seat_part or card_part
            if refusal and not first_reason:
                first_reason = refusal[1]
            if t is not None:
                reason = refusal[1] if refusal else ""
                vectors.append(_market_vector(t, refusal is None, reason, late))
        available = any(v.available for v in vectors) if vectors else not first_reason
        cards.append(
            _market_card(
                card.id,
                kind,
                CardStatus.AVAILABLE if available else CardStatus.LOCKED,
                "" if available else first_reason,
                tuple(vectors),
                all(lates),
            )
        )
    return tuple(cards)


def _risk_levels(state: GameState) -> dict[str, RiskLevel]:
    # Probabilities depend on the projects and the dilemmas' extra exposures only.
    return _BY_INPUTS.get(
        (state.catalog, state.projects, state.extra_exposures),
        "risk_levels",
        lambda: {r: _level(p) for r, p in risk_probabilities(state).items()},
    )


def _level(p: float) -> RiskLevel:
    if p < 0.05:
        return RiskLevel.FAIBLE
    return RiskLevel.MOYEN if p < 0.15 else RiskLevel.ELEVE


HIDDEN_SOURCE = "usages-non-recenses"


def _masked(sources: tuple[str, ...], hidden: frozenset[str]) -> tuple[str, ...]:
    """Risk sources with unrevealed shadow-AI ids replaced by one anonymous marker."""
    if not hidden.intersection(sources):
        return sources
    return tuple(dict.fromkeys(HIDDEN_SOURCE if s in hidden else s for s in sources))


def _visible_risks(
    state: GameState, hidden: frozenset[str]
) -> tuple[tuple[RiskFiring, ...], tuple[GameEvent, ...]]:
    """Fired risks and the feed, with the unrevealed shadow-AI inventory masked."""
    if not hidden:
        return state.risks_fired, state.feed
    fired = tuple(_masked_copy(f, hidden) for f in state.risks_fired)
    feed = tuple(_masked_copy(e, hidden) if isinstance(e, RiskFired) else e for e in state.feed)
    return fired, feed


_Sourced = TypeVar("_Sourced", RiskFiring, RiskFired)


def _masked_copy(item: _Sourced, hidden: frozenset[str]) -> _Sourced:
    """`item` with its sources masked (one copy per item, kept with it)."""
    return _from_state(
        item, hidden, lambda: item.model_copy(update={"sources": _masked(item.sources, hidden)})
    )


# A seat, proposal or open dilemma of the state is replaced (a new object) when it
# changes and kept otherwise: its view entry is kept with it, so consecutive views
# share the entries of what did not change (and the server's patches see it at once).
_ENTRIES = _Kept(16_384)


def _from_state(source: object, extra: Hashable, build: Callable[[], _T]) -> _T:
    """`build()`, the view entry of state object `source` (and `extra`), kept with it."""
    return _ENTRIES.get((source,), extra, build)


def _seat_view(s: Seat, max_proposals: int) -> SeatView:
    return _from_state(
        s,
        max_proposals,
        lambda: SeatView(
            role=s.role,
            occupied=s.occupied,
            name=s.name,
            ready=s.ready,
            proposals_left=max(0, max_proposals - s.proposals_made),
        ),
    )


def _proposal_view(p: Proposal, state: GameState) -> ProposalView:
    terms = state.catalog.terms(p.card, p.vector)
    late = terms is not None and too_late(state, p.turn, terms.duration)
    return _from_state(
        p,
        late,
        lambda: ProposalView(
            too_late=late,
            index=p.index,
            seat=p.seat,
            card=p.card,
            vector=p.vector,
            votes=p.votes,
            status=p.status,
            reason=p.reason,
        ),
    )


def _dilemma_view(d: OpenDilemma, cat: Catalog, rules_version: int) -> DilemmaView:
    # how it was decided follows from its votes (only a lot is not replayed here: its label is)
    how = tally(cat, rules_version, d, 0.0)[2] if d.chosen is not None else ""
    return _ENTRIES.get(
        (d, cat),
        rules_version,
        lambda: DilemmaView(
            tie_break=how,
            index=d.index,
            turn=d.turn,
            dilemma=d.dilemma,
            source=d.source,
            votes=d.votes,
            chosen=d.chosen,
            expert_view=cat.dilemmas[d.dilemma].expert_view if d.chosen is not None else None,
        ),
    )


def _event_entry(event: Event) -> EventText:
    return _from_state(event, "text", lambda: event_text(event))


def _dilemma_entry(dilemma: Dilemma) -> DilemmaText:
    return _from_state(dilemma, "text", lambda: dilemma_text(dilemma))


def _event_texts(state: GameState) -> tuple[EventText, ...]:
    """Every event revealed so far, in draw order (one shared entry per event)."""
    events = state.catalog.events
    return _MEMO.get(
        (state.catalog, state.drawn_events),
        "event_texts",
        lambda: tuple(_event_entry(events[e]) for e in state.drawn_events),
    )


def _dilemma_texts(state: GameState) -> tuple[DilemmaText, ...]:
    """Every dilemma opened so far, in the order of `dilemmas` (one shared entry each)."""
    dilemmas = state.catalog.dilemmas
    opened = tuple(d.dilemma for d in state.dilemmas)
    return _MEMO.get(
        (state.catalog,),
        ("dilemma_texts", opened),
        lambda: tuple(_dilemma_entry(dilemmas[d]) for d in opened),
    )


def player_view(state: GameState, seat: str | None) -> PlayerView:
    """Everything `seat` may see (None: the facilitator, who sees everything)."""
    cat = state.catalog
    scenario = cat.pack.scenario
    revealed = seat is None or state.phase is Phase.FIN
    previous = state.gauge_history[-2] if len(state.gauge_history) >= 2 else state.gauge_history[0]
    if state.phase is not Phase.RESOLUTION and state.phase is not Phase.FIN:
        previous = state.gauge_history[-1]
    max_proposals = scenario.rules.max_proposals_per_seat
    show_shadow = state.shadow_revealed or revealed
    hidden = frozenset(() if show_shadow else (s.id for s in scenario.collectivite.shadow_ai))
    risks_fired, feed = _visible_risks(state, hidden)
    return _trusted_view(
        seat=seat,
        turn=state.turn,
        turns=scenario.rules.turns,
        turn_label=scenario.rules.turn_label(state.turn) if state.turn else "",
        phase=state.phase,
        paused=state.paused,
        deadline=state.timer.deadline,
        remaining=state.timer.remaining,
        budget=state.budget,
        capacity_left=state.capacity_left,
        capacity_per_turn=scenario.resources.capacity_per_turn,
        gauges=state.gauges,
        gauge_delta={g: v - previous.get(g, v) for g, v in state.gauges.items()},
        gauge_history=state.gauge_history,
        seats=tuple(_seat_view(s, max_proposals) for s in state.seats),
        secret=cat.roles[seat].secret if seat in cat.roles else None,
        secrets={r.id: r.secret for r in scenario.roles} if revealed else {},
        current_events=state.current_events,
        event_texts=_event_texts(state),
        dilemma_texts=_dilemma_texts(state),
        market=_market(state, seat),
        proposals=tuple(_proposal_view(p, state) for p in state.proposals),
        projects=state.projects,
        dilemmas=tuple(_dilemma_view(d, cat, state.rules_version) for d in state.dilemmas),
        shadow_ai=scenario.collectivite.shadow_ai if show_shadow else None,
        risk_levels=_risk_levels(state),
        risks_fired=risks_fired,
        feed=feed,
        legal_actions=legal_actions(state, seat),
        team_score=state.team_score,
        scores=state.scores,
        objectives_met=state.objectives_met,
        lessons=_MEMO.get((cat,), "lessons", lambda: lessons(cat.pack)) if revealed else {},
    )


# In player_view, once `seat is None` is known, only `seat`, `secret`, `market` and
# `legal_actions` depend on the seat: everything else (including what the
# facilitator's reveal changes: secrets, shadow AI, the masked feed) is the same for
# every player seat of one state.
_set = object.__setattr__
_new_object = object.__new__


def _trusted_view(**fields: Any) -> PlayerView:
    """`PlayerView(**fields)` without validating: every value comes from the (validated,
    frozen) state or from view entries built here, with the field's type already; the
    server builds one after every action. tests/test_engine_views.py checks that
    validating the same fields gives the same view, for every state of whole games."""
    view = _new_object(PlayerView)
    _set(view, "__dict__", fields)
    _set(view, "__pydantic_extra__", None)
    _set(view, "__pydantic_fields_set__", set(fields))
    _set(view, "__pydantic_private__", None)
    return view


def _reseated(view: PlayerView, state: GameState, seat: str) -> PlayerView:
    """`view` (a player seat's view of `state`) as `seat` sees it, without re-validating."""
    cat = state.catalog
    fields = view.__dict__.copy()
    fields["seat"] = seat
    fields["secret"] = cat.roles[seat].secret if seat in cat.roles else None
    fields["market"] = _market(state, seat)
    fields["legal_actions"] = legal_actions(state, seat)
    new = _new_object(PlayerView)
    _set(new, "__dict__", fields)
    _set(new, "__pydantic_extra__", None)
    _set(new, "__pydantic_fields_set__", set(view.__pydantic_fields_set__))
    _set(new, "__pydantic_private__", None)
    return new


def player_views(state: GameState, seats: Iterable[str | None]) -> dict[str | None, PlayerView]:
    """Seat → `player_view(state, seat)` for each of `seats`, the same JSON, built faster.

    The first player seat's view is built and validated; each other player seat's is a
    copy of it with only the seat-dependent fields replaced. The facilitator (None),
    who sees everything revealed, gets `player_view` itself.
    """
    views: dict[str | None, PlayerView] = {}
    base: PlayerView | None = None
    for seat in seats:
        if seat is None:
            views[seat] = player_view(state, None)
        elif base is None:
            views[seat] = base = player_view(state, seat)
        else:
            views[seat] = _reseated(base, state, seat)
    return views
