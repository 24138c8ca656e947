"""The only door from the scenes to the game: a seat's session and the facilitator's session.

Scenes read `view` (a `PlayerView`), `texts` (the pack's public texts) and send
actions; they never know whether the game runs in-process or on a server.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from dataclasses import dataclass

from game.client.texts import PackTexts
from game.engine.actions import Action
from game.engine.view_models import PlayerView


class Session(ABC):
    """A table seen from one or more seats of one client."""

    texts: PackTexts
    #: every seat this client holds (several in hot-seat)
    seats: tuple[str, ...] = ()
    #: the seat whose screen is shown now
    seat: str | None = None
    #: True when several people share this screen and pass it around
    hot_seat: bool = False
    #: one line for the status bar (« connecté », « reconnexion… »)
    status: str = ""
    #: True for a replay: scenes show the table but offer nothing to send
    read_only: bool = False
    #: False while the server cannot be reached (a networked seat)
    connected: bool = True
    #: True when another window took this seat over with its token (see `take_back`)
    seat_lost: bool = False

    def __init__(self) -> None:
        #: the facilitator's messages to this table, oldest first, kept for the feed
        self.notices: list[str] = []
        #: how many of them the screen has shown and someone dismissed
        self.notices_read = 0

    def take_back(self) -> None:  # noqa: B027 - only networked seats can lose theirs
        """Take this seat back from the window that took it."""

    @property
    @abstractmethod
    def view(self) -> PlayerView | None:
        """The current seat's latest view (None before the first one arrives)."""

    @property
    @abstractmethod
    def version(self) -> int:
        """Grows each time `view` changes: scenes rebuild when it moves."""

    @abstractmethod
    def send(self, action: Action) -> None:
        """Send one action for the current seat; refusals come back through `poll`."""

    @abstractmethod
    def poll(self) -> list[str]:
        """Process what arrived; return French messages to show (notices, errors)."""

    def now(self) -> float:
        """The clock the game's deadlines are measured against."""
        return time.time()

    def view_of(self, seat: str) -> PlayerView | None:
        """Another held seat's view (hot-seat); None if not held."""
        return self.view if seat == self.seat else None

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release the connection or the game."""


@dataclass(frozen=True)
class TableSummary:
    """What the facilitator console shows of one table."""

    table_id: str
    code: str
    view: PlayerView  # the facilitator's view of the table (everything revealed)
    number: int = 0  # its place in the workshop, from 1
    name: str = ""  # given at opening (« Les Bleus »), else ""

    @property
    def label(self) -> str:
        """« Table 1 · FF5R3K »: how the console, the projection and the toasts name it."""
        return f"Table {self.number} · {self.code}" if self.number else f"Table {self.code}"


class FacilitatorSession(ABC):
    """Every table of one workshop, seen and driven by the facilitator."""

    texts: PackTexts
    status: str = ""
    #: False while the server cannot be reached (nothing can be sent)
    connected: bool = True

    @property
    @abstractmethod
    def tables(self) -> tuple[TableSummary, ...]:
        """The workshop's tables, in a stable order."""

    @property
    @abstractmethod
    def version(self) -> int:
        """Grows each time any table changes."""

    def now(self) -> float:
        """The clock the tables' deadlines are measured against."""
        return time.time()

    @abstractmethod
    def control(self, table_id: str, action: Action) -> None:
        """Apply one facilitator action to one table."""

    @abstractmethod
    def notice(self, text: str, table_id: str | None = None) -> None:
        """Show a message on the screens of one table (or all when None)."""

    @abstractmethod
    def poll(self) -> list[str]:
        """Process what arrived; return French messages to show."""

    def log_text(self, table_id: str) -> str | None:
        """One table's JSONL game log for the replay viewer (None when not available)."""
        return None

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release the connection."""
