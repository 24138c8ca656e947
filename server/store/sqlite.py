"""EventStore on one SQLite file in WAL mode, through the plain `sqlite3` module.

Writes are grouped per loop tick (server/store/writer.py): the actions that arrive in
the same tick share one transaction, committed at the end of that tick, and each caller
is woken only after that COMMIT returned, so nothing is acknowledged before it is in
the file. The connections that write never checkpoint the WAL themselves; a thread of
the store does (`Checkpointer`), so no commit on the loop ever copies pages back or
fsyncs. Reads (at start, and when a table is first used) run on the event loop
through a second connection: in WAL mode they see the last committed state, never a
transaction in progress. The path must be a file (three connections share it). The
rare writes of `SqliteMeta` (server values, closures, table names) go through the
reading connection in autocommit.

Why synchronous=NORMAL is durable enough: in WAL mode a commit has written the
transaction into the WAL file (a write() into the OS page cache) before
`commit()` returns; only checkpoints fsync. A killed server process (even
SIGKILL) therefore loses nothing it acknowledged; only an OS crash or a power
cut could drop the last transactions, which FULL (≈ 8× slower) would keep.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Awaitable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from server.store.base import ActionRow, DuplicateActionError, SeatRow, TableRow, WorkshopRow
from server.store.meta import SqliteMeta
from server.store.migrations import migrate
from server.store.writer import Checkpointer, GroupWriter, Results

_TABLE_COLUMNS = "id, workshop_id, code, seed, header, finished, deadline, timer_known"


def _table_row(r: tuple[object, ...]) -> TableRow:
    return TableRow(
        str(r[0]), str(r[1]), str(r[2]), int(r[3]), str(r[4]), bool(r[5]),  # type: ignore[call-overload]
        None if r[6] is None else float(r[6]), bool(r[7]),  # type: ignore[arg-type]
    )  # fmt: skip


class SqliteStore(SqliteMeta):
    """EventStore on a SQLite file (created with its folder if missing)."""

    def __init__(self, path: str | Path) -> None:
        path = Path(path)
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, isolation_level=None)
        # (finished, deadline) last written to each table's row by this store: rewriting
        # the row copies its ~100 KB header, so an action that leaves them alone skips it.
        self._timers: dict[str, tuple[bool, float | None]] = {}
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.execute("PRAGMA busy_timeout=5000")
        self._db.execute("PRAGMA wal_autocheckpoint=0")  # the checkpointer's job
        migrate(self._db)  # the schema: server/store/migrations.py
        self._writer = GroupWriter(lambda: _connect(path), self._write)
        self._checkpointer = Checkpointer(lambda: _connect(path))

    def record_transactions(self) -> None:
        """Keep (epoch, actions, seconds) of every transaction from now on (server/probe.py)."""
        self._writer.keep_transactions = True

    def stats(self) -> dict[str, Any]:
        """The transactions recorded since `record_transactions`."""
        return {"transactions": self._writer.transactions}

    def create_workshop(self, workshop: WorkshopRow, tables: Sequence[TableRow]) -> Awaitable[None]:
        """Store a workshop and its tables in one transaction."""
        return self._writer.submit(_NewWorkshop(workshop, tuple(tables)))

    def workshop(self, workshop_id: str) -> WorkshopRow | None:
        """The workshop `workshop_id`, or None."""
        row = self._db.execute(
            "SELECT id, token_hash, scenario, created FROM workshops WHERE id = ?", (workshop_id,)
        ).fetchone()
        return WorkshopRow(*row) if row else None

    def workshops(self) -> list[WorkshopRow]:
        """Every workshop, oldest first."""
        rows = self._db.execute(
            "SELECT id, token_hash, scenario, created FROM workshops ORDER BY created, id"
        ).fetchall()
        return [WorkshopRow(*r) for r in rows]

    def tables(self, *, workshop_id: str | None = None, unfinished: bool = False) -> list[TableRow]:
        """Tables (of one workshop, or all), in creation order."""
        sql = f"SELECT {_TABLE_COLUMNS} FROM tables WHERE 1=1"
        params: list[object] = []
        if workshop_id is not None:
            sql += " AND workshop_id = ?"
            params.append(workshop_id)
        if unfinished:
            sql += " AND finished = 0"
        sql += " ORDER BY rowid"
        rows = self._db.execute(sql, params).fetchall()
        return [_table_row(r) for r in rows]

    def table(self, table_id: str) -> TableRow | None:
        """The table `table_id`, or None."""
        r = self._db.execute(
            f"SELECT {_TABLE_COLUMNS} FROM tables WHERE id = ?", (table_id,)
        ).fetchone()
        return _table_row(r) if r else None

    def seats(self, table_id: str) -> list[SeatRow]:
        """Seats of a table that have been given a token."""
        rows = self._db.execute(
            "SELECT table_id, role, token_hash, name FROM seats WHERE table_id = ? ORDER BY role",
            (table_id,),
        ).fetchall()
        return [SeatRow(*r) for r in rows]

    def actions(self, table_id: str) -> list[ActionRow]:
        """The table's log records in order."""
        rows = self._db.execute(
            "SELECT table_id, seq, action_id, actor, at, record FROM actions"
            " WHERE table_id = ? ORDER BY seq",
            (table_id,),
        ).fetchall()
        return [ActionRow(*r) for r in rows]

    def append(
        self,
        row: ActionRow,
        *,
        claim: SeatRow | None = None,
        release: str | None = None,
        finished: bool = False,
        deadline: float | None = None,
    ) -> Awaitable[None]:
        """Append one action (and claim or release a seat token) durably, all or nothing."""
        return self._writer.submit(_Append(row, claim, release, (finished, deadline)))

    def claim_seat(self, seat: SeatRow) -> Awaitable[None]:
        """Give a seat a (new) token without logging an action."""
        return self._writer.submit(seat)

    def _write(self, db: sqlite3.Connection, items: list[_Write]) -> Results:
        """One transaction of `items` (at the end of a loop tick): every action in one INSERT
        (alone, in autocommit, when nothing else is to be written), then the rarer
        statements; if one item is refused, each item in a savepoint."""
        appends = [i for i in items if isinstance(i, _Append)]
        if len(appends) == len(items) <= _ROWS_PER_INSERT and all(
            a.claim is None and a.release is None and self._timers.get(a.row.table_id) == a.timer
            for a in appends
        ):  # most transactions: actions only, one INSERT in autocommit
            try:
                values = [v for a in appends for v in _action_values(a.row)]
                db.execute(_insert_actions(len(appends)), values)
            except sqlite3.IntegrityError:
                return self._one_by_one(db, items)
            return [(True, None)] * len(items)
        timers: dict[str, tuple[bool, float | None]] = {}
        db.execute("BEGIN IMMEDIATE")
        try:
            for start in range(0, len(appends), _ROWS_PER_INSERT):
                chunk = appends[start : start + _ROWS_PER_INSERT]
                values = [v for a in chunk for v in _action_values(a.row)]
                db.execute(_insert_actions(len(chunk)), values)
            for item in items:
                self._rest(db, item, timers)
        except sqlite3.IntegrityError:
            db.execute("ROLLBACK")
            return self._one_by_one(db, items)
        db.execute("COMMIT")
        self._timers.update(timers)
        return [(True, None)] * len(items)

    def _one_by_one(self, db: sqlite3.Connection, items: list[_Write]) -> Results:
        """`items` in one transaction, each in a savepoint: the refused ones roll back alone."""
        timers: dict[str, tuple[bool, float | None]] = {}
        results: Results = []
        db.execute("BEGIN IMMEDIATE")
        for item in items:
            db.execute("SAVEPOINT item")
            mine = dict(timers)
            try:
                if isinstance(item, _Append):
                    db.execute(_insert_actions(1), _action_values(item.row))
                self._rest(db, item, mine)
            except sqlite3.IntegrityError as exc:
                db.execute("ROLLBACK TO item")
                results.append((False, DuplicateActionError(str(exc))))
            else:
                timers = mine
                results.append((True, None))
            db.execute("RELEASE item")
        db.execute("COMMIT")
        self._timers.update(timers)
        return results

    def _rest(
        self, db: sqlite3.Connection, item: _Write, timers: dict[str, tuple[bool, float | None]]
    ) -> None:
        """What `item` writes besides its action row; `timers`: the (finished, deadline)
        written to table rows in this transaction so far (updated)."""
        if isinstance(item, SeatRow):
            _upsert_seat(db, item)
        elif isinstance(item, _NewWorkshop):
            w = item.workshop
            db.execute(
                "INSERT INTO workshops VALUES (?, ?, ?, ?)",
                (w.id, w.token_hash, w.scenario, w.created),
            )
            db.executemany(
                "INSERT INTO tables VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (t.id, t.workshop_id, t.code, t.seed, t.header, int(t.finished), i,
                     t.deadline, int(t.timer_known))
                    for i, t in enumerate(item.tables)
                ],
            )  # fmt: skip
        else:
            table = item.row.table_id
            if item.claim is not None:
                _upsert_seat(db, item.claim)
            if item.release is not None:
                db.execute(
                    "DELETE FROM seats WHERE table_id = ? AND role = ?", (table, item.release)
                )
            known = timers[table] if table in timers else self._timers.get(table)
            if known != item.timer:  # most actions leave the timer alone
                finished, deadline = item.timer
                db.execute(
                    "UPDATE tables SET finished = ?, deadline = ?, timer_known = 1 WHERE id = ?",
                    (int(finished), deadline, table),
                )
                timers[table] = item.timer

    def close(self) -> None:
        """Write what was submitted, stop the checkpointer, close the database (the last
        connection closed checkpoints the WAL)."""
        self._writer.close()
        self._checkpointer.close()
        self._db.close()


def _upsert_seat(db: sqlite3.Connection, seat: SeatRow) -> None:
    db.execute(
        "INSERT INTO seats VALUES (?, ?, ?, ?) ON CONFLICT (table_id, role)"
        " DO UPDATE SET token_hash = excluded.token_hash, name = excluded.name",
        (seat.table_id, seat.role, seat.token_hash, seat.name),
    )


@dataclass(frozen=True, slots=True)
class _Append:
    row: ActionRow
    claim: SeatRow | None
    release: str | None
    timer: tuple[bool, float | None]  # (finished, deadline) after the action


@dataclass(frozen=True, slots=True)
class _NewWorkshop:
    workshop: WorkshopRow
    tables: tuple[TableRow, ...]


_Write = _Append | _NewWorkshop | SeatRow
#: Rows in one INSERT statement (6 values each; SQLite allows 32 766 per statement).
_ROWS_PER_INSERT = 500


@functools.cache
def _insert_actions(rows: int) -> str:
    return "INSERT INTO actions VALUES " + ",".join(["(?, ?, ?, ?, ?, ?)"] * rows)


def _action_values(row: ActionRow) -> tuple[object, ...]:
    return (row.table_id, row.seq, row.action_id, row.actor, row.at, row.record)


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA foreign_keys=ON")
    db.execute("PRAGMA busy_timeout=5000")
    db.execute("PRAGMA wal_autocheckpoint=0")  # the checkpointer's job
    return db
