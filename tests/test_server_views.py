"""The server's hand-built `view` and `summary` texts give clients exactly what the models say.

The hub sends each seat a patch of the view its connection was last sent, and
builds `summary` texts from cached pieces: a client applying them must hold,
after every action, the very view `ViewMessage(...).model_dump_json()` carries.
"""

from __future__ import annotations

import json
import random
from collections.abc import AsyncIterator
from pathlib import Path

from game.bots import BOTS
from game.driver import BotPick
from game.engine import Phase
from game.engine.actions import OccupySeat
from game.protocol import SeatView, ViewMessage, WorkshopSummary
from server.hub import Hub
from server.scenarios import ScenarioLibrary
from server.store import SqliteStore
from server.tables import TableHost

ROOT = Path(__file__).resolve().parent.parent


def _hub(tmp_path: Path) -> Hub:
    library = ScenarioLibrary((ROOT / "scenarios", ROOT / "tests" / "packs"))
    return Hub(SqliteStore(tmp_path / "capia.sqlite3"), library, sio=None)  # type: ignore[arg-type]


#: Player names a JSON writer could get wrong: accents, quotes, backslash, control characters.
NAMES = ("Zoé", 'Léa "la DSI"', "back\\slash", "tab\tnew\nline", "«Ünïcødé» — ok", "\x7f\x01")


async def _game(tmp_path: Path, seed: int = 3) -> tuple[Hub, TableHost, AsyncIterator[None]]:
    """A ville-moyenne table with every seat occupied, and a step that plays one bot action."""
    hub = _hub(tmp_path)
    ref = (await hub.create_workshop("ville-moyenne", 1, seed=seed)).tables[0]
    host = hub.host(ref.table_id)
    assert host is not None
    for i, role in enumerate(host.roles):
        name = NAMES[i % len(NAMES)]
        occupy = OccupySeat(seat=role, name=name, at=1.0)
        await host.commit(hub.store, occupy, action_id=f"occupy{i}")

    async def steps() -> AsyncIterator[None]:
        rng, table = random.Random(seed), BotPick(BOTS["greedy"], clock=2.0)
        while host.state.phase is not Phase.FIN:
            action = table(host.state, rng)
            await host.commit(hub.store, action, action_id=f"a{host.version}")
            yield

    return hub, host, steps()


def _expected(host: TableHost, role: str | None) -> str:
    return ViewMessage(
        table_id=host.id, version=host.version, view=host.view(role)
    ).model_dump_json()


async def test_view_patches_rebuild_every_seat_view_at_every_step_of_a_game(
    tmp_path: Path,
) -> None:
    # A whole bot game of ville-moyenne: after every action each seat's connection gets
    # a message that, applied by the client's SeatView to what it holds, gives exactly
    # the view ViewMessage(...).model_dump_json() would carry; the first message is that
    # very text; the facilitator's view_json too.
    _, host, steps = await _game(tmp_path)
    holders = [(role, f"sid-{role}") for role in host.roles]
    held = {role: SeatView() for role in host.roles}
    first = host.view_messages(holders)
    for role, _ in holders:
        assert first[role] == _expected(host, role)
        assert held[role].take(first[role]) == "new"
    whole = patched = 0
    async for _ in steps:
        texts = host.view_messages(holders)
        for role, _ in holders:
            msg = json.loads(texts[role])
            assert "view" not in msg and msg["base"] == host.version - 1 and msg["seat"] == role
            assert held[role].take(texts[role]) == "new"
            assert held[role].version == host.version
            assert held[role].view == json.loads(_expected(host, role))["view"]
            whole += len(_expected(host, role))
            patched += len(texts[role])
        for role in (*host.roles, None):
            assert host.view_json(role) == _expected(host, role)
        host.connection_changed()  # the summary is remade: checked at every step too
        assert host.summary_json() == host.summary().model_dump_json()
    assert host.version > 300
    sent = host.version * len(holders)
    print(f"mean whole view {whole / sent:.0f} B, mean patch {patched / sent:.0f} B")
    assert patched * 5 < whole  # a patch is a small part of the view it replaces


async def test_a_new_connection_or_a_sync_gets_a_whole_view_again(tmp_path: Path) -> None:
    _, host, steps = await _game(tmp_path, seed=4)
    roles = host.roles
    host.view_messages([(r, "a") for r in roles])
    await anext(steps)
    # the same connection: a patch; another connection for a seat: the whole view
    texts = host.view_messages([(roles[0], "a"), (roles[1], "b")])
    assert json.loads(texts[roles[0]])["base"] == host.version - 1
    assert texts[roles[1]] == _expected(host, roles[1])
    await anext(steps)
    host.forget_sent(roles[0])  # what join and sync do after sending the whole view
    texts = host.view_messages([(roles[0], "a"), (roles[1], "b")])
    assert texts[roles[0]] == _expected(host, roles[0])
    assert json.loads(texts[roles[1]])["base"] == host.version - 1


def test_a_patch_that_does_not_follow_the_view_held_is_a_gap() -> None:
    held = SeatView()
    assert (
        held.take({"table_id": "t", "version": 3, "seat": "dgs", "base": 2, "changes": {}}) == "gap"
    )
    assert held.reset(3, {"feed": [1, 2], "turn": 1}, "t")
    assert held.take('{"table_id":"t","version":2,"view":{}}') == "stale"
    assert held.take({"version": 5, "base": 4, "changes": {"turn": 2}, "lists": {}}) == "gap"
    bad = {"version": 4, "base": 3, "changes": {}, "lists": {"turn": [0, 1, []]}}
    assert held.take(bad) == "gap" and held.version == 3  # nothing changed
    out_of_range = {"version": 4, "base": 3, "changes": {}, "lists": {"feed": [0, 2, [[5, 0]]]}}
    assert held.take(out_of_range) == "gap" and held.view == {"feed": [1, 2], "turn": 1}
    shift = {"version": 4, "base": 3, "changes": {"turn": 2}, "lists": {"feed": [1, 2, [[1, 3]]]}}
    assert held.take(json.dumps(shift)) == "new"
    assert held.view == {"feed": [2, 3], "turn": 2} and held.version == 4


async def test_summary_text_is_the_workshop_summary_dump(tmp_path: Path) -> None:
    # A workshop of three tables, one of them changed: the summary text the
    # facilitator receives equals WorkshopSummary(...).model_dump_json().
    hub = _hub(tmp_path)
    ws = await hub.create_workshop("mini", 3, seed=5)
    host = hub.host(ws.tables[1].table_id)
    assert host is not None
    await host.commit(hub.store, OccupySeat(seat=host.roles[0], name="Zoé", at=1.0), action_id="x")
    text = hub.workshop_summary_json(ws.workshop_id)
    assert text == hub.workshop_summary(ws.workshop_id).model_dump_json()
    assert WorkshopSummary.model_validate_json(text).tables[1].seats[0].name == "Zoé"
