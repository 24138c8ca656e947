"""A read-only Session over a Replayer: the table scenes draw a logged game at any position.

The cursor (`position`) counts applied actions, as in `game.replay`; `seat`
is whose view is shown (None: the facilitator, everything revealed). Moving
the cursor uses the Replayer's checkpoints, so any seek is a few `apply`s.
"""

from __future__ import annotations

from game.client.sessions.base import Session
from game.client.texts import PackTexts
from game.engine import facilitator_pack, player_view
from game.engine.actions import Action
from game.engine.view_models import PlayerView
from game.replay import Replayer
from game.scenario.models import Pack


class ReplaySession(Session):
    """One logged table seen from one seat (or the facilitator) at the replay cursor."""

    read_only = True

    def __init__(self, replayer: Replayer, *, seat: str | None = None) -> None:
        super().__init__()
        pack = Pack.model_validate(replayer.header["scenario"])
        self.replayer = replayer
        self.texts = PackTexts(facilitator_pack(pack))  # a debrief: every text is open
        self.roles = tuple(r.id for r in pack.scenario.roles)
        self.turns = pack.scenario.rules.turns
        if seat is not None and seat not in self.roles:
            raise ValueError(f"rôle inconnu : {seat} (rôles : {', '.join(self.roles)})")
        self.seats = self.roles
        self.seat = seat
        self.status = "relecture"
        self._version = 0
        self._view: tuple[tuple[int, str | None], PlayerView] | None = None
        self._messages: list[str] = []

    @classmethod
    def from_jsonl(cls, text: str, *, seat: str | None = None) -> ReplaySession:
        """A replay session over a JSONL game log (the text of a `.jsonl` file)."""
        return cls(Replayer.from_jsonl(text), seat=seat)

    # --- cursor ------------------------------------------------------------
    @property
    def position(self) -> int:
        """How many actions have been applied at the cursor (0: nothing yet)."""
        return self.replayer.position

    @property
    def length(self) -> int:
        """The number of actions in the log (the last position)."""
        return len(self.replayer)

    def seek(self, index: int) -> None:
        """Move the cursor to `index` (clamped to 0..length)."""
        index = max(0, min(index, self.length))
        if index != self.replayer.position:
            self.replayer.seek(index)
            self._version += 1

    def step(self, delta: int) -> None:
        """Move the cursor by `delta` actions."""
        self.seek(self.position + delta)

    def show_as(self, seat: str | None) -> None:
        """Show `seat`'s view (None: the facilitator's, everything revealed)."""
        if seat is not None and seat not in self.roles:
            raise ValueError(f"rôle inconnu : {seat}")
        if seat != self.seat:
            self.seat = seat
            self._version += 1

    def time_at(self, index: int) -> float:
        """When the game stood at position `index` (the time stamped on its last action)."""
        if index >= 1:
            return float(self.replayer.record(index).get("at", 0.0))
        if self.length:
            return float(self.replayer.record(1).get("at", 0.0))
        return float(self.replayer.header.get("created_at", 0.0))

    # --- Session -----------------------------------------------------------
    @property
    def view(self) -> PlayerView | None:
        key = (self.position, self.seat)
        if self._view is None or self._view[0] != key:
            self._view = (key, player_view(self.replayer.state, self.seat))
        return self._view[1]

    def view_of(self, seat: str | None) -> PlayerView | None:
        return self.view if seat == self.seat else player_view(self.replayer.state, seat)

    @property
    def version(self) -> int:
        return self._version

    def now(self) -> float:
        return self.time_at(self.position)

    def send(self, action: Action) -> None:
        self._messages.append("Relecture : rien n'est envoyé à la table.")

    def poll(self) -> list[str]:
        out, self._messages = self._messages, []
        return out
