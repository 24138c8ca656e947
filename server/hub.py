"""The server's core: tables by id and code, workshops, applying actions and fanning out views.

Every change goes through `Hub.apply` under the table's lock: engine, durable
append, then one `view` per connected seat and a `summary` to the facilitator,
all before the lock is released (so each connection sees versions in order).
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import time

import socketio

from game.engine import Action, IllegalAction
from game.engine.actions import PhaseTimeout
from game.log import make_header, revised
from game.protocol import (
    CreateWorkshopResponse,
    ErrorCode,
    EventName,
    NoticeMessage,
    TableRef,
    WorkshopSummary,
)
from server import activity
from server.auth import hash_token, new_code, new_id, normalise_code
from server.credentials import facilitator_token, signing_secret, workshop_of_facilitator_token
from server.errors import Refused
from server.scenarios import ScenarioLibrary
from server.store import EventStore, SeatRow, TableRow, WorkshopRow
from server.tables import TableHost, load_host
from server.timers import TableTimers
from server.wire_json import RawJSON

log = logging.getLogger(__name__)

#: Seconds a workshop summary waits for more changes: facilitators get the latest state
#: within this delay, at most one summary per delay (not one per action of every table).
SUMMARY_DELAY = 0.1
#: Seconds the background rebuild of unfinished tables waits between two tables.
WARM_UP_PAUSE = 0.01


def table_room(table_id: str) -> str:
    """The socket.io room of every connection seated at a table."""
    return f"table:{table_id}"


def workshop_room(workshop_id: str) -> str:
    """The socket.io room of a workshop's facilitator connections."""
    return f"workshop:{workshop_id}"


class Hub:
    """Tables, workshops and the one path by which a table changes."""

    def __init__(self, store: EventStore, library: ScenarioLibrary, sio: socketio.AsyncServer):
        self.store = store
        self.library = library
        self.sio = sio
        self.timers = TableTimers(self.on_timer)
        self._rows: dict[str, TableRow] = {}  # every table, loaded or not
        self._by_code: dict[str, str] = {}
        self._hosts: dict[str, TableHost] = {}
        self._workshops: dict[str, WorkshopRow] = {}
        self._facilitators: dict[str, str] = {}  # token hash → workshop id
        self.facilitators_online: dict[str, int] = {}  # workshop id → connections
        self._summary_due: dict[str, asyncio.TimerHandle] = {}  # workshop id → pending send
        self._sending: set[asyncio.Task[None]] = set()
        self._cold: list[str] = []  # unfinished tables not rebuilt yet
        self.closed: dict[str, float] = {}  # closed workshop id → when
        self.table_names: dict[str, str] = {}  # table id → the name it was given
        self._secret: str | None = None

    # --- loading -----------------------------------------------------------------

    def load(self) -> None:
        """Index every stored workshop and table and arm the timers of unfinished tables.

        Tables whose stored row carries their timer are rebuilt later: on first use, or
        by `warm_up` in the background; older rows are rebuilt now.
        """
        for w in self.store.workshops():
            self._index_workshop(w)
        self.closed = self.store.closed_workshops()
        self.table_names = self.store.table_names()
        for row in self.store.tables():
            self._rows[row.id] = row
            self._by_code[row.code] = row.id
            if row.finished or row.workshop_id in self.closed:
                continue
            if row.timer_known:
                self.timers.schedule(row.id, row.deadline)
                self._cold.append(row.id)
            else:
                self._load(row)

    async def warm_up(self) -> None:
        """Rebuild the unfinished tables not yet used, one at a time between other work.

        The pause after each table (~30 ms of replay) lets a reconnecting player's
        handshake, join and act go through instead of waiting behind the whole lot.
        """
        while self._cold:
            self.host(self._cold.pop())
            await asyncio.sleep(WARM_UP_PAUSE)

    def _index_workshop(self, w: WorkshopRow) -> None:
        self._workshops[w.id] = w
        self._facilitators[w.token_hash] = w.id

    def _load(self, row: TableRow) -> TableHost:
        host = load_host(self.store, row)
        host.name = self.table_names.get(row.id, "")
        self._hosts[row.id] = host
        self._arm(host)
        return host

    def _arm(self, host: TableHost) -> None:
        state = host.state
        stopped = state.paused or host.workshop_id in self.closed
        self.timers.schedule(host.id, None if stopped else state.timer.deadline)

    # --- look-ups ------------------------------------------------------------------

    def host(self, table_id: str) -> TableHost | None:
        """The live table `table_id` (rebuilt from the store on first use), or None."""
        host = self._hosts.get(table_id)
        if host is None and table_id in self._rows:
            host = self._load(self._rows[table_id])
        return host

    def host_by_code(self, code: str) -> TableHost | None:
        """The table whose join code is `code` (case and spaces ignored), or None."""
        table_id = self._by_code.get(normalise_code(code))
        return self.host(table_id) if table_id else None

    def workshop_of_token(self, token: str) -> WorkshopRow | None:
        """The workshop a facilitator token opens (the one given at its opening, or the
        signed one `facilitator_token` gives again), or None."""
        workshop_id = self._facilitators.get(hash_token(token))
        if workshop_id is None:
            workshop_id = workshop_of_facilitator_token(self.secret, token)
        return self._workshops.get(workshop_id) if workshop_id else None

    @property
    def secret(self) -> str:
        """The server's signing secret (server/credentials.py)."""
        if self._secret is None:
            self._secret = signing_secret(self.store)
        return self._secret

    def facilitator_token(self, workshop_id: str) -> str:
        """A token that opens the workshop's console (given again to the admin)."""
        return facilitator_token(self.secret, workshop_id)

    def workshop(self, workshop_id: str) -> WorkshopRow | None:
        """The workshop `workshop_id`, or None."""
        return self._workshops.get(workshop_id)

    def table_label(self, table_id: str, code: str) -> str:
        """How reports and lists name a table: its given name, else « Table CODE »."""
        return self.table_names.get(table_id) or f"Table {code}"

    def workshops(self) -> list[WorkshopRow]:
        """Every workshop, oldest first."""
        return list(self._workshops.values())

    def table_rows(self, workshop_id: str) -> list[TableRow]:
        """A workshop's tables as stored (id, code…), in creation order, none rebuilt."""
        return [r for r in self._rows.values() if r.workshop_id == workshop_id]

    def table_ids(self, workshop_id: str) -> list[str]:
        """Ids of a workshop's tables, in creation order."""
        return [r.id for r in self._rows.values() if r.workshop_id == workshop_id]

    def counts(self) -> dict[str, int]:
        """Numbers for /healthz."""
        return {
            "workshops": len(self._workshops),
            "tables": len(self._rows),
            "live_tables": len(self._hosts),
            "timers": self.timers.pending(),
        }

    # --- workshops ------------------------------------------------------------------

    async def create_workshop(
        self,
        scenario: str,
        tables: int,
        seed: int | None = None,
        names: tuple[str, ...] | None = None,
    ) -> CreateWorkshopResponse:
        """Open a workshop of lobby tables of pack `scenario` (raises UnknownScenarioError)."""
        pack = self.library.pack(scenario)
        workshop_id = new_id("w")
        token = self.facilitator_token(workshop_id)
        now = time.time()
        workshop = WorkshopRow(workshop_id, hash_token(token), scenario, now)
        base_seed = seed if seed is not None else secrets.randbelow(2**31)
        rows: list[TableRow] = []
        for i in range(tables):
            code = new_code()
            while code in self._by_code or any(r.code == code for r in rows):
                code = new_code()
            header = make_header(pack, seed=base_seed + i, seats=(), created_at=now)
            rows.append(
                TableRow(
                    new_id("t"), workshop.id, code, base_seed + i, _dumps(header),
                    finished=False, deadline=None, timer_known=True,  # a lobby has no timer
                )
            )  # fmt: skip
        for row in rows:  # the codes are taken while the write is in flight
            self._by_code[row.code] = row.id
        try:
            await self.store.create_workshop(workshop, rows)
        except BaseException:
            for row in rows:
                del self._by_code[row.code]
            raise
        if names:
            named = {r.id: n for r, n in zip(rows, names, strict=True)}
            self.store.set_table_names(named)
            self.table_names.update(named)
        self._index_workshop(workshop)
        for row in rows:
            self._rows[row.id] = row
            self._load(row)
        activity.workshop_opened(workshop.id, scenario, [r.code for r in rows])
        return CreateWorkshopResponse(
            workshop_id=workshop.id,
            facilitator_token=token,
            scenario=scenario,
            tables=tuple(
                TableRef(table_id=r.id, code=r.code, name=self.table_names.get(r.id, ""))
                for r in rows
            ),
        )

    def close_workshop(self, workshop_id: str) -> float:
        """Close a workshop: its tables take no more joins nor actions, their timers stop;
        logs and reports stay. Return when it was closed (the first time)."""
        if workshop_id not in self.closed:
            at = time.time()
            self.store.close_workshop(workshop_id, at)
            self.closed[workshop_id] = at
            for table_id in self.table_ids(workshop_id):
                self.timers.schedule(table_id, None)
            activity.workshop_closed(workshop_id, len(self.table_ids(workshop_id)))
        return self.closed[workshop_id]

    def check_open(self, host: TableHost) -> None:
        """Raise Refused when the table's workshop is closed."""
        if host.workshop_id in self.closed:
            raise Refused(
                ErrorCode.WORKSHOP_CLOSED,
                "Cet atelier est clos : la table ne prend plus de joueurs ni d'actions. "
                "Demandez à l'animation d'ouvrir un nouvel atelier.",
            )

    def workshop_summary(self, workshop_id: str) -> WorkshopSummary:
        """Every table of the workshop as the facilitator console shows it."""
        w = self._workshops[workshop_id]
        hosts = [self.host(t) for t in self.table_ids(workshop_id)]
        return WorkshopSummary(
            workshop_id=w.id,
            scenario=w.scenario,
            tables=tuple(h.summary() for h in hosts if h is not None),
        )

    def workshop_summary_json(self, workshop_id: str) -> str:
        """`workshop_summary(...).model_dump_json()`, built from each table's cached JSON."""
        w = self._workshops[workshop_id]
        hosts = [self.host(t) for t in self.table_ids(workshop_id)]
        tables = ",".join(h.summary_json() for h in hosts if h is not None)
        return (
            f'{{"workshop_id":{_dumps(w.id)},"scenario":{_dumps(w.scenario)},"tables":[{tables}]}}'
        )

    # --- changes ------------------------------------------------------------------

    async def apply(
        self,
        host: TableHost,
        action: Action,
        *,
        action_id: str,
        claim: SeatRow | None = None,
        release: str | None = None,
        stamp: bool = True,
    ) -> int:
        """Apply, store, broadcast; return the version. Call under `host.lock`.

        An `action_id` already applied returns its version again without applying.
        Raises IllegalAction (nothing changed).
        """
        done = host.action_ids.get(action_id)
        if done is not None:
            return done
        self.check_open(host)
        if stamp:
            action = revised(action, at=time.time())
        version, _events = await host.commit(
            self.store, action, action_id=action_id, claim=claim, release=release
        )
        self._arm(host)
        activity.table_changed(host, _events)
        await self.broadcast(host)
        return version

    async def broadcast(self, host: TableHost) -> None:
        """Send each connected seat its own view, and the facilitator the workshop summary."""
        holders = list(host.holders.items())
        texts = host.view_messages(holders)
        await self.sio.emit_each(EventName.VIEW, [(sid, RawJSON(texts[r])) for r, sid in holders])
        await self.send_summary(host.workshop_id)

    async def send_summary(self, workshop_id: str) -> None:
        """Send the workshop summary to its facilitator connections within SUMMARY_DELAY.

        Changes arriving meanwhile share that one summary, which shows the state at
        sending time (so the latest change is always in the last summary sent).
        """
        if not self.facilitators_online.get(workshop_id) or workshop_id in self._summary_due:
            return
        loop = asyncio.get_running_loop()
        self._summary_due[workshop_id] = loop.call_later(
            SUMMARY_DELAY, self._start_summary, workshop_id
        )

    def _start_summary(self, workshop_id: str) -> None:
        self._summary_due.pop(workshop_id, None)
        task = asyncio.create_task(self._emit_summary(workshop_id))
        self._sending.add(task)
        task.add_done_callback(self._sending.discard)

    async def _emit_summary(self, workshop_id: str) -> None:
        if not self.facilitators_online.get(workshop_id):
            return
        summary = self.workshop_summary_json(workshop_id)
        await self.sio.emit(EventName.SUMMARY, RawJSON(summary), room=workshop_room(workshop_id))

    async def notice(self, msg: NoticeMessage, *, to: str | None = None) -> None:
        """Send a notice to its table's connections (or to one sid)."""
        room = to or table_room(msg.table_id or "")
        await self.sio.emit(EventName.NOTICE, msg.model_dump(mode="json"), to=room)

    async def on_timer(self, table_id: str, deadline: float) -> None:
        """A phase timer ran out: apply PhaseTimeout like any action (logged with its time)."""
        host = self.host(table_id)
        if host is None or host.workshop_id in self.closed:
            return
        async with host.lock:
            timer = host.state.timer
            if host.state.paused or timer.deadline != deadline:
                return  # the deadline moved meanwhile; its own timer is armed
            now = time.time()
            if now < deadline:
                self.timers.schedule(table_id, deadline)
                return
            action = PhaseTimeout(at=max(now, deadline))
            try:
                await self.apply(
                    host, action, action_id=f"system:timeout:{host.version + 1}", stamp=False
                )
            except IllegalAction as exc:
                log.warning("table %s: phase_timeout refused: %s", table_id, exc)

    async def close(self) -> None:
        """Stop the timers and pending summaries."""
        for handle in self._summary_due.values():
            handle.cancel()
        self._summary_due.clear()
        for task in list(self._sending):
            task.cancel()
        await asyncio.gather(*self._sending, return_exceptions=True)
        await self.timers.close()


def _dumps(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False)
