"""The server's own work per vote, without the transport: what Cap IA adds to socket.io.

    .venv/bin/python bench/server_own_work.py [--quick] [--runs N] [--tables T]

`server_load.py` measures the whole server under real clients, where the
transport, the load generators and the machine's noise move the figures by
±15 % from one run to the next. This script drives the server's own path
in-process: a `Hub` with a real SQLite file in a temporary folder, T tables of
`ville-moyenne` with 6 seats held by (fake) connections, facilitators online,
and a socket.io stand-in whose `emit` does nothing. Each table is played by
random bots (not timed) to its first vote phase; then, table after table,
one random legal vote is applied through `Hub.apply` (engine, durable
append, each seat's view patch, the coalesced summary), 6 rounds, with the
cyclic GC frozen as the server keeps it. Prints the CPU time per vote and
how it splits (the parts are timed with wrappers: they add ~2 us a call).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import inspect
import random
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _common import ROOT, emit, say

from game.bots import BOTS
from game.engine import Phase, legal_actions
from game.engine.actions import OccupySeat, PhaseTimeout
from server import tables as tables_module
from server import views as views_module
from server.hub import Hub
from server.scenarios import ScenarioLibrary
from server.store import SqliteStore

PARTS: Counter[str] = Counter()


class _NoTransport:
    """Stands in for socket.io: emits go nowhere."""

    async def emit(self, *args: Any, **kwargs: Any) -> None:
        return None

    async def emit_each(self, *args: Any, **kwargs: Any) -> None:
        return None


def _timing(label: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    if inspect.iscoroutinefunction(fn):  # until it returns: nothing else runs meanwhile here

        async def timed_async(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return await fn(*args, **kwargs)
            finally:
                PARTS[label] += time.process_time() - start

        return timed_async

    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            PARTS[label] += time.process_time() - start

    return timed


def _instrument() -> None:
    host = tables_module.TableHost
    host.commit = _timing("commit (engine apply + SQLite transaction)", host.commit)  # type: ignore[method-assign]
    views_module.player_views = _timing("player_views (6 seats)", views_module.player_views)
    texts = views_module.ViewTexts
    texts.messages = _timing("view messages (views + patches)", texts.messages)  # type: ignore[method-assign]
    host.summary_json = _timing("table summary JSON", host.summary_json)  # type: ignore[method-assign]


async def run_once(tables: int, rounds: int, seed: int) -> tuple[float, int]:
    """CPU seconds of the timed votes and their number."""
    with tempfile.TemporaryDirectory() as tmp:
        store = SqliteStore(Path(tmp) / "own.sqlite3")
        hub = Hub(store, ScenarioLibrary((ROOT / "scenarios",)), _NoTransport())  # type: ignore[arg-type]
        hosts = []
        for w in range((tables + 49) // 50):
            ws = await hub.create_workshop("ville-moyenne", min(50, tables - 50 * w), seed=seed + w)
            hub.facilitators_online[ws.workshop_id] = 1
            hosts += [hub.host(t.table_id) for t in ws.tables]
        rng, bot = random.Random(seed), BOTS["random"]
        for host in hosts:
            assert host is not None
            for i, role in enumerate(host.roles):
                host.holders[role] = f"{host.id}-{role}"
                await hub.apply(host, OccupySeat(seat=role, at=1.0), action_id=f"o{i}")
            while host.state.phase is not Phase.VOTE:  # warm-up, not timed
                acts = [a for r in host.roles if (a := bot(host.state, r, rng)) is not None]
                acts = [a for a in acts if a.type != "vote"] or acts
                if acts:
                    await hub.apply(host, rng.choice(acts), action_id=f"w{host.version}")
                else:
                    at = (host.state.timer.deadline or 0.0) + 1.0
                    await hub.apply(host, PhaseTimeout(at=at), action_id=f"w{host.version}")
        await asyncio.sleep(0.2)  # pending summaries go out
        gc.collect()
        gc.freeze()
        PARTS.clear()
        cpu, votes = 0.0, 0
        for _ in range(rounds):
            for host in hosts:
                assert host is not None
                choices = [
                    a for r in host.roles for a in legal_actions(host.state, r) if a.type == "vote"
                ]
                if not choices:
                    continue
                start = time.process_time()
                await hub.apply(host, rng.choice(choices), action_id=f"v{host.version}")
                cpu += time.process_time() - start
                votes += 1
            start = time.process_time()
            await asyncio.sleep(0.11)  # the coalesced summaries are built and sent here
            cpu += time.process_time() - start
        gc.unfreeze()
        await hub.close()
        store.close()
        return cpu, votes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20 tables, 2 rounds, 1 run")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tables", type=int, default=200)
    args = parser.parse_args()
    tables, rounds, runs = (20, 2, 1) if args.quick else (args.tables, 6, args.runs)
    _instrument()
    per_vote: list[float] = []
    parts: dict[str, list[float]] = {}
    for i in range(runs):
        cpu, votes = asyncio.run(run_once(tables, rounds, seed=1 + i))
        per_vote.append(cpu / votes * 1000)
        for label, seconds in PARTS.items():
            parts.setdefault(label, []).append(seconds / votes * 1e6)
    value = statistics.median(per_vote)
    emit("server.own_work_per_vote", value, "ms", tables=tables, runs=runs)
    for label, values in parts.items():
        emit(f"server.own_work.{label.split(' (')[0].replace(' ', '_')}", statistics.median(values),
             "us/vote", part=label)  # fmt: skip
    say(f"own work per vote at {tables} tables: {value:.3f} ms (median of {runs})")
    for label, values in parts.items():
        say(f"  {label}: {statistics.median(values):.0f} us")


if __name__ == "__main__":
    main()
