"""The game log: a JSONL header (engine version, full pack snapshot, seed, seats)
followed by one record per applied action. `replay` folds the records again,
using the pack in the header, never the pack on disk.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from game.engine import ENGINE_VERSION, Action, GameEvent, GameState, apply, new_game, parse_action
from game.engine.actions import FACILITATOR_ACTION_TYPES
from game.scenario.models import Pack

LOG_KIND = "capia-log"


def actor_of(action: Action) -> str:
    """Who sent `action`: its seat, "facilitator" or "system"."""
    if action.type in FACILITATOR_ACTION_TYPES:
        return "facilitator"
    if action.type in {"occupy_seat", "leave_seat", "phase_timeout"}:
        return "system"
    return str(getattr(action, "seat", "system"))


def make_header(
    pack: Pack, *, seed: int, seats: Iterable[str], created_at: float = 0.0
) -> dict[str, Any]:
    """The log's first line: everything needed to rebuild the game without the pack on disk."""
    return {
        "kind": LOG_KIND,
        "engine_version": ENGINE_VERSION,
        "seed": seed,
        "seats": list(seats),
        "created_at": created_at,
        "scenario": pack.model_dump(mode="json", by_alias=True),
    }


def make_record(seq: int, action: Action) -> dict[str, Any]:
    """One log line for the `seq`-th applied action."""
    return {
        "seq": seq,
        "actor": actor_of(action),
        "at": action.at,
        "action": action.model_dump(mode="json"),
    }


def state_from_header(header: dict[str, Any]) -> GameState:
    """The lobby state described by a log header."""
    if header.get("kind") != LOG_KIND:
        raise ValueError("ce fichier n'est pas un journal de partie Cap IA")
    pack = Pack.model_validate(header["scenario"])
    return new_game(pack, seed=int(header["seed"]), seats=header.get("seats", ()))


class GameLog:
    """A game and its log kept together: `append` applies then records."""

    def __init__(self, header: dict[str, Any], state: GameState) -> None:
        self.header = header
        self.records: list[dict[str, Any]] = []
        self.state = state

    @classmethod
    def new(
        cls, pack: Pack, *, seed: int, seats: Iterable[str] = (), created_at: float = 0.0
    ) -> GameLog:
        """A new game in the lobby with its log header."""
        seats = list(seats)
        header = make_header(pack, seed=seed, seats=seats, created_at=created_at)
        return cls(header, new_game(pack, seed=seed, seats=seats))

    def append(self, action: Action) -> tuple[GameState, tuple[GameEvent, ...]]:
        """Apply `action` (IllegalAction leaves the log untouched), then record it."""
        state, events = apply(self.state, action)
        self.records.append(make_record(len(self.records) + 1, action))
        self.state = state
        return state, events

    def to_jsonl(self) -> str:
        """The whole log as JSON lines (header first)."""
        lines = [json.dumps(self.header, ensure_ascii=False)]
        lines += [json.dumps(r, ensure_ascii=False) for r in self.records]
        return "\n".join(lines) + "\n"

    @classmethod
    def from_records(cls, header: dict[str, Any], records: Iterable[dict[str, Any]]) -> GameLog:
        """Rebuild a game by applying every record again."""
        log = cls(header, state_from_header(header))
        for record in records:
            log.append(parse_action(record["action"]))
        return log

    @classmethod
    def from_jsonl(cls, text: str | Iterable[str]) -> GameLog:
        """Rebuild a game from its JSONL text (or lines)."""
        lines = text.splitlines() if isinstance(text, str) else list(text)
        rows = [json.loads(line) for line in lines if line.strip()]
        if not rows:
            raise ValueError("journal vide")
        return cls.from_records(rows[0], rows[1:])


def replay(text: str | Iterable[str]) -> GameState:
    """The final state of the game whose JSONL log is `text`."""
    return GameLog.from_jsonl(text).state
