"""Where the event loop's time goes: a measuring instrument for bench/server_load.py.

Off unless the server is started with `CAPIA_PROBE=<file.json>` (`Settings.probe`).
Then, while the server runs, it records with their epoch times:

- the event loop's lag: a chain of timers, each armed LAG_EVERY s after the previous
  one fired; how late each fires is how long the loop was kept from it (a stall);
- every cyclic-GC pass (`gc.callbacks`): generation and duration;
- every action's store write as the loop sees it: from the call until it is durable
  (the rest of the tick, then its transaction), and the transactions themselves
  (actions in each, seconds from BEGIN to COMMIT) when the store reports them
  (`record_transactions`);
- every broadcast: building the seats' view texts, then handing them to socket.io;
- every `act`, from its handler's start to its return (the table's lock, the rules,
  the write, the views handed to socket.io): the server's part of a player's latency.

On shutdown it writes them to the file as one JSON object; the bench keeps what falls in
its burst window and prints the longest stalls and the sums.
"""

from __future__ import annotations

import asyncio
import functools
import gc
import json
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from server.hub import Hub
from server.tables import TableHost

#: Seconds between two lag timers.
LAG_EVERY = 0.002


class Probe:
    """Samples gathered until `write`; `install` starts them on a running loop."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lag: list[tuple[float, float]] = []  # (epoch, seconds late)
        self.gc: list[tuple[float, int, float]] = []  # (epoch, generation, seconds)
        self.store: list[tuple[float, float]] = []  # (epoch, seconds until the write returned)
        self.build: list[tuple[float, float]] = []  # (epoch, seconds building view texts)
        self.send: list[tuple[float, float, int]] = []  # (epoch, seconds emitting, messages)
        self.act: list[tuple[float, float]] = []  # (epoch, seconds in the act handler)
        self._gc_start = 0.0
        self._handle: asyncio.TimerHandle | None = None
        self._hub: Hub | None = None
        self._view_messages = TableHost.view_messages

    def install(self, hub: Hub) -> None:
        """Start the lag chain and the GC callback, and time the hub's writes and broadcasts."""
        self._hub = hub
        gc.callbacks.append(self._on_gc)
        loop = asyncio.get_running_loop()
        self._handle = loop.call_later(LAG_EVERY, self._tick, time.perf_counter() + LAG_EVERY)
        hub.broadcast = self._timed_broadcast(hub.broadcast)  # type: ignore[method-assign,assignment]
        hub.store.append = self._timed_store(hub.store.append)  # type: ignore[method-assign]
        record = getattr(hub.store, "record_transactions", None)
        if callable(record):
            record()
        probe = self

        def view_messages(host: TableHost, holders: list[tuple[str, str]]) -> dict[str, str]:
            start = time.perf_counter()
            try:
                return probe._view_messages(host, holders)
            finally:
                probe.build.append((time.time(), time.perf_counter() - start))

        TableHost.view_messages = view_messages  # type: ignore[method-assign,assignment]
        namespace = getattr(hub.sio, "namespace_handlers", {}).get("/")
        handlers = getattr(namespace, "_handlers", None)
        if isinstance(handlers, dict) and "act" in handlers:
            handlers["act"] = self._timed_act(handlers["act"])

    def _tick(self, due: float) -> None:
        now = time.perf_counter()
        self.lag.append((time.time(), now - due))
        loop = asyncio.get_running_loop()
        self._handle = loop.call_later(LAG_EVERY, self._tick, now + LAG_EVERY)

    def _on_gc(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._gc_start = time.perf_counter()
        else:
            self.gc.append(
                (time.time(), int(info["generation"]), time.perf_counter() - self._gc_start)
            )

    def _timed_store(self, append: Callable[..., Awaitable[Any]]) -> Callable[..., Any]:
        probe = self

        @functools.wraps(append)
        async def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return await append(*args, **kwargs)
            finally:
                probe.store.append((time.time(), time.perf_counter() - start))

        return timed

    def _timed_act(self, act: Callable[..., Awaitable[Any]]) -> Callable[..., Any]:
        """Time each `act` from its handler's start (lock wait, engine, write, views sent)."""
        probe = self

        @functools.wraps(act)
        async def timed(*args: Any) -> Any:
            start = time.perf_counter()
            try:
                return await act(*args)
            finally:
                probe.act.append((time.time(), time.perf_counter() - start))

        return timed

    def _timed_broadcast(
        self, broadcast: Callable[[TableHost], Awaitable[None]]
    ) -> Callable[[TableHost], Awaitable[None]]:
        probe = self

        @functools.wraps(broadcast)
        async def timed(host: TableHost) -> None:
            start = time.perf_counter()
            built = len(probe.build)
            try:
                await broadcast(host)
            finally:
                took = time.perf_counter() - start
                building = sum(b[1] for b in probe.build[built:])
                probe.send.append((time.time(), took - building, len(host.holders)))

        return timed

    def write(self) -> None:
        """Stop sampling and write everything to the file (one JSON object)."""
        if self._handle is not None:
            self._handle.cancel()
        if self._on_gc in gc.callbacks:
            gc.callbacks.remove(self._on_gc)
        TableHost.view_messages = self._view_messages  # type: ignore[method-assign]
        writer: dict[str, Any] = {}
        stats = getattr(self._hub.store if self._hub else None, "stats", None)
        if callable(stats):
            writer = stats()
        data = {
            "lag": self.lag,
            "gc": self.gc,
            "store": self.store,
            "build": self.build,
            "send": self.send,
            "act": self.act,
            "writer": writer,
        }
        self.path.write_text(json.dumps(data))
