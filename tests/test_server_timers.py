"""Phase timers: one armed call per table, re-armed only when its deadline changes."""

from __future__ import annotations

import asyncio
import time

from server.timers import TableTimers


async def test_a_timer_fires_once_at_its_deadline_and_is_kept_while_it_does_not_change() -> None:
    fired: list[tuple[str, float]] = []

    async def fire(table_id: str, deadline: float) -> None:
        fired.append((table_id, deadline))

    timers = TableTimers(fire)
    soon = time.time() + 0.05
    timers.schedule("t1", soon)
    handle = timers._handles["t1"]
    timers.schedule("t1", soon)  # the same deadline (most actions): the same armed call
    assert timers._handles["t1"] is handle and not handle.cancelled()
    timers.schedule("t2", soon)
    timers.schedule("t2", None)  # a pause disarms
    timers.schedule("t3", soon + 60)
    timers.schedule("t3", soon)  # a changed deadline re-arms
    await asyncio.sleep(0.2)
    assert sorted(fired) == [("t1", soon), ("t3", soon)]
    assert timers.pending() == 0
    timers.schedule("t1", soon)  # after firing, the same deadline arms again
    assert timers.pending() == 1
    await timers.close()
    assert timers.pending() == 0
