"""The EventStore interface: what the server needs from a durable store.

Writes return an awaitable, done when the write is durable: the server acknowledges
or broadcasts an action only after awaiting its `append`. A store may put several
writes in one transaction (group commit) as long as each awaitable completes only
after the transaction holding its write committed, and a write refused alone (a
duplicate) does not undo the others. Reads are plain calls and see only committed
writes. tests/test_store_contract.py is what any implementation must pass.
"""

from __future__ import annotations

from collections.abc import Awaitable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True, slots=True)
class WorkshopRow:
    id: str
    token_hash: str  # sha256 hex of the facilitator token
    scenario: str  # pack folder name
    created: float


@dataclass(frozen=True, slots=True)
class TableRow:
    id: str
    workshop_id: str
    code: str  # short human join code
    seed: int
    header: str  # the game log's header, one JSON object
    finished: bool = False
    #: the phase timer's deadline after the last action (None: no timer); only meaningful
    #: when `timer_known` (rows written before the column existed are rebuilt at start)
    deadline: float | None = None
    timer_known: bool = False


@dataclass(frozen=True, slots=True)
class SeatRow:
    table_id: str
    role: str
    token_hash: str  # sha256 hex of the seat token
    name: str = ""


@dataclass(frozen=True, slots=True)
class ActionRow:
    table_id: str
    seq: int  # 0-based position in the table's log; version after it = seq + 1
    action_id: str  # client-chosen id (or a server one for system actions)
    actor: str  # seat role, "facilitator" or "system"
    at: float
    record: str  # the log record, one JSON object (one JSONL line)


class DuplicateActionError(Exception):
    """`append` was given an (table, action_id) or (table, seq) already stored."""


class EventStore(Protocol):
    """Workshops, tables, seat tokens and append-only action logs."""

    def create_workshop(self, workshop: WorkshopRow, tables: Sequence[TableRow]) -> Awaitable[None]:
        """Store a workshop and its tables in one transaction."""
        ...

    def workshop(self, workshop_id: str) -> WorkshopRow | None:
        """The workshop `workshop_id`, or None."""
        ...

    def workshops(self) -> list[WorkshopRow]:
        """Every workshop, oldest first."""
        ...

    def tables(self, *, workshop_id: str | None = None, unfinished: bool = False) -> list[TableRow]:
        """Tables (of one workshop, or all), in creation order."""
        ...

    def table(self, table_id: str) -> TableRow | None:
        """The table `table_id`, or None."""
        ...

    def seats(self, table_id: str) -> list[SeatRow]:
        """Seats of a table that have been given a token."""
        ...

    def actions(self, table_id: str) -> list[ActionRow]:
        """The table's log records in order."""
        ...

    def append(
        self,
        row: ActionRow,
        *,
        claim: SeatRow | None = None,
        release: str | None = None,
        finished: bool = False,
        deadline: float | None = None,
    ) -> Awaitable[None]:
        """Append one action (and claim or release a seat token) durably, all or nothing.

        `deadline` is the table's armed timer after the action (None: none), kept so a
        restart can arm timers without replaying the log.
        The awaitable raises DuplicateActionError if the action id or seq is already stored.
        """
        ...

    def claim_seat(self, seat: SeatRow) -> Awaitable[None]:
        """Give a seat a (new) token without logging an action."""
        ...

    def meta(self, key: str) -> str | None:
        """The server value stored under `key` (admin token hash, signing secret), or None."""
        ...

    def set_meta(self, key: str, value: str) -> None:
        """Store (or replace) a server value."""
        ...

    def add_meta(self, key: str, value: str) -> str:
        """Store `value` under `key` unless one is there; return the stored one."""
        ...

    def close_workshop(self, workshop_id: str, at: float) -> None:
        """Mark a workshop closed."""
        ...

    def closed_workshops(self) -> dict[str, float]:
        """Closed workshops: id → when."""
        ...

    def set_table_names(self, names: dict[str, str]) -> None:
        """Name tables (table id → name)."""
        ...

    def table_names(self) -> dict[str, str]:
        """Every named table: id → name."""
        ...

    def backup(self, target: str | Path) -> None:
        """Copy the whole store to the file `target`, consistently, while it is in use."""
        ...

    def close(self) -> None:
        """Finish the writes already submitted, then release the store's resources."""
        ...
