"""One load-generator process of bench/server_load.py: many real socket.io seats in one loop.

    .venv/bin/python bench/_load_client.py SPEC.json

SPEC: {"url", "mode": "game"|"transport", "pace", "steady", "seed", "workshops":
[{"token", "tables": [{"table_id", "code"}]}]}. The process seats 6 clients
per table (plus one facilitator per workshop), then talks to its parent on
stdin/stdout, one JSON object a line:

    → {"seated": n}        ← go               (bots start at a brisk warm-up pace)
    → {"at_vote": n}       ← burst EPOCH      (every seat votes once in [EPOCH, EPOCH+5 s],
                                               then plays at `pace` for `steady` seconds)
    → {"result": {...}}                       (latencies, acks, lost views, CPU)

`game` bots play the real game from their views (random legal moves, votes
held until the burst); `transport` bots send the same number of `act`s at
the same times without reading views (for the bare server).
"""

from __future__ import annotations

import asyncio
import gc
import json
import random
import re
import resource
import sys
import time
import uuid
from typing import Any

import socketio

from game.protocol import SeatView

ROLES = ("dgs", "dsi", "dpo", "drh", "elu", "direction-metier")
BURST = 5.0  # seconds: every seat votes once within this window
LAG_EVERY = 0.002  # seconds between two of the loop-lag timers
SAMPLE = 8  # a Cap IA view's size is measured on 1 view in SAMPLE (it costs a JSON dump)
WARM_ACTS = 4  # transport mode: acts per seat before the burst (game mode: ~lobby..vote)
_VERSION = re.compile(r'"version":(\d+)')
_FAKE_VOTE = {"type": "vote", "proposal": 0, "choice": "pour"}


def _wire_size(data: Any) -> int:
    """Bytes of `data` as the server sent it (compact JSON, UTF-8)."""
    return len(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode())


class Seat:
    """One seated connection: the versions it received (with times) and its latest view.

    In `game` mode the view is kept as the real client keeps it (`SeatView`: whole views
    and patches applied); a patch that does not apply is counted and followed by a sync.
    """

    def __init__(self, table: Table, role: str, game: bool) -> None:
        self.table, self.role = table, role
        self.sio = socketio.AsyncClient(reconnection=False)
        self.got: dict[int, float] = {}
        self.version = -1
        self.join_version = 0
        self.held = SeatView() if game else None
        self.gaps = 0
        self.bytes = 0  # whole views (all measured) and the bare server's texts
        self.patches = self.sampled = self.sampled_bytes = 0  # patches: 1 in SAMPLE measured
        self.burst_done = False
        self.proposed_turn = -1
        self.dropped = False
        self.sio.on("view", self._on_view)
        self.sio.on("disconnect", self._on_drop)

    def view_bytes(self) -> float:
        """Bytes of every view received (patches: estimated from the sampled ones)."""
        return self.bytes + self.sampled_bytes / max(1, self.sampled) * self.patches

    def _on_view(self, data: Any) -> None:
        now = time.perf_counter()
        if isinstance(data, str):  # the bare server's views are texts
            m = _VERSION.search(data, 0, 200)
            v = int(m.group(1)) if m else -1
            self.bytes += len(data)
        else:  # Cap IA's are objects: size on the wire as JSON; patches: 1 in SAMPLE
            v = int(data.get("version", -1))
            if "view" in data:
                self.bytes += _wire_size(data)
            else:
                self.patches += 1
                if self.patches % SAMPLE == 1:
                    self.sampled += 1
                    self.sampled_bytes += _wire_size(data)
        self.got.setdefault(v, now)
        self.version = max(self.version, v)
        if self.held is not None and self.held.take(data) == "gap":
            self.gaps += 1
            asyncio.get_running_loop().create_task(self.sync())

    async def sync(self) -> None:
        ack = await self.sio.call("sync", {}, timeout=30)
        if ack.get("ok") and self.held is not None:
            self.held.reset(int(ack["version"]), ack["view"])

    def _on_drop(self, *_: Any) -> None:
        self.dropped = True

    def view(self) -> dict[str, Any]:
        return self.held.view or {} if self.held is not None else {}

    def phase(self) -> str:
        return str(self.view().get("phase", ""))


class Table:
    def __init__(self, table_id: str, code: str, game: bool) -> None:
        self.id, self.code = table_id, code
        self.seats = [Seat(self, r, game) for r in ROLES]
        self.acts: list[tuple[float, int, str]] = []  # (t sent, version acked, kind)


class Run:
    """The process's tables, facilitators, counters and timeline."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec
        self.url: str = spec["url"]
        self.game = spec["mode"] == "game"
        self.pace: float = spec["pace"]
        self.rng = random.Random(spec["seed"])
        self.tables = [
            Table(t["table_id"], t["code"], self.game)
            for w in spec["workshops"]
            for t in w["tables"]
        ]
        self.facilitators: list[socketio.AsyncClient] = []
        self.summaries = [0, 0]  # count, bytes
        self.refused: dict[str, int] = {}
        self.timeouts = 0
        self.burst_at: float | None = None  # epoch
        self.end_at = float("inf")  # epoch
        self.ack_times: list[float] = []  # epoch of each ok ack
        self.lag: list[tuple[float, float]] = []  # (epoch, seconds late) of the lag timers

    def watch_lag(self) -> None:
        """A chain of LAG_EVERY timers: how late each fires is this process's own loop lag
        (time a received view waits before it is read, counted in the latency)."""
        loop = asyncio.get_running_loop()

        def tick(due: float) -> None:
            now = time.perf_counter()
            self.lag.append((time.time(), now - due))
            loop.call_later(LAG_EVERY, tick, now + LAG_EVERY)

        loop.call_later(LAG_EVERY, tick, time.perf_counter() + LAG_EVERY)

    async def seat_everyone(self) -> None:
        limit = asyncio.Semaphore(64)

        async def sit(seat: Seat) -> None:
            async with limit:
                await seat.sio.connect(self.url, transports=["websocket"], wait_timeout=60)
                data = {"code": seat.table.code, "name": seat.role, "seat": seat.role}
                ack = await seat.sio.call("join", data, timeout=60)
                if not ack.get("ok"):
                    raise RuntimeError(f"join refused: {ack}")
                seat.join_version = seat.version = int(ack["version"])
                if seat.held is not None:
                    seat.held.reset(seat.version, ack["view"])

        await asyncio.gather(*(self._sit_table(t, sit) for t in self.tables))
        for w in self.spec["workshops"]:
            fac = socketio.AsyncClient(reconnection=False)
            fac.on("summary", self._on_summary)
            auth = {"facilitator_token": w["token"]}
            await fac.connect(self.url, transports=["websocket"], auth=auth, wait_timeout=60)
            self.facilitators.append(fac)

    @staticmethod
    async def _sit_table(table: Table, sit: Any) -> None:
        for seat in table.seats:
            await sit(seat)

    def _on_summary(self, data: Any) -> None:
        self.summaries[0] += 1
        self.summaries[1] += len(data) if isinstance(data, str) else _wire_size(data)

    # --- acting -----------------------------------------------------------------

    def kind(self) -> str:
        now = time.time()
        if self.burst_at is None or now < self.burst_at:
            return "warm"
        return "burst" if now < self.burst_at + BURST + 0.05 else "steady"

    async def act(self, seat: Seat, action: dict[str, Any], kind: str | None = None) -> None:
        kind = kind or self.kind()
        start = time.perf_counter()
        payload = {"action": action, "action_id": uuid.uuid4().hex}
        try:
            ack = await seat.sio.call("act", payload, timeout=30)
        except socketio.exceptions.TimeoutError:
            self.timeouts += 1
            return
        except socketio.exceptions.SocketIOError:  # dropped meanwhile (counted as dropped)
            return
        if ack.get("ok"):
            self.ack_times.append(time.time())
            seat.table.acts.append((start, int(ack["version"]), kind))
        else:
            code = ack.get("error", {}).get("rule") or ack.get("error", {}).get("code", "?")
            self.refused[code] = self.refused.get(code, 0) + 1

    def choose(self, seat: Seat, *, burst: bool = False) -> dict[str, Any] | None:
        """A game bot's next action from the seat's latest view (None: nothing to do now)."""
        if not self.game:
            return dict(_FAKE_VOTE)
        phase = seat.phase()
        if phase in ("", "fin"):
            return None
        view = seat.view()
        legal = view["legal_actions"]
        by_type: dict[str, list[dict[str, Any]]] = {}
        for a in legal:
            by_type.setdefault(a["type"], []).append(a)
        ready = by_type.get("ready", [None])[0]
        if burst or phase == "vote":
            votes = by_type.get("vote", [])
            if burst:
                return self.rng.choice(votes) if votes else None
            if not seat.burst_done:
                return None  # votes are held for the burst
            return self.rng.choice(votes) if votes else ready
        if phase == "propositions":
            mine = seat.role == ROLES[0] or self.rng.random() < 0.4
            offers = by_type.get("propose", [])
            if offers and mine and seat.proposed_turn != view["turn"]:
                seat.proposed_turn = view["turn"]
                return self.rng.choice(offers)
            return ready
        if phase == "dilemmes" and by_type.get("choose_option"):
            return self.rng.choice(by_type["choose_option"])
        return ready

    async def bot(self, seat: Seat) -> None:
        """Play at a brisk pace until the burst, then at `pace` until the end."""
        warm = 0
        while time.time() < self.end_at and not seat.dropped:
            brisk = self.burst_at is None
            await asyncio.sleep(self.rng.uniform(0.5, 1.5) * self.pace / (2 if brisk else 1))
            if time.time() >= self.end_at:
                break
            if not self.game and brisk and warm >= WARM_ACTS:
                continue
            if not self.game and self.burst_at and not seat.burst_done:
                continue
            action = self.choose(seat)
            if action is not None:
                warm += 1
                await self.act(seat, action)

    async def burst(self, seat: Seat) -> None:
        """Vote once at a random moment of the burst window."""
        assert self.burst_at is not None
        await asyncio.sleep(max(0.0, self.burst_at + self.rng.uniform(0, BURST) - time.time()))
        action = self.choose(seat, burst=True)
        if action is not None:
            await self.act(seat, action, "burst")
        seat.burst_done = True

    def at_vote(self) -> int:
        if not self.game:
            return len(self.tables)
        return sum(all(s.phase() == "vote" for s in t.seats) for t in self.tables)

    # --- results ---------------------------------------------------------------

    async def settle(self, timeout: float = 10.0) -> None:
        """Wait until every seat of every table holds its table's latest version."""
        limit = time.time() + timeout
        while time.time() < limit:
            if all(len({s.version for s in t.seats}) == 1 for t in self.tables):
                return
            await asyncio.sleep(0.1)

    def result(self) -> dict[str, Any]:
        latencies: dict[str, list[float]] = {"warm": [], "burst": [], "steady": []}
        lost = 0
        for t in self.tables:
            last = max(s.version for s in t.seats)
            for s in t.seats:
                lost += sum(1 for v in range(s.join_version + 1, last + 1) if v not in s.got)
            for start, version, kind in t.acts:
                times = [s.got.get(version) for s in t.seats]
                if all(x is not None for x in times):
                    latencies[kind].append((max(times) - start) * 1000)  # type: ignore[type-var]
        usage = resource.getrusage(resource.RUSAGE_SELF)
        t0 = self.burst_at or 0.0
        lag = sorted(x for t, x in self.lag if t0 <= t <= t0 + BURST + 0.5)
        return {
            "lag_ms": [lag[len(lag) // 2] * 1000, lag[int(len(lag) * 0.99)] * 1000, lag[-1] * 1000]
            if lag
            else [0.0, 0.0, 0.0],
            "latency_ms": latencies,
            "lost": lost,
            "views": sum(len(s.got) for t in self.tables for s in t.seats),
            "view_bytes": sum(s.view_bytes() for t in self.tables for s in t.seats),
            "summaries": self.summaries,
            "refused": self.refused,
            "timeouts": self.timeouts,
            "dropped": sum(s.dropped for t in self.tables for s in t.seats),
            "gaps": sum(s.gaps for t in self.tables for s in t.seats),
            "ack_times": self.ack_times,
            "cpu_s": usage.ru_utime + usage.ru_stime,
        }

    async def close(self) -> None:
        clients = [s.sio for t in self.tables for s in t.seats] + self.facilitators
        await asyncio.gather(*(c.disconnect() for c in clients if c.connected))


def say(obj: dict[str, Any]) -> None:
    print(json.dumps(obj), flush=True)


async def main(spec: dict[str, Any]) -> None:
    run = Run(spec)
    loop = asyncio.get_running_loop()
    stdin = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(stdin), sys.stdin)
    await run.seat_everyone()
    say({"seated": len(run.tables)})
    assert (await stdin.readline()).strip() == b"go"
    if spec.get("gc_off", True):
        # A full collection over 600 seats' views stalls this loop for hundreds of ms,
        # and every view waiting meanwhile counts it as latency: the run is bounded (tens
        # of seconds), so the collector stays off while it measures.
        gc.collect()
        gc.freeze()
        gc.disable()
    run.watch_lag()
    seats = [s for t in run.tables for s in t.seats]
    bots = [asyncio.create_task(run.bot(s)) for s in seats]
    command = asyncio.create_task(stdin.readline())
    while not command.done():
        say({"at_vote": run.at_vote()})
        await asyncio.wait([command], timeout=0.5)
    run.burst_at = float(command.result().split()[1])
    run.end_at = run.burst_at + BURST + spec["steady"]
    await asyncio.gather(*(run.burst(s) for s in seats))
    await asyncio.gather(*bots)
    await run.settle()
    say({"result": run.result()})
    await run.close()


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as spec_file:
        spec = json.load(spec_file)
    if spec.get("loop") == "uvloop":
        import uvloop

        uvloop.run(main(spec))
    else:
        asyncio.run(main(spec))
