"""Isolation and bad input: what a seat, a token or a stray message can and cannot do."""

from __future__ import annotations

import asyncio

import pytest
import socketio
from server_fixtures import ROOT, LiveServer, live_server, seated_table

from game.scenario import load_pack

__all__ = ["live_server"]

MINI = load_pack(ROOT / "tests" / "packs" / "mini")
SECRETS = {r.id: r.secret.text for r in MINI.scenario.roles}
SHADOW = [s.title for s in MINI.scenario.collectivite.shadow_ai]


async def test_a_seat_cannot_act_for_another_seat(live_server: LiveServer) -> None:
    # The DGS sends « prêt » in the DPO's name: refused, and the DPO is still not ready.
    _, players = await seated_table(live_server)
    before = players[0].view.version
    ack = await players[0].act({"type": "ready", "seat": "dpo"})
    assert ack["ok"] is False and ack["error"]["code"] == "forbidden"
    sync = await players[1].call("sync", {})
    assert sync["version"] == before
    assert next(s for s in sync["view"]["seats"] if s["role"] == "dpo")["ready"] is False


async def test_a_player_cannot_send_facilitator_actions(live_server: LiveServer) -> None:
    # A trainee tries to start the game or end it: both refused.
    _, players = await seated_table(live_server)
    for kind in ("start_game", "end_game", "phase_timeout", "occupy_seat"):
        ack = await players[0].act({"type": kind})
        assert ack["ok"] is False and ack["error"]["code"] in {"forbidden", "bad_request"}, ack


async def test_a_token_only_opens_its_own_table(live_server: LiveServer) -> None:
    # The DGS of table 1 tries its token on table 2: « Ce jeton ne correspond à aucune place ici ».
    ws = await live_server.workshop(tables=2)
    p = await live_server.player()
    ack = await p.join(ws.tables[0].code, name="Ana", seat="dgs")
    intruder = await live_server.player()
    refused = await intruder.join(ws.tables[1].code, token=ack["token"])
    assert refused["ok"] is False and refused["error"]["code"] == "bad_token"
    also = await intruder.join(ws.tables[0].code, seat="dgs")
    assert also["ok"] is False and also["error"]["code"] == "seat_taken"


async def test_no_message_shows_another_seats_secret_or_the_hidden_shadow_ai(
    live_server: LiveServer,
) -> None:
    # Through a game's first turn, nothing a player receives (acks, views, card texts)
    # carries another role's secret objective or the shadow-AI inventory.
    ws, players = await seated_table(live_server)
    fac = await live_server.facilitator(ws.facilitator_token)
    table_id = ws.tables[0].table_id
    for _ in range(6):
        ack = await fac.control(table_id, {"type": "advance_phase"})
        if not ack["ok"]:
            ack = await fac.control(table_id, {"type": "start_game"})
        for p in players:
            await p.wait_version(ack["version"])
    for p in players:
        assert p.view.view.shadow_ai is None
        received = "\n".join(p.raw)
        assert SECRETS[p.seat or ""] in received  # its own objective is there
        for role, text in SECRETS.items():
            if role != p.seat:
                assert text not in received, role
        for title in SHADOW:
            assert title not in received
    status, public = await live_server.http("GET", f"/api/tables/by-code/{ws.tables[0].code}")
    assert status == 200 and not any(t in str(public) for t in [*SECRETS.values(), *SHADOW])


async def test_a_facilitator_token_gives_nothing_on_another_workshop(
    live_server: LiveServer,
) -> None:
    # The facilitator of workshop A tries to read and drive workshop B: refused everywhere.
    a = await live_server.workshop()
    b = await live_server.workshop()
    b_table = b.tables[0].table_id
    status, _ = await live_server.http(
        "GET", f"/api/workshops/{b.workshop_id}", token=a.facilitator_token
    )
    assert status == 403
    status, _ = await live_server.http(
        "GET", f"/api/tables/{b_table}/log", token=a.facilitator_token
    )
    assert status == 403
    status, _ = await live_server.http("GET", f"/api/tables/{b_table}/log")
    assert status == 403
    fac = await live_server.facilitator(a.facilitator_token)
    ack = await fac.control(b_table, {"type": "start_game"})
    assert ack["ok"] is False and ack["error"]["code"] == "unknown_table"
    ack = await fac.call("notice", {"table_id": b_table, "text": "Bonjour"})
    assert ack["ok"] is False and ack["error"]["code"] == "unknown_table"
    ack = await fac.call("table_view", {"table_id": b_table})
    assert ack["ok"] is False and ack["error"]["code"] == "unknown_table"
    summary = await fac.call("sync_all", {})
    assert [t["table_id"] for t in summary["summary"]["tables"]] == [a.tables[0].table_id]


async def test_a_wrong_facilitator_token_cannot_connect(live_server: LiveServer) -> None:
    # A made-up token: the connection is refused with « Jeton d'animation inconnu ».
    await live_server.workshop()
    client = socketio.AsyncClient(reconnection=False)
    with pytest.raises(socketio.exceptions.ConnectionError):
        await client.connect(
            live_server.url, transports=["websocket"], auth={"facilitator_token": "x" * 32}
        )


@pytest.mark.parametrize(
    ("event", "payload", "code"),
    [
        ("act", "pas un objet", "bad_request"),
        ("act", {"action": {"type": "ready"}}, "bad_request"),  # no action_id
        ("act", {"action": {"type": "teleport"}, "action_id": "a"}, "bad_request"),
        ("act", {"action": {"type": "vote", "proposal": "x"}, "action_id": "a"}, "bad_request"),
        (
            "act",
            {"action": {"type": "vote", "proposal": 0, "choice": "pour"}, "action_id": "b"},
            "illegal_action",
        ),
        ("act", {"action": {"type": "ready"}, "action_id": "a", "extra": 1}, "bad_request"),
        ("act", {"action": {"type": "ready"}, "action_id": "x" * 20_000}, "payload_too_large"),
        ("join", {"code": "ZZZZZZ", "name": "Eve"}, "unknown_table"),
        ("join", {"code": 12}, "bad_request"),
        ("sync", [1, 2], "bad_request"),
        ("téléporter", {}, "unknown_event"),
        ("control", {"table_id": "t", "action": {"type": "pause"}, "action_id": "a"}, "forbidden"),
    ],
)
async def test_bad_input_gets_an_error_ack_and_changes_nothing(
    live_server: LiveServer, event: str, payload: object, code: str
) -> None:
    # Each malformed or out-of-place message gets {ok: false, error: {code, message}}
    # in French, and the table's version does not move.
    _, players = await seated_table(live_server)
    before = players[0].view.version
    ack = await players[0].call(event, payload)
    assert ack["ok"] is False and ack["error"]["code"] == code, ack
    assert ack["error"]["message"]
    sync = await players[1].call("sync", {})
    assert sync["ok"] and sync["version"] == before


async def test_unparseable_packets_and_oversized_frames_leave_others_playing(
    live_server: LiveServer,
) -> None:
    # One client sends broken JSON, then a 100 kB frame: the server drops that client's
    # frame (or connection), the other players keep playing.
    _, players = await seated_table(live_server)
    await players[0].sio.eio.send('2["act",{"action":')  # broken socket.io packet
    await players[0].sio.eio.send('2["act",' + '"' + "x" * 100_000 + '"]')
    await asyncio.sleep(0.2)  # let the server read both frames before checking
    ack = await players[1].act({"type": "ready"})
    assert ack["ok"] is True
    assert (await players[2].call("sync", {}))["version"] == ack["version"]
