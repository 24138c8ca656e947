"""EventStore on one SQLite file in WAL mode, through the plain `sqlite3` module.

Why blocking calls on the event loop: one append is a ~300 B insert and a
commit, ~30 µs with synchronous=NORMAL (STACK-NOTES: 28–32k/s); handing it to
a thread (aiosqlite) would cost more than the write itself.

Why synchronous=NORMAL is durable enough: in WAL mode a commit has written the
transaction into the WAL file (a write() into the OS page cache) before
`commit()` returns; only checkpoints fsync. A killed server process (even
SIGKILL) therefore loses nothing it acknowledged; only an OS crash or a power
cut could drop the last transactions, which FULL (≈ 8× slower) would keep.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

from server.store.base import ActionRow, DuplicateActionError, SeatRow, TableRow, WorkshopRow
from server.store.meta import SqliteMeta
from server.store.migrations import migrate

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
        migrate(self._db)  # the schema: server/store/migrations.py

    def _begin(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def create_workshop(self, workshop: WorkshopRow, tables: Sequence[TableRow]) -> None:
        """Store a workshop and its tables in one transaction."""
        self._begin()
        try:
            self._db.execute(
                "INSERT INTO workshops VALUES (?, ?, ?, ?)",
                (workshop.id, workshop.token_hash, workshop.scenario, workshop.created),
            )
            self._db.executemany(
                "INSERT INTO tables VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        t.id,
                        t.workshop_id,
                        t.code,
                        t.seed,
                        t.header,
                        int(t.finished),
                        i,
                        t.deadline,
                        int(t.timer_known),
                    )
                    for i, t in enumerate(tables)
                ],
            )
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

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
    ) -> None:
        """Append one action (and claim or release a seat token) durably, in one transaction."""
        self._begin()
        try:
            self._db.execute(
                "INSERT INTO actions VALUES (?, ?, ?, ?, ?, ?)",
                (row.table_id, row.seq, row.action_id, row.actor, row.at, row.record),
            )
            if claim is not None:
                self._upsert_seat(claim)
            if release is not None:
                self._db.execute(
                    "DELETE FROM seats WHERE table_id = ? AND role = ?", (row.table_id, release)
                )
            timer = (finished, deadline)
            if self._timers.get(row.table_id) != timer:  # most actions leave the timer alone
                self._db.execute(
                    "UPDATE tables SET finished = ?, deadline = ?, timer_known = 1 WHERE id = ?",
                    (int(finished), deadline, row.table_id),
                )
        except sqlite3.IntegrityError as exc:
            self._db.execute("ROLLBACK")
            raise DuplicateActionError(str(exc)) from exc
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")
        self._timers[row.table_id] = timer

    def claim_seat(self, seat: SeatRow) -> None:
        """Give a seat a (new) token without logging an action."""
        self._begin()
        try:
            self._upsert_seat(seat)
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _upsert_seat(self, seat: SeatRow) -> None:
        self._db.execute(
            "INSERT INTO seats VALUES (?, ?, ?, ?) ON CONFLICT (table_id, role)"
            " DO UPDATE SET token_hash = excluded.token_hash, name = excluded.name",
            (seat.table_id, seat.role, seat.token_hash, seat.name),
        )

    def close(self) -> None:
        """Close the database (the WAL is checkpointed by SQLite)."""
        self._db.close()
