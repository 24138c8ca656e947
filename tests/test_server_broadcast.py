"""A broadcast hands every seat's view to its connection without giving the loop away.

Under load each turn of the event loop runs hundreds of callbacks; `emit(to=sid)`
waited for a task per seat (two turns each) while holding the table's lock, so the
last seat's view of a 200-table burst waited ~12 turns (bench/README.md).
"""

from __future__ import annotations

import asyncio

from server_fixtures import LiveServer, live_server, seated_table

from server.keys import HUB_KEY

__all__ = ["live_server"]


async def test_a_broadcast_queues_every_view_within_one_turn_of_the_loop(
    live_server: LiveServer,
) -> None:
    ws, players = await seated_table(live_server)
    assert live_server.runner is not None
    hub = live_server.runner.app[HUB_KEY]
    host = hub.host(ws.tables[0].table_id)
    assert host is not None
    before = [len(p.raw) for p in players]
    other_callbacks: list[bool] = []
    async with host.lock:
        asyncio.get_running_loop().call_soon(other_callbacks.append, True)
        await hub.broadcast(host)
        assert other_callbacks == []  # the loop ran nothing else meanwhile
    for p, n in zip(players, before, strict=True):
        await p.wait_for(lambda p=p, n=n: len(p.raw) > n)  # and every seat got its message
