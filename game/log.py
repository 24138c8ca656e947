"""The game log: a JSONL header (engine version, full pack snapshot, seed, seats)
followed by one record per applied action. `replay` folds the records again,
using the pack in the header, never the pack on disk.

A record is `{seq, action_id, actor, at, action}`. `action_id` is the id the
action was acknowledged under (the server's, or « local:<seq> » for a game
played without a server), so that an acknowledgement can be matched to its
record after a crash. Logs written before it existed have no `action_id`: they
still load and replay.

Reading a log that does not replay raises `LogError` (a ValueError) whose French
message names the line of the bad record (see `game.logerrors`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from game.engine import (
    ENGINE_VERSION,
    Action,
    GameEvent,
    GameState,
    IllegalAction,
    apply,
    new_game,
    parse_action,
)
from game.engine.actions import FACILITATOR_ACTION_TYPES
from game.logerrors import LogError, validation_problem
from game.scenario.models import Pack

LOG_KIND = "capia-log"
LOCAL_ID = "local:{seq}"


def actor_of(action: Action) -> str:
    """Who sent `action`: its seat, "facilitator" or "system"."""
    if action.type in FACILITATOR_ACTION_TYPES:
        return "facilitator"
    if action.type in {"occupy_seat", "leave_seat", "phase_timeout"}:
        return "system"
    return str(getattr(action, "seat", "system"))


def revised(action: Action, **changes: Any) -> Action:
    """`action` with `changes`, validated like an action read from the wire.

    Use this, never `model_copy(update=…)`, which skips validation (the 500-character
    justification limit): raises pydantic.ValidationError.
    """
    # Actions are flat (no nested model, alias or serializer): their fields are what
    # model_dump gives in Python mode, without its cost (twice per bot action).
    return parse_action({**action.__dict__, **changes})


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


def make_record(seq: int, action: Action, *, action_id: str | None = None) -> dict[str, Any]:
    """One log line for the `seq`-th applied action, acknowledged under `action_id`.

    The action is validated again, so that an action built without validation never
    gets into a log (raises pydantic.ValidationError).
    """
    data = action.model_dump(mode="json")
    parse_action(data)
    return {
        "seq": seq,
        "action_id": action_id or LOCAL_ID.format(seq=seq),
        "actor": actor_of(action),
        "at": action.at,
        "action": data,
    }


#: Engine versions whose logs this engine replays to the same states. Version 1 logs
#: carry packs with no running costs, branches, step-order rules or needs: the rules
#: of version 2 play them exactly as version 1 did. Version 3 changed when and how a
#: dilemma is decided and let votes change: logs of versions 1 and 2 replay under the
#: rules they were played with (`rules_version_of`).
REPLAYABLE_ENGINE_VERSIONS = ("1", "2", "3")
#: The rules version each engine version played its games under.
_RULES_OF_ENGINE = {"1": 2, "2": 2, "3": 3}


def rules_version_of(header: dict[str, Any]) -> int:
    """The rules a logged game was played under, from its header's engine version."""
    return _RULES_OF_ENGINE.get(str(header.get("engine_version", "1")), 2)


def state_from_header(header: dict[str, Any]) -> GameState:
    """The lobby state described by a log header (LogError, in French, if it is not one)."""
    if not isinstance(header, dict) or header.get("kind") != LOG_KIND:
        raise LogError("ce fichier n'est pas un journal de partie Cap IA", 1)
    version = str(header.get("engine_version", "1"))
    if version not in REPLAYABLE_ENGINE_VERSIONS:
        known = ", ".join(REPLAYABLE_ENGINE_VERSIONS)
        raise LogError(
            f"journal écrit par la version {version[:20]} du moteur, que cette version "
            f"({ENGINE_VERSION}) ne sait pas rejouer (versions lisibles : {known})",
            1,
        )
    try:
        pack = Pack.model_validate(header["scenario"])
        return new_game(
            pack,
            seed=int(header["seed"]),
            seats=header.get("seats", ()),
            rules_version=rules_version_of(header),
        )
    except KeyError as exc:
        raise LogError(f"en-tête incomplet : « {exc.args[0]} » manquant", 1) from None
    except ValidationError as exc:
        raise LogError("scénario de l'en-tête invalide : " + validation_problem(exc), 1) from None
    except (TypeError, ValueError, IllegalAction) as exc:
        detail = exc.message if isinstance(exc, IllegalAction) else "valeur invalide"
        raise LogError(f"en-tête invalide : {detail}", 1) from None


def record_action(record: object, line: int | None = None) -> Action:
    """The action of one log record (LogError, in French, naming `line`, if it is invalid)."""
    raw = record.get("action") if isinstance(record, dict) else None
    if not isinstance(raw, dict):
        raise LogError("enregistrement sans action", line)
    try:
        return parse_action(raw)
    except ValidationError as exc:
        raise LogError("action invalide : " + validation_problem(exc), line) from None


def read_jsonl(text: str | Iterable[str]) -> list[tuple[int, dict[str, Any]]]:
    """The (line number, object) of every non-blank line of a JSONL log, header first."""
    lines = text.splitlines() if isinstance(text, str) else list(text)
    rows: list[tuple[int, dict[str, Any]]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise LogError(f"JSON invalide (colonne {exc.colno})", number) from None
        if not isinstance(row, dict):
            raise LogError("un objet JSON { … } était attendu", number)
        rows.append((number, row))
    if not rows:
        raise LogError("journal vide")
    return rows


def refused(exc: IllegalAction, line: int | None) -> LogError:
    """The LogError for a logged action that the rules refuse when replayed."""
    return LogError(f"action refusée par les règles : {exc.message}", line)


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

    def append(
        self, action: Action, *, action_id: str | None = None
    ) -> tuple[GameState, tuple[GameEvent, ...]]:
        """Apply `action` (IllegalAction leaves the log untouched), then record it under
        `action_id` (default « local:<seq> »)."""
        state, events = apply(self.state, action)
        self.records.append(make_record(len(self.records) + 1, action, action_id=action_id))
        self.state = state
        return state, events

    def to_jsonl(self) -> str:
        """The whole log as JSON lines (header first)."""
        lines = [json.dumps(self.header, ensure_ascii=False)]
        lines += [json.dumps(r, ensure_ascii=False) for r in self.records]
        return "\n".join(lines) + "\n"

    @property
    def applied(self) -> int:
        """How many actions were applied."""
        return len(self.records)

    @classmethod
    def from_records(
        cls,
        header: dict[str, Any],
        records: Iterable[dict[str, Any]],
        *,
        lines: Iterable[int] | None = None,
    ) -> GameLog:
        """Rebuild a game by applying every record again (keeping each one's action id).

        `lines` are the records' line numbers, for the LogError of a bad record.
        """
        log = cls(header, state_from_header(header))
        numbers = iter(lines) if lines is not None else None
        for seq, record in enumerate(records, start=1):
            line = next(numbers, None) if numbers is not None else seq + 1
            action = record_action(record, line)
            try:
                log.append(action, action_id=record.get("action_id"))
            except IllegalAction as exc:
                raise refused(exc, line) from None
        return log

    @classmethod
    def from_jsonl(cls, text: str | Iterable[str]) -> GameLog:
        """Rebuild a game from its JSONL text (or lines)."""
        rows = read_jsonl(text)
        return cls.from_records(
            rows[0][1], (r for _, r in rows[1:]), lines=[n for n, _ in rows[1:]]
        )


class UnrecordedGame(GameLog):
    """A game played without its log: `append` applies and counts, records nothing.

    For callers that read the final state only (`capia playtest` without
    `--log-dir`): no header (the pack's snapshot is not dumped), no record (each
    action is not dumped and validated again). It has no JSONL.
    """

    def __init__(self, state: GameState) -> None:
        super().__init__({}, state)
        self._applied = 0

    @classmethod
    def start(cls, pack: Pack, *, seed: int, seats: Iterable[str] = ()) -> UnrecordedGame:
        """A new game in the lobby, as `GameLog.new` starts it."""
        return cls(new_game(pack, seed=seed, seats=list(seats)))

    @property
    def applied(self) -> int:
        return self._applied

    def append(
        self, action: Action, *, action_id: str | None = None
    ) -> tuple[GameState, tuple[GameEvent, ...]]:
        """Apply `action` (IllegalAction leaves the game untouched); nothing is recorded."""
        state, events = apply(self.state, action)
        self.state = state
        self._applied += 1
        return state, events

    def to_jsonl(self) -> str:
        raise TypeError("une partie jouée sans journal n'a pas de JSONL")


def replay(text: str | Iterable[str]) -> GameState:
    """The final state of the game whose JSONL log is `text`."""
    return GameLog.from_jsonl(text).state
