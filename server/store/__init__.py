"""Durable storage of workshops, tables, seats and action logs."""

from server.store.base import (
    ActionRow,
    DuplicateActionError,
    EventStore,
    SeatRow,
    TableRow,
    WorkshopRow,
)
from server.store.sqlite import SqliteStore

__all__ = [
    "ActionRow",
    "DuplicateActionError",
    "EventStore",
    "SeatRow",
    "SqliteStore",
    "TableRow",
    "WorkshopRow",
]
