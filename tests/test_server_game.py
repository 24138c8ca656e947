"""Playing over the wire: a real server, real socket.io clients, a real SQLite file."""

from __future__ import annotations

import asyncio
import random

from server_fixtures import LiveServer, live_server, seated_table

from game.log import GameLog

__all__ = ["live_server"]


async def test_four_players_and_a_facilitator_play_the_mini_pack_to_the_end(
    live_server: LiveServer,
) -> None:
    # Four trainees join by code, the facilitator watches; everyone plays random legal
    # moves from their own view until the table reads « Fin de partie ».
    ws, players = await seated_table(live_server)
    table_id = ws.tables[0].table_id
    fac = await live_server.facilitator(ws.facilitator_token)
    rng = random.Random(3)
    for _ in range(600):
        if all(p.view.view.phase == "fin" for p in players):
            break
        movers = [p for p in players if p.view.view.legal_actions]
        if movers:
            p = rng.choice(movers)
            ack = await p.act(p.random_action(rng))
            if not ack["ok"]:
                assert ack["error"]["code"] == "illegal_action", ack
                continue
        else:  # nobody may act: the facilitator moves the game on
            ack = await fac.control(table_id, {"type": "advance_phase"})
            assert ack["ok"], ack
        for q in players:
            await q.wait_version(ack["version"])
    assert [p.view.view.phase for p in players] == ["fin"] * 4
    await fac.wait_for(lambda: fac.summary is not None and fac.summary.tables[0].phase == "fin")
    # The facilitator downloads the log: replaying it gives the very game the players saw.
    status, text = await live_server.http(
        "GET", f"/api/tables/{table_id}/log", token=ws.facilitator_token
    )
    assert status == 200
    replayed = GameLog.from_jsonl(text)
    assert len(replayed.records) == players[0].view.version
    assert replayed.state.team_score == players[0].view.view.team_score


async def test_the_same_action_id_is_applied_once_and_acknowledged_twice(
    live_server: LiveServer,
) -> None:
    # A client retries its « prêt » after a network hiccup: the seat is ready once.
    ws, players = await seated_table(live_server)
    ready = {"type": "ready"}
    first = await players[0].act(ready, action_id="retry-1")
    second = await players[0].act(ready, action_id="retry-1")
    assert first == second == {"ok": True, "version": first["version"]}
    status, text = await live_server.http(
        "GET", f"/api/tables/{ws.tables[0].table_id}/log", token=ws.facilitator_token
    )
    assert status == 200
    assert sum('"type": "ready"' in line for line in text.splitlines()) == 1


async def test_two_seats_voting_at_the_same_instant_both_count(live_server: LiveServer) -> None:
    # In the vote phase, the DPO and the élu·e vote at the very same moment: both votes show.
    ws, players = await seated_table(live_server)
    fac = await live_server.facilitator(ws.facilitator_token)
    table_id = ws.tables[0].table_id
    await _advance_to(fac, players, table_id, "propositions")
    proposer = players[0]
    propose = next(a for a in proposer.view.view.legal_actions if a.type == "propose")
    ack = await proposer.act(propose)
    assert ack["ok"], ack
    await _advance_to(fac, players, table_id, "vote")
    votes = [next(a for a in p.view.view.legal_actions if a.type == "vote") for p in players[1:3]]
    acks = await asyncio.gather(*(p.act(v) for p, v in zip(players[1:3], votes, strict=True)))
    assert all(a["ok"] for a in acks), acks
    assert len({a["version"] for a in acks}) == 2  # applied one after the other
    last = max(a["version"] for a in acks)
    await players[0].wait_version(last)
    assert {"dpo", "elu"} <= set(players[0].view.view.proposals[0].votes)


async def test_a_dropped_player_rejoins_its_seat_with_its_token_and_catches_up(
    live_server: LiveServer,
) -> None:
    # The DRH's laptop drops; meanwhile the DGS says « prêt ». The DRH reconnects with
    # its token, gets its seat back and the view shows the DGS ready.
    ws, players = await seated_table(live_server)
    drh = players[3]
    token = drh.token
    await drh.sio.disconnect()
    ack = await players[0].act({"type": "ready"})
    back = await live_server.player()
    joined = await back.join(ws.tables[0].code, token=token)
    assert joined["ok"] and joined["seat"] == "drh" and joined["token"] == token
    assert joined["version"] == ack["version"]
    sync = await back.call("sync", {})
    assert sync["ok"] and sync["version"] == ack["version"]
    dgs = next(s for s in sync["view"]["seats"] if s["role"] == "dgs")
    assert dgs["ready"] is True


async def test_a_new_connection_with_the_token_takes_the_seat_over(
    live_server: LiveServer,
) -> None:
    # The DPO opens the game on a second screen with the same token: the first screen is
    # told « Votre place a été reprise » and can no longer act for the DPO.
    ws, players = await seated_table(live_server)
    old = players[1]
    new = await live_server.player()
    ack = await new.join(ws.tables[0].code, token=old.token)
    assert ack["ok"] and ack["seat"] == "dpo"
    await old.wait_for(lambda: any(n.kind == "seat_taken" for n in old.notices))
    refused = await old.act({"type": "ready"})
    assert refused["ok"] is False and refused["error"]["code"] == "not_joined"
    accepted = await new.act({"type": "ready"})
    assert accepted["ok"] is True


async def test_a_phase_timer_running_out_moves_the_game_on(live_server: LiveServer) -> None:
    # The facilitator sets 1 s on the event phase; when it runs out the table is in
    # « Propositions » and the log shows the server's phase_timeout.
    ws, players = await seated_table(live_server)
    fac = await live_server.facilitator(ws.facilitator_token)
    table_id = ws.tables[0].table_id
    assert (await fac.control(table_id, {"type": "start_game"}))["ok"]
    ack = await fac.control(table_id, {"type": "set_timer", "seconds": 1})
    assert ack["ok"], ack
    await players[0].wait_for(lambda: players[0].view.view.phase == "propositions")
    status, text = await live_server.http(
        "GET", f"/api/tables/{table_id}/log", token=ws.facilitator_token
    )
    assert status == 200 and '"type": "phase_timeout"' in text


async def _advance_to(fac, players, table_id: str, phase: str) -> None:  # type: ignore[no-untyped-def]
    """The facilitator starts the game and advances phases until `phase`."""
    for _ in range(12):
        current = players[0].view.view.phase
        if current == phase:
            return
        kind = "start_game" if current == "lobby" else "advance_phase"
        ack = await fac.control(table_id, {"type": kind})
        assert ack["ok"], ack
        for p in players:
            await p.wait_version(ack["version"])
    raise AssertionError(f"phase {phase} never reached")


async def test_one_shared_screen_holds_two_seats_and_acts_for_each(
    live_server: LiveServer,
) -> None:
    # One laptop for the DGS and the DPO: it joins both seats, gets a view for each,
    # and says « prêt » for each by naming the seat: both occupied seats ready, the game starts.
    ws = await live_server.workshop()
    screen = await live_server.player()
    assert (await screen.join(ws.tables[0].code, name="DGS", seat="dgs"))["ok"]
    assert (await screen.join(ws.tables[0].code, name="DPO", seat="dpo"))["ok"]
    first = await screen.act({"type": "ready", "seat": "dgs"})
    second = await screen.act({"type": "ready", "seat": "dpo"})
    assert first["ok"] and second["ok"]
    await screen.wait_for(lambda: screen.views["dgs"].version >= second["version"])
    assert screen.views["dpo"].version == second["version"]
    assert screen.views["dgs"].view.phase == "evenement"
    unnamed = await screen.act({"type": "ready"})  # two seats: which one? refused
    assert unnamed["ok"] is False and unnamed["error"]["code"] == "bad_request"
