"""What happened, in the past tense: `apply` returns these, the feed and debrief read them."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from game.engine.actions import VoteChoice
from game.engine.phase import Phase
from game.scenario.models import VectorType


class _Event(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    turn: int = 0


class GameStarted(_Event):
    type: Literal["game_started"] = "game_started"


class PhaseChanged(_Event):
    type: Literal["phase_changed"] = "phase_changed"
    phase: Phase
    deadline: float | None = None


class BudgetGranted(_Event):
    type: Literal["budget_granted"] = "budget_granted"
    amount: int
    budget: int
    capacity: int


class EventRevealed(_Event):
    type: Literal["event_revealed"] = "event_revealed"
    event: str
    injected: bool = False


class CardProposed(_Event):
    type: Literal["card_proposed"] = "card_proposed"
    proposal: int
    seat: str
    card: str
    vector: VectorType | None = None


class VoteCast(_Event):
    type: Literal["vote_cast"] = "vote_cast"
    proposal: int
    seat: str
    choice: VoteChoice
    justification: str = ""


class ProposalDecided(_Event):
    """A proposal was funded (`accepted`) or rejected with the French `reason`."""

    type: Literal["proposal_decided"] = "proposal_decided"
    proposal: int
    card: str
    accepted: bool
    reason: str = ""
    pour: int = 0
    contre: int = 0
    abstention: int = 0


class DilemmaOpened(_Event):
    type: Literal["dilemma_opened"] = "dilemma_opened"
    index: int
    dilemma: str
    source: str


class OptionChosen(_Event):
    type: Literal["option_chosen"] = "option_chosen"
    index: int
    seat: str
    option: str
    justification: str = ""


class DilemmaDecided(_Event):
    type: Literal["dilemma_decided"] = "dilemma_decided"
    index: int
    dilemma: str
    option: str
    votes: dict[str, int] = Field(default_factory=dict)
    tie_break: str = ""


class ProjectAdvanced(_Event):
    type: Literal["project_advanced"] = "project_advanced"
    card: str
    progress: int
    duration: int


class CardDeployed(_Event):
    """A use case went live or a lever was completed."""

    type: Literal["card_deployed"] = "card_deployed"
    card: str
    vector: VectorType | None = None
    missing_steps: tuple[int, ...] = ()  # steps of the method it came before
    exposure_factor: float = 1.0


class CardsUnlocked(_Event):
    type: Literal["cards_unlocked"] = "cards_unlocked"
    cards: tuple[str, ...]
    by: str


class ShadowAiRevealed(_Event):
    type: Literal["shadow_ai_revealed"] = "shadow_ai_revealed"
    by: str


class EffectsApplied(_Event):
    type: Literal["effects_applied"] = "effects_applied"
    source: str
    effects: dict[str, int]


class BranchTaken(_Event):
    """A `si` branch of an event or a risk was judged: `held` says which side applied.

    `text` follows « parce que vous aviez » when held, « faute de » otherwise.
    """

    type: Literal["branch_taken"] = "branch_taken"
    source: str
    held: bool
    text: str
    effects: dict[str, int] = Field(default_factory=dict)


class RunningCostsPaid(_Event):
    """Running costs of deployed cards came off the budget; `unpaid` lists those suspended."""

    type: Literal["running_costs_paid"] = "running_costs_paid"
    amount: int
    budget: int
    unpaid: tuple[str, ...] = ()


class RiskFired(_Event):
    """A risk was drawn and happened; `sources` say what exposed it."""

    type: Literal["risk_fired"] = "risk_fired"
    risk: str
    probability: float
    sources: tuple[str, ...] = ()
    mitigations: tuple[str, ...] = ()
    suspended: str | None = None


class UseCaseSuspended(_Event):
    type: Literal["use_case_suspended"] = "use_case_suspended"
    card: str
    reason: str


class UseCaseResumed(_Event):
    type: Literal["use_case_resumed"] = "use_case_resumed"
    card: str


class SeatChanged(_Event):
    type: Literal["seat_changed"] = "seat_changed"
    seat: str
    occupied: bool
    name: str = ""


class SeatReady(_Event):
    type: Literal["seat_ready"] = "seat_ready"
    seat: str


class Paused(_Event):
    type: Literal["paused"] = "paused"
    paused: bool


class TimerSet(_Event):
    type: Literal["timer_set"] = "timer_set"
    deadline: float | None


class GameEnded(_Event):
    type: Literal["game_ended"] = "game_ended"
    team_score: float
    scores: dict[str, float]
    objectives_met: dict[str, bool]
    needs_met: dict[str, bool] = Field(default_factory=dict)


GameEvent = Annotated[
    GameStarted
    | PhaseChanged
    | BudgetGranted
    | EventRevealed
    | CardProposed
    | VoteCast
    | ProposalDecided
    | DilemmaOpened
    | OptionChosen
    | DilemmaDecided
    | ProjectAdvanced
    | CardDeployed
    | CardsUnlocked
    | ShadowAiRevealed
    | EffectsApplied
    | BranchTaken
    | RunningCostsPaid
    | RiskFired
    | UseCaseSuspended
    | UseCaseResumed
    | SeatChanged
    | SeatReady
    | Paused
    | TimerSet
    | GameEnded,
    Field(discriminator="type"),
]

EVENT_ADAPTER: TypeAdapter[GameEvent] = TypeAdapter(GameEvent)
