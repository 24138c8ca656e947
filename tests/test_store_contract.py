"""What any EventStore must do (server/store/base.py), run against every implementation.

A new store (PostgreSQL, ...) is added to STORES and must pass all of it: append and
read back, duplicate action ids refused alone, an append that is durable once its
awaitable is done (a crash right after it, before the ack, loses nothing), a restart.
Then SqliteStore's own promise: the writes of one loop tick share one transaction.
"""

from __future__ import annotations

import asyncio
import importlib
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from server.store import (
    ActionRow,
    DuplicateActionError,
    EventStore,
    SeatRow,
    SqliteStore,
    TableRow,
    WorkshopRow,
)

#: "module:Class" of each store, built with the path of a fresh file in tmp.
STORES = ["server.store:SqliteStore"]
WAIT = 10.0  # seconds: a safety net so a broken test fails instead of hanging


def _open(spec: str, path: Path) -> EventStore:
    module, name = spec.split(":")
    store: EventStore = getattr(importlib.import_module(module), name)(path)
    return store


@pytest.fixture(params=STORES)
def spec(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _workshop() -> tuple[WorkshopRow, list[TableRow]]:
    w = WorkshopRow("w1", "hash", "mini", 1.0)
    tables = [
        TableRow(f"t{i}", "w1", f"CODE{i}", i, '{"kind": "h"}', timer_known=True) for i in range(2)
    ]
    return w, tables


def _row(table: str, seq: int, action_id: str | None = None) -> ActionRow:
    return ActionRow(table, seq, action_id or f"a{seq}", "dgs", 10.0 + seq, f'{{"seq": {seq}}}')


async def test_append_then_read_back(spec: str, tmp_path: Path) -> None:
    store = _open(spec, tmp_path / "s.sqlite3")
    w, tables = _workshop()
    await store.create_workshop(w, tables)
    seat = SeatRow("t0", "dgs", "tok", "Zoé")
    await store.append(_row("t0", 0), claim=seat, deadline=50.0)
    await store.append(_row("t0", 1), deadline=50.0)  # the timer after each action
    await store.append(_row("t1", 0), finished=True)
    await store.claim_seat(SeatRow("t1", "dpo", "tok2", "Léa"))
    assert store.workshops() == [w] and store.workshop("w1") == w
    assert [t.id for t in store.tables()] == ["t0", "t1"]
    assert [t.id for t in store.tables(unfinished=True)] == ["t0"]
    assert store.actions("t0") == [_row("t0", 0), _row("t0", 1)]
    assert store.seats("t0") == [seat]
    t0 = store.table("t0")
    assert t0 is not None and (t0.finished, t0.deadline, t0.timer_known) == (False, 50.0, True)
    await store.append(_row("t0", 2), release="dgs", deadline=50.0)
    assert store.seats("t0") == []
    store.close()


async def test_a_duplicate_is_refused_alone(spec: str, tmp_path: Path) -> None:
    # A stored action id or seq again: DuplicateActionError, nothing of it stored; the
    # writes submitted beside it (same tick) are stored all the same.
    store = _open(spec, tmp_path / "s.sqlite3")
    w, tables = _workshop()
    await store.create_workshop(w, tables)
    await store.append(_row("t0", 0, "x"))
    with pytest.raises(DuplicateActionError):
        await store.append(_row("t0", 1, "x"))  # same action id
    with pytest.raises(DuplicateActionError):
        await store.append(_row("t0", 0, "y"))  # same seq
    results = await asyncio.gather(
        store.append(_row("t0", 1, "y")),
        store.append(_row("t0", 2, "x"), claim=SeatRow("t0", "dgs", "tok")),  # dup
        store.append(_row("t1", 0, "x")),  # another table: its own ids
        return_exceptions=True,
    )
    assert results[0] is None and results[2] is None
    assert isinstance(results[1], DuplicateActionError)
    assert [a.action_id for a in store.actions("t0")] == ["x", "y"]
    assert store.seats("t0") == []  # the refused append's claim went with it
    assert [a.action_id for a in store.actions("t1")] == ["x"]
    store.close()


async def test_restart_reads_everything_back(spec: str, tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    store = _open(spec, path)
    w, tables = _workshop()
    await store.create_workshop(w, tables)
    await store.append(_row("t0", 0), claim=SeatRow("t0", "dgs", "tok"), deadline=7.5)
    pending = [store.append(_row("t0", seq), deadline=7.5) for seq in range(1, 4)]  # not awaited
    store.close()  # what was submitted is written before the store closes
    await asyncio.gather(*pending)
    again = _open(spec, path)
    assert [a.seq for a in again.actions("t0")] == [0, 1, 2, 3]
    t0 = again.table("t0")
    assert t0 is not None and t0.deadline == 7.5
    assert again.seats("t0") == [SeatRow("t0", "dgs", "tok")]
    await again.append(_row("t0", 4), deadline=None)
    t0 = again.table("t0")
    assert t0 is not None and t0.deadline is None  # a fresh store rewrites the timer
    again.close()


CHILD = """
import asyncio, importlib, sys, time
from server.store import ActionRow, TableRow, WorkshopRow
module, name = sys.argv[1].split(":")
store = getattr(importlib.import_module(module), name)(sys.argv[2])
async def main():
    await store.create_workshop(WorkshopRow("w1", "h", "mini", 1.0),
                                [TableRow("t0", "w1", "C0", 0, "{}", timer_known=True)])
    for seq in range(5):
        await store.append(ActionRow("t0", seq, f"a{seq}", "dgs", 1.0, "{}"))
        print(seq, flush=True)  # the server would send the ack now
    time.sleep(60)  # killed here: before any ack, before any close
asyncio.run(main())
"""


async def test_a_crash_after_the_append_before_the_ack_loses_nothing(
    spec: str, tmp_path: Path
) -> None:
    # A process appends and is SIGKILLed right after its awaits returned, never
    # closing the store: every append whose await returned is in the file, and a retry
    # of the same action id (the client never got its ack) is refused as a duplicate.
    path = tmp_path / "s.sqlite3"
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-c", CHILD, spec, str(path), stdout=asyncio.subprocess.PIPE
    )
    assert child.stdout is not None
    done = [await asyncio.wait_for(child.stdout.readline(), WAIT) for _ in range(5)]
    child.kill()
    await child.wait()
    assert [int(x) for x in done] == list(range(5))
    store = _open(spec, path)
    assert [a.action_id for a in store.actions("t0")] == [f"a{i}" for i in range(5)]
    with pytest.raises(DuplicateActionError):
        await store.append(ActionRow("t0", 5, "a4", "dgs", 1.0, "{}"))
    store.close()


async def test_sqlite_writes_of_one_tick_share_one_transaction(tmp_path: Path) -> None:
    # Twenty appends of twenty tables in the same tick: one transaction; each awaitable
    # completes only once its row is visible to another connection (committed).
    path = tmp_path / "s.sqlite3"
    store = SqliteStore(path)
    w = WorkshopRow("w1", "hash", "mini", 1.0)
    tables = [TableRow(f"t{i}", "w1", f"C{i}", i, "{}", timer_known=True) for i in range(20)]
    await store.create_workshop(w, tables)
    store.record_transactions()
    other = sqlite3.connect(path)
    seen: list[bool] = []

    def visible(table: str) -> Callable[[object], None]:
        def check(_: object) -> None:
            query = "SELECT count(*) FROM actions WHERE table_id = ?"
            seen.append(other.execute(query, (table,)).fetchone()[0] == 1)

        return check

    writes = []
    for t in tables:
        fut = asyncio.ensure_future(store.append(_row(t.id, 0)))
        fut.add_done_callback(visible(t.id))
        writes.append(fut)
    await asyncio.gather(*writes)
    assert seen == [True] * 20
    assert [n for _, n, _ in store.stats()["transactions"]] == [20]
    other.close()
    store.close()


async def test_a_caller_cancelled_during_its_write_leaves_disk_and_log_agreeing(
    tmp_path: Path,
) -> None:
    # The table's action is being written when its caller is cancelled: the write goes
    # through, the in-memory log follows it, the caller gets its CancelledError after.
    from game.engine.actions import OccupySeat
    from server.hub import Hub
    from server.scenarios import ScenarioLibrary

    root = Path(__file__).resolve().parent.parent
    store = SqliteStore(tmp_path / "s.sqlite3")
    hub = Hub(store, ScenarioLibrary((root / "tests" / "packs",)), sio=None)  # type: ignore[arg-type]
    table = (await hub.create_workshop("mini", 1, seed=3)).tables[0].table_id
    host = hub.host(table)
    assert host is not None
    task = asyncio.create_task(host.commit(store, OccupySeat(seat="dgs", at=1.0), action_id="o"))
    await asyncio.sleep(0)  # the write is submitted
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert host.version == 1 and host.action_ids == {"o": 1}
    assert [a.action_id for a in store.actions(table)] == ["o"]
    await hub.close()
    store.close()


async def test_sqlite_commits_never_checkpoint_the_checkpointer_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A COMMIT on the loop only appends to the WAL: with the checkpointer held off, the
    # WAL grows past SQLite's automatic checkpoint (1 000 pages) and the database file
    # stays as it was; once the checkpointer runs, the rows are copied into the file.
    from server.store import writer

    monkeypatch.setattr(writer, "CHECKPOINT_EVERY", 3600.0)
    path = tmp_path / "s.sqlite3"
    wal = tmp_path / "s.sqlite3-wal"
    store = SqliteStore(path)
    w = WorkshopRow("w1", "hash", "mini", 1.0)
    await store.create_workshop(w, [TableRow("t0", "w1", "C0", 0, "{}", timer_known=True)])
    size = path.stat().st_size
    big = "x" * 3000  # ~1 page per action: 1 500 pages
    for seq in range(1500):  # one tick each, as actions arrive one by one
        await store.append(ActionRow("t0", seq, f"a{seq}", "dgs", 1.0, big))
    assert wal.stat().st_size > 1000 * 4096
    assert path.stat().st_size == size
    store._checkpointer.close()

    monkeypatch.setattr(writer, "CHECKPOINT_EVERY", 0.01)
    store._checkpointer = writer.Checkpointer(store._checkpointer._connect)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT
    while path.stat().st_size < 1500 * 3000 and loop.time() < deadline:
        await asyncio.sleep(0.02)
    assert path.stat().st_size >= 1500 * 3000
    assert len(store.actions("t0")) == 1500
    store.close()
