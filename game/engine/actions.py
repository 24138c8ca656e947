"""Every thing a seat, the facilitator or the system can do: one model per action.

Actions are imperative (`Propose`); each carries a `type` literal so that
`Action` is a discriminated union. `at` is the time (seconds since the epoch)
stamped by whoever applies the action: the rules read no clock.

Actions are validated strictly (they arrive from clients): a string is not a
number, a boolean is not an integer, a number is not a string. Enum fields
still take their value as a string in Python mode too, so an action read back
from a JSON log with `json.loads` validates the same as from the JSON text.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from game.scenario.models import VectorType

MAX_JUSTIFICATION = 500


class VoteChoice(StrEnum):
    POUR = "pour"
    CONTRE = "contre"
    ABSTENTION = "abstention"


class _Action(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    at: float = Field(
        default=0.0, ge=0, allow_inf_nan=False, description="Horodatage posé par le serveur."
    )


class _SeatAction(_Action):
    seat: str = Field(min_length=1, max_length=64)


# --- seats ---------------------------------------------------------------


class Propose(_SeatAction):
    """Put a card (and, for a use case, one of its vectors) on the table."""

    type: Literal["propose"] = "propose"
    card: str = Field(min_length=1, max_length=64)
    vector: VectorType | None = Field(default=None, strict=False)  # "interne" in a JSON dict


class Vote(_SeatAction):
    """Vote pour / contre / abstention on a proposal of this turn (once)."""

    type: Literal["vote"] = "vote"
    proposal: int = Field(ge=0, le=1000)
    choice: VoteChoice = Field(strict=False)  # "pour" in a JSON dict
    justification: str = Field(default="", max_length=MAX_JUSTIFICATION)


class ChooseOption(_SeatAction):
    """Vote for one option of a pending dilemma (once)."""

    type: Literal["choose_option"] = "choose_option"
    dilemma: int = Field(ge=0, le=1000)
    option: str = Field(min_length=1, max_length=64)
    justification: str = Field(default="", max_length=MAX_JUSTIFICATION)


class Ready(_SeatAction):
    """Say this seat is done with the current phase (final for the phase)."""

    type: Literal["ready"] = "ready"


# --- system (the server, on behalf of the connection layer) --------------


class OccupySeat(_SeatAction):
    """A player sits down at a seat (it now votes and counts for « tous prêts »)."""

    type: Literal["occupy_seat"] = "occupy_seat"
    name: str = Field(default="", max_length=40)


class LeaveSeat(_SeatAction):
    """A seat becomes empty."""

    type: Literal["leave_seat"] = "leave_seat"


# --- facilitator ---------------------------------------------------------


class StartGame(_Action):
    type: Literal["start_game"] = "start_game"


class Pause(_Action):
    type: Literal["pause"] = "pause"


class Resume(_Action):
    type: Literal["resume"] = "resume"


class AdvancePhase(_Action):
    type: Literal["advance_phase"] = "advance_phase"


class SetTimer(_Action):
    """Set the current phase's remaining time to `seconds` (0 removes the timer)."""

    type: Literal["set_timer"] = "set_timer"
    seconds: int = Field(ge=0, le=24 * 3600)


class ExtendTimer(_Action):
    type: Literal["extend_timer"] = "extend_timer"
    seconds: int = Field(ge=1, le=3600)


class InjectEvent(_Action):
    """Reveal and apply an event of the deck now (it leaves the deck)."""

    type: Literal["inject_event"] = "inject_event"
    event: str = Field(min_length=1, max_length=64)


class EndGame(_Action):
    type: Literal["end_game"] = "end_game"


class PhaseTimeout(_Action):
    """The current phase's timer ran out (sent by the server's timer)."""

    type: Literal["phase_timeout"] = "phase_timeout"


SeatAction = Propose | Vote | ChooseOption | Ready | OccupySeat | LeaveSeat
FacilitatorAction = (
    StartGame | Pause | Resume | AdvancePhase | SetTimer | ExtendTimer | InjectEvent | EndGame
)
Action = Annotated[
    SeatAction | FacilitatorAction | PhaseTimeout,
    Field(discriminator="type"),
]

ACTION_ADAPTER: TypeAdapter[Action] = TypeAdapter(Action)

#: Actions a player's connection may send (the server checks `seat` is its own).
PLAYER_ACTION_TYPES = frozenset({"propose", "vote", "choose_option", "ready"})
#: Actions the facilitator's `control` may send.
FACILITATOR_ACTION_TYPES = frozenset(
    {
        "start_game",
        "pause",
        "resume",
        "advance_phase",
        "set_timer",
        "extend_timer",
        "inject_event",
        "end_game",
    }
)


def parse_action(data: object) -> Action:
    """Validate a JSON-like object into an `Action` (raises pydantic.ValidationError)."""
    return ACTION_ADAPTER.validate_python(data)
