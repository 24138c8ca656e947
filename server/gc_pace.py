"""When the cyclic garbage collector runs: rarely on the tables, soon after connections close.

Under load the server allocates container objects fast (each action leaves a
new state per table, its log record, the views and patches it sent) and they
live for a second or so: the collector's passes walked them again and again
(200 tables, 5 s vote burst: 11 generation-1 passes of ~16 ms and 100
generation-0 passes, 330 ms in all; a generation-2 pass of 65-117 ms when it
came). No pass found a reference cycle to free. So every GC_FREEZE_EVERY
seconds whatever is alive is frozen (`gc.freeze`, a list splice): the
collector then only walks what the last 100 ms allocated (same load: no
generation-1 pass, 130 ms in all). Reference counting still frees frozen
objects when they are dropped.

What reference counting cannot free are cycles, and a closed connection left
some: engine.io's websocket loop ended on an exception whose traceback held
the loop's frame, which held the exception (server/transport.py now ends it
without one), and asyncio's TCP transport is a cycle of its own. Frozen while
the connection lived, they went with the next full collection: with one every
10 minutes, 1 000 connections opened and closed took 20 MiB each time. So a
full collection also runs `collect_after` seconds after a connection closes
(by then engine.io's ping and service tasks, which hold a closed socket up to
a ping interval or timeout, are done), in a quiet moment (no client packet for
GC_QUIET s) if one comes within GC_QUIET_WAIT s, then hands the C allocator's
free pages back to the system; while connections keep closing, at most one
per `collect_after` seconds. A server whose connections stay open still gets
one full collection every GC_FULL_EVERY seconds. Measured (`capia serve`, 1 000
connections, 100 at a time): RSS 61 → 69 MiB, 67 MiB 30 s later, and the same
after a second round (it was 61 → 81 → 101 MiB, for 10 minutes).
"""

from __future__ import annotations

import asyncio
import ctypes
import gc
import sys
import time
from collections.abc import Callable

from game.gc_young import young_threshold
from server.transport import GameServer

#: Seconds between two moves of every live object out of the cyclic GC's reach.
GC_FREEZE_EVERY = 0.1
#: Net container allocations that start a young-generation pass (Python's default: 700).
#: What is alive is frozen every GC_FREEZE_EVERY s anyway, and young passes found no
#: cycle to free: under load (400 tables) 700 made ~23 passes a second, 7 % of a core.
GC_YOUNG_THRESHOLD = 20_000
#: Seconds between two full collections when no connection closes.
GC_FULL_EVERY = 600.0
#: Seconds without a client packet that make a quiet moment for a full collection.
GC_QUIET = 0.5
#: Seconds a due collection waits at most for a quiet moment.
GC_QUIET_WAIT = 10.0


async def pace_gc(sio: GameServer, collect_after: float) -> None:
    """Freeze every GC_FREEZE_EVERY s; collect everything after connections close (see above)."""
    with young_threshold(GC_YOUNG_THRESHOLD):
        await _pace(sio, collect_after)


async def _pace(sio: GameServer, collect_after: float) -> None:
    last_full = time.monotonic()
    due: float | None = None  # when the next full collection is wanted
    while True:
        now = time.monotonic()
        if due is None and sio.last_close > last_full:
            due = sio.last_close + collect_after
        after_close = _collect_now(sio, now, due)
        if after_close or now - last_full >= GC_FULL_EVERY:
            gc.unfreeze()
            gc.collect()
            if after_close and _malloc_trim is not None:
                _malloc_trim(0)
            last_full = now
            # what closed less than collect_after ago may still be held: collect it later
            recent = sio.last_close > now - collect_after
            due = sio.last_close + collect_after if recent else None
        gc.freeze()
        await asyncio.sleep(GC_FREEZE_EVERY)


def _collect_now(sio: GameServer, now: float, due: float | None) -> bool:
    if due is None or now < due:
        return False
    return now - sio.last_message >= GC_QUIET or now >= due + GC_QUIET_WAIT


def _find_malloc_trim() -> Callable[[int], int] | None:
    """glibc's `malloc_trim` (free heap pages back to the system), where there is one."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        trim: Callable[[int], int] | None = getattr(ctypes.CDLL(None), "malloc_trim", None)
    except OSError:
        return None
    return trim


_malloc_trim = _find_malloc_trim()
