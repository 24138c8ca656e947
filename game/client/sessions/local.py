"""In-process sessions over the engine: hot-seat tables and a local workshop for the console."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

from pydantic import ValidationError

from game.client.sessions.base import FacilitatorSession, Session, TableSummary
from game.client.texts import PackTexts
from game.engine import IllegalAction, facilitator_pack, legal_actions, player_view, public_pack
from game.engine.actions import Action, PhaseTimeout
from game.engine.phase import Phase
from game.engine.view_models import PlayerView
from game.log import GameLog, revised
from game.logerrors import validation_problem
from game.scenario.models import Pack

Clock = Callable[[], float]


def without_timers(pack: Pack) -> Pack:
    """`pack` with every phase timer off (a hot-seat table takes its time)."""
    rules = pack.scenario.rules
    off = rules.timers.model_copy(
        update={"event": 0, "proposals": 0, "vote": 0, "dilemmas": 0, "resolution": 0}
    )
    scenario = pack.scenario.model_copy(update={"rules": rules.model_copy(update={"timers": off})})
    return pack.model_copy(update={"scenario": scenario})


class LocalSession(Session):
    """A whole table in this process: every listed seat is occupied and shared on one screen."""

    def __init__(
        self,
        pack: Pack,
        *,
        seed: int = 1,
        seats: Iterable[str] | None = None,
        clock: Clock = time.time,
        log_path: Path | None = None,
        timers: bool = True,
    ) -> None:
        super().__init__()
        if not timers:
            pack = without_timers(pack)
        self.texts = PackTexts(public_pack(pack))
        self.seats = tuple(seats) if seats is not None else tuple(r.id for r in pack.scenario.roles)
        self.seat = self.seats[0] if self.seats else None
        self.hot_seat = len(self.seats) > 1
        self.status = ""  # nothing to say: no connection to lose
        self.log = GameLog.new(pack, seed=seed, seats=self.seats)
        self.clock = clock
        self.log_path = log_path
        self.sent: list[Action] = []
        self._messages: list[str] = []
        self._version = 0
        self._views: dict[str | None, PlayerView] = {}

    @property
    def state(self):  # type: ignore[no-untyped-def]
        return self.log.state

    @property
    def view(self) -> PlayerView | None:
        return self.view_of(self.seat) if self.seat else None

    def now(self) -> float:
        return self.clock()

    def view_of(self, seat: str | None) -> PlayerView | None:
        if seat not in self._views:
            self._views[seat] = view = player_view(self.log.state, seat)
            self.texts.reveal(view)
        return self._views[seat]

    @property
    def version(self) -> int:
        return self._version

    def select(self, seat: str) -> None:
        """Show `seat`'s screen (hot-seat hand-over)."""
        if seat in self.seats and seat != self.seat:
            self.seat = seat
            self._version += 1

    def send(self, action: Action) -> None:
        self.sent.append(action)
        try:
            stamped = revised(action, at=self.clock())
        except ValidationError as exc:
            self._messages.append("Action refusée : " + validation_problem(exc))
            return
        self._apply(stamped)

    def _apply(self, action: Action) -> None:
        try:
            self.log.append(action)
        except IllegalAction as exc:
            self._messages.append(exc.message)
            return
        self._views.clear()
        self._version += 1
        if self.log_path is not None:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            self.log_path.write_text(self.log.to_jsonl(), encoding="utf-8")

    def poll(self) -> list[str]:
        deadline = self.log.state.timer.deadline
        if deadline is not None and not self.log.state.paused and self.clock() >= deadline:
            self._apply(PhaseTimeout(at=self.clock()))
        out, self._messages = self._messages, []
        return out

    def next_seat(self) -> str | None:
        """The seat that should hold the screen: the current one while it can act, else the next."""
        if self.log.state.phase == Phase.FIN or not self.seats:
            return self.seat
        order = list(self.seats)
        start = order.index(self.seat) if self.seat in order else 0
        for i in range(len(order)):
            seat = order[(start + i) % len(order)]
            if legal_actions(self.log.state, seat):
                return seat
        return self.seat


class LocalWorkshop(FacilitatorSession):
    """Several local tables of one pack, driven from the facilitator console (tests, demos)."""

    def __init__(
        self,
        pack: Pack,
        *,
        tables: int = 2,
        seed: int = 1,
        clock: Clock = time.time,
        names: Iterable[str] = (),
    ):
        self.pack = pack
        self.texts = PackTexts(facilitator_pack(pack))  # the console reads every card
        self.status = "atelier local"
        seats = tuple(r.id for r in pack.scenario.roles)
        self.logs = {
            f"table-{i + 1}": GameLog.new(pack, seed=seed + i, seats=seats) for i in range(tables)
        }
        self.codes = {tid: f"LOCAL{i + 1}" for i, tid in enumerate(self.logs)}
        given = list(names)
        #: the names given at opening, by table (none: the console says « Table 1 · CODE »)
        self.given = {
            tid: given[i] for i, tid in enumerate(self.logs) if i < len(given) and given[i]
        }
        #: each table's name in the documents (« Les Bleus », else « Table 1 »)
        self.names = {
            tid: (given[i] if i < len(given) and given[i] else f"Table {i + 1}")
            for i, tid in enumerate(self.logs)
        }
        self.clock = clock
        self.sent: list[tuple[str, Action]] = []
        self.notices: list[tuple[str | None, str]] = []
        self._messages: list[str] = []
        self._version = 0
        self._cache: tuple[TableSummary, ...] | None = None

    def now(self) -> float:
        return self.clock()

    @property
    def tables(self) -> tuple[TableSummary, ...]:
        if self._cache is None:
            self._cache = tuple(
                TableSummary(
                    tid,
                    self.codes[tid],
                    player_view(log.state, None),
                    i + 1,
                    self.given.get(tid, ""),
                )
                for i, (tid, log) in enumerate(self.logs.items())
            )
        return self._cache

    @property
    def version(self) -> int:
        return self._version

    def apply_seat_action(self, table_id: str, action: Action) -> None:
        """Play for a seat of a local table (tests and demos)."""
        self.control(table_id, action)

    def control(self, table_id: str, action: Action) -> None:
        self.sent.append((table_id, action))
        try:
            self.logs[table_id].append(revised(action, at=self.clock()))
        except IllegalAction as exc:
            number = list(self.logs).index(table_id) + 1
            self._messages.append(f"Table {number} · {self.codes[table_id]} : {exc.message}")
            return
        self._cache = None
        self._version += 1

    def log_text(self, table_id: str) -> str | None:
        log = self.logs.get(table_id)
        return log.to_jsonl() if log is not None else None

    def notice(self, text: str, table_id: str | None = None) -> None:
        self.notices.append((table_id, text))
        self._messages.append("Message envoyé.")

    def poll(self) -> list[str]:
        out, self._messages = self._messages, []
        return out
