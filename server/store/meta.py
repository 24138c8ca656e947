"""What a SQLite store keeps besides game logs: the server's own values (admin token
hash, signing secret), closed workshops, and online backups. A mixin of `SqliteStore`
(kept apart from its write path)."""

from __future__ import annotations

import sqlite3
from pathlib import Path


class SqliteMeta:
    """Server values, workshop closures and backups on `self._db` (autocommit)."""

    _db: sqlite3.Connection

    def meta(self, key: str) -> str | None:
        """The server value stored under `key`, or None."""
        row = self._db.execute("SELECT value FROM server_meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        """Store (or replace) a server value."""
        self._db.execute(
            "INSERT INTO server_meta VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def add_meta(self, key: str, value: str) -> str:
        """Store `value` under `key` unless one is there; return the stored one (so two
        processes opening a new file agree on one value)."""
        self._db.execute("INSERT OR IGNORE INTO server_meta VALUES (?, ?)", (key, value))
        stored = self.meta(key)
        assert stored is not None
        return stored

    def close_workshop(self, workshop_id: str, at: float) -> None:
        """Mark a workshop closed (its tables take no more joins nor actions)."""
        self._db.execute("INSERT OR IGNORE INTO workshop_closures VALUES (?, ?)", (workshop_id, at))

    def closed_workshops(self) -> dict[str, float]:
        """Closed workshops: id → when (epoch seconds)."""
        rows = self._db.execute("SELECT workshop_id, closed FROM workshop_closures").fetchall()
        return {str(r[0]): float(r[1]) for r in rows}

    def set_table_names(self, names: dict[str, str]) -> None:
        """Name tables (table id → name), e.g. « Les Bleus »."""
        self._db.executemany(
            "INSERT OR REPLACE INTO table_names VALUES (?, ?)", list(names.items())
        )

    def table_names(self) -> dict[str, str]:
        """Every named table: id → name."""
        rows = self._db.execute("SELECT table_id, name FROM table_names").fetchall()
        return {str(r[0]): str(r[1]) for r in rows}

    def backup(self, target: str | Path) -> None:
        """Copy the whole database to the file `target` (SQLite's online backup: readers and
        the writer go on meanwhile, the copy is one consistent snapshot)."""
        dest = sqlite3.connect(target)
        try:
            self._db.backup(dest)
        finally:
            dest.close()
