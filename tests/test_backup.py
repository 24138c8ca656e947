"""`capia backup PATH`: SQLite's online backup of a running server's database, taken while
a game is played, opens as a consistent copy with the tables and their logs."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from server_fixtures import WAIT, LiveServer, Player, live_server, seated_table

from game.cli import main
from server.admin_cli import backup
from server.store import SqliteStore

__all__ = ["live_server"]


async def _play(players: list[Player], stop: asyncio.Event, acked: list[int]) -> None:
    rng = random.Random(3)
    while not stop.is_set():
        for p in players:
            action = p.random_action(rng)
            if action is not None:
                ack = await p.act(action)
                if ack["ok"]:
                    acked.append(ack["version"])
        await asyncio.sleep(0)


async def _until(predicate: Callable[[], bool]) -> None:  # (no timing: WAIT is a net)
    while not predicate():
        await asyncio.sleep(0.01)


async def test_a_backup_taken_mid_game_is_a_consistent_copy(
    live_server: LiveServer, tmp_path: Path
) -> None:
    ws, players = await seated_table(live_server)
    fac = await live_server.facilitator(ws.facilitator_token)
    table_id = ws.tables[0].table_id
    assert (await fac.control(table_id, {"type": "start_game"}))["ok"]
    stop, acked = asyncio.Event(), []
    game = asyncio.create_task(_play(players, stop, acked))
    copies = []
    try:
        for i in range(3):
            wanted = 5 * (i + 1)
            await asyncio.wait_for(_until(lambda n=wanted: len(acked) >= n), WAIT)
            target = tmp_path / f"copie-{i}.sqlite3"
            await asyncio.to_thread(backup, live_server.db, target)  # the game goes on
            copies.append(target)
    finally:
        stop.set()
        await game
    live = SqliteStore(live_server.db)
    records = [a.record for a in live.actions(table_id)]
    live.close()
    sizes = []
    for target in copies:
        copy = SqliteStore(target)
        try:
            assert [w.id for w in copy.workshops()] == [ws.workshop_id]
            assert [t.code for t in copy.tables()] == [ws.tables[0].code]
            assert {s.role for s in copy.seats(table_id)} == {"dgs", "dpo", "elu", "drh"}
            got = [a.record for a in copy.actions(table_id)]
            assert got == records[: len(got)]  # a prefix of the log: one snapshot
            sizes.append(len(got))
        finally:
            copy.close()
    assert sizes == sorted(sizes) and sizes[-1] > sizes[0]


def test_capia_backup_refuses_to_overwrite_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "capia.sqlite3"
    SqliteStore(db).close()
    target = tmp_path / "copie.sqlite3"
    assert main(["backup", str(target), "--db", str(db)]) == 0
    assert main(["backup", str(target), "--db", str(db)]) == 1
    assert "existe déjà" in capsys.readouterr().err
    assert main(["backup", str(target), "--db", str(db), "--force"]) == 0
    assert main(["backup", str(target), "--db", str(tmp_path / "nulle.sqlite3")]) == 1
    assert "pas de base de données" in capsys.readouterr().err
