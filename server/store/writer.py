"""One writer thread with group commit: the store's writes off the event loop.

`GroupWriter.submit(op)` is awaited by the caller; `op(connection)` runs in the
writer thread. Every op submitted in the same loop tick (and any submitted while the
previous transaction was committing) goes into **one** transaction; each op in a
savepoint of its own, so one that fails (a duplicate action id) is rolled back alone
and its caller gets the exception, the others commit. Callers are woken only after
the COMMIT returned: nothing is acknowledged before it is in the database file. If
the COMMIT itself fails, every caller of that transaction gets the error.

Why a thread and not one await per statement (aiosqlite): the hand-off costs
~0.15-0.2 ms (STACK-NOTES); here it is paid once per transaction, and at 300
actions/s a transaction carries every action of the last ~1-3 ms. sqlite3 releases
the GIL while it steps and commits, so the loop keeps running meanwhile.
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

Op = Callable[[sqlite3.Connection], Any]
_Item = tuple[Op, asyncio.Future[Any]]
_STOP = None


class GroupWriter:
    """Runs ops on its own connection in one thread; `connect()` opens it in that thread."""

    def __init__(self, connect: Callable[[], sqlite3.Connection]) -> None:
        self._connect = connect
        self._queue: queue.SimpleQueue[list[_Item] | None] = queue.SimpleQueue()
        self._pending: list[_Item] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._started = threading.Event()
        self._error: BaseException | None = None
        #: (epoch, ops, seconds from BEGIN to COMMIT returned) of every transaction
        self.transactions: list[tuple[float, int, float]] = []
        self.keep_transactions = False

    def submit(self, op: Op) -> asyncio.Future[Any]:
        """Queue `op` for this tick's transaction; the future is set after its COMMIT."""
        loop = asyncio.get_running_loop()
        if self._thread is None:
            self._start(loop)
        fut: asyncio.Future[Any] = loop.create_future()
        if not self._pending:
            loop.call_soon(self._flush)  # after the other callbacks ready in this tick
        self._pending.append((op, fut))
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
        results: list[tuple[bool, Any]] = []
        try:
            db.execute("BEGIN IMMEDIATE")
            for op, _ in items:
                db.execute("SAVEPOINT op")
                try:
                    results.append((True, op(db)))
                except Exception as exc:
                    db.execute("ROLLBACK TO op")
                    results.append((False, exc))
                db.execute("RELEASE op")
            db.execute("COMMIT")
        except Exception as exc:
            if db.in_transaction:
                db.execute("ROLLBACK")
            results = [(False, exc)] * len(items)
            self._on_failure()
        if self.keep_transactions:
            self.transactions.append((time.time(), len(items), time.perf_counter() - start))
        assert self._loop is not None
        futures = [fut for _, fut in items]
        with contextlib.suppress(RuntimeError):  # a closed loop: nobody is waiting any more
            self._loop.call_soon_threadsafe(_resolve, futures, results)

    def _on_failure(self) -> None:
        """Called in the writer thread after a transaction was rolled back (override)."""

    def close(self) -> None:
        """Write what was submitted, then stop the thread (waits for it)."""
        if self._thread is None:
            return
        self._flush()
        self._queue.put(_STOP)
        self._thread.join()
        self._thread = None


def _resolve(futures: list[asyncio.Future[Any]], results: list[tuple[bool, Any]]) -> None:
    for fut, (ok, value) in zip(futures, results, strict=True):
        if fut.done():  # its caller was cancelled
            continue
        if ok:
            fut.set_result(value)
        else:
            fut.set_exception(value)
