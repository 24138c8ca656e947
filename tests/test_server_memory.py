"""Memory after connection churn: what closed connections leave goes within seconds, not at the
next 10-minute full collection (the GC freeze of server/gc_pace.py would keep their cycles)."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import weakref
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import socketio
from server_fixtures import WAIT, LiveServer, start_server, stop_server

from server import gc_pace
from server.keys import SIO_KEY

ROUNDS, PER_ROUND = 10, 20


async def churn(server: LiveServer) -> tuple[weakref.WeakSet[Any], weakref.WeakSet[Any]]:
    """Open and close ROUNDS × PER_ROUND connections; their engine.io sockets and TCP transports.

    One connection stays open all along: engine.io's service task then moves on from the
    last closed socket it looked at.
    """
    sio = server.runner.app[SIO_KEY]  # type: ignore[union-attr]
    sockets: weakref.WeakSet[Any] = weakref.WeakSet()
    transports: weakref.WeakSet[Any] = weakref.WeakSet()
    await server.player()
    kept = set(sio.eio.sockets)
    for _ in range(ROUNDS):
        clients = [socketio.AsyncClient(reconnection=False) for _ in range(PER_ROUND)]
        await asyncio.gather(
            *(c.connect(server.url, transports=["websocket"], wait_timeout=WAIT) for c in clients)
        )
        for eio_sid, sock in sio.eio.sockets.items():
            if eio_sid not in kept:
                sockets.add(sock)
                transports.add(sio.environ[eio_sid]["aiohttp.request"].transport)
        await asyncio.gather(*(c.disconnect() for c in clients))
    assert len(sockets) >= ROUNDS * PER_ROUND // 2
    return sockets, transports


async def gone(objects: weakref.WeakSet[Any], seconds: float = 30.0) -> int:
    """How many of `objects` are still alive after waiting up to `seconds` for none to be."""
    for _ in range(int(seconds * 10)):
        if not objects:
            break
        await asyncio.sleep(0.1)
    return len(objects)


async def test_closed_connections_leave_no_reference_cycle_in_engineio(tmp_path: Path) -> None:
    # No full collection comes: the sockets must go by reference counting alone, once
    # engine.io's ping task (a ping interval) and service task (a ping timeout) let go.
    server = await start_server(
        tmp_path / "capia.sqlite3", ping_interval=1, ping_timeout=2, gc_collect_after=3600
    )
    try:
        sockets, _ = await churn(server)
        assert await gone(sockets) == 0, "closed connections' engine.io sockets kept"
    finally:
        await stop_server(server)


async def test_what_closed_connections_leave_is_collected_soon_after(tmp_path: Path) -> None:
    # asyncio's TCP transports are in a cycle of their own: the full collection that
    # comes gc_collect_after seconds after the last close frees them.
    server = await start_server(
        tmp_path / "capia.sqlite3", ping_interval=1, ping_timeout=2, gc_collect_after=3
    )
    try:
        sockets, transports = await churn(server)
        assert await gone(transports) == 0, "closed connections' transports kept"
        assert await gone(sockets, 1) == 0
    finally:
        await stop_server(server)


async def test_the_young_generation_waits_for_more_while_the_server_paces_the_collector() -> None:
    # Live objects are frozen every GC_FREEZE_EVERY s: young passes are made rarer while
    # the server runs, and the process's thresholds come back when it stops.
    before = gc.get_threshold()
    sio = SimpleNamespace(last_close=float("-inf"), last_message=0.0)
    task = asyncio.create_task(gc_pace.pace_gc(sio, collect_after=60.0))  # type: ignore[arg-type]
    await asyncio.sleep(0)
    assert gc.get_threshold() == (gc_pace.GC_YOUNG_THRESHOLD, *before[1:])
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    assert gc.get_threshold() == before
    gc.unfreeze()
