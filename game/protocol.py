"""Every message on the wire between a client and the Cap IA server (socket.io + HTTP).

Shared by the server and the client's remote session: the client imports this
module, never `server/`. Every client → server event gets exactly one ack,
either the event's `...Ack` model (`ok: true`) or an `ErrorAck` (`ok: false`).

Socket.io events, client → server (payload → ack):

- ``join``      `JoinRequest`      → `JoinAck`       (players; no connect auth)
- ``act``       `ActRequest`       → `ActAck`        (an element of the view's `legal_actions`)
- ``sync``      `SyncRequest`      → `SyncAck`
- ``leave``     `LeaveRequest`     → `LeaveAck`      (the seat becomes empty)
- ``control``   `ControlRequest`   → `ActAck`        (facilitator)
- ``notice``    `NoticeRequest`    → `NoticeAck`     (facilitator)
- ``sync_all``  `SyncAllRequest`   → `SyncAllAck`    (facilitator)
- ``table_view`` `TableViewRequest` → `SyncAck`      (facilitator: everything revealed)

Requests are validated strictly: a string is not a number, a boolean is not an
integer, a number is not a string (a wrong type gets a `bad_request` ack naming
the field, and changes nothing).

Every action carries `at` (seconds since the epoch). The actions of a view's
`legal_actions` have ``at: 0.0``; a client may send them as they are. The server
ignores whatever `at` a client sends: it stamps its own clock on each action it
applies (the time the log records and the timers count from).

A facilitator connects with socket.io auth `FacilitatorAuth`
(``{"facilitator_token": ...}``); a player connects without auth, then joins.

Server → client events (each payload is one JSON object; the server writes
`view` and `summary` payloads as JSON text itself and puts that text in the
socket.io packet as it is, so a client decodes one object, never a string):

- ``view``    after every change, each seat gets its own view. Either a
  whole `ViewMessage` ``{table_id, version, view}`` (the first after a join
  or a sync), or a **patch** of the view this connection was last sent for
  that seat: ``{table_id, version, seat, base, changes, lists}`` where `base`
  is that earlier version, `changes` maps each top-level field that changed
  to its new value, and `lists` maps a changed list field to ``[start,
  length, [[i, item], ...]]``: keep the old list from `start`, cut or pad it
  to `length`, then set each listed item (a vote changes one proposal, a new
  event shifts the feed by one). `SeatView` applies both (as a decoded
  object, or as JSON text); a patch whose base is not the view held is a gap:
  call ``sync``.
- ``notice``  `NoticeMessage`: a facilitator message, or « votre place a été
  reprise » when another connection took this seat over with its token.
- ``summary`` `WorkshopSummary`: to the facilitator after every change.

A view holds what its seat may see now, and nothing the rules reveal later: the
pack a seat joins with (`JoinAck.pack_url`, `game.engine.public_pack`) has no event,
dilemma, expert view, lesson, secret objective, shadow AI nor probability; the
view carries each once revealed (game/engine/public.py lists when).

Versions are the length of a table's log: a client that sees a gap calls
``sync``. The same `action_id` sent twice is applied once and acked twice.
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from game.engine.actions import Action
from game.engine.phase import Phase
from game.engine.view_models import PlayerView

PROTOCOL_VERSION = 1

#: Largest client event the server reads: its socket.io packet as sent (``42<id>["act",{...}]``),
#: in UTF-8 bytes. A bigger one is answered `payload_too_large` without being read, and the
#: connection stays; a frame bigger than MAX_TRANSPORT_BYTES makes the transport close the
#: connection instead (the seat rejoins with its token). JSON nested deeper than
#: MAX_JSON_DEPTH arrays or objects is not decoded: `bad_request`.
MAX_MESSAGE_BYTES = 16_384
MAX_TRANSPORT_BYTES = 2 * 1024 * 1024
MAX_JSON_DEPTH = 64

ActionId = str
_ID = Field(min_length=1, max_length=64)
SCENARIO_NAME_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
TABLE_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
TABLE_CODE_LENGTH = 6


class EventName(StrEnum):
    """Socket.io event names."""

    JOIN = "join"
    ACT = "act"
    SYNC = "sync"
    LEAVE = "leave"
    CONTROL = "control"
    NOTICE = "notice"
    SYNC_ALL = "sync_all"
    TABLE_VIEW = "table_view"
    VIEW = "view"
    SUMMARY = "summary"


class ErrorCode(StrEnum):
    """Machine codes of `ErrorInfo.code`; the message next to it is French."""

    BAD_REQUEST = "bad_request"  # malformed payload: wrong type, missing or unknown field
    PAYLOAD_TOO_LARGE = "payload_too_large"
    UNKNOWN_EVENT = "unknown_event"
    UNKNOWN_TABLE = "unknown_table"  # no table with this code or id
    UNKNOWN_SEAT = "unknown_seat"  # no such role at this table
    SEAT_TAKEN = "seat_taken"  # the seat belongs to another player (use its token)
    NO_FREE_SEAT = "no_free_seat"
    BAD_TOKEN = "bad_token"  # the token is not this table's
    NOT_JOINED = "not_joined"  # act/sync before join
    FORBIDDEN = "forbidden"  # not your seat, not your workshop, not a facilitator
    ILLEGAL_ACTION = "illegal_action"  # refused by the rules: see `ErrorInfo.rule`
    UNKNOWN_SCENARIO = "unknown_scenario"  # HTTP: no pack of that name on this server
    UNKNOWN_WORKSHOP = "unknown_workshop"
    WORKSHOP_CLOSED = "workshop_closed"  # the workshop was closed: no joins, no actions
    UNAUTHORIZED = "unauthorized"  # HTTP: the admin token is missing or wrong
    INTERNAL = "internal"


class _Msg(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class _Request(_Msg):
    """What a client sends: validated strictly (a string is not a number, a boolean is not
    an integer, a number is not a string), as the actions it carries are."""

    model_config = ConfigDict(strict=True)


# --- errors ----------------------------------------------------------------


class ErrorInfo(_Msg):
    code: ErrorCode
    message: str  # French, for a person
    rule: str | None = None  # the engine's IllegalAction code when code == illegal_action


class ErrorAck(_Msg):
    ok: Literal[False] = False
    error: ErrorInfo


# --- players -----------------------------------------------------------------


class JoinRequest(_Request):
    """Sit at the table whose join code is `code`.

    With `token`: take back the seat this token was given for (after a drop or a
    server restart; an older connection holding it loses it). Without: take
    `seat` if it is free, else the first free seat; the ack carries a new token
    to keep. One connection may join several seats of the same table (shared screen).
    """

    code: str = Field(min_length=1, max_length=16)
    name: str = Field(default="", max_length=40)
    seat: str | None = Field(default=None, min_length=1, max_length=64)
    token: str | None = Field(default=None, min_length=1, max_length=128)


class JoinAck(_Msg):
    ok: Literal[True] = True
    token: str
    seat: str
    table_id: str
    version: int
    view: PlayerView
    #: public_pack(pack), what every seat may read from the start, is served once by
    #: HTTP at `pack_url` (`GET /api/packs/{hash}`, ETag = the hash); clients keep it by hash
    pack_hash: str
    pack_url: str


class ActRequest(_Request):
    """Apply `action` as the sender's seat. `action.seat` may be omitted when the
    connection holds one seat; any other seat than the sender's is refused. The
    action's `at` is ignored: the server stamps its own time."""

    action: Action
    action_id: ActionId = _ID


class ActAck(_Msg):
    ok: Literal[True] = True
    version: int


class SyncRequest(_Request):
    seat: str | None = Field(default=None, max_length=64)  # which held seat (default: the first)


class SyncAck(_Msg):
    ok: Literal[True] = True
    table_id: str
    version: int
    view: PlayerView


class LeaveRequest(_Request):
    seat: str | None = Field(default=None, max_length=64)


class LeaveAck(_Msg):
    ok: Literal[True] = True
    version: int


# --- facilitator ------------------------------------------------------------------


class FacilitatorAuth(_Request):
    facilitator_token: str = Field(min_length=1, max_length=128)


class ControlRequest(_Request):
    table_id: str = _ID
    action: Action
    action_id: ActionId = _ID


class NoticeRequest(_Request):
    table_id: str | None = Field(default=None, max_length=64)  # None: every table
    text: str = Field(min_length=1, max_length=500)


class NoticeAck(_Msg):
    ok: Literal[True] = True


class SyncAllRequest(_Request):
    pass


class TableViewRequest(_Request):
    table_id: str = _ID


class SeatSummary(_Msg):
    role: str
    title: str
    occupied: bool
    connected: bool
    name: str = ""
    ready: bool = False
    voted: bool = False  # has voted on everything open in this phase (vote / dilemmes)


class TableSummary(_Msg):
    table_id: str
    code: str
    name: str = ""  # given at opening, else ""
    version: int
    phase: Phase
    turn: int
    turns: int
    paused: bool
    deadline: float | None = None
    remaining: float | None = None
    gauges: dict[str, int]
    budget: int
    seats: tuple[SeatSummary, ...]
    #: open dilemmas of this turn: dilemma id → option id → number of votes
    dilemma_votes: dict[str, dict[str, int]] = Field(default_factory=dict)
    team_score: float | None = None
    facilitator_actions: tuple[Action, ...] = ()


class WorkshopSummary(_Msg):
    workshop_id: str
    scenario: str
    tables: tuple[TableSummary, ...]


class SyncAllAck(_Msg):
    ok: Literal[True] = True
    summary: WorkshopSummary


# --- server → client -------------------------------------------------------------


class ViewMessage(_Msg):
    table_id: str
    version: int
    view: PlayerView


class NoticeMessage(_Msg):
    table_id: str | None = None
    text: str
    kind: Literal["facilitator", "seat_taken"] = "facilitator"
    seat: str | None = None  # for seat_taken: the seat this connection lost


# --- HTTP ----------------------------------------------------------------------------


class CreateWorkshopRequest(_Request):
    """`POST /api/workshops`: open a workshop of `tables` tables of scenario `scenario`."""

    scenario: str = Field(pattern=SCENARIO_NAME_PATTERN)
    tables: int = Field(ge=1, le=50)
    seed: int | None = Field(default=None, ge=0, le=2**53)
    #: the tables' names in order (« Les Bleus »…), as many as `tables`; None: unnamed
    names: tuple[Annotated[str, Field(min_length=1, max_length=40)], ...] | None = None

    @model_validator(mode="after")
    def _one_name_per_table(self) -> CreateWorkshopRequest:
        if self.names is not None and len(self.names) != self.tables:
            raise ValueError(f"{len(self.names)} nom(s) de table pour {self.tables} table(s).")
        return self


class TableRef(_Msg):
    table_id: str
    code: str
    name: str = ""


class CreateWorkshopResponse(_Msg):
    workshop_id: str
    facilitator_token: str
    scenario: str
    tables: tuple[TableRef, ...]


class PublicSeat(_Msg):
    role: str
    title: str
    mission: str
    occupied: bool  # someone holds this seat (free seats can be joined without token)
    name: str = ""


class PublicTable(_Msg):
    """`GET /api/tables/by-code/{code}`: what the connect screen shows (no secrets)."""

    table_id: str
    code: str
    scenario_title: str
    collectivite: str
    phase: Phase
    seats: tuple[PublicSeat, ...]
    #: where a phone joins this table (`/t/CODE` on the server's LAN or public address)
    join_url: str = ""


M = TypeVar("M", bound=BaseModel)


def decode(model: type[M], data: object) -> M:
    """Validate a received payload (a dict, or a JSON text) into `model`."""
    if isinstance(data, str | bytes):
        return model.model_validate_json(data)
    return model.model_validate(data)


# --- view patches (client side) ----------------------------------------------------------


def patch_view(
    view: dict[str, Any], changes: dict[str, Any], lists: dict[str, Any]
) -> dict[str, Any]:
    """The view dict `view` with a patch's `changes` and `lists` applied (a new dict).

    Raises ValueError when the patch does not fit the view (a field that is not a list,
    an item index out of range).
    """
    out = dict(view)
    out.update(changes)
    for name, (start, length, items) in lists.items():
        old = view.get(name)
        if not isinstance(old, list) or not (0 <= start <= len(old)) or length < 0:
            raise ValueError(f"patch of {name!r} does not fit the view")
        new: list[Any] = old[start : start + length]
        new += [None] * (length - len(new))
        for i, item in items:
            if not 0 <= i < length:
                raise ValueError(f"patch of {name!r}: index {i} out of range")
            new[i] = item
        out[name] = new
    return out


class SeatView:
    """The latest view of one seat, as a JSON dict, kept from whole views and patches.

    `take` a `view` message (the decoded object socket.io hands over, or its JSON text);
    `reset` with the view of a join or sync ack.
    """

    def __init__(self) -> None:
        self.version = -1
        self.table_id: str | None = None
        self.view: dict[str, Any] | None = None

    def reset(self, version: int, view: dict[str, Any], table_id: str | None = None) -> bool:
        """Hold `view` at `version` unless a newer one is held; True if it was taken."""
        if version <= self.version and self.view is not None:
            return False
        self.version, self.view = version, view
        self.table_id = table_id or self.table_id
        return True

    def take(self, data: object) -> Literal["new", "stale", "gap"]:
        """Apply one `view` message: "new" (held view changed), "stale" or "gap" (call sync)."""
        msg = json.loads(data) if isinstance(data, str | bytes) else data
        if not isinstance(msg, dict) or not isinstance(msg.get("version"), int):
            return "gap"
        return self.take_message(msg)

    def take_message(self, msg: dict[str, Any]) -> Literal["new", "stale", "gap"]:
        """`take` of a decoded message."""
        version: int = msg["version"]
        if version <= self.version and self.view is not None:
            return "stale"
        if "view" in msg:
            return "new" if self.reset(version, msg["view"], msg.get("table_id")) else "stale"
        if self.view is None or msg.get("base") != self.version:
            return "gap"
        try:
            self.view = patch_view(self.view, msg.get("changes", {}), msg.get("lists", {}))
        except (ValueError, TypeError):
            return "gap"
        self.version = version
        return "new"


def view_message_seat(data: object) -> tuple[dict[str, Any], str | None]:
    """A `view` message decoded, and the seat it is for (a connection may hold several)."""
    msg = json.loads(data) if isinstance(data, str | bytes) else data
    if not isinstance(msg, dict):
        return {}, None
    view = msg.get("view")
    seat = view.get("seat") if isinstance(view, dict) else msg.get("seat")
    return msg, seat if isinstance(seat, str) else None
