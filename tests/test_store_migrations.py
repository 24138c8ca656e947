"""Schema versions: a database of an older release opens at the latest version with its data."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from server.store import SqliteStore
from server.store.migrations import LATEST, SchemaTooNewError, schema_version

#: the schema of the first release (before timer columns and versions), as it was written
V0_SCHEMA = """
CREATE TABLE workshops (id TEXT PRIMARY KEY, token_hash TEXT NOT NULL, scenario TEXT NOT NULL,
    created REAL NOT NULL);
CREATE TABLE tables (id TEXT PRIMARY KEY, workshop_id TEXT NOT NULL REFERENCES workshops(id),
    code TEXT NOT NULL UNIQUE, seed INTEGER NOT NULL, header TEXT NOT NULL,
    finished INTEGER NOT NULL DEFAULT 0, position INTEGER NOT NULL);
CREATE INDEX tables_by_workshop ON tables(workshop_id);
CREATE TABLE seats (table_id TEXT NOT NULL REFERENCES tables(id), role TEXT NOT NULL,
    token_hash TEXT NOT NULL, name TEXT NOT NULL DEFAULT '', PRIMARY KEY (table_id, role));
CREATE TABLE actions (table_id TEXT NOT NULL REFERENCES tables(id), seq INTEGER NOT NULL,
    action_id TEXT NOT NULL, actor TEXT NOT NULL, at REAL NOT NULL, record TEXT NOT NULL,
    PRIMARY KEY (table_id, seq), UNIQUE (table_id, action_id));
"""
#: the second shape, still without a version number: the timer columns added
V1_COLUMNS = (
    "ALTER TABLE tables ADD COLUMN deadline REAL;"
    "ALTER TABLE tables ADD COLUMN timer_known INTEGER NOT NULL DEFAULT 0;"
)


def _old_database(path: Path, *, timers: bool) -> None:
    db = sqlite3.connect(path)
    db.executescript(V0_SCHEMA + (V1_COLUMNS if timers else ""))
    db.execute("INSERT INTO workshops VALUES ('w-1', 'h', 'mini', 1.0)")
    db.execute("INSERT INTO tables (id, workshop_id, code, seed, header, finished, position)"
               " VALUES ('t-1', 'w-1', 'ABCD', 7, '{\"h\": 1}', 0, 0)")  # fmt: skip
    db.execute("INSERT INTO seats VALUES ('t-1', 'dgs', 'hash', 'Anne')")
    db.execute("INSERT INTO actions VALUES ('t-1', 0, 'a1', 'dgs', 2.0, '{\"r\": 1}')")
    db.commit()
    assert schema_version(db) == 0
    db.close()


@pytest.mark.parametrize("timers", [False, True], ids=["v0", "v1-timers"])
def test_an_older_database_opens_at_the_latest_version_with_its_data(
    tmp_path: Path, timers: bool
) -> None:
    path = tmp_path / "old.sqlite3"
    _old_database(path, timers=timers)
    store = SqliteStore(path)
    try:
        [w] = store.workshops()
        assert (w.id, w.scenario) == ("w-1", "mini")
        [t] = store.tables()
        assert (t.code, t.seed, t.header, t.timer_known) == ("ABCD", 7, '{"h": 1}', False)
        assert [s.name for s in store.seats("t-1")] == ["Anne"]
        assert [a.record for a in store.actions("t-1")] == ['{"r": 1}']
        store.set_meta("k", "v")  # the tables of the latest version are there
        assert store.meta("k") == "v"
        assert store.closed_workshops() == {}
    finally:
        store.close()
    db = sqlite3.connect(path)
    assert schema_version(db) == LATEST
    db.close()
    SqliteStore(path).close()  # opening again at the latest version changes nothing


def test_a_new_file_starts_at_the_latest_version(tmp_path: Path) -> None:
    SqliteStore(tmp_path / "new.sqlite3").close()
    db = sqlite3.connect(tmp_path / "new.sqlite3")
    assert schema_version(db) == LATEST
    db.close()


def test_a_database_from_a_newer_release_is_refused_in_french(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {LATEST + 1}")
    db.close()
    with pytest.raises(SchemaTooNewError, match="mettez Cap IA à jour"):
        SqliteStore(path)
