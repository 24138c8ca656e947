"""Step through a game log: seek to any action fast, thanks to checkpoints.

Positions count applied actions: position 0 is the lobby before any action,
position `len(replayer)` is the final state. A `Replayer` folds the whole log
once when built, keeping a state every `every` actions, each action's events
and the position where every turn and phase begins; `seek(n)` then applies at
most `every - 1` actions from the nearest checkpoint.

    r = Replayer.from_jsonl(text)
    state = r.seek(42)           # the state after 42 actions
    r.step_back(); r.step_forward()
    r.seek(r.turn_start(3))      # the first position of turn 3
    r.seek(r.phase_start(3, Phase.VOTE))
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from game.engine import Action, GameEvent, GameState, IllegalAction, Phase, apply
from game.log import read_jsonl, record_action, refused, state_from_header

DEFAULT_EVERY = 16


@dataclass(frozen=True)
class Mark:
    """Position `index` is the first one where the game is in `turn` and `phase`."""

    index: int
    turn: int
    phase: Phase


class Replayer:
    """Random access to the states of one logged game (see the module docstring)."""

    def __init__(
        self,
        header: dict[str, Any],
        records: Iterable[dict[str, Any]],
        *,
        every: int = DEFAULT_EVERY,
        lines: Iterable[int] | None = None,
    ) -> None:
        """`lines` are the records' line numbers in their file, for the French LogError
        raised when a record is invalid or refused by the rules (default: 2, 3…)."""
        if every < 1:
            raise ValueError("every must be at least 1")
        self.header = header
        self.every = every
        self.records: list[dict[str, Any]] = list(records)
        numbers = list(lines) if lines is not None else []
        self._lines = numbers + list(range(len(numbers) + 2, len(self.records) + 2))
        self._actions: list[Action] = [
            record_action(r, n) for r, n in zip(self.records, self._lines, strict=True)
        ]
        self._events: list[tuple[GameEvent, ...]] = []
        self._checkpoints: list[GameState] = []
        self.marks: list[Mark] = []
        self._build(state_from_header(header))
        self.position = 0
        self._state = self._checkpoints[0]

    @classmethod
    def from_jsonl(cls, text: str | Iterable[str], *, every: int = DEFAULT_EVERY) -> Replayer:
        """A replayer over a JSONL log (its text or its lines)."""
        rows = read_jsonl(text)
        records = [r for _, r in rows[1:]]
        return cls(rows[0][1], records, every=every, lines=[n for n, _ in rows[1:]])

    def _build(self, state: GameState) -> None:
        self._checkpoints.append(state)
        self.marks.append(Mark(0, state.turn, state.phase))
        for i, action in enumerate(self._actions, start=1):
            try:
                state, events = apply(state, action)
            except IllegalAction as exc:
                raise refused(exc, self._lines[i - 1]) from None
            self._events.append(events)
            if i % self.every == 0:
                self._checkpoints.append(state)
            last = self.marks[-1]
            if (state.turn, state.phase) != (last.turn, last.phase):
                self.marks.append(Mark(i, state.turn, state.phase))
        self.final = state

    def __len__(self) -> int:
        """The number of actions in the log (the last position)."""
        return len(self._actions)

    @property
    def state(self) -> GameState:
        """The state at the current position."""
        return self._state

    def seek(self, index: int) -> GameState:
        """Move to position `index` (clamped to 0..len) and return its state."""
        index = max(0, min(index, len(self)))
        if index == len(self):
            state = self.final
        elif self.position <= index and index - self.position <= index % self.every:
            state = self._fold(self._state, self.position, index)
        else:
            base = index - index % self.every
            state = self._fold(self._checkpoints[base // self.every], base, index)
        self.position, self._state = index, state
        return state

    def _fold(self, state: GameState, start: int, stop: int) -> GameState:
        for action in self._actions[start:stop]:
            state, _ = apply(state, action)
        return state

    def step_forward(self) -> GameState:
        """Apply the next action (stays put at the end)."""
        return self.seek(self.position + 1)

    def step_back(self) -> GameState:
        """Go back one action (stays put at the start)."""
        return self.seek(self.position - 1)

    def action(self, index: int) -> Action:
        """The action that leads from position `index - 1` to `index` (1-based)."""
        return self._actions[index - 1]

    def record(self, index: int) -> dict[str, Any]:
        """The log record (seq, actor, at, action) of action `index` (1-based)."""
        return self.records[index - 1]

    def events(self, index: int) -> tuple[GameEvent, ...]:
        """What action `index` (1-based) produced."""
        return self._events[index - 1]

    def turn_start(self, turn: int) -> int | None:
        """The first position of `turn` (0 is the lobby), or None if the game never got there."""
        return next((m.index for m in self.marks if m.turn == turn), None)

    def phase_start(self, turn: int, phase: Phase) -> int | None:
        """The first position in `phase` of `turn`, or None if that phase never happened."""
        return next((m.index for m in self.marks if m.turn == turn and m.phase == phase), None)

    def mark_at(self, index: int) -> Mark:
        """The turn and phase the game is in at position `index`."""
        current = self.marks[0]
        for mark in self.marks:
            if mark.index > index:
                break
            current = mark
        return current
