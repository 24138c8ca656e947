"""The state of one table's game: frozen pydantic models, tuples, copied on change.

The pack is carried by reference (`catalog`, excluded from dumps): the state's
JSON is the game's dynamic part only, and its canonical hash proves replays.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from enum import StrEnum
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field

from game.engine.actions import VoteChoice
from game.engine.catalog import Catalog
from game.engine.events import GameEvent
from game.engine.phase import Phase
from game.engine.terms import CardKind
from game.scenario.models import Exposure, VectorType

FEED_LENGTH = 40

#: The rules a game is played under. 2: the rules of engine versions 1 and 2 (a dilemma
#: is decided when its phase closes, ties by lot, a vote is final). 3: a dilemma is
#: decided once every occupied seat has voted, ties go to the arbiter then to the
#: earliest vote (lot only when nobody voted), votes may change until the seat is ready.
RULES_VERSION = 3

_set = object.__setattr__
_new_object = object.__new__


class _State(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """Pydantic's model_copy (no validation), minus its generic overhead on the hot path.

        The rules copy states tens of thousands of times per game; pydantic's version goes
        through `copy.copy` four times per call. This does the same for these models (no
        extra fields, no private attributes): copy the fields, apply `update`, mark the
        updated fields as set.
        """
        if deep or not update or self.__pydantic_private__ is not None:
            return super().model_copy(update=update, deep=deep)
        new = _new_object(type(self))
        fields = self.__dict__.copy()
        fields.update(update)
        _set(new, "__dict__", fields)
        _set(new, "__pydantic_extra__", None)
        _set(new, "__pydantic_fields_set__", self.__pydantic_fields_set__ | update.keys())
        _set(new, "__pydantic_private__", None)
        return new


class Seat(_State):
    role: str
    occupied: bool = False
    name: str = ""
    ready: bool = False
    proposals_made: int = 0


class Ballot(_State):
    choice: VoteChoice
    justification: str = ""


class ProposalStatus(StrEnum):
    OPEN = "open"
    FUNDED = "funded"
    REJECTED = "rejected"


class Proposal(_State):
    index: int
    turn: int
    seat: str
    card: str
    vector: VectorType | None = None
    votes: dict[str, Ballot] = Field(default_factory=dict)
    status: ProposalStatus = ProposalStatus.OPEN
    reason: str = ""


class ProjectStatus(StrEnum):
    IN_PROGRESS = "in_progress"
    DEPLOYED = "deployed"
    SUSPENDED = "suspended"


class SuspensionCause(StrEnum):
    """Why a deployed card stopped: a lever a dilemma made it wait for, or a risk that fired."""

    OBLIGATION = "obligation"  # resumes by itself once the required levers are done
    RISK = "risk"  # stays suspended
    UNPAID = "unpaid"  # its running cost could not be paid; resumes once it is


class Project(_State):
    """A funded card: a use case with its vector, or a lever."""

    card: str
    kind: CardKind
    vector: VectorType | None = None
    started: int
    progress: int = 0
    duration: int
    capacity: int
    status: ProjectStatus = ProjectStatus.IN_PROGRESS
    deployed_turn: int | None = None
    suspended_reason: str = ""  # French, for the players
    suspended_by: SuspensionCause | None = None
    missing_steps: tuple[int, ...] = ()  # steps of the method not done when it deployed
    exposure_factor: float = 1.0  # its exposures, raised for each missing step


class DilemmaVote(_State):
    option: str
    justification: str = ""


class OpenDilemma(_State):
    index: int
    turn: int
    dilemma: str
    source: str  # the event or use case that triggered it
    votes: dict[str, DilemmaVote] = Field(default_factory=dict)
    chosen: str | None = None


class RiskFiring(_State):
    turn: int
    risk: str
    probability: float
    sources: tuple[str, ...] = ()
    mitigations: tuple[str, ...] = ()
    suspended: str | None = None


class Rng(_State):
    seed: int
    counter: int = 0


class Timer(_State):
    deadline: float | None = None
    remaining: float | None = None  # while paused


class GameState(_State):
    catalog: Catalog = Field(exclude=True, repr=False)
    #: which rules the game is played under (see RULES_VERSION); from the log's header,
    #: so not in the state's JSON
    rules_version: int = Field(default=RULES_VERSION, exclude=True, repr=False)
    seq: int = 0
    turn: int = 0
    phase: Phase = Phase.LOBBY
    paused: bool = False
    timer: Timer = Field(default_factory=Timer)
    seats: tuple[Seat, ...]
    gauges: dict[str, int]
    gauge_history: tuple[dict[str, int], ...] = ()
    budget: int = 0
    capacity_left: int = 0
    unlocked: tuple[str, ...] = ()
    shadow_revealed: bool = False
    drawn_events: tuple[str, ...] = ()
    current_events: tuple[str, ...] = ()
    proposals: tuple[Proposal, ...] = ()
    projects: tuple[Project, ...] = ()
    dilemmas: tuple[OpenDilemma, ...] = ()
    extra_exposures: tuple[Exposure, ...] = ()
    obligations: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    risks_fired: tuple[RiskFiring, ...] = ()
    feed: tuple[GameEvent, ...] = ()
    rng: Rng
    team_score: float | None = None
    scores: dict[str, float] = Field(default_factory=dict)
    objectives_met: dict[str, bool] = Field(default_factory=dict)
    needs_met: dict[str, bool] = Field(default_factory=dict)

    def seat(self, role: str) -> Seat | None:
        """The seat of role `role`, or None."""
        for s in self.seats:
            if s.role == role:
                return s
        return None

    def project(self, card: str) -> Project | None:
        """The project of card `card`, or None if it was never funded."""
        for p in self.projects:
            if p.card == card:
                return p
        return None

    def canonical_json(self) -> str:
        """The dynamic state as canonical JSON (the pack is left out)."""
        return self.model_dump_json()

    def state_hash(self) -> str:
        """SHA-256 of the canonical JSON: equal hashes mean identical games."""
        return hashlib.sha256(self.canonical_json().encode()).hexdigest()
