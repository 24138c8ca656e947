"""The SQLite schema as numbered migrations, tracked by `PRAGMA user_version`.

Migration N brings a database from version N-1 to version N; opening a store runs
the ones past the file's `user_version`, each in its own transaction with the new
version number. Databases written before versions existed say 0 whatever their
shape: migrations 1 and 2 therefore check what is already there (tables made with
IF NOT EXISTS, columns added only when missing), so such a file of either shape
(with or without the timer columns) ends at the latest version with its data.

Add a change as a new function at the end of MIGRATIONS; never edit a released one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable


class SchemaTooNewError(Exception):
    """The database was written by a newer Cap IA than this one (French message)."""


def _v1_base(db: sqlite3.Connection) -> None:
    """Workshops, tables, seat tokens and the action log (the first release's schema)."""
    _script(
        db,
        """
        CREATE TABLE IF NOT EXISTS workshops (
            id TEXT PRIMARY KEY,
            token_hash TEXT NOT NULL,
            scenario TEXT NOT NULL,
            created REAL NOT NULL
        );
        CREATE TABLE IF NOT EXISTS tables (
            id TEXT PRIMARY KEY,
            workshop_id TEXT NOT NULL REFERENCES workshops(id),
            code TEXT NOT NULL UNIQUE,
            seed INTEGER NOT NULL,
            header TEXT NOT NULL,
            finished INTEGER NOT NULL DEFAULT 0,
            position INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS tables_by_workshop ON tables(workshop_id);
        CREATE TABLE IF NOT EXISTS seats (
            table_id TEXT NOT NULL REFERENCES tables(id),
            role TEXT NOT NULL,
            token_hash TEXT NOT NULL,
            name TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (table_id, role)
        );
        CREATE TABLE IF NOT EXISTS actions (
            table_id TEXT NOT NULL REFERENCES tables(id),
            seq INTEGER NOT NULL,
            action_id TEXT NOT NULL,
            actor TEXT NOT NULL,
            at REAL NOT NULL,
            record TEXT NOT NULL,
            PRIMARY KEY (table_id, seq),
            UNIQUE (table_id, action_id)
        );
        """,
    )


def _v2_timers(db: sqlite3.Connection) -> None:
    """Each table's timer deadline after its last action, so a restart arms timers
    without replaying logs (`timer_known` 0: a row from before, rebuilt at start)."""
    columns = {r[1] for r in db.execute("PRAGMA table_info(tables)")}
    if "deadline" not in columns:
        db.execute("ALTER TABLE tables ADD COLUMN deadline REAL")
    if "timer_known" not in columns:
        db.execute("ALTER TABLE tables ADD COLUMN timer_known INTEGER NOT NULL DEFAULT 0")


def _v3_server_meta(db: sqlite3.Connection) -> None:
    """The server's own values (admin token hash, signing secret), closed workshops and
    the names a facilitator gave tables."""
    _script(
        db,
        """
        CREATE TABLE IF NOT EXISTS server_meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS workshop_closures (
            workshop_id TEXT PRIMARY KEY REFERENCES workshops(id),
            closed REAL NOT NULL
        );
        CREATE TABLE IF NOT EXISTS table_names (
            table_id TEXT PRIMARY KEY REFERENCES tables(id),
            name TEXT NOT NULL
        );
        """,
    )


def _script(db: sqlite3.Connection, sql: str) -> None:
    """Run several statements inside the open transaction (`executescript` would commit)."""
    for statement in sql.split(";"):
        if statement.strip():
            db.execute(statement)


#: migration N (1-based) is MIGRATIONS[N - 1]
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    _v1_base,
    _v2_timers,
    _v3_server_meta,
)
LATEST = len(MIGRATIONS)


def schema_version(db: sqlite3.Connection) -> int:
    """The file's `PRAGMA user_version`."""
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: sqlite3.Connection) -> int:
    """Bring `db` (autocommit connection) to the latest version; return the version it had.

    Raises SchemaTooNewError for a file from a newer release (nothing is changed).
    """
    found = schema_version(db)
    if found > LATEST:
        raise SchemaTooNewError(
            f"Cette base de données est au format {found}, plus récent que celui de cette "
            f"version de Cap IA ({LATEST}) : mettez Cap IA à jour."
        )
    for number in range(found + 1, LATEST + 1):
        db.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[number - 1](db)
            db.execute(f"PRAGMA user_version = {number}")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
    return found
