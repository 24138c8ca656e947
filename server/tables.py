"""One host per table: its game log, seat tokens, connections and lock.

A host applies one action at a time (its `lock`); `commit` applies the action
with the pure engine, writes it to the store (durable on return) and only then
advances the in-memory log, so memory never runs ahead of the disk.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import TypeAdapter

from game.engine import (
    Action,
    GameEvent,
    GameState,
    PlayerView,
    apply,
    legal_actions,
    new_game,
    parse_action,
    player_view,
    public_pack,
)
from game.engine.phase import Phase
from game.log import LOG_KIND, GameLog, make_record, rules_version_of
from game.protocol import TableSummary
from game.scenario.models import Pack
from server.packs import PublicPack, public_pack_of
from server.store import ActionRow, EventStore, SeatRow, TableRow
from server.views import ViewTexts


@dataclass
class TableHost:
    """A live table: its log (the truth), who holds which seat, applied action ids."""

    id: str
    workshop_id: str
    code: str
    log: GameLog
    name: str = ""  # given at opening (capia workshop new --names), else ""
    token_roles: dict[str, str] = field(default_factory=dict)  # token hash → role
    names: dict[str, str] = field(default_factory=dict)  # role → player name
    action_ids: dict[str, int] = field(default_factory=dict)  # stored action id → version
    holders: dict[str, str] = field(default_factory=dict)  # role → socket.io sid
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    _public_pack: dict[str, Any] | None = None
    _summary: TableSummary | None = None
    _summary_json: str | None = None
    _views: ViewTexts = field(default_factory=ViewTexts)

    @property
    def state(self) -> GameState:
        """The current game state."""
        return self.log.state

    @property
    def version(self) -> int:
        """The log length: 0 for a new table, +1 per applied action."""
        return len(self.log.records)

    @property
    def roles(self) -> tuple[str, ...]:
        """Role ids of the table's seats, in scenario order."""
        return tuple(s.role for s in self.state.seats)

    def role_of_token(self, token_hash: str) -> str | None:
        """The seat a token was given for, or None."""
        return self.token_roles.get(token_hash)

    def has_token(self, role: str) -> bool:
        """Whether some player was given a token for `role` (the seat is taken)."""
        return role in self.token_roles.values()

    def public_pack_ref(self) -> PublicPack:
        """The pack's public texts as served by HTTP (hash, URL), shared by its tables."""
        return public_pack_of(self.state.catalog.pack)

    def public_pack(self) -> dict[str, Any]:
        """The pack's card texts for clients, no secrets (computed once)."""
        if self._public_pack is None:
            self._public_pack = public_pack(self.state.catalog.pack)
        return self._public_pack

    async def commit(
        self,
        store: EventStore,
        action: Action,
        *,
        action_id: str,
        claim: SeatRow | None = None,
        release: str | None = None,
    ) -> tuple[int, tuple[GameEvent, ...]]:
        """Apply `action`, store it durably, then advance the log; return (version, events).

        Raises IllegalAction (nothing stored, nothing changed). Call under `lock`. If
        the caller is cancelled while the write is in flight, the log still follows the
        write if it commits (the disk and the log never disagree).
        """
        state, events = apply(self.log.state, action)
        record = make_record(self.version + 1, action, action_id=action_id)
        row = ActionRow(
            table_id=self.id,
            seq=record["seq"],
            action_id=action_id,
            actor=record["actor"],
            at=action.at,
            record=json.dumps(record, ensure_ascii=False),
        )
        deadline = None if state.paused else state.timer.deadline
        finished = state.phase == Phase.FIN
        write = asyncio.ensure_future(
            store.append(row, claim=claim, release=release, finished=finished, deadline=deadline)
        )

        def advance(done: asyncio.Future[None]) -> None:
            if done.cancelled() or done.exception() is not None:
                return
            self.log.records.append(record)
            self.log.state = state
            self.action_ids[action_id] = self.version
            if claim is not None:
                self.token_roles[claim.token_hash] = claim.role
                self.names[claim.role] = claim.name
            if release is not None:
                self.token_roles = {h: r for h, r in self.token_roles.items() if r != release}
                self.names.pop(release, None)
            self._summary = self._summary_json = None

        # Run by the write's completion, before this coroutine resumes: the log follows
        # every write that committed, even if the caller was cancelled meanwhile.
        write.add_done_callback(advance)
        await write
        return self.version, events

    async def claim(self, store: EventStore, seat: SeatRow) -> None:
        """Give `seat.role` a token without an action (the seat is already occupied)."""
        await store.claim_seat(seat)
        self.token_roles = {h: r for h, r in self.token_roles.items() if r != seat.role}
        self.token_roles[seat.token_hash] = seat.role
        self.names[seat.role] = seat.name

    def view(self, role: str | None) -> PlayerView:
        """What seat `role` (None: the facilitator) may see now."""
        return player_view(self.state, role)

    def view_json(self, role: str | None) -> str:
        """The `view` message for seat `role` (None: facilitator), as JSON text.

        The same text as `ViewMessage(...).model_dump_json()`, without building the
        wrapper model (table ids are plain ASCII).
        """
        view = player_view(self.state, role).model_dump_json()
        return f'{{"table_id":"{self.id}","version":{self.version},"view":{view}}}'

    def view_messages(self, holders: list[tuple[str, str]]) -> dict[str, str]:
        """Role → its `view` message text (a patch of what its connection was last sent, or
        the whole view as `view_json`), for each (role, sid) of `holders`."""
        return self._views.messages(self.state, self.id, self.version, holders)

    def forget_sent(self, role: str) -> None:
        """Send `role` a whole view next time (its connection joined or synced)."""
        self._views.forget(role)

    def connection_changed(self) -> None:
        """Forget the cached summary (who is connected changed)."""
        self._summary = self._summary_json = None

    def summary(self) -> TableSummary:
        """What the facilitator console shows of this table (cached until the next change)."""
        if self._summary is None:
            self._summary = TableSummary(
                **_summary_data(self), facilitator_actions=legal_actions(self.state, None)
            )
        return self._summary

    def summary_json(self) -> str:
        """`summary().model_dump_json()`, cached until the next change.

        Built with `json.dumps` from plain data, not through the model: it is redone for
        every changed table of a workshop ten times a second (checked byte for byte
        against the model's dump in tests/test_server_views.py).
        """
        if self._summary_json is None:
            data = json.dumps(_summary_data(self), ensure_ascii=False, separators=(",", ":"))
            actions = _actions_json(legal_actions(self.state, None))
            self._summary_json = f'{data[:-1]},"facilitator_actions":{actions}}}'
        return self._summary_json


def _summary_data(host: TableHost) -> dict[str, Any]:
    """`TableSummary` fields but the facilitator's actions, as JSON-ready data, in order."""
    state = host.state
    roles = state.catalog.roles
    open_props = [p for p in state.proposals if p.turn == state.turn and p.status == "open"]
    open_dilemmas = [d for d in state.dilemmas if d.chosen is None]

    def voted(role: str) -> bool:
        if state.phase == Phase.VOTE:
            return bool(open_props) and all(role in p.votes for p in open_props)
        if state.phase == Phase.DILEMMES:
            return bool(open_dilemmas) and all(role in d.votes for d in open_dilemmas)
        return False

    seats = [
        {
            "role": s.role,
            "title": roles[s.role].title if s.role in roles else s.role,
            "occupied": s.occupied,
            "connected": s.role in host.holders,
            "name": s.name,
            "ready": s.ready,
            "voted": voted(s.role),
        }
        for s in state.seats
    ]
    dilemma_votes: dict[str, dict[str, int]] = {}
    for d in open_dilemmas:
        counts = dilemma_votes.setdefault(d.dilemma, {})
        for ballot in d.votes.values():
            counts[ballot.option] = counts.get(ballot.option, 0) + 1
    return {
        "table_id": host.id,
        "code": host.code,
        "name": host.name,
        "version": host.version,
        "phase": state.phase.value,
        "turn": state.turn,
        "turns": state.catalog.pack.scenario.rules.turns,
        "paused": state.paused,
        "deadline": state.timer.deadline,
        "remaining": state.timer.remaining,
        "gauges": dict(state.gauges),
        "budget": state.budget,
        "seats": seats,
        "dilemma_votes": dilemma_votes,
        "team_score": state.team_score,
    }


_ACTIONS = TypeAdapter(tuple[Action, ...])
#: JSON of the facilitator's action lists, by the identity of their (shared) actions.
_ACTIONS_TEXT: dict[tuple[int, ...], tuple[tuple[Action, ...], str]] = {}


def _actions_json(actions: tuple[Action, ...]) -> str:
    key = tuple(map(id, actions))
    hit = _ACTIONS_TEXT.get(key)
    if hit is None:
        if len(_ACTIONS_TEXT) >= 4096:
            _ACTIONS_TEXT.clear()
        hit = _ACTIONS_TEXT[key] = (actions, _ACTIONS.dump_json(actions).decode())
    return hit[1]


#: Parsed scenario snapshots by their JSON text: every table of a workshop carries the
#: same ~100 KB pack in its header; parsed and validated once, shared by all of them.
_PACKS: dict[str, tuple[dict[str, Any], Pack]] = {}
_SCENARIO_KEY = ', "scenario": '


def _header(text: str) -> tuple[dict[str, Any], Pack | None]:
    """A stored header and its pack, the scenario part parsed once per distinct text."""
    at = text.find(_SCENARIO_KEY)
    if at < 0 or not text.endswith("}"):
        return json.loads(text), None
    key = text[at + len(_SCENARIO_KEY) : -1]
    cached = _PACKS.get(key)
    if cached is None:
        scenario = json.loads(key)
        cached = _PACKS[key] = (scenario, Pack.model_validate(scenario))
    header = json.loads(text[:at] + "}")
    header["scenario"] = cached[0]
    return header, cached[1]


def _log(text: str, records: Iterable[dict[str, Any]]) -> GameLog:
    """`GameLog.from_records` of a stored header, with the shared pack."""
    header, pack = _header(text)
    if pack is None or header.get("kind") != LOG_KIND:
        return GameLog.from_records(header, records)
    seats, rules = header.get("seats", ()), rules_version_of(header)
    log = GameLog(
        header, new_game(pack, seed=int(header["seed"]), seats=seats, rules_version=rules)
    )
    for record in records:
        log.append(parse_action(record["action"]), action_id=record.get("action_id"))
    return log


def load_host(store: EventStore, row: TableRow) -> TableHost:
    """Rebuild a table from its stored header, seats and actions (replaying the log)."""
    actions = store.actions(row.id)
    # the stored id wins: records written before logs carried `action_id` have none
    log = _log(row.header, ({**json.loads(a.record), "action_id": a.action_id} for a in actions))
    host = TableHost(id=row.id, workshop_id=row.workshop_id, code=row.code, log=log)
    host.action_ids = {a.action_id: a.seq for a in actions}
    for seat in store.seats(row.id):
        host.token_roles[seat.token_hash] = seat.role
        host.names[seat.role] = seat.name
    return host
