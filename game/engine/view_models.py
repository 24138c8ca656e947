"""What one seat (or the facilitator) may see: the only shape state leaves the server in."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from game.engine.actions import Action
from game.engine.events import GameEvent
from game.engine.phase import Phase
from game.engine.state import Ballot, DilemmaVote, Project, ProposalStatus, RiskFiring
from game.engine.terms import CardKind
from game.scenario.models import SecretObjective, ShadowAi, VectorType


class _View(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class CardStatus(StrEnum):
    AVAILABLE = "available"  # may be proposed now by this seat
    LOCKED = "locked"  # cannot be proposed now: see `reason`
    PROPOSED = "proposed"  # on the table this turn
    IN_PROGRESS = "in_progress"
    DEPLOYED = "deployed"
    SUSPENDED = "suspended"


class RiskLevel(StrEnum):
    FAIBLE = "faible"
    MOYEN = "moyen"
    ELEVE = "eleve"


class MarketVector(_View):
    type: VectorType
    available: bool
    reason: str = ""
    too_late: bool = False  # funded now, it would not deploy before the game ends


class MarketCard(_View):
    card: str
    kind: CardKind
    status: CardStatus
    reason: str = ""
    vectors: tuple[MarketVector, ...] = ()
    too_late: bool = False  # taken now (with any vector), it would not finish in time


class SeatView(_View):
    role: str
    occupied: bool
    name: str = ""
    ready: bool = False
    proposals_left: int = 0


class ProposalView(_View):
    index: int
    seat: str
    card: str
    vector: VectorType | None = None
    votes: dict[str, Ballot] = Field(default_factory=dict)
    status: ProposalStatus
    reason: str = ""
    #: funded this turn it would not deploy before the game ends (shown before the vote)
    too_late: bool = False


class DilemmaView(_View):
    index: int
    turn: int = 0  # the turn it was opened (and decided) in
    dilemma: str
    source: str
    votes: dict[str, DilemmaVote] = Field(default_factory=dict)
    chosen: str | None = None
    expert_view: str | None = None  # the « regard d'expert », read once the dilemma is decided
    #: how a tie was broken once decided: "", "arbitre", "premier vote" or "tirage au sort"
    #: (with no votes: nobody voted)
    tie_break: str = ""


class EventText(_View):
    """An event as the table reads it, once drawn or injected."""

    id: str
    title: str
    text: str
    effects: dict[str, int] = Field(default_factory=dict)


class OptionText(_View):
    id: str
    label: str


class DilemmaText(_View):
    """A dilemma as the table reads it, once opened."""

    id: str
    title: str
    situation: str
    options: tuple[OptionText, ...]


class PlayerView(_View):
    seat: str | None  # None: the facilitator's view (everything revealed)
    turn: int
    turns: int
    #: the turn's fictional date from the pack's calendar (« S1 2027 »), else « tour N »
    turn_label: str = ""
    phase: Phase
    paused: bool
    deadline: float | None = None
    remaining: float | None = None
    budget: int
    capacity_left: int
    capacity_per_turn: int
    gauges: dict[str, int]
    gauge_delta: dict[str, int]
    gauge_history: tuple[dict[str, int], ...] = ()
    seats: tuple[SeatView, ...]
    secret: SecretObjective | None = None  # this seat's own objective
    secrets: dict[str, SecretObjective] = Field(default_factory=dict)  # all, once revealed
    current_events: tuple[str, ...] = ()
    #: texts of every event revealed so far and of every dilemma opened so far (the
    #: pack a seat joins with has neither: game/engine/public.py)
    event_texts: tuple[EventText, ...] = ()
    dilemma_texts: tuple[DilemmaText, ...] = ()
    market: tuple[MarketCard, ...] = ()
    proposals: tuple[ProposalView, ...] = ()
    projects: tuple[Project, ...] = ()
    dilemmas: tuple[DilemmaView, ...] = ()
    shadow_ai: tuple[ShadowAi, ...] | None = None  # None while hidden
    risk_levels: dict[str, RiskLevel] = Field(default_factory=dict)
    risks_fired: tuple[RiskFiring, ...] = ()
    feed: tuple[GameEvent, ...] = ()
    #: every action this seat may send now, ready to send: each has `at` 0.0 (whoever
    #: applies an action stamps its own time: the server ignores a client's `at`)
    legal_actions: tuple[Action, ...] = ()
    team_score: float | None = None
    scores: dict[str, float] = Field(default_factory=dict)
    objectives_met: dict[str, bool] = Field(default_factory=dict)
    lessons: dict[str, str] = Field(default_factory=dict)  # risk id → lesson, at the end
