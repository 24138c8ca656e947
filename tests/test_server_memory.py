"""Memory after connection churn: what closed connections leave goes within seconds, not at the
next 10-minute full collection (the GC freeze of server/gc_pace.py would keep their cycles)."""

from __future__ import annotations

import asyncio
import weakref
from pathlib import Path
from typing import Any

import socketio
from server_fixtures import WAIT, LiveServer, start_server, stop_server

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
