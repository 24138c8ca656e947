"""Server figures: act → every seat's view latency on loopback, and server memory with 50 tables.

    .venv/bin/python bench/server_latency.py [--quick] [--tables N]

Starts `capia serve` as a subprocess on a temporary database, plays whole
games of the mini pack with 4 real socket.io clients per table (random legal
moves; the facilitator advances when nobody may act), timing each action from
`act` sent to the moment all four seats hold the new version. Then opens
`--tables` tables and reads the server's RSS, empty then with 4 seated players
each. One JSON line per figure on stdout, a summary on stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import socket
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import aiohttp
import psutil
import socketio
from _common import ROOT, emit, say

from game.protocol import SeatView
from server.credentials import reset_admin_token_at

CAPIA = Path(sys.executable).parent / "capia"
ADMIN_TOKENS: dict[str, str] = {}  # server URL → admin token
ROLES = ("dgs", "dpo", "elu", "drh")


class Seat:
    """One player's connection and the latest version it holds."""

    def __init__(self) -> None:
        self.sio = socketio.AsyncClient(reconnection=False)
        self.view = SeatView()  # whole views and patches applied, as the client does
        self.changed = asyncio.Event()
        self.sio.on("view", self._on_view)

    async def _on_view(self, data: Any) -> None:
        taken = self.view.take(data)
        assert taken != "gap", "a patch that does not follow the view held"
        if taken == "new":
            self.changed.set()

    async def join(self, url: str, code: str, role: str) -> None:
        await self.sio.connect(url, transports=["websocket"], wait_timeout=20)
        ack = await self.sio.call("join", {"code": code, "name": role, "seat": role}, timeout=20)
        assert ack["ok"], ack
        self.view.reset(ack["version"], ack["view"], ack["table_id"])

    async def reach(self, version: int) -> None:
        while self.view.version < version:
            self.changed.clear()
            await asyncio.wait_for(self.changed.wait(), 20)


async def _serve(db: Path, port: int) -> asyncio.subprocess.Process:
    ADMIN_TOKENS[f"http://127.0.0.1:{port}"] = reset_admin_token_at(db)
    proc = await asyncio.create_subprocess_exec(
        str(CAPIA), "serve", "--db", str(db), "--port", str(port),
        "--scenario", "tests/packs/mini", cwd=ROOT,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(400):
        with contextlib.suppress(aiohttp.ClientConnectionError):
            async with aiohttp.ClientSession() as s, s.get(f"http://127.0.0.1:{port}/healthz"):
                return proc
        await asyncio.sleep(0.05)
    raise RuntimeError("capia serve did not start")


async def _workshop(url: str, tables: int) -> dict[str, Any]:
    body = {"scenario": "mini", "tables": tables, "seed": 11}
    headers = {"Authorization": f"Bearer {ADMIN_TOKENS[url]}"}
    async with (
        aiohttp.ClientSession() as s,
        s.post(f"{url}/api/workshops", json=body, headers=headers) as r,
    ):
        return dict(await r.json())


async def _play_table(
    url: str, table: dict[str, Any], token: str, rng: random.Random
) -> list[float]:
    """Play one table to the end; return each action's act → all-views latency (s)."""
    seats = [Seat() for _ in ROLES]
    for seat, role in zip(seats, ROLES, strict=True):
        await seat.join(url, table["code"], role)
    fac = socketio.AsyncClient(reconnection=False)
    await fac.connect(url, transports=["websocket"], auth={"facilitator_token": token})
    latencies: list[float] = []
    while (seats[0].view.view or {}).get("phase") != "fin":
        movers = [s for s in seats if s.view.view and s.view.view["legal_actions"]]
        start = time.perf_counter()
        if movers:
            mover = rng.choice(movers)
            assert mover.view.view is not None
            action = rng.choice(mover.view.view["legal_actions"])
            ack = await mover.sio.call("act", {"action": action, "action_id": uuid.uuid4().hex})
        else:
            control = {"table_id": table["table_id"], "action": {"type": "advance_phase"}}
            ack = await fac.call("control", {**control, "action_id": uuid.uuid4().hex})
        if not ack["ok"]:
            continue
        await asyncio.gather(*(s.reach(ack["version"]) for s in seats))
        latencies.append(time.perf_counter() - start)
    for client in [fac, *(s.sio for s in seats)]:
        await client.disconnect()
    return latencies


async def _seat_everyone(url: str, tables: list[dict[str, Any]]) -> list[Seat]:
    seats: list[Seat] = []
    for table in tables:
        for role in ROLES:
            seat = Seat()
            await seat.join(url, table["code"], role)
            seats.append(seat)
    return seats


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def main(quick: bool, tables: int) -> None:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp:
        proc = await _serve(Path(tmp) / "capia.sqlite3", port)
        server = psutil.Process(proc.pid)
        try:
            emit("server.rss.empty", server.memory_info().rss / 2**20, "MiB")
            cpu0 = sum(server.cpu_times()[:2])
            games = 1 if quick else 5
            ws = await _workshop(url, games)
            rng = random.Random(5)
            latencies: list[float] = []
            for table in ws["tables"]:
                latencies += await _play_table(url, table, ws["facilitator_token"], rng)
            cpu = (sum(server.cpu_times()[:2]) - cpu0) / len(latencies) * 1000
            emit("server.cpu_per_action", cpu, "ms", note="4 views + summary + SQLite commit")
            ms = sorted(x * 1000 for x in latencies)
            p99 = ms[min(len(ms) - 1, round(0.99 * (len(ms) - 1)))]
            emit("server.act_to_all_views.median", statistics.median(ms), "ms", n=len(ms))
            emit("server.act_to_all_views.p99", p99, "ms", n=len(ms))
            med = statistics.median(ms)
            say(f"act → 4 views: median {med:.2f} ms, p99 {p99:.2f} ms, n={len(ms)}")
            n = 10 if quick else tables
            big = await _workshop(url, n)
            await asyncio.sleep(0.2)
            rss_open = server.memory_info().rss / 2**20
            emit(f"server.rss.{n}_tables_open", rss_open, "MiB", tables=n + games)
            seats = await _seat_everyone(url, big["tables"])
            rss_seated = server.memory_info().rss / 2**20
            emit(f"server.rss.{n}_tables_4_players", rss_seated, "MiB", connections=len(seats))
            say(f"RSS with {n} more tables: {rss_open:.1f} MiB; seated: {rss_seated:.1f} MiB")
            for seat in seats:
                await seat.sio.disconnect()
        finally:
            proc.terminate()
            await proc.wait()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one game, 10 tables")
    parser.add_argument("--tables", type=int, default=50)
    args = parser.parse_args()
    asyncio.run(main(args.quick, args.tables))
