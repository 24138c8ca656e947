"""Phase timers: one pending call per table, set from the state's absolute deadline."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Coroutine
from typing import Any

Fire = Callable[[str, float], Coroutine[Any, Any, None]]


class TableTimers:
    """Calls `fire(table_id, deadline)` once `deadline` (epoch seconds) has passed."""

    def __init__(self, fire: Fire) -> None:
        self._fire = fire
        self._handles: dict[str, asyncio.TimerHandle] = {}
        self._deadlines: dict[str, float] = {}  # the deadline each armed handle is for
        self._tasks: set[asyncio.Task[None]] = set()

    def schedule(self, table_id: str, deadline: float | None) -> None:
        """(Re)arm the table's timer; None disarms it (no timer, or a paused game)."""
        if deadline is not None and self._deadlines.get(table_id) == deadline:
            return  # armed for this deadline already (most actions leave it alone)
        self._deadlines.pop(table_id, None)
        old = self._handles.pop(table_id, None)
        if old is not None:
            old.cancel()
        if deadline is None:
            return
        loop = asyncio.get_running_loop()
        delay = max(0.0, deadline - time.time())
        self._handles[table_id] = loop.call_later(delay, self._start, table_id, deadline)
        self._deadlines[table_id] = deadline

    def _start(self, table_id: str, deadline: float) -> None:
        self._handles.pop(table_id, None)
        self._deadlines.pop(table_id, None)
        task = asyncio.create_task(self._fire(table_id, deadline))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def pending(self) -> int:
        """How many tables have an armed timer."""
        return len(self._handles)

    async def close(self) -> None:
        """Disarm every timer and wait for firing ones to finish."""
        for handle in self._handles.values():
            handle.cancel()
        self._handles.clear()
        self._deadlines.clear()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
