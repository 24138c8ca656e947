"""A restarted server arms every unfinished table's timer at once and rebuilds its game later.

Replaying 200 unfinished logs at start took 12 s; the stored row now carries
the table's deadline, so start-up only reads rows and the game is rebuilt on
first use (or by the background warm-up), identical to the one before.
"""

from __future__ import annotations

import random
from pathlib import Path

from game.bots import BOTS
from game.driver import BotPick
from game.engine import Phase
from game.engine.actions import OccupySeat, Ready
from server.hub import Hub
from server.scenarios import ScenarioLibrary
from server.store import SqliteStore

ROOT = Path(__file__).resolve().parent.parent
PACKS = (ROOT / "scenarios", ROOT / "tests" / "packs")


def _hub(db: Path) -> Hub:
    return Hub(SqliteStore(db), ScenarioLibrary(PACKS), sio=None)  # type: ignore[arg-type]


async def test_restart_arms_the_timer_and_rebuilds_the_same_game_on_first_use(
    tmp_path: Path,
) -> None:
    # Two seats sit and say ready: the game starts and the event phase has a deadline.
    # After a restart the table is not rebuilt yet, its timer is armed with the same
    # deadline, and the first look-up rebuilds the very same state.
    db = tmp_path / "capia.sqlite3"
    hub = _hub(db)
    table_id = (await hub.create_workshop("mini", 1, seed=4)).tables[0].table_id
    host = hub.host(table_id)
    assert host is not None
    for role in ("dgs", "dpo"):
        await host.commit(hub.store, OccupySeat(seat=role, at=100.0), action_id=f"o-{role}")
    for role in ("dgs", "dpo"):
        await host.commit(hub.store, Ready(seat=role, at=101.0), action_id=f"r-{role}")
    deadline = host.state.timer.deadline
    assert deadline is not None and host.state.phase == "evenement"
    before = host.state.state_hash()
    await hub.close()
    hub.store.close()

    again = _hub(db)
    again.load()
    assert again.counts()["live_tables"] == 0
    assert again.counts()["timers"] == 1
    rebuilt = again.host(table_id)
    assert rebuilt is not None and rebuilt.state.state_hash() == before
    assert rebuilt.state.timer.deadline == deadline
    await again.close()
    again.store.close()


async def test_warm_up_rebuilds_every_unfinished_table(tmp_path: Path) -> None:
    # Three lobby tables with one seated player each: after a restart none is live;
    # after the warm-up all three are.
    db = tmp_path / "capia.sqlite3"
    hub = _hub(db)
    for ref in (await hub.create_workshop("mini", 3, seed=9)).tables:
        host = hub.host(ref.table_id)
        assert host is not None
        await host.commit(hub.store, OccupySeat(seat="dgs", at=5.0), action_id="o")
    await hub.close()
    hub.store.close()

    again = _hub(db)
    again.load()
    assert again.counts()["live_tables"] == 0
    await again.warm_up()
    assert again.counts()["live_tables"] == 3
    await again.close()
    again.store.close()


async def test_the_stored_timer_follows_the_game_though_most_actions_leave_it_alone(
    tmp_path: Path,
) -> None:
    # The store rewrites a table's row (and its ~100 KB header) only when the timer or
    # the end changes; after every action of a whole bot game, across a reopening of
    # the database, the row still says what the game says.
    db = tmp_path / "capia.sqlite3"
    hub = _hub(db)
    table_id = (await hub.create_workshop("mini", 1, seed=6)).tables[0].table_id
    host = hub.host(table_id)
    assert host is not None
    roles = host.roles
    for role in roles:
        await host.commit(hub.store, OccupySeat(seat=role, at=1.0), action_id=f"o-{role}")
    rng, table, writes = random.Random(6), BotPick(BOTS["random"], clock=2.0), 0
    while host.state.phase is not Phase.FIN:
        if host.version == 40:  # reopen the database halfway
            hub.store.close()
            hub.store = SqliteStore(db)
        action = table(host.state, rng)
        before = hub.store.table(table_id)
        await host.commit(hub.store, action, action_id=f"a{host.version}")
        row = hub.store.table(table_id)
        assert row is not None and before is not None
        state = host.state
        expected = None if state.paused else state.timer.deadline
        assert (row.finished, row.deadline) == (state.phase is Phase.FIN, expected)
        writes += (before.finished, before.deadline) != (row.finished, row.deadline)
    assert 0 < writes < host.version // 3  # the row changed far less often than the log
    hub.store.close()
