"""One writer thread with group commit: the store's writes off the event loop.

`GroupWriter.submit(item)` is awaited by the caller; every item submitted in the same
loop tick (and any submitted while the previous transaction was committing) is handed
to `write(connection, items)` in the writer thread, which writes them in **one**
transaction and says, item by item, whether it was stored (an item refused alone, a
duplicate action id, is rolled back alone and its caller gets the exception). Callers
are woken only after the COMMIT returned: nothing is acknowledged before it is in the
database file. If the transaction fails as a whole, every caller of it gets the error.

Why a thread and not one await per statement (aiosqlite): the hand-off costs
~0.15-0.2 ms (STACK-NOTES); here it is paid once per transaction, and at 300
actions/s a transaction carries every action of the last ~1-3 ms. sqlite3 releases
the GIL while it prepares, steps and commits, so the loop keeps running meanwhile,
and the WAL checkpoints (an fsync every ~1 000 pages, up to ~100 ms on a busy
machine) no longer stall it. The price is the GIL: each time the thread comes back
from SQLite it waits for the loop's thread to let the GIL go, up to the switch
interval (5 ms by default; `capia serve` sets 1 ms, server/main.py), so `write`
should make few sqlite3 calls per transaction, not a few per item.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import sqlite3
import threading
import time
from collections.abc import Callable
from typing import Any

Results = list[tuple[bool, Any]]  # per item: (True, value) or (False, its exception)
Write = Callable[[sqlite3.Connection, list[Any]], Results]
_Item = tuple[Any, asyncio.Future[Any]]
_STOP = None


class GroupWriter:
    """Writes items in transactions on its own connection, in one thread.

    `connect()` opens the connection in that thread; `write(db, items)` writes one
    transaction (BEGIN to COMMIT) and returns each item's result.
    """

    def __init__(self, connect: Callable[[], sqlite3.Connection], write: Write) -> None:
        self._connect = connect
        self._write = write
        self._queue: queue.SimpleQueue[list[_Item] | None] = queue.SimpleQueue()
        self._pending: list[_Item] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._started = threading.Event()
        self._error: BaseException | None = None
        #: (epoch, ops, seconds from BEGIN to COMMIT returned) of every transaction
        self.transactions: list[tuple[float, int, float]] = []
        self.keep_transactions = False

    def submit(self, item: Any) -> asyncio.Future[Any]:
        """Queue `item` for this tick's transaction; the future is set after its COMMIT."""
        loop = asyncio.get_running_loop()
        if self._thread is None:
            self._start(loop)
        fut: asyncio.Future[Any] = _Durable(loop=loop)
        if not self._pending:
            loop.call_soon(self._flush)  # after the other callbacks ready in this tick
        self._pending.append((item, fut))
        return fut

    def _start(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._thread = threading.Thread(target=self._run, name="capia-store-writer", daemon=True)
        self._thread.start()
        self._started.wait()
        if self._error is not None:
            raise self._error

    def _flush(self) -> None:
        batch, self._pending = self._pending, []
        if batch:
            self._queue.put(batch)

    def _run(self) -> None:
        try:
            db = self._connect()
        except BaseException as exc:
            self._error = exc
            self._started.set()
            return
        self._started.set()
        try:
            while True:
                batch = self._queue.get()
                stop = batch is _STOP
                items: list[_Item] = [] if batch is None else batch
                while not stop:  # group commit: take whatever else is waiting
                    try:
                        more = self._queue.get_nowait()
                    except queue.Empty:
                        break
                    if more is _STOP:
                        stop = True
                    else:
                        items.extend(more)
                if items:
                    self._transaction(db, items)
                if stop:
                    return
        finally:
            db.close()

    def _transaction(self, db: sqlite3.Connection, items: list[_Item]) -> None:
        start = time.perf_counter()
        try:
            results = self._write(db, [item for item, _ in items])
        except Exception as exc:
            if db.in_transaction:
                db.execute("ROLLBACK")
            results = [(False, exc)] * len(items)
        if self.keep_transactions:
            self.transactions.append((time.time(), len(items), time.perf_counter() - start))
        assert self._loop is not None
        futures = [fut for _, fut in items]
        with contextlib.suppress(RuntimeError):  # a closed loop: nobody is waiting any more
            self._loop.call_soon_threadsafe(_resolve, futures, results)

    def close(self) -> None:
        """Write what was submitted, then stop the thread (waits for it)."""
        if self._thread is None:
            return
        self._flush()
        self._queue.put(_STOP)
        self._thread.join()
        self._thread = None


class _Durable(asyncio.Future[Any]):
    """A write's future, which cannot be cancelled: a task cancelled while it awaits one
    gets its CancelledError once the write is done (committed or refused), so no caller
    gives up on a write that then commits behind its back."""

    def cancel(self, msg: Any = None) -> bool:
        return False


def _resolve(futures: list[asyncio.Future[Any]], results: list[tuple[bool, Any]]) -> None:
    for fut, (ok, value) in zip(futures, results, strict=True):
        if fut.done():  # its caller was cancelled
            continue
        if ok:
            fut.set_result(value)
        else:
            fut.set_exception(value)
