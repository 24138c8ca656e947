"""Group commit on the event loop, with the WAL checkpoints in a thread of their own.

`GroupWriter.submit(item)` is awaited by the caller; every item submitted in the same
loop tick is handed to `write(connection, items)` at the end of that tick, which writes
them in **one** transaction and says, item by item, whether it was stored (an item
refused alone, a duplicate action id, is rolled back alone and its caller gets the
exception). Callers are woken only after the COMMIT returned: nothing is acknowledged
before it is in the database file. If the transaction fails as a whole, every caller of
it gets the error.

Why on the loop and not in a writer thread (which this module was until 2 December
2026): in WAL mode with synchronous=NORMAL a COMMIT is a write() of the transaction's
pages to the WAL file, ~0.05-0.1 ms; what stalled the loop was the *checkpoint* SQLite
runs inside a COMMIT once the WAL passes 1 000 pages (copying pages back and an fsync,
10-100 ms). With the thread, every write paid two hand-offs (wake the thread, take the
GIL back from a busy loop after each sqlite3 call, wake the loop): ~0.8 ms at the median
and 15-36 ms at p99 under the 200-table bench, held under the table's lock, where the
commit itself takes 0.1 ms. So here the connections that write never checkpoint
(`wal_autocheckpoint=0`) and `Checkpointer` runs PASSIVE checkpoints from its own
thread and connection (sqlite3 releases the GIL for them, and a PASSIVE checkpoint does
not take the writers' lock, so commits go on meanwhile).
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import threading
import time
from collections.abc import Callable
from typing import Any

Results = list[tuple[bool, Any]]  # per item: (True, value) or (False, its exception)
Write = Callable[[sqlite3.Connection, list[Any]], Results]
_Item = tuple[Any, asyncio.Future[Any]]

#: Seconds between two looks of the checkpointer at the WAL.
CHECKPOINT_EVERY = 0.25


class GroupWriter:
    """Writes the items of each loop tick in one transaction on its own connection.

    `connect()` opens the connection (on first use, in the loop's thread); `write(db,
    items)` writes one transaction (BEGIN to COMMIT) and returns each item's result.
    """

    def __init__(self, connect: Callable[[], sqlite3.Connection], write: Write) -> None:
        self._connect = connect
        self._write = write
        self._db: sqlite3.Connection | None = None
        self._pending: list[_Item] = []
        #: (epoch, ops, seconds from BEGIN to COMMIT returned) of every transaction
        self.transactions: list[tuple[float, int, float]] = []
        self.keep_transactions = False

    def submit(self, item: Any) -> asyncio.Future[Any]:
        """Queue `item` for this tick's transaction; the future is set after its COMMIT."""
        loop = asyncio.get_running_loop()
        fut: asyncio.Future[Any] = _Durable(loop=loop)
        if not self._pending:
            loop.call_soon(self._flush)  # after the other callbacks ready in this tick
        self._pending.append((item, fut))
        return fut

    def _flush(self) -> None:
        batch, self._pending = self._pending, []
        if not batch:
            return
        if self._db is None:
            self._db = self._connect()
        start = time.perf_counter()
        try:
            results = self._write(self._db, [item for item, _ in batch])
        except Exception as exc:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            results = [(False, exc)] * len(batch)
        if self.keep_transactions:
            self.transactions.append((time.time(), len(batch), time.perf_counter() - start))
        for (_, fut), (ok, value) in zip(batch, results, strict=True):
            if fut.done():  # its loop is closed
                continue
            if ok:
                fut.set_result(value)
            else:
                fut.set_exception(value)

    def close(self) -> None:
        """Write what was submitted, then close the connection."""
        self._flush()
        if self._db is not None:
            self._db.close()
            self._db = None


class Checkpointer:
    """A thread that copies the WAL back into the database file (PASSIVE checkpoints)
    every CHECKPOINT_EVERY seconds, on its own connection, until `close`."""

    def __init__(self, connect: Callable[[], sqlite3.Connection]) -> None:
        self._connect = connect
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="capia-checkpoint", daemon=True)
        self.checkpoints = 0
        self._thread.start()

    def _run(self) -> None:
        db = self._connect()
        try:
            while not self._stop.wait(CHECKPOINT_EVERY):
                with contextlib.suppress(sqlite3.OperationalError):  # busy: next time
                    db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
                    self.checkpoints += 1
        finally:
            db.close()

    def close(self) -> None:
        """Stop the thread (waits for a checkpoint in progress)."""
        self._stop.set()
        self._thread.join()


class _Durable(asyncio.Future[Any]):
    """A write's future, which cannot be cancelled: a task cancelled while it awaits one
    gets its CancelledError once the write is done (committed or refused), so no caller
    gives up on a write that then commits behind its back."""

    def cancel(self, msg: Any = None) -> bool:
        return False
