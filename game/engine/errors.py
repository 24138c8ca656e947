"""The one exception type the rules raise for an action that may not be applied now."""

from __future__ import annotations

from enum import StrEnum


class RefusalCode(StrEnum):
    """Why the rules refuse an action: the machine side of a refusal (the server's `rule`)."""

    # the seat
    UNKNOWN_SEAT = "unknown_seat"
    EMPTY_SEAT = "empty_seat"
    ALREADY_READY = "already_ready"
    FACILITATOR = "facilitator"  # the facilitator has no seat to propose from
    # the game's moment
    GAME_OVER = "game_over"
    PAUSED = "paused"
    WRONG_PHASE = "wrong_phase"
    NOT_STARTED = "not_started"
    ALREADY_STARTED = "already_started"
    ALREADY_PAUSED = "already_paused"
    NOT_PAUSED = "not_paused"
    NO_TIMER = "no_timer"
    TOO_EARLY = "too_early"
    # proposing a card
    NO_PROPOSALS_LEFT = "no_proposals_left"
    UNKNOWN_CARD = "unknown_card"
    UNKNOWN_VECTOR = "unknown_vector"
    LOCKED = "locked"
    ALREADY_FUNDED = "already_funded"
    ALREADY_PROPOSED = "already_proposed"
    REQUIREMENT = "requirement"
    BUDGET = "budget"
    CAPACITY = "capacity"
    # voting
    UNKNOWN_PROPOSAL = "unknown_proposal"
    ALREADY_VOTED = "already_voted"
    UNKNOWN_DILEMMA = "unknown_dilemma"
    UNKNOWN_OPTION = "unknown_option"
    # events
    UNKNOWN_EVENT = "unknown_event"
    EVENT_DRAWN = "event_drawn"


class IllegalAction(Exception):
    """An action refused by the rules: a machine `code` and a French `message`.

    The state given to `apply` is never changed when this is raised.
    """

    def __init__(self, code: RefusalCode, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
